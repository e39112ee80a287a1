//! "Did you mean …?" suggestions by edit distance.

/// The candidate closest to `wanted`, if it is close enough to be a likely typo: a different
/// case, or an edit distance of at most a third of the length (at least 1, at most 3).
pub fn suggest<'a, I, S>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        if candidate == wanted {
            continue;
        }
        let distance = if candidate.to_lowercase() == wanted_lower {
            0
        } else {
            levenshtein(&wanted_lower, &candidate.to_lowercase())
        };
        if distance <= limit && best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// `did you mean `x`?` for [`suggest`]'s answer.
pub fn did_you_mean<'a, I, S>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    suggest(wanted, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Edit distance over chars (optimal string alignment: insertions, deletions, substitutions
/// and swaps of two neighbours each count one).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    // INVARIANT: `at(i, j)` is in bounds for `i <= a.len()` and `j <= b.len()`, the only
    // indexes used below.
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[at(i - 1, j)] + 1)
                .min(d[at(i, j - 1)] + 1)
                .min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = best;
        }
    }
    d[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_typo() {
        let candidates = ["Sales", "Service", "Root"];
        assert_eq!(suggest("Sales2", &candidates).as_deref(), Some("Sales"));
        assert_eq!(suggest("sales", &candidates).as_deref(), Some("Sales"));
        assert_eq!(suggest("Marketing", &candidates), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("same", "same"), 0);
        assert_eq!(levenshtein("alcie", "alice"), 1);
    }
}

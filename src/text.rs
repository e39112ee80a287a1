//! Numbers as the views print them: `12,345`, `1 run` / `3 runs`.

/// Digits grouped by thousands with commas: "12,345".
pub fn thousands<N: TryInto<u64>>(n: N) -> String {
    let digits = n.try_into().unwrap_or(u64::MAX).to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun in the right number: "1 run", "3 runs", "1,000 records".
pub fn counted<N: TryInto<u64>>(n: N, one: &str, many: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(u64::MAX);
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_and_picks_the_noun() {
        assert_eq!(thousands(0_u32), "0");
        assert_eq!(thousands(999_usize), "999");
        assert_eq!(thousands(1_000_u64), "1,000");
        assert_eq!(thousands(1_234_567_usize), "1,234,567");
        assert_eq!(counted(1_usize, "run", "runs"), "1 run");
        assert_eq!(counted(3_usize, "run", "runs"), "3 runs");
        assert_eq!(counted(0_usize, "record", "records"), "0 records");
    }
}

//! Loops in parent links: business units (BU-2), managers and positions (HIER-1), records'
//! parental links (CASC-1) and the rows of a CSV import that point at each other.

/// Loops of a parent relation over `0..n`, as the nodes met walking up from the loop's smallest
/// node. A depth-first walk reports one loop per link that closes one; with at most one parent
/// per node that is every loop, each once.
pub(crate) fn loops<I: IntoIterator<Item = usize>>(
    n: usize,
    parents: impl Fn(usize) -> I,
) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; n];
    let mut found = Vec::new();
    for start in 0..n {
        if state.get(start) != Some(&State::New) {
            continue;
        }
        if let Some(s) = state.get_mut(start) {
            *s = State::OnPath;
        }
        let mut path: Vec<(usize, I::IntoIter)> = vec![(start, parents(start).into_iter())];
        while let Some((node, up)) = path.last_mut() {
            let node = *node;
            let Some(parent) = up.next() else {
                if let Some(s) = state.get_mut(node) {
                    *s = State::Done;
                }
                path.pop();
                continue;
            };
            match state.get(parent).copied() {
                Some(State::New) => {
                    if let Some(s) = state.get_mut(parent) {
                        *s = State::OnPath;
                    }
                    path.push((parent, parents(parent).into_iter()));
                }
                Some(State::OnPath) => {
                    let from = path.iter().position(|(p, _)| *p == parent).unwrap_or(0);
                    let mut cycle: Vec<usize> = path
                        .get(from..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|(p, _)| *p)
                        .collect();
                    if let Some(min_at) = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, v)| **v)
                        .map(|(i, _)| i)
                    {
                        cycle.rotate_left(min_at);
                    }
                    found.push(cycle);
                }
                Some(State::Done) | None => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::loops;

    #[test]
    fn one_parent_each_finds_every_loop_once() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0 (leads into a loop, not on one), 5 root.
        let parent = [Some(1), Some(2), Some(0), Some(3), Some(0), None];
        let found = loops(parent.len(), |i| parent[i]);
        assert_eq!(found, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn several_parents_report_the_link_that_closes_a_loop() {
        // 0 has parents 1 and 2; 2 → 0 closes a loop, 1 is a root.
        let parents: [&[usize]; 3] = [&[1, 2], &[], &[0]];
        let found = loops(parents.len(), |i| parents[i].iter().copied());
        assert_eq!(found, vec![vec![0, 2]]);
        let acyclic: [&[usize]; 3] = [&[1, 2], &[2], &[]];
        assert!(loops(acyclic.len(), |i| acyclic[i].iter().copied()).is_empty());
    }
}

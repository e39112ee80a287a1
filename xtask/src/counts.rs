//! Reading pass and fail counts out of each tool's output.

/// Passed and failed checks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    pub fn pass() -> Counts {
        Counts {
            passed: 1,
            failed: 0,
        }
    }

    pub fn fail() -> Counts {
        Counts {
            passed: 0,
            failed: 1,
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Sums every libtest `test result: ok. 3 passed; 1 failed; ...` line.
pub fn from_cargo_test(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let Some((_, rest)) = line.split_once("test result:") else {
            continue;
        };
        for field in rest.split([';', '.']) {
            match field.split_whitespace().collect::<Vec<_>>()[..] {
                [n, "passed"] => counts.passed += n.parse().unwrap_or(0),
                [n, "failed"] => counts.failed += n.parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    counts
}

/// Reads Playwright's list-reporter summary lines (`  4 passed (3.1s)`, `  1 failed`, ...).
/// Flaky tests and tests that did not run count as failed.
pub fn from_playwright(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let mut words = line.split_whitespace();
        let (Some(number), Some(word)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = number.parse::<u64>() else {
            continue;
        };
        match word {
            "passed" => counts.passed += n,
            "failed" | "flaky" | "interrupted" => counts.failed += n,
            "did" if words.next() == Some("not") => counts.failed += n,
            _ => {}
        }
    }
    counts
}

/// Reads the top-level `passed` and `failed` numbers of the scenario runner's JSON document
/// (`shared/scenarios/FORMAT.md`, "Runner output"). Keys nested deeper are ignored.
pub fn from_runner_json(json: &str) -> Option<Counts> {
    let passed = top_level_number(json, "passed")?;
    let failed = top_level_number(json, "failed")?;
    Some(Counts { passed, failed })
}

/// The unsigned integer value of `key` in the outermost JSON object of `json`.
fn top_level_number(json: &str, key: &str) -> Option<u64> {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let string = json.get(start..i)?;
                let rest = json.get(i + 1..)?.trim_start();
                if depth == 1
                    && string == key
                    && let Some(value) = rest.strip_prefix(':')
                {
                    let digits: String = value
                        .trim_start()
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    return digits.parse().ok();
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_test_lines_are_summed() {
        let output = "running 2 tests\n\
            test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 5 passed; 3 failed; 1 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            from_cargo_test(output),
            Counts {
                passed: 7,
                failed: 3
            }
        );
    }

    #[test]
    fn playwright_summary_counts_flaky_and_not_run_as_failed() {
        let output = "  ✓  1 shell.spec.ts:3:1 › renders (1.2s)\n\n  1 failed\n    shell.spec.ts:9:1 › x\n  \
            1 flaky\n  2 did not run\n  4 passed (5.0s)\n";
        assert_eq!(
            from_playwright(output),
            Counts {
                passed: 4,
                failed: 4
            }
        );
    }

    #[test]
    fn runner_json_reads_only_top_level_counts() {
        let json = r#"{"scenarios": [{"id": "SC-01", "passed": 99, "failed": 99,
            "checks": [{"index": 0, "status": "pass", "explanation": "a \"quoted\" passed: 7"}]}],
            "passed": 12, "failed": 2, "skipped": 1}"#;
        assert_eq!(
            from_runner_json(json),
            Some(Counts {
                passed: 12,
                failed: 2
            })
        );
        assert_eq!(from_runner_json("error: unknown command `test`"), None);
    }
}

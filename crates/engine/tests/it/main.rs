//! Rule tests: the rulebook (`shared/docs/security-semantics.md`) read aloud, one module per rule
//! family, every test through [`check`]. Plus the reference oracle (`oracle.rs`) and the shared
//! scenarios run through the library (`scenarios.rs`).

mod act;
mod app;
mod bu;
mod casc;
mod eval;
mod fls;
mod hier;
mod mbu;
mod note;
mod ops;
mod oracle;
mod role;
mod scenarios;
mod share;
mod team;

use engine::scenario::{self, CheckStatus};

/// Answers one question about a fixture and compares it with the expectation.
///
/// - `fixture`: a few lines of the scenario YAML subset (FORMAT.md), without `checks`.
/// - `question`: one check in the scenario format, without `expect`, e.g.
///   `{who: U1, op: read, target: A1}` (may carry `after` and `variant`).
/// - `expected`: `allow`, `deny`, `error`, `visible` or `hidden`, optionally followed by rule
///   ids in brackets that the verdict must name: `"allow [HIER-4]"`. Anything else is a piece of
///   text the explanation must contain (explanation ops such as `RetrieveAccessOrigin`).
#[track_caller]
pub fn check(fixture: &str, question: &str, expected: &str) {
    let fixture = trim_indent(fixture);
    let text = format!("{fixture}\nchecks:\n  - {}\n", question.trim());
    let loaded = scenario::load(&text, &|id: &str| {
        Err(format!("no base `{id}` in rule tests"))
    })
    .unwrap_or_else(|e| panic!("fixture does not load: {e}\n{fixture}"));
    assert!(
        loaded.warnings.is_empty(),
        "fixture has warnings: {:?}\n{fixture}",
        loaded
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    let report = scenario::run_scenario(&loaded);
    let [answer] = report.checks.as_slice() else {
        panic!("expected exactly one check, got {}", report.checks.len());
    };
    assert!(
        !(answer.actual == "error" && is_harness_error(&answer.explanation)),
        "question does not parse: {} ({question})",
        answer.explanation
    );
    let (outcome, rules) = parse_expected(expected);
    let actual = format!("{} [{}]", answer.actual, answer.rules.join(", "));
    let ok = match outcome {
        Some(outcome) => {
            answer.actual == outcome && rules.iter().all(|r| answer.rules.iter().any(|a| a == r))
        }
        None => {
            answer.status == CheckStatus::Pass
                || answer
                    .explanation
                    .to_lowercase()
                    .contains(&expected.to_lowercase())
        }
    };
    assert!(
        ok,
        "\nquestion:    {question}\nexpected:    {expected}\nactual:      {actual}\nexplanation: {}\nfixture:\n{fixture}",
        answer.explanation
    );
}

/// Asserts that a fixture is refused at load (a model that breaks a structural rule).
#[track_caller]
pub fn check_invalid(fixture: &str, message: &str) {
    let fixture = trim_indent(fixture);
    match scenario::load(&fixture, &|id: &str| Err(format!("no base `{id}`"))) {
        Ok(_) => panic!("fixture loads, but the rulebook makes it invalid ({message}):\n{fixture}"),
        Err(e) => assert!(
            e.to_string()
                .to_lowercase()
                .contains(&message.to_lowercase()),
            "fixture refused, but not for `{message}`: {e}"
        ),
    }
}

fn is_harness_error(explanation: &str) -> bool {
    [
        "unknown record",
        "unknown user",
        "unknown operation",
        "unknown relationship",
        "unknown template",
        "unknown role",
        "missing `",
        "the check has no `op`",
    ]
    .iter()
    .any(|p| explanation.starts_with(p))
}

fn parse_expected(expected: &str) -> (Option<&str>, Vec<&str>) {
    let (head, rules) = match expected.split_once('[') {
        Some((head, rest)) => (head.trim(), rest.trim_end_matches(']')),
        None => (expected.trim(), ""),
    };
    let outcome = ["allow", "deny", "error", "visible", "hidden"]
        .into_iter()
        .find(|o| *o == head);
    let rules = rules
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    match outcome {
        Some(o) => (Some(o), rules),
        None => (None, Vec::new()),
    }
}

/// Removes the common leading indentation (rust-analyzer's `trim_indent`).
pub fn trim_indent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| {
            if l.len() >= indent {
                &l[indent..]
            } else {
                l.trim_start()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

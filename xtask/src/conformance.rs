//! `cargo xtask conformance --suite PATH`: generates the suite's crate into a temporary folder,
//! runs the protocol tests generated from its `smithy.test` traits, and reports case by case.
//!
//! Two lists live in the repository, one case id per line with its reason after `: `:
//! `tests/conformance/skipped.txt` (cases the Smithy specification makes optional for clients;
//! generated as `#[ignore]`d) and `tests/conformance/known-failures.txt` (cases that fail while
//! work is under way: reported, but they do not fail the run; one that passes does, until it is
//! taken off the list).

use anyhow::{bail, Context, Result};
use codegen::Options;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The two lists' default places.
pub fn default_skipped() -> PathBuf {
    crate::workspace_root().join("tests/conformance/skipped.txt")
}

pub fn default_known_failures() -> PathBuf {
    crate::workspace_root().join("tests/conformance/known-failures.txt")
}

/// One client test case of the suite.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Case {
    /// `request` or `response`.
    pub kind: &'static str,
    pub id: String,
}

impl Case {
    fn test_name(&self) -> String {
        format!("{}_{}", self.kind, self.id)
    }
}

/// The protocol trait of the suite's service: the first the generator speaks.
fn suite_protocol(model: &Value) -> Option<&'static str> {
    let shapes = model.get("shapes").and_then(Value::as_object).into_iter().flatten();
    let traits: Vec<&Value> = shapes
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .filter_map(|(_, s)| s.get("traits"))
        .collect();
    codegen::ir::Protocol::ALL
        .iter()
        .map(|p| p.trait_id())
        .find(|id| traits.iter().any(|t| t.get(id).is_some()))
}

/// The client cases of a suite for its service's protocol: `httpRequestTests` and
/// `httpResponseTests` not marked `server`.
pub fn cases(model: &Value) -> Vec<Case> {
    let mut cases = Vec::new();
    let wanted = suite_protocol(model);
    let shapes = model.get("shapes").and_then(Value::as_object).into_iter().flatten();
    for (_, shape) in shapes {
        let Some(traits) = shape.get("traits") else { continue };
        for (name, kind) in [
            ("smithy.test#httpRequestTests", "request"),
            ("smithy.test#httpResponseTests", "response"),
        ] {
            for case in traits.get(name).and_then(Value::as_array).into_iter().flatten() {
                let server_only = case.get("appliesTo").and_then(Value::as_str) == Some("server");
                let protocol = case.get("protocol").and_then(Value::as_str);
                if server_only || protocol.is_none() || protocol != wanted {
                    continue;
                }
                if let Some(id) = case.get("id").and_then(Value::as_str) {
                    cases.push(Case {
                        kind,
                        id: id.to_owned(),
                    });
                }
            }
        }
    }
    cases.sort();
    cases
}

/// Reads a list of `CaseId: reason` lines; `#` starts a comment. Every entry needs a reason.
pub fn read_list(path: &Path) -> Result<BTreeMap<String, String>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut list = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once(':') {
            Some((id, reason)) if !reason.trim().is_empty() => {
                list.insert(id.trim().to_owned(), reason.trim().to_owned());
            }
            _ => bail!("{}:{}: expected `CaseId: reason`", path.display(), n + 1),
        }
    }
    Ok(list)
}

/// What happened to one test, read from `cargo test` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed(String),
    Ignored,
}

/// Reads `test path::protocol_tests::<name> ... ok|FAILED|ignored` lines, and each failure's
/// panic message.
pub fn outcomes(output: &str) -> BTreeMap<String, Outcome> {
    let mut outcomes = BTreeMap::new();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((path, result)) = rest.split_once(" ... ") else {
            continue;
        };
        let Some(name) = path
            .rsplit("protocol_tests::")
            .next()
            .filter(|_| path.contains("protocol_tests::"))
        else {
            continue;
        };
        let outcome = if result.starts_with("ok") {
            Outcome::Passed
        } else if result.starts_with("ignored") {
            Outcome::Ignored
        } else {
            Outcome::Failed(String::new())
        };
        outcomes.insert(name.to_owned(), outcome);
    }
    // `---- <path> stdout ----`, then `thread '…' panicked at …:`, then the message.
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) else {
            continue;
        };
        let name = path.rsplit("protocol_tests::").next().unwrap_or(path);
        let message: Vec<&str> = lines
            .by_ref()
            .skip_while(|l| !l.contains("panicked at"))
            .skip(1)
            .take_while(|l| !l.is_empty() && !l.starts_with("note:") && !l.starts_with("stack backtrace"))
            .take(4)
            .collect();
        if let Some(Outcome::Failed(reason)) = outcomes.get_mut(name) {
            *reason = message.join(" / ");
        }
    }
    outcomes
}

/// Runs the suite and returns the report; an error when a case fails that is not a known failure,
/// or a known failure passes.
pub fn run(suite: &Path, skipped: &Path, known_failures: &Path) -> Result<String> {
    let text = std::fs::read_to_string(suite).with_context(|| format!("cannot read the suite {}", suite.display()))?;
    let model: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", suite.display()))?;
    let cases = cases(&model);
    let skipped = read_list(skipped)?;
    let known = read_list(known_failures)?;

    let dir = std::env::temp_dir().join(format!("conformance-{}", std::process::id()));
    let options = Options {
        ignored_tests: skipped.clone(),
        crate_name: Some("conformance-suite".into()),
        ..Options::default()
    };
    let generated = crate::generate_from(suite, &options)?;
    crate::files::write_standalone(&dir, &generated.files)
        .with_context(|| format!("cannot write {}", dir.display()))?;

    let output = Command::new(env!("CARGO"))
        .args(["test", "--lib", "--", "protocol_tests::", "--test-threads=2"])
        .env("CARGO_TARGET_DIR", crate::workspace_root().join("target/conformance"))
        .env("RUST_BACKTRACE", "0")
        .current_dir(&dir)
        .output()
        .context("cannot run cargo test")?;
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let outcomes = outcomes(&stdout);
    if outcomes.is_empty() {
        bail!(
            "the suite's crate did not build or ran no protocol test:\n{}{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }

    let mut report = String::new();
    let (mut passed, mut failed, mut ignored) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for case in &cases {
        let outcome = outcomes
            .get(&case.test_name())
            .cloned()
            .unwrap_or_else(|| Outcome::Failed("no test was generated for this case".into()));
        match outcome {
            Outcome::Passed => {
                passed += 1;
                if let Some(reason) = known.get(&case.id) {
                    writeln!(
                        report,
                        "PASSED but listed as a known failure ({reason}): {} {}",
                        case.kind, case.id
                    )?;
                    unexpected.push(case.id.clone());
                }
            }
            Outcome::Ignored => {
                ignored += 1;
                let reason = skipped.get(&case.id).map(String::as_str).unwrap_or("ignored");
                writeln!(report, "SKIPPED {} {}: {reason}", case.kind, case.id)?;
            }
            Outcome::Failed(why) => {
                failed += 1;
                match known.get(&case.id) {
                    Some(reason) => writeln!(report, "FAILED (known: {reason}) {} {}: {why}", case.kind, case.id)?,
                    None => {
                        writeln!(report, "FAILED {} {}: {why}", case.kind, case.id)?;
                        unexpected.push(case.id.clone());
                    }
                }
            }
        }
    }
    writeln!(report, "{passed} passed, {failed} failed, {ignored} skipped")?;
    if unexpected.is_empty() {
        Ok(report)
    } else {
        bail!(
            "{report}{} case(s) differ from the known-failures list ({}): fix them, or update the list",
            unexpected.len(),
            known_failures.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outcomes_and_failure_messages() {
        let output = "\
running 3 tests
test operation::a::protocol_tests::request_A ... ok
test operation::a::protocol_tests::response_B ... FAILED
test operation::a::protocol_tests::request_C ... ignored, optional
test wire::tests::other ... ok

failures:

---- operation::a::protocol_tests::response_B stdout ----

thread 'x' panicked at src/protocol_test.rs:1:1:
header `X`
  left: 1
note: run with `RUST_BACKTRACE=1`
";
        let outcomes = outcomes(output);
        assert_eq!(outcomes.len(), 3);
        assert_eq!(outcomes["request_A"], Outcome::Passed);
        assert_eq!(outcomes["response_B"], Outcome::Failed("header `X` /   left: 1".into()));
        assert_eq!(outcomes["request_C"], Outcome::Ignored);
    }

    #[test]
    fn lists_need_a_reason_per_entry() {
        let dir = std::env::temp_dir().join(format!("conformance-list-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("list.txt");
        std::fs::write(&path, "# comment\nCaseA: optional for clients\n").unwrap();
        assert_eq!(read_list(&path).unwrap()["CaseA"], "optional for clients");
        std::fs::write(&path, "CaseB\n").unwrap();
        assert!(read_list(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn counts_only_client_cases_of_the_services_protocol() {
        let model = serde_json::json!({"shapes": {
          "a#S": {"type": "service", "traits": {"aws.protocols#restJson1": {}}},
          "a#Op": {"type": "operation", "traits": {
            "smithy.test#httpRequestTests": [
                {"id": "Client", "protocol": "aws.protocols#restJson1"},
                {"id": "Server", "protocol": "aws.protocols#restJson1", "appliesTo": "server"},
                {"id": "Other", "protocol": "aws.protocols#awsJson1_1"}
            ],
            "smithy.test#httpResponseTests": [{"id": "Client", "protocol": "aws.protocols#restJson1"}]
        }}}});
        let ids: Vec<String> = cases(&model).iter().map(Case::test_name).collect();
        assert_eq!(ids, ["request_Client", "response_Client"]);
    }
}

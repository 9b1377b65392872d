//! `cargo xtask sweep --models DIR`: every model of a folder through the generator, and each crate
//! through `cargo clippy -D warnings` and its own tests, one line per model.
//!
//! A model passes when it generates, its crate is clippy-clean (all features, all targets) and
//! every one of its tests passes. A model of a protocol the generator does not speak yet is
//! reported as not supported and counted apart: it neither passes nor fails.

use anyhow::{bail, Context, Result};
use codegen::Options;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What to sweep.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Model files, in order.
    pub models: Vec<PathBuf>,
    /// Where the crates are written (one folder per model); kept after the run, so that a
    /// failure can be looked at and a second run builds incrementally.
    pub work_dir: PathBuf,
    /// The shared target folder.
    pub target_dir: PathBuf,
    /// Run the generated tests (not only clippy).
    pub tests: bool,
}

impl Sweep {
    /// Every `*.json` of `dir` (or `dir` itself when it is a file), sorted; `only` keeps the
    /// models whose file stem is listed.
    pub fn new(dir: &Path, only: Option<&[String]>) -> Result<Self> {
        let mut models = Vec::new();
        if dir.is_file() {
            models.push(dir.to_path_buf());
        } else {
            for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "json") {
                    models.push(path);
                }
            }
        }
        models.sort();
        if let Some(only) = only {
            for name in only {
                if !models.iter().any(|m| stem(m) == *name) {
                    bail!("--only {name}: no model {name}.json in {}", dir.display());
                }
            }
            models.retain(|m| only.contains(&stem(m)));
        }
        if models.is_empty() {
            bail!("no model (*.json) in {}", dir.display());
        }
        let root = crate::workspace_root();
        Ok(Self {
            models,
            work_dir: root.join("target/sweep"),
            target_dir: root.join("target/standalone"),
            tests: true,
        })
    }

    /// Runs the sweep, printing each line as it is known; the report is every line again, and an
    /// error when any model failed.
    pub fn run(&self) -> Result<String> {
        let mut report = String::new();
        let (mut passed, mut failed, mut unsupported) = (0, 0, 0);
        let started = Instant::now();
        for model in &self.models {
            let row = self.one(model);
            let line = row.line();
            println!("{line}");
            for detail in &row.details {
                println!("    {detail}");
            }
            writeln!(report, "{line}")?;
            match row.verdict {
                Verdict::Passed => passed += 1,
                Verdict::Failed => failed += 1,
                Verdict::Unsupported => unsupported += 1,
            }
        }
        let closing = format!(
            "sweep: {passed} passed, {failed} failed ({unsupported} not supported, {} models, {:.0} s)",
            self.models.len(),
            started.elapsed().as_secs_f64()
        );
        if failed > 0 {
            bail!("{closing}");
        }
        Ok(format!("{closing}\n"))
    }

    fn one(&self, model: &Path) -> Row {
        let started = Instant::now();
        let mut row = Row::new(stem(model));
        let text = match std::fs::read_to_string(model) {
            Ok(text) => text,
            Err(e) => return row.fail(format!("cannot read {}: {e}", model.display())),
        };
        match protocol(&text) {
            Some(p) if codegen::ir::Protocol::ALL.iter().any(|s| s.trait_id() == p) => {}
            other => {
                row.verdict = Verdict::Unsupported;
                row.note = format!("not supported ({})", other.as_deref().unwrap_or("no protocol"));
                return row;
            }
        }
        let generated = match codegen::generate(&text, &Options::default()) {
            Ok(generated) => generated,
            Err(e) => {
                row.problems = e.problems.len();
                row.details = e.problems.iter().take(10).map(ToString::to_string).collect();
                return row.fail("does not generate".into());
            }
        };
        row.generated = true;
        row.operations = generated
            .files
            .keys()
            .filter(|p| p.starts_with("src/operation/") && !p.ends_with("/mod.rs"))
            .count();
        for warning in &generated.warnings {
            if warning.message.contains("left out") {
                row.left_out += 1;
            } else if warning.message.contains("pattern") {
                row.patterns += 1;
            } else {
                row.warnings += 1;
            }
        }
        let dir = self.work_dir.join(&row.name);
        if let Err(e) = crate::files::write_standalone(&dir, &generated.files) {
            return row.fail(format!("cannot write {}: {e:#}", dir.display()));
        }
        let clippy = self.cargo(
            &dir,
            &["clippy", "--all-features", "--all-targets", "--", "-D", "warnings"],
        );
        match clippy {
            Ok(out) if out.success => row.clippy = Some(true),
            Ok(out) => {
                row.clippy = Some(false);
                row.details = first_errors(&out.text);
            }
            Err(e) => return row.fail(format!("{e:#}")),
        }
        if self.tests && row.clippy == Some(true) {
            match self.cargo(&dir, &["test", "--all-features"]) {
                Ok(out) => {
                    let (p, f) = test_counts(&out.text);
                    row.tests = Some((p, f));
                    if !out.success {
                        row.details = failed_tests(&out.text);
                        if f == 0 {
                            row.details.extend(first_errors(&out.text));
                        }
                        row.tests_ok = false;
                    }
                }
                Err(e) => return row.fail(format!("{e:#}")),
            }
        }
        row.seconds = started.elapsed().as_secs_f64();
        row.verdict = if row.clippy == Some(true) && row.tests_ok {
            Verdict::Passed
        } else {
            Verdict::Failed
        };
        row
    }

    fn cargo(&self, dir: &Path, args: &[&str]) -> Result<Output> {
        let (command, rest) = args.split_first().expect("a cargo command");
        let output = Command::new(env!("CARGO"))
            .args([command, "--quiet", "--color", "never"])
            .args(rest)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env("RUST_BACKTRACE", "0")
            .current_dir(dir)
            .output()
            .with_context(|| format!("cannot run cargo {command}"))?;
        Ok(Output {
            success: output.status.success(),
            text: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        })
    }
}

struct Output {
    success: bool,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Passed,
    Failed,
    Unsupported,
}

/// One model's line.
#[derive(Debug)]
struct Row {
    name: String,
    verdict: Verdict,
    note: String,
    generated: bool,
    problems: usize,
    warnings: usize,
    patterns: usize,
    left_out: usize,
    operations: usize,
    clippy: Option<bool>,
    tests: Option<(usize, usize)>,
    tests_ok: bool,
    seconds: f64,
    details: Vec<String>,
}

impl Row {
    fn new(name: String) -> Self {
        Self {
            name,
            verdict: Verdict::Failed,
            note: String::new(),
            generated: false,
            problems: 0,
            warnings: 0,
            patterns: 0,
            left_out: 0,
            operations: 0,
            clippy: None,
            tests: None,
            tests_ok: true,
            seconds: 0.0,
            details: Vec::new(),
        }
    }

    fn fail(mut self, note: String) -> Self {
        self.verdict = Verdict::Failed;
        self.note = note;
        self
    }

    fn line(&self) -> String {
        let verdict = match self.verdict {
            Verdict::Passed => "PASS",
            Verdict::Failed => "FAIL",
            Verdict::Unsupported => "SKIP",
        };
        if !self.generated {
            return format!("{verdict} {:<28} {} ({} problems)", self.name, self.note, self.problems);
        }
        let clippy = match self.clippy {
            Some(true) => "clean",
            Some(false) => "FAILS",
            None => "-",
        };
        let tests = match self.tests {
            Some((p, f)) => format!("{p} passed, {f} failed"),
            None => "not run".into(),
        };
        format!(
            "{verdict} {:<28} ops {:>3}  left out {:>2}  warnings {:>2}  unchecked patterns {:>3}  clippy {clippy}  tests {tests}  {:.0} s{}",
            self.name,
            self.operations,
            self.left_out,
            self.warnings,
            self.patterns,
            self.seconds,
            if self.note.is_empty() { String::new() } else { format!("  {}", self.note) },
        )
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The protocol trait of the model's service shapes (the first one known), if any.
fn protocol(text: &str) -> Option<String> {
    let model: Value = serde_json::from_str(text).ok()?;
    let shapes = model.get("shapes")?.as_object()?;
    let services = shapes
        .values()
        .filter(|s| s.get("type").and_then(Value::as_str) == Some("service"));
    let traits: Vec<&String> = services
        .filter_map(|s| s.get("traits").and_then(Value::as_object))
        .flat_map(|t| t.keys())
        .collect();
    // The generator's one list of protocol traits, those it speaks first.
    codegen::ir::PROTOCOL_TRAITS
        .iter()
        .find(|p| traits.iter().any(|t| t == *p))
        .map(|p| (*p).to_owned())
}

/// Sums every `test result:` line: (passed, failed).
fn test_counts(output: &str) -> (usize, usize) {
    let mut counts = (0, 0);
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test result: ") else {
            continue;
        };
        let number = |word: &str| {
            rest.split(';')
                .find_map(|part| {
                    part.trim()
                        .strip_suffix(word)
                        .map(|n| n.trim().rsplit(' ').next().unwrap_or(""))
                })
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        };
        counts.0 += number("passed");
        counts.1 += number("failed");
    }
    counts
}

/// The failed tests with the first line of each one's panic message, the first ten.
fn failed_tests(output: &str) -> Vec<String> {
    let mut failed = Vec::new();
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) else {
            continue;
        };
        let message = lines
            .by_ref()
            .skip_while(|l| !l.contains("panicked at"))
            .nth(1)
            .unwrap_or("");
        failed.push(format!("{name}: {message}"));
        if failed.len() == 10 {
            break;
        }
    }
    failed
}

/// The first compiler errors, one line each with the line of the place after it.
fn first_errors(output: &str) -> Vec<String> {
    let lines: Vec<&str> = output.lines().collect();
    let mut errors = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("error") && !line.starts_with("error: could not compile") {
            let place = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
            errors.push(format!("{line} {place}"));
        }
        if errors.len() == 10 {
            break;
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_test_result_lines() {
        let output = "\
test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s
test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(test_counts(output), (15, 2));
    }

    #[test]
    fn finds_the_protocol_of_the_service() {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "traits": {"aws.protocols#awsJson1_0": {}}},
            "a#T": {"type": "structure", "traits": {"aws.protocols#restJson1": {}}}
        }}"#;
        assert_eq!(protocol(model).as_deref(), Some("aws.protocols#awsJson1_0"));
    }

    #[test]
    fn reports_failed_tests_with_their_message() {
        let output = "\
---- endpoint::tests::case_3 stdout ----

thread 'endpoint::tests::case_3' panicked at src/endpoint.rs:10:5:
assertion `left == right` failed
  left: 1
";
        assert_eq!(
            failed_tests(output),
            ["endpoint::tests::case_3: assertion `left == right` failed"]
        );
    }

    #[test]
    fn reports_errors_with_their_place() {
        let output = "error: unused import\n --> src/lib.rs:1:5\nwarning: x\nerror: could not compile `a`\n";
        assert_eq!(first_errors(output), ["error: unused import --> src/lib.rs:1:5"]);
    }
}

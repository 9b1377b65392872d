//! `cargo xtask <command>`: see `cargo xtask help`.

use anyhow::{bail, Result};
use codegen::Options;
use std::path::PathBuf;
use std::process::ExitCode;

/// Every command: its name, synopsis and what it does, flag by flag.
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "codegen",
        "codegen [--model PATH] [--out DIR] [--operations A,B,...] [--service ID] [--protocol NAME] [--crate-name NAME] [--check] [--force]",
        "Generates the client crate from a Smithy JSON AST model.
  --model PATH        the model (default: model/datazone.json)
  --out DIR           where the crate goes (default: generated/): a new or empty folder, or
                      one the generator wrote before; only the files its manifest
                      (.codegen-manifest) lists are overwritten or removed, and only while
                      they carry the generated mark
  --operations A,B    only these operations and the shapes they reach, by shape name
                      (GetDataSourceRun) or method name (get_data_source_run)
  --service ID        the service shape, when the model has several
  --protocol NAME     the protocol to speak, of those the service lists (restJson1,
                      awsJson1_0, awsJson1_1, restXml, awsQuery, ec2Query); by default the
                      first of them in that order
  --crate-name NAME   the crate's name (default: from the service's sdkId)
  --check             writes nothing and fails, naming every stale, missing or extra file
  --force             writes into a non-empty folder that holds no generated crate; a file
                      without the generated mark is still never overwritten",
    ),
    (
        "conformance",
        "conformance [--suite PATH] [--skipped FILE] [--known-failures FILE]",
        "Generates the suite's crate in a temporary folder, runs its protocol tests for the suite
service's protocol, prints each case that fails or is skipped with the reason, and ends with
`N passed, N failed, N skipped`.
  --suite PATH            the suite (default: ../shared/conformance/restjson1.json)
  --skipped FILE          cases generated as #[ignore], one `CaseId: reason` per line
                          (default: tests/conformance/skipped.txt)
  --known-failures FILE   cases that may fail while work is under way
                          (default: tests/conformance/known-failures.txt)",
    ),
    (
        "sweep",
        "sweep [--models DIR|FILE] [--only A,B,...] [--no-tests]",
        "Generates every model (*.json) of a folder into target/sweep/, runs `cargo clippy
--all-features --all-targets -D warnings` and `cargo test --all-features` on each crate, prints
one line per model (operations, left out, warnings, unchecked patterns, clippy, tests, time) and
ends with `sweep: N passed, N failed`. Models of a protocol the generator does not speak are
reported as not supported.
  --models DIR|FILE   the folder, or one model (default: ../shared/models/aws)
  --only A,B          only the models with these file stems
  --no-tests          clippy alone",
    ),
    (
        "synth-model",
        "synth-model --operations N [--out PATH]",
        "Writes a synthetic restJson1 model of N operations (groups of create, get, list, update,
delete with nested structures, lists, maps, enums, timestamps, errors, labels and query members).
The same N always gives the same model.
  --operations N   how many operations (at least 1)
  --out PATH       where to write it (default: standard output)",
    ),
    (
        "moto",
        "moto",
        "Installs moto (PyPI moto[server], an AWS emulator) into a virtual environment under
target/moto/, starts it on loopback, generates the EKS, Lambda, DynamoDB and SQS clients from
../shared/models/ and runs the workflows of tests/moto against it. Skips, saying why, where moto
cannot be installed (no python3 or no PyPI).",
    ),
    (
        "bench",
        "bench [--quick] [--part NAME] [--service NAME]",
        "Runs every benchmark of BENCHMARKS.md side by side with the official AWS SDK (generation,
compile time and memory, the runtime's share of a build, cost per call) in the separate
workspace tests/bench, and writes BENCHMARKS.md and tests/bench/generation-time.png (about 40
minutes on 2 cores).
  --quick       each part once, unoptimized, to prove it builds and runs; writes under
                target/bench/ instead
  --part NAME   one part alone (generation, compile, share, per-call), its section printed
  --service NAME  with --part compile: that practice model's crate (datazone, eks, lambda,
                iam) against the official one, nothing else",
    ),
    (
        "help",
        "help [COMMAND]",
        "Prints this, or one command's help (also `cargo xtask COMMAND --help`).",
    ),
];

/// Everything: `cargo xtask help`.
fn usage() -> String {
    let mut text = String::from("usage: cargo xtask <command>\n\ncommands:\n");
    for (_, synopsis, about) in COMMANDS {
        text.push_str(&format!("  {synopsis}\n"));
        for line in about.lines() {
            text.push_str(&format!("      {line}\n"));
        }
    }
    text
}

/// One command's help: `cargo xtask codegen --help`.
fn help(command: &str) -> String {
    let (_, synopsis, about) = COMMANDS
        .iter()
        .find(|(name, ..)| *name == command)
        .expect("a command of the table");
    format!("usage: cargo xtask {synopsis}\n\n{about}\n")
}

/// An unknown flag of `command`, with a suggestion from the flags its synopsis names.
fn unknown_flag(command: &str, flag: &str) -> anyhow::Error {
    let (_, synopsis, _) = COMMANDS
        .iter()
        .find(|(name, ..)| *name == command)
        .expect("a command of the table");
    let flags: Vec<&str> = synopsis
        .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .filter(|w| w.starts_with("--"))
        .collect();
    let hint = codegen::suggest::did_you_mean(flag, flags)
        .map(|f| format!("; did you mean `{f}`?"))
        .unwrap_or_default();
    anyhow::anyhow!(
        "unknown flag `{flag}` of `cargo xtask {command}`{hint}\n\n{}",
        help(command)
    )
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<String> {
    let Some((command, rest)) = args.split_first() else {
        bail!("{}", usage())
    };
    if COMMANDS.iter().any(|(name, ..)| name == command) && rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(help(command));
    }
    match command.as_str() {
        "codegen" => codegen(rest),
        "conformance" => conformance(rest),
        "sweep" => sweep(rest),
        "synth-model" => synth_model(rest),
        "moto" => match rest {
            [] => xtask::moto::run(),
            [other, ..] => Err(unknown_flag("moto", other)),
        },
        "bench" => bench(rest),
        "help" | "--help" | "-h" => match rest {
            [] => Ok(usage()),
            [name, ..] if COMMANDS.iter().any(|(c, ..)| c == name) => Ok(help(name)),
            [name, ..] => bail!("no command `{name}`{}\n\n{}", suggestion(name), usage()),
        },
        other => bail!("unknown command `{other}`{}\n\n{}", suggestion(other), usage()),
    }
}

/// "; did you mean `codegen`?" for a misspelt command, or nothing.
fn suggestion(command: &str) -> String {
    codegen::suggest::did_you_mean(command, COMMANDS.iter().map(|(name, ..)| *name))
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

fn codegen(args: &[String]) -> Result<String> {
    let mut model = xtask::default_model();
    let mut out = xtask::default_out();
    let mut options = Options::default();
    let (mut check, mut force) = (false, false);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--model" => model = PathBuf::from(value()?),
            "--out" => out = PathBuf::from(value()?),
            "--service" => options.service = Some(value()?),
            "--protocol" => options.protocol = Some(value()?),
            "--crate-name" => options.crate_name = Some(value()?),
            "--operations" => {
                options.operations = Some(
                    value()?
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            }
            "--check" => check = true,
            "--force" => force = true,
            other => return Err(unknown_flag("codegen", other)),
        }
    }
    let action = match (check, force) {
        (true, true) => bail!("--force writes and --check never does: give one of them"),
        (true, false) => xtask::Action::Check,
        (false, force) => xtask::Action::Write { force },
    };
    xtask::codegen(&model, &out, &options, action)
}

fn conformance(args: &[String]) -> Result<String> {
    let mut suite = xtask::workspace_root().join("../shared/conformance/restjson1.json");
    let mut skipped = xtask::conformance::default_skipped();
    let mut known = xtask::conformance::default_known_failures();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .map(PathBuf::from)
            .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))?;
        match flag.as_str() {
            "--suite" => suite = value,
            "--skipped" => skipped = value,
            "--known-failures" => known = value,
            other => return Err(unknown_flag("conformance", other)),
        }
    }
    xtask::conformance::run(&suite, &skipped, &known)
}

fn sweep(args: &[String]) -> Result<String> {
    let mut models = xtask::workspace_root().join("../shared/models/aws");
    let mut only = None;
    let mut tests = true;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--models" => models = PathBuf::from(value()?),
            "--only" => only = Some(value()?.split(',').map(|s| s.trim().to_owned()).collect::<Vec<_>>()),
            "--no-tests" => tests = false,
            other => return Err(unknown_flag("sweep", other)),
        }
    }
    let mut sweep = xtask::sweep::Sweep::new(&models, only.as_deref())?;
    sweep.tests = tests;
    sweep.run()
}

fn synth_model(args: &[String]) -> Result<String> {
    let mut operations = None;
    let mut out = None;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| anyhow::anyhow!("{flag} needs a value"));
        match flag.as_str() {
            "--operations" => {
                let n = value?;
                operations = Some(
                    n.parse::<usize>()
                        .map_err(|e| anyhow::anyhow!("--operations {n}: {e}"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value?)),
            other => return Err(unknown_flag("synth-model", other)),
        }
    }
    let Some(operations) = operations.filter(|n| *n > 0) else {
        bail!(
            "synth-model needs --operations N (at least 1)\n\n{}",
            help("synth-model")
        )
    };
    let json = serde_json::to_string_pretty(&xtask::synth::model(operations))? + "\n";
    match out {
        Some(path) => {
            std::fs::write(&path, json).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            Ok(format!("{}: {operations} operations\n", path.display()))
        }
        None => Ok(json),
    }
}

fn bench(args: &[String]) -> Result<String> {
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--quick" => {}
            "--part" | "--service" if rest.next().is_some() => {}
            other => return Err(unknown_flag("bench", other)),
        }
    }
    let root = xtask::workspace_root();
    // The XML per-call benchmark's clients (`tests/bench/xmlcall`), generated before the bench
    // workspace builds: IAM with ListUsers, STS with AssumeRole.
    for (name, model, operation) in [
        ("iam", "../shared/models/aws/iam.json", "ListUsers"),
        ("sts", "../shared/models/aws/sts.json", "AssumeRole"),
    ] {
        let options = Options {
            operations: Some(vec![operation.to_owned()]),
            crate_name: Some(name.to_owned()),
            ..Options::default()
        };
        let out = root.join("target/bench/clients").join(name);
        xtask::codegen(&root.join(model), &out, &options, xtask::Action::Write { force: false })?;
    }
    // The quick run builds without optimizing: it proves that everything builds and runs.
    let quick = args.iter().any(|a| a == "--quick");
    let profile = if quick { "quick" } else { "release" };
    let status = std::process::Command::new("cargo")
        .args(["run", "--quiet", "--profile", profile, "--manifest-path"])
        .arg(root.join("tests/bench/Cargo.toml"))
        .args(["-p", "driver", "--"])
        .args(args)
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("the benchmarks failed");
    }
    Ok(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn every_command_has_its_help_and_every_flag_is_explained() {
        for (name, synopsis, about) in COMMANDS {
            let text = run(args(&format!("{name} --help"))).unwrap();
            assert!(text.starts_with(&format!("usage: cargo xtask {synopsis}")), "{text}");
            assert_eq!(run(args(&format!("help {name}"))).unwrap(), text);
            for flag in synopsis
                .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
                .filter(|w| w.starts_with("--"))
            {
                assert!(
                    about.contains(&format!("  {flag}")),
                    "`{name}`'s help does not explain {flag}"
                );
            }
        }
        assert!(run(args("help")).unwrap().contains("synth-model --operations N"));
    }

    #[test]
    fn misspelt_commands_and_flags_get_a_suggestion() {
        let error = format!("{:#}", run(args("codgen")).unwrap_err());
        assert!(
            error.starts_with("unknown command `codgen`; did you mean `codegen`?"),
            "{error}"
        );
        let error = format!("{:#}", run(args("codegen --modle x")).unwrap_err());
        assert!(
            error.starts_with("unknown flag `--modle` of `cargo xtask codegen`; did you mean `--model`?"),
            "{error}"
        );
        assert!(error.contains("usage: cargo xtask codegen"), "{error}");
        let error = format!("{:#}", run(args("sweep --frobnicate")).unwrap_err());
        assert!(
            error.starts_with("unknown flag `--frobnicate` of `cargo xtask sweep`\n"),
            "{error}"
        );
        let error = format!("{:#}", run(args("help swep")).unwrap_err());
        assert!(error.starts_with("no command `swep`; did you mean `sweep`?"), "{error}");
    }
}

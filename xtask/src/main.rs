//! `cargo xtask <command>`: see `cargo xtask help`.

use anyhow::{bail, Result};
use codegen::Options;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--model PATH] [--out DIR] [--operations A,B,...] [--service ID] [--crate-name NAME] [--check]
      Generates the client crate from a Smithy JSON AST model.
      Defaults: --model model/datazone.json --out generated/.
      --check writes nothing and fails, naming every stale, missing or extra file.
  conformance [--suite PATH] [--skipped FILE] [--known-failures FILE]
      Generates the suite's crate in a temporary folder, runs its protocol tests, prints each
      case that fails or is skipped with the reason, and ends with `N passed, N failed, N skipped`.
      Defaults: --suite ../shared/conformance/restjson1.json --skipped tests/conformance/skipped.txt
      --known-failures tests/conformance/known-failures.txt.
  help
      Prints this.";

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
        bail!("{USAGE}")
    };
    match command.as_str() {
        "codegen" => codegen(rest),
        "conformance" => conformance(rest),
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n")),
        other => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

fn codegen(args: &[String]) -> Result<String> {
    let mut model = xtask::default_model();
    let mut out = xtask::default_out();
    let mut options = Options::default();
    let mut check = false;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--model" => model = PathBuf::from(value()?),
            "--out" => out = PathBuf::from(value()?),
            "--service" => options.service = Some(value()?),
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
            other => bail!("unknown flag `{other}`\n{USAGE}"),
        }
    }
    xtask::codegen(&model, &out, &options, check)
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
            .ok_or_else(|| anyhow::anyhow!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--suite" => suite = value,
            "--skipped" => skipped = value,
            "--known-failures" => known = value,
            other => bail!("unknown flag `{other}`\n{USAGE}"),
        }
    }
    xtask::conformance::run(&suite, &skipped, &known)
}

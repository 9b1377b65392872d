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

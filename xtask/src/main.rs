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
  sweep [--models DIR|FILE] [--only A,B,...] [--no-tests]
      Generates every model (*.json) of the folder into target/sweep/, runs `cargo clippy
      --all-features --all-targets -D warnings` and `cargo test --all-features` on each crate,
      prints one line per model (operations, left out, warnings, unchecked patterns, clippy,
      tests, time) and ends with `sweep: N passed, N failed`. Models of a protocol the generator
      does not speak are reported as not supported. Default: --models ../shared/models/aws.
      --only keeps the models with these file stems; --no-tests runs clippy alone.
  synth-model --operations N [--out PATH]
      Writes a synthetic restJson1 model of N operations (groups of create, get, list, update,
      delete with nested structures, lists, maps, enums, timestamps, errors, labels and query
      members) to PATH, or to standard output. The same N always gives the same model.
  moto
      Installs moto (PyPI moto[server], an AWS emulator) into a virtual environment under
      target/moto/, starts it on loopback with SigV4 signatures checked, generates the EKS and
      Lambda clients from ../shared/models/ and runs the workflows of tests/moto against it.
      Skips, saying why, where moto cannot be installed (no python3 or no PyPI).
  bench [--quick] [--part NAME]
      Runs every benchmark of BENCHMARKS.md side by side with the official AWS SDK (generation,
      compile time and memory, the runtime's share of a build, cost per call) in the separate
      workspace tests/bench, and writes BENCHMARKS.md and tests/bench/generation-time.png. About
      40 minutes on 2 cores; --quick runs each part once to prove it builds and runs, and writes
      under target/bench/ instead; --part generation|compile|share|per-call runs that part alone
      and prints its section.
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
        "sweep" => sweep(rest),
        "synth-model" => synth_model(rest),
        "moto" => match rest {
            [] => xtask::moto::run(),
            [other, ..] => bail!("unknown flag `{other}`\n{USAGE}"),
        },
        "bench" => bench(rest),
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

fn sweep(args: &[String]) -> Result<String> {
    let mut models = xtask::workspace_root().join("../shared/models/aws");
    let mut only = None;
    let mut tests = true;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--models" => models = PathBuf::from(value()?),
            "--only" => only = Some(value()?.split(',').map(|s| s.trim().to_owned()).collect::<Vec<_>>()),
            "--no-tests" => tests = false,
            other => bail!("unknown flag `{other}`\n{USAGE}"),
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
        let value = args
            .next()
            .ok_or_else(|| anyhow::anyhow!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--operations" => {
                let n = value?;
                operations = Some(
                    n.parse::<usize>()
                        .map_err(|e| anyhow::anyhow!("--operations {n}: {e}"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value?)),
            other => bail!("unknown flag `{other}`\n{USAGE}"),
        }
    }
    let Some(operations) = operations.filter(|n| *n > 0) else {
        bail!("synth-model needs --operations N (at least 1)\n{USAGE}")
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
            "--part" if rest.next().is_some() => {}
            other => bail!("unknown flag `{other}`\n{USAGE}"),
        }
    }
    let root = xtask::workspace_root();
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

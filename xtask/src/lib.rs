//! The project's commands, as a library so that the tests run the very same code.

pub mod conformance;
pub mod files;
pub mod moto;
pub mod sweep;
pub mod synth;

use anyhow::{bail, Context, Result};
use codegen::{Generated, Options};
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The model `cargo xtask codegen` reads by default.
pub fn default_model() -> PathBuf {
    workspace_root().join("model/datazone.json")
}

/// The folder `cargo xtask codegen` writes by default.
pub fn default_out() -> PathBuf {
    workspace_root().join("generated")
}

/// Reads a model file and generates its crate in memory.
pub fn generate_from(model: &Path, options: &Options) -> Result<Generated> {
    let json = std::fs::read_to_string(model).with_context(|| format!("cannot read the model {}", model.display()))?;
    codegen::generate(&json, options).with_context(|| format!("cannot generate from {}", model.display()))
}

/// `cargo xtask codegen`: generate, then write (or with `check`, compare and fail on any difference).
///
/// Nothing is written unless generation succeeded.
pub fn codegen(model: &Path, out: &Path, options: &Options, check: bool) -> Result<String> {
    let generated = generate_from(model, options)?;
    let mut report = String::new();
    for warning in &generated.warnings {
        report.push_str(&format!("warning: {warning}\n"));
    }
    if check {
        let mismatches =
            files::compare(out, &generated.files).with_context(|| format!("cannot read {}", out.display()))?;
        if !mismatches.is_empty() {
            let list: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
            bail!(
                "{} is out of date with {} ({} file(s)):\n{}\nRun `cargo xtask codegen` to regenerate it.",
                out.display(),
                model.display(),
                mismatches.len(),
                list.join("\n")
            );
        }
        report.push_str(&format!(
            "{} is up to date ({} files)\n",
            out.display(),
            generated.files.len()
        ));
    } else {
        let summary = files::write(out, &generated.files).with_context(|| format!("cannot write {}", out.display()))?;
        report.push_str(&format!(
            "{}: {} written, {} removed, {} unchanged\n",
            out.display(),
            summary.written.len(),
            summary.removed.len(),
            summary.unchanged
        ));
    }
    Ok(report)
}

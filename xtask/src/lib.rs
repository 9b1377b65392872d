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

/// What `cargo xtask codegen` does with the crate it generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Writes it; `force` writes into a non-empty folder that holds no generated crate (still
    /// never over a file without the generated mark).
    Write { force: bool },
    /// Compares it with the folder, writes nothing, and fails on any difference.
    Check,
}

/// `cargo xtask codegen`: generate, then write (or compare, and fail on any difference).
///
/// Nothing is written unless generation succeeded and every file to write may be written.
pub fn codegen(model: &Path, out: &Path, options: &Options, action: Action) -> Result<String> {
    let generated = generate_from(model, options)?;
    let mut report = String::new();
    for warning in &generated.warnings {
        report.push_str(&format!("warning: {warning}\n"));
    }
    match action {
        Action::Check => {
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
        }
        Action::Write { force } => {
            let summary = files::write(out, &generated.files, force)?;
            report.push_str(&format!(
                "{}: {} written, {} removed, {} unchanged\n",
                out.display(),
                summary.written.len(),
                summary.removed.len(),
                summary.unchanged
            ));
            if let Some(note) = workspace_note(out, &generated.files) {
                report.push_str(&note);
            }
            for kept in &summary.kept {
                report.push_str(&format!(
                    "kept {kept}: no longer generated, but its generated mark is gone (edited by hand)\n"
                ));
            }
        }
    }
    Ok(report)
}

/// A note when `out` lies inside a Cargo workspace that does not name it: Cargo would refuse to
/// build the crate there ("believes it's in a workspace") until the workspace lists it in its
/// `members` or `exclude`, or the crate declares a `[workspace]` of its own.
fn workspace_note(out: &Path, files: &std::collections::BTreeMap<String, String>) -> Option<String> {
    if files
        .get("Cargo.toml")
        .is_some_and(|toml| toml.contains("\n[workspace]"))
    {
        return None;
    }
    let out = std::fs::canonicalize(out).ok()?;
    let root = out.ancestors().skip(1).find_map(|dir| {
        let toml = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        toml.lines()
            .any(|l| l.trim() == "[workspace]")
            .then_some((dir.to_path_buf(), toml))
    })?;
    let (dir, toml) = root;
    let relative = out.strip_prefix(&dir).ok()?.to_string_lossy().replace('\\', "/");
    if toml.contains(&format!("\"{relative}\"")) {
        return None;
    }
    Some(format!(
        "note: {} is inside the Cargo workspace of {}: as a path dependency it builds as it is, \
         but `cargo build` in its own folder needs that workspace to list \"{relative}\" in its \
         `members` (or `exclude`)\n",
        out.display(),
        dir.join("Cargo.toml").display()
    ))
}

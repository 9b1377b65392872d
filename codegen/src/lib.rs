//! Generates a Rust client crate from a Smithy 2.0 JSON AST model of a service that speaks
//! restJson1, awsJson1_0 or awsJson1_1.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`model`]: serde mirrors of the JSON AST; `apply` and mixins resolved.
//! 2. [`ir`]: the service closure lowered, validated and named: the only stage that reads the model.
//! 3. `emit`: IR → token streams, one module per concern; the wire behind the protocol seam of
//!    `emit/protocol/` (one HTTP-binding emitter, a small object per protocol, a codec per body
//!    format).
//! 4. `render`: `prettyplease` and a header for Rust; askama for `Cargo.toml` and `README.md`.
//!
//! [`generate`] returns the crate as a sorted map of relative path to contents. It never touches
//! the disk: writing and checking files is the xtask's job.

mod emit;
pub mod ir;
pub mod model;
mod options;
mod problem;
mod render;
mod runtime;
pub mod suggest;

pub use options::Options;
use problem::failed;
pub use problem::{ModelError, Problem};
pub use render::GENERATED_MARK;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The generated crate.
#[derive(Debug)]
pub struct Generated {
    /// Relative path → file contents, sorted by path.
    pub files: BTreeMap<String, String>,
    /// Things left out of the crate, each with the reason.
    pub warnings: Vec<Problem>,
}

/// Generates the crate for the model `json` (a Smithy JSON AST document).
pub fn generate(json: &str, options: &Options) -> Result<Generated, ModelError> {
    let (model, mut problems) = model::load(json).map_err(failed)?;
    let (wrong_traits, mut warnings) = model::traits::check(&model);
    problems.extend(wrong_traits);
    let lowered = ir::lower(&model, options);
    let service = match lowered {
        Ok((service, more)) if problems.is_empty() => {
            warnings.extend(more);
            // Waiters' paths are checked against the lowered outputs.
            let waiters = ir::waiter_paths::problems(&service);
            if !waiters.is_empty() {
                return Err(failed(waiters));
            }
            service
        }
        Ok(_) => return Err(failed(problems)),
        Err(more) => {
            problems.extend(more);
            return Err(failed(problems));
        }
    };
    let mut files = emit_and_render(&service).map_err(|e| failed(vec![Problem::new("generator", e)]))?;
    let runtime = runtime::files(&service, &emit::mock_example(&service));
    files.extend(runtime.iter().map(|(name, text)| render::runtime_copy(name, text)));
    let template = |e: askama::Error| failed(vec![Problem::new("generator", format!("template: {e}"))]);
    files.insert("Cargo.toml".into(), render::cargo_toml(&service).map_err(template)?);
    files.insert("README.md".into(), render::readme(&service).map_err(template)?);
    Ok(Generated { files, warnings })
}

/// Emits and renders every Rust file, the jobs shared out among the machine's cores. The result
/// does not depend on which thread ran which job.
fn emit_and_render(service: &ir::Service) -> Result<BTreeMap<String, String>, String> {
    let emitter = emit::Emitter::new(service);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let job = next.fetch_add(1, Ordering::Relaxed);
            if job >= emitter.jobs() {
                return Ok(done);
            }
            for file in emitter.job(job) {
                let path = file.path.clone();
                done.push((path, render::rust(file)?));
            }
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(emitter.jobs());
    let results: Vec<Result<Vec<(String, String)>, String>> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut results = vec![work()];
        results.extend(
            helpers
                .into_iter()
                .map(|h| h.join().expect("a rendering thread panicked")),
        );
        results
    });
    let mut files = BTreeMap::new();
    for result in results {
        files.extend(result?);
    }
    Ok(files)
}

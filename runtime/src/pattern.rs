//! `pattern` constraints that `regex-lite` can check.

use super::validation::{Path, Violation};

/// A `pattern` constraint, compiled on first use by `regex-lite`.
pub(crate) struct Pattern {
    /// The model's pattern, as violations quote it.
    source: &'static str,
    /// What the engine compiles: the model's pattern, or the generator's rewrite of it.
    regex: &'static str,
    compiled: std::sync::OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// The model's pattern, which the engine takes as it is.
    #[allow(dead_code)] // in a crate whose every pattern needed a rewrite
    pub(crate) const fn new(source: &'static str) -> Self {
        Self::translated(source, source)
    }

    /// The model's pattern, and the same pattern in the engine's syntax.
    pub(crate) const fn translated(source: &'static str, regex: &'static str) -> Self {
        Self {
            source,
            regex,
            compiled: std::sync::OnceLock::new(),
        }
    }

    /// `pattern`: the value must contain a match (Smithy patterns are not implicitly anchored).
    pub(crate) fn check(&self, out: &mut Vec<Violation>, path: &Path<'_>, value: &str) {
        let compiled = self.compiled.get_or_init(|| regex_lite::Regex::new(self.regex).ok());
        // The generator compiled every pattern with the same engine, so `None` cannot happen.
        if compiled.as_ref().is_some_and(|r| !r.is_match(value)) {
            out.push(Violation {
                path: path.to_string(),
                message: format!("{value:?} does not match the pattern {:?}", self.source),
            });
        }
    }
}

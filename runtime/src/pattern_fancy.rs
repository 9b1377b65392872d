//! `pattern` constraints that need look-around or Unicode categories, checked by `fancy-regex`.

use super::validation::{Path, Violation};

/// A `pattern` constraint that needs look-around or Unicode categories, compiled on first use by
/// `fancy-regex`.
pub(crate) struct FancyPattern {
    /// The model's pattern, as violations quote it.
    source: &'static str,
    /// The generator's rewrite of it (`\w` and `\d` spelled out in ASCII, as ECMA 262 means them).
    regex: &'static str,
    compiled: std::sync::OnceLock<Option<fancy_regex::Regex>>,
}

impl FancyPattern {
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

    /// `pattern`: the value must contain a match. A value the engine gives up on (its
    /// backtracking limit) is left to the service, which checks every pattern anyway.
    pub(crate) fn check(&self, out: &mut Vec<Violation>, path: &Path<'_>, value: &str) {
        let compiled = self.compiled.get_or_init(|| fancy_regex::Regex::new(self.regex).ok());
        if compiled
            .as_ref()
            .is_some_and(|r| r.is_match(value).is_ok_and(|matched| !matched))
        {
            out.push(Violation {
                path: path.to_string(),
                message: format!("{value:?} does not match the pattern {:?}", self.source),
            });
        }
    }
}

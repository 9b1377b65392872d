
/// A `pattern` constraint, compiled on first use.
pub(crate) struct Pattern {
    source: &'static str,
    regex: std::sync::OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    pub(crate) const fn new(source: &'static str) -> Self {
        Self { source, regex: std::sync::OnceLock::new() }
    }

    /// `pattern`: the value must contain a match (Smithy patterns are not implicitly anchored).
    pub(crate) fn check(&self, out: &mut Vec<Violation>, path: &Path<'_>, value: &str) {
        let regex = self.regex.get_or_init(|| regex_lite::Regex::new(self.source).ok());
        // The generator compiles every pattern with the same engine, so `None` cannot happen.
        if regex.as_ref().is_some_and(|r| !r.is_match(value)) {
            out.push(Violation { path: path.to_string(), message: format!("{value:?} does not match the pattern {:?}", self.source) });
        }
    }
}

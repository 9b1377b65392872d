//! What is wrong with a model: a [`Problem`] names the shape it is about; a [`ModelError`] holds
//! every problem that stopped a generation. Every stage reports through these.

use std::fmt;

/// One problem, about one place in the model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Where: a shape or member id, or `model`.
    pub subject: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem about `subject` (a shape id or `model`).
    pub fn new(subject: impl fmt::Display, message: impl Into<String>) -> Self {
        Self {
            subject: subject.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.message)
    }
}

/// Every problem that stopped a generation, sorted.
#[derive(Debug)]
pub struct ModelError {
    /// The problems, sorted and without duplicates.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(f, "the model has {n} problem{}:", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelError {}

pub(crate) fn failed(mut problems: Vec<Problem>) -> ModelError {
    problems.sort();
    problems.dedup();
    ModelError { problems }
}

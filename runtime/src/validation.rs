//! `validate()`: the `length`, `pattern` and `range` constraints of the model, checked on demand.
//!
//! Validation is offered, never forced: the service checks the same constraints, and a client
//! that refused values the service has since started to accept would break for no reason.

use std::fmt;

/// One value that breaks a constraint of the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Where the value is, in the model's member names: `target.revision`, `items[2]`.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every constraint violation found in a value, in member order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Every violation found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    pub(crate) fn result(violations: Vec<Violation>) -> Result<(), ValidationError> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Self { violations })
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} constraint violation(s)", self.violations.len())?;
        for v in &self.violations {
            write!(f, "; {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Where a value is, built up without allocating until a violation is found.
// A model without lists or maps to check never builds `Index` or `Key`.
#[allow(dead_code)]
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    /// The value `validate()` was called on.
    Root,
    /// A member of a structure or union.
    Member(&'a Path<'a>, &'static str),
    /// An element of a list.
    Index(&'a Path<'a>, usize),
    /// A value of a map.
    Key(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

// Each model uses some of these checks, never necessarily all.
#[allow(dead_code)]
pub(crate) mod check {
    use super::{Path, Violation};

    fn push(out: &mut Vec<Violation>, path: &Path<'_>, message: String) {
        out.push(Violation {
            path: path.to_string(),
            message,
        });
    }

    /// `length`: characters of a string, elements of a list or map, bytes of a blob.
    pub(crate) fn length(out: &mut Vec<Violation>, path: &Path<'_>, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if min.is_some_and(|min| len < min) || max.is_some_and(|max| len > max) {
            push(out, path, format!("length {len} is outside {}", bounds(min, max)));
        }
    }

    /// An enum's value: one of the model's. A value outside them (made explicitly, by
    /// `from_value`) is the service's to refuse, and `validate()` says so first.
    pub(crate) fn known<T: PartialEq + std::fmt::Display>(
        out: &mut Vec<Violation>,
        path: &Path<'_>,
        value: T,
        values: &[T],
    ) {
        if !values.contains(&value) {
            let known: Vec<String> = values.iter().map(ToString::to_string).collect();
            push(
                out,
                path,
                format!("`{value}` is not one of the model's values ({})", known.join(", ")),
            );
        }
    }

    /// `range` on an integer.
    pub(crate) fn range_int(
        out: &mut Vec<Violation>,
        path: &Path<'_>,
        value: i128,
        min: Option<i128>,
        max: Option<i128>,
    ) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
            push(out, path, format!("value {value} is outside {}", bounds(min, max)));
        }
    }

    /// `range` on a float.
    pub(crate) fn range_float(
        out: &mut Vec<Violation>,
        path: &Path<'_>,
        value: f64,
        min: Option<f64>,
        max: Option<f64>,
    ) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) || value.is_nan() {
            push(out, path, format!("value {value} is outside {}", bounds(min, max)));
        }
    }

    fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
        match (min, max) {
            (Some(min), Some(max)) => format!("{min}..={max}"),
            (Some(min), None) => format!("{min}.."),
            (None, Some(max)) => format!("..={max}"),
            (None, None) => "any bound".to_owned(),
        }
    }
}

//! Tests of the generated crate's behaviour live in `tests/`.
//!
//! The workspace README is included here so that its Rust example is compiled and run as a
//! doctest: the example cannot drift from the generated API.
#![doc = include_str!("../../../README.md")]

/// A string is never an enum value by accident: a setter of an enum member takes the enum, so
/// this does not compile (`"Failed"` would have been sent as an unknown status).
///
/// ```compile_fail
/// use datazone::operation::list_data_source_runs::ListDataSourceRunsInput;
/// let _ = ListDataSourceRunsInput::new("dzd_abc123", "ds42").status("Failed");
/// ```
///
/// and the explicit form does:
///
/// ```
/// use datazone::operation::list_data_source_runs::ListDataSourceRunsInput;
/// use datazone::types::DataSourceRunStatus;
/// let _ = ListDataSourceRunsInput::new("dzd_abc123", "ds42").status(DataSourceRunStatus::from_value("FAILED"));
/// ```
pub struct EnumsAreExplicit;

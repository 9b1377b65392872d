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

/// Signing settings are built by `SigningSettings::new`, never as a struct literal, so that new
/// settings (S3's path handling, chunked payloads) break no one's code:
///
/// ```compile_fail
/// use datazone::auth::SigningSettings;
/// let _ = SigningSettings { region: "us-east-1", name: datazone::SIGNING_NAME, unsigned_payload: false, events: false };
/// ```
///
/// and this does:
///
/// ```
/// use datazone::auth::SigningSettings;
/// let mut settings = SigningSettings::new("us-east-1", datazone::SIGNING_NAME);
/// settings.unsigned_payload = true;
/// assert!(!settings.events);
/// ```
pub struct SigningSettingsGrow;

//! Enums: known values map to their variants, unknown values round-trip exactly.

use datazone::types::{DataSourceRunStatus, MetadataGenerationRunStatus};

#[test]
fn a_known_string_gives_its_variant() {
    assert_eq!(
        DataSourceRunStatus::from_value("PARTIALLY_SUCCEEDED"),
        DataSourceRunStatus::PartiallySucceeded
    );
    assert_eq!(
        "FAILED".parse::<DataSourceRunStatus>().unwrap(),
        DataSourceRunStatus::Failed
    );
    assert_eq!(
        DataSourceRunStatus::from_value(&String::from("RUNNING")),
        DataSourceRunStatus::Running
    );
    assert_eq!(DataSourceRunStatus::Success.as_str(), "SUCCESS");
    assert_eq!(DataSourceRunStatus::Requested.to_string(), "REQUESTED");
}

#[test]
fn an_unknown_value_round_trips_exactly() {
    let status = DataSourceRunStatus::from_value("PAUSED_BY_OPERATOR");
    assert!(matches!(&status, DataSourceRunStatus::Unknown(v) if v.as_str() == "PAUSED_BY_OPERATOR"));
    assert_eq!(status.as_str(), "PAUSED_BY_OPERATOR");
    assert_eq!(status.to_string(), "PAUSED_BY_OPERATOR");
    assert_eq!(DataSourceRunStatus::from_value(status.as_str()), status);
    // Case matters on the wire: `success` is not `SUCCESS`.
    assert_ne!(DataSourceRunStatus::from_value("success"), DataSourceRunStatus::Success);
}

#[test]
fn the_known_values_are_listed_in_model_order() {
    assert_eq!(
        DataSourceRunStatus::values(),
        ["REQUESTED", "RUNNING", "FAILED", "PARTIALLY_SUCCEEDED", "SUCCESS"]
    );
    // Today's model added `PARTIALLY_SUCCEEDED` (and deprecated `SUBMITTED`).
    assert_eq!(MetadataGenerationRunStatus::VALUES.len(), 6);
    assert_eq!(MetadataGenerationRunStatus::VALUES.last(), Some(&"PARTIALLY_SUCCEEDED"));
    for value in DataSourceRunStatus::values() {
        let status = DataSourceRunStatus::from_value(value);
        assert!(!matches!(status, DataSourceRunStatus::Unknown(_)), "{value}");
        assert_eq!(status.as_str(), *value);
    }
}

/// A value outside the model's set is made explicitly (`from_value`), and `validate()` reports
/// it, with the values the model knows; a known one passes.
#[test]
fn validate_reports_an_enum_value_outside_the_models_set() {
    use datazone::operation::list_data_source_runs::ListDataSourceRunsInput;
    let input = ListDataSourceRunsInput::new("dzd_abc123", "ds42").status(DataSourceRunStatus::from_value("Failed"));
    let error = input.validate().unwrap_err();
    let violations = error.violations();
    assert_eq!(violations.len(), 1, "{error}");
    assert_eq!(violations[0].path, "status");
    assert_eq!(
        violations[0].message,
        "`Failed` is not one of the model's values (REQUESTED, RUNNING, FAILED, PARTIALLY_SUCCEEDED, SUCCESS)"
    );
    let known = ListDataSourceRunsInput::new("dzd_abc123", "ds42").status(DataSourceRunStatus::Failed);
    assert!(known.validate().is_ok());
}

//! Enums: known values map to their variants, unknown values round-trip exactly.

use datazone::types::{DataSourceRunStatus, MetadataGenerationRunStatus};

#[test]
fn a_known_string_gives_its_variant() {
    assert_eq!(
        DataSourceRunStatus::from("PARTIALLY_SUCCEEDED"),
        DataSourceRunStatus::PartiallySucceeded
    );
    assert_eq!(
        "FAILED".parse::<DataSourceRunStatus>().unwrap(),
        DataSourceRunStatus::Failed
    );
    assert_eq!(
        DataSourceRunStatus::from(String::from("RUNNING")),
        DataSourceRunStatus::Running
    );
    assert_eq!(DataSourceRunStatus::Success.as_str(), "SUCCESS");
    assert_eq!(DataSourceRunStatus::Requested.to_string(), "REQUESTED");
}

#[test]
fn an_unknown_value_round_trips_exactly() {
    let status = DataSourceRunStatus::from("PAUSED_BY_OPERATOR");
    assert!(matches!(&status, DataSourceRunStatus::Unknown(v) if v.as_str() == "PAUSED_BY_OPERATOR"));
    assert_eq!(status.as_str(), "PAUSED_BY_OPERATOR");
    assert_eq!(status.to_string(), "PAUSED_BY_OPERATOR");
    assert_eq!(DataSourceRunStatus::from(status.as_str()), status);
    // Case matters on the wire: `success` is not `SUCCESS`.
    assert_ne!(DataSourceRunStatus::from("success"), DataSourceRunStatus::Success);
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
        let status = DataSourceRunStatus::from(*value);
        assert!(!matches!(status, DataSourceRunStatus::Unknown(_)), "{value}");
        assert_eq!(status.as_str(), *value);
    }
}

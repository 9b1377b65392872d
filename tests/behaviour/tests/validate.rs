//! `validate()` checks the model's `length`, `pattern` and `range` constraints, on demand, and
//! reports every violation with its member path.

use datazone::operation::list_data_source_runs::ListDataSourceRunsInput;
use datazone::operation::start_metadata_generation_run::StartMetadataGenerationRunInput;
use datazone::types::{MetadataGenerationRunTarget, MetadataGenerationTargetType};

#[test]
fn a_valid_input_passes() {
    let input = ListDataSourceRunsInput::new("dzd_abc123", "ds42")
        .max_results(50)
        .next_token("t");
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let input = ListDataSourceRunsInput::new("abc123", "ds 42")
        .max_results(51)
        .next_token("");
    let error = input.validate().unwrap_err();
    let found: Vec<String> = error.violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            r#"domainIdentifier: "abc123" does not match the pattern "^dzd[-_][a-zA-Z0-9_-]{1,36}$""#,
            r#"dataSourceIdentifier: "ds 42" does not match the pattern "^[a-zA-Z0-9_-]{1,36}$""#,
            "nextToken: length 0 is outside 1..=8192",
            "maxResults: value 51 is outside 1..=50",
        ]
    );
    assert!(error
        .to_string()
        .starts_with("4 constraint violation(s); domainIdentifier: "));
}

#[test]
fn nested_members_are_checked_with_their_full_path() {
    let target =
        MetadataGenerationRunTarget::new(MetadataGenerationTargetType::Asset, "asset-1").revision("r".repeat(65));
    let input = StartMetadataGenerationRunInput::new("dzd_abc123", target, "project-1").client_token("tab\there");
    let found: Vec<String> = input
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "target.revision: length 65 is outside 1..=64",
            r#"clientToken: "tab\there" does not match the pattern "^[\\x21-\\x7E]+$""#,
        ]
    );
}

#[test]
fn validation_is_offered_not_forced() {
    // An invalid input can still be built and inspected: the service has the last word.
    let input = ListDataSourceRunsInput::new("not-a-domain", "ds42").max_results(0);
    assert_eq!(input.max_results, Some(0));
    assert_eq!(input.validate().unwrap_err().violations().len(), 2);
}

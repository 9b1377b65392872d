//! Inputs are built from their required members; optional ones are chained; outputs and nested
//! structures have public constructors too.

use datazone::operation::get_data_source_run::GetDataSourceRunOutput;
use datazone::operation::list_data_source_runs::ListDataSourceRunsInput;
use datazone::operation::start_data_source_run::StartDataSourceRunInput;
use datazone::operation::start_metadata_generation_run::StartMetadataGenerationRunInput;
use datazone::primitives::DateTime;
use datazone::types::{
    DataSourceRunStatus, DataSourceRunType, MetadataGenerationRunTarget, MetadataGenerationRunType,
    MetadataGenerationTargetType,
};

#[test]
fn required_members_are_constructor_arguments_and_optional_ones_setters() {
    let input = ListDataSourceRunsInput::new("dzd_abc123", "ds42")
        .status(DataSourceRunStatus::Failed)
        .max_results(25);
    assert_eq!(input.domain_identifier, "dzd_abc123");
    assert_eq!(input.data_source_identifier, "ds42");
    assert_eq!(input.status, Some(DataSourceRunStatus::Failed));
    assert_eq!(input.max_results, Some(25));
    assert_eq!(input.next_token, None);
    // A wire string becomes an enum value only when asked to (a bare "FAILED" does not compile:
    // see the compile_fail doctest of this crate's lib.rs).
    assert_eq!(
        ListDataSourceRunsInput::new("dzd_a", "b")
            .status(DataSourceRunStatus::from_value("FAILED"))
            .status,
        Some(DataSourceRunStatus::Failed)
    );
}

#[test]
#[allow(deprecated)] // `type` is deprecated in today's model, and still readable
fn nested_structures_and_outputs_have_constructors() {
    let target = MetadataGenerationRunTarget::new(MetadataGenerationTargetType::Asset, "asset-1").revision("3");
    // Today's model: `type` is optional and deprecated beside the `types` list.
    let input = StartMetadataGenerationRunInput::new("dzd_abc123", target.clone(), "project-1").types(vec![
        MetadataGenerationRunType::BusinessDescriptions,
        MetadataGenerationRunType::BusinessNames,
    ]);
    assert_eq!(input.target, target);
    assert_eq!(input.types.as_ref().map(|t| t[1].as_str()), Some("BUSINESS_NAMES"));
    assert!(input.r#type.is_none());

    let now = DateTime::from_secs_and_nanos(1_700_000_000, 5);
    let output = GetDataSourceRunOutput::new(
        "dzd_abc123",
        "ds42",
        "run1",
        "project-1",
        DataSourceRunStatus::Running,
        DataSourceRunType::Scheduled,
        now,
        now,
    );
    assert_eq!(output.status, DataSourceRunStatus::Running);
    assert_eq!(output.created_at.subsec_nanos(), 5);
    assert_eq!(output.lineage_summary, None);
}

#[test]
fn an_unset_idempotency_token_is_filled_once_with_a_uuid_v4() {
    let mut input = StartDataSourceRunInput::new("dzd_abc123", "ds42");
    assert_eq!(input.client_token, None);
    input.fill_idempotency_tokens();
    let token = input.client_token.clone().expect("filled");
    // xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx
    let parts: Vec<&str> = token.split('-').collect();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{token}"
    );
    assert!(
        parts[2].starts_with('4') && matches!(&parts[3][..1], "8" | "9" | "a" | "b"),
        "{token}"
    );
    // Filling again (as a retry would) keeps the token.
    input.fill_idempotency_tokens();
    assert_eq!(input.client_token.as_deref(), Some(token.as_str()));
    // Another logical call gets another token.
    let mut other = StartDataSourceRunInput::new("dzd_abc123", "ds42");
    other.fill_idempotency_tokens();
    assert_ne!(other.client_token, input.client_token);
    // A token the caller chose is kept.
    let mut chosen = StartDataSourceRunInput::new("dzd_abc123", "ds42").client_token("my-token");
    chosen.fill_idempotency_tokens();
    assert_eq!(chosen.client_token.as_deref(), Some("my-token"));
}

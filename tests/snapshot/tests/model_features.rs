//! Model features that change what is generated: mixins are flattened (members first, in order),
//! `apply` adds traits to shapes and members defined elsewhere, `rename` renames.

use codegen::Options;

const MODEL: &str = r#"{
    "smithy": "2.0",
    "shapes": {
        "com.example#Shop": {
            "type": "service",
            "version": "2024-01-01",
            "operations": [{ "target": "com.example#PutOrder" }],
            "rename": { "com.other#Order": "OtherOrder" },
            "traits": { "aws.protocols#restJson1": {} }
        },
        "com.example#PutOrder": {
            "type": "operation",
            "input": { "target": "com.example#PutOrderInput" },
            "traits": { "smithy.api#http": { "method": "PUT", "uri": "/orders" } }
        },
        "com.example#PutOrderInput": {
            "type": "structure",
            "mixins": [{ "target": "com.example#Audited" }],
            "members": {
                "order": { "target": "com.example#Order" },
                "other": { "target": "com.other#Order" }
            }
        },
        "com.example#Audited": {
            "type": "structure",
            "members": { "auditId": { "target": "smithy.api#String", "traits": { "smithy.api#required": {} } } },
            "traits": { "smithy.api#mixin": {}, "smithy.api#documentation": "Carries an audit id." }
        },
        "com.example#Order": { "type": "structure", "members": { "id": { "target": "smithy.api#String" } } },
        "com.other#Order": { "type": "structure", "members": {} },
        "com.example#Order$id": { "type": "apply", "traits": { "smithy.api#documentation": "Applied from elsewhere." } }
    }
}"#;

#[test]
fn mixins_apply_and_rename_shape_the_output() {
    let files = codegen::generate(MODEL, &Options::default())
        .expect("valid model")
        .files;
    let op = &files["src/operation/put_order.rs"];
    // The mixin's member comes first and is required; its docs are inherited.
    let new = op.find("pub fn new(").expect("constructor");
    assert!(
        op[new..]
            .trim_start_matches("pub fn new(")
            .trim_start()
            .starts_with("audit_id:"),
        "{op}"
    );
    assert!(op.contains("/// Carries an audit id."), "{op}");
    // `apply` documented a member of another shape.
    assert!(files["src/types/order.rs"].contains("/// Applied from elsewhere."));
    // `rename` told the two `Order`s apart.
    assert!(files.contains_key("src/types/other_order.rs"));
    assert!(op.contains("crate::types::OtherOrder"));
}

/// The obstacle course's names that step around a reserved one must not land on another:
/// `Config` beside `ConfigOperation`, `Unmodeled` beside `UnmodeledValue`, a waiter `Labelled`
/// beside an operation `WaitUntilLabelled`; a label that is
/// `required` and `clientOptional` (as GuardDuty publishes some) is a required argument.
#[test]
fn synthesized_names_do_not_collide_and_labels_are_required() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/obstacle_course.json");
    let json = std::fs::read_to_string(path).unwrap();
    let generated = codegen::generate(&json, &Options::default()).unwrap();
    let client = &generated.files["src/client.rs"];
    assert!(
        client.contains("pub fn config_operation2(&self) -> crate::operation::config::ConfigRequest"),
        "{client}"
    );
    assert!(
        client.contains("pub fn config_operation(")
            && client.contains("-> crate::operation::config_operation::ConfigOperationRequest")
    );
    let error = &generated.files["src/error.rs"];
    assert!(
        error.contains("UnmodeledValue2(error::Unmodeled)") && error.contains("use crate::types::error;"),
        "{error}"
    );
    assert!(error.contains("UnmodeledValue(error::UnmodeledValue)"));
    let labelled = &generated.files["src/operation/labelled.rs"];
    assert!(labelled.contains("pub id: ::std::string::String,"), "{labelled}");
    // The waiter `Labelled` steps aside for the operation `WaitUntilLabelled`.
    let flat = client.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "pub fn wait_until_labelled( &self, ) -> crate::operation::wait_until_labelled::WaitUntilLabelledRequest"
        ),
        "{client}"
    );
    assert!(
        flat.contains("self.labelled(id).wait_until_labelled_waiter()"),
        "{client}"
    );
    assert!(
        labelled.contains("pub fn wait_until_labelled_waiter(self)"),
        "{labelled}"
    );
}

/// Quirks of published models that a correct client survives are warnings, and the client is
/// generated: an error status outside 400–599, an endpoint parameter set to a value of the wrong
/// kind (dropped), documentation that says nothing (every item still gets docs).
#[test]
fn quirks_a_client_survives_are_warnings_and_empty_docs_get_a_fallback() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/obstacle_course.json");
    let json = std::fs::read_to_string(path).unwrap();
    let generated = codegen::generate(&json, &Options::default()).unwrap();
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("com.example.obstacles#MovedError: `smithy.api#httpError` is 308")),
        "{warnings:#?}"
    );
    assert!(
        warnings.contains(&"com.example.obstacles#Build: sets the endpoint parameter `Hurdle` to a string, where the service's endpoint rules declare a boolean: ignored".to_owned()),
        "{warnings:#?}"
    );
    let moved = &generated.files["src/types/error/moved_error.rs"];
    assert!(moved.contains("308"), "{moved}");
    // Empty, blank and markup-only documentation falls back, as no documentation does.
    let shade = &generated.files["src/types/shade.rs"];
    for fallback in ["/// `dim`", "/// `dark`", "/// `pitch`"] {
        assert!(shade.contains(fallback), "{shade}");
    }
    // A member's empty documentation does not hide its target's.
    let blank = &generated.files["src/operation/blank.rs"];
    assert!(
        blank.contains("/// A string its members' empty docs must not hide."),
        "{blank}"
    );
    // Static endpoint parameters alone do not read the input.
    let config = &generated.files["src/operation/config.rs"];
    assert!(config.contains("_input: &ConfigInput"), "{config}");

    // A value that only documents is ignored where it is wrong, with a warning.
    let mut model: serde_json::Value = serde_json::from_str(&json).unwrap();
    snapshot_tests::traits(&mut model, "com.example.obstacles#Crate").insert("smithy.api#title".into(), 5.into());
    let generated = codegen::generate(&snapshot_tests::to_json(&model), &Options::default()).unwrap();
    assert!(
        generated.warnings.iter().any(|w| w
            .to_string()
            .starts_with("com.example.obstacles#Crate: `smithy.api#title` must be")
            && w.to_string().ends_with("; it is ignored")),
        "{:#?}",
        generated.warnings
    );
}

/// The generated README names the crate's own protocol, opens with a quick start, and is
/// compiled as the crate's doctests; an operation's module page says its summary once; the
/// crate declares the Rust it is written for.
#[test]
fn the_generated_readme_and_pages_say_what_the_crate_is() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/query_compatible.json");
    let json = std::fs::read_to_string(path).unwrap();
    let generated = codegen::generate(&json, &Options::default()).unwrap();
    let readme = &generated.files["README.md"];
    assert!(readme.contains("builds the awsJson1_0\n`http::Request`"), "{readme}");
    assert!(!readme.contains("restJson1"), "{readme}");
    assert!(
        readme.contains("## Quick start") && readme.contains("test_util::Mock"),
        "{readme}"
    );
    assert!(generated.files["src/lib.rs"].contains("include_str!(\"../README.md\")"));
    let operations = &generated.files["src/operation/mod.rs"];
    assert!(!operations.contains("///"), "{operations}");
    assert!(generated.files["Cargo.toml"].contains("\nrust-version = \"1.82\"\n"));
}

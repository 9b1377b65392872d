//! README's "adding an operation", followed as written: its JSON, taken from README.md, added to
//! the model (at the top of `shapes`, where a reader pastes it), and the operation bound through
//! the service's `operations` and, as the official model does, as its resource's `read`.

use codegen::Options;
use serde_json::{json, Map, Value};
use snapshot_tests::{datazone, shape, to_json};

/// The shapes of README's recipe: the JSON block of "Extending the model".
fn recipe() -> Map<String, Value> {
    let readme = std::fs::read_to_string(xtask::workspace_root().join("README.md")).unwrap();
    let section = readme
        .split("## Extending the model: adding an operation")
        .nth(1)
        .expect("README has the recipe");
    let block = section
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the recipe has a JSON block");
    serde_json::from_str(&format!("{{{block}}}")).expect("the recipe's JSON is shapes")
}

/// `model` with the recipe's shapes first in `shapes`, as pasted at the top.
fn pasted(model: &Value) -> Value {
    let mut shapes = recipe();
    shapes.extend(model["shapes"].as_object().unwrap().clone());
    let mut model = model.clone();
    model["shapes"] = Value::Object(shapes);
    model
}

const OPERATION: &str = "com.amazonaws.datazone#GetMetadataGenerationRun";

#[test]
fn the_readme_recipe_adds_the_operation_bound_either_way() {
    // Bound through the service's operations.
    let mut by_service = pasted(&datazone());
    shape(&mut by_service, "com.amazonaws.datazone#DataZone")
        .entry("operations")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .unwrap()
        .push(json!({ "target": OPERATION }));
    // Bound as the resource's read.
    let mut by_resource = pasted(&datazone());
    shape(&mut by_resource, "com.amazonaws.datazone#MetadataGenerationRun")
        .insert("read".into(), json!({ "target": OPERATION }));

    for model in [by_service, by_resource] {
        let generated = codegen::generate(&to_json(&model), &Options::default()).expect("the recipe generates");
        let op = &generated.files["src/operation/get_metadata_generation_run.rs"];
        assert!(op.contains("pub struct GetMetadataGenerationRunInput"), "{op}");
        assert!(op.contains("pub enum GetMetadataGenerationRunError"), "{op}");
        assert!(
            generated.files["src/client.rs"].contains("pub fn get_metadata_generation_run("),
            "the client has the method"
        );
        // Everything that was there is still there.
        assert!(generated.files.contains_key("src/operation/get_data_source_run.rs"));
    }
}

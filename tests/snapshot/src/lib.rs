//! Tests of the generator; see `tests/`.
//!
//! Tests that change a model change it parsed, by shape id and trait, never by the text's layout:
//! a model reformatted, or with shapes added anywhere (as README's "adding an operation" does),
//! gives them the same model.

use serde_json::{Map, Value};

/// The DataZone model of `model/`, parsed.
pub fn datazone() -> Value {
    let text = std::fs::read_to_string(xtask::default_model()).expect("model/datazone.json is readable");
    serde_json::from_str(&text).expect("model/datazone.json is JSON")
}

/// The shape `id` of `model`; panics when there is none (a test's mistake).
pub fn shape<'m>(model: &'m mut Value, id: &str) -> &'m mut Map<String, Value> {
    model["shapes"][id]
        .as_object_mut()
        .unwrap_or_else(|| panic!("the model has no shape {id}"))
}

/// The traits of shape `id`, or of its member `id$member`, made if absent.
pub fn traits<'m>(model: &'m mut Value, id: &str) -> &'m mut Map<String, Value> {
    let target = match id.split_once('$') {
        Some((shape_id, member)) => shape(model, shape_id)["members"][member]
            .as_object_mut()
            .unwrap_or_else(|| panic!("the model has no member {id}")),
        None => shape(model, id),
    };
    target
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .expect("traits are an object")
}

/// Renames trait `from` to `to` on shape or member `id`.
pub fn rename_trait(model: &mut Value, id: &str, from: &str, to: &str) {
    let traits = traits(model, id);
    let value = traits
        .remove(from)
        .unwrap_or_else(|| panic!("{id} has no trait {from}"));
    traits.insert(to.to_owned(), value);
}

/// The model as JSON text, for `codegen::generate`.
pub fn to_json(model: &Value) -> String {
    serde_json::to_string(model).expect("a Value always serializes")
}

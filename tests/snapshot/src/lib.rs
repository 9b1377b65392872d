//! Tests of the generator; see `tests/`.
//!
//! Tests that change a model change it parsed, by shape id and trait, never by the text's layout:
//! a model reformatted, or with shapes added anywhere (as README's "adding an operation" does),
//! gives them the same model.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Every file under `dir` with its contents: two snapshots are equal when nothing was written,
/// removed or added.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(folder).expect("the folder is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let contents = std::fs::read(&path).expect("the file is readable");
                files.insert(path, contents);
            }
        }
    }
    files
}

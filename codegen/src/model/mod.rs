//! Stage 1: the Smithy JSON AST, loaded into typed shapes.
//!
//! [`load`] parses the document, parses every shape on its own (so that every broken shape is
//! reported), adds the prelude, applies `apply` statements and flattens mixins. Nothing here knows
//! about Rust.

pub mod ast;
pub mod known;
mod prelude;
mod shape_id;
pub mod traits;

pub use ast::{Member, Shape, Traits};
pub use shape_id::{is_identifier as shape_id_is_identifier, ShapeId};

use crate::problem::Problem;
use std::collections::BTreeMap;

/// A loaded model: every shape by id, prelude included, `apply` applied, mixins flattened.
#[derive(Debug)]
pub struct Model {
    /// Every shape by absolute id.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// The shape with this id, if the model has it.
    pub fn get(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }
}

/// Parses a JSON AST document. Reports every problem found, not only the first: unless the JSON
/// itself is malformed, the shapes that did load come back with the problems, so that later
/// stages can report theirs too.
pub fn load(json: &str) -> Result<(Model, Vec<Problem>), Vec<Problem>> {
    let raw: ast::RawModel =
        serde_json::from_str(json).map_err(|e| vec![Problem::new("model", syntax_error(json, &e))])?;
    let mut problems = Vec::new();
    if !matches!(raw.smithy.as_str(), "2" | "2.0" | "1" | "1.0") {
        problems.push(Problem::new(
            "model",
            format!("unsupported Smithy IDL version `{}`", raw.smithy),
        ));
    }
    let mut shapes = BTreeMap::new();
    let mut applies = Vec::new();
    for (key, value) in raw.shapes {
        let id = match ShapeId::parse(&key) {
            Ok(id) => id,
            Err(e) => {
                problems.push(Problem::new(&key, e));
                continue;
            }
        };
        match serde_json::from_str::<Shape>(value.get()) {
            Ok(Shape::Apply(apply)) => applies.push((id, apply.traits)),
            Ok(_) if id.member().is_some() => {
                problems.push(Problem::new(
                    &id,
                    "a shape id with a member part can only be used by `apply`",
                ));
            }
            Ok(shape) => {
                // Member names become Rust identifiers: only Smithy's identifier grammar is safe.
                for (name, _) in shape.members() {
                    if !shape_id::is_identifier(name) {
                        problems.push(Problem::new(
                            &id,
                            format!("member name {name:?} is not a Smithy identifier"),
                        ));
                    }
                }
                shapes.insert(id, shape);
            }
            Err(e) => problems.push(Problem::new(
                &id,
                format!(
                    "invalid shape: {}",
                    without_position(&e).replace("unknown variant", "unknown shape type")
                ),
            )),
        }
    }
    prelude::add(&mut shapes);
    for (id, traits) in applies {
        apply_traits(&mut shapes, &id, traits, &mut problems);
    }
    flatten_mixins(&mut shapes, &mut problems);
    Ok((Model { shapes }, problems))
}

/// serde_json's message without its ` at line L column C` suffix, which the caller places better.
/// A JSON error with its place: the line and column, the line itself with a caret under the
/// column, and, where the error is the token after a missing or extra `,` (which the parser
/// only notices on a later line), the line where that `,` is or should be.
fn syntax_error(json: &str, e: &serde_json::Error) -> String {
    let why = without_position(e);
    if e.line() == 0 {
        return format!("malformed JSON AST: {why}");
    }
    let (line, column) = (e.line(), e.column());
    let mut message = format!("malformed JSON AST at line {line}, column {column}: {why}");
    let Some(text) = json.lines().nth(line - 1) else {
        return message;
    };
    // The byte offset of the error, and the last character before it that is not blank.
    let start: usize = json.lines().take(line - 1).map(|l| l.len() + 1).sum();
    let offset = (start + column.saturating_sub(1)).min(json.len());
    let before = json.get(..offset).and_then(|b| {
        let trimmed = b.trim_end();
        Some((trimmed.chars().last()?, trimmed.lines().count()))
    });
    match before {
        Some((',', earlier)) if earlier < line => {
            message += &format!(" (is the `,` at the end of line {earlier} one too many?)");
        }
        Some((c, earlier)) if earlier < line && c != '{' && c != '[' && why.starts_with("expected `,`") => {
            message += &format!(" (is a `,` missing at the end of line {earlier}?)");
        }
        _ => {}
    }
    let number = line.to_string();
    let caret = " ".repeat(text.chars().take(column.saturating_sub(1)).count());
    message += &format!("\n    {number} | {text}\n    {} | {caret}^", " ".repeat(number.len()));
    message
}

fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_owned(),
        _ => text,
    }
}

/// Merges an `apply` statement's traits into the shape or member it names.
fn apply_traits(shapes: &mut BTreeMap<ShapeId, Shape>, id: &ShapeId, traits: Traits, problems: &mut Vec<Problem>) {
    let Some(shape) = shapes.get_mut(&id.root()) else {
        problems.push(Problem::new(id, "`apply` targets a shape that does not exist"));
        return;
    };
    let target = match id.member() {
        None => shape.traits_mut(),
        Some(member) => match shape.member_mut(member) {
            Some(m) => &mut m.traits,
            None => {
                problems.push(Problem::new(id, "`apply` targets a member that does not exist"));
                return;
            }
        },
    };
    target.extend(traits);
}

/// Copies the members and traits of every mixin into the shapes that use it, mixins of mixins
/// first. The `mixin` trait itself is not inherited.
fn flatten_mixins(shapes: &mut BTreeMap<ShapeId, Shape>, problems: &mut Vec<Problem>) {
    let ids: Vec<ShapeId> = shapes
        .iter()
        .filter(|(_, s)| !s.mixins().is_empty())
        .map(|(id, _)| id.clone())
        .collect();
    let mut done = std::collections::BTreeSet::new();
    for id in ids {
        flatten_one(shapes, &id, &mut done, &mut Vec::new(), problems);
    }
}

fn flatten_one(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    id: &ShapeId,
    done: &mut std::collections::BTreeSet<ShapeId>,
    path: &mut Vec<ShapeId>,
    problems: &mut Vec<Problem>,
) {
    if done.contains(id) {
        return;
    }
    if path.contains(id) {
        problems.push(Problem::new(id, "mixins form a cycle"));
        return;
    }
    let Some(mixins) = shapes.get(id).map(|s| s.mixins().to_vec()) else {
        return;
    };
    path.push(id.clone());
    let mut inherited_members = Vec::new();
    let mut inherited_traits = BTreeMap::new();
    for reference in mixins {
        let mixin_id = match ShapeId::parse(&reference.target) {
            Ok(mixin_id) => mixin_id,
            Err(e) => {
                problems.push(Problem::new(id, format!("mixin: {e}")));
                continue;
            }
        };
        flatten_one(shapes, &mixin_id, done, path, problems);
        let Some(mixin) = shapes.get(&mixin_id) else {
            problems.push(Problem::new(id, format!("mixin {mixin_id} not found")));
            continue;
        };
        if !mixin.traits().has("smithy.api#mixin") {
            problems.push(Problem::new(
                id,
                format!("{mixin_id} is used as a mixin but has no `smithy.api#mixin` trait"),
            ));
            continue;
        }
        let local: Vec<String> = mixin.traits().raw()["smithy.api#mixin"]
            .get("localTraits")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        for (name, value) in mixin.traits().raw() {
            if name != "smithy.api#mixin" && !local.contains(name) {
                inherited_traits.insert(name.clone(), value.clone());
            }
        }
        for (name, member) in mixin.members() {
            inherited_members.push((name.to_owned(), member.clone()));
        }
    }
    path.pop();
    let shape = shapes.get_mut(id).expect("shape exists: its mixins were read above");
    shape.traits_mut().inherit(inherited_traits);
    if let Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) = shape {
        let own = std::mem::take(&mut a.members);
        let mut merged: ast::Members = Vec::new();
        for (name, mut member) in inherited_members {
            // A member redeclared locally keeps the mixin's traits under its own.
            if let Some((_, local)) = own.iter().find(|(n, _)| *n == name) {
                member.traits.extend(local.traits.clone());
            }
            merged.push((name, member));
        }
        for (name, member) in own {
            if !merged.iter().any(|(n, _)| *n == name) {
                merged.push((name, member));
            }
        }
        a.members = merged;
    }
    done.insert(id.clone());
}

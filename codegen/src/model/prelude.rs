//! The shapes of the `smithy.api` prelude that models target without defining them.

use super::ast::{Aggregate, Shape, Simple};
use super::ShapeId;
use serde_json::json;
use std::collections::BTreeMap;

/// Adds the prelude's shapes that the model does not define itself.
pub fn add(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let simple = |default: Option<serde_json::Value>| {
        let traits = default.map(|d| ("smithy.api#default".to_owned(), d));
        Simple {
            traits: BTreeMap::from_iter(traits).into(),
            ..Simple::default()
        }
    };
    let entries: Vec<(&str, Shape)> = vec![
        ("String", Shape::String(simple(None))),
        ("Blob", Shape::Blob(simple(None))),
        ("BigInteger", Shape::BigInteger(simple(None))),
        ("BigDecimal", Shape::BigDecimal(simple(None))),
        ("Timestamp", Shape::Timestamp(simple(None))),
        ("Document", Shape::Document(simple(None))),
        ("Boolean", Shape::Boolean(simple(None))),
        ("Byte", Shape::Byte(simple(None))),
        ("Short", Shape::Short(simple(None))),
        ("Integer", Shape::Integer(simple(None))),
        ("Long", Shape::Long(simple(None))),
        ("Float", Shape::Float(simple(None))),
        ("Double", Shape::Double(simple(None))),
        ("PrimitiveBoolean", Shape::Boolean(simple(Some(json!(false))))),
        ("PrimitiveByte", Shape::Byte(simple(Some(json!(0))))),
        ("PrimitiveShort", Shape::Short(simple(Some(json!(0))))),
        ("PrimitiveInteger", Shape::Integer(simple(Some(json!(0))))),
        ("PrimitiveLong", Shape::Long(simple(Some(json!(0))))),
        ("PrimitiveFloat", Shape::Float(simple(Some(json!(0))))),
        ("PrimitiveDouble", Shape::Double(simple(Some(json!(0))))),
    ];
    for (name, shape) in entries {
        let id = ShapeId::parse(&format!("smithy.api#{name}")).expect("prelude ids are valid");
        shapes.entry(id).or_insert(shape);
    }
    let unit = ShapeId::parse("smithy.api#Unit").expect("prelude ids are valid");
    let traits = BTreeMap::from([("smithy.api#unitType".to_owned(), json!({}))]);
    shapes.entry(unit).or_insert(Shape::Structure(Aggregate {
        traits: traits.into(),
        ..Aggregate::default()
    }));
}

//! A `#[cfg(test)]` test for every type that holds `sensitive` data, at any depth: it builds the
//! value with a marker in every sensitive place (and plain text elsewhere) and checks that the
//! marker appears in no `Debug` rendering, nor in an error's `Display`.

use super::protocol_tests::{minimal, structure_value};
use super::rust::ident;
use super::shapes::Shapes;
use crate::ir::{Member, NamedKind, Structure, Type};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

const MARKER: &str = "SENSITIVE-MARKER";
/// How deep optional members are filled: enough for any nesting a test needs, finite for
/// recursive shapes.
const DEPTH: usize = 4;

/// `#[cfg(test)] mod redaction_tests` with a test for each of `structures` that holds sensitive
/// data; nothing when none does.
pub fn module<'a>(structures: impl IntoIterator<Item = &'a Structure>, shapes: &Shapes<'_>) -> TokenStream {
    let tests: Vec<TokenStream> = structures.into_iter().filter_map(|s| test(s, shapes)).collect();
    if tests.is_empty() {
        return quote! {};
    }
    quote! {
        #[cfg(test)]
        mod redaction_tests {
            #[allow(unused_imports)]
            use super::*;
            #(#tests)*
        }
    }
}

fn test(s: &Structure, shapes: &Shapes<'_>) -> Option<TokenStream> {
    let (params, secret) = sample_members(&s.members, s.sensitive, shapes, 0);
    if !secret {
        return None;
    }
    let (value, _) = structure_value(s, &params, shapes);
    let display = s.error().is_some().then(|| {
        quote! {
            let display = value.to_string();
            assert!(!display.contains(#MARKER), "Display shows a sensitive value: {display}");
        }
    });
    let name = ident(&format!("{}_hides_sensitive_data", crate::ir::names::snake(&s.name)));
    Some(quote! {
        #[test]
        fn #name() {
            let value = #value;
            let debug = format!("{value:?}");
            assert!(!debug.contains(#MARKER), "Debug shows a sensitive value: {debug}");
            #display
        }
    })
}

/// `params` for the members: a marker wherever the data is sensitive; also whether any is.
fn sample_members(members: &[Member], secret: bool, shapes: &Shapes<'_>, depth: usize) -> (Value, bool) {
    let mut object = serde_json::Map::new();
    let mut any = false;
    for m in members {
        let Some(ty) = &m.ty else { continue };
        if m.optional && depth >= DEPTH {
            continue;
        }
        let (v, s) = sample(ty, secret || m.sensitive, shapes, depth);
        any |= s;
        object.insert(m.wire_name.clone(), v);
    }
    (Value::Object(object), any)
}

/// A `params` value of `ty`; also whether it holds the marker.
fn sample(ty: &Type, secret: bool, shapes: &Shapes<'_>, depth: usize) -> (Value, bool) {
    let text = |secret: bool| (json!(if secret { MARKER } else { "visible" }), secret);
    match ty {
        Type::String | Type::Document => text(secret),
        Type::Named(n) if n.kind == NamedKind::Enum => text(secret),
        Type::Named(n) if n.kind == NamedKind::IntEnum => (json!(0), false),
        Type::List { .. } if depth >= DEPTH => (json!([]), false),
        Type::Map { .. } if depth >= DEPTH => (json!({}), false),
        Type::Named(n) if n.kind == NamedKind::Union && depth >= DEPTH => {
            (minimal(ty, shapes, 0).unwrap_or(Value::Null), false)
        }
        Type::Named(n) if n.kind == NamedKind::Union => match shapes.unions.get(&n.id) {
            Some(u) => {
                let member = u.members.iter().find(|m| m.ty.is_some());
                match member {
                    Some(m) => {
                        let ty = m.ty.as_ref().expect("filtered");
                        let (v, s) = sample(ty, secret || u.sensitive || m.sensitive, shapes, depth + 1);
                        (json!({ m.wire_name.clone(): v }), s)
                    }
                    None => (minimal(ty, shapes, 0).unwrap_or(Value::Null), false),
                }
            }
            None => (Value::Null, false),
        },
        Type::Named(n) => match shapes.structures.get(&n.id) {
            Some(s) => sample_members(&s.members, secret || s.sensitive, shapes, depth + 1),
            None => (json!({}), false),
        },
        Type::List { member, .. } => {
            let (v, s) = sample(&member.ty, secret || member.sensitive, shapes, depth + 1);
            (json!([v]), s)
        }
        Type::Map { key, value, .. } => {
            let (k, ks) = text(secret || key.sensitive);
            let (v, vs) = sample(&value.ty, secret || value.sensitive, shapes, depth + 1);
            let key = k.as_str().unwrap_or_default().to_owned();
            (json!({ key: v }), ks || vs)
        }
        // Numbers, booleans, timestamps and blobs cannot carry the marker's text.
        Type::Blob => (json!(""), false),
        Type::Boolean => (json!(false), false),
        Type::Timestamp => (json!(0), false),
        Type::BigInteger | Type::BigDecimal => (json!("0"), false),
        _ => (json!(0), false),
    }
}

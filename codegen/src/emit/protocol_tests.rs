//! Rust tests from the model's `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`
//! (client cases only): each builds the request from `params` and checks it against the case, or
//! reads the case's response and compares it with the value `params` describe.
//!
//! Test functions are named `request_<id>` and `response_<id>`, the case id kept as written, so
//! that a test run can be read back case by case.

use super::rust::{default_value, ident, named_path};
use super::shapes::Shapes;
use crate::ir::protocol_tests::{RequestCase, ResponseCase};
use crate::ir::{Member, NamedKind, Operation, Structure, Type, Union};
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};
use serde_json::Value;
use std::collections::BTreeMap;

/// The items of the operation's `protocol_tests` module (a file of its own beside the
/// operation's), or `None` when the operation has no cases.
pub fn tests(op: &Operation, errors: &[&Structure], shapes: &Shapes<'_>) -> Option<TokenStream> {
    let mut tests = Vec::new();
    for case in &op.request_tests {
        tests.push(request_test(op, case, shapes));
    }
    for case in &op.response_tests {
        tests.push(response_test(op, &op.output, None, case, shapes));
    }
    for error in errors {
        let variant = op.errors.iter().find(|e| e.id == error.id).map(|e| e.variant.as_str());
        for case in error.error().into_iter().flat_map(|e| &e.response_tests) {
            tests.push(response_test(op, error, variant, case, shapes));
        }
    }
    if tests.is_empty() {
        return None;
    }
    Some(quote! {
        //! The protocol tests of the operation's module: `smithy.test#httpRequestTests` and
        //! `smithy.test#httpResponseTests` cases, one test each, named by the case's id.
        #![allow(non_snake_case)]
        use super::*;
        #(#tests)*
    })
}

fn headers(headers: &BTreeMap<String, String>) -> TokenStream {
    let pairs = headers.iter().map(|(k, v)| quote! { (#k, #v) });
    quote! { &[#(#pairs),*] }
}

/// `#[test]`, and `#[ignore]` with the reason when the case is on the skip list.
fn attributes(id: &str, shapes: &Shapes<'_>, doc: Option<&str>) -> TokenStream {
    let ignore = shapes.ignored.get(id).map(|reason| quote! { #[ignore = #reason] });
    let doc = doc.map(|d| {
        let lines = d.lines().map(|l| format!(" {l}"));
        quote! { #(#[doc = #lines])* }
    });
    quote! { #doc #[test] #ignore }
}

fn request_test(op: &Operation, case: &RequestCase, shapes: &Shapes<'_>) -> TokenStream {
    let id = &case.id;
    let name = ident(&format!("request_{id}"));
    let attrs = attributes(id, shapes, case.documentation.as_deref());
    let (input, _) = structure_value(&op.input, &case.params, shapes);
    let endpoint = format!("https://{}", case.host.as_deref().unwrap_or("example.com"));
    let (method, uri) = (&case.method, &case.uri);
    // The fields the case sets; the rest are `ExpectedRequest`'s defaults (nothing expected).
    let list = |name: &str, items: &[String]| {
        let name = ident(name);
        (!items.is_empty()).then(|| quote! { #name: &[#(#items),*], })
    };
    let text = |name: &str, value: Option<&str>| {
        let name = ident(name);
        value.map(|v| quote! { #name: ::std::option::Option::Some(#v), })
    };
    let fields = [
        text("resolved_host", case.resolved_host.as_deref()),
        list("query_params", &case.query_params),
        list("forbid_query_params", &case.forbid_query_params),
        list("require_query_params", &case.require_query_params),
        (!case.headers.is_empty()).then(|| {
            let headers = headers(&case.headers);
            quote! { headers: #headers, }
        }),
        list("forbid_headers", &case.forbid_headers),
        list("require_headers", &case.require_headers),
        text("body", case.body.as_deref()),
        text("body_media_type", case.body_media_type.as_deref()),
    ];
    quote! {
        #attrs
        fn #name() {
            let input = #input;
            let request = Operation::request(&input, #endpoint).expect("the request builds");
            crate::protocol_test::check_request(&request, &crate::protocol_test::ExpectedRequest {
                method: #method,
                uri: #uri,
                #(#fields)*
                ..::std::default::Default::default()
            });
        }
    }
}

/// A response test: for the operation's output (`variant` is `None`) or one of its errors.
fn response_test(
    op: &Operation,
    s: &Structure,
    variant: Option<&str>,
    case: &ResponseCase,
    shapes: &Shapes<'_>,
) -> TokenStream {
    let id = &case.id;
    let name = ident(&format!("response_{id}"));
    let attrs = attributes(id, shapes, case.documentation.as_deref());
    let (expected, has_nan) = structure_value(s, &case.params, shapes);
    let code = case.code;
    let headers = headers(&case.headers);
    let media = case.body_media_type.as_deref();
    let body = case.body.as_deref().unwrap_or_default();
    let binary = media.is_some_and(|m| !(m.starts_with("text/") || m.contains("json") || m.contains("xml")));
    let body = if binary {
        // Binary bodies are written in base64 in the case; the response carries the bytes.
        quote! { &crate::wire::base64_decode(#body).unwrap_or_else(|_| #body.as_bytes().to_vec()) }
    } else {
        quote! { #body.as_bytes() }
    };
    // A stream is neither `Clone` nor `PartialEq`: its bytes are compared, then the rest by
    // `Debug` text, as are values with a `NaN`, which never equals itself.
    let streams: Vec<TokenStream> = s
        .members
        .iter()
        .filter(|m| m.ty == Some(Type::Stream))
        .map(|m| {
            let field = ident(&m.field);
            quote! {
                assert_eq!(
                    crate::protocol_test::bytes_of(::std::mem::take(&mut actual.#field)),
                    crate::protocol_test::bytes_of(::std::mem::take(&mut expected.#field)),
                );
            }
        })
        .collect();
    let by_debug = has_nan || s.streams();
    let compare = if by_debug {
        let rebind = (!streams.is_empty()).then(|| quote! { let mut actual = actual; });
        quote! { #rebind #(#streams)* assert_eq!(format!("{actual:?}"), format!("{expected:?}")); }
    } else {
        quote! { assert_eq!(actual, expected); }
    };
    let error = ident(&op.error_enum);
    let check = match variant {
        None => quote! {
            match Operation::response(&response) {
                ::std::result::Result::Ok(actual) => { #compare }
                ::std::result::Result::Err(e) => panic!("expected the output, got the error {e:?}"),
            }
        },
        Some(variant) => {
            let variant = ident(variant);
            quote! {
                match Operation::response(&response) {
                    ::std::result::Result::Err(#error::#variant(actual)) => { #compare }
                    other => panic!("expected the error {}, got {other:?}", stringify!(#variant)),
                }
            }
        }
    };
    quote! {
        #attrs
        fn #name() {
            let response = crate::protocol_test::response(#code, #headers, #body);
            let mut expected = #expected;
            expected._request_id = crate::wire::request_id(response.headers());
            #check
        }
    }
}

/// A struct literal of `s` from `params`; also whether it holds a `NaN`.
pub(super) fn structure_value(s: &Structure, params: &Value, shapes: &Shapes<'_>) -> (TokenStream, bool) {
    let name = ident(&s.name);
    let path = match shapes.structures.get(&s.id) {
        Some(found) if found.name == s.name && found.error().is_some() => quote! { crate::types::error::#name },
        Some(found) if found.name == s.name => quote! { crate::types::#name },
        _ => quote! { #name },
    };
    let mut nan = false;
    let fields = s.members.iter().filter(|m| m.ty.is_some()).map(|m| {
        let field = ident(&m.field);
        let value = match params.get(&m.wire_name) {
            Some(v) if !v.is_null() => {
                let (value, n) = member_value(m, v, shapes);
                nan |= n;
                if m.optional {
                    quote! { ::std::option::Option::Some(#value) }
                } else {
                    value
                }
            }
            _ if m.optional => quote! { ::std::option::Option::None },
            _ if m.default.is_some() => default_value(m),
            _ => {
                let (value, _) = zero(m.ty.as_ref(), shapes);
                if m.boxed {
                    quote! { ::std::boxed::Box::new(#value) }
                } else {
                    value
                }
            }
        };
        quote! { #field: #value, }
    });
    let mut fields: Vec<_> = fields.collect();
    if s.is_response() {
        fields.push(quote! { _request_id: ::std::option::Option::None, });
    }
    (quote! { #path { #(#fields)* } }, nan)
}

fn member_value(m: &Member, v: &Value, shapes: &Shapes<'_>) -> (TokenStream, bool) {
    let Some(ty) = &m.ty else { return (quote! { () }, false) };
    let (value, nan) = value(ty, v, shapes);
    if m.boxed {
        (quote! { ::std::boxed::Box::new(#value) }, nan)
    } else {
        (value, nan)
    }
}

/// The zero value of a type, for required members a case leaves out.
fn zero(ty: Option<&Type>, shapes: &Shapes<'_>) -> (TokenStream, bool) {
    match ty {
        Some(ty @ Type::Named(n)) if matches!(n.kind, NamedKind::Structure | NamedKind::Error | NamedKind::Union) => {
            match minimal(ty, shapes, 0) {
                Some(v) => value(ty, &v, shapes),
                None => (quote! { compile_error!("a shape with no finite value") }, false),
            }
        }
        Some(Type::Named(n)) if n.kind == NamedKind::Enum => {
            value(ty.expect("matched"), &Value::String(String::new()), shapes)
        }
        Some(Type::Named(n)) if n.kind == NamedKind::IntEnum => value(ty.expect("matched"), &Value::from(0), shapes),
        Some(Type::Timestamp) => (quote! { crate::primitives::DateTime::UNIX_EPOCH }, false),
        Some(Type::Document) => (quote! { crate::primitives::Document::Null }, false),
        _ => (quote! { ::std::default::Default::default() }, false),
    }
}

/// How deep [`minimal`] looks for a finite value before giving up on a choice.
const MINIMAL_DEPTH: usize = 16;

/// The smallest `params` value of `ty`: required members only, every list and map empty, and for
/// a union its simplest member (a unit, then a simple value, then the first member that has a
/// finite value). `None` for a shape whose every value is deeper than [`MINIMAL_DEPTH`].
pub(super) fn minimal(ty: &Type, shapes: &Shapes<'_>, depth: usize) -> Option<Value> {
    if depth > MINIMAL_DEPTH {
        return None;
    }
    Some(match ty {
        Type::String | Type::Document | Type::Blob => Value::String(String::new()),
        Type::BigInteger | Type::BigDecimal => Value::String("0".into()),
        Type::Boolean => Value::Bool(false),
        Type::List { .. } => Value::Array(Vec::new()),
        Type::Map { .. } => Value::Object(Default::default()),
        Type::Named(n) if n.kind == NamedKind::Enum => Value::String(String::new()),
        Type::Named(n) if n.kind == NamedKind::Union => {
            let u = shapes.unions.get(&n.id)?;
            let simple = |m: &&Member| !matches!(&m.ty, Some(Type::Named(n)) if !matches!(n.kind, NamedKind::Enum | NamedKind::IntEnum));
            let unit = u.members.iter().find(|m| m.ty.is_none());
            let chosen = unit.map(|m| (m, Value::Null)).or_else(|| {
                let (plain, nested): (Vec<&Member>, Vec<&Member>) = u.members.iter().partition(simple);
                plain
                    .into_iter()
                    .chain(nested)
                    .find_map(|m| Some((m, minimal(m.ty.as_ref()?, shapes, depth + 1)?)))
            })?;
            serde_json::json!({ chosen.0.wire_name.clone(): chosen.1 })
        }
        Type::Named(n) => {
            let s = shapes.structures.get(&n.id)?;
            let mut object = serde_json::Map::new();
            for m in &s.members {
                if m.optional || m.default.is_some() {
                    continue;
                }
                if let Some(ty) = &m.ty {
                    object.insert(m.wire_name.clone(), minimal(ty, shapes, depth + 1)?);
                }
            }
            Value::Object(object)
        }
        _ => Value::from(0),
    })
}

/// An expression of type `ty` for the `params` value `v`; also whether it holds a `NaN`.
fn value(ty: &Type, v: &Value, shapes: &Shapes<'_>) -> (TokenStream, bool) {
    let s = v.as_str().unwrap_or_default();
    let plain = |t: TokenStream| (t, false);
    match ty {
        Type::Blob => plain(quote! { #s.as_bytes().to_vec() }),
        Type::Stream => plain(quote! { crate::transport::ByteStream::from(#s.as_bytes().to_vec()) }),
        // Protocol tests do not describe event streams' messages: an empty stream.
        Type::EventStream { .. } => plain(
            quote! { crate::event_stream::Receiver::new(::std::default::Default::default(), |_| ::std::result::Result::Ok(::std::option::Option::None)) },
        ),
        Type::EventSender(_) => plain(quote! { crate::event_sender::EventSender::from_events([]) }),
        Type::Boolean => {
            let b = v.as_bool().unwrap_or_default();
            plain(quote! { #b })
        }
        Type::String => plain(quote! { ::std::string::String::from(#s) }),
        Type::Byte => plain(Literal::i8_suffixed(v.as_i64().unwrap_or_default() as i8).into_token_stream()),
        Type::Short => plain(Literal::i16_suffixed(v.as_i64().unwrap_or_default() as i16).into_token_stream()),
        Type::Integer => plain(Literal::i32_suffixed(v.as_i64().unwrap_or_default() as i32).into_token_stream()),
        Type::Long => plain(Literal::i64_suffixed(v.as_i64().unwrap_or_default()).into_token_stream()),
        Type::Float | Type::Double => {
            let float = if matches!(ty, Type::Float) {
                quote! { f32 }
            } else {
                quote! { f64 }
            };
            match (v.as_f64(), s) {
                (Some(f), _) if matches!(ty, Type::Float) => plain(Literal::f32_suffixed(f as f32).into_token_stream()),
                (Some(f), _) => plain(Literal::f64_suffixed(f).into_token_stream()),
                (None, "NaN") => (quote! { #float::NAN }, true),
                (None, "Infinity") => plain(quote! { #float::INFINITY }),
                (None, _) => plain(quote! { #float::NEG_INFINITY }),
            }
        }
        Type::BigInteger | Type::BigDecimal => {
            let text = v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
            plain(quote! { #text.parse().expect("a big number") })
        }
        Type::Timestamp => match v.as_i64() {
            Some(secs) => plain(quote! { crate::primitives::DateTime::from_secs(#secs) }),
            None => {
                let secs = v.as_f64().unwrap_or_default();
                plain(quote! { crate::primitives::DateTime::from_secs_f64(#secs).expect("a timestamp in range") })
            }
        },
        Type::Document => plain(super::rust::document(v)),
        Type::Named(n) => {
            let path = named_path(n);
            match n.kind {
                NamedKind::Enum => plain(quote! { #path::from_value(#s) }),
                NamedKind::IntEnum => {
                    let i = v.as_i64().unwrap_or_default() as i32;
                    plain(quote! { #path::from_value(#i) })
                }
                NamedKind::Union => match shapes.unions.get(&n.id) {
                    Some(u) => union_value(u, v, shapes),
                    None => plain(quote! { compile_error!("unknown union") }),
                },
                _ => match shapes.structures.get(&n.id) {
                    Some(s) => structure_value(s, v, shapes),
                    None => plain(quote! { compile_error!("unknown structure") }),
                },
            }
        }
        Type::List { member, sparse } => {
            let mut nan = false;
            let items: Vec<_> = v
                .as_array()
                .into_iter()
                .flatten()
                .map(|item| {
                    let (value, n) = nullable(&member.ty, *sparse, item, shapes);
                    nan |= n;
                    value
                })
                .collect();
            (quote! { ::std::vec![#(#items),*] }, nan)
        }
        Type::Map {
            key,
            value: val,
            sparse,
        } => {
            let mut nan = false;
            let entries: Vec<_> = v
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, item)| {
                    let (key, _) = value(&key.ty, &Value::String(k.clone()), shapes);
                    let (item, n) = nullable(&val.ty, *sparse, item, shapes);
                    nan |= n;
                    quote! { (#key, #item) }
                })
                .collect();
            (quote! { ::std::collections::HashMap::from([#(#entries),*]) }, nan)
        }
    }
}

fn nullable(ty: &Type, sparse: bool, v: &Value, shapes: &Shapes<'_>) -> (TokenStream, bool) {
    if !sparse {
        return value(ty, v, shapes);
    }
    if v.is_null() {
        return (quote! { ::std::option::Option::None }, false);
    }
    let (value, nan) = value(ty, v, shapes);
    (quote! { ::std::option::Option::Some(#value) }, nan)
}

fn union_value(u: &Union, v: &Value, shapes: &Shapes<'_>) -> (TokenStream, bool) {
    let name = ident(&u.name);
    let entry = v.as_object().and_then(|o| o.iter().next());
    let Some((key, item)) = entry else {
        return (quote! { compile_error!("a union value needs one member") }, false);
    };
    let Some(m) = u.members.iter().find(|m| &m.wire_name == key) else {
        return (quote! { compile_error!("no such union member") }, false);
    };
    let variant = ident(&m.variant);
    if m.ty.is_none() {
        return (quote! { crate::types::#name::#variant }, false);
    }
    let (value, nan) = member_value(m, item, shapes);
    (quote! { crate::types::#name::#variant(#value) }, nan)
}

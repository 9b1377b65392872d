//! The Rust every emitter writes: identifiers, doc attributes, the Rust types of IR types and
//! members, default values and documents as expressions, and the file an emitter returns.

use crate::ir::{self, Member, Named, NamedKind, Type};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// One Rust source file to be rendered.
pub struct RustFile {
    /// Path relative to the crate root.
    pub path: String,
    /// Where it comes from, for the header: a shape id or a description.
    pub provenance: String,
    /// Its items.
    pub tokens: TokenStream,
}

/// An identifier; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes, one per line.
pub fn docs(lines: &[String]) -> TokenStream {
    let lines = lines
        .iter()
        .map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #(#[doc = #lines])* }
}

/// `#![doc]` attributes, one per line, for a module's own documentation.
pub fn inner_docs(lines: &[String]) -> TokenStream {
    let lines = lines
        .iter()
        .map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #(#![doc = #lines])* }
}

/// `#[deprecated]`, when the model says so.
pub fn deprecated(d: &Option<ir::Deprecated>) -> TokenStream {
    match d {
        None => quote! {},
        Some(d) => {
            // Rust wants a semver `since`; a date like `2025-02-15` goes into the note.
            let semver = d
                .since
                .as_deref()
                .filter(|s| s.split('.').count() == 3 && s.split('.').all(|p| p.parse::<u64>().is_ok()));
            let note = match (d.message.as_deref(), d.since.as_deref()) {
                (Some(m), Some(s)) if semver.is_none() => Some(format!("since {s}: {m}")),
                (None, Some(s)) if semver.is_none() => Some(format!("since {s}")),
                (m, _) => m.map(str::to_owned),
            };
            if semver.is_none() && note.is_none() {
                return quote! { #[deprecated] };
            }
            let note = note.map(|n| quote! { note = #n, });
            let since = semver.map(|s| quote! { since = #s, });
            quote! { #[deprecated(#since #note)] }
        }
    }
}

/// The Rust type of a resolved type, by absolute path.
pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Blob => quote! { ::std::vec::Vec<u8> },
        Type::Boolean => quote! { bool },
        Type::String => quote! { ::std::string::String },
        Type::Byte => quote! { i8 },
        Type::Short => quote! { i16 },
        Type::Integer => quote! { i32 },
        Type::Long => quote! { i64 },
        Type::Float => quote! { f32 },
        Type::Double => quote! { f64 },
        Type::BigInteger => quote! { crate::primitives::BigInteger },
        Type::BigDecimal => quote! { crate::primitives::BigDecimal },
        Type::Timestamp => quote! { crate::primitives::DateTime },
        Type::Document => quote! { crate::primitives::Document },
        Type::Stream => quote! { crate::transport::ByteStream },
        Type::EventStream { union, error } => {
            let (union, error) = (named_path(union), ident(error));
            quote! { crate::event_stream::Receiver<#union, #error> }
        }
        Type::EventSender(union) => {
            let union = named_path(union);
            quote! { crate::event_sender::EventSender<#union> }
        }
        Type::Named(named) => named_path(named),
        Type::List { member, sparse } => {
            let inner = element_type(&member.ty, *sparse);
            quote! { ::std::vec::Vec<#inner> }
        }
        Type::Map { key, value, sparse } => {
            let k = rust_type(&key.ty);
            let v = element_type(&value.ty, *sparse);
            quote! { ::std::collections::HashMap<#k, #v> }
        }
    }
}

pub(crate) fn element_type(ty: &Type, sparse: bool) -> TokenStream {
    let t = rust_type(ty);
    if sparse {
        quote! { ::std::option::Option<#t> }
    } else {
        t
    }
}

/// `crate::types::Name` or `crate::types::error::Name`.
pub fn named_path(named: &Named) -> TokenStream {
    let name = ident(&named.name);
    match named.kind {
        NamedKind::Error => quote! { crate::types::error::#name },
        _ => quote! { crate::types::#name },
    }
}

/// The value type of a member, boxed if needed, without the `Option`.
pub fn value_type(m: &Member) -> TokenStream {
    let t = m.ty.as_ref().map(rust_type).unwrap_or_else(|| quote! { () });
    if m.boxed {
        quote! { ::std::boxed::Box<#t> }
    } else {
        t
    }
}

/// The field type of a member: its value type, in an `Option` if optional.
pub fn field_type(m: &Member) -> TokenStream {
    let t = value_type(m);
    if m.optional {
        quote! { ::std::option::Option<#t> }
    } else {
        t
    }
}

/// An expression converting `value` (an `impl Into<T>`) into the member's stored value.
pub fn stored(m: &Member, value: TokenStream) -> TokenStream {
    if m.boxed {
        quote! { ::std::boxed::Box::new(#value.into()) }
    } else {
        quote! { #value.into() }
    }
}

/// The default value of a member, as an expression of its field type.
pub fn default_value(m: &Member) -> TokenStream {
    let (Some(value), Some(ty)) = (&m.default, &m.ty) else {
        return quote! { ::std::option::Option::None };
    };
    let expr = match ty {
        Type::Boolean => {
            let b = value.as_bool().unwrap_or_default();
            quote! { #b }
        }
        Type::Byte | Type::Short | Type::Integer | Type::Long => {
            let n = Literal::i64_unsuffixed(value.as_i64().unwrap_or_default());
            quote! { #n }
        }
        Type::Float | Type::Double => {
            let n = Literal::f64_unsuffixed(value.as_f64().unwrap_or_default());
            quote! { #n }
        }
        Type::Timestamp => {
            let n = Literal::f64_unsuffixed(value.as_f64().unwrap_or_default());
            quote! { crate::primitives::DateTime::from_secs_f64(#n).unwrap_or(crate::primitives::DateTime::UNIX_EPOCH) }
        }
        Type::String => {
            let s = value.as_str().unwrap_or_default();
            quote! { ::std::string::String::from(#s) }
        }
        Type::Named(n) if n.kind == NamedKind::Enum => {
            let path = named_path(n);
            let s = value.as_str().unwrap_or_default();
            quote! { #path::from_value(#s) }
        }
        Type::Named(n) => {
            let path = named_path(n);
            let v = Literal::i64_unsuffixed(value.as_i64().unwrap_or_default());
            quote! { #path::from_value(#v) }
        }
        Type::Blob => {
            let bytes = base64_decode(value.as_str().unwrap_or_default()).unwrap_or_default();
            let bytes = Literal::byte_string(&bytes);
            quote! { #bytes.to_vec() }
        }
        Type::Document => document(value),
        _ => quote! { ::std::default::Default::default() },
    };
    if m.boxed {
        quote! { ::std::boxed::Box::new(#expr) }
    } else {
        expr
    }
}

/// An expression building the `crate::primitives::Document` for a JSON value.
pub fn document(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match value {
        Value::Null => quote! { crate::primitives::Document::Null },
        Value::Bool(b) => quote! { crate::primitives::Document::Bool(#b) },
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                quote! { PosInt(#u) }
            } else if let Some(i) = n.as_i64() {
                quote! { NegInt(#i) }
            } else {
                let f = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote! { Float(#f) }
            };
            quote! { crate::primitives::Document::Number(crate::primitives::Number::#number) }
        }
        Value::String(s) => quote! { crate::primitives::Document::String(::std::string::String::from(#s)) },
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote! { crate::primitives::Document::Array(::std::vec![#(#items),*]) }
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document(v);
                quote! { (::std::string::String::from(#k), #v) }
            });
            quote! { crate::primitives::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])) }
        }
    }
}

/// Decodes standard base64 (blob defaults in the model are written that way).
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut bits, mut n) = (0u32, 0);
    for c in text.trim_end_matches('=').bytes() {
        bits = (bits << 6) | u32::from(digit(c)?);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    Some(out)
}

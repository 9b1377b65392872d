//! JSON bodies: `encode_json` and `decode_json` for the structures and unions that travel in a
//! body, and the member loops that operation inputs, outputs and errors share.
//!
//! Only the directions a type needs are generated ([`Usage`]), so a subset crate has no dead code.

use super::rust::{ident, named_path};
use crate::ir::{Member, NamedKind, Service, Structure, TimestampFormat, Type, Union};
use crate::model::ShapeId;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Which named types need a JSON encoder (they reach a request body) and which a decoder.
#[derive(Debug, Default)]
pub struct Usage {
    pub encode: BTreeSet<ShapeId>,
    pub decode: BTreeSet<ShapeId>,
}

impl Usage {
    pub fn of(service: &Service) -> Self {
        let mut members: BTreeMap<&ShapeId, &[Member]> = BTreeMap::new();
        for s in service.structures.iter().chain(&service.errors) {
            members.insert(&s.id, &s.members);
        }
        for u in &service.unions {
            members.insert(&u.id, &u.members);
        }
        let mut usage = Usage::default();
        for op in &service.operations {
            for m in body_members(&op.input.members) {
                mark(m.ty.as_ref(), &members, &mut usage.encode);
            }
            // An event the input sends is its structure in JSON, or its `eventPayload` value.
            let sent = op.input_events.iter().filter_map(|union| members.get(union).copied());
            for event in sent.flatten() {
                mark(event_payload(event, &members).ty.as_ref(), &members, &mut usage.encode);
            }
            let errors = service.errors.iter().filter(|e| op.errors.iter().any(|r| r.id == e.id));
            for s in std::iter::once(&op.output).chain(errors) {
                for m in body_members(&s.members) {
                    mark(m.ty.as_ref(), &members, &mut usage.decode);
                }
            }
            // An event's JSON payload is its structure, or its `eventPayload` member's value.
            let events = op.events.iter().filter_map(|e| members.get(&e.union).copied());
            for event in events.flatten() {
                mark(event_payload(event, &members).ty.as_ref(), &members, &mut usage.decode);
            }
        }
        usage
    }
}

/// What a union member's event carries as its message's payload: the event's `eventPayload`
/// member, or the event itself.
fn event_payload<'a>(event: &'a Member, members: &BTreeMap<&ShapeId, &'a [Member]>) -> &'a Member {
    let payload = match &event.ty {
        Some(Type::Named(n)) => members
            .get(&n.id)
            .and_then(|ms| ms.iter().find(|m| m.binding == crate::ir::Binding::Payload)),
        _ => None,
    };
    payload.unwrap_or(event)
}

/// Members that go in the JSON body or the payload.
fn body_members(members: &[Member]) -> impl Iterator<Item = &Member> {
    use crate::ir::Binding;
    members
        .iter()
        .filter(|m| matches!(m.binding, Binding::Body | Binding::Payload))
}

fn mark(ty: Option<&Type>, members: &BTreeMap<&ShapeId, &[Member]>, set: &mut BTreeSet<ShapeId>) {
    match ty {
        Some(Type::Named(n))
            if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error)
                && set.insert(n.id.clone()) =>
        {
            for m in members.get(&n.id).copied().unwrap_or_default() {
                mark(m.ty.as_ref(), members, set);
            }
        }
        Some(Type::List { member, .. }) => mark(Some(&member.ty), members, set),
        Some(Type::Map { value, .. }) => mark(Some(&value.ty), members, set),
        _ => {}
    }
}

/// `crate::wire::TimestampFormat::…` for a member's `timestampFormat`, or the place's default.
pub fn timestamp_format(format: Option<TimestampFormat>, default: TimestampFormat) -> TokenStream {
    match format.unwrap_or(default) {
        TimestampFormat::DateTime => quote! { crate::wire::TimestampFormat::DateTime },
        TimestampFormat::HttpDate => quote! { crate::wire::TimestampFormat::HttpDate },
        TimestampFormat::EpochSeconds => quote! { crate::wire::TimestampFormat::EpochSeconds },
    }
}

/// The codec impls of a structure, for the directions it is used in.
pub fn structure(s: &Structure, usage: &Usage) -> TokenStream {
    let name = ident(&s.name);
    let encode = usage.encode.contains(&s.id).then(|| {
        let body = encode_object(&s.members, &quote! { self });
        quote! {
            pub(crate) fn encode_json(&self, w: &mut crate::json::Writer) {
                #body
            }
        }
    });
    let decode = usage.decode.contains(&s.id).then(|| {
        let body = decode_object(&s.members, &quote! { Self });
        quote! {
            pub(crate) fn decode_json(r: &mut crate::json::Reader<'_>) -> ::std::result::Result<Self, crate::wire::DecodeError> {
                #body
            }
        }
    });
    if encode.is_none() && decode.is_none() {
        return quote! {};
    }
    quote! {
        impl #name {
            #encode
            #decode
        }
    }
}

/// `w.begin_object()`, every member that is set, `w.end_object()`; `this` is the value.
pub fn encode_object<'a>(members: impl IntoIterator<Item = &'a Member>, this: &TokenStream) -> TokenStream {
    let members = members.into_iter().map(|m| {
        let field = ident(&m.field);
        let key = &m.json_name;
        let fmt = m.timestamp_format;
        let Some(ty) = &m.ty else { return quote! {} };
        let value = encode_value(ty, &quote! { value }, fmt);
        if m.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &#this.#field {
                    w.key(#key);
                    #value
                }
            }
        } else {
            quote! {
                {
                    let value = &#this.#field;
                    w.key(#key);
                    #value
                }
            }
        }
    });
    quote! {
        w.begin_object();
        #(#members)*
        w.end_object();
    }
}

/// Statements writing `value` (a reference to a value of `ty`) to `w`.
pub fn encode_value(ty: &Type, value: &TokenStream, format: Option<TimestampFormat>) -> TokenStream {
    match ty {
        Type::Blob => quote! { w.string(&crate::wire::base64_encode(#value)); },
        Type::Boolean => quote! { w.bool(*#value); },
        Type::String => quote! { w.string(#value); },
        Type::Long => quote! { w.int(*#value); },
        Type::Byte | Type::Short | Type::Integer => quote! { w.int(i64::from(*#value)); },
        Type::Float | Type::Double => quote! { w.float(*#value); },
        Type::BigInteger | Type::BigDecimal => quote! { w.raw_number(#value.as_str()); },
        Type::Timestamp => {
            let f = timestamp_format(format, TimestampFormat::EpochSeconds);
            quote! { crate::json::write_timestamp(w, #value, #f); }
        }
        Type::Document => quote! { w.document(#value); },
        Type::Stream | Type::EventStream { .. } | Type::EventSender(_) => {
            unreachable!("a stream is a payload, never in a JSON body")
        }
        Type::Named(n) => match n.kind {
            NamedKind::Enum => quote! { w.string(#value.as_str()); },
            NamedKind::IntEnum => quote! { w.int(i64::from(#value.value())); },
            _ => quote! { #value.encode_json(w); },
        },
        Type::List { member, sparse } => {
            let item = encode_nullable(&member.ty, *sparse, member.timestamp_format);
            quote! {
                w.begin_array();
                for item in #value.iter() {
                    #item
                }
                w.end_array();
            }
        }
        Type::Map { key, value: v, sparse } => {
            let item = encode_nullable(&v.ty, *sparse, v.timestamp_format);
            let key = match key.ty {
                Type::String => quote! { key },
                _ => quote! { key.as_str() },
            };
            quote! {
                w.begin_object();
                for (key, item) in #value.iter() {
                    w.key(#key);
                    #item
                }
                w.end_object();
            }
        }
    }
}

fn encode_nullable(ty: &Type, sparse: bool, format: Option<TimestampFormat>) -> TokenStream {
    if sparse {
        let inner = encode_value(ty, &quote! { item }, format);
        quote! {
            match item {
                ::std::option::Option::Some(item) => { #inner }
                ::std::option::Option::None => w.null(),
            }
        }
    } else {
        encode_value(ty, &quote! { item }, format)
    }
}

/// Reads an object into `ctor { field, ... }`: unknown members skipped, `null` treated as absent
/// (a repeated member takes its last value),
/// required members the response leaves out filled with their zero value.
pub fn decode_object<'a>(members: impl IntoIterator<Item = &'a Member> + Clone, ctor: &TokenStream) -> TokenStream {
    let (locals, arms, fields) = decode_members(members);
    if arms.is_empty() {
        return quote! {
            r.begin_object()?;
            while r.next_key()?.is_some() {
                r.skip()?;
            }
            ::std::result::Result::Ok(#ctor { #(#fields)* })
        };
    }
    quote! {
        #(#locals)*
        r.begin_object()?;
        while let ::std::option::Option::Some(key) = r.next_key()? {
            match key.as_ref() {
                #(#arms)*
                _ => r.skip()?,
            }
        }
        ::std::result::Result::Ok(#ctor { #(#fields)* })
    }
}

/// For each member: its local, its match arm on the JSON key, and its field initializer.
pub fn decode_members<'a>(
    members: impl IntoIterator<Item = &'a Member>,
) -> (Vec<TokenStream>, Vec<TokenStream>, Vec<TokenStream>) {
    let (mut locals, mut arms, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    for m in members {
        let field = local(m);
        let Some(ty) = &m.ty else { continue };
        let key = &m.json_name;
        let wire = &m.wire_name;
        let value = decode_value(ty, m.timestamp_format);
        let value = if m.boxed {
            quote! { #value.map(::std::boxed::Box::new) }
        } else {
            value
        };
        locals.push(quote! { let mut #field = ::std::option::Option::None; });
        // A repeated key counts with its last value, `null` (absent) included.
        arms.push(quote! {
            #key => {
                #field = if r.null()? {
                    ::std::option::Option::None
                } else {
                    ::std::option::Option::Some(#value.map_err(|e| e.at(#wire))?)
                };
            }
        });
        fields.push(field_init(m));
    }
    (locals, arms, fields)
}

/// The local that holds a member's value while a message is read: `f_<field>`, so that it
/// cannot shadow the decoder's own variables.
pub fn local(m: &Member) -> proc_macro2::Ident {
    ident(&format!("f_{}", m.field.trim_start_matches("r#")))
}

/// The initializer of a member's field from its `Option` [`local`]. A required member the
/// message left out gets its `@default`, else the zero value of Smithy's client error correction
/// (structures, unions and big numbers have none: that is a decode error).
pub fn field_init(m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let local = local(m);
    let Some(ty) = m.ty.as_ref().filter(|_| !m.optional) else {
        return quote! { #field: #local, };
    };
    let scalar = matches!(
        ty,
        Type::Boolean | Type::Byte | Type::Short | Type::Integer | Type::Long | Type::Float | Type::Double
    );
    // A default built without allocating is written eagerly, as clippy prefers.
    let constant =
        scalar || (*ty == Type::Document && m.default.as_ref().is_some_and(|d| d.is_boolean() || d.is_number()));
    let fill = match (&m.default, ty) {
        (_, Type::List { .. } | Type::Map { .. }) => quote! { unwrap_or_default() },
        (None, Type::String | Type::Blob) => quote! { unwrap_or_default() },
        (None, _) if scalar => quote! { unwrap_or_default() },
        (Some(_), _) if constant => {
            let value = super::rust::default_value(m);
            quote! { unwrap_or(#value) }
        }
        (Some(_), _) => {
            let value = super::rust::default_value(m);
            quote! { unwrap_or_else(|| #value) }
        }
        (None, Type::Timestamp) => quote! { unwrap_or(crate::primitives::DateTime::UNIX_EPOCH) },
        (None, Type::Document) => quote! { unwrap_or(crate::primitives::Document::Null) },
        (None, Type::Named(n)) if matches!(n.kind, NamedKind::Enum | NamedKind::IntEnum) => {
            let path = named_path(n);
            if n.kind == NamedKind::Enum {
                quote! { unwrap_or_else(|| #path::from_value("")) }
            } else {
                quote! { unwrap_or_else(|| #path::from_value(0)) }
            }
        }
        (None, _) => {
            let wire = &m.wire_name;
            quote! { ok_or_else(|| crate::wire::DecodeError::new("required member is missing").at(#wire))? }
        }
    };
    quote! { #field: #local.#fill, }
}

/// An expression of type `Result<T, DecodeError>` reading a value of `ty` from `r`.
pub fn decode_value(ty: &Type, format: Option<TimestampFormat>) -> TokenStream {
    match ty {
        Type::Blob => quote! { r.string().and_then(|s| crate::wire::base64_decode(&s)) },
        Type::Boolean => quote! { r.bool() },
        Type::String => quote! { r.string().map(::std::borrow::Cow::into_owned) },
        Type::Byte => quote! { r.integer::<i8>() },
        Type::Short => quote! { r.integer::<i16>() },
        Type::Integer => quote! { r.integer::<i32>() },
        Type::Long => quote! { r.integer::<i64>() },
        Type::Float => quote! { r.float().map(|f| f as f32) },
        Type::Double => quote! { r.float() },
        Type::BigInteger => quote! { crate::json::big_number::<crate::primitives::BigInteger>(r) },
        Type::BigDecimal => quote! { crate::json::big_number::<crate::primitives::BigDecimal>(r) },
        Type::Timestamp => {
            let f = timestamp_format(format, TimestampFormat::EpochSeconds);
            quote! { crate::json::read_timestamp(r, #f) }
        }
        Type::Document => quote! { r.document() },
        Type::Stream | Type::EventStream { .. } | Type::EventSender(_) => {
            unreachable!("a stream is a payload, never in a JSON body")
        }
        Type::Named(n) => {
            let path = named_path(n);
            match n.kind {
                NamedKind::Enum => quote! { r.string().map(|s| #path::from_value(&s)) },
                NamedKind::IntEnum => quote! { r.integer::<i32>().map(#path::from_value) },
                _ => quote! { #path::decode_json(r) },
            }
        }
        Type::List { member, sparse } => {
            let item = decode_nullable(&member.ty, *sparse, member.timestamp_format);
            let skip_nulls = !sparse;
            quote! { crate::json::list(r, #skip_nulls, |r| #item) }
        }
        Type::Map { value, sparse, .. } => {
            let item = decode_nullable(&value.ty, *sparse, value.timestamp_format);
            let skip_nulls = !sparse;
            quote! { crate::json::map(r, #skip_nulls, |r| #item) }
        }
    }
}

fn decode_nullable(ty: &Type, sparse: bool, format: Option<TimestampFormat>) -> TokenStream {
    let inner = decode_value(ty, format);
    if sparse {
        quote! { crate::json::nullable(r, |r| #inner) }
    } else {
        inner
    }
}

/// The codec impls of a union: one key, the member's value; an unknown key is `Unknown`.
pub fn union(u: &Union, usage: &Usage) -> TokenStream {
    let name = ident(&u.name);
    let unknown = ident(crate::ir::UNKNOWN_VARIANT);
    let encode = usage.encode.contains(&u.id).then(|| {
        let arms = u.members.iter().map(|m| {
            let variant = ident(&m.variant);
            let key = &m.json_name;
            match &m.ty {
                Some(ty) => {
                    let value = encode_value(ty, &quote! { value }, m.timestamp_format);
                    quote! { Self::#variant(value) => { w.key(#key); #value } }
                }
                None => quote! { Self::#variant => { w.key(#key); w.begin_object(); w.end_object(); } },
            }
        });
        quote! {
            pub(crate) fn encode_json(&self, w: &mut crate::json::Writer) {
                w.begin_object();
                match self {
                    #(#arms)*
                    Self::#unknown => {}
                }
                w.end_object();
            }
        }
    });
    let decode = usage.decode.contains(&u.id).then(|| {
        let arms = u.members.iter().map(|m| {
            let variant = ident(&m.variant);
            let key = &m.json_name;
            let wire = &m.wire_name;
            match &m.ty {
                Some(ty) => {
                    let value = decode_value(ty, m.timestamp_format);
                    let value = if m.boxed {
                        quote! { #value.map(::std::boxed::Box::new) }
                    } else {
                        value
                    };
                    quote! { #key => Self::#variant(#value.map_err(|e| e.at(#wire))?), }
                }
                None => quote! { #key => { r.skip()?; Self::#variant } },
            }
        });
        quote! {
            pub(crate) fn decode_json(r: &mut crate::json::Reader<'_>) -> ::std::result::Result<Self, crate::wire::DecodeError> {
                let mut found = ::std::option::Option::None;
                r.begin_object()?;
                while let ::std::option::Option::Some(key) = r.next_key()? {
                    // `__type` is a type name some services add to every object.
                    if key == "__type" {
                        r.skip()?;
                        continue;
                    }
                    if r.null()? {
                        continue;
                    }
                    if found.is_some() {
                        return ::std::result::Result::Err(crate::wire::DecodeError::new("a union holds more than one member"));
                    }
                    found = ::std::option::Option::Some(match key.as_ref() {
                        #(#arms)*
                        _ => { r.skip()?; Self::#unknown }
                    });
                }
                found.ok_or_else(|| crate::wire::DecodeError::new("a union holds no member"))
            }
        }
    });
    if encode.is_none() && decode.is_none() {
        return quote! {};
    }
    quote! {
        impl #name {
            #encode
            #decode
        }
    }
}

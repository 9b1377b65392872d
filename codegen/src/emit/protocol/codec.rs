//! What the HTTP-binding emitter (`http.rs`) asks of a body format, and what every format
//! shares: which types need an encoder or a decoder ([`Usage`]), the locals a message is read
//! into ([`local`]) and how a field is filled from one ([`field_init`]).

use crate::emit::rust::{ident, named_path};
use crate::emit::shapes::Shapes;
use crate::ir::{Member, NamedKind, Operation, Service, Structure, TimestampFormat, Type, Union};
use crate::model::ShapeId;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// A body format (JSON, XML, the query form; CBOR next): the code that writes and reads
/// documents of the model's shapes.
pub trait Codec: Sync {
    /// The media type of a document (`application/json`): an event's `:content-type`, and a
    /// structure payload's.
    fn media_type(&self) -> &'static str;
    /// The encoder and decoder of a structure, for the directions `usage` says it needs.
    fn structure(&self, s: &Structure, usage: &Usage) -> TokenStream;
    /// The encoder and decoder of a union, for the directions `usage` says it needs.
    fn union(&self, u: &Union, usage: &Usage) -> TokenStream;
    /// An expression of type `Vec<u8>`: the document of `members` of `this`, the input of `op`.
    fn write_document(&self, op: &Operation, members: &[&Member], this: &TokenStream) -> TokenStream;
    /// An expression of type `Vec<u8>`: `value` (a variable holding a reference to a `ty`, the
    /// value of payload member `m`) as a whole payload.
    fn write_value(&self, ty: &Type, m: &Member, value: &TokenStream) -> TokenStream;
    /// The bytes sent for a structure payload left unset, if any.
    fn unset_structure(&self) -> Option<TokenStream>;
    /// Reading the document in `body` (a `message`) into the [`local`]s of `members`: their
    /// declarations, and the statements that fill them (which use `?` on a `DecodeError`).
    fn read_document(&self, message: Message<'_>, members: &[&Member]) -> (Vec<TokenStream>, TokenStream);
    /// An expression of type `Result<T, DecodeError>`: the whole payload `bytes` (a `&[u8]`) as
    /// the value of `m`, of type `ty`.
    fn read_value(&self, ty: &Type, m: &Member, bytes: &TokenStream) -> TokenStream;
    /// The body of a response to `op` whose output members have the values `params` (keyed by
    /// member name, as Smithy's protocol tests write them): a body for the generated tests.
    fn sample(&self, op: &Operation, params: &serde_json::Value, shapes: &Shapes<'_>) -> String;
}

/// What a response's document is: some formats wrap an output or an error in elements of their
/// own (awsQuery's `<OpResponse><OpResult>`, XML's `<ErrorResponse><Error>`).
#[derive(Debug, Clone, Copy)]
pub enum Message<'a> {
    /// The output of the operation.
    Output(&'a Operation),
    /// An error.
    Error,
}

/// Which named types need an encoder (they reach a request body) and which a decoder (they
/// reach a response), in the body format of the protocol.
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
            // An event the input sends is its structure in the body format, or its `eventPayload` value.
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
            // An event's payload is its structure, or its `eventPayload` member's value.
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

/// Members that go in the body or the payload.
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
            let value = crate::emit::rust::default_value(m);
            quote! { unwrap_or(#value) }
        }
        (Some(_), _) => {
            let value = crate::emit::rust::default_value(m);
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

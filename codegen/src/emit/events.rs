//! Event streams: for an output's, an operation's `read_event`, which makes each message of the
//! stream an event of the union (by `:event-type`, the member's name) or one of the operation's
//! errors (by `:exception-type`); the runtime's `event_stream::Receiver` calls it as messages
//! arrive. For an input's, `write_event`, which makes each event the caller sends a message; the
//! runtime signs and sends them as they come.
//!
//! An event's payload is its structure in the protocol's body format, unless a member has
//! `smithy.api#eventPayload`: then the payload is that member's value (the bytes of a blob, the
//! text of a string, the document of a structure).

use super::protocol::Protocol;
use super::rust::{ident, named_path};
use super::shapes::Shapes;
use crate::ir::{Binding, Member, NamedKind, Operation, Type, UNKNOWN_VARIANT, UNMODELED_VARIANT};
use proc_macro2::TokenStream;
use quote::quote;

/// `read_event` for an operation whose output is an event stream; nothing for the others.
pub fn read_event(op: &Operation, shapes: &Shapes<'_>, protocol: &dyn Protocol) -> TokenStream {
    let Some(events) = &op.events else {
        return quote! {};
    };
    let Some(union) = shapes.unions.get(&events.union) else {
        return quote! {};
    };
    let error = ident(&op.error_enum);
    let name = ident(&union.name);
    let union_path = quote! { crate::types::#name };
    let event = |value: TokenStream| quote! { return ::std::result::Result::Ok(::std::option::Option::Some(#value)) };
    let initial = events.initial_response.then(|| {
        quote! { Kind::Event("initial-response") => return ::std::result::Result::Ok(::std::option::Option::None), }
    });
    let event_arms = union.members.iter().map(|m| {
        let (name, variant) = (&m.wire_name, ident(&m.variant));
        let value = match &m.ty {
            None => quote! { #union_path::#variant },
            Some(ty) => {
                let value = event_value(ty, m, shapes, protocol);
                quote! { #union_path::#variant(#value.map_err(|e| e.at(#name))?) }
            }
        };
        let returned = event(value);
        quote! { Kind::Event(#name) => #returned, }
    });
    let unknown_variant = ident(UNKNOWN_VARIANT);
    let unknown = event(quote! { #union_path::#unknown_variant });
    let exception_arms = events.exceptions.iter().filter_map(|(name, id)| {
        let e = op.errors.iter().find(|e| e.id == *id)?;
        let (variant, path) = (ident(&e.variant), ident(&e.name));
        Some(quote! {
            Kind::Exception(#name) => #error::#variant(
                crate::event_stream::exception(&payload, crate::types::error::#path::decode_response)?,
            ),
        })
    });
    let unmodeled = ident(UNMODELED_VARIANT);
    let message = protocol.error_message();
    quote! {
        /// One message of the output's event stream: an event (`None` for a message that carries
        /// none), or the error it carries.
        #[allow(clippy::result_large_err)]
        fn read_event(
            message: crate::event_stream::Message,
        ) -> ::std::result::Result<::std::option::Option<#union_path>, #error> {
            use crate::event_stream::Kind;
            let crate::event_stream::Message { headers, payload } = message;
            let error = match crate::event_stream::kind(&headers)? {
                #initial
                #(#event_arms)*
                Kind::Event(_) => #unknown,
                #(#exception_arms)*
                Kind::Exception(_) | Kind::Error => #error::#unmodeled(crate::event_stream::unmodeled(&headers, &payload, #message)),
            };
            ::std::result::Result::Err(error)
        }
    }
}

/// An expression of type `Result<T, DecodeError>` reading an event of type `ty` from `message`.
fn event_value(ty: &Type, m: &Member, shapes: &Shapes<'_>, protocol: &dyn Protocol) -> TokenStream {
    let Type::Named(n) = ty else {
        return payload_value(ty, m, protocol);
    };
    let path = named_path(n);
    let structure = shapes.structures.get(&n.id).filter(|_| n.kind == NamedKind::Structure);
    let bound = |m: &&Member| matches!(m.binding, Binding::Payload | Binding::Header(_));
    let Some(s) = structure.filter(|s| s.members.iter().any(|m| bound(&m))) else {
        return protocol.codec().read_value(ty, m, &quote! { &payload });
    };
    // Members bound to the payload and to headers, and no others (lowering refuses the rest).
    let payload = s.members.iter().find(|m| m.binding == Binding::Payload);
    let fields = s.members.iter().filter(|m| m.ty.is_some()).map(|m| {
        let field = ident(&m.field);
        let value = match (&m.binding, &m.ty) {
            (Binding::Payload, _) => quote! { value },
            (Binding::Header(name), Some(ty)) => {
                let read = header_read(ty, name);
                if m.optional {
                    return quote! { #field: #read, };
                }
                quote! { #read.ok_or_else(|| crate::wire::DecodeError::new("required header is missing").at(#name))? }
            }
            _ => return quote! { #field: ::std::default::Default::default(), },
        };
        let value = if m.optional {
            quote! { ::std::option::Option::Some(#value) }
        } else {
            value
        };
        quote! { #field: #value, }
    });
    let (read, bind) = match payload.and_then(|p| Some((p, p.ty.as_ref()?))) {
        Some((p, ty)) => (payload_value(ty, p, protocol), quote! { value }),
        None => (
            quote! { ::std::result::Result::<(), crate::wire::DecodeError>::Ok(()) },
            quote! { () },
        ),
    };
    // Headers are read with `?`; without them the event is built as it is.
    if s.members.iter().any(|m| matches!(m.binding, Binding::Header(_))) {
        quote! { #read.and_then(|#bind| ::std::result::Result::Ok(#path { #(#fields)* })) }
    } else {
        quote! { #read.map(|#bind| #path { #(#fields)* }) }
    }
}

/// An expression of type `Option<T>` (using `?`) reading header `name` of the message.
fn header_read(ty: &Type, name: &str) -> TokenStream {
    let (variant, value) = match ty {
        Type::Boolean => (quote! { Bool }, quote! { *v }),
        Type::Byte => (quote! { Byte }, quote! { *v }),
        Type::Short => (quote! { Int16 }, quote! { *v }),
        Type::Integer => (quote! { Int32 }, quote! { *v }),
        Type::Long => (quote! { Int64 }, quote! { *v }),
        Type::Blob => (quote! { Bytes }, quote! { v.clone() }),
        Type::Timestamp => (
            quote! { Timestamp },
            quote! { crate::primitives::DateTime::from_secs_f64(*v as f64 / 1000.0)? },
        ),
        Type::Named(n) if n.kind == NamedKind::Enum => {
            let path = named_path(n);
            (quote! { String }, quote! { #path::from_value(v) })
        }
        _ => (quote! { String }, quote! { v.clone() }),
    };
    quote! {
        crate::event_stream::header_as(&headers, #name, |v| match v {
            crate::event_stream::HeaderValue::#variant(v) => ::std::option::Option::Some(#value),
            _ => ::std::option::Option::None,
        })?
    }
}

/// Statements pushing each header member of event `value` that is set onto `headers`.
fn header_writes(members: &[Member], value: &TokenStream) -> Vec<TokenStream> {
    members
        .iter()
        .filter_map(|m| {
            let (Binding::Header(name), Some(ty)) = (&m.binding, &m.ty) else {
                return None;
            };
            let field = ident(&m.field);
            let header = match ty {
                Type::Boolean => quote! { Bool(*v) },
                Type::Byte => quote! { Byte(*v) },
                Type::Short => quote! { Int16(*v) },
                Type::Integer => quote! { Int32(*v) },
                Type::Long => quote! { Int64(*v) },
                Type::Blob => quote! { Bytes(v.clone()) },
                Type::Timestamp => quote! { Timestamp((v.as_secs_f64() * 1000.0) as i64) },
                Type::Named(n) if n.kind == NamedKind::Enum => quote! { String(v.as_str().to_owned()) },
                _ => quote! { String(v.clone()) },
            };
            let push = quote! { headers.push((#name, HeaderValue::#header)); };
            Some(if m.optional {
                quote! { if let ::std::option::Option::Some(v) = &#value.#field { #push } }
            } else {
                quote! { { let v = &#value.#field; #push } }
            })
        })
        .collect()
}

/// An expression of type `Result<T, DecodeError>` reading an event payload of type `ty`.
fn payload_value(ty: &Type, m: &Member, protocol: &dyn Protocol) -> TokenStream {
    match ty {
        Type::Blob => quote! { ::std::result::Result::<_, crate::wire::DecodeError>::Ok(payload) },
        Type::String => quote! {
            ::std::string::String::from_utf8(payload).map_err(|_| crate::wire::DecodeError::new("payload is not UTF-8"))
        },
        _ => protocol.codec().read_value(ty, m, &quote! { &payload }),
    }
}

/// `write_event` for an operation whose input is an event stream; nothing for the others.
pub fn write_event(op: &Operation, shapes: &Shapes<'_>, protocol: &dyn Protocol) -> TokenStream {
    let Some(union) = op.input_events.as_ref().and_then(|id| shapes.unions.get(id)) else {
        return quote! {};
    };
    let name = ident(&union.name);
    let union_path = quote! { crate::types::#name };
    let arms = union.members.iter().map(|m| {
        let (event_type, variant) = (&m.wire_name, ident(&m.variant));
        let Some(ty) = &m.ty else {
            let content_type = protocol.codec().media_type();
            return quote! { #union_path::#variant => (#event_type, #content_type, ::std::vec::Vec::new()), };
        };
        let value = if m.boxed {
            quote! { *value }
        } else {
            quote! { value }
        };
        let members = match ty {
            Type::Named(n) => shapes.structures.get(&n.id).map(|s| s.members.as_slice()),
            _ => None,
        };
        let headers = header_writes(members.unwrap_or_default(), &value);
        let (content_type, payload) = event_bytes(m, ty, value, shapes, protocol);
        quote! { #union_path::#variant(value) => { #(#headers)* (#event_type, #content_type, #payload) } }
    });
    let arms: Vec<TokenStream> = arms.collect();
    let with_headers = union.members.iter().any(|m| {
        let Some(Type::Named(n)) = &m.ty else { return false };
        let members = shapes
            .structures
            .get(&n.id)
            .map(|s| s.members.as_slice())
            .unwrap_or_default();
        members.iter().any(|m| matches!(m.binding, Binding::Header(_)))
    });
    let (declare, add) = if with_headers {
        (
            quote! { let mut headers: ::std::vec::Vec<(&str, HeaderValue)> = ::std::vec::Vec::new(); },
            quote! {
                for (name, value) in headers {
                    message = message.header(name, value);
                }
            },
        )
    } else {
        (quote! {}, quote! {})
    };
    let unknown = ident(UNKNOWN_VARIANT);
    quote! {
        /// One event of the input's event stream, as its message (`None` for `Unknown`, which
        /// names no event to send).
        fn write_event(event: #union_path) -> ::std::option::Option<crate::event_stream::Message> {
            use crate::event_stream::HeaderValue;
            #declare
            let (event_type, content_type, payload) = match event {
                #(#arms)*
                #union_path::#unknown => return ::std::option::Option::None,
            };
            #[allow(unused_mut)] // in a stream whose events have no headers of their own
            let mut message = crate::event_stream::Message::new(payload)
                .header(":message-type", HeaderValue::String("event".to_owned()))
                .header(":event-type", HeaderValue::String(event_type.to_owned()))
                .header(":content-type", HeaderValue::String(content_type.to_owned()));
            #add
            ::std::option::Option::Some(message)
        }
    }
}

/// The content type and an expression of the payload bytes of an event `value` of type `ty`
/// (the union's member `event`).
fn event_bytes(
    event: &Member,
    ty: &Type,
    value: TokenStream,
    shapes: &Shapes<'_>,
    protocol: &dyn Protocol,
) -> (&'static str, TokenStream) {
    let codec = protocol.codec();
    let document = codec.media_type();
    // The codec writes from a variable that holds a reference.
    let write = |ty: &Type, value: &TokenStream, m: &Member| {
        let write = codec.write_value(ty, m, &quote! { value });
        quote! { { let value = &#value; #write } }
    };
    let Type::Named(n) = ty else {
        return match ty {
            Type::Blob => ("application/octet-stream", value),
            Type::String => ("text/plain", quote! { #value.into_bytes() }),
            _ => (document, write(ty, &value, event)),
        };
    };
    let structure = shapes.structures.get(&n.id).filter(|_| n.kind == NamedKind::Structure);
    let payload = structure.and_then(|s| s.members.iter().find(|m| m.binding == Binding::Payload));
    let Some(payload) = payload else {
        return (document, write(ty, &value, event));
    };
    let field = ident(&payload.field);
    let Some(ty) = &payload.ty else {
        return (document, quote! { ::std::vec::Vec::new() });
    };
    let inner = if payload.optional {
        // An unset payload is an empty one.
        quote! { #value.#field.unwrap_or_default() }
    } else {
        quote! { #value.#field }
    };
    match ty {
        Type::Blob => ("application/octet-stream", inner),
        Type::String => ("text/plain", quote! { #inner.into_bytes() }),
        _ => (document, write(ty, &inner, payload)),
    }
}

//! The HTTP bindings of an operation, for every protocol: `Operation::request` (input →
//! `http::Request`: URI labels, query, headers, host prefix, idempotency tokens, the body) and
//! `Operation::response` (`http::Response` → output or error: status, headers, the body, the
//! error the response names), and the response decoder of every error structure. What is the
//! protocol's own (the body format, its headers, where an error's code is) comes from the
//! [`Protocol`].

use super::codec::{field_init, local, timestamp_format, Message};
use super::Protocol;
use crate::emit::rust::{ident, named_path};
use crate::ir::{Binding, Member, NamedKind, Operation, Structure, TimestampFormat, Type, UriSegment};
use proc_macro2::TokenStream;
use quote::quote;

/// The `Operation` type's `request` and `response` of `op` (in its `impl`).
pub fn operation(op: &Operation, protocol: &dyn Protocol) -> TokenStream {
    let request = request(op, protocol);
    let response = response(op, protocol);
    quote! { #request #response }
}

fn request(op: &Operation, protocol: &dyn Protocol) -> TokenStream {
    let input = ident(&op.input.name);
    let members = &op.input.members;
    let fill = fill_idempotency_tokens(op);
    let host_prefix = host_prefix(op);
    let mut path = Vec::new();
    if members.is_empty() {
        path.push(quote! { let _ = input; });
    }
    // Literal text between labels is pushed in one piece: `/v2/domains/`.
    let mut literal = String::new();
    for segment in &op.http.uri.segments {
        literal.push('/');
        let UriSegment::Label { name, greedy } = segment else {
            if let UriSegment::Literal(text) = segment {
                literal.push_str(text);
            }
            continue;
        };
        path.push(quote! { req.literal(#literal); });
        literal.clear();
        let Some(m) = members.iter().find(|m| &m.wire_name == name) else {
            continue;
        };
        let field = ident(&m.field);
        let text = to_text(m.ty.as_ref(), &quote! { value }, m, Place::Uri);
        let wire = &m.wire_name;
        if m.optional {
            path.push(quote! {
                let value = input.#field.as_ref().ok_or_else(|| crate::wire::BuildError::new(::std::option::Option::Some(#wire), "is a URI label and must be set"))?;
                req.label(#wire, #text, #greedy)?;
            });
        } else {
            path.push(quote! {
                let value = &input.#field;
                req.label(#wire, #text, #greedy)?;
            });
        }
    }
    if !literal.is_empty() || op.http.uri.segments.is_empty() {
        let text = if literal.is_empty() { "/".to_owned() } else { literal };
        path.push(quote! { req.literal(#text); });
    }
    let literal_query = op.http.uri.query.iter().map(|(k, v)| {
        let v = match v {
            Some(v) => quote! { ::std::option::Option::Some(#v) },
            None => quote! { ::std::option::Option::None },
        };
        quote! { req.query_literal(#k, #v); }
    });
    let mut query = Vec::new();
    let mut headers: Vec<(bool, TokenStream)> = protocol
        .request_headers(op)
        .into_iter()
        .map(|(name, value)| (false, quote! { req.header(#name, #name, #value)?; }))
        .collect();
    for m in members {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        let Some(ty) = &m.ty else { continue };
        let statement = match &m.binding {
            Binding::Query(name) => match ty {
                Type::List { member, .. } => {
                    let text = to_text(Some(&member.ty), &quote! { item }, m, Place::Uri);
                    quote! { for item in value.iter() { req.query(#name, #text); } }
                }
                _ => {
                    let text = to_text(Some(ty), &quote! { value }, m, Place::Uri);
                    quote! { req.query(#name, #text); }
                }
            },
            Binding::QueryParams => {
                let Type::Map { value: v, .. } = ty else { continue };
                let each = match &v.ty {
                    Type::List { member, .. } => {
                        let text = to_text(Some(&member.ty), &quote! { item }, m, Place::Uri);
                        quote! { for item in value.iter() { req.query(key, #text); } }
                    }
                    other => {
                        let text = to_text(Some(other), &quote! { value }, m, Place::Uri);
                        quote! { req.query(key, #text); }
                    }
                };
                quote! {
                    let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (key, value) in entries {
                        if !req.has_query(key) {
                            #each
                        }
                    }
                }
            }
            Binding::Header(name) => {
                let text = header_text(ty, m);
                quote! { req.header(#wire, #name, #text)?; }
            }
            Binding::PrefixHeaders(prefix) => {
                let Type::Map { value: v, .. } = ty else { continue };
                let text = to_text(Some(&v.ty), &quote! { value }, m, Place::Header);
                quote! {
                    let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (key, value) in entries {
                        // A header bound to its own member wins over the prefixed map.
                        let name = ::std::format!("{}{}", #prefix, key);
                        if !req.has_header(&name) {
                            req.header(#wire, &name, #text)?;
                        }
                    }
                }
            }
            _ => continue,
        };
        let statement = if m.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &input.#field {
                    #statement
                }
            }
        } else {
            quote! {
                {
                    let value = &input.#field;
                    #statement
                }
            }
        };
        match &m.binding {
            Binding::Header(_) => headers.push((false, statement)),
            Binding::PrefixHeaders(_) => headers.push((true, statement)),
            _ => query.push(statement),
        }
    }
    // Prefix headers go last, so that they can defer to headers bound to their own member.
    headers.sort_by_key(|(prefix, _)| *prefix);
    let headers: Vec<TokenStream> = headers.into_iter().map(|(_, h)| h).collect();
    // A request without a body is built at once; a body is made first, as it may set headers.
    let none = quote! { ::std::option::Option::None };
    let body = match (request_body(op, protocol), body_steps(op)) {
        (None, None) => quote! { req.build(#none) },
        (body, steps) => {
            let body = body.unwrap_or(none);
            quote! { let body = #body; #steps req.build(body) }
        }
    };
    let host_prefix_value = match &host_prefix {
        Some(_) => quote! { host_prefix },
        None => quote! { ::std::option::Option::None },
    };
    let method = &op.http.method;
    let doc = format!(
        " Builds the HTTP request for `{}` against `endpoint` (`https://host[:port][/base/path]`).",
        op.id.name()
    );
    quote! {
        #[doc = #doc]
        ///
        /// It checks nothing the model constrains (see `validate()`), only what HTTP requires:
        /// labels that are set and not empty, header values without line breaks. Idempotency
        /// tokens left unset are filled with fresh ones.
        pub fn request(input: &#input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::wire::BuildError> {
            #fill
            #host_prefix
            let mut req = crate::wire::RequestBuilder::new(#method, endpoint, #host_prefix_value)?;
            #(#path)*
            #(#literal_query)*
            #(#query)*
            #(#headers)*
            #body
        }
    }
}

/// A copy of the input with fresh idempotency tokens where the caller left them unset, if the
/// operation has any.
fn fill_idempotency_tokens(op: &Operation) -> Option<TokenStream> {
    let unset: Vec<TokenStream> = op
        .input
        .members
        .iter()
        .filter(|m| m.idempotency_token && m.optional)
        .map(|m| {
            let field = ident(&m.field);
            quote! { input.#field.is_none() }
        })
        .collect();
    (!unset.is_empty()).then(|| {
        quote! {
            let filled;
            let input = if #(#unset)||* {
                let mut copy = input.clone();
                copy.fill_idempotency_tokens();
                filled = copy;
                &filled
            } else {
                input
            };
        }
    })
}

/// What happens to `body` before it is sent: gzip (`requestCompression`), then `Content-MD5`
/// (`httpChecksumRequired`) of the bytes that go out.
fn body_steps(op: &Operation) -> Option<TokenStream> {
    let compress = op
        .gzip
        .then(|| quote! { let body = crate::compression::gzip(&mut req, body)?; });
    let checksum = op.checksum_required.then(|| {
        quote! {
            if let ::std::option::Option::Some((_, bytes)) = &body {
                req.header("Content-MD5", "Content-MD5", crate::wire::base64_encode(&crate::md5::digest(bytes)))?;
            }
        }
    });
    (compress.is_some() || checksum.is_some()).then(|| quote! { #compress #checksum })
}

/// `let host_prefix: Option<&str>`, with `{label}`s filled from `hostLabel` members, for an
/// operation that has one.
fn host_prefix(op: &Operation) -> Option<TokenStream> {
    let prefix = op.host_prefix.as_ref()?;
    let mut parts = Vec::new();
    let mut rest = prefix.as_str();
    while let Some(start) = rest.find('{') {
        parts.push(push_literal(&rest[..start]));
        let Some(end) = rest[start..].find('}') else { break };
        let label = &rest[start + 1..start + end];
        if let Some(m) = op.input.members.iter().find(|m| m.wire_name == label) {
            let field = ident(&m.field);
            let wire = &m.wire_name;
            let value = if m.optional {
                quote! { input.#field.as_deref().unwrap_or_default() }
            } else {
                quote! { input.#field.as_str() }
            };
            parts.push(quote! {
                let label = #value;
                if label.is_empty() || !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
                    return ::std::result::Result::Err(crate::wire::BuildError::new(::std::option::Option::Some(#wire), "is a host label and must be letters, digits, `-` and `.`"));
                }
                prefix.push_str(label);
            });
        }
        rest = &rest[start + end + 1..];
    }
    parts.push(push_literal(rest));
    Some(quote! {
        let mut prefix = ::std::string::String::new();
        #(#parts)*
        let host_prefix = ::std::option::Option::Some(prefix.as_str());
    })
}

fn push_literal(text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (None, _) => quote! {},
        (Some(c), None) => quote! { prefix.push(#c); },
        _ => quote! { prefix.push_str(#text); },
    }
}

/// The body of a streaming blob payload: in the request if it is in memory; else its content
/// type and length go in the head, and the engine sends its chunks as they are read.
fn stream_body(m: &Member, content_type: &str, requires_length: bool) -> TokenStream {
    let field = ident(&m.field);
    let wire = &m.wire_name;
    let unknown_length = requires_length.then(|| {
        quote! {
            else {
                return ::std::result::Result::Err(crate::wire::BuildError::new(
                    ::std::option::Option::Some(#wire),
                    "must have a length (`smithy.api#requiresLength`): make it with `ByteStream::sized` or `ByteStream::from_path`",
                ));
            }
        }
    });
    quote! {
        {
            let value = &input.#field;
            match value.bytes() {
                ::std::option::Option::Some(bytes) => ::std::option::Option::Some((#content_type, bytes.to_vec())),
                ::std::option::Option::None => {
                    req.append_header_value("content-type", #content_type);
                    if let ::std::option::Option::Some(length) = value.length() {
                        req.append_header_value("content-length", &length.to_string());
                    } #unknown_length
                    ::std::option::Option::None
                }
            }
        }
    }
}

/// An expression of type `Option<(&str, Vec<u8>)>`: the content type and body; `None` for an
/// operation whose requests never have one.
fn request_body(op: &Operation, protocol: &dyn Protocol) -> Option<TokenStream> {
    let (input, requires_length) = (&op.input, op.requires_length);
    let codec = protocol.codec();
    let none = quote! { ::std::option::Option::None };
    if let Some(m) = input.members.iter().find(|m| m.binding == Binding::Payload) {
        let field = ident(&m.field);
        let ty = m.ty.as_ref()?;
        // The events go after the request's head, as the engine sends them.
        if let Type::EventSender(_) = ty {
            return Some(quote! {
                {
                    req.append_header_value("content-type", "application/vnd.amazon.eventstream");
                    #none
                }
            });
        }
        let media = |default: &str| m.media_type.clone().unwrap_or_else(|| default.to_owned());
        if *ty == Type::Stream {
            return Some(stream_body(m, &media("application/octet-stream"), requires_length));
        }
        let (content_type, bytes) = match ty {
            Type::Blob => (media("application/octet-stream"), quote! { value.clone() }),
            Type::String => (media("text/plain"), quote! { value.as_bytes().to_vec() }),
            Type::Named(n) if n.kind == NamedKind::Enum => {
                (media("text/plain"), quote! { value.as_str().as_bytes().to_vec() })
            }
            _ => (media(codec.media_type()), codec.write_value(ty, m, &quote! { value })),
        };
        // A structure payload left unset is still sent as the format's empty document (restJson1's
        // `{}`), if it has one; other payloads are left out.
        let unset = match (ty, codec.unset_structure()) {
            (Type::Named(n), Some(bytes)) if matches!(n.kind, NamedKind::Structure | NamedKind::Error) => {
                quote! { ::std::option::Option::Some((#content_type, #bytes)) }
            }
            _ => none,
        };
        if m.optional {
            return Some(quote! {
                input.#field.as_ref().map_or_else(|| #unset, |value| ::std::option::Option::Some((#content_type, #bytes)))
            });
        }
        return Some(quote! {
            {
                let value = &input.#field;
                ::std::option::Option::Some((#content_type, #bytes))
            }
        });
    }
    let body: Vec<&Member> = input.members.iter().filter(|m| m.binding == Binding::Body).collect();
    if body.is_empty() && !protocol.always_sends_document() {
        return None;
    }
    let document = codec.write_document(op, &body, &quote! { input });
    let content_type = protocol.content_type();
    Some(quote! { ::std::option::Option::Some((#content_type, #document)) })
}

/// Where a value goes as text: the URI (a label or the query) or a header.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Uri,
    Header,
}

impl Place {
    /// The timestamp format of a member that names none.
    fn default_format(self) -> TimestampFormat {
        match self {
            Self::Uri => TimestampFormat::DateTime,
            Self::Header => TimestampFormat::HttpDate,
        }
    }
}

/// An expression of type `String`: the text of `value` (a reference) in a label, query or header.
fn to_text(ty: Option<&Type>, value: &TokenStream, m: &Member, place: Place) -> TokenStream {
    match ty {
        // A string with a media type travels in a header as base64.
        Some(Type::String) if m.media_type.is_some() && place == Place::Header => {
            quote! { crate::wire::base64_encode(#value.as_bytes()) }
        }
        Some(Type::String) => quote! { #value.as_str() },
        Some(Type::Blob) => quote! { crate::wire::base64_encode(#value) },
        Some(Type::Float | Type::Double) => quote! { crate::wire::format_float(*#value) },
        Some(Type::Timestamp) => {
            let f = timestamp_format(m.timestamp_format, place.default_format());
            quote! { crate::wire::format_timestamp(#value, #f) }
        }
        Some(Type::Named(n)) if n.kind == NamedKind::IntEnum => quote! { #value.value().to_string() },
        Some(Type::Named(_) | Type::BigInteger | Type::BigDecimal) => quote! { #value.as_str() },
        _ => quote! { ::std::string::ToString::to_string(#value) },
    }
}

/// An expression of type `String`: a header's value, lists joined with commas.
fn header_text(ty: &Type, m: &Member) -> TokenStream {
    let Type::List { member, .. } = ty else {
        return to_text(Some(ty), &quote! { value }, m, Place::Header);
    };
    let text = to_text(Some(&member.ty), &quote! { item }, m, Place::Header);
    let owned = match &member.ty {
        Type::String if m.media_type.is_none() => quote! { crate::wire::header_list_item(#text) },
        Type::String | Type::BigInteger | Type::BigDecimal => quote! { #text.to_owned() },
        Type::Named(n) if n.kind != NamedKind::IntEnum => quote! { #text.to_owned() },
        _ => text,
    };
    quote! {
        {
            let mut items = ::std::vec::Vec::new();
            for item in value.iter() {
                items.push(#owned);
            }
            items.join(", ")
        }
    }
}

/// `Operation::response`: the output of a 2xx response, else the error whose code the protocol
/// finds (a modeled error by its name, or by its awsQuery code).
fn response(op: &Operation, protocol: &dyn Protocol) -> TokenStream {
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let decode = message_decoder(&op.output, Message::Output(op), protocol);
    let decode_variant = ident(crate::ir::DECODE_VARIANT);
    // Each modeled error by its code (and its awsQuery code, where the protocol names errors by
    // it), with its decoder into the operation's error enum; the operation's module imports
    // `crate::types::error` (`errors::import`).
    let by_query_code = protocol.names_errors_by_query_code();
    let modeled = op.errors.iter().flat_map(|e| {
        let path = ident(&e.name);
        let code = e.id.name();
        let query = (e.query_code.as_deref()).filter(|q| by_query_code && *q != code);
        let codes = std::iter::once(code).chain(query);
        codes.map(move |code| quote! { (#code, error::#path::decode_as), })
    });
    let code = protocol.error_code();
    let message = protocol.error_message();
    let doc = format!(
        " Reads the HTTP response to `{}`: the output for a 2xx status, else the error it names.",
        op.id.name()
    );
    let dispatch = quote! {
        const MODELED: &[(&str, crate::error::DecodeAs<#error>)] = &[#(#modeled)*];
        let code = #code;
        return ::std::result::Result::Err(crate::error::named(code, MODELED, #message, status, headers, body));
    };
    let (success, streaming) = if op.streams_output() {
        let doc = format!(
            " Reads the 2xx response to `{}` as it arrives: the status and headers now, the body as the output's stream.",
            op.id.name()
        );
        let streaming = quote! {
            #[doc = #doc]
            #[allow(clippy::result_large_err)]
            pub fn streaming_response(response: ::http::Response<crate::transport::ByteStream>) -> ::std::result::Result<#output, #error> {
                let (head, body) = response.into_parts();
                Self::decode_output(head.status.as_u16(), &head.headers, body)
            }

            #[allow(clippy::result_large_err)]
            #[allow(unused_variables)] // `status`: read only by a member bound to it
            fn decode_output(status: u16, headers: &::http::HeaderMap, body: crate::transport::ByteStream) -> ::std::result::Result<#output, #error> {
                let decode = || -> ::std::result::Result<#output, crate::wire::DecodeError> {
                    #decode
                };
                decode().map_err(|e| #error::#decode_variant(e.with_request_id(headers)))
            }
        };
        let success =
            quote! { Self::decode_output(status, headers, crate::transport::ByteStream::from(body.to_vec())) };
        (success, streaming)
    } else {
        let success = quote! {
            let decode = || -> ::std::result::Result<#output, crate::wire::DecodeError> {
                #decode
            };
            decode().map_err(|e| #error::#decode_variant(e.with_request_id(headers)))
        };
        (success, quote! {})
    };
    quote! {
        #[doc = #doc]
        ///
        /// A body that does not match the model becomes the `Decode` variant, naming the member.
        // The error enum holds the modeled errors by value, so that matching one is one level deep.
        #[allow(clippy::result_large_err)]
        pub fn response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<#output, #error> {
            let status = response.status().as_u16();
            let headers = response.headers();
            let body = response.body().as_ref();
            if !response.status().is_success() {
                #dispatch
            }
            #success
        }

        #streaming
    }
}

/// `decode_response` for an error structure: the error from an HTTP response that names it.
pub fn error_decoder(s: &Structure, protocol: &dyn Protocol) -> TokenStream {
    let name = ident(&s.name);
    let decode = message_decoder(s, Message::Error, protocol);
    quote! {
        impl #name {
            #[allow(unused_variables)] // `status` and `body`: read only by members bound to them
            pub(crate) fn decode_response(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<Self, crate::wire::DecodeError> {
                #decode
            }

            /// The error enum `E` of an operation, from a response naming this error.
            pub(crate) fn decode_as<E>(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> E
            where
                E: ::std::convert::From<Self> + ::std::convert::From<crate::wire::DecodeError>,
            {
                crate::error::decode(Self::decode_response, status, headers, body)
            }
        }
    }
}

/// Statements that read `status`, `headers` and `body` into the structure, returning `Result<Self>`.
fn message_decoder(s: &Structure, message: Message<'_>, protocol: &dyn Protocol) -> TokenStream {
    let name = ident(&s.name);
    let codec = protocol.codec();
    let body_members: Vec<&Member> = s.members.iter().filter(|m| m.binding == Binding::Body).collect();
    let (locals, read_body) = codec.read_document(message, &body_members);
    let mut reads = Vec::new();
    for m in &s.members {
        let field = local(m);
        let wire = &m.wire_name;
        let Some(ty) = &m.ty else { continue };
        let read = match &m.binding {
            Binding::Header(header) => {
                let parse = from_header(ty, m, header);
                let infallible = match ty {
                    Type::String => m.media_type.is_none(),
                    Type::Named(n) => n.kind == NamedKind::Enum,
                    _ => false,
                };
                if infallible {
                    quote! { let #field = crate::wire::header(headers, #header)?.map(|text| #parse); }
                } else {
                    quote! {
                        let #field = match crate::wire::header(headers, #header)? {
                            ::std::option::Option::Some(text) => ::std::option::Option::Some(#parse),
                            ::std::option::Option::None => ::std::option::Option::None,
                        };
                    }
                }
            }
            Binding::PrefixHeaders(prefix) => {
                let prefix = prefix.to_ascii_lowercase();
                quote! {
                    let mut map = ::std::collections::HashMap::new();
                    for (name, value) in headers {
                        if let ::std::option::Option::Some(key) = name.as_str().strip_prefix(#prefix) {
                            let text = value.to_str().map_err(|_| crate::wire::DecodeError::new("header value is not visible ASCII").at(name.as_str()))?;
                            map.insert(key.to_owned(), text.to_owned());
                        }
                    }
                    // Headers cannot tell an empty map from none: the map is there, as
                    // restXml's protocol tests expect.
                    let #field = ::std::option::Option::Some(map);
                }
            }
            // Read straight into the field below.
            Binding::ResponseCode => continue,
            Binding::Payload if matches!(ty, Type::Stream) => quote! { let #field = body; },
            Binding::Payload if matches!(ty, Type::EventStream { .. }) => {
                quote! { let #field = crate::event_stream::Receiver::new(body, read_event); }
            }
            Binding::Payload => {
                let value = payload_decoder(ty, m, protocol);
                quote! {
                    let #field = if body.is_empty() {
                        ::std::option::Option::None
                    } else {
                        ::std::option::Option::Some(#value.map_err(|e| e.at(#wire))?)
                    };
                }
            }
            _ => continue,
        };
        reads.push(read);
    }
    let fields = s.members.iter().filter(|m| m.ty.is_some()).map(|m| {
        if m.is_read_stream() {
            let (field, local) = (ident(&m.field), local(m));
            return quote! { #field: #local, };
        }
        if m.binding != Binding::ResponseCode {
            return field_init(m);
        }
        let field = ident(&m.field);
        if m.optional {
            quote! { #field: ::std::option::Option::Some(i32::from(status)), }
        } else {
            quote! { #field: i32::from(status), }
        }
    });
    let body = (!s.streams() && !body_members.is_empty()).then_some(read_body);
    // An error whose body carries its message elsewhere than the model says (in JSON, under
    // another of the keys `message`, `Message`, `errorMessage`) still has it, as in the
    // official SDKs.
    let message = protocol.error_message();
    let message_fallback = s
        .error()
        .and_then(|e| e.message_member)
        .map(|i| &s.members[i])
        .filter(|m| m.binding == Binding::Body)
        .map(|m| {
            let local = local(m);
            quote! {
                if #local.is_none() {
                    #local = #message(body);
                }
            }
        });
    quote! {
        #(#locals)*
        #(#reads)*
        #body
        #message_fallback
        ::std::result::Result::Ok(#name { #(#fields)* _request_id: crate::wire::request_id(headers), })
    }
}

/// An expression of type `Result<T, DecodeError>` reading a payload member from `body`.
fn payload_decoder(ty: &Type, m: &Member, protocol: &dyn Protocol) -> TokenStream {
    let text = quote! {
        ::std::str::from_utf8(body).map_err(|_| crate::wire::DecodeError::new("body is not UTF-8"))
    };
    match ty {
        Type::Blob => quote! { ::std::result::Result::<_, crate::wire::DecodeError>::Ok(body.to_vec()) },
        Type::String => quote! { #text.map(::std::borrow::ToOwned::to_owned) },
        Type::Named(n) if n.kind == NamedKind::Enum => {
            let path = named_path(n);
            quote! { #text.map(#path::from_value) }
        }
        _ => protocol.codec().read_value(ty, m, &quote! { body }),
    }
}

/// An expression of type `T` (using `?`) parsing header text `text`.
fn from_header(ty: &Type, m: &Member, header: &str) -> TokenStream {
    match ty {
        Type::List { member, .. } => {
            let item = scalar_from_text(&member.ty, m, header, &quote! { item });
            let split = match member.ty {
                Type::Timestamp if timestamp_is_http_date(m) => quote! { crate::wire::split_http_dates(&text) },
                _ => quote! { crate::wire::split_header_list(&text)? },
            };
            quote! {
                {
                    let mut items = ::std::vec::Vec::new();
                    for item in #split {
                        let item = item.as_str();
                        items.push(#item);
                    }
                    items
                }
            }
        }
        _ => scalar_from_text(ty, m, header, &quote! { text.as_str() }),
    }
}

fn timestamp_is_http_date(m: &Member) -> bool {
    m.timestamp_format.is_none_or(|f| f == TimestampFormat::HttpDate)
}

/// An expression of type `T` (using `?`) parsing `text` (a `&str`) from header `header`.
fn scalar_from_text(ty: &Type, m: &Member, header: &str, text: &TokenStream) -> TokenStream {
    match ty {
        Type::String if m.media_type.is_some() => quote! {
            ::std::string::String::from_utf8(crate::wire::base64_decode(#text.trim()).map_err(|e| e.at(#header))?)
                .map_err(|_| crate::wire::DecodeError::new("not UTF-8 after base64").at(#header))?
        },
        Type::String => quote! { #text.to_owned() },
        Type::Blob => quote! { crate::wire::base64_decode(#text.trim()).map_err(|e| e.at(#header))? },
        Type::Boolean => quote! { crate::wire::parse_header::<bool>(#header, #text)? },
        Type::Byte => quote! { crate::wire::parse_header::<i8>(#header, #text)? },
        Type::Short => quote! { crate::wire::parse_header::<i16>(#header, #text)? },
        Type::Integer => quote! { crate::wire::parse_header::<i32>(#header, #text)? },
        Type::Long => quote! { crate::wire::parse_header::<i64>(#header, #text)? },
        Type::Float => quote! { crate::wire::parse_float(#header, #text)? as f32 },
        Type::Double => quote! { crate::wire::parse_float(#header, #text)? },
        Type::BigInteger => quote! { crate::wire::parse_header::<crate::primitives::BigInteger>(#header, #text)? },
        Type::BigDecimal => quote! { crate::wire::parse_header::<crate::primitives::BigDecimal>(#header, #text)? },
        Type::Timestamp => {
            let f = timestamp_format(m.timestamp_format, TimestampFormat::HttpDate);
            quote! { crate::wire::parse_timestamp(#text.trim(), #f).map_err(|e| e.at(#header))? }
        }
        Type::Named(n) if n.kind == NamedKind::IntEnum => {
            let path = named_path(n);
            quote! { #path::from_value(crate::wire::parse_header::<i32>(#header, #text)?) }
        }
        Type::Named(n) => {
            let path = named_path(n);
            quote! { #path::from_value(#text.trim()) }
        }
        _ => quote! { crate::primitives::Document::String(#text.to_owned()) },
    }
}

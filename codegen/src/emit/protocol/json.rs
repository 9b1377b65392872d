//! The JSON body format: `encode_json` and `decode_json` for the structures and unions that
//! travel in a body, and the member loops of operation inputs, outputs and errors. The runtime's
//! side is `runtime/src/json.rs`.
//!
//! Only the directions a type needs are generated ([`Usage`]), so a subset crate has no dead code.

use super::codec::{field_init, local, Codec, Message, Usage};
use crate::emit::rust::{ident, named_path};
use crate::emit::shapes::Shapes;
use crate::ir::{Member, NamedKind, Operation, Structure, TimestampFormat, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

/// JSON, the body format of restJson1 and the awsJson protocols.
pub struct Json;

impl Codec for Json {
    fn media_type(&self) -> &'static str {
        "application/json"
    }

    fn structure(&self, s: &Structure, usage: &Usage) -> TokenStream {
        structure(s, usage)
    }

    fn union(&self, u: &Union, usage: &Usage) -> TokenStream {
        union(u, usage)
    }

    fn write_document(&self, _op: &Operation, members: &[&Member], this: &TokenStream) -> TokenStream {
        let encode = encode_object(members.iter().copied(), this);
        written(encode)
    }

    fn write_value(&self, ty: &Type, m: &Member, value: &TokenStream) -> TokenStream {
        let encode = encoder(ty, m.timestamp_format, false);
        quote! { crate::json::to_vec(#value, #encode) }
    }

    fn unset_structure(&self) -> Option<TokenStream> {
        Some(quote! { b"{}".to_vec() })
    }

    fn read_document(&self, _message: Message<'_>, members: &[&Member]) -> (Vec<TokenStream>, TokenStream) {
        let (locals, arms, _) = decode_members(members.iter().copied());
        let read = quote! {
            let mut reader = crate::json::body_reader(body);
            crate::json::object(&mut reader, |r, key| match key {
                #(#arms)*
                _ => r.skip(),
            })?;
            reader.end()?;
        };
        (locals, read)
    }

    fn read_value(&self, ty: &Type, m: &Member, bytes: &TokenStream) -> TokenStream {
        let decode = member_decoder(ty, m);
        quote! { crate::json::from_slice(#bytes, #decode) }
    }

    fn sample(&self, op: &Operation, params: &Value, shapes: &Shapes<'_>) -> String {
        sample_members(&op.output.members, params, shapes).to_string()
    }
}

/// The JSON of `params` (keyed by member name) for `members`: keys by `jsonName`, blobs in
/// base64, unit union members as `{}`.
fn sample_members(members: &[Member], params: &Value, shapes: &Shapes<'_>) -> Value {
    let Value::Object(params) = params else {
        return params.clone();
    };
    let object = params.iter().filter_map(|(name, value)| {
        let m = members.iter().find(|m| &m.wire_name == name)?;
        let value = match &m.ty {
            Some(ty) => sample_value(ty, value, shapes),
            None => Value::Object(Map::new()),
        };
        Some((m.names.json.clone(), value))
    });
    Value::Object(object.collect())
}

fn sample_value(ty: &Type, value: &Value, shapes: &Shapes<'_>) -> Value {
    match (ty, value) {
        (Type::Blob, Value::String(text)) => Value::String(base64(text.as_bytes())),
        (Type::Named(n), _) => match (shapes.structures.get(&n.id), shapes.unions.get(&n.id)) {
            (Some(s), _) => sample_members(&s.members, value, shapes),
            (_, Some(u)) => sample_members(&u.members, value, shapes),
            _ => value.clone(),
        },
        (Type::List { member, .. }, Value::Array(items)) => {
            Value::Array(items.iter().map(|v| sample_value(&member.ty, v, shapes)).collect())
        }
        (Type::Map { value: v, .. }, Value::Object(entries)) => Value::Object(
            entries
                .iter()
                .map(|(k, e)| (k.clone(), sample_value(&v.ty, e, shapes)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let digit = if i <= chunk.len() {
                DIGITS[(n >> (18 - 6 * i) & 63) as usize]
            } else {
                b'='
            };
            out.push(char::from(digit));
        }
    }
    out
}

/// An expression of type `Vec<u8>`: the text `encode` (statements writing to `w`) writes.
fn written(encode: TokenStream) -> TokenStream {
    quote! {
        {
            let mut writer = crate::json::Writer::new();
            let w = &mut writer;
            #encode
            writer.finish()
        }
    }
}

/// The codec impls of a structure, for the directions it is used in.
fn structure(s: &Structure, usage: &Usage) -> TokenStream {
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
    codec_impl(&name, encode, decode)
}

/// `impl Name { encode_json, decode_json }`, with the directions there are; nothing without any.
fn codec_impl(name: &proc_macro2::Ident, encode: Option<TokenStream>, decode: Option<TokenStream>) -> TokenStream {
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
fn encode_object<'a>(members: impl IntoIterator<Item = &'a Member>, this: &TokenStream) -> TokenStream {
    let members = members.into_iter().map(|m| {
        let field = ident(&m.field);
        let key = &m.names.json;
        let Some(ty) = &m.ty else { return quote! {} };
        let encode = encoder(ty, m.timestamp_format, m.boxed);
        if m.optional {
            quote! { w.optional(#key, &#this.#field, #encode); }
        } else {
            quote! { w.member(#key, &#this.#field, #encode); }
        }
    });
    quote! {
        w.begin_object();
        #(#members)*
        w.end_object();
    }
}

/// A callable `fn(&T, &mut Writer)` writing a value of `ty`: a writer of the runtime, a shape's
/// `encode_json`, or a closure where neither fits (a boxed shape is written through its box).
fn encoder(ty: &Type, format: Option<TimestampFormat>, boxed: bool) -> TokenStream {
    match ty {
        Type::Blob => quote! { crate::json::write_blob },
        Type::Boolean => quote! { crate::json::write_bool },
        Type::String => quote! { crate::json::write_str },
        Type::Byte | Type::Short | Type::Integer | Type::Long => quote! { crate::json::write_int },
        Type::Float | Type::Double => quote! { crate::json::write_float },
        Type::BigInteger | Type::BigDecimal => quote! { |v, w| w.raw_number(v.as_str()) },
        Type::Timestamp => match format.unwrap_or(TimestampFormat::EpochSeconds) {
            TimestampFormat::DateTime => quote! { crate::json::write_date_time },
            TimestampFormat::HttpDate => quote! { crate::json::write_http_date },
            TimestampFormat::EpochSeconds => quote! { crate::json::write_epoch_seconds },
        },
        Type::Document => quote! { crate::json::write_document },
        Type::Stream | Type::EventStream { .. } | Type::EventSender(_) => {
            unreachable!("a stream is a payload, never in a JSON body")
        }
        Type::Named(n) => match n.kind {
            NamedKind::Enum => quote! { crate::json::write_str },
            NamedKind::IntEnum => quote! { |v, w| w.int(i64::from(v.value())) },
            _ if boxed => quote! { |v, w| v.encode_json(w) },
            _ => {
                let path = named_path(n);
                quote! { #path::encode_json }
            }
        },
        Type::List { member, sparse } => {
            let item = element_encoder(&member.ty, *sparse, member.timestamp_format);
            quote! { |v, w| crate::json::write_list(v, w, #item) }
        }
        Type::Map { value, sparse, .. } => {
            let item = element_encoder(&value.ty, *sparse, value.timestamp_format);
            quote! { |v, w| crate::json::write_map(v, w, #item) }
        }
    }
}

/// The writer of an element of a list or map: `null` for an unset one of a sparse one.
fn element_encoder(ty: &Type, sparse: bool, format: Option<TimestampFormat>) -> TokenStream {
    let inner = encoder(ty, format, false);
    if sparse {
        quote! { |v, w| crate::json::write_option(v, w, #inner) }
    } else {
        inner
    }
}

/// Reads an object into `ctor { field, ... }`: unknown members skipped, `null` treated as absent
/// (a repeated member takes its last value), required members the response leaves out filled
/// with their zero value.
fn decode_object<'a>(members: impl IntoIterator<Item = &'a Member> + Clone, ctor: &TokenStream) -> TokenStream {
    let (locals, arms, fields) = decode_members(members);
    let read = if arms.is_empty() {
        quote! { crate::json::object(r, |r, _| r.skip())?; }
    } else {
        quote! {
            crate::json::object(r, |r, key| match key {
                #(#arms)*
                _ => r.skip(),
            })?;
        }
    };
    quote! {
        #(#locals)*
        #read
        ::std::result::Result::Ok(#ctor { #(#fields)* })
    }
}

/// For each member: its local, its match arm on the JSON key, and its field initializer. An
/// error in a member's value names its key (`crate::json::object` adds it).
fn decode_members<'a>(
    members: impl IntoIterator<Item = &'a Member>,
) -> (Vec<TokenStream>, Vec<TokenStream>, Vec<TokenStream>) {
    let (mut locals, mut arms, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    for m in members {
        let field = local(m);
        let Some(ty) = &m.ty else { continue };
        let key = &m.names.json;
        let decode = member_decoder(ty, m);
        locals.push(quote! { let mut #field = ::std::option::Option::None; });
        arms.push(quote! { #key => r.read(&mut #field, #decode), });
        fields.push(field_init(m));
    }
    (locals, arms, fields)
}

/// A callable reading the value of member `m` (of type `ty`) from `r`, boxed if it is boxed.
fn member_decoder(ty: &Type, m: &Member) -> TokenStream {
    let decoder = decoder(ty, m.timestamp_format);
    if m.boxed {
        let value = decoder.call();
        quote! { |r| #value.map(::std::boxed::Box::new) }
    } else {
        decoder.callable()
    }
}

/// How a value is read from `r`: a function of the runtime or a decoder of a shape
/// (`crate::json::string`, `T::decode_json`), or an expression of `r` where none fits.
enum Decoder {
    Function(TokenStream),
    Expression(TokenStream),
}

impl Decoder {
    /// As something to call with `r`: the function, or `|r| expression`.
    fn callable(&self) -> TokenStream {
        match self {
            Self::Function(f) => f.clone(),
            Self::Expression(e) => quote! { |r| #e },
        }
    }

    /// As an expression of type `Result<T, DecodeError>`.
    fn call(&self) -> TokenStream {
        match self {
            Self::Function(f) => quote! { #f(r) },
            Self::Expression(e) => e.clone(),
        }
    }
}

/// The reader of a value of `ty`.
fn decoder(ty: &Type, format: Option<TimestampFormat>) -> Decoder {
    use Decoder::{Expression, Function};
    match ty {
        Type::Blob => Function(quote! { crate::json::blob }),
        Type::Boolean => Function(quote! { crate::json::Reader::bool }),
        Type::String => Function(quote! { crate::json::string }),
        Type::Byte => Function(quote! { crate::json::Reader::integer::<i8> }),
        Type::Short => Function(quote! { crate::json::Reader::integer::<i16> }),
        Type::Integer => Function(quote! { crate::json::Reader::integer::<i32> }),
        Type::Long => Function(quote! { crate::json::Reader::integer::<i64> }),
        Type::Float => Function(quote! { crate::json::float32 }),
        Type::Double => Function(quote! { crate::json::Reader::float }),
        Type::BigInteger => Function(quote! { crate::json::big_number::<crate::primitives::BigInteger> }),
        Type::BigDecimal => Function(quote! { crate::json::big_number::<crate::primitives::BigDecimal> }),
        Type::Timestamp => Function(match format.unwrap_or(TimestampFormat::EpochSeconds) {
            TimestampFormat::DateTime => quote! { crate::json::date_time },
            TimestampFormat::HttpDate => quote! { crate::json::http_date },
            TimestampFormat::EpochSeconds => quote! { crate::json::epoch_seconds_timestamp },
        }),
        Type::Document => Function(quote! { crate::json::Reader::document }),
        Type::Stream | Type::EventStream { .. } | Type::EventSender(_) => {
            unreachable!("a stream is a payload, never in a JSON body")
        }
        Type::Named(n) => {
            let path = named_path(n);
            match n.kind {
                // The enum's type is the slot's or the list's: inferred.
                NamedKind::Enum => Function(quote! { crate::json::enumeration }),
                NamedKind::IntEnum => Expression(quote! { r.integer::<i32>().map(#path::from_value) }),
                _ => Function(quote! { #path::decode_json }),
            }
        }
        Type::List { member, sparse } => {
            let item = element_decoder(&member.ty, *sparse, member.timestamp_format);
            let skip_nulls = !sparse;
            Expression(quote! { crate::json::list(r, #skip_nulls, #item) })
        }
        Type::Map { value, sparse, .. } => {
            let item = element_decoder(&value.ty, *sparse, value.timestamp_format);
            let skip_nulls = !sparse;
            Expression(quote! { crate::json::map(r, #skip_nulls, #item) })
        }
    }
}

/// A callable reading an element of a list or map: `Option<T>` in a sparse one.
fn element_decoder(ty: &Type, sparse: bool, format: Option<TimestampFormat>) -> TokenStream {
    let inner = decoder(ty, format).callable();
    if sparse {
        quote! { |r| crate::json::nullable(r, #inner) }
    } else {
        inner
    }
}

/// The codec impls of a union: one key, the member's value; an unknown key is `Unknown`.
fn union(u: &Union, usage: &Usage) -> TokenStream {
    let name = ident(&u.name);
    let unknown = ident(crate::ir::UNKNOWN_VARIANT);
    let encode = usage.encode.contains(&u.id).then(|| {
        let arms = u.members.iter().map(|m| {
            let variant = ident(&m.variant);
            let key = &m.names.json;
            match &m.ty {
                Some(ty) => {
                    let encode = encoder(ty, m.timestamp_format, m.boxed);
                    quote! { Self::#variant(value) => w.member(#key, value, #encode), }
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
            let key = &m.names.json;
            match &m.ty {
                Some(ty) => {
                    let value = decoder(ty, m.timestamp_format).call();
                    let value = if m.boxed {
                        quote! { ::std::boxed::Box::new(#value?) }
                    } else {
                        quote! { #value? }
                    };
                    quote! { #key => Self::#variant(#value), }
                }
                None => quote! { #key => { r.skip()?; Self::#variant } },
            }
        });
        quote! {
            pub(crate) fn decode_json(r: &mut crate::json::Reader<'_>) -> ::std::result::Result<Self, crate::wire::DecodeError> {
                crate::json::union(r, |r, key| {
                    ::std::result::Result::Ok(match key {
                        #(#arms)*
                        _ => { r.skip()?; Self::#unknown }
                    })
                })
            }
        }
    });
    codec_impl(&name, encode, decode)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_as_the_standard_says() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ];
        for (text, encoded) in cases {
            assert_eq!(super::base64(text.as_bytes()), encoded, "{text}");
        }
        assert_eq!(super::base64(&[0xff, 0xfe]), "//4=");
    }
}

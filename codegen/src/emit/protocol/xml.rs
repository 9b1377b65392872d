//! The XML body format: `decode_xml` for the structures and unions that reach a response (in
//! every XML protocol), `encode_xml` for those that reach a restXml request, and the member loops
//! of documents. Names come from the IR's `WireNames` (`xmlName`, `xmlAttribute`,
//! `xmlFlattened`, `xmlNamespace`), never from traits. The runtime's side is
//! `runtime/src/xml.rs`.

use super::codec::{field_init, local, Codec, Message, Usage};
use crate::emit::rust::{ident, named_path};
use crate::emit::shapes::Shapes;
use crate::ir::{
    Element, Member, NamedKind, Operation, Service, Structure, TimestampFormat, Type, Union, XmlNamespace,
};
use crate::model::ShapeId;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a response's members stand in its document, below the root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapping {
    /// restXml: the output is the root; an error is `<ErrorResponse><Error>`, or `<Error>`
    /// alone with `noErrorWrapping`.
    Rest { error_wrapped: bool },
    /// awsQuery: `<OpResponse><OpResult>`; `<ErrorResponse><Error>`.
    Query,
    /// ec2Query: `<OpResponse>`; `<Response><Errors><Error>`.
    Ec2,
}

impl Wrapping {
    /// The path of elements from the root to the members of `message`.
    fn path(self, message: Message<'_>) -> Vec<String> {
        match (self, message) {
            (Self::Query, Message::Output(op)) => vec![format!("{}Result", op.id.name())],
            (Self::Rest { .. } | Self::Ec2, Message::Output(_)) => Vec::new(),
            (Self::Rest { error_wrapped: false }, Message::Error) => Vec::new(),
            (Self::Rest { error_wrapped: true } | Self::Query, Message::Error) => vec!["Error".to_owned()],
            (Self::Ec2, Message::Error) => vec!["Errors".to_owned(), "Error".to_owned()],
        }
    }
}

/// XML: restXml's bodies both ways, and the responses of awsQuery and ec2Query (whose
/// requests are forms: `query.rs`, which reads responses through this codec).
pub struct Xml {
    wrapping: Wrapping,
    /// The root element of each structure and union sent as a whole document: its `xmlName`
    /// and namespace.
    roots: BTreeMap<ShapeId, (String, Option<XmlNamespace>)>,
    /// The service's `xmlNamespace`, which a root element without its own declares.
    namespace: Option<XmlNamespace>,
}

impl Xml {
    pub fn new(service: &Service, wrapping: Wrapping) -> Self {
        let structures = service
            .structures
            .iter()
            .map(|s| (&s.id, &s.xml_name, &s.xml_namespace));
        let unions = service.unions.iter().map(|u| (&u.id, &u.xml_name, &u.xml_namespace));
        let roots = structures
            .chain(unions)
            .map(|(id, name, ns)| (id.clone(), (name.clone(), ns.clone())))
            .collect();
        Self {
            wrapping,
            roots,
            namespace: service.xml_namespace.clone(),
        }
    }

    /// The tag of a document's root element `name`, with the namespace it declares, else the
    /// service's.
    fn root_tag(&self, name: &str, namespace: Option<&XmlNamespace>) -> TokenStream {
        tag(name, namespace.or(self.namespace.as_ref()))
    }

    /// `<OpResponse><OpResult>members</OpResult></OpResponse>` and the like, for the tests.
    pub fn sample_document(&self, op: &Operation, params: &Value, shapes: &Shapes<'_>) -> String {
        let members = sample_members(&op.output.members, params, shapes);
        match self.wrapping {
            Wrapping::Query => {
                let name = op.id.name();
                format!("<{name}Response><{name}Result>{members}</{name}Result></{name}Response>")
            }
            Wrapping::Ec2 => format!("<{0}Response>{members}</{0}Response>", op.id.name()),
            Wrapping::Rest { .. } => format!("<{0}>{members}</{0}>", op.output.xml_name),
        }
    }
}

impl Codec for Xml {
    fn media_type(&self) -> &'static str {
        "application/xml"
    }

    fn structure(&self, s: &Structure, usage: &Usage) -> TokenStream {
        let encode = usage.encode.contains(&s.id).then(|| encode_structure(s));
        let decode = usage.decode.contains(&s.id).then(|| decode_structure(s));
        codec_impl(&s.name, encode, decode)
    }

    fn union(&self, u: &Union, usage: &Usage) -> TokenStream {
        let encode = usage.encode.contains(&u.id).then(|| encode_union(u));
        let decode = usage.decode.contains(&u.id).then(|| decode_union(u));
        codec_impl(&u.name, encode, decode)
    }

    fn write_document(&self, op: &Operation, members: &[&Member], this: &TokenStream) -> TokenStream {
        let root = self.root_tag(&op.input.xml_name, op.input.xml_namespace.as_ref());
        let (attributes, elements) = encode_members(members.iter().copied(), this);
        quote! {
            {
                let mut writer = crate::xml::Writer::new();
                let w = &mut writer;
                let tag = #root;
                w.start(tag);
                #(#attributes)*
                w.open();
                #(#elements)*
                w.end(tag);
                writer.finish()
            }
        }
    }

    fn write_value(&self, ty: &Type, m: &Member, value: &TokenStream) -> TokenStream {
        // A structure or union is the root under the member's `xmlName`, else its own.
        let tag = match ty {
            Type::Named(n) => {
                let (name, ns) = self
                    .roots
                    .get(&n.id)
                    .cloned()
                    .unwrap_or_else(|| (n.id.name().to_owned(), None));
                let name = if m.names.xml != m.wire_name {
                    m.names.xml.clone()
                } else {
                    name
                };
                self.root_tag(&name, m.names.xml_namespace.as_ref().or(ns.as_ref()))
            }
            _ => tag(&m.names.xml, m.names.xml_namespace.as_ref()),
        };
        let encode = encoder(ty, m.timestamp_format, false);
        quote! { crate::xml::to_vec(#value, #tag, #encode) }
    }

    fn unset_structure(&self) -> Option<TokenStream> {
        None
    }

    fn read_document(&self, message: Message<'_>, members: &[&Member]) -> (Vec<TokenStream>, TokenStream) {
        let path = self.wrapping.path(message);
        let (mut locals, attributes, arms) = decode_members(members.iter().copied());
        let found = if attributes.is_empty() {
            quote! { reader.document(&[#(#path),*])?.is_some() }
        } else {
            quote! { let ::std::option::Option::Some(ref start) = reader.document(&[#(#path),*])? }
        };
        // An attribute's local is declared with the others, and set once the element is found.
        let attributes: Vec<TokenStream> = attributes
            .into_iter()
            .map(|(field, value)| {
                locals.push(quote! { let mut #field = ::std::option::Option::None; });
                quote! { #field = #value; }
            })
            .collect();
        let children = children(&arms);
        let read = quote! {
            let mut reader = crate::xml::Reader::new(body)?;
            if #found {
                let r = &mut reader;
                #(#attributes)*
                #children
            }
        };
        (locals, read)
    }

    fn read_value(&self, ty: &Type, m: &Member, bytes: &TokenStream) -> TokenStream {
        let decode = member_decoder(ty, m);
        quote! {
            (|| {
                let mut reader = crate::xml::Reader::new(#bytes)?;
                let start = reader.document(&[])?.ok_or_else(|| crate::wire::DecodeError::new("the body has no element"))?;
                crate::xml::read(&mut reader, &start, #decode)
            })()
        }
    }

    fn sample(&self, op: &Operation, params: &Value, shapes: &Shapes<'_>) -> String {
        self.sample_document(op, params, shapes)
    }
}

/// `impl Name { encode_xml, decode_xml }` (or `encode_query`), with the directions there are;
/// nothing without any.
pub fn codec_impl(name: &str, encode: Option<TokenStream>, decode: Option<TokenStream>) -> TokenStream {
    if encode.is_none() && decode.is_none() {
        return quote! {};
    }
    let name = ident(name);
    quote! {
        impl #name {
            #encode
            #decode
        }
    }
}

/// `crate::xml::Tag::new(name)`, or with the namespace it declares.
fn tag(name: &str, namespace: Option<&XmlNamespace>) -> TokenStream {
    match namespace {
        None => quote! { crate::xml::Tag::new(#name) },
        Some(ns) => {
            let attribute = match &ns.prefix {
                Some(prefix) => format!("xmlns:{prefix}"),
                None => "xmlns".to_owned(),
            };
            let uri = &ns.uri;
            quote! { crate::xml::Tag::with_namespace(#name, #attribute, #uri) }
        }
    }
}

fn element_tag(e: &Element) -> TokenStream {
    tag(&e.xml_name, e.xml_namespace.as_ref())
}

/// The name an element is matched by: its local part (`xsi:type` is `type`).
fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

// Encoding.

fn encode_structure(s: &Structure) -> TokenStream {
    let (attributes, elements) = encode_members(&s.members, &quote! { self });
    quote! {
        pub(crate) fn encode_xml(&self, w: &mut crate::xml::Writer, tag: crate::xml::Tag<'_>) {
            w.start(tag);
            #(#attributes)*
            w.open();
            #(#elements)*
            w.end(tag);
        }
    }
}

/// The statements that write `members` of `this`: the attributes (between `start` and `open`)
/// and the elements.
fn encode_members<'a>(
    members: impl IntoIterator<Item = &'a Member>,
    this: &TokenStream,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let (mut attributes, mut elements) = (Vec::new(), Vec::new());
    for m in members {
        let Some(ty) = &m.ty else { continue };
        let field = ident(&m.field);
        let name = &m.names.xml;
        let value = quote! { value };
        let set = |statement: TokenStream| {
            if m.optional {
                quote! { if let ::std::option::Option::Some(value) = &#this.#field { #statement; } }
            } else {
                quote! { { let value = &#this.#field; #statement; } }
            }
        };
        if m.names.xml_attribute {
            let text = text(ty, m.timestamp_format);
            attributes.push(set(quote! { w.attribute(#name, &crate::xml::text(#value, #text)) }));
            continue;
        }
        let tag = tag(name, m.names.xml_namespace.as_ref());
        let write = match ty {
            Type::List { member, sparse } if m.names.xml_flattened => {
                let item = element_encoder(&member.ty, *sparse, member.timestamp_format);
                quote! { crate::xml::write_flat_list(#value, w, #tag, #item) }
            }
            Type::Map { key, value: v, sparse } if m.names.xml_flattened => {
                let (k, vt) = (element_tag(key), element_tag(v));
                let item = element_encoder(&v.ty, *sparse, v.timestamp_format);
                quote! { crate::xml::write_map(#value, w, #tag, true, [#k, #vt], #item) }
            }
            _ => {
                let encode = encoder(ty, m.timestamp_format, m.boxed);
                quote! { crate::xml::write(#value, w, #tag, #encode) }
            }
        };
        elements.push(set(write));
    }
    (attributes, elements)
}

/// A callable `fn(&T) -> Cow<str>`: a scalar's text.
pub(super) fn text(ty: &Type, format: Option<TimestampFormat>) -> TokenStream {
    match ty {
        Type::Blob => quote! { crate::xml::blob_text },
        Type::Boolean => quote! { crate::xml::bool_text },
        Type::String => quote! { crate::xml::str_text },
        Type::Byte | Type::Short | Type::Integer | Type::Long => quote! { crate::xml::int_text },
        Type::Float | Type::Double => quote! { crate::xml::float_text },
        Type::BigInteger => quote! { |v: &crate::primitives::BigInteger| ::std::borrow::Cow::Borrowed(v.as_str()) },
        Type::BigDecimal => quote! { |v: &crate::primitives::BigDecimal| ::std::borrow::Cow::Borrowed(v.as_str()) },
        Type::Timestamp => match format.unwrap_or(TimestampFormat::DateTime) {
            TimestampFormat::DateTime => quote! { crate::xml::date_time_text },
            TimestampFormat::HttpDate => quote! { crate::xml::http_date_text },
            TimestampFormat::EpochSeconds => quote! { crate::xml::epoch_seconds_text },
        },
        Type::Named(n) if n.kind == NamedKind::IntEnum => {
            let path = named_path(n);
            quote! { |v: &#path| ::std::borrow::Cow::<str>::Owned(v.value().to_string()) }
        }
        Type::Named(_) => quote! { crate::xml::str_text },
        _ => quote! { |v: &crate::primitives::Document| ::std::borrow::Cow::<str>::Owned(::std::format!("{v:?}")) },
    }
}

/// A callable `fn(&T, &mut Writer, Tag)` writing a value of `ty` as an element.
fn encoder(ty: &Type, format: Option<TimestampFormat>, boxed: bool) -> TokenStream {
    match ty {
        Type::Named(n) if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error) => {
            if boxed {
                quote! { |v, w, tag| ::std::boxed::Box::as_ref(v).encode_xml(w, tag) }
            } else {
                let path = named_path(n);
                quote! { #path::encode_xml }
            }
        }
        Type::List { member, sparse } => {
            let member_tag = element_tag(member);
            let item = element_encoder(&member.ty, *sparse, member.timestamp_format);
            quote! { |v, w, tag| crate::xml::write_list(v, w, tag, #member_tag, #item) }
        }
        Type::Map { key, value, sparse } => {
            let (k, v) = (element_tag(key), element_tag(value));
            let item = element_encoder(&value.ty, *sparse, value.timestamp_format);
            quote! { |v, w, tag| crate::xml::write_map(v, w, tag, false, [#k, #v], #item) }
        }
        _ => {
            let text = text(ty, format);
            quote! { |v, w, tag| crate::xml::write_text(v, w, tag, #text) }
        }
    }
}

/// The writer of an element of a list or map; an unset one of a sparse one is left out.
fn element_encoder(ty: &Type, sparse: bool, format: Option<TimestampFormat>) -> TokenStream {
    let inner = encoder(ty, format, false);
    if sparse {
        quote! {
            |v: &::std::option::Option<_>, w, tag| {
                if let ::std::option::Option::Some(v) = v {
                    crate::xml::write(v, w, tag, #inner);
                }
            }
        }
    } else {
        inner
    }
}

fn encode_union(u: &Union) -> TokenStream {
    let unknown = ident(crate::ir::UNKNOWN_VARIANT);
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.variant);
        let tag = tag(&m.names.xml, m.names.xml_namespace.as_ref());
        match &m.ty {
            Some(ty) => {
                let write = match ty {
                    Type::List { member, sparse } if m.names.xml_flattened => {
                        let item = element_encoder(&member.ty, *sparse, member.timestamp_format);
                        quote! { crate::xml::write_flat_list(value, w, #tag, #item) }
                    }
                    _ => {
                        let encode = encoder(ty, m.timestamp_format, m.boxed);
                        quote! { crate::xml::write(value, w, #tag, #encode) }
                    }
                };
                quote! { Self::#variant(value) => #write, }
            }
            None => quote! { Self::#variant => w.element(#tag, ""), },
        }
    });
    quote! {
        pub(crate) fn encode_xml(&self, w: &mut crate::xml::Writer, tag: crate::xml::Tag<'_>) {
            w.start(tag);
            w.open();
            match self {
                #(#arms)*
                Self::#unknown => {}
            }
            w.end(tag);
        }
    }
}

// Decoding.

pub(super) fn decode_structure(s: &Structure) -> TokenStream {
    let name = ident(&s.name);
    let (locals, attributes, arms) = decode_members(&s.members);
    let fields = s.members.iter().filter(|m| m.ty.is_some()).map(field_init);
    let start = if attributes.is_empty() {
        quote! { _start }
    } else {
        quote! { start }
    };
    let attributes = attributes
        .into_iter()
        .map(|(field, value)| quote! { let #field = #value; });
    let children = children(&arms);
    quote! {
        pub(crate) fn decode_xml(r: &mut crate::xml::Reader<'_>, #start: &crate::xml::Start<'_>) -> ::std::result::Result<Self, crate::wire::DecodeError> {
            #(#locals)*
            #(#attributes)*
            #children
            ::std::result::Result::Ok(#name { #(#fields)* })
        }
    }
}

/// The loop over the current element's children that reads the members of `arms`, passing over
/// the others; without arms, the whole element is passed over.
fn children(arms: &[TokenStream]) -> TokenStream {
    if arms.is_empty() {
        return quote! { r.skip()?; };
    }
    quote! {
        while let ::std::option::Option::Some(child) = r.next_child()? {
            match child.name() {
                #(#arms)*
                _ => r.skip()?,
            }
        }
    }
}

/// For the members read from elements: their locals' declarations and their match arms on the
/// element name; for the `xmlAttribute` members: their locals and the expressions that read
/// them from `start` (a `&Start`).
#[allow(clippy::type_complexity)]
fn decode_members<'a>(
    members: impl IntoIterator<Item = &'a Member>,
) -> (
    Vec<TokenStream>,
    Vec<(proc_macro2::Ident, TokenStream)>,
    Vec<TokenStream>,
) {
    let (mut locals, mut attributes, mut arms) = (Vec::new(), Vec::new(), Vec::new());
    for m in members {
        let Some(ty) = &m.ty else { continue };
        let field = local(m);
        let name = &m.names.xml;
        if m.names.xml_attribute {
            let parse = parser(ty, m.timestamp_format);
            attributes.push((field, quote! { crate::xml::attribute(start, #name, #parse)? }));
            continue;
        }
        locals.push(quote! { let mut #field = ::std::option::Option::None; });
        let matched = local_name(name);
        let arm = match ty {
            Type::List { member, sparse } if m.names.xml_flattened => {
                let item = element_decoder(&member.ty, *sparse, member.timestamp_format);
                quote! { #matched => crate::xml::push(&mut #field, crate::xml::read(r, &child, #item).map_err(|e| e.at(#name))?), }
            }
            Type::Map { key, value, sparse } if m.names.xml_flattened => {
                let (k, v) = (local_name(&key.xml_name), local_name(&value.xml_name));
                let item = element_decoder(&value.ty, *sparse, value.timestamp_format);
                quote! { #matched => crate::xml::insert(&mut #field, crate::xml::entry(r, #k, #v, #item).map_err(|e| e.at(#name))?), }
            }
            _ => {
                let decode = member_decoder(ty, m);
                quote! { #matched => #field = ::std::option::Option::Some(crate::xml::read(r, &child, #decode).map_err(|e| e.at(#name))?), }
            }
        };
        arms.push(arm);
    }
    (locals, attributes, arms)
}

/// A callable `fn(&str) -> Result<T, DecodeError>`: a scalar from its text.
fn parser(ty: &Type, format: Option<TimestampFormat>) -> TokenStream {
    match ty {
        Type::Blob => quote! { crate::xml::blob },
        Type::Boolean => quote! { crate::xml::boolean },
        Type::String => quote! { crate::xml::string },
        Type::Byte => quote! { crate::xml::integer::<i8> },
        Type::Short => quote! { crate::xml::integer::<i16> },
        Type::Integer => quote! { crate::xml::integer::<i32> },
        Type::Long => quote! { crate::xml::integer::<i64> },
        Type::Float => quote! { crate::xml::float32 },
        Type::Double => quote! { crate::xml::float64 },
        Type::BigInteger => quote! { crate::xml::big_number::<crate::primitives::BigInteger> },
        Type::BigDecimal => quote! { crate::xml::big_number::<crate::primitives::BigDecimal> },
        Type::Timestamp => match format.unwrap_or(TimestampFormat::DateTime) {
            TimestampFormat::DateTime => quote! { crate::xml::date_time },
            TimestampFormat::HttpDate => quote! { crate::xml::http_date },
            TimestampFormat::EpochSeconds => quote! { crate::xml::epoch_seconds },
        },
        Type::Named(n) if n.kind == NamedKind::IntEnum => {
            let path = named_path(n);
            quote! { |text: &str| crate::xml::integer::<i32>(text).map(#path::from_value) }
        }
        Type::Named(_) => quote! { crate::xml::enumeration },
        _ => quote! {
            |text: &str| ::std::result::Result::<_, crate::wire::DecodeError>::Ok(crate::primitives::Document::String(text.to_owned()))
        },
    }
}

/// A callable reading the value of member `m` (of type `ty`), boxed if it is boxed.
fn member_decoder(ty: &Type, m: &Member) -> TokenStream {
    let decode = decoder(ty, m.timestamp_format);
    if m.boxed {
        quote! { |r, start| crate::xml::read(r, start, #decode).map(::std::boxed::Box::new) }
    } else {
        decode
    }
}

/// A callable `fn(&mut Reader, &Start) -> Result<T, DecodeError>` reading an element as a `ty`.
fn decoder(ty: &Type, format: Option<TimestampFormat>) -> TokenStream {
    match ty {
        Type::Named(n) if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error) => {
            let path = named_path(n);
            quote! { #path::decode_xml }
        }
        Type::List { member, sparse } => {
            let name = local_name(&member.xml_name);
            let item = element_decoder(&member.ty, *sparse, member.timestamp_format);
            quote! { |r, _| crate::xml::list(r, #name, #item) }
        }
        Type::Map { key, value, sparse } => {
            let (k, v) = (local_name(&key.xml_name), local_name(&value.xml_name));
            let item = element_decoder(&value.ty, *sparse, value.timestamp_format);
            quote! { |r, _| crate::xml::map(r, #k, #v, #item) }
        }
        _ => {
            let parse = parser(ty, format);
            quote! { |r, _| crate::xml::scalar(r, #parse) }
        }
    }
}

/// The reader of an element of a list or map: `Option<T>` in a sparse one.
fn element_decoder(ty: &Type, sparse: bool, format: Option<TimestampFormat>) -> TokenStream {
    let inner = decoder(ty, format);
    if sparse {
        quote! { |r, start| crate::xml::read(r, start, #inner).map(::std::option::Option::Some) }
    } else {
        inner
    }
}

pub(super) fn decode_union(u: &Union) -> TokenStream {
    let unknown = ident(crate::ir::UNKNOWN_VARIANT);
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.variant);
        let name = local_name(&m.names.xml);
        match &m.ty {
            Some(ty) => {
                let decode = member_decoder(ty, m);
                quote! { #name => Self::#variant(crate::xml::read(r, &child, #decode).map_err(|e| e.at(#name))?), }
            }
            None => quote! { #name => { r.skip()?; Self::#variant } },
        }
    });
    quote! {
        pub(crate) fn decode_xml(r: &mut crate::xml::Reader<'_>, _start: &crate::xml::Start<'_>) -> ::std::result::Result<Self, crate::wire::DecodeError> {
            let mut value = ::std::option::Option::None;
            while let ::std::option::Option::Some(child) = r.next_child()? {
                value = ::std::option::Option::Some(match child.name() {
                    #(#arms)*
                    _ => { r.skip()?; Self::#unknown }
                });
            }
            value.ok_or_else(|| crate::wire::DecodeError::new("a union holds no member"))
        }
    }
}

// Sample documents for the generated tests.

/// The elements of `params` (keyed by member name) for `members`.
fn sample_members(members: &[Member], params: &Value, shapes: &Shapes<'_>) -> String {
    let Value::Object(params) = params else {
        return String::new();
    };
    let mut out = String::new();
    for (name, value) in params {
        let Some(m) = members.iter().find(|m| &m.wire_name == name) else {
            continue;
        };
        let tag = &m.names.xml;
        match &m.ty {
            Some(Type::List { member, .. }) if m.names.xml_flattened => {
                for item in value.as_array().into_iter().flatten() {
                    out.push_str(&sample_element(tag, &member.ty, member.timestamp_format, item, shapes));
                }
            }
            Some(ty) => out.push_str(&sample_element(tag, ty, m.timestamp_format, value, shapes)),
            None => out.push_str(&format!("<{tag}/>")),
        }
    }
    out
}

fn sample_element(tag: &str, ty: &Type, format: Option<TimestampFormat>, value: &Value, shapes: &Shapes<'_>) -> String {
    let content = match (ty, value) {
        (Type::Timestamp, Value::Number(n))
            if format.unwrap_or(TimestampFormat::DateTime) == TimestampFormat::DateTime =>
        {
            date_time(n.as_i64().unwrap_or_default())
        }
        (Type::Named(n), _) => match (shapes.structures.get(&n.id), shapes.unions.get(&n.id)) {
            (Some(s), _) => sample_members(&s.members, value, shapes),
            (_, Some(u)) => sample_members(&u.members, value, shapes),
            _ => sample_text(value),
        },
        (Type::List { member, .. }, Value::Array(items)) => items
            .iter()
            .map(|item| sample_element(&member.xml_name, &member.ty, member.timestamp_format, item, shapes))
            .collect(),
        (Type::Map { key, value: v, .. }, Value::Object(entries)) => entries
            .iter()
            .map(|(k, e)| {
                let value = sample_element(&v.xml_name, &v.ty, v.timestamp_format, e, shapes);
                format!("<entry><{0}>{1}</{0}>{value}</entry>", key.xml_name, escape(k))
            })
            .collect(),
        _ => sample_text(value),
    };
    format!("<{tag}>{content}</{tag}>")
}

fn sample_text(value: &Value) -> String {
    match value {
        Value::String(s) => escape(s),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Epoch seconds as an RFC 3339 date-time (`1970-01-01T00:00:00Z`), by the civil-from-days
/// algorithm of Howard Hinnant's date library (the runtime's `primitives::civil_from_days`,
/// which the generator cannot call: it does not depend on the runtime crate).
fn date_time(epoch: i64) -> String {
    let (days, secs) = (epoch.div_euclid(86_400), epoch.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn epoch_seconds_become_date_times() {
        assert_eq!(super::date_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::date_time(1_515_531_081), "2018-01-09T20:51:21Z");
        assert_eq!(super::date_time(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(super::date_time(-1), "1969-12-31T23:59:59Z");
    }
}

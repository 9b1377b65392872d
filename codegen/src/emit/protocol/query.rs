//! The query form, awsQuery's and ec2Query's request body: `encode_query` for the structures and
//! unions that reach a request, and the form of an operation's input. Responses are XML, read
//! through [`Xml`]. The runtime's side is `runtime/src/query.rs`.

use super::codec::{Codec, Message, Usage};
use super::xml::{codec_impl, Xml};
use crate::emit::rust::{ident, named_path};
use crate::emit::shapes::Shapes;
use crate::ir::{Member, NamedKind, Operation, Structure, TimestampFormat, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The two dialects of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// awsQuery: keys by `xmlName`; lists `Name.member.N` unless flattened, an empty one `Name=`.
    Query,
    /// ec2Query: keys by `ec2QueryName` (else the capitalised `xmlName` or member name); every
    /// list flattened, an empty one left out.
    Ec2,
}

/// A form writer for requests, XML for responses.
pub struct QueryForm {
    dialect: Dialect,
    /// The service's API version, the form's `Version`.
    version: String,
    xml: Xml,
}

impl QueryForm {
    pub fn new(dialect: Dialect, version: &str, xml: Xml) -> Self {
        Self {
            dialect,
            version: version.to_owned(),
            xml,
        }
    }

    /// A member's key in this dialect.
    fn key<'a>(&self, m: &'a Member) -> &'a str {
        match self.dialect {
            Dialect::Query => &m.names.query,
            Dialect::Ec2 => &m.names.ec2_query,
        }
    }

    /// The statements writing `members` of `this` under `prefix` (a `&str`).
    fn encode_members<'a>(
        &self,
        members: impl IntoIterator<Item = &'a Member>,
        this: &TokenStream,
    ) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for m in members {
            let Some(ty) = &m.ty else { continue };
            let field = ident(&m.field);
            let name = self.key(m);
            let encode = self.encoder(ty, m.timestamp_format, m.boxed, m.names.xml_flattened);
            let write = quote! { crate::query::write(value, w, &crate::query::key(prefix, #name), #encode) };
            out.push(if m.optional {
                quote! { if let ::std::option::Option::Some(value) = &#this.#field { #write; } }
            } else {
                quote! { { let value = &#this.#field; #write; } }
            });
        }
        out
    }

    /// A callable `fn(&T, &mut Writer, &str)` writing a value of `ty` under a key.
    fn encoder(&self, ty: &Type, format: Option<TimestampFormat>, boxed: bool, flattened: bool) -> TokenStream {
        match ty {
            Type::Named(n) if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error) => {
                if boxed {
                    quote! { |v, w, key| ::std::boxed::Box::as_ref(v).encode_query(w, key) }
                } else {
                    let path = named_path(n);
                    quote! { #path::encode_query }
                }
            }
            Type::List { member, .. } => {
                let item = self.encoder(&member.ty, member.timestamp_format, false, false);
                let (member, empty_pair) = match self.dialect {
                    Dialect::Query if flattened => (quote! { ::std::option::Option::None }, true),
                    Dialect::Query => {
                        let name = &member.xml_name;
                        (quote! { ::std::option::Option::Some(#name) }, true)
                    }
                    Dialect::Ec2 => (quote! { ::std::option::Option::None }, false),
                };
                quote! { |v, w, key| crate::query::write_list(v, w, key, #member, #empty_pair, #item) }
            }
            Type::Map { key, value, .. } => {
                let (k, v) = (&key.xml_name, &value.xml_name);
                let item = self.encoder(&value.ty, value.timestamp_format, false, false);
                quote! { |v, w, key| crate::query::write_map(v, w, key, #flattened, [#k, #v], #item) }
            }
            _ => {
                let text = super::xml::text(ty, format);
                quote! { |v, w, key| crate::query::write_text(v, w, key, #text) }
            }
        }
    }

    fn encode_structure(&self, s: &Structure) -> TokenStream {
        let members = self.encode_members(&s.members, &quote! { self });
        let prefix = if members.is_empty() {
            quote! { _prefix }
        } else {
            quote! { prefix }
        };
        let w = if members.is_empty() {
            quote! { _w }
        } else {
            quote! { w }
        };
        quote! {
            pub(crate) fn encode_query(&self, #w: &mut crate::query::Writer, #prefix: &str) {
                #(#members)*
            }
        }
    }

    fn encode_union(&self, u: &Union) -> TokenStream {
        let unknown = ident(crate::ir::UNKNOWN_VARIANT);
        let arms = u.members.iter().map(|m| {
            let variant = ident(&m.variant);
            let name = self.key(m);
            match &m.ty {
                Some(ty) => {
                    let encode = self.encoder(ty, m.timestamp_format, m.boxed, m.names.xml_flattened);
                    quote! { Self::#variant(value) => crate::query::write(value, w, &crate::query::key(prefix, #name), #encode), }
                }
                None => quote! { Self::#variant => w.pair(&crate::query::key(prefix, #name), ""), },
            }
        });
        quote! {
            pub(crate) fn encode_query(&self, w: &mut crate::query::Writer, prefix: &str) {
                match self {
                    #(#arms)*
                    Self::#unknown => {}
                }
            }
        }
    }
}

impl Codec for QueryForm {
    fn media_type(&self) -> &'static str {
        self.xml.media_type()
    }

    fn structure(&self, s: &Structure, usage: &Usage) -> TokenStream {
        let encode = usage.encode.contains(&s.id).then(|| self.encode_structure(s));
        let decode = usage.decode.contains(&s.id).then(|| super::xml::decode_structure(s));
        codec_impl(&s.name, encode, decode)
    }

    fn union(&self, u: &Union, usage: &Usage) -> TokenStream {
        let encode = usage.encode.contains(&u.id).then(|| self.encode_union(u));
        let decode = usage.decode.contains(&u.id).then(|| super::xml::decode_union(u));
        codec_impl(&u.name, encode, decode)
    }

    fn write_document(&self, op: &Operation, members: &[&Member], this: &TokenStream) -> TokenStream {
        let action = op.id.name();
        let version = &self.version;
        let members = self.encode_members(members.iter().copied(), this);
        if members.is_empty() {
            return quote! { crate::query::Writer::new(#action, #version).finish() };
        }
        quote! {
            {
                let mut writer = crate::query::Writer::new(#action, #version);
                let w = &mut writer;
                let prefix = "";
                #(#members)*
                writer.finish()
            }
        }
    }

    fn write_value(&self, ty: &Type, m: &Member, value: &TokenStream) -> TokenStream {
        self.xml.write_value(ty, m, value)
    }

    fn unset_structure(&self) -> Option<TokenStream> {
        None
    }

    fn read_document(&self, message: Message<'_>, members: &[&Member]) -> (Vec<TokenStream>, TokenStream) {
        self.xml.read_document(message, members)
    }

    fn read_value(&self, ty: &Type, m: &Member, bytes: &TokenStream) -> TokenStream {
        self.xml.read_value(ty, m, bytes)
    }

    fn sample(&self, op: &Operation, params: &Value, shapes: &Shapes<'_>) -> String {
        self.xml.sample(op, params, shapes)
    }
}

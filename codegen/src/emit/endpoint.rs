//! `src/endpoint.rs`, for services with `smithy.rules#endpointRuleSet`: `Params` from the rule
//! set's parameters, `resolve()`, the rule set itself, and the `smithy.rules#endpointTests` as tests.
//! The rules engine is runtime code (`runtime/src/endpoint_rules.rs`, copied to `src/rt/`).

use super::{ident, RustFile};
use crate::ir::{names, Service};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The file, or `None` when the model has no rule set.
pub fn file(service: &Service) -> Option<RustFile> {
    let rules = service.endpoint_rules.as_ref()?;
    let params: Vec<(&String, &Value)> = rules
        .get("parameters")
        .and_then(Value::as_object)
        .map(|o| o.iter().collect())
        .unwrap_or_default();
    let fields = params.iter().map(|(name, spec)| {
        let field = ident(&names::field_name(name));
        let ty = param_type(spec);
        let doc = spec
            .get("documentation")
            .and_then(Value::as_str)
            .map(|d| format!(" `{name}`: {d}"))
            .unwrap_or_else(|| format!(" `{name}`."));
        quote! { #[doc = #doc] pub #field: ::std::option::Option<#ty>, }
    });
    let setters = params.iter().map(|(name, spec)| {
        let field = ident(&names::field_name(name));
        let ty = param_type(spec);
        let doc = format!(" Sets `{name}`.");
        quote! {
            #[doc = #doc]
            pub fn #field(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.#field = ::std::option::Option::Some(value.into());
                self
            }
        }
    });
    let inserts = params.iter().map(|(name, spec)| {
        let field = ident(&names::field_name(name));
        let wrap = match param_kind(spec) {
            ParamKind::Bool => quote! { Value::Bool(*v) },
            ParamKind::String => quote! { Value::String(v.clone()) },
            ParamKind::StringArray => quote! { Value::Array(v.iter().cloned().map(Value::String).collect()) },
        };
        quote! {
            if let ::std::option::Option::Some(v) = &params.#field {
                values.insert(#name, #wrap);
            }
        }
    });
    let json = serde_json::to_string(rules).unwrap_or_default();
    let tests = tests(service, &params);
    let tokens = quote! {
        //! Endpoint resolution by the service's endpoint rules (`smithy.rules#endpointRuleSet`):
        //! [`resolve`] turns [`Params`] (region, FIPS, a custom endpoint, ...) into the URL to send
        //! requests to, or says why there is none.

        pub use crate::rt::endpoint_rules::{Endpoint, ResolveError};
        use crate::primitives::Document;
        use crate::rt::endpoint_rules::{evaluate, invalid, Value};

        /// The parameters of the endpoint rules.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct Params {
            #(#fields)*
        }

        impl Params {
            #(#setters)*
        }

        /// The endpoint for these parameters, by the service's rules.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
            static RULES: ::std::sync::OnceLock<::std::result::Result<Document, ::std::string::String>> = ::std::sync::OnceLock::new();
            let rules = RULES.get_or_init(|| {
                let mut reader = crate::json::Reader::new(RULE_SET.as_bytes());
                reader.document().map_err(|e| e.to_string())
            });
            let rules = rules.as_ref().map_err(|e| invalid(e.as_str()))?;
            let mut values = ::std::collections::BTreeMap::new();
            #(#inserts)*
            evaluate(rules, values)
        }

        /// The rule set, as the model gives it.
        const RULE_SET: &str = #json;

        #tests
    };
    Some(RustFile {
        path: "src/endpoint.rs".into(),
        provenance: format!("the endpoint rules of `{}`", service.id),
        tokens,
    })
}

/// The types of rule-set parameters.
enum ParamKind {
    Bool,
    String,
    StringArray,
}

fn param_kind(spec: &Value) -> ParamKind {
    match spec
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("boolean") => ParamKind::Bool,
        Some("stringarray") => ParamKind::StringArray,
        _ => ParamKind::String,
    }
}

fn param_type(spec: &Value) -> TokenStream {
    match param_kind(spec) {
        ParamKind::Bool => quote! { bool },
        ParamKind::String => quote! { ::std::string::String },
        ParamKind::StringArray => quote! { ::std::vec::Vec<::std::string::String> },
    }
}

/// `smithy.rules#endpointTests`, one `#[test]` per case.
fn tests(service: &Service, params: &[(&String, &Value)]) -> TokenStream {
    let cases = service.endpoint_tests.iter().enumerate().filter_map(|(i, case)| {
        let expect = case.get("expect")?;
        let name = ident(&format!("endpoint_test_{i}"));
        let doc = case.get("documentation").and_then(Value::as_str).map(|d| format!(" {d}"));
        let doc = doc.map(|d| quote! { #[doc = #d] });
        let given = case.get("params").and_then(Value::as_object);
        let sets = given.into_iter().flatten().filter_map(|(k, v)| {
            params.iter().find(|(name, _)| *name == k)?;
            let field = ident(&names::field_name(k));
            match v {
                Value::Bool(b) => Some(quote! { #field: ::std::option::Option::Some(#b), }),
                Value::String(s) => Some(quote! { #field: ::std::option::Option::Some(::std::string::String::from(#s)), }),
                Value::Array(items) => {
                    let items = items.iter().map(|i| i.as_str().unwrap_or_default());
                    Some(quote! { #field: ::std::option::Option::Some(::std::vec![#(::std::string::String::from(#items)),*]), })
                }
                _ => None,
            }
        });
        let check = if let Some(endpoint) = expect.get("endpoint") {
            let url = endpoint.get("url").and_then(Value::as_str).unwrap_or_default();
            let headers = endpoint.get("headers").and_then(Value::as_object).into_iter().flatten().map(|(name, values)| {
                let values = values.as_array().into_iter().flatten().filter_map(Value::as_str);
                quote! { (::std::string::String::from(#name), ::std::vec![#(::std::string::String::from(#values)),*]) }
            });
            let properties = endpoint.get("properties").and_then(Value::as_object).into_iter().flatten().map(|(name, value)| {
                let value = super::document(value);
                quote! { (::std::string::String::from(#name), #value) }
            });
            quote! {
                let expected = Endpoint {
                    url: ::std::string::String::from(#url),
                    headers: ::std::collections::BTreeMap::from([#(#headers),*]),
                    properties: ::std::collections::BTreeMap::from([#(#properties),*]),
                };
                assert_eq!(resolve(&params), ::std::result::Result::Ok(expected));
            }
        } else {
            let error = expect.get("error").and_then(Value::as_str).unwrap_or_default();
            quote! { assert_eq!(resolve(&params).map_err(|e| e.to_string()), ::std::result::Result::Err(::std::string::String::from(#error))); }
        };
        Some(quote! {
            #doc
            #[test]
            fn #name() {
                let params = Params { #(#sets)* ..Params::default() };
                #check
            }
        })
    });
    let cases: Vec<_> = cases.collect();
    if cases.is_empty() {
        return quote! {};
    }
    quote! {
        #[cfg(test)]
        mod endpoint_tests {
            use super::*;
            #(#cases)*
        }
    }
}

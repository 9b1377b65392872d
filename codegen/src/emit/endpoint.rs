//! `src/endpoint.rs`, for services with `smithy.rules#endpointRuleSet`: `Params` from the rule
//! set's parameters, `resolve()`, the rule set itself, and the `smithy.rules#endpointTests` as tests.
//! The rules engine is runtime code (`runtime/src/endpoint_rules.rs`, copied to `src/rt/`).

use super::rust::{ident, RustFile};
use crate::ir::endpoint_rules::{EndpointRules, Expect, ParamKind, TestValue};
use crate::ir::{names, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// The file, or `None` when the model has no rule set.
pub fn file(service: &Service) -> Option<RustFile> {
    let rules = service.endpoint_rules.as_ref()?;
    let params = &rules.parameters;
    let fields = params.iter().map(|p| {
        let field = ident(&names::field_name(&p.name));
        let ty = param_type(p.kind);
        let name = &p.name;
        // The documentation's first paragraph, on the field's one line.
        let lines = p
            .documentation
            .as_deref()
            .map(crate::ir::docs::to_lines)
            .unwrap_or_default();
        let doc = match crate::ir::docs::first_paragraph(&lines) {
            summary if summary.is_empty() => format!(" `{name}`."),
            summary => format!(" `{name}`: {summary}"),
        };
        quote! { #[doc = #doc] pub #field: ::std::option::Option<#ty>, }
    });
    let setters = params.iter().map(|p| {
        let field = ident(&names::field_name(&p.name));
        let ty = param_type(p.kind);
        let doc = format!(" Sets `{}`.", p.name);
        quote! {
            #[doc = #doc]
            pub fn #field(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.#field = ::std::option::Option::Some(value.into());
                self
            }
        }
    });
    let inserts = params.iter().map(|p| {
        let (name, field) = (&p.name, ident(&names::field_name(&p.name)));
        let wrap = match p.kind {
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
    // A rule set without parameters inserts no values.
    let value_import = (!params.is_empty()).then(|| quote! { use crate::rt::endpoint_rules::Value; });
    let mutable = (!params.is_empty()).then(|| quote! { mut });
    let unread = params.is_empty().then(|| quote! { let _ = params; });
    let json = serde_json::to_string(&rules.rule_set).unwrap_or_default();
    let tests = tests(rules);
    let tokens = quote! {
        //! Endpoint resolution by the service's endpoint rules (`smithy.rules#endpointRuleSet`):
        //! [`resolve`] turns [`Params`] (region, FIPS, a custom endpoint, ...) into the URL to send
        //! requests to, or says why there is none.

        pub use crate::rt::endpoint_rules::{Endpoint, ResolveError};
        use crate::primitives::Document;
        use crate::rt::endpoint_rules::{evaluate, invalid};
        #value_import

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
                let mut reader = crate::rt::json::Reader::new(RULE_SET.as_bytes());
                reader.document().map_err(|e| e.to_string())
            });
            let rules = rules.as_ref().map_err(|e| invalid(e.as_str()))?;
            #unread
            let #mutable values = ::std::collections::BTreeMap::new();
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

fn param_type(kind: ParamKind) -> TokenStream {
    match kind {
        ParamKind::Bool => quote! { bool },
        ParamKind::String => quote! { ::std::string::String },
        ParamKind::StringArray => quote! { ::std::vec::Vec<::std::string::String> },
    }
}

/// `smithy.rules#endpointTests`, one `#[test]` per case.
fn tests(rules: &EndpointRules) -> TokenStream {
    let cases = rules.tests.iter().enumerate().filter_map(|(i, case)| {
        let case = case.as_ref()?;
        let name = ident(&format!("endpoint_test_{i}"));
        let doc = case.documentation.as_ref().map(|d| {
            let d = format!(" {d}");
            quote! { #[doc = #d] }
        });
        // Parameters the rules do not declare are left out.
        let sets = case.params.iter().filter(|(k, _)| rules.parameter(k).is_some()).map(|(k, v)| {
            let field = ident(&names::field_name(k));
            match v {
                TestValue::Bool(b) => quote! { #field: ::std::option::Option::Some(#b), },
                TestValue::String(s) => quote! { #field: ::std::option::Option::Some(::std::string::String::from(#s)), },
                TestValue::StringArray(items) => {
                    quote! { #field: ::std::option::Option::Some(::std::vec![#(::std::string::String::from(#items)),*]), }
                }
            }
        });
        let check = match &case.expect {
            Expect::Endpoint { url, headers, properties } => {
                let headers = headers.iter().map(|(name, values)| {
                    quote! { (::std::string::String::from(#name), ::std::vec![#(::std::string::String::from(#values)),*]) }
                });
                let properties = properties.iter().map(|(name, value)| {
                    let value = super::rust::document(value);
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
            }
            Expect::Error(error) => {
                quote! { assert_eq!(resolve(&params).map_err(|e| e.to_string()), ::std::result::Result::Err(::std::string::String::from(#error))); }
            }
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

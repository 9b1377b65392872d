//! `validate()`: checks of the `length`, `pattern` and `range` constraints and of enum values,
//! walking nested values.

use super::rust::ident;
use crate::ir::{Constraints, Engine, Member, NamedKind, Structure, Type, Union};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `validate()` and `validate_at()` for a structure: methods, for its `impl` block.
pub fn structure(s: &Structure) -> TokenStream {
    let checks: Vec<TokenStream> = s
        .members
        .iter()
        .filter_map(|m| {
            let field = ident(&m.field);
            let body = member_checks(m)?;
            let wire = &m.wire_name;
            let bind = if m.optional {
                quote! { if let ::std::option::Option::Some(value) = &self.#field { #body } }
            } else {
                quote! { let value = &self.#field; #body }
            };
            Some(quote! {{
                let path = &crate::validation::Path::Member(path, #wire);
                #bind
            }})
        })
        .collect();
    methods(checks)
}

/// `validate()` and `validate_at()` for a union.
pub fn union(u: &Union) -> TokenStream {
    let arms: Vec<(proc_macro2::Ident, TokenStream)> = u
        .members
        .iter()
        .filter_map(|m| {
            let body = member_checks(m)?;
            let wire = &m.wire_name;
            let body = quote! {
                let path = &crate::validation::Path::Member(path, #wire);
                #body
            };
            Some((ident(&m.variant), body))
        })
        .collect();
    let checks = match arms.as_slice() {
        [] => Vec::new(),
        [(variant, body)] => vec![quote! { if let Self::#variant(value) = self { #body } }],
        arms => {
            let arms = arms
                .iter()
                .map(|(variant, body)| quote! { Self::#variant(value) => { #body } });
            vec![quote! {
                match self {
                    #(#arms)*
                    _ => {}
                }
            }]
        }
    };
    let (name, methods) = (ident(&u.name), methods(checks));
    quote! { impl #name { #methods } }
}

fn methods(checks: Vec<TokenStream>) -> TokenStream {
    let (path, out) = if checks.is_empty() {
        (quote! { _path }, quote! { _out })
    } else {
        (quote! { path }, quote! { out })
    };
    quote! {
        /// Checks the `length`, `pattern` and `range` constraints of the model, and that every
        /// enum value is one of the model's, on this value and every value inside it, and
        /// returns every violation with its path.
        pub fn validate(&self) -> ::std::result::Result<(), crate::validation::ValidationError> {
            let mut violations = ::std::vec::Vec::new();
            self.validate_at(&crate::validation::Path::Root, &mut violations);
            crate::validation::ValidationError::result(violations)
        }

        pub(crate) fn validate_at(&self, #path: &crate::validation::Path<'_>, #out: &mut ::std::vec::Vec<crate::validation::Violation>) {
            #(#checks)*
        }
    }
}

fn member_checks(m: &Member) -> Option<TokenStream> {
    checks(m.ty.as_ref()?, &m.constraints)
}

/// Checks of `value: &T` at `path: &Path`, or `None` when there is nothing to check.
fn checks(ty: &Type, c: &Constraints) -> Option<TokenStream> {
    let mut out = Vec::new();
    if let Some((min, max)) = c.length {
        let len = match ty {
            Type::String => Some(quote! { value.chars().count() }),
            Type::Blob | Type::List { .. } | Type::Map { .. } => Some(quote! { value.len() }),
            _ => None,
        };
        if let Some(len) = len {
            let (min, max) = (
                option(min.map(Literal::u64_unsuffixed)),
                option(max.map(Literal::u64_unsuffixed)),
            );
            out.push(quote! { crate::validation::check::length(out, path, #len, #min, #max); });
        }
    }
    if let (Some(pattern), Type::String) = (&c.pattern, ty) {
        let (source, regex) = (&pattern.source, &pattern.regex);
        let kind = match pattern.engine {
            Engine::Lite => quote! { crate::rt::pattern::Pattern },
            Engine::Fancy => quote! { crate::rt::pattern_fancy::FancyPattern },
        };
        let new = if source == regex {
            quote! { new(#source) }
        } else {
            quote! { translated(#source, #regex) }
        };
        out.push(quote! {
            static PATTERN: #kind = #kind::#new;
            PATTERN.check(out, path, value);
        });
    }
    if let Some((min, max)) = &c.range {
        match ty {
            Type::Byte | Type::Short | Type::Integer | Type::Long
                if [min, max]
                    .iter()
                    .all(|n| n.as_ref().is_none_or(|n| n.as_i64().is_some())) =>
            {
                let int = |n: &Option<serde_json::Number>| {
                    option(n.as_ref().and_then(|n| n.as_i64()).map(|i| quote! { #i as i128 }))
                };
                let (min, max) = (int(min), int(max));
                out.push(quote! { crate::validation::check::range_int(out, path, i128::from(*value), #min, #max); });
            }
            Type::Byte | Type::Short | Type::Integer | Type::Long | Type::Float | Type::Double => {
                let float = |n: &Option<serde_json::Number>| {
                    option(n.as_ref().and_then(|n| n.as_f64()).map(Literal::f64_unsuffixed))
                };
                let (min, max) = (float(min), float(max));
                let as_f64 = match ty {
                    Type::Double => quote! { *value },
                    // `i64` is the one type without a lossless `f64::from`.
                    Type::Long => quote! { *value as f64 },
                    _ => quote! { f64::from(*value) },
                };
                out.push(quote! { crate::validation::check::range_float(out, path, #as_f64, #min, #max); });
            }
            _ => {}
        }
    }
    match ty {
        Type::Named(n) if n.kind == NamedKind::Enum => {
            let path = super::rust::named_path(n);
            out.push(quote! { crate::validation::check::known(out, path, value.as_str(), #path::VALUES); });
        }
        Type::Named(n) if n.kind == NamedKind::IntEnum => {
            let path = super::rust::named_path(n);
            out.push(quote! { crate::validation::check::known(out, path, value.value(), #path::VALUES); });
        }
        Type::Named(n) if n.checked => {
            out.push(quote! { value.validate_at(path, out); });
        }
        Type::List { member, sparse } => {
            if let Some(inner) = checks(&member.ty, &member.constraints) {
                let inner = if *sparse {
                    quote! { if let ::std::option::Option::Some(value) = value { #inner } }
                } else {
                    inner
                };
                out.push(quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = &crate::validation::Path::Index(path, index);
                        #inner
                    }
                });
            }
        }
        Type::Map { key, value, sparse } => {
            let key_checks = checks(&key.ty, &key.constraints);
            let value_checks = checks(&value.ty, &value.constraints);
            if key_checks.is_some() || value_checks.is_some() {
                let key_checks = key_checks.map(|k| quote! {{ let value = key; #k }});
                let (entries, value_checks) = match (value_checks, sparse) {
                    (Some(v), true) => (
                        quote! { (key, value) in value },
                        quote! { if let ::std::option::Option::Some(value) = value { #v } },
                    ),
                    (Some(v), false) => (quote! { (key, value) in value }, v),
                    (None, _) => (quote! { key in value.keys() }, quote! {}),
                };
                out.push(quote! {
                    for #entries {
                        let path = &crate::validation::Path::Key(path, key.as_ref());
                        #key_checks
                        #value_checks
                    }
                });
            }
        }
        _ => {}
    }
    (!out.is_empty()).then(|| quote! { #(#out)* })
}

fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote! { ::std::option::Option::Some(#v) },
        None => quote! { ::std::option::Option::None },
    }
}

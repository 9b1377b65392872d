//! Structures: the type, its constructor from the required members, and setters for the rest.

use super::rust::{default_value, deprecated, docs, field_type, ident, stored, value_type};
use super::validate;
use crate::ir::{Member, Structure, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct, `new`, setters, `validate()` where the structure has it, and `Debug` (by hand
/// when a member is sensitive).
///
/// A response structure (an output or an error) also keeps the request id of the response it
/// was read from, behind [`RequestId`](crate::error::RequestId).
pub fn definition(s: &Structure) -> TokenStream {
    let response = s.is_response();
    let name = ident(&s.name);
    let doc = docs(&s.docs);
    let dep = deprecated(&s.deprecated);
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = field_type(m);
        let doc = docs(&m.docs);
        let dep = deprecated(&m.deprecated);
        quote! { #doc #dep pub #field: #ty, }
    });
    // By hand where a member is sensitive, and for a response, whose request id is not a member.
    let by_hand = response || s.sensitive || s.members.iter().any(|m| m.sensitive);
    // Streams have no equality. An output's events are read once: no `Clone` either (a body's
    // or an input's events are shared by their clones).
    let receives = s.members.iter().any(|m| matches!(m.ty, Some(Type::EventStream { .. })));
    let sends_events = s.members.iter().any(|m| matches!(m.ty, Some(Type::EventSender(_))));
    let derives = [
        (!receives).then(|| quote! { Clone }),
        (!by_hand).then(|| quote! { Debug }),
        (!s.streams() && !sends_events).then(|| quote! { PartialEq }),
    ];
    let derives = derives.into_iter().flatten().collect::<Vec<_>>();
    let derive = (!derives.is_empty()).then(|| quote! { #[derive(#(#derives),*)] });
    let constructor = constructor(s, response);
    let setters = s.members.iter().filter(|m| !m.is_constructor_arg()).map(setter);
    let validate = s.validated.then(|| validate::structure(s));
    let debug_impl = if by_hand {
        debug_members(&s.name, &s.members, s.sensitive)
    } else {
        quote! {}
    };
    let (request_id_field, request_id_impl) = if response {
        (
            quote! {
                /// The request id of the response this was read from.
                pub(crate) _request_id: ::std::option::Option<::std::string::String>,
            },
            quote! {
                impl crate::error::RequestId for #name {
                    fn request_id(&self) -> ::std::option::Option<&str> {
                        self._request_id.as_deref()
                    }
                }
            },
        )
    } else {
        (quote! {}, quote! {})
    };
    let default_impl = if s.members.iter().all(|m| !m.is_constructor_arg()) {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    } else {
        quote! {}
    };
    quote! {
        #doc
        #dep
        #derive
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #request_id_field
        }

        impl #name {
            #constructor
            #(#setters)*
            #validate
        }

        #default_impl
        #debug_impl
        #request_id_impl
    }
}

/// The constructor's parameters (`field: impl Into<T>`), one per required member.
pub fn constructor_params(s: &Structure) -> Vec<TokenStream> {
    let args = s.constructor_args();
    args.map(|m| {
        let field = ident(&m.field);
        let ty = value_type_unboxed(m);
        quote! { #field: impl ::std::convert::Into<#ty> }
    })
    .collect()
}

fn constructor(s: &Structure, response: bool) -> TokenStream {
    let args: Vec<&Member> = s.constructor_args().collect();
    let params = constructor_params(s);
    let inits = s.members.iter().map(|m| {
        let field = ident(&m.field);
        if m.is_constructor_arg() {
            let value = stored(m, quote! { #field });
            quote! { #field: #value, }
        } else {
            let value = default_value(m);
            quote! { #field: #value, }
        }
    });
    let request_id = response.then(|| quote! { _request_id: ::std::option::Option::None, });
    let what = crate::ir::docs::with_article(&format!("`{}`", s.name));
    let doc = if args.is_empty() {
        format!(" Creates {what} with every member unset or at its default.")
    } else {
        format!(" Creates {what} from its required members; the others start unset or at their default.")
    };
    let allow = if args.len() > 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    };
    quote! {
        #[doc = #doc]
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits)* #request_id }
        }
    }
}

/// The value type without `Box`: constructors and setters box for the caller.
fn value_type_unboxed(m: &Member) -> TokenStream {
    match &m.ty {
        Some(ty) => super::rust::rust_type(ty),
        None => value_type(m),
    }
}

fn setter(m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let value = stored(m, quote! { value });
    let assigned = if m.optional {
        quote! { ::std::option::Option::Some(#value) }
    } else {
        value
    };
    setter_method(m, quote! { self.#field = #assigned; })
}

/// The methods of standard traits that clippy's `should_implement_trait` looks for.
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// A setter named after member `m` that runs `body` (which reads `value`) and returns `self`.
pub fn setter_method(m: &Member, body: TokenStream) -> TokenStream {
    let setter = ident(&m.setter);
    let ty = value_type_unboxed(m);
    let doc = format!(
        " Sets `{}`: {}",
        m.field.trim_start_matches("r#"),
        m.docs.first().cloned().unwrap_or_default()
    );
    let dep = deprecated(&m.deprecated);
    // A member named like an operator trait's method (`add`, `not`, ...) keeps its name: a
    // setter is not that operator.
    let allow = TRAIT_METHODS
        .contains(&m.setter.as_str())
        .then(|| quote! { #[allow(clippy::should_implement_trait)] });
    quote! {
        #[doc = #doc]
        #dep
        #allow
        #[must_use]
        pub fn #setter(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
            #body
            self
        }
    }
}

/// `Debug` of the members alone, printing `*** Sensitive Data Redacted ***` for the sensitive
/// ones (or for all, when the whole structure is `whole`ly sensitive).
pub fn debug_members(name: &str, members: &[Member], whole: bool) -> TokenStream {
    let ty = ident(name);
    if whole {
        let text = format!("{name} {{ *** Sensitive Data Redacted *** }}");
        return quote! {
            impl ::std::fmt::Debug for #ty {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#text)
                }
            }
        };
    }
    let fields = members.iter().map(|m| {
        let field = ident(&m.field);
        let label = m.field.trim_start_matches("r#");
        if m.sensitive {
            quote! { .field(#label, &"*** Sensitive Data Redacted ***") }
        } else {
            quote! { .field(#label, &self.#field) }
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}

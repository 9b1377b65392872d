//! Unions: one variant per member, and one for a member this crate does not know.

use super::rust::{deprecated, docs, ident, value_type};
use super::validate;
use crate::ir::{Union, UNKNOWN_VARIANT};
use proc_macro2::TokenStream;
use quote::quote;

/// A union as an enum.
pub fn union(u: &Union) -> TokenStream {
    let name = ident(&u.name);
    let doc = docs(&u.docs);
    let unknown = ident(UNKNOWN_VARIANT);
    let sensitive = u.sensitive || u.members.iter().any(|m| m.sensitive);
    let variants = u.members.iter().map(|m| {
        let variant = ident(&m.variant);
        let doc = docs(&m.docs);
        let dep = deprecated(&m.deprecated);
        match &m.ty {
            Some(_) => {
                let ty = value_type(m);
                quote! { #doc #dep #variant(#ty), }
            }
            None => quote! { #doc #dep #variant, },
        }
    });
    let debug = if sensitive {
        quote! {}
    } else {
        quote! { Debug, }
    };
    let debug_impl = if sensitive {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("*** Sensitive Data Redacted ***")
                }
            }
        }
    } else {
        quote! {}
    };
    let validate = if u.validated {
        validate::union(u)
    } else {
        quote! {}
    };
    // The variants are the model's members, unboxed as the model writes them: one large
    // member makes the whole enum large, which is the model's shape, not a mistake.
    quote! {
        #doc
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, #debug PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this crate does not know, such as one the service added later.
            #unknown,
        }
        #debug_impl
        #validate
    }
}

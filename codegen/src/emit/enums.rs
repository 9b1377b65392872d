//! Enums and intEnums: a variant per known value and one that keeps any other value exactly.

use super::rust::{deprecated, docs, ident};
use crate::ir::{Enum, UNKNOWN_VARIANT};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// An enum with `as_str`/`value`, conversions, `Display` and its list of known values.
pub fn enumeration(e: &Enum) -> TokenStream {
    if e.int {
        int_enum(e)
    } else {
        string_enum(e)
    }
}

fn string_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs(&v.docs);
        let dep = deprecated(&v.deprecated);
        quote! { #doc #dep #variant, }
    });
    let values: Vec<&str> = e
        .variants
        .iter()
        .map(|v| v.value.as_str().unwrap_or_default())
        .collect();
    let idents: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, kept exactly as it came.
            #unknown(crate::primitives::UnknownVariantValue),
        }

        impl #name {
            /// Every value the model knows, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Every value the model knows, in model order.
            pub fn values() -> &'static [&'static str] {
                Self::VALUES
            }

            /// The variant of a wire value: a known one, else the unknown variant, for a value
            /// the model does not know (yet). A string is never an enum value by accident: this
            /// call (or `str::parse`) is how one becomes one, and `validate()` reports a value
            /// outside the model's set.
            pub fn from_value(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::#unknown(crate::primitives::UnknownVariantValue::new(other.to_owned())),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_value(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn int_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs(&v.docs);
        let dep = deprecated(&v.deprecated);
        quote! { #doc #dep #variant, }
    });
    let values: Vec<Literal> = e
        .variants
        .iter()
        .map(|v| Literal::i32_unsuffixed(v.value.as_i64().unwrap_or_default() as i32))
        .collect();
    let idents: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, kept exactly as it came.
            #unknown(crate::primitives::UnknownIntValue),
        }

        impl #name {
            /// Every value the model knows, in model order.
            pub const VALUES: &'static [i32] = &[#(#values),*];

            /// The value as it is sent on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(value) => value.value(),
                }
            }

            /// Every value the model knows, in model order.
            pub fn values() -> &'static [i32] {
                Self::VALUES
            }

            /// The variant of a wire value: a known one, else the unknown variant, for a value
            /// the model does not know (yet). A number is never an enum value by accident: this
            /// call is how one becomes one, and `validate()` reports a value outside the model's
            /// set.
            pub fn from_value(value: i32) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::#unknown(crate::primitives::UnknownIntValue::new(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }
    }
}

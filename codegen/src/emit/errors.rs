//! Errors: one type per modeled error, one enum per operation, one enum for the whole service.
//!
//! Every enum has a variant per modeled error plus `Unmodeled` for codes the model does not name,
//! so matching a modeled error is one `match` deep.

use super::rust::ident;
use super::structures;
use crate::ir::docs::with_article;
use crate::ir::{ErrorRef, Service, Structure, DECODE_VARIANT, DISPATCH_VARIANT, UNMODELED_VARIANT};
use proc_macro2::TokenStream;
use quote::quote;

/// A modeled error: the structure, plus `CODE`, `message()`, `is_retryable()`, `Display`, `Error`.
pub fn error_structure(s: &Structure) -> TokenStream {
    let info = s.error().expect("error structures have error info");
    let name = ident(&s.name);
    let definition = structures::definition(s);
    let code = &info.code;
    let status = proc_macro2::Literal::u16_unsuffixed(info.http_status);
    let retryable = info.retryable;
    let throttling = info.throttling;
    let fault = if info.server_fault { "server" } else { "client" };
    let fault_doc = format!(" Whether the fault is the `{fault}`'s, as the model says.");
    // A required message is returned as it is; an optional one, or none, as an `Option`.
    let message_member = info.message_member.map(|i| &s.members[i]);
    let required_message = message_member.is_some_and(|m| !m.optional);
    let (message_type, message, message_doc) = match message_member {
        Some(m) if !m.optional => {
            let field = ident(&m.field);
            (
                quote! { &str },
                quote! { self.#field.as_str() },
                " The error's message.",
            )
        }
        Some(m) => {
            let field = ident(&m.field);
            (
                quote! { ::std::option::Option<&str> },
                quote! { self.#field.as_deref() },
                " The error's message, if the service sent one.",
            )
        }
        None => (
            quote! { ::std::option::Option<&str> },
            quote! { ::std::option::Option::None },
            " Always `None`: the model gives this error no message.",
        ),
    };
    let some_message = if required_message {
        quote! { ::std::option::Option::Some(#name::message(self)) }
    } else {
        quote! { #name::message(self) }
    };
    let write_message = if required_message {
        quote! { write!(f, ": {}", self.message())?; }
    } else {
        quote! {
            if let ::std::option::Option::Some(message) = self.message() {
                write!(f, ": {message}")?;
            }
        }
    };
    let server = info.server_fault;
    let message_sensitive = s.sensitive || info.message_member.is_some_and(|i| s.members[i].sensitive);
    let display = if message_sensitive {
        quote! {
            /// The code only: the message is `sensitive` in the model.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(Self::CODE)
            }
        }
    } else {
        quote! {
            /// `Code: message`.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(Self::CODE)?;
                #write_message
                ::std::result::Result::Ok(())
            }
        }
    };
    quote! {
        #definition

        impl #name {
            /// The name that identifies this error on the wire.
            pub const CODE: &'static str = #code;
            /// The HTTP status code the model gives this error.
            pub const HTTP_STATUS: u16 = #status;

            /// The name that identifies this error on the wire.
            pub fn code(&self) -> &'static str {
                Self::CODE
            }

            #[doc = #message_doc]
            pub fn message(&self) -> #message_type {
                #message
            }

            /// Whether retrying the request may succeed (`retryable`, or a server fault).
            pub fn is_retryable(&self) -> bool {
                #retryable
            }

            /// Whether the service asks the client to slow down (`retryable(throttling: true)`).
            pub fn is_throttling(&self) -> bool {
                #throttling
            }

            #[doc = #fault_doc]
            pub fn is_server_fault(&self) -> bool {
                #server
            }
        }

        impl ::std::fmt::Display for #name {
            #display
        }

        impl ::std::error::Error for #name {}

        impl crate::error::ModeledError for #name {
            fn code(&self) -> &str {
                Self::CODE
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #some_message
            }

            fn is_retryable(&self) -> bool {
                #name::is_retryable(self)
            }
        }
    }
}

/// An error enum with a variant per error in `errors` plus `Unmodeled`, in a module that imports
/// `crate::types::error` (see [`import`]).
pub fn error_enum(name: &str, doc: &str, errors: &[ErrorRef], convert_into_service_error: bool) -> TokenStream {
    let ty = ident(name);
    let unmodeled = ident(UNMODELED_VARIANT);
    let decode = ident(DECODE_VARIANT);
    let dispatch = ident(DISPATCH_VARIANT);
    let variants: Vec<_> = errors.iter().map(|e| ident(&e.variant)).collect();
    let paths: Vec<_> = errors
        .iter()
        .map(|e| {
            let n = ident(&e.name);
            quote! { error::#n }
        })
        .collect();
    let variant_docs = errors.iter().map(|e| format!(" {}", e.summary));
    let checks = errors.iter().zip(&variants).map(|(e, v)| {
        let method = ident(&format!("is_{}", e.snake));
        let doc = format!(" Whether this is {}.", with_article(&format!("`{}`", e.id.name())));
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> bool {
                ::std::matches!(self, Self::#v(_))
            }
        }
    });
    let from_each = paths.iter().zip(&variants).map(|(path, v)| {
        quote! {
            impl ::std::convert::From<#path> for #ty {
                fn from(e: #path) -> Self {
                    Self::#v(e)
                }
            }
        }
    });
    let into_service = if convert_into_service_error {
        quote! {
            impl ::std::convert::From<#ty> for crate::Error {
                fn from(error: #ty) -> Self {
                    use #ty as E;
                    match error {
                        #(E::#variants(e) => Self::#variants(e),)*
                        E::#unmodeled(e) => Self::#unmodeled(e),
                        E::#decode(e) => Self::#decode(e),
                        E::#dispatch(e) => Self::#dispatch(e),
                    }
                }
            }
        }
    } else {
        quote! {}
    };
    // The variants hold the model's error structures unboxed, as unions hold their members: one
    // large error makes the whole enum large, which is the model's shape, not a mistake.
    quote! {
        #[doc = #doc]
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #ty {
            #(#[doc = #variant_docs] #variants(#paths),)*
            /// An error the model does not name here: its code, message, HTTP status and request id.
            #unmodeled(crate::error::UnmodeledError),
            /// A response that does not match the model: it names the member at fault.
            #decode(crate::wire::DecodeError),
            /// No response that could be read: the endpoint, credentials, connection or a timeout
            /// failed (see [`DispatchError::kind`](crate::error::DispatchError::kind)).
            #dispatch(crate::error::DispatchError),
        }

        impl #ty {
            /// This error by kind, for what every error answers.
            fn view(&self) -> crate::error::ErrorView<'_> {
                match self {
                    #(Self::#variants(e) => crate::error::ErrorView::Modeled(e),)*
                    Self::#unmodeled(e) => crate::error::ErrorView::Unmodeled(e),
                    Self::#decode(e) => crate::error::ErrorView::Decode(e),
                    Self::#dispatch(e) => crate::error::ErrorView::Dispatch(e),
                }
            }

            /// The name that identifies the error on the wire; empty for a response that could not
            /// be decoded.
            pub fn code(&self) -> &str {
                self.view().code()
            }

            /// The error's message, if it has one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.view().message()
            }

            /// Whether retrying the request may succeed.
            pub fn is_retryable(&self) -> bool {
                self.view().is_retryable()
            }

            #(#checks)*

            /// Whether the model does not name this error.
            pub fn is_unmodeled(&self) -> bool {
                ::std::matches!(self, Self::#unmodeled(_))
            }
        }

        impl ::std::fmt::Display for #ty {
            /// `Code: message`.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                self.view().fmt(f)
            }
        }

        impl ::std::error::Error for #ty {
            /// The cause of an unmodeled error, if it has one; modeled errors have none.
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                self.view().source()
            }
        }

        impl ::std::convert::From<crate::error::UnmodeledError> for #ty {
            fn from(error: crate::error::UnmodeledError) -> Self {
                Self::#unmodeled(error)
            }
        }

        impl ::std::convert::From<crate::wire::DecodeError> for #ty {
            fn from(error: crate::wire::DecodeError) -> Self {
                Self::#decode(error)
            }
        }

        impl ::std::convert::From<crate::error::DispatchError> for #ty {
            fn from(error: crate::error::DispatchError) -> Self {
                Self::#dispatch(error)
            }
        }

        impl crate::error::RequestId for #ty {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.view().request_id()
            }
        }

        #(#from_each)*
        #into_service
    }
}

/// `src/error.rs`: the service-wide `Error`, with the runtime's errors.
pub fn service_error(service: &Service) -> TokenStream {
    let errors: Vec<ErrorRef> = service
        .errors
        .iter()
        .map(|s| {
            let op_ref = service.operations.iter().flat_map(|o| &o.errors).find(|e| e.id == s.id);
            op_ref.cloned().unwrap_or_else(|| ErrorRef {
                id: s.id.clone(),
                name: s.name.clone(),
                variant: s.name.clone(),
                snake: crate::ir::names::snake(&s.name),
                query_code: None,
                summary: crate::ir::docs::first_paragraph(&s.docs),
            })
        })
        .collect();
    let doc = format!(
        " Any error of any operation of {}: every operation's error converts into it.",
        service.title
    );
    let service_enum = error_enum("Error", &doc, &errors, false);
    let import = import(&errors);
    quote! {
        //! Errors: the service-wide [`Error`]; [`UnmodeledError`], for error codes the model
        //! does not name; [`DispatchError`], for calls that got no response they could read. The
        //! modeled errors are in [`crate::types::error`].

        // The errors every crate has (`src/rt/error.rs`), here by the names users know.
        pub use crate::rt::error::*;
        #import

        #service_enum

    }
}

/// `use crate::types::error;`, by which a module with an error enum names the modeled errors in
/// `errors` (nothing when there are none).
pub fn import(errors: &[ErrorRef]) -> Option<TokenStream> {
    (!errors.is_empty()).then(|| quote! { use crate::types::error; })
}

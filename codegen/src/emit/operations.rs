//! One module per operation: its input (with the constructor that takes the required members),
//! its output, and its error enum.

use super::protocol::Protocol;
use super::rust::{docs, ident};
use super::{client, errors, structures};
use crate::ir::Operation;
use proc_macro2::TokenStream;
use quote::quote;

/// The contents of `src/operation/<op>.rs`.
pub fn operation(op: &Operation, protocol: &dyn Protocol) -> TokenStream {
    let first = op.docs.first().cloned().unwrap_or_default();
    let module_doc = format!(" The `{}` operation: {first}", op.id.name());
    let input = structures::definition(&op.input);
    let tokens = idempotency_tokens(op);
    let output = structures::definition(&op.output);
    let error_doc = format!(
        " An error of `{}`: one of its modeled errors, or one the model does not name.",
        op.id.name()
    );
    let error = errors::error_enum(&op.error_enum, &error_doc, &op.errors, true);
    let import = errors::import(&op.errors);
    let http = &op.http;
    let method = &http.method;
    let uri = &http.uri.text;
    let op_doc = docs(&op.docs);
    let wire = super::protocol::operation(op, protocol);
    let client = client::operation(op);
    let name = op.id.name();
    let traits: Vec<&str> = [
        op.readonly.then_some("readonly"),
        op.idempotent.then_some("idempotent"),
        op.paginated.as_ref().map(|_| "paginated"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let facts = format!(
        " `{method} {uri}`, success status {}{}.",
        http.code,
        if traits.is_empty() {
            String::new()
        } else {
            format!("; {}", traits.join(", "))
        }
    );
    quote! {
        #![doc = #module_doc]
        #![doc = ""]
        #![doc = #facts]

        #import
        #input
        #tokens
        #output
        #error

        /// The operation's name, documentation and HTTP binding; a value of it names the
        /// operation to a `test_util::Mock`.
        #op_doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct Operation;

        impl Operation {
            /// The operation's name in the model.
            pub const NAME: &'static str = #name;
            /// The HTTP method.
            pub const METHOD: &'static str = #method;
            /// The URI pattern, with `{label}` placeholders.
            pub const URI: &'static str = #uri;

            #wire
        }

        #client
    }
}

/// `fill_idempotency_tokens()`, for inputs with an `idempotencyToken` member.
fn idempotency_tokens(op: &Operation) -> TokenStream {
    let members: Vec<_> = op
        .input
        .members
        .iter()
        .filter(|m| m.idempotency_token && m.optional)
        .collect();
    if members.is_empty() {
        return quote! {};
    }
    let name = ident(&op.input.name);
    let fills = members.iter().map(|m| {
        let field = ident(&m.field);
        quote! {
            if self.#field.is_none() {
                self.#field = ::std::option::Option::Some(crate::operation::idempotency_token());
            }
        }
    });
    quote! {
        impl #name {
            /// Fills every idempotency token left unset with a fresh UUID v4.
            ///
            /// Call it once per logical call, before the first attempt, so that every retry sends
            /// the same token; a token already set is kept.
            pub fn fill_idempotency_tokens(&mut self) {
                #(#fills)*
            }
        }
    }
}

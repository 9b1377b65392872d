//! The protocol seam. The shape emitters (structures, unions, enums, errors) say nothing of the
//! wire; a protocol writes each operation's `Operation::request` and `Operation::response` and
//! each error's `decode_response`. One module per protocol: restJson1 is [`rest_json1`]. A
//! protocol whose bodies are JSON reuses the JSON codec of `emit/json.rs`, as restJson1 does.

mod rest_json1;

use crate::ir::{self, Operation, Structure};
use proc_macro2::TokenStream;

/// What a protocol writes.
pub trait Protocol: Sync {
    /// The `Operation` type of `op`'s module: `request` (input → HTTP request) and `response`
    /// (HTTP response → output or error).
    fn operation(&self, op: &Operation) -> TokenStream;
    /// `decode_response` of an error structure: the error from an HTTP response that names it.
    fn error_decoder(&self, error: &Structure) -> TokenStream;
}

/// The protocol of a service.
pub fn of(protocol: ir::Protocol) -> &'static dyn Protocol {
    match protocol {
        ir::Protocol::RestJson1 => &rest_json1::RestJson1,
    }
}

//! The protocol seam. The shape emitters (structures, unions, enums, errors) say nothing of the
//! wire; a protocol writes each operation's `Operation::request` and `Operation::response` and
//! each error's `decode_response`. One module per protocol: restJson1 is [`rest_json1`], the
//! awsJson protocols [`aws_json`]. A protocol whose bodies are JSON reuses the JSON codec of
//! `emit/json.rs`, as both do.

mod aws_json;
mod rest_json1;

use crate::ir::{self, Operation, Service, Structure};
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
pub fn of(service: &Service) -> Box<dyn Protocol> {
    match service.protocol {
        ir::Protocol::RestJson1 => Box::new(rest_json1::RestJson1),
        ir::Protocol::AwsJson10 => Box::new(aws_json::AwsJson::new(service, "1.0")),
        ir::Protocol::AwsJson11 => Box::new(aws_json::AwsJson::new(service, "1.1")),
    }
}

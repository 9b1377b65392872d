//! The protocol seam. The shape emitters (structures, unions, enums, errors) say nothing of the
//! wire. Three parts make a protocol, as in smithy-rs:
//!
//! - [`http`]: the one HTTP-binding emitter, driven by the IR's bindings: each operation's
//!   `Operation::request` and `Operation::response`, each error's `decode_response`. Protocols
//!   without HTTP bindings (awsJson, and next awsQuery) are lowered to `POST /` with every member
//!   in the body, so it serves them too.
//! - a small [`Protocol`] object per protocol ([`rest_json1`], [`aws_json`], [`rest_xml`],
//!   [`aws_query`] for awsQuery and ec2Query): its body format, the headers and content type
//!   it adds, where it finds an error's code and message.
//! - a body format behind [`Codec`] ([`json`], [`xml`], [`query`]: a form out, XML back):
//!   documents of the model's shapes, written and read. The runtime's half of each is its own
//!   module (`runtime/src/json.rs`, `xml.rs`, `query.rs`).

mod aws_json;
mod aws_query;
mod codec;
mod http;
mod json;
mod query;
mod rest_json1;
mod rest_xml;
mod xml;

pub use codec::{Codec, Usage};
pub use http::{error_decoder, operation};

use crate::ir::{self, Operation, Service};
use proc_macro2::TokenStream;

/// What a protocol adds to the HTTP bindings.
pub trait Protocol: Sync {
    /// The format of its bodies.
    fn codec(&self) -> &dyn Codec;
    /// The `Content-Type` of a request whose body is a document of the input's members.
    fn content_type(&self) -> &str;
    /// Whether an input with no member in the body still sends an empty document (awsJson's `{}`).
    fn always_sends_document(&self) -> bool {
        false
    }
    /// Headers every request of `op` carries, as name and value (awsJson's `X-Amz-Target`).
    fn request_headers(&self, op: &Operation) -> Vec<(String, String)> {
        let _ = op;
        Vec::new()
    }
    /// An expression of type `Option<String>`: the code of the error in a response, from
    /// `headers` and `body`.
    fn error_code(&self) -> TokenStream;
    /// Whether that code may be an error's `aws.protocols#awsQueryError` code rather than its
    /// shape name (an `awsQueryCompatible` service's header does).
    fn names_errors_by_query_code(&self) -> bool {
        false
    }
    /// The path of a `fn(&[u8]) -> Option<String>` that finds an error's message in a body the
    /// model does not describe.
    fn error_message(&self) -> TokenStream;
    /// An expression of type `http::Response<Vec<u8>>`: a response naming the error `code`, for
    /// the generated tests.
    fn sample_error(&self, code: &str) -> TokenStream;
}

/// The protocol of a service.
pub fn of(service: &Service) -> Box<dyn Protocol> {
    match service.protocol {
        ir::Protocol::RestJson1 => Box::new(rest_json1::RestJson1),
        ir::Protocol::AwsJson10 => Box::new(aws_json::AwsJson::new(service, "1.0")),
        ir::Protocol::AwsJson11 => Box::new(aws_json::AwsJson::new(service, "1.1")),
        ir::Protocol::RestXml => Box::new(rest_xml::RestXml::new(service)),
        ir::Protocol::AwsQuery => Box::new(aws_query::AwsQuery::new(service, query::Dialect::Query)),
        ir::Protocol::Ec2Query => Box::new(aws_query::AwsQuery::new(service, query::Dialect::Ec2)),
    }
}

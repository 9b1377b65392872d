//! `aws.protocols#awsJson1_0` and `awsJson1_1`: every call a `POST /` naming the operation in
//! `X-Amz-Target`, the whole input as the JSON body (`{}` when it has no members), the whole
//! output read from the body. The HTTP binding traits mean nothing here: lowering puts every
//! member in the body. Error codes are found as restJson1 finds them (`X-Amzn-ErrorType`, else
//! the body's `code` or `__type`); an `aws.protocols#awsQueryCompatible` service's
//! `x-amzn-query-error` header (`Code;Fault`) comes first, and names a modeled error by its
//! `aws.protocols#awsQueryError` code.

use super::codec::Codec;
use super::json::Json;
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// An awsJson protocol of one service.
pub struct AwsJson {
    /// The service shape's name, the first half of `X-Amz-Target`.
    target_prefix: String,
    /// `application/x-amz-json-1.0` or `-1.1`.
    content_type: String,
    /// `aws.protocols#awsQueryCompatible`.
    query_compatible: bool,
}

impl AwsJson {
    /// The protocol of `service`, version `1.0` or `1.1`.
    pub fn new(service: &Service, version: &str) -> Self {
        Self {
            target_prefix: service.id.name().to_owned(),
            content_type: format!("application/x-amz-json-{version}"),
            query_compatible: service.query_compatible,
        }
    }
}

impl super::Protocol for AwsJson {
    fn codec(&self) -> &dyn Codec {
        &Json
    }

    fn content_type(&self) -> &str {
        &self.content_type
    }

    fn always_sends_document(&self) -> bool {
        true
    }

    fn request_headers(&self, op: &Operation) -> Vec<(String, String)> {
        let target = format!("{}.{}", self.target_prefix, op.id.name());
        vec![("X-Amz-Target".to_owned(), target)]
    }

    fn error_code(&self) -> TokenStream {
        if self.query_compatible {
            quote! { crate::wire::query_error_code(headers).or_else(|| crate::json::error_code(headers, body)) }
        } else {
            quote! { crate::json::error_code(headers, body) }
        }
    }

    fn names_errors_by_query_code(&self) -> bool {
        self.query_compatible
    }

    fn error_message(&self) -> TokenStream {
        quote! { crate::json::error_message }
    }

    fn sample_error(&self, code: &str) -> TokenStream {
        quote! {
            ::http::Response::builder().status(400).header("x-amzn-errortype", #code).body(b"{}".to_vec()).unwrap()
        }
    }
}

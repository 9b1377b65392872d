//! `aws.protocols#restJson1`: the HTTP binding traits place each member (label, query, header,
//! payload, status); the others go in a JSON document body. An error is named by
//! `X-Amzn-ErrorType`, else the body's `code` or `__type`.

use super::codec::Codec;
use super::json::Json;
use proc_macro2::TokenStream;
use quote::quote;

/// `aws.protocols#restJson1`.
pub struct RestJson1;

impl super::Protocol for RestJson1 {
    fn codec(&self) -> &dyn Codec {
        &Json
    }

    fn content_type(&self) -> &str {
        "application/json"
    }

    fn error_code(&self) -> TokenStream {
        quote! { crate::json::error_code(headers, body) }
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

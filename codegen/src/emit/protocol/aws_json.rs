//! `aws.protocols#awsJson1_0` and `awsJson1_1`: every call a `POST /` naming the operation in
//! `X-Amz-Target`, the whole input as the JSON body, the whole output read from the body. The HTTP
//! binding traits mean nothing here (lowering puts every member in the body), so responses and
//! errors are read as restJson1 reads a body-only message, and error codes found the same way
//! (`X-Amzn-ErrorType`, else the body's `__type` or `code`); an `aws.protocols#awsQueryCompatible`
//! service's `x-amzn-query-error` header (`Code;Fault`) comes first, and names a modeled error by
//! its `aws.protocols#awsQueryError` code.

use super::rest_json1;
use crate::emit::json;
use crate::emit::rust::ident;
use crate::ir::{Operation, Service, Structure};
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
    fn operation(&self, op: &Operation) -> TokenStream {
        let request = self.request(op);
        let response = rest_json1::response(op, self.query_compatible);
        quote! {
            impl Operation {
                #request
                #response
            }
        }
    }

    fn error_decoder(&self, error: &Structure) -> TokenStream {
        rest_json1::error_decoder(error)
    }
}

impl AwsJson {
    fn request(&self, op: &Operation) -> TokenStream {
        let input = ident(&op.input.name);
        let fill = rest_json1::fill_idempotency_tokens(op);
        let host_prefix = rest_json1::host_prefix(op);
        let target = format!("{}.{}", self.target_prefix, op.id.name());
        let content_type = &self.content_type;
        // An input without members is sent as `{}`.
        let encode = if op.input.members.is_empty() {
            quote! { let _ = input; w.begin_object(); w.end_object(); }
        } else {
            json::encode_object(&op.input.members, &quote! { input })
        };
        let body_steps = rest_json1::body_steps(op);
        let doc = format!(
            " Builds the HTTP request for `{}` against `endpoint` (`https://host[:port][/base/path]`).",
            op.id.name()
        );
        quote! {
            #[doc = #doc]
            ///
            /// It checks nothing the model constrains (see `validate()`). Idempotency tokens left
            /// unset are filled with fresh ones.
            pub fn request(input: &#input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::wire::BuildError> {
                #fill
                #host_prefix
                let mut req = crate::wire::RequestBuilder::new("POST", endpoint, host_prefix)?;
                req.literal("/");
                req.header("X-Amz-Target", "X-Amz-Target", #target)?;
                let body = {
                    let mut writer = crate::json::Writer::new();
                    let w = &mut writer;
                    #encode
                    ::std::option::Option::Some((#content_type, writer.finish()))
                };
                #body_steps
                req.build(body)
            }
        }
    }
}

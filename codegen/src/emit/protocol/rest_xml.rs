//! `aws.protocols#restXml`: the HTTP binding traits place each member as in restJson1; the
//! others go in an XML document whose root is the input's `xmlName`, in the service's
//! namespace. An error is `<ErrorResponse><Error><Code>…`, or `<Error><Code>…` alone where the
//! protocol trait says `noErrorWrapping`.

use super::codec::Codec;
use super::xml::{Wrapping, Xml};
use crate::ir::Service;
use proc_macro2::TokenStream;
use quote::quote;

/// `aws.protocols#restXml` of one service.
pub struct RestXml {
    xml: Xml,
    error_wrapped: bool,
}

impl RestXml {
    pub fn new(service: &Service) -> Self {
        let error_wrapped = !service.no_error_wrapping;
        Self {
            xml: Xml::new(service, Wrapping::Rest { error_wrapped }),
            error_wrapped,
        }
    }
}

impl super::Protocol for RestXml {
    fn codec(&self) -> &dyn Codec {
        &self.xml
    }

    fn content_type(&self) -> &str {
        "application/xml"
    }

    fn error_code(&self) -> TokenStream {
        quote! { crate::xml::error_code(body) }
    }

    fn error_message(&self) -> TokenStream {
        quote! { crate::xml::error_message }
    }

    fn sample_error(&self, code: &str) -> TokenStream {
        let error = format!("<Error><Type>Sender</Type><Code>{code}</Code><Message>sample</Message></Error>");
        let body = if self.error_wrapped {
            format!("<ErrorResponse>{error}<RequestId>sample</RequestId></ErrorResponse>")
        } else {
            error
        };
        quote! {
            ::http::Response::builder().status(400).header("content-type", "application/xml").body(#body.as_bytes().to_vec()).unwrap()
        }
    }
}

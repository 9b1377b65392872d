//! `aws.protocols#awsQuery` and `aws.protocols#ec2Query`: every call a `POST /` whose body is a
//! form (`Action`, `Version`, then the input's members), every response XML. awsQuery wraps an
//! output in `<OpResponse><OpResult>` and an error in `<ErrorResponse><Error>`, and names an
//! error by its `aws.protocols#awsQueryError` code where it has one; ec2Query has no `Result`
//! level, and wraps errors in `<Response><Errors><Error>`.

use super::codec::Codec;
use super::query::{Dialect, QueryForm};
use super::xml::{Wrapping, Xml};
use crate::ir::Service;
use proc_macro2::TokenStream;
use quote::quote;

/// awsQuery or ec2Query, for one service.
pub struct AwsQuery {
    form: QueryForm,
    dialect: Dialect,
}

impl AwsQuery {
    pub fn new(service: &Service, dialect: Dialect) -> Self {
        let wrapping = match dialect {
            Dialect::Query => Wrapping::Query,
            Dialect::Ec2 => Wrapping::Ec2,
        };
        let xml = Xml::new(service, wrapping);
        Self {
            form: QueryForm::new(dialect, &service.version, xml),
            dialect,
        }
    }
}

impl super::Protocol for AwsQuery {
    fn codec(&self) -> &dyn Codec {
        &self.form
    }

    fn content_type(&self) -> &str {
        "application/x-www-form-urlencoded"
    }

    fn always_sends_document(&self) -> bool {
        true
    }

    fn error_code(&self) -> TokenStream {
        quote! { crate::xml::error_code(body) }
    }

    fn names_errors_by_query_code(&self) -> bool {
        self.dialect == Dialect::Query
    }

    fn error_message(&self) -> TokenStream {
        quote! { crate::xml::error_message }
    }

    fn sample_error(&self, code: &str) -> TokenStream {
        let error = format!("<Error><Type>Sender</Type><Code>{code}</Code><Message>sample</Message></Error>");
        let body = match self.dialect {
            Dialect::Query => format!("<ErrorResponse>{error}<RequestId>sample</RequestId></ErrorResponse>"),
            Dialect::Ec2 => format!("<Response><Errors>{error}</Errors><RequestID>sample</RequestID></Response>"),
        };
        quote! {
            ::http::Response::builder().status(400).header("content-type", "text/xml").body(#body.as_bytes().to_vec()).unwrap()
        }
    }
}

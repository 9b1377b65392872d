//! The client: `src/client.rs` (a method per operation, endpoint resolution from the
//! configuration) and, in each operation module, the request that `send()`s it and its
//! paginator. The engine they share (signing, retries, timeouts, tracing) is runtime code,
//! `runtime/src/client.rs`, copied to `src/rt/`.

use super::rust::{deprecated, docs, ident, RustFile};
use super::structures;
use crate::ir::endpoint_rules::ParamKind;
use crate::ir::{AuthScheme, EndpointParamValue, Feature, Operation, Service, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// `src/client.rs`, without the engine.
pub fn file(service: &Service) -> RustFile {
    let service_name = service.id.name();
    let sdk_id = &service.sdk_id;
    let methods = service.operations.iter().map(|op| {
        let method = ident(&op.method);
        let module = ident(&op.module);
        let request = ident(&op.request);
        let input = ident(&op.input.name);
        let params = structures::constructor_params(&op.input);
        let required: Vec<_> = op.input.constructor_args().collect();
        let args = required.iter().map(|m| ident(&m.field));
        let doc = docs(&op.docs);
        let dep = deprecated(&op.deprecated);
        // `&self` counts too.
        let allow = (params.len() > 6).then(|| quote! { #[allow(clippy::too_many_arguments)] });
        let takes = if required.is_empty() {
            " Takes no arguments: the input has no required members".to_owned()
        } else {
            " Takes the input's required members".to_owned()
        };
        let see = format!(
            "{takes}; set the others on the [`{}`](crate::operation::{}::{}), then `send()` it.",
            op.request,
            op.module,
            op.request
        );
        // Each argument: the member it sets and what the model says of it.
        let arguments = required.iter().map(|m| {
            let summary = crate::ir::docs::first_paragraph(&m.docs);
            let field = m.field.trim_start_matches("r#");
            let line = if field == m.wire_name {
                format!(" - `{field}`: {summary}")
            } else {
                format!(" - `{field}` (the model's `{}`): {summary}", m.wire_name)
            };
            quote! { #[doc = #line] }
        });
        let arguments_heading = (!required.is_empty()).then(|| quote! {
            ///
            /// # Arguments
            ///
        });
        let waiters = super::waiters::client_methods(op);
        quote! {
            #doc
            ///
            #[doc = #see]
            #arguments_heading
            #(#arguments)*
            #dep
            #allow
            pub fn #method(&self, #(#params),*) -> crate::operation::#module::#request {
                crate::operation::#module::#request::new(self.clone(), crate::operation::#module::#input::new(#(#args),*))
            }
            #(#waiters)*
        }
    });
    let example = super::crate_root::example(service);
    let resolve = resolve_endpoint(service);
    let signing_name = service
        .features
        .has(Feature::SigV4)
        .then(|| quote! { signing_name: crate::SIGNING_NAME, });
    let tokens = quote! {
        //! The client: [`Client`], with a method per operation, made from a
        //! [`Config`](crate::config::Config).

        // The engine (`src/rt/client.rs`), here by the names users know.
        pub use crate::rt::client::*;

        /// What the engine needs of this service.
        static SERVICE: Service = Service {
            name: #service_name,
            sdk_id: #sdk_id,
            #signing_name
            resolve_endpoint,
        };

        impl Client {
            /// A client with this configuration.
            ///
            /// It never fails: a configuration without an endpoint (no region, no endpoint URL) or
            /// without an HTTP client makes every call fail with a
            /// [`DispatchError`](crate::error::DispatchError) that says so.
            ///
            #(#[doc = #example])*
            pub fn new(config: crate::config::Config) -> Self {
                Self::with_service(config, &SERVICE)
            }

            #(#methods)*
        }

        #resolve
    };
    RustFile {
        path: "src/client.rs".into(),
        provenance: format!("`{}`", service.id),
        tokens,
    }
}

/// `resolve_endpoint(&Config)`: by the endpoint rules, or the configured URL.
fn resolve_endpoint(service: &Service) -> TokenStream {
    let Some(rules) = &service.endpoint_rules else {
        return quote! {
            /// The configured endpoint URL: the model has no endpoint rules.
            fn resolve_endpoint(config: &crate::config::Config) -> ::std::result::Result<crate::client::Target, ::std::string::String> {
                config.endpoint_url.clone().map(|url| crate::client::Target { url, ..::std::default::Default::default() }).ok_or_else(|| {
                    ::std::string::String::from("no endpoint: the model has no endpoint rules, so set one with `Config::builder().endpoint_url(..)`")
                })
            }
        };
    };
    let built_in = |name: &str| {
        rules
            .built_in(name)
            .map(|p| ident(&crate::ir::names::field_name(&p.name)))
    };
    let mut fields = Vec::new();
    if let Some(f) = built_in("AWS::Region") {
        fields.push(quote! { #f: config.region.clone(), });
    }
    if let Some(f) = built_in("AWS::UseFIPS") {
        fields.push(quote! { #f: ::std::option::Option::Some(config.use_fips), });
    }
    if let Some(f) = built_in("AWS::UseDualStack") {
        fields.push(quote! { #f: ::std::option::Option::Some(config.use_dual_stack), });
    }
    // Without an `SDK::Endpoint` parameter, a configured URL bypasses the rules.
    let custom = match built_in("SDK::Endpoint") {
        Some(f) => {
            fields.push(quote! { #f: config.endpoint_url.clone(), });
            quote! {}
        }
        None => quote! {
            if let ::std::option::Option::Some(url) = &config.endpoint_url {
                return ::std::result::Result::Ok(crate::client::Target { url: url.clone(), ..::std::default::Default::default() });
            }
        },
    };
    quote! {
        /// The endpoint by the service's rules, from the region, FIPS, dual-stack and endpoint URL.
        fn resolve_endpoint(config: &crate::config::Config) -> ::std::result::Result<crate::client::Target, ::std::string::String> {
            resolve_endpoint_with(config, |_| {})
        }

        /// The same, with parameters an operation sets from its input.
        pub(crate) fn resolve_endpoint_with(
            config: &crate::config::Config,
            set: impl ::std::ops::FnOnce(&mut crate::endpoint::Params),
        ) -> ::std::result::Result<crate::client::Target, ::std::string::String> {
            #custom
            let mut params = crate::endpoint::Params {
                #(#fields)*
                ..::std::default::Default::default()
            };
            set(&mut params);
            match crate::endpoint::resolve(&params) {
                ::std::result::Result::Ok(endpoint) => ::std::result::Result::Ok(endpoint.into_target()),
                ::std::result::Result::Err(e) => ::std::result::Result::Err(::std::format!("no endpoint: {e}")),
            }
        }
    }
}

/// `Call::endpoint` for an operation that sets endpoint parameters from its input.
fn endpoint_params(op: &Operation) -> Option<TokenStream> {
    if op.endpoint_params.is_empty() {
        return None;
    }
    let sets = op.endpoint_params.iter().map(|p| {
        let param = ident(&crate::ir::names::field_name(&p.name));
        match &p.value {
            EndpointParamValue::Member { field, optional, kind } => {
                let field = ident(field);
                // A boolean is `Copy`: clippy refuses its `clone()`.
                let value = match kind {
                    ParamKind::Bool => quote! { input.#field },
                    _ => quote! { input.#field.clone() },
                };
                if *optional {
                    quote! { params.#param = #value; }
                } else {
                    quote! { params.#param = ::std::option::Option::Some(#value); }
                }
            }
            EndpointParamValue::Static(serde_json::Value::Bool(b)) => {
                quote! { params.#param = ::std::option::Option::Some(#b); }
            }
            EndpointParamValue::Static(serde_json::Value::Array(items)) => {
                let items = items.iter().filter_map(serde_json::Value::as_str);
                quote! { params.#param = ::std::option::Option::Some(::std::vec![#(::std::string::String::from(#items)),*]); }
            }
            EndpointParamValue::Static(value) => {
                let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
                quote! { params.#param = ::std::option::Option::Some(::std::string::String::from(#text)); }
            }
        }
    });
    let input_type = ident(&op.input.name);
    // Static values alone do not read the input.
    let reads_input = op
        .endpoint_params
        .iter()
        .any(|p| matches!(p.value, EndpointParamValue::Member { .. }));
    let input = if reads_input { ident("input") } else { ident("_input") };
    Some(quote! {
        fn endpoint(
            config: &crate::config::Config,
            #input: &#input_type,
        ) -> ::std::option::Option<::std::result::Result<crate::client::Target, ::std::string::String>> {
            ::std::option::Option::Some(crate::client::resolve_endpoint_with(config, |params| {
                #(#sets)*
            }))
        }
    })
}

/// In an operation's module: its request type, `impl Call`, and pagination.
pub fn operation(op: &Operation) -> TokenStream {
    let request = ident(&op.request);
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let name = op.id.name();
    let setters = op.input.members.iter().filter(|m| !m.is_constructor_arg()).map(|m| {
        let setter = ident(&m.setter);
        structures::setter_method(m, quote! { self.input = self.input.#setter(value); })
    });
    let doc = format!(
        " A `{name}` call being prepared: made by [`Client::{}`](crate::Client::{}); set optional members, then [`send`](crate::client::Request::send) it, or await it.",
        op.method,
        op.method
    );
    let auth = op.auth.iter().map(|scheme| match scheme {
        AuthScheme::SigV4 => quote! { crate::auth::Scheme::SigV4 },
        AuthScheme::Bearer => quote! { crate::auth::Scheme::Bearer },
        AuthScheme::Anonymous => quote! { crate::auth::Scheme::Anonymous },
        AuthScheme::Unsupported(name) => quote! { crate::auth::Scheme::Unsupported(#name) },
    });
    let unsigned_payload = op
        .unsigned_payload
        .then(|| quote! { const UNSIGNED_PAYLOAD: bool = true; });
    let read_streaming = op.streams_output().then(|| {
        quote! {
            const READ_STREAMING: ::std::option::Option<
                fn(::http::Response<crate::transport::ByteStream>) -> ::std::result::Result<#output, #error>,
            > = ::std::option::Option::Some(Self::streaming_response);
        }
    });
    let body = op.input.members.iter().find(|m| m.ty == Some(Type::Stream)).map(|m| {
        let field = ident(&m.field);
        quote! {
            const BODY: ::std::option::Option<fn(&#input) -> ::std::option::Option<crate::transport::ByteStream>> =
                ::std::option::Option::Some(|input| input.#field.bytes().is_none().then(|| input.#field.clone()));
        }
    });
    let events = op
        .input
        .members
        .iter()
        .find(|m| matches!(m.ty, Some(Type::EventSender(_))));
    let events = events.map(|m| {
        let field = ident(&m.field);
        quote! {
            const EVENTS: ::std::option::Option<crate::event_sender::TakeMessages<#input>> =
                ::std::option::Option::Some(|input| input.#field.take(write_event));
        }
    });
    let endpoint = endpoint_params(op);
    let pagination = pagination(op);
    let setters: Vec<TokenStream> = setters.collect();
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            impl #request {
                #(#setters)*
            }
        }
    });
    quote! {
        #[doc = #doc]
        pub type #request = crate::client::Request<Operation>;

        #setters

        impl crate::client::Call for Operation {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #name;
            const AUTH: &'static [crate::auth::Scheme] = &[#(#auth),*];
            #unsigned_payload
            #endpoint

            const BUILD: crate::client::Build<Self> = Self::request;
            const READ: crate::client::Read<Self> = Self::response;

            #read_streaming
            #body
            #events

            const CODE: fn(&#error) -> &str = #error::code;
            const IS_RETRYABLE: fn(&#error) -> bool = #error::is_retryable;
        }

        #pagination
    }
}

/// `impl Paginate` (and `PageSize`, `Items`) for a paginated operation whose token is a
/// string and whose members are top-level; `None` for others.
fn pagination(op: &Operation) -> Option<TokenStream> {
    let p = op.paginated.as_ref()?;
    let (in_token, out_token) = op.paginator()?;
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let in_field = ident(&in_token.field);
    let out_field = ident(&out_token.field);
    let next = if out_token.optional {
        quote! { output.#out_field.as_deref() }
    } else {
        quote! { ::std::option::Option::Some(output.#out_field.as_str()) }
    };
    let page_size = p.page_size.as_ref().and_then(|name| {
        let m = op.input.members.iter().find(|m| m.wire_name == *name)?;
        let field = ident(&m.field);
        let value = match m.ty.as_ref()? {
            Type::Integer => quote! { size },
            Type::Long => quote! { i64::from(size) },
            _ => return None,
        };
        let value = if m.optional {
            quote! { ::std::option::Option::Some(#value) }
        } else {
            value
        };
        Some(quote! {
            impl crate::pagination::PageSize for Operation {
                fn set_page_size(input: &mut #input, size: i32) {
                    input.#field = #value;
                }
            }
        })
    });
    let items = p.items.as_ref().and_then(|name| {
        let m = op.output.members.iter().find(|m| m.wire_name == *name)?;
        let Some(Type::List { member, sparse }) = &m.ty else {
            return None;
        };
        let item = super::rust::element_type(&member.ty, *sparse);
        let field = ident(&m.field);
        let take = if m.optional {
            quote! { output.#field.unwrap_or_default() }
        } else {
            quote! { output.#field }
        };
        Some(quote! {
            impl crate::pagination::Items for Operation {
                type Item = #item;
                fn items(output: #output) -> ::std::vec::Vec<#item> {
                    #take
                }
            }
        })
    });
    Some(quote! {
        impl crate::pagination::Paginate for Operation {
            fn token(input: &#input) -> ::std::option::Option<&str> {
                input.#in_field.as_deref()
            }
            fn set_token(input: &mut #input, token: ::std::string::String) {
                input.#in_field = ::std::option::Option::Some(token);
            }
            fn next_token(output: &#output) -> ::std::option::Option<&str> {
                #next
            }
        }
        #page_size
        #items
    })
}

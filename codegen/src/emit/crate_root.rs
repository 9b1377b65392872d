//! The crate's skeleton: `lib.rs` and the `mod.rs` of each folder.

use super::rust::{ident, inner_docs, RustFile};
use crate::ir::{Feature, NamedKind, Operation, Service, Type};
use quote::quote;

/// `src/lib.rs`, `src/types/mod.rs`, `src/types/error/mod.rs`, `src/operation/mod.rs`.
pub fn files(service: &Service) -> Vec<RustFile> {
    let provenance = format!("`{}`", service.id);
    let service_docs = inner_docs(&service.docs);
    let title = format!(" # {}", service.title);
    let version = format!(
        " A client for {}, API version `{}`, generated from its Smithy model.",
        service.title, service.version
    );
    let runtime = crate::runtime::root_lines(service);
    let signing_name = service.signing_name.as_ref().map(|name| {
        quote! {
            /// The SigV4 signing name of the service (`aws.auth#sigv4`).
            pub const SIGNING_NAME: &str = #name;
        }
    });
    let features = " Features: `default-https-client` (on by default): the default transport, hyper with rustls; `test-util`: `test_util::Mock`, typed answers to calls, and `test_util::InMemory`, a transport with canned responses; `aws-config`: a `config::Builder` from the official `aws-config`'s `SdkConfig`, with its whole credentials chain.";
    let example = example(service);
    // With every operation left out (each streams, say), the client's engine has nothing to call.
    let no_operations = service.operations.is_empty().then(|| {
        quote! {
            // Every operation of the model is left out (see the generator's warnings).
            #![allow(dead_code)]
        }
    });
    let lib = quote! {
        #![doc = #title]
        #![doc = ""]
        #service_docs
        #![doc = ""]
        #![doc = #version]
        //!
        //! - [`Client`], made from a [`Config`]: a method per operation, whose request you `send()`;
        //!   [`config`] (region, credentials, retries, timeouts; [`Config::from_env`] reads them as
        //!   the AWS CLI does, from the environment and [`profile`]s), [`auth`] (credentials and
        //!   signing), [`transport`] (the HTTP client trait and the default one).
        //! - [`operation`]: one module per operation, with its input, output, error and request.
        //! - [`types`]: the structures, enums and unions the operations use; [`types::error`] the modeled errors.
        //! - [`Error`]: any error of any operation.
        //! - [`primitives`]: timestamps, documents, big numbers.
        //! - [`validation`]: what `validate()` reports.
        //! - [`wire`]: the sans-IO wire layer's errors; each operation's `Operation::request` and
        //!   `Operation::response` work without the client.
        //!
        #(#![doc = #example])*
        #![doc = #features]
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        // Names come from the model, which may well call a member `foo`.
        #![allow(clippy::disallowed_names)]
        #no_operations

        #signing_name
        pub mod client;
        pub mod error;
        pub mod operation;
        pub mod types;

        // The runtime (`src/rt/`, copied from the generator's runtime crate), and its modules
        // by the names users know.
        mod rt;
        #(#runtime)*

        pub use client::Client;
        pub use config::Config;
        pub use error::{Error, RequestId};

        /// The README's examples, compiled as doctests.
        #[cfg(doctest)]
        #[doc = include_str!("../README.md")]
        pub struct ReadmeDoctests;
    };

    let type_modules = service
        .structures
        .iter()
        .map(|s| (&s.module, &s.name))
        .chain(service.unions.iter().map(|u| (&u.module, &u.name)))
        .chain(service.enums.iter().map(|e| (&e.module, &e.name)));
    let mut type_modules: Vec<_> = type_modules.collect();
    type_modules.sort();
    let type_items = type_modules.iter().map(|(module, name)| {
        let module = ident(module);
        let name = ident(name);
        quote! {
            mod #module;
            pub use #module::#name;
        }
    });
    let types = quote! {
        //! The structures, enums and unions of the model.
        pub mod error;
        #(#type_items)*
    };

    let mut error_modules: Vec<_> = service.errors.iter().map(|e| (&e.module, &e.name)).collect();
    error_modules.sort();
    let error_items = error_modules.iter().map(|(module, name)| {
        let module = ident(module);
        let name = ident(name);
        quote! {
            mod #module;
            pub use #module::#name;
        }
    });
    let errors = quote! {
        //! The errors of the model, one type each.
        #(#error_items)*
    };

    // The module's own `//!` docs are its page and its line in this list: a `///` here would
    // repeat its summary on its page.
    let operation_items = service.operations.iter().map(|op| {
        let module = ident(&op.module);
        quote! { pub mod #module; }
    });
    let token_fn = if service.features.has(Feature::IdempotencyTokens) {
        quote! {
            /// A fresh idempotency token: a random UUID v4.
            #[cfg(not(test))]
            pub(crate) fn idempotency_token() -> ::std::string::String {
                ::uuid::Uuid::new_v4().to_string()
            }

            /// In the crate's own protocol tests, the constant token that Smithy's protocol tests
            /// expect of clients that fill tokens automatically.
            #[cfg(test)]
            pub(crate) fn idempotency_token() -> ::std::string::String {
                ::std::string::String::from("00000000-0000-4000-8000-000000000000")
            }
        }
    } else {
        quote! {}
    };
    let operations = quote! {
        //! One module per operation: its input, output and error.
        #(#operation_items)*
        #token_fn
    };

    let rt_modules = crate::runtime::mod_lines(service);
    let rt = quote! {
        //! The runtime: modules copied whole from the generator's runtime crate (`runtime/src/`),
        //! the same in every generated crate but for the parts this one needs.
        #(#rt_modules)*
    };

    vec![
        RustFile {
            path: "src/rt/mod.rs".into(),
            provenance: provenance.clone(),
            tokens: rt,
        },
        RustFile {
            path: "src/lib.rs".into(),
            provenance: provenance.clone(),
            tokens: lib,
        },
        RustFile {
            path: "src/types/mod.rs".into(),
            provenance: provenance.clone(),
            tokens: types,
        },
        RustFile {
            path: "src/types/error/mod.rs".into(),
            provenance: provenance.clone(),
            tokens: errors,
        },
        RustFile {
            path: "src/operation/mod.rs".into(),
            provenance,
            tokens: operations,
        },
    ]
}

/// The crate root's worked example (a doctest that is compiled, not run): a client from the
/// environment, a call of the first operation whose required members are all strings (one that
/// reads, `Get`, `List` or `Describe`, if there is one), and a match on its first modeled error.
/// None when no operation is that simple.
pub(super) fn example(service: &Service) -> Vec<String> {
    let Some((op, statements)) = example_statements(service) else {
        return Vec::new();
    };
    let mut lines = vec![
        " # Example".to_owned(),
        String::new(),
        format!(
            " Calls `{}` with credentials and a region from the environment:",
            op.name
        ),
        String::new(),
        " ```no_run".to_owned(),
        format!(" use {}::{{Client, Config}};", service.crate_name.replace('-', "_")),
        String::new(),
        " # async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
    ];
    lines.extend(statements.iter().map(|line| format!(" {line}")));
    lines.extend([
        " # Ok(())".to_owned(),
        " # }".to_owned(),
        " ```".to_owned(),
        String::new(),
    ]);
    lines
}

/// The statements of the worked example, unindented, with the operation they call: the crate
/// root's doctest and the generated README's quick start show the same call.
pub(crate) fn example_statements(service: &Service) -> Option<(&Operation, Vec<String>)> {
    let simple = |op: &&Operation| op.input.constructor_args().all(|m| m.ty == Some(Type::String));
    let reads = |op: &Operation| ["Get", "List", "Describe"].iter().any(|p| op.name.starts_with(p));
    let op = service
        .operations
        .iter()
        .filter(simple)
        .min_by_key(|op| (!reads(op), op.name.as_str()))?;
    let args: Vec<String> = op
        .input
        .constructor_args()
        .map(|m| format!("\"my-{}\"", m.field.trim_start_matches("r#").replace('_', "-")))
        .collect();
    let call = format!("client.{}({})", op.method, args.join(", "));
    let mut lines = vec!["let client = Client::new(Config::from_env()?.build());".to_owned()];
    let error = op
        .errors
        .iter()
        .find(|e| e.name.contains("NotFound"))
        .or(op.errors.first());
    match error {
        Some(error) => lines.extend([
            format!("match {call}.send().await {{"),
            "    Ok(output) => println!(\"{output:?}\"),".to_owned(),
            format!(
                "    Err(error) if error.is_{}() => eprintln!(\"{{error}}\"),",
                error.snake
            ),
            "    Err(error) => return Err(error.into()),".to_owned(),
            "}".to_owned(),
        ]),
        None => lines.extend([
            format!("let output = {call}.send().await?;"),
            "println!(\"{output:?}\");".to_owned(),
        ]),
    }
    Some((op, lines))
}

/// The `Mock` page's example (doc lines, each with its leading space): a test of the worked
/// example's call, answered by a typed output. None when that call's output has a required
/// member of a kind the example cannot make up a value of (a structure, a list, ...).
pub(crate) fn mock_example(service: &Service) -> Vec<String> {
    let Some((op, _)) = example_statements(service) else {
        return Vec::new();
    };
    let lib = service.crate_name.replace('-', "_");
    let text = |m: &crate::ir::Member| format!("\"my-{}\"", m.field.trim_start_matches("r#").replace('_', "-"));
    // A value of each required output member: text, a number, a time, an enum's first value.
    let value = |m: &crate::ir::Member| -> Option<String> {
        Some(match m.ty.as_ref()? {
            Type::String => text(m),
            Type::Boolean => "false".to_owned(),
            Type::Byte | Type::Short | Type::Integer | Type::Long => "0".to_owned(),
            Type::Float | Type::Double => "0.0".to_owned(),
            Type::Timestamp => format!("{lib}::primitives::DateTime::UNIX_EPOCH"),
            Type::Named(n) if n.kind == NamedKind::Enum => {
                format!("{lib}::types::{0}::from_value({lib}::types::{0}::VALUES[0])", n.name)
            }
            _ => return None,
        })
    };
    let Some(outputs) = op.output.constructor_args().map(value).collect::<Option<Vec<String>>>() else {
        return Vec::new();
    };
    let inputs: Vec<String> = op.input.constructor_args().map(text).collect();
    [
        String::new(),
        "# Example".to_owned(),
        String::new(),
        format!(
            "A test of code that calls `{}`, with no network, credentials or region:",
            op.name
        ),
        String::new(),
        "```".to_owned(),
        format!(
            "use {lib}::operation::{}::{{Operation, {}}};",
            op.module, op.output.name
        ),
        format!("use {lib}::test_util::Mock;"),
        format!("use {lib}::{{Client, Config}};"),
        String::new(),
        "# async fn test() {".to_owned(),
        format!(
            "let mock = Mock::new().on(Operation).output({}::new({}));",
            op.output.name,
            outputs.join(", ")
        ),
        "let client = Client::new(Config::builder().mock(mock.clone()).build());".to_owned(),
        format!("client.{}({}).send().await.unwrap();", op.method, inputs.join(", ")),
        "assert_eq!(mock.calls(Operation), 1);".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]
    .into_iter()
    .map(|line| if line.is_empty() { line } else { format!(" {line}") })
    .collect()
}

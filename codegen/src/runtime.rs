//! The hand-written support code in `runtime/`, copied into every generated crate, and the one
//! table of what each optional [`Feature`] brings: a support file of its own (with its `mod` line
//! in `src/lib.rs`), code appended to a support file every crate has, and `[dependencies]` lines.

use crate::ir::{Feature, Service};
use crate::GENERATED_MARK;
use std::collections::BTreeSet;

const PRIMITIVES: &str = include_str!("runtime/primitives.rs");
const VALIDATION: &str = include_str!("runtime/validation.rs");
const WIRE: &str = include_str!("runtime/wire.rs");
const JSON: &str = include_str!("runtime/json.rs");
const AUTH: &str = include_str!("runtime/auth.rs");
const CONFIG: &str = include_str!("runtime/config.rs");
const TRANSPORT: &str = include_str!("runtime/transport.rs");
const TEST_UTIL: &str = include_str!("runtime/test_util.rs");

/// What a feature brings into a crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts {
    /// A support file of its own: its path and text.
    pub file: Option<(&'static str, &'static str)>,
    /// The `mod` line of that file (or of the emitted module the feature needs) in `src/lib.rs`.
    pub module: Option<&'static str>,
    /// Code appended to a support file every crate has: the file and the code.
    pub append: Option<(&'static str, &'static str)>,
    /// `[dependencies]` lines of `Cargo.toml`.
    pub dependencies: &'static [&'static str],
}

/// The table: what each feature brings.
pub fn parts(feature: Feature) -> Parts {
    match feature {
        Feature::Md5 => Parts {
            file: Some(("src/md5.rs", include_str!("runtime/md5.rs"))),
            module: Some("mod md5;"),
            ..Parts::default()
        },
        Feature::Gzip => Parts {
            file: Some(("src/compression.rs", include_str!("runtime/compression.rs"))),
            module: Some("mod compression;"),
            dependencies: &["flate2 = { version = \"1\", default-features = false, features = [\"rust_backend\"] }"],
            ..Parts::default()
        },
        Feature::Pagination => Parts {
            file: Some(("src/pagination.rs", include_str!("runtime/pagination.rs"))),
            module: Some("pub mod pagination;"),
            dependencies: &["futures-core = \"0.3\""],
            ..Parts::default()
        },
        Feature::IdempotencyTokens => Parts {
            dependencies: &["uuid = { version = \"1\", features = [\"v4\"] }"],
            ..Parts::default()
        },
        // `src/endpoint.rs` is emitted, with the rules engine appended (see [`appended`]); the
        // engine matches the partitions' region patterns with `regex-lite`.
        Feature::EndpointRules => Parts {
            module: Some("pub mod endpoint;"),
            dependencies: &["regex-lite = \"0.1\""],
            ..Parts::default()
        },
        // SHA-256 and HMAC from RustCrypto, as the official signer uses.
        Feature::SigV4 => Parts {
            append: Some(("src/auth.rs", include_str!("runtime/auth_sigv4.rs"))),
            dependencies: &[
                "hmac = \"0.12\"",
                "sha2 = { version = \"0.10\", default-features = false }",
            ],
            ..Parts::default()
        },
        // With `config::Builder::token`: the `// <bearer>` blocks of `runtime/config.rs`.
        Feature::Bearer => Parts {
            append: Some(("src/auth.rs", include_str!("runtime/auth_bearer.rs"))),
            ..Parts::default()
        },
        Feature::LitePatterns => Parts {
            append: Some(("src/validation.rs", include_str!("runtime/validation_pattern.rs"))),
            dependencies: &["regex-lite = \"0.1\""],
            ..Parts::default()
        },
        Feature::FancyPatterns => Parts {
            append: Some(("src/validation.rs", include_str!("runtime/validation_pattern_fancy.rs"))),
            dependencies: &[
                "fancy-regex = { version = \"0.20\", default-features = false, features = [\"std\", \"unicode\"] }",
            ],
            ..Parts::default()
        },
        Feature::ProtocolTests => Parts {
            file: Some(("src/protocol_test.rs", include_str!("runtime/protocol_test.rs"))),
            module: Some("#[cfg(test)] mod protocol_test;"),
            ..Parts::default()
        },
    }
}

/// The `mod` line `feature` adds to `src/lib.rs`, if the crate has it.
pub fn module(service: &Service, feature: Feature) -> Option<proc_macro2::TokenStream> {
    let line = parts(feature).module.filter(|_| service.features.has(feature))?;
    Some(line.parse().expect("the table's mod lines are Rust"))
}

/// The `[dependencies]` lines the crate's features bring, without repeats.
pub fn dependencies(service: &Service) -> BTreeSet<&'static str> {
    service
        .features
        .iter()
        .flat_map(|f| parts(f).dependencies.iter().copied())
        .collect()
}

/// Runtime code appended to an emitted file: the rules engine to `src/endpoint.rs`, the
/// client's engine to `src/client.rs`, `RequestId` and `DispatchError` to `src/error.rs`.
pub fn appended(path: &str) -> Option<&'static str> {
    match path {
        "src/endpoint.rs" => Some(include_str!("runtime/endpoint_rules.rs")),
        "src/client.rs" => Some(include_str!("runtime/client.rs")),
        "src/error.rs" => Some(include_str!("runtime/error.rs")),
        _ => None,
    }
}

/// The support files of the crate, with the header: those every crate has (with what its
/// features append to them) and each feature's own.
pub fn files(service: &Service) -> Vec<(String, String)> {
    let head = |source: &str| {
        format!("// {GENERATED_MARK}\n// Copied from the generator's runtime support code.\n#![cfg_attr(rustfmt, rustfmt::skip)]\n{source}")
    };
    let config = only_if(CONFIG, "bearer", service.features.has(Feature::Bearer));
    let base = [
        ("src/primitives.rs", PRIMITIVES),
        ("src/validation.rs", VALIDATION),
        ("src/wire.rs", WIRE),
        ("src/json.rs", JSON),
        ("src/auth.rs", AUTH),
        ("src/config.rs", config.as_str()),
        ("src/transport.rs", TRANSPORT),
        ("src/test_util.rs", TEST_UTIL),
    ];
    let mut files: Vec<(String, String)> = base
        .iter()
        .map(|(path, source)| {
            let mut text = (*source).to_owned();
            for feature in service.features.iter() {
                if let Some((_, code)) = parts(feature).append.filter(|(to, _)| to == path) {
                    text.push_str(code);
                }
            }
            (path.to_string(), head(&text))
        })
        .collect();
    for feature in service.features.iter() {
        if let Some((path, source)) = parts(feature).file {
            files.push((path.into(), head(source)));
        }
    }
    files
}

/// `source` with its `// <tag>` … `// </tag>` blocks kept (markers removed) or dropped.
fn only_if(source: &str, tag: &str, keep: bool) -> String {
    let (open, close) = (format!("// <{tag}>"), format!("// </{tag}>"));
    let mut out = String::with_capacity(source.len());
    let mut inside = false;
    for line in source.lines() {
        match line.trim() {
            l if l == open => inside = true,
            l if l == close => inside = false,
            _ if inside && !keep => {}
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

//! The runtime: the modules of the `runtime` crate (`runtime/src/`), copied whole into every
//! generated crate's `src/rt/`, and the one table of what each optional [`Feature`] brings: a
//! runtime module, the line of `src/lib.rs` that reaches it, and `[dependencies]` lines.
//!
//! The `runtime` crate builds and is tested on its own, with every feature on. A copy keeps what
//! the generated crate needs: a module per feature it has, and, inside a module, the blocks
//! between `// <name>` and `// </name>` of the features it has (`// <!name>` … `// </!name>` of
//! those it lacks), without the `#[cfg(feature = "name")]` that the runtime crate builds them by.

use crate::ir::{Feature, Service};
use std::collections::BTreeSet;

/// A module of the runtime.
#[derive(Debug, Clone, Copy)]
pub struct Module {
    /// Its name: `runtime/src/{name}.rs` and `src/rt/{name}.rs`.
    pub name: &'static str,
    /// Its text.
    pub source: &'static str,
    /// The `cfg` both `mod` lines take (`feature = "test-util"`), if any.
    pub cfg: Option<&'static str>,
    /// How the crate root reaches it, if it does: the line of `src/lib.rs` after the `cfg`.
    /// (`client`, `error` and `endpoint_rules` are reached through the emitted modules that add
    /// the service's parts to them.)
    pub root: Option<&'static str>,
}

const fn module(name: &'static str, source: &'static str, root: Option<&'static str>) -> Module {
    Module {
        name,
        source,
        cfg: None,
        root,
    }
}

/// The modules every crate has.
const BASE: [Module; 12] = [
    module(
        "auth",
        include_str!("../../runtime/src/auth.rs"),
        Some("pub use rt::auth;"),
    ),
    module("client", include_str!("../../runtime/src/client.rs"), None),
    module(
        "config",
        include_str!("../../runtime/src/config.rs"),
        Some("pub use rt::config;"),
    ),
    module("error", include_str!("../../runtime/src/error.rs"), None),
    module("json", include_str!("../../runtime/src/json.rs"), None),
    module(
        "primitives",
        include_str!("../../runtime/src/primitives.rs"),
        Some("pub use rt::primitives;"),
    ),
    module(
        "profile",
        include_str!("../../runtime/src/profile.rs"),
        Some("pub use rt::profile;"),
    ),
    Module {
        cfg: Some("feature = \"test-util\""),
        ..module(
            "test_util",
            include_str!("../../runtime/src/test_util.rs"),
            Some("pub use rt::test_util;"),
        )
    },
    module(
        "transport",
        include_str!("../../runtime/src/transport.rs"),
        Some("pub use rt::transport;"),
    ),
    module(
        "validation",
        include_str!("../../runtime/src/validation.rs"),
        Some("pub use rt::validation;"),
    ),
    module(
        "wire",
        include_str!("../../runtime/src/wire.rs"),
        Some("pub use rt::wire;"),
    ),
    module("wire_error", include_str!("../../runtime/src/wire_error.rs"), None),
];

/// The `[dependencies]` of every crate: the client's (timeouts and backoff, spans, jitter), the
/// default transport's (`default-https-client`) and `aws-config`'s.
const BASE_DEPENDENCIES: &[&str] = &[
    "http = \"1\"",
    "tokio = { version = \"1\", features = [\"time\"] }",
    "tracing = { version = \"0.1\", default-features = false, features = [\"std\"] }",
    "fastrand = \"2\"",
    "bytes = { version = \"1\", optional = true }",
    "http-body-util = { version = \"0.1\", optional = true }",
    "hyper = { version = \"1\", optional = true, features = [\"client\", \"http1\"] }",
    "hyper-rustls = { version = \"0.27\", optional = true, default-features = false, features = [\"http1\", \"ring\", \"rustls-native-certs\", \"tls12\"] }",
    "hyper-util = { version = \"0.1\", optional = true, features = [\"client-legacy\", \"http1\", \"tokio\"] }",
    "rustls = { version = \"0.23\", optional = true, default-features = false, features = [\"ring\", \"std\", \"tls12\"] }",
    "aws-credential-types = { version = \"1\", optional = true }",
    "aws-types = { version = \"1\", optional = true }",
];

/// What a feature brings into a crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Part {
    /// The runtime crate's Cargo feature, which also names the feature's blocks in modules.
    pub cargo_feature: Option<&'static str>,
    /// A runtime module of its own.
    pub module: Option<Module>,
    /// A line of `src/lib.rs` the feature needs: an emitted module, or a path to a runtime
    /// module every crate has.
    pub emitted: Option<&'static str>,
    /// `[dependencies]` lines of `Cargo.toml`.
    pub dependencies: &'static [&'static str],
    /// `[dev-dependencies]` lines: what the feature's generated tests need.
    pub dev_dependencies: &'static [&'static str],
}

/// The table: what each feature brings.
pub fn part(feature: Feature) -> Part {
    let named = |cargo_feature| Part {
        cargo_feature: Some(cargo_feature),
        ..Part::default()
    };
    match feature {
        Feature::Md5 => Part {
            module: Some(module(
                "md5",
                include_str!("../../runtime/src/md5.rs"),
                Some("use rt::md5;"),
            )),
            ..named("md5")
        },
        Feature::Gzip => Part {
            module: Some(module(
                "compression",
                include_str!("../../runtime/src/compression.rs"),
                Some("use rt::compression;"),
            )),
            dependencies: &["flate2 = { version = \"1\", default-features = false, features = [\"rust_backend\"] }"],
            ..named("gzip")
        },
        Feature::Pagination => Part {
            module: Some(module(
                "pagination",
                include_str!("../../runtime/src/pagination.rs"),
                Some("pub use rt::pagination;"),
            )),
            dependencies: &["futures-core = \"0.3\""],
            ..named("pagination")
        },
        // The tokens are made by the emitted `operation::idempotency_token`.
        Feature::IdempotencyTokens => Part {
            dependencies: &["uuid = { version = \"1\", features = [\"v4\"] }"],
            ..Part::default()
        },
        // `src/endpoint.rs` is emitted; the engine matches the partitions' region patterns with
        // `regex-lite`.
        Feature::EndpointRules => Part {
            module: Some(module(
                "endpoint_rules",
                include_str!("../../runtime/src/endpoint_rules.rs"),
                None,
            )),
            emitted: Some("pub mod endpoint;"),
            dependencies: &["regex-lite = \"0.1\""],
            ..named("endpoint-rules")
        },
        // SHA-256 and HMAC from RustCrypto, as the official signer uses.
        Feature::SigV4 => Part {
            module: Some(module("sigv4", include_str!("../../runtime/src/sigv4.rs"), None)),
            dependencies: &[
                "hmac = \"0.12\"",
                "sha2 = { version = \"0.10\", default-features = false }",
            ],
            ..named("sigv4")
        },
        // With `config::Builder::token`.
        Feature::Bearer => Part {
            module: Some(module("bearer", include_str!("../../runtime/src/bearer.rs"), None)),
            ..named("bearer")
        },
        Feature::LitePatterns => Part {
            module: Some(module("pattern", include_str!("../../runtime/src/pattern.rs"), None)),
            dependencies: &["regex-lite = \"0.1\""],
            ..named("lite-patterns")
        },
        Feature::FancyPatterns => Part {
            module: Some(module(
                "pattern_fancy",
                include_str!("../../runtime/src/pattern_fancy.rs"),
                None,
            )),
            dependencies: &[
                "fancy-regex = { version = \"0.20\", default-features = false, features = [\"std\", \"unicode\"] }",
            ],
            ..named("fancy-patterns")
        },
        Feature::ProtocolTests => Part {
            module: Some(Module {
                cfg: Some("test"),
                ..module(
                    "protocol_test",
                    include_str!("../../runtime/src/protocol_test.rs"),
                    Some("use rt::protocol_test;"),
                )
            }),
            ..named("protocol-tests")
        },
        // The generated waiter tests run a wait on a current-thread runtime.
        Feature::Waiters => Part {
            module: Some(module(
                "waiter",
                include_str!("../../runtime/src/waiter.rs"),
                Some("pub use rt::waiter;"),
            )),
            dev_dependencies: &["tokio = { version = \"1\", features = [\"rt\", \"time\"] }"],
            ..named("waiters")
        },
        // Blocks of `transport` and `client`.
        Feature::Streaming => Part {
            dependencies: &["futures-core = \"0.3\""],
            ..named("streaming")
        },
        Feature::EventStreams => Part {
            module: Some(module(
                "event_stream",
                include_str!("../../runtime/src/event_stream.rs"),
                Some("pub use rt::event_stream;"),
            )),
            dependencies: &["futures-core = \"0.3\""],
            ..named("event-streams")
        },
        Feature::InputEvents => Part {
            module: Some(module(
                "event_sender",
                include_str!("../../runtime/src/event_sender.rs"),
                Some("pub use rt::event_sender;"),
            )),
            // HTTP/2 in the default transport: these replace the base lines of the same crates.
            dependencies: &[
                "futures-core = \"0.3\"",
                "hyper = { version = \"1\", optional = true, features = [\"client\", \"http1\", \"http2\"] }",
                "hyper-rustls = { version = \"0.27\", optional = true, default-features = false, features = [\"http1\", \"ring\", \"rustls-native-certs\", \"tls12\", \"http2\"] }",
                "hyper-util = { version = \"0.1\", optional = true, features = [\"client-legacy\", \"http1\", \"tokio\", \"http2\"] }",
            ],
            ..named("input-events")
        },
        Feature::Json => Part {
            emitted: Some("use rt::json;"),
            ..Part::default()
        },
        Feature::Xml => Part {
            module: Some(module("xml", include_str!("../../runtime/src/xml.rs"), Some("use rt::xml;"))),
            ..named("xml")
        },
        Feature::Query => Part {
            module: Some(module("query", include_str!("../../runtime/src/query.rs"), Some("use rt::query;"))),
            ..named("query")
        },
    }
}

/// The runtime modules of the crate: those every crate has, then each feature's own.
pub fn modules(service: &Service) -> Vec<Module> {
    let features = service.features.iter().filter_map(|f| part(f).module);
    BASE.iter().copied().chain(features).collect()
}

/// The lines of `src/lib.rs` that reach the runtime's modules, and the emitted modules the
/// features need.
pub fn root_lines(service: &Service) -> Vec<proc_macro2::TokenStream> {
    let parse = |line: String| line.parse().expect("the table's lines are Rust");
    let mut lines: Vec<_> = modules(service)
        .iter()
        .filter_map(|m| Some(cfg_line(m.cfg, m.root?)))
        .map(parse)
        .collect();
    let emitted = service.features.iter().filter_map(|f| part(f).emitted);
    lines.extend(emitted.map(str::to_owned).map(parse));
    lines
}

/// `src/rt/mod.rs`'s `mod` lines.
pub fn mod_lines(service: &Service) -> Vec<proc_macro2::TokenStream> {
    modules(service)
        .iter()
        .map(|m| {
            cfg_line(m.cfg, &format!("pub mod {};", m.name))
                .parse()
                .expect("the table's lines are Rust")
        })
        .collect()
}

fn cfg_line(cfg: Option<&str>, line: &str) -> String {
    match cfg {
        Some(cfg) => format!("#[cfg({cfg})] {line}"),
        None => line.to_owned(),
    }
}

/// The `[dependencies]` lines of the crate: every crate's, and those its features bring, once
/// each; a feature's line for a crate replaces the base line of that crate.
pub fn dependencies(service: &Service) -> BTreeSet<&'static str> {
    let features: BTreeSet<&str> = service
        .features
        .iter()
        .flat_map(|f| part(f).dependencies.iter().copied())
        .collect();
    let crate_of = |line: &str| line.split(" = ").next().unwrap_or_default().to_owned();
    let replaced: BTreeSet<String> = features.iter().map(|l| crate_of(l)).collect();
    let base = BASE_DEPENDENCIES
        .iter()
        .copied()
        .filter(|l| !replaced.contains(&crate_of(l)));
    base.chain(features).collect()
}

/// The `[dev-dependencies]` lines the crate's features bring, once each.
pub fn dev_dependencies(service: &Service) -> BTreeSet<&'static str> {
    service
        .features
        .iter()
        .flat_map(|f| part(f).dev_dependencies.iter().copied())
        .collect()
}

/// The line of `test_util.rs` that a generated crate's copy replaces with `mock_example`.
const MOCK_EXAMPLE: &str = "// <mock-example>: a generated crate's copy has an example of its own service here.\n";

/// The copies of the runtime modules, as module name and text (`render` heads them and puts
/// them at `src/rt/{name}.rs`); `test_util.rs` with `mock_example` (doc lines, without `//!`)
/// in place of its marker.
pub fn files(service: &Service, mock_example: &[String]) -> Vec<(&'static str, String)> {
    let tags: Vec<(&str, bool)> = Feature::ALL
        .iter()
        .filter_map(|&f| Some((part(f).cargo_feature?, service.features.has(f))))
        .collect();
    modules(service)
        .iter()
        .map(|m| {
            let text = tags
                .iter()
                .fold(m.source.to_owned(), |text, &(tag, has)| only_if(&text, tag, has));
            let example: String = mock_example.iter().map(|line| format!("//!{line}\n")).collect();
            (m.name, text.replace(MOCK_EXAMPLE, &example))
        })
        .collect()
}

/// `source` with the `// <tag>` … `// </tag>` blocks kept when `has` (the `// <!tag>` ones when
/// not), their markers and the `cfg` lines of `tag` inside them removed; the others dropped.
fn only_if(source: &str, tag: &str, has: bool) -> String {
    let (open, close) = (format!("// <{tag}>"), format!("// </{tag}>"));
    let (open_not, close_not) = (format!("// <!{tag}>"), format!("// </!{tag}>"));
    let cfgs = [
        format!("#[cfg(feature = \"{tag}\")]"),
        format!("#[cfg(not(feature = \"{tag}\"))]"),
    ];
    let mut out = String::with_capacity(source.len());
    // Inside a block: whether it is kept.
    let mut inside = None;
    for line in source.lines() {
        let trimmed = line.trim();
        if trimmed == open || trimmed == open_not {
            inside = Some((trimmed == open) == has);
        } else if trimmed == close || trimmed == close_not {
            inside = None;
        } else if inside == Some(false) || (inside.is_some() && cfgs.iter().any(|c| c == trimmed)) {
            // Dropped: a block of a feature the crate lacks, or the `cfg` the copy needs no more.
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The items a Rust source declares, whatever their indentation and visibility: (keyword, name)
/// for each line such as `pub(crate) async fn call<Op: Call>(` (`("fn", "call")`). For the tests
/// that keep the generator's tables in step with the runtime's code.
#[cfg(test)]
pub(crate) fn declarations(source: &str) -> impl Iterator<Item = (&'static str, &str)> {
    const KEYWORDS: [&str; 8] = ["struct", "enum", "trait", "fn", "type", "const", "static", "mod"];
    source.lines().filter_map(|line| {
        let line = line.trim_start();
        let line = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        let line = line.strip_prefix("async ").unwrap_or(line);
        KEYWORDS.iter().find_map(|&keyword| {
            let rest = line.strip_prefix(keyword)?.strip_prefix(' ')?;
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            (end > 0).then(|| (keyword, &rest[..end]))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUNTIME_LIB: &str = include_str!("../../runtime/src/lib.rs");
    const RUNTIME_MANIFEST: &str = include_str!("../../runtime/Cargo.toml");

    fn every_module() -> Vec<Module> {
        BASE.iter()
            .copied()
            .chain(Feature::ALL.iter().filter_map(|&f| part(f).module))
            .collect()
    }

    #[test]
    fn the_table_names_every_module_of_the_runtime_crate_and_no_other() {
        let mut declared: Vec<&str> = RUNTIME_LIB
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub mod")?.trim().strip_suffix(';'))
            .collect();
        let mut table: Vec<&str> = every_module().iter().map(|m| m.name).collect();
        declared.sort_unstable();
        table.sort_unstable();
        assert_eq!(declared, table);
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/src")).unwrap();
        let mut files: Vec<String> = files
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .filter(|name| name != "lib")
            .collect();
        files.sort_unstable();
        assert_eq!(files, table);
    }

    #[test]
    fn each_feature_module_is_behind_its_cargo_feature_in_the_runtime_crate() {
        for feature in Feature::ALL {
            let part = part(feature);
            let (Some(module), Some(cargo)) = (part.module, part.cargo_feature) else {
                continue;
            };
            let line = format!("#[cfg(feature = \"{cargo}\")]\npub mod {};", module.name);
            assert!(RUNTIME_LIB.contains(&line), "runtime/src/lib.rs lacks:\n{line}");
            assert!(
                RUNTIME_MANIFEST.contains(&format!("\n{cargo} = [")),
                "runtime/Cargo.toml lacks feature {cargo}"
            );
        }
    }

    #[test]
    fn the_runtime_crate_takes_the_dependencies_generated_crates_get() {
        // `uuid` is the emitted `idempotency_token`'s, not the runtime's.
        let runtime_parts = Feature::ALL.iter().map(|&f| part(f)).filter(|p| p.module.is_some());
        let all = BASE_DEPENDENCIES
            .iter()
            .chain(runtime_parts.flat_map(|p| p.dependencies));
        for line in all {
            let (name, spec) = line.split_once(" = ").unwrap();
            let version = spec.split('"').nth(1).unwrap();
            let found = RUNTIME_MANIFEST.lines().find(|l| l.starts_with(&format!("{name} = ")));
            let found = found.unwrap_or_else(|| panic!("runtime/Cargo.toml lacks {name}"));
            let found_version = found.split_once(" = ").unwrap().1.split('"').nth(1).unwrap();
            assert_eq!(found_version, version, "{name}");
            for feature in spec
                .split("features = [")
                .nth(1)
                .into_iter()
                .flat_map(|f| f.split(']').next())
            {
                assert!(found.contains(feature), "{name}: {found} lacks {feature}");
            }
        }
    }

    #[test]
    fn a_copy_has_no_cfg_of_a_runtime_feature_left() {
        let tags: Vec<&str> = Feature::ALL.iter().filter_map(|&f| part(f).cargo_feature).collect();
        for module in every_module() {
            for has in [true, false] {
                let text = tags
                    .iter()
                    .fold(module.source.to_owned(), |text, tag| only_if(&text, tag, has));
                for tag in &tags {
                    let cfg = format!("feature = \"{tag}\"");
                    assert!(
                        !text.contains(&cfg),
                        "{}: a `{cfg}` outside its `// <{tag}>` block",
                        module.name
                    );
                    assert!(
                        !text.contains(&format!("// <{tag}>")),
                        "{}: an unclosed block",
                        module.name
                    );
                }
            }
        }
    }

    #[test]
    fn blocks_are_kept_or_dropped_by_the_feature() {
        let source =
            "a\n// <x>\n#[cfg(feature = \"x\")]\nb\n// </x>\n// <!x>\n#[cfg(not(feature = \"x\"))]\nc\n// </!x>\nd\n";
        assert_eq!(only_if(source, "x", true), "a\nb\nd\n");
        assert_eq!(only_if(source, "x", false), "a\nc\nd\n");
        assert_eq!(only_if(source, "y", false), source);
    }

    /// The emitters' sources, which name runtime items by path inside `quote!`.
    const EMITTERS: &[(&str, &str)] = &[
        ("client", include_str!("emit/client.rs")),
        ("crate_root", include_str!("emit/crate_root.rs")),
        ("endpoint", include_str!("emit/endpoint.rs")),
        ("enums", include_str!("emit/enums.rs")),
        ("errors", include_str!("emit/errors.rs")),
        ("events", include_str!("emit/events.rs")),
        ("mod", include_str!("emit/mod.rs")),
        ("operations", include_str!("emit/operations.rs")),
        ("protocol/mod", include_str!("emit/protocol/mod.rs")),
        ("protocol/aws_json", include_str!("emit/protocol/aws_json.rs")),
        ("protocol/codec", include_str!("emit/protocol/codec.rs")),
        ("protocol/http", include_str!("emit/protocol/http.rs")),
        ("protocol/json", include_str!("emit/protocol/json.rs")),
        ("protocol/rest_json1", include_str!("emit/protocol/rest_json1.rs")),
        ("protocol/aws_query", include_str!("emit/protocol/aws_query.rs")),
        ("protocol/query", include_str!("emit/protocol/query.rs")),
        ("protocol/rest_xml", include_str!("emit/protocol/rest_xml.rs")),
        ("protocol/xml", include_str!("emit/protocol/xml.rs")),
        ("protocol_tests", include_str!("emit/protocol_tests.rs")),
        ("redaction_tests", include_str!("emit/redaction_tests.rs")),
        ("rust", include_str!("emit/rust.rs")),
        ("shapes", include_str!("emit/shapes.rs")),
        ("structures", include_str!("emit/structures.rs")),
        ("unions", include_str!("emit/unions.rs")),
        ("validate", include_str!("emit/validate.rs")),
        ("waiters", include_str!("emit/waiters.rs")),
    ];

    /// Where `text` (the file `file`) names one of `needles` outside a comment, but for the
    /// `exceptions` (file, text that starts there): "file: `needle`" for each.
    fn named_in(file: &str, text: &str, needles: &[&str], exceptions: &[(&str, &str)]) -> Vec<String> {
        let mut found = Vec::new();
        for needle in needles {
            for (at, _) in text.match_indices(needle) {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let comment = text[line_start..at].trim_start().starts_with("//");
                let excepted = (exceptions.iter()).any(|(f, t)| *f == file && text[at..].starts_with(t));
                if !comment && !excepted {
                    found.push(format!("{file}: `{needle}`"));
                }
            }
        }
        found
    }

    /// The wire format is the protocol's business: no emitter outside `emit/protocol/` names a
    /// codec (JSON, XML, the query form), their names or media types, or JSON's error header.
    /// The endpoint rule set is the one exception: a JSON document whatever the protocol, read
    /// by the runtime's JSON reader.
    #[test]
    fn only_the_protocol_emitters_name_json() {
        const WIRE: [&str; 17] = [
            "crate::json::",
            "crate::rt::json::",
            ".names.json",
            "application/json",
            "x-amzn-errortype",
            "encode_json",
            "decode_json",
            "crate::xml::",
            "crate::query::",
            ".names.xml",
            ".names.query",
            ".names.ec2_query",
            "application/xml",
            "x-www-form-urlencoded",
            "encode_xml",
            "decode_xml",
            "encode_query",
        ];
        const EXCEPTIONS: [(&str, &str); 1] = [("emit/endpoint.rs", "crate::rt::json::Reader::new(RULE_SET")];
        let mut found = Vec::new();
        let mut in_protocol = 0;
        for (emitter, text) in EMITTERS {
            let named = named_in(&format!("emit/{emitter}.rs"), text, &WIRE, &EXCEPTIONS);
            if emitter.starts_with("protocol/") {
                in_protocol += named.len();
            } else {
                found.extend(named);
            }
        }
        assert!(
            in_protocol > 10,
            "the protocol emitters name the codecs {in_protocol} times"
        );
        assert!(
            found.is_empty(),
            "a codec named outside emit/protocol/:\n{}",
            found.join("\n")
        );
    }

    /// In the runtime, the JSON codec is `json.rs`: no other module names it, its media type or
    /// its error header outside its tests, but for the exceptions listed, each with its reason.
    #[test]
    fn only_the_json_codec_names_json_in_the_runtime() {
        const WIRE: [&str; 3] = ["json::", "application/json", "x-amzn-errortype"];
        const EXCEPTIONS: [(&str, &str); 3] = [
            // The harness compares a body as its media type says; JSON is one of them.
            ("runtime/src/protocol_test.rs", "application/json\" || media_type"),
            ("runtime/src/protocol_test.rs", "json::Reader::new(bytes)"),
            // `credential_process` prints JSON, whatever the service's protocol.
            ("runtime/src/profile.rs", "json::Reader::new(&output.stdout)"),
        ];
        let found: Vec<String> = (every_module().iter())
            .filter(|m| m.name != "json")
            .flat_map(|m| {
                let code = m.source.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
                named_in(&format!("runtime/src/{}.rs", m.name), code, &WIRE, &EXCEPTIONS)
            })
            .collect();
        assert!(
            found.is_empty(),
            "JSON named outside runtime/src/json.rs:\n{}",
            found.join("\n")
        );
    }

    /// Whether `source` declares `item` (a type, trait, function, constant, or a name it
    /// re-exports).
    fn declares(source: &str, item: &str) -> bool {
        declarations(source).any(|(_, name)| name == item)
            || source
                .lines()
                .map(|line| {
                    line.trim_start()
                        .trim_start_matches("pub(crate) ")
                        .trim_start_matches("pub ")
                })
                .any(|line| line.starts_with("use ") && line.contains(item))
    }

    #[test]
    fn every_runtime_item_the_emitters_name_is_in_the_runtime() {
        // `crate::<module>::<Item>` where `<module>` is a runtime module the crate root re-exports
        // under its own name (`client` and `error` are emitted modules that add to theirs).
        let modules = every_module();
        let mut missing = Vec::new();
        let mut checked = 0;
        for (emitter, text) in EMITTERS {
            for (at, _) in text.match_indices("crate::") {
                let path: String = text[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let mut parts = path.split("::");
                let (Some(module), Some(item)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let Some(runtime) = modules.iter().find(|m| m.name == module) else {
                    continue;
                };
                if item.is_empty() {
                    continue;
                }
                checked += 1;
                let emitted = match module {
                    "client" => EMITTERS[0].1,
                    "error" => EMITTERS[4].1,
                    _ => "",
                };
                if !declares(runtime.source, item) && !declares(emitted, item) {
                    missing.push(format!("emit/{emitter}.rs: crate::{module}::{item}"));
                }
            }
        }
        assert!(checked > 100, "only {checked} paths checked");
        // And every emitter is read: the list above has each file of `emit/`.
        let mut files = Vec::new();
        for folder in ["", "protocol/"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/emit")
                .join(folder);
            for entry in std::fs::read_dir(dir).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".rs") {
                    files.push(format!("{folder}{stem}"));
                }
            }
        }
        files.sort();
        let mut listed: Vec<String> = EMITTERS.iter().map(|(name, _)| (*name).to_owned()).collect();
        listed.sort();
        assert_eq!(files, listed, "EMITTERS lists every file of codegen/src/emit/");
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "named by the emitters, not in the runtime:\n{}",
            missing.join("\n")
        );
    }
}

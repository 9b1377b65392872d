//! Stage 4: token streams → formatted text with a header; askama for the files that are not Rust.

use crate::emit::RustFile;
use crate::ir::Service;
use crate::GENERATED_MARK;
use askama::Template;

/// Parses, formats and heads a Rust file. An error here is a bug in an emitter.
pub fn rust(file: RustFile) -> Result<String, String> {
    let mut syntax: syn::File = syn::parse2(file.tokens).map_err(|e| {
        format!(
            "{}: the generator emitted invalid Rust ({e}); please report this bug",
            file.path
        )
    })?;
    syntax
        .attrs
        .insert(0, syn::parse_quote!(#![cfg_attr(rustfmt, rustfmt::skip)]));
    // Deprecation warns the crate's users; the crate itself must still use what it defines.
    syntax.attrs.insert(1, syn::parse_quote!(#![allow(deprecated)]));
    Ok(format!(
        "// {GENERATED_MARK}\n// Generated from {}.\n{}",
        file.provenance,
        prettyplease::unparse(&syntax)
    ))
}

#[derive(Template)]
#[template(path = "Cargo.toml.j2", escape = "none")]
struct CargoToml {
    header: &'static str,
    name: String,
    description: String,
    dependencies: Vec<&'static str>,
    dev_dependencies: Vec<&'static str>,
    features: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "README.md.j2", escape = "none")]
struct Readme {
    header: &'static str,
    title: String,
    version: String,
    service_id: String,
    lib_name: String,
    crate_name: String,
    protocol: &'static str,
    /// The quick start's function body, indented; empty when no operation is simple enough.
    example: Vec<String>,
    operations: Vec<ReadmeOperation>,
    skipped: Vec<String>,
}

struct ReadmeOperation {
    name: String,
    call: String,
    http: String,
}

/// `Cargo.toml`: the dependencies are only those the generated code uses.
pub fn cargo_toml(service: &Service) -> Result<String, askama::Error> {
    let mut dependencies: Vec<&str> = crate::runtime::dependencies(service).into_iter().collect();
    let mut features = vec![
        "default = [\"default-https-client\"]",
        "default-https-client = [\"dep:bytes\", \"dep:http-body-util\", \"dep:hyper\", \"dep:hyper-rustls\", \"dep:hyper-util\", \"dep:rustls\"]",
        "test-util = []",
    ];
    // `aws-config`: a configuration from the official SDK's `SdkConfig`, its credentials chain included.
    features.push("aws-config = [\"dep:aws-credential-types\", \"dep:aws-types\"]");
    dependencies.sort_unstable();
    CargoToml {
        header: GENERATED_MARK,
        name: toml_string(&service.crate_name),
        description: toml_string(&format!(
            "A client for {}, generated from its Smithy model.",
            service.title
        )),
        dependencies,
        dev_dependencies: crate::runtime::dev_dependencies(service).into_iter().collect(),
        features,
    }
    .render()
    .map(|text| text + "\n")
}

/// `README.md` of the generated crate.
pub fn readme(service: &Service) -> Result<String, askama::Error> {
    let lib_name = service.crate_name.replace('-', "_");
    let operations = service
        .operations
        .iter()
        .map(|op| {
            let args: Vec<String> = op
                .input
                .constructor_args()
                .map(|m| m.field.trim_start_matches("r#").to_owned())
                .collect();
            ReadmeOperation {
                name: op.id.name().to_owned(),
                call: format!("client.{}({})", op.method, args.join(", ")),
                http: format!("{} {}", op.http.method, op.http.uri.text),
            }
        })
        .collect();
    Readme {
        header: GENERATED_MARK,
        title: service.title.clone(),
        version: service.version.clone(),
        service_id: service.id.to_string(),
        lib_name,
        crate_name: service.crate_name.clone(),
        protocol: service.protocol.name(),
        example: crate::emit::example_statements(service)
            .map(|(_, lines)| lines.iter().map(|l| format!("    {l}")).collect())
            .unwrap_or_default(),
        operations,
        skipped: service
            .skipped
            .iter()
            .map(|(id, why)| format!("`{id}`: {why}"))
            .collect(),
    }
    .render()
    .map(|text| text + "\n")
}

/// A TOML basic string (JSON's escapes are valid TOML).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

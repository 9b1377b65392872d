//! Every Rust identifier the generator emits is decided here, once.
//!
//! Policy: heck's case conversion, then escaping. Fields and functions that hit a keyword become
//! raw identifiers (`r#type`), except the five that cannot be raw (`self`, `Self`, `super`,
//! `crate`, `_`), which get a `_` suffix. Module and file names always use the suffix, so no file
//! is ever named after a keyword (`mod.rs`!). Types never collide with std names because the
//! generated code names std items by absolute path.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of every edition, 2024's `gen` included.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `word` is a Rust keyword in some edition.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A type name (`UpperCamelCase`) for a shape or synthesized type.
pub fn type_name(name: &str) -> String {
    let camel = camel(name);
    if camel == "Self" {
        "Self_".to_owned()
    } else {
        camel
    }
}

/// The `UpperCamelCase` form of a name, not escaped: the stem of synthesized names.
pub fn camel(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    let camel = if camel.is_empty() { "Shape".to_owned() } else { camel };
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    }
}

/// A field or function name (`snake_case`), escaped: `r#type`, `self_`.
pub fn field_name(name: &str) -> String {
    escape_value(&snake(name))
}

/// A module and file name (`snake_case`), escaped with a `_` suffix, never raw.
pub fn module_name(name: &str) -> String {
    let snake = snake(name);
    if is_keyword(&snake) || NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// An identifier with no escaping, for use inside a longer name (`is_{}`, `{}_error`).
pub fn snake(name: &str) -> String {
    let snake = name.to_snake_case();
    if snake.is_empty() {
        "member".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    }
}

fn escape_value(snake: &str) -> String {
    if NOT_RAW.contains(&snake) {
        format!("{snake}_")
    } else if is_keyword(snake) {
        format!("r#{snake}")
    } else {
        snake.to_owned()
    }
}

/// The crate (package) name for a service's `sdkId`: lowercase, words joined by `-`.
pub fn crate_name(sdk_id: &str) -> String {
    let words: Vec<String> = sdk_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let name = words.join("-");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("service-{name}")
    } else if crate_name_problem(&name).is_some() {
        // A keyword or a standard crate's name (`sdkId` "Type", "Core").
        format!("{name}-service")
    } else {
        name
    }
}

/// Why `name` cannot be the generated crate's package name, if it cannot: Cargo's rules (ASCII
/// letters, digits, `-` and `_`, not starting with a digit, at most 64 characters), and a library
/// name (`-` as `_`) that is neither a Rust keyword nor a standard crate it would shadow.
pub fn crate_name_problem(name: &str) -> Option<String> {
    let lib = name.replace('-', "_");
    let why = if name.is_empty() {
        "it is empty"
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        "Cargo takes only ASCII letters, digits, `-` and `_`"
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        "it must start with a letter or `_`"
    } else if name.len() > 64 {
        "it is longer than the 64 characters crates.io takes"
    } else if is_keyword(&lib) {
        "its library name is a Rust keyword"
    } else if ["std", "core", "alloc", "proc_macro", "test"].contains(&lib.as_str()) {
        "its library name is a standard crate's"
    } else {
        return None;
    };
    Some(format!("`{name}` cannot name the crate: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_is_escaped_in_every_position() {
        for kw in KEYWORDS.iter().chain(NOT_RAW) {
            let field = field_name(kw);
            let module = module_name(kw);
            let ident = field.strip_prefix("r#").unwrap_or(&field);
            // What we emit must parse as an identifier.
            assert!(syn::parse_str::<syn::Ident>(&field).is_ok(), "field {field}");
            assert!(syn::parse_str::<syn::Ident>(&module).is_ok(), "module {module}");
            assert!(!is_keyword(&module) && !module.starts_with("r#"), "module {module}");
            if NOT_RAW.contains(&ident) || field.ends_with('_') {
                assert!(field.ends_with('_'), "{kw} -> {field}");
            }
            let ty = type_name(kw);
            assert!(syn::parse_str::<syn::Ident>(&ty).is_ok(), "type {ty}");
        }
    }

    #[test]
    fn cases_and_acronyms() {
        assert_eq!(type_name("RPCEcho"), "RpcEcho");
        assert_eq!(type_name("HTTPCode"), "HttpCode");
        assert_eq!(field_name("dataSourceId"), "data_source_id");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("gen"), "r#gen");
        assert_eq!(module_name("type"), "type_");
        assert_eq!(module_name("Mod"), "mod_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("PARTIALLY_SUCCEEDED"), "PartiallySucceeded");
        assert_eq!(type_name("_1"), "V1");
        assert_eq!(crate_name("DataZone"), "datazone");
        assert_eq!(crate_name("Rest Json Protocol"), "rest-json-protocol");
        assert_eq!(crate_name("Type"), "type-service");
        assert_eq!(crate_name("Core"), "core-service");
        assert_eq!(crate_name("2fa"), "service-2fa");
        for bad in ["", "my crate", "données", "9lives", "fn", "self", "std", "proc-macro"] {
            assert!(crate_name_problem(bad).is_some(), "{bad}");
        }
        for good in ["datazone", "global-service", "_private", "s3-control_v2"] {
            assert_eq!(crate_name_problem(good), None, "{good}");
        }
    }
}

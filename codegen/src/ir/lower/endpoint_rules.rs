//! The functions endpoint rules may call, against those the runtime's engine evaluates.

use super::*;

/// The functions of the rules language the runtime's engine evaluates (`call` in
/// `runtime/src/endpoint_rules.rs`; a test keeps the two lists the same).
pub(crate) const RULE_FUNCTIONS: &[&str] = &[
    "isSet",
    "not",
    "booleanEquals",
    "stringEquals",
    "getAttr",
    "isValidHostLabel",
    "substring",
    "uriEncode",
    "parseURL",
    "aws.partition",
    "aws.parseArn",
    "aws.isVirtualHostableS3Bucket",
];

/// A warning for each function the rules call that the engine does not evaluate: resolution
/// fails with "unsupported function" wherever the rules reach it.
pub(super) fn check_rule_functions(service: &ShapeId, rules: &serde_json::Value, warnings: &mut Vec<Problem>) {
    fn walk<'v>(value: &'v serde_json::Value, found: &mut BTreeSet<&'v str>) {
        match value {
            serde_json::Value::Object(o) => {
                if let Some(name) = o.get("fn").and_then(|f| f.as_str()) {
                    found.insert(name);
                }
                o.values().for_each(|v| walk(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    let mut found = BTreeSet::new();
    walk(rules, &mut found);
    for name in found.into_iter().filter(|n| !RULE_FUNCTIONS.contains(n)) {
        warnings.push(Problem::new(
            service,
            format!("the endpoint rules call `{name}`, which the rules engine does not implement: resolving an endpoint that needs it fails"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE_FUNCTIONS;

    #[test]
    fn the_rules_engine_evaluates_every_function_listed() {
        let engine = include_str!("../../../../runtime/src/endpoint_rules.rs");
        let call = &engine[engine.find("fn call(").expect("the engine's `call`")..];
        for name in RULE_FUNCTIONS {
            assert!(
                call.contains(&format!("\"{name}\" =>")),
                "the engine does not evaluate `{name}`"
            );
        }
        let arms = call.matches("\" =>").count();
        assert_eq!(
            arms,
            RULE_FUNCTIONS.len(),
            "the engine evaluates a function the list lacks"
        );
    }
}

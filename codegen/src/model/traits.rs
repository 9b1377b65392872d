//! The values of Smithy's prelude traits, checked against their definitions.
//!
//! The later stages read trait values leniently (`as_str()`, `as_u64()`); without this check a
//! `"timestampFormat": "rfc3339"` or an `"httpError": "500"` would silently fall back to a default
//! and put different bytes on the wire than the model meant. Every wrong value is a problem;
//! a `smithy.api#` trait this generator does not know (usually a typo) is a warning, since it may
//! be newer than the generator. A trait it knows and does not implement ([`NOT_IMPLEMENTED`]) is a
//! warning that says what the client does instead. Other traits of other namespaces are the
//! model's own business.

use super::{Model, Shape, Traits};
use crate::problem::Problem;
use serde_json::Value;

/// Traits the generator knows and does not implement, with what the generated client does
/// instead. Each is a warning: on the shape that carries it, or one naming the shapes where
/// several do.
pub const NOT_IMPLEMENTED: &[(&str, &str)] = &[
    (
        "aws.api#clientEndpointDiscovery",
        "endpoint discovery is not done: calls go to the endpoint the endpoint rules resolve; where the service requires discovered endpoints, set one with `Config::builder().endpoint_url(..)`",
    ),
    (
        "smithy.rules#operationContextParams",
        "the endpoint parameters it names are not set from the input: the endpoint rules resolve without them",
    ),
    (
        "aws.protocols#httpChecksum",
        "request and response checksums are neither sent nor checked",
    ),
    ("smithy.test#smokeTests", "the smoke tests are not generated"),
];

/// The problems and the warnings of every trait of every shape and member outside the prelude.
pub fn check(model: &Model) -> (Vec<Problem>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    // Protocol test cases become test functions named by their ids: identifiers, unique per kind.
    let mut test_ids: std::collections::BTreeMap<(&str, &str), String> = Default::default();
    for (id, shape) in &model.shapes {
        for kind in ["smithy.test#httpRequestTests", "smithy.test#httpResponseTests"] {
            let Some(cases) = shape.traits().raw().get(kind) else {
                continue;
            };
            let Some(cases) = cases.as_array() else {
                problems.push(Problem::new(id, format!("`{kind}` must be a list of test cases")));
                continue;
            };
            for case in cases {
                match case.get("id").and_then(Value::as_str) {
                    Some(case_id) if super::shape_id_is_identifier(case_id) => {
                        if let Some(first) = test_ids.insert((kind, case_id), id.to_string()) {
                            problems.push(Problem::new(
                                id,
                                format!("`{kind}` id `{case_id}` is also used by {first}"),
                            ));
                        }
                    }
                    Some(case_id) => problems.push(Problem::new(
                        id,
                        format!("`{kind}` id {case_id:?} is not a Smithy identifier"),
                    )),
                    None => problems.push(Problem::new(id, format!("`{kind}` has a test case without an `id`"))),
                }
            }
        }
    }
    // By trait: where it is on several shapes (smoke tests on every operation), one warning.
    let mut not_implemented: std::collections::BTreeMap<&str, Vec<(&super::ShapeId, String)>> = Default::default();
    for (id, shape) in &model.shapes {
        if id.namespace() == "smithy.api" {
            continue;
        }
        for (name, consequence) in NOT_IMPLEMENTED {
            let Some(value) = shape.traits().raw().get(*name) else {
                continue;
            };
            // Name what the trait holds where it is a map of named things (waiters, smoke tests).
            let named: Vec<&str> = match value {
                Value::Object(map) => map.keys().map(String::as_str).collect(),
                Value::Array(cases) => cases
                    .iter()
                    .filter_map(|c| c.get("id").and_then(Value::as_str))
                    .collect(),
                _ => Vec::new(),
            };
            let what = if named.is_empty() {
                format!("`{name}`")
            } else {
                format!("`{name}` ({})", named.join(", "))
            };
            not_implemented
                .entry(*name)
                .or_default()
                .push((id, format!("{what}: {consequence}")));
        }
        let mut check_all = |subject: String, traits: &Traits| {
            for (name, value) in traits.raw() {
                let Some(trait_name) = name.strip_prefix("smithy.api#") else {
                    if let Some(warning) = unknown_elsewhere(name) {
                        warnings.push(Problem::new(&subject, warning));
                    }
                    continue;
                };
                match definition(trait_name) {
                    Some(expected) => match expected.check(value) {
                        // A value that only documents is ignored where it is wrong: the client is
                        // the same without it.
                        Err(why) if DOCUMENTARY.contains(&trait_name) => {
                            warnings.push(Problem::new(&subject, format!("`{name}` {why}; it is ignored")))
                        }
                        Err(why) => problems.push(Problem::new(&subject, format!("`{name}` {why}"))),
                        Ok(()) => warnings.extend(quirk(trait_name, value).map(|q| Problem::new(&subject, format!("`{name}` {q}")))),
                    },
                    None => match crate::suggest::did_you_mean(trait_name, known()) {
                        Some(meant) if API_CHANGING.contains(&meant) => problems.push(Problem::new(
                            &subject,
                            format!("`{name}` is not a prelude trait: did you mean `smithy.api#{meant}`? (as it is, the generated API would differ)"),
                        )),
                        Some(meant) => warnings.push(Problem::new(
                            &subject,
                            format!("`{name}` is not a prelude trait this generator knows; it is ignored (did you mean `smithy.api#{meant}`?)"),
                        )),
                        None => warnings.push(Problem::new(
                            &subject,
                            format!("`{name}` is not a prelude trait this generator knows; it is ignored"),
                        )),
                    },
                }
            }
        };
        check_all(id.to_string(), shape.traits());
        if !matches!(shape, Shape::Apply(_)) {
            for (member, m) in shape.members() {
                check_all(id.with_member(member).to_string(), &m.traits);
            }
        }
    }
    for (name, mut places) in not_implemented {
        if places.len() == 1 {
            let (id, message) = places.remove(0);
            warnings.push(Problem::new(id, message));
            continue;
        }
        let consequence = NOT_IMPLEMENTED.iter().find(|(n, _)| *n == name).map_or("", |(_, c)| *c);
        const SHOWN: usize = 5;
        let mut ids: Vec<String> = places.iter().take(SHOWN).map(|(id, _)| id.to_string()).collect();
        if places.len() > SHOWN {
            ids.push(format!("and {} more", places.len() - SHOWN));
        }
        warnings.push(Problem::new(
            "model",
            format!(
                "`{name}` on {} shapes ({}): {consequence}",
                places.len(),
                ids.join(", ")
            ),
        ));
    }
    (problems, warnings)
}

/// The traits of the other namespaces Smithy and AWS define (as the Smithy specification lists
/// them), whether or not the generator uses them: a trait of one of these namespaces that is not
/// here is a misspelling, or one newer than the generator.
const OTHER_NAMESPACES: &[(&str, &[&str])] = &[
    (
        "aws.api",
        &[
            "service",
            "arn",
            "arnReference",
            "clientDiscoveredEndpoint",
            "clientEndpointDiscovery",
            "clientEndpointDiscoveryId",
            "controlPlane",
            "data",
            "dataPlane",
            "tagEnabled",
            "taggable",
        ],
    ),
    ("aws.auth", &["sigv4", "sigv4a", "unsignedPayload", "cognitoUserPools"]),
    (
        "aws.protocols",
        &[
            "restJson1",
            "awsJson1_0",
            "awsJson1_1",
            "awsQuery",
            "awsQueryCompatible",
            "awsQueryError",
            "ec2Query",
            "ec2QueryName",
            "restXml",
            "httpChecksum",
        ],
    ),
    (
        "aws.cloudformation",
        &[
            "cfnResource",
            "cfnExcludeProperty",
            "cfnMutability",
            "cfnName",
            "cfnAdditionalIdentifier",
            "cfnDefaultValue",
        ],
    ),
    (
        "aws.iam",
        &[
            "actionName",
            "actionPermissionDescription",
            "conditionKeys",
            "conditionKeyValue",
            "defineConditionKeys",
            "disableConditionKeyInference",
            "iamAction",
            "iamResource",
            "requiredActions",
            "serviceResolvedConditionKeys",
            "supportedPrincipalTypes",
        ],
    ),
    (
        "aws.endpoints",
        &[
            "dualStackOnlyEndpoints",
            "rulesBasedEndpoints",
            "standardRegionalEndpoints",
            "standardPartitionalEndpoints",
        ],
    ),
    (
        "smithy.rules",
        &[
            "endpointRuleSet",
            "endpointTests",
            "clientContextParams",
            "staticContextParams",
            "contextParam",
            "operationContextParams",
        ],
    ),
    ("smithy.waiters", &["waitable"]),
    (
        "smithy.test",
        &[
            "httpRequestTests",
            "httpResponseTests",
            "httpMalformedRequestTests",
            "smokeTests",
            "eventStreamTests",
        ],
    ),
];

/// The warning for trait `name` if it is in one of [`OTHER_NAMESPACES`] but not one of its traits.
fn unknown_elsewhere(name: &str) -> Option<String> {
    let (namespace, trait_name) = name.split_once('#')?;
    let (_, known) = OTHER_NAMESPACES.iter().find(|(ns, _)| *ns == namespace)?;
    if known.contains(&trait_name) {
        return None;
    }
    let hint = match crate::suggest::did_you_mean(trait_name, known.iter().copied()) {
        Some(meant) => format!(" (did you mean `{namespace}#{meant}`?)"),
        None => String::new(),
    };
    Some(format!(
        "`{name}` is not a trait of `{namespace}` this generator knows; it is ignored{hint}"
    ))
}

/// Prelude traits whose misspelling would change the generated API or the wire (a member no
/// longer required, bound elsewhere, named otherwise, shown in `Debug`): an error, not a warning.
const API_CHANGING: &[&str] = &[
    "required",
    "default",
    "clientOptional",
    "httpLabel",
    "httpQuery",
    "httpQueryParams",
    "httpHeader",
    "httpPrefixHeaders",
    "httpPayload",
    "httpResponseCode",
    "httpError",
    "error",
    "jsonName",
    "timestampFormat",
    "idempotencyToken",
    "sensitive",
    "streaming",
    "http",
    "enumValue",
];

/// What a trait's value must be.
enum Expected {
    /// Any value (checked where it is used, like `default` against its target).
    Any,
    /// An annotation trait: an object (`{}`); its fields are not read.
    Annotation,
    /// A boolean.
    Boolean,
    /// A number.
    Number,
    /// A string.
    Text,
    /// A string that is not empty.
    NonEmptyText,
    /// An HTTP header name (an RFC 9110 token), or a prefix of one when `prefix` (which may be
    /// empty).
    HeaderName { prefix: bool },
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// An integer in this range.
    Integer(u64, u64),
    /// A string or an integer.
    TextOrInteger,
    /// A list of strings.
    TextList,
    /// An object with these fields; the `bool` marks the required ones. Other fields are allowed.
    Object(&'static [(&'static str, Expected, bool)]),
    /// An object whose every value is a string.
    TextMap,
    /// A list of objects with these fields.
    ObjectList(&'static [(&'static str, Expected, bool)]),
}

/// Prelude traits whose value only documents: a wrong one is a warning, and ignored.
const DOCUMENTARY: &[&str] = &[
    "documentation",
    "title",
    "since",
    "tags",
    "externalDocumentation",
    "deprecated",
];

/// What is odd about a value its definition allows, where a correct client can still be made
/// (published models carry such quirks): a warning, never a problem.
fn quirk(trait_name: &str, value: &Value) -> Option<String> {
    match (trait_name, value.as_u64()) {
        ("httpError", Some(status)) if !(400..=599).contains(&status) => Some(format!(
            "is {status}, outside the 400–599 the specification allows for errors; kept as the error's \
             HTTP status (the client tells errors apart by their code)"
        )),
        _ => None,
    }
}

/// Every prelude trait the generator knows, in groups that take the same kind of value.
const DEFINITIONS: &[(&[&str], Expected)] = {
    use Expected::*;
    &[
        (
            &[
                "documentation",
                "jsonName",
                "mediaType",
                "title",
                "pattern",
                "since",
                "xmlName",
            ],
            Text,
        ),
        (&["endpoint"], Object(&[("hostPrefix", Text, true)])),
        (
            &["xmlNamespace"],
            Object(&[("uri", Text, true), ("prefix", Text, false)]),
        ),
        (&["httpQuery"], NonEmptyText),
        (&["httpHeader"], HeaderName { prefix: false }),
        (&["httpPrefixHeaders"], HeaderName { prefix: true }),
        (
            &["timestampFormat"],
            OneOf(&["date-time", "http-date", "epoch-seconds"]),
        ),
        (&["error"], OneOf(&["client", "server"])),
        // 400–599 is what the specification allows; `quirk` warns of the rest of 100–999.
        (&["httpError"], Integer(100, 999)),
        (&["enumValue"], TextOrInteger),
        (&["tags"], TextList),
        (&["externalDocumentation"], TextMap),
        (
            &["http"],
            Object(&[
                (
                    "method",
                    OneOf(&["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]),
                    true,
                ),
                ("uri", Text, true),
                ("code", Integer(100, 999), false),
            ]),
        ),
        (
            &["length"],
            Object(&[
                ("min", Integer(0, u64::MAX), false),
                ("max", Integer(0, u64::MAX), false),
            ]),
        ),
        (&["range"], Object(&[("min", Number, false), ("max", Number, false)])),
        (
            &["paginated"],
            Object(&[
                ("inputToken", Text, false),
                ("outputToken", Text, false),
                ("items", Text, false),
                ("pageSize", Text, false),
            ]),
        ),
        (&["retryable"], Object(&[("throttling", Boolean, false)])),
        (
            &["deprecated"],
            Object(&[("message", Text, false), ("since", Text, false)]),
        ),
        (&["mixin"], Object(&[("localTraits", TextList, false)])),
        (
            &["enum"],
            ObjectList(&[
                ("value", Text, true),
                ("name", Text, false),
                ("documentation", Text, false),
                ("tags", TextList, false),
                ("deprecated", Boolean, false),
            ]),
        ),
        (
            &[
                "default",
                "addedDefault",
                "examples",
                "suppress",
                "references",
                "auth",
                "cors",
                "trait",
                "protocolDefinition",
                "authDefinition",
                "httpApiKeyAuth",
                "requestCompression",
                "traitValidators",
                "recommended",
                "property",
                "nestedProperties",
                "resourceIdentifier",
                "idRef",
            ],
            Any,
        ),
        (
            &[
                "required",
                "sensitive",
                "idempotencyToken",
                "idempotent",
                "readonly",
                "httpLabel",
                "httpPayload",
                "httpQueryParams",
                "httpResponseCode",
                "sparse",
                "clientOptional",
                "input",
                "output",
                "streaming",
                "uniqueItems",
                "requiresLength",
                "httpChecksumRequired",
                "eventPayload",
                "eventHeader",
                "unitType",
                "box",
                "private",
                "internal",
                "unstable",
                "noReplace",
                "notProperty",
                "optionalAuth",
                "httpBasicAuth",
                "httpDigestAuth",
                "httpBearerAuth",
                "xmlAttribute",
                "xmlFlattened",
                "hostLabel",
            ],
            Annotation,
        ),
    ]
};

/// What the value of prelude trait `name` must be, if the generator knows the trait.
fn definition(name: &str) -> Option<&'static Expected> {
    DEFINITIONS
        .iter()
        .find(|(names, _)| names.contains(&name))
        .map(|(_, expected)| expected)
}

/// Every prelude trait the generator knows, for suggestions.
fn known() -> impl Iterator<Item = &'static str> {
    DEFINITIONS.iter().flat_map(|(names, _)| names.iter().copied())
}

impl Expected {
    fn check(&self, value: &Value) -> Result<(), String> {
        let shown = || {
            let text = value.to_string();
            if text.chars().count() > 40 {
                format!("{}…", text.chars().take(40).collect::<String>())
            } else {
                text
            }
        };
        match self {
            Expected::Any => Ok(()),
            Expected::Annotation if value.is_object() => Ok(()),
            Expected::Annotation => Err(format!("must be an object (`{{}}`), not {}", shown())),
            Expected::Boolean if value.is_boolean() => Ok(()),
            Expected::Boolean => Err(format!("must be a boolean, not {}", shown())),
            Expected::Number if value.is_number() => Ok(()),
            Expected::Number => Err(format!("must be a number, not {}", shown())),
            Expected::Text if value.is_string() => Ok(()),
            Expected::Text => Err(format!("must be a string, not {}", shown())),
            Expected::NonEmptyText if value.as_str().is_some_and(|s| !s.is_empty()) => Ok(()),
            Expected::NonEmptyText => Err(format!("must be a non-empty string, not {}", shown())),
            Expected::HeaderName { prefix } => match value.as_str() {
                Some(name) if (*prefix || !name.is_empty()) && name.bytes().all(is_token_byte) => Ok(()),
                Some(_) => Err(format!(
                    "must be an HTTP header name{}: letters, digits and ``!#$%&'*+-.^_`|~``, not {}",
                    if *prefix { " prefix" } else { "" },
                    shown()
                )),
                None => Err(format!("must be a string, not {}", shown())),
            },
            Expected::OneOf(allowed) if value.as_str().is_some_and(|s| allowed.contains(&s)) => Ok(()),
            Expected::OneOf(allowed) => Err(format!(
                "must be one of {}, not {}",
                allowed.iter().map(|a| format!("{a:?}")).collect::<Vec<_>>().join(", "),
                shown()
            )),
            Expected::Integer(min, max) if value.as_u64().is_some_and(|n| (*min..=*max).contains(&n)) => Ok(()),
            Expected::Integer(min, u64::MAX) => Err(format!("must be an integer of at least {min}, not {}", shown())),
            Expected::Integer(min, max) => Err(format!("must be an integer from {min} to {max}, not {}", shown())),
            Expected::TextOrInteger if value.is_string() || value.is_i64() || value.is_u64() => Ok(()),
            Expected::TextOrInteger => Err(format!("must be a string or an integer, not {}", shown())),
            Expected::TextList if value.as_array().is_some_and(|a| a.iter().all(Value::is_string)) => Ok(()),
            Expected::TextList => Err(format!("must be a list of strings, not {}", shown())),
            Expected::TextMap if value.as_object().is_some_and(|o| o.values().all(Value::is_string)) => Ok(()),
            Expected::TextMap => Err(format!("must be an object of strings, not {}", shown())),
            Expected::Object(fields) => check_object(value, fields)
                .map_err(|why| why.unwrap_or_else(|| format!("must be an object, not {}", shown()))),
            Expected::ObjectList(fields) => {
                let Some(items) = value.as_array() else {
                    return Err(format!("must be a list of objects, not {}", shown()));
                };
                for (i, item) in items.iter().enumerate() {
                    check_object(item, fields)
                        .map_err(|why| format!("[{i}] {}", why.unwrap_or_else(|| "must be an object".to_owned())))?;
                }
                Ok(())
            }
        }
    }
}

/// Whether `b` may be in an HTTP token (a header name): RFC 9110's `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `Err(None)` when the value is not an object; `Err(Some(why))` when fields are wrong (each).
fn check_object(value: &Value, fields: &[(&str, Expected, bool)]) -> Result<(), Option<String>> {
    let object = value.as_object().ok_or(None)?;
    let wrong: Vec<String> = fields
        .iter()
        .filter_map(|(field, expected, required)| match object.get(*field) {
            Some(v) => expected.check(v).err().map(|why| format!("`{field}` {why}")),
            None if *required => Some(format!("needs `{field}`")),
            None => None,
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(Some(wrong.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_namespace_needs_its_uri() {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "structure", "members": {}, "traits": {"smithy.api#xmlNamespace": {"prefix": "a"}}},
            "a#T": {"type": "structure", "members": {}, "traits": {"smithy.api#xmlNamespace": {"uri": "https://t/"}}}
        }}"#;
        let (model, _) = crate::model::load(model).unwrap();
        let (problems, _) = check(&model);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("a#S") && problems[0].contains("needs `uri`"),
            "{problems:?}"
        );
    }

    #[test]
    fn the_api_changing_traits_are_traits_the_generator_knows() {
        for name in API_CHANGING {
            assert!(definition(name).is_some(), "{name} is not known");
        }
    }
}

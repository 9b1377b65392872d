//! The traits the generator reads, as typed values: [`Known`], parsed once from a shape's or a
//! member's trait map when the model is read (and again when `apply` or a mixin adds to it).
//!
//! Parsing is lenient: a value of the wrong type reads as absent. [`super::traits::check`] has
//! already reported every wrong value of a prelude trait as a problem, and a model with problems
//! generates nothing, so the leniency never reaches generated code. The large structured values
//! whose meaning is the IR's business (waiters, protocol tests, endpoint rules) are not copied
//! here: [`super::Traits`] gives them as JSON, by name, to the IR module that types them
//! (`ir::lower::operations`, `ir::protocol_tests`, `ir::endpoint_rules`); so it gives the
//! documentation, the largest text of a model, as it is.

use serde_json::{Number, Value};
use std::collections::BTreeMap;

/// The typed values of the traits a shape or member carries; a trait it lacks is `None`,
/// `false` or empty.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// `smithy.api#externalDocumentation`: (title, URL), by title.
    pub external_documentation: Option<Vec<(String, String)>>,
    /// `smithy.api#title`.
    pub title: Option<String>,
    /// `smithy.api#deprecated`.
    pub deprecated: Option<Deprecated>,

    /// `smithy.api#required`.
    pub required: bool,
    /// `smithy.api#clientOptional`.
    pub client_optional: bool,
    /// `smithy.api#box` (Smithy 1.0): a member of a primitive shape that has no zero default.
    pub boxed: bool,
    /// `smithy.api#default`: the value, `null` included.
    pub default: Option<Value>,
    /// `smithy.api#sparse`.
    pub sparse: bool,
    /// `smithy.api#sensitive`.
    pub sensitive: bool,
    /// `smithy.api#idempotencyToken`.
    pub idempotency_token: bool,
    /// `smithy.api#jsonName`.
    pub json_name: Option<String>,
    /// `smithy.api#xmlName`.
    pub xml_name: Option<String>,
    /// `smithy.api#xmlAttribute`.
    pub xml_attribute: bool,
    /// `smithy.api#xmlFlattened`.
    pub xml_flattened: bool,
    /// `smithy.api#xmlNamespace`.
    pub xml_namespace: Option<XmlNamespace>,
    /// `aws.protocols#ec2QueryName`.
    pub ec2_query_name: Option<String>,
    /// `smithy.api#timestampFormat`.
    pub timestamp_format: Option<TimestampFormat>,
    /// `smithy.api#mediaType`.
    pub media_type: Option<String>,
    /// `smithy.api#enumValue`: a string or an integer.
    pub enum_value: Option<Value>,
    /// `smithy.api#enum` (Smithy 1.0): a string shape's values.
    pub enum_definitions: Option<Vec<EnumDefinition>>,

    /// `smithy.api#length`: min and max.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `smithy.api#range`: min and max.
    pub range: Option<(Option<Number>, Option<Number>)>,
    /// `smithy.api#pattern`, as the model writes it.
    pub pattern: Option<String>,

    /// `smithy.api#error`: whose fault.
    pub error: Option<Fault>,
    /// `smithy.api#httpError`.
    pub http_error: Option<u16>,
    /// `smithy.api#retryable`.
    pub retryable: Option<Retryable>,
    /// `smithy.api#unitType`.
    pub unit_type: bool,
    /// `smithy.api#streaming`.
    pub streaming: bool,
    /// `smithy.api#requiresLength`.
    pub requires_length: bool,
    /// `smithy.api#trait`: the shape defines a trait.
    pub is_trait: bool,

    /// `smithy.api#http`.
    pub http: Option<HttpTrait>,
    /// `smithy.api#httpLabel`.
    pub http_label: bool,
    /// `smithy.api#httpQuery`: the parameter's name.
    pub http_query: Option<String>,
    /// `smithy.api#httpQueryParams`.
    pub http_query_params: bool,
    /// `smithy.api#httpHeader`: the header's name.
    pub http_header: Option<String>,
    /// `smithy.api#httpPrefixHeaders`: the prefix.
    pub http_prefix_headers: Option<String>,
    /// `smithy.api#httpPayload`.
    pub http_payload: bool,
    /// `smithy.api#httpResponseCode`.
    pub http_response_code: bool,
    /// `smithy.api#eventPayload`.
    pub event_payload: bool,
    /// `smithy.api#eventHeader`.
    pub event_header: bool,

    /// `smithy.api#readonly`.
    pub readonly: bool,
    /// `smithy.api#idempotent`.
    pub idempotent: bool,
    /// `smithy.api#httpChecksumRequired`.
    pub http_checksum_required: bool,
    /// `smithy.api#endpoint`: the host prefix.
    pub host_prefix: Option<String>,
    /// `smithy.api#requestCompression`: the encodings, in the model's order.
    pub request_compression: Vec<String>,
    /// `smithy.api#paginated`, on an operation or (as defaults) on a service.
    pub paginated: Option<PaginatedTrait>,
    /// `smithy.api#auth`: the schemes' trait ids, in order.
    pub auth: Option<Vec<String>>,
    /// `smithy.api#optionalAuth`.
    pub optional_auth: bool,
    /// `aws.auth#unsignedPayload`.
    pub unsigned_payload: bool,
    /// `smithy.rules#staticContextParams`: each parameter's value, by name.
    pub static_context_params: Vec<(String, Value)>,
    /// `smithy.rules#contextParam`: the parameter's name.
    pub context_param: Option<String>,

    /// `aws.api#service`: the SDK id.
    pub sdk_id: Option<String>,
    /// `aws.auth#sigv4`: the signing name.
    pub signing_name: Option<String>,
    /// `aws.protocols#awsQueryCompatible`.
    pub query_compatible: bool,
    /// `aws.protocols#restXml(noErrorWrapping: true)`.
    pub no_error_wrapping: bool,
    /// `aws.protocols#awsQueryError`.
    pub query_error: Option<QueryError>,
}

/// `smithy.api#xmlNamespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    /// `uri`.
    pub uri: String,
    /// `prefix`: the element is written `prefix:name` with `xmlns:prefix="uri"`.
    pub prefix: Option<String>,
}

/// `aws.protocols#awsQueryError`: how the awsQuery protocol names an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// `code`: the error's code in awsQuery error responses.
    pub code: String,
    /// `httpResponseCode`: the status of those responses.
    pub http_status: Option<u16>,
}

/// `smithy.api#deprecated`.
#[derive(Debug, Clone)]
pub struct Deprecated {
    /// Why, and what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// `smithy.api#timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `date-time`: RFC 3339.
    DateTime,
    /// `http-date`: IMF-fixdate.
    HttpDate,
    /// `epoch-seconds`: a number of seconds, with a fraction.
    EpochSeconds,
}

impl TimestampFormat {
    /// The trait's value, if it is one of the three.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "date-time" => Some(Self::DateTime),
            "http-date" => Some(Self::HttpDate),
            "epoch-seconds" => Some(Self::EpochSeconds),
            _ => None,
        }
    }
}

/// One value of Smithy 1.0's `smithy.api#enum`.
#[derive(Debug, Clone)]
pub struct EnumDefinition {
    /// The value on the wire.
    pub value: Option<String>,
    /// The constant's name.
    pub name: Option<String>,
    /// Its documentation.
    pub documentation: Option<String>,
    /// Whether it is deprecated.
    pub deprecated: bool,
}

/// Whose fault an error is (`smithy.api#error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `client`.
    Client,
    /// `server`.
    Server,
}

/// `smithy.api#retryable`.
#[derive(Debug, Clone, Copy)]
pub struct Retryable {
    /// Whether the error is a throttle.
    pub throttling: bool,
}

/// `smithy.api#http`: the request's method and URI pattern and the success code, each as the
/// model writes it.
#[derive(Debug, Clone)]
pub struct HttpTrait {
    /// `method`.
    pub method: Option<String>,
    /// `uri`.
    pub uri: Option<String>,
    /// `code`.
    pub code: Option<u64>,
}

/// `smithy.api#paginated`: the members it names, each optional (a service's trait gives
/// defaults for its operations').
#[derive(Debug, Clone, Default)]
pub struct PaginatedTrait {
    /// `inputToken`.
    pub input_token: Option<String>,
    /// `outputToken`.
    pub output_token: Option<String>,
    /// `pageSize`.
    pub page_size: Option<String>,
    /// `items`.
    pub items: Option<String>,
}

impl PaginatedTrait {
    /// This trait's members, each taken from `defaults` (the service's trait) where it names none.
    pub fn or(&self, defaults: &PaginatedTrait) -> PaginatedTrait {
        let or = |own: &Option<String>, default: &Option<String>| own.clone().or_else(|| default.clone());
        PaginatedTrait {
            input_token: or(&self.input_token, &defaults.input_token),
            output_token: or(&self.output_token, &defaults.output_token),
            page_size: or(&self.page_size, &defaults.page_size),
            items: or(&self.items, &defaults.items),
        }
    }
}

impl Known {
    /// The typed values of the traits in `raw`.
    pub fn parse(raw: &BTreeMap<String, Value>) -> Self {
        let get = |id: &str| raw.get(id);
        let has = |id: &str| raw.contains_key(id);
        let text = |id: &str| get(id).and_then(Value::as_str).map(str::to_owned);
        let text_of = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        let field = |id: &str, key: &str| get(id).and_then(|v| text_of(v, key));
        let strings = |value: Option<&Value>| -> Vec<String> {
            value
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        let bounds = |id: &str| get(id).map(|v| (v.get("min").cloned(), v.get("max").cloned()));
        let number = |v: Option<Value>| match v {
            Some(Value::Number(n)) => Some(n),
            _ => None,
        };
        Known {
            external_documentation: get("smithy.api#externalDocumentation")
                .and_then(Value::as_object)
                .map(|links| {
                    let links = links.iter();
                    links
                        .filter_map(|(title, url)| Some((title.clone(), url.as_str()?.to_owned())))
                        .collect()
                }),
            title: text("smithy.api#title"),
            deprecated: get("smithy.api#deprecated").map(|d| Deprecated {
                message: text_of(d, "message"),
                since: text_of(d, "since"),
            }),
            required: has("smithy.api#required"),
            client_optional: has("smithy.api#clientOptional"),
            boxed: has("smithy.api#box"),
            default: get("smithy.api#default").cloned(),
            sparse: has("smithy.api#sparse"),
            sensitive: has("smithy.api#sensitive"),
            idempotency_token: has("smithy.api#idempotencyToken"),
            json_name: text("smithy.api#jsonName"),
            xml_name: text("smithy.api#xmlName"),
            xml_attribute: has("smithy.api#xmlAttribute"),
            xml_flattened: has("smithy.api#xmlFlattened"),
            xml_namespace: get("smithy.api#xmlNamespace").and_then(|ns| {
                Some(XmlNamespace {
                    uri: text_of(ns, "uri")?,
                    prefix: text_of(ns, "prefix"),
                })
            }),
            ec2_query_name: text("aws.protocols#ec2QueryName"),
            timestamp_format: text("smithy.api#timestampFormat").and_then(|f| TimestampFormat::parse(&f)),
            media_type: text("smithy.api#mediaType"),
            enum_value: get("smithy.api#enumValue").cloned(),
            enum_definitions: get("smithy.api#enum").map(|values| {
                values
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|def| EnumDefinition {
                        value: text_of(def, "value"),
                        name: text_of(def, "name"),
                        documentation: text_of(def, "documentation"),
                        deprecated: def.get("deprecated") == Some(&Value::Bool(true)),
                    })
                    .collect()
            }),
            length: bounds("smithy.api#length").map(|(a, b)| (a.and_then(|v| v.as_u64()), b.and_then(|v| v.as_u64()))),
            range: bounds("smithy.api#range").map(|(a, b)| (number(a), number(b))),
            pattern: text("smithy.api#pattern"),
            error: get("smithy.api#error").map(|v| match v.as_str() {
                Some("server") => Fault::Server,
                _ => Fault::Client,
            }),
            http_error: get("smithy.api#httpError")
                .and_then(Value::as_u64)
                .and_then(|v| u16::try_from(v).ok()),
            retryable: get("smithy.api#retryable").map(|r| Retryable {
                throttling: r.get("throttling").and_then(Value::as_bool).unwrap_or(false),
            }),
            unit_type: has("smithy.api#unitType"),
            streaming: has("smithy.api#streaming"),
            requires_length: has("smithy.api#requiresLength"),
            is_trait: has("smithy.api#trait"),
            http: get("smithy.api#http").map(|http| HttpTrait {
                method: text_of(http, "method"),
                uri: text_of(http, "uri"),
                code: http.get("code").and_then(Value::as_u64),
            }),
            http_label: has("smithy.api#httpLabel"),
            http_query: text("smithy.api#httpQuery"),
            http_query_params: has("smithy.api#httpQueryParams"),
            http_header: text("smithy.api#httpHeader"),
            http_prefix_headers: text("smithy.api#httpPrefixHeaders"),
            http_payload: has("smithy.api#httpPayload"),
            http_response_code: has("smithy.api#httpResponseCode"),
            event_payload: has("smithy.api#eventPayload"),
            event_header: has("smithy.api#eventHeader"),
            readonly: has("smithy.api#readonly"),
            idempotent: has("smithy.api#idempotent"),
            http_checksum_required: has("smithy.api#httpChecksumRequired"),
            host_prefix: field("smithy.api#endpoint", "hostPrefix"),
            request_compression: strings(get("smithy.api#requestCompression").and_then(|c| c.get("encodings"))),
            paginated: get("smithy.api#paginated").map(|p| PaginatedTrait {
                input_token: text_of(p, "inputToken"),
                output_token: text_of(p, "outputToken"),
                page_size: text_of(p, "pageSize"),
                items: text_of(p, "items"),
            }),
            auth: get("smithy.api#auth")
                .filter(|v| v.is_array())
                .map(|v| strings(Some(v))),
            optional_auth: has("smithy.api#optionalAuth"),
            unsigned_payload: has("aws.auth#unsignedPayload"),
            static_context_params: get("smithy.rules#staticContextParams")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(name, spec)| Some((name.clone(), spec.get("value")?.clone())))
                .collect(),
            context_param: field("smithy.rules#contextParam", "name"),
            sdk_id: field("aws.api#service", "sdkId"),
            signing_name: field("aws.auth#sigv4", "name"),
            query_compatible: has("aws.protocols#awsQueryCompatible"),
            no_error_wrapping: get("aws.protocols#restXml")
                .and_then(|v| v.get("noErrorWrapping"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            query_error: get("aws.protocols#awsQueryError").and_then(|e| {
                Some(QueryError {
                    code: text_of(e, "code")?,
                    http_status: e
                        .get("httpResponseCode")
                        .and_then(Value::as_u64)
                        .and_then(|v| u16::try_from(v).ok()),
                })
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: Value) -> Known {
        Known::parse(&serde_json::from_value(value).unwrap())
    }

    #[test]
    fn values_are_typed() {
        let k = parse(json!({
            "smithy.api#documentation": "Docs.",
            "smithy.api#required": {},
            "smithy.api#timestampFormat": "epoch-seconds",
            "smithy.api#length": {"min": 1},
            "smithy.api#range": {"max": 2.5},
            "smithy.api#error": "server",
            "smithy.api#retryable": {"throttling": true},
            "smithy.api#http": {"method": "PUT", "uri": "/a/{b}", "code": 201},
            "smithy.api#httpHeader": "x-a",
            "smithy.api#paginated": {"inputToken": "next", "items": "things"},
            "smithy.api#requestCompression": {"encodings": ["gzip"]},
            "smithy.api#auth": ["aws.auth#sigv4"],
            "smithy.api#enum": [{"value": "a", "name": "A", "deprecated": true}],
            "smithy.rules#staticContextParams": {"UseS3": {"value": true}},
            "aws.auth#sigv4": {"name": "svc"}
        }));
        assert!(k.required && !k.client_optional);
        assert_eq!(k.timestamp_format, Some(TimestampFormat::EpochSeconds));
        assert_eq!(k.length, Some((Some(1), None)));
        assert_eq!(
            k.range.map(|(a, b)| (a, b.map(|n| n.to_string()))),
            Some((None, Some("2.5".into())))
        );
        assert_eq!(k.error, Some(Fault::Server));
        assert!(k.retryable.unwrap().throttling);
        let http = k.http.unwrap();
        assert_eq!(
            (http.method.as_deref(), http.uri.as_deref(), http.code),
            (Some("PUT"), Some("/a/{b}"), Some(201))
        );
        assert_eq!(k.http_header.as_deref(), Some("x-a"));
        let paginated = k.paginated.unwrap();
        assert_eq!(paginated.input_token.as_deref(), Some("next"));
        assert_eq!(paginated.output_token, None);
        assert_eq!(k.request_compression, ["gzip"]);
        assert_eq!(k.auth.as_deref(), Some(&["aws.auth#sigv4".to_owned()][..]));
        let def = &k.enum_definitions.unwrap()[0];
        assert_eq!(
            (def.value.as_deref(), def.name.as_deref(), def.deprecated),
            (Some("a"), Some("A"), true)
        );
        assert_eq!(k.static_context_params, [("UseS3".to_owned(), json!(true))]);
        assert_eq!(k.signing_name.as_deref(), Some("svc"));
    }

    #[test]
    fn wire_name_traits_are_typed() {
        let k = parse(json!({
            "smithy.api#xmlName": "Item",
            "smithy.api#xmlAttribute": {},
            "smithy.api#xmlFlattened": {},
            "smithy.api#xmlNamespace": {"uri": "https://example.com/", "prefix": "ex"},
            "aws.protocols#ec2QueryName": "ItemSet",
            "aws.protocols#awsQueryError": {"code": "Throttled", "httpResponseCode": 429}
        }));
        assert_eq!(k.xml_name.as_deref(), Some("Item"));
        assert!(k.xml_attribute && k.xml_flattened);
        assert_eq!(
            k.xml_namespace,
            Some(XmlNamespace {
                uri: "https://example.com/".into(),
                prefix: Some("ex".into())
            })
        );
        assert_eq!(k.ec2_query_name.as_deref(), Some("ItemSet"));
        assert_eq!(
            k.query_error,
            Some(QueryError {
                code: "Throttled".into(),
                http_status: Some(429)
            })
        );
    }

    #[test]
    fn an_operations_pagination_takes_the_services_defaults_it_lacks() {
        let own = parse(json!({"smithy.api#paginated": {"items": "runs"}}))
            .paginated
            .unwrap();
        let service =
            parse(json!({"smithy.api#paginated": {"inputToken": "next", "outputToken": "next", "items": "all"}}));
        let merged = own.or(&service.paginated.unwrap());
        assert_eq!(merged.input_token.as_deref(), Some("next"));
        assert_eq!(merged.output_token.as_deref(), Some("next"));
        assert_eq!(merged.items.as_deref(), Some("runs"));
        assert_eq!(merged.page_size, None);
    }

    #[test]
    fn absent_traits_and_wrong_values_read_as_absent() {
        let k = parse(json!({"smithy.api#httpError": "500", "smithy.api#timestampFormat": "rfc3339"}));
        assert_eq!(k.http_error, None);
        assert_eq!(k.timestamp_format, None);
        assert!(k.http.is_none() && k.auth.is_none() && !k.required);
    }
}

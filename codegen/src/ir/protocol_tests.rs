//! Smithy's HTTP protocol compliance tests (`smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests`), as the generator reads them: parsed once, at lowering, into
//! the cases a client runs. A case the generator cannot read is a problem naming it.

use crate::ir::Protocol;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A request case: the input (`params`) must build this request.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCase {
    /// The case id: a Smithy identifier, checked when the model loads.
    pub id: String,
    /// What it checks.
    pub documentation: Option<String>,
    /// The input, as a Smithy node value of the input structure.
    #[serde(default = "empty_object")]
    pub params: Value,
    /// The host the request is sent to (`example.com` when the case names none).
    pub host: Option<String>,
    /// The host the request must go to, after any `endpoint` host prefix.
    pub resolved_host: Option<String>,
    /// The HTTP method.
    pub method: String,
    /// The path, without the query.
    pub uri: String,
    /// `key=value` query parameters the request must have.
    #[serde(default)]
    pub query_params: Vec<String>,
    /// Query parameter keys it must not have.
    #[serde(default)]
    pub forbid_query_params: Vec<String>,
    /// Query parameter keys it must have, with any value.
    #[serde(default)]
    pub require_query_params: Vec<String>,
    /// Headers it must have, with these values.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Headers it must not have.
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    /// Headers it must have, with any value.
    #[serde(default)]
    pub require_headers: Vec<String>,
    /// The body it must have.
    pub body: Option<String>,
    /// The body's media type, which says how to compare it (JSON as JSON).
    pub body_media_type: Option<String>,
}

/// A response case: this response must read as this output or error (`params`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCase {
    /// The case id.
    pub id: String,
    /// What it checks.
    pub documentation: Option<String>,
    /// The output or error, as a Smithy node value of its structure.
    #[serde(default = "empty_object")]
    pub params: Value,
    /// The HTTP status.
    pub code: u16,
    /// The response's headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: Option<String>,
    /// The body's media type: one that is not text or JSON is written in base64 in the case.
    pub body_media_type: Option<String>,
}

/// What every case says of where it applies.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Applies {
    protocol: Option<String>,
    applies_to: Option<String>,
}

fn empty_object() -> Value {
    Value::Object(Default::default())
}

/// The client cases of `protocol` in `all`, the value of trait `name`
/// (`smithy.test#httpRequestTests`, ...), each parsed as a `T`; a case that does not parse gives
/// its id and why instead.
pub(crate) fn client_cases<T: for<'de> Deserialize<'de>>(
    all: Option<&Value>,
    name: &str,
    protocol: Protocol,
) -> (Vec<T>, Vec<String>) {
    let (mut cases, mut problems) = (Vec::new(), Vec::new());
    let all = all.and_then(Value::as_array).into_iter().flatten();
    for case in all {
        // A case without an id is already a problem of the model's (`model::traits`).
        let (Ok(applies), Some(id)) = (Applies::deserialize(case), case.get("id").and_then(Value::as_str)) else {
            continue;
        };
        if applies.applies_to.as_deref() == Some("server") || applies.protocol.as_deref() != Some(protocol.trait_id()) {
            continue;
        }
        match T::deserialize(case) {
            Ok(parsed) => cases.push(parsed),
            Err(e) => problems.push(format!("`{name}` case `{id}` cannot be read: {e}")),
        }
    }
    (cases, problems)
}

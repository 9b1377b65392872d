//! The rules engine: evaluates a model's `smithy.rules#endpointRuleSet` (version 1.x). A
//! generated crate's `endpoint` module holds the rule set, its `Params` and `resolve()`.

use super::primitives::{Document, Number};
use std::collections::BTreeMap;

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub(crate) url: String,
    pub(crate) headers: BTreeMap<String, Vec<String>>,
    pub(crate) properties: BTreeMap<String, Document>,
}

impl Endpoint {
    /// The URL to send requests to (`https://host[/base/path]`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers every request to this endpoint carries, by name.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The rules' properties of this endpoint, such as `authSchemes` (the signing name and
    /// region to use).
    pub fn properties(&self) -> &BTreeMap<String, Document> {
        &self.properties
    }
}

/// Why the rules give no endpoint for these parameters, in the rules' own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    message: String,
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveError {}

/// A value during evaluation: rule-set values are strings, booleans, integers, arrays and records.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    None,
    Bool(bool),
    Int(i64),
    String(String),
    Array(Vec<Value>),
    Record(BTreeMap<String, Value>),
}

impl Value {
    fn from_document(d: &Document) -> Self {
        match d {
            Document::Null => Value::None,
            Document::Bool(b) => Value::Bool(*b),
            Document::Number(Number::PosInt(n)) => Value::Int(i64::try_from(*n).unwrap_or(i64::MAX)),
            Document::Number(Number::NegInt(n)) => Value::Int(*n),
            Document::Number(Number::Float(f)) => Value::Int(*f as i64),
            Document::String(s) => Value::String(s.clone()),
            Document::Array(items) => Value::Array(items.iter().map(Value::from_document).collect()),
            Document::Object(o) => Value::Record(o.iter().map(|(k, v)| (k.clone(), Value::from_document(v))).collect()),
        }
    }

    fn into_document(self) -> Document {
        match self {
            Value::None => Document::Null,
            Value::Bool(b) => Document::Bool(b),
            Value::Int(n) if n >= 0 => Document::Number(Number::PosInt(n as u64)),
            Value::Int(n) => Document::Number(Number::NegInt(n)),
            Value::String(s) => Document::String(s),
            Value::Array(items) => Document::Array(items.into_iter().map(Value::into_document).collect()),
            Value::Record(r) => Document::Object(r.into_iter().map(|(k, v)| (k, v.into_document())).collect()),
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn truthy(&self) -> bool {
        !matches!(self, Value::None | Value::Bool(false))
    }
}

struct Scope<'a> {
    vars: BTreeMap<&'a str, Value>,
}

type Eval<T> = Result<T, ResolveError>;

pub(crate) fn invalid(message: impl Into<String>) -> ResolveError {
    ResolveError {
        message: format!("invalid endpoint rule set: {}", message.into()),
    }
}

fn field<'d>(d: &'d Document, key: &str) -> Option<&'d Document> {
    match d {
        Document::Object(o) => o.get(key),
        _ => None,
    }
}

fn text(d: &Document) -> Option<&str> {
    match d {
        Document::String(s) => Some(s),
        _ => None,
    }
}

fn list(d: Option<&Document>) -> &[Document] {
    match d {
        Some(Document::Array(items)) => items,
        _ => &[],
    }
}

impl Endpoint {
    /// Where the client sends calls: the URL, the headers, and the `authSchemes` property.
    pub(crate) fn into_target(self) -> super::client::Target {
        let string = |d: &Document, key: &str| field(d, key).and_then(text).map(str::to_owned);
        let auth_schemes = list(self.properties.get("authSchemes"))
            .iter()
            .map(|scheme| super::client::EndpointAuth {
                name: string(scheme, "name").unwrap_or_default(),
                signing_name: string(scheme, "signingName"),
                signing_region: string(scheme, "signingRegion"),
            })
            .collect();
        let headers = self
            .headers
            .into_iter()
            .flat_map(|(name, values)| values.into_iter().map(move |v| (name.clone(), v)))
            .collect();
        super::client::Target {
            url: self.url,
            headers,
            auth_schemes,
        }
    }
}

/// Evaluates the rules with these parameter values.
pub(crate) fn evaluate(rules: &Document, params: BTreeMap<&str, Value>) -> Eval<Endpoint> {
    let mut scope = Scope { vars: BTreeMap::new() };
    // Parameters left unset take the rule set's defaults.
    if let Some(Document::Object(declared)) = field(rules, "parameters") {
        for (name, spec) in declared {
            let value = params.get(name.as_str()).cloned().unwrap_or(Value::None);
            let value = match (value, field(spec, "default")) {
                (Value::None, Some(default)) => Value::from_document(default),
                (value, _) => value,
            };
            let required = matches!(field(spec, "required"), Some(Document::Bool(true)));
            if required && value == Value::None {
                return Err(ResolveError {
                    message: format!("the endpoint parameter `{name}` is required"),
                });
            }
            scope.vars.insert(name.as_str(), value);
        }
    }
    match rule_list(list(field(rules, "rules")), &mut scope)? {
        Some(endpoint) => Ok(endpoint),
        None => Err(ResolveError {
            message: "no endpoint rule matched these parameters".into(),
        }),
    }
}

/// The first rule whose conditions hold decides; `None` when none does.
fn rule_list<'a>(rules: &'a [Document], scope: &mut Scope<'a>) -> Eval<Option<Endpoint>> {
    for rule in rules {
        let saved = scope.vars.clone();
        if conditions(list(field(rule, "conditions")), scope)? {
            let kind = field(rule, "type").and_then(text).unwrap_or_default();
            let outcome = match kind {
                "endpoint" => {
                    let endpoint = field(rule, "endpoint").ok_or_else(|| invalid("endpoint rule without endpoint"))?;
                    let url = expr(
                        field(endpoint, "url").ok_or_else(|| invalid("endpoint without url"))?,
                        scope,
                    )?;
                    let url = url
                        .as_str()
                        .ok_or_else(|| invalid("endpoint url is not a string"))?
                        .to_owned();
                    let mut headers = BTreeMap::new();
                    if let Some(Document::Object(declared)) = field(endpoint, "headers") {
                        for (name, values) in declared {
                            let values = list(Some(values)).iter().map(|v| match expr(v, scope)? {
                                Value::String(s) => Ok(s),
                                _ => Err(invalid(format!("header `{name}` is not a list of strings"))),
                            });
                            headers.insert(name.clone(), values.collect::<Eval<Vec<String>>>()?);
                        }
                    }
                    let mut properties = BTreeMap::new();
                    if let Some(Document::Object(declared)) = field(endpoint, "properties") {
                        for (name, value) in declared {
                            properties.insert(name.clone(), expr(value, scope)?.into_document());
                        }
                    }
                    Some(Endpoint {
                        url,
                        headers,
                        properties,
                    })
                }
                "error" => {
                    let error = expr(
                        field(rule, "error").ok_or_else(|| invalid("error rule without error"))?,
                        scope,
                    )?;
                    return Err(ResolveError {
                        message: error.as_str().unwrap_or("endpoint resolution failed").to_owned(),
                    });
                }
                "tree" => {
                    let found = rule_list(list(field(rule, "rules")), scope)?;
                    // A tree whose conditions hold is terminal.
                    Some(found.ok_or_else(|| ResolveError {
                        message: "no endpoint rule matched these parameters".into(),
                    })?)
                }
                other => return Err(invalid(format!("unknown rule type `{other}`"))),
            };
            return Ok(outcome);
        }
        scope.vars = saved;
    }
    Ok(None)
}

fn conditions<'a>(conditions: &'a [Document], scope: &mut Scope<'a>) -> Eval<bool> {
    for condition in conditions {
        let value = call(condition, scope)?;
        if !value.truthy() {
            return Ok(false);
        }
        if let Some(name) = field(condition, "assign").and_then(text) {
            scope.vars.insert(name, value);
        }
    }
    Ok(true)
}

/// An argument or url: a template string, a literal, a `ref` or a function call.
fn expr(d: &Document, scope: &Scope<'_>) -> Eval<Value> {
    match d {
        Document::String(s) => template(s, scope).map(Value::String),
        Document::Object(o) if o.contains_key("ref") => {
            let name = o
                .get("ref")
                .and_then(text)
                .ok_or_else(|| invalid("`ref` is not a string"))?;
            Ok(scope.vars.get(name).cloned().unwrap_or(Value::None))
        }
        Document::Object(o) if o.contains_key("fn") => call(d, scope),
        Document::Array(items) => items
            .iter()
            .map(|i| expr(i, scope))
            .collect::<Eval<Vec<_>>>()
            .map(Value::Array),
        Document::Object(o) => {
            let mut record = BTreeMap::new();
            for (k, v) in o {
                record.insert(k.clone(), expr(v, scope)?);
            }
            Ok(Value::Record(record))
        }
        other => Ok(Value::from_document(other)),
    }
}

/// `"https://{Region}.{PartitionResult#dnsSuffix}"`; `{{` and `}}` are literal braces.
fn template(s: &str, scope: &Scope<'_>) -> Eval<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let brace = &rest[i..i + 1];
        if rest[i + 1..].starts_with(brace) {
            out.push_str(brace);
            rest = &rest[i + 2..];
            continue;
        }
        if brace == "}" {
            return Err(invalid(format!("unbalanced `}}` in `{s}`")));
        }
        let end = rest[i..]
            .find('}')
            .ok_or_else(|| invalid(format!("unclosed `{{` in `{s}`")))?
            + i;
        let reference = &rest[i + 1..end];
        let (name, path) = reference
            .split_once('#')
            .map_or((reference, None), |(n, p)| (n, Some(p)));
        let mut value = scope.vars.get(name).cloned().unwrap_or(Value::None);
        if let Some(path) = path {
            value = get_attr(&value, path);
        }
        match value {
            Value::String(v) => out.push_str(&v),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Value::Int(n) => out.push_str(&n.to_string()),
            _ => return Err(invalid(format!("`{{{reference}}}` in `{s}` is not a string"))),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn get_attr(value: &Value, path: &str) -> Value {
    let mut current = value.clone();
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !key.is_empty() {
            current = match current {
                Value::Record(r) => r.get(key).cloned().unwrap_or(Value::None),
                _ => Value::None,
            };
        }
        if let Some(i) = index {
            current = match current {
                Value::Array(items) => items.get(i).cloned().unwrap_or(Value::None),
                _ => Value::None,
            };
        }
    }
    current
}

fn call(d: &Document, scope: &Scope<'_>) -> Eval<Value> {
    let name = field(d, "fn")
        .and_then(text)
        .ok_or_else(|| invalid("a condition without `fn`"))?;
    let args = list(field(d, "argv"))
        .iter()
        .map(|a| expr(a, scope))
        .collect::<Eval<Vec<Value>>>()?;
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
    let string = |i: usize| arg(i).as_str().map(str::to_owned);
    Ok(match name {
        "isSet" => Value::Bool(arg(0) != Value::None),
        "not" => Value::Bool(!arg(0).truthy()),
        "booleanEquals" => Value::Bool(matches!((arg(0), arg(1)), (Value::Bool(a), Value::Bool(b)) if a == b)),
        "stringEquals" => Value::Bool(matches!((string(0), string(1)), (Some(a), Some(b)) if a == b)),
        "getAttr" => match string(1) {
            Some(path) => get_attr(&arg(0), &path),
            None => Value::None,
        },
        "isValidHostLabel" => match string(0) {
            Some(label) => Value::Bool(valid_host_label(&label, arg(1) == Value::Bool(true))),
            None => Value::Bool(false),
        },
        "substring" => match (string(0), arg(1), arg(2), arg(3)) {
            (Some(s), Value::Int(start), Value::Int(stop), Value::Bool(reverse)) if s.is_ascii() => {
                let (start, stop) = (start.max(0) as usize, stop.max(0) as usize);
                if start >= stop || stop > s.len() {
                    Value::None
                } else if reverse {
                    Value::String(s[s.len() - stop..s.len() - start].to_owned())
                } else {
                    Value::String(s[start..stop].to_owned())
                }
            }
            _ => Value::None,
        },
        "uriEncode" => match string(0) {
            Some(s) => Value::String(super::wire::percent_encode(&s, false)),
            None => Value::None,
        },
        "parseURL" => string(0).map_or(Value::None, |u| parse_url(&u)),
        "aws.partition" => string(0).map_or(Value::None, |region| partition(&region)),
        "aws.parseArn" => string(0).map_or(Value::None, |arn| parse_arn(&arn)),
        "aws.isVirtualHostableS3Bucket" => match string(0) {
            Some(bucket) => Value::Bool(virtual_hostable_s3_bucket(&bucket, arg(1) == Value::Bool(true))),
            None => Value::Bool(false),
        },
        other => return Err(invalid(format!("unsupported function `{other}`"))),
    })
}

fn valid_host_label(label: &str, allow_dots: bool) -> bool {
    let one = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && l.as_bytes()[0].is_ascii_alphanumeric()
    };
    if allow_dots {
        label.split('.').all(one)
    } else {
        one(label)
    }
}

/// `arn:partition:service:region:account-id:resource`: the resource split at `:` and `/`.
fn parse_arn(arn: &str) -> Value {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Value::None;
    };
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return Value::None;
    }
    let resource_id = resource
        .split([':', '/'])
        .map(|p| Value::String(p.to_owned()))
        .collect();
    let record = [
        ("partition", Value::String(partition.to_owned())),
        ("service", Value::String(service.to_owned())),
        ("region", Value::String(region.to_owned())),
        ("accountId", Value::String(account.to_owned())),
        ("resourceId", Value::Array(resource_id)),
    ];
    Value::Record(record.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A bucket name that can be a host label: 3 to 63 lower-case letters, digits, `-` (and `.`
/// where allowed), starting and ending with a letter or digit, not an IPv4 address.
fn virtual_hostable_s3_bucket(bucket: &str, allow_dots: bool) -> bool {
    let label = |l: &str| {
        (if allow_dots { 1..=63 } else { 3..=63 }).contains(&l.len())
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && l.as_bytes()[0] != b'-'
            && l.as_bytes()[l.len() - 1] != b'-'
    };
    let is_ip = bucket.split('.').count() == 4 && bucket.split('.').all(|p| p.parse::<u8>().is_ok());
    if !(3..=63).contains(&bucket.len()) || is_ip {
        return false;
    }
    if allow_dots {
        bucket.split('.').all(label)
    } else {
        label(bucket)
    }
}

fn parse_url(url: &str) -> Value {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Value::None;
    };
    if !matches!(scheme, "http" | "https") || rest.contains(['?', '#']) {
        return Value::None;
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| (&rest[..i], &rest[i..]));
    if authority.is_empty() {
        return Value::None;
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    let is_ip =
        host.starts_with('[') || (host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok()));
    let normalized = if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    let record = [
        ("scheme", Value::String(scheme.to_owned())),
        ("authority", Value::String(authority.to_owned())),
        ("path", Value::String(path.to_owned())),
        ("normalizedPath", Value::String(normalized)),
        ("isIp", Value::Bool(is_ip)),
    ];
    Value::Record(record.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// AWS partitions: the regions each covers and the DNS suffixes it uses. Taken from the partitions
/// file (version 1.1) of botocore 1.44.8 (`botocore/data/partitions.json`), the AWS SDK for
/// Python's copy of the data every AWS SDK ships.
struct Partition {
    name: &'static str,
    region_regex: &'static str,
    regions: &'static [&'static str],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: &'static str,
}

const PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws",
        region_regex: r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "me-west-1",
            "mx-central-1",
            "sa-east-1",
            "sa-west-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
    },
    Partition {
        name: "aws-cn",
        region_regex: r"^cn\-\w+\-\d+$",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
    },
    Partition {
        name: "aws-eusc",
        region_regex: r"^eusc\-(de)\-\w+\-\d+$",
        regions: &["eusc-de-east-1"],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eusc-de-east-1",
    },
    Partition {
        name: "aws-iso",
        region_regex: r"^us\-iso\-\w+\-\d+$",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-iso-east-1",
    },
    Partition {
        name: "aws-iso-b",
        region_regex: r"^us\-isob\-\w+\-\d+$",
        regions: &["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isob-east-1",
    },
    Partition {
        name: "aws-iso-e",
        region_regex: r"^eu\-isoe\-\w+\-\d+$",
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eu-isoe-west-1",
    },
    Partition {
        name: "aws-iso-f",
        region_regex: r"^us\-isof\-\w+\-\d+$",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isof-south-1",
    },
    Partition {
        name: "aws-us-gov",
        region_regex: r"^us\-gov\-\w+\-\d+$",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-gov-west-1",
    },
];

fn partition(region: &str) -> Value {
    use std::sync::OnceLock;
    static REGEXES: OnceLock<Vec<regex_lite::Regex>> = OnceLock::new();
    let regexes = REGEXES.get_or_init(|| {
        PARTITIONS
            .iter()
            .filter_map(|p| regex_lite::Regex::new(p.region_regex).ok())
            .collect()
    });
    let found = PARTITIONS
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| {
            PARTITIONS
                .iter()
                .zip(regexes)
                .find(|(_, r)| r.is_match(region))
                .map(|(p, _)| p)
        })
        // A region no partition names is assumed to be in `aws`, as the SDKs do.
        .unwrap_or(&PARTITIONS[0]);
    let record = [
        ("name", Value::String(found.name.into())),
        ("dnsSuffix", Value::String(found.dns_suffix.into())),
        ("dualStackDnsSuffix", Value::String(found.dual_stack_dns_suffix.into())),
        ("supportsFIPS", Value::Bool(found.supports_fips)),
        ("supportsDualStack", Value::Bool(found.supports_dual_stack)),
        (
            "implicitGlobalRegion",
            Value::String(found.implicit_global_region.into()),
        ),
    ];
    Value::Record(record.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

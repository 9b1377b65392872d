//! A service's endpoint rules (`smithy.rules#endpointRuleSet`) and their tests
//! (`smithy.rules#endpointTests`), as the generator reads them: the parameters and the test
//! cases typed once, at lowering. The rules themselves are the runtime engine's to evaluate
//! (`runtime/src/endpoint_rules.rs`), so they stay the model's JSON.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The endpoint rules of a service.
#[derive(Debug)]
pub struct EndpointRules {
    /// The rule set, as the model gives it.
    pub rule_set: Value,
    /// Its parameters, by name.
    pub parameters: Vec<RuleParameter>,
    /// The test cases, in the model's order; one the generator cannot read is `None`.
    pub tests: Vec<Option<EndpointTest>>,
}

/// A parameter of the rules.
#[derive(Debug, Clone)]
pub struct RuleParameter {
    /// Its name in the rules (`Region`).
    pub name: String,
    /// Its type.
    pub kind: ParamKind,
    /// What it means.
    pub documentation: Option<String>,
    /// The built-in value it takes (`AWS::Region`, `SDK::Endpoint`, ...), if any.
    pub built_in: Option<String>,
}

/// The types of rule-set parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Bool,
    String,
    StringArray,
}

/// A test case: these parameters resolve to this endpoint, or fail with this error.
#[derive(Debug, Clone)]
pub struct EndpointTest {
    /// What it checks.
    pub documentation: Option<String>,
    /// The parameters it sets, by name, of the types the rules take.
    pub params: Vec<(String, TestValue)>,
    /// What they resolve to.
    pub expect: Expect,
}

/// A parameter value of a test case.
#[derive(Debug, Clone, PartialEq)]
pub enum TestValue {
    Bool(bool),
    String(String),
    StringArray(Vec<String>),
}

/// What a test case's parameters resolve to.
#[derive(Debug, Clone)]
pub enum Expect {
    /// This endpoint.
    Endpoint {
        url: String,
        /// Headers, by name, each with its values.
        headers: BTreeMap<String, Vec<String>>,
        /// Properties (`authSchemes`, ...), as the model gives them.
        properties: BTreeMap<String, Value>,
    },
    /// An error with this message.
    Error(String),
}

impl EndpointRules {
    /// The rule set and test cases of the service's traits, if it has a rule set.
    pub fn read(rule_set: &Value, tests: Option<&Value>) -> Self {
        let parameters = rule_set
            .get("parameters")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(name, spec)| RuleParameter {
                name: name.clone(),
                kind: match spec
                    .get("type")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("boolean") => ParamKind::Bool,
                    Some("stringarray") => ParamKind::StringArray,
                    _ => ParamKind::String,
                },
                documentation: spec.get("documentation").and_then(Value::as_str).map(str::to_owned),
                built_in: spec.get("builtIn").and_then(Value::as_str).map(str::to_owned),
            })
            .collect();
        let cases = tests.and_then(|t| t.get("testCases")).and_then(Value::as_array);
        let tests = cases.into_iter().flatten().map(EndpointTest::read).collect();
        Self {
            rule_set: rule_set.clone(),
            parameters,
            tests,
        }
    }

    /// The parameter of this name.
    pub fn parameter(&self, name: &str) -> Option<&RuleParameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// The parameter that takes this built-in value.
    pub fn built_in(&self, built_in: &str) -> Option<&RuleParameter> {
        self.parameters.iter().find(|p| p.built_in.as_deref() == Some(built_in))
    }
}

impl EndpointTest {
    /// A case, or `None` when it has no expectation the generator can read.
    fn read(case: &Value) -> Option<Self> {
        #[derive(Deserialize)]
        struct Case {
            documentation: Option<String>,
            #[serde(default)]
            params: BTreeMap<String, Value>,
            expect: Raw,
        }
        #[derive(Deserialize)]
        struct Raw {
            endpoint: Option<Endpoint>,
            error: Option<String>,
        }
        #[derive(Deserialize)]
        struct Endpoint {
            #[serde(default)]
            url: String,
            #[serde(default)]
            headers: BTreeMap<String, Vec<String>>,
            #[serde(default)]
            properties: BTreeMap<String, Value>,
        }
        let case = Case::deserialize(case).ok()?;
        let expect = match (case.expect.endpoint, case.expect.error) {
            (Some(e), _) => Expect::Endpoint {
                url: e.url,
                headers: e.headers,
                properties: e.properties,
            },
            (None, error) => Expect::Error(error.unwrap_or_default()),
        };
        let params = case
            .params
            .into_iter()
            .filter_map(|(name, value)| {
                let value = match value {
                    Value::Bool(b) => TestValue::Bool(b),
                    Value::String(s) => TestValue::String(s),
                    Value::Array(items) => TestValue::StringArray(
                        items
                            .iter()
                            .map(|i| i.as_str().unwrap_or_default().to_owned())
                            .collect(),
                    ),
                    _ => return None,
                };
                Some((name, value))
            })
            .collect();
        Some(Self {
            documentation: case.documentation,
            params,
            expect,
        })
    }
}

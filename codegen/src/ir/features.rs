//! The optional parts of a generated crate, decided once from the lowered service: every emitter,
//! the runtime files and `Cargo.toml` read this one set (the table of what each part brings is
//! [`crate::runtime::part`]).

use super::{AuthScheme, Engine, Operation, Protocol, Service, Type};
use std::collections::BTreeSet;

/// A part of the runtime that only some crates need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    /// An operation sends `Content-MD5` (`smithy.api#httpChecksumRequired`).
    Md5,
    /// An operation compresses its requests (`smithy.api#requestCompression`, gzip).
    Gzip,
    /// An operation has a paginator (`smithy.api#paginated` with string tokens).
    Pagination,
    /// An operation fills in an idempotency token the caller left unset.
    IdempotencyTokens,
    /// The service has endpoint rules (`smithy.rules#endpointRuleSet`).
    EndpointRules,
    /// The service signs with SigV4 (`aws.auth#sigv4`).
    SigV4,
    /// An operation accepts a bearer token (`smithy.api#httpBearerAuth`): the configuration then
    /// takes one.
    Bearer,
    /// A `validate()` checks a pattern with `regex-lite`.
    LitePatterns,
    /// A `validate()` checks a pattern with `fancy-regex` (look-around, Unicode categories).
    FancyPatterns,
    /// The model carries protocol tests, generated as the crate's own tests.
    ProtocolTests,
    /// An operation has waiters (`smithy.waiters#waitable`).
    Waiters,
    /// An operation's output streams (a `@streaming` blob or union): `ByteStream` is a
    /// `futures_core::Stream`.
    Streaming,
    /// An operation has an event stream (a `@streaming` union): the message framing and the
    /// `Receiver` of events.
    EventStreams,
    /// An operation's input is an event stream: the `EventSender`, and the engine's path that
    /// signs and sends its messages as they come.
    InputEvents,
    /// The protocol's bodies are JSON: the generated code reaches `crate::json` (every crate
    /// has the module, which the profile's `credential_process` reads with).
    Json,
    /// The protocol reads (and restXml writes) XML: the pull reader and the writer.
    Xml,
    /// The protocol's requests are forms (awsQuery, ec2Query).
    Query,
}

impl Feature {
    /// Every feature.
    pub const ALL: [Feature; 17] = [
        Feature::Md5,
        Feature::Gzip,
        Feature::Pagination,
        Feature::IdempotencyTokens,
        Feature::EndpointRules,
        Feature::SigV4,
        Feature::Bearer,
        Feature::LitePatterns,
        Feature::FancyPatterns,
        Feature::ProtocolTests,
        Feature::Waiters,
        Feature::Streaming,
        Feature::EventStreams,
        Feature::InputEvents,
        Feature::Json,
        Feature::Xml,
        Feature::Query,
    ];
}

/// The features of one crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features(BTreeSet<Feature>);

impl Features {
    /// What `service` needs.
    pub fn of(service: &Service) -> Self {
        let ops = &service.operations;
        let mut set = BTreeSet::new();
        let mut add = |feature, needed: bool| {
            if needed {
                set.insert(feature);
            }
        };
        add(Feature::Md5, ops.iter().any(|op| op.checksum_required));
        add(Feature::Gzip, ops.iter().any(|op| op.gzip));
        add(Feature::Pagination, ops.iter().any(|op| op.paginator().is_some()));
        add(
            Feature::IdempotencyTokens,
            ops.iter()
                .any(|op| op.input.members.iter().any(|m| m.idempotency_token && m.optional)),
        );
        add(Feature::EndpointRules, service.endpoint_rules.is_some());
        add(Feature::SigV4, service.signing_name.is_some());
        add(
            Feature::Bearer,
            ops.iter().any(|op| op.auth.contains(&AuthScheme::Bearer)),
        );
        let engines = pattern_engines(service);
        add(Feature::LitePatterns, engines.contains(&Engine::Lite));
        add(Feature::FancyPatterns, engines.contains(&Engine::Fancy));
        add(Feature::ProtocolTests, service.has_protocol_tests());
        add(Feature::Waiters, ops.iter().any(|op| !op.waiters.is_empty()));
        add(
            Feature::Streaming,
            ops.iter()
                .any(|op| op.streams_output() || op.input.streams() || op.input_events.is_some()),
        );
        add(
            Feature::EventStreams,
            ops.iter().any(|op| op.events.is_some() || op.input_events.is_some()),
        );
        add(Feature::InputEvents, ops.iter().any(|op| op.input_events.is_some()));
        let (xml, query) = match service.protocol {
            Protocol::RestXml => (true, false),
            Protocol::AwsQuery | Protocol::Ec2Query => (true, true),
            Protocol::RestJson1 | Protocol::AwsJson10 | Protocol::AwsJson11 => (false, false),
        };
        add(Feature::Json, !xml);
        add(Feature::Xml, xml);
        add(Feature::Query, query);
        Self(set)
    }

    /// Whether the crate has `feature`.
    pub fn has(&self, feature: Feature) -> bool {
        self.0.contains(&feature)
    }

    /// Every feature, in order.
    pub fn iter(&self) -> impl Iterator<Item = Feature> + '_ {
        self.0.iter().copied()
    }
}

impl Operation {
    /// The input and output members of the paginator's tokens, when the operation gets one: both
    /// strings, the input's optional (the first page sends none).
    pub fn paginator(&self) -> Option<(&super::Member, &super::Member)> {
        let p = self.paginated.as_ref()?;
        let input = self.input.members.iter().find(|m| m.wire_name == p.input_token)?;
        let output = self.output.members.iter().find(|m| m.wire_name == p.output_token)?;
        (input.ty == Some(Type::String) && output.ty == Some(Type::String) && input.optional).then_some((input, output))
    }
}

/// The engines of the patterns that generated `validate()`s check.
fn pattern_engines(service: &Service) -> BTreeSet<Engine> {
    fn in_type(ty: &Type, engines: &mut BTreeSet<Engine>) {
        match ty {
            Type::List { member, .. } => {
                engines.extend(member.constraints.pattern.as_ref().map(|p| p.engine));
                in_type(&member.ty, engines);
            }
            Type::Map { key, value, .. } => {
                let patterns = [&key.constraints, &value.constraints]
                    .into_iter()
                    .filter_map(|c| c.pattern.as_ref());
                engines.extend(patterns.map(|p| p.engine));
                in_type(&value.ty, engines);
            }
            _ => {}
        }
    }
    let validated = service
        .structures
        .iter()
        .chain(&service.errors)
        .filter(|s| s.validated)
        .map(|s| &s.members)
        .chain(service.unions.iter().filter(|u| u.validated).map(|u| &u.members))
        .chain(service.operations.iter().map(|o| &o.input.members));
    let mut engines = BTreeSet::new();
    for m in validated.flatten() {
        let Some(ty) = &m.ty else { continue };
        if *ty == Type::String {
            engines.extend(m.constraints.pattern.as_ref().map(|p| p.engine));
        }
        in_type(ty, &mut engines);
    }
    engines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(model: &str) -> Features {
        let (model, _) = crate::model::load(model).unwrap();
        let (service, _) = crate::ir::lower(&model, &crate::options::Options::default()).unwrap();
        service.features
    }

    #[test]
    fn a_bare_service_needs_only_its_body_format() {
        let bare = |protocol: &str| {
            let model = format!(
                r#"{{"smithy": "2.0", "shapes": {{
                    "a#S": {{"type": "service", "version": "1", "traits": {{"aws.protocols#{protocol}": {{}}}}}}
                }}}}"#
            );
            features(&model).iter().collect::<Vec<_>>()
        };
        assert_eq!(bare("restJson1"), [Feature::Json]);
        assert_eq!(bare("awsJson1_0"), [Feature::Json]);
        assert_eq!(bare("restXml"), [Feature::Xml]);
        assert_eq!(bare("awsQuery"), [Feature::Xml, Feature::Query]);
        assert_eq!(bare("ec2Query"), [Feature::Xml, Feature::Query]);
    }

    #[test]
    fn each_trait_brings_its_feature() {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "version": "1", "operations": [{"target": "a#List"}],
                    "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "s"}}},
            "a#List": {"type": "operation", "input": {"target": "a#In"}, "output": {"target": "a#Out"},
                       "traits": {"smithy.api#http": {"method": "POST", "uri": "/"},
                                  "smithy.api#httpChecksumRequired": {},
                                  "smithy.api#paginated": {"inputToken": "next", "outputToken": "next"}}},
            "a#In": {"type": "structure", "members": {
                "next": {"target": "smithy.api#String"},
                "token": {"target": "smithy.api#String", "traits": {"smithy.api#idempotencyToken": {}}},
                "name": {"target": "a#Name"},
                "id": {"target": "a#Id"}}},
            "a#Name": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}},
            "a#Id": {"type": "string", "traits": {"smithy.api#pattern": "^(?!0+$)[0-9]+$"}},
            "a#Out": {"type": "structure", "members": {"next": {"target": "smithy.api#String"}}}
        }}"#;
        let got: Vec<Feature> = features(model).iter().collect();
        assert_eq!(
            got,
            [
                Feature::Md5,
                Feature::Pagination,
                Feature::IdempotencyTokens,
                Feature::SigV4,
                Feature::LitePatterns,
                Feature::FancyPatterns,
                Feature::Json
            ]
        );
    }

    #[test]
    fn a_paginated_trait_whose_input_token_is_required_gives_no_paginator() {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "version": "1", "operations": [{"target": "a#List"}],
                    "traits": {"aws.protocols#restJson1": {}}},
            "a#List": {"type": "operation", "input": {"target": "a#In"}, "output": {"target": "a#Out"},
                       "traits": {"smithy.api#http": {"method": "POST", "uri": "/"},
                                  "smithy.api#paginated": {"inputToken": "next", "outputToken": "next"}}},
            "a#In": {"type": "structure", "members": {
                "next": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}},
            "a#Out": {"type": "structure", "members": {"next": {"target": "smithy.api#String"}}}
        }}"#;
        assert!(!features(model).has(Feature::Pagination));
    }
}

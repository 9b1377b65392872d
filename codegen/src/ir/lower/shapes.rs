//! Lowering the shapes operations reach: structures and their members (bindings, defaults,
//! constraints, docs), unions, enums, errors.

use super::*;

/// Methods every generated structure, or an operation's request (`send`, `input`, `customize`,
/// `into_paginator`) or output (`request_id`), has, which a setter must not shadow.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "validate",
    "fill_idempotency_tokens",
    "send",
    "input",
    "customize",
    "into_paginator",
    "request_id",
];

/// Methods every generated error has, likewise.
const RESERVED_ERROR_METHODS: &[&str] = &["code", "message", "is_retryable", "is_throttling", "is_server_fault"];

impl Lowerer<'_> {
    pub(super) fn lower_enum(&mut self, id: &ShapeId, shape: &Shape, name: String, module: String) -> Enum {
        let mut variants = Vec::new();
        let int = matches!(shape, Shape::IntEnum(_));
        match shape {
            Shape::Enum(a) | Shape::IntEnum(a) => {
                for (member, m) in &a.members {
                    let member_id = id.with_member(member);
                    let Some(value) = m
                        .traits
                        .enum_value
                        .clone()
                        .or_else(|| (!int).then(|| member.clone().into()))
                    else {
                        self.problems
                            .push(Problem::new(&member_id, "intEnum member has no `smithy.api#enumValue`"));
                        continue;
                    };
                    let valid = if int {
                        value.as_i64().is_some_and(|v| i32::try_from(v).is_ok())
                    } else {
                        value.is_string()
                    };
                    if !valid {
                        self.problems.push(Problem::new(
                            &member_id,
                            format!(
                                "`smithy.api#enumValue` {value} is not a {}",
                                if int { "32-bit integer" } else { "string" }
                            ),
                        ));
                        continue;
                    }
                    variants.push(EnumVariant {
                        name: variant_name(member),
                        docs: docs::lines_or([m.traits.documentation()], || {
                            format!("`{}`", value.as_str().map_or_else(|| value.to_string(), str::to_owned))
                        }),
                        deprecated: m.traits.deprecated.clone(),
                        id: member_id,
                        value,
                    });
                }
            }
            // A Smithy 1.0 string with the `enum` trait.
            _ => {
                let values = shape.traits().enum_definitions.iter().flatten();
                for def in values {
                    let Some(value) = def.value.as_deref() else {
                        continue;
                    };
                    let label = def.name.as_deref().unwrap_or(value);
                    let docs = docs::lines_or([def.documentation.as_deref()], || format!("`{value}`"));
                    let deprecated = def.deprecated.then_some(Deprecated {
                        message: None,
                        since: None,
                    });
                    variants.push(EnumVariant {
                        id: id.clone(),
                        name: variant_name(label),
                        value: value.into(),
                        docs,
                        deprecated,
                    });
                }
            }
        }
        Enum {
            id: id.clone(),
            name,
            module,
            docs: docs_of(shape.traits(), id),
            variants,
            int,
        }
    }

    pub(super) fn lower_structure(
        &mut self,
        id: &ShapeId,
        name: String,
        module: String,
        role: Role,
    ) -> Option<Structure> {
        let Some(Shape::Structure(s)) = self.model.get(id) else {
            self.problems.push(Problem::new(
                id,
                format!(
                    "used as a {} but is not a structure",
                    match role {
                        Role::Input => "operation input",
                        Role::Output => "operation output",
                        _ => "structure",
                    }
                ),
            ));
            return None;
        };
        let members = self.lower_members(id, &s.members, role, false);
        let role = match role {
            Role::Input => StructureRole::Input,
            Role::Output => StructureRole::Output,
            Role::Nested => StructureRole::Nested,
            Role::Error => {
                let tests = self.protocol_cases(id, s.traits.response_tests(), "smithy.test#httpResponseTests");
                StructureRole::Error(Box::new(error_info(id, &s.traits, &members, tests)))
            }
        };
        let docs = if s.traits.unit_type {
            vec![format!(
                "The {} of an operation that takes or returns nothing.",
                if matches!(role, StructureRole::Input) {
                    "input"
                } else {
                    "output"
                }
            )]
        } else {
            docs_of(&s.traits, id)
        };
        Some(Structure {
            id: id.clone(),
            name,
            module,
            docs,
            members,
            role,
            validated: false,
            deprecated: s.traits.deprecated.clone(),
            sensitive: s.traits.sensitive,
            xml_name: s.traits.xml_name.clone().unwrap_or_else(|| id.name().to_owned()),
            xml_namespace: s.traits.xml_namespace.clone(),
        })
    }

    pub(super) fn lower_members(
        &mut self,
        owner: &ShapeId,
        members: &ast::Members,
        role: Role,
        union: bool,
    ) -> Vec<Member> {
        let mut lowered = Vec::new();
        for (name, member) in members {
            if let Some(m) = self.lower_member(owner, name, member, role, union) {
                lowered.push(m);
            }
        }
        lowered
    }

    pub(super) fn lower_member(
        &mut self,
        owner: &ShapeId,
        name: &str,
        member: &ast::Member,
        role: Role,
        union: bool,
    ) -> Option<Member> {
        let id = owner.with_member(name);
        let target_id = self.resolve(&id, &member.target)?;
        let target = self.model.get(&target_id)?;
        let is_unit = target_id.to_string() == "smithy.api#Unit";
        let ty = if union && is_unit {
            None
        } else {
            Some(self.resolve_type(&id, &target_id)?)
        };
        let traits = &member.traits;
        let required = traits.required;
        let client_optional = traits.client_optional;
        // Smithy 1.0's `box` makes a member of a primitive shape nullable: no zero default.
        let default = traits
            .default
            .as_ref()
            .or_else(|| target.traits().default.as_ref().filter(|_| !traits.boxed));
        // `clientOptional`, and the `@input` structure that implies it for members that are not
        // required, make a member with a default optional: left unset, it is not sent.
        let client_optional =
            client_optional || (role == Role::Input && !required) || self.protocol.all_members_optional();
        // A URI label cannot be absent: its member is a required argument whatever the model
        // says of its optionality (GuardDuty publishes labels that are `required` and also
        // `clientOptional`; one without `required` is reported by `check_labels`).
        let label = role == Role::Input && traits.http_label;
        let client_optional = client_optional && !label;
        let required = required || label;
        if let (Some(d), Some(t)) = (default.filter(|d| !d.is_null()), &ty) {
            if !default_fits(t, d) {
                self.problems.push(Problem::new(
                    &id,
                    format!("`smithy.api#default` {d} is not a value of the target {target_id}"),
                ));
            } else if !default_supported(t, d) && !client_optional {
                self.warnings.push(Problem::new(
                    &id,
                    format!("`smithy.api#default` {d} is not applied: the generator cannot write it for {target_id}"),
                ));
            }
        }
        let default = default
            .filter(|d| !d.is_null() && !client_optional && ty.as_ref().is_some_and(|t| default_supported(t, d)))
            .cloned();
        let optional = !union && default.is_none() && (!required || client_optional);
        let binding = self.binding(&id, traits, role);
        let field = names::field_name(name);
        let plain = field.trim_start_matches("r#");
        let reserved =
            RESERVED_METHODS.contains(&plain) || (role == Role::Error && RESERVED_ERROR_METHODS.contains(&plain));
        let setter = if reserved {
            format!("set_{plain}")
        } else {
            field.clone()
        };
        Some(Member {
            wire_name: name.to_owned(),
            variant: variant_name(name),
            field,
            setter,
            optional,
            boxed: false,
            default,
            docs: member_docs(traits, (&target_id, target), &id, role),
            binding,
            constraints: self.constraints(&id, traits, target.traits()),
            idempotency_token: traits.idempotency_token,
            timestamp_format: traits.timestamp_format.or(target.traits().timestamp_format),
            names: wire_names(name, traits, self.protocol),
            media_type: target.traits().media_type.clone(),
            sensitive: traits.sensitive || target.traits().sensitive || ty.as_ref().is_some_and(ty_holds_sensitive),
            deprecated: traits.deprecated.clone(),
            id,
            ty,
        })
    }

    pub(super) fn binding(&mut self, id: &ShapeId, traits: &Traits, role: Role) -> Binding {
        // An event's `eventPayload` member is its message's payload, in every protocol.
        if role == Role::Nested && traits.event_payload {
            return Binding::Payload;
        }
        // An event's `eventHeader` member is a header of its message, by the member's name.
        if role == Role::Nested && traits.event_header {
            let name = id.member().unwrap_or_default().to_owned();
            return Binding::Header(name);
        }
        if !self.protocol.http_bindings() {
            return Binding::Body;
        }
        let found: Vec<(Binding, &[Role])> = [
            traits.http_label.then_some((Binding::Label, &[Role::Input][..])),
            traits
                .http_query
                .clone()
                .map(|q| (Binding::Query(q), &[Role::Input][..])),
            traits
                .http_query_params
                .then_some((Binding::QueryParams, &[Role::Input][..])),
            traits
                .http_header
                .clone()
                .map(|h| (Binding::Header(h), &[Role::Input, Role::Output, Role::Error][..])),
            traits
                .http_prefix_headers
                .clone()
                .map(|h| (Binding::PrefixHeaders(h), &[Role::Input, Role::Output, Role::Error][..])),
            traits
                .http_payload
                .then_some((Binding::Payload, &[Role::Input, Role::Output, Role::Error][..])),
            traits
                .http_response_code
                .then_some((Binding::ResponseCode, &[Role::Output][..])),
        ]
        .into_iter()
        .flatten()
        .collect();
        if role == Role::Nested {
            // Bindings only mean something on the top level of a message.
            if let Some((b, _)) = found
                .iter()
                .find(|(b, _)| matches!(b, Binding::Label | Binding::Query(_) | Binding::QueryParams))
            {
                self.problems.push(Problem::new(
                    id,
                    format!(
                        "{} binding on a member of a structure that is not an operation input",
                        binding_trait(b)
                    ),
                ));
            }
            return Binding::Body;
        }
        match found.as_slice() {
            [] => Binding::Body,
            [(b, roles)] => {
                if !roles.contains(&role) {
                    // Smithy ignores such a binding; it is harmless, so it is not an error.
                    return Binding::Body;
                }
                b.clone()
            }
            many => {
                let list: Vec<&str> = many.iter().map(|(b, _)| binding_trait(b)).collect();
                self.problems.push(Problem::new(
                    id,
                    format!("member has several HTTP bindings: {}", list.join(", ")),
                ));
                Binding::Body
            }
        }
    }

    /// The constraints of a member (or list or map element) and its target, the member's trait
    /// replacing the target's of the same kind.
    pub(super) fn constraints(&mut self, id: &ShapeId, member: &Traits, target: &Traits) -> Constraints {
        let length = member.length.or(target.length);
        let range = member.range.as_ref().or(target.range.as_ref()).cloned();
        let pattern = member.pattern.as_deref().or(target.pattern.as_deref()).and_then(|p| {
            // Only what no engine can check is skipped; the service checks it anyway.
            pattern::translate(p)
                .map_err(|e| {
                    self.warnings.push(Problem::new(
                        id,
                        format!("`validate()` does not check the pattern {p:?}: {e}"),
                    ))
                })
                .ok()
        });
        Constraints { length, pattern, range }
    }

    /// The type of a member's target; named shapes are queued for lowering.
    pub(super) fn resolve_type(&mut self, at: &ShapeId, target_id: &ShapeId) -> Option<Type> {
        let target = self.model.get(target_id)?;
        let ty = match target {
            Shape::Blob(_) => Type::Blob,
            Shape::Boolean(_) => Type::Boolean,
            Shape::String(s) if s.traits.enum_definitions.is_some() => self.named(target_id, NamedKind::Enum),
            Shape::String(_) => Type::String,
            Shape::Byte(_) => Type::Byte,
            Shape::Short(_) => Type::Short,
            Shape::Integer(_) => Type::Integer,
            Shape::Long(_) => Type::Long,
            Shape::Float(_) => Type::Float,
            Shape::Double(_) => Type::Double,
            Shape::BigInteger(_) => Type::BigInteger,
            Shape::BigDecimal(_) => Type::BigDecimal,
            Shape::Timestamp(_) => Type::Timestamp,
            Shape::Document(_) => Type::Document,
            Shape::Enum(_) => self.named(target_id, NamedKind::Enum),
            Shape::IntEnum(_) => self.named(target_id, NamedKind::IntEnum),
            Shape::Structure(s) if s.traits.unit_type => {
                self.problems
                    .push(Problem::new(at, "only union members can target smithy.api#Unit"));
                return None;
            }
            Shape::Structure(s) if s.traits.error.is_some() => self.named(target_id, NamedKind::Error),
            Shape::Structure(_) => self.named(target_id, NamedKind::Structure),
            Shape::Union(_) => self.named(target_id, NamedKind::Union),
            Shape::List(l) => {
                let member = self.element(&target_id.with_member("member"), &l.member)?;
                Type::List {
                    member: Box::new(member),
                    sparse: l.traits.sparse,
                }
            }
            Shape::Map(m) => {
                let key = self.element(&target_id.with_member("key"), &m.key)?;
                if !matches!(
                    key.ty,
                    Type::String
                        | Type::Named(Named {
                            kind: NamedKind::Enum,
                            ..
                        })
                ) {
                    self.problems.push(Problem::new(
                        target_id.with_member("key"),
                        "map keys must target a string or enum",
                    ));
                    return None;
                }
                let value = self.element(&target_id.with_member("value"), &m.value)?;
                Type::Map {
                    key: Box::new(key),
                    value: Box::new(value),
                    sparse: m.traits.sparse,
                }
            }
            Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_) | Shape::Apply(_) => {
                self.problems.push(Problem::new(
                    at,
                    format!(
                        "target {target_id} is {}, not a data shape",
                        docs::with_article(target.type_name())
                    ),
                ));
                return None;
            }
        };
        Some(ty)
    }

    pub(super) fn element(&mut self, id: &ShapeId, member: &ast::Member) -> Option<Element> {
        let target_id = self.resolve(id, &member.target)?;
        let ty = self.resolve_type(id, &target_id)?;
        let target = self.model.get(&target_id)?.traits();
        let own = &member.traits;
        Some(Element {
            constraints: self.constraints(id, own, target),
            timestamp_format: own.timestamp_format.or(target.timestamp_format),
            sensitive: own.sensitive || target.sensitive || ty_holds_sensitive(&ty),
            xml_name: (own.xml_name.as_deref())
                .unwrap_or(id.member().unwrap_or_default())
                .to_owned(),
            xml_namespace: own.xml_namespace.clone(),
            ty,
        })
    }

    pub(super) fn named(&mut self, id: &ShapeId, kind: NamedKind) -> Type {
        self.enqueue(id);
        Type::Named(Named {
            id: id.clone(),
            name: names::type_name(&self.shape_name(id)),
            kind,
            checked: false,
        })
    }
}

/// The names of member `name` in each body format, from its traits: `smithy.api#jsonName` counts
/// where `protocol` honours it, `smithy.api#xmlName` in XML and both query protocols, and
/// `aws.protocols#ec2QueryName` in ec2Query.
fn wire_names(name: &str, traits: &Traits, protocol: Protocol) -> WireNames {
    let xml = traits.xml_name.as_deref().unwrap_or(name);
    let ec2_query = traits.ec2_query_name.clone().unwrap_or_else(|| {
        let mut chars = xml.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    });
    WireNames {
        json: (traits.json_name.as_deref())
            .filter(|_| protocol.json_name())
            .unwrap_or(name)
            .to_owned(),
        xml: xml.to_owned(),
        xml_attribute: traits.xml_attribute,
        xml_flattened: traits.xml_flattened,
        xml_namespace: traits.xml_namespace.clone(),
        query: xml.to_owned(),
        ec2_query,
    }
}

/// Whether a list or map holds sensitive elements, at any depth (named types redact themselves).
fn ty_holds_sensitive(ty: &Type) -> bool {
    match ty {
        Type::List { member, .. } => member.sensitive || ty_holds_sensitive(&member.ty),
        Type::Map { key, value, .. } => key.sensitive || value.sensitive || ty_holds_sensitive(&value.ty),
        _ => false,
    }
}

fn binding_trait(b: &Binding) -> &'static str {
    match b {
        Binding::Body => "body",
        Binding::Label => "`smithy.api#httpLabel`",
        Binding::Query(_) => "`smithy.api#httpQuery`",
        Binding::QueryParams => "`smithy.api#httpQueryParams`",
        Binding::Header(_) => "`smithy.api#httpHeader`",
        Binding::PrefixHeaders(_) => "`smithy.api#httpPrefixHeaders`",
        Binding::Payload => "`smithy.api#httpPayload`",
        Binding::ResponseCode => "`smithy.api#httpResponseCode`",
    }
}

fn variant_name(member: &str) -> String {
    let name = names::type_name(member);
    if name == UNKNOWN_VARIANT {
        format!("{name}Value")
    } else {
        name
    }
}

/// Whether Smithy allows this default value for a member of this type.
fn default_fits(ty: &Type, value: &serde_json::Value) -> bool {
    let int_in = |min: i64, max: i64| value.as_i64().is_some_and(|n| (min..=max).contains(&n));
    match ty {
        Type::Boolean => value.is_boolean(),
        Type::Byte => int_in(i8::MIN.into(), i8::MAX.into()),
        Type::Short => int_in(i16::MIN.into(), i16::MAX.into()),
        Type::Integer => int_in(i32::MIN.into(), i32::MAX.into()),
        Type::Long => value.is_i64(),
        Type::Float | Type::Double | Type::BigInteger | Type::BigDecimal => value.is_number(),
        Type::String | Type::Blob | Type::Stream => value.is_string(),
        Type::EventStream { .. } | Type::EventSender(_) => false,
        Type::Timestamp => value.is_number() || value.is_string(),
        Type::Document => true,
        Type::Named(n) => match n.kind {
            NamedKind::Enum => value.is_string(),
            NamedKind::IntEnum => int_in(i32::MIN.into(), i32::MAX.into()),
            _ => false,
        },
        Type::List { .. } => value.as_array().is_some_and(Vec::is_empty),
        Type::Map { .. } => value.as_object().is_some_and(serde_json::Map::is_empty),
    }
}

/// Whether the emitter can write this default value as a Rust expression of this type.
fn default_supported(ty: &Type, value: &serde_json::Value) -> bool {
    match (ty, value) {
        (Type::Boolean, v) => v.is_boolean(),
        (Type::Byte | Type::Short | Type::Integer | Type::Long, v) => v.is_i64(),
        (Type::Float | Type::Double, v) => v.is_number(),
        (Type::String, v) => v.is_string(),
        (Type::Named(n), v) if n.kind == NamedKind::Enum => v.is_string(),
        (Type::Named(n), v) if n.kind == NamedKind::IntEnum => v.is_i64(),
        (Type::List { .. }, v) => v.as_array().is_some_and(|a| a.is_empty()),
        (Type::Map { .. }, v) => v.as_object().is_some_and(|o| o.is_empty()),
        (Type::Timestamp, v) => v.is_number(),
        (Type::Blob, v) => v.is_string(),
        (Type::Document, v) => !v.is_null(),
        _ => false,
    }
}

fn error_info(
    id: &ShapeId,
    traits: &Traits,
    members: &[Member],
    response_tests: Vec<protocol_tests::ResponseCase>,
) -> ErrorInfo {
    let server_fault = traits.error == Some(Fault::Server);
    ErrorInfo {
        code: id.name().to_owned(),
        server_fault,
        http_status: traits.http_error.unwrap_or(if server_fault { 500 } else { 400 }),
        retryable: traits.retryable.is_some() || server_fault,
        throttling: traits.retryable.is_some_and(|r| r.throttling),
        message_member: members
            .iter()
            .position(|m| m.wire_name.eq_ignore_ascii_case("message") && m.ty == Some(Type::String)),
        response_tests,
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{self, Type, XmlNamespace};

    fn lower(protocol: &str) -> ir::Service {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "version": "1", "operations": [{"target": "a#Put"}],
                    "traits": {"aws.protocols#PROTOCOL": {},
                               "smithy.api#xmlNamespace": {"uri": "https://a.example/"}}},
            "a#Put": {"type": "operation", "input": {"target": "a#In"}, "output": {"target": "smithy.api#Unit"},
                      "errors": [{"target": "a#Busy"}],
                      "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
            "a#In": {"type": "structure", "traits": {"smithy.api#xmlName": "PutRequest"}, "members": {
                "plain": {"target": "smithy.api#String"},
                "renamed": {"target": "smithy.api#String", "traits": {
                    "smithy.api#jsonName": "Json", "smithy.api#xmlName": "xmlRenamed",
                    "smithy.api#xmlAttribute": {},
                    "smithy.api#xmlNamespace": {"uri": "https://b.example/", "prefix": "b"}}},
                "ec2": {"target": "smithy.api#String", "traits": {"aws.protocols#ec2QueryName": "EcTwo"}},
                "items": {"target": "a#Items", "traits": {"smithy.api#xmlFlattened": {}}},
                "tags": {"target": "a#Tags"},
                "pick": {"target": "a#Pick"}}},
            "a#Pick": {"type": "union", "members": {"a": {"target": "smithy.api#String"}},
                       "traits": {"smithy.api#xmlName": "Choice", "smithy.api#xmlNamespace": {"uri": "https://c/"}}},
            "a#Items": {"type": "list", "member": {"target": "smithy.api#String",
                        "traits": {"smithy.api#xmlName": "Item"}}},
            "a#Tags": {"type": "map", "key": {"target": "smithy.api#String"},
                       "value": {"target": "smithy.api#String", "traits": {"smithy.api#xmlName": "V"}}},
            "a#Busy": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server",
                       "aws.protocols#awsQueryError": {"code": "Busy.Now", "httpResponseCode": 503}}}
        }}"#
        .replace("PROTOCOL", protocol);
        let (model, _) = crate::model::load(&model).unwrap();
        let (service, _) = crate::ir::lower(&model, &crate::options::Options::default()).unwrap();
        service
    }

    #[test]
    fn wire_names_are_read_once_for_every_format() {
        let service = lower("restJson1");
        assert_eq!(
            service.xml_namespace.as_ref().map(|n| &n.uri[..]),
            Some("https://a.example/")
        );
        let input = &service.operations[0].input;
        assert_eq!(input.xml_name, "PutRequest");
        let names = |member: &str| &input.members.iter().find(|m| m.wire_name == member).unwrap().names;

        let plain = names("plain");
        assert_eq!(
            (&plain.json[..], &plain.xml[..], &plain.query[..], &plain.ec2_query[..]),
            ("plain", "plain", "plain", "Plain")
        );
        assert!(!plain.xml_attribute && !plain.xml_flattened && plain.xml_namespace.is_none());

        let renamed = names("renamed");
        assert_eq!(
            (
                &renamed.json[..],
                &renamed.xml[..],
                &renamed.query[..],
                &renamed.ec2_query[..]
            ),
            ("Json", "xmlRenamed", "xmlRenamed", "XmlRenamed")
        );
        assert!(renamed.xml_attribute);
        assert_eq!(
            renamed.xml_namespace,
            Some(XmlNamespace {
                uri: "https://b.example/".into(),
                prefix: Some("b".into())
            })
        );
        assert_eq!(names("ec2").ec2_query, "EcTwo");
        assert!(names("items").xml_flattened);

        let element = |member: &str| input.members.iter().find(|m| m.wire_name == member).unwrap().ty.clone();
        let Some(Type::List { member, .. }) = element("items") else {
            panic!("a list")
        };
        assert_eq!(member.xml_name, "Item");
        let Some(Type::Map { key, value, .. }) = element("tags") else {
            panic!("a map")
        };
        assert_eq!((&key.xml_name[..], &value.xml_name[..]), ("key", "V"));

        let pick = &service.unions[0];
        assert_eq!((&pick.xml_name[..], pick.xml_namespace.is_some()), ("Choice", true));
        // Not an awsQueryCompatible service, yet the code is in the IR: the protocol decides.
        assert_eq!(service.operations[0].errors[0].query_code.as_deref(), Some("Busy.Now"));
    }

    #[test]
    fn json_name_counts_where_the_protocol_honours_it() {
        let service = lower("awsJson1_0");
        let renamed = &service.operations[0].input.members[1].names;
        assert_eq!((&renamed.json[..], &renamed.xml[..]), ("renamed", "xmlRenamed"));
    }
}

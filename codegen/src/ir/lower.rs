//! Lowering: model → IR. Resolves, validates and names; reports every problem it finds.

use super::names;
use super::pattern;
use super::recursion;
use super::*;
use crate::model::{ast, Model, Shape, Traits};
use crate::{Options, Problem};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

const RESTJSON1: &str = "aws.protocols#restJson1";
/// Methods every generated structure, or an operation's request (`send`, `input`,
/// `into_paginator`) or output (`request_id`), has, which a setter must not shadow.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "validate",
    "fill_idempotency_tokens",
    "send",
    "input",
    "into_paginator",
    "request_id",
];
/// Methods every generated error has, likewise.
const RESERVED_ERROR_METHODS: &[&str] = &["code", "message", "is_retryable", "is_throttling", "is_server_fault"];

/// Lowers the service closure of `model` into the IR.
///
/// On success also returns warnings (shapes left out, with the reason).
pub fn lower(model: &Model, options: &Options) -> Result<(Service, Vec<Problem>), Vec<Problem>> {
    let mut problems = Vec::new();
    let Some((service_id, service)) = find_service(model, options, &mut problems) else {
        return Err(problems);
    };
    let mut lowerer = Lowerer {
        model,
        rename: BTreeMap::new(),
        problems,
        queue: VecDeque::new(),
        queued: BTreeSet::new(),
        structures: BTreeMap::new(),
        unions: BTreeMap::new(),
        enums: BTreeMap::new(),
        errors: BTreeMap::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    for (from, to) in &service.rename {
        match ShapeId::parse(from) {
            Ok(_) if !crate::model::shape_id_is_identifier(to) => {
                lowerer.problems.push(Problem::new(
                    &service_id,
                    format!("rename: {to:?} is not a Smithy identifier"),
                ));
            }
            Ok(id) => {
                lowerer.rename.insert(id, to.clone());
            }
            Err(e) => lowerer.problems.push(Problem::new(&service_id, format!("rename: {e}"))),
        }
    }
    let operation_ids = lowerer.collect_operations(&service_id, service, options);
    let service_errors = lowerer.references(&service_id, &service.errors);
    let paginated_defaults = service.traits.get("smithy.api#paginated").cloned();
    let service_auth = auth::service_schemes(&service.traits);
    let mut operations = Vec::new();
    for id in operation_ids {
        if let Some(op) = lowerer.lower_operation(&id, &service_errors, paginated_defaults.as_ref(), &service_auth) {
            operations.push(op);
        }
    }
    lowerer.drain_queue();
    let mut ir = Service {
        crate_name: options
            .crate_name
            .clone()
            .unwrap_or_else(|| names::crate_name(&sdk_id(&service_id, service))),
        sdk_id: sdk_id(&service_id, service),
        title: service
            .traits
            .get("smithy.api#title")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| sdk_id(&service_id, service)),
        version: service.version.clone(),
        docs: docs_of(&service.traits, &service_id),
        signing_name: service
            .traits
            .get("aws.auth#sigv4")
            .and_then(|v| v.get("name"))
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        bearer: operations
            .iter()
            .any(|op: &Operation| op.auth.contains(&AuthScheme::Bearer)),
        endpoint_rules: service.traits.get("smithy.rules#endpointRuleSet").cloned(),
        endpoint_tests: service
            .traits
            .get("smithy.rules#endpointTests")
            .and_then(|t| t.get("testCases"))
            .and_then(|c| c.as_array())
            .cloned()
            .unwrap_or_default(),
        id: service_id,
        operations,
        structures: lowerer.structures.into_values().collect(),
        unions: lowerer.unions.into_values().collect(),
        enums: lowerer.enums.into_values().collect(),
        errors: lowerer.errors.into_values().collect(),
        skipped: lowerer.skipped,
        ignored_tests: options.ignored_tests.clone(),
        features: Features::default(),
    };
    let mut problems = lowerer.problems;
    let mut warnings = lowerer.warnings;
    if let Some(rules) = &ir.endpoint_rules {
        check_rule_functions(&ir.id, rules, &mut warnings);
    }
    // Endpoint parameters an operation sets must be the rules' own.
    let declared = ir
        .endpoint_rules
        .as_ref()
        .and_then(|r| r.get("parameters"))
        .and_then(|p| p.as_object());
    for op in &mut ir.operations {
        op.endpoint_params.retain(|p| {
            let known = declared.is_some_and(|d| d.contains_key(&p.name));
            if !known {
                warnings.push(Problem::new(
                    &op.id,
                    format!(
                        "sets the endpoint parameter `{}`, which the service's endpoint rules do not declare: ignored",
                        p.name
                    ),
                ));
            }
            known
        });
    }
    ir.operations.sort_by(|a, b| a.name.cmp(&b.name));
    ir.structures.sort_by(|a, b| a.name.cmp(&b.name));
    ir.unions.sort_by(|a, b| a.name.cmp(&b.name));
    ir.enums.sort_by(|a, b| a.name.cmp(&b.name));
    ir.errors.sort_by(|a, b| a.name.cmp(&b.name));
    assign_unique_names(&mut ir);
    mark_validated(&mut ir);
    mark_checked(&mut ir);
    recursion::box_cycles(&mut ir);
    check_collisions(&ir, &mut problems);
    ir.features = Features::of(&ir);
    if problems.is_empty() {
        warnings.extend(
            ir.skipped
                .iter()
                .map(|(id, why)| Problem::new(id, format!("left out: {why}"))),
        );
        warnings.sort();
        warnings.dedup();
        Ok((ir, warnings))
    } else {
        Err(problems)
    }
}

fn sdk_id(id: &ShapeId, service: &ast::Service) -> String {
    service
        .traits
        .get("aws.api#service")
        .and_then(|v| v.get("sdkId"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| id.name().to_owned())
}

fn find_service<'m>(
    model: &'m Model,
    options: &Options,
    problems: &mut Vec<Problem>,
) -> Option<(ShapeId, &'m ast::Service)> {
    let services: Vec<(&ShapeId, &ast::Service)> = model
        .shapes
        .iter()
        .filter_map(|(id, s)| match s {
            Shape::Service(service) => Some((id, service)),
            _ => None,
        })
        .collect();
    let chosen = match &options.service {
        Some(wanted) => match services
            .iter()
            .find(|(id, _)| id.to_string() == *wanted || id.name() == wanted)
        {
            Some(found) => *found,
            None => {
                problems.push(Problem::new("model", format!("no service shape `{wanted}`")));
                return None;
            }
        },
        None => {
            let rest: Vec<_> = services
                .iter()
                .filter(|(_, s)| s.traits.contains_key(RESTJSON1))
                .collect();
            match rest.as_slice() {
                [one] => **one,
                [] => {
                    problems.push(Problem::new(
                        "model",
                        "no service with the `aws.protocols#restJson1` trait: this generator supports restJson1 services only",
                    ));
                    return None;
                }
                many => {
                    let ids: Vec<String> = many.iter().map(|(id, _)| id.to_string()).collect();
                    problems.push(Problem::new(
                        "model",
                        format!(
                            "several restJson1 services ({}); choose one with --service",
                            ids.join(", ")
                        ),
                    ));
                    return None;
                }
            }
        }
    };
    if !chosen.1.traits.contains_key(RESTJSON1) {
        problems.push(Problem::new(
            chosen.0,
            "service does not have the `aws.protocols#restJson1` trait",
        ));
        return None;
    }
    Some((chosen.0.clone(), chosen.1))
}

struct Lowerer<'m> {
    model: &'m Model,
    rename: BTreeMap<ShapeId, String>,
    problems: Vec<Problem>,
    queue: VecDeque<ShapeId>,
    queued: BTreeSet<ShapeId>,
    structures: BTreeMap<ShapeId, Structure>,
    unions: BTreeMap<ShapeId, Union>,
    enums: BTreeMap<ShapeId, Enum>,
    errors: BTreeMap<ShapeId, Structure>,
    skipped: Vec<(ShapeId, String)>,
    warnings: Vec<Problem>,
}

/// Where a structure's members are used, which decides which bindings are allowed.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Input,
    Output,
    Error,
    Nested,
}

impl<'m> Lowerer<'m> {
    /// Resolves a list of references, reporting the ones that do not resolve.
    fn references(&mut self, owner: &ShapeId, refs: &[ast::Reference]) -> Vec<ShapeId> {
        let mut ids = Vec::new();
        for r in refs {
            if let Some(id) = self.resolve(owner, &r.target) {
                ids.push(id);
            }
        }
        ids
    }

    /// Parses a target id and checks that the shape exists.
    fn resolve(&mut self, owner: &ShapeId, target: &str) -> Option<ShapeId> {
        match ShapeId::parse(target) {
            Ok(id) if self.model.get(&id).is_some() => Some(id),
            Ok(id) => {
                self.problems
                    .push(Problem::new(owner, format!("target {id} not found")));
                None
            }
            Err(e) => {
                self.problems.push(Problem::new(owner, format!("target: {e}")));
                None
            }
        }
    }

    /// The shape's name in this service (after `rename`).
    fn shape_name(&self, id: &ShapeId) -> String {
        self.rename.get(id).cloned().unwrap_or_else(|| id.name().to_owned())
    }

    /// Every operation of the service, directly bound or through resources; filtered by options.
    fn collect_operations(&mut self, service_id: &ShapeId, service: &ast::Service, options: &Options) -> Vec<ShapeId> {
        let mut found = BTreeSet::new();
        for id in self.references(service_id, &service.operations) {
            found.insert(id);
        }
        let mut resources: Vec<ShapeId> = self.references(service_id, &service.resources);
        let mut seen = BTreeSet::new();
        while let Some(resource_id) = resources.pop() {
            if !seen.insert(resource_id.clone()) {
                continue;
            }
            let Some(Shape::Resource(resource)) = self.model.get(&resource_id) else {
                self.problems
                    .push(Problem::new(&resource_id, "bound as a resource but is not a resource"));
                continue;
            };
            let ops: Vec<ast::Reference> = resource.all_operations().cloned().collect();
            for id in self.references(&resource_id, &ops) {
                found.insert(id);
            }
            let children = self.references(&resource_id, &resource.resources);
            resources.extend(children);
        }
        let mut operations = Vec::new();
        for id in found {
            match self.model.get(&id) {
                Some(Shape::Operation(_)) => operations.push(id),
                _ => self
                    .problems
                    .push(Problem::new(&id, "bound as an operation but is not an operation")),
            }
        }
        if let Some(wanted) = &options.operations {
            for name in wanted {
                if !operations.iter().any(|id| id.name() == name) {
                    self.problems.push(Problem::new(
                        service_id,
                        format!("--operations: no operation named `{name}`"),
                    ));
                }
            }
            operations.retain(|id| wanted.iter().any(|w| w == id.name()));
        }
        operations
    }

    fn lower_operation(
        &mut self,
        id: &ShapeId,
        service_errors: &[ShapeId],
        paginated_defaults: Option<&serde_json::Value>,
        service_auth: &[String],
    ) -> Option<Operation> {
        let Some(Shape::Operation(op)) = self.model.get(id) else {
            return None;
        };
        if let Some(reason) = self.event_stream(op) {
            self.skipped.push((id.clone(), reason));
            return None;
        }
        // Synthesized names are built on the plain camel-case name: `Self` gives `SelfInput`.
        let name = names::camel(&self.shape_name(id));
        let module = names::module_name(&self.shape_name(id));
        let http = self.http(id, &op.traits);
        let unit = ShapeId::parse("smithy.api#Unit").expect("valid id");
        let input_id = match &op.input {
            Some(r) => self.resolve(id, &r.target),
            None => Some(unit.clone()),
        };
        let output_id = match &op.output {
            Some(r) => self.resolve(id, &r.target),
            None => Some(unit.clone()),
        };
        let input =
            input_id.and_then(|i| self.lower_structure(&i, format!("{name}Input"), module.clone(), Role::Input));
        let output =
            output_id.and_then(|o| self.lower_structure(&o, format!("{name}Output"), module.clone(), Role::Output));
        let mut error_ids: Vec<ShapeId> = self.references(id, &op.errors);
        error_ids.extend(service_errors.iter().cloned());
        error_ids.sort();
        error_ids.dedup();
        let mut errors = Vec::new();
        for error_id in error_ids {
            match self.model.get(&error_id) {
                Some(Shape::Structure(s)) if s.traits.contains_key("smithy.api#error") => {
                    self.enqueue(&error_id);
                    errors.push(self.error_ref(&error_id));
                }
                _ => self.problems.push(Problem::new(
                    id,
                    format!("error {error_id} is not a structure with the `smithy.api#error` trait"),
                )),
            }
        }
        errors.sort_by(|a, b| a.name.cmp(&b.name));
        // Everything above is checked before giving up, so that every problem is reported.
        let (input, output) = (input?, output?);
        if let Some(http) = &http {
            self.check_labels(id, &http.uri, &input);
        }
        let paginated = self.paginated(id, &op.traits, paginated_defaults, &input, &output);
        let auth = auth::operation_schemes(id, &op.traits, service_auth, &mut self.warnings);
        let endpoint_params = self.endpoint_params(id, &op.traits, &input);
        Some(Operation {
            auth,
            unsigned_payload: op.traits.contains_key("aws.auth#unsignedPayload"),
            endpoint_params,
            docs: docs_of(&op.traits, id),
            error_enum: format!("{name}Error"),
            readonly: op.traits.contains_key("smithy.api#readonly"),
            idempotent: op.traits.contains_key("smithy.api#idempotent"),
            deprecated: deprecated(&op.traits),
            host_prefix: op
                .traits
                .get("smithy.api#endpoint")
                .and_then(|e| e.get("hostPrefix"))
                .and_then(|p| p.as_str())
                .map(str::to_owned),
            checksum_required: op.traits.contains_key("smithy.api#httpChecksumRequired"),
            gzip: op
                .traits
                .get("smithy.api#requestCompression")
                .and_then(|c| c.get("encodings"))
                .and_then(|e| e.as_array())
                .is_some_and(|e| {
                    e.iter()
                        .any(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("gzip")))
                }),
            request_tests: client_tests(&op.traits, "smithy.test#httpRequestTests"),
            response_tests: client_tests(&op.traits, "smithy.test#httpResponseTests"),
            id: id.clone(),
            name,
            method: module.clone(),
            module,
            http: http?,
            input,
            output,
            errors,
            paginated,
        })
    }

    /// The endpoint rule parameters an operation sets: `smithy.rules#staticContextParams`, then
    /// `smithy.rules#contextParam` on its input members.
    fn endpoint_params(&mut self, id: &ShapeId, traits: &Traits, input: &Structure) -> Vec<EndpointParam> {
        let mut params = Vec::new();
        let statics = traits
            .get("smithy.rules#staticContextParams")
            .and_then(|v| v.as_object());
        for (name, spec) in statics.into_iter().flatten() {
            if let Some(value) = spec.get("value") {
                params.push(EndpointParam {
                    name: name.clone(),
                    value: EndpointParamValue::Static(value.clone()),
                });
            }
        }
        if let Some(Shape::Structure(shape)) = self.model.get(&input.id) {
            for m in &input.members {
                let member = shape.members.iter().find(|(n, _)| *n == m.wire_name).map(|(_, s)| s);
                let name = member
                    .and_then(|s| s.traits.get("smithy.rules#contextParam"))
                    .and_then(|t| t.get("name"))
                    .and_then(|n| n.as_str());
                match (name, &m.ty) {
                    (Some(name), Some(Type::String | Type::Boolean)) => {
                        let value = EndpointParamValue::Member { field: m.field.clone(), optional: m.optional };
                        params.push(EndpointParam { name: name.to_owned(), value });
                    }
                    (Some(name), _) => self.warnings.push(Problem::new(
                        &m.id,
                        format!("`smithy.rules#contextParam` `{name}` on a member that is not a string or a boolean: ignored"),
                    )),
                    (None, _) => {}
                }
            }
        }
        if traits.contains_key("smithy.rules#operationContextParams") {
            self.warnings.push(Problem::new(
                id,
                "`smithy.rules#operationContextParams` is not implemented: those endpoint parameters stay unset",
            ));
        }
        params
    }

    /// Why an operation cannot be generated, if it uses an event stream.
    fn event_stream(&self, op: &ast::Operation) -> Option<String> {
        for (side, reference) in [("input", &op.input), ("output", &op.output)] {
            let Some(Ok(id)) = reference.as_ref().map(|r| ShapeId::parse(&r.target)) else {
                continue;
            };
            let Some(shape) = self.model.get(&id) else { continue };
            for (member, m) in shape.members() {
                let target = ShapeId::parse(&m.target).ok().and_then(|t| self.model.get(&t));
                if let Some(Shape::Union(u)) = target {
                    if u.traits.contains_key("smithy.api#streaming") {
                        return Some(format!("its {side} member `{member}` is an event stream, which this generator does not support yet"));
                    }
                }
            }
        }
        None
    }

    fn error_ref(&self, id: &ShapeId) -> ErrorRef {
        let name = names::type_name(&self.shape_name(id));
        let variant = if [UNMODELED_VARIANT, DECODE_VARIANT, DISPATCH_VARIANT].contains(&name.as_str()) {
            format!("{name}Value")
        } else {
            name.clone()
        };
        let snake = names::snake(&self.shape_name(id));
        // `is_unmodeled()` is synthesized; the model's `Unmodeled` gets `is_unmodeled_value()`.
        let snake = if snake == "unmodeled" {
            format!("{snake}_value")
        } else {
            snake
        };
        ErrorRef {
            id: id.clone(),
            snake,
            name,
            variant,
        }
    }

    fn http(&mut self, id: &ShapeId, traits: &Traits) -> Option<Http> {
        let Some(http) = traits.get("smithy.api#http") else {
            self.problems.push(Problem::new(
                id,
                "operation has no `smithy.api#http` trait, which restJson1 requires",
            ));
            return None;
        };
        // A wrong value is reported by `model::traits`.
        let method = http.get("method").and_then(|v| v.as_str())?;
        let uri = http.get("uri").and_then(|v| v.as_str())?;
        let code = http
            .get("code")
            .and_then(|v| v.as_u64())
            .and_then(|c| u16::try_from(c).ok())
            .unwrap_or(200);
        match UriPattern::parse(uri) {
            Ok(uri) => Some(Http {
                method: method.to_ascii_uppercase(),
                uri,
                code,
            }),
            Err(e) => {
                self.problems.push(Problem::new(id, e));
                None
            }
        }
    }

    /// Every URI label has a required `httpLabel` member, and every `httpLabel` member a label.
    fn check_labels(&mut self, op: &ShapeId, uri: &UriPattern, input: &Structure) {
        for label in uri.labels() {
            match input.members.iter().find(|m| m.wire_name == label) {
                Some(m) if m.binding == Binding::Label => {}
                Some(m) => self.problems.push(Problem::new(
                    &m.id,
                    format!(
                        "member is used as the URI label `{{{label}}}` of {op} but has no `smithy.api#httpLabel` trait"
                    ),
                )),
                None => self.problems.push(Problem::new(
                    op,
                    format!("URI label `{{{label}}}` of `{}` has no input member", uri.text),
                )),
            }
        }
        for m in input.members.iter().filter(|m| m.binding == Binding::Label) {
            if !uri.labels().any(|l| l == m.wire_name) {
                self.problems.push(Problem::new(
                    &m.id,
                    format!(
                        "`smithy.api#httpLabel` member has no label in the URI `{}` of {op}",
                        uri.text
                    ),
                ));
            }
            let marked = match self.model.get(&input.id) {
                Some(Shape::Structure(s)) => s
                    .members
                    .iter()
                    .any(|(n, member)| *n == m.wire_name && member.traits.contains_key("smithy.api#required")),
                _ => true,
            };
            if !marked {
                self.warnings.push(Problem::new(
                    &m.id,
                    "`smithy.api#httpLabel` member is not marked `smithy.api#required`: it is a required argument all the same",
                ));
            }
            let simple = matches!(&m.ty, Some(t) if !matches!(t, Type::List { .. } | Type::Map { .. } | Type::Document | Type::Blob)
                && !matches!(t, Type::Named(n) if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error)));
            if !simple {
                self.problems.push(Problem::new(
                    &m.id,
                    "`smithy.api#httpLabel` member must target a string, number, boolean, timestamp or enum",
                ));
            }
        }
    }

    fn paginated(
        &mut self,
        id: &ShapeId,
        traits: &Traits,
        defaults: Option<&serde_json::Value>,
        input: &Structure,
        output: &Structure,
    ) -> Option<Paginated> {
        let own = traits.get("smithy.api#paginated")?;
        let field = |name: &str| {
            own.get(name)
                .or_else(|| defaults.and_then(|d| d.get(name)))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let (Some(input_token), Some(output_token)) = (field("inputToken"), field("outputToken")) else {
            self.problems.push(Problem::new(
                id,
                "`smithy.api#paginated` needs an inputToken and an outputToken (here or on the service)",
            ));
            return None;
        };
        let page_size = field("pageSize");
        let items = field("items");
        for name in [Some(&input_token), page_size.as_ref()].into_iter().flatten() {
            if !input.members.iter().any(|m| m.wire_name == *name) {
                self.problems.push(Problem::new(
                    id,
                    format!(
                        "`smithy.api#paginated` names input member `{name}`, which {} does not have",
                        input.id
                    ),
                ));
            }
        }
        for path in [Some(&output_token), items.as_ref()].into_iter().flatten() {
            let first = path.split('.').next().unwrap_or_default();
            if !output.members.iter().any(|m| m.wire_name == first) {
                self.problems.push(Problem::new(
                    id,
                    format!(
                        "`smithy.api#paginated` names output member `{path}`, which {} does not have",
                        output.id
                    ),
                ));
            }
        }
        if output_token.contains('.') || items.as_ref().is_some_and(|i| i.contains('.')) {
            self.warnings.push(Problem::new(
                id,
                "`smithy.api#paginated` names a nested output member; the client has no paginator for it",
            ));
        }
        Some(Paginated {
            input_token,
            output_token,
            page_size,
            items,
        })
    }

    fn enqueue(&mut self, id: &ShapeId) {
        if self.queued.insert(id.clone()) {
            self.queue.push_back(id.clone());
        }
    }

    /// Lowers every named shape reached so far, and those they reach.
    fn drain_queue(&mut self) {
        while let Some(id) = self.queue.pop_front() {
            let name = names::type_name(&self.shape_name(&id));
            let mut module = names::module_name(&self.shape_name(&id));
            if module == "error" {
                // `types/error/` holds the errors.
                module.push('_');
            }
            match self.model.get(&id) {
                Some(Shape::Structure(s)) if s.traits.contains_key("smithy.api#error") => {
                    if let Some(structure) = self.lower_structure(&id, name, module, Role::Error) {
                        self.errors.insert(id, structure);
                    }
                }
                Some(Shape::Structure(_)) => {
                    if let Some(structure) = self.lower_structure(&id, name, module, Role::Nested) {
                        self.structures.insert(id, structure);
                    }
                }
                Some(Shape::Union(u)) => {
                    let docs = docs_of(&u.traits, &id);
                    let members = self.lower_members(&id, &u.members, Role::Nested, true);
                    self.unions.insert(
                        id.clone(),
                        Union {
                            id,
                            name,
                            module,
                            docs,
                            members,
                            validated: false,
                            sensitive: u.traits.contains_key("smithy.api#sensitive"),
                        },
                    );
                }
                Some(shape @ (Shape::Enum(_) | Shape::IntEnum(_) | Shape::String(_))) => {
                    let enumeration = self.lower_enum(&id, shape, name, module);
                    self.enums.insert(id, enumeration);
                }
                _ => unreachable!("only named shapes are queued"),
            }
        }
    }

    fn lower_enum(&mut self, id: &ShapeId, shape: &Shape, name: String, module: String) -> Enum {
        let mut variants = Vec::new();
        let int = matches!(shape, Shape::IntEnum(_));
        match shape {
            Shape::Enum(a) | Shape::IntEnum(a) => {
                for (member, m) in &a.members {
                    let member_id = id.with_member(member);
                    let Some(value) = m
                        .traits
                        .get("smithy.api#enumValue")
                        .cloned()
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
                        docs: match m.traits.get("smithy.api#documentation").and_then(|d| d.as_str()) {
                            Some(doc) => docs::to_lines(doc),
                            None => vec![format!(
                                "`{}`",
                                value.as_str().map_or_else(|| value.to_string(), str::to_owned)
                            )],
                        },
                        deprecated: deprecated(&m.traits),
                        id: member_id,
                        value,
                    });
                }
            }
            // A Smithy 1.0 string with the `enum` trait.
            _ => {
                let values = shape
                    .traits()
                    .get("smithy.api#enum")
                    .and_then(|v| v.as_array())
                    .cloned()
                    .unwrap_or_default();
                for def in values {
                    let Some(value) = def.get("value").and_then(|v| v.as_str()) else {
                        continue;
                    };
                    let label = def.get("name").and_then(|v| v.as_str()).unwrap_or(value);
                    let docs = def
                        .get("documentation")
                        .and_then(|v| v.as_str())
                        .map(docs::to_lines)
                        .unwrap_or_else(|| vec![format!("`{value}`")]);
                    let deprecated =
                        (def.get("deprecated") == Some(&serde_json::Value::Bool(true))).then_some(Deprecated {
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

    fn lower_structure(&mut self, id: &ShapeId, name: String, module: String, role: Role) -> Option<Structure> {
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
        let error = (role == Role::Error).then(|| error_info(id, &s.traits, &members));
        let docs = if s.traits.contains_key("smithy.api#unitType") {
            vec![format!(
                "The {} of an operation that takes or returns nothing.",
                if role == Role::Input { "input" } else { "output" }
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
            error,
            validated: false,
            deprecated: deprecated(&s.traits),
            response_tests: client_tests(&s.traits, "smithy.test#httpResponseTests"),
            sensitive: s.traits.contains_key("smithy.api#sensitive"),
            response: matches!(role, Role::Output | Role::Error),
        })
    }

    fn lower_members(&mut self, owner: &ShapeId, members: &ast::Members, role: Role, union: bool) -> Vec<Member> {
        let mut lowered = Vec::new();
        for (name, member) in members {
            if let Some(m) = self.lower_member(owner, name, member, role, union) {
                lowered.push(m);
            }
        }
        lowered
    }

    fn lower_member(
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
        let required = traits.contains_key("smithy.api#required");
        let client_optional = traits.contains_key("smithy.api#clientOptional");
        // Smithy 1.0's `box` makes a member of a primitive shape nullable: no zero default.
        let default = traits.get("smithy.api#default").or_else(|| {
            target
                .traits()
                .get("smithy.api#default")
                .filter(|_| !traits.contains_key("smithy.api#box"))
        });
        // `clientOptional`, and the `@input` structure that implies it for members that are not
        // required, make a member with a default optional: left unset, it is not sent.
        let client_optional = client_optional || (role == Role::Input && !required);
        // A URI label cannot be absent: its member is a required argument whatever the model
        // says of its optionality (GuardDuty publishes labels that are `required` and also
        // `clientOptional`; one without `required` is reported by `check_labels`).
        let label = role == Role::Input && traits.contains_key("smithy.api#httpLabel");
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
        let mut merged = target.traits().clone();
        merged.extend(traits.clone());
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
            docs: member_docs(traits, Some(target.traits()), &id),
            binding,
            constraints: self.constraints(&id, &merged),
            idempotency_token: traits.contains_key("smithy.api#idempotencyToken"),
            timestamp_format: merged
                .get("smithy.api#timestampFormat")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            json_name: traits
                .get("smithy.api#jsonName")
                .and_then(|v| v.as_str())
                .unwrap_or(name)
                .to_owned(),
            media_type: text_trait(target.traits(), "smithy.api#mediaType"),
            sensitive: merged.contains_key("smithy.api#sensitive") || ty.as_ref().is_some_and(ty_holds_sensitive),
            deprecated: deprecated(traits),
            id,
            ty,
        })
    }

    fn binding(&mut self, id: &ShapeId, traits: &Traits, role: Role) -> Binding {
        let text = |name: &str| traits.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let found: Vec<(Binding, &[Role])> = [
            traits
                .contains_key("smithy.api#httpLabel")
                .then_some((Binding::Label, &[Role::Input][..])),
            text("smithy.api#httpQuery").map(|q| (Binding::Query(q), &[Role::Input][..])),
            traits
                .contains_key("smithy.api#httpQueryParams")
                .then_some((Binding::QueryParams, &[Role::Input][..])),
            text("smithy.api#httpHeader").map(|h| (Binding::Header(h), &[Role::Input, Role::Output, Role::Error][..])),
            text("smithy.api#httpPrefixHeaders")
                .map(|h| (Binding::PrefixHeaders(h), &[Role::Input, Role::Output, Role::Error][..])),
            traits
                .contains_key("smithy.api#httpPayload")
                .then_some((Binding::Payload, &[Role::Input, Role::Output, Role::Error][..])),
            traits
                .contains_key("smithy.api#httpResponseCode")
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

    fn constraints(&mut self, id: &ShapeId, traits: &Traits) -> Constraints {
        let bounds = |v: &serde_json::Value| (v.get("min").cloned(), v.get("max").cloned());
        let length = traits
            .get("smithy.api#length")
            .map(bounds)
            .map(|(a, b)| (a.and_then(|v| v.as_u64()), b.and_then(|v| v.as_u64())));
        let range = traits.get("smithy.api#range").map(bounds).map(|(a, b)| {
            let number = |v: Option<serde_json::Value>| {
                v.and_then(|v| {
                    if let serde_json::Value::Number(n) = v {
                        Some(n)
                    } else {
                        None
                    }
                })
            };
            (number(a), number(b))
        });
        let pattern = traits.get("smithy.api#pattern").and_then(|v| v.as_str()).and_then(|p| {
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
    fn resolve_type(&mut self, at: &ShapeId, target_id: &ShapeId) -> Option<Type> {
        let target = self.model.get(target_id)?;
        let ty = match target {
            Shape::Blob(_) => Type::Blob,
            Shape::Boolean(_) => Type::Boolean,
            Shape::String(s) if s.traits.contains_key("smithy.api#enum") => self.named(target_id, NamedKind::Enum),
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
            Shape::Structure(s) if s.traits.contains_key("smithy.api#unitType") => {
                self.problems
                    .push(Problem::new(at, "only union members can target smithy.api#Unit"));
                return None;
            }
            Shape::Structure(s) if s.traits.contains_key("smithy.api#error") => self.named(target_id, NamedKind::Error),
            Shape::Structure(_) => self.named(target_id, NamedKind::Structure),
            Shape::Union(_) => self.named(target_id, NamedKind::Union),
            Shape::List(l) => {
                let member = self.element(&target_id.with_member("member"), &l.member)?;
                Type::List {
                    member: Box::new(member),
                    sparse: l.traits.contains_key("smithy.api#sparse"),
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
                    sparse: m.traits.contains_key("smithy.api#sparse"),
                }
            }
            Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_) | Shape::Apply(_) => {
                self.problems.push(Problem::new(
                    at,
                    format!("target {target_id} is a {}, not a data shape", target.type_name()),
                ));
                return None;
            }
        };
        Some(ty)
    }

    fn element(&mut self, id: &ShapeId, member: &ast::Member) -> Option<Element> {
        let target_id = self.resolve(id, &member.target)?;
        let ty = self.resolve_type(id, &target_id)?;
        let mut merged = self.model.get(&target_id)?.traits().clone();
        merged.extend(member.traits.clone());
        Some(Element {
            constraints: self.constraints(id, &merged),
            timestamp_format: text_trait(&merged, "smithy.api#timestampFormat"),
            sensitive: merged.contains_key("smithy.api#sensitive") || ty_holds_sensitive(&ty),
            ty,
        })
    }

    fn named(&mut self, id: &ShapeId, kind: NamedKind) -> Type {
        self.enqueue(id);
        Type::Named(Named {
            id: id.clone(),
            name: names::type_name(&self.shape_name(id)),
            kind,
            checked: false,
        })
    }
}

/// Whether a list or map holds sensitive elements, at any depth (named types redact themselves).
/// The functions of the rules language the runtime's engine evaluates (`call` in
/// `runtime/endpoint_rules.rs`; a test keeps the two lists the same).
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
fn check_rule_functions(service: &ShapeId, rules: &serde_json::Value, warnings: &mut Vec<Problem>) {
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

fn ty_holds_sensitive(ty: &Type) -> bool {
    match ty {
        Type::List { member, .. } => member.sensitive || ty_holds_sensitive(&member.ty),
        Type::Map { key, value, .. } => key.sensitive || value.sensitive || ty_holds_sensitive(&value.ty),
        _ => false,
    }
}

fn text_trait(traits: &Traits, name: &str) -> Option<String> {
    traits.get(name).and_then(|v| v.as_str()).map(str::to_owned)
}

/// The protocol test cases of a `smithy.test` trait that apply to clients.
fn client_tests(traits: &Traits, name: &str) -> Vec<serde_json::Value> {
    let cases = traits.get(name).and_then(|v| v.as_array());
    cases
        .into_iter()
        .flatten()
        .filter(|c| c.get("appliesTo").and_then(|a| a.as_str()) != Some("server"))
        .filter(|c| c.get("protocol").and_then(|p| p.as_str()) == Some("aws.protocols#restJson1"))
        .cloned()
        .collect()
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
        Type::String | Type::Blob => value.is_string(),
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

fn error_info(id: &ShapeId, traits: &Traits, members: &[Member]) -> ErrorInfo {
    let server_fault = traits.get("smithy.api#error").and_then(|v| v.as_str()) == Some("server");
    let retryable = traits.get("smithy.api#retryable");
    ErrorInfo {
        code: id.name().to_owned(),
        server_fault,
        http_status: traits
            .get("smithy.api#httpError")
            .and_then(|v| v.as_u64())
            .and_then(|v| u16::try_from(v).ok())
            .unwrap_or(if server_fault { 500 } else { 400 }),
        retryable: retryable.is_some() || server_fault,
        throttling: retryable
            .and_then(|r| r.get("throttling"))
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        message_member: members
            .iter()
            .position(|m| m.wire_name.eq_ignore_ascii_case("message") && m.ty == Some(Type::String)),
    }
}

fn deprecated(traits: &Traits) -> Option<Deprecated> {
    let d = traits.get("smithy.api#deprecated")?;
    let text = |k: &str| d.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    Some(Deprecated {
        message: text("message"),
        since: text("since"),
    })
}

fn docs_of(traits: &Traits, id: &ShapeId) -> Vec<String> {
    let mut lines = traits
        .get("smithy.api#documentation")
        .and_then(|v| v.as_str())
        .map(docs::to_lines)
        .unwrap_or_default();
    if lines.is_empty() {
        lines.push(format!("`{id}` (the model gives no documentation)."));
    }
    if let Some(links) = traits
        .get("smithy.api#externalDocumentation")
        .and_then(|v| v.as_object())
    {
        lines.push(String::new());
        for (title, url) in links {
            if let Some(url) = url.as_str() {
                lines.push(format!("- {title}: <{url}>"));
            }
        }
    }
    lines
}

fn member_docs(traits: &Traits, target: Option<&Traits>, id: &ShapeId) -> Vec<String> {
    match traits
        .get("smithy.api#documentation")
        .or_else(|| target.and_then(|t| t.get("smithy.api#documentation")))
    {
        Some(serde_json::Value::String(doc)) if !docs::to_lines(doc).is_empty() => docs::to_lines(doc),
        _ => vec![format!("`{id}` (the model gives no documentation).")],
    }
}

/// Marks the structures and unions reachable from an operation input: they get `validate()`.
fn mark_validated(ir: &mut Service) {
    let mut pending: Vec<ShapeId> = Vec::new();
    let collect = |members: &[Member], out: &mut Vec<ShapeId>| {
        for m in members {
            if let Some(ty) = &m.ty {
                named_in(ty, out);
            }
        }
    };
    for op in &ir.operations {
        collect(&op.input.members, &mut pending);
    }
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(s) = ir
            .structures
            .iter_mut()
            .chain(ir.errors.iter_mut())
            .find(|s| s.id == id)
        {
            s.validated = true;
            collect(&s.members, &mut pending);
        } else if let Some(u) = ir.unions.iter_mut().find(|u| u.id == id) {
            u.validated = true;
            collect(&u.members, &mut pending);
        }
    }
}

/// Decides which structures and unions have anything for `validate()` to check, themselves or
/// inside (a fixpoint, for recursive shapes), and marks every reference to them.
fn mark_checked(ir: &mut Service) {
    fn has_checks(ty: &Type, constraints: &Constraints, checked: &BTreeSet<ShapeId>) -> bool {
        !constraints.is_empty()
            || match ty {
                Type::Named(n) => checked.contains(&n.id),
                Type::List { member, .. } => has_checks(&member.ty, &member.constraints, checked),
                Type::Map { key, value, .. } => {
                    has_checks(&key.ty, &key.constraints, checked) || has_checks(&value.ty, &value.constraints, checked)
                }
                _ => false,
            }
    }
    fn mark(ty: &mut Type, checked: &BTreeSet<ShapeId>) {
        match ty {
            Type::Named(n) => n.checked = checked.contains(&n.id),
            Type::List { member, .. } => mark(&mut member.ty, checked),
            Type::Map { key, value, .. } => {
                mark(&mut key.ty, checked);
                mark(&mut value.ty, checked);
            }
            _ => {}
        }
    }
    let mut checked = BTreeSet::new();
    loop {
        let before = checked.len();
        let owners = ir.structures.iter().chain(&ir.errors).map(|s| (&s.id, &s.members));
        let owners = owners.chain(ir.unions.iter().map(|u| (&u.id, &u.members)));
        for (id, members) in owners {
            let any = members
                .iter()
                .any(|m| m.ty.as_ref().is_some_and(|t| has_checks(t, &m.constraints, &checked)));
            if any {
                checked.insert(id.clone());
            }
        }
        if checked.len() == before {
            break;
        }
    }
    let structures = ir.structures.iter_mut().chain(ir.errors.iter_mut());
    let structures = structures.chain(ir.operations.iter_mut().flat_map(|o| [&mut o.input, &mut o.output]));
    let members = structures
        .flat_map(|s| s.members.iter_mut())
        .chain(ir.unions.iter_mut().flat_map(|u| u.members.iter_mut()));
    for m in members {
        if let Some(ty) = &mut m.ty {
            mark(ty, &checked);
        }
    }
}

fn named_in(ty: &Type, out: &mut Vec<ShapeId>) {
    match ty {
        Type::Named(n) if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error) => {
            out.push(n.id.clone())
        }
        Type::List { member, .. } => named_in(&member.ty, out),
        Type::Map { key, value, .. } => {
            named_in(&key.ty, out);
            named_in(&value.ty, out);
        }
        _ => {}
    }
}

/// Two shapes or members that map to one Rust name are an error naming both.
///
/// Names derived from one another (a type and its module, a field and its setter) collide
/// together; each set of shapes is reported once, for the first name that collides.
/// Methods of `Client` itself, which an operation's method must not shadow.
const CLIENT_METHODS: &[&str] = &[
    "new", "config", "endpoint", "call", "target", "attempts", "spend", "refill",
];

/// The first of `base`, `base2`, `base3`, ... that `taken` refuses.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

/// Names synthesized to step around a reserved one must not land on another name of the same
/// scope: `Client`'s methods (an operation `Config` beside `ConfigOperation`) and the variants
/// and `is_*` methods of error enums (an error `Unmodeled` beside `UnmodeledValue`).
fn assign_unique_names(ir: &mut Service) {
    let modules: BTreeSet<String> = ir.operations.iter().map(|o| o.module.clone()).collect();
    for op in &mut ir.operations {
        if CLIENT_METHODS.contains(&op.module.as_str()) {
            op.method = unique(&format!("{}_operation", op.module), |n| modules.contains(n));
        }
    }
    let reserved = [UNMODELED_VARIANT, DECODE_VARIANT, DISPATCH_VARIANT];
    let names: BTreeSet<String> = ir.errors.iter().map(|e| names::type_name(&e.name)).collect();
    let snakes: BTreeSet<String> = ir.errors.iter().map(|e| names::snake(&e.name)).collect();
    let reserved_snakes: Vec<String> = reserved.iter().map(|r| names::snake(r)).collect();
    let mut variants = BTreeMap::new();
    for name in &names {
        let variant = if reserved.contains(&name.as_str()) {
            unique(&format!("{name}Value"), |n| names.contains(n) || reserved.contains(&n))
        } else {
            name.clone()
        };
        variants.insert(name.clone(), variant);
    }
    let mut is_methods = BTreeMap::new();
    for snake in &snakes {
        let method = if reserved_snakes.contains(snake) {
            unique(&format!("{snake}_value"), |n| {
                snakes.contains(n) || reserved_snakes.iter().any(|r| r == n)
            })
        } else {
            snake.clone()
        };
        is_methods.insert(snake.clone(), method);
    }
    for op in &mut ir.operations {
        for e in &mut op.errors {
            if let Some(v) = variants.get(&e.name) {
                e.variant = v.clone();
            }
            if let Some(m) = is_methods.get(&names::snake(&e.name)) {
                e.snake = m.clone();
            }
        }
    }
}

fn check_collisions(ir: &Service, problems: &mut Vec<Problem>) {
    let mut reported: BTreeSet<Vec<ShapeId>> = BTreeSet::new();
    let mut report = |what: &str, entries: Vec<(String, ShapeId)>| {
        let mut by_name: BTreeMap<String, Vec<ShapeId>> = BTreeMap::new();
        for (name, id) in entries {
            by_name.entry(name).or_default().push(id);
        }
        for (name, ids) in by_name.into_iter().filter(|(_, ids)| ids.len() > 1) {
            if !reported.insert(ids.clone()) {
                continue;
            }
            let others: Vec<String> = ids[1..].iter().map(ToString::to_string).collect();
            let hint = if what == "type" && ids.iter().any(|id| id.namespace() != ids[0].namespace()) {
                " (the service's `rename` can tell them apart)"
            } else {
                ""
            };
            problems.push(Problem::new(
                &ids[0],
                format!("{what} `{name}` is also the name of {}{hint}", others.join(", ")),
            ));
        }
    };
    let types = ir
        .structures
        .iter()
        .map(|s| (&s.name, &s.id, &s.module))
        .chain(ir.unions.iter().map(|u| (&u.name, &u.id, &u.module)))
        .chain(ir.enums.iter().map(|e| (&e.name, &e.id, &e.module)));
    let types: Vec<_> = types.collect();
    report(
        "type",
        types.iter().map(|(n, id, _)| ((*n).clone(), (*id).clone())).collect(),
    );
    report(
        "module",
        types.iter().map(|(_, id, m)| ((*m).clone(), (*id).clone())).collect(),
    );
    report(
        "error type",
        ir.errors.iter().map(|s| (s.name.clone(), s.id.clone())).collect(),
    );
    report(
        "error module",
        ir.errors.iter().map(|s| (s.module.clone(), s.id.clone())).collect(),
    );
    report(
        "operation",
        ir.operations.iter().map(|o| (o.module.clone(), o.id.clone())).collect(),
    );
    let structures = ir
        .structures
        .iter()
        .chain(&ir.errors)
        .chain(ir.operations.iter().flat_map(|o| [&o.input, &o.output]));
    for s in structures {
        report(
            "field",
            s.members.iter().map(|m| (m.field.clone(), m.id.clone())).collect(),
        );
        report(
            "method",
            s.members.iter().map(|m| (m.setter.clone(), m.id.clone())).collect(),
        );
    }
    for u in &ir.unions {
        report(
            "variant",
            u.members.iter().map(|m| (m.variant.clone(), m.id.clone())).collect(),
        );
    }
    for e in &ir.enums {
        report(
            "variant",
            e.variants.iter().map(|v| (v.name.clone(), v.id.clone())).collect(),
        );
        report(
            "value",
            e.variants.iter().map(|v| (v.value.to_string(), v.id.clone())).collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE_FUNCTIONS;

    #[test]
    fn the_rules_engine_evaluates_every_function_listed() {
        let engine = include_str!("../runtime/endpoint_rules.rs");
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

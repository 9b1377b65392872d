//! Lowering: model → IR. Resolves, validates and names; reports every problem it finds.
//!
//! This module finds the service and walks its closure; [`operations`] lowers operations (HTTP
//! bindings, labels, pagination, endpoint parameters), [`shapes`] the shapes they reach (members,
//! bindings, constraints, enums, errors), [`endpoint_rules`] checks the rules' functions; the
//! analyses of the lowered service are [`super::passes`].

mod endpoint_rules;
mod operations;
mod shapes;

use super::names;
use super::passes;
use super::*;
use crate::model::known::{Fault, PaginatedTrait};
use crate::model::{ast, Model, Shape, Traits};
use crate::options::Options;
use crate::problem::Problem;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The protocol a service's traits name, of those the generator speaks.
fn protocol_of(traits: &Traits) -> Option<Protocol> {
    Protocol::ALL.into_iter().find(|p| traits.has(p.trait_id()))
}

/// Lowers the service closure of `model` into the IR.
///
/// On success also returns warnings (shapes left out, with the reason).
pub fn lower(model: &Model, options: &Options) -> Result<(Service, Vec<Problem>), Vec<Problem>> {
    let mut problems = Vec::new();
    let Some((service_id, service, protocol)) = find_service(model, options, &mut problems) else {
        return Err(problems);
    };
    let mut lowerer = Lowerer {
        model,
        protocol,
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
    let paginated_defaults = service.traits.paginated.clone().unwrap_or_default();
    let service_auth = auth::service_schemes(&service.traits);
    let mut operations = Vec::new();
    for id in operation_ids {
        if let Some(op) = lowerer.lower_operation(&id, &service_errors, &paginated_defaults, &service_auth) {
            operations.push(op);
        }
    }
    lowerer.drain_queue();
    // Each error's summary from its lowered docs, once per error rather than per operation.
    for error in operations.iter_mut().flat_map(|op| &mut op.errors) {
        if let Some(structure) = lowerer.errors.get(&error.id) {
            error.summary = docs::first_paragraph(&structure.docs);
        }
    }
    if let Some(why) = options.crate_name.as_deref().and_then(names::crate_name_problem) {
        lowerer
            .problems
            .push(Problem::new(&service_id, format!("--crate-name: {why}")));
    }
    let mut ir = Service {
        crate_name: options
            .crate_name
            .clone()
            .unwrap_or_else(|| names::crate_name(&sdk_id(&service_id, service))),
        sdk_id: sdk_id(&service_id, service),
        title: service
            .traits
            .title
            .clone()
            .unwrap_or_else(|| sdk_id(&service_id, service)),
        version: service.version.clone(),
        docs: docs_of(&service.traits, &service_id),
        signing_name: service.traits.signing_name.clone(),
        endpoint_rules: service
            .traits
            .endpoint_rule_set()
            .map(|rules| super::endpoint_rules::EndpointRules::read(rules, service.traits.endpoint_tests())),
        id: service_id,
        operations,
        structures: lowerer.structures.into_values().collect(),
        unions: lowerer.unions.into_values().collect(),
        enums: lowerer.enums.into_values().collect(),
        errors: lowerer.errors.into_values().collect(),
        skipped: lowerer.skipped,
        ignored_tests: options.ignored_tests.clone(),
        protocol,
        query_compatible: service.traits.query_compatible,
        no_error_wrapping: service.traits.no_error_wrapping,
        xml_namespace: service.traits.xml_namespace.clone(),
        features: Features::default(),
    };
    let mut problems = lowerer.problems;
    let mut warnings = lowerer.warnings;
    if let Some(rules) = &ir.endpoint_rules {
        endpoint_rules::check_rule_functions(&ir.id, &rules.rule_set, &mut warnings);
    }
    // Endpoint parameters an operation sets must be the rules' own, of their kind.
    for op in &mut ir.operations {
        op.endpoint_params.retain(|p| {
            let declared = ir.endpoint_rules.as_ref().and_then(|r| r.parameter(&p.name));
            let why = match declared {
                None => "which the service's endpoint rules do not declare".to_owned(),
                Some(declared) if p.value.kind() != Some(declared.kind) => format!(
                    "to {}, where the service's endpoint rules declare {}",
                    kind_words(p.value.kind()),
                    kind_words(Some(declared.kind))
                ),
                Some(_) => return true,
            };
            warnings.push(Problem::new(
                &op.id,
                format!("sets the endpoint parameter `{}` {why}: ignored", p.name),
            ));
            false
        });
    }
    ir.operations.sort_by(|a, b| a.name.cmp(&b.name));
    ir.structures.sort_by(|a, b| a.name.cmp(&b.name));
    ir.unions.sort_by(|a, b| a.name.cmp(&b.name));
    ir.enums.sort_by(|a, b| a.name.cmp(&b.name));
    ir.errors.sort_by(|a, b| a.name.cmp(&b.name));
    passes::assign_unique_names(&mut ir);
    passes::mark_validated(&mut ir);
    passes::mark_checked(&mut ir);
    recursion::box_cycles(&mut ir);
    passes::check_collisions(&ir, &mut problems);
    ir.features = Features::of(&ir);
    // A subset leaves the rest out on purpose.
    if options.operations.is_none() {
        warnings.extend(passes::unreached(model));
    }
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
    service.traits.sdk_id.clone().unwrap_or_else(|| id.name().to_owned())
}

/// The service to generate (by `--service`, or the only one with a protocol the generator speaks)
/// and its protocol, or the problem that says why there is none.
fn find_service<'m>(
    model: &'m Model,
    options: &Options,
    problems: &mut Vec<Problem>,
) -> Option<(ShapeId, &'m ast::Service, Protocol)> {
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
                .filter(|(_, s)| protocol_of(&s.traits).is_some())
                .collect();
            match rest.as_slice() {
                [one] => **one,
                [] => {
                    problems.push(Problem::new(
                        "model",
                        format!(
                            "no service with a protocol this generator speaks ({}){}",
                            Protocol::list(),
                            spoken_instead(&services)
                        ),
                    ));
                    return None;
                }
                many => {
                    let ids: Vec<String> = many.iter().map(|(id, _)| id.to_string()).collect();
                    problems.push(Problem::new(
                        "model",
                        format!("several services ({}); choose one with --service", ids.join(", ")),
                    ));
                    return None;
                }
            }
        }
    };
    if let Some(wanted) = &options.protocol {
        let named = Protocol::ALL
            .into_iter()
            .find(|p| p.name() == wanted.as_str() || p.trait_id() == wanted.as_str());
        let listed: Vec<&str> = Protocol::ALL
            .iter()
            .filter(|p| chosen.1.traits.has(p.trait_id()))
            .map(|p| p.name())
            .collect();
        return match named {
            Some(p) if chosen.1.traits.has(p.trait_id()) => Some((chosen.0.clone(), chosen.1, p)),
            Some(p) => {
                problems.push(Problem::new(
                    chosen.0,
                    format!(
                        "--protocol {}: the service does not list it; it speaks {}",
                        p.name(),
                        if listed.is_empty() {
                            "none the generator speaks".to_owned()
                        } else {
                            listed.join(", ")
                        }
                    ),
                ));
                None
            }
            None => {
                let known: Vec<&str> = Protocol::ALL.iter().map(|p| p.name()).collect();
                problems.push(Problem::new(
                    "options",
                    format!(
                        "--protocol {wanted}: not a protocol the generator speaks ({})",
                        known.join(", ")
                    ),
                ));
                None
            }
        };
    }
    let Some(protocol) = protocol_of(&chosen.1.traits) else {
        problems.push(Problem::new(
            chosen.0,
            format!(
                "service has no protocol trait this generator speaks ({}){}",
                Protocol::list(),
                spoken_instead(&[(chosen.0, chosen.1)])
            ),
        ));
        return None;
    };
    Some((chosen.0.clone(), chosen.1, protocol))
}

/// "; the model's services speak aws.protocols#restXml": the protocol traits the services
/// have instead, or nothing when they have none.
fn spoken_instead(services: &[(&ShapeId, &ast::Service)]) -> String {
    let spoken: BTreeSet<&str> = PROTOCOL_TRAITS
        .iter()
        .copied()
        .filter(|t| services.iter().any(|(_, s)| s.traits.has(t)))
        .collect();
    if spoken.is_empty() {
        return "; the model's services have no protocol trait".to_owned();
    }
    let spoken: Vec<&str> = spoken.into_iter().collect();
    format!(
        "; the model's services speak {}, which it does not yet",
        spoken.join(", ")
    )
}

/// Every protocol trait of Smithy's AWS protocols and its RPC v2, those the generator speaks
/// first (in [`Protocol::ALL`]'s order).
pub const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "smithy.protocols#rpcv2Cbor",
];

struct Lowerer<'m> {
    model: &'m Model,
    /// The service's protocol: whether HTTP bindings and `jsonName` count.
    protocol: Protocol,
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
    pub(super) fn references(&mut self, owner: &ShapeId, refs: &[ast::Reference]) -> Vec<ShapeId> {
        let mut ids = Vec::new();
        for r in refs {
            if let Some(id) = self.resolve(owner, &r.target) {
                ids.push(id);
            }
        }
        ids
    }

    /// Parses a target id and checks that the shape exists.
    pub(super) fn resolve(&mut self, owner: &ShapeId, target: &str) -> Option<ShapeId> {
        match ShapeId::parse(target) {
            Ok(id) if self.model.get(&id).is_some() => Some(id),
            Ok(id) => {
                // The closest name among the shapes of the same namespace.
                let siblings = self.model.shapes.keys().filter(|s| s.namespace() == id.namespace());
                let hint = crate::suggest::did_you_mean(id.name(), siblings.map(ShapeId::name))
                    .map(|meant| format!("; did you mean {}#{meant}?", id.namespace()))
                    .unwrap_or_default();
                self.problems
                    .push(Problem::new(owner, format!("target {id} not found{hint}")));
                None
            }
            Err(e) => {
                self.problems.push(Problem::new(owner, format!("target: {e}")));
                None
            }
        }
    }

    /// The shape's name in this service (after `rename`).
    pub(super) fn shape_name(&self, id: &ShapeId) -> String {
        self.rename.get(id).cloned().unwrap_or_else(|| id.name().to_owned())
    }

    pub(super) fn enqueue(&mut self, id: &ShapeId) {
        if self.queued.insert(id.clone()) {
            self.queue.push_back(id.clone());
        }
    }

    /// Lowers every named shape reached so far, and those they reach.
    pub(super) fn drain_queue(&mut self) {
        while let Some(id) = self.queue.pop_front() {
            let name = names::type_name(&self.shape_name(&id));
            let mut module = names::module_name(&self.shape_name(&id));
            if module == "error" {
                // `types/error/` holds the errors.
                module.push('_');
            }
            match self.model.get(&id) {
                Some(Shape::Structure(s)) if s.traits.error.is_some() => {
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
                    let mut members = self.lower_members(&id, &u.members, Role::Nested, true);
                    if u.traits.streaming {
                        // An event stream's exceptions are its operation's errors, not events.
                        members.retain(|m| !matches!(&m.ty, Some(Type::Named(n)) if n.kind == NamedKind::Error));
                    }
                    self.unions.insert(
                        id.clone(),
                        Union {
                            name,
                            module,
                            docs,
                            members,
                            validated: false,
                            sensitive: u.traits.sensitive,
                            xml_name: u.traits.xml_name.clone().unwrap_or_else(|| id.name().to_owned()),
                            xml_namespace: u.traits.xml_namespace.clone(),
                            id,
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
}

impl Lowerer<'_> {
    /// The client cases of `self.protocol` in `cases`, the value of the protocol-test trait
    /// `name` on `id`; a case it cannot read is a problem.
    pub(super) fn protocol_cases<T: for<'de> serde::Deserialize<'de>>(
        &mut self,
        id: &ShapeId,
        cases: Option<&serde_json::Value>,
        name: &str,
    ) -> Vec<T> {
        let (cases, problems) = super::protocol_tests::client_cases(cases, name, self.protocol);
        self.problems.extend(problems.into_iter().map(|p| Problem::new(id, p)));
        cases
    }
}

/// An endpoint parameter's kind in words.
fn kind_words(kind: Option<crate::ir::endpoint_rules::ParamKind>) -> &'static str {
    match kind {
        Some(crate::ir::endpoint_rules::ParamKind::Bool) => "a boolean",
        Some(crate::ir::endpoint_rules::ParamKind::String) => "a string",
        Some(crate::ir::endpoint_rules::ParamKind::StringArray) => "a list of strings",
        None => "a value of no parameter kind",
    }
}

pub(super) fn docs_of(traits: &Traits, id: &ShapeId) -> Vec<String> {
    let mut lines = docs::lines_or([traits.documentation()], || {
        format!("`{}`: the model gives it no documentation.", id.name())
    });
    if let Some(links) = &traits.external_documentation {
        lines.push(String::new());
        for (title, url) in links {
            lines.push(format!("- {title}: <{url}>"));
        }
    }
    lines
}

/// A member's docs: its own, else its target's, else what it is (`` The `name`: a string. ``).
fn member_docs(traits: &Traits, target: (&ShapeId, &Shape), id: &ShapeId, role: Role) -> Vec<String> {
    // An empty documentation of the member's own does not hide its target's.
    docs::lines_or([traits.documentation(), target.1.traits().documentation()], || {
        if role == Role::Error && id.member().is_some_and(|m| m.eq_ignore_ascii_case("message")) {
            "The error's message.".to_owned()
        } else {
            format!(
                "The `{}`: {} (the model gives it no documentation).",
                id.member().unwrap_or_default(),
                kind_of(target.0, target.1)
            )
        }
    })
}

/// What a shape is, in words, with its article: `a string`, `an integer`, `a list`,
/// `` a `RunStatistics` structure ``.
fn kind_of(id: &ShapeId, shape: &Shape) -> String {
    match shape {
        Shape::Blob(_) => "bytes".to_owned(),
        Shape::Boolean(_) => "a boolean".to_owned(),
        Shape::String(_) => "a string".to_owned(),
        Shape::Byte(_) | Shape::Short(_) | Shape::Integer(_) | Shape::Long(_) => "an integer".to_owned(),
        Shape::Float(_) | Shape::Double(_) => "a number".to_owned(),
        Shape::BigInteger(_) => "a big integer".to_owned(),
        Shape::BigDecimal(_) => "a big decimal".to_owned(),
        Shape::Timestamp(_) => "a timestamp".to_owned(),
        Shape::Document(_) => "a document".to_owned(),
        Shape::Enum(_) | Shape::IntEnum(_) => format!("one of the `{}` values", id.name()),
        Shape::List(_) => "a list".to_owned(),
        Shape::Map(_) => "a map".to_owned(),
        Shape::Structure(_) => format!("{} structure", docs::with_article(&format!("`{}`", id.name()))),
        Shape::Union(_) => format!("{} union", docs::with_article(&format!("`{}`", id.name()))),
        _ => docs::with_article(&format!("`{}`", id.name())),
    }
}

#[cfg(test)]
mod tests {
    use super::{Protocol, PROTOCOL_TRAITS};

    fn lowered_protocol(options: &crate::options::Options) -> Result<Protocol, String> {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "version": "1",
                    "traits": {"aws.protocols#awsQuery": {}, "aws.protocols#awsJson1_0": {}}}
        }}"#;
        let (model, _) = crate::model::load(model).unwrap();
        super::lower(&model, options)
            .map(|(service, _)| service.protocol)
            .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    }

    #[test]
    fn a_service_of_several_protocols_speaks_the_first_in_order_or_the_one_chosen() {
        use crate::options::Options;
        assert_eq!(lowered_protocol(&Options::default()), Ok(Protocol::AwsJson10));
        let chosen = |name: &str| {
            lowered_protocol(&Options {
                protocol: Some(name.to_owned()),
                ..Options::default()
            })
        };
        assert_eq!(chosen("awsQuery"), Ok(Protocol::AwsQuery));
        assert_eq!(chosen("aws.protocols#awsQuery"), Ok(Protocol::AwsQuery));
        let unlisted = chosen("restXml").unwrap_err();
        assert!(
            unlisted.contains("does not list it; it speaks awsJson1_0, awsQuery"),
            "{unlisted}"
        );
        let unknown = chosen("smoke").unwrap_err();
        assert!(
            unknown.contains("not a protocol the generator speaks (restJson1, "),
            "{unknown}"
        );
    }

    #[test]
    fn the_protocol_traits_list_the_spoken_ones_first() {
        let spoken: Vec<&str> = Protocol::ALL.iter().map(|p| p.trait_id()).collect();
        assert_eq!(PROTOCOL_TRAITS[..spoken.len()], spoken[..]);
    }
}

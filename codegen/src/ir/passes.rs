//! Passes over the lowered service: which shapes `validate()` reaches and which check anything,
//! the names synthesized to step around reserved ones, the collisions of Rust names; and over
//! the model, the shapes no service reaches.

use super::*;
use crate::problem::Problem;
use std::collections::{BTreeMap, BTreeSet};

/// Marks the operation inputs and the structures and unions reachable from them: they get
/// `validate()`.
pub(crate) fn mark_validated(ir: &mut Service) {
    let mut pending: Vec<ShapeId> = Vec::new();
    let collect = |members: &[Member], out: &mut Vec<ShapeId>| {
        for m in members {
            if let Some(ty) = &m.ty {
                named_in(ty, out);
            }
        }
    };
    for op in &mut ir.operations {
        op.input.validated = true;
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
pub(crate) fn mark_checked(ir: &mut Service) {
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

/// Methods of `Client` itself (the generated `new`, and the engine's in `runtime/src/client.rs`,
/// which a test keeps in step), which an operation's method must not shadow.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_service",
    "customized",
    "config",
    "endpoint",
    "target",
    "call",
    "attempts",
    "retried",
    "send",
    "send_once",
    "spend",
    "refill",
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
/// scope: `Client`'s methods (an operation `Config` beside `ConfigOperation`, a waiter `Foo`
/// beside an operation `WaitUntilFoo`) and the variants
/// and `is_*` methods of error enums (an error `Unmodeled` beside `UnmodeledValue`).
pub(crate) fn assign_unique_names(ir: &mut Service) {
    let modules: BTreeSet<String> = ir.operations.iter().map(|o| o.module.clone()).collect();
    for op in &mut ir.operations {
        if CLIENT_METHODS.contains(&op.module.as_str()) {
            op.method = unique(&format!("{}_operation", op.module), |n| modules.contains(n));
        }
    }
    // A waiter's `wait_until_*` method is a method of `Client` too: an operation `WaitUntilFoo`
    // keeps its name, and the waiter `Foo` steps aside.
    let methods: BTreeSet<String> = ir.operations.iter().map(|o| o.method.clone()).collect();
    for waiter in ir.operations.iter_mut().flat_map(|o| &mut o.waiters) {
        if methods.contains(&waiter.method) {
            waiter.method = unique(&format!("{}_waiter", waiter.method), |n| methods.contains(n));
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

/// Two shapes or members that map to one Rust name are an error naming both.
///
/// Names derived from one another (a type and its module, a field and its setter) collide
/// together; each set of shapes is reported once, for the first name that collides.
pub(crate) fn check_collisions(ir: &Service, problems: &mut Vec<Problem>) {
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

/// Warnings for the shapes of the model that no service reaches (an operation added but not
/// bound, say): each operation and resource by name, the other shapes in one line. Prelude
/// shapes, trait definitions and `apply` are not counted.
pub(crate) fn unreached(model: &crate::model::Model) -> Vec<Problem> {
    use crate::model::Shape as S;
    let mut pending: Vec<ShapeId> = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s, S::Service(_)))
        .map(|(id, _)| id.clone())
        .collect();
    let mut reached = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.get(&id) else { continue };
        let mut targets: Vec<&str> = shape.mixins().iter().map(|r| r.target.as_str()).collect();
        targets.extend(shape.members().iter().map(|(_, m)| m.target.as_str()));
        let refs = |list: &'_ [crate::model::ast::Reference]| list.iter().map(|r| r.target.clone()).collect::<Vec<_>>();
        let mut owned: Vec<String> = Vec::new();
        match shape {
            S::Service(s) => {
                owned.extend(refs(&s.operations));
                owned.extend(refs(&s.resources));
                owned.extend(refs(&s.errors));
            }
            S::Operation(o) => {
                owned.extend(o.input.iter().chain(&o.output).map(|r| r.target.clone()));
                owned.extend(refs(&o.errors));
            }
            S::Resource(r) => {
                owned.extend(
                    r.identifiers
                        .values()
                        .chain(r.properties.values())
                        .map(|r| r.target.clone()),
                );
                let lifecycle = [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list];
                owned.extend(lifecycle.into_iter().flatten().map(|r| r.target.clone()));
                owned.extend(refs(&r.operations));
                owned.extend(refs(&r.collection_operations));
                owned.extend(refs(&r.resources));
            }
            _ => {}
        }
        targets.extend(owned.iter().map(String::as_str));
        pending.extend(targets.into_iter().filter_map(|t| ShapeId::parse(t).ok()));
    }
    let mut warnings = Vec::new();
    let mut others = Vec::new();
    for (id, shape) in &model.shapes {
        let counted = id.namespace() != "smithy.api"
            && !reached.contains(id)
            && !matches!(shape, S::Apply(_))
            && !shape.traits().is_trait;
        match shape {
            S::Operation(_) | S::Resource(_) if counted => warnings.push(Problem::new(
                id,
                "no service reaches it (bind it to the service or one of its resources): left out",
            )),
            _ if counted => others.push(id.to_string()),
            _ => {}
        }
    }
    if !others.is_empty() {
        let shown: Vec<&str> = others.iter().take(5).map(String::as_str).collect();
        let more = others.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        warnings.push(Problem::new(
            "model",
            format!(
                "{} no service reaches, left out: {}{more}",
                match others.len() {
                    1 => "1 shape".to_owned(),
                    n => format!("{n} shapes"),
                },
                shown.join(", ")
            ),
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::CLIENT_METHODS;

    #[test]
    fn client_methods_names_every_method_of_the_engines_client() {
        let engine = include_str!("../../../runtime/src/client.rs");
        let start = engine.find("\nimpl Client {").expect("the engine's `impl Client`");
        let body = &engine[start..];
        let body = &body[..body.find("\n}\n").expect("its end")];
        // The methods: the functions one level into the `impl` block.
        let methods: Vec<&str> = body
            .lines()
            .filter(|line| line.starts_with("    ") && !line.starts_with("     "))
            .flat_map(crate::runtime::declarations)
            .filter(|(keyword, _)| *keyword == "fn")
            .map(|(_, name)| name)
            .collect();
        assert!(methods.len() >= 8, "{methods:?}");
        for method in methods {
            assert!(
                CLIENT_METHODS.contains(&method),
                "`Client::{method}` is missing from CLIENT_METHODS"
            );
        }
    }
}

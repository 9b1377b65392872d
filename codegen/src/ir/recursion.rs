//! Boxes members so that recursive shapes have a finite size.
//!
//! Lists and maps already put their elements on the heap; a direct structure or union member does
//! not. While some direct member lies on a cycle, the first such member in shape-id order is
//! boxed. The result depends only on the model.

use super::{Member, NamedKind, Service, Type};
use crate::model::ShapeId;
use std::collections::{BTreeMap, BTreeSet};

/// Boxes direct members until no cycle of direct members is left.
pub fn box_cycles(ir: &mut Service) {
    loop {
        let edges = direct_edges(ir);
        let Some(member) = edges
            .iter()
            .find(|(from, _, to)| reaches(&edges, to, from))
            .map(|(_, member, _)| member.clone())
        else {
            return;
        };
        for m in members_mut(ir) {
            if m.id == member {
                m.boxed = true;
            }
        }
    }
}

/// `(owner, member, target)` for every direct, not yet boxed member, sorted by member id.
fn direct_edges(ir: &Service) -> Vec<(ShapeId, ShapeId, ShapeId)> {
    let owners = ir
        .structures
        .iter()
        .chain(&ir.errors)
        .map(|s| (&s.id, &s.members))
        .chain(ir.unions.iter().map(|u| (&u.id, &u.members)));
    let mut edges = Vec::new();
    for (owner, members) in owners {
        for m in members.iter().filter(|m| !m.boxed) {
            if let Some(Type::Named(n)) = &m.ty {
                if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error) {
                    edges.push((owner.clone(), m.id.clone(), n.id.clone()));
                }
            }
        }
    }
    edges.sort_by(|a, b| a.1.cmp(&b.1));
    edges
}

fn reaches(edges: &[(ShapeId, ShapeId, ShapeId)], from: &ShapeId, to: &ShapeId) -> bool {
    let mut next: BTreeMap<&ShapeId, Vec<&ShapeId>> = BTreeMap::new();
    for (owner, _, target) in edges {
        next.entry(owner).or_default().push(target);
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if seen.insert(id) {
            stack.extend(next.get(id).into_iter().flatten());
        }
    }
    false
}

fn members_mut(ir: &mut Service) -> impl Iterator<Item = &mut Member> {
    ir.structures
        .iter_mut()
        .chain(ir.errors.iter_mut())
        .flat_map(|s| s.members.iter_mut())
        .chain(ir.unions.iter_mut().flat_map(|u| u.members.iter_mut()))
}

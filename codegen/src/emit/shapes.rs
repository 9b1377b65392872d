//! The service's structures and unions by id, for the emitters that follow member types down
//! (test values, sample bodies, event payloads).

use crate::ir::{Service, Structure, Union};
use crate::model::ShapeId;
use std::collections::BTreeMap;

/// The shapes a `params` value can name, and the protocol tests the generation ignores.
pub struct Shapes<'a> {
    pub structures: BTreeMap<&'a ShapeId, &'a Structure>,
    pub unions: BTreeMap<&'a ShapeId, &'a Union>,
    pub(super) ignored: &'a BTreeMap<String, String>,
}

impl<'a> Shapes<'a> {
    pub fn of(service: &'a Service) -> Self {
        Self {
            structures: service.structures_by_id(),
            unions: service.unions.iter().map(|u| (&u.id, u)).collect(),
            ignored: &service.ignored_tests,
        }
    }
}

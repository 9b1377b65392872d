//! Stage 3: IR → token streams, one module per concern. Pure functions: no disk, no model.

pub mod client;
mod crate_root;
pub(crate) use crate_root::{example_statements, mock_example};
mod endpoint;
mod enums;
mod errors;
mod events;
mod operations;
mod protocol;
mod protocol_tests;
mod redaction_tests;
mod rust;
mod shapes;
pub use rust::RustFile;
mod structures;
mod unions;
mod validate;
mod waiters;

use crate::ir;
use quote::quote;

/// Every Rust file of the generated crate, including the runtime support files' places, as
/// independent jobs: job `i` gives the same files whatever thread runs it, so that rendering can
/// use every core (token streams cannot cross threads; the IR can).
pub struct Emitter<'a> {
    service: &'a ir::Service,
    protocol: Box<dyn protocol::Protocol>,
    usage: protocol::Usage,
    shapes: shapes::Shapes<'a>,
}

/// The jobs that are not one per shape, first because the client's file is the largest.
const FIXED_JOBS: usize = 4;

impl<'a> Emitter<'a> {
    /// Prepares the emission of `service`.
    pub fn new(service: &'a ir::Service) -> Self {
        Self {
            service,
            protocol: protocol::of(service),
            usage: protocol::Usage::of(service),
            shapes: shapes::Shapes::of(service),
        }
    }

    /// The number of jobs.
    pub fn jobs(&self) -> usize {
        let s = self.service;
        FIXED_JOBS + s.structures.len() + s.unions.len() + s.enums.len() + s.errors.len() + s.operations.len()
    }

    /// The files of job `i` (`i < self.jobs()`).
    pub fn job(&self, i: usize) -> Vec<RustFile> {
        let service = self.service;
        let (usage, shapes) = (&self.usage, &self.shapes);
        match i {
            0 => return vec![client::file(service)],
            1 => return crate_root::files(service),
            2 => return endpoint::file(service).into_iter().collect(),
            3 => {
                return vec![RustFile {
                    path: "src/error.rs".into(),
                    provenance: format!("the errors of `{}`", service.id),
                    tokens: errors::service_error(service),
                }]
            }
            _ => {}
        }
        let mut i = i - FIXED_JOBS;
        if let Some(s) = service.structures.get(i) {
            let (structure, codec) = (structures::definition(s), self.protocol.codec().structure(s, usage));
            let redaction = redaction_tests::module([s], shapes);
            return vec![RustFile {
                path: format!("src/types/{}.rs", s.module),
                provenance: format!("`{}`", s.id),
                tokens: quote! { #structure #codec #redaction },
            }];
        }
        i -= service.structures.len();
        if let Some(u) = service.unions.get(i) {
            let (union, codec) = (unions::union(u), self.protocol.codec().union(u, usage));
            return vec![RustFile {
                path: format!("src/types/{}.rs", u.module),
                provenance: format!("`{}`", u.id),
                tokens: quote! { #union #codec },
            }];
        }
        i -= service.unions.len();
        if let Some(e) = service.enums.get(i) {
            return vec![RustFile {
                path: format!("src/types/{}.rs", e.module),
                provenance: format!("`{}`", e.id),
                tokens: enums::enumeration(e),
            }];
        }
        i -= service.enums.len();
        if let Some(e) = service.errors.get(i) {
            let (error, codec, decoder) = (
                errors::error_structure(e),
                self.protocol.codec().structure(e, usage),
                protocol::error_decoder(e, &*self.protocol),
            );
            let redaction = redaction_tests::module([e], shapes);
            return vec![RustFile {
                path: format!("src/types/error/{}.rs", e.module),
                provenance: format!("`{}`", e.id),
                tokens: quote! { #error #codec #decoder #redaction },
            }];
        }
        i -= service.errors.len();
        let op = &service.operations[i];
        // An error's response tests run in the first operation (by name) that can return it.
        let errors: Vec<&ir::Structure> = service
            .errors
            .iter()
            .filter(|e| e.error().is_some_and(|e| !e.response_tests.is_empty()))
            .filter(|e| {
                service
                    .operations
                    .iter()
                    .find(|o| o.errors.iter().any(|r| r.id == e.id))
                    .map(|o| &o.id)
                    == Some(&op.id)
            })
            .collect();
        let (operation, tests) = (
            operations::operation(op, &*self.protocol),
            protocol_tests::tests(op, &errors, shapes),
        );
        let protocol = &*self.protocol;
        let events = [
            events::read_event(op, shapes, protocol),
            events::write_event(op, shapes, protocol),
        ];
        let waiters = waiters::operation(op, shapes, protocol);
        let redaction = redaction_tests::module([&op.input, &op.output], shapes);
        let tests = tests.map(|tests| RustFile {
            path: format!("src/operation/{}/protocol_tests.rs", op.module),
            provenance: format!("the protocol tests of `{}`", op.id),
            tokens: tests,
        });
        let declare_tests = tests.as_ref().map(|_| quote! { #[cfg(test)] mod protocol_tests; });
        let module = RustFile {
            path: format!("src/operation/{}.rs", op.module),
            provenance: format!("`{}`", op.id),
            tokens: quote! { #operation #(#events)* #waiters #declare_tests #redaction },
        };
        std::iter::once(module).chain(tests).collect()
    }
}

//! The runtime support code of every generated crate, built and tested here on its own.
//!
//! `cargo xtask codegen` copies these modules into each generated crate's `src/rt/`, each as the
//! crate needs it: a module per part the crate has (`md5`, `sigv4`, ...: the Cargo features
//! below), and inside a module the blocks of those parts (see the generator's
//! `codegen/src/runtime.rs`, which holds the table). The modules name each other as `super::…`,
//! so that they work the same here and in `src/rt/`; a generated crate's root re-exports the
//! public ones (`config`, `auth`, `wire`, ...) under the same names.
//!
//! Their `pub(crate)` items are for the emitted code beside them in a generated crate, so this
//! crate alone does not use many of them.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![allow(dead_code)]

pub mod auth;
pub mod client;
pub mod config;
pub mod error;
pub mod json;
pub mod primitives;
pub mod profile;
#[cfg(feature = "test-util")]
pub mod test_util;
pub mod transport;
pub mod validation;
pub mod wire;
pub mod wire_error;

#[cfg(feature = "bearer")]
pub mod bearer;
#[cfg(feature = "gzip")]
pub mod compression;
#[cfg(feature = "endpoint-rules")]
pub mod endpoint_rules;
#[cfg(feature = "input-events")]
pub mod event_sender;
#[cfg(feature = "event-streams")]
pub mod event_stream;
#[cfg(feature = "md5")]
pub mod md5;
#[cfg(feature = "pagination")]
pub mod pagination;
#[cfg(feature = "lite-patterns")]
pub mod pattern;
#[cfg(feature = "fancy-patterns")]
pub mod pattern_fancy;
#[cfg(feature = "protocol-tests")]
pub mod protocol_test;
#[cfg(feature = "query")]
pub mod query;
#[cfg(feature = "sigv4")]
pub mod sigv4;
#[cfg(feature = "waiters")]
pub mod waiter;
#[cfg(feature = "xml")]
pub mod xml;

pub use client::Client;
pub use config::Config;

//! Tests of the generated crate's behaviour live in `tests/`.
//!
//! The workspace README is included here so that its Rust example is compiled and run as a
//! doctest: the example cannot drift from the generated API.
#![doc = include_str!("../../../README.md")]

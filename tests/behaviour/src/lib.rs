//! Tests of the generated crate; see `tests/`.

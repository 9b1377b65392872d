//! Tests of the generator; see `tests/`.

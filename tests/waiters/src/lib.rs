//! Waiters of a generated client against a server on loopback: see `tests/`.

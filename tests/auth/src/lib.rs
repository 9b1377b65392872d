//! See `tests/`: the auth schemes of the `global-service` fixture crate in `client/`.

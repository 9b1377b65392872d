//! The moto server that `cargo xtask moto` started, and the account it made there.
//!
//! The workflows in `tests/` need the server: run them with `cargo xtask moto`, which installs
//! and starts moto, creates the role Lambda functions take, and passes both here through the
//! environment.

use std::time::{SystemTime, UNIX_EPOCH};

/// The region every workflow uses.
pub const REGION: &str = "us-east-1";

/// Where moto listens, and what it holds for the workflows.
#[derive(Debug, Clone)]
pub struct Moto {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// An IAM role that Lambda functions may take.
    pub lambda_role: String,
}

impl Moto {
    /// The server `cargo xtask moto` started; panics, saying what to run, when there is none.
    pub fn from_env() -> Self {
        let var = |name: &str| {
            std::env::var(name).unwrap_or_else(|_| {
                panic!("{name} is not set: these workflows run against moto, started by `cargo xtask moto`")
            })
        };
        Self {
            endpoint: var("MOTO_ENDPOINT"),
            lambda_role: var("MOTO_LAMBDA_ROLE"),
        }
    }
}

/// The credentials the clients sign with: moto accepts any (see `xtask/src/moto.rs` for why its
/// signature check stays off).
pub const ACCESS_KEY_ID: &str = "AKIDMOTOWORKFLOWS";
/// The secret beside [`ACCESS_KEY_ID`].
pub const SECRET_ACCESS_KEY: &str = "moto-workflows-secret";

/// A name no earlier run against the same server used: `prefix` and the time in microseconds.
pub fn unique(prefix: &str) -> String {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    format!("{prefix}-{micros}")
}

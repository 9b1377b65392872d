//! Credentials, where the client gets them ([`ProvideCredentials`]), and, for services that use
//! SigV4, signing (checked against the official `aws-sigv4` crate by the behaviour tests); for
//! services that take bearer tokens, the token and where the client gets it.

use super::transport::BoxFuture;
use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// An auth scheme an operation accepts, from the model; the client uses the first it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// SigV4 (`aws.auth#sigv4`), with credentials from the configured provider.
    SigV4,
    /// A bearer token (`smithy.api#httpBearerAuth`) from the configured token provider.
    Bearer,
    /// No authentication (`smithy.api#optionalAuth`, or an empty `smithy.api#auth`).
    Anonymous,
    /// A scheme this crate does not implement, by trait id: a call only it would authorize fails.
    Unsupported(&'static str),
}

/// AWS credentials: an access key id, its secret, and a session token for temporary ones.
///
/// `Debug` shows the access key id only; the secret and the token never appear.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: String,
    pub(crate) session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, if set, `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let var = |name: &'static str| match std::env::var(name) {
            Ok(value) if !value.trim().is_empty() => Ok(Some(value.trim().to_owned())),
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(CredentialsError {
                message: format!("{name} is not valid Unicode"),
            }),
        };
        let missing = |name: &str| CredentialsError {
            message: format!("{name} is not set"),
        };
        let access_key_id = var("AWS_ACCESS_KEY_ID")?.ok_or_else(|| missing("AWS_ACCESS_KEY_ID"))?;
        let secret_access_key = var("AWS_SECRET_ACCESS_KEY")?.ok_or_else(|| missing("AWS_SECRET_ACCESS_KEY"))?;
        Ok(Self::new(access_key_id, secret_access_key, var("AWS_SESSION_TOKEN")?))
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .finish()
    }
}

/// Where the client gets credentials, before every call.
///
/// Implemented by [`Credentials`] (static ones), [`EnvironmentCredentials`] and, with the
/// `aws-config` feature, `SdkCredentials` (the whole chain of the official `aws-config`).
pub trait ProvideCredentials: Send + Sync + fmt::Debug + 'static {
    /// The credentials to sign the next call with.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`,
/// read at every call; the default of the client.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnvironmentCredentials;

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Credentials::from_env()))
    }
}

/// Credentials kept by a provider until five minutes before they expire (for good, those that
/// do not expire).
#[derive(Debug, Default)]
pub(crate) struct CredentialsCache(Mutex<Option<(Credentials, Option<SystemTime>)>>);

impl CredentialsCache {
    /// The kept credentials, if they are still fresh.
    pub(crate) fn fresh(&self) -> Option<Credentials> {
        let fresh_until = SystemTime::now() + Duration::from_secs(300);
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        kept.as_ref()
            .filter(|(_, expiry)| expiry.is_none_or(|expiry| expiry > fresh_until))
            .map(|(credentials, _)| credentials.clone())
    }

    /// Keeps `credentials`, which expire at `expiry`.
    pub(crate) fn keep(&self, credentials: &Credentials, expiry: Option<SystemTime>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((credentials.clone(), expiry));
    }
}

/// Credentials from a provider of the official SDK (an `aws-config` `SdkConfig`'s chain),
/// kept until five minutes before they expire (feature `aws-config`).
#[cfg(feature = "aws-config")]
#[derive(Debug)]
pub struct SdkCredentials {
    provider: aws_credential_types::provider::SharedCredentialsProvider,
    cache: CredentialsCache,
}

#[cfg(feature = "aws-config")]
impl SdkCredentials {
    /// Wraps a provider of the official SDK.
    pub fn new(provider: aws_credential_types::provider::SharedCredentialsProvider) -> Self {
        Self {
            provider,
            cache: CredentialsCache::default(),
        }
    }
}

#[cfg(feature = "aws-config")]
impl ProvideCredentials for SdkCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        use aws_credential_types::provider::ProvideCredentials as _;
        Box::pin(async move {
            if let Some(credentials) = self.cache.fresh() {
                return Ok(credentials);
            }
            let sdk = self
                .provider
                .provide_credentials()
                .await
                .map_err(|e| CredentialsError {
                    message: format!("the credentials provider failed: {}", error_chain(&e)),
                })?;
            let credentials = Credentials::new(
                sdk.access_key_id(),
                sdk.secret_access_key(),
                sdk.session_token().map(str::to_owned),
            );
            self.cache.keep(&credentials, sdk.expiry());
            Ok(credentials)
        })
    }
}

/// An error and its causes, as one line.
#[cfg(feature = "aws-config")]
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Why credentials could not be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    pub(crate) message: String,
}

impl CredentialsError {
    /// An error with this message (without the `no credentials: ` it displays with).
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// The seed of an input event stream's SigV4 chain: the request's signature, and what signed it.
#[allow(dead_code)] // read only in a crate whose inputs stream events
pub(crate) struct Seed {
    pub(crate) signature: String,
    pub(crate) secret: String,
    pub(crate) region: String,
    pub(crate) name: String,
}

// <sigv4>
#[cfg(feature = "sigv4")]
pub use super::sigv4::{sign_with, SigningError, SigningSettings};
// </sigv4>
// <bearer>
#[cfg(feature = "bearer")]
pub use super::bearer::{authorize_bearer, BearerError, ProvideToken, Token};
// </bearer>

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stay_out_of_debug() {
        let c = Credentials::new("AKIDEXAMPLE", "SECRET-MARKER", Some("TOKEN-MARKER".into()));
        let debug = format!("{c:?}");
        assert!(
            debug.contains("AKIDEXAMPLE") && !debug.contains("SECRET-MARKER") && !debug.contains("TOKEN-MARKER"),
            "{debug}"
        );
    }
}

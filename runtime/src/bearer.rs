//! Bearer tokens, for services with `smithy.api#httpBearerAuth`.

use super::auth::CredentialsError;
use super::transport::BoxFuture;
use std::fmt;

/// A bearer token, sent as `Authorization: Bearer <token>`.
///
/// `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    token: String,
}

impl Token {
    /// A token.
    pub fn new(token: impl Into<String>) -> Self {
        Self { token: token.into() }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(** redacted **)")
    }
}

/// Where the client gets a bearer token, before every call that can use one.
pub trait ProvideToken: Send + Sync + fmt::Debug + 'static {
    /// The token for the next call.
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>>;
}

impl ProvideToken for Token {
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Why a token could not be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BearerError;

impl fmt::Display for BearerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the bearer token is not visible ASCII")
    }
}

impl std::error::Error for BearerError {}

/// Sets `Authorization: Bearer <token>` (marked sensitive, so that no log shows it).
pub fn authorize_bearer(request: &mut http::Request<Vec<u8>>, token: &Token) -> Result<(), BearerError> {
    let mut value = http::HeaderValue::from_str(&format!("Bearer {}", token.token)).map_err(|_| BearerError)?;
    value.set_sensitive(true);
    request.headers_mut().insert(http::header::AUTHORIZATION, value);
    Ok(())
}

#[cfg(test)]
mod bearer_tests {
    use super::*;

    #[test]
    fn the_token_goes_in_the_authorization_header_and_nowhere_else() {
        let token = Token::new("secret-token");
        assert!(!format!("{token:?}").contains("secret-token"));
        let mut request = http::Request::new(Vec::new());
        authorize_bearer(&mut request, &token).unwrap();
        assert_eq!(request.headers()["authorization"], "Bearer secret-token");
        assert!(request.headers()["authorization"].is_sensitive());
        assert_eq!(
            authorize_bearer(&mut request, &Token::new("line\nbreak")),
            Err(BearerError)
        );
    }
}

//! Credentials and SigV4 signing, with the official `aws-sigv4` crate.

use std::fmt;
use std::time::SystemTime;

/// AWS credentials: an access key id, its secret, and a session token for temporary ones.
///
/// `Debug` shows the access key id only; the secret and the token never appear.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self { access_key_id: access_key_id.into(), secret_access_key: secret_access_key.into(), session_token }
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, if set, `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let var = |name: &'static str| match std::env::var(name) {
            Ok(value) if !value.trim().is_empty() => Ok(Some(value.trim().to_owned())),
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(CredentialsError { message: format!("{name} is not valid Unicode") }),
        };
        let missing = |name: &str| CredentialsError { message: format!("{name} is not set") };
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

/// Why credentials could not be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// Why a request could not be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningError {
    message: String,
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot sign the request: {}", self.message)
    }
}

impl std::error::Error for SigningError {}

/// Signs `request` with SigV4 for `region` at `time`, under the service's signing name
/// ([`crate::SIGNING_NAME`]): adds `x-amz-date`, `authorization` and, for temporary
/// credentials, `x-amz-security-token`.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let fail = |message: String| SigningError { message };
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id.clone(),
        credentials.secret_access_key.clone(),
        credentials.session_token.clone(),
        None,
        "generated-client",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(crate::SIGNING_NAME)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| fail(e.to_string()))?
        .into();
    let uri = request.uri().to_string();
    let mut headers = Vec::new();
    for (name, value) in request.headers() {
        let value = value.to_str().map_err(|_| fail(format!("header `{name}` is not visible ASCII")))?;
        headers.push((name.as_str(), value));
    }
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))
        .map_err(|e| fail(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params).map_err(|e| fail(e.to_string()))?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn secrets_stay_out_of_debug() {
        let c = Credentials::new("AKIDEXAMPLE", "SECRET-MARKER", Some("TOKEN-MARKER".into()));
        let debug = format!("{c:?}");
        assert!(debug.contains("AKIDEXAMPLE") && !debug.contains("SECRET-MARKER") && !debug.contains("TOKEN-MARKER"), "{debug}");
    }

    #[test]
    fn signs_with_the_service_name_and_region() {
        let c = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("token".into()));
        let mut request = http::Request::builder().method("GET").uri("https://example.amazonaws.com/").body(Vec::new()).unwrap();
        // 2015-08-30T12:36:00Z, the time of the SigV4 test suite.
        sign(&mut request, &c, "us-east-1", SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)).unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-amz-date"], "20150830T123600Z");
        assert_eq!(headers["x-amz-security-token"], "token");
        let authorization = headers["authorization"].to_str().unwrap();
        let scope = format!("Credential=AKIDEXAMPLE/20150830/us-east-1/{}/aws4_request", crate::SIGNING_NAME);
        assert!(authorization.starts_with("AWS4-HMAC-SHA256 ") && authorization.contains(&scope), "{authorization}");
    }
}

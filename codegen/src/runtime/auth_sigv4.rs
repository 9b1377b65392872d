
use std::time::SystemTime;

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
mod signing_tests {
    use super::*;
    use std::time::Duration;

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

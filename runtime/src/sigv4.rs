//! SigV4 signing, for services with `aws.auth#sigv4` (checked against the official `aws-sigv4`
//! crate by the behaviour tests).

use super::auth::Credentials;
use std::fmt;
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

/// Headers left out of the signature because proxies and HTTP stacks change them: the official
/// signer's default list.
const UNSIGNED_HEADERS: [&str; 4] = ["authorization", "user-agent", "x-amzn-trace-id", "transfer-encoding"];

/// What a signature is scoped to, and how the body is signed.
///
/// Made with [`SigningSettings::new`] and changed field by field: it is `#[non_exhaustive]`, so
/// that settings some services need (S3's path handling, chunked payloads) can come without
/// breaking code that builds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningSettings<'a> {
    /// The region (the endpoint rules' `signingRegion`, or the configured one).
    pub region: &'a str,
    /// The signing name (the endpoint rules' `signingName`, or the model's: a generated crate's
    /// `SIGNING_NAME`).
    pub name: &'a str,
    /// Sign `UNSIGNED-PAYLOAD` instead of the body's SHA-256 (`aws.auth#unsignedPayload`).
    pub unsigned_payload: bool,
    /// The body is an event stream whose messages are signed one by one, each chained to the
    /// one before from this request's signature: sign `STREAMING-AWS4-HMAC-SHA256-EVENTS` as the payload.
    pub events: bool,
}

impl<'a> SigningSettings<'a> {
    /// Settings for `region` and the signing `name`, with the body signed by its SHA-256.
    pub fn new(region: &'a str, name: &'a str) -> Self {
        Self {
            region,
            name,
            unsigned_payload: false,
            events: false,
        }
    }
}

/// The payload hash a request whose body is a signed event stream signs, and sends in
/// `x-amz-content-sha256`.
pub const STREAMING_EVENTS: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

/// Signs `request` with SigV4 under these settings at `time`: adds `x-amz-date`,
/// `authorization` and, for temporary credentials, `x-amz-security-token`.
///
/// The canonical request is the official signer's (`aws-sigv4` with its default settings), byte
/// for byte: the path normalized and encoded again, the query decoded, encoded and sorted, every
/// header but the four above signed, with spaces trimmed. The behaviour tests compare the two
/// signers on generated requests.
pub fn sign_with(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    settings: &SigningSettings<'_>,
    time: SystemTime,
) -> Result<(), SigningError> {
    sign_request(request, credentials, settings, time).map(drop)
}

/// [`sign_with`], returning the signature (in hex): the seed of an event stream's chain.
pub(crate) fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    settings: &SigningSettings<'_>,
    time: SystemTime,
) -> Result<String, SigningError> {
    let SigningSettings {
        region,
        name: service,
        unsigned_payload,
        events,
    } = *settings;
    let fail = |message: &str| SigningError {
        message: message.to_owned(),
    };
    if events {
        request
            .headers_mut()
            .insert("x-amz-content-sha256", http::HeaderValue::from_static(STREAMING_EVENTS));
    }
    let (date, date_time) = timestamps(time)?;
    let uri = request.uri();
    let host = uri.host().ok_or_else(|| fail("the request has no host"))?;
    let default_port = matches!(
        (uri.scheme_str(), uri.port_u16()),
        (_, None) | (Some("https"), Some(443)) | (Some("http"), Some(80))
    );
    let host = if default_port {
        host
    } else {
        uri.authority().map_or(host, |a| a.as_str())
    };

    // Canonical headers: every header but the unsigned ones, lowercase (as `http` keeps them),
    // values trimmed; the date and token replace any the request has.
    let mut headers: Vec<(&str, std::borrow::Cow<'_, str>)> = Vec::with_capacity(request.headers().len() + 3);
    for (name, value) in request.headers() {
        let name = name.as_str();
        if UNSIGNED_HEADERS.contains(&name)
            || name == "x-amz-date"
            || (name == "x-amz-security-token" && credentials.session_token.is_some())
        {
            continue;
        }
        let value = value.to_str().map_err(|_| SigningError {
            message: format!("header `{name}` is not visible ASCII"),
        })?;
        headers.push((name, trim_spaces(value)));
    }
    if !headers.iter().any(|(name, _)| *name == "host") {
        headers.push(("host", host.into()));
    }
    headers.push(("x-amz-date", date_time.as_str().into()));
    if let Some(token) = &credentials.session_token {
        headers.push(("x-amz-security-token", token.as_str().into()));
    }
    headers.sort_by(|a, b| a.0.cmp(b.0)); // stable: repeated headers keep their order

    let mut canonical = String::with_capacity(512);
    canonical.push_str(request.method().as_str());
    canonical.push('\n');
    canonical.push_str(&super::wire::percent_encode(&normalize_path(uri.path()), true));
    canonical.push('\n');
    canonical.push_str(&canonical_query(uri.query().unwrap_or("")));
    canonical.push('\n');
    let mut signed_headers = String::with_capacity(64);
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 && headers[i - 1].0 == *name {
            canonical.push(',');
        } else {
            if i > 0 {
                canonical.push('\n');
                signed_headers.push(';');
            }
            canonical.push_str(name);
            canonical.push(':');
            signed_headers.push_str(name);
        }
        canonical.push_str(value);
    }
    canonical.push_str("\n\n");
    canonical.push_str(&signed_headers);
    canonical.push('\n');
    if events {
        canonical.push_str(STREAMING_EVENTS);
    } else if unsigned_payload {
        canonical.push_str("UNSIGNED-PAYLOAD");
    } else {
        canonical.push_str(&hex(&Sha256::digest(request.body())));
    }

    let scope = format!("{date}/{region}/{service}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{date_time}\n{scope}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let key = signing_key(&credentials.secret_access_key, &date, region, service);
    let signature = hex(&hmac(&key, string_to_sign.as_bytes()));
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        credentials.access_key_id
    );

    let value = |text: &str, sensitive: bool| {
        let mut value = http::HeaderValue::from_str(text).map_err(|_| fail("the credentials are not visible ASCII"))?;
        value.set_sensitive(sensitive);
        Ok::<_, SigningError>(value)
    };
    let headers = request.headers_mut();
    headers.insert("x-amz-date", value(&date_time, false)?);
    if let Some(token) = &credentials.session_token {
        headers.insert("x-amz-security-token", value(token, true)?);
    }
    headers.insert(http::header::AUTHORIZATION, value(&authorization, true)?);
    Ok(signature)
}

/// The date (`20260101`) and date-time (`20260101T120000Z`) of `time`, whole seconds.
pub(crate) fn timestamps(time: SystemTime) -> Result<(String, String), SigningError> {
    let secs = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(|_| SigningError {
            message: "the clock is before 1970".to_owned(),
        })?
        .as_secs();
    let (year, month, day) = super::primitives::civil_from_days((secs / 86_400) as i64);
    let seconds = secs % 86_400;
    let date = format!("{year:04}{month:02}{day:02}");
    let date_time = format!(
        "{date}T{:02}{:02}{:02}Z",
        seconds / 3_600,
        seconds / 60 % 60,
        seconds % 60
    );
    Ok((date, date_time))
}

/// The key of a day's signatures for one region and service.
pub(crate) fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    for part in [region, service, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    key
}

use hmac::Mac as _;
use sha2::{Digest as _, Sha256};

pub(crate) fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| {
            [
                char::from(DIGITS[usize::from(b >> 4)]),
                char::from(DIGITS[usize::from(b & 15)]),
            ]
        })
        .collect()
}

/// Leading and trailing spaces removed, runs of spaces made one (spaces only, as SigV4 says).
fn trim_spaces(value: &str) -> std::borrow::Cow<'_, str> {
    let value = value.trim_matches(' ');
    if !value.contains("  ") {
        return value.into();
    }
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.char_indices() {
        if c != ' ' || !value[..i].ends_with(' ') {
            out.push(c);
        }
    }
    out.into()
}

/// RFC 3986's removal of dot segments, as the official signer does it (empty segments go too).
fn normalize_path(path: &str) -> std::borrow::Cow<'_, str> {
    let path: std::borrow::Cow<'_, str> = match path {
        "" => return "/".into(),
        p if p.starts_with('/') => p.into(),
        p => format!("/{p}").into(),
    };
    if !(path.contains('.') || path.contains("//")) {
        return path;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    if ["/", "/.", "/./", "/..", "/../"].iter().any(|end| path.ends_with(end)) && !out.ends_with('/') {
        out.push('/');
    }
    out.into()
}

/// The query as the official signer canonicalizes it: split on `&`, decoded like a form (`+`
/// is a space), encoded again, sorted by name and value.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let encode = |text: &str| super::wire::percent_encode(&form_decode(text), false);
            (encode(name), encode(value))
        })
        .collect();
    pairs.sort();
    let mut out = String::with_capacity(query.len() + 8);
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte, anything else
/// itself; invalid UTF-8 becomes U+FFFD.
fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex_digit = |i: usize| bytes.get(i).and_then(|b| char::from(*b).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex_digit(i + 1), hex_digit(i + 2)) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod signing_tests {
    use super::*;
    use std::time::Duration;

    /// 2015-08-30T12:36:00Z, the time of the SigV4 test suite.
    fn suite_time() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
    }

    fn suite_credentials(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(str::to_owned),
        )
    }

    #[test]
    fn reproduces_the_sigv4_suites_get_vanilla() {
        let mut request = http::Request::builder()
            .method("GET")
            .uri("https://example.amazonaws.com/")
            .body(Vec::new())
            .unwrap();
        let settings = SigningSettings::new("us-east-1", "service");
        sign_with(&mut request, &suite_credentials(None), &settings, suite_time()).unwrap();
        assert_eq!(
            request.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn signs_with_the_service_name_and_region() {
        let mut request = http::Request::builder()
            .method("GET")
            .uri("https://example.amazonaws.com/")
            .body(Vec::new())
            .unwrap();
        let settings = SigningSettings::new("us-east-1", "service");
        sign_with(&mut request, &suite_credentials(Some("token")), &settings, suite_time()).unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-amz-date"], "20150830T123600Z");
        assert_eq!(headers["x-amz-security-token"], "token");
        assert!(headers["authorization"].is_sensitive() && headers["x-amz-security-token"].is_sensitive());
        let authorization = headers["authorization"].to_str().unwrap();
        let scope = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 ") && authorization.contains(scope),
            "{authorization}"
        );
        assert!(
            authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"),
            "{authorization}"
        );
    }

    #[test]
    fn canonical_parts_follow_the_official_signer() {
        assert_eq!(normalize_path("/a/./b/../c//d/"), "/a/c/d/");
        assert_eq!(normalize_path("/.."), "/");
        assert_eq!(normalize_path(""), "/");
        assert_eq!(canonical_query("b=2&a=x+y&a=%41&c"), "a=A&a=x%20y&b=2&c=");
        assert_eq!(form_decode("%zz%4"), "%zz%4");
        assert_eq!(trim_spaces("  a   b  "), "a b");
    }
}

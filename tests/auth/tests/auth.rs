//! The auth schemes of a generated client, end to end through the in-memory transport: which
//! scheme each operation uses, and for SigV4 the signing name and region the endpoint rules give.

use global_service::auth::{Credentials, Token};
use global_service::error::DispatchErrorKind;
use global_service::operation::get_profile::GetProfileError;
use global_service::test_util::InMemory;
use global_service::{Client, Config};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A client configured for eu-west-1, with credentials and (optionally) a bearer token.
fn client(http: &InMemory, token: Option<&str>) -> Client {
    let mut config = Config::builder()
        .region("eu-west-1")
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
        .http_client(http.clone());
    if let Some(token) = token {
        config = config.token(Token::new(token));
    }
    Client::new(config.build())
}

#[tokio::test]
async fn a_global_service_is_signed_for_the_region_its_endpoint_rules_name() {
    let http = InMemory::new().respond(200, r#"{"name": "first"}"#);
    let thing = client(&http, Some("tok-123")).get_thing("t1").send().await.unwrap();
    assert_eq!(thing.name.as_deref(), Some("first"));

    let sent = &http.requests()[0];
    assert_eq!(sent.uri(), "https://global.example.com/things/t1");
    let authorization = sent.headers()["authorization"].to_str().unwrap();
    // The rules say `signingRegion: us-east-1` and `signingName: globalsvc`; the configured region,
    // eu-west-1, must not be in the scope.
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            && authorization.contains("/us-east-1/globalsvc/aws4_request"),
        "{authorization}"
    );
    assert_eq!(authorization, official_authorization(sent, "us-east-1", "globalsvc"));
}

#[tokio::test]
async fn an_operation_that_takes_a_bearer_token_sends_it_instead_of_signing() {
    let http = InMemory::new().respond(200, r#"{"user": "ana"}"#);
    let profile = client(&http, Some("tok-123")).get_profile().send().await.unwrap();
    assert_eq!(profile.user.as_deref(), Some("ana"));
    let sent = &http.requests()[0];
    assert_eq!(sent.headers()["authorization"], "Bearer tok-123");
    assert!(
        sent.headers().get("x-amz-date").is_none(),
        "not signed: {:?}",
        sent.headers()
    );

    // No token configured: the call fails before anything is sent, never unsigned.
    let http = InMemory::new().respond(200, "{}");
    match client(&http, None).get_profile().send().await {
        Err(GetProfileError::Dispatch(e)) => {
            assert_eq!(e.kind(), DispatchErrorKind::Signing, "{e}");
            assert!(e.to_string().contains("token"), "{e}");
        }
        other => panic!("expected a signing error, got {other:?}"),
    }
    assert!(http.requests().is_empty());
}

#[tokio::test]
async fn an_anonymous_operation_sends_no_credentials() {
    let http = InMemory::new().respond(200, r#"{"status": "ok"}"#);
    client(&http, Some("tok-123")).get_status().send().await.unwrap();
    let sent = &http.requests()[0];
    assert!(sent.headers().get("authorization").is_none(), "{:?}", sent.headers());
    assert!(sent.headers().get("x-amz-date").is_none(), "{:?}", sent.headers());
}

/// The `authorization` header the official signer computes for `sent` (without the client's own
/// `authorization` and `x-amz-date`), at the time the client signed it.
fn official_authorization(sent: &http::Request<Vec<u8>>, region: &str, name: &str) -> String {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let date = sent.headers()["x-amz-date"].to_str().unwrap();
    let identity = aws_credential_types::Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(name)
        .time(parse_amz_date(date))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let mut unsigned = sent.clone();
    unsigned.headers_mut().remove("authorization");
    unsigned.headers_mut().remove("x-amz-date");
    let uri = unsigned.uri().to_string();
    let headers = unsigned
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap()));
    let signable = SignableRequest::new(
        unsigned.method().as_str(),
        &uri,
        headers,
        SignableBody::Bytes(unsigned.body()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions.apply_to_request_http1x(&mut unsigned);
    unsigned.headers()["authorization"].to_str().unwrap().to_owned()
}

/// `20261203T152233Z` as a time.
fn parse_amz_date(date: &str) -> SystemTime {
    let n = |range: std::ops::Range<usize>| date[range].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(4..6), n(6..8));
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let seconds = days * 86_400 + n(9..11) * 3600 + n(11..13) * 60 + n(13..15);
    UNIX_EPOCH + Duration::from_secs(seconds as u64)
}

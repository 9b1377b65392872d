//! The generated crate signs with its own SigV4 code; the official `aws-sigv4` crate (default
//! settings, the ones the official SDK uses for DataZone) must compute exactly the same
//! `authorization` header for every request the crate builds, whatever the labels, query values,
//! headers, bodies, endpoints and credentials.

use datazone::auth::{sign_with, Credentials, SigningSettings};
use datazone::operation::{list_data_source_runs, start_metadata_generation_run};
use datazone::types::{MetadataGenerationRunTarget, MetadataGenerationRunType, MetadataGenerationTargetType};
use proptest::prelude::*;
use std::time::{Duration, SystemTime};

/// The `authorization` header of the official signer for `request`.
fn official(
    request: &http::Request<Vec<u8>>,
    credentials: &Credentials,
    token: Option<&str>,
    settings: SigningSettings<'_>,
    time: SystemTime,
) -> String {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        token.map(str::to_owned),
        None,
        "test",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(settings.region)
        .name(settings.name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let uri = request.uri().to_string();
    let headers = request.headers().iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap()));
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers,
        if settings.unsigned_payload {
            SignableBody::UnsignedPayload
        } else {
            SignableBody::Bytes(request.body())
        },
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut signed = request.clone();
    instructions.apply_to_request_http1x(&mut signed);
    signed.headers()["authorization"].to_str().unwrap().to_owned()
}

fn assert_same_signature(
    mut request: http::Request<Vec<u8>>,
    token: Option<&str>,
    region: &str,
    secs: u64,
) -> Result<(), TestCaseError> {
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        token.map(str::to_owned),
    );
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    let settings = SigningSettings::new(region, datazone::SIGNING_NAME);
    let expected = official(&request, &credentials, token, settings, time);
    sign_with(&mut request, &credentials, &settings, time).unwrap();
    prop_assert_eq!(request.headers()["authorization"].to_str().unwrap(), expected.as_str());
    Ok(())
}

/// Text of any kind, the separators and escapes of URLs included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_-]{1,12}",
        any::<String>(),
        prop::collection::vec(
            prop::sample::select(vec![
                "/", "..", ".", "//", "?", "#", "%", "%41", "&", "=", "+", " ", "  ", "é", "😀", "a", "~"
            ]),
            1..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn endpoint() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "https://datazone.us-east-1.api.aws",
        "https://datazone-fips.us-gov-west-1.amazonaws.com",
        "http://127.0.0.1:8080",
        "https://example.com:443/base/path",
        "http://localhost:80",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn list_requests_are_signed_as_the_official_signer_signs_them(
        labels in (text(), text()),
        token in text(),
        max in 1i32..=50,
        endpoint in endpoint(),
        session in prop::option::of("[A-Za-z0-9+/=]{1,40}"),
        region in prop::sample::select(vec!["us-east-1", "eu-west-3", "cn-north-1"]),
        secs in 0u64..4_102_444_800,
    ) {
        let input = list_data_source_runs::ListDataSourceRunsInput::new(labels.0, labels.1).next_token(token).max_results(max);
        if let Ok(request) = list_data_source_runs::Operation::request(&input, endpoint) {
            assert_same_signature(request, session.as_deref(), region, secs)?;
        }
    }

    #[test]
    fn bodies_and_extra_headers_are_signed_as_the_official_signer_signs_them(
        owner in text(),
        identifier in text(),
        header in "[ -~]{0,20}",
        user_agent in "[ -~]{0,20}",
        secs in 0u64..4_102_444_800,
    ) {
        let target = MetadataGenerationRunTarget::new(MetadataGenerationTargetType::Asset, identifier);
        let input = start_metadata_generation_run::StartMetadataGenerationRunInput::new("dzd_1", target, owner)
            .types(vec![MetadataGenerationRunType::BusinessDescriptions]);
        let mut request = start_metadata_generation_run::Operation::request(&input, "https://datazone.us-east-1.api.aws").unwrap();
        // Headers a transport or a user adds: repeated, padded, and the unsigned ones.
        let value = http::HeaderValue::from_str(&header).unwrap();
        request.headers_mut().append("x-extra", value.clone());
        request.headers_mut().append("x-extra", http::HeaderValue::from_static("  second   value "));
        request.headers_mut().insert("user-agent", http::HeaderValue::from_str(&user_agent).unwrap());
        assert_same_signature(request, Some("session"), "us-east-1", secs)?;
    }
}

#[test]
fn a_query_with_plus_signs_and_raw_escapes_is_signed_as_the_official_signer_signs_it() {
    for uri in [
        "https://example.com/a/./b/../c//d/?b=2&a=x+y&a=%41&c&=&&d=%zz",
        "https://example.com/%2E%2E/x?",
        "https://example.com",
    ] {
        let request = http::Request::builder()
            .method("POST")
            .uri(uri)
            .body(b"{}".to_vec())
            .unwrap();
        assert_same_signature(request, None, "us-west-2", 1_700_000_000).unwrap();
    }
}

#[test]
fn the_endpoints_signing_name_and_region_and_an_unsigned_payload_are_signed_as_the_official_signer_signs_them() {
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for unsigned_payload in [false, true] {
        let mut settings = SigningSettings::new("us-west-2", "other-name");
        settings.unsigned_payload = unsigned_payload;
        let mut request = http::Request::builder()
            .method("PUT")
            .uri("https://example.com/blocks/1")
            .body(b"block bytes".to_vec())
            .unwrap();
        let expected = official(&request, &credentials, None, settings, time);
        sign_with(&mut request, &credentials, &settings, time).unwrap();
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert_eq!(authorization, expected);
        assert!(
            authorization.contains("/us-west-2/other-name/aws4_request"),
            "{authorization}"
        );
    }
}

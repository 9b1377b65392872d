//! The sans-IO wire layer through the public API: requests built against endpoints, and responses
//! that do not match the model becoming typed errors that name the member, never panics.

use datazone::operation::get_data_source_run::{self, GetDataSourceRunError, GetDataSourceRunInput};
use datazone::operation::list_data_source_runs::{self, ListDataSourceRunsError};
use datazone::operation::start_data_source_run::{self, StartDataSourceRunInput};
use datazone::types::DataSourceRunStatus;

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(body.to_vec()).unwrap()
}

const SUMMARY: &str = r#"{"id":"r","dataSourceId":"d","type":"SCHEDULED","status":"SUCCESS","projectId":"p","createdAt":"2024-05-01T12:30:00Z","updatedAt":"2024-05-01T12:30:00Z"}"#;

#[test]
fn an_endpoint_with_a_base_path_and_port_keeps_both() {
    let input = GetDataSourceRunInput::new("dzd_abc123", "run1");
    let request = get_data_source_run::Operation::request(&input, "http://127.0.0.1:8080/prefix/").unwrap();
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:8080/prefix/v2/domains/dzd_abc123/data-source-runs/run1"
    );
    assert_eq!(request.method(), http::Method::GET);
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn bad_endpoints_and_empty_labels_are_build_errors() {
    let input = GetDataSourceRunInput::new("dzd_abc123", "run1");
    for endpoint in [
        "example.com",
        "ftp://example.com",
        "https://",
        "https://example.com?x=1",
    ] {
        let e = get_data_source_run::Operation::request(&input, endpoint).unwrap_err();
        assert!(e.to_string().contains("endpoint"), "{endpoint}: {e}");
    }
    let empty = GetDataSourceRunInput::new("dzd_abc123", "");
    let e = get_data_source_run::Operation::request(&empty, "https://example.com").unwrap_err();
    assert_eq!(e.member(), Some("identifier"));
}

#[test]
fn the_idempotency_token_is_filled_once_and_kept() {
    let mut input = StartDataSourceRunInput::new("dzd_abc123", "ds42");
    let first = start_data_source_run::Operation::request(&input, "https://example.com").unwrap();
    let body = String::from_utf8(first.body().clone()).unwrap();
    assert!(
        body.starts_with(r#"{"clientToken":""#) && body.len() == r#"{"clientToken":""}"#.len() + 36,
        "{body}"
    );
    input.fill_idempotency_tokens();
    let token = input.client_token.clone().unwrap();
    for _ in 0..2 {
        let again = start_data_source_run::Operation::request(&input, "https://example.com").unwrap();
        assert_eq!(again.body(), format!(r#"{{"clientToken":"{token}"}}"#).as_bytes());
    }
}

#[test]
fn a_page_decodes_and_unknown_values_are_kept() {
    let body = format!(
        r#"{{"items":[{SUMMARY}, {}],"nextToken":"t"}}"#,
        SUMMARY.replace("SUCCESS", "ARCHIVED")
    );
    let page = list_data_source_runs::Operation::response(&response(200, &[], body.as_bytes())).unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].status, DataSourceRunStatus::Success);
    assert_eq!(page.items[1].status.as_str(), "ARCHIVED");
    assert_eq!(page.next_token.as_deref(), Some("t"));
}

#[test]
fn malformed_bodies_are_decode_errors_that_name_the_member() {
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            format!(r#"{{"items":[{SUMMARY}, {}]}}"#, SUMMARY.replace(r#""SUCCESS""#, "7")).into_bytes(),
            "items[1].status",
            "expected a string",
        ),
        (
            format!(
                r#"{{"items":[{}]}}"#,
                SUMMARY.replace("2024-05-01T12:30:00Z", "yesterday")
            )
            .into_bytes(),
            "items[0].createdAt",
            "RFC 3339",
        ),
        (
            br#"{"items":[], "nextToken": 12}"#.to_vec(),
            "nextToken",
            "expected a string",
        ),
        (b"{\"items\":[".to_vec(), "items[0]", "end of the input"),
        (
            b"{\"items\":[], \"nextToken\": \"\xff\"}".to_vec(),
            "nextToken",
            "UTF-8",
        ),
        (br#"{"items":{}}"#.to_vec(), "items", "expected `[`"),
        (b"not json".to_vec(), "", "expected `{`"),
    ];
    for (body, path, message) in cases {
        match list_data_source_runs::Operation::response(&response(200, &[], &body)) {
            Err(ListDataSourceRunsError::Decode(e)) => {
                assert_eq!(e.path(), path, "{}", String::from_utf8_lossy(&body));
                assert!(e.message().contains(message), "{e}");
            }
            other => panic!(
                "{}: expected a decode error, got {other:?}",
                String::from_utf8_lossy(&body)
            ),
        }
    }
}

#[test]
fn numbers_out_of_range_and_deep_nesting_are_errors() {
    let body = format!(
        r#"{{"items":[{}]}}"#,
        SUMMARY.replace(
            r#""projectId":"p""#,
            r#""projectId":"p","runStatisticsForAssets":{"added":4294967296}"#
        )
    );
    let e = list_data_source_runs::Operation::response(&response(200, &[], body.as_bytes())).unwrap_err();
    assert!(e.to_string().contains("items[0].runStatisticsForAssets.added"), "{e}");
    let deep = format!(
        r#"{{"items":[], "unknown": {}{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let e = list_data_source_runs::Operation::response(&response(200, &[], deep.as_bytes())).unwrap_err();
    assert!(e.to_string().contains("nested deeper"), "{e}");
}

#[test]
fn an_error_the_operation_does_not_model_keeps_what_the_response_said() {
    let r = response(
        503,
        &[
            ("x-amzn-requestid", "req-9"),
            ("x-amzn-errortype", "ServiceUnavailable:http://x/"),
        ],
        br#"{"message":"try later"}"#,
    );
    match get_data_source_run::Operation::response(&r) {
        Err(GetDataSourceRunError::Unmodeled(e)) => {
            assert_eq!(
                (e.code(), e.message(), e.status(), e.request_id()),
                ("ServiceUnavailable", Some("try later"), 503, Some("req-9"))
            );
            assert!(e.is_retryable());
        }
        other => panic!("{other:?}"),
    }
    let nameless = get_data_source_run::Operation::response(&response(500, &[], b"")).unwrap_err();
    assert!(nameless.is_unmodeled());
    assert_eq!(nameless.to_string(), "unnamed error (HTTP 500)");
}

#[test]
fn a_modeled_error_with_a_broken_body_is_a_decode_error() {
    let r = response(
        404,
        &[("x-amzn-errortype", "ResourceNotFoundException")],
        br#"{"message": 5}"#,
    );
    match get_data_source_run::Operation::response(&r) {
        Err(GetDataSourceRunError::Decode(e)) => assert_eq!(e.path(), "message"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_modeled_error_takes_its_message_from_any_of_the_usual_keys() {
    // The model names the member `message`; services and emulators (moto's Lambda) also send
    // `Message` or `errorMessage`, and the official SDKs read those too.
    for key in ["Message", "errorMessage"] {
        let body = format!(r#"{{"{key}": "no such run"}}"#);
        let r = response(
            404,
            &[("x-amzn-errortype", "ResourceNotFoundException")],
            body.as_bytes(),
        );
        match get_data_source_run::Operation::response(&r) {
            Err(GetDataSourceRunError::ResourceNotFoundException(e)) => assert_eq!(e.message(), "no such run"),
            other => panic!("{key}: {other:?}"),
        }
    }
    // The model's own key wins over the others.
    let r = response(
        404,
        &[("x-amzn-errortype", "ResourceNotFoundException")],
        br#"{"Message": "other", "message": "modeled"}"#,
    );
    match get_data_source_run::Operation::response(&r) {
        Err(GetDataSourceRunError::ResourceNotFoundException(e)) => assert_eq!(e.message(), "modeled"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_endpoint_rules_give_the_url_requests_go_to() {
    use datazone::endpoint::{resolve, Params};
    let endpoint = resolve(&Params::default().region("eu-west-1")).unwrap();
    assert_eq!(endpoint.url(), "https://datazone.eu-west-1.api.aws");
    let input = GetDataSourceRunInput::new("dzd_abc123", "run1");
    let request = get_data_source_run::Operation::request(&input, endpoint.url()).unwrap();
    assert_eq!(request.uri().host(), Some("datazone.eu-west-1.api.aws"));
    let fips = resolve(&Params::default().region("cn-northwest-1").use_fips(true)).unwrap();
    assert_eq!(
        fips.url(),
        "https://datazone-fips.cn-northwest-1.api.amazonwebservices.com.cn"
    );
    let error = resolve(&Params::default().use_fips(true).endpoint("https://example.com")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Invalid Configuration: FIPS and custom endpoint are not supported"
    );
}

#[test]
fn a_repeated_member_takes_its_last_value_null_included() {
    let body = br#"{"domainId":"d","dataSourceId":"ds","id":"first","id":"r","projectId":"p","status":"RUNNING","type":"PRIORITIZED",
        "dataSourceConfigurationSnapshot":"snapshot","dataSourceConfigurationSnapshot":null,
        "createdAt":"2016-12-31T23:59:60Z","updatedAt":"2024-05-01T12:30:00+00:00"}"#;
    let output = get_data_source_run::Operation::response(&response(200, &[], body)).unwrap();
    assert_eq!(output.id, "r");
    assert_eq!(output.data_source_configuration_snapshot, None);
    assert_eq!(
        output.created_at.subsec_nanos(),
        999_999_999,
        "a leap second reads as the last nanosecond"
    );
}

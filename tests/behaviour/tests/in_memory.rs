//! Testing code that uses the client without a network: the `test-util` feature's in-memory
//! transport, and endpoint resolution from the configuration.

use datazone::auth::Credentials;
use datazone::config::RetryConfig;
use datazone::error::DispatchErrorKind;
use datazone::operation::get_data_source_run::GetDataSourceRunError;
use datazone::operation::list_data_source_runs::ListDataSourceRunsError;
use datazone::test_util::InMemory;
use datazone::{Client, Config, RequestId};
use std::time::Duration;

const RUN: &str = r#"{"domainId":"dzd_abc123","dataSourceId":"ds42","id":"run1","projectId":"p1",
    "status":"RUNNING","type":"SCHEDULED","createdAt":"2024-05-01T12:30:00Z","updatedAt":"2024-05-01T12:31:00Z"}"#;

fn client(http: &InMemory) -> Client {
    let config = Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET-MARKER", None))
        .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(1)))
        .http_client(http.clone())
        .build();
    Client::new(config)
}

#[tokio::test]
async fn canned_responses_and_the_requests_the_client_sent() {
    let mut ok = http::Response::new(RUN.as_bytes().to_vec());
    ok.headers_mut().insert("x-amzn-requestid", "req-7".parse().unwrap());
    let http = InMemory::new().respond(503, "{}").respond_with(ok);
    let run = client(&http)
        .get_data_source_run("dzd_abc123", "run1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        (run.id.as_str(), run.status.as_str(), run.request_id()),
        ("run1", "RUNNING", Some("req-7"))
    );

    let requests = http.requests();
    assert_eq!(requests.len(), 2, "the 503 was retried");
    assert_eq!(http.remaining(), 0);
    let request = &requests[1];
    assert_eq!(
        request.uri(),
        "https://datazone.us-west-2.api.aws/v2/domains/dzd_abc123/data-source-runs/run1"
    );
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.contains("Credential=AKIDEXAMPLE/") && authorization.contains("/us-west-2/datazone/aws4_request")
    );
}

#[tokio::test]
async fn no_canned_response_left_is_an_error_not_a_network_call() {
    let http = InMemory::new();
    let error = client(&http)
        .get_data_source_run("dzd_abc123", "run1")
        .send()
        .await
        .unwrap_err();
    let GetDataSourceRunError::Dispatch(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.kind(), DispatchErrorKind::Transport);
    assert!(e.to_string().contains("no response left"), "{e}");
}

#[tokio::test]
async fn modeled_errors_and_the_response_limit() {
    let http = InMemory::new()
        .respond_with({
            let mut r = http::Response::new(br#"{"message":"no run run9"}"#.to_vec());
            *r.status_mut() = http::StatusCode::NOT_FOUND;
            r.headers_mut()
                .insert("x-amzn-errortype", "ResourceNotFoundException".parse().unwrap());
            r
        })
        .respond(200, RUN);
    let client = client(&http);
    let error = client
        .get_data_source_run("dzd_abc123", "run9")
        .send()
        .await
        .unwrap_err();
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    assert_eq!(http.requests().len(), 1, "a 404 is not retried");

    let small = Client::new(client.config().to_builder().max_response_body(16).build());
    let error = small
        .get_data_source_run("dzd_abc123", "run1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, GetDataSourceRunError::Dispatch(e) if e.kind() == DispatchErrorKind::ResponseTooLarge),
        "{error:?}"
    );
}

#[tokio::test]
async fn one_call_customizes_its_retries_and_response_limit_and_its_paginator_keeps_them() {
    let http = InMemory::new().respond(503, "{}").respond(503, "{}").respond(200, RUN);
    let runs = client(&http);
    let error = runs
        .get_data_source_run("dzd_abc123", "run1")
        .customize(|s| s.retry(RetryConfig::disabled()))
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("503"), "{error}");
    assert_eq!(http.requests().len(), 1, "not retried");
    // The client's own calls keep its policy: the next 503 is retried.
    let run = runs.get_data_source_run("dzd_abc123", "run1").send().await.unwrap();
    assert_eq!((run.id.as_str(), http.requests().len()), ("run1", 3));

    // The limit fits the first page, not the second, one byte longer.
    let (first, second) = (r#"{"items":[],"nextToken":"t2"}"#, r#"{"items":[],"nextToken":"t22"}"#);
    let http = InMemory::new().respond(200, first).respond(200, second);
    let mut pages = client(&http)
        .list_data_source_runs("dzd_abc123", "ds42")
        .customize(|s| s.max_response_body(first.len()))
        .into_paginator()
        .pages();
    assert!(pages.try_next().await.unwrap().is_some());
    let error = pages.try_next().await.unwrap_err();
    assert!(
        matches!(&error, ListDataSourceRunsError::Dispatch(e) if e.kind() == DispatchErrorKind::ResponseTooLarge),
        "{error:?}"
    );
}

#[test]
fn the_endpoint_table_through_the_configuration() {
    let endpoint = |config: datazone::config::Builder| {
        Client::new(config.build())
            .endpoint()
            .map(str::to_owned)
            .map_err(|e| e.to_string())
    };
    let region = |r: &str| Config::builder().region(r);
    assert_eq!(
        endpoint(region("us-east-1")).unwrap(),
        "https://datazone.us-east-1.api.aws"
    );
    assert_eq!(
        endpoint(region("us-east-1").use_fips(true)).unwrap(),
        "https://datazone-fips.us-east-1.api.aws"
    );
    assert_eq!(
        endpoint(region("cn-north-1")).unwrap(),
        "https://datazone.cn-north-1.api.amazonwebservices.com.cn"
    );
    assert_eq!(
        endpoint(region("us-gov-east-1").use_fips(true)).unwrap(),
        "https://datazone-fips.us-gov-east-1.api.aws"
    );
    assert_eq!(
        endpoint(region("us-east-1").endpoint_url("https://example.com")).unwrap(),
        "https://example.com"
    );
    assert_eq!(
        endpoint(Config::builder().endpoint_url("https://example.com")).unwrap(),
        "https://example.com"
    );
    assert_eq!(
        endpoint(region("us-east-1").use_fips(true).endpoint_url("https://example.com")).unwrap_err(),
        "no endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    assert_eq!(
        endpoint(Config::builder()).unwrap_err(),
        "no endpoint: Invalid Configuration: Missing Region"
    );
}

#[test]
fn configuration_debug_shows_no_secret() {
    let config = Config::builder()
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "SECRET-MARKER",
            Some("TOKEN-MARKER".into()),
        ))
        .build();
    let debug = format!("{config:?}");
    assert!(
        debug.contains("AKIDEXAMPLE") && !debug.contains("SECRET-MARKER") && !debug.contains("TOKEN-MARKER"),
        "{debug}"
    );
}

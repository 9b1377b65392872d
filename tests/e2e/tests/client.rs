//! The generated client against a fake DataZone on loopback: real HTTP, real SigV4, real
//! retries and timeouts. Nothing here reaches beyond 127.0.0.1.

use datazone::auth::Credentials;
use datazone::config::{RetryConfig, TimeoutConfig};
use datazone::error::DispatchErrorKind;
use datazone::operation::get_data_source_run::GetDataSourceRunError;
use datazone::operation::start_data_source_run::StartDataSourceRunError;
use datazone::types::{DataSourceRunStatus, DataSourceRunType};
use datazone::{Client, Config, RequestId};
use e2e_tests::{FakeDataZone, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use futures_util::TryStreamExt;
use std::time::Duration;

const DOMAIN: &str = "dzd_abc123";

/// A client of `fake` with the fake's credentials and backoffs of at most 10 ms.
fn config(fake: &FakeDataZone) -> datazone::config::Builder {
    Config::builder()
        .region(REGION)
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
        .endpoint_url(fake.url())
        .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(10)))
}

#[tokio::test]
async fn starts_gets_and_lists_runs_through_several_pages() {
    let fake = FakeDataZone::start().await;
    let client = Client::new(config(&fake).build());
    let mut ids = Vec::new();
    for _ in 0..5 {
        let run = client.start_data_source_run(DOMAIN, "ds42").send().await.unwrap();
        assert_eq!(
            (run.status.clone(), run.r#type.clone()),
            (DataSourceRunStatus::Requested, DataSourceRunType::Prioritized)
        );
        assert!(run.request_id().is_some_and(|id| id.starts_with("fake-request-")));
        ids.push(run.id);
    }
    client.start_data_source_run(DOMAIN, "other").send().await.unwrap();

    let run = client.get_data_source_run(DOMAIN, &ids[2]).send().await.unwrap();
    assert_eq!(
        (run.id.as_str(), run.data_source_id.as_str(), run.domain_id.as_str()),
        (ids[2].as_str(), "ds42", DOMAIN)
    );
    assert!(run.created_at.secs() > 1_700_000_000, "{:?}", run.created_at);

    let before = fake.seen().len();
    let listed: Vec<String> = client
        .list_data_source_runs(DOMAIN, "ds42")
        .into_paginator()
        .page_size(2)
        .items()
        .map_ok(|summary| summary.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed, ids);
    let pages: Vec<String> = fake.seen()[before..].iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        pages,
        [
            "/v2/domains/dzd_abc123/data-sources/ds42/runs?maxResults=2",
            "/v2/domains/dzd_abc123/data-sources/ds42/runs?nextToken=after-2&maxResults=2",
            "/v2/domains/dzd_abc123/data-sources/ds42/runs?nextToken=after-4&maxResults=2",
        ]
    );

    // A status filter, and pages as a stream of outputs.
    fake.set_status(&ids[1], "FAILED");
    fake.set_status(&ids[3], "FAILED");
    let pages: Vec<_> = client
        .list_data_source_runs(DOMAIN, "ds42")
        .status(DataSourceRunStatus::Failed)
        .into_paginator()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    let failed: Vec<&str> = pages[0].items.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(failed, [ids[1].as_str(), ids[3].as_str()]);
    assert!(
        fake.seen().iter().all(|s| s.signed),
        "every request carries a valid SigV4 signature"
    );
}

#[tokio::test]
async fn retries_a_throttled_request_with_the_same_idempotency_token() {
    let fake = FakeDataZone::start().await;
    let client = Client::new(config(&fake).build());
    fake.throttle(2);
    let run = client.start_data_source_run(DOMAIN, "ds42").send().await.unwrap();
    let seen = fake.seen();
    assert_eq!(seen.len(), 3, "two throttled attempts, then success");
    let token = seen[0].client_token.clone().expect("the client fills the token");
    assert_eq!(token.len(), 36, "a UUID: {token}");
    assert!(
        seen.iter().all(|s| s.client_token.as_deref() == Some(token.as_str())),
        "{seen:?}"
    );
    assert_eq!(run.request_id(), Some("fake-request-3"));

    // A retry on 503 and 500 too, and the one run the token created.
    fake.fail_with(&[503, 500]);
    let again = client
        .start_data_source_run(DOMAIN, "ds42")
        .client_token(token.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.id, run.id, "the same token names the same run");
    assert_eq!(fake.seen().len(), 6);
}

#[tokio::test]
async fn a_404_is_the_resource_not_found_variant() {
    let fake = FakeDataZone::start().await;
    let client = Client::new(config(&fake).build());
    match client.get_data_source_run(DOMAIN, "nope").send().await {
        Err(e) if e.is_resource_not_found_exception() => {
            assert_eq!(e.message(), Some("data source run nope not found"));
            assert_eq!(e.request_id(), Some("fake-request-1"));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    match client.get_data_source_run(DOMAIN, "nope").send().await {
        Err(GetDataSourceRunError::ResourceNotFoundException(e)) => assert_eq!(e.request_id(), Some("fake-request-2")),
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    assert_eq!(fake.seen().len(), 2, "a client error is not retried");
}

#[tokio::test]
async fn gives_up_after_the_configured_attempts() {
    let fake = FakeDataZone::start().await;
    let retry = RetryConfig::standard()
        .max_attempts(4)
        .initial_backoff(Duration::from_millis(5));
    let client = Client::new(config(&fake).retry(retry).build());
    fake.throttle(100);
    let error = client.start_data_source_run(DOMAIN, "ds42").send().await.unwrap_err();
    assert!(
        matches!(error, StartDataSourceRunError::ThrottlingException(_)),
        "{error:?}"
    );
    assert_eq!(fake.seen().len(), 4);

    let client = Client::new(config(&fake).retry(RetryConfig::disabled()).build());
    client.start_data_source_run(DOMAIN, "ds42").send().await.unwrap_err();
    assert_eq!(fake.seen().len(), 5);
}

#[tokio::test]
async fn times_out_on_a_server_that_does_not_answer() {
    let fake = FakeDataZone::start().await;
    fake.hang();
    let timeouts = TimeoutConfig::default().attempt(Duration::from_millis(200));
    let retry = RetryConfig::standard()
        .max_attempts(2)
        .initial_backoff(Duration::from_millis(5));
    let client = Client::new(config(&fake).timeouts(timeouts).retry(retry).build());
    let started = std::time::Instant::now();
    match client.get_data_source_run(DOMAIN, "run1").send().await {
        Err(GetDataSourceRunError::Dispatch(e)) => {
            assert_eq!(e.kind(), DispatchErrorKind::AttemptTimeout, "{e}");
            assert!(e.is_timeout());
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(fake.seen().len(), 2, "an attempt timeout is retried");
    assert!(started.elapsed() < Duration::from_secs(10));

    let timeouts = TimeoutConfig::default().operation(Duration::from_millis(300));
    let client = Client::new(config(&fake).timeouts(timeouts).build());
    let error = client.get_data_source_run(DOMAIN, "run1").send().await.unwrap_err();
    assert!(
        matches!(&error, GetDataSourceRunError::Dispatch(e) if e.kind() == DispatchErrorKind::OperationTimeout),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_wrong_secret_is_refused_by_the_server() {
    let fake = FakeDataZone::start().await;
    let client = Client::new(
        config(&fake)
            .credentials(Credentials::new(ACCESS_KEY_ID, "not-the-secret", None))
            .build(),
    );
    let error = client.get_data_source_run(DOMAIN, "run1").send().await.unwrap_err();
    assert!(error.is_unmodeled(), "{error:?}");
    assert_eq!(error.code(), "InvalidSignatureException");
    assert!(!fake.seen()[0].signed);
    assert!(!format!("{error:?}{error}").contains("not-the-secret"));
}

#[tokio::test]
async fn a_response_over_the_limit_is_an_error() {
    let fake = FakeDataZone::start().await;
    fake.pad_lists(4096);
    let client = Client::new(config(&fake).max_response_body(1024).build());
    let error = client.list_data_source_runs(DOMAIN, "ds42").send().await.unwrap_err();
    let datazone::operation::list_data_source_runs::ListDataSourceRunsError::Dispatch(e) = &error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    assert_eq!(e.kind(), DispatchErrorKind::ResponseTooLarge, "{e}");
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error_after_the_retries() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let config = Config::builder()
        .region(REGION)
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(5)));
    let error = Client::new(config.build())
        .get_data_source_run(DOMAIN, "run1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, GetDataSourceRunError::Dispatch(e) if e.kind() == DispatchErrorKind::Connect),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_sdk_config_from_aws_types_drives_the_client() {
    use aws_types::region::Region;
    let fake = FakeDataZone::start().await;
    let provider = aws_credential_types::provider::SharedCredentialsProvider::new(
        aws_credential_types::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "test"),
    );
    let sdk = aws_types::SdkConfig::builder()
        .region(Region::new(REGION))
        .credentials_provider(provider)
        .endpoint_url(fake.url())
        .build();
    let config = datazone::config::Builder::from(&sdk).build();
    assert_eq!(
        (config.region(), config.endpoint_url()),
        (Some(REGION), Some(fake.url().as_str()))
    );
    assert!(!format!("{config:?}").contains(SECRET_ACCESS_KEY));
    let run = Client::new(config)
        .start_data_source_run(DOMAIN, "ds42")
        .send()
        .await
        .unwrap();
    assert_eq!(run.data_source_id, "ds42");
    assert!(fake.seen()[0].signed);
}

/// The environment of a program whose only endpoint configuration is `vars`: no shared files.
/// (Credentials of the variables are read at each call from the process's own environment, so
/// the tests set theirs in code.)
fn environment(vars: &[(&str, String)]) -> datazone::profile::Environment {
    let mut all: std::collections::BTreeMap<String, String> = [
        ("AWS_CONFIG_FILE", "/nonexistent/config".to_owned()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials".to_owned()),
        ("AWS_REGION", REGION.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    datazone::profile::Environment::from_vars(all).unwrap()
}

#[tokio::test]
async fn the_services_own_endpoint_variable_wins_over_the_global_one_and_code_wins_over_both() {
    let fake = FakeDataZone::start().await;
    // The global variable points at a port where nothing listens (loopback's discard port).
    let env = environment(&[
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9".to_owned()),
        ("AWS_ENDPOINT_URL_DATAZONE", fake.url()),
    ]);
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None);
    let config = datazone::config::Builder::from_environment(env.clone())
        .credentials(credentials.clone())
        .retry(RetryConfig::disabled())
        .build();
    // The configuration holds what the environment says; the client picks its service's.
    assert_eq!(config.endpoint_url(), None);
    let client = Client::new(config);
    assert_eq!(client.config().endpoint_url(), Some(fake.url().as_str()));
    let run = client.start_data_source_run(DOMAIN, "ds42").send().await.unwrap();
    assert_eq!(run.data_source_id, "ds42");
    assert!(fake.seen()[0].signed);

    // Set in code, the endpoint URL wins over the environment's.
    let other = FakeDataZone::start().await;
    let config = datazone::config::Builder::from_environment(env)
        .credentials(credentials)
        .endpoint_url(other.url())
        .build();
    Client::new(config)
        .start_data_source_run(DOMAIN, "ds42")
        .send()
        .await
        .unwrap();
    assert_eq!((fake.seen().len(), other.seen().len()), (1, 1));

    // Ignored, the environment's URLs give way to the rules' endpoint; nothing is sent there
    // (the resolved endpoint is only read).
    let ignored = environment(&[
        ("AWS_ENDPOINT_URL_DATAZONE", fake.url()),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true".to_owned()),
    ]);
    let client = Client::new(datazone::config::Builder::from_environment(ignored).build());
    assert_eq!(client.config().endpoint_url(), None);
}

/// A connection that cannot be made says where to and why, once: not "the HTTP request failed"
/// three times down the chain.
#[tokio::test]
async fn a_refused_connection_names_the_endpoint_and_the_cause() {
    // Loopback's discard port: nothing listens there.
    let client = Client::new(
        Config::builder()
            .region(REGION)
            .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .endpoint_url("http://127.0.0.1:9")
            .retry(RetryConfig::disabled())
            .build(),
    );
    let error = client.get_data_source_run(DOMAIN, "run1").send().await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("cannot connect to http://127.0.0.1:9: "), "{message}");
    assert!(message.to_lowercase().contains("refused"), "{message}");
    let mut chain = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(&error);
    while let Some(e) = source {
        chain.push(e.to_string());
        source = e.source();
    }
    assert!(
        !chain.iter().any(|m| m.contains("the HTTP request failed")),
        "{chain:#?}"
    );
}

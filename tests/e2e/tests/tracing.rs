//! `tracing` output of the client: a span per call and per attempt, and no secret. In a test
//! binary of its own, so that the subscriber sees every callsite.

use datazone::auth::Credentials;
use datazone::config::RetryConfig;
use datazone::{Client, Config};
use e2e_tests::{FakeDataZone, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use std::time::Duration;

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_has_a_span_per_call_and_attempt_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let fake = FakeDataZone::start().await;
    fake.throttle(1);
    let config = Config::builder()
        .region(REGION)
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
        .endpoint_url(fake.url())
        .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(10)));
    Client::new(config.build())
        .start_data_source_run("dzd_abc123", "ds42")
        .send()
        .await
        .unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("call{service=\"DataZone\" operation=\"StartDataSourceRun\"}:attempt{attempt=1}"),
        "{text}"
    );
    assert!(
        text.contains("attempt{attempt=2}") && text.contains("retrying"),
        "{text}"
    );
    assert!(text.contains("request_id=\"fake-request-2\""), "{text}");
    assert!(
        text.contains("signing request"),
        "the signer's own trace events are captured too: {text}"
    );
    assert!(
        !text.contains(SECRET_ACCESS_KEY) && !text.contains("Signature="),
        "{text}"
    );
}

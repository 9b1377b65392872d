//! The fake DataZone as users run it (`cargo run -p e2e-tests --bin fake-datazone`): it prints
//! where it listens and what it accepts, throttles when told to, and moves runs through their
//! statuses as time passes.

use datazone::auth::Credentials;
use datazone::config::RetryConfig;
use datazone::types::DataSourceRunStatus;
use datazone::{Client, Config, RequestId};
use e2e_tests::{ACCESS_KEY_ID, SECRET_ACCESS_KEY};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test]
async fn a_run_on_the_fake_server_moves_to_its_outcome_and_a_throttled_start_is_retried() {
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_fake-datazone"))
        .args([
            "--port",
            "0",
            "--run-seconds",
            "0.6",
            "--outcome",
            "FAILED",
            "--throttle",
            "1",
        ])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    let url = first
        .strip_prefix("fake DataZone listening on ")
        .expect(&first)
        .to_owned();
    let second = lines.next_line().await.unwrap().unwrap();
    assert!(
        second.contains(ACCESS_KEY_ID) && second.contains(SECRET_ACCESS_KEY),
        "{second}"
    );

    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
        .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(1)))
        .endpoint_url(url)
        .build();
    let client = Client::new(config);
    let started = Instant::now();
    let run = client.start_data_source_run("dzd_abc123", "ds42").send().await.unwrap();
    assert_eq!(run.status, DataSourceRunStatus::Requested);
    // The fake numbers the requests it sees: the first, throttled, was retried.
    assert_eq!(run.request_id(), Some("fake-request-2"));
    let mut seen = vec![run.status];
    while started.elapsed() < Duration::from_secs(10) {
        let status = client
            .get_data_source_run("dzd_abc123", &run.id)
            .send()
            .await
            .unwrap()
            .status;
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        if status == DataSourceRunStatus::Failed {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        seen,
        [
            DataSourceRunStatus::Requested,
            DataSourceRunStatus::Running,
            DataSourceRunStatus::Failed
        ]
    );
}

#[tokio::test]
async fn the_fake_server_explains_a_bad_flag() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_fake-datazone"))
        .args(["--outcome", "DONE"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("fake-datazone: `--outcome DONE`: SUCCESS, FAILED or PARTIALLY_SUCCEEDED"),
        "{stderr}"
    );
    assert!(stderr.contains("usage: fake-datazone"), "{stderr}");
}

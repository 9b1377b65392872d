//! Typed test doubles (`test_util::Mock`): the code under test calls the client as it would in
//! production, and the test says what each call answers in typed outputs and modeled errors,
//! with no wire JSON, no credentials and no region.

use datazone::config::RetryConfig;
use datazone::error::DispatchErrorKind;
use datazone::operation::{get_data_source_run, list_data_source_runs, start_data_source_run};
use datazone::test_util::Mock;
use datazone::types::error::{ResourceNotFoundException, ThrottlingException};
use datazone::types::{DataSourceRunStatus, DataSourceRunSummary, DataSourceRunType};
use datazone::{Client, Config};
use futures_util::TryStreamExt;
use get_data_source_run::{GetDataSourceRunError, GetDataSourceRunOutput};
use std::time::{Duration, SystemTime};

fn client(mock: &Mock) -> Client {
    let retry = RetryConfig::standard().initial_backoff(Duration::from_millis(1));
    Client::new(Config::builder().retry(retry).mock(mock.clone()).build())
}

fn run(id: &str, status: DataSourceRunStatus) -> GetDataSourceRunOutput {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_714_566_600);
    GetDataSourceRunOutput::new(
        "dzd_1",
        "ds_1",
        id,
        "project_1",
        status,
        DataSourceRunType::Prioritized,
        at,
        at,
    )
}

/// The code under test: starts a run and polls it until it is no longer running.
async fn run_to_the_end(client: &Client) -> Result<DataSourceRunStatus, GetDataSourceRunError> {
    let started = client
        .start_data_source_run("dzd_1", "ds_1")
        .send()
        .await
        .expect("started");
    loop {
        let run = client.get_data_source_run("dzd_1", &started.id).send().await?;
        if !matches!(
            run.status,
            DataSourceRunStatus::Requested | DataSourceRunStatus::Running
        ) {
            return Ok(run.status);
        }
    }
}

#[tokio::test]
async fn a_program_that_polls_a_run_is_tested_with_typed_answers_and_throttling_is_retried() {
    let at = SystemTime::UNIX_EPOCH;
    let started = start_data_source_run::StartDataSourceRunOutput::new(
        "dzd_1",
        "ds_1",
        "run_1",
        "project_1",
        DataSourceRunStatus::Requested,
        DataSourceRunType::Prioritized,
        at,
        at,
    );
    let mock = Mock::new()
        .on(start_data_source_run::Operation)
        .output(started)
        .on(get_data_source_run::Operation)
        .times(2)
        .output(run("run_1", DataSourceRunStatus::Running))
        .on(get_data_source_run::Operation)
        .error(ThrottlingException::new("Rate exceeded"))
        .on(get_data_source_run::Operation)
        .output(run("run_1", DataSourceRunStatus::Success));

    assert_eq!(
        run_to_the_end(&client(&mock)).await.unwrap(),
        DataSourceRunStatus::Success
    );
    // Two polls while running, one throttled attempt the client retried, the last one.
    assert_eq!(mock.calls(get_data_source_run::Operation), 4);
    assert_eq!(mock.calls(start_data_source_run::Operation), 1);
    assert_eq!(mock.remaining(), 0, "every answer was used");
    let inputs = mock.inputs(get_data_source_run::Operation);
    assert!(inputs
        .iter()
        .all(|i| i.identifier == "run_1" && i.domain_identifier == "dzd_1"));
}

#[tokio::test]
async fn answers_match_by_input_and_a_modeled_error_is_the_operations_typed_variant() {
    let mock = Mock::new()
        .on(get_data_source_run::Operation)
        .matching(|input| input.identifier == "run_9")
        .always()
        .error(ResourceNotFoundException::new("no run run_9"))
        .on(get_data_source_run::Operation)
        .always()
        .answer(|input| Ok(run(&input.identifier, DataSourceRunStatus::Failed)));
    let client = client(&mock);

    let error = client.get_data_source_run("dzd_1", "run_9").send().await.unwrap_err();
    match &error {
        GetDataSourceRunError::ResourceNotFoundException(e) => assert_eq!(e.message(), "no run run_9"),
        other => panic!("{other:?}"),
    }
    assert!(error.is_resource_not_found_exception());
    let other = client.get_data_source_run("dzd_1", "run_2").send().await.unwrap();
    assert_eq!(
        (other.id.as_str(), other.status),
        ("run_2", DataSourceRunStatus::Failed)
    );
    // Not retryable: one attempt each.
    assert_eq!(mock.calls(get_data_source_run::Operation), 2);
}

#[tokio::test]
async fn a_paginator_reads_mocked_pages_and_a_call_with_no_answer_is_a_dispatch_error() {
    let at = SystemTime::UNIX_EPOCH;
    let summary = |id: &str| {
        DataSourceRunSummary::new(
            id,
            "ds_1",
            DataSourceRunType::Scheduled,
            DataSourceRunStatus::Success,
            "p",
            at,
            at,
        )
    };
    let first = list_data_source_runs::ListDataSourceRunsOutput::new(vec![summary("a"), summary("b")]).next_token("t1");
    let last = list_data_source_runs::ListDataSourceRunsOutput::new(vec![summary("c")]);
    let mock = Mock::new()
        .on(list_data_source_runs::Operation)
        .matching(|input| input.next_token.is_none())
        .output(first)
        .on(list_data_source_runs::Operation)
        .matching(|input| input.next_token.as_deref() == Some("t1"))
        .output(last);
    let client = client(&mock);

    let ids: Vec<String> = client
        .list_data_source_runs("dzd_1", "ds_1")
        .into_paginator()
        .items()
        .map_ok(|run| run.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["a", "b", "c"]);

    let error = client.list_data_source_runs("dzd_1", "ds_1").send().await.unwrap_err();
    let list_data_source_runs::ListDataSourceRunsError::Dispatch(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.kind(), DispatchErrorKind::Unanswered);
    assert!(
        e.to_string()
            .contains("no answer for this call of `ListDataSourceRuns`"),
        "{e}"
    );
    assert_eq!(mock.calls(list_data_source_runs::Operation), 3, "not retried");
    assert!(format!("{mock:?}").contains("ListDataSourceRuns (0 left)"), "{mock:?}");
}

/// A mocked throttling error is retried at once: the client waits out no backoff between a
/// mock's attempts unless the mock asks for it. The clock is tokio's paused one: it moves only
/// when something sleeps, so what it shows is exactly the backoff slept.
#[tokio::test(start_paused = true)]
async fn a_mock_is_retried_without_sleeping_unless_it_asks_for_the_backoff() {
    let throttled_twice = |mock: Mock| {
        mock.on(get_data_source_run::Operation)
            .times(2)
            .error(ThrottlingException::new("Rate exceeded"))
            .on(get_data_source_run::Operation)
            .output(run("run_1", DataSourceRunStatus::Success))
    };
    // The standard policy: backoffs of up to 1 s and 2 s.
    for (mock, sleeps) in [(Mock::new(), false), (Mock::new().with_backoff(), true)] {
        let mock = throttled_twice(mock);
        let client = Client::new(Config::builder().mock(mock.clone()).build());
        let start = tokio::time::Instant::now();
        client.get_data_source_run("dzd_1", "run_1").send().await.unwrap();
        assert_eq!(mock.calls(get_data_source_run::Operation), 3);
        let slept = start.elapsed();
        assert_eq!(slept > Duration::ZERO, sleeps, "slept {slept:?}");
        assert!(slept < Duration::from_secs(3), "slept {slept:?}");
    }
}

/// A request is a future of its own: awaiting it sends it, so a forgotten `.send()` is no error.
#[tokio::test]
async fn awaiting_a_request_sends_it() {
    let mock = Mock::new()
        .on(get_data_source_run::Operation)
        .output(run("run_1", DataSourceRunStatus::Success));
    let output = client(&mock).get_data_source_run("dzd_1", "run_1").await.unwrap();
    assert_eq!(output.status, DataSourceRunStatus::Success);
    assert_eq!(mock.calls(get_data_source_run::Operation), 1);
}

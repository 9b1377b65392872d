//! The generated waiters against a server on loopback whose clusters move through states as they
//! are described: the backoff's real delays between real HTTP calls, each way a wait can end.

use clusters::auth::Credentials;
use clusters::operation::describe_cluster::DescribeClusterError;
use clusters::types::ClusterStatus;
use clusters::waiter::{Finished, WaitError};
use clusters::{Client, Config};
use std::time::{Duration, Instant};
use waiter_tests::{serve, Answer};

/// A cluster of this status.
fn cluster(status: &str) -> Answer {
    Answer::ok(format!(r#"{{"cluster": {{"name": "c", "status": "{status}"}}}}"#))
}

/// A cluster of this name.
fn named(name: &str) -> Answer {
    Answer::ok(format!(r#"{{"cluster": {{"name": "{name}", "status": "ACTIVE"}}}}"#))
}

/// An active cluster with nodes in these states.
fn nodes(states: &[&str]) -> Answer {
    let nodes: Vec<String> = states.iter().map(|s| format!(r#"{{"state": "{s}"}}"#)).collect();
    Answer::ok(format!(
        r#"{{"cluster": {{"status": "ACTIVE", "nodes": [{}]}}}}"#,
        nodes.join(", ")
    ))
}

fn gone() -> Answer {
    Answer::error(404, "ResourceNotFoundException", "no such cluster")
}

fn client(url: &str) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::new("AKIDWAITERS", "waiters-secret", None))
            .build(),
    )
}

const MS: Duration = Duration::from_millis(1);

#[tokio::test]
async fn a_cluster_that_comes_up_is_waited_for_with_growing_delays() {
    let fake = serve(vec![(
        "/clusters/c1",
        vec![
            cluster("CREATING"),
            cluster("CREATING"),
            cluster("CREATING"),
            cluster("ACTIVE"),
        ],
    )])
    .await;
    let started = Instant::now();
    let done = client(&fake.url)
        .wait_until_cluster_active("c1")
        .min_delay(20 * MS)
        .max_delay(200 * MS)
        .wait(Duration::from_secs(10))
        .await
        .unwrap();
    let cluster = done.into_output().and_then(|o| o.cluster).expect("the cluster");
    assert_eq!(cluster.status, Some(ClusterStatus::Active));
    assert_eq!(fake.calls("/clusters/c1"), 4);
    // Three delays, each at least the minimum.
    assert!(started.elapsed() >= 60 * MS, "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_failure_acceptor_ends_the_wait_with_the_response_it_matched() {
    let fake = serve(vec![("/clusters/c2", vec![cluster("CREATING"), cluster("FAILED")])]).await;
    let result = client(&fake.url)
        .wait_until_cluster_active("c2")
        .min_delay(MS)
        .wait(Duration::from_secs(10))
        .await;
    match result {
        // The second acceptor of the model: `FAILED`.
        Err(WaitError::Failure {
            waiter: "ClusterActive",
            acceptor: 1,
            response: Ok(output),
        }) => {
            assert_eq!(output.cluster.and_then(|c| c.status), Some(ClusterStatus::Failed));
        }
        other => panic!("expected the FAILED acceptor, got {other:?}"),
    }
    assert_eq!(fake.calls("/clusters/c2"), 2);
}

#[tokio::test]
async fn the_time_runs_out_on_a_cluster_that_never_comes_up() {
    let fake = serve(vec![("/clusters/c3", vec![cluster("CREATING")])]).await;
    let started = Instant::now();
    let result = client(&fake.url)
        .wait_until_cluster_active("c3")
        .min_delay(10 * MS)
        .max_delay(20 * MS)
        .wait(200 * MS)
        .await;
    match result {
        Err(WaitError::TimedOut {
            waiter: "ClusterActive",
            attempts,
            max_wait,
            last: Ok(last),
        }) => {
            assert_eq!(last.cluster.and_then(|c| c.status), Some(ClusterStatus::Creating));
            assert_eq!(max_wait, 200 * MS);
            assert_eq!(attempts as usize, fake.calls("/clusters/c3"));
            assert!(attempts >= 3, "{attempts} attempts");
        }
        other => panic!("expected the time to run out, got {other:?}"),
    }
    // It gave up before the time it was given was over, with at most the minimum left.
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_deleted_cluster_ends_its_wait_with_the_not_found_error() {
    let fake = serve(vec![(
        "/clusters/c4",
        vec![cluster("DELETING"), cluster("DELETING"), gone()],
    )])
    .await;
    let done = client(&fake.url)
        .wait_until_cluster_deleted("c4")
        .min_delay(MS)
        .wait(Duration::from_secs(10))
        .await;
    match done {
        Ok(Finished::Error(DescribeClusterError::ResourceNotFoundException(e))) => {
            assert_eq!(e.message(), Some("no such cluster"));
        }
        other => panic!("expected the not-found error to end the wait, got {other:?}"),
    }
    assert_eq!(fake.calls("/clusters/c4"), 3);
}

#[tokio::test]
async fn projections_and_filters_decide_on_every_node() {
    let fake = serve(vec![
        (
            "/clusters/ready",
            vec![nodes(&["READY", "STARTING"]), nodes(&["READY", "READY"])],
        ),
        ("/clusters/broken", vec![nodes(&["BROKEN", "READY"])]),
    ])
    .await;
    let client = client(&fake.url);
    let ready = client
        .wait_until_nodes_ready("ready")
        .min_delay(MS)
        .wait(Duration::from_secs(10))
        .await;
    assert!(matches!(ready, Ok(Finished::Output(_))), "{ready:?}");
    let broken = client
        .wait_until_nodes_ready("broken")
        .min_delay(MS)
        .wait(Duration::from_secs(10))
        .await;
    assert!(
        matches!(
            broken,
            Err(WaitError::Failure {
                waiter: "NodesReady",
                acceptor: 1,
                ..
            })
        ),
        "{broken:?}"
    );
}

#[tokio::test]
async fn an_input_output_matcher_compares_the_input_with_the_output() {
    // Renamed twice before it answers by the name asked for.
    let fake = serve(vec![("/clusters/c5", vec![named("old"), named("older"), named("c5")])]).await;
    let done = client(&fake.url)
        .wait_until_cluster_named("c5")
        .min_delay(MS)
        .wait(Duration::from_secs(10))
        .await;
    assert!(matches!(done, Ok(Finished::Output(_))), "{done:?}");
    assert_eq!(fake.calls("/clusters/c5"), 3);
}

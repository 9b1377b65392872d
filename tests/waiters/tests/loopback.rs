//! The generated waiters against a server on loopback whose clusters move through states as they
//! are described: the backoff's real delays between real HTTP calls, each way a wait can end.

use bytes::Bytes;
use clusters::auth::Credentials;
use clusters::operation::describe_cluster::DescribeClusterError;
use clusters::types::ClusterStatus;
use clusters::waiter::{Finished, WaitError};
use clusters::{Client, Config};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;

/// What each cluster answers, call by call (the last answer repeats), and the calls so far.
#[derive(Default)]
struct Clusters {
    scripts: HashMap<String, Vec<&'static str>>,
    calls: HashMap<String, usize>,
}

/// Serves `GET /clusters/{name}` on a free loopback port: the next body of the cluster's script,
/// or 404 `ResourceNotFoundException` for `gone`.
async fn serve(scripts: &[(&str, &[&'static str])]) -> (String, Arc<Mutex<Clusters>>) {
    let state = Arc::new(Mutex::new(Clusters {
        scripts: scripts
            .iter()
            .map(|(name, script)| (name.to_string(), script.to_vec()))
            .collect(),
        ..Clusters::default()
    }));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let shared = state.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let state = shared.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request: http::Request<Incoming>| {
                    let state = state.clone();
                    async move { Ok::<_, hyper::Error>(answer(&state, request.uri().path())) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (url, state)
}

fn answer(state: &Mutex<Clusters>, path: &str) -> http::Response<Full<Bytes>> {
    let name = path.trim_start_matches("/clusters/").to_owned();
    let mut state = state.lock().unwrap();
    let call = *state.calls.entry(name.clone()).and_modify(|c| *c += 1).or_insert(1);
    let script = state.scripts.get(&name).cloned().unwrap_or_default();
    let step = script.get(call - 1).or(script.last()).copied().unwrap_or("gone");
    let (status, body) = match step {
        "gone" => (404, r#"{"message": "no such cluster"}"#.to_owned()),
        "nodes-ready" => (
            200,
            r#"{"cluster": {"status": "ACTIVE", "nodes": [{"state": "READY"}, {"state": "READY"}]}}"#.to_owned(),
        ),
        "nodes-starting" => (
            200,
            r#"{"cluster": {"status": "ACTIVE", "nodes": [{"state": "READY"}, {"state": "STARTING"}]}}"#.to_owned(),
        ),
        "nodes-broken" => (
            200,
            r#"{"cluster": {"status": "ACTIVE", "nodes": [{"state": "BROKEN"}, {"state": "READY"}]}}"#.to_owned(),
        ),
        status => (
            200,
            format!(r#"{{"cluster": {{"name": "{name}", "status": "{status}"}}}}"#),
        ),
    };
    let mut response = http::Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    if status == 404 {
        response.headers_mut().insert(
            "x-amzn-errortype",
            http::HeaderValue::from_static("ResourceNotFoundException"),
        );
    }
    response
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
    let (url, state) = serve(&[("c1", &["CREATING", "CREATING", "CREATING", "ACTIVE"])]).await;
    let started = Instant::now();
    let done = client(&url)
        .wait_until_cluster_active("c1")
        .min_delay(20 * MS)
        .max_delay(200 * MS)
        .wait(Duration::from_secs(10))
        .await
        .unwrap();
    let cluster = done.into_output().and_then(|o| o.cluster).expect("the cluster");
    assert_eq!(cluster.status, Some(ClusterStatus::Active));
    assert_eq!(state.lock().unwrap().calls["c1"], 4);
    // Three delays, each at least the minimum.
    assert!(started.elapsed() >= 60 * MS, "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_failure_acceptor_ends_the_wait_with_the_response_it_matched() {
    let (url, state) = serve(&[("c2", &["CREATING", "FAILED"])]).await;
    let result = client(&url)
        .wait_until_cluster_active("c2")
        .min_delay(MS)
        .wait(Duration::from_secs(10))
        .await;
    match result {
        Err(WaitError::Failure {
            waiter: "ClusterActive",
            response: Ok(output),
        }) => {
            assert_eq!(output.cluster.and_then(|c| c.status), Some(ClusterStatus::Failed));
        }
        other => panic!("expected the FAILED acceptor, got {other:?}"),
    }
    assert_eq!(state.lock().unwrap().calls["c2"], 2);
}

#[tokio::test]
async fn the_time_runs_out_on_a_cluster_that_never_comes_up() {
    let (url, state) = serve(&[("c3", &["CREATING"])]).await;
    let started = Instant::now();
    let result = client(&url)
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
        }) => {
            assert_eq!(max_wait, 200 * MS);
            assert_eq!(attempts as usize, state.lock().unwrap().calls["c3"]);
            assert!(attempts >= 3, "{attempts} attempts");
        }
        other => panic!("expected the time to run out, got {other:?}"),
    }
    // It gave up before the time it was given was over, with at most the minimum left.
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_deleted_cluster_ends_its_wait_with_the_not_found_error() {
    let (url, state) = serve(&[("c4", &["DELETING", "DELETING", "gone"])]).await;
    let done = client(&url)
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
    assert_eq!(state.lock().unwrap().calls["c4"], 3);
}

#[tokio::test]
async fn projections_and_filters_decide_on_every_node() {
    let (url, _) = serve(&[
        ("ready", &["nodes-starting", "nodes-ready"]),
        ("broken", &["nodes-broken"]),
    ])
    .await;
    let client = client(&url);
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
                ..
            })
        ),
        "{broken:?}"
    );
}

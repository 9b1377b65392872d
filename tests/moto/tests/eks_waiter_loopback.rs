//! EKS's own `ClusterActive` waiter, generated from the published model, against the scripted
//! fake on loopback of `tests/waiters` (moto's clusters are active at once, so only a fake shows
//! the waiter polling): a cluster that is `CREATING` twice, then `ACTIVE`.

use eks::auth::Credentials;
use eks::types::ClusterStatus;
use eks::{Client, Config};
use std::time::Duration;
use waiter_tests::{serve, Answer};

#[tokio::test]
async fn wait_until_cluster_active_polls_a_creating_cluster_until_it_is_active() {
    let cluster = |status: &str| Answer::ok(format!(r#"{{"cluster": {{"name": "prod", "status": "{status}"}}}}"#));
    let fake = serve(vec![(
        "/clusters/prod",
        vec![cluster("CREATING"), cluster("CREATING"), cluster("ACTIVE")],
    )])
    .await;
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&fake.url)
            .credentials(Credentials::new("AKIDEKSFAKE", "eks-fake-secret", None))
            .build(),
    );
    let done = client
        .wait_until_cluster_active("prod")
        .min_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(50))
        .wait(Duration::from_secs(10))
        .await
        .unwrap();
    let cluster = done.into_output().and_then(|o| o.cluster).expect("the cluster");
    assert_eq!(cluster.status, Some(ClusterStatus::Active));
    assert_eq!(fake.calls("/clusters/prod"), 3);
}

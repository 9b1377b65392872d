//! The generated EKS client against moto: clusters and node groups created, described, waited
//! for with the model's waiters, listed a page of two at a time, updated, tagged and deleted,
//! with moto's modeled not-found and resource-in-use errors as typed variants.

use eks::auth::Credentials;
use eks::operation::create_cluster::CreateClusterError;
use eks::operation::delete_cluster::DeleteClusterError;
use eks::operation::describe_cluster::DescribeClusterError;
use eks::operation::describe_nodegroup::DescribeNodegroupError;
use eks::types::{ClusterStatus, LogSetup, LogType, Logging, NodegroupScalingConfig, VpcConfigRequest};
use eks::waiter::{Finished, WaitError};
use eks::{Client, Config};
use futures_util::TryStreamExt;
use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use std::collections::HashMap;
use std::time::Duration;

fn client(moto: &Moto) -> Client {
    Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .build(),
    )
}

fn vpc() -> VpcConfigRequest {
    VpcConfigRequest::new().subnet_ids(vec!["subnet-1".to_owned(), "subnet-2".to_owned()])
}

#[tokio::test]
async fn clusters_are_created_listed_updated_tagged_and_deleted() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let prefix = unique("workflow");
    let role = &moto.lambda_role;

    let mut names = Vec::new();
    for i in 0..5 {
        let name = format!("{prefix}-{i}");
        let created = client
            .create_cluster(&name, role, vpc())
            .version("1.31")
            .tags(HashMap::from([("team".to_owned(), "rust".to_owned())]))
            .send()
            .await
            .unwrap();
        let cluster = created.cluster.expect("the created cluster");
        assert_eq!(cluster.name.as_deref(), Some(name.as_str()));
        assert_eq!(cluster.version.as_deref(), Some("1.31"));
        assert!(cluster
            .arn
            .as_deref()
            .is_some_and(|arn| arn.ends_with(&format!(":cluster/{name}"))));
        assert!(cluster.created_at.is_some_and(|t| t.secs() > 1_700_000_000));
        names.push(name);
    }

    // The same name again: the modeled conflict.
    match client.create_cluster(&names[0], role, vpc()).send().await {
        Err(CreateClusterError::ResourceInUseException(e)) => {
            assert!(e.message().is_some_and(|m| m.contains(&names[0])), "{e:?}")
        }
        other => panic!("expected ResourceInUseException, got {other:?}"),
    }

    // The model's `ClusterActive` waiter: moto's clusters are active at once, so the first call
    // ends the wait with the output.
    let active = client
        .wait_until_cluster_active(&names[2])
        .wait(Duration::from_secs(30))
        .await
        .unwrap()
        .into_output()
        .and_then(|o| o.cluster)
        .expect("the active cluster");
    assert_eq!(active.status, Some(ClusterStatus::Active));

    let described = client
        .describe_cluster(&names[2])
        .send()
        .await
        .unwrap()
        .cluster
        .unwrap();
    assert_eq!(described.status, Some(ClusterStatus::Active));
    assert_eq!(described.role_arn.as_deref(), Some(role.as_str()));
    assert_eq!(
        described.tags.unwrap_or_default().get("team").map(String::as_str),
        Some("rust")
    );

    // Two clusters a page: every one of ours comes back once, over several pages.
    let pages: Vec<_> = client
        .list_clusters()
        .into_paginator()
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert!(
        pages.len() >= 3,
        "five clusters at two a page take three pages or more: {pages:?}"
    );
    assert!(pages
        .iter()
        .all(|page| page.clusters.as_ref().is_some_and(|c| c.len() <= 2)));
    let listed: Vec<String> = client
        .list_clusters()
        .into_paginator()
        .page_size(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    let ours: Vec<&String> = listed.iter().filter(|name| name.starts_with(&prefix)).collect();
    assert_eq!(ours, names.iter().collect::<Vec<_>>());

    // Update: export the API server's logs.
    let logging = Logging::new().cluster_logging(vec![LogSetup::new().types(vec![LogType::Api]).enabled(true)]);
    client
        .update_cluster_config(&names[1])
        .logging(logging)
        .send()
        .await
        .unwrap();
    let updated = client
        .describe_cluster(&names[1])
        .send()
        .await
        .unwrap()
        .cluster
        .unwrap();
    let setups = updated.logging.and_then(|l| l.cluster_logging).unwrap_or_default();
    assert!(
        setups
            .iter()
            .any(|s| s.enabled == Some(true) && s.types.as_deref() == Some(&[LogType::Api][..])),
        "{setups:?}"
    );

    // Tags by ARN (a label with colons and slashes in it).
    let arn = described.arn.unwrap();
    client
        .tag_resource(&arn, HashMap::from([("stage".to_owned(), "test".to_owned())]))
        .send()
        .await
        .unwrap();
    client
        .untag_resource(&arn, vec!["team".to_owned()])
        .send()
        .await
        .unwrap();
    let tags = client
        .list_tags_for_resource(&arn)
        .send()
        .await
        .unwrap()
        .tags
        .unwrap_or_default();
    assert_eq!(tags, HashMap::from([("stage".to_owned(), "test".to_owned())]));

    for name in &names {
        let deleted = client.delete_cluster(name).send().await.unwrap();
        assert_eq!(deleted.cluster.and_then(|c| c.name).as_deref(), Some(name.as_str()));
    }
    match client.describe_cluster(&names[0]).send().await {
        Err(DescribeClusterError::ResourceNotFoundException(e)) => assert!(e.message().is_some(), "{e:?}"),
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    // `ClusterDeleted` succeeds on the not-found error.
    match client
        .wait_until_cluster_deleted(&names[1])
        .wait(Duration::from_secs(30))
        .await
    {
        Ok(Finished::Error(DescribeClusterError::ResourceNotFoundException(_))) => {}
        other => panic!("expected the not-found error to end the wait, got {other:?}"),
    }
}

#[tokio::test]
async fn a_cluster_with_a_node_group_cannot_be_deleted_until_the_group_is() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let cluster = unique("nodes");
    client
        .create_cluster(&cluster, &moto.lambda_role, vpc())
        .send()
        .await
        .unwrap();

    let scaling = NodegroupScalingConfig::new().min_size(1).max_size(3).desired_size(2);
    let created = client
        .create_nodegroup(&cluster, "workers", vec!["subnet-1".to_owned()], &moto.lambda_role)
        .scaling_config(scaling)
        .instance_types(vec!["t3.medium".to_owned()])
        .send()
        .await
        .unwrap()
        .nodegroup
        .unwrap();
    assert_eq!(created.nodegroup_name.as_deref(), Some("workers"));
    assert_eq!(created.cluster_name.as_deref(), Some(cluster.as_str()));
    assert_eq!(created.scaling_config.and_then(|s| s.desired_size), Some(2));

    let listed = client
        .list_nodegroups(&cluster)
        .send()
        .await
        .unwrap()
        .nodegroups
        .unwrap_or_default();
    assert_eq!(listed, ["workers"]);
    let described = client
        .describe_nodegroup(&cluster, "workers")
        .send()
        .await
        .unwrap()
        .nodegroup
        .unwrap();
    assert_eq!(described.instance_types.as_deref(), Some(&["t3.medium".to_owned()][..]));

    match client.delete_cluster(&cluster).send().await {
        Err(DeleteClusterError::ResourceInUseException(e)) => assert!(e.message().is_some(), "{e:?}"),
        other => panic!("a cluster with a node group: expected ResourceInUseException, got {other:?}"),
    }
    // `ClusterDeleted` on a live, active cluster: its failure acceptor ends the wait at once.
    match client
        .wait_until_cluster_deleted(&cluster)
        .wait(Duration::from_secs(30))
        .await
    {
        Err(WaitError::Failure {
            waiter: "ClusterDeleted",
            response: Ok(_),
            ..
        }) => {}
        other => panic!("expected the ACTIVE failure acceptor, got {other:?}"),
    }
    client.delete_nodegroup(&cluster, "workers").send().await.unwrap();
    match client
        .wait_until_nodegroup_deleted(&cluster, "workers")
        .wait(Duration::from_secs(30))
        .await
    {
        Ok(Finished::Error(_)) => {}
        other => panic!("expected the not-found error to end the wait, got {other:?}"),
    }
    match client.describe_nodegroup(&cluster, "workers").send().await {
        Err(DescribeNodegroupError::ResourceNotFoundException(e)) => {
            assert_eq!(e.nodegroup_name.as_deref(), Some("workers"), "{e:?}")
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    client.delete_cluster(&cluster).send().await.unwrap();
}

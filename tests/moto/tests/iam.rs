//! The generated IAM client (awsQuery) against moto: users created, found by the `UserExists`
//! waiter, listed, deleted; roles with a trust policy listed two to a page through the `Marker`
//! paginator, a policy attached to one, listed and detached; `EntityAlreadyExists` and
//! `NoSuchEntity` as typed variants (modeled by their awsQuery codes).

use futures_util::TryStreamExt;
use iam::auth::Credentials;
use iam::operation::create_user::CreateUserError;
use iam::operation::get_user::GetUserError;
use iam::{Client, Config};
use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
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

const TRUST_EC2: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const READ_ONLY: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;

#[tokio::test]
async fn users_are_created_waited_for_listed_and_deleted() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let path = format!("/{}/", unique("workflow"));
    let names: Vec<String> = (0..5).map(|i| format!("user-{i}-{}", unique("u"))).collect();
    for name in &names {
        let created = client.create_user(name).path(&path).send().await.unwrap();
        let user = created.user.expect("the created user");
        assert_eq!(&user.user_name, name);
        assert_eq!(user.path, path);
        assert!(user.arn.ends_with(name.as_str()), "{}", user.arn);
    }
    client
        .get_user()
        .user_name(&names[4])
        .wait_until_user_exists()
        .wait(Duration::from_secs(30))
        .await
        .unwrap();
    let got = client.get_user().user_name(&names[0]).send().await.unwrap();
    assert_eq!(got.user.user_name, names[0]);

    // Listed by path (moto returns them in one page: it does not page users).
    let listed = client.list_users().path_prefix(&path).send().await.unwrap();
    assert!(!listed.is_truncated);
    let mut listed: Vec<String> = listed.users.into_iter().map(|u| u.user_name).collect();
    listed.sort();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(listed, expected);

    match client.create_user(&names[0]).send().await {
        Err(CreateUserError::EntityAlreadyExistsException(e)) => {
            assert!(e.message().is_some_and(|m| m.contains(&names[0])), "{e:?}");
        }
        other => panic!("expected EntityAlreadyExists, got {other:?}"),
    }
    for name in &names {
        client.delete_user(name).send().await.unwrap();
    }
    match client.get_user().user_name(&names[0]).send().await {
        Err(GetUserError::NoSuchEntityException(e)) => {
            assert!(e.message().is_some_and(|m| !m.is_empty()), "{e:?}");
        }
        other => panic!("expected NoSuchEntity, got {other:?}"),
    }
}

#[tokio::test]
async fn roles_are_listed_by_page_and_one_gets_an_attached_policy() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let path = format!("/{}/", unique("roles"));
    let names: Vec<String> = (0..5).map(|i| format!("role-{i}-{}", unique("r"))).collect();
    for name in &names {
        let role = client
            .create_role(name, TRUST_EC2)
            .path(&path)
            .description("made by the moto workflow")
            .send()
            .await
            .unwrap()
            .role;
        assert_eq!(&role.role_name, name);
        assert!(role.arn.contains(":role/"), "{}", role.arn);
    }

    // Two to a page, by `Marker` and `IsTruncated`: five roles take three pages.
    let pages: Vec<_> = client
        .list_roles()
        .path_prefix(&path)
        .into_paginator()
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(
        pages[..2].iter().all(|p| p.is_truncated && p.roles.len() == 2),
        "{pages:?}"
    );
    let mut listed: Vec<String> = pages.into_iter().flat_map(|p| p.roles).map(|r| r.role_name).collect();
    listed.sort();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(listed, expected);

    let role_name = names[0].clone();
    let fetched = client.get_role(&role_name).send().await.unwrap().role;
    let trust = fetched.assume_role_policy_document.expect("the trust policy");
    assert!(trust.contains("ec2.amazonaws.com"), "{trust}");

    let policy = client
        .create_policy(unique("workflow-policy"), READ_ONLY)
        .send()
        .await
        .unwrap()
        .policy
        .expect("the created policy");
    let policy_arn = policy.arn.expect("the policy's ARN");
    client.attach_role_policy(&role_name, &policy_arn).send().await.unwrap();
    let attached = client.list_attached_role_policies(&role_name).send().await.unwrap();
    let arns: Vec<String> = attached
        .attached_policies
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.policy_arn)
        .collect();
    assert_eq!(arns, [policy_arn.clone()]);

    client.detach_role_policy(&role_name, &policy_arn).send().await.unwrap();
    let attached = client.list_attached_role_policies(&role_name).send().await.unwrap();
    assert!(attached.attached_policies.unwrap_or_default().is_empty());
    client.delete_policy(&policy_arn).send().await.unwrap();
    for name in &names {
        client.delete_role(name).send().await.unwrap();
    }
}

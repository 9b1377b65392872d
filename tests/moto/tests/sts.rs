//! The generated STS client (awsQuery) against moto: `GetCallerIdentity`, then `AssumeRole`,
//! and a call signed with the credentials it returned, which moto answers as the assumed role.

use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use sts::auth::Credentials;
use sts::{Client, Config};

fn client(moto: &Moto, credentials: Credentials) -> Client {
    Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials(credentials)
            .build(),
    )
}

#[tokio::test]
async fn an_assumed_role_signs_the_next_call() {
    let moto = Moto::from_env();
    let caller = client(&moto, Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None));
    let me = caller.get_caller_identity().send().await.unwrap();
    let account = me.account.expect("the account");
    assert_eq!(account.len(), 12, "{account}");
    assert!(me.arn.is_some_and(|arn| arn.starts_with("arn:aws:")));

    let session = unique("workflow-session");
    let role_arn = format!("arn:aws:iam::{account}:role/workflow-assumed");
    let assumed = caller
        .assume_role(&role_arn, &session)
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let credentials = assumed.credentials.expect("the role's credentials");
    assert!(
        credentials.access_key_id.starts_with("ASIA"),
        "{}",
        credentials.access_key_id
    );
    assert!(credentials.expiration > sts::primitives::DateTime::UNIX_EPOCH);
    let user = assumed.assumed_role_user.expect("the assumed role user");
    assert!(
        user.arn.ends_with(&format!("workflow-assumed/{session}")),
        "{}",
        user.arn
    );

    // moto knows the key it issued: a call signed with it is the assumed role's.
    let as_role = client(
        &moto,
        Credentials::new(
            credentials.access_key_id,
            credentials.secret_access_key,
            Some(credentials.session_token),
        ),
    );
    let identity = as_role.get_caller_identity().send().await.unwrap();
    assert_eq!(identity.arn.as_deref(), Some(user.arn.as_str()));
}

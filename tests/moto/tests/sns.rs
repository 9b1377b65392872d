//! The generated SNS client (awsQuery) against moto: a topic created with attributes (a map sent
//! as `Attributes.entry.N`), a subscription listed, a message published, the subscription and
//! topic deleted.

use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use sns::auth::Credentials;
use sns::{Client, Config};
use std::collections::HashMap;

#[tokio::test]
async fn a_topic_is_subscribed_to_published_to_and_deleted() {
    let moto = Moto::from_env();
    let client = Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .build(),
    );
    let name = unique("workflow-topic");
    let topic = client
        .create_topic(&name)
        .attributes(HashMap::from([("DisplayName".to_owned(), "Workflow".to_owned())]))
        .send()
        .await
        .unwrap()
        .topic_arn
        .expect("the topic's ARN");
    assert!(topic.ends_with(&name), "{topic}");
    let attributes = client
        .get_topic_attributes(&topic)
        .send()
        .await
        .unwrap()
        .attributes
        .unwrap_or_default();
    assert_eq!(
        attributes.get("DisplayName").map(String::as_str),
        Some("Workflow"),
        "{attributes:?}"
    );

    let subscription = client
        .subscribe(&topic, "email")
        .endpoint("workflow@example.com")
        .return_subscription_arn(true)
        .send()
        .await
        .unwrap()
        .subscription_arn
        .expect("the subscription's ARN");
    let listed = client.list_subscriptions_by_topic(&topic).send().await.unwrap();
    let endpoints: Vec<String> = listed
        .subscriptions
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| s.endpoint)
        .collect();
    assert_eq!(endpoints, ["workflow@example.com"]);

    let published = client
        .publish("a message from the workflow <&>")
        .topic_arn(&topic)
        .subject("workflow")
        .send()
        .await
        .unwrap();
    assert!(published.message_id.is_some_and(|id| !id.is_empty()));

    let topics: Vec<String> = client
        .list_topics()
        .send()
        .await
        .unwrap()
        .topics
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| t.topic_arn)
        .collect();
    assert!(topics.contains(&topic), "{topics:?}");
    client.unsubscribe(&subscription).send().await.unwrap();
    client.delete_topic(&topic).send().await.unwrap();
    let topics = client.list_topics().send().await.unwrap().topics.unwrap_or_default();
    assert!(topics.iter().all(|t| t.topic_arn.as_deref() != Some(topic.as_str())));
}

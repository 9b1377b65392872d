//! The generated SQS client (awsJson1_0, `awsQueryCompatible`) against moto: a queue created and
//! found by name, messages sent with attributes, received, and deleted by receipt handle, the
//! queue deleted, and moto's modeled not-found error as a typed variant.

use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use sqs::auth::Credentials;
use sqs::operation::get_queue_url::GetQueueUrlError;
use sqs::types::MessageAttributeValue;
use sqs::{Client, Config};
use std::collections::HashMap;

fn client(moto: &Moto) -> Client {
    Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .build(),
    )
}

/// `cargo xtask moto` sets `AWS_ENDPOINT_URL_SQS` to moto and `AWS_ENDPOINT_URL` to a loopback
/// port where nothing listens: the service's own variable must win, as the AWS SDKs have it.
#[tokio::test]
async fn a_client_from_the_environment_reaches_moto_through_aws_endpoint_url_sqs() {
    let moto = Moto::from_env();
    let client = Client::new(Config::from_env().unwrap().build());
    assert_eq!(client.config().endpoint_url(), Some(moto.endpoint.as_str()));
    let name = unique("from-env-queue");
    let url = client
        .create_queue(&name)
        .send()
        .await
        .unwrap()
        .queue_url
        .expect("the queue's URL");
    client.delete_queue(&url).send().await.unwrap();
}

#[tokio::test]
async fn messages_are_sent_received_and_deleted() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let name = unique("workflow-queue");

    let url = client
        .create_queue(&name)
        .send()
        .await
        .unwrap()
        .queue_url
        .expect("the queue's URL");
    assert!(url.ends_with(&name), "{url}");
    let found = client.get_queue_url(&name).send().await.unwrap();
    assert_eq!(found.queue_url.as_deref(), Some(url.as_str()));

    for i in 0..3 {
        let sent = client
            .send_message(&url, format!("message {i}"))
            .message_attributes(HashMap::from([(
                "index".to_owned(),
                MessageAttributeValue::new("Number").string_value(i.to_string()),
            )]))
            .send()
            .await
            .unwrap();
        assert!(sent.message_id.is_some_and(|id| !id.is_empty()));
        assert!(sent.md5_of_message_body.is_some());
    }

    let mut bodies = Vec::new();
    for _ in 0..5 {
        let received = client
            .receive_message(&url)
            .max_number_of_messages(10)
            .message_attribute_names(vec!["All".to_owned()])
            .send()
            .await
            .unwrap();
        for message in received.messages.unwrap_or_default() {
            let body = message.body.clone().expect("a body");
            let index = message
                .message_attributes
                .as_ref()
                .and_then(|a| a.get("index"))
                .and_then(|v| v.string_value.clone());
            assert_eq!(index.as_deref(), body.strip_prefix("message "), "{message:?}");
            client
                .delete_message(&url, message.receipt_handle.expect("a receipt handle"))
                .send()
                .await
                .unwrap();
            bodies.push(body);
        }
        if bodies.len() == 3 {
            break;
        }
    }
    bodies.sort();
    assert_eq!(bodies, ["message 0", "message 1", "message 2"]);
    // Deleted: nothing is left to receive.
    let empty = client.receive_message(&url).send().await.unwrap();
    assert!(empty.messages.unwrap_or_default().is_empty());

    client.delete_queue(&url).send().await.unwrap();
    match client.get_queue_url(&name).send().await {
        Err(GetQueueUrlError::QueueDoesNotExist(e)) => {
            assert!(e.message().is_some_and(|m| !m.is_empty()), "{e:?}");
        }
        other => panic!("expected QueueDoesNotExist, got {other:?}"),
    }
}

//! The generated CloudFormation client (awsQuery) against moto: a stack from a small template,
//! the `StackCreateComplete` waiter, its resources described, the stack deleted and the
//! `StackDeleteComplete` waiter.

use cloudformation::auth::Credentials;
use cloudformation::types::{Parameter, StackStatus};
use cloudformation::{Client, Config};
use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use std::time::Duration;

const TEMPLATE: &str = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"QueueName": {"Type": "String"}},
  "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "QueueName"}}}},
  "Outputs": {"QueueArn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}}}
}"#;

#[tokio::test]
async fn a_stack_is_created_waited_for_described_and_deleted() {
    let moto = Moto::from_env();
    let client = Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .build(),
    );
    let stack = unique("workflow-stack");
    let queue = unique("workflow-stack-queue");
    let id = client
        .create_stack()
        .stack_name(&stack)
        .template_body(TEMPLATE)
        .parameters(vec![Parameter::new()
            .parameter_key("QueueName")
            .parameter_value(&queue)])
        .send()
        .await
        .unwrap()
        .stack_id
        .expect("the stack's id");
    client
        .describe_stacks()
        .stack_name(&stack)
        .wait_until_stack_create_complete()
        .wait(Duration::from_secs(30))
        .await
        .unwrap();

    let described = client.describe_stacks().stack_name(&stack).send().await.unwrap();
    let found = described.stacks.unwrap_or_default();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].stack_id.as_deref(), Some(id.as_str()));
    assert_eq!(found[0].stack_status, Some(StackStatus::CreateComplete));
    let outputs = found[0].outputs.clone().unwrap_or_default();
    let arn = outputs.iter().find(|o| o.output_key.as_deref() == Some("QueueArn"));
    assert!(
        arn.and_then(|o| o.output_value.as_deref())
            .is_some_and(|v| v.ends_with(&queue)),
        "{outputs:?}"
    );

    let resources = client
        .describe_stack_resources()
        .stack_name(&stack)
        .send()
        .await
        .unwrap();
    let types: Vec<String> = resources
        .stack_resources
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| r.resource_type)
        .collect();
    assert_eq!(types, ["AWS::SQS::Queue"]);

    client.delete_stack().stack_name(&stack).send().await.unwrap();
    client
        .describe_stacks()
        .stack_name(&id)
        .wait_until_stack_delete_complete()
        .wait(Duration::from_secs(30))
        .await
        .unwrap();
}

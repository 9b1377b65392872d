//! The generated Lambda client against moto: a function created from a code blob, read back,
//! listed through the paginator, reconfigured, versioned, aliased (the alias name checked first by
//! `validate()`), tagged and deleted, with the modeled conflict and not-found errors as typed
//! variants.
//!
//! moto does not run functions without Docker, so `Invoke` is not exercised here; and moto's
//! `ListFunctions` returns every function in one page whatever `MaxItems` says, so the paginator
//! is shown to stop after a last page (EKS's workflow covers several pages).

use base64::Engine as _;
use futures_util::TryStreamExt;
use lambda::auth::Credentials;
use lambda::operation::create_alias::CreateAliasInput;
use lambda::operation::create_function::CreateFunctionError;
use lambda::operation::get_function::GetFunctionError;
use lambda::types::{Environment, FunctionCode, Runtime};
use lambda::{Client, Config};
use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use sha2::{Digest, Sha256};
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

/// The function's code: moto stores the bytes without unpacking them, so any bytes do; these
/// include every byte value, to check the blob's base64 on the wire.
fn code_bytes() -> Vec<u8> {
    (0..=255u8)
        .chain(*b"def handler(event, context):\n    return event\n")
        .collect()
}

#[tokio::test]
async fn a_function_is_created_read_listed_reconfigured_versioned_and_deleted() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let name = unique("workflow");
    let code = code_bytes();

    let created = client
        .create_function(&name, &moto.lambda_role, FunctionCode::new().zip_file(code.clone()))
        .runtime(Runtime::Python312)
        .handler("index.handler")
        .description("first")
        .tags(HashMap::from([("team".to_owned(), "rust".to_owned())]))
        .send()
        .await
        .unwrap();
    assert_eq!(created.function_name.as_deref(), Some(name.as_str()));
    assert_eq!(created.runtime, Some(Runtime::Python312));
    assert_eq!(created.code_size, code.len() as i64);
    // moto hashes the bytes it decoded from the request's base64: the blob arrived whole.
    let sha = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&code));
    assert_eq!(created.code_sha256.as_deref(), Some(sha.as_str()));
    let arn = created.function_arn.unwrap();

    // The same name again: the modeled conflict.
    match client
        .create_function(&name, &moto.lambda_role, FunctionCode::new().zip_file(code))
        .send()
        .await
    {
        Err(CreateFunctionError::ResourceConflictException(e)) => assert!(e.message().is_some(), "{e:?}"),
        other => panic!("expected ResourceConflictException, got {other:?}"),
    }

    let got = client.get_function(&name).send().await.unwrap();
    let configuration = got.configuration.unwrap();
    assert_eq!(configuration.handler.as_deref(), Some("index.handler"));
    assert_eq!(configuration.description.as_deref(), Some("first"));
    assert_eq!(
        got.tags.unwrap_or_default().get("team").map(String::as_str),
        Some("rust")
    );

    let listed: Vec<String> = client
        .list_functions()
        .into_paginator()
        .page_size(1)
        .items()
        .map_ok(|f| f.function_name.unwrap_or_default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.iter().filter(|n| **n == name).count(), 1, "{listed:?}");

    let variables = HashMap::from([("STAGE".to_owned(), "test".to_owned())]);
    let updated = client
        .update_function_configuration(&name)
        .description("second")
        .memory_size(256)
        .timeout(30)
        .environment(Environment::new().variables(variables.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!((updated.memory_size, updated.timeout), (Some(256), Some(30)));
    let configuration = client.get_function_configuration(&name).send().await.unwrap();
    assert_eq!(configuration.description.as_deref(), Some("second"));
    assert_eq!(configuration.environment.and_then(|e| e.variables), Some(variables));

    let version = client.publish_version(&name).send().await.unwrap().version.unwrap();
    assert_eq!(version, "1");
    // Lambda refuses an alias name of digits only (a look-around pattern in the model), and
    // `validate()` says so before anything is sent.
    let digits = CreateAliasInput::new(&name, "2024", &version).validate().unwrap_err();
    assert!(digits.to_string().contains("Name"), "{digits}");
    assert!(CreateAliasInput::new(&name, "live", &version).validate().is_ok());
    let alias = client.create_alias(&name, "live", &version).send().await.unwrap();
    assert_eq!(alias.function_version.as_deref(), Some("1"));
    let alias = client.get_alias(&name, "live").send().await.unwrap();
    assert!(alias.alias_arn.is_some_and(|a| a.ends_with(&format!("{name}:live"))));

    // Tags by ARN: a label whose colons are percent-encoded, and signed that way.
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
    let tags = client.list_tags(&arn).send().await.unwrap().tags.unwrap_or_default();
    assert_eq!(tags, HashMap::from([("stage".to_owned(), "test".to_owned())]));

    client.delete_function(&name).send().await.unwrap();
    match client.get_function(&name).send().await {
        Err(GetFunctionError::ResourceNotFoundException(e)) => assert!(e.message().is_some(), "{e:?}"),
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

//! The generated DynamoDB client (awsJson1_0) against moto: a table created and described, items
//! put and read back with every kind of attribute value, a query read a page of two at a time
//! (`ExclusiveStartKey` from the last page's `LastEvaluatedKey`), an item deleted, the table
//! deleted, and moto's modeled not-found error as a typed variant.

use dynamodb::auth::Credentials;
use dynamodb::operation::describe_table::DescribeTableError;
use dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType, TableStatus,
};
use dynamodb::{Client, Config};
use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
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

fn key(pk: &str, sk: u32) -> HashMap<String, AttributeValue> {
    HashMap::from([
        ("pk".to_owned(), AttributeValue::S(pk.to_owned())),
        ("sk".to_owned(), AttributeValue::N(sk.to_string())),
    ])
}

#[tokio::test]
async fn a_table_holds_items_that_are_queried_a_page_at_a_time_and_deleted() {
    let moto = Moto::from_env();
    let client = client(&moto);
    let table = unique("workflow-table");

    let created = client
        .create_table(&table)
        .attribute_definitions(vec![
            AttributeDefinition::new("pk", ScalarAttributeType::S),
            AttributeDefinition::new("sk", ScalarAttributeType::N),
        ])
        .key_schema(vec![
            KeySchemaElement::new("pk", KeyType::Hash),
            KeySchemaElement::new("sk", KeyType::Range),
        ])
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .unwrap();
    let description = created.table_description.expect("the created table");
    assert_eq!(description.table_name.as_deref(), Some(table.as_str()));
    let described = client
        .describe_table(&table)
        .send()
        .await
        .unwrap()
        .table
        .expect("the table");
    assert_eq!(described.table_status, Some(TableStatus::Active));
    assert_eq!(described.key_schema.map(|k| k.len()), Some(2));

    // Five items under one partition key, one with every kind of value.
    for sk in 0..5 {
        let mut item = key("user-1", sk);
        item.insert("name".to_owned(), AttributeValue::S(format!("item {sk}")));
        if sk == 0 {
            item.insert("bytes".to_owned(), AttributeValue::B(vec![0, 1, 2, 255]));
            item.insert("flag".to_owned(), AttributeValue::Bool(true));
            item.insert("nothing".to_owned(), AttributeValue::Null(true));
            item.insert(
                "tags".to_owned(),
                AttributeValue::Ss(vec!["a".to_owned(), "b".to_owned()]),
            );
            item.insert(
                "nested".to_owned(),
                AttributeValue::M(HashMap::from([(
                    "list".to_owned(),
                    AttributeValue::L(vec![
                        AttributeValue::N("1.5".to_owned()),
                        AttributeValue::S("x".to_owned()),
                    ]),
                )])),
            );
        }
        client.put_item(&table, item).send().await.unwrap();
    }
    client.put_item(&table, key("user-2", 0)).send().await.unwrap();

    let got = client
        .get_item(&table, key("user-1", 0))
        .consistent_read(true)
        .send()
        .await
        .unwrap();
    let item = got.item.expect("the item");
    assert_eq!(item.get("name"), Some(&AttributeValue::S("item 0".to_owned())));
    assert_eq!(item.get("bytes"), Some(&AttributeValue::B(vec![0, 1, 2, 255])));
    assert_eq!(item.get("flag"), Some(&AttributeValue::Bool(true)));
    assert_eq!(item.get("nothing"), Some(&AttributeValue::Null(true)));
    match item.get("tags") {
        Some(AttributeValue::Ss(tags)) => {
            let mut tags = tags.clone();
            tags.sort();
            assert_eq!(tags, ["a", "b"]);
        }
        other => panic!("tags: {other:?}"),
    }
    let Some(AttributeValue::M(nested)) = item.get("nested") else {
        panic!("nested: {:?}", item.get("nested"))
    };
    assert_eq!(
        nested.get("list"),
        Some(&AttributeValue::L(vec![
            AttributeValue::N("1.5".to_owned()),
            AttributeValue::S("x".to_owned())
        ]))
    );
    // An item that is not there: an output without one.
    assert!(client
        .get_item(&table, key("user-9", 0))
        .send()
        .await
        .unwrap()
        .item
        .is_none());

    // user-1's five items, two a page, in sort-key order.
    let mut seen = Vec::new();
    let mut start = None;
    let mut pages = 0;
    loop {
        let mut query = client
            .query(&table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(HashMap::from([(
                ":pk".to_owned(),
                AttributeValue::S("user-1".to_owned()),
            )]))
            .limit(2);
        if let Some(start) = start.take() {
            query = query.exclusive_start_key(start);
        }
        let page = query.send().await.unwrap();
        pages += 1;
        assert!(page.count <= 2, "a page of {}", page.count);
        for item in page.items.unwrap_or_default() {
            let Some(AttributeValue::N(sk)) = item.get("sk") else {
                panic!("sk: {item:?}")
            };
            seen.push(sk.parse::<u32>().unwrap());
        }
        match page.last_evaluated_key {
            Some(last) if !last.is_empty() => start = Some(last),
            _ => break,
        }
        assert!(pages < 10, "the query does not end");
    }
    assert_eq!(seen, [0, 1, 2, 3, 4]);
    assert!(pages >= 3, "{pages} pages");

    client.delete_item(&table, key("user-1", 3)).send().await.unwrap();
    let left = client
        .query(&table)
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(HashMap::from([(
            ":pk".to_owned(),
            AttributeValue::S("user-1".to_owned()),
        )]))
        .send()
        .await
        .unwrap();
    assert_eq!(left.count, 4);

    client.delete_table(&table).send().await.unwrap();
    match client.describe_table(&table).send().await {
        Err(DescribeTableError::ResourceNotFoundException(e)) => {
            assert!(e.message().is_some_and(|m| !m.is_empty()), "{e:?}");
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

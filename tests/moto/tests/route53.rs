//! The generated Route 53 client (restXml) against moto: a hosted zone created (labels, an XML
//! body in Route 53's namespace), a change of record sets and its status, the records listed,
//! the zone deleted, and `NoSuchHostedZone` as a typed variant.

use moto_workflows::{unique, Moto, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use route53::auth::Credentials;
use route53::operation::get_hosted_zone::GetHostedZoneError;
use route53::types::{Change, ChangeAction, ChangeBatch, ResourceRecord, ResourceRecordSet, RrType};
use route53::{Client, Config};

#[tokio::test]
async fn a_zone_gets_records_and_is_deleted() {
    let moto = Moto::from_env();
    let client = Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .build(),
    );
    let domain = format!("{}.example.com", unique("workflow"));
    let created = client.create_hosted_zone(&domain, unique("ref")).send().await.unwrap();
    let zone = created.hosted_zone;
    assert_eq!(zone.name, format!("{domain}."));
    // The id comes as `/hostedzone/ID`; the label takes the bare id.
    let id = zone.id.trim_start_matches("/hostedzone/").to_owned();
    let got = client.get_hosted_zone(&id).send().await.unwrap();
    assert_eq!(got.hosted_zone.name, zone.name);

    let record = ResourceRecordSet::new(format!("www.{domain}"), RrType::A)
        .ttl(300)
        .resource_records(vec![ResourceRecord::new("192.0.2.10")]);
    let change = client
        .change_resource_record_sets(
            &id,
            ChangeBatch::new(vec![Change::new(ChangeAction::Create, record)]).comment("workflow"),
        )
        .send()
        .await
        .unwrap()
        .change_info;
    let status = client
        .get_change(change.id.trim_start_matches("/change/"))
        .send()
        .await
        .unwrap()
        .change_info
        .status;
    assert!(["PENDING", "INSYNC"].contains(&status.as_str()), "{status:?}");

    let records = client
        .list_resource_record_sets(&id)
        .send()
        .await
        .unwrap()
        .resource_record_sets;
    let a: Vec<_> = records.iter().filter(|r| r.r#type == RrType::A).collect();
    assert_eq!(a.len(), 1, "{records:?}");
    assert_eq!(a[0].name, format!("www.{domain}."));
    let values: Vec<&str> = a[0]
        .resource_records
        .iter()
        .flatten()
        .map(|r| r.value.as_str())
        .collect();
    assert_eq!(values, ["192.0.2.10"]);

    let zones = client.list_hosted_zones().send().await.unwrap().hosted_zones;
    assert!(zones.iter().any(|z| z.id == zone.id), "{zones:?}");

    // A zone with records other than SOA and NS cannot be deleted: remove the record first.
    let delete = ChangeBatch::new(vec![Change::new(ChangeAction::Delete, a[0].clone())]);
    client.change_resource_record_sets(&id, delete).send().await.unwrap();
    client.delete_hosted_zone(&id).send().await.unwrap();
    match client.get_hosted_zone(&id).send().await {
        Err(GetHostedZoneError::NoSuchHostedZone(e)) => assert!(e.message().is_some(), "{e:?}"),
        other => panic!("expected NoSuchHostedZone, got {other:?}"),
    }
}

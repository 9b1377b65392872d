//! Starts a data source run and lists the runs of its data source, against any endpoint URL.
//!
//! ```text
//! cargo run -p e2e-tests --example datazone_runs -- <endpoint-url> <domain-id> <data-source-id>
//! ```
//!
//! Credentials come from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`;
//! the region from `AWS_REGION` (by default `us-east-1`). Use `https://datazone.us-east-1.api.aws`
//! for the real service, or the URL of a local fake.

use datazone::{Client, Config, RequestId};
use futures_util::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [endpoint, domain, data_source] = args.as_slice() else {
        eprintln!("usage: datazone_runs <endpoint-url> <domain-id> <data-source-id>");
        std::process::exit(2);
    };
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".to_owned());
    let client = Client::new(Config::builder().region(region).endpoint_url(endpoint).build());

    let run = client.start_data_source_run(domain, data_source).send().await?;
    println!(
        "started {} ({}), request id {}",
        run.id,
        run.status,
        run.request_id().unwrap_or("-")
    );

    let mut runs = client
        .list_data_source_runs(domain, data_source)
        .into_paginator()
        .page_size(25)
        .items();
    while let Some(summary) = runs.try_next().await? {
        println!("{} {} {}", summary.id, summary.status, summary.created_at);
    }
    Ok(())
}

//! Starts a data source run and lists the runs of its data source, against any endpoint URL.
//!
//! ```text
//! cargo run -p e2e-tests --example datazone_runs -- <endpoint-url> <domain-id> <data-source-id>
//! ```
//!
//! The region and credentials come from the environment as the AWS CLI reads it
//! (`Config::from_env()`: `AWS_REGION`, `AWS_ACCESS_KEY_ID`, ..., else the `AWS_PROFILE` profile
//! of `~/.aws/config` and `~/.aws/credentials`). Use `https://datazone.us-east-1.api.aws` for the
//! real service, or the URL of a local fake.

use datazone::{Client, Config, RequestId};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [endpoint, domain, data_source] = args.as_slice() else {
        eprintln!("usage: datazone_runs <endpoint-url> <domain-id> <data-source-id>");
        std::process::exit(2);
    };
    let client = Client::new(Config::from_env()?.endpoint_url(endpoint).build());

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

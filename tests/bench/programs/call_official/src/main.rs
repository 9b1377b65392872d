//! Gets one data source run, with credentials from the environment.

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let config = aws_config::from_env().region("us-east-1").load().await;
    let client = aws_sdk_datazone::Client::new(&config);
    match client
        .get_data_source_run()
        .domain_identifier("dzd_4p9n6sw4qt9xgn")
        .identifier("run00000001")
        .send()
        .await
    {
        Ok(run) => println!("{}: {}", run.id, run.status.as_str()),
        Err(e) => eprintln!("{e}"),
    }
}

//! Gets one data source run, with credentials from the environment.

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = datazone::Client::new(datazone::config::Config::builder().region("us-east-1").build());
    match client.get_data_source_run("dzd_4p9n6sw4qt9xgn", "run00000001").send().await {
        Ok(run) => println!("{}: {}", run.id, run.status.as_str()),
        Err(e) => eprintln!("{e}"),
    }
}

//! The fake DataZone of the end-to-end tests, as a server to try programs against:
//!
//! ```text
//! cargo run -p e2e-tests --bin fake-datazone -- [--port N] [--run-seconds S] [--outcome STATUS]
//!     [--throttle N] [--fail STATUS,...]
//! ```
//!
//! It prints its URL and the credentials it accepts, then serves until it is stopped.

use e2e_tests::{FakeDataZone, Progress, ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use std::time::Duration;

const USAGE: &str = "\
usage: fake-datazone [--port N] [--run-seconds S] [--outcome STATUS] [--throttle N] [--fail STATUS,...]

A fake Amazon DataZone on 127.0.0.1 that checks every request's SigV4 signature and serves
StartDataSourceRun, GetDataSourceRun, ListDataSourceRuns and StartMetadataGenerationRun.

  --port N          the port to listen on (default 0: a free one, printed)
  --run-seconds S   runs move to RUNNING at S/2 seconds after they start and end at S (default 10;
                    0: they stay REQUESTED)
  --outcome STATUS  how runs end: SUCCESS (default), FAILED or PARTIALLY_SUCCEEDED
  --throttle N      answer the first N requests with 429 ThrottlingException
  --fail STATUS,... answer the next requests with these HTTP statuses (500,503: two failures)
  --help            this text";

struct Options {
    port: u16,
    run_seconds: f64,
    outcome: String,
    throttle: u32,
    fail: Vec<u16>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        port: 0,
        run_seconds: 10.0,
        outcome: "SUCCESS".to_owned(),
        throttle: 0,
        fail: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut value = || rest.next().ok_or_else(|| format!("`{flag}` needs a value"));
        let invalid = |v: &str| format!("`{flag} {v}`: not a valid value");
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                options.port = v.parse().map_err(|_| invalid(v))?;
            }
            "--run-seconds" => {
                let v = value()?;
                options.run_seconds = v
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| invalid(v))?;
            }
            "--outcome" => {
                let v = value()?;
                if !["SUCCESS", "FAILED", "PARTIALLY_SUCCEEDED"].contains(&v.as_str()) {
                    return Err(format!("`--outcome {v}`: SUCCESS, FAILED or PARTIALLY_SUCCEEDED"));
                }
                options.outcome = v.clone();
            }
            "--throttle" => {
                let v = value()?;
                options.throttle = v.parse().map_err(|_| invalid(v))?;
            }
            "--fail" => {
                let v = value()?;
                options.fail = v
                    .split(',')
                    .map(|s| s.trim().parse().ok().filter(|s| (400..600).contains(s)))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("`--fail {v}`: HTTP error statuses (400 to 599), separated by commas"))?;
            }
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    Ok(options)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    let options = parse(&args).unwrap_or_else(|e| {
        eprintln!("fake-datazone: {e}\n\n{USAGE}");
        std::process::exit(2);
    });
    let fake = FakeDataZone::start_on(options.port).await.unwrap_or_else(|e| {
        eprintln!("fake-datazone: cannot listen on 127.0.0.1:{}: {e}", options.port);
        std::process::exit(1);
    });
    if options.run_seconds > 0.0 {
        fake.progress(Progress {
            duration: Duration::from_secs_f64(options.run_seconds),
            outcome: options.outcome.clone(),
        });
    }
    fake.throttle(options.throttle);
    fake.fail_with(&options.fail);
    let url = fake.url();
    println!("fake DataZone listening on {url}");
    println!("  region {REGION}, access key id {ACCESS_KEY_ID}, secret access key {SECRET_ACCESS_KEY}");
    println!();
    println!(
        "  export AWS_REGION={REGION} AWS_ACCESS_KEY_ID={ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY={SECRET_ACCESS_KEY}"
    );
    println!("  cargo run -p e2e-tests --example datazone_runs -- {url} dzd_abc123 ds42");
    println!();
    if options.run_seconds > 0.0 {
        println!(
            "Runs go RUNNING after {} s and {} after {} s. Stop it with Ctrl-C.",
            options.run_seconds / 2.0,
            options.outcome,
            options.run_seconds
        );
    } else {
        println!("Runs stay REQUESTED. Stop it with Ctrl-C.");
    }
    std::future::pending::<()>().await;
}

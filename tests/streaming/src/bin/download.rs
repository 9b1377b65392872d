//! The download benchmark: 1 GiB (or `--mib N`) streamed from the scripted server on loopback
//! through the generated client's `GetObject`, read chunk by chunk and dropped, with the
//! process's peak memory before and after. Run it optimized:
//!
//! ```text
//! cargo run --release -p streaming-tests --bin download -- --mib 1024
//! ```
//!
//! The figures go in BENCHMARKS.md; nothing here asserts a time.

use media::auth::Credentials;
use media::{Client, Config};
use std::time::Instant;
use streaming_tests::{serve, Step};

/// The peak resident set of this process (`VmHWM`), in KiB; 0 where /proc has none.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mib: usize = match args.iter().position(|a| a == "--mib") {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .expect("--mib takes a number"),
        None => 1024,
    };
    const CHUNK: usize = 64 * 1024;
    let fake = serve(vec![
        Step::Head {
            status: 200,
            headers: vec![("content-type".into(), "application/octet-stream".into())],
        },
        Step::Repeat {
            chunk: vec![0x5a; CHUNK],
            times: mib * 1024 * 1024 / CHUNK,
        },
        Step::End,
    ])
    .await;
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&fake.url)
            .credentials(Credentials::new("AKIDBENCH", "bench-secret", None))
            .build(),
    );
    let before = peak_kib();
    let started = Instant::now();
    let mut output = client.get_object("big.bin").send().await.expect("the download starts");
    let (mut bytes, mut chunks) = (0usize, 0usize);
    while let Some(chunk) = output.body.next_chunk().await {
        bytes += chunk.expect("the download goes on").len();
        chunks += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(bytes, mib * 1024 * 1024, "every byte arrived");
    let after = peak_kib();
    println!(
        "downloaded {} MiB in {chunks} chunks in {seconds:.2} s ({:.0} MiB/s); peak RSS {} KiB before, {} KiB after ({} KiB more)",
        bytes >> 20,
        (bytes >> 20) as f64 / seconds,
        before,
        after,
        after.saturating_sub(before)
    );
}

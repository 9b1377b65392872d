//! The `datazone_runs` example, run as a user would run it, against the fake DataZone.

use e2e_tests::{FakeDataZone, ACCESS_KEY_ID, SECRET_ACCESS_KEY};

#[tokio::test]
async fn the_example_starts_and_lists_runs() {
    // `cargo test` builds the examples beside the test binaries: target/<profile>/examples.
    let exe = std::env::current_exe().unwrap();
    let example = exe
        .parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .join("examples")
        .join("datazone_runs");
    assert!(
        example.exists(),
        "{} is missing: run the tests with `cargo test`, which builds examples",
        example.display()
    );
    let fake = FakeDataZone::start().await;
    let output = tokio::process::Command::new(&example)
        .args([fake.url().as_str(), "dzd_abc123", "ds42"])
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
        .env_remove("AWS_SESSION_TOKEN")
        .env("AWS_REGION", "us-east-1")
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.starts_with("started run1 (REQUESTED), request id fake-request-1\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\nrun1 REQUESTED 20"), "{stdout}");
    assert!(fake.seen().iter().all(|s| s.signed));
}

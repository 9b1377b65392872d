//! `Config::from_env()`: region, endpoint URLs and credentials from the environment variables and
//! the shared config files' profile, as the AWS CLI reads them, without `aws-config`. One test
//! function: it changes process environment variables.

use datazone::test_util::InMemory;
use datazone::{Client, Config};
use std::path::Path;

const RUN: &str = r#"{"id": "run1", "dataSourceId": "ds1", "domainId": "dzd_abc123", "projectId": "p1",
    "status": "SUCCESS", "type": "PRIORITIZED", "createdAt": "2024-05-01T12:30:00Z", "updatedAt": "2024-05-01T12:30:00Z"}"#;

/// The access key a call was signed with, through the in-memory transport.
fn signed_with(builder: datazone::config::Builder) -> String {
    let http = InMemory::new().respond(200, RUN);
    let client = Client::new(builder.http_client(http.clone()).build());
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
        .block_on(client.get_data_source_run("dzd_abc123", "run1").send())
        .unwrap();
    let requests = http.requests();
    let authorization = requests[0].headers()["authorization"].to_str().unwrap().to_owned();
    authorization
        .split("Credential=")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    std::fs::write(dir.join(".aws").join(name), text).unwrap();
}

#[test]
fn the_environment_and_the_profile_configure_the_client() {
    let home = std::env::temp_dir().join(format!("config-from-env-{}", std::process::id()));
    write(&home, "config", "[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\nendpoint_url = https://datazone.dev.example\n\n[profile local]\nregion = eu-west-1\nservices = local\nendpoint_url = https://everything.local.example\n\n[services local]\ndatazone =\n  endpoint_url = http://127.0.0.1:4566\n\n[profile empty]\n");
    write(&home, "credentials", "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
    for name in [
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_DATAZONE",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_PROFILE",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HOME", &home);

    // The endpoint URL a client of this service takes from the environment.
    let endpoint_url = || {
        let client = Client::new(Config::from_env().unwrap().build());
        client.config().endpoint_url().map(str::to_owned)
    };

    // The default profile.
    let config = Config::from_env().unwrap().build();
    assert_eq!(config.region(), Some("us-west-2"));
    assert_eq!(endpoint_url(), None);
    assert_eq!(signed_with(Config::from_env().unwrap()), "AKIDDEFAULT");

    // Another profile, its region, endpoint and keys.
    std::env::set_var("AWS_PROFILE", "dev");
    let config = Config::from_env().unwrap().build();
    assert_eq!(config.region(), Some("eu-west-1"));
    assert_eq!(endpoint_url().as_deref(), Some("https://datazone.dev.example"));
    assert_eq!(signed_with(Config::from_env().unwrap()), "AKIDDEV");

    // A profile's services section: this service's URL wins over the profile's own.
    std::env::set_var("AWS_PROFILE", "local");
    assert_eq!(endpoint_url().as_deref(), Some("http://127.0.0.1:4566"));
    // AWS_ENDPOINT_URL_DATAZONE wins over the profile; AWS_ENDPOINT_URL over the profile too,
    // but not over the service's own variable.
    std::env::set_var("AWS_ENDPOINT_URL", "http://127.0.0.1:4567");
    assert_eq!(endpoint_url().as_deref(), Some("http://127.0.0.1:4567"));
    std::env::set_var("AWS_ENDPOINT_URL_DATAZONE", "http://127.0.0.1:4568");
    assert_eq!(endpoint_url().as_deref(), Some("http://127.0.0.1:4568"));
    // A URL set in code wins over all of them.
    let config = Config::from_env().unwrap().endpoint_url("https://code.example").build();
    assert_eq!(
        Client::new(config).config().endpoint_url(),
        Some("https://code.example")
    );
    // Ignored, none of them is used (the rules resolve the endpoint).
    std::env::set_var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    assert_eq!(endpoint_url(), None);
    std::env::remove_var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    // An endpoint URL that is not one is refused when the configuration is built.
    std::env::set_var("AWS_ENDPOINT_URL_DATAZONE", "notaurl");
    let error = Config::from_env().unwrap_err().to_string();
    assert!(
        error.contains("AWS_ENDPOINT_URL_DATAZONE is `notaurl`, which is not an endpoint URL"),
        "{error}"
    );
    std::env::remove_var("AWS_ENDPOINT_URL_DATAZONE");
    std::env::remove_var("AWS_ENDPOINT_URL");
    // A profile that does not exist is an error naming it, not a later `Missing Region`.
    std::env::set_var("AWS_PROFILE", "missing");
    let error = Config::from_env().unwrap_err().to_string();
    assert!(
        error.contains("the profile `missing` of AWS_PROFILE is in neither"),
        "{error}"
    );
    std::env::set_var("AWS_PROFILE", "dev");

    // The variables win over the profile, and the builder over both.
    std::env::set_var("AWS_DEFAULT_REGION", "ap-south-1");
    assert_eq!(Config::from_env().unwrap().build().region(), Some("ap-south-1"));
    std::env::set_var("AWS_REGION", "ca-central-1");
    std::env::set_var("AWS_ENDPOINT_URL", "https://proxy.example");
    let config = Config::from_env().unwrap().build();
    assert_eq!(config.region(), Some("ca-central-1"));
    assert_eq!(endpoint_url().as_deref(), Some("https://proxy.example"));
    assert_eq!(
        Config::from_env().unwrap().region("us-east-1").build().region(),
        Some("us-east-1")
    );
    std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDENV");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "s");
    assert_eq!(
        signed_with(Config::from_env().unwrap().endpoint_url("https://datazone.test")),
        "AKIDENV"
    );
    std::env::remove_var("AWS_ACCESS_KEY_ID");

    // A profile whose credentials come from a `credential_process`.
    #[cfg(unix)]
    {
        let json = r#"{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "s"}"#;
        write(
            &home,
            "config",
            &format!(
                "[profile tool]\nregion = us-east-2\ncredential_process = printf '%s' '{json}'\n[profile empty]\n"
            ),
        );
        std::env::set_var("AWS_PROFILE", "tool");
        assert_eq!(
            signed_with(Config::from_env().unwrap().endpoint_url("https://datazone.test")),
            "AKIDPROCESS"
        );
    }

    // No keys anywhere: the call fails saying where it looked.
    std::env::set_var("AWS_PROFILE", "empty");
    let client = Client::new(Config::from_env().unwrap().http_client(InMemory::new()).build());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let error = runtime
        .block_on(client.get_data_source_run("dzd_abc123", "run1").send())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("AWS_ACCESS_KEY_ID is not set") && error.contains("profile `empty`"),
        "{error}"
    );
    std::fs::remove_dir_all(&home).unwrap();
}

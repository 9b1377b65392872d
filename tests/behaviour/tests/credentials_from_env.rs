//! Credentials from the environment, and SigV4 signing of a request the wire layer built.
//! One test function: it changes process environment variables.

use datazone::auth::{sign_with, Credentials, SigningSettings};
use datazone::operation::get_data_source_run::{GetDataSourceRunInput, Operation};
use std::time::{Duration, SystemTime};

#[test]
fn credentials_from_the_environment_sign_a_request() {
    std::env::remove_var("AWS_ACCESS_KEY_ID");
    std::env::remove_var("AWS_SESSION_TOKEN");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "SECRET-MARKER");
    let missing = Credentials::from_env().unwrap_err();
    assert_eq!(missing.to_string(), "no credentials: AWS_ACCESS_KEY_ID is not set");

    std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    let credentials = Credentials::from_env().unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDEXAMPLE");
    assert!(!format!("{credentials:?}").contains("SECRET-MARKER"));

    let input = GetDataSourceRunInput::new("dzd_abc123", "run1");
    let mut request = Operation::request(&input, "https://datazone.us-west-2.api.aws").unwrap();
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_714_566_600);
    let settings = SigningSettings::new("us-west-2", datazone::SIGNING_NAME);
    sign_with(&mut request, &credentials, &settings, time).unwrap();
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/us-west-2/datazone/aws4_request"),
        "{authorization}"
    );
    assert!(!authorization.contains("SECRET-MARKER"));
    assert_eq!(request.headers()["x-amz-date"], "20240501T123000Z");
    assert_eq!(datazone::SIGNING_NAME, "datazone");
}

//! Errors: `Code: message`, retryability from the model, one `match` deep, conversion into the
//! service-wide error, and `source()`.

use datazone::error::UnmodeledError;
use datazone::operation::get_data_source_run::GetDataSourceRunError;
use datazone::types::error::{
    InternalServerException, ResourceNotFoundException, ThrottlingException, ValidationException,
};
use std::error::Error as _;

#[test]
fn display_is_code_colon_message() {
    let e = ResourceNotFoundException::new("run run1 does not exist");
    assert_eq!(e.to_string(), "ResourceNotFoundException: run run1 does not exist");
    assert_eq!(ResourceNotFoundException::CODE, "ResourceNotFoundException");
    assert_eq!(ResourceNotFoundException::HTTP_STATUS, 404);
    let op: GetDataSourceRunError = e.into();
    assert_eq!(op.to_string(), "ResourceNotFoundException: run run1 does not exist");
    assert_eq!(op.code(), "ResourceNotFoundException");
    assert_eq!(op.message(), Some("run run1 does not exist"));
}

#[test]
fn retryable_comes_from_the_model() {
    assert!(InternalServerException::new("x").is_retryable());
    assert!(InternalServerException::new("x").is_server_fault());
    assert!(ThrottlingException::new("x").is_retryable());
    assert!(!ValidationException::new("x").is_retryable());
    assert!(GetDataSourceRunError::from(ThrottlingException::new("slow down")).is_retryable());
    assert!(!GetDataSourceRunError::from(ResourceNotFoundException::new("gone")).is_retryable());
    assert!(UnmodeledError::new("ServiceUnavailable", 503).is_retryable());
    assert!(!UnmodeledError::new("TeapotException", 418).is_retryable());
}

#[test]
fn a_modeled_error_is_one_match_deep() {
    let error = GetDataSourceRunError::from(ResourceNotFoundException::new("gone"));
    let message = match &error {
        GetDataSourceRunError::ResourceNotFoundException(e) => e.message.clone(),
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(message, "gone");
    assert!(error.is_resource_not_found_exception());
    assert!(!error.is_access_denied_exception());
}

#[test]
fn operation_errors_convert_into_the_service_error() {
    let error: datazone::Error = GetDataSourceRunError::from(ValidationException::new("bad id")).into();
    assert!(matches!(&error, datazone::Error::ValidationException(e) if e.message == "bad id"));
    assert_eq!(error.to_string(), "ValidationException: bad id");

    let unmodeled = UnmodeledError::new("NewException", 400)
        .with_message("added later")
        .with_request_id("req-1");
    let error: datazone::Error = GetDataSourceRunError::from(unmodeled).into();
    match &error {
        datazone::Error::Unmodeled(e) => {
            assert_eq!(
                (e.code(), e.message(), e.status(), e.request_id()),
                ("NewException", Some("added later"), 400, Some("req-1"))
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(error.to_string(), "NewException: added later");
}

#[test]
fn source_is_the_cause_of_an_unmodeled_error_and_none_for_modeled_ones() {
    let modeled = GetDataSourceRunError::from(ResourceNotFoundException::new("gone"));
    assert!(modeled.source().is_none());

    let cause = std::io::Error::other("connection reset");
    let unmodeled = GetDataSourceRunError::from(UnmodeledError::new("", 502).with_source(cause));
    assert_eq!(unmodeled.to_string(), "unnamed error (HTTP 502)");
    assert_eq!(
        unmodeled.source().map(ToString::to_string).as_deref(),
        Some("connection reset")
    );
    assert!(unmodeled.is_unmodeled());
}

#[test]
fn every_modeled_error_can_be_handled_as_one_trait_object() {
    use datazone::error::ModeledError;
    fn report(e: &dyn ModeledError) -> String {
        format!(
            "{} ({}retryable): {}",
            e.code(),
            if e.is_retryable() { "" } else { "not " },
            e.message().unwrap_or("")
        )
    }
    let errors: [Box<dyn ModeledError>; 2] = [
        Box::new(ThrottlingException::new("slow down")),
        Box::new(ValidationException::new("bad id")),
    ];
    let reports: Vec<String> = errors.iter().map(|e| report(e.as_ref())).collect();
    assert_eq!(
        reports,
        [
            "ThrottlingException (retryable): slow down",
            "ValidationException (not retryable): bad id"
        ]
    );
}

#[test]
fn debug_of_outputs_and_errors_shows_the_members_not_the_request_id() {
    use datazone::operation::get_data_source_run::Operation;
    use datazone::RequestId;
    let response = |status: u16, body: &str| {
        http::Response::builder()
            .status(status)
            .header("x-amzn-requestid", "REQUEST-ID-MARKER")
            .header("x-amzn-errortype", "ResourceNotFoundException")
            .body(body.as_bytes().to_vec())
            .unwrap()
    };
    let run = r#"{"domainId":"d","dataSourceId":"s","id":"run1","projectId":"p","status":"RUNNING",
        "type":"SCHEDULED","createdAt":"2024-05-01T12:30:00Z","updatedAt":"2024-05-01T12:31:00Z"}"#;
    let output = Operation::response(&response(200, run)).unwrap();
    assert_eq!(output.request_id(), Some("REQUEST-ID-MARKER"));
    let debug = format!("{output:?}");
    assert!(
        debug.starts_with("GetDataSourceRunOutput { domain_id: \"d\"") && debug.contains("id: \"run1\""),
        "{debug}"
    );
    assert!(
        !debug.contains("REQUEST-ID-MARKER") && !debug.contains("request_id"),
        "{debug}"
    );

    let Err(GetDataSourceRunError::ResourceNotFoundException(error)) =
        Operation::response(&response(404, r#"{"message":"gone"}"#))
    else {
        panic!("not the modeled error")
    };
    assert_eq!(error.request_id(), Some("REQUEST-ID-MARKER"));
    assert_eq!(format!("{error:?}"), r#"ResourceNotFoundException { message: "gone" }"#);
}

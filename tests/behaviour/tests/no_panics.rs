//! Responses cut short or corrupted at every byte: every operation's decoder returns an output or
//! an error for each of them, and never panics. (Fuzzing goes further; this runs in every test run.)

use datazone::operation::{
    get_data_source_run, list_data_source_runs, start_data_source_run, start_metadata_generation_run,
};

const BODIES: &[&str] = &[
    r#"{"domainId":"dzd_abc123","dataSourceId":"ds42","id":"run1","projectId":"prj7","status":"RUNNING","type":"PRIORITIZED","createdAt":"2024-05-01T12:30:00.5Z","updatedAt":"2024-05-01T12:45:10Z","runStatisticsForAssets":{"added":3,"failed":-1},"errorMessage":{"errorType":"X","errorDetail":"d\u00e9tail \ud83d\ude00"},"lineageSummary":{"importStatus":"SUCCESS"},"extra":[1,2.5e3,null,true,{"a":[]}]}"#,
    r#"{"items":[{"id":"r","dataSourceId":"d","type":"SCHEDULED","status":"SUCCESS","projectId":"p","createdAt":"2024-05-01T12:30:00Z","updatedAt":"2024-05-01T12:30:00Z"}],"nextToken":"t"}"#,
    r#"{"domainId":"dzd_abc123","id":"mgr1","status":"SUBMITTED","type":"BUSINESS_DESCRIPTIONS","createdAt":1714566600.25,"createdBy":"alice","owningProjectId":"prj7"}"#,
    r#"{"__type":"com.amazonaws.datazone#ValidationException:http://x","message":"bad"}"#,
];

const REPLACEMENTS: &[u8] = b"\"\\{}[],:0-e.n\xff\x00 ";

fn decode_all(status: u16, error_type: Option<&str>, body: &[u8]) {
    let mut builder = http::Response::builder().status(status);
    if let Some(t) = error_type {
        builder = builder.header("x-amzn-errortype", t);
    }
    let response = builder.body(body.to_vec()).unwrap();
    let _ = get_data_source_run::Operation::response(&response);
    let _ = list_data_source_runs::Operation::response(&response);
    let _ = start_data_source_run::Operation::response(&response);
    let _ = start_metadata_generation_run::Operation::response(&response);
}

#[test]
fn truncated_and_corrupted_bodies_never_panic() {
    let mut calls = 0;
    for body in BODIES {
        let bytes = body.as_bytes();
        for (status, error_type) in [(200, None), (400, Some("ValidationException")), (500, None)] {
            for end in 0..=bytes.len() {
                decode_all(status, error_type, &bytes[..end]);
                calls += 1;
            }
            for i in 0..bytes.len() {
                for &replacement in REPLACEMENTS {
                    let mut corrupted = bytes.to_vec();
                    corrupted[i] = replacement;
                    decode_all(status, error_type, &corrupted);
                    calls += 1;
                }
            }
        }
    }
    assert!(calls > 10_000, "{calls}");
}

#[test]
fn hostile_numbers_timestamps_and_nesting_are_errors() {
    let template = r#"{"domainId":"d","id":"m","createdAt":CREATED}"#;
    for created in [
        "1e400",
        "-1e400",
        "99999999999999999999",
        "1.0000000000000000000001",
        "-0",
        "NaN",
        "\"NaN\"",
        "[]",
        "{}",
        "null",
    ] {
        let body = template.replace("CREATED", created);
        decode_all(200, None, body.as_bytes());
    }
    for depth in [127, 128, 129, 100_000] {
        let body = format!(r#"{{"items":[],"x":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        decode_all(200, None, body.as_bytes());
    }
}

//! Property tests of the wire layer, for every structure of the DataZone model.
//!
//! - Outputs (and every structure inside them): a value, written as the JSON the service sends,
//!   reads back as the same value.
//! - Inputs: labels of any text come back out of the request path unchanged; query members and
//!   JSON bodies carry exactly the input's values.
//! - Enums: every value, known or not, round-trips through `From<&str>`, `as_str()` and a response.

use datazone::operation::{
    get_data_source_run, list_data_source_runs, start_data_source_run, start_metadata_generation_run,
};
use datazone::primitives::DateTime;
use datazone::types::*;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

// ---- strategies ----

/// Text of any kind, the separators and escapes of URLs and JSON included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_-]{1,36}",
        any::<String>(),
        prop::collection::vec(
            prop::sample::select(vec![
                "/", "..", ".", "?", "#", "%", "&", "=", "+", " ", "\"", "\\", "é", "😀", "a"
            ]),
            1..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// A timestamp with millisecond precision, from 1970 to 2100.
fn date_time() -> impl Strategy<Value = DateTime> {
    (0i64..4_102_444_800, 0u32..1000).prop_map(|(secs, millis)| DateTime::from_secs_and_nanos(secs, millis * 1_000_000))
}

fn known_or_not<T: std::str::FromStr<Err = std::convert::Infallible> + Clone + std::fmt::Debug>(
    known: &'static [&'static str],
) -> impl Strategy<Value = T> {
    prop_oneof![prop::sample::select(known).prop_map(|s| s.to_owned()), "[A-Z_]{1,20}"]
        .prop_map(|s| s.parse().unwrap_or_else(|never| match never {}))
}

fn run_status() -> impl Strategy<Value = DataSourceRunStatus> {
    known_or_not(&["REQUESTED", "RUNNING", "FAILED", "PARTIALLY_SUCCEEDED", "SUCCESS"])
}

fn run_type() -> impl Strategy<Value = DataSourceRunType> {
    known_or_not(&["PRIORITIZED", "SCHEDULED"])
}

fn statistics() -> impl Strategy<Value = RunStatisticsForAssets> {
    prop::collection::vec(prop::option::of(any::<i32>()), 5).prop_map(|v| {
        let mut s = RunStatisticsForAssets::new();
        (s.added, s.updated, s.unchanged, s.skipped, s.failed) = (v[0], v[1], v[2], v[3], v[4]);
        s
    })
}

fn error_message() -> impl Strategy<Value = DataSourceErrorMessage> {
    let types = known_or_not::<DataSourceErrorType>(&[
        "ACCESS_DENIED_EXCEPTION",
        "THROTTLING_EXCEPTION",
        "VALIDATION_EXCEPTION",
    ]);
    (types, prop::option::of(text())).prop_map(|(t, detail)| {
        let mut m = DataSourceErrorMessage::new(t);
        m.error_detail = detail;
        m
    })
}

fn lineage() -> impl Strategy<Value = DataSourceRunLineageSummary> {
    prop::option::of(known_or_not::<LineageImportStatus>(&[
        "IN_PROGRESS",
        "SUCCESS",
        "FAILED",
        "PARTIALLY_SUCCEEDED",
    ]))
    .prop_map(|status| {
        let mut l = DataSourceRunLineageSummary::new();
        l.import_status = status;
        l
    })
}

/// The members a run's output and its summary share.
#[derive(Clone, Debug)]
struct Run {
    ids: [String; 4],
    status: DataSourceRunStatus,
    r#type: DataSourceRunType,
    created_at: DateTime,
    updated_at: DateTime,
    started_at: Option<DateTime>,
    stopped_at: Option<DateTime>,
    statistics: Option<RunStatisticsForAssets>,
    error: Option<DataSourceErrorMessage>,
    lineage: Option<DataSourceRunLineageSummary>,
    snapshot: Option<String>,
}

fn run() -> impl Strategy<Value = Run> {
    let ids = [text(), text(), text(), text()];
    let times = (
        date_time(),
        date_time(),
        prop::option::of(date_time()),
        prop::option::of(date_time()),
    );
    let nested = (
        prop::option::of(statistics()),
        prop::option::of(error_message()),
        prop::option::of(lineage()),
        prop::option::of(text()),
    );
    (ids, run_status(), run_type(), times, nested).prop_map(|(ids, status, r#type, times, nested)| Run {
        ids,
        status,
        r#type,
        created_at: times.0,
        updated_at: times.1,
        started_at: times.2,
        stopped_at: times.3,
        statistics: nested.0,
        error: nested.1,
        lineage: nested.2,
        snapshot: nested.3,
    })
}

// ---- the JSON the service sends, written from the wire facts ----

fn date_time_json(t: &DateTime) -> Value {
    json!(t.to_string())
}

fn insert<T>(o: &mut Map<String, Value>, key: &str, value: &Option<T>, f: impl Fn(&T) -> Value) {
    if let Some(v) = value {
        o.insert(key.to_owned(), f(v));
    }
}

fn statistics_json(s: &RunStatisticsForAssets) -> Value {
    let mut o = Map::new();
    for (key, value) in [
        ("added", s.added),
        ("updated", s.updated),
        ("unchanged", s.unchanged),
        ("skipped", s.skipped),
        ("failed", s.failed),
    ] {
        insert(&mut o, key, &value, |n| json!(n));
    }
    Value::Object(o)
}

fn run_json(run: &Run, with_domain: bool) -> Value {
    let mut o = Map::new();
    if with_domain {
        o.insert("domainId".into(), json!(run.ids[0]));
    }
    o.insert("dataSourceId".into(), json!(run.ids[1]));
    o.insert("id".into(), json!(run.ids[2]));
    o.insert("projectId".into(), json!(run.ids[3]));
    o.insert("status".into(), json!(run.status.as_str()));
    o.insert("type".into(), json!(run.r#type.as_str()));
    o.insert("createdAt".into(), date_time_json(&run.created_at));
    o.insert("updatedAt".into(), date_time_json(&run.updated_at));
    insert(&mut o, "startedAt", &run.started_at, date_time_json);
    insert(&mut o, "stoppedAt", &run.stopped_at, date_time_json);
    insert(&mut o, "runStatisticsForAssets", &run.statistics, statistics_json);
    insert(&mut o, "errorMessage", &run.error, |e| {
        let mut m = Map::new();
        m.insert("errorType".into(), json!(e.error_type.as_str()));
        insert(&mut m, "errorDetail", &e.error_detail, |d| json!(d));
        Value::Object(m)
    });
    insert(&mut o, "lineageSummary", &run.lineage, |l| {
        let mut m = Map::new();
        insert(&mut m, "importStatus", &l.import_status, |s| json!(s.as_str()));
        Value::Object(m)
    });
    if with_domain {
        insert(&mut o, "dataSourceConfigurationSnapshot", &run.snapshot, |s| json!(s));
    }
    Value::Object(o)
}

fn response(body: &Value) -> http::Response<Vec<u8>> {
    let mut r = http::Response::new(body.to_string().into_bytes());
    r.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    r
}

// ---- the values the client must read ----

fn get_output(run: &Run) -> get_data_source_run::GetDataSourceRunOutput {
    let [domain, source, id, project] = run.ids.clone();
    let mut o = get_data_source_run::GetDataSourceRunOutput::new(
        domain,
        source,
        id,
        project,
        run.status.clone(),
        run.r#type.clone(),
        run.created_at,
        run.updated_at,
    );
    (o.started_at, o.stopped_at) = (run.started_at, run.stopped_at);
    (o.run_statistics_for_assets, o.error_message, o.lineage_summary) =
        (run.statistics.clone(), run.error.clone(), run.lineage.clone());
    o.data_source_configuration_snapshot = run.snapshot.clone();
    o
}

fn summary(run: &Run) -> DataSourceRunSummary {
    let [_, source, id, project] = run.ids.clone();
    let mut s = DataSourceRunSummary::new(
        id,
        source,
        run.r#type.clone(),
        run.status.clone(),
        project,
        run.created_at,
        run.updated_at,
    );
    (s.started_at, s.stopped_at) = (run.started_at, run.stopped_at);
    (s.run_statistics_for_assets, s.error_message, s.lineage_summary) =
        (run.statistics.clone(), run.error.clone(), run.lineage.clone());
    s
}

/// The segments of a request path, percent-decoded.
fn path_segments(uri: &http::Uri) -> Vec<String> {
    uri.path()
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn get_data_source_run_output_round_trips(run in run()) {
        let decoded = get_data_source_run::Operation::response(&response(&run_json(&run, true))).unwrap();
        prop_assert_eq!(decoded, get_output(&run));
    }

    #[test]
    fn start_data_source_run_output_round_trips(run in run()) {
        let decoded = start_data_source_run::Operation::response(&response(&run_json(&run, true))).unwrap();
        let expected = get_output(&run);
        prop_assert_eq!(
            (decoded.id, decoded.status, decoded.run_statistics_for_assets, decoded.error_message, decoded.created_at),
            (expected.id, expected.status, expected.run_statistics_for_assets, expected.error_message, expected.created_at)
        );
    }

    #[test]
    fn list_data_source_runs_output_round_trips(runs in prop::collection::vec(run(), 0..6), next in prop::option::of(text())) {
        let mut body = json!({ "items": runs.iter().map(|r| run_json(r, false)).collect::<Vec<_>>() });
        if let Some(token) = &next {
            body["nextToken"] = json!(token);
        }
        let decoded = list_data_source_runs::Operation::response(&response(&body)).unwrap();
        let mut expected = list_data_source_runs::ListDataSourceRunsOutput::new(runs.iter().map(summary).collect::<Vec<_>>());
        expected.next_token = next;
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn start_metadata_generation_run_output_round_trips(
        ids in (text(), text()),
        status in prop::option::of(known_or_not::<MetadataGenerationRunStatus>(&["SUBMITTED", "IN_PROGRESS", "CANCELED", "SUCCEEDED", "FAILED"])),
        created in prop::option::of((0i64..4_102_444_800, 0u32..1000)),
    ) {
        let mut body = json!({ "domainId": ids.0, "id": ids.1 });
        if let Some(s) = &status {
            body["status"] = json!(s.as_str());
        }
        // `CreatedAt` is epoch seconds: a JSON number with a fraction.
        let text = match created {
            Some((secs, millis)) => body.to_string().replacen('{', &format!("{{\"createdAt\":{secs}.{millis:03},"), 1),
            None => body.to_string(),
        };
        let decoded = start_metadata_generation_run::Operation::response(&http::Response::new(text.into_bytes())).unwrap();
        let mut expected = start_metadata_generation_run::StartMetadataGenerationRunOutput::new(ids.0, ids.1);
        expected.status = status;
        expected.created_at = created.map(|(secs, millis)| DateTime::from_secs_and_nanos(secs, millis * 1_000_000));
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn enum_values_known_or_not_round_trip(value in prop_oneof![Just("FAILED".to_owned()), any::<String>()]) {
        let status = DataSourceRunStatus::from_value(value.as_str());
        prop_assert_eq!(status.as_str(), value.as_str());
        prop_assert_eq!(DataSourceRunStatus::from_value(status.as_str()), status.clone());
        // And through a response, where the service may send any value.
        let body = json!({ "items": [], "status": value });
        prop_assert!(list_data_source_runs::Operation::response(&response(&body)).is_ok());
    }

    #[test]
    fn labels_come_back_out_of_the_path_unchanged(domain in text(), identifier in text()) {
        let input = get_data_source_run::GetDataSourceRunInput::new(domain.clone(), identifier.clone());
        match get_data_source_run::Operation::request(&input, "https://datazone.us-east-1.api.aws") {
            Ok(request) => {
                let segments = path_segments(request.uri());
                prop_assert_eq!(segments, vec!["v2".to_owned(), "domains".into(), domain, "data-source-runs".into(), identifier]);
                prop_assert!(request.uri().query().is_none());
            }
            // Only an empty label is refused.
            Err(e) => prop_assert!(domain.is_empty() || identifier.is_empty(), "{e}"),
        }
    }

    #[test]
    fn query_members_and_bodies_carry_the_input(
        labels in (text(), text()),
        status in run_status(),
        token in text(),
        max in 1i32..=50,
        target in (text(), prop::option::of(text())),
        client_token in text(),
    ) {
        let input = list_data_source_runs::ListDataSourceRunsInput::new(labels.0.clone(), labels.1.clone())
            .status(status.clone())
            .next_token(token.clone())
            .max_results(max);
        if let Ok(request) = list_data_source_runs::Operation::request(&input, "https://example.com") {
            let query: Vec<(String, String)> = request.uri().query().unwrap_or("").split('&').map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(k), percent_decode(v))
            }).collect();
            let expected = vec![("status".to_owned(), status.as_str().to_owned()), ("nextToken".into(), token), ("maxResults".into(), max.to_string())];
            prop_assert_eq!(query, expected);
        }

        let mut t = MetadataGenerationRunTarget::new(MetadataGenerationTargetType::Asset, target.0.clone());
        t.revision = target.1.clone();
        let input = start_metadata_generation_run::StartMetadataGenerationRunInput::new("dzd_1", t, labels.0.clone())
            .types(vec![MetadataGenerationRunType::BusinessDescriptions])
            .client_token(client_token.clone());
        let request = start_metadata_generation_run::Operation::request(&input, "https://example.com").unwrap();
        let body: Value = serde_json::from_slice(request.body()).unwrap();
        let mut expected_target = json!({ "type": "ASSET", "identifier": target.0 });
        if let Some(revision) = target.1 {
            expected_target["revision"] = json!(revision);
        }
        prop_assert_eq!(body, json!({
            "types": ["BUSINESS_DESCRIPTIONS"], "target": expected_target,
            "clientToken": client_token, "owningProjectIdentifier": labels.0,
        }));
    }
}

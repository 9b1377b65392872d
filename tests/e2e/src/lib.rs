//! A fake DataZone on loopback, for end-to-end tests of the generated client, and for users to
//! try their programs against (`cargo run -p e2e-tests --bin fake-datazone -- --help`).
//!
//! It is a real HTTP/1.1 server (hyper) on `127.0.0.1`, started by the test itself. It checks the
//! SigV4 signature of every request with the official signer and the credentials it was given,
//! keeps data source runs in memory, serves the four operations with real pagination, and can be
//! told to throttle, to fail, to hang, or to move runs through their statuses as time passes.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

/// The access key id the fake accepts.
pub const ACCESS_KEY_ID: &str = "AKIDFAKEDATAZONE";
/// Its secret.
pub const SECRET_ACCESS_KEY: &str = "fake-datazone-secret-key";
/// The region it signs for.
pub const REGION: &str = "us-east-1";

/// What the fake saw of one request.
#[derive(Clone, Debug)]
pub struct Seen {
    /// `GET`, `POST`.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// The `clientToken` of the JSON body, if any.
    pub client_token: Option<String>,
    /// Whether its SigV4 signature checked out.
    pub signed: bool,
}

#[derive(Default)]
struct State {
    runs: Vec<Value>,
    metadata_runs: usize,
    /// Answer the next requests with 429 ThrottlingException.
    throttle: u32,
    /// Answer the next requests with this status and no body.
    fail: Vec<u16>,
    /// Never answer.
    hang: bool,
    /// Answer lists with this many padding bytes (to test the response limit).
    padding: usize,
    /// Runs move to `RUNNING` at half this time after they start, and end at it.
    progress: Option<Progress>,
    /// When each run started, by id.
    started: HashMap<String, Instant>,
    seen: Vec<Seen>,
}

/// How runs move through their statuses as time passes.
#[derive(Clone, Debug)]
pub struct Progress {
    /// From the start to the end of a run.
    pub duration: Duration,
    /// The status a run ends with: `SUCCESS`, `FAILED` or `PARTIALLY_SUCCEEDED`.
    pub outcome: String,
}

/// The fake service; it stops when dropped.
pub struct FakeDataZone {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeDataZone {
    /// Starts the fake on a free port of `127.0.0.1`.
    pub async fn start() -> Self {
        Self::start_on(0).await.expect("bind to loopback")
    }

    /// Starts the fake on this port of `127.0.0.1` (0: a free one).
    pub async fn start_on(port: u16) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| handle(state.clone(), request));
                    // A connection the client drops (a timeout) ends here; nothing to report.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self { addr, state, task })
    }

    /// The endpoint URL to give the client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers the next `n` requests with `429 ThrottlingException`.
    pub fn throttle(&self, n: u32) {
        self.lock().throttle = n;
    }

    /// Answers the next requests with these statuses (and an unnamed error), in order.
    pub fn fail_with(&self, statuses: &[u16]) {
        self.lock().fail = statuses.to_vec();
    }

    /// Never answers again.
    pub fn hang(&self) {
        self.lock().hang = true;
    }

    /// Moves every run started from now on through `RUNNING` to `progress.outcome` over
    /// `progress.duration`.
    pub fn progress(&self, progress: Progress) {
        self.lock().progress = Some(progress);
    }

    /// Pads every list response with `bytes` of whitespace.
    pub fn pad_lists(&self, bytes: usize) {
        self.lock().padding = bytes;
    }

    /// Sets the status of a run.
    pub fn set_status(&self, id: &str, status: &str) {
        let mut state = self.lock();
        if let Some(run) = state.runs.iter_mut().find(|r| r["id"] == id) {
            run["status"] = json!(status);
        }
    }

    /// Every request so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for FakeDataZone {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Response = http::Response<Full<Bytes>>;

async fn handle(state: Arc<Mutex<State>>, request: http::Request<Incoming>) -> Result<Response, hyper::Error> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await?.to_bytes();
    let signed = signature_checks_out(&parts, &body);
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = parts.uri.path_and_query().map(|p| p.to_string()).unwrap_or_default();
    let seen = Seen {
        method: parts.method.to_string(),
        path: path.clone(),
        client_token: json.get("clientToken").and_then(Value::as_str).map(str::to_owned),
        signed,
    };
    let request_id = {
        let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
        s.seen.push(seen);
        format!("fake-request-{}", s.seen.len())
    };
    let hang = state.lock().unwrap_or_else(PoisonError::into_inner).hang;
    if hang {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    let mut response = if !signed {
        error(
            403,
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided.",
        )
    } else {
        let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
        if s.throttle > 0 {
            s.throttle -= 1;
            error(429, "ThrottlingException", "Rate exceeded")
        } else if !s.fail.is_empty() {
            let status = s.fail.remove(0);
            reply(status, Value::Object(Default::default()))
        } else {
            route(
                &mut s,
                parts.method.as_str(),
                parts.uri.path(),
                parts.uri.query().unwrap_or(""),
                &json,
            )
        }
    };
    response.headers_mut().insert(
        "x-amzn-requestid",
        http::HeaderValue::from_str(&request_id).expect("ASCII"),
    );
    Ok(response)
}

fn route(state: &mut State, method: &str, path: &str, query: &str, body: &Value) -> Response {
    state.advance();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("POST", ["v2", "domains", domain, "data-sources", source, "runs"]) => {
            let token = body.get("clientToken").and_then(Value::as_str);
            if let Some(run) = state
                .runs
                .iter()
                .find(|r| token.is_some() && r["clientToken"].as_str() == token)
            {
                return reply(200, without_token(run));
            }
            let now = date_time_text(SystemTime::now());
            let run = json!({
                "domainId": domain, "dataSourceId": source, "id": format!("run{}", state.runs.len() + 1),
                "projectId": "project1", "status": "REQUESTED", "type": "PRIORITIZED",
                "createdAt": now, "updatedAt": now, "clientToken": token,
            });
            if state.progress.is_some() {
                state
                    .started
                    .insert(run["id"].as_str().unwrap_or_default().to_owned(), Instant::now());
            }
            state.runs.push(run.clone());
            reply(200, without_token(&run))
        }
        ("GET", ["v2", "domains", domain, "data-source-runs", id]) => {
            match state.runs.iter().find(|r| r["domainId"] == *domain && r["id"] == *id) {
                Some(run) => reply(200, without_token(run)),
                None => error(
                    404,
                    "ResourceNotFoundException",
                    &format!("data source run {id} not found"),
                ),
            }
        }
        ("GET", ["v2", "domains", domain, "data-sources", source, "runs"]) => {
            let params: HashMap<&str, &str> = query.split('&').filter_map(|p| p.split_once('=')).collect();
            let size: usize = params.get("maxResults").and_then(|n| n.parse().ok()).unwrap_or(50);
            let start: usize = match params.get("nextToken") {
                None => 0,
                Some(token) => match token.strip_prefix("after-").and_then(|n| n.parse().ok()) {
                    Some(n) => n,
                    None => return error(400, "ValidationException", "invalid nextToken"),
                },
            };
            let matching: Vec<Value> = state
                .runs
                .iter()
                .filter(|r| r["domainId"] == *domain && r["dataSourceId"] == *source)
                .filter(|r| params.get("status").is_none_or(|s| r["status"] == *s))
                .map(without_token)
                .collect();
            let page: Vec<Value> = matching.iter().skip(start).take(size).cloned().collect();
            let mut out = json!({ "items": page });
            if start + size < matching.len() {
                out["nextToken"] = json!(format!("after-{}", start + size));
            }
            let text = out.to_string() + &" ".repeat(state.padding);
            reply_text(200, text)
        }
        ("POST", ["v2", "domains", domain, "metadata-generation-runs"]) => {
            state.metadata_runs += 1;
            reply(
                200,
                json!({
                    "domainId": domain, "id": format!("mdrun{}", state.metadata_runs), "status": "SUBMITTED",
                    "type": body["type"], "createdAt": 1714566600.25, "owningProjectId": body["owningProjectIdentifier"],
                }),
            )
        }
        _ => error(404, "UnknownOperationException", "no such operation"),
    }
}

impl State {
    /// Moves the runs that progress to the status their time says.
    fn advance(&mut self) {
        let Some(progress) = &self.progress else { return };
        for run in &mut self.runs {
            let Some(started) = run["id"].as_str().and_then(|id| self.started.get(id)) else {
                continue;
            };
            let elapsed = started.elapsed();
            let status = if elapsed >= progress.duration {
                progress.outcome.as_str()
            } else if elapsed >= progress.duration / 2 {
                "RUNNING"
            } else {
                continue;
            };
            if run["status"] != status {
                run["status"] = json!(status);
                run["updatedAt"] = json!(date_time_text(SystemTime::now()));
            }
        }
    }
}

fn without_token(run: &Value) -> Value {
    let mut run = run.clone();
    if let Some(o) = run.as_object_mut() {
        o.remove("clientToken");
    }
    run
}

fn reply(status: u16, body: Value) -> Response {
    reply_text(status, body.to_string())
}

fn reply_text(status: u16, body: String) -> Response {
    let mut response = http::Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = http::StatusCode::from_u16(status).expect("a valid status");
    response
        .headers_mut()
        .insert("content-type", http::HeaderValue::from_static("application/json"));
    response
}

fn error(status: u16, code: &str, message: &str) -> Response {
    let mut response = reply(status, json!({ "message": message }));
    response
        .headers_mut()
        .insert("x-amzn-errortype", http::HeaderValue::from_str(code).expect("ASCII"));
    response
}

/// An RFC 3339 timestamp, as DataZone's `DateTime` members carry.
fn date_time_text(time: SystemTime) -> String {
    let secs = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Checks the request's SigV4 signature by signing the same request again with the official
/// signer, at the time the request gives, over the headers it says it signed.
fn signature_checks_out(parts: &http::request::Parts, body: &[u8]) -> bool {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(authorization), Some(date), Some(host)) = (header("authorization"), header("x-amz-date"), header("host"))
    else {
        return false;
    };
    let field = |name: &str| {
        authorization
            .split([' ', ','])
            .find_map(|part| part.strip_prefix(name))
            .map(str::to_owned)
    };
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (field("Credential="), field("SignedHeaders="), field("Signature="))
    else {
        return false;
    };
    let scope = format!(
        "{ACCESS_KEY_ID}/{}/{REGION}/datazone/aws4_request",
        &date[..date.len().min(8)]
    );
    let Some(time) = parse_amz_date(date) else { return false };
    if credential != scope {
        return false;
    }
    let signed: Vec<&str> = signed_headers.split(';').collect();
    let headers = parts
        .headers
        .iter()
        .filter(|(name, _)| signed.contains(&name.as_str()))
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
    let uri = format!(
        "http://{host}{}",
        parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/")
    );
    let identity = aws_credential_types::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "fake").into();
    let Ok(params) = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name("datazone")
        .time(time)
        .settings(SigningSettings::default())
        .build()
    else {
        return false;
    };
    let Ok(signable) = SignableRequest::new(parts.method.as_str(), &uri, headers, SignableBody::Bytes(body)) else {
        return false;
    };
    match sign(signable, &params.into()) {
        Ok(output) => output.signature() == signature,
        Err(_) => false,
    }
}

/// `20240501T123000Z`.
fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let digits = |range: std::ops::Range<usize>| text.get(range)?.parse::<u64>().ok();
    if text.len() != 16 || &text[8..9] != "T" || !text.ends_with('Z') {
        return None;
    }
    let days = days_from_civil(digits(0..4)? as i64, digits(4..6)?, digits(6..8)?);
    let secs = days as u64 * 86_400 + digits(9..11)? * 3600 + digits(11..13)? * 60 + digits(13..15)?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u64, d: u64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u64, u64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u64;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u64;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let t = parse_amz_date("20240501T123000Z").unwrap();
        assert_eq!(t, SystemTime::UNIX_EPOCH + Duration::from_secs(1_714_566_600));
        assert_eq!(date_time_text(t), "2024-05-01T12:30:00Z");
    }
}

//! A server on loopback whose answers follow a script, path by path and call by call (the last
//! answer repeats): the fake behind the waiter tests here and the EKS waiter test of
//! `tests/moto`.

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;

/// One answer: a JSON body with a status, and for an error the `X-Amzn-ErrorType` naming it.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub error_type: Option<&'static str>,
    pub body: String,
}

impl Answer {
    /// 200 with this body.
    pub fn ok(body: impl Into<String>) -> Self {
        Self {
            status: 200,
            error_type: None,
            body: body.into(),
        }
    }

    /// An error response of this status and type.
    pub fn error(status: u16, error_type: &'static str, message: &str) -> Self {
        Self {
            status,
            error_type: Some(error_type),
            body: format!(r#"{{"message": "{message}"}}"#),
        }
    }
}

/// The running server.
#[derive(Clone, Debug)]
pub struct Fake {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    calls: Arc<Mutex<HashMap<String, usize>>>,
}

impl Fake {
    /// How many requests `path` has had.
    pub fn calls(&self, path: &str) -> usize {
        self.calls.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

/// Serves `script` on a free loopback port: each request to a path gets the path's next answer
/// (the last repeats); a path the script lacks gets 404.
pub async fn serve(script: Vec<(&str, Vec<Answer>)>) -> Fake {
    let script: Arc<HashMap<String, Vec<Answer>>> = Arc::new(
        script
            .into_iter()
            .map(|(path, answers)| (path.to_owned(), answers))
            .collect(),
    );
    let calls = Arc::new(Mutex::new(HashMap::new()));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let fake = Fake {
        url: format!("http://{}", listener.local_addr().unwrap()),
        calls: calls.clone(),
    };
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let (script, calls) = (script.clone(), calls.clone());
            tokio::spawn(async move {
                let service = service_fn(move |request: http::Request<Incoming>| {
                    let answer = next(&script, &calls, request.uri().path());
                    async move { Ok::<_, hyper::Error>(answer) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    fake
}

fn next(
    script: &HashMap<String, Vec<Answer>>,
    calls: &Mutex<HashMap<String, usize>>,
    path: &str,
) -> http::Response<Full<Bytes>> {
    let call = {
        let mut calls = calls.lock().unwrap();
        let call = calls.entry(path.to_owned()).or_insert(0);
        *call += 1;
        *call
    };
    let answers = script.get(path).map(Vec::as_slice).unwrap_or_default();
    let answer = answers.get(call - 1).or(answers.last()).cloned();
    let answer = answer.unwrap_or_else(|| Answer::error(404, "ResourceNotFoundException", "no such path"));
    let mut response = http::Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = http::StatusCode::from_u16(answer.status).unwrap();
    if let Some(error_type) = answer.error_type {
        response
            .headers_mut()
            .insert("x-amzn-errortype", http::HeaderValue::from_static(error_type));
    }
    response
}

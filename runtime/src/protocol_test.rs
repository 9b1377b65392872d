//! Assertions for the protocol tests generated from `smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests`, with the semantics the Smithy specification gives them.

use super::primitives::{Document, Number};

/// What a request test expects; every list is checked as the specification says.
pub(crate) struct ExpectedRequest<'a> {
    pub(crate) method: &'a str,
    pub(crate) uri: &'a str,
    pub(crate) resolved_host: Option<&'a str>,
    pub(crate) query_params: &'a [&'a str],
    pub(crate) forbid_query_params: &'a [&'a str],
    pub(crate) require_query_params: &'a [&'a str],
    pub(crate) headers: &'a [(&'a str, &'a str)],
    pub(crate) forbid_headers: &'a [&'a str],
    pub(crate) require_headers: &'a [&'a str],
    pub(crate) body: Option<&'a str>,
    pub(crate) body_media_type: Option<&'a str>,
}

pub(crate) fn check_request(request: &http::Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    assert_eq!(request.uri().path(), expected.uri, "path");
    if let Some(host) = expected.resolved_host {
        assert_eq!(request.uri().host(), Some(host), "resolved host");
    }
    let query: Vec<&str> = request
        .uri()
        .query()
        .map(|q| q.split('&').collect())
        .unwrap_or_default();
    let names: Vec<&str> = query.iter().map(|p| p.split('=').next().unwrap_or_default()).collect();
    for param in expected.query_params {
        assert!(query.contains(param), "query parameter `{param}` expected in {query:?}");
    }
    for name in expected.forbid_query_params {
        assert!(
            !names.contains(name),
            "query parameter `{name}` forbidden, found in {query:?}"
        );
    }
    for name in expected.require_query_params {
        assert!(
            names.contains(name),
            "query parameter `{name}` required, missing from {query:?}"
        );
    }
    check_headers(
        request.headers(),
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    );
    if let Some(body) = expected.body {
        check_body(request.body(), body, expected.body_media_type);
    }
}

pub(crate) fn check_headers(headers: &http::HeaderMap, expected: &[(&str, &str)], forbid: &[&str], require: &[&str]) {
    for (name, value) in expected {
        let actual: Vec<&str> = headers
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap_or("<not ASCII>"))
            .collect();
        assert!(!actual.is_empty(), "header `{name}` expected, missing from {headers:?}");
        assert_eq!(actual.join(", "), *value, "header `{name}`");
    }
    for name in forbid {
        assert!(
            !headers.contains_key(*name),
            "header `{name}` forbidden, found in {headers:?}"
        );
    }
    for name in require {
        assert!(
            headers.contains_key(*name),
            "header `{name}` required, missing from {headers:?}"
        );
    }
}

/// JSON bodies compare as values (member order and spacing do not matter); others byte by byte.
pub(crate) fn check_body(actual: &[u8], expected: &str, media_type: Option<&str>) {
    let json = media_type.is_some_and(|m| m == "application/json" || m.ends_with("+json"));
    if json && !expected.is_empty() {
        let parse = |bytes: &[u8]| {
            let mut r = super::json::Reader::new(bytes);
            let doc = r.document().and_then(|d| r.end().map(|()| d));
            doc.unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
        };
        let (a, e) = (parse(actual), parse(expected.as_bytes()));
        assert!(
            same_json(&a, &e),
            "body\n  actual:   {}\n  expected: {expected}",
            String::from_utf8_lossy(actual)
        );
    } else {
        assert_eq!(String::from_utf8_lossy(actual), expected, "body");
    }
}

/// Structural equality where numbers compare by value (`1` equals `1.0`).
fn same_json(a: &Document, b: &Document) -> bool {
    let number = |n: &Number| match n {
        Number::PosInt(n) => *n as f64,
        Number::NegInt(n) => *n as f64,
        Number::Float(f) => *f,
    };
    match (a, b) {
        (Document::Number(x), Document::Number(y)) => number(x) == number(y),
        (Document::Array(x), Document::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Document::Object(x), Document::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

// <streaming>
/// The bytes of a body already in memory (a response test's), read without a runtime.
#[cfg(feature = "streaming")]
pub(crate) fn bytes_of(body: super::transport::ByteStream) -> Vec<u8> {
    let mut collect = std::pin::pin!(body.collect());
    match std::future::Future::poll(
        collect.as_mut(),
        &mut std::task::Context::from_waker(std::task::Waker::noop()),
    ) {
        std::task::Poll::Ready(bytes) => bytes.expect("a body in memory reads without error"),
        std::task::Poll::Pending => panic!("a body in memory is ready at once"),
    }
}
// </streaming>

/// The response a response test describes.
pub(crate) fn response(code: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut response = http::Response::builder().status(code);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.to_vec()).expect("a valid test response")
}

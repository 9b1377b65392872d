//! Testing code that uses the client, without a network (feature `test-util`).
//!
//! [`InMemory`] is an [`HttpClient`] that answers with canned
//! responses, in order, and records every request it was given. It never opens a socket: once
//! its responses run out, every request fails with a transport error.
//!
//! Give a clone to `Config::builder().http_client(..)`, call the code under test, then check
//! [`InMemory::requests`] (signed, as they would have gone out) and [`InMemory::remaining`].

use super::transport::{BoxFuture, HttpClient, TransportError, TransportErrorKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

/// A canned response, or a canned transport failure.
type Canned = Result<http::Response<Vec<u8>>, TransportErrorKind>;

/// An in-memory transport with canned responses; clones share the responses and the requests.
#[derive(Clone, Debug, Default)]
pub struct InMemory {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    responses: VecDeque<Canned>,
    requests: Vec<http::Request<Vec<u8>>>,
}

impl InMemory {
    /// A transport with no responses yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a response with this status and body (JSON, as the service sends).
    #[must_use]
    pub fn respond(self, status: u16, body: impl Into<Vec<u8>>) -> Self {
        let mut response = http::Response::new(body.into());
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        self.respond_with(response)
    }

    /// Adds a response, headers and all.
    #[must_use]
    pub fn respond_with(self, response: http::Response<Vec<u8>>) -> Self {
        self.lock().responses.push_back(Ok(response));
        self
    }

    /// Adds a transport failure of this kind (a connection refused, say).
    #[must_use]
    pub fn fail(self, kind: TransportErrorKind) -> Self {
        self.lock().responses.push_back(Err(kind));
        self
    }

    /// The requests sent so far, signed, in order.
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.lock().requests.iter().map(super::client::copy_request).collect()
    }

    /// How many canned responses are left.
    pub fn remaining(&self) -> usize {
        self.lock().responses.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl HttpClient for InMemory {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let mut state = self.lock();
        state.requests.push(request);
        let result = match state.responses.pop_front() {
            Some(Ok(response)) if response.body().len() > max_body => Err(TransportError::body_too_large(max_body)),
            Some(Ok(response)) => Ok(response),
            Some(Err(kind)) => Err(TransportError::new(kind, "canned transport failure")),
            None => Err(TransportError::new(
                TransportErrorKind::Other,
                "the in-memory transport has no response left",
            )),
        };
        Box::pin(std::future::ready(result))
    }
}

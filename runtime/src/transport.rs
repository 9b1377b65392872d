//! The HTTP transport: a small trait the client sends requests through, and the default
//! implementation on hyper with rustls (feature `default-https-client`).
//!
//! The wire layer (`Operation::request`, `Operation::response`) does not depend on any of it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A boxed, sendable future, as the traits of this crate return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// Implement it to plug in another HTTP stack, a proxy or a recorder. An implementation must
/// stop reading a body longer than `max_body` bytes and fail with
/// [`TransportError::body_too_large`]; the client applies its timeouts around every call.
pub trait HttpClient: Send + Sync + fmt::Debug + 'static {
    /// Sends `request` and returns the response with its whole body.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;

    /// Sends `request` and returns the response as soon as its status and headers are in, with
    /// a body that is read as it arrives, with no limit of its own: for streaming bodies and
    /// event streams. By default, [`send`](Self::send)'s whole body as one chunk (an
    /// implementation that can stream overrides it, as the default `HyperClient` does).
    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let response = self.send(request, usize::MAX).await?;
            Ok(response.map(ByteStream::from))
        })
    }

    /// Sends `request`, whose body is sent as its chunks come (an input event stream), and
    /// returns the response as [`send_streaming`](Self::send_streaming) does, while the body
    /// may still be going out. By default, the body is read whole first, then sent: enough for
    /// a stream that ends without waiting for the service (an implementation that can stream a
    /// request body overrides it, as the default `HyperClient` does).
    fn send_duplex(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let (head, body) = request.into_parts();
            let body = body.collect().await?;
            self.send_streaming(http::Request::from_parts(head, body)).await
        })
    }
}

/// A body: bytes in memory, or chunks read as they come, in order, until the end or a transport
/// error (a connection that drops midway is a [`TransportErrorKind::Io`] error, never a short
/// body that looks whole).
///
/// A streaming output's payload is one (`output.body`): read it chunk by chunk with
/// [`next_chunk`](Self::next_chunk), whole with [`collect`](Self::collect), or, in a crate with
/// streaming operations, as a `futures_core::Stream`. A streaming input's payload is one too:
/// bytes (`ByteStream::from(vec)`), a file ([`from_path`](Self::from_path)), any
/// [`Chunks`] ([`new`](Self::new), [`sized`](Self::sized)), or, in a crate with streaming
/// operations, any `futures_core::Stream` of chunks (`from_stream`). Bytes are sent again when a call is
/// retried; chunks are read once, so a call that sends them is not retried. A clone of bytes is
/// a copy; a clone of chunks shares them, and only the first to read them gets them.
pub struct ByteStream {
    inner: Inner,
}

enum Inner {
    /// Bytes in memory; `None` once read.
    Bytes(Option<Vec<u8>>),
    /// Chunks as they come, with their total length if it is known.
    Chunks {
        /// The source, until one clone takes it.
        shared: std::sync::Arc<std::sync::Mutex<Option<Source>>>,
        /// The source, once this clone took it (in a `Mutex` only to be `Sync`: it is reached
        /// through `&mut self`, never locked).
        taken: Option<std::sync::Mutex<Source>>,
        length: Option<u64>,
    },
}

/// A source of chunks.
type Source = Pin<Box<dyn Chunks>>;

/// Where a [`ByteStream`]'s chunks come from: implement it for the body of another HTTP stack
/// that streams, or for a source of a request's body.
pub trait Chunks: Send + 'static {
    /// Polls for the next chunk: `Ready(None)` at the end of the body.
    fn poll_chunk(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>>;
}

impl ByteStream {
    /// A stream of these chunks, of a length not known in advance.
    pub fn new(chunks: impl Chunks) -> Self {
        Self::of(Box::pin(chunks), None)
    }

    /// A stream of these chunks, `length` bytes in all (sent as the request's
    /// `Content-Length`, which some operations require).
    pub fn sized(chunks: impl Chunks, length: u64) -> Self {
        Self::of(Box::pin(chunks), Some(length))
    }

    fn of(chunks: Source, length: Option<u64>) -> Self {
        Self {
            inner: Inner::Chunks {
                shared: std::sync::Arc::new(std::sync::Mutex::new(Some(chunks))),
                taken: None,
                length,
            },
        }
    }

    /// The file at `path`, read as it is sent, 64 KiB at a time, with its length.
    ///
    /// Each chunk is read from the file with a blocking read: brief from a local disk.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let length = file.metadata()?.len();
        Ok(Self::sized(FileChunks(Some(file)), length))
    }

    /// The body's length in bytes, if it is known before it is read.
    pub fn length(&self) -> Option<u64> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Inner::Chunks { length, .. } => *length,
        }
    }

    /// The bytes, for a body in memory that has not been read; `None` for chunks.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes.as_deref().unwrap_or_default()),
            Inner::Chunks { .. } => None,
        }
    }

    /// Polls for the next chunk: `Ready(None)` at the end of the body.
    pub fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>> {
        match &mut self.inner {
            Inner::Bytes(bytes) => Poll::Ready(bytes.take().filter(|b| !b.is_empty()).map(Ok)),
            Inner::Chunks { shared, taken, .. } => {
                if taken.is_none() {
                    let source = shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
                    *taken = source.map(std::sync::Mutex::new);
                    if taken.is_none() {
                        let message = "this body was already read by a clone of it: chunks are read once";
                        return Poll::Ready(Some(Err(TransportError::new(TransportErrorKind::Other, message))));
                    }
                }
                match taken.as_mut() {
                    Some(chunks) => chunks
                        .get_mut()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .as_mut()
                        .poll_chunk(cx),
                    None => Poll::Ready(None),
                }
            }
        }
    }

    /// The next chunk, `None` at the end of the body.
    pub async fn next_chunk(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    /// The rest of the body, whole, however long it is.
    pub async fn collect(self) -> Result<Vec<u8>, TransportError> {
        self.collect_limited(usize::MAX).await
    }

    /// The rest of the body, whole; longer than `limit` bytes is an error.
    pub async fn collect_limited(mut self, limit: usize) -> Result<Vec<u8>, TransportError> {
        if let Inner::Bytes(bytes) = &mut self.inner {
            let bytes = bytes.take().unwrap_or_default();
            return if bytes.len() > limit {
                Err(TransportError::body_too_large(limit))
            } else {
                Ok(bytes)
            };
        }
        let mut body = Vec::new();
        while let Some(chunk) = self.next_chunk().await {
            body.extend_from_slice(&chunk?);
            if body.len() > limit {
                return Err(TransportError::body_too_large(limit));
            }
        }
        Ok(body)
    }
}

impl Clone for ByteStream {
    /// A copy of bytes; for chunks, a handle on the same chunks (see [`ByteStream`]).
    fn clone(&self) -> Self {
        let inner = match &self.inner {
            Inner::Bytes(bytes) => Inner::Bytes(bytes.clone()),
            Inner::Chunks { shared, length, .. } => Inner::Chunks {
                shared: shared.clone(),
                taken: None,
                length: *length,
            },
        };
        Self { inner }
    }
}

impl Default for ByteStream {
    /// An empty body.
    fn default() -> Self {
        Self::from(Vec::new())
    }
}

impl From<Vec<u8>> for ByteStream {
    /// A body in memory.
    fn from(body: Vec<u8>) -> Self {
        Self {
            inner: Inner::Bytes(Some(body)),
        }
    }
}

impl From<&'static [u8]> for ByteStream {
    /// A body in memory.
    fn from(body: &'static [u8]) -> Self {
        Self::from(body.to_vec())
    }
}

/// A file, read 64 KiB at a time; `None` once it ended or failed.
struct FileChunks(Option<std::fs::File>);

impl Chunks for FileChunks {
    fn poll_chunk(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>> {
        use std::io::Read;
        let this = self.get_mut();
        let Some(file) = this.0.as_mut() else {
            return Poll::Ready(None);
        };
        let mut chunk = vec![0; 64 * 1024];
        match file.read(&mut chunk) {
            Ok(0) => {
                this.0 = None;
                Poll::Ready(None)
            }
            Ok(n) => {
                chunk.truncate(n);
                Poll::Ready(Some(Ok(chunk)))
            }
            Err(e) => {
                this.0 = None;
                let error = TransportError::new(TransportErrorKind::Io, "reading the file of the body failed");
                Poll::Ready(Some(Err(error.with_source(e))))
            }
        }
    }
}

// <streaming>
#[cfg(feature = "streaming")]
impl ByteStream {
    /// The chunks of `stream`, of a length not known in advance: a request body read as it is
    /// sent. An error of the stream ends the body, and the call, with that error.
    pub fn from_stream<S, B, E>(stream: S) -> Self
    where
        S: futures_core::Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Vec<u8>>,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        Self::new(FromStream(Box::pin(stream)))
    }
}

/// The chunks of a `futures_core::Stream`.
#[cfg(feature = "streaming")]
struct FromStream<S>(Pin<Box<S>>);

#[cfg(feature = "streaming")]
impl<S, B, E> Chunks for FromStream<S>
where
    S: futures_core::Stream<Item = Result<B, E>> + Send + 'static,
    B: Into<Vec<u8>>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn poll_chunk(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>> {
        let next = std::task::ready!(self.get_mut().0.as_mut().poll_next(cx));
        Poll::Ready(next.map(|item| {
            item.map(Into::into)
                .map_err(|e| TransportError::new(TransportErrorKind::Other, "the body's stream failed").with_source(e))
        }))
    }
}

#[cfg(feature = "streaming")]
impl futures_core::Stream for ByteStream {
    type Item = Result<Vec<u8>, TransportError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}
// </streaming>

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Bytes(bytes) => write!(f, "ByteStream({} bytes)", bytes.as_ref().map_or(0, Vec::len)),
            Inner::Chunks { length: Some(n), .. } => write!(f, "ByteStream(chunks, {n} bytes)"),
            Inner::Chunks { length: None, .. } => f.write_str("ByteStream(chunks)"),
        }
    }
}

/// What went wrong in the transport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection: DNS, TCP or TLS failed.
    Connect,
    /// The connection failed while sending the request or reading the response.
    Io,
    /// The response body is longer than the limit.
    BodyTooLarge,
    /// Anything else, such as a request the HTTP stack refused.
    Other,
}

/// An error of the transport: the request may not have reached the service.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error of this kind, with a message.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// A response body over the limit of `max_body` bytes.
    pub fn body_too_large(max_body: usize) -> Self {
        Self::new(
            TransportErrorKind::BodyTooLarge,
            format!("the response body is longer than the limit of {max_body} bytes"),
        )
    }

    /// Sets the underlying cause.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The default transport: hyper's pooled HTTP/1.1 client, with rustls (ring) and the
/// platform's root certificates for `https`, and plain TCP for `http` URLs. In a crate whose
/// operations send event streams, HTTP/2 too, where the server offers it.
#[cfg(feature = "default-https-client")]
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<
        hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
        http_body_util::Either<http_body_util::Full<bytes::Bytes>, Streamed>,
    >,
}

/// A request body sent as its chunks come.
#[cfg(feature = "default-https-client")]
struct Streamed(ByteStream);

#[cfg(feature = "default-https-client")]
impl hyper::body::Body for Streamed {
    type Data = bytes::Bytes;
    type Error = TransportError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, TransportError>>> {
        let chunk = std::task::ready!(self.get_mut().0.poll_chunk(cx));
        Poll::Ready(chunk.map(|c| c.map(|bytes| hyper::body::Frame::data(bytes::Bytes::from(bytes)))))
    }
}

#[cfg(feature = "default-https-client")]
impl HyperClient {
    /// A client whose connections time out after `connect_timeout`.
    ///
    /// It fails only when the platform's root certificates cannot be loaded.
    pub fn new(connect_timeout: std::time::Duration) -> Result<Self, TransportError> {
        let tls = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| {
                TransportError::new(TransportErrorKind::Other, "cannot load the root certificates").with_source(e)
            })?;
        Ok(Self::connecting(tls, connect_timeout))
    }

    /// A client that trusts what `config` trusts (a private certificate authority, say) instead
    /// of the platform's roots; its connections time out after `connect_timeout`.
    pub fn with_tls_config(config: rustls::ClientConfig, connect_timeout: std::time::Duration) -> Self {
        let tls = hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(config);
        Self::connecting(tls, connect_timeout)
    }

    fn connecting(
        tls: hyper_rustls::HttpsConnectorBuilder<hyper_rustls::builderstates::WantsSchemes>,
        connect_timeout: std::time::Duration,
    ) -> Self {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        http.enforce_http(false);
        let https = tls.https_or_http().enable_http1();
        // <input-events>
        // HTTP/2 where the server offers it (ALPN): the services that take an input event stream
        // take it only over HTTP/2.
        #[cfg(feature = "input-events")]
        let https = https.enable_http2();
        // </input-events>
        let https = https.wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(https);
        Self { client }
    }
}

#[cfg(feature = "default-https-client")]
impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

#[cfg(feature = "default-https-client")]
impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        use http_body_util::BodyExt;
        Box::pin(async move {
            let (parts, body) = self.head(request).await?.into_parts();
            let declared = parts
                .headers
                .get(http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            if declared.is_some_and(|n| n > max_body as u64) {
                return Err(TransportError::body_too_large(max_body));
            }
            let body = http_body_util::Limited::new(body, max_body)
                .collect()
                .await
                .map_err(|e| {
                    if e.is::<http_body_util::LengthLimitError>() {
                        TransportError::body_too_large(max_body)
                    } else {
                        TransportError::new(TransportErrorKind::Io, "reading the response body failed").with_source(e)
                    }
                })?;
            Ok(http::Response::from_parts(parts, body.to_bytes().to_vec()))
        })
    }

    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = self.head(request).await?.into_parts();
            let stream = ByteStream::new(HyperBody(Some(body)));
            Ok(http::Response::from_parts(parts, stream))
        })
    }

    fn send_duplex(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let request = request.map(|body| http_body_util::Either::Right(Streamed(body)));
            let (parts, body) = self.exchange(request).await?.into_parts();
            Ok(http::Response::from_parts(
                parts,
                ByteStream::new(HyperBody(Some(body))),
            ))
        })
    }
}

/// A hyper response body, read frame by frame; `None` once it ended or failed.
#[cfg(feature = "default-https-client")]
struct HyperBody(Option<hyper::body::Incoming>);

#[cfg(feature = "default-https-client")]
impl Chunks for HyperBody {
    fn poll_chunk(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>> {
        use hyper::body::Body;
        let this = self.get_mut();
        loop {
            let Some(body) = this.0.as_mut() else {
                return Poll::Ready(None);
            };
            match std::task::ready!(Pin::new(body).poll_frame(cx)) {
                None => {
                    this.0 = None;
                    return Poll::Ready(None);
                }
                Some(Err(e)) => {
                    this.0 = None;
                    let error = TransportError::new(TransportErrorKind::Io, "reading the response body failed");
                    return Poll::Ready(Some(Err(error.with_source(e))));
                }
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(data) if !data.is_empty() => return Poll::Ready(Some(Ok(data.to_vec()))),
                    // Trailers, or an empty frame: read on.
                    _ => continue,
                },
            }
        }
    }
}

#[cfg(feature = "default-https-client")]
impl HyperClient {
    /// Sends `request`, whose body is in memory: the response, once its status and headers are in.
    async fn head(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<hyper::body::Incoming>, TransportError> {
        let request =
            request.map(|body| http_body_util::Either::Left(http_body_util::Full::new(bytes::Bytes::from(body))));
        self.exchange(request).await
    }

    /// Sends `request`, whose body is in memory or streamed: the response, once its status and
    /// headers are in.
    async fn exchange(
        &self,
        request: http::Request<http_body_util::Either<http_body_util::Full<bytes::Bytes>, Streamed>>,
    ) -> Result<http::Response<hyper::body::Incoming>, TransportError> {
        // The origin, for the message: never the path or query, which may carry names of the
        // caller's resources.
        let origin = match (request.uri().scheme_str(), request.uri().authority()) {
            (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
            _ => request.uri().to_string(),
        };
        self.client.request(request).await.map_err(|e| {
            // hyper wraps the cause two or three deep ("client error (Connect)", "tcp connect
            // error"): the message names the innermost one, which says what happened.
            let mut cause: &(dyn std::error::Error + 'static) = &e;
            while let Some(inner) = cause.source() {
                cause = inner;
            }
            let (kind, what) = if e.is_connect() {
                (TransportErrorKind::Connect, "cannot connect to")
            } else {
                (TransportErrorKind::Io, "the exchange failed with")
            };
            TransportError::new(kind, format!("{what} {origin}: {cause}")).with_source(e)
        })
    }
}

/// A copy of a request (`http::Request` is not `Clone`): method, URI, version, headers, body.
pub(crate) fn copy_request(request: &::http::Request<::std::vec::Vec<u8>>) -> ::http::Request<::std::vec::Vec<u8>> {
    let mut copy = ::http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

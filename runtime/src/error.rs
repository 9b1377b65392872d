//! The errors every crate has: [`DispatchError`] (no response to read), [`UnmodeledError`] (an
//! error code the model does not name), and the traits every error implements, [`RequestId`] and
//! [`ModeledError`]. A generated crate's `error` module adds the service's `Error` to them.

/// The request id (`x-amzn-requestid`) of the response an output or error came from.
///
/// Implemented by every output, every error structure and every error enum; quote it when
/// asking AWS support about a call.
pub trait RequestId {
    /// The request id, if the response had one (errors raised before a response have none).
    fn request_id(&self) -> ::std::option::Option<&str>;
}

/// What every modeled error (each type of a generated crate's `types::error`) says about itself, for code
/// that handles any of them: `fn report(e: &dyn ModeledError)`.
pub trait ModeledError: std::error::Error + RequestId {
    /// The name that identifies the error on the wire.
    fn code(&self) -> &str;
    /// The error's message, if it has one.
    fn message(&self) -> ::std::option::Option<&str>;
    /// Whether retrying the request may succeed (`retryable`, or a server fault).
    fn is_retryable(&self) -> bool;
}

/// The error enum `E` of an operation, from the body of a modeled error `T` that `decode` reads:
/// `T` itself, or the decode error (with the response's request id) when the body does not match.
#[allow(dead_code)] // in a crate whose operations name no errors
pub(crate) fn decode<T, E>(
    decode: fn(u16, &::http::HeaderMap, &[u8]) -> Result<T, super::wire::DecodeError>,
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
) -> E
where
    E: From<T> + From<super::wire::DecodeError>,
{
    decode(status, headers, body).map_or_else(|e| E::from(e.with_request_id(headers)), E::from)
}

/// A modeled error's decoder into an operation's error enum `E` (its `decode_as`).
pub(crate) type DecodeAs<E> = fn(u16, &::http::HeaderMap, &[u8]) -> E;

/// The error of an operation that an error response names: the modeled error whose code is
/// `code`, by its decoder in `modeled` (code, decoder), else an unmodeled error with the message
/// that `message` finds in the body.
pub(crate) fn named<E: From<UnmodeledError>>(
    code: Option<String>,
    modeled: &[(&str, DecodeAs<E>)],
    message: fn(&[u8]) -> Option<String>,
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
) -> E {
    match modeled.iter().find(|(name, _)| code.as_deref() == Some(*name)) {
        Some((_, decode)) => decode(status, headers, body),
        None => UnmodeledError::from_response(code, message(body), status, headers).into(),
    }
}

/// One variant of an error enum (an operation's, or the service's `Error`) by kind: the
/// enums answer `code`, `message`, `is_retryable`, `request_id`, `Display` and `source` through
/// it, with one `match` of their own.
#[derive(Clone, Copy)]
pub(crate) enum ErrorView<'a> {
    // Not built in a crate whose model has no errors.
    #[allow(dead_code)]
    Modeled(&'a dyn ModeledError),
    Unmodeled(&'a UnmodeledError),
    Decode(&'a super::wire::DecodeError),
    Dispatch(&'a DispatchError),
}

impl<'a> ErrorView<'a> {
    pub(crate) fn code(self) -> &'a str {
        match self {
            Self::Modeled(e) => e.code(),
            Self::Unmodeled(e) => e.code(),
            Self::Decode(_) | Self::Dispatch(_) => "",
        }
    }

    pub(crate) fn message(self) -> ::std::option::Option<&'a str> {
        match self {
            Self::Modeled(e) => e.message(),
            Self::Unmodeled(e) => e.message(),
            Self::Decode(e) => Some(e.message()),
            Self::Dispatch(e) => Some(e.message()),
        }
    }

    pub(crate) fn is_retryable(self) -> bool {
        match self {
            Self::Modeled(e) => e.is_retryable(),
            Self::Unmodeled(e) => e.is_retryable(),
            Self::Decode(_) => false,
            Self::Dispatch(e) => e.is_retryable(),
        }
    }

    pub(crate) fn request_id(self) -> ::std::option::Option<&'a str> {
        match self {
            Self::Modeled(e) => e.request_id(),
            Self::Unmodeled(e) => RequestId::request_id(e),
            Self::Decode(e) => e.request_id(),
            Self::Dispatch(_) => None,
        }
    }

    /// `Code: message`, as each error displays itself.
    pub(crate) fn fmt(self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Self::Modeled(e) => ::std::fmt::Display::fmt(e, f),
            Self::Unmodeled(e) => ::std::fmt::Display::fmt(e, f),
            Self::Decode(e) => ::std::fmt::Display::fmt(e, f),
            Self::Dispatch(e) => ::std::fmt::Display::fmt(e, f),
        }
    }

    /// The cause of an unmodeled error, if it has one; modeled errors have none.
    pub(crate) fn source(self) -> ::std::option::Option<&'a (dyn std::error::Error + 'static)> {
        match self {
            Self::Modeled(_) => None,
            Self::Unmodeled(e) => std::error::Error::source(e),
            Self::Decode(e) => Some(e),
            Self::Dispatch(e) => Some(e),
        }
    }
}

/// An error response whose code the model does not name (for the operation that got it).
///
/// It keeps everything the response said: the code, the message, the HTTP status and the
/// request id.
#[derive(Debug)]
pub struct UnmodeledError {
    code: String,
    message: Option<String>,
    status: u16,
    request_id: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl UnmodeledError {
    /// An error with this code (empty if the response named none) and HTTP status.
    pub fn new(code: impl Into<String>, status: u16) -> Self {
        Self {
            code: code.into(),
            message: None,
            status,
            request_id: None,
            source: None,
        }
    }

    /// Sets the message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the request id (`x-amzn-requestid`).
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the underlying cause.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The error a response names that the operation does not model, with the message the
    /// protocol found in it and the request id it carries.
    pub(crate) fn from_response(
        code: Option<String>,
        message: Option<String>,
        status: u16,
        headers: &::http::HeaderMap,
    ) -> Self {
        let mut error = Self::new(code.unwrap_or_default(), status);
        error.message = message;
        error.request_id = super::wire_error::request_id(headers);
        error
    }

    /// The error code, as the response named it (empty if it named none).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message, if the response had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id, if the response had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether retrying may succeed: the service was briefly unavailable (500, 502, 503, 504).
    pub fn is_retryable(&self) -> bool {
        matches!(self.status, 500 | 502 | 503 | 504)
    }
}

impl ::std::fmt::Display for UnmodeledError {
    /// `Code: message`, or the HTTP status when the response named no code.
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        if self.code.is_empty() {
            write!(f, "unnamed error (HTTP {})", self.status)?;
        } else {
            f.write_str(&self.code)?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnmodeledError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl RequestId for UnmodeledError {
    fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id.as_deref()
    }
}

impl RequestId for super::wire::DecodeError {
    fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id()
    }
}

impl RequestId for DispatchError {
    /// Always `None`: there was no response to read one from.
    fn request_id(&self) -> ::std::option::Option<&str> {
        ::std::option::Option::None
    }
}

/// What kept a call from getting a response it could read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchErrorKind {
    /// No endpoint: no region and no endpoint URL, or the endpoint rules refuse the configuration.
    Endpoint,
    /// No credentials: the provider failed.
    Credentials,
    /// The request could not be signed.
    Signing,
    /// The request could not be built: a label is empty, a header value has a line break.
    Build,
    /// No connection could be opened.
    Connect,
    /// The connection failed while sending or reading.
    Transport,
    /// The response body is longer than the configured limit.
    ResponseTooLarge,
    /// An attempt took longer than the attempt timeout.
    AttemptTimeout,
    /// The whole call took longer than the operation timeout.
    OperationTimeout,
    /// No HTTP client is configured (the `default-https-client` feature is off).
    NoHttpClient,
    /// A [`Mock`](super::test_util::Mock) had no answer for the call.
    #[cfg(feature = "test-util")]
    Unanswered,
}

/// The call did not get a response it could read: see [`DispatchError::kind`].
#[derive(Debug)]
pub struct DispatchError {
    kind: DispatchErrorKind,
    message: ::std::string::String,
    source:
        ::std::option::Option<::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>>,
}

impl DispatchError {
    /// An error of this kind, with a message.
    pub fn new(kind: DispatchErrorKind, message: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: ::std::option::Option::None,
        }
    }

    /// Sets the underlying cause.
    #[must_use]
    pub fn with_source(
        mut self,
        source: impl ::std::convert::Into<
            ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>,
        >,
    ) -> Self {
        self.source = ::std::option::Option::Some(source.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// Whether a timeout ended the attempt or the call.
    pub fn is_timeout(&self) -> bool {
        ::std::matches!(
            self.kind,
            DispatchErrorKind::AttemptTimeout | DispatchErrorKind::OperationTimeout
        )
    }

    /// Whether another attempt may succeed: connection failures and attempt timeouts.
    pub fn is_retryable(&self) -> bool {
        ::std::matches!(
            self.kind,
            DispatchErrorKind::Connect | DispatchErrorKind::Transport | DispatchErrorKind::AttemptTimeout
        )
    }

    /// The message, without the causes.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for DispatchError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for DispatchError {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn ::std::error::Error + 'static))
    }
}

impl ::std::convert::From<super::transport::TransportError> for DispatchError {
    fn from(error: super::transport::TransportError) -> Self {
        let kind = match error.kind() {
            super::transport::TransportErrorKind::Connect => DispatchErrorKind::Connect,
            super::transport::TransportErrorKind::BodyTooLarge => DispatchErrorKind::ResponseTooLarge,
            _ => DispatchErrorKind::Transport,
        };
        Self::new(kind, error.to_string()).with_source(error)
    }
}

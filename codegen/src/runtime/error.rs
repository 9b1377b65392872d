
/// The request id (`x-amzn-requestid`) of the response an output or error came from.
///
/// Implemented by every output, every error structure and every error enum; quote it when
/// asking AWS support about a call.
pub trait RequestId {
    /// The request id, if the response had one (errors raised before a response have none).
    fn request_id(&self) -> ::std::option::Option<&str>;
}

/// What every modeled error (each type of [`crate::types::error`]) says about itself, for code
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
    decode: fn(u16, &::http::HeaderMap, &[u8]) -> Result<T, crate::wire::DecodeError>,
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
) -> E
where
    E: From<T> + From<crate::wire::DecodeError>,
{
    decode(status, headers, body).map_or_else(|e| E::from(e.with_request_id(headers)), E::from)
}

/// One variant of an error enum (an operation's, or the service's [`Error`]) by kind: the
/// enums answer `code`, `message`, `is_retryable`, `request_id`, `Display` and `source` through
/// it, with one `match` of their own.
#[derive(Clone, Copy)]
pub(crate) enum ErrorView<'a> {
    // Not built in a crate whose model has no errors.
    #[allow(dead_code)]
    Modeled(&'a dyn ModeledError),
    Unmodeled(&'a UnmodeledError),
    Decode(&'a crate::wire::DecodeError),
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

impl RequestId for UnmodeledError {
    fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id.as_deref()
    }
}

impl RequestId for crate::wire::DecodeError {
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
}

/// The call did not get a response it could read: see [`DispatchError::kind`].
#[derive(Debug)]
pub struct DispatchError {
    kind: DispatchErrorKind,
    message: ::std::string::String,
    source: ::std::option::Option<::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>>,
}

impl DispatchError {
    /// An error of this kind, with a message.
    pub fn new(kind: DispatchErrorKind, message: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self { kind, message: message.into(), source: ::std::option::Option::None }
    }

    /// Sets the underlying cause.
    #[must_use]
    pub fn with_source(mut self, source: impl ::std::convert::Into<::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>>) -> Self {
        self.source = ::std::option::Option::Some(source.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// Whether a timeout ended the attempt or the call.
    pub fn is_timeout(&self) -> bool {
        ::std::matches!(self.kind, DispatchErrorKind::AttemptTimeout | DispatchErrorKind::OperationTimeout)
    }

    /// Whether another attempt may succeed: connection failures and attempt timeouts.
    pub fn is_retryable(&self) -> bool {
        ::std::matches!(self.kind, DispatchErrorKind::Connect | DispatchErrorKind::Transport | DispatchErrorKind::AttemptTimeout)
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
        self.source.as_deref().map(|e| e as &(dyn ::std::error::Error + 'static))
    }
}

impl ::std::convert::From<crate::transport::TransportError> for DispatchError {
    fn from(error: crate::transport::TransportError) -> Self {
        let kind = match error.kind() {
            crate::transport::TransportErrorKind::Connect => DispatchErrorKind::Connect,
            crate::transport::TransportErrorKind::BodyTooLarge => DispatchErrorKind::ResponseTooLarge,
            _ => DispatchErrorKind::Transport,
        };
        Self::new(kind, error.to_string()).with_source(error)
    }
}

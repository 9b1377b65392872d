
/// The request id (`x-amzn-requestid`) of the response an output or error came from.
///
/// Implemented by every output, every error structure and every error enum; quote it when
/// asking AWS support about a call.
pub trait RequestId {
    /// The request id, if the response had one (errors raised before a response have none).
    fn request_id(&self) -> ::std::option::Option<&str>;
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

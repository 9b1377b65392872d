
// ---- The client's engine, the same in every generated crate. ----

/// A client of the service: cheap to clone, safe to share between tasks.
///
/// It resolves the endpoint once, when it is made; each call then builds the request, signs
/// it, sends it with the attempt timeout, reads the response, and retries by the
/// [`RetryConfig`](crate::config::RetryConfig), all within the operation timeout.
#[derive(Clone, Debug)]
pub struct Client {
    inner: ::std::sync::Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: crate::config::Config,
    endpoint: ::std::result::Result<Target, ::std::string::String>,
    http: ::std::result::Result<::std::sync::Arc<dyn crate::transport::HttpClient>, ::std::string::String>,
    /// The retry quota of the standard policy: retries spend it, successes refill it.
    quota: ::std::sync::Mutex<u32>,
}

/// The retry quota's size, and what a retry and a retry after a timeout cost.
const QUOTA: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;

/// Error codes that ask the client to slow down, whatever the model says of them.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];
/// Error codes of transient failures.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

impl Client {
    /// A client with this configuration.
    ///
    /// It never fails: a configuration without an endpoint (no region, no endpoint URL) or
    /// without an HTTP client makes every call fail with a [`DispatchError`](crate::error::DispatchError)
    /// that says so.
    pub fn new(config: crate::config::Config) -> Self {
        let endpoint = resolve_endpoint(&config);
        let http = match &config.http_client {
            ::std::option::Option::Some(http) => ::std::result::Result::Ok(http.clone()),
            ::std::option::Option::None => default_http_client(&config),
        };
        let inner = Inner { config, endpoint, http, quota: ::std::sync::Mutex::new(QUOTA) };
        Self { inner: ::std::sync::Arc::new(inner) }
    }

    /// The configuration.
    pub fn config(&self) -> &crate::config::Config {
        &self.inner.config
    }

    /// The endpoint requests go to, or why there is none. (An operation whose input sets
    /// endpoint parameters resolves its own endpoint for each call.)
    pub fn endpoint(&self) -> ::std::result::Result<&str, crate::error::DispatchError> {
        self.target().map(|t| t.url.as_str())
    }

    fn target(&self) -> ::std::result::Result<&Target, crate::error::DispatchError> {
        self.inner
            .endpoint
            .as_ref()
            .map_err(|message| crate::error::DispatchError::new(crate::error::DispatchErrorKind::Endpoint, message))
    }

    /// Calls `Op` with `input`: every attempt, within the operation timeout.
    pub(crate) async fn call<Op: Call>(&self, input: Op::Input) -> ::std::result::Result<Op::Output, Op::Error> {
        let span = ::tracing::info_span!("call", service = SERVICE, operation = Op::NAME);
        let limit = self.inner.config.timeouts.operation;
        let attempts = ::tracing::Instrument::instrument(self.attempts::<Op>(&input), span.clone());
        match ::tokio::time::timeout(limit, attempts).await {
            ::std::result::Result::Ok(result) => result,
            ::std::result::Result::Err(_) => {
                span.in_scope(|| ::tracing::debug!(?limit, "operation timeout"));
                let message = ::std::format!("`{}` did not finish within the operation timeout of {limit:?}", Op::NAME);
                ::std::result::Result::Err(
                    crate::error::DispatchError::new(crate::error::DispatchErrorKind::OperationTimeout, message).into(),
                )
            }
        }
    }

    async fn attempts<Op: Call>(&self, input: &Op::Input) -> ::std::result::Result<Op::Output, Op::Error> {
        use crate::error::{DispatchError, DispatchErrorKind};
        let inner = &*self.inner;
        let config = &inner.config;
        let own_target = Op::endpoint(config, input)
            .map(|resolved| resolved.map_err(|message| DispatchError::new(DispatchErrorKind::Endpoint, message)))
            .transpose()?;
        let target = match &own_target {
            ::std::option::Option::Some(target) => target,
            ::std::option::Option::None => self.target()?,
        };
        let http = inner.http.as_ref().map_err(|message| DispatchError::new(DispatchErrorKind::NoHttpClient, message.clone()))?;
        // Built once, so that every attempt sends the same idempotency tokens.
        let mut request = Op::build(input, &target.url)
            .map_err(|e| DispatchError::new(DispatchErrorKind::Build, e.to_string()).with_source(e))?;
        for (name, value) in &target.headers {
            let name = ::http::HeaderName::from_bytes(name.as_bytes());
            let value = ::http::HeaderValue::from_str(value);
            let (::std::result::Result::Ok(name), ::std::result::Result::Ok(value)) = (name, value) else {
                return ::std::result::Result::Err(
                    DispatchError::new(DispatchErrorKind::Endpoint, "the endpoint rules give a header that is not valid HTTP").into(),
                );
            };
            request.headers_mut().append(name, value);
        }
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let span = ::tracing::debug_span!("attempt", attempt);
            let mut signed = copy_request(&request);
            let auth = Auth { schemes: Op::AUTH, unsigned_payload: Op::UNSIGNED_PAYLOAD, endpoint: &target.auth_schemes };
            ::tracing::Instrument::instrument(authorize(config, &auth, &mut signed), span.clone()).await?;
            let sent = ::tokio::time::timeout(config.timeouts.attempt, http.send(signed, config.max_response_body));
            let (error, cost) = match ::tracing::Instrument::instrument(sent, span.clone()).await {
                ::std::result::Result::Ok(::std::result::Result::Ok(response)) => {
                    let status = response.status().as_u16();
                    let request_id = crate::wire::request_id(response.headers());
                    span.in_scope(|| ::tracing::debug!(status, request_id, "response"));
                    let error = match Op::read(&response) {
                        ::std::result::Result::Ok(output) => {
                            self.refill(spent);
                            return ::std::result::Result::Ok(output);
                        }
                        ::std::result::Result::Err(error) => error,
                    };
                    let code = Op::code(&error);
                    let retryable = ::std::matches!(status, 500 | 502 | 503 | 504)
                        || Op::is_retryable(&error)
                        || THROTTLING_CODES.contains(&code)
                        || TRANSIENT_CODES.contains(&code);
                    if !retryable {
                        return ::std::result::Result::Err(error);
                    }
                    (error, RETRY_COST)
                }
                ::std::result::Result::Ok(::std::result::Result::Err(failure)) => {
                    let error = DispatchError::from(failure);
                    if !error.is_retryable() {
                        return ::std::result::Result::Err(error.into());
                    }
                    (error.into(), RETRY_COST)
                }
                ::std::result::Result::Err(_) => {
                    let message = ::std::format!("an attempt took longer than the attempt timeout of {:?}", config.timeouts.attempt);
                    (DispatchError::new(DispatchErrorKind::AttemptTimeout, message).into(), TIMEOUT_RETRY_COST)
                }
            };
            if attempt >= config.retry.max_attempts {
                span.in_scope(|| ::tracing::debug!(%error, "giving up: no attempts left"));
                return ::std::result::Result::Err(error);
            }
            if !self.spend(cost) {
                span.in_scope(|| ::tracing::debug!(%error, "giving up: the retry quota is spent"));
                return ::std::result::Result::Err(error);
            }
            spent += cost;
            let delay = config.retry.backoff(attempt);
            span.in_scope(|| ::tracing::debug!(%error, ?delay, "retrying"));
            ::tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Takes `cost` from the retry quota, if it holds that much.
    fn spend(&self, cost: u32) -> bool {
        let mut quota = self.inner.quota.lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
        let enough = *quota >= cost;
        if enough {
            *quota -= cost;
        }
        enough
    }

    /// After a success: gives back what its retries spent, or 1 if it needed none.
    fn refill(&self, spent: u32) {
        let mut quota = self.inner.quota.lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
        *quota = (*quota + spent.max(1)).min(QUOTA);
    }
}

/// The default HTTP client, or why there is none.
#[cfg(feature = "default-https-client")]
fn default_http_client(
    config: &crate::config::Config,
) -> ::std::result::Result<::std::sync::Arc<dyn crate::transport::HttpClient>, ::std::string::String> {
    match crate::transport::HyperClient::new(config.timeouts.connect) {
        ::std::result::Result::Ok(client) => ::std::result::Result::Ok(::std::sync::Arc::new(client)),
        ::std::result::Result::Err(e) => ::std::result::Result::Err(e.to_string()),
    }
}

/// The default HTTP client, or why there is none.
#[cfg(not(feature = "default-https-client"))]
fn default_http_client(
    _: &crate::config::Config,
) -> ::std::result::Result<::std::sync::Arc<dyn crate::transport::HttpClient>, ::std::string::String> {
    ::std::result::Result::Err(::std::string::String::from(
        "no HTTP client: enable the `default-https-client` feature or set one with `Config::builder().http_client(..)`",
    ))
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

/// Where calls go, as the endpoint rules (or the configured URL) say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    /// The URL.
    pub(crate) url: ::std::string::String,
    /// Headers every request carries.
    pub(crate) headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The endpoint's `authSchemes` property, in order of preference.
    pub(crate) auth_schemes: ::std::vec::Vec<EndpointAuth>,
}

/// One entry of an endpoint's `authSchemes`: a scheme, and the signing name and region to use
/// instead of the model's name and the configured region.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct EndpointAuth {
    pub(crate) name: ::std::string::String,
    pub(crate) signing_name: ::std::option::Option<::std::string::String>,
    pub(crate) signing_region: ::std::option::Option<::std::string::String>,
}

/// What `authorize` needs to know of a call.
pub(crate) struct Auth<'a> {
    /// The operation's schemes, in the model's order of preference.
    pub(crate) schemes: &'static [crate::auth::Scheme],
    /// `aws.auth#unsignedPayload`.
    #[allow(dead_code)]
    pub(crate) unsigned_payload: bool,
    /// The endpoint's auth schemes.
    #[allow(dead_code)]
    pub(crate) endpoint: &'a [EndpointAuth],
}

/// An operation the client can call: implemented by each operation's `Operation`, from its
/// wire layer.
pub trait Call: 'static {
    /// The input.
    type Input: ::std::clone::Clone + ::std::marker::Send + ::std::marker::Sync + ::std::marker::Unpin + 'static;
    /// The output.
    type Output: ::std::marker::Send + ::std::marker::Unpin + 'static;
    /// The error enum.
    type Error: ::std::convert::From<crate::error::DispatchError> + ::std::error::Error + ::std::marker::Send + 'static;
    /// The operation's name in the model.
    const NAME: &'static str;
    /// The auth schemes it accepts, in order of preference.
    const AUTH: &'static [crate::auth::Scheme];
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD` instead of the body's hash.
    const UNSIGNED_PAYLOAD: bool = false;
    /// The endpoint for this input, for operations that set endpoint parameters from it;
    /// `None` takes the client's.
    fn endpoint(
        _config: &crate::config::Config,
        _input: &Self::Input,
    ) -> ::std::option::Option<::std::result::Result<Target, ::std::string::String>> {
        ::std::option::Option::None
    }
    /// `Operation::request`.
    fn build(
        input: &Self::Input,
        endpoint: &str,
    ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::wire::BuildError>;
    /// `Operation::response`.
    fn read(response: &::http::Response<::std::vec::Vec<u8>>) -> ::std::result::Result<Self::Output, Self::Error>;
    /// The error's code.
    fn code(error: &Self::Error) -> &str;
    /// Whether the model or the error says a retry may succeed.
    fn is_retryable(error: &Self::Error) -> bool;
}


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
    endpoint: ::std::result::Result<::std::string::String, ::std::string::String>,
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

    /// The endpoint every request goes to, or why there is none.
    pub fn endpoint(&self) -> ::std::result::Result<&str, crate::error::DispatchError> {
        self.inner
            .endpoint
            .as_deref()
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
        let endpoint = self.endpoint()?;
        let http = inner.http.as_ref().map_err(|message| DispatchError::new(DispatchErrorKind::NoHttpClient, message.clone()))?;
        // Built once, so that every attempt sends the same idempotency tokens.
        let request = Op::build(input, endpoint)
            .map_err(|e| DispatchError::new(DispatchErrorKind::Build, e.to_string()).with_source(e))?;
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let span = ::tracing::debug_span!("attempt", attempt);
            let mut signed = copy_request(&request);
            ::tracing::Instrument::instrument(authorize(config, &mut signed), span.clone()).await?;
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

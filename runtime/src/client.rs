//! The client's engine, the same in every generated crate: [`Client`] resolves the endpoint,
//! builds, signs and sends each call, and retries it by the policy, within the timeouts. A
//! generated crate's `client` module adds a method per operation and its `Service`.

/// A client of the service: cheap to clone, safe to share between tasks.
///
/// It resolves the endpoint once, when it is made; each call then builds the request, signs
/// it, sends it with the attempt timeout, reads the response, and retries by the
/// [`RetryConfig`](super::config::RetryConfig), all within the operation timeout.
#[derive(Clone, Debug)]
pub struct Client {
    inner: ::std::sync::Arc<Inner>,
    /// The configuration's, or what a request's `customize` made of them.
    settings: super::config::CallSettings,
}

#[derive(Debug)]
struct Inner {
    service: &'static Service,
    config: super::config::Config,
    endpoint: ::std::result::Result<Target, ::std::string::String>,
    http: ::std::result::Result<::std::sync::Arc<dyn super::transport::HttpClient>, ::std::string::String>,
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

/// A call being prepared: the input as it stands, set member by member, then sent by
/// [`send`](Self::send) or by awaiting it. Each operation names its own
/// (`operation::get_data_source_run::GetDataSourceRunRequest`), with a setter per optional
/// member of its input.
pub struct Request<Op: Call> {
    pub(crate) client: Client,
    pub(crate) input: Op::Input,
}

impl<Op: Call> Request<Op> {
    pub(crate) fn new(client: Client, input: Op::Input) -> Self {
        Self { client, input }
    }

    /// The input as it stands.
    pub fn input(&self) -> &Op::Input {
        &self.input
    }

    /// Changes this call's retry, timeout or response-limit settings, which start as the
    /// client's: `.customize(|s| s.retry(RetryConfig::disabled()))`. A paginator made from this
    /// request keeps them for every page.
    pub fn customize(
        mut self,
        customize: impl ::std::ops::FnOnce(super::config::CallSettings) -> super::config::CallSettings,
    ) -> Self {
        self.client = self.client.customized(customize);
        self
    }

    /// Sends the call: retried by the client's policy, within its timeouts.
    pub async fn send(self) -> ::std::result::Result<Op::Output, Op::Error> {
        self.client.call::<Op>(self.input).await
    }
}

/// Awaiting the request sends it: `request.await` is `request.send().await`.
impl<Op: Call> ::std::future::IntoFuture for Request<Op> {
    type Output = ::std::result::Result<Op::Output, Op::Error>;
    type IntoFuture = super::transport::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        ::std::boxed::Box::pin(self.send())
    }
}

impl<Op: Call> ::std::clone::Clone for Request<Op> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            input: self.input.clone(),
        }
    }
}

impl<Op: Call> ::std::fmt::Debug for Request<Op> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Request")
            .field("operation", &Op::NAME)
            .field("input", &self.input)
            .finish_non_exhaustive()
    }
}

/// What the engine needs of the generated crate: written once, in its `client` module.
#[derive(Debug)]
pub(crate) struct Service {
    /// The service's name, in tracing spans.
    pub(crate) name: &'static str,
    /// The `sdkId` (`SQS`, `Elastic Beanstalk`): it names the service's endpoint configuration
    /// (`AWS_ENDPOINT_URL_SQS`).
    pub(crate) sdk_id: &'static str,
    // <sigv4>
    /// The SigV4 signing name of the model, unless the endpoint names another.
    #[cfg(feature = "sigv4")]
    pub(crate) signing_name: &'static str,
    // </sigv4>
    /// The endpoint by the service's rules, from the configuration.
    pub(crate) resolve_endpoint: fn(&super::config::Config) -> ::std::result::Result<Target, ::std::string::String>,
}

impl Client {
    /// A client of `service` with this configuration: the generated `Client::new`.
    pub(crate) fn with_service(mut config: super::config::Config, service: &'static Service) -> Self {
        if config.endpoint_url.is_none() {
            if let ::std::option::Option::Some((url, source)) = config.configured_endpoints.for_service(service.sdk_id)
            {
                ::tracing::debug!(endpoint_url = url, from = %source, "endpoint URL of the environment");
                config.endpoint_url = ::std::option::Option::Some(url.to_owned());
            }
        }
        let endpoint = (service.resolve_endpoint)(&config);
        let http = match &config.http_client {
            ::std::option::Option::Some(http) => ::std::result::Result::Ok(http.clone()),
            ::std::option::Option::None => default_http_client(&config),
        };
        let inner = Inner {
            service,
            config,
            endpoint,
            http,
            quota: ::std::sync::Mutex::new(QUOTA),
        };
        Self {
            settings: inner.config.settings.clone(),
            inner: ::std::sync::Arc::new(inner),
        }
    }

    /// This client, with its call settings changed by `customize` (a request's `customize`).
    pub(crate) fn customized(
        mut self,
        customize: impl ::std::ops::FnOnce(super::config::CallSettings) -> super::config::CallSettings,
    ) -> Self {
        self.settings = customize(self.settings);
        self
    }

    /// The configuration.
    pub fn config(&self) -> &super::config::Config {
        &self.inner.config
    }

    /// The endpoint requests go to, or why there is none. (An operation whose input sets
    /// endpoint parameters resolves its own endpoint for each call.)
    pub fn endpoint(&self) -> ::std::result::Result<&str, super::error::DispatchError> {
        self.target().map(|t| t.url.as_str())
    }

    fn target(&self) -> ::std::result::Result<&Target, super::error::DispatchError> {
        self.inner
            .endpoint
            .as_ref()
            .map_err(|message| super::error::DispatchError::new(super::error::DispatchErrorKind::Endpoint, message))
    }

    /// Calls `Op` with `input`: every attempt, within the operation timeout.
    pub(crate) async fn call<Op: Call>(&self, input: Op::Input) -> ::std::result::Result<Op::Output, Op::Error> {
        let span = ::tracing::info_span!("call", service = self.inner.service.name, operation = Op::NAME);
        let limit = self.settings.timeouts.operation;
        let attempts = ::tracing::Instrument::instrument(self.attempts::<Op>(&input), span.clone());
        match ::tokio::time::timeout(limit, attempts).await {
            ::std::result::Result::Ok(result) => result,
            ::std::result::Result::Err(_) => {
                span.in_scope(|| ::tracing::debug!(?limit, "operation timeout"));
                let message = ::std::format!(
                    "`{}` did not finish within the operation timeout of {limit:?}",
                    Op::NAME
                );
                ::std::result::Result::Err(
                    super::error::DispatchError::new(super::error::DispatchErrorKind::OperationTimeout, message).into(),
                )
            }
        }
    }

    async fn attempts<Op: Call>(&self, input: &Op::Input) -> ::std::result::Result<Op::Output, Op::Error> {
        use super::error::{DispatchError, DispatchErrorKind};
        let inner = &*self.inner;
        #[cfg(feature = "test-util")]
        if let ::std::option::Option::Some(double) = &inner.config.double {
            return self.retried::<Op>(Source::Double(&**double), input).await;
        }
        let own_target = Op::endpoint(&inner.config, input)
            .map(|resolved| resolved.map_err(|message| DispatchError::new(DispatchErrorKind::Endpoint, message)))
            .transpose()?;
        let target = match &own_target {
            ::std::option::Option::Some(target) => target,
            ::std::option::Option::None => self.target()?,
        };
        let http = inner
            .http
            .as_ref()
            .map_err(|message| DispatchError::new(DispatchErrorKind::NoHttpClient, message.clone()))?;
        // Built once, so that every attempt sends the same idempotency tokens.
        let mut request = (Op::BUILD)(input, &target.url)
            .map_err(|e| DispatchError::new(DispatchErrorKind::Build, e.to_string()).with_source(e))?;
        for (name, value) in &target.headers {
            let name = ::http::HeaderName::from_bytes(name.as_bytes());
            let value = ::http::HeaderValue::from_str(value);
            let (::std::result::Result::Ok(name), ::std::result::Result::Ok(value)) = (name, value) else {
                return ::std::result::Result::Err(
                    DispatchError::new(
                        DispatchErrorKind::Endpoint,
                        "the endpoint rules give a header that is not valid HTTP",
                    )
                    .into(),
                );
            };
            request.headers_mut().append(name, value);
        }
        // <streaming>
        #[cfg(feature = "streaming")]
        if let ::std::option::Option::Some(body) = Op::BODY.and_then(|take| take(input)) {
            return self.send_once::<Op>(target, &**http, &request, Once::Body(body)).await;
        }
        // </streaming>
        // <input-events>
        #[cfg(feature = "input-events")]
        if let ::std::option::Option::Some(take) = Op::EVENTS {
            let messages = take(input).ok_or_else(|| {
                let message = "this input's event stream was already sent: an event stream is sent once";
                DispatchError::new(DispatchErrorKind::Build, message)
            })?;
            return self
                .send_once::<Op>(target, &**http, &request, Once::Events(messages))
                .await;
        }
        // </input-events>
        let request = &request;
        self.retried::<Op>(
            Source::Wire {
                target,
                http: &**http,
                request,
            },
            input,
        )
        .await
    }

    /// Makes attempts from `source` until one succeeds, fails in a way no retry mends, or the
    /// retry policy says to stop.
    #[cfg_attr(not(feature = "test-util"), allow(unused_variables))] // `input`: only the mock reads it
    async fn retried<Op: Call>(
        &self,
        source: Source<'_>,
        input: &Op::Input,
    ) -> ::std::result::Result<Op::Output, Op::Error> {
        let retry = &self.settings.retry;
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let span = ::tracing::debug_span!("attempt", attempt);
            let outcome = match &source {
                Source::Wire { target, http, request } => self.send::<Op>(target, *http, request, &span).await?,
                #[cfg(feature = "test-util")]
                Source::Double(double) => match answer::<Op>(*double, input) {
                    ::std::option::Option::Some(::std::result::Result::Ok(output)) => {
                        Attempt::Done(::std::result::Result::Ok(output))
                    }
                    ::std::option::Option::Some(::std::result::Result::Err(error)) => classify::<Op>(None, error),
                    ::std::option::Option::None => {
                        let message = ::std::format!("the mock has no answer for this call of `{}`", Op::NAME);
                        let kind = super::error::DispatchErrorKind::Unanswered;
                        return ::std::result::Result::Err(super::error::DispatchError::new(kind, message).into());
                    }
                },
            };
            let (error, cost) = match outcome {
                Attempt::Done(result) => {
                    if result.is_ok() {
                        self.refill(spent);
                    }
                    return result;
                }
                Attempt::Retry(error, cost) => (error, cost),
            };
            if attempt >= retry.max_attempts {
                span.in_scope(|| ::tracing::debug!(%error, "giving up: no attempts left"));
                return ::std::result::Result::Err(error);
            }
            if !self.spend(cost) {
                span.in_scope(|| ::tracing::debug!(%error, "giving up: the retry quota is spent"));
                return ::std::result::Result::Err(error);
            }
            spent += cost;
            let delay = retry.backoff(attempt);
            span.in_scope(|| ::tracing::debug!(%error, ?delay, "retrying"));
            if source.backs_off() {
                ::tokio::time::sleep(delay).await;
            }
            attempt += 1;
        }
    }

    /// One attempt on the wire: signs a copy of `request`, sends it within the attempt timeout
    /// and reads the response.
    async fn send<Op: Call>(
        &self,
        target: &Target,
        http: &dyn super::transport::HttpClient,
        request: &::http::Request<::std::vec::Vec<u8>>,
        span: &::tracing::Span,
    ) -> ::std::result::Result<Attempt<Op>, Op::Error> {
        use super::error::{DispatchError, DispatchErrorKind};
        let config = &self.inner.config;
        let mut signed = super::transport::copy_request(request);
        let auth = Auth {
            schemes: Op::AUTH,
            unsigned_payload: Op::UNSIGNED_PAYLOAD,
            events: false,
            endpoint: &target.auth_schemes,
        };
        ::tracing::Instrument::instrument(authorize(self.inner.service, config, &auth, &mut signed), span.clone())
            .await?;
        let settings = &self.settings;
        let sent = ::tokio::time::timeout(settings.timeouts.attempt, exchange::<Op>(http, signed, settings));
        ::std::result::Result::Ok(match ::tracing::Instrument::instrument(sent, span.clone()).await {
            ::std::result::Result::Ok(::std::result::Result::Ok((status, result))) => match result {
                ::std::result::Result::Ok(output) => Attempt::Done(::std::result::Result::Ok(output)),
                ::std::result::Result::Err(error) => classify::<Op>(::std::option::Option::Some(status), error),
            },
            ::std::result::Result::Ok(::std::result::Result::Err(failure)) => {
                let error = DispatchError::from(failure);
                if error.is_retryable() {
                    Attempt::Retry(error.into(), RETRY_COST)
                } else {
                    Attempt::Done(::std::result::Result::Err(error.into()))
                }
            }
            ::std::result::Result::Err(_) => {
                let message = ::std::format!(
                    "an attempt took longer than the attempt timeout of {:?}",
                    settings.timeouts.attempt
                );
                let error = DispatchError::new(DispatchErrorKind::AttemptTimeout, message);
                Attempt::Retry(error.into(), TIMEOUT_RETRY_COST)
            }
        })
    }

    // <streaming>
    /// The one attempt of a call whose body is read as it is sent (a streaming payload that is
    /// not in memory, or an input event stream, each message signed in a chain from the
    /// request's signature): it goes as it comes, while the response is read. It is never
    /// retried: what was read cannot be sent again.
    #[cfg(feature = "streaming")]
    async fn send_once<Op: Call>(
        &self,
        target: &Target,
        http: &dyn super::transport::HttpClient,
        request: &::http::Request<::std::vec::Vec<u8>>,
        body: Once,
    ) -> ::std::result::Result<Op::Output, Op::Error> {
        use super::error::{DispatchError, DispatchErrorKind};
        let span = ::tracing::debug_span!("attempt", attempt = 1);
        span.in_scope(|| ::tracing::debug!("sent once: a body read as it is sent cannot be sent again"));
        let mut signed = super::transport::copy_request(request);
        // <input-events>
        #[cfg(feature = "input-events")]
        let events = ::std::matches!(body, Once::Events(_));
        // </input-events>
        // <!input-events>
        #[cfg(not(feature = "input-events"))]
        let events = false;
        // </!input-events>
        let auth = Auth {
            schemes: Op::AUTH,
            // Chunks cannot be hashed before they are sent.
            unsigned_payload: !events,
            events,
            endpoint: &target.auth_schemes,
        };
        let config = &self.inner.config;
        let seed =
            ::tracing::Instrument::instrument(authorize(self.inner.service, config, &auth, &mut signed), span.clone())
                .await?;
        // <input-events>
        #[cfg(feature = "input-events")]
        let body = match body {
            Once::Body(body) => body,
            Once::Events(messages) => super::event_sender::outgoing(messages, seed),
        };
        // </input-events>
        // <!input-events>
        #[cfg(not(feature = "input-events"))]
        let (Once::Body(body), _) = (body, seed);
        // </!input-events>
        let request = signed.map(|_| body);
        let settings = &self.settings;
        let sent = async {
            let (head, body) = http.send_duplex(request).await?.into_parts();
            read_streamed::<Op>(head, body, settings.max_response_body).await
        };
        match ::tokio::time::timeout(settings.timeouts.attempt, ::tracing::Instrument::instrument(sent, span)).await {
            ::std::result::Result::Ok(::std::result::Result::Ok((_, result))) => result,
            ::std::result::Result::Ok(::std::result::Result::Err(failure)) => {
                ::std::result::Result::Err(DispatchError::from(failure).into())
            }
            ::std::result::Result::Err(_) => {
                let message = ::std::format!(
                    "the service did not answer within the attempt timeout of {:?}",
                    settings.timeouts.attempt
                );
                ::std::result::Result::Err(DispatchError::new(DispatchErrorKind::AttemptTimeout, message).into())
            }
        }
    }
    // </streaming>

    /// Takes `cost` from the retry quota, if it holds that much.
    fn spend(&self, cost: u32) -> bool {
        let mut quota = self
            .inner
            .quota
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        let enough = *quota >= cost;
        if enough {
            *quota -= cost;
        }
        enough
    }

    /// After a success: gives back what its retries spent, or 1 if it needed none.
    fn refill(&self, spent: u32) {
        let mut quota = self
            .inner
            .quota
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        *quota = (*quota + spent.max(1)).min(QUOTA);
    }
}

// <streaming>
/// The body of a call that is sent once.
#[cfg(feature = "streaming")]
enum Once {
    /// A streaming payload, read as it is sent.
    Body(super::transport::ByteStream),
    // <input-events>
    /// An input event stream's messages, each signed as it is sent.
    #[cfg(feature = "input-events")]
    Events(super::event_sender::Messages),
    // </input-events>
}
// </streaming>

/// Where a call's attempts get their answers.
enum Source<'a> {
    /// From the service: the request, built once, sent to the target by the HTTP client.
    Wire {
        target: &'a Target,
        http: &'a dyn super::transport::HttpClient,
        request: &'a ::http::Request<::std::vec::Vec<u8>>,
    },
    /// From the configuration's test double (a `test_util::Mock`).
    #[cfg(feature = "test-util")]
    Double(&'a dyn super::config::Answers),
}

/// The double's answer to a call of `Op` with `input`.
#[cfg(feature = "test-util")]
fn answer<Op: Call>(
    double: &dyn super::config::Answers,
    input: &Op::Input,
) -> ::std::option::Option<::std::result::Result<Op::Output, Op::Error>> {
    let id = ::std::any::TypeId::of::<Op>();
    let answer = double.answer(id, input, ::std::boxed::Box::new(input.clone()))?;
    // The double answers a call of `Op` with a `Result<Op::Output, Op::Error>`.
    answer
        .downcast::<::std::result::Result<Op::Output, Op::Error>>()
        .ok()
        .map(|a| *a)
}

impl Source<'_> {
    /// Whether a retry waits out its backoff: always on the wire; from a mock, if it asks.
    fn backs_off(&self) -> bool {
        match self {
            Source::Wire { .. } => true,
            #[cfg(feature = "test-util")]
            Source::Double(double) => double.backs_off(),
        }
    }
}

/// What an attempt came to: the call's result, or an error a retry may mend, at this cost to the
/// retry quota.
enum Attempt<Op: Call> {
    Done(::std::result::Result<Op::Output, Op::Error>),
    Retry(Op::Error, u32),
}

/// Sends `request` and reads the response: whole, or, for an operation whose output streams, its
/// status and headers, with a 2xx body handed over as it arrives (an error's body is read whole).
async fn exchange<Op: Call>(
    http: &dyn super::transport::HttpClient,
    request: ::http::Request<::std::vec::Vec<u8>>,
    settings: &super::config::CallSettings,
) -> ::std::result::Result<(u16, ::std::result::Result<Op::Output, Op::Error>), super::transport::TransportError> {
    let limit = settings.max_response_body;
    if Op::READ_STREAMING.is_none() {
        let response = http.send(request, limit).await?;
        let status = log_response(response.status().as_u16(), response.headers());
        return ::std::result::Result::Ok((status, (Op::READ)(&response)));
    }
    let (head, body) = http.send_streaming(request).await?.into_parts();
    read_streamed::<Op>(head, body, limit).await
}

/// Reads a response whose body comes as it arrives: a 2xx body is handed to the output as it is,
/// for an operation whose output streams; any other body is read whole, within `limit`.
async fn read_streamed<Op: Call>(
    head: ::http::response::Parts,
    body: super::transport::ByteStream,
    limit: usize,
) -> ::std::result::Result<(u16, ::std::result::Result<Op::Output, Op::Error>), super::transport::TransportError> {
    let status = log_response(head.status.as_u16(), &head.headers);
    if let (true, ::std::option::Option::Some(read)) = (head.status.is_success(), Op::READ_STREAMING) {
        return ::std::result::Result::Ok((status, read(::http::Response::from_parts(head, body))));
    }
    let response = ::http::Response::from_parts(head, body.collect_limited(limit).await?);
    ::std::result::Result::Ok((status, (Op::READ)(&response)))
}

/// Traces a response's status and request id; gives the status back.
fn log_response(status: u16, headers: &::http::HeaderMap) -> u16 {
    let request_id = super::wire_error::request_id(headers);
    ::tracing::debug!(status, request_id, "response");
    status
}

/// A response's error (`status`: the HTTP status, where there was one) is worth retrying when the
/// status says the service failed, the model says so, or its code is one of throttling or of a
/// transient failure.
fn classify<Op: Call>(status: ::std::option::Option<u16>, error: Op::Error) -> Attempt<Op> {
    let code = (Op::CODE)(&error);
    let retryable = ::std::matches!(status, ::std::option::Option::Some(500 | 502 | 503 | 504))
        || (Op::IS_RETRYABLE)(&error)
        || THROTTLING_CODES.contains(&code)
        || TRANSIENT_CODES.contains(&code);
    if retryable {
        Attempt::Retry(error, RETRY_COST)
    } else {
        Attempt::Done(::std::result::Result::Err(error))
    }
}

/// Authorizes `request` by the first of the operation's schemes the configuration can satisfy,
/// or says why none can; a configured bearer token goes first where the operation accepts one.
/// For a body that is an event stream, SigV4 leaves the seed of its messages' chain.
#[allow(unused_variables)] // `service` and `config` in a crate without SigV4 or bearer tokens
async fn authorize(
    service: &Service,
    config: &super::config::Config,
    auth: &Auth<'_>,
    request: &mut ::http::Request<::std::vec::Vec<u8>>,
) -> ::std::result::Result<::std::option::Option<super::auth::Seed>, super::error::DispatchError> {
    use super::auth::Scheme;
    use super::error::{DispatchError, DispatchErrorKind};
    // <bearer>
    #[cfg(feature = "bearer")]
    let bearer_first = config.token.is_some() && auth.schemes.contains(&Scheme::Bearer);
    #[cfg(feature = "bearer")]
    let schemes = bearer_first.then_some(&Scheme::Bearer).into_iter().chain(auth.schemes);
    // </bearer>
    // <!bearer>
    #[cfg(not(feature = "bearer"))]
    let schemes = auth.schemes.iter();
    // </!bearer>
    for scheme in schemes {
        match scheme {
            // <sigv4>
            #[cfg(feature = "sigv4")]
            Scheme::SigV4 => return sign(service, config, auth, request).await,
            // </sigv4>
            // <bearer>
            #[cfg(feature = "bearer")]
            Scheme::Bearer => {
                let ::std::option::Option::Some(provider) = &config.token else {
                    continue;
                };
                let token = provider
                    .provide_token()
                    .await
                    .map_err(|e| DispatchError::new(DispatchErrorKind::Credentials, e.to_string()).with_source(e))?;
                return super::bearer::authorize_bearer(request, &token)
                    .map(|()| ::std::option::Option::None)
                    .map_err(|e| DispatchError::new(DispatchErrorKind::Signing, e.to_string()).with_source(e));
            }
            // </bearer>
            Scheme::Anonymous => return ::std::result::Result::Ok(::std::option::Option::None),
            // A scheme this crate lacks: the next one may do.
            _ => continue,
        }
    }
    let wanted: ::std::vec::Vec<::std::string::String> = auth
        .schemes
        .iter()
        .map(|s| match s {
            Scheme::SigV4 => "aws.auth#sigv4 (the model gives no signing name)".to_owned(),
            Scheme::Bearer => "smithy.api#httpBearerAuth (set a token with `Config::builder().token(..)`)".to_owned(),
            Scheme::Unsupported(name) => ::std::format!("{name} (not implemented)"),
            Scheme::Anonymous => "anonymous".to_owned(),
        })
        .collect();
    ::std::result::Result::Err(DispatchError::new(
        DispatchErrorKind::Signing,
        ::std::format!("no auth scheme of this operation can be used: {}", wanted.join(", ")),
    ))
}

// <sigv4>
/// Signs `request` with SigV4: the endpoint's `authSchemes` may name the signing name and
/// region; without them, the model's name and the configured region. For a body that is an event
/// stream, the seed of its messages' chain.
#[cfg(feature = "sigv4")]
async fn sign(
    service: &Service,
    config: &super::config::Config,
    auth: &Auth<'_>,
    request: &mut ::http::Request<::std::vec::Vec<u8>>,
) -> ::std::result::Result<::std::option::Option<super::auth::Seed>, super::error::DispatchError> {
    use super::error::{DispatchError, DispatchErrorKind};
    let credentials = config
        .credentials
        .provide_credentials()
        .await
        .map_err(|e| DispatchError::new(DispatchErrorKind::Credentials, e.to_string()).with_source(e))?;
    let endpoint = match auth.endpoint.iter().find(|s| s.name == "sigv4") {
        ::std::option::Option::Some(scheme) => ::std::option::Option::Some(scheme),
        ::std::option::Option::None if auth.endpoint.is_empty() => ::std::option::Option::None,
        ::std::option::Option::None => {
            let names: ::std::vec::Vec<&str> = auth.endpoint.iter().map(|s| s.name.as_str()).collect();
            return ::std::result::Result::Err(DispatchError::new(
                DispatchErrorKind::Signing,
                ::std::format!("the endpoint asks for auth scheme(s) {names:?}, which this client does not implement"),
            ));
        }
    };
    let region = endpoint
        .and_then(|s| s.signing_region.as_deref())
        .or(config.region.as_deref())
        .ok_or_else(|| {
            DispatchError::new(
                DispatchErrorKind::Signing,
                "no region to sign for: set one with `Config::builder().region(..)`",
            )
        })?;
    let name = endpoint
        .and_then(|s| s.signing_name.as_deref())
        .unwrap_or(service.signing_name);
    let mut settings = super::sigv4::SigningSettings::new(region, name);
    settings.unsigned_payload = auth.unsigned_payload;
    settings.events = auth.events;
    let signature = super::sigv4::sign_request(request, &credentials, &settings, ::std::time::SystemTime::now())
        .map_err(|e| DispatchError::new(DispatchErrorKind::Signing, e.to_string()).with_source(e))?;
    ::std::result::Result::Ok(auth.events.then(|| super::auth::Seed {
        signature,
        secret: credentials.secret_access_key.clone(),
        region: region.to_owned(),
        name: name.to_owned(),
    }))
}
// </sigv4>

/// The default HTTP client, or why there is none.
#[cfg(feature = "default-https-client")]
fn default_http_client(
    config: &super::config::Config,
) -> ::std::result::Result<::std::sync::Arc<dyn super::transport::HttpClient>, ::std::string::String> {
    match super::transport::HyperClient::new(config.settings.timeouts.connect) {
        ::std::result::Result::Ok(client) => ::std::result::Result::Ok(::std::sync::Arc::new(client)),
        ::std::result::Result::Err(e) => ::std::result::Result::Err(e.to_string()),
    }
}

/// The default HTTP client, or why there is none.
#[cfg(not(feature = "default-https-client"))]
fn default_http_client(
    _: &super::config::Config,
) -> ::std::result::Result<::std::sync::Arc<dyn super::transport::HttpClient>, ::std::string::String> {
    ::std::result::Result::Err(::std::string::String::from(
        "no HTTP client: enable the `default-https-client` feature or set one with `Config::builder().http_client(..)`",
    ))
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
    pub(crate) schemes: &'static [super::auth::Scheme],
    /// `aws.auth#unsignedPayload`.
    #[allow(dead_code)] // in a crate without SigV4
    pub(crate) unsigned_payload: bool,
    /// The body is an event stream: SigV4 signs `STREAMING-AWS4-HMAC-SHA256-EVENTS` and leaves
    /// the seed of the messages' chain.
    #[allow(dead_code)] // in a crate without SigV4
    pub(crate) events: bool,
    /// The endpoint's auth schemes.
    #[allow(dead_code)] // in a crate without SigV4
    pub(crate) endpoint: &'a [EndpointAuth],
}

/// An operation the client can call: implemented by each operation's `Operation`, from its
/// wire layer.
pub trait Call: 'static {
    /// The input.
    type Input: ::std::clone::Clone
        + ::std::fmt::Debug
        + ::std::marker::Send
        + ::std::marker::Sync
        + ::std::marker::Unpin
        + 'static;
    /// The output.
    type Output: ::std::marker::Send + ::std::marker::Unpin + 'static;
    /// The error enum.
    type Error: ::std::convert::From<super::error::DispatchError> + ::std::error::Error + ::std::marker::Send + 'static;
    /// The operation's name in the model.
    const NAME: &'static str;
    /// The auth schemes it accepts, in order of preference.
    const AUTH: &'static [super::auth::Scheme];
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD` instead of the body's hash.
    const UNSIGNED_PAYLOAD: bool = false;
    /// The endpoint for this input, for operations that set endpoint parameters from it;
    /// `None` takes the client's.
    fn endpoint(
        _config: &super::config::Config,
        _input: &Self::Input,
    ) -> ::std::option::Option<::std::result::Result<Target, ::std::string::String>> {
        ::std::option::Option::None
    }
    /// For an operation whose output streams (`Operation::streaming_response`): reads a 2xx
    /// response's status and headers and hands its body over as it arrives. `None` reads every
    /// body whole, within the response limit.
    #[allow(clippy::type_complexity)]
    const READ_STREAMING: ::std::option::Option<
        fn(::http::Response<super::transport::ByteStream>) -> ::std::result::Result<Self::Output, Self::Error>,
    > = ::std::option::Option::None;
    // <streaming>
    /// For an operation whose input's payload streams: the payload, when it is chunks read as
    /// they are sent (`None`: it is in memory, in the request, and can be sent again).
    #[cfg(feature = "streaming")]
    #[allow(clippy::type_complexity)]
    const BODY: ::std::option::Option<fn(&Self::Input) -> ::std::option::Option<super::transport::ByteStream>> =
        ::std::option::Option::None;
    // </streaming>
    // <input-events>
    /// For an operation whose input is an event stream: takes its messages from the input
    /// (`None` once a call has sent them).
    #[cfg(feature = "input-events")]
    const EVENTS: ::std::option::Option<super::event_sender::TakeMessages<Self::Input>> = ::std::option::Option::None;
    // </input-events>
    /// `Operation::request`.
    const BUILD: Build<Self>;
    /// `Operation::response`.
    const READ: Read<Self>;
    /// The error's code (the error enum's `code`).
    const CODE: fn(&Self::Error) -> &str;
    /// Whether the model or the error says a retry may succeed (the error enum's `is_retryable`).
    const IS_RETRYABLE: fn(&Self::Error) -> bool;
}

/// An operation's `Operation::request`: its input as an HTTP request to an endpoint.
pub type Build<Op> = fn(
    &<Op as Call>::Input,
    &str,
) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, super::wire::BuildError>;

/// An operation's `Operation::response`: a whole HTTP response as its output or error.
pub type Read<Op> =
    fn(&::http::Response<::std::vec::Vec<u8>>) -> ::std::result::Result<<Op as Call>::Output, <Op as Call>::Error>;

//! The client's configuration: region, credentials, endpoint, retries, timeouts, transport.

use super::auth::ProvideCredentials;
use super::transport::HttpClient;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The configuration of a [`Client`](super::client::Client); made with [`Config::builder`].
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    // <bearer>
    #[cfg(feature = "bearer")]
    pub(crate) token: Option<Arc<dyn super::auth::ProvideToken>>,
    // </bearer>
    pub(crate) endpoint_url: Option<String>,
    /// The endpoint URLs of the environment and the profile, for the client to pick its service's.
    pub(crate) configured_endpoints: super::profile::ConfiguredEndpoints,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
    /// Retries, timeouts and the response limit: what a request's `customize` may change.
    pub(crate) settings: CallSettings,
    /// A test double that answers every call (`test_util::Mock`).
    #[cfg(feature = "test-util")]
    pub(crate) double: Option<Arc<dyn Answers>>,
}

/// What answers calls in place of the wire: the test double `test_util::Mock` is one. The
/// engine asks it for each attempt and sends nothing.
#[cfg(feature = "test-util")]
pub(crate) trait Answers: Send + Sync + std::fmt::Debug {
    /// The answer to a call of the operation whose `TypeId` is `operation`, with `input` (its
    /// input; `copy` is a copy to keep): a boxed `Result` of its output and its error, or `None`
    /// when there is none.
    fn answer(
        &self,
        operation: std::any::TypeId,
        input: &dyn std::any::Any,
        copy: Box<dyn std::any::Any + Send>,
    ) -> Option<Box<dyn std::any::Any>>;
    /// Whether the client waits out its retry backoff between attempts.
    fn backs_off(&self) -> bool;
}

impl Config {
    /// A builder with the defaults: credentials from the environment, the standard retry
    /// policy, finite timeouts, the default HTTPS client and a 16 MiB response limit.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// A builder from the environment, as the AWS CLI and SDKs read it, without `aws-config`:
    /// the region of `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile; the endpoint URLs of
    /// the environment and the profile, of which the client takes its service's as the SDKs do
    /// (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `services` section, its
    /// `endpoint_url`; see [`ConfiguredEndpoints`](super::profile::ConfiguredEndpoints));
    /// credentials from the environment variables, else the profile's static keys or its
    /// `credential_process`. The profile is `AWS_PROFILE` (else `default`) of `~/.aws/config`
    /// and `~/.aws/credentials` (or `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`). SSO,
    /// `role_arn` and web identity need the `aws-config` feature and `Builder::from(&SdkConfig)`.
    ///
    /// Errors, before any call is made: a profile named by `AWS_PROFILE` that neither file has,
    /// an endpoint URL that is not one (`AWS_ENDPOINT_URL=notaurl`), a shared file that exists
    /// but cannot be read.
    pub fn from_env() -> Result<Builder, super::profile::EnvironmentError> {
        Ok(Builder::from_environment(super::profile::Environment::read()?))
    }

    /// A builder that starts from this configuration.
    pub fn to_builder(&self) -> Builder {
        Builder { config: self.clone() }
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL that replaces the resolved one, if set: in code, or, in a client's
    /// configuration, the one configured for its service in the environment or profile.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The endpoint URLs of the environment and the profile ([`Config::from_env`]'s).
    pub fn configured_endpoints(&self) -> &super::profile::ConfiguredEndpoints {
        &self.configured_endpoints
    }

    /// Whether FIPS endpoints are used.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are used, for services whose endpoint rules offer them.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.settings.retry
    }

    /// The timeouts.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.settings.timeouts
    }

    /// The largest response body the client reads, in bytes.
    pub fn max_response_body(&self) -> usize {
        self.settings.max_response_body
    }
}

impl fmt::Debug for Config {
    /// Everything but secrets: the credentials provider prints as itself, and every provider of
    /// this crate redacts what it holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut config = f.debug_struct("Config");
        config
            .field("region", &self.region)
            .field("credentials", &self.credentials);
        // <bearer>
        #[cfg(feature = "bearer")]
        config.field("token", &self.token);
        // </bearer>
        config
            .field("endpoint_url", &self.endpoint_url)
            .field("configured_endpoints", &self.configured_endpoints)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.settings.retry)
            .field("timeouts", &self.settings.timeouts)
            .field("http_client", &self.http_client)
            .field("max_response_body", &self.settings.max_response_body);
        #[cfg(feature = "test-util")]
        config.field("double", &self.double);
        config.finish()
    }
}

/// Builds a [`Config`].
#[derive(Clone, Debug)]
pub struct Builder {
    config: Config,
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            config: Config {
                region: None,
                credentials: Arc::new(super::auth::EnvironmentCredentials),
                // <bearer>
                #[cfg(feature = "bearer")]
                token: None,
                // </bearer>
                endpoint_url: None,
                configured_endpoints: super::profile::ConfiguredEndpoints::default(),
                use_fips: false,
                use_dual_stack: false,
                http_client: None,
                settings: CallSettings {
                    retry: RetryConfig::default(),
                    timeouts: TimeoutConfig::default(),
                    max_response_body: 16 * 1024 * 1024,
                },
                #[cfg(feature = "test-util")]
                double: None,
            },
        }
    }
}

impl Builder {
    /// A builder from what [`Environment::read`](super::profile::Environment::read) found:
    /// [`Config::from_env`] with the environment given.
    pub fn from_environment(env: super::profile::Environment) -> Self {
        let mut builder = Builder::default();
        if let Some(region) = env.region() {
            builder = builder.region(region);
        }
        builder.config.configured_endpoints = env.endpoints;
        let profile = super::profile::ProfileCredentials::new(env.profile_name, env.profile);
        builder.credentials(super::profile::EnvironmentOrProfile(profile))
    }

    /// The AWS region (`us-east-1`): it picks the endpoint and scopes the signature.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Where credentials come from: static [`Credentials`](super::auth::Credentials), or any
    /// [`ProvideCredentials`]. By default, the environment.
    #[must_use]
    pub fn credentials(mut self, provider: impl ProvideCredentials) -> Self {
        self.config.credentials = Arc::new(provider);
        self
    }

    // <bearer>
    #[cfg(feature = "bearer")]
    /// A bearer token (static [`Token`](super::auth::Token), or any
    /// [`ProvideToken`](super::auth::ProvideToken)), for the operations that accept
    /// `smithy.api#httpBearerAuth`: with one set, those calls send it instead of signing.
    #[must_use]
    pub fn token(mut self, provider: impl super::auth::ProvideToken) -> Self {
        self.config.token = Some(Arc::new(provider));
        self
    }

    // </bearer>
    /// Sends every request to this URL (`https://host[:port][/base/path]`) instead of the
    /// endpoint the rules resolve: a proxy, a local test server, a VPC endpoint. It wins over
    /// the endpoint URLs of the environment and the profile.
    #[must_use]
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Uses FIPS endpoints.
    #[must_use]
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Uses dual-stack (IPv4 and IPv6) endpoints, for services whose rules offer them.
    #[must_use]
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// The retry settings.
    #[must_use]
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.settings.retry = retry;
        self
    }

    /// The timeouts.
    #[must_use]
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.config.settings.timeouts = timeouts;
        self
    }

    /// The HTTP client to send requests through, instead of the default one.
    #[must_use]
    pub fn http_client(mut self, client: impl HttpClient) -> Self {
        self.config.http_client = Some(Arc::new(client));
        self
    }

    /// The largest response body to read, in bytes; a longer one fails the call. 16 MiB by default.
    #[must_use]
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.config.settings.max_response_body = bytes;
        self
    }

    /// Answers every call from `double` (`Builder::mock` is how users give one).
    #[cfg(feature = "test-util")]
    pub(crate) fn double(mut self, double: Arc<dyn Answers>) -> Self {
        self.config.double = Some(double);
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(feature = "aws-config")]
impl From<&aws_types::SdkConfig> for Builder {
    /// Takes what an `SdkConfig` of the official `aws-config` sets: region, the credentials
    /// chain, endpoint URL, FIPS and dual-stack, maximum attempts and backoff, and timeouts.
    fn from(sdk: &aws_types::SdkConfig) -> Self {
        let mut builder = Builder::default();
        if let Some(region) = sdk.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(provider) = sdk.credentials_provider() {
            builder = builder.credentials(super::auth::SdkCredentials::new(provider));
        }
        if let Some(url) = sdk.endpoint_url() {
            builder = builder.endpoint_url(url);
        }
        builder.config.use_fips = sdk.use_fips().unwrap_or(false);
        builder.config.use_dual_stack = sdk.use_dual_stack().unwrap_or(false);
        if let Some(retry) = sdk.retry_config() {
            builder.config.settings.retry = RetryConfig::standard()
                .max_attempts(retry.max_attempts())
                .initial_backoff(retry.initial_backoff())
                .max_backoff(retry.max_backoff());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            let t = &mut builder.config.settings.timeouts;
            t.connect = timeouts.connect_timeout().unwrap_or(t.connect);
            t.attempt = timeouts.operation_attempt_timeout().unwrap_or(t.attempt);
            t.operation = timeouts.operation_timeout().unwrap_or(t.operation);
        }
        builder
    }
}

/// The settings one call runs by: its client's, unless the request's `customize` changes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallSettings {
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) max_response_body: usize,
}

impl CallSettings {
    /// The retry settings.
    #[must_use]
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// The timeouts (the connect timeout is the HTTP client's, made with the client, and stays).
    #[must_use]
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The largest response body to read, in bytes.
    #[must_use]
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }
}

/// The standard AWS retry policy: up to 3 attempts, exponential backoff with full jitter,
/// and a retry quota shared by a client's calls.
///
/// A call is retried on errors the model marks `retryable`, on throttling error codes, on
/// HTTP 500, 502, 503 and 504, on transport errors and on attempt timeouts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// 3 attempts, backoff from 1 s up to 20 s.
    pub fn standard() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// One attempt: no retries.
    pub fn disabled() -> Self {
        Self::standard().max_attempts(1)
    }

    /// The most attempts of one call, the first included (at least 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The longest the first backoff can be; each retry doubles it.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest any backoff can be.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The backoff before attempt `attempt + 1`: a random duration up to
    /// `min(initial × 2^(attempt - 1), max)` ("full jitter").
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << attempt.saturating_sub(1).min(16))
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Timeouts: every one is finite by default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutConfig {
    pub(crate) connect: Duration,
    pub(crate) attempt: Duration,
    pub(crate) operation: Duration,
}

impl Default for TimeoutConfig {
    /// Connect 3.1 s, attempt 30 s, operation (all attempts and backoffs) 90 s.
    fn default() -> Self {
        Self {
            connect: Duration::from_millis(3100),
            attempt: Duration::from_secs(30),
            operation: Duration::from_secs(90),
        }
    }
}

impl TimeoutConfig {
    /// The longest a connection (TCP and TLS) may take to open; used by the default HTTP client.
    #[must_use]
    pub fn connect(mut self, timeout: Duration) -> Self {
        self.connect = timeout;
        self
    }

    /// The longest one attempt may take, from sending the request to reading the whole response.
    #[must_use]
    pub fn attempt(mut self, timeout: Duration) -> Self {
        self.attempt = timeout;
        self
    }

    /// The longest a whole call may take, retries and backoffs included.
    #[must_use]
    pub fn operation(mut self, timeout: Duration) -> Self {
        self.operation = timeout;
        self
    }
}

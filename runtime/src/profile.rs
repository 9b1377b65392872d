//! Configuration from the environment and the shared config files, without `aws-config`:
//! [`Environment`] reads `AWS_REGION`/`AWS_DEFAULT_REGION`, the endpoint URLs
//! ([`ConfiguredEndpoints`]), `AWS_PROFILE` and the profile of `~/.aws/config` and
//! `~/.aws/credentials` (or `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`);
//! [`ProfileCredentials`] are the static keys of a profile or its `credential_process`.
//! `Config::from_env()` puts them together.
//!
//! What needs the `aws-config` feature instead: SSO, `role_arn` (assuming a role), web identity
//! tokens, the container and instance metadata endpoints.

use super::auth::{Credentials, CredentialsCache, CredentialsError, ProvideCredentials};
use super::primitives::{Document, Number};
use super::transport::BoxFuture;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The keys of one profile, from both files (the credentials file wins).
pub type Profile = BTreeMap<String, String>;

/// What the environment says: its variables, and the chosen profile of the shared files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// The profile's name: `AWS_PROFILE`, else `default`.
    pub profile_name: String,
    /// Its keys (`region`, `aws_access_key_id`, `credential_process`, ...).
    pub profile: Profile,
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    pub region: Option<String>,
    /// The endpoint URLs configured in the variables and the profile.
    pub endpoints: ConfiguredEndpoints,
}

/// The environment's configuration is wrong: a named profile that does not exist, an endpoint
/// URL that is not one, a shared file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvironmentError {
    message: String,
}

impl EnvironmentError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for EnvironmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the AWS configuration of the environment: {}", self.message)
    }
}

impl std::error::Error for EnvironmentError {}

impl Environment {
    /// Reads the process's environment and the shared files it points to (a missing file is an
    /// empty one).
    pub fn read() -> Result<Self, EnvironmentError> {
        let vars =
            std::env::vars_os().filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)));
        Self::from_vars(vars.collect())
    }

    /// The same from these variables, by name: what [`read`](Self::read) does with the process's.
    /// (`AWS_ACCESS_KEY_ID` and its siblings are not among what it reads: the credentials
    /// provider of `Config::from_env()` reads them from the process at each call.)
    ///
    /// A profile named by `AWS_PROFILE` that neither file has is an error naming it, and so is an
    /// endpoint URL, in a variable or the profile, that is not an `http(s)://host[:port][/path]`.
    pub fn from_vars(vars: BTreeMap<String, String>) -> Result<Self, EnvironmentError> {
        let var = |name: &str| vars.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let home = var("HOME").or_else(|| var("USERPROFILE")).map(PathBuf::from);
        let file = |variable: &str, name: &str| {
            var(variable)
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|h| h.join(".aws").join(name)))
        };
        let (config_path, credentials_path) = (
            file("AWS_CONFIG_FILE", "config"),
            file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        );
        let (config, credentials) = (
            read_file(config_path.as_deref())?,
            read_file(credentials_path.as_deref())?,
        );
        let named = var("AWS_PROFILE");
        let profile_name = named.clone().unwrap_or_else(|| "default".to_owned());
        let profile = match profile_of(&config, &credentials, &profile_name) {
            Some(profile) => profile,
            None if named.is_none() => Profile::new(),
            None => {
                let shown =
                    |path: Option<&Path>| path.map_or("(no home folder)".to_owned(), |p| p.display().to_string());
                return Err(EnvironmentError::new(format!(
                    "the profile `{profile_name}` of AWS_PROFILE is in neither {} nor {}",
                    shown(config_path.as_deref()),
                    shown(credentials_path.as_deref())
                )));
            }
        };

        let mut endpoints = ConfiguredEndpoints {
            env: var("AWS_ENDPOINT_URL"),
            env_services: vars
                .iter()
                .filter_map(|(name, value)| {
                    let service = name.strip_prefix("AWS_ENDPOINT_URL_")?;
                    Some((service.to_owned(), value.trim().to_owned())).filter(|(_, v)| !v.is_empty())
                })
                .collect(),
            profile: profile.get("endpoint_url").cloned().filter(|v| !v.is_empty()),
            profile_services: profile
                .get("services")
                .map(|name| services_section(&config, name))
                .unwrap_or_default(),
            ignored: false,
        };
        let truthy = |value: &str| value.eq_ignore_ascii_case("true");
        endpoints.ignored = match var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
            Some(value) => truthy(&value),
            None => profile
                .get("ignore_configured_endpoint_urls")
                .is_some_and(|v| truthy(v)),
        };
        endpoints.check(&profile_name)?;
        Ok(Self {
            profile_name,
            profile,
            region: var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")),
            endpoints,
        })
    }

    /// The region: the variables', else the profile's.
    pub fn region(&self) -> Option<&str> {
        self.region
            .as_deref()
            .or(self.profile.get("region").map(String::as_str))
    }
}

/// The endpoint URLs configured outside the code, as the AWS SDKs read them: for a service, the
/// first of `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the `endpoint_url` of the service's
/// subsection of the profile's `services` section, and the profile's `endpoint_url`; none of them
/// when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (else the profile's
/// `ignore_configured_endpoint_urls`) is `true`. An endpoint URL set in code wins over all.
///
/// `<SERVICE>` is the service's `sdkId` in capitals with `_` for spaces (`AWS_ENDPOINT_URL_SQS`,
/// `AWS_ENDPOINT_URL_ELASTIC_BEANSTALK`); the `services` key is the same in lower case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfiguredEndpoints {
    /// `AWS_ENDPOINT_URL`.
    pub env: Option<String>,
    /// Every `AWS_ENDPOINT_URL_<SERVICE>`, by `<SERVICE>`.
    pub env_services: BTreeMap<String, String>,
    /// The profile's `endpoint_url`.
    pub profile: Option<String>,
    /// The `endpoint_url` of each service of the profile's `services` section, by key (`sqs`).
    pub profile_services: BTreeMap<String, String>,
    /// All of them ignored.
    pub ignored: bool,
}

impl ConfiguredEndpoints {
    /// The endpoint URL configured for the service of this `sdkId`, and where it was configured.
    pub fn for_service(&self, sdk_id: &str) -> Option<(&str, String)> {
        if self.ignored {
            return None;
        }
        let words: Vec<&str> = sdk_id.split_whitespace().collect();
        let variable = words.join("_").to_ascii_uppercase();
        let key = words.join("_").to_ascii_lowercase();
        if let Some(url) = self.env_services.get(&variable) {
            return Some((url, format!("AWS_ENDPOINT_URL_{variable}")));
        }
        if let Some(url) = &self.env {
            return Some((url, "AWS_ENDPOINT_URL".to_owned()));
        }
        if let Some(url) = self.profile_services.get(&key) {
            return Some((url, format!("the profile's services section, `{key}`")));
        }
        self.profile
            .as_deref()
            .map(|url| (url, "the profile's endpoint_url".to_owned()))
    }

    /// Refuses any configured URL that is not an endpoint URL, naming where it was set.
    fn check(&self, profile: &str) -> Result<(), EnvironmentError> {
        let mut all: Vec<(String, &str)> = Vec::new();
        all.extend(self.env.as_deref().map(|url| ("AWS_ENDPOINT_URL".to_owned(), url)));
        all.extend(
            self.env_services
                .iter()
                .map(|(s, url)| (format!("AWS_ENDPOINT_URL_{s}"), url.as_str())),
        );
        all.extend(
            self.profile
                .as_deref()
                .map(|url| (format!("the endpoint_url of profile `{profile}`"), url)),
        );
        all.extend(self.profile_services.iter().map(|(s, url)| {
            (
                format!("the endpoint_url of `{s}` in the services section of profile `{profile}`"),
                url.as_str(),
            )
        }));
        match all
            .into_iter()
            .find(|(_, url)| super::wire::split_endpoint(url).is_none())
        {
            Some((source, url)) => Err(EnvironmentError::new(format!(
                "{source} is `{url}`, which is not an endpoint URL: expected http(s)://host[:port][/path]"
            ))),
            None => Ok(()),
        }
    }
}

/// A shared file's text; one that does not exist is empty.
fn read_file(path: Option<&Path>) -> Result<String, EnvironmentError> {
    match path.map(std::fs::read_to_string) {
        None => Ok(String::new()),
        Some(Ok(text)) => Ok(text),
        Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Some(Err(e)) => Err(EnvironmentError::new(format!(
            "cannot read {}: {e}",
            path.map_or(String::new(), |p| p.display().to_string())
        ))),
    }
}

/// The keys of profile `name` from the two files' texts, `None` when neither has it.
fn profile_of(config: &str, credentials: &str, name: &str) -> Option<Profile> {
    let mut headers = vec![format!("profile {name}")];
    if name == "default" {
        // `[default]` and `[profile default]` both name it in the config file.
        headers.insert(0, "default".to_owned());
    }
    let mut found = false;
    let mut profile = Profile::new();
    for header in &headers {
        if let Some(keys) = section(config, header) {
            found = true;
            profile.extend(keys);
        }
    }
    if let Some(keys) = section(credentials, name) {
        found = true;
        profile.extend(keys);
    }
    found.then_some(profile)
}

/// The keys of profile `name`: `[name]` (or `[profile name]`) of the config file, overridden by
/// `[name]` of the credentials file. A file that does not exist counts as empty, and so does a
/// profile neither file has.
pub fn read_profile(
    config: Option<&Path>,
    credentials: Option<&Path>,
    name: &str,
) -> Result<Profile, EnvironmentError> {
    Ok(profile_of(&read_file(config)?, &read_file(credentials)?, name).unwrap_or_default())
}

/// The `endpoint_url` of each service of `[services NAME]` in the config file's text: its
/// sub-properties (`sqs =` and, indented under it, `endpoint_url = ...`), by service key.
fn services_section(config: &str, name: &str) -> BTreeMap<String, String> {
    let mut urls = BTreeMap::new();
    let mut inside = false;
    let mut service: Option<String> = None;
    for line in config.lines() {
        let indented = line.starts_with([' ', '\t']);
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if !indented {
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
                inside = header.split_whitespace().collect::<Vec<_>>() == ["services", name];
                service = None;
                continue;
            }
        }
        let (Some((key, value)), true) = (line.split_once('='), inside) else {
            continue;
        };
        let (key, value) = (key.trim().to_ascii_lowercase(), strip_comment(value));
        match (indented, &service) {
            (false, _) => service = value.is_empty().then_some(key),
            (true, Some(service)) if key == "endpoint_url" && !value.is_empty() => {
                urls.insert(service.clone(), value.to_owned());
            }
            _ => {}
        }
    }
    urls
}

/// A value without a trailing ` #` or ` ;` comment.
fn strip_comment(value: &str) -> &str {
    let value = value.split(" #").next().unwrap_or(value);
    value.split(" ;").next().unwrap_or(value).trim()
}

/// The `key = value` lines of `[wanted]` in an INI file of the AWS shape, `None` when the file
/// has no such section: `#` and `;` start comments, keys are case-insensitive, indented lines
/// (sub-properties) are skipped.
pub fn section(text: &str, wanted: &str) -> Option<Profile> {
    let mut keys: Option<Profile> = None;
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            inside = name.split_whitespace().collect::<Vec<_>>().join(" ") == wanted;
            if inside {
                keys.get_or_insert_with(Profile::new);
            }
            continue;
        }
        if let (true, Some((key, value)), Some(keys)) = (inside, line.split_once('='), keys.as_mut()) {
            keys.insert(key.trim().to_ascii_lowercase(), strip_comment(value).to_owned());
        }
    }
    keys
}

/// The credentials of a profile: its static keys, else what its `credential_process` prints
/// (kept until five minutes before they expire); read when a call needs them.
#[derive(Debug)]
pub struct ProfileCredentials {
    /// The profile, as read: for messages and the keys.
    name: String,
    profile: Profile,
    cache: CredentialsCache,
}

impl ProfileCredentials {
    /// The credentials of `profile` (named `name`).
    pub fn new(name: impl Into<String>, profile: Profile) -> Self {
        Self {
            name: name.into(),
            profile,
            cache: CredentialsCache::default(),
        }
    }

    fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let key = |k: &str| self.profile.get(k).filter(|v| !v.is_empty()).cloned();
        if let (Some(id), Some(secret)) = (key("aws_access_key_id"), key("aws_secret_access_key")) {
            return Ok(Credentials::new(id, secret, key("aws_session_token")));
        }
        let Some(command) = key("credential_process") else {
            return Err(CredentialsError::new(format!(
                "profile `{}` has neither aws_access_key_id and aws_secret_access_key nor credential_process \
                 (SSO, role_arn and web identity need the `aws-config` feature)",
                self.name
            )));
        };
        if let Some(credentials) = self.cache.fresh() {
            return Ok(credentials);
        }
        let (credentials, expiry) = credential_process(&command)?;
        self.cache.keep(&credentials, expiry);
        Ok(credentials)
    }
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.resolve()))
    }
}

/// Credentials from the environment variables, else from a profile: `Config::from_env()`'s.
#[derive(Debug)]
pub struct EnvironmentOrProfile(pub ProfileCredentials);

impl ProvideCredentials for EnvironmentOrProfile {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let from_env = Credentials::from_env();
        Box::pin(std::future::ready(from_env.or_else(|env| {
            self.0
                .resolve()
                .map_err(|profile| CredentialsError::new(format!("{}; {}", env.message, profile.message)))
        })))
    }
}

/// Runs `command` with the shell and reads the credentials it prints: `{"Version": 1,
/// "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": RFC 3339}`.
pub fn credential_process(command: &str) -> Result<(Credentials, Option<SystemTime>), CredentialsError> {
    let fail = |why: String| CredentialsError::new(format!("credential_process `{command}`: {why}"));
    let output = if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", command]).output()
    } else {
        std::process::Command::new("sh").args(["-c", command]).output()
    }
    .map_err(|e| fail(format!("cannot run it: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(fail(format!("it failed ({}): {}", output.status, stderr.trim())));
    }
    let document = super::json::Reader::new(&output.stdout)
        .document()
        .map_err(|e| fail(format!("its output is not JSON: {e}")))?;
    let Document::Object(fields) = document else {
        return Err(fail("its output is not a JSON object".into()));
    };
    if fields.get("Version") != Some(&Document::Number(Number::PosInt(1))) {
        return Err(fail("its output has no `\"Version\": 1`".into()));
    }
    let text = |key: &str| match fields.get(key) {
        Some(Document::String(s)) => Some(s.clone()),
        _ => None,
    };
    let (Some(id), Some(secret)) = (text("AccessKeyId"), text("SecretAccessKey")) else {
        return Err(fail("its output lacks AccessKeyId or SecretAccessKey".into()));
    };
    let expiry = match text("Expiration") {
        Some(at) => Some(
            super::primitives::DateTime::parse_rfc3339(&at)
                .map(SystemTime::from)
                .map_err(|e| fail(format!("its Expiration `{at}`: {e}")))?,
        ),
        None => None,
    };
    Ok((Credentials::new(id, secret, text("SessionToken")), expiry))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "[default]\nregion = us-west-2\n\n[profile dev]  \nregion=eu-west-1 # Ireland\noutput = json\ns3 =\n  max_concurrent_requests = 10\n; a comment\nendpoint_url = http://localhost:4566\n";
    const CREDENTIALS: &str = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n[dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=dev-secret\naws_session_token=dev-token\n";

    fn files(name: &str) -> (PathBuf, PathBuf) {
        let dir = std::env::temp_dir().join(format!("runtime-profile-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (config, credentials) = (dir.join("config"), dir.join("credentials"));
        std::fs::write(&config, CONFIG).unwrap();
        std::fs::write(&credentials, CREDENTIALS).unwrap();
        (config, credentials)
    }

    #[test]
    fn profiles_come_from_both_files() {
        let (config, credentials) = files("both");
        let dev = read_profile(Some(&config), Some(&credentials), "dev").unwrap();
        assert_eq!(dev.get("region").map(String::as_str), Some("eu-west-1"));
        assert_eq!(
            dev.get("endpoint_url").map(String::as_str),
            Some("http://localhost:4566")
        );
        assert_eq!(dev.get("aws_session_token").map(String::as_str), Some("dev-token"));
        assert!(!dev.contains_key("max_concurrent_requests"), "{dev:?}");
        let default = read_profile(Some(&config), Some(&credentials), "default").unwrap();
        assert_eq!(default.get("region").map(String::as_str), Some("us-west-2"));
        let credentials = ProfileCredentials::new("default", default).resolve().unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDDEFAULT");
        let missing = read_profile(Some(Path::new("/nonexistent/config")), None, "default").unwrap();
        assert!(missing.is_empty());
    }

    /// The variables of an environment whose shared files are `config` and an empty credentials file.
    fn environment(name: &str, config: &str, vars: &[(&str, &str)]) -> Result<Environment, EnvironmentError> {
        let dir = std::env::temp_dir().join(format!("runtime-endpoints-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config"), config).unwrap();
        let mut all = BTreeMap::from([
            ("AWS_CONFIG_FILE".to_owned(), dir.join("config").display().to_string()),
            (
                "AWS_SHARED_CREDENTIALS_FILE".to_owned(),
                dir.join("none").display().to_string(),
            ),
        ]);
        all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        Environment::from_vars(all)
    }

    const SERVICES: &str = "[default]\nendpoint_url = http://profile.local\nservices = local\n\n[services local]\nsqs =\n  endpoint_url = http://sqs.profile.local:4566\nelastic_beanstalk =\n  endpoint_url = http://eb.profile.local ; a comment\n  other = x\ndynamodb = not a sub-section\n\n[services unused]\ns3 =\n  endpoint_url = http://wrong\n";

    #[test]
    fn endpoint_urls_are_taken_in_the_sdks_order() {
        let url = |env: &Environment, sdk_id: &str| env.endpoints.for_service(sdk_id).map(|(url, _)| url.to_owned());
        let everything = environment(
            "order",
            SERVICES,
            &[
                ("AWS_ENDPOINT_URL_SQS", "http://sqs.env.local"),
                ("AWS_ENDPOINT_URL_ELASTIC_BEANSTALK", "http://eb.env.local/base"),
                ("AWS_ENDPOINT_URL", "http://env.local"),
            ],
        )
        .unwrap();
        // The service's variable, then the global one.
        assert_eq!(url(&everything, "SQS").as_deref(), Some("http://sqs.env.local"));
        assert_eq!(
            url(&everything, "Elastic Beanstalk").as_deref(),
            Some("http://eb.env.local/base")
        );
        assert_eq!(url(&everything, "DynamoDB").as_deref(), Some("http://env.local"));
        assert_eq!(
            everything.endpoints.for_service("SQS").unwrap().1,
            "AWS_ENDPOINT_URL_SQS"
        );

        // Without variables: the profile's services section, then its endpoint_url.
        let profile = environment("profile", SERVICES, &[]).unwrap();
        assert_eq!(url(&profile, "SQS").as_deref(), Some("http://sqs.profile.local:4566"));
        assert_eq!(
            url(&profile, "Elastic Beanstalk").as_deref(),
            Some("http://eb.profile.local")
        );
        assert_eq!(
            url(&profile, "S3").as_deref(),
            Some("http://profile.local"),
            "another section's s3 is not ours"
        );
        assert_eq!(url(&profile, "DynamoDB").as_deref(), Some("http://profile.local"));

        // The service's profile section loses to the global variable.
        let global = environment("global", SERVICES, &[("AWS_ENDPOINT_URL", "http://env.local")]).unwrap();
        assert_eq!(url(&global, "SQS").as_deref(), Some("http://env.local"));
    }

    #[test]
    fn configured_endpoint_urls_can_be_ignored() {
        let vars = [
            ("AWS_ENDPOINT_URL_SQS", "http://sqs.env.local"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ];
        let ignored = environment("ignored", SERVICES, &vars).unwrap();
        assert_eq!(ignored.endpoints.for_service("SQS"), None);
        assert_eq!(ignored.endpoints.for_service("DynamoDB"), None);
        let by_profile = format!("[default]\nignore_configured_endpoint_urls = true\n{}", &SERVICES[10..]);
        assert_eq!(
            environment("by-profile", &by_profile, &[])
                .unwrap()
                .endpoints
                .for_service("SQS"),
            None
        );
        // The variable wins over the profile.
        let kept = environment("kept", &by_profile, &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")]).unwrap();
        assert_eq!(
            kept.endpoints.for_service("SQS").unwrap().0,
            "http://sqs.profile.local:4566"
        );
    }

    #[test]
    fn an_endpoint_url_that_is_not_one_is_refused_naming_where_it_was_set() {
        for (vars, config, expected) in [
            (
                &[("AWS_ENDPOINT_URL", "notaurl")][..],
                "",
                "AWS_ENDPOINT_URL is `notaurl`, which is not an endpoint URL",
            ),
            (
                &[("AWS_ENDPOINT_URL_SQS", "ftp://x")][..],
                "",
                "AWS_ENDPOINT_URL_SQS is `ftp://x`",
            ),
            (
                &[("AWS_ENDPOINT_URL", "http://")][..],
                "",
                "AWS_ENDPOINT_URL is `http://`",
            ),
            (
                &[][..],
                "[default]\nendpoint_url = localhost:4566\n",
                "the endpoint_url of profile `default` is `localhost:4566`",
            ),
            (
                &[][..],
                "[default]\nservices = s\n[services s]\nsqs =\n  endpoint_url = sqs.local\n",
                "the endpoint_url of `sqs` in the services section of profile `default` is `sqs.local`",
            ),
        ] {
            let error = environment("refused", config, vars).unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
        }
        let fine = environment("fine", "", &[("AWS_ENDPOINT_URL", "https://[::1]:8443/base/")]);
        assert!(fine.is_ok(), "{fine:?}");
    }

    #[test]
    fn a_named_profile_that_does_not_exist_is_an_error_naming_it() {
        let error = environment("missing", SERVICES, &[("AWS_PROFILE", "missing")])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("the profile `missing` of AWS_PROFILE is in neither"),
            "{error}"
        );
        // An empty profile section exists; a missing `default` is no error.
        let empty = environment("empty", "[profile empty]\n", &[("AWS_PROFILE", "empty")]).unwrap();
        assert!(empty.profile.is_empty());
        assert!(environment("no-default", "", &[]).is_ok());
    }

    #[test]
    fn a_profile_without_keys_says_what_it_lacks() {
        let error = ProfileCredentials::new("empty", Profile::new()).resolve().unwrap_err();
        assert!(error.to_string().contains("profile `empty` has neither"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn credential_process_output_is_read_and_checked() {
        let json = r#"{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "t", "Expiration": "2999-01-01T00:00:00Z"}"#;
        let (credentials, expiry) = credential_process(&format!("printf '%s' '{json}'")).unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDPROCESS");
        assert!(expiry.is_some_and(|e| e > SystemTime::now()));
        let profile = Profile::from([("credential_process".to_owned(), format!("printf '%s' '{json}'"))]);
        assert_eq!(
            ProfileCredentials::new("p", profile).resolve().unwrap().access_key_id(),
            "AKIDPROCESS"
        );
        let failed = credential_process("echo oops >&2; exit 3").unwrap_err().to_string();
        assert!(failed.contains("it failed") && failed.contains("oops"), "{failed}");
        let wrong = credential_process(r#"printf '{"Version": 2}'"#)
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("Version"), "{wrong}");
    }
}

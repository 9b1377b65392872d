//! Configuration from the environment and the shared config files, without `aws-config`:
//! [`Environment`] reads `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL`, `AWS_PROFILE` and
//! the profile of `~/.aws/config` and `~/.aws/credentials` (or `AWS_CONFIG_FILE` and
//! `AWS_SHARED_CREDENTIALS_FILE`); [`ProfileCredentials`] are the static keys of a profile or its
//! `credential_process`. `Config::from_env()` puts them together.
//!
//! What needs the `aws-config` feature instead: SSO, `role_arn` (assuming a role), web identity
//! tokens, the container and instance metadata endpoints.

use super::auth::{Credentials, CredentialsCache, CredentialsError, ProvideCredentials};
use super::primitives::{Document, Number};
use super::transport::BoxFuture;
use std::collections::BTreeMap;
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
    /// `AWS_ENDPOINT_URL`.
    pub endpoint_url: Option<String>,
}

impl Environment {
    /// Reads the process's environment and the shared files it points to (a missing file is an
    /// empty one).
    pub fn read() -> Result<Self, CredentialsError> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let home = var("HOME").or_else(|| var("USERPROFILE")).map(PathBuf::from);
        let file = |variable: &str, name: &str| {
            var(variable)
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|h| h.join(".aws").join(name)))
        };
        let profile_name = var("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
        let profile = read_profile(
            file("AWS_CONFIG_FILE", "config").as_deref(),
            file("AWS_SHARED_CREDENTIALS_FILE", "credentials").as_deref(),
            &profile_name,
        )?;
        Ok(Self {
            profile_name,
            profile,
            region: var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")),
            endpoint_url: var("AWS_ENDPOINT_URL"),
        })
    }

    /// The region: the variables', else the profile's.
    pub fn region(&self) -> Option<&str> {
        self.region
            .as_deref()
            .or(self.profile.get("region").map(String::as_str))
    }

    /// The endpoint URL: the variable's, else the profile's `endpoint_url`.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url
            .as_deref()
            .or(self.profile.get("endpoint_url").map(String::as_str))
    }
}

/// The keys of profile `name`: `[name]` (or `[profile name]`) of the config file, overridden by
/// `[name]` of the credentials file. A file that does not exist counts as empty.
pub fn read_profile(
    config: Option<&Path>,
    credentials: Option<&Path>,
    name: &str,
) -> Result<Profile, CredentialsError> {
    let read = |path: Option<&Path>| -> Result<String, CredentialsError> {
        match path.map(std::fs::read_to_string) {
            None => Ok(String::new()),
            Some(Ok(text)) => Ok(text),
            Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Some(Err(e)) => Err(CredentialsError::new(format!(
                "cannot read {}: {e}",
                path.map_or(String::new(), |p| p.display().to_string())
            ))),
        }
    };
    let config_section = if name == "default" {
        "default".to_owned()
    } else {
        format!("profile {name}")
    };
    let mut profile = section(&read(config)?, &config_section);
    if name == "default" {
        // `[profile default]` is allowed too.
        profile.extend(section(&read(config)?, "profile default"));
    }
    profile.extend(section(&read(credentials)?, name));
    Ok(profile)
}

/// The `key = value` lines of `[wanted]` in an INI file of the AWS shape: `#` and `;` start
/// comments, keys are case-insensitive, indented lines (sub-properties) are skipped.
pub fn section(text: &str, wanted: &str) -> Profile {
    let mut keys = Profile::new();
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
            continue;
        }
        if let (true, Some((key, value))) = (inside, line.split_once('=')) {
            let value = value
                .split(" #")
                .next()
                .unwrap_or(value)
                .split(" ;")
                .next()
                .unwrap_or(value);
            keys.insert(key.trim().to_ascii_lowercase(), value.trim().to_owned());
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

//! The errors of the wire, below every codec: a response that does not match the model
//! ([`DecodeError`]) and an input that cannot become a request ([`BuildError`]).

use std::fmt;

/// A response that does not match the model: malformed JSON, a wrong type, a number out of range,
/// a bad timestamp. It names where in the message the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    /// Path segments, innermost first.
    path: Vec<String>,
    request_id: Option<String>,
}

impl DecodeError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            path: Vec::new(),
            request_id: None,
        }
    }

    /// Keeps the request id of the response (`x-amzn-requestid`).
    pub(crate) fn with_request_id(mut self, headers: &http::HeaderMap) -> Self {
        self.request_id = request_id(headers);
        self
    }

    /// The request id of the response, if it had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Adds an enclosing member or element to the path.
    pub(crate) fn at(mut self, segment: impl fmt::Display) -> Self {
        self.path.push(segment.to_string());
        self
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, as `member.member[index]`, or empty for the message as a whole.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.path.iter().rev() {
            if !out.is_empty() && !segment.starts_with('[') {
                out.push('.');
            }
            out.push_str(segment);
        }
        out
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "malformed response: {}", self.message)
        } else {
            write!(f, "malformed response at `{}`: {}", self.path(), self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

/// An input that cannot become a request: an empty URI label, a header value with a line break,
/// an endpoint that is not an absolute `http(s)` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    member: Option<&'static str>,
    message: String,
}

impl BuildError {
    pub(crate) fn new(member: Option<&'static str>, message: impl Into<String>) -> Self {
        Self {
            member,
            message: message.into(),
        }
    }

    /// The input member at fault, if one is.
    pub fn member(&self) -> Option<&str> {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.member {
            Some(m) => write!(f, "cannot build the request: `{m}` {}", self.message),
            None => write!(f, "cannot build the request: {}", self.message),
        }
    }
}

impl std::error::Error for BuildError {}

/// The request id the service sent, if any.
pub(crate) fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"].iter().find_map(|name| {
        headers
            .get(*name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_request_id_keeps_bytes_that_are_not_ascii() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "x-amzn-requestid",
            http::HeaderValue::from_bytes("id-\u{e9}".as_bytes()).unwrap(),
        );
        assert_eq!(super::request_id(&headers).as_deref(), Some("id-\u{e9}"));
    }
}

//! The HTTP layer every protocol shares: building requests, reading response headers, and the
//! text encodings HTTP bindings use (percent-encoding, base64, timestamps, HTTP dates, header
//! lists). The body codecs (`json.rs`) sit above it.
//!
//! Nothing here does I/O: operations turn inputs into [`http::Request`]s and
//! [`http::Response`]s into outputs or errors, whatever carries them.

// Support code shared by every generated crate; a given model may not need every part.
#![allow(dead_code)]

use super::primitives::DateTime;
#[allow(unused_imports)] // named by the emitted response decoders, not by the runtime
pub(crate) use super::wire_error::request_id;
pub use super::wire_error::{BuildError, DecodeError};
use std::fmt;

/// Percent-encodes everything but RFC 3986's unreserved characters; `keep_slash` for greedy labels.
pub(crate) fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend([
                '%',
                char::from(HEX[usize::from(b >> 4)]),
                char::from(HEX[usize::from(b & 15)]),
            ]);
        }
    }
    out
}

/// An endpoint URL (`https://host[:port][/base/path]`) as its scheme, authority and base path
/// (without a trailing `/`); `None` for anything else (no http(s) scheme, no host, a query or a
/// fragment, whitespace).
pub(crate) fn split_endpoint(endpoint: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = endpoint.split_once("://")?;
    if !matches!(scheme, "http" | "https") || endpoint.contains(char::is_whitespace) {
        return None;
    }
    let (authority, base) = match rest.find(['/', '?', '#']) {
        Some(i) if rest.as_bytes()[i] == b'/' && !rest[i..].contains(['?', '#']) => {
            (&rest[..i], rest[i..].trim_end_matches('/'))
        }
        Some(_) => return None,
        None => (rest, ""),
    };
    (!authority.is_empty()).then_some((scheme, authority, base))
}

/// Builds one request: the path and query as the URI pattern and bindings give them, headers, body.
#[derive(Debug)]
pub(crate) struct RequestBuilder {
    method: &'static str,
    /// `scheme://authority`, with any host prefix applied.
    origin: String,
    path: String,
    /// Encoded names and values; `None` for a literal parameter written without `=`.
    query: Vec<(String, Option<String>)>,
    headers: Vec<(String, String)>,
}

impl RequestBuilder {
    /// Starts a request to `endpoint` (`https://host[:port][/base/path]`); `host_prefix` comes from
    /// the operation's `endpoint` trait, labels already filled in.
    pub(crate) fn new(method: &'static str, endpoint: &str, host_prefix: Option<&str>) -> Result<Self, BuildError> {
        let bad = || {
            BuildError::new(
                None,
                format!("the endpoint `{endpoint}` is not an absolute http(s) URL"),
            )
        };
        let (scheme, authority, base) = split_endpoint(endpoint).ok_or_else(bad)?;
        let origin = format!("{scheme}://{}{authority}", host_prefix.unwrap_or(""));
        Ok(Self {
            method,
            origin,
            path: base.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
        })
    }

    /// A literal part of the URI pattern.
    pub(crate) fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// A label's value, percent-encoded; a greedy label keeps its `/`s.
    pub(crate) fn label(
        &mut self,
        member: &'static str,
        value: impl AsRef<str>,
        greedy: bool,
    ) -> Result<(), BuildError> {
        let value = value.as_ref();
        if value.is_empty() {
            return Err(BuildError::new(Some(member), "is a URI label and must not be empty"));
        }
        let encoded = if greedy {
            percent_encode(value.trim_start_matches('/'), true)
        } else {
            percent_encode(value, false)
        };
        // A `.` or `..` segment would change the path once normalized: its dots are encoded too.
        let segments: Vec<String> = encoded
            .split('/')
            .map(|segment| match segment {
                "." | ".." => segment.replace('.', "%2E"),
                other => other.to_owned(),
            })
            .collect();
        self.path.push_str(&segments.join("/"));
        Ok(())
    }

    /// A query parameter, encoded here.
    pub(crate) fn query(&mut self, name: &str, value: impl AsRef<str>) {
        self.query
            .push((percent_encode(name, false), Some(percent_encode(value.as_ref(), false))));
    }

    /// A literal query parameter from the URI pattern, already encoded as written.
    pub(crate) fn query_literal(&mut self, name: &str, value: Option<&str>) {
        self.query.push((name.to_owned(), value.map(str::to_owned)));
    }

    /// Whether an `httpQuery` member already set this parameter (it wins over `httpQueryParams`).
    pub(crate) fn has_query(&self, name: &str) -> bool {
        let encoded = percent_encode(name, false);
        self.query.iter().any(|(k, _)| *k == encoded)
    }

    pub(crate) fn header(
        &mut self,
        member: &'static str,
        name: &str,
        value: impl Into<String>,
    ) -> Result<(), BuildError> {
        let value = value.into();
        if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
            return Err(BuildError::new(
                Some(member),
                "is an HTTP header value and must not contain CR, LF or NUL",
            ));
        }
        self.headers.push((name.to_owned(), value));
        Ok(())
    }

    /// Appends `value` to a header's comma-separated list, or sets it.
    pub(crate) fn append_header_value(&mut self, name: &str, value: &str) {
        match self.headers.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            Some((_, existing)) => {
                existing.push_str(", ");
                existing.push_str(value);
            }
            None => self.headers.push((name.to_owned(), value.to_owned())),
        }
    }

    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// The request; `content_type` only when there is a body.
    pub(crate) fn build(self, body: Option<(&'static str, Vec<u8>)>) -> Result<http::Request<Vec<u8>>, BuildError> {
        let mut uri = self.origin;
        uri.push_str(if self.path.is_empty() { "/" } else { &self.path });
        for (i, (k, v)) in self.query.iter().enumerate() {
            uri.push(if i == 0 { '?' } else { '&' });
            uri.push_str(k);
            if let Some(v) = v {
                uri.push('=');
                uri.push_str(v);
            }
        }
        let mut request = http::Request::builder().method(self.method).uri(&uri);
        let has_content_type = self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let body = match body {
            Some((content_type, bytes)) => {
                if !has_content_type {
                    request = request.header("content-type", content_type);
                }
                request = request.header("content-length", bytes.len());
                bytes
            }
            None => Vec::new(),
        };
        request
            .body(body)
            .map_err(|e| BuildError::new(None, format!("invalid request (`{uri}`): {e}")))
    }
}

/// A query or header value's text for a timestamp, by format.
pub(crate) fn format_timestamp(value: &DateTime, format: TimestampFormat) -> String {
    match format {
        TimestampFormat::DateTime => value.to_string(),
        TimestampFormat::HttpDate => http_date(value),
        TimestampFormat::EpochSeconds => epoch_seconds(value),
    }
}

/// The timestamp formats of `smithy.api#timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimestampFormat {
    DateTime,
    HttpDate,
    EpochSeconds,
}

/// Epoch seconds with as many fractional digits as needed (`1515531081.123`).
pub(crate) fn epoch_seconds(value: &DateTime) -> String {
    if value.subsec_nanos() == 0 {
        return value.secs().to_string();
    }
    let (secs, nanos) = if value.secs() < 0 {
        (value.secs() + 1, 1_000_000_000 - value.subsec_nanos())
    } else {
        (value.secs(), value.subsec_nanos())
    };
    let sign = if value.secs() < 0 && secs == 0 { "-" } else { "" };
    let fraction = format!("{nanos:09}");
    format!("{sign}{secs}.{}", fraction.trim_end_matches('0'))
}

pub(crate) fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<DateTime, DecodeError> {
    match format {
        TimestampFormat::DateTime => DateTime::parse_rfc3339(text).map_err(|e| DecodeError::new(e.to_string())),
        TimestampFormat::HttpDate => parse_http_date(text),
        TimestampFormat::EpochSeconds => parse_epoch_seconds(text),
    }
}

/// Epoch seconds as JSON writes a number: `1515531081`, `-0.5`, `1.5E9`.
///
/// Digits past the ninth after the point are dropped, as they are from an RFC 3339 date-time,
/// so that one instant reads the same in both formats (`1.9999999999` is 1.999999999 s, never
/// 2 s). Any whole number of seconds that fits an `i64` is read, years past 9999 included, as
/// the official SDKs read them: one far-future value (a "never expires" sentinel) must not fail
/// a whole response. Such a timestamp is written back as epoch seconds exactly; an RFC 3339 or
/// HTTP date of it has a year of more than four digits.
pub(crate) fn parse_epoch_seconds(text: &str) -> Result<DateTime, DecodeError> {
    let bad = || DecodeError::new(format!("`{text}` is not a timestamp in epoch seconds"));
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], unsigned[i + 1..].parse::<i32>().map_err(|_| bad())?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits_ok(whole) || !digits_ok(fraction) || (mantissa.contains('.') && fraction.is_empty())
    {
        return Err(bad());
    }
    let out_of_range = || {
        DecodeError::new(format!(
            "`{text}` is out of the range of timestamps (an i64 of seconds)"
        ))
    };
    // The significant digits, and where the point goes among them once the exponent is applied.
    let significant = whole.trim_start_matches('0');
    let (digits, point) = if significant.is_empty() {
        let digits = fraction.trim_start_matches('0');
        (
            digits.to_owned(),
            i64::from(exponent) - (fraction.len() - digits.len()) as i64,
        )
    } else {
        (
            format!("{significant}{fraction}"),
            significant.len() as i64 + i64::from(exponent),
        )
    };
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        return Ok(DateTime::from_secs(0));
    }
    if point > 19 {
        return Err(out_of_range());
    }
    let (secs_digits, frac_digits) = if point <= 0 {
        (
            String::new(),
            format!("{}{digits}", "0".repeat(point.unsigned_abs().min(20) as usize)),
        )
    } else {
        let point = point as usize;
        if digits.len() >= point {
            (digits[..point].to_owned(), digits[point..].to_owned())
        } else {
            (format!("{digits}{}", "0".repeat(point - digits.len())), String::new())
        }
    };
    let mut secs: i64 = if secs_digits.is_empty() {
        0
    } else {
        secs_digits.parse().map_err(|_| out_of_range())?
    };
    let nine = format!("{:0<9}", &frac_digits[..frac_digits.len().min(9)]);
    let nanos: u32 = nine.parse().map_err(|_| bad())?;
    if negative {
        secs = -secs;
    }
    Ok(if negative && nanos > 0 {
        DateTime::from_secs_and_nanos(secs.checked_sub(1).ok_or_else(out_of_range)?, 1_000_000_000 - nanos)
    } else {
        DateTime::from_secs_and_nanos(secs, nanos)
    })
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`), with milliseconds when there are any.
pub(crate) fn http_date(value: &DateTime) -> String {
    // RFC 3339 text has every field at a fixed place: reuse its calendar arithmetic.
    let text = DateTime::from_secs(value.secs()).to_string();
    let field = |r: std::ops::Range<usize>| text.get(r).unwrap_or("0");
    let month: usize = field(5..7).parse().unwrap_or(1);
    let day_of_week = DAYS[value.secs().div_euclid(86_400).rem_euclid(7) as usize];
    let millis = value.subsec_nanos() / 1_000_000;
    let fraction = if millis > 0 {
        format!(".{millis:03}")
    } else {
        String::new()
    };
    format!(
        "{day_of_week}, {} {} {} {}{fraction} GMT",
        field(8..10),
        MONTHS[(month.clamp(1, 12)) - 1],
        field(0..4),
        field(11..19)
    )
}

pub(crate) fn parse_http_date(text: &str) -> Result<DateTime, DecodeError> {
    let bad = || DecodeError::new(format!("`{text}` is not an HTTP date"));
    let mut parts = text.trim().split(' ');
    let (Some(_day), Some(day), Some(month), Some(year), Some(time), Some("GMT"), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(bad());
    };
    let month = MONTHS.iter().position(|m| *m == month).ok_or_else(bad)? + 1;
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    if day.len() != 2 || year.len() != 4 || hms.len() != 8 {
        return Err(bad());
    }
    let fraction = if fraction.is_empty() {
        String::new()
    } else {
        format!(".{fraction}")
    };
    let rfc3339 = format!("{year}-{month:02}-{day}T{hms}{fraction}Z");
    DateTime::parse_rfc3339(&rfc3339).map_err(|_| bad())
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn base64_decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let bad = || DecodeError::new("invalid base64");
    let bytes = text.trim_end_matches('=').as_bytes();
    if text.len() - bytes.len() > 2 || bytes.len() % 4 == 1 {
        return Err(bad());
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = BASE64.iter().position(|b| b == c).ok_or_else(bad)? as u32;
            n |= v << (18 - 6 * i);
        }
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..chunk.len() - 1]);
    }
    Ok(out)
}

/// One element of a header list: quoted when it holds a comma or a double quote.
pub(crate) fn header_list_item(value: &str) -> String {
    if value.contains([',', '"']) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_owned()
    }
}

/// Splits a header list on commas outside quoted strings, unquoting the quoted elements.
pub(crate) fn split_header_list(value: &str) -> Result<Vec<String>, DecodeError> {
    let mut items = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(DecodeError::new("unterminated quoted string in a header list")),
                    Some('"') => break,
                    Some('\\') => item.push(
                        chars
                            .next()
                            .ok_or_else(|| DecodeError::new("unterminated quoted string in a header list"))?,
                    ),
                    Some(c) => item.push(c),
                }
            }
            while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                chars.next();
            }
            match chars.next() {
                None => {
                    items.push(item);
                    return Ok(items);
                }
                Some(',') => items.push(item),
                Some(_) => return Err(DecodeError::new("text after a quoted string in a header list")),
            }
        } else {
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
                item.push(c);
            }
            items.push(item.trim_end().to_owned());
            if chars.peek().is_none() {
                return Ok(items);
            }
        }
    }
}

/// Splits a list of HTTP dates, which contain commas themselves.
pub(crate) fn split_http_dates(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = value;
    while let Some(end) = rest.find("GMT") {
        items.push(rest[..end + 3].trim().trim_start_matches(',').trim().to_owned());
        rest = &rest[end + 3..];
    }
    items
}

/// All values of a response header, joined with `, ` as one list; `None` when absent.
pub(crate) fn header(headers: &http::HeaderMap, name: &str) -> Result<Option<String>, DecodeError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = value
            .to_str()
            .map_err(|_| DecodeError::new("header value is not visible ASCII").at(name))?;
        match &mut joined {
            Some(j) => {
                j.push_str(", ");
                j.push_str(text);
            }
            None => joined = Some(text.to_owned()),
        }
    }
    Ok(joined)
}

/// Parses a header's text as `T`, naming the header on failure.
pub(crate) fn parse_header<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, DecodeError> {
    text.trim()
        .parse()
        .map_err(|_| DecodeError::new(format!("`{text}` is not a valid {}", std::any::type_name::<T>())).at(name))
}

/// A float from a header or label: also `NaN`, `Infinity`, `-Infinity`.
pub(crate) fn parse_float(name: &str, text: &str) -> Result<f64, DecodeError> {
    match text.trim() {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        other => parse_header(name, other),
    }
}

/// A float as headers, labels and queries write it: `1.1`, `1`, `NaN`, `-Infinity`.
pub(crate) fn format_float<F: Into<f64> + Copy + fmt::Debug>(value: F) -> String {
    let wide: f64 = value.into();
    if wide.is_nan() {
        "NaN".into()
    } else if wide.is_infinite() {
        if wide > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        format!("{value:?}").trim_end_matches(".0").to_owned()
    }
}

/// The awsQuery code of an error of an `aws.protocols#awsQueryCompatible` service: the part of
/// `x-amzn-query-error` (`Code;Fault`) before the `;`, if the response has the header.
#[allow(dead_code)] // in a crate of a service that is not query-compatible
pub(crate) fn query_error_code(headers: &http::HeaderMap) -> Option<String> {
    let value = headers.get("x-amzn-query-error")?.to_str().ok()?;
    let (code, _fault) = value.split_once(';')?;
    let code = code.trim();
    (!code.is_empty()).then(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_error_header_gives_the_awsquery_code() {
        let headers = |value: &str| {
            let mut map = http::HeaderMap::new();
            map.insert("x-amzn-query-error", http::HeaderValue::from_str(value).unwrap());
            map
        };
        let code = query_error_code(&headers("AWS.SimpleQueueService.NonExistentQueue;Sender"));
        assert_eq!(code.as_deref(), Some("AWS.SimpleQueueService.NonExistentQueue"));
        assert_eq!(query_error_code(&headers("NoFault")), None);
        assert_eq!(query_error_code(&headers(";Sender")), None);
        assert_eq!(query_error_code(&http::HeaderMap::new()), None);
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved() {
        assert_eq!(
            percent_encode(" %:/?#[]@!$&'()*+,;=\u{1F639}", false),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(percent_encode("a/b c", true), "a/b%20c");
    }

    #[test]
    fn labels_never_change_the_path() {
        let mut req = RequestBuilder::new("GET", "https://example.com", None).unwrap();
        req.literal("/a/");
        req.label("x", "..", false).unwrap();
        req.literal("/b/");
        req.label("y", "c/../d?e#f", true).unwrap();
        let request = req.build(None).unwrap();
        assert_eq!(request.uri().path(), "/a/%2E%2E/b/c/%2E%2E/d%3Fe%23f");
        let mut req = RequestBuilder::new("GET", "https://example.com", None).unwrap();
        assert!(req.label("x", "", false).is_err());
        assert!(req.header("h", "X-H", "a\r\nInjected: yes").is_err());
    }

    #[test]
    fn epoch_seconds_out_of_range_are_errors() {
        for text in [
            "-9223372036854775808.5",
            "9223372036854775808",
            "99999999999999999999",
            "1e300",
            "1.",
            ".5",
            "1e",
            "abc",
            "--1",
            "1.5e9.1",
        ] {
            assert!(parse_epoch_seconds(text).is_err(), "{text}");
        }
    }

    #[test]
    fn epoch_seconds_take_exponents_and_round_past_nanoseconds() {
        let at = |secs, nanos| DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(parse_epoch_seconds("1.5E9").unwrap(), at(1_500_000_000, 0));
        assert_eq!(parse_epoch_seconds("1.5e+9").unwrap(), at(1_500_000_000, 0));
        assert_eq!(parse_epoch_seconds("15e-1").unwrap(), at(1, 500_000_000));
        assert_eq!(parse_epoch_seconds("1e3").unwrap(), at(1_000, 0));
        assert_eq!(parse_epoch_seconds("0.000123").unwrap(), at(0, 123_000));
        assert_eq!(parse_epoch_seconds("1.1234567891").unwrap(), at(1, 123_456_789));
        // Past nanoseconds, digits are dropped as a date-time's are, never rounded up.
        assert_eq!(parse_epoch_seconds("1.1234567895").unwrap(), at(1, 123_456_789));
        assert_eq!(parse_epoch_seconds("1.9999999999").unwrap(), at(1, 999_999_999));
        assert_eq!(
            parse_epoch_seconds("1.9999999999").unwrap(),
            DateTime::parse_rfc3339("1970-01-01T00:00:01.9999999999Z").unwrap()
        );
        assert_eq!(parse_epoch_seconds("-1.9999999999").unwrap(), at(-2, 1));
        assert_eq!(parse_epoch_seconds("-1.25").unwrap(), at(-2, 750_000_000));
        // Past year 9999: read, and written back as it came.
        let far = parse_epoch_seconds("253402300800").unwrap();
        assert_eq!(far, at(253_402_300_800, 0));
        assert_eq!(epoch_seconds(&far), "253402300800");
        assert_eq!(far.to_string(), "10000-01-01T00:00:00Z");
        assert_eq!(parse_epoch_seconds("9223372036854775807").unwrap(), at(i64::MAX, 0));
        assert_eq!(parse_epoch_seconds("0").unwrap(), at(0, 0));
        assert_eq!(parse_epoch_seconds("007").unwrap(), at(7, 0));
    }

    #[test]
    fn base64_round_trips() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert!(base64_decode("Zm9v!").is_err());
        assert!(base64_decode("Z").is_err());
    }

    #[test]
    fn http_dates_and_epoch_seconds() {
        let t = DateTime::from_secs(1_576_540_098);
        assert_eq!(http_date(&t), "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(parse_http_date("Mon, 16 Dec 2019 23:48:18 GMT").unwrap(), t);
        assert!(parse_http_date("Mon, 16 Dec 2019 23:48:18").is_err());
        let f = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        assert_eq!(epoch_seconds(&f), "1576540098.52");
        assert_eq!(parse_epoch_seconds("1576540098.52").unwrap(), f);
        let neg = DateTime::from_secs_and_nanos(-1, 500_000_000);
        assert_eq!(epoch_seconds(&neg), "-0.5");
        assert_eq!(parse_epoch_seconds("-0.5").unwrap(), neg);
    }

    #[test]
    fn header_lists_quote_and_split() {
        let items = ["b,c", "\"def\"", "a"];
        let joined: Vec<String> = items.iter().map(|i| header_list_item(i)).collect();
        assert_eq!(joined.join(", "), r#""b,c", "\"def\"", a"#);
        assert_eq!(split_header_list(&joined.join(", ")).unwrap(), items);
        assert_eq!(
            split_http_dates("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT").len(),
            2
        );
    }
}

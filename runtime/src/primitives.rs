//! Value types shared by the generated types: timestamps, documents, big numbers and the values
//! of enums that this crate does not know.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time, with nanosecond precision: Smithy's `timestamp`.
///
/// It is seconds since the Unix epoch plus nanoseconds, so the wire formats (epoch seconds with a
/// fraction, RFC 3339, HTTP dates) lose nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// Why a string is not a timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    input: String,
    reason: &'static str,
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an RFC 3339 date-time: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateTimeParseError {}

const NANOS_PER_SEC: u32 = 1_000_000_000;
/// Seconds of 0000-01-01T00:00:00Z and of the end of 9999, the range RFC 3339 can write.
const MIN_SECS: i64 = -62_167_219_200;
const MAX_SECS: i64 = 253_402_300_799;

impl DateTime {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime { secs: 0, nanos: 0 };

    /// Whole seconds since the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// Seconds since the Unix epoch plus nanoseconds; nanoseconds of a second or more carry over.
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        Self {
            secs: secs + (nanos / NANOS_PER_SEC) as i64,
            nanos: nanos % NANOS_PER_SEC,
        }
    }

    /// Fractional seconds since the Unix epoch, as epoch-seconds JSON numbers carry them;
    /// `None` when the value is not finite or out of range.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        if !secs.is_finite() || secs < MIN_SECS as f64 || secs > MAX_SECS as f64 + 1.0 {
            return None;
        }
        let whole = secs.floor();
        // Rounded to microseconds: f64 holds no more for present-day timestamps.
        let micros = ((secs - whole) * 1_000_000.0).round() as u32;
        Some(Self::from_secs_and_nanos(whole as i64, micros * 1_000))
    }

    /// The current time.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// Whole seconds since the Unix epoch (negative before it).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs), below one second.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Fractional seconds since the Unix epoch.
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SEC)
    }

    /// Parses an RFC 3339 date-time (`2024-05-01T12:30:00.5Z`, `2024-05-01T14:30:00+02:00`).
    pub fn parse_rfc3339(input: &str) -> Result<Self, DateTimeParseError> {
        let fail = |reason| DateTimeParseError {
            input: input.to_owned(),
            reason,
        };
        let b = input.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(fail("expected YYYY-MM-DDTHH:MM:SS"));
        }
        // Every digit checked at once, then read without checks: the fields are at fixed places.
        const DIGITS: [usize; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
        if !DIGITS.iter().all(|&i| b[i].is_ascii_digit()) {
            return Err(fail("expected digits"));
        }
        let digit = |i: usize| i64::from(b[i] - b'0');
        let two = |i: usize| digit(i) * 10 + digit(i + 1);
        let year = two(0) * 100 + two(2);
        let (month, day, hour, minute, second) = (two(5), two(8), two(11), two(14), two(17));
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(fail("no such date"));
        }
        // A leap second (`23:59:60` in UTC) reads as the last nanosecond before the next day,
        // as the official SDKs read it.
        if hour > 23 || minute > 59 || second > 60 {
            return Err(fail("no such time of day"));
        }
        let mut rest = &b[19..];
        let mut nanos = 0u32;
        if let Some(fraction) = rest.strip_prefix(b".") {
            let len = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
            if len == 0 {
                return Err(fail("expected digits after `.`"));
            }
            for (i, d) in fraction[..len].iter().enumerate().take(9) {
                nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
            }
            rest = &fraction[len..];
        }
        let offset = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let digits = [*h1, *h2, *m1, *m2];
                if !digits.iter().all(u8::is_ascii_digit) {
                    return Err(fail("bad offset"));
                }
                let v = |i: usize| i64::from(digits[i] - b'0');
                let (hours, minutes) = (v(0) * 10 + v(1), v(2) * 10 + v(3));
                if hours > 23 || minutes > 59 {
                    return Err(fail("no such offset"));
                }
                let minutes = hours * 60 + minutes;
                if *sign == b'+' {
                    minutes * 60
                } else {
                    -minutes * 60
                }
            }
            _ => return Err(fail("expected `Z` or an offset like +02:00")),
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3_600 + minute * 60 + second.min(59) - offset;
        if second == 60 {
            if (secs + 1).rem_euclid(86_400) != 0 {
                return Err(fail("a leap second is 23:59:60 in UTC"));
            }
            return Ok(Self {
                secs,
                nanos: NANOS_PER_SEC - 1,
            });
        }
        Ok(Self { secs, nanos })
    }
}

impl fmt::Display for DateTime {
    /// RFC 3339 in UTC, with as many fractional digits as needed (`2024-05-01T12:30:00.5Z`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let time = self.secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            time / 3_600,
            time % 3_600 / 60,
            time % 60
        )?;
        if self.nanos > 0 {
            let fraction = format!("{:09}", self.nanos);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(d) => Self::from_secs_and_nanos(d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                let (secs, nanos) = (d.as_secs() as i64, d.subsec_nanos());
                if nanos == 0 {
                    Self::from_secs(-secs)
                } else {
                    Self {
                        secs: -secs - 1,
                        nanos: NANOS_PER_SEC - nanos,
                    }
                }
            }
        }
    }
}

impl From<DateTime> for SystemTime {
    fn from(time: DateTime) -> Self {
        let nanos = Duration::from_nanos(u64::from(time.nanos));
        if time.secs >= 0 {
            UNIX_EPOCH + Duration::from_secs(time.secs as u64) + nanos
        } else {
            UNIX_EPOCH - Duration::from_secs(time.secs.unsigned_abs()) + nanos
        }
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// A value of an enum that this crate does not know, such as one the service added later.
///
/// It keeps the exact string from the wire. It can only be made by converting a string that is
/// not a known value, so a known value always compares equal to its own variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    // Used by the generated enums; a model without enums has none.
    #[allow(dead_code)]
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The value exactly as it came.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A value of an intEnum that this crate does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownIntValue(i32);

impl UnknownIntValue {
    // Used by the generated intEnums; a model without them has none.
    #[allow(dead_code)]
    pub(crate) fn new(value: i32) -> Self {
        Self(value)
    }

    /// The value exactly as it came.
    pub fn value(&self) -> i32 {
        self.0
    }
}

/// An untyped JSON-like value: Smithy's `document`.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Document>),
    /// An object, with its keys sorted.
    Object(std::collections::BTreeMap<String, Document>),
}

/// A number inside a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A whole number of zero or more.
    PosInt(u64),
    /// A negative whole number.
    NegInt(i64),
    /// A number with a fraction or exponent.
    Float(f64),
}

/// An arbitrary-precision integer (`bigInteger`), kept as its decimal text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInteger(String);

/// An arbitrary-precision decimal (`bigDecimal`), kept as its decimal text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigDecimal(String);

/// Why a string is not a big number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigNumberParseError(String);

impl fmt::Display for BigNumberParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal number", self.0)
    }
}

impl std::error::Error for BigNumberParseError {}

fn is_decimal(text: &str, fraction: bool) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, rest) = digits.split_at(digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len()));
    if int.is_empty() {
        return false;
    }
    if !fraction {
        return rest.is_empty();
    }
    let rest = match rest.strip_prefix('.') {
        Some(r) => {
            let n = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            if n == 0 {
                return false;
            }
            &r[n..]
        }
        None => rest,
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(exp) => {
            let exp = exp.strip_prefix(['-', '+']).unwrap_or(exp);
            !exp.is_empty() && exp.chars().all(|c| c.is_ascii_digit())
        }
        None => rest.is_empty(),
    }
}

impl std::str::FromStr for BigInteger {
    type Err = BigNumberParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if is_decimal(s, false) {
            Ok(Self(s.to_owned()))
        } else {
            Err(BigNumberParseError(s.to_owned()))
        }
    }
}

impl std::str::FromStr for BigDecimal {
    type Err = BigNumberParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if is_decimal(s, true) {
            Ok(Self(s.to_owned()))
        } else {
            Err(BigNumberParseError(s.to_owned()))
        }
    }
}

impl BigInteger {
    /// The number's decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigDecimal {
    /// The number's decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_with_sub_second_precision() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59.123456789Z",
            "1969-12-31T23:59:59.5Z",
            "0001-01-01T00:00:00Z",
        ] {
            let t = DateTime::parse_rfc3339(text).unwrap();
            assert_eq!(t.to_string(), text);
        }
        let t = DateTime::parse_rfc3339("2024-05-01T14:30:00.25+02:00").unwrap();
        assert_eq!(t.to_string(), "2024-05-01T12:30:00.25Z");
        assert_eq!(t.subsec_nanos(), 250_000_000);
    }

    #[test]
    fn rejects_impossible_dates() {
        for text in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.Z",
        ] {
            assert!(DateTime::parse_rfc3339(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_field_that_is_not_all_digits_is_an_error() {
        let good = "2024-05-01T12:30:45Z";
        for (at, c) in good.char_indices().filter(|(_, c)| c.is_ascii_digit()) {
            for other in ["x", "+", " "] {
                let text = format!("{}{other}{}", &good[..at], &good[at + c.len_utf8()..]);
                assert!(DateTime::parse_rfc3339(&text).is_err(), "{text}");
            }
        }
        assert!(DateTime::parse_rfc3339(good).is_ok());
    }

    #[test]
    fn leap_seconds_are_valid_and_impossible_offsets_are_not() {
        let last = DateTime::parse_rfc3339("2016-12-31T23:59:59Z").unwrap();
        let leap = DateTime::parse_rfc3339("2016-12-31T23:59:60Z").unwrap();
        assert_eq!((leap.secs(), leap.subsec_nanos()), (last.secs(), 999_999_999));
        assert_eq!(DateTime::parse_rfc3339("2017-01-01T08:59:60+09:00").unwrap(), leap);
        for bad in [
            "2016-12-31T12:00:60Z",
            "2016-12-31T23:59:61Z",
            "2020-01-01T00:00:00+24:00",
            "2020-01-01T00:00:00+00:90",
            "2020-01-01T00:00:00-99:00",
        ] {
            assert!(DateTime::parse_rfc3339(bad).is_err(), "{bad}");
        }
        assert!(DateTime::parse_rfc3339("2020-01-01T00:00:00+23:59").is_ok());
    }

    #[test]
    fn epoch_seconds_keep_the_fraction() {
        let t = DateTime::from_secs_f64(1_515_531_081.123).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (1_515_531_081, 123_000_000));
        let t = DateTime::from_secs_f64(-0.5).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (-1, 500_000_000));
        assert!(DateTime::from_secs_f64(f64::NAN).is_none());
        assert_eq!(SystemTime::from(t), UNIX_EPOCH - Duration::from_millis(500));
        assert_eq!(DateTime::from(UNIX_EPOCH - Duration::from_millis(500)), t);
    }

    #[test]
    fn big_numbers_accept_only_decimal_text() {
        assert!("-123".parse::<BigInteger>().is_ok());
        assert!("1.5".parse::<BigInteger>().is_err());
        assert!("1.5e-3".parse::<BigDecimal>().is_ok());
        assert!("1.".parse::<BigDecimal>().is_err());
    }
}

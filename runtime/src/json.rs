//! JSON for the wire: a writer that appends to a buffer and a pull reader over the response bytes.
//!
//! The reader never panics: every malformed, truncated or too deeply nested input becomes a
//! [`DecodeError`], and strings are borrowed from the input when they
//! hold no escapes.

// Support code shared by every generated crate; a given model may not need every part.
#![allow(dead_code)]

use super::primitives::{DateTime, Document, Number};
use super::wire::{epoch_seconds, format_timestamp, parse_epoch_seconds, parse_timestamp, TimestampFormat};
use super::wire_error::DecodeError;
use std::borrow::Cow;

/// How deeply arrays and objects may nest in a response before decoding gives up.
pub(crate) const MAX_DEPTH: usize = 128;

/// The JSON text of `value`, written by `write` (a whole payload).
pub(crate) fn to_vec<T: ?Sized>(value: &T, write: impl FnOnce(&T, &mut Writer)) -> Vec<u8> {
    let mut w = Writer::new();
    write(value, &mut w);
    w.finish()
}

// Writers of values, each `fn(&T, &mut Writer)` as a shape's `encode_json` is, for
// `Writer::member` and the writers of lists and maps.

/// A string, or an enum's value.
pub(crate) fn write_str<S: AsRef<str> + ?Sized>(value: &S, w: &mut Writer) {
    w.string(value.as_ref());
}

pub(crate) fn write_bool(value: &bool, w: &mut Writer) {
    w.bool(*value);
}

pub(crate) fn write_int<I: Copy + Into<i64>>(value: &I, w: &mut Writer) {
    w.int((*value).into());
}

pub(crate) fn write_float<F: Into<f64> + Copy + std::fmt::Debug>(value: &F, w: &mut Writer) {
    w.float(*value);
}

/// Bytes, in base64.
pub(crate) fn write_blob<B: AsRef<[u8]> + ?Sized>(value: &B, w: &mut Writer) {
    w.string(&super::wire::base64_encode(value.as_ref()));
}

pub(crate) fn write_document(value: &Document, w: &mut Writer) {
    w.document(value);
}

/// A timestamp in the date-time format (RFC 3339).
pub(crate) fn write_date_time(value: &DateTime, w: &mut Writer) {
    write_timestamp(w, value, TimestampFormat::DateTime);
}

/// A timestamp in epoch seconds.
pub(crate) fn write_epoch_seconds(value: &DateTime, w: &mut Writer) {
    write_timestamp(w, value, TimestampFormat::EpochSeconds);
}

/// A timestamp as an HTTP date.
pub(crate) fn write_http_date(value: &DateTime, w: &mut Writer) {
    write_timestamp(w, value, TimestampFormat::HttpDate);
}

/// An array, each element written by `item`.
pub(crate) fn write_list<T>(value: &[T], w: &mut Writer, item: impl Fn(&T, &mut Writer)) {
    w.begin_array();
    for element in value {
        item(element, w);
    }
    w.end_array();
}

/// An object, each value written by `item`.
pub(crate) fn write_map<K: AsRef<str>, V>(
    value: &std::collections::HashMap<K, V>,
    w: &mut Writer,
    item: impl Fn(&V, &mut Writer),
) {
    w.begin_object();
    for (key, element) in value {
        w.key(key.as_ref());
        item(element, w);
    }
    w.end_object();
}

/// An element of a sparse list or map: `null` when unset.
pub(crate) fn write_option<T>(value: &Option<T>, w: &mut Writer, item: impl FnOnce(&T, &mut Writer)) {
    match value {
        Some(value) => item(value, w),
        None => w.null(),
    }
}

/// Appends JSON text to a buffer; commas are placed by the writer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    out: String,
    comma: bool,
}

impl Writer {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn before_value(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    pub(crate) fn begin_object(&mut self) {
        self.before_value();
        self.out.push('{');
        self.comma = false;
    }

    pub(crate) fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    pub(crate) fn begin_array(&mut self) {
        self.before_value();
        self.out.push('[');
        self.comma = false;
    }

    pub(crate) fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// An object key; the next value written is its value.
    pub(crate) fn key(&mut self, key: &str) {
        self.before_value();
        self.escaped(key);
        self.out.push(':');
        self.comma = false;
    }

    pub(crate) fn null(&mut self) {
        self.before_value();
        self.out.push_str("null");
    }

    /// A member: its key, and its value written by `write`.
    pub(crate) fn member<T: ?Sized>(&mut self, key: &str, value: &T, write: impl FnOnce(&T, &mut Self)) {
        self.key(key);
        write(value, self);
    }

    /// A member whose value is set; nothing for one that is not.
    pub(crate) fn optional<T>(&mut self, key: &str, value: &Option<T>, write: impl FnOnce(&T, &mut Self)) {
        if let Some(value) = value {
            self.member(key, value, write);
        }
    }

    pub(crate) fn bool(&mut self, value: bool) {
        self.before_value();
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub(crate) fn string(&mut self, value: &str) {
        self.before_value();
        self.escaped(value);
    }

    pub(crate) fn int(&mut self, value: i64) {
        self.before_value();
        self.out.push_str(&value.to_string());
    }

    /// A number written exactly as given (big numbers keep all their digits).
    pub(crate) fn raw_number(&mut self, text: &str) {
        self.before_value();
        self.out.push_str(text);
    }

    /// A float; `NaN` and the infinities become the strings Smithy's JSON protocols use.
    pub(crate) fn float<F: Into<f64> + Copy + std::fmt::Debug>(&mut self, value: F) {
        self.before_value();
        let wide: f64 = value.into();
        if wide.is_nan() {
            self.out.push_str("\"NaN\"");
        } else if wide.is_infinite() {
            self.out
                .push_str(if wide > 0.0 { "\"Infinity\"" } else { "\"-Infinity\"" });
        } else {
            // `Debug` prints the shortest text that reads back as the same `f32` or `f64`.
            self.out.push_str(&format!("{value:?}"));
        }
    }

    pub(crate) fn document(&mut self, value: &Document) {
        match value {
            Document::Null => self.null(),
            Document::Bool(b) => self.bool(*b),
            Document::Number(Number::PosInt(n)) => self.raw_number(&n.to_string()),
            Document::Number(Number::NegInt(n)) => self.int(*n),
            Document::Number(Number::Float(f)) => self.float(*f),
            Document::String(s) => self.string(s),
            Document::Array(items) => {
                self.begin_array();
                for item in items {
                    self.document(item);
                }
                self.end_array();
            }
            Document::Object(entries) => {
                self.begin_object();
                for (k, v) in entries {
                    self.key(k);
                    self.document(v);
                }
                self.end_object();
            }
        }
    }

    fn escaped(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if escape.is_empty() {
                self.out.push_str(&format!("\\u{b:04x}"));
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }
}

/// The offset of the first `"`, `\\` or control byte of `bytes` (its length if none), eight bytes
/// at a time: a word has such a byte when one of three classic zero-byte tests is non-zero, and
/// the lowest bit each test sets is exact (a false one can only follow a true one, by the borrow),
/// so read little-endian its trailing zeros place the first such byte.
fn special_at(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_bytes = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let special = |w: u64| {
        zero_bytes(w ^ (ONES * u64::from(b'"')))
            | zero_bytes(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let found = special(u64::from_le_bytes(word));
        if found != 0 {
            return offset + (found.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    let rest = chunks.remainder();
    let mut word = [b' '; 8];
    word[..rest.len()].copy_from_slice(rest);
    let found = special(u64::from_le_bytes(word));
    if found != 0 {
        offset + (found.trailing_zeros() / 8) as usize
    } else {
        bytes.len()
    }
}

/// A pull reader over one JSON document.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    input: &'a [u8],
    /// The input as text when all of it is valid UTF-8 (checked once, so that every string is a
    /// plain slice); otherwise each string is checked when it is read.
    text: Option<&'a str>,
    pos: usize,
    depth: usize,
    /// No element or member has been read yet in the innermost container.
    first: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            text: std::str::from_utf8(input).ok(),
            pos: 0,
            depth: 0,
            first: true,
        }
    }

    /// The text of `input[start..end]`, both ends next to ASCII bytes the reader stopped at.
    fn text(&self, start: usize, end: usize) -> Result<&'a str, DecodeError> {
        let text = match self.text {
            Some(text) => text.get(start..end),
            None => self.input.get(start..end).and_then(|b| std::str::from_utf8(b).ok()),
        };
        text.ok_or_else(|| self.error("invalid UTF-8 in a string"))
    }

    // The error paths are cold and kept out of line, so that the paths of well-formed input stay
    // short (BENCHMARKS.md, "Decoding, profiled again").
    #[cold]
    #[inline(never)]
    fn error(&self, message: impl Into<String>) -> DecodeError {
        DecodeError::new(format!("{} at byte {}", message.into(), self.pos))
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.input.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.input.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<(), DecodeError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected_byte(byte))
        }
    }

    #[cold]
    #[inline(never)]
    fn unexpected_byte(&self, byte: u8) -> DecodeError {
        self.unexpected(&format!("`{}`", byte as char))
    }

    #[cold]
    #[inline(never)]
    fn unexpected(&self, wanted: &str) -> DecodeError {
        match self.input.get(self.pos) {
            None => self.error(format!("expected {wanted}, found the end of the input")),
            Some(b) if b.is_ascii_graphic() => self.error(format!("expected {wanted}, found `{}`", *b as char)),
            Some(b) => self.error(format!("expected {wanted}, found byte 0x{b:02x}")),
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.input.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// Checks that nothing but whitespace follows the document.
    pub(crate) fn end(&mut self) -> Result<(), DecodeError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.unexpected("the end of the input")),
        }
    }

    /// Reads a member's value into `slot`: `null` leaves it unset, and a repeated key counts with
    /// its last value, `null` included.
    pub(crate) fn read<T>(
        &mut self,
        slot: &mut Option<T>,
        decode: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<(), DecodeError> {
        *slot = if self.null()? { None } else { Some(decode(self)?) };
        Ok(())
    }

    /// Consumes a `null` if one comes next.
    pub(crate) fn null(&mut self) -> Result<bool, DecodeError> {
        if self.peek() == Some(b'n') {
            if self.literal(b"null") {
                return Ok(true);
            }
            return Err(self.unexpected("a value"));
        }
        Ok(false)
    }

    fn enter(&mut self, open: u8) -> Result<(), DecodeError> {
        self.expect(open)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.first = true;
        Ok(())
    }

    fn more(&mut self, close: u8) -> Result<bool, DecodeError> {
        if self.peek() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            self.first = false;
            return Ok(false);
        }
        if self.first {
            self.first = false;
        } else {
            self.expect(b',')?;
        }
        Ok(true)
    }

    pub(crate) fn begin_object(&mut self) -> Result<(), DecodeError> {
        self.enter(b'{')
    }

    /// The next key of the current object, or `None` at its end.
    pub(crate) fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, DecodeError> {
        if !self.more(b'}')? {
            return Ok(None);
        }
        let key = self.string()?;
        self.expect(b':')?;
        Ok(Some(key))
    }

    pub(crate) fn begin_array(&mut self) -> Result<(), DecodeError> {
        self.enter(b'[')
    }

    /// Whether the current array has another element.
    pub(crate) fn next_element(&mut self) -> Result<bool, DecodeError> {
        self.more(b']')
    }

    pub(crate) fn bool(&mut self) -> Result<bool, DecodeError> {
        self.skip_ws();
        if self.literal(b"true") {
            Ok(true)
        } else if self.literal(b"false") {
            Ok(false)
        } else {
            Err(self.unexpected("a boolean"))
        }
    }

    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        let start = self.pos + 1;
        let input = self.input;
        // Fast path: no escapes, borrowed.
        let end = start + input.get(start..).map_or(0, special_at);
        if input.get(end) == Some(&b'"') {
            let text = self.text(start, end)?;
            self.pos = end + 1;
            return Ok(Cow::Borrowed(text));
        }
        self.pos = end;
        self.escaped_string(start).map(Cow::Owned)
    }

    /// The rest of a string from `start`, where the reader stopped at a byte that is not its end.
    #[inline(never)]
    fn escaped_string(&mut self, start: usize) -> Result<String, DecodeError> {
        let input = self.input;
        match input.get(self.pos) {
            None => return Err(self.error("unterminated string")),
            Some(b'\\') => {}
            Some(_) => return Err(self.error("control character in a string")),
        }
        let mut out = self.text(start, self.pos)?.to_owned();
        loop {
            let run = self.pos;
            self.pos += input.get(run..).map_or(0, special_at);
            out.push_str(self.text(run, self.pos)?);
            match input.get(self.pos) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match input.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let high = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&high) {
                                if !self.literal(b"\\u") {
                                    return Err(self.error("unpaired surrogate in a string"));
                                }
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("unpaired surrogate in a string"));
                                }
                                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                            } else {
                                char::from_u32(high)
                            };
                            out.push(c.ok_or_else(|| self.error("unpaired surrogate in a string"))?);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, DecodeError> {
        let digits = self
            .input
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("truncated \\u escape"))?;
        // `from_str_radix` would take a sign: `\u+041` is no escape.
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(self.error("invalid \\u escape"));
        }
        let text = std::str::from_utf8(digits).map_err(|_| self.error("invalid \\u escape"))?;
        let value = u32::from_str_radix(text, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(value)
    }

    /// The text of the next number, checked against JSON's grammar.
    pub(crate) fn number_text(&mut self) -> Result<&'a str, DecodeError> {
        self.skip_ws();
        let input = self.input;
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while input.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = self.pos;
        if input.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let ok = if input.get(pos) == Some(&b'0') {
            pos += 1;
            true
        } else {
            digits(&mut pos)
        };
        if !ok {
            return Err(self.unexpected("a number"));
        }
        if input.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.error("expected digits after `.`"));
            }
        }
        if let Some(b'e' | b'E') = input.get(pos) {
            pos += 1;
            if let Some(b'+' | b'-') = input.get(pos) {
                pos += 1;
            }
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.error("expected digits in an exponent"));
            }
        }
        self.pos = pos;
        // Only ASCII was consumed.
        self.text(start, pos)
    }

    /// A whole number that fits `T`.
    pub(crate) fn integer<T: TryFrom<i64>>(&mut self) -> Result<T, DecodeError> {
        // Fast path: up to 18 digits (no sign, fraction, exponent or leading zero), which cannot
        // overflow, read as they are scanned.
        self.skip_ws();
        let (input, start) = (self.input, self.pos);
        let (mut end, mut value) = (start, 0i64);
        while let Some(&digit @ b'0'..=b'9') = input.get(end) {
            value = value.wrapping_mul(10).wrapping_add(i64::from(digit - b'0'));
            end += 1;
        }
        let digits = end - start;
        if (1..=18).contains(&digits)
            && (digits == 1 || input[start] != b'0')
            && !matches!(input.get(end), Some(b'.' | b'e' | b'E'))
        {
            self.pos = end;
            return T::try_from(value).map_err(|_| self.error(format!("{value} is out of range")));
        }
        let text = self.number_text()?;
        let wide: i64 = text
            .parse()
            .map_err(|_| self.error(format!("`{text}` is not a whole number in range")))?;
        T::try_from(wide).map_err(|_| self.error(format!("{wide} is out of range")))
    }

    /// A float, also from the strings `NaN`, `Infinity` and `-Infinity`.
    pub(crate) fn float(&mut self) -> Result<f64, DecodeError> {
        if self.peek() == Some(b'"') {
            return match self.string()?.as_ref() {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => Err(self.error(format!("`{other}` is not a number"))),
            };
        }
        let text = self.number_text()?;
        text.parse()
            .map_err(|_| self.error(format!("`{text}` is not a number")))
    }

    pub(crate) fn document(&mut self) -> Result<Document, DecodeError> {
        Ok(match self.peek() {
            Some(b'n') if self.null()? => Document::Null,
            Some(b't' | b'f') => Document::Bool(self.bool()?),
            Some(b'"') => Document::String(self.string()?.into_owned()),
            Some(b'[') => {
                self.begin_array()?;
                let mut items = Vec::new();
                while self.next_element()? {
                    items.push(self.document()?);
                }
                Document::Array(items)
            }
            Some(b'{') => {
                self.begin_object()?;
                let mut entries = std::collections::BTreeMap::new();
                while let Some(key) = self.next_key()? {
                    let value = self.document()?;
                    entries.insert(key.into_owned(), value);
                }
                Document::Object(entries)
            }
            _ => {
                let text = self.number_text()?;
                let number = if let Ok(n) = text.parse::<u64>() {
                    Number::PosInt(n)
                } else if let Ok(n) = text.parse::<i64>() {
                    Number::NegInt(n)
                } else {
                    Number::Float(
                        text.parse()
                            .map_err(|_| self.error(format!("`{text}` is not a number")))?,
                    )
                };
                Document::Number(number)
            }
        })
    }

    /// Skips one value of any kind.
    pub(crate) fn skip(&mut self) -> Result<(), DecodeError> {
        match self.peek() {
            Some(b'{') => {
                self.begin_object()?;
                while self.next_key()?.is_some() {
                    self.skip()?;
                }
            }
            Some(b'[') => {
                self.begin_array()?;
                while self.next_element()? {
                    self.skip()?;
                }
            }
            Some(b'"') => {
                self.string()?;
            }
            Some(b't' | b'f') => {
                self.bool()?;
            }
            Some(b'n') if self.null()? => {}
            _ => {
                self.number_text()?;
            }
        }
        Ok(())
    }
}

/// A JSON array, each element read by `item`; errors name the element's index. A dense list
/// (`skip_nulls`) leaves out the `null`s a service may send anyway.
pub(crate) fn list<'a, T>(
    r: &mut Reader<'a>,
    skip_nulls: bool,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    r.begin_array()?;
    let mut items = Vec::new();
    while r.next_element()? {
        if skip_nulls && r.null()? {
            continue;
        }
        let value = item(r).map_err(|e| e.at(format!("[{}]", items.len())))?;
        items.push(value);
    }
    Ok(items)
}

/// A JSON object as a map, each value read by `value`; errors name the key. A dense map
/// (`skip_nulls`) leaves out entries whose value is `null`. Keys are strings or enums.
pub(crate) fn map<'a, K: Eq + std::hash::Hash + std::str::FromStr<Err = std::convert::Infallible>, V>(
    r: &mut Reader<'a>,
    skip_nulls: bool,
    mut value: impl FnMut(&mut Reader<'a>) -> Result<V, DecodeError>,
) -> Result<std::collections::HashMap<K, V>, DecodeError> {
    r.begin_object()?;
    let mut entries = std::collections::HashMap::new();
    while let Some(k) = r.next_key()? {
        if skip_nulls && r.null()? {
            continue;
        }
        let v = value(r).map_err(|e| e.at(format!("[{k:?}]")))?;
        let key = k.parse::<K>().unwrap_or_else(|never| match never {});
        entries.insert(key, v);
    }
    Ok(entries)
}

/// Reads a JSON object, calling `member` with each key and the reader at its value, which
/// `member` reads or skips. An error in a value names its key.
pub(crate) fn object<'a>(
    r: &mut Reader<'a>,
    mut member: impl FnMut(&mut Reader<'a>, &str) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        member(r, &key).map_err(|e| e.at(&key))?;
    }
    Ok(())
}

/// Reads a union: an object of one member, whose value `decode` reads by its key (members set
/// to `null`, and the `__type` some services add to every object, are left out). An error in
/// the value names its key.
pub(crate) fn union<'a, T>(
    r: &mut Reader<'a>,
    mut decode: impl FnMut(&mut Reader<'a>, &str) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let mut found = None;
    object(r, |r, key| {
        if key == "__type" {
            return r.skip();
        }
        if r.null()? {
            return Ok(());
        }
        if found.is_some() {
            return Err(DecodeError::new("a union holds more than one member"));
        }
        found = Some(decode(r, key)?);
        Ok(())
    })?;
    found.ok_or_else(|| DecodeError::new("a union holds no member"))
}

/// A string, owned.
pub(crate) fn string(r: &mut Reader<'_>) -> Result<String, DecodeError> {
    r.string().map(Cow::into_owned)
}

/// The bytes of a base64 string.
pub(crate) fn blob(r: &mut Reader<'_>) -> Result<Vec<u8>, DecodeError> {
    r.string().and_then(|s| super::wire::base64_decode(&s))
}

/// A `float`.
pub(crate) fn float32(r: &mut Reader<'_>) -> Result<f32, DecodeError> {
    r.float().map(|f| f as f32)
}

/// An enum's value from its text; a value the model does not list is kept as it came.
pub(crate) fn enumeration<T: std::str::FromStr<Err = std::convert::Infallible>>(
    r: &mut Reader<'_>,
) -> Result<T, DecodeError> {
    let text = r.string()?;
    Ok(text.parse().unwrap_or_else(|never| match never {}))
}

/// A timestamp in the date-time format (RFC 3339).
pub(crate) fn date_time(r: &mut Reader<'_>) -> Result<DateTime, DecodeError> {
    read_timestamp(r, TimestampFormat::DateTime)
}

/// A timestamp in epoch seconds.
pub(crate) fn epoch_seconds_timestamp(r: &mut Reader<'_>) -> Result<DateTime, DecodeError> {
    read_timestamp(r, TimestampFormat::EpochSeconds)
}

/// A timestamp as an HTTP date.
pub(crate) fn http_date(r: &mut Reader<'_>) -> Result<DateTime, DecodeError> {
    read_timestamp(r, TimestampFormat::HttpDate)
}

/// `None` for `null`, else the value `item` reads (sparse lists and maps).
pub(crate) fn nullable<'a, T>(
    r: &mut Reader<'a>,
    item: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    if r.null()? {
        Ok(None)
    } else {
        item(r).map(Some)
    }
}

/// A big number from its JSON text, all digits kept.
pub(crate) fn big_number<T: std::str::FromStr>(r: &mut Reader<'_>) -> Result<T, DecodeError>
where
    T::Err: std::fmt::Display,
{
    let text = r.number_text()?;
    text.parse().map_err(|e: T::Err| DecodeError::new(e.to_string()))
}

/// A timestamp read from a JSON body: a number of epoch seconds, or a string in `format`.
pub(crate) fn read_timestamp(r: &mut Reader<'_>, format: TimestampFormat) -> Result<DateTime, DecodeError> {
    if format == TimestampFormat::EpochSeconds {
        let text = r.number_text()?;
        return parse_epoch_seconds(text);
    }
    let text = r.string()?;
    parse_timestamp(&text, format)
}

/// A timestamp written into a JSON body.
pub(crate) fn write_timestamp(w: &mut Writer, value: &DateTime, format: TimestampFormat) {
    match format {
        TimestampFormat::EpochSeconds => w.raw_number(&epoch_seconds(value)),
        other => w.string(&format_timestamp(value, other)),
    }
}

/// The error's name: from `X-Amzn-ErrorType`, else the body's `code`, else its `__type`; as
/// Smithy says, only what comes before the first `:` and, of that, after the first `#`.
pub(crate) fn error_code(headers: &http::HeaderMap, body: &[u8]) -> Option<String> {
    let from_header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let raw = from_header.or_else(|| {
        let (code, kind) = error_body_fields(body);
        code.or(kind)
    })?;
    let name = raw.split(':').next().unwrap_or_default();
    let name = name.split_once('#').map_or(name, |(_, after)| after);
    Some(name.to_owned())
}

/// The `code` and `__type` strings at the top of a JSON error body, if it is one.
fn error_body_fields(body: &[u8]) -> (Option<String>, Option<String>) {
    let mut found = (None, None);
    let mut r = Reader::new(body);
    if r.begin_object().is_err() {
        return found;
    }
    while let Ok(Some(key)) = r.next_key() {
        let slot = match key.as_ref() {
            "code" => &mut found.0,
            "__type" => &mut found.1,
            _ => {
                if r.skip().is_err() {
                    break;
                }
                continue;
            }
        };
        // The last value of a repeated key counts; one that is not a string counts as absent.
        match r.document() {
            Ok(Document::String(s)) => *slot = Some(s),
            Ok(_) => *slot = None,
            Err(_) => break,
        }
    }
    found
}

/// The message of an error body that the model does not describe: `message`, else the first
/// of `Message` and `errorMessage`, wherever each stands in the body (the official SDKs take
/// `message` when a body has both).
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    let mut r = Reader::new(body);
    r.begin_object().ok()?;
    let mut other = None;
    while let Ok(Some(key)) = r.next_key() {
        let lower = key.as_ref() == "message";
        if lower || (other.is_none() && matches!(key.as_ref(), "Message" | "errorMessage")) {
            if let Ok(s) = r.string() {
                if lower {
                    return Some(s.into_owned());
                }
                other = Some(s.into_owned());
                continue;
            }
        }
        if r.skip().is_err() {
            break;
        }
    }
    other
}

/// The value a whole JSON document holds (an event's or a response's payload), read by
/// `decode`; anything after it is an error.
pub(crate) fn from_slice<'a, T>(
    bytes: &'a [u8],
    decode: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let mut reader = Reader::new(bytes);
    let value = decode(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// A reader over a JSON body; an empty body reads as `{}`.
pub(crate) fn body_reader(body: &[u8]) -> Reader<'_> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Reader::new(b"{}")
    } else {
        Reader::new(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_bytes_are_found_at_every_offset() {
        for len in 0..40 {
            for at in 0..len {
                for special in [b'"', b'\\', 0x00, 0x1f] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    if at + 1 < len {
                        bytes[at + 1] = 0x7f; // high and odd bytes after it change nothing
                    }
                    assert_eq!(special_at(&bytes), at, "{special:#x} at {at} of {len}");
                }
            }
            assert_eq!(special_at(&"é😀 ~".repeat(len).into_bytes()), 8 * len);
        }
    }

    #[test]
    fn writes_nested_values_with_commas_and_escapes() {
        let mut w = Writer::new();
        w.begin_object();
        w.key("a\"b");
        w.begin_array();
        w.int(1);
        w.float(f64::NAN);
        w.string("x\n\u{1}");
        w.end_array();
        w.key("c");
        w.begin_object();
        w.end_object();
        w.end_object();
        assert_eq!(
            String::from_utf8(w.finish()).unwrap(),
            r#"{"a\"b":[1,"NaN","x\n\u0001"],"c":{}}"#
        );
    }

    #[test]
    fn reads_what_it_writes() {
        let text = br#" {"s":"a\u00e9\ud83d\ude00\"", "n":[-1.5e3, 0, 7], "o":{"x":null}, "b":true} "#;
        let mut r = Reader::new(text);
        let doc = r.document().unwrap();
        r.end().unwrap();
        let mut w = Writer::new();
        w.document(&doc);
        let again = Reader::new(&w.finish()).document().unwrap();
        assert_eq!(doc, again);
        let Document::Object(o) = doc else { panic!("object") };
        assert_eq!(o["s"], Document::String("a\u{e9}\u{1F600}\"".into()));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        for bad in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":}",
            "[1,]",
            "[,1]",
            "{,}",
            "\"\\ud800\"",
            "\"\\u+041\"",
            "\"\\u-041\"",
            "01",
            "1.",
            "-",
            "tru",
            "\"\u{1}\"",
            "{\"a\":1 \"b\":2}",
            deep.as_str(),
        ] {
            let mut r = Reader::new(bad.as_bytes());
            assert!(r.skip().and_then(|()| r.end()).is_err(), "{bad:?}");
        }
        assert!(Reader::new(b"\"\xff\"").string().is_err());
        assert!(Reader::new(b"300").integer::<i8>().is_err());
        assert!(Reader::new(b"1.5").integer::<i32>().is_err());
        assert!(Reader::new(b"99999999999999999999").integer::<i64>().is_err());
    }

    #[test]
    fn integers_read_alike_on_the_fast_and_the_general_path() {
        // Up to 18 plain digits take the fast path; signs, 19 digits and more the general one.
        for text in [
            "0",
            "7",
            "-7",
            "-0",
            "123456789012345678",
            "1234567890123456789",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            let padded = format!(" {text} ");
            let mut r = Reader::new(padded.as_bytes());
            assert_eq!(r.integer::<i64>().unwrap(), text.parse::<i64>().unwrap(), "{text}");
            r.end().unwrap();
        }
        assert_eq!(Reader::new(b"2147483647").integer::<i32>().unwrap(), i32::MAX);
        for bad in [
            "2147483648",
            "9223372036854775808",
            "1234567890123456789012345",
            "1e3",
            "1.0",
            "00",
            "012",
            "-",
        ] {
            let mut r = Reader::new(bad.as_bytes());
            assert!(r.integer::<i32>().and_then(|_| r.end()).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unmodeled_errors_message_is_message_first_wherever_it_stands() {
        let message = |body: &str| error_message(body.as_bytes());
        assert_eq!(
            message(r#"{"Message": "upper", "message": "lower"}"#).as_deref(),
            Some("lower")
        );
        assert_eq!(
            message(r#"{"message": "lower", "Message": "upper"}"#).as_deref(),
            Some("lower")
        );
        assert_eq!(
            message(r#"{"errorMessage": "e", "Message": "upper"}"#).as_deref(),
            Some("e")
        );
        assert_eq!(
            message(r#"{"Message": "upper", "message": 5}"#).as_deref(),
            Some("upper")
        );
        assert_eq!(message(r#"{"code": "X"}"#), None);
        assert_eq!(message(r#"{"Message": "upper", "#).as_deref(), Some("upper"));
    }
    #[test]
    fn error_names_follow_smithys_rule_and_skip_values_that_are_not_strings() {
        let none = http::HeaderMap::new();
        let code = |body: &str| error_code(&none, body.as_bytes());
        assert_eq!(code(r#"{"__type": "a.b#C#D:x"}"#).as_deref(), Some("C#D"));
        assert_eq!(code(r#"{"__type": " Spaced "}"#).as_deref(), Some(" Spaced "));
        assert_eq!(code(r#"{"code": 5, "__type": "ns#Real"}"#).as_deref(), Some("Real"));
        assert_eq!(code(r#"{"code": {"x": 1}, "__type": "Real"}"#).as_deref(), Some("Real"));
        assert_eq!(
            code(r#"{"code": "First", "code": null, "__type": "Type"}"#).as_deref(),
            Some("Type")
        );
        assert_eq!(
            code(r#"{"code": "First", "code": "Second"}"#).as_deref(),
            Some("Second")
        );
    }
    #[test]
    fn error_codes_lose_namespace_and_suffix() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(
            error_code(
                &headers,
                br#"{"__type": "aws.protocoltests.restjson#FooError:http://internal.amazon.com/"}"#
            )
            .as_deref(),
            Some("FooError")
        );
        assert_eq!(
            error_code(&headers, br#"{"code": "FooError", "__type": "Other"}"#).as_deref(),
            Some("FooError")
        );
        headers.insert(
            "x-amzn-errortype",
            "FooError:http://internal.amazon.com/".parse().unwrap(),
        );
        assert_eq!(error_code(&headers, b"").as_deref(), Some("FooError"));
    }
}

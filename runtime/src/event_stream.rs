//! The `application/vnd.amazon.eventstream` framing (feature `event-streams`): messages of
//! typed headers and a payload, each checked by two CRC32s, decoded incrementally from the bytes
//! of a response as they arrive, and encoded for a request's stream.
//!
//! A message on the wire, every number big-endian:
//!
//! ```text
//! total length (u32) | headers length (u32) | prelude CRC32 (u32, of the 8 bytes before it)
//! headers (headers length bytes) | payload | message CRC32 (u32, of every byte before it)
//! ```
//!
//! and each header `name length (u8) | name (UTF-8) | value type (u8) | value`. A malformed
//! message, a bad checksum or a stream that ends inside a message is a [`FrameError`], never a
//! panic; after one, the stream cannot be trusted and the decoder gives that error again.

use std::fmt;

/// The largest message the decoder accepts by default: 16 MiB, the services' own limit.
pub const MAX_MESSAGE: usize = 16 * 1024 * 1024;
/// The prelude: total length, headers length, prelude CRC32.
const PRELUDE: usize = 12;
/// A message with no headers and no payload: the prelude and the message CRC32.
const MIN_MESSAGE: usize = PRELUDE + 4;

/// The value of a header, by its wire type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// Types 0 (`true`) and 1 (`false`).
    Bool(bool),
    /// Type 2.
    Byte(i8),
    /// Type 3.
    Int16(i16),
    /// Type 4.
    Int32(i32),
    /// Type 5.
    Int64(i64),
    /// Type 6: at most 65,535 bytes.
    Bytes(Vec<u8>),
    /// Type 7: UTF-8, at most 65,535 bytes.
    String(String),
    /// Type 8: milliseconds since the Unix epoch.
    Timestamp(i64),
    /// Type 9.
    Uuid([u8; 16]),
}

/// One message: its headers in wire order, and its payload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// The headers (`:event-type`, `:message-type`, `:content-type`, ...), in order.
    pub headers: Vec<(String, HeaderValue)>,
    /// The payload.
    pub payload: Vec<u8>,
}

impl Message {
    /// A message with this payload and no headers yet.
    pub fn new(payload: impl Into<Vec<u8>>) -> Self {
        Self {
            headers: Vec::new(),
            payload: payload.into(),
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: HeaderValue) -> Self {
        self.headers.push((name.into(), value));
        self
    }

    /// The value of the first header named `name`.
    pub fn get(&self, name: &str) -> Option<&HeaderValue> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The value of the first header named `name`, if it is a string.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }

    /// The message on the wire; a header name over 255 bytes, a value over 65,535 or a message
    /// over 4 GiB is an error.
    pub fn encode(&self) -> Result<Vec<u8>, FrameError> {
        let headers = encode_headers(&self.headers)?;
        let total = MIN_MESSAGE + headers.len() + self.payload.len();

        let too_large = || {
            FrameError::new(
                FrameErrorKind::TooLarge,
                format!("a message of {total} bytes is over 4 GiB"),
            )
        };
        let total_length = u32::try_from(total).map_err(|_| too_large())?;
        let headers_length = u32::try_from(headers.len()).map_err(|_| too_large())?;
        let mut out = Vec::with_capacity(total);
        out.extend_from_slice(&total_length.to_be_bytes());
        out.extend_from_slice(&headers_length.to_be_bytes());
        out.extend_from_slice(&crc32(&out).to_be_bytes());
        out.extend_from_slice(&headers);
        out.extend_from_slice(&self.payload);
        out.extend_from_slice(&crc32(&out).to_be_bytes());
        Ok(out)
    }
}

/// The bytes of these headers, as a message carries them.
pub(crate) fn encode_headers(headers: &[(String, HeaderValue)]) -> Result<Vec<u8>, FrameError> {
    let mut out = Vec::new();
    for (name, value) in headers {
        let name_length = u8::try_from(name.len()).map_err(|_| {
            FrameError::new(
                FrameErrorKind::Header,
                format!("header name `{name}` is over 255 bytes"),
            )
        })?;
        out.push(name_length);
        out.extend_from_slice(name.as_bytes());
        match value {
            HeaderValue::Bool(true) => out.push(0),
            HeaderValue::Bool(false) => out.push(1),
            HeaderValue::Byte(v) => push_fixed(&mut out, 2, &v.to_be_bytes()),
            HeaderValue::Int16(v) => push_fixed(&mut out, 3, &v.to_be_bytes()),
            HeaderValue::Int32(v) => push_fixed(&mut out, 4, &v.to_be_bytes()),
            HeaderValue::Int64(v) => push_fixed(&mut out, 5, &v.to_be_bytes()),
            HeaderValue::Bytes(bytes) => push_sized(&mut out, 6, name, bytes)?,
            HeaderValue::String(text) => push_sized(&mut out, 7, name, text.as_bytes())?,
            HeaderValue::Timestamp(ms) => push_fixed(&mut out, 8, &ms.to_be_bytes()),
            HeaderValue::Uuid(uuid) => push_fixed(&mut out, 9, uuid),
        }
    }
    Ok(out)
}

/// A header value of type `kind` and a fixed size.
fn push_fixed(out: &mut Vec<u8>, kind: u8, bytes: &[u8]) {
    out.push(kind);
    out.extend_from_slice(bytes);
}

/// A header value of type `kind` with a 16-bit length.
fn push_sized(out: &mut Vec<u8>, kind: u8, name: &str, bytes: &[u8]) -> Result<(), FrameError> {
    let length = u16::try_from(bytes.len()).map_err(|_| {
        FrameError::new(
            FrameErrorKind::Header,
            format!("the value of header `{name}` is over 65,535 bytes"),
        )
    })?;
    out.push(kind);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

/// Decodes messages from a byte stream, however it is cut: [`push`](Self::push) bytes as they
/// arrive, then take every message they complete with [`next_message`](Self::next_message).
#[derive(Debug)]
pub struct Decoder {
    buffer: Vec<u8>,
    max_message: usize,
    failed: Option<FrameError>,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// A decoder with the default limit, [`MAX_MESSAGE`].
    pub fn new() -> Self {
        Self::with_max_message(MAX_MESSAGE)
    }

    /// A decoder that refuses messages longer than `bytes`.
    pub fn with_max_message(bytes: usize) -> Self {
        Self {
            buffer: Vec::new(),
            max_message: bytes,
            failed: None,
        }
    }

    /// Adds the next bytes of the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole message, `None` if the bytes so far end inside one, or the error that
    /// makes the stream unreadable (from then on, every call gives it).
    pub fn next_message(&mut self) -> Result<Option<Message>, FrameError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        match self.decode() {
            Ok(Some((message, used))) => {
                self.buffer.drain(..used);
                Ok(Some(message))
            }
            Ok(None) => Ok(None),
            Err(error) => {
                self.failed = Some(error.clone());
                Err(error)
            }
        }
    }

    /// At the end of the stream: an error if it ended inside a message.
    pub fn finish(&self) -> Result<(), FrameError> {
        match &self.failed {
            Some(error) => Err(error.clone()),
            None if self.buffer.is_empty() => Ok(()),
            None => Err(FrameError::new(
                FrameErrorKind::Truncated,
                format!("the stream ended {} bytes into a message", self.buffer.len()),
            )),
        }
    }

    /// The first message of the buffer and its length, if the buffer holds all of it.
    fn decode(&self) -> Result<Option<(Message, usize)>, FrameError> {
        let Some(prelude) = self.buffer.get(..PRELUDE) else {
            return Ok(None);
        };
        let word = |at: usize| u32::from_be_bytes([prelude[at], prelude[at + 1], prelude[at + 2], prelude[at + 3]]);
        if crc32(&prelude[..8]) != word(8) {
            return Err(FrameError::new(
                FrameErrorKind::PreludeChecksum,
                "the prelude's checksum does not match",
            ));
        }
        let (total, headers_length) = (word(0) as usize, word(4) as usize);
        if total > self.max_message {
            return Err(FrameError::new(
                FrameErrorKind::TooLarge,
                format!("a message of {total} bytes is over the limit of {}", self.max_message),
            ));
        }
        if total < MIN_MESSAGE || headers_length > total - MIN_MESSAGE {
            return Err(FrameError::new(
                FrameErrorKind::Length,
                format!("a message of {total} bytes cannot hold {headers_length} bytes of headers"),
            ));
        }
        let Some(frame) = self.buffer.get(..total) else {
            return Ok(None);
        };
        let (body, checksum) = frame.split_at(total - 4);
        if crc32(body) != u32::from_be_bytes([checksum[0], checksum[1], checksum[2], checksum[3]]) {
            return Err(FrameError::new(
                FrameErrorKind::MessageChecksum,
                "the message's checksum does not match",
            ));
        }
        let headers = read_headers(&body[PRELUDE..PRELUDE + headers_length])?;
        let payload = body[PRELUDE + headers_length..].to_vec();
        Ok(Some((Message { headers, payload }, total)))
    }
}

/// The events of a streaming output (`output.stream`), each decoded as it arrives: take them
/// with [`recv`](Self::recv), or as a `futures_core::Stream`.
///
/// A modeled exception in the stream is the operation's error of that name; an event of a type
/// the model does not know is the union's `Unknown`. A transport failure, a malformed message, or
/// a stream that ends inside a message is an error too, never an early end; after an error the
/// stream is over. [`from_events`](Self::from_events) makes one for a test double.
pub struct Receiver<T, E> {
    source: Source<T, E>,
    done: bool,
}

/// Where a [`Receiver`]'s events come from.
enum Source<T, E> {
    /// Messages from a response body, each read by `event` (`None` for one that carries no
    /// event, such as an `initial-response`).
    Wire {
        body: super::transport::ByteStream,
        decoder: Decoder,
        event: fn(Message) -> Result<Option<T>, E>,
    },
    /// Events given whole.
    Given(std::collections::VecDeque<Result<T, E>>),
}

impl<T, E> Receiver<T, E>
where
    E: From<super::wire::DecodeError> + From<super::error::DispatchError>,
{
    /// The events of `body`, each message read by `event`.
    pub(crate) fn new(body: super::transport::ByteStream, event: fn(Message) -> Result<Option<T>, E>) -> Self {
        Self {
            source: Source::Wire {
                body,
                decoder: Decoder::new(),
                event,
            },
            done: false,
        }
    }

    /// A stream of these events and errors, in order, for a test double (`test_util::Mock`) to
    /// answer with: it ends after the last one, or at the first error, as a real one does.
    pub fn from_events(events: impl IntoIterator<Item = Result<T, E>>) -> Self {
        Self {
            source: Source::Given(events.into_iter().collect()),
            done: false,
        }
    }

    /// The next event: `Ok(None)` once the stream has ended.
    pub async fn recv(&mut self) -> Result<Option<T>, E> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await.transpose()
    }

    /// Polls for the next event: `Ready(None)` once the stream has ended.
    pub fn poll_recv(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<T, E>>> {
        use std::task::Poll;
        if self.done {
            return Poll::Ready(None);
        }
        let next = match &mut self.source {
            Source::Given(events) => events.pop_front(),
            Source::Wire { body, decoder, event } => std::task::ready!(Self::poll_wire(body, decoder, *event, cx)),
        };
        // After an error, or at the end, the stream is over.
        self.done = !matches!(next, Some(Ok(_)));
        Poll::Ready(next)
    }

    fn poll_wire(
        body: &mut super::transport::ByteStream,
        decoder: &mut Decoder,
        event: fn(Message) -> Result<Option<T>, E>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<T, E>>> {
        use std::task::Poll;
        let frame_error = |e: FrameError| E::from(super::wire::DecodeError::new(e.to_string()));
        loop {
            match decoder.next_message() {
                Ok(Some(message)) => match event(message) {
                    Ok(Some(event)) => return Poll::Ready(Some(Ok(event))),
                    Ok(None) => continue,
                    Err(error) => return Poll::Ready(Some(Err(error))),
                },
                Err(error) => return Poll::Ready(Some(Err(frame_error(error)))),
                Ok(None) => {}
            }
            match std::task::ready!(body.poll_chunk(cx)) {
                Some(Ok(bytes)) => decoder.push(&bytes),
                Some(Err(error)) => {
                    return Poll::Ready(Some(Err(super::error::DispatchError::from(error).into())));
                }
                None => return Poll::Ready(decoder.finish().err().map(|e| Err(frame_error(e)))),
            }
        }
    }
}

// Nothing of it is pinned in place: the events it holds are moved out whole.
impl<T, E> Unpin for Receiver<T, E> {}

impl<T, E> futures_core::Stream for Receiver<T, E>
where
    E: From<super::wire::DecodeError> + From<super::error::DispatchError>,
{
    type Item = Result<T, E>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx)
    }
}

impl<T, E> fmt::Debug for Receiver<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// What a message carries, by its `:message-type` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    /// An event of this `:event-type`.
    Event(&'a str),
    /// A modeled exception of this `:exception-type`.
    Exception(&'a str),
    /// An error the service names only by `:error-code` and `:error-message`.
    Error,
}

/// The string value of the first header named `name`.
fn header_str<'a>(headers: &'a [(String, HeaderValue)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).and_then(|(_, v)| match v {
        HeaderValue::String(s) => Some(s.as_str()),
        _ => None,
    })
}

/// What a message with these headers carries; one with no `:message-type` of the three cannot
/// be read. (By the headers alone, so that the payload can be moved out while it is matched.)
pub(crate) fn kind(headers: &[(String, HeaderValue)]) -> Result<Kind<'_>, super::wire::DecodeError> {
    let named = |header: &str| {
        header_str(headers, header)
            .ok_or_else(|| super::wire::DecodeError::new(format!("an event stream message without `{header}`")))
    };
    match named(":message-type")? {
        "event" => Ok(Kind::Event(named(":event-type")?)),
        "exception" => Ok(Kind::Exception(named(":exception-type")?)),
        "error" => Ok(Kind::Error),
        other => Err(super::wire::DecodeError::new(format!(
            "an event stream message of type `{other}`"
        ))),
    }
}

/// The value of header `name` (an event member bound to it), read by `read`; a value of
/// another type is an error.
#[allow(dead_code)] // in a crate whose events have no headers of their own
pub(crate) fn header_as<T>(
    headers: &[(String, HeaderValue)],
    name: &str,
    read: impl FnOnce(&HeaderValue) -> Option<T>,
) -> Result<Option<T>, super::wire::DecodeError> {
    match headers.iter().find(|(n, _)| n == name) {
        None => Ok(None),
        Some((_, value)) => read(value)
            .map(Some)
            .ok_or_else(|| super::wire::DecodeError::new("a header of another type than the model's").at(name)),
    }
}

/// The modeled exception a payload carries, read by its error's `decode_response`.
#[allow(dead_code)] // in a crate whose streams carry no modeled exception
pub(crate) fn exception<T>(
    payload: &[u8],
    decode: fn(u16, &http::HeaderMap, &[u8]) -> Result<T, super::wire::DecodeError>,
) -> Result<T, super::wire::DecodeError> {
    decode(200, &http::HeaderMap::new(), payload)
}

/// An error message, or an exception the operation does not model: its code and message (from
/// `:error-message`, else what the protocol's `message` finds in the payload).
pub(crate) fn unmodeled(
    headers: &[(String, HeaderValue)],
    payload: &[u8],
    message: fn(&[u8]) -> Option<String>,
) -> super::error::UnmodeledError {
    let code = header_str(headers, ":error-code")
        .or_else(|| header_str(headers, ":exception-type"))
        .unwrap_or_default();
    let text = header_str(headers, ":error-message")
        .map(str::to_owned)
        .or_else(|| message(payload));
    let error = super::error::UnmodeledError::new(code, 200);
    match text {
        Some(text) => error.with_message(text),
        None => error,
    }
}

/// The headers of a message, from exactly their bytes.
fn read_headers(mut bytes: &[u8]) -> Result<Vec<(String, HeaderValue)>, FrameError> {
    fn take<'a>(bytes: &mut &'a [u8], n: usize, what: &str) -> Result<&'a [u8], FrameError> {
        if bytes.len() < n {
            return Err(FrameError::new(
                FrameErrorKind::Header,
                format!("the headers end inside {what}"),
            ));
        }
        let (head, rest) = bytes.split_at(n);
        *bytes = rest;
        Ok(head)
    }
    fn array<const N: usize>(bytes: &mut &[u8], what: &str) -> Result<[u8; N], FrameError> {
        let mut out = [0; N];
        out.copy_from_slice(take(bytes, N, what)?);
        Ok(out)
    }
    let mut headers = Vec::new();
    while !bytes.is_empty() {
        let [name_length] = array::<1>(&mut bytes, "a header name's length")?;
        if name_length == 0 {
            return Err(FrameError::new(FrameErrorKind::Header, "a header has an empty name"));
        }
        let name = take(&mut bytes, usize::from(name_length), "a header name")?;
        let name = std::str::from_utf8(name)
            .map_err(|_| FrameError::new(FrameErrorKind::Header, "a header name is not UTF-8"))?
            .to_owned();
        let [kind] = array::<1>(&mut bytes, "a header's value type")?;
        let value = match kind {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(i8::from_be_bytes(array(&mut bytes, "a byte value")?)),
            3 => HeaderValue::Int16(i16::from_be_bytes(array(&mut bytes, "an int16 value")?)),
            4 => HeaderValue::Int32(i32::from_be_bytes(array(&mut bytes, "an int32 value")?)),
            5 => HeaderValue::Int64(i64::from_be_bytes(array(&mut bytes, "an int64 value")?)),
            6 | 7 => {
                let length = u16::from_be_bytes(array(&mut bytes, "a value's length")?);
                let value = take(&mut bytes, usize::from(length), "a value")?.to_vec();
                if kind == 6 {
                    HeaderValue::Bytes(value)
                } else {
                    HeaderValue::String(String::from_utf8(value).map_err(|_| {
                        FrameError::new(
                            FrameErrorKind::Header,
                            format!("the value of header `{name}` is not UTF-8"),
                        )
                    })?)
                }
            }
            8 => HeaderValue::Timestamp(i64::from_be_bytes(array(&mut bytes, "a timestamp value")?)),
            9 => HeaderValue::Uuid(array(&mut bytes, "a UUID value")?),
            other => {
                return Err(FrameError::new(
                    FrameErrorKind::Header,
                    format!("header `{name}` has the unknown value type {other}"),
                ))
            }
        };
        headers.push((name, value));
    }
    Ok(headers)
}

/// What is wrong with a stream's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameErrorKind {
    /// The prelude's CRC32 does not match.
    PreludeChecksum,
    /// The message's CRC32 does not match.
    MessageChecksum,
    /// The lengths of the prelude do not fit together.
    Length,
    /// A message over the decoder's limit (or, to encode, over 4 GiB).
    TooLarge,
    /// A header that cannot be read (or written).
    Header,
    /// The stream ended inside a message.
    Truncated,
}

/// A stream that cannot be read as event stream messages, or a message that cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameError {
    kind: FrameErrorKind,
    message: String,
}

impl FrameError {
    fn new(kind: FrameErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// What is wrong.
    pub fn kind(&self) -> FrameErrorKind {
        self.kind
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed event stream: {}", self.message)
    }
}

impl std::error::Error for FrameError {}

/// CRC32 (IEEE 802.3, the one of zip and PNG), by a table made at compile time.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut crc = i as u32;
            let mut bit = 0;
            while bit < 8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
                bit += 1;
            }
            table[i] = crc;
            i += 1;
        }
        table
    };
    !bytes
        .iter()
        .fold(!0u32, |crc, &b| TABLE[usize::from((crc as u8) ^ b)] ^ (crc >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Message {
        Message::new(b"{\"text\":\"hello\"}".to_vec())
            .header(":message-type", HeaderValue::String("event".into()))
            .header(":event-type", HeaderValue::String("contentBlockDelta".into()))
            .header("yes", HeaderValue::Bool(true))
            .header("no", HeaderValue::Bool(false))
            .header("byte", HeaderValue::Byte(-7))
            .header("short", HeaderValue::Int16(-300))
            .header("int", HeaderValue::Int32(70_000))
            .header("long", HeaderValue::Int64(-(1 << 40)))
            .header("bytes", HeaderValue::Bytes(vec![0, 1, 255]))
            .header("when", HeaderValue::Timestamp(1_714_566_600_250))
            .header("id", HeaderValue::Uuid(*b"0123456789abcdef"))
    }

    #[test]
    fn crc32_is_the_ieee_one() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn a_message_of_every_header_kind_round_trips_however_the_stream_is_cut() {
        let message = every_kind();
        let wire = message.encode().unwrap();
        let mut stream = wire.clone();
        stream.extend_from_slice(&Message::new(Vec::new()).encode().unwrap());
        for chunk in [1, 3, 12, 13, wire.len(), stream.len()] {
            let mut decoder = Decoder::new();
            let mut got = Vec::new();
            for piece in stream.chunks(chunk) {
                decoder.push(piece);
                while let Some(m) = decoder.next_message().unwrap() {
                    got.push(m);
                }
            }
            decoder.finish().unwrap();
            assert_eq!(got, [message.clone(), Message::default()], "chunks of {chunk}");
        }
        assert_eq!(message.get_str(":event-type"), Some("contentBlockDelta"));
        assert_eq!(message.get("int"), Some(&HeaderValue::Int32(70_000)));
        assert_eq!(message.get_str("int"), None);
    }

    #[test]
    fn an_empty_message_is_sixteen_bytes() {
        let wire = Message::default().encode().unwrap();
        assert_eq!(wire.len(), MIN_MESSAGE);
        assert_eq!(&wire[..8], &[0, 0, 0, 16, 0, 0, 0, 0]);
    }

    #[test]
    fn every_damage_is_a_typed_error_that_sticks() {
        let wire = every_kind().encode().unwrap();
        let decode = |bytes: &[u8]| {
            let mut decoder = Decoder::new();
            decoder.push(bytes);
            decoder.next_message().map(|m| m.is_some()).map_err(|e| e.kind())
        };
        let mut prelude = wire.clone();
        prelude[2] ^= 1;
        assert_eq!(decode(&prelude), Err(FrameErrorKind::PreludeChecksum));
        let mut payload = wire.clone();
        let last = payload.len() - 5;
        payload[last] ^= 1;
        assert_eq!(decode(&payload), Err(FrameErrorKind::MessageChecksum));

        // A prelude whose lengths do not fit, with its own checksum right.
        let prelude_of = |total: u32, headers: u32| {
            let mut p = total.to_be_bytes().to_vec();
            p.extend_from_slice(&headers.to_be_bytes());
            let crc = crc32(&p);
            p.extend_from_slice(&crc.to_be_bytes());
            p
        };
        assert_eq!(decode(&prelude_of(8, 0)), Err(FrameErrorKind::Length));
        assert_eq!(decode(&prelude_of(20, 5)), Err(FrameErrorKind::Length));
        let mut small = Decoder::with_max_message(64);
        small.push(&prelude_of(65, 0));
        assert_eq!(
            small.next_message().map_err(|e| e.kind()),
            Err(FrameErrorKind::TooLarge)
        );
        assert_eq!(
            small.next_message().map_err(|e| e.kind()),
            Err(FrameErrorKind::TooLarge),
            "it sticks"
        );

        // A header whose value type is unknown, inside a message whose checksums are right.
        let headers = vec![1, b'x', 42];
        let mut frame = prelude_of((MIN_MESSAGE + headers.len()) as u32, headers.len() as u32);
        frame.extend_from_slice(&headers);
        let crc = crc32(&frame);
        frame.extend_from_slice(&crc.to_be_bytes());
        let mut decoder = Decoder::new();
        decoder.push(&frame);
        let error = decoder.next_message().unwrap_err();
        assert_eq!(error.kind(), FrameErrorKind::Header);
        assert_eq!(
            error.to_string(),
            "malformed event stream: header `x` has the unknown value type 42"
        );

        let mut cut = Decoder::new();
        cut.push(&wire[..wire.len() - 1]);
        assert_eq!(cut.next_message(), Ok(None));
        assert_eq!(cut.finish().map_err(|e| e.kind()), Err(FrameErrorKind::Truncated));
    }

    #[test]
    fn what_cannot_be_written_is_an_error() {
        let long_name = Message::default().header("n".repeat(256), HeaderValue::Bool(true));
        assert_eq!(long_name.encode().map_err(|e| e.kind()), Err(FrameErrorKind::Header));
        let long_value = Message::default().header("v", HeaderValue::Bytes(vec![0; 65_536]));
        assert_eq!(long_value.encode().map_err(|e| e.kind()), Err(FrameErrorKind::Header));
    }
}

//! A server on loopback that answers each request with a script of steps: the status and headers,
//! then the body piece by piece in HTTP/1.1 chunks, with pauses, with waits for the test to say
//! go on, and, where the script says so, a connection that drops in the middle. The fake behind
//! the streaming tests here and the download benchmark (`src/bin/download.rs`).
//!
//! It is written on a plain TCP socket so that the tests control every byte and every moment:
//! what a client that read the whole body first would never see, and a drop that no HTTP library
//! would send on purpose.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

pub use media::event_stream::{HeaderValue, Message};

/// One step of an answer.
#[derive(Clone, Debug)]
pub enum Step {
    /// The status line and headers (the body is chunked).
    Head {
        status: u16,
        headers: Vec<(String, String)>,
    },
    /// One chunk of the body.
    Chunk(Vec<u8>),
    /// The same chunk, this many times (a large body without holding it).
    Repeat { chunk: Vec<u8>, times: usize },
    /// A pause.
    Pause(Duration),
    /// Waits until the test calls [`Fake::go_on`].
    WaitForGoOn,
    /// The last chunk: the body is whole.
    End,
    /// The connection drops, without the last chunk.
    Drop,
    /// Reads the request's body as it comes, an event stream of signed envelopes (kept for
    /// [`Fake::envelopes`]), and answers each message inside with the chunk this makes of it,
    /// if any, until the body ends.
    Echo(fn(&Message) -> Option<Vec<u8>>),
}

/// What the server heard.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `POST /model/m/converse-stream`.
    pub line: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// The running server.
#[derive(Clone, Debug)]
pub struct Fake {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    go_on: Arc<Notify>,
    requests: Arc<Mutex<Vec<Request>>>,
    envelopes: Arc<Mutex<Vec<Message>>>,
}

impl Fake {
    /// Lets a script waiting at [`Step::WaitForGoOn`] go on.
    pub fn go_on(&self) {
        self.go_on.notify_one();
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// Every envelope an [`Step::Echo`] read, in order.
    pub fn envelopes(&self) -> Vec<Message> {
        self.envelopes.lock().unwrap().clone()
    }
}

/// Serves `script` to every request, on a free loopback port.
pub async fn serve(script: Vec<Step>) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let fake = Fake {
        url: format!("http://{}", listener.local_addr().unwrap()),
        go_on: Arc::new(Notify::new()),
        requests: Arc::new(Mutex::new(Vec::new())),
        envelopes: Arc::new(Mutex::new(Vec::new())),
    };
    let shared = fake.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (script, fake) = (script.clone(), shared.clone());
            tokio::spawn(async move {
                let _ = answer(socket, &script, &fake).await;
            });
        }
    });
    fake
}

async fn answer(mut socket: TcpStream, script: &[Step], fake: &Fake) -> std::io::Result<()> {
    // A chunked body is read here, unless an echo reads it as it comes.
    let chunked = !script.iter().any(|step| matches!(step, Step::Echo(_)));
    let request = read_request(&mut socket, chunked).await?;
    fake.requests.lock().unwrap().push(request);
    for step in script {
        match step {
            Step::Head { status, headers } => {
                let mut head = format!("HTTP/1.1 {status} Scripted\r\ntransfer-encoding: chunked\r\n");
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                socket.write_all(head.as_bytes()).await?;
            }
            Step::Chunk(bytes) => socket.write_all(&chunk(bytes)).await?,
            Step::Repeat { chunk: bytes, times } => {
                let framed = chunk(bytes);
                for _ in 0..*times {
                    socket.write_all(&framed).await?;
                }
            }
            Step::Pause(delay) => tokio::time::sleep(*delay).await,
            Step::WaitForGoOn => fake.go_on.notified().await,
            Step::Echo(reply) => echo(&mut socket, *reply, &fake.envelopes).await?,
            Step::End => socket.write_all(b"0\r\n\r\n").await?,
            Step::Drop => return socket.shutdown().await,
        }
    }
    socket.flush().await
}

/// Reads a chunked request body of signed envelopes as it comes, answering each message inside.
async fn echo(
    socket: &mut TcpStream,
    reply: fn(&Message) -> Option<Vec<u8>>,
    envelopes: &Mutex<Vec<Message>>,
) -> std::io::Result<()> {
    let invalid = |what: String| std::io::Error::new(std::io::ErrorKind::InvalidData, what);
    let mut decoder = media::event_stream::Decoder::new();
    loop {
        let size = usize::from_str_radix(read_line(socket).await?.trim(), 16).map_err(|e| invalid(e.to_string()))?;
        let mut bytes = vec![0; size];
        socket.read_exact(&mut bytes).await?;
        read_line(socket).await?;
        if size == 0 {
            return Ok(());
        }
        decoder.push(&bytes);
        while let Some(envelope) = decoder.next_message().map_err(|e| invalid(e.to_string()))? {
            envelopes.lock().unwrap().push(envelope.clone());
            if envelope.payload.is_empty() {
                continue;
            }
            let mut inner = media::event_stream::Decoder::new();
            inner.push(&envelope.payload);
            let message = inner.next_message().map_err(|e| invalid(e.to_string()))?;
            let message = message.ok_or_else(|| invalid("an envelope holds part of a message".into()))?;
            if let Some(answer) = reply(&message) {
                socket.write_all(&chunk(&answer)).await?;
            }
        }
    }
}

/// One line, without its CRLF.
async fn read_line(socket: &mut TcpStream) -> std::io::Result<String> {
    let mut line = Vec::new();
    while !line.ends_with(b"\r\n") {
        let mut byte = [0];
        socket.read_exact(&mut byte).await?;
        line.push(byte[0]);
    }
    line.truncate(line.len() - 2);
    Ok(String::from_utf8_lossy(&line).into_owned())
}

/// The request's head and its body: of its `content-length`, or chunked when `chunked` (else a
/// chunked body is left to [`Step::Echo`]).
async fn read_request(socket: &mut TcpStream, chunked: bool) -> std::io::Result<Request> {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0];
        socket.read_exact(&mut byte).await?;
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    socket.read_exact(&mut body).await?;
    let is_chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v == "chunked");
    if chunked && is_chunked {
        loop {
            let size = usize::from_str_radix(read_line(socket).await?.trim(), 16)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            let mut bytes = vec![0; size];
            socket.read_exact(&mut bytes).await?;
            read_line(socket).await?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&bytes);
        }
    }
    Ok(Request { line, headers, body })
}

/// One HTTP/1.1 chunk.
fn chunk(bytes: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", bytes.len()).into_bytes();
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\r\n");
    out
}

/// The head of an event stream response, with this session id.
pub fn event_stream_head(session: &str) -> Step {
    Step::Head {
        status: 200,
        headers: vec![
            ("content-type".into(), "application/vnd.amazon.eventstream".into()),
            ("x-amzn-requestid".into(), "req-stream-1".into()),
            ("x-session-id".into(), session.into()),
        ],
    }
}

/// An event message of this type with this JSON payload.
pub fn event(event_type: &str, json: &str) -> Vec<u8> {
    Message::new(json.as_bytes().to_vec())
        .header(":message-type", HeaderValue::String("event".into()))
        .header(":event-type", HeaderValue::String(event_type.into()))
        .header(":content-type", HeaderValue::String("application/json".into()))
        .encode()
        .expect("a message the framing can write")
}

/// An exception message of this type with this JSON payload.
pub fn exception(exception_type: &str, json: &str) -> Vec<u8> {
    Message::new(json.as_bytes().to_vec())
        .header(":message-type", HeaderValue::String("exception".into()))
        .header(":exception-type", HeaderValue::String(exception_type.into()))
        .header(":content-type", HeaderValue::String("application/json".into()))
        .encode()
        .expect("a message the framing can write")
}

/// A delta event of this text.
pub fn delta(text: &str) -> Vec<u8> {
    event(
        "contentBlockDelta",
        &format!(r#"{{"delta": {{"text": "{text}"}}, "contentBlockIndex": 0}}"#),
    )
}

/// `20261203T152233Z` (an `x-amz-date`) as a time.
pub fn parse_amz_date(date: &str) -> SystemTime {
    let n = |range: std::ops::Range<usize>| date[range].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(4..6), n(6..8));
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + n(9..11) * 3_600 + n(11..13) * 60 + n(13..15);
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs as u64)
}

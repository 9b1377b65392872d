//! An input's event stream (feature `input-events`): the events a caller sends the service,
//! each written as a message of the `application/vnd.amazon.eventstream` framing
//! ([`super::event_stream`]), signed by SigV4's chain when the request is, and sent as it comes.

use super::event_stream::{encode_headers, HeaderValue, Message};
use std::fmt;

/// The events an input sends the service, as its event stream: made from any
/// `futures_core::Stream` of the union's events (or from a list of them), and taken whole by
/// the call that sends it.
///
/// A clone shares the stream: the first call to send it takes it, and a call whose input's
/// stream was already sent fails with a `Dispatch` error of kind `Build`. A call that sends an
/// event stream is never retried, since its events cannot be sent again.
pub struct EventSender<T> {
    events: std::sync::Arc<std::sync::Mutex<Option<Events<T>>>>,
}

/// A boxed stream of events.
type Events<T> = std::pin::Pin<Box<dyn futures_core::Stream<Item = T> + Send>>;

impl<T: Send + 'static> EventSender<T> {
    /// The events of `stream`, sent as it yields them; the request's stream ends when it does.
    pub fn new(stream: impl futures_core::Stream<Item = T> + Send + 'static) -> Self {
        Self {
            events: std::sync::Arc::new(std::sync::Mutex::new(Some(Box::pin(stream)))),
        }
    }

    /// These events, in order.
    pub fn from_events(events: impl IntoIterator<Item = T>) -> Self {
        let events: std::collections::VecDeque<T> = events.into_iter().collect();
        Self::new(Given(events))
    }

    /// The messages of the stream, each event written by `write` (`None` for one that cannot be
    /// sent, such as the union's `Unknown`); `None` once a call has taken them.
    pub(crate) fn take(&self, write: fn(T) -> Option<Message>) -> Option<Messages> {
        let events = self
            .events
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()?;
        Some(Box::pin(Written { events, write }))
    }
}

impl<T> Clone for EventSender<T> {
    fn clone(&self) -> Self {
        Self {
            events: self.events.clone(),
        }
    }
}

impl<T> fmt::Debug for EventSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sent = self.events.lock().map_or(true, |e| e.is_none());
        f.debug_struct("EventSender").field("sent", &sent).finish()
    }
}

/// The messages of an input's event stream, before they are signed.
pub(crate) type Messages = std::pin::Pin<Box<dyn futures_core::Stream<Item = Message> + Send>>;

/// Takes the messages of an input's event stream (`None` once a call has taken them).
pub(crate) type TakeMessages<I> = fn(&I) -> Option<Messages>;

/// Events given whole, as a stream.
struct Given<T>(std::collections::VecDeque<T>);

impl<T> Unpin for Given<T> {}

impl<T> futures_core::Stream for Given<T> {
    type Item = T;

    fn poll_next(self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
        std::task::Poll::Ready(self.get_mut().0.pop_front())
    }
}

/// Events, each written as a message.
struct Written<T> {
    events: Events<T>,
    write: fn(T) -> Option<Message>,
}

impl<T> futures_core::Stream for Written<T> {
    type Item = Message;

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Message>> {
        let this = self.get_mut();
        loop {
            match std::task::ready!(this.events.as_mut().poll_next(cx)) {
                Some(event) => match (this.write)(event) {
                    Some(message) => return std::task::Poll::Ready(Some(message)),
                    None => continue,
                },
                None => return std::task::Poll::Ready(None),
            }
        }
    }
}

// <sigv4>
/// Signs an input event stream's messages by SigV4's chain: each message travels inside an
/// envelope whose `:chunk-signature` signs its bytes, its `:date` and the signature before it,
/// starting from the request's own; an envelope with no payload ends the stream.
#[cfg(feature = "sigv4")]
pub(crate) struct Signer {
    secret: String,
    region: String,
    name: String,
    previous: String,
}

#[cfg(feature = "sigv4")]
impl Signer {
    /// A chain that starts from the request's signature.
    pub(crate) fn new(seed: super::auth::Seed) -> Self {
        Self {
            secret: seed.secret,
            region: seed.region,
            name: seed.name,
            previous: seed.signature,
        }
    }

    /// The envelope of `payload` (a message's bytes; empty for the last envelope) at `time`.
    pub(crate) fn sign(
        &mut self,
        payload: Vec<u8>,
        time: std::time::SystemTime,
    ) -> Result<Message, super::sigv4::SigningError> {
        use sha2::Digest as _;
        let seconds = time
            .duration_since(std::time::SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let time = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
        let (date, date_time) = super::sigv4::timestamps(time)?;
        let millis = i64::try_from(seconds).unwrap_or(i64::MAX).saturating_mul(1000);
        let date_header = vec![(":date".to_owned(), HeaderValue::Timestamp(millis))];
        let encoded_date = encode_headers(&date_header).unwrap_or_default();
        let hex = |bytes: &[u8]| super::sigv4::hex(&sha2::Sha256::digest(bytes));
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{date_time}\n{date}/{}/{}/aws4_request\n{}\n{}\n{}",
            self.region,
            self.name,
            self.previous,
            hex(&encoded_date),
            hex(&payload),
        );
        let key = super::sigv4::signing_key(&self.secret, &date, &self.region, &self.name);
        let signature = super::sigv4::hmac(&key, string_to_sign.as_bytes());
        self.previous = super::sigv4::hex(&signature);
        Ok(Message {
            headers: vec![
                (":chunk-signature".to_owned(), HeaderValue::Bytes(signature.to_vec())),
                (":date".to_owned(), HeaderValue::Timestamp(millis)),
            ],
            payload,
        })
    }
}
// </sigv4>

/// The body of a request whose input is an event stream: each message as it comes, inside its
/// signed envelope when the request was signed by SigV4 (`seed`), then the empty envelope
/// that ends the stream.
pub(crate) fn outgoing(messages: Messages, seed: Option<super::auth::Seed>) -> super::transport::ByteStream {
    // <sigv4>
    #[cfg(feature = "sigv4")]
    let signer = seed.map(Signer::new);
    // </sigv4>
    // <!sigv4>
    #[cfg(not(feature = "sigv4"))]
    let _ = seed;
    // </!sigv4>
    super::transport::ByteStream::new(Outgoing {
        messages,
        // <sigv4>
        #[cfg(feature = "sigv4")]
        signer,
        // </sigv4>
        ended: false,
    })
}

/// The chunks of [`outgoing`].
struct Outgoing {
    messages: Messages,
    // <sigv4>
    #[cfg(feature = "sigv4")]
    signer: Option<Signer>,
    // </sigv4>
    ended: bool,
}

impl Outgoing {
    /// The bytes of `message` (`None`: the end of the stream) as they go on the wire.
    fn frame(&mut self, message: Option<Message>) -> Result<Option<Vec<u8>>, String> {
        let bytes = message.map(|m| m.encode()).transpose().map_err(|e| e.to_string())?;
        // <sigv4>
        #[cfg(feature = "sigv4")]
        if let Some(signer) = &mut self.signer {
            let envelope = signer
                .sign(bytes.unwrap_or_default(), std::time::SystemTime::now())
                .map_err(|e| e.to_string())?;
            return envelope.encode().map(Some).map_err(|e| e.to_string());
        }
        // </sigv4>
        Ok(bytes)
    }
}

impl super::transport::Chunks for Outgoing {
    fn poll_chunk(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Vec<u8>, super::transport::TransportError>>> {
        let this = self.get_mut();
        if this.ended {
            return std::task::Poll::Ready(None);
        }
        let next = std::task::ready!(this.messages.as_mut().poll_next(cx));
        this.ended = next.is_none();
        let failed = |message: String| {
            super::transport::TransportError::new(
                super::transport::TransportErrorKind::Other,
                format!("an event could not be sent: {message}"),
            )
        };
        match this.frame(next) {
            Ok(Some(bytes)) => std::task::Poll::Ready(Some(Ok(bytes))),
            Ok(None) => std::task::Poll::Ready(None),
            Err(message) => {
                this.ended = true;
                std::task::Poll::Ready(Some(Err(failed(message))))
            }
        }
    }
}

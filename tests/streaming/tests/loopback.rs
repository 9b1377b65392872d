//! Streaming outputs through the generated client, against a server on loopback that sends them
//! piece by piece: each event is read as it arrives (the server waits for the client before it
//! sends the next), a modeled exception in the middle of a stream is the operation's typed
//! error, a dropped connection is an error and never an early end, and a download is read chunk
//! by chunk with its headers decoded first.

use futures_util::StreamExt;
use media::auth::Credentials;
use media::config::RetryConfig;
use media::error::DispatchErrorKind;
use media::operation::converse::ConverseError;
use media::operation::get_object::GetObjectError;
use media::types::{ContentBlockDelta, ConverseStream};
use media::{Client, Config};
use std::time::Duration;
use streaming_tests::{delta, event, event_stream_head, exception, serve, Step};

fn client(url: &str) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::new("AKIDSTREAM", "stream-secret", None))
            .retry(RetryConfig::disabled())
            .build(),
    )
}

/// The text of a delta event, or what the event was instead.
fn text(event: &ConverseStream) -> String {
    match event {
        ConverseStream::ContentBlockDelta(d) => match &d.delta {
            ContentBlockDelta::Text(text) => text.clone(),
            other => panic!("not text: {other:?}"),
        },
        other => panic!("not a delta: {other:?}"),
    }
}

/// Bounds a test that would hang if the client waited for the whole body.
async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .expect("the test finished in time")
}

#[tokio::test]
async fn events_are_read_as_they_arrive_and_the_stream_ends_cleanly() {
    let fake = serve(vec![
        event_stream_head("s-1"),
        Step::Chunk(event("messageStart", r#"{"role": "assistant"}"#)),
        Step::Chunk(delta("Hello")),
        // Nothing more until the test has read the first two events: it did not wait for the end.
        Step::WaitForGoOn,
        Step::Chunk(delta(", ")),
        Step::Pause(Duration::from_millis(30)),
        Step::Chunk(delta("world")),
        Step::Chunk(event("messageStop", r#"{"stopReason": "end_turn"}"#)),
        Step::End,
    ])
    .await;
    within(async {
        let mut output = client(&fake.url)
            .converse("m-1", "Say hello")
            .send()
            .await
            .expect("the stream opens");
        // The headers are decoded before any event is read.
        assert_eq!(output.session_id.as_deref(), Some("s-1"));
        let first = output.stream.recv().await.unwrap().unwrap();
        assert!(matches!(&first, ConverseStream::MessageStart(m) if m.role == "assistant"));
        assert_eq!(text(&output.stream.recv().await.unwrap().unwrap()), "Hello");
        fake.go_on();
        let mut said = String::new();
        let mut stop = None;
        while let Some(event) = output.stream.recv().await.unwrap() {
            match event {
                ConverseStream::MessageStop(m) => stop = Some(m.stop_reason),
                other => said.push_str(&text(&other)),
            }
        }
        assert_eq!(said, ", world");
        assert_eq!(stop.as_deref(), Some("end_turn"));
        // Once over, it stays over.
        assert!(output.stream.recv().await.unwrap().is_none());
    })
    .await;
    let requests = fake.requests();
    assert_eq!(requests[0].line, "POST /model/m-1/converse-stream HTTP/1.1");
    assert_eq!(requests[0].body, br#"{"prompt":"Say hello"}"#);
    let signed = requests[0].headers.iter().find(|(n, _)| n == "authorization");
    assert!(signed.is_some_and(|(_, v)| v.starts_with("AWS4-HMAC-SHA256 Credential=AKIDSTREAM/")));
}

#[tokio::test]
async fn a_modeled_exception_mid_stream_is_the_operations_typed_error() {
    let fake = serve(vec![
        event_stream_head("s-2"),
        Step::Chunk(delta("Once upon")),
        Step::Pause(Duration::from_millis(20)),
        Step::Chunk(exception(
            "modelStreamErrorException",
            r#"{"message": "the model stopped", "originalStatusCode": 500}"#,
        )),
        Step::End,
    ])
    .await;
    within(async {
        let output = client(&fake.url).converse("m-1", "Tell a story").send().await.unwrap();
        // Read as a `futures::Stream`.
        let events: Vec<Result<ConverseStream, ConverseError>> = output.stream.collect().await;
        assert_eq!(events.len(), 2, "{events:?}");
        assert_eq!(text(events[0].as_ref().unwrap()), "Once upon");
        match &events[1] {
            Err(ConverseError::ModelStreamErrorException(e)) => {
                assert_eq!(e.message(), Some("the model stopped"));
                assert_eq!(e.original_status_code, Some(500));
            }
            other => panic!("expected the modeled exception, got {other:?}"),
        }
        assert_eq!(events[1].as_ref().unwrap_err().code(), "ModelStreamErrorException");
    })
    .await;
}

#[tokio::test]
async fn unknown_events_and_payload_events_and_unmodeled_errors() {
    let chunk = media::event_stream::Message::new(vec![0, 1, 2, 255])
        .header(
            ":message-type",
            media::event_stream::HeaderValue::String("event".into()),
        )
        .header(":event-type", media::event_stream::HeaderValue::String("chunk".into()))
        .header("index", media::event_stream::HeaderValue::Int64(7))
        .encode()
        .unwrap();
    let error = media::event_stream::Message::new(Vec::new())
        .header(
            ":message-type",
            media::event_stream::HeaderValue::String("error".into()),
        )
        .header(
            ":error-code",
            media::event_stream::HeaderValue::String("InternalFailure".into()),
        )
        .header(
            ":error-message",
            media::event_stream::HeaderValue::String("try again".into()),
        )
        .encode()
        .unwrap();
    let fake = serve(vec![
        event_stream_head("s-3"),
        Step::Chunk(event("somethingNew", r#"{"x": 1}"#)),
        Step::Chunk(chunk),
        Step::Chunk(error),
        Step::End,
    ])
    .await;
    within(async {
        let mut output = client(&fake.url).converse("m-1", "?").send().await.unwrap();
        // An event type the model does not know is kept as `Unknown`, and the stream goes on.
        assert!(matches!(output.stream.recv().await, Ok(Some(ConverseStream::Unknown))));
        // An event whose member is the `eventPayload`: the message's payload, as bytes; another
        // is a header of the message.
        match output.stream.recv().await {
            Ok(Some(ConverseStream::Chunk(c))) => {
                assert_eq!(c.bytes.as_deref(), Some(&[0, 1, 2, 255][..]));
                // A member bound to a header of the message (`eventHeader`).
                assert_eq!(c.index, Some(7));
            }
            other => panic!("expected the chunk, got {other:?}"),
        }
        match output.stream.recv().await {
            Err(ConverseError::Unmodeled(e)) => {
                assert_eq!(e.code(), "InternalFailure");
                assert_eq!(e.message(), Some("try again"));
            }
            other => panic!("expected the unmodeled error, got {other:?}"),
        }
        assert!(output.stream.recv().await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_connection_that_drops_midway_is_an_error_not_an_end() {
    let third = delta("!");
    let fake = serve(vec![
        event_stream_head("s-4"),
        Step::Chunk(delta("Hello")),
        Step::Chunk(third[..third.len() / 2].to_vec()),
        Step::Drop,
    ])
    .await;
    within(async {
        let mut output = client(&fake.url).converse("m-1", "?").send().await.unwrap();
        assert_eq!(text(&output.stream.recv().await.unwrap().unwrap()), "Hello");
        match output.stream.recv().await {
            Err(ConverseError::Dispatch(e)) => assert_eq!(e.kind(), DispatchErrorKind::Transport, "{e}"),
            other => panic!("expected a transport error, got {other:?}"),
        }
        assert!(output.stream.recv().await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_damaged_message_is_a_decode_error() {
    let mut damaged = delta("Hello");
    let last = damaged.len() - 1;
    damaged[last] ^= 0xff;
    let fake = serve(vec![event_stream_head("s-5"), Step::Chunk(damaged), Step::End]).await;
    within(async {
        let mut output = client(&fake.url).converse("m-1", "?").send().await.unwrap();
        match output.stream.recv().await {
            Err(ConverseError::Decode(e)) => assert!(e.message().contains("checksum"), "{e}"),
            other => panic!("expected a decode error, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn an_event_whose_payload_does_not_match_the_model_is_a_decode_error_naming_it() {
    let fake = serve(vec![
        event_stream_head("s-6"),
        Step::Chunk(event("messageStart", r#"{"role": 42}"#)),
        Step::End,
    ])
    .await;
    within(async {
        let mut output = client(&fake.url).converse("m-1", "?").send().await.unwrap();
        match output.stream.recv().await {
            Err(ConverseError::Decode(e)) => assert!(e.to_string().contains("messageStart"), "{e}"),
            other => panic!("expected a decode error, got {other:?}"),
        }
        assert!(
            output.stream.recv().await.unwrap().is_none(),
            "the stream is over after an error"
        );
    })
    .await;
}

#[tokio::test]
async fn an_error_before_the_stream_is_read_whole_and_typed() {
    let fake = serve(vec![
        Step::Head {
            status: 400,
            headers: vec![("x-amzn-errortype".into(), "ValidationException".into())],
        },
        Step::Chunk(br#"{"message": "no such model"}"#.to_vec()),
        Step::End,
    ])
    .await;
    let error = within(client(&fake.url).converse("nope", "?").send())
        .await
        .unwrap_err();
    match error {
        ConverseError::ValidationException(e) => assert_eq!(e.message(), Some("no such model")),
        other => panic!("expected the validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_download_is_read_chunk_by_chunk_with_its_headers_first() {
    let piece = vec![7u8; 64 * 1024];
    let fake = serve(vec![
        Step::Head {
            status: 200,
            headers: vec![("content-type".into(), "application/octet-stream".into())],
        },
        Step::Chunk(piece.clone()),
        // The rest only once the test has read the first chunk.
        Step::WaitForGoOn,
        Step::Repeat {
            chunk: piece.clone(),
            times: 15,
        },
        Step::End,
    ])
    .await;
    within(async {
        let mut output = client(&fake.url).get_object("big.bin").send().await.unwrap();
        assert_eq!(output.content_type.as_deref(), Some("application/octet-stream"));
        let first = output.body.next_chunk().await.unwrap().unwrap();
        assert!(!first.is_empty() && first.len() <= piece.len());
        fake.go_on();
        let rest = output.body.collect().await.unwrap();
        assert_eq!(first.len() + rest.len(), 16 * piece.len());
        assert!(rest.iter().all(|b| *b == 7));
    })
    .await;
}

#[tokio::test]
async fn a_download_past_the_response_limit_streams_and_a_missing_key_is_typed() {
    // The non-streaming limit does not apply to a streaming body.
    let fake = serve(vec![
        Step::Head {
            status: 200,
            headers: Vec::new(),
        },
        Step::Repeat {
            chunk: vec![1u8; 1024],
            times: 64,
        },
        Step::End,
    ])
    .await;
    let limited = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&fake.url)
            .credentials(Credentials::new("AKIDSTREAM", "stream-secret", None))
            .max_response_body(1024)
            .build(),
    );
    let output = within(limited.get_object("k").send()).await.unwrap();
    assert_eq!(within(output.body.collect()).await.unwrap().len(), 64 * 1024);

    let missing = serve(vec![
        Step::Head {
            status: 404,
            headers: vec![("x-amzn-errortype".into(), "NoSuchKey".into())],
        },
        Step::Chunk(br#"{"message": "no such key"}"#.to_vec()),
        Step::End,
    ])
    .await;
    match within(client(&missing.url).get_object("gone").send()).await {
        Err(GetObjectError::NoSuchKey(e)) => assert_eq!(e.message(), Some("no such key")),
        other => panic!("expected NoSuchKey, got {other:?}"),
    }
}

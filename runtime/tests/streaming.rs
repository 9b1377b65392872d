//! A response body read as it arrives, through the default transport, from a server on loopback
//! that streams event stream messages with pauses between them and drops the connection midway.

use runtime::event_stream::{Decoder, FrameErrorKind, HeaderValue, Message};
use runtime::transport::{HttpClient, HyperClient, TransportErrorKind};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn event(text: &str) -> Vec<u8> {
    Message::new(format!("{{\"delta\":{{\"text\":\"{text}\"}}}}").into_bytes())
        .header(":message-type", HeaderValue::String("event".into()))
        .header(":event-type", HeaderValue::String("contentBlockDelta".into()))
        .encode()
        .unwrap()
}

/// One HTTP/1.1 chunk.
fn chunk(bytes: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", bytes.len()).into_bytes();
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\r\n");
    out
}

#[tokio::test]
async fn messages_arrive_as_they_are_sent_and_a_dropped_connection_is_an_error_not_an_end() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/stream", listener.local_addr().unwrap());
    let (first_read, mut first_was_read) = tokio::sync::mpsc::channel::<()>(1);
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        while !request.ends_with(b"\r\n\r\n") {
            let mut byte = [0];
            socket.read_exact(&mut byte).await.unwrap();
            request.push(byte[0]);
        }
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\nx-amzn-requestid: req-1\r\ntransfer-encoding: chunked\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        socket.write_all(&chunk(&event("Hello"))).await.unwrap();
        // Nothing more until the client has read the first message: it did not wait for the end.
        first_was_read.recv().await.unwrap();
        let second = event(", world");
        let (a, b) = second.split_at(7);
        socket.write_all(&chunk(a)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        socket.write_all(&chunk(b)).await.unwrap();
        // Half of a third message, then the connection drops: no final chunk.
        let third = event("!");
        socket.write_all(&chunk(&third[..third.len() / 2])).await.unwrap();
        socket.shutdown().await.unwrap();
    });

    let client = HyperClient::new(Duration::from_secs(3)).unwrap();
    let request = http::Request::post(&url).body(b"{}".to_vec()).unwrap();
    let response = client.send_streaming(request).await.unwrap();
    // The status and headers are there before any of the body is read.
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-amzn-requestid"], "req-1");
    let mut body = response.into_body();
    let mut decoder = Decoder::new();
    let mut texts = Vec::new();
    // A client that waited for the whole body would wait for ever: the server waits for it.
    let read = async {
        loop {
            match body.next_chunk().await {
                Some(Ok(bytes)) => decoder.push(&bytes),
                Some(Err(e)) => break e,
                None => panic!("the body ended as if it were whole"),
            }
            while let Some(message) = decoder.next_message().unwrap() {
                assert_eq!(message.get_str(":event-type"), Some("contentBlockDelta"));
                texts.push(String::from_utf8(message.payload).unwrap());
                if texts.len() == 1 {
                    first_read.send(()).await.unwrap();
                }
            }
        }
    };
    let failure = tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("each message is read as it comes");
    assert_eq!(
        texts,
        [r#"{"delta":{"text":"Hello"}}"#, r#"{"delta":{"text":", world"}}"#]
    );
    assert_eq!(failure.kind(), TransportErrorKind::Io, "{failure}");
    assert_eq!(decoder.finish().map_err(|e| e.kind()), Err(FrameErrorKind::Truncated));
    server.await.unwrap();
}

#[tokio::test]
async fn a_client_that_cannot_stream_gives_its_whole_body_as_one_chunk() {
    #[derive(Debug)]
    struct Canned;
    impl HttpClient for Canned {
        fn send(
            &self,
            _: http::Request<Vec<u8>>,
            _: usize,
        ) -> runtime::transport::BoxFuture<'_, Result<http::Response<Vec<u8>>, runtime::transport::TransportError>>
        {
            Box::pin(std::future::ready(Ok(http::Response::new(event("whole")))))
        }
    }
    let response = Canned.send_streaming(http::Request::new(Vec::new())).await.unwrap();
    let body = response.into_body().collect().await.unwrap();
    assert_eq!(body, event("whole"));
    let response = Canned.send_streaming(http::Request::new(Vec::new())).await.unwrap();
    let error = response.into_body().collect_limited(8).await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge);
}

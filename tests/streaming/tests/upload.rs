//! Streaming blob inputs through the generated client, against the scripted server on loopback:
//! bytes in memory are signed by their hash and sent again when a call is retried; a file or
//! chunks are sent as they are read, signed `UNSIGNED-PAYLOAD`, with their length where it is
//! known, and never retried; an operation that requires a length refuses chunks without one.

use media::auth::Credentials;
use media::config::RetryConfig;
use media::error::DispatchErrorKind;
use media::operation::put_object::PutObjectError;
use media::transport::{ByteStream, Chunks, TransportError};
use media::{Client, Config};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use streaming_tests::{serve, Request, Step};

fn client(url: &str) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::new("AKIDUPLOAD", "upload-secret", None))
            .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(5)))
            .build(),
    )
}

fn ok_with_etag() -> Vec<Step> {
    vec![
        Step::Head {
            status: 200,
            headers: vec![("etag".into(), "\"e-1\"".into())],
        },
        Step::End,
    ]
}

fn unavailable() -> Vec<Step> {
    vec![
        Step::Head {
            status: 503,
            headers: vec![("x-amzn-errortype".into(), "ServiceUnavailable".into())],
        },
        Step::Chunk(br#"{"message": "slow down"}"#.to_vec()),
        Step::End,
    ]
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Chunks of unknown length, from a list.
struct Pieces(Vec<Vec<u8>>);

impl Chunks for Pieces {
    fn poll_chunk(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, TransportError>>> {
        let pieces = &mut self.get_mut().0;
        Poll::Ready((!pieces.is_empty()).then(|| Ok(pieces.remove(0))))
    }
}

#[tokio::test]
async fn a_file_goes_as_it_is_read_with_its_length_unsigned() {
    let fake = serve(ok_with_etag()).await;
    let path = std::env::temp_dir().join(format!("upload-{}.bin", std::process::id()));
    let content: Vec<u8> = (0..(1 << 20) + 17).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &content).unwrap();
    let output = client(&fake.url)
        .put_object("big.bin")
        .body(ByteStream::from_path(&path).unwrap())
        .send()
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.etag.as_deref(), Some("\"e-1\""));
    let request = &fake.requests()[0];
    assert_eq!(request.line, "PUT /objects/big.bin HTTP/1.1");
    assert_eq!(
        header(request, "content-length"),
        Some(content.len().to_string().as_str())
    );
    assert_eq!(request.body, content);
    // Chunks cannot be hashed before they are sent: the signature covers `UNSIGNED-PAYLOAD`.
    assert_eq!(
        header(request, "authorization"),
        Some(official_authorization(request, true).as_str())
    );
}

#[tokio::test]
async fn bytes_are_signed_by_their_hash_and_sent_again_on_a_retry_chunks_are_not() {
    let fake = serve(unavailable()).await;
    let error = client(&fake.url)
        .put_object("k")
        .body(b"in memory".to_vec())
        .send()
        .await
        .unwrap_err();
    assert!(error.is_retryable(), "{error}");
    let requests = fake.requests();
    assert_eq!(requests.len(), 3, "three attempts, each with the whole body");
    for request in &requests {
        assert_eq!(request.body, b"in memory");
        assert_eq!(
            header(request, "authorization"),
            Some(official_authorization(request, false).as_str())
        );
    }

    let fake = serve(unavailable()).await;
    let pieces = Pieces(vec![b"read ".to_vec(), b"once".to_vec()]);
    let error = client(&fake.url)
        .put_object("k")
        .body(ByteStream::sized(pieces, 9))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, PutObjectError::Unmodeled(_)), "{error:?}");
    let requests = fake.requests();
    assert_eq!(requests.len(), 1, "chunks were read: the call is not retried");
    assert_eq!(requests[0].body, b"read once");
}

#[tokio::test]
async fn chunks_of_unknown_length_go_chunked_unless_the_operation_requires_a_length() {
    let fake = serve(ok_with_etag()).await;
    let pieces = || Pieces(vec![b"line 1\n".to_vec(), b"line 2\n".to_vec()]);
    client(&fake.url)
        .append_log("app")
        .lines(ByteStream::new(pieces()))
        .send()
        .await
        .unwrap();
    let request = &fake.requests()[0];
    assert_eq!(header(request, "transfer-encoding"), Some("chunked"));
    assert_eq!(request.body, b"line 1\nline 2\n");

    // Any `futures::Stream` of chunks.
    let lines = futures_util::stream::iter(["line 3\n", "line 4\n"].map(Ok::<_, std::io::Error>));
    client(&fake.url)
        .append_log("app")
        .lines(ByteStream::from_stream(lines))
        .send()
        .await
        .unwrap();
    assert_eq!(fake.requests()[1].body, b"line 3\nline 4\n");

    match client(&fake.url)
        .put_object("k")
        .body(ByteStream::new(pieces()))
        .send()
        .await
    {
        Err(PutObjectError::Dispatch(e)) => {
            assert_eq!(e.kind(), DispatchErrorKind::Build);
            assert!(e.to_string().contains("requiresLength"), "{e}");
        }
        other => panic!("expected a build error, got {other:?}"),
    }
    assert_eq!(fake.requests().len(), 2, "nothing was sent for it");
}

/// The `authorization` header the official signer computes for the request the server heard,
/// signing its body's hash or `UNSIGNED-PAYLOAD`.
fn official_authorization(request: &Request, unsigned: bool) -> String {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let date = header(request, "x-amz-date").unwrap();
    let identity = aws_credential_types::Credentials::new("AKIDUPLOAD", "upload-secret", None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("media")
        .time(streaming_tests::parse_amz_date(date))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let path = request.line.split(' ').nth(1).unwrap();
    let uri = format!("http://{}{path}", header(request, "host").unwrap());
    let headers = request
        .headers
        .iter()
        .filter(|(n, _)| n != "authorization" && n != "x-amz-date")
        .map(|(n, v)| (n.as_str(), v.as_str()));
    let body = if unsigned {
        SignableBody::UnsignedPayload
    } else {
        SignableBody::Bytes(&request.body)
    };
    let signable = SignableRequest::new(request.line.split(' ').next().unwrap(), &uri, headers, body).unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut signed = http::Request::new(());
    instructions.apply_to_request_http1x(&mut signed);
    signed.headers()["authorization"].to_str().unwrap().to_owned()
}

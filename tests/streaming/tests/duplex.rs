//! An input event stream through the generated client, against the scripted server on loopback:
//! the audio goes event by event while the transcript comes back event by event on the same
//! call (each audio event is sent only after the transcript of the one before has been read),
//! and every signed envelope the server received is checked against the official signer
//! (`aws-sigv4`'s event stream signing), chained from the request's own signature, which is
//! checked against it too.

use media::auth::Credentials;
use media::event_sender::EventSender;
use media::event_stream::{HeaderValue, Message};
use media::operation::transcribe::TranscribeError;
use media::types::{AudioEvent, AudioStream, ConfigurationEvent, TranscriptStream};
use media::{Client, Config};
use std::time::{Duration, SystemTime};
use streaming_tests::{event, event_stream_head, serve, Step};

const SECRET: &str = "duplex-secret";

/// The server's answer to each message inside an envelope: what it heard.
fn heard(message: &Message) -> Option<Vec<u8>> {
    let text = match message.get_str(":event-type")? {
        "audioEvent" => match message.get("sequence") {
            Some(HeaderValue::Int32(n)) => format!("heard {} bytes (#{n})", message.payload.len()),
            _ => format!("heard {} bytes", message.payload.len()),
        },
        "configurationEvent" => format!("configured {}", String::from_utf8_lossy(&message.payload)),
        _ => return None,
    };
    Some(event("transcriptEvent", &format!(r#"{{"text": {text:?}}}"#)))
}

fn client(url: &str) -> Client {
    Client::new(
        Config::builder()
            .region("us-west-2")
            .endpoint_url(url)
            .credentials(Credentials::new("AKIDDUPLEX", SECRET, None))
            .build(),
    )
}

fn text(event: TranscriptStream) -> String {
    match event {
        TranscriptStream::TranscriptEvent(e) => e.text,
        other => panic!("not a transcript: {other:?}"),
    }
}

#[tokio::test]
async fn audio_goes_event_by_event_while_the_transcript_streams_back_and_every_envelope_is_signed() {
    let fake = serve(vec![event_stream_head("s-7"), Step::Echo(heard), Step::End]).await;
    let client = client(&fake.url);
    let (audio, events) = tokio::sync::mpsc::channel::<AudioStream>(1);
    let events = futures_util::stream::unfold(events, |mut events| async move {
        events.recv().await.map(|event| (event, events))
    });
    let call = async {
        let mut output = client
            .transcribe("en-US", EventSender::new(events))
            .send()
            .await
            .expect("the call starts");
        let config = ConfigurationEvent::new().sample_rate(16_000);
        audio.send(AudioStream::ConfigurationEvent(config)).await.unwrap();
        let configured = text(output.transcript.recv().await.unwrap().unwrap());
        assert_eq!(configured, r#"configured {"sampleRate":16000}"#);
        // Each piece of audio only once the transcript of the last came back: one call, both ways.
        for (sequence, size) in [3, 1000, 70_000].into_iter().enumerate() {
            // The sequence number travels as a header of the message (`eventHeader`).
            let chunk = AudioEvent::new().audio_chunk(vec![9u8; size]).sequence(sequence as i32);
            audio.send(AudioStream::AudioEvent(chunk)).await.unwrap();
            let said = text(output.transcript.recv().await.unwrap().unwrap());
            assert_eq!(said, format!("heard {size} bytes (#{sequence})"));
        }
        drop(audio);
        // The audio ended: the transcript ends too.
        assert!(output.transcript.recv().await.unwrap().is_none());
    };
    tokio::time::timeout(Duration::from_secs(20), call)
        .await
        .expect("the test finished in time");

    let request = &fake.requests()[0];
    let header = |name: &str| {
        let found = request.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str()).unwrap_or_default()
    };
    assert_eq!(request.line, "POST /transcribe HTTP/1.1");
    assert_eq!(header("content-type"), "application/vnd.amazon.eventstream");
    assert_eq!(header("x-amz-content-sha256"), "STREAMING-AWS4-HMAC-SHA256-EVENTS");
    assert_eq!(header("x-language-code"), "en-US");
    assert_eq!(header("authorization"), official_authorization(request));

    // Every envelope: the official signature of its message, chained from the one before.
    let seed = header("authorization").rsplit("Signature=").next().unwrap().to_owned();
    let envelopes = fake.envelopes();
    assert_eq!(
        envelopes.len(),
        5,
        "four events and the empty envelope that ends the stream"
    );
    assert!(envelopes[4].payload.is_empty());
    let mut previous = seed;
    for (i, envelope) in envelopes.iter().enumerate() {
        let Some(HeaderValue::Timestamp(millis)) = envelope.get(":date") else {
            panic!("envelope {i} has no :date");
        };
        let Some(HeaderValue::Bytes(signature)) = envelope.get(":chunk-signature") else {
            panic!("envelope {i} has no :chunk-signature");
        };
        let time = SystemTime::UNIX_EPOCH + Duration::from_millis(*millis as u64);
        let official = official_signature(&envelope.payload, &previous, time);
        assert_eq!(hex(signature), official, "envelope {i}");
        previous = official;
    }
}

#[tokio::test]
async fn an_input_stream_is_sent_once() {
    let fake = serve(vec![event_stream_head("s-8"), Step::Echo(heard), Step::End]).await;
    let client = client(&fake.url);
    let audio = EventSender::from_events([AudioStream::AudioEvent(AudioEvent::new().audio_chunk(vec![1, 2]))]);
    let request = client.transcribe("en-US", audio);
    let again = request.clone();
    let mut output = request.send().await.unwrap();
    assert_eq!(text(output.transcript.recv().await.unwrap().unwrap()), "heard 2 bytes");
    assert!(output.transcript.recv().await.unwrap().is_none());
    // A clone shares the stream, which is gone.
    match again.send().await {
        Err(TranscribeError::Dispatch(e)) => assert!(e.to_string().contains("already sent"), "{e}"),
        other => panic!("expected a dispatch error, got {other:?}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The official signature of an envelope with this payload (a message's bytes, or none).
fn official_signature(payload: &[u8], previous: &str, time: SystemTime) -> String {
    let identity = aws_credential_types::Credentials::new("AKIDDUPLEX", SECRET, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-west-2")
        .name("media")
        .time(time)
        .settings(())
        .build()
        .unwrap();
    let signed = if payload.is_empty() {
        aws_sigv4::event_stream::sign_empty_message(previous, &params)
    } else {
        let mut bytes = payload;
        let message = aws_smithy_eventstream::frame::read_message_from(&mut bytes).unwrap();
        aws_sigv4::event_stream::sign_message(&message, previous, &params)
    };
    signed.unwrap().into_parts().1
}

/// The `authorization` header the official signer computes for the request the server heard.
fn official_authorization(request: &streaming_tests::Request) -> String {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let header = |name: &str| request.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let date = header("x-amz-date").unwrap();
    let identity = aws_credential_types::Credentials::new("AKIDDUPLEX", SECRET, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-west-2")
        .name("media")
        .time(streaming_tests::parse_amz_date(&date))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let path = request.line.split(' ').nth(1).unwrap();
    let uri = format!("http://{}{path}", header("host").unwrap());
    let headers = request
        .headers
        .iter()
        .filter(|(n, _)| n != "authorization" && n != "x-amz-date")
        .map(|(n, v)| (n.as_str(), v.as_str()));
    let body = SignableBody::Precomputed("STREAMING-AWS4-HMAC-SHA256-EVENTS".to_owned());
    let signable = SignableRequest::new("POST", &uri, headers, body).unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut signed = http::Request::new(());
    instructions.apply_to_request_http1x(&mut signed);
    signed.headers()["authorization"].to_str().unwrap().to_owned()
}

//! Code that reads a streaming output, tested with the typed test double: the output's event
//! stream and download body are made in memory, with no server.

use media::event_stream::Receiver;
use media::operation::converse::{self, ConverseError, ConverseOutput};
use media::operation::get_object::{self, GetObjectOutput};
use media::test_util::Mock;
use media::types::error::ModelStreamErrorException;
use media::types::{ContentBlockDelta, ContentBlockDeltaEvent, ConverseStream, MessageStopEvent};
use media::{Client, Config};

/// The code under test: the whole answer's text, and why it stopped.
async fn answer(client: &Client, prompt: &str) -> Result<(String, String), ConverseError> {
    let mut output = client.converse("m-1", prompt).send().await?;
    let (mut text, mut stop) = (String::new(), String::new());
    while let Some(event) = output.stream.recv().await? {
        match event {
            ConverseStream::ContentBlockDelta(d) => {
                if let ContentBlockDelta::Text(t) = d.delta {
                    text.push_str(&t);
                }
            }
            ConverseStream::MessageStop(m) => stop = m.stop_reason,
            _ => {}
        }
    }
    Ok((text, stop))
}

fn delta(text: &str) -> Result<ConverseStream, ConverseError> {
    Ok(ConverseStream::ContentBlockDelta(ContentBlockDeltaEvent::new(
        ContentBlockDelta::Text(text.into()),
        0,
    )))
}

#[tokio::test]
async fn a_mocked_stream_of_events_and_an_exception_in_it() {
    let mock = Mock::new()
        .on(converse::Operation)
        .matching(|input| input.prompt == "hello")
        .answer(|_| {
            Ok(ConverseOutput::new(Receiver::from_events([
                delta("Hi"),
                delta(" there"),
                Ok(ConverseStream::MessageStop(MessageStopEvent::new("end_turn"))),
            ])))
        })
        .on(converse::Operation)
        .answer(|_| {
            let failed = ModelStreamErrorException::new().set_message("the model stopped");
            Ok(ConverseOutput::new(Receiver::from_events([
                delta("Once"),
                Err(failed.into()),
                // Never read: the stream is over at its first error, as a real one is.
                delta(" upon"),
            ])))
        });
    let client = Client::new(Config::builder().mock(mock.clone()).build());
    assert_eq!(
        answer(&client, "hello").await.unwrap(),
        ("Hi there".to_owned(), "end_turn".to_owned())
    );
    match answer(&client, "a story").await {
        Err(ConverseError::ModelStreamErrorException(e)) => assert_eq!(e.message(), Some("the model stopped")),
        other => panic!("expected the exception, got {other:?}"),
    }
    assert_eq!(mock.calls(converse::Operation), 2);
}

#[tokio::test]
async fn a_mocked_download() {
    let mock = Mock::new()
        .on(get_object::Operation)
        .answer(|input| Ok(GetObjectOutput::new().body(format!("the bytes of {}", input.key).into_bytes())));
    let client = Client::new(Config::builder().mock(mock).build());
    let output = client.get_object("a.txt").send().await.unwrap();
    assert_eq!(output.body.collect().await.unwrap(), b"the bytes of a.txt");
}

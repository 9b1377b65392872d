//! The event stream framing against the official SDK's (`aws-smithy-eventstream`): messages of
//! every header kind, written by one and read by the other, both ways.

use aws_smithy_eventstream::frame::{read_message_from, write_message_to};
use aws_smithy_types::event_stream::{Header, HeaderValue as Official, Message as OfficialMessage};
use aws_smithy_types::DateTime;
use runtime::event_stream::{Decoder, HeaderValue, Message};

/// A message with `n` headers of kinds chosen by `rng`, and a payload of up to 300 bytes.
fn message(rng: &mut fastrand::Rng, n: usize) -> Message {
    let mut message = Message::new((0..rng.usize(..300)).map(|_| rng.u8(..)).collect::<Vec<u8>>());
    for i in 0..n {
        let value = match rng.u8(..9) {
            0 => HeaderValue::Bool(rng.bool()),
            1 => HeaderValue::Byte(rng.i8(..)),
            2 => HeaderValue::Int16(rng.i16(..)),
            3 => HeaderValue::Int32(rng.i32(..)),
            4 => HeaderValue::Int64(rng.i64(..)),
            5 => HeaderValue::Bytes((0..rng.usize(..40)).map(|_| rng.u8(..)).collect()),
            6 => HeaderValue::String((0..rng.usize(..40)).map(|_| rng.alphanumeric()).collect()),
            7 => HeaderValue::Timestamp(rng.i64(-1_000_000_000_000..4_000_000_000_000)),
            _ => HeaderValue::Uuid(rng.u128(..).to_be_bytes()),
        };
        message = message.header(format!("h{i}-{}", rng.u8(..)), value);
    }
    message
}

fn official(message: &Message) -> OfficialMessage {
    let headers = message.headers.iter().map(|(name, value)| {
        let value = match value {
            HeaderValue::Bool(v) => Official::Bool(*v),
            HeaderValue::Byte(v) => Official::Byte(*v),
            HeaderValue::Int16(v) => Official::Int16(*v),
            HeaderValue::Int32(v) => Official::Int32(*v),
            HeaderValue::Int64(v) => Official::Int64(*v),
            HeaderValue::Bytes(v) => Official::ByteArray(bytes::Bytes::from(v.clone())),
            HeaderValue::String(v) => Official::String(v.clone().into()),
            HeaderValue::Timestamp(ms) => Official::Timestamp(DateTime::from_millis(*ms)),
            HeaderValue::Uuid(v) => Official::Uuid(u128::from_be_bytes(*v)),
        };
        Header::new(name.clone(), value)
    });
    OfficialMessage::new_from_parts(headers.collect(), message.payload.clone())
}

#[test]
fn what_the_official_framing_writes_we_read_and_the_other_way_round() {
    let mut rng = fastrand::Rng::with_seed(7);
    for case in 0..300 {
        let ours = message(&mut rng, case % 12);
        let expected = official(&ours);

        let mut theirs = Vec::new();
        write_message_to(&expected, &mut theirs).unwrap();
        assert_eq!(ours.encode().unwrap(), theirs, "case {case}: the same bytes");
        let mut decoder = Decoder::new();
        decoder.push(&theirs);
        assert_eq!(decoder.next_message().unwrap().as_ref(), Some(&ours), "case {case}");
        decoder.finish().unwrap();

        let read = read_message_from(bytes::Bytes::from(ours.encode().unwrap())).unwrap();
        assert_eq!(read, expected, "case {case}: the official reader");
    }
}

/// The official test vectors (from `aws-c-event-stream`), as the `aws-smithy-eventstream`
/// package that cargo fetched for this test carries them in its `test_data/`.
fn official_vectors() -> std::path::PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let sources = cargo_home.join("registry/src");
    let found = std::fs::read_dir(&sources)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|registry| std::fs::read_dir(registry.path()).into_iter().flatten().flatten())
        .map(|package| package.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("aws-smithy-eventstream-0.61."))
        })
        .map(|p| p.join("test_data"))
        .find(|p| p.is_dir());
    found.unwrap_or_else(|| panic!("no aws-smithy-eventstream-0.61.*/test_data under {}", sources.display()))
}

#[test]
fn the_official_test_vectors() {
    use runtime::event_stream::FrameErrorKind::*;
    let dir = official_vectors();
    let decode = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let mut decoder = Decoder::new();
        decoder.push(&bytes);
        let result = decoder.next_message().map_err(|e| e.kind());
        (bytes, result)
    };
    for name in [
        "valid_empty_payload",
        "valid_no_headers",
        "valid_with_all_headers_and_payload",
    ] {
        let (bytes, ours) = decode(name);
        let theirs = read_message_from(bytes::Bytes::from(bytes.clone())).unwrap();
        let ours = ours.unwrap().unwrap_or_else(|| panic!("{name}: a whole message"));
        assert_eq!(official(&ours), theirs, "{name}");
        assert_eq!(ours.encode().unwrap(), bytes, "{name}: written back the same");
    }
    // The damaged prelude and message are found by their checksums.
    assert_eq!(decode("invalid_prelude_checksum").1, Err(PreludeChecksum));
    assert_eq!(decode("invalid_message_checksum").1, Err(MessageChecksum));
    assert_eq!(decode("invalid_headers_length").1, Err(Length));
    // The damaged headers, too: their vectors leave the message checksum as it was, and the
    // decoder checks it before it reads a header. With the checksum made right again, the damage
    // itself is found.
    for name in [
        "invalid_header_string_value_length",
        "invalid_header_string_length_cut_off",
        "invalid_header_value_type",
        "invalid_header_name_length",
        "invalid_header_name_length_too_long",
    ] {
        let (mut bytes, result) = decode(name);
        assert_eq!(result, Err(MessageChecksum), "{name}");
        let total = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let end = total - 4;
        let crc = crc32fast::hash(&bytes[..end]);
        bytes.truncate(total);
        bytes[end..].copy_from_slice(&crc.to_be_bytes());
        let mut decoder = Decoder::new();
        decoder.push(&bytes);
        assert_eq!(decoder.next_message().map_err(|e| e.kind()), Err(Header), "{name}");
    }
}

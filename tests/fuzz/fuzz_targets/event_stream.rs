//! Any bytes, cut anywhere, to the event stream decoder: whatever comes, it returns messages,
//! asks for more, or gives a `FrameError`; and every message it returns is written back to the
//! same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runtime::event_stream::Decoder;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the size of the pieces the stream arrives in.
    let Some((&cut, stream)) = data.split_first() else {
        return;
    };
    let mut decoder = Decoder::with_max_message(64 * 1024);
    let mut read = 0;
    for piece in stream.chunks(usize::from(cut) + 1) {
        decoder.push(piece);
        loop {
            match decoder.next_message() {
                Ok(Some(message)) => {
                    let wire = message.encode().expect("a message read can be written");
                    assert_eq!(&stream[read..read + wire.len()], &wire[..]);
                    read += wire.len();
                }
                Ok(None) => break,
                Err(_) => return,
            }
        }
    }
    let _ = decoder.finish();
});

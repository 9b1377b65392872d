//! A whole response (status, headers and body) from the fuzzer's bytes, read by every operation:
//! whatever comes, the decoders return an output or an error.
#![no_main]

use datazone::operation::{
    get_data_source_run, list_data_source_runs, start_data_source_run, start_metadata_generation_run,
};
use libfuzzer_sys::fuzz_target;

const HEADERS: &[&str] = &[
    "x-amzn-errortype",
    "x-amzn-requestid",
    "content-type",
    "x-amz-request-id",
];

fuzz_target!(|data: &[u8]| {
    // Layout: status (2 bytes), header count (1), then per header: name index (1), length (1),
    // value; the rest is the body.
    let Some((status, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = 100 + u16::from_be_bytes(*status) % 500;
    let mut builder = http::Response::builder().status(status);
    let (count, mut rest) = rest.split_first().map(|(c, r)| (*c % 4, r)).unwrap_or((0, rest));
    for _ in 0..count {
        let Some((&[name, len], tail)) = rest.split_first_chunk::<2>() else {
            break;
        };
        let len = usize::from(len).min(tail.len());
        if let Ok(value) = http::HeaderValue::from_bytes(&tail[..len]) {
            builder = builder.header(HEADERS[usize::from(name) % HEADERS.len()], value);
        }
        rest = &tail[len..];
    }
    let Ok(response) = builder.body(rest.to_vec()) else {
        return;
    };
    let _ = get_data_source_run::Operation::response(&response);
    let _ = list_data_source_runs::Operation::response(&response);
    let _ = start_data_source_run::Operation::response(&response);
    let _ = start_metadata_generation_run::Operation::response(&response);
});

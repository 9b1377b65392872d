//! Request compression for operations with `smithy.api#requestCompression`: bodies of at least
//! [`MIN_COMPRESSION_SIZE`] bytes are sent gzip-compressed, with `gzip` appended to any
//! `Content-Encoding` the input already sets.

use crate::wire::{BuildError, RequestBuilder};
use std::io::Write;

/// The smallest body worth compressing: 10 KiB, the AWS SDKs' default.
pub(crate) const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Compresses `body` when it is large enough, and says so in `Content-Encoding`.
pub(crate) fn gzip(req: &mut RequestBuilder, body: Option<(&'static str, Vec<u8>)>) -> Result<Option<(&'static str, Vec<u8>)>, BuildError> {
    let Some((content_type, bytes)) = body else { return Ok(None) };
    if bytes.len() < MIN_COMPRESSION_SIZE {
        return Ok(Some((content_type, bytes)));
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let compressed = encoder
        .write_all(&bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| BuildError::new(None, format!("cannot compress the body: {e}")))?;
    req.append_header_value("Content-Encoding", "gzip");
    Ok(Some((content_type, compressed)))
}

/// In protocol tests: the body is a gzip stream that decompresses.
#[cfg(test)]
pub(crate) fn assert_gzip(body: &[u8]) {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(body).read_to_end(&mut plain).expect("the body is a gzip stream");
    assert!(!plain.is_empty(), "the compressed body is not empty");
}

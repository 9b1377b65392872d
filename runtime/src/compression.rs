//! Request compression for operations with `smithy.api#requestCompression`: bodies of at least
//! `MIN_COMPRESSION_SIZE` bytes are sent gzip-compressed, with `gzip` appended to any
//! `Content-Encoding` the input already sets.

use super::wire::{BuildError, RequestBuilder};
use std::io::Write;

/// The smallest body worth compressing: 10 KiB, the AWS SDKs' default.
pub(crate) const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Compresses `body` when it is large enough, and says so in `Content-Encoding`.
pub(crate) fn gzip(
    req: &mut RequestBuilder,
    body: Option<(&'static str, Vec<u8>)>,
) -> Result<Option<(&'static str, Vec<u8>)>, BuildError> {
    let Some((content_type, bytes)) = body else {
        return Ok(None);
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn large_bodies_are_gzipped_and_decompress_to_the_original() {
        let original = "x".repeat(MIN_COMPRESSION_SIZE).into_bytes();
        let mut req = RequestBuilder::new("POST", "https://example.com", None).unwrap();
        req.header("encoding", "Content-Encoding", "custom").unwrap();
        let (_, compressed) = gzip(&mut req, Some(("application/json", original.clone())))
            .unwrap()
            .unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, original);
        let request = req.build(Some(("application/json", compressed))).unwrap();
        assert_eq!(request.headers()["content-encoding"], "custom, gzip");
    }

    #[test]
    fn small_bodies_are_sent_as_they_are() {
        let mut req = RequestBuilder::new("POST", "https://example.com", None).unwrap();
        let body = gzip(&mut req, Some(("application/json", b"{}".to_vec()))).unwrap();
        assert_eq!(body, Some(("application/json", b"{}".to_vec())));
        assert!(!req.has_header("content-encoding"));
    }
}

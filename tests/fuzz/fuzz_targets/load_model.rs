//! Any bytes as a model: the generator returns a crate or a list of problems, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = codegen::generate(text, &codegen::Options::default());
    }
});

//! The diff test: regenerating from `model/` gives exactly the files in `generated/`.
//!
//! It uses the generator and the xtask's comparison only, never the generated crate, so it runs
//! (and says what is stale) even when stale output does not compile.

use codegen::Options;

#[test]
fn generated_crate_matches_the_model() {
    let generated = xtask::generate_from(&xtask::default_model(), &Options::default()).expect("the model generates");
    let mismatches = xtask::files::compare(&xtask::default_out(), &generated.files).expect("generated/ is readable");
    assert!(
        mismatches.is_empty(),
        "generated/ is out of date; run `cargo xtask codegen`:\n{}",
        mismatches
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let first = xtask::generate_from(&xtask::default_model(), &Options::default()).unwrap();
    let second = xtask::generate_from(&xtask::default_model(), &Options::default()).unwrap();
    assert_eq!(first.files, second.files);
}

#[test]
fn every_generated_file_carries_the_header() {
    let generated = xtask::generate_from(&xtask::default_model(), &Options::default()).unwrap();
    for (path, text) in &generated.files {
        let first = text.lines().next().unwrap_or_default();
        assert!(first.contains(codegen::GENERATED_MARK), "{path} starts with {first:?}");
        if path.ends_with(".rs") {
            assert!(
                text.contains("#![cfg_attr(rustfmt, rustfmt::skip)]"),
                "{path} is not skipped by rustfmt"
            );
        }
    }
}

//! `cargo xtask codegen` writes only what changed, removes what it no longer produces, leaves the
//! user's files alone, and `--check` names every stale, missing or extra file.

use codegen::Options;
use std::fs;
use xtask::files::Mismatch;

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("snapshot-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

#[test]
fn rewrites_only_changes_and_removes_what_is_no_longer_generated() {
    let out = scratch("write");
    let all = xtask::generate_from(&xtask::default_model(), &Options::default())
        .unwrap()
        .files;
    let first = xtask::files::write(&out, &all).unwrap();
    assert_eq!(first.written.len(), all.len());
    let again = xtask::files::write(&out, &all).unwrap();
    assert!(again.written.is_empty() && again.removed.is_empty());
    assert_eq!(again.unchanged, all.len());

    fs::write(out.join("Cargo.lock"), "# the user's").unwrap();
    let subset = Options {
        operations: Some(vec!["GetDataSourceRun".into()]),
        ..Options::default()
    };
    let fewer = xtask::generate_from(&xtask::default_model(), &subset).unwrap().files;
    let summary = xtask::files::write(&out, &fewer).unwrap();
    assert!(
        summary
            .removed
            .contains(&"src/operation/start_data_source_run.rs".to_owned()),
        "{summary:?}"
    );
    assert!(!out.join("src/operation/start_metadata_generation_run.rs").exists());
    assert_eq!(fs::read_to_string(out.join("Cargo.lock")).unwrap(), "# the user's");
    assert!(xtask::files::compare(&out, &fewer).unwrap().is_empty());
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn check_names_stale_missing_and_extra_files_and_writes_nothing() {
    let out = scratch("check");
    let files = xtask::generate_from(&xtask::default_model(), &Options::default())
        .unwrap()
        .files;
    xtask::files::write(&out, &files).unwrap();
    let lib = out.join("src/lib.rs");
    let edited = fs::read_to_string(&lib)
        .unwrap()
        .replace("pub mod types;", "pub mod typos;");
    fs::write(&lib, &edited).unwrap();
    fs::remove_file(out.join("src/error.rs")).unwrap();
    fs::write(out.join("src/old.rs"), format!("// {}\n", codegen::GENERATED_MARK)).unwrap();

    let mismatches = xtask::files::compare(&out, &files).unwrap();
    assert_eq!(mismatches.len(), 3, "{mismatches:?}");
    assert!(mismatches.contains(&Mismatch::Missing("src/error.rs".into())));
    assert!(mismatches.contains(&Mismatch::Extra("src/old.rs".into())));
    let stale = mismatches.iter().find_map(|m| match m {
        Mismatch::Stale(path, diff) if path == "src/lib.rs" => Some(diff),
        _ => None,
    });
    let diff = stale.expect("lib.rs is stale");
    assert!(
        diff.contains("-pub mod typos;") && diff.contains("+pub mod types;"),
        "{diff}"
    );

    let error = xtask::codegen(&xtask::default_model(), &out, &Options::default(), true).unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("cargo xtask codegen") && message.contains("src/old.rs"),
        "{message}"
    );
    // --check wrote nothing.
    assert_eq!(fs::read_to_string(&lib).unwrap(), edited);
    assert!(!out.join("src/error.rs").exists());
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_subset_has_only_its_operations_and_the_shapes_they_reach() {
    let subset = Options {
        operations: Some(vec!["GetDataSourceRun".into()]),
        ..Options::default()
    };
    let files = xtask::generate_from(&xtask::default_model(), &subset).unwrap().files;
    assert!(files.contains_key("src/operation/get_data_source_run.rs"));
    assert!(files.contains_key("src/types/data_source_run_lineage_summary.rs"));
    assert!(!files.contains_key("src/operation/list_data_source_runs.rs"));
    assert!(!files.contains_key("src/types/metadata_generation_run_target.rs"));

    let unknown = Options {
        operations: Some(vec!["GetDataSourceRunz".into()]),
        ..Options::default()
    };
    let error = xtask::generate_from(&xtask::default_model(), &unknown).unwrap_err();
    assert!(
        format!("{error:#}").contains("no operation named `GetDataSourceRunz`; did you mean `GetDataSourceRun`?"),
        "{error:#}"
    );

    // The method's name picks the same operation.
    let snake = Options {
        operations: Some(vec!["get_data_source_run".into()]),
        ..Options::default()
    };
    let by_method = xtask::generate_from(&xtask::default_model(), &snake).unwrap().files;
    assert_eq!(by_method, files);
}

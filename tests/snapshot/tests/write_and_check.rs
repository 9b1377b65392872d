//! `cargo xtask codegen` writes only what changed, removes what it no longer produces, never
//! overwrites, removes or enters what it did not write, and `--check` names every stale, missing
//! or extra file.

use codegen::Options;
use snapshot_tests::snapshot;
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use xtask::files::{Mismatch, WriteError, MANIFEST};
use xtask::Action;

const WRITE: Action = Action::Write { force: false };
const FORCE: Action = Action::Write { force: true };

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
    let first = xtask::files::write(&out, &all, false).unwrap();
    // Every file, and the manifest.
    assert_eq!(first.written.len(), all.len() + 1);
    let again = xtask::files::write(&out, &all, false).unwrap();
    assert!(again.written.is_empty() && again.removed.is_empty());
    assert_eq!(again.unchanged, all.len() + 1);

    fs::write(out.join("Cargo.lock"), "# the user's").unwrap();
    let subset = Options {
        operations: Some(vec!["GetDataSourceRun".into()]),
        ..Options::default()
    };
    let fewer = xtask::generate_from(&xtask::default_model(), &subset).unwrap().files;
    let summary = xtask::files::write(&out, &fewer, false).unwrap();
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
    xtask::files::write(&out, &files, false).unwrap();
    let lib = out.join("src/lib.rs");
    let edited = fs::read_to_string(&lib)
        .unwrap()
        .replace("pub mod types;", "pub mod typos;");
    fs::write(&lib, &edited).unwrap();
    fs::remove_file(out.join("src/error.rs")).unwrap();
    // A generated file the manifest lists, which generation no longer produces.
    fs::write(out.join("src/old.rs"), format!("// {}\n", codegen::GENERATED_MARK)).unwrap();
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    fs::write(out.join(MANIFEST), format!("{manifest}src/old.rs\n")).unwrap();

    let mismatches = xtask::files::compare(&out, &files).unwrap();
    assert_eq!(mismatches.len(), 4, "{mismatches:?}");
    assert!(mismatches
        .iter()
        .any(|m| matches!(m, Mismatch::Stale(path, _) if path == MANIFEST)));
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

    let error = xtask::codegen(&xtask::default_model(), &out, &Options::default(), Action::Check).unwrap_err();
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

/// A folder holding `files` (relative path → contents).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (path, contents) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    dir
}

fn datazone(crate_name: &str, operations: Option<&str>) -> Options {
    Options {
        crate_name: Some(crate_name.into()),
        operations: operations.map(|op| vec![op.into()]),
        ..Options::default()
    }
}

#[test]
fn a_project_root_is_refused_whole_and_forcing_never_overwrites_its_files() {
    // The case: `--out .` in a clone of this project.
    let root = folder(
        "project-root",
        &[
            ("Cargo.toml", "[workspace]\nmembers = [\"generated\"]\n"),
            ("README.md", "# The project\n"),
            (".git/HEAD", "ref: refs/heads/main\n"),
        ],
    );
    xtask::codegen(
        &xtask::default_model(),
        &root.join("generated"),
        &Options::default(),
        WRITE,
    )
    .unwrap();
    let before = snapshot(&root);

    let sqs = xtask::workspace_root().join("../shared/models/aws/sqs.json");
    let sqs = sqs.as_path();
    let error = xtask::codegen(sqs, &root, &Options::default(), WRITE).unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("it is not empty (Cargo.toml, README.md, generated/)")
            && message.contains("Nothing was written")
            && message.contains("--force"),
        "{message}"
    );
    assert_eq!(snapshot(&root), before);

    let error = xtask::codegen(sqs, &root, &Options::default(), FORCE).unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("Cargo.toml: not written by the generator (no generated mark)")
            && message.contains("README.md: not written by the generator"),
        "{message}"
    );
    assert_eq!(snapshot(&root), before, "a refused write wrote nothing");
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_hand_written_crate_is_refused_and_forcing_names_each_file_it_would_overwrite() {
    let mine = folder(
        "hand-written",
        &[
            ("Cargo.toml", "[package]\nname = \"datazone\"\n"),
            ("README.md", "mine\n"),
            ("src/lib.rs", "pub fn mine() {}\n"),
        ],
    );
    let before = snapshot(&mine);
    let error = xtask::files::write(
        &mine,
        &xtask::generate_from(&xtask::default_model(), &Options::default())
            .unwrap()
            .files,
        false,
    )
    .unwrap_err();
    assert!(
        matches!(&error, WriteError::NotOurs { entries, .. } if entries == &["Cargo.toml", "README.md", "src/"]),
        "{error}"
    );
    let error = xtask::codegen(&xtask::default_model(), &mine, &Options::default(), FORCE).unwrap_err();
    let message = format!("{error:#}");
    for file in ["Cargo.toml", "README.md", "src/lib.rs"] {
        assert!(
            message.contains(&format!("\n  {file}: not written by the generator")),
            "{message}"
        );
    }
    assert_eq!(snapshot(&mine), before);

    // Forcing into a folder whose files do not clash writes beside them, and leaves them be.
    let beside = folder("beside", &[("LICENSE", "mine\n"), ("notes/todo.md", "mine\n")]);
    assert!(xtask::codegen(&xtask::default_model(), &beside, &Options::default(), WRITE).is_err());
    xtask::codegen(&xtask::default_model(), &beside, &Options::default(), FORCE).unwrap();
    assert_eq!(fs::read_to_string(beside.join("LICENSE")).unwrap(), "mine\n");
    assert!(beside.join("src/lib.rs").exists() && beside.join(MANIFEST).exists());
    // From then on it is a generated crate: no more forcing needed.
    xtask::codegen(&xtask::default_model(), &beside, &Options::default(), WRITE).unwrap();
    fs::remove_dir_all(&mine).unwrap();
    fs::remove_dir_all(&beside).unwrap();
}

#[test]
fn a_crate_generated_inside_another_survives_the_outer_ones_regeneration() {
    // The case: EFS into nest/, SQS into nest/sqs-client, then EFS into nest/ again.
    let nest = scratch("nest");
    let inner = nest.join("sqs-client");
    xtask::codegen(&xtask::default_model(), &nest, &datazone("outer", None), WRITE).unwrap();
    xtask::codegen(
        &xtask::default_model(),
        &inner,
        &datazone("inner", Some("GetDataSourceRun")),
        WRITE,
    )
    .unwrap();
    let inner_before = snapshot(&inner);
    let report = xtask::codegen(&xtask::default_model(), &nest, &datazone("outer", None), WRITE).unwrap();
    assert!(report.contains("0 written, 0 removed"), "{report}");
    // A subset of the outer crate removes its own files only.
    let subset = datazone("outer", Some("ListDataSourceRuns"));
    xtask::codegen(&xtask::default_model(), &nest, &subset, WRITE).unwrap();
    assert!(!nest.join("src/operation/get_data_source_run.rs").exists());
    assert_eq!(snapshot(&inner), inner_before);
    let files = xtask::generate_from(&xtask::default_model(), &subset).unwrap().files;
    assert!(xtask::files::compare(&nest, &files).unwrap().is_empty());

    // A generated file that would land inside another crate's folder is refused.
    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_owned(),
        format!("# {}\n[package]\nname = \"outer\"\n", codegen::GENERATED_MARK),
    );
    files.insert(
        "sqs-client/src/lib.rs".to_owned(),
        format!("// {}\n", codegen::GENERATED_MARK),
    );
    let error = xtask::files::write(&nest, &files, false).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("sqs-client/src/lib.rs: inside the folder of another generated crate"),
        "{error}"
    );
    assert_eq!(snapshot(&inner), inner_before);
    fs::remove_dir_all(&nest).unwrap();
}

#[test]
fn a_file_edited_by_hand_is_neither_overwritten_nor_removed() {
    let out = scratch("edited");
    xtask::codegen(&xtask::default_model(), &out, &Options::default(), WRITE).unwrap();
    // The user took over two files: they removed the mark.
    let kept = "// mine now\npub fn mine() {}\n";
    fs::write(out.join("src/operation/start_data_source_run.rs"), kept).unwrap();
    fs::write(out.join("README.md"), "mine now\n").unwrap();
    let before = snapshot(&out);
    let error = xtask::codegen(
        &xtask::default_model(),
        &out,
        &datazone("datazone", Some("GetDataSourceRun")),
        WRITE,
    )
    .unwrap_err();
    assert!(
        format!("{error:#}").contains("README.md: its generated mark is gone (edited by hand)"),
        "{error:#}"
    );
    assert_eq!(snapshot(&out), before);

    // With README.md given back, the subset writes; the edited operation it no longer produces is kept.
    fs::remove_file(out.join("README.md")).unwrap();
    let report = xtask::codegen(
        &xtask::default_model(),
        &out,
        &datazone("datazone", Some("GetDataSourceRun")),
        WRITE,
    )
    .unwrap();
    assert!(
        report.contains("kept src/operation/start_data_source_run.rs"),
        "{report}"
    );
    assert_eq!(
        fs::read_to_string(out.join("src/operation/start_data_source_run.rs")).unwrap(),
        kept
    );
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_crate_generated_before_manifests_is_recognised_by_its_mark_and_name() {
    let out = scratch("legacy");
    xtask::codegen(&xtask::default_model(), &out, &Options::default(), WRITE).unwrap();
    fs::remove_file(out.join(MANIFEST)).unwrap();
    // Another crate inside it, generated too: not part of the outer one.
    xtask::codegen(
        &xtask::default_model(),
        &out.join("nested"),
        &datazone("nested", Some("GetDataSourceRun")),
        WRITE,
    )
    .unwrap();
    let nested = snapshot(&out.join("nested"));
    let subset = datazone("datazone", Some("GetDataSourceRun"));
    let report = xtask::codegen(&xtask::default_model(), &out, &subset, WRITE).unwrap();
    assert!(!out.join("src/operation/start_data_source_run.rs").exists(), "{report}");
    assert_eq!(snapshot(&out.join("nested")), nested);
    // Another crate name is another crate: refused.
    fs::remove_file(out.join(MANIFEST)).unwrap();
    let error = xtask::codegen(&xtask::default_model(), &out, &datazone("other", None), WRITE).unwrap_err();
    assert!(
        format!("{error:#}").contains("holds no crate of `cargo xtask codegen`"),
        "{error:#}"
    );
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_crate_generated_inside_a_workspace_that_does_not_name_it_gets_a_note() {
    let root = folder("workspace", &[("Cargo.toml", "[workspace]\nmembers = [\"listed\"]\n")]);
    let report = xtask::codegen(
        &xtask::default_model(),
        &root.join("unlisted"),
        &Options::default(),
        WRITE,
    )
    .unwrap();
    assert!(
        report.contains("is inside the Cargo workspace of") && report.contains("to list \"unlisted\" in its `members`"),
        "{report}"
    );
    let report = xtask::codegen(
        &xtask::default_model(),
        &root.join("listed"),
        &Options::default(),
        WRITE,
    )
    .unwrap();
    assert!(!report.contains("note:"), "{report}");
    fs::remove_dir_all(&root).unwrap();
}

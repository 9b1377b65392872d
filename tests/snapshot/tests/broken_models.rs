//! The corpus of broken models in `broken/`: each must be rejected with exactly the problems in
//! its `.expected` file (every problem at once, sorted, each starting with its shape id), and a
//! rejected generation must leave the output folder exactly as it was.

use codegen::Options;
use snapshot_tests::{datazone, rename_trait, snapshot, to_json, traits};
use std::fs;
use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("broken");
    let mut models: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    models
}

#[test]
fn every_broken_model_is_rejected_with_its_exact_problems() {
    let models = corpus();
    assert!(models.len() >= 7, "the corpus is missing: {models:?}");
    let mut failures = Vec::new();
    for model in models {
        let json = fs::read_to_string(&model).unwrap();
        let expected = fs::read_to_string(model.with_extension("expected")).unwrap();
        let got = match codegen::generate(&json, &Options::default()) {
            Ok(_) => "(accepted)".to_owned(),
            Err(e) => e.problems.iter().map(|p| format!("{p}\n")).collect(),
        };
        if got != expected {
            failures.push(format!("{}:\n--- expected\n{expected}--- got\n{got}", model.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_misspelt_prelude_trait_gets_a_suggestion_and_is_an_error_where_it_changes_the_api() {
    // `documentation` misspelt: the docs are lost, nothing else; a warning.
    let mut model = datazone();
    let op = "com.amazonaws.datazone#GetDataSourceRun";
    rename_trait(&mut model, op, "smithy.api#documentation", "smithy.api#documentaton");
    let typo = to_json(&model);
    let generated = codegen::generate(&typo, &Options::default()).expect("a warning does not stop generation");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.ends_with(
            "`smithy.api#documentaton` is not a prelude trait this generator knows; it is ignored (did you mean `smithy.api#documentation`?)"
        )),
        "{warnings:#?}"
    );
    // `required` misspelt: a required member would become optional; an error naming the member.
    let mut model = datazone();
    let member = "com.amazonaws.datazone#GetDataSourceRunInput$identifier";
    rename_trait(&mut model, member, "smithy.api#required", "smithy.api#requried");
    let typo = to_json(&model);
    let error = codegen::generate(&typo, &Options::default()).expect_err("an API-changing typo stops generation");
    let problems: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.iter().any(|p| p.starts_with(member)
            && p.ends_with("did you mean `smithy.api#required`? (as it is, the generated API would differ)")),
        "{problems:#?}"
    );
}

#[test]
fn a_misspelt_trait_of_another_namespace_the_generator_knows_is_a_warning_with_a_suggestion() {
    let mut model = datazone();
    let traits = traits(&mut model, "com.amazonaws.datazone#StartDataSourceRun");
    for name in ["aws.api#controlPlan", "smithy.rules#nothingLikeIt", "com.example#mine"] {
        traits.insert(name.to_owned(), serde_json::json!({}));
    }
    let typos = to_json(&model);
    let generated = codegen::generate(&typos, &Options::default()).expect("warnings only");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    let about = |name: &str| {
        warnings
            .iter()
            .filter(|w| w.contains(name))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        about("controlPlan"),
        ["com.amazonaws.datazone#StartDataSourceRun: `aws.api#controlPlan` is not a trait of `aws.api` this generator knows; it is ignored (did you mean `aws.api#controlPlane`?)"]
    );
    assert_eq!(
        about("nothingLikeIt"),
        ["com.amazonaws.datazone#StartDataSourceRun: `smithy.rules#nothingLikeIt` is not a trait of `smithy.rules` this generator knows; it is ignored"]
    );
    // A namespace of the model's own (a custom trait) is not the generator's to judge.
    assert_eq!(about("com.example#mine"), Vec::<String>::new());
}

#[test]
fn a_crate_name_cargo_or_rust_would_refuse_is_a_problem_not_output() {
    let json = fs::read_to_string(xtask::default_model()).unwrap();
    for (name, why) in [
        ("data zone", "Cargo takes only ASCII letters, digits, `-` and `_`"),
        ("2zone", "it must start with a letter or `_`"),
        ("async", "its library name is a Rust keyword"),
        ("core", "its library name is a standard crate's"),
    ] {
        let options = Options {
            crate_name: Some(name.to_owned()),
            ..Options::default()
        };
        let error = codegen::generate(&json, &options).expect_err(name);
        let problems: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [format!(
                "com.amazonaws.datazone#DataZone: --crate-name: `{name}` cannot name the crate: {why}"
            )]
        );
    }
}

#[test]
fn a_protocol_test_case_the_generator_cannot_read_is_a_problem_naming_it() {
    let mut model = datazone();
    let traits = traits(&mut model, "com.amazonaws.datazone#GetDataSourceRun");
    traits["smithy.test#httpResponseTests"][0]["code"] = serde_json::json!("200");
    let broken = to_json(&model);
    let error = codegen::generate(&broken, &Options::default()).expect_err("a case it cannot read");
    let problems: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "com.amazonaws.datazone#GetDataSourceRun: `smithy.test#httpResponseTests` case `DataZoneGetDataSourceRunResponse` cannot be read: invalid type: string \"200\", expected u16"
        ),
        "{problems:#?}"
    );
}

const WRITE: xtask::Action = xtask::Action::Write { force: false };

#[test]
fn a_rejected_model_leaves_the_output_folder_untouched() {
    let out = std::env::temp_dir().join(format!("snapshot-untouched-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    // A good generation first, plus a file of the user's.
    xtask::codegen(&xtask::default_model(), &out, &Options::default(), WRITE).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let before = snapshot(&out);
    for model in corpus() {
        let result = xtask::codegen(&model, &out, &Options::default(), WRITE);
        let message = format!("{:#}", result.expect_err("a broken model must fail"));
        assert!(message.contains("problem"), "{message}");
        assert_eq!(snapshot(&out), before, "{} changed the output folder", model.display());
    }
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_trait_the_generator_knows_and_does_not_implement_is_a_warning_that_says_so() {
    // Flexible checksums on GetDataSourceRun, as S3's models carry them.
    let mut model = datazone();
    traits(&mut model, "com.amazonaws.datazone#GetDataSourceRun").insert(
        "aws.protocols#httpChecksum".to_owned(),
        serde_json::json!({"requestChecksumRequired": true}),
    );
    let with_checksum = to_json(&model);
    let generated = codegen::generate(&with_checksum, &Options::default()).expect("a warning does not stop generation");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(
            |w| w.starts_with("com.amazonaws.datazone#GetDataSourceRun: `aws.protocols#httpChecksum`")
                && w.ends_with("request and response checksums are neither sent nor checked")
        ),
        "{warnings:#?}"
    );
}

#[test]
fn an_operation_no_service_reaches_is_a_warning_that_names_it() {
    // An operation added to the model but not bound to the service, with its input.
    let json = to_json(&datazone());
    let mut model = datazone();
    let shapes = model["shapes"].as_object_mut().unwrap();
    shapes.insert(
        "com.amazonaws.datazone#CancelDataSourceRun".to_owned(),
        serde_json::json!({"type": "operation", "input": {"target": "com.amazonaws.datazone#CancelDataSourceRunInput"}}),
    );
    shapes.insert(
        "com.amazonaws.datazone#CancelDataSourceRunInput".to_owned(),
        serde_json::json!({"type": "structure", "members": {}}),
    );
    let with_unbound = to_json(&model);
    let generated = codegen::generate(&with_unbound, &Options::default()).expect("a warning does not stop generation");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.contains(&"com.amazonaws.datazone#CancelDataSourceRun: no service reaches it (bind it to the service or one of its resources): left out".to_owned()),
        "{warnings:#?}"
    );
    assert!(
        warnings.contains(
            &"model: 1 shape no service reaches, left out: com.amazonaws.datazone#CancelDataSourceRunInput".to_owned()
        ),
        "{warnings:#?}"
    );
    assert!(!generated.files.contains_key("src/operation/cancel_data_source_run.rs"));
    // The published model reaches everything it holds.
    let clean = codegen::generate(&json, &Options::default()).unwrap();
    assert!(
        !clean.warnings.iter().any(|w| w.to_string().contains("reach")),
        "{:#?}",
        clean.warnings
    );
}

#[test]
fn a_trait_not_implemented_on_many_shapes_is_one_warning_naming_them() {
    let mut model = datazone();
    for op in ["GetDataSourceRun", "ListDataSourceRuns", "StartDataSourceRun"] {
        traits(&mut model, &format!("com.amazonaws.datazone#{op}")).insert(
            "smithy.test#smokeTests".to_owned(),
            serde_json::json!([{"id": format!("{op}Smoke"), "expect": {"success": {}}}]),
        );
    }
    let generated = codegen::generate(&to_json(&model), &Options::default()).unwrap();
    let smoke: Vec<String> = generated
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("smokeTests"))
        .collect();
    assert_eq!(
        smoke,
        ["model: `smithy.test#smokeTests` on 3 shapes (com.amazonaws.datazone#GetDataSourceRun, com.amazonaws.datazone#ListDataSourceRuns, com.amazonaws.datazone#StartDataSourceRun): the smoke tests are not generated"]
    );
}

//! `cargo xtask synth-model`: the synthetic models the benchmarks use are valid restJson1
//! models of the size asked for, the same for the same size, and generate without a warning.

use codegen::Options;

#[test]
fn a_synthetic_model_has_the_operations_asked_for_and_generates_cleanly() {
    for n in [1, 7, 100] {
        let model = xtask::synth::model(n);
        assert_eq!(model, xtask::synth::model(n), "the same size gives the same model");
        let shapes = model["shapes"].as_object().unwrap();
        let operations = shapes.values().filter(|s| s["type"] == "operation").count();
        assert_eq!(operations, n);
        let json = serde_json::to_string(&model).unwrap();
        let generated = codegen::generate(&json, &Options::default()).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert!(generated.warnings.is_empty(), "{n}: {:?}", generated.warnings);
        let operation_files = generated
            .files
            .keys()
            .filter(|p| p.starts_with("src/operation/") && !p.ends_with("mod.rs"));
        assert_eq!(operation_files.count(), n);
    }
}

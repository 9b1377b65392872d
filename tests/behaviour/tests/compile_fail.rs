//! A missing required member is a compile error, not a run-time one.

#[test]
fn missing_required_members_do_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}

use datazone::operation::get_data_source_run::GetDataSourceRunInput;

fn main() {
    // Inputs cannot be built field by field either, so no member can be forgotten that way.
    let _input = GetDataSourceRunInput { domain_identifier: "dzd_abc123".into(), identifier: "run1".into() };
}

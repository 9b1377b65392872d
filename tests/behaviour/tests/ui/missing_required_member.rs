use datazone::operation::get_data_source_run::GetDataSourceRunInput;

fn main() {
    // `identifier` is required: leaving it out must not compile.
    let _input = GetDataSourceRunInput::new("dzd_abc123");
}

use datazone::types::{MetadataGenerationRunTarget, MetadataGenerationTargetType};

fn main() {
    // A nested structure's required members are required too.
    let _target = MetadataGenerationRunTarget::new(MetadataGenerationTargetType::Asset);
}

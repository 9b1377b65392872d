//! What the caller asks of a generation: which service, which operations, the crate's name.

use std::collections::BTreeMap;

/// What to generate.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The service shape (absolute id or name); by default the model's one restJson1 service.
    pub service: Option<String>,
    /// The protocol to speak (`awsQuery`, or its trait id), of those the service lists; by
    /// default the first of them in [`crate::ir::Protocol::ALL`]'s order.
    pub protocol: Option<String>,
    /// Only these operations (by shape name) and the shapes they reach; by default all.
    pub operations: Option<Vec<String>>,
    /// The package name; by default the service's sdkId in lowercase (`datazone`).
    pub crate_name: Option<String>,
    /// Protocol test cases to generate as `#[ignore]`d, by case id, each with the reason.
    pub ignored_tests: BTreeMap<String, String>,
}

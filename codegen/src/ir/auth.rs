//! Auth schemes: which a service offers (`smithy.api#auth`, or every auth trait it carries) and
//! which each operation accepts, in order of preference, as the Smithy specification says.

use super::AuthScheme;
use crate::model::{ShapeId, Traits};
use crate::problem::Problem;

/// Auth traits of the prelude and of AWS, the ones this generator implements first.
const AUTH_TRAITS: &[&str] = &[
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];

/// The service's schemes in order: its `smithy.api#auth` list, or else every auth trait it
/// carries, sorted by shape id.
pub fn service_schemes(traits: &Traits) -> Vec<String> {
    match &traits.auth {
        Some(list) => list.clone(),
        None => AUTH_TRAITS
            .iter()
            .filter(|t| traits.has(t))
            .map(|t| (*t).to_owned())
            .collect(),
    }
}

/// The schemes an operation accepts: its own `smithy.api#auth` list or the service's, then
/// anonymous where `smithy.api#optionalAuth` says so (or where the list is empty). Schemes the
/// generator does not implement stay in the list as [`AuthScheme::Unsupported`], with a warning,
/// so that the client refuses to send the call rather than sending it unsigned.
pub fn operation_schemes(
    op: &ShapeId,
    traits: &Traits,
    service: &[String],
    warnings: &mut Vec<Problem>,
) -> Vec<AuthScheme> {
    let names = traits.auth.as_deref().unwrap_or(service);
    let mut schemes: Vec<AuthScheme> = names
        .iter()
        .map(|name| match name.as_str() {
            "aws.auth#sigv4" => AuthScheme::SigV4,
            "smithy.api#httpBearerAuth" => AuthScheme::Bearer,
            other => {
                warnings.push(Problem::new(
                    op,
                    format!("auth scheme `{other}` is not implemented: a call that only it would authorize fails with a `Dispatch` error"),
                ));
                AuthScheme::Unsupported(other.to_owned())
            }
        })
        .collect();
    if schemes.is_empty() || traits.optional_auth {
        schemes.push(AuthScheme::Anonymous);
    }
    schemes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn traits(value: serde_json::Value) -> Traits {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_service_list_is_its_auth_trait_or_every_auth_trait_sorted() {
        let ordered = traits(json!({"smithy.api#auth": ["smithy.api#httpBearerAuth", "aws.auth#sigv4"]}));
        assert_eq!(
            service_schemes(&ordered),
            ["smithy.api#httpBearerAuth", "aws.auth#sigv4"]
        );
        let carried =
            traits(json!({"smithy.api#httpBearerAuth": {}, "aws.auth#sigv4": {"name": "x"}, "smithy.api#title": "T"}));
        assert_eq!(
            service_schemes(&carried),
            ["aws.auth#sigv4", "smithy.api#httpBearerAuth"]
        );
    }

    #[test]
    fn operations_narrow_the_list_or_go_anonymous() {
        let op = ShapeId::parse("a#Op").unwrap();
        let service = vec!["aws.auth#sigv4".to_owned(), "smithy.api#httpBearerAuth".to_owned()];
        let mut warnings = Vec::new();
        let none = traits(json!({}));
        assert_eq!(
            operation_schemes(&op, &none, &service, &mut warnings),
            [AuthScheme::SigV4, AuthScheme::Bearer]
        );
        let empty = traits(json!({"smithy.api#auth": []}));
        assert_eq!(
            operation_schemes(&op, &empty, &service, &mut warnings),
            [AuthScheme::Anonymous]
        );
        let optional = traits(json!({"smithy.api#auth": ["smithy.api#httpBearerAuth"], "smithy.api#optionalAuth": {}}));
        assert_eq!(
            operation_schemes(&op, &optional, &service, &mut warnings),
            [AuthScheme::Bearer, AuthScheme::Anonymous]
        );
        assert!(warnings.is_empty());
        let sigv4a = traits(json!({"smithy.api#auth": ["aws.auth#sigv4a"]}));
        assert_eq!(
            operation_schemes(&op, &sigv4a, &service, &mut warnings),
            [AuthScheme::Unsupported("aws.auth#sigv4a".into())]
        );
        assert_eq!(warnings.len(), 1);
    }
}

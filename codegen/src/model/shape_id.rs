//! Smithy shape ids: `namespace#Name` and `namespace#Name$member`.

use std::fmt;

/// An absolute shape id, optionally naming a member.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

impl ShapeId {
    /// Parses `namespace#Name` or `namespace#Name$member`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (namespace, rest) = text
            .split_once('#')
            .ok_or_else(|| format!("`{text}` is not an absolute shape id (no `#`)"))?;
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        let namespace_ok = !namespace.is_empty() && namespace.split('.').all(is_identifier);
        if !namespace_ok || !is_identifier(name) || !member.is_none_or(is_identifier) {
            return Err(format!("`{text}` is not a valid shape id"));
        }
        Ok(Self {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// The namespace, before `#`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape's name, between `#` and `$`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name, after `$`, if any.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The id of the member `member` of this shape.
    pub fn with_member(&self, member: &str) -> Self {
        Self {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_owned()),
        }
    }

    /// The id of the shape itself, without any member part.
    pub fn root(&self) -> Self {
        Self {
            member: None,
            ..self.clone()
        }
    }
}

/// Smithy identifiers: a letter or `_` first, then letters, digits and `_`.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::ShapeId;

    #[test]
    fn parses_and_prints_shape_and_member_ids() {
        let id = ShapeId::parse("com.example#Order$items").unwrap();
        assert_eq!(id.namespace(), "com.example");
        assert_eq!(id.name(), "Order");
        assert_eq!(id.member(), Some("items"));
        assert_eq!(id.to_string(), "com.example#Order$items");
        assert_eq!(id.root().to_string(), "com.example#Order");
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "Order",
            "#Order",
            "com.example#",
            "com..example#A",
            "a#1B",
            "a#B$",
            "a#B c",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}

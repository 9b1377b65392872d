//! The URI pattern of `smithy.api#http`: `/path/{label}/{greedy+}?literal=value`.

/// A parsed URI pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct UriPattern {
    /// The pattern as written in the model.
    pub text: String,
    /// Path segments, in order.
    pub segments: Vec<UriSegment>,
    /// Literal query parameters (`?a=b&c`), in order.
    pub query: Vec<(String, Option<String>)>,
}

/// One path segment.
#[derive(Debug, Clone, PartialEq)]
pub enum UriSegment {
    /// Literal text.
    Literal(String),
    /// A label bound to an input member.
    Label {
        /// The member name.
        name: String,
        /// `{name+}`: may contain `/`.
        greedy: bool,
    },
}

impl UriPattern {
    /// Parses a pattern; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let Some(path) = text.strip_prefix('/') else {
            return Err(format!("URI `{text}` must start with `/`"));
        };
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let mut segments = Vec::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            if let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                let (name, greedy) = match inner.strip_suffix('+') {
                    Some(name) => (name, true),
                    None => (inner, false),
                };
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(format!("URI `{text}` has an invalid label `{segment}`"));
                }
                if segments
                    .iter()
                    .any(|s| matches!(s, UriSegment::Label { name: n, .. } if n == name))
                {
                    return Err(format!("URI `{text}` uses the label `{name}` twice"));
                }
                segments.push(UriSegment::Label {
                    name: name.to_owned(),
                    greedy,
                });
            } else if segment.contains(['{', '}']) {
                return Err(format!(
                    "URI `{text}`: a label must be a whole path segment, not `{segment}`"
                ));
            } else {
                segments.push(UriSegment::Literal(segment.to_owned()));
            }
        }
        let greedy = segments
            .iter()
            .filter(|s| matches!(s, UriSegment::Label { greedy: true, .. }))
            .count();
        if greedy > 1 {
            return Err(format!("URI `{text}` has more than one greedy label"));
        }
        let query = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (p.to_owned(), None),
            })
            .collect();
        Ok(Self {
            text: text.to_owned(),
            segments,
            query,
        })
    }

    /// The names of the labels, in order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            UriSegment::Label { name, .. } => Some(name.as_str()),
            UriSegment::Literal(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_greedy_labels_and_literal_query() {
        let p = UriPattern::parse("/v2/domains/{domainIdentifier}/files/{key+}?type=x&flag").unwrap();
        assert_eq!(p.labels().collect::<Vec<_>>(), ["domainIdentifier", "key"]);
        assert_eq!(
            p.segments[4],
            UriSegment::Label {
                name: "key".into(),
                greedy: true
            }
        );
        assert_eq!(p.query, vec![("type".into(), Some("x".into())), ("flag".into(), None)]);
    }

    #[test]
    fn rejects_partial_and_repeated_labels() {
        assert!(UriPattern::parse("/a/x{b}").is_err());
        assert!(UriPattern::parse("/a/{b}/{b}").is_err());
        assert!(UriPattern::parse("a/{b}").is_err());
        assert!(UriPattern::parse("/{a+}/{b+}").is_err());
    }
}

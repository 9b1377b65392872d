//! Assertions for the protocol tests generated from `smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests`, with the semantics the Smithy specification gives them.

use super::primitives::{Document, Number};

/// What a request test expects; every list is checked as the specification says. A field left
/// at its default expects nothing.
#[derive(Default)]
pub(crate) struct ExpectedRequest<'a> {
    pub(crate) method: &'a str,
    pub(crate) uri: &'a str,
    pub(crate) resolved_host: Option<&'a str>,
    pub(crate) query_params: &'a [&'a str],
    pub(crate) forbid_query_params: &'a [&'a str],
    pub(crate) require_query_params: &'a [&'a str],
    pub(crate) headers: &'a [(&'a str, &'a str)],
    pub(crate) forbid_headers: &'a [&'a str],
    pub(crate) require_headers: &'a [&'a str],
    pub(crate) body: Option<&'a str>,
    pub(crate) body_media_type: Option<&'a str>,
}

pub(crate) fn check_request(request: &http::Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    assert_eq!(request.uri().path(), expected.uri, "path");
    if let Some(host) = expected.resolved_host {
        assert_eq!(request.uri().host(), Some(host), "resolved host");
    }
    let query: Vec<&str> = request
        .uri()
        .query()
        .map(|q| q.split('&').collect())
        .unwrap_or_default();
    let names: Vec<&str> = query.iter().map(|p| p.split('=').next().unwrap_or_default()).collect();
    for param in expected.query_params {
        assert!(query.contains(param), "query parameter `{param}` expected in {query:?}");
    }
    for name in expected.forbid_query_params {
        assert!(
            !names.contains(name),
            "query parameter `{name}` forbidden, found in {query:?}"
        );
    }
    for name in expected.require_query_params {
        assert!(
            names.contains(name),
            "query parameter `{name}` required, missing from {query:?}"
        );
    }
    check_headers(
        request.headers(),
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    );
    if let Some(body) = expected.body {
        check_body(request.body(), body, expected.body_media_type);
    }
}

pub(crate) fn check_headers(headers: &http::HeaderMap, expected: &[(&str, &str)], forbid: &[&str], require: &[&str]) {
    for (name, value) in expected {
        let actual: Vec<&str> = headers
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap_or("<not ASCII>"))
            .collect();
        assert!(!actual.is_empty(), "header `{name}` expected, missing from {headers:?}");
        assert_eq!(actual.join(", "), *value, "header `{name}`");
    }
    for name in forbid {
        assert!(
            !headers.contains_key(*name),
            "header `{name}` forbidden, found in {headers:?}"
        );
    }
    for name in require {
        assert!(
            headers.contains_key(*name),
            "header `{name}` required, missing from {headers:?}"
        );
    }
}

/// A body compared as its media type says, as the Smithy protocol-test specification asks:
/// JSON as values (member order and spacing do not matter, `1` equals `1.0`), XML as trees, a
/// form (`application/x-www-form-urlencoded`) as its set of decoded pairs; any other byte for byte.
pub(crate) fn check_body(actual: &[u8], expected: &str, media_type: Option<&str>) {
    let media_type = media_type.unwrap_or_default();
    let same = if expected.is_empty() {
        None
    } else if media_type == "application/json" || media_type.ends_with("+json") {
        let parse = |bytes: &[u8]| {
            let mut r = super::json::Reader::new(bytes);
            let doc = r.document().and_then(|d| r.end().map(|()| d));
            doc.unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
        };
        Some(same_json(&parse(actual), &parse(expected.as_bytes())))
    } else if media_type == "application/xml" || media_type.ends_with("+xml") {
        let parse = |bytes: &[u8]| {
            xml_tree(bytes).unwrap_or_else(|e| panic!("body is not XML ({e}): {}", String::from_utf8_lossy(bytes)))
        };
        Some(parse(actual) == parse(expected.as_bytes()))
    } else if media_type == "application/x-www-form-urlencoded" {
        Some(form_pairs(actual) == form_pairs(expected.as_bytes()))
    } else {
        None
    };
    match same {
        Some(same) => assert!(
            same,
            "body ({media_type})\n  actual:   {}\n  expected: {expected}",
            String::from_utf8_lossy(actual)
        ),
        None => assert_eq!(String::from_utf8_lossy(actual), expected, "body"),
    }
}

/// Structural equality where numbers compare by value (`1` equals `1.0`).
fn same_json(a: &Document, b: &Document) -> bool {
    let number = |n: &Number| match n {
        Number::PosInt(n) => *n as f64,
        Number::NegInt(n) => *n as f64,
        Number::Float(f) => *f,
    };
    match (a, b) {
        (Document::Number(x), Document::Number(y)) => number(x) == number(y),
        (Document::Array(x), Document::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Document::Object(x), Document::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// A form's `name=value` pairs, percent-decoded (`+` is a space), sorted: their order does not
/// matter.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let text = text.replace('+', " ");
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            match (bytes[i], hex) {
                (b'%', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (byte, _) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    let body = String::from_utf8_lossy(body);
    let mut pairs: Vec<(String, String)> = body
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect();
    pairs.sort();
    pairs
}

/// An XML document in a canonical form, so that equal trees are equal strings: each element with
/// its attributes sorted and its children sorted by their own canonical forms (the order of a
/// structure's members and of a map's entries means nothing; the order of a list's members is
/// the codec's own tests' business, as in the AWS SDK for Kotlin's harness), text trimmed and
/// unescaped, whitespace between elements, comments, processing instructions and the
/// declaration dropped.
fn xml_tree(body: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(body).map_err(|_| "not UTF-8".to_owned())?;
    let mut stack: Vec<XmlElement> = Vec::new();
    let mut root = None;
    let mut rest = text;
    while !rest.is_empty() {
        let open = rest.find('<').unwrap_or(rest.len());
        match stack.last_mut() {
            Some(top) => top.text.push_str(&rest[..open]),
            None if rest[..open].trim().is_empty() => {}
            None => return Err(format!("text outside the root: {:?}", &rest[..open])),
        }
        rest = &rest[open..];
        if rest.is_empty() {
            break;
        }
        let skip = [("<?", "?>"), ("<!--", "-->"), ("<!", ">")]
            .into_iter()
            .find(|(start, _)| rest.starts_with(start));
        if let Some((_, end)) = skip {
            let close = rest.find(end).ok_or("an unclosed `<?` or `<!`")?;
            rest = &rest[close + end.len()..];
            continue;
        }
        let close = rest.find('>').ok_or("an unclosed tag")?;
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let element = stack.pop().ok_or("a closing tag without its opening")?;
            if element.name != name.trim() {
                return Err(format!("`</{}>` closes `<{}>`", name.trim(), element.name));
            }
            element.close(&mut stack, &mut root)?;
            continue;
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let mut element = XmlElement {
            name: tag[..name_end].to_owned(),
            ..XmlElement::default()
        };
        let mut attributes = tag[name_end..].trim();
        while !attributes.is_empty() {
            let (name, value) = attributes.split_once('=').ok_or("an attribute without a value")?;
            let value = value.trim_start();
            let quote = (value.chars().next())
                .filter(|q| *q == '"' || *q == '\'')
                .ok_or("an unquoted attribute")?;
            let end = value[1..].find(quote).ok_or("an unclosed attribute value")?;
            let attribute = format!(" {}={:?}", name.trim(), unescape(&value[1..1 + end])?);
            element.attributes.push(attribute);
            attributes = value[end + 2..].trim_start();
        }
        if empty {
            element.close(&mut stack, &mut root)?;
        } else {
            stack.push(element);
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("`<{}>` is not closed", open.name));
    }
    root.ok_or_else(|| "no root element".to_owned())
}

/// An element being read by [`xml_tree`].
#[derive(Default)]
struct XmlElement {
    name: String,
    attributes: Vec<String>,
    children: Vec<String>,
    text: String,
}

impl XmlElement {
    /// Its canonical form, as the last child of the element it is in, or as the root.
    fn close(mut self, stack: &mut [XmlElement], root: &mut Option<String>) -> Result<(), String> {
        self.attributes.sort();
        self.children.sort();
        let text = unescape(self.text.trim())?;
        let element = format!(
            "<{}{}>{text}{}</>",
            self.name,
            self.attributes.concat(),
            self.children.concat()
        );
        match (stack.last_mut(), root) {
            (Some(parent), _) => parent.children.push(element),
            (None, root @ None) => *root = Some(element),
            (None, Some(_)) => return Err("two root elements".to_owned()),
        }
        Ok(())
    }
}

/// XML text with its five entities and character references replaced.
fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let end = rest[amp..].find(';').ok_or("an unclosed `&`")? + amp;
        let entity = &rest[amp + 1..end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()),
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| format!("an unknown entity `&{entity};`"))?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

// <streaming>
/// The bytes of a body already in memory (a response test's), read without a runtime.
#[cfg(feature = "streaming")]
pub(crate) fn bytes_of(body: super::transport::ByteStream) -> Vec<u8> {
    let mut collect = std::pin::pin!(body.collect());
    match std::future::Future::poll(
        collect.as_mut(),
        &mut std::task::Context::from_waker(std::task::Waker::noop()),
    ) {
        std::task::Poll::Ready(bytes) => bytes.expect("a body in memory reads without error"),
        std::task::Poll::Pending => panic!("a body in memory is ready at once"),
    }
}
// </streaming>

/// The response a response test describes.
pub(crate) fn response(code: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut response = http::Response::builder().status(code);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.to_vec()).expect("a valid test response")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_compares_as_trees() {
        let tree = |xml: &str| xml_tree(xml.as_bytes()).unwrap();
        let expected = tree(
            r#"<Req xmlns="https://x/" a="1" b='2'><Name>a &amp; b</Name><List><member>1</member></List><Empty/></Req>"#,
        );
        // Declaration, spacing, attribute order, member order, an empty element written open.
        let same = "<?xml version=\"1.0\"?>\n<Req b=\"2\" a=\"1\" xmlns=\"https://x/\">\n  <Empty></Empty>\n  <List>\n    <member>1</member>\n  </List>\n  <Name>a &#38; b</Name>\n</Req>";
        assert_eq!(tree(same), expected);
        for different in [
            r#"<Req xmlns="https://x/" a="1" b="2"><Name>a b</Name><List><member>1</member></List><Empty/></Req>"#,
            r#"<Req xmlns="https://x/" a="1"><Name>a &amp; b</Name><List><member>1</member></List><Empty/></Req>"#,
            r#"<Req xmlns="https://x/" a="1" b="2"><Name>a &amp; b</Name><List><item>1</item></List><Empty/></Req>"#,
            r#"<Req xmlns="https://y/" a="1" b="2"><Name>a &amp; b</Name><List><member>1</member></List><Empty/></Req>"#,
        ] {
            assert_ne!(tree(different), expected, "{different}");
        }
        for broken in [
            "<a><b></a>",
            "<a>",
            "<a></a><b></b>",
            "text",
            "<a x=1></a>",
            "<a>&nope;</a>",
        ] {
            assert!(xml_tree(broken.as_bytes()).is_err(), "{broken}");
        }
    }

    #[test]
    fn forms_compare_as_sets_of_decoded_pairs() {
        let expected = form_pairs(b"Action=Put&Version=2020-01-01&Name=a%20b&Flag=");
        assert_eq!(form_pairs(b"Name=a+b&Flag&Version=2020-01-01&Action=Put"), expected);
        assert_ne!(form_pairs(b"Action=Put&Version=2020-01-01&Name=a%20c&Flag="), expected);
        assert_ne!(form_pairs(b"Action=Put&Version=2020-01-01&Name=a%20b"), expected);
    }

    #[test]
    fn bodies_compare_by_media_type() {
        check_body(
            br#"{"b": 1.0, "a": [true]}"#,
            r#"{"a":[true],"b":1}"#,
            Some("application/json"),
        );
        check_body(
            b"<A><c/><b>1</b></A>",
            "<A><b>1</b><c></c></A>",
            Some("application/xml"),
        );
        check_body(b"b=2&a=1", "a=1&b=2", Some("application/x-www-form-urlencoded"));
        check_body(b"raw", "raw", Some("application/octet-stream"));
        let differs = |actual: &'static [u8], expected: &'static str, media: &'static str| {
            std::panic::catch_unwind(|| check_body(actual, expected, Some(media))).is_err()
        };
        assert!(differs(b"<A><b>2</b></A>", "<A><b>1</b></A>", "application/xml"));
        assert!(differs(b"a=2", "a=1", "application/x-www-form-urlencoded"));
        assert!(differs(b"b=2&a=1", "a=1&b=2", "text/plain"));
    }
}

//! The form of awsQuery's and ec2Query's requests (`application/x-www-form-urlencoded`):
//! `Action=…&Version=…`, then each member set as a `key=value` pair, nested members by dotted
//! keys (`Tags.member.1.Key`). The text of each scalar is XML's (`crate::xml`'s `*_text`).

// Support code shared by every generated crate of the protocol; a given model may not need
// every part.
#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::HashMap;

/// Writes a form.
#[derive(Debug)]
pub(crate) struct Writer {
    out: String,
}

impl Writer {
    /// A form naming the operation and the API version.
    pub(crate) fn new(action: &str, version: &str) -> Self {
        let mut w = Self { out: String::new() };
        w.pair("Action", action);
        w.pair("Version", version);
        w
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    /// `&key=value`, both percent-encoded.
    pub(crate) fn pair(&mut self, key: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        encode(&mut self.out, key);
        self.out.push('=');
        encode(&mut self.out, value);
    }
}

/// Percent-encodes all but the unreserved characters, as the AWS SDKs do.
fn encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// `prefix.name`, or `name` at the top.
pub(crate) fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// `encode` of `value` under `key` (an encoder given its expected type, for the generated code).
pub(crate) fn write<T: ?Sized>(value: &T, w: &mut Writer, key: &str, encode: impl FnOnce(&T, &mut Writer, &str)) {
    encode(value, w, key);
}

/// A scalar: `key=text(value)`.
pub(crate) fn write_text<T: ?Sized>(value: &T, w: &mut Writer, key: &str, text: impl FnOnce(&T) -> Cow<'_, str>) {
    w.pair(key, &text(value));
}

/// A list: `key.member.1`, `key.member.2`, … (`member` is the element's name), or `key.1`, … when
/// `member` is `None` (flattened). An empty list is `key=` where `empty_pair` says so (awsQuery),
/// else left out (ec2Query).
pub(crate) fn write_list<T>(
    items: &[T],
    w: &mut Writer,
    key: &str,
    member: Option<&str>,
    empty_pair: bool,
    item: impl Fn(&T, &mut Writer, &str),
) {
    if items.is_empty() {
        if empty_pair {
            w.pair(key, "");
        }
        return;
    }
    for (i, value) in items.iter().enumerate() {
        let n = i + 1;
        let key = match member {
            Some(member) => format!("{key}.{member}.{n}"),
            None => format!("{key}.{n}"),
        };
        item(value, w, &key);
    }
}

/// A map, its entries in key order: `key.entry.N.key`, `key.entry.N.value` (`entry` left out when
/// flattened; `key` and `value` are the names of the map's key and value).
pub(crate) fn write_map<K: AsRef<str>, V>(
    map: &HashMap<K, V>,
    w: &mut Writer,
    key: &str,
    flattened: bool,
    [key_name, value_name]: [&str; 2],
    item: impl Fn(&V, &mut Writer, &str),
) {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    for (i, (k, v)) in entries.into_iter().enumerate() {
        let n = i + 1;
        let entry = if flattened {
            format!("{key}.{n}")
        } else {
            format!("{key}.entry.{n}")
        };
        w.pair(&format!("{entry}.{key_name}"), k.as_ref());
        item(v, w, &format!("{entry}.{value_name}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::str_text;

    fn form(write: impl FnOnce(&mut Writer)) -> String {
        let mut w = Writer::new("Op", "2020-01-01");
        write(&mut w);
        String::from_utf8(w.finish()).unwrap()
    }

    #[test]
    fn action_and_version_come_first_and_values_are_encoded() {
        let text = form(|w| w.pair(&key("", "A"), "a b&c=d/é~"));
        assert_eq!(text, "Action=Op&Version=2020-01-01&A=a%20b%26c%3Dd%2F%C3%A9~");
    }

    #[test]
    fn lists_wrapped_flattened_and_empty() {
        let items = ["x".to_owned(), "y".to_owned()];
        let each = |v: &String, w: &mut Writer, k: &str| write_text(v, w, k, str_text);
        let text = form(|w| {
            write_list(&items, w, "L", Some("member"), true, each);
            write_list(&items, w, "F", None, true, each);
            write_list(&[], w, "E", Some("member"), true, each);
            write_list(&[], w, "Gone", None, false, each);
        });
        assert_eq!(
            text,
            "Action=Op&Version=2020-01-01&L.member.1=x&L.member.2=y&F.1=x&F.2=y&E="
        );
    }

    #[test]
    fn maps_in_key_order() {
        let map: HashMap<String, String> = [("b", "2"), ("a", "1")].map(|(k, v)| (k.into(), v.into())).into();
        let each = |v: &String, w: &mut Writer, k: &str| write_text(v, w, k, str_text);
        let text = form(|w| {
            write_map(&map, w, "M", false, ["key", "value"], each);
            write_map(&map, w, "F", true, ["K", "V"], each);
        });
        assert_eq!(
            text,
            "Action=Op&Version=2020-01-01&M.entry.1.key=a&M.entry.1.value=1&M.entry.2.key=b&M.entry.2.value=2&F.1.K=a&F.1.V=1&F.2.K=b&F.2.V=2"
        );
    }
}

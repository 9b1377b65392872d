//! XML, the body format of restXml and of awsQuery's and ec2Query's responses: a pull reader
//! that walks a document element by element without building a tree, a writer, and the text
//! forms of scalar values. Only what AWS's protocols use is read: elements, attributes, text
//! with the predefined and numeric entities, CDATA; comments, processing instructions and a
//! doctype are skipped, and a doctype's entities are never expanded.

// Support code shared by every generated crate of the protocol; a given model may not need
// every part.
#![allow(dead_code)]

use crate::primitives::DateTime;
use crate::wire::{self, DecodeError, TimestampFormat};
use std::borrow::Cow;
use std::collections::HashMap;

/// How deeply elements may nest in a response before decoding gives up (as JSON's
/// `MAX_DEPTH`): a recursive shape's decoder recurses once a level.
pub(crate) const MAX_DEPTH: usize = 128;

/// The start tag of an element: its name and its attributes.
#[derive(Debug, Clone, Copy)]
pub struct Start<'a> {
    name: &'a str,
    attributes: &'a str,
}

impl<'a> Start<'a> {
    /// The element's name without its namespace prefix (`type` for `xsi:type`).
    pub fn name(&self) -> &'a str {
        local(self.name)
    }

    /// The value of attribute `name` (with its prefix as written: `xsi:type`), if present.
    pub fn attribute(&self, name: &str) -> Result<Option<Cow<'a, str>>, DecodeError> {
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start_matches(is_space);
            if rest.is_empty() {
                return Ok(None);
            }
            let malformed = || DecodeError::new(format!("malformed attributes in `<{}>`", self.name));
            let (key, after) = rest.split_once('=').ok_or_else(malformed)?;
            let after = after.trim_start_matches(is_space);
            let quote = after
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or_else(malformed)?;
            let end = after[1..].find(quote).ok_or_else(malformed)?;
            if key.trim_end_matches(is_space) == name {
                return unescape(&after[1..1 + end]).map(Some);
            }
            rest = &after[end + 2..];
        }
    }
}

/// A pull reader over one document (public, as `json::Reader` is not, for the benchmark that
/// chose it over quick-xml: `tests/bench/xmlparse`). [`Reader::next_child`] gives the children of the element it
/// is in one at a time; each child must then be read whole, by [`Reader::text`],
/// [`Reader::skip`] or a loop of `next_child` to its `None`.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// The element `next_child` gave last was `<name/>`: it has no content and no end tag.
    empty: bool,
    /// How many elements are open.
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `body`, which must be UTF-8 (a byte-order mark is passed over).
    pub fn new(body: &'a [u8]) -> Result<Self, DecodeError> {
        let text = std::str::from_utf8(body).map_err(|_| DecodeError::new("body is not UTF-8"))?;
        Ok(Self {
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            pos: 0,
            empty: false,
            depth: 0,
        })
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_past(&mut self, end: &str, what: &str) -> Result<&'a str, DecodeError> {
        let rest = self.rest();
        let at = rest
            .find(end)
            .ok_or_else(|| DecodeError::new(format!("unterminated {what}")))?;
        self.pos += at + end.len();
        Ok(&rest[..at])
    }

    /// The next child element of the current one, or `None` once its end tag is read (or, at
    /// the top, once the document ends). Text between children is passed over.
    pub fn next_child(&mut self) -> Result<Option<Start<'a>>, DecodeError> {
        if std::mem::take(&mut self.empty) {
            return Ok(None);
        }
        loop {
            let rest = self.rest();
            let Some(open) = rest.find('<') else {
                if self.depth > 0 {
                    return Err(DecodeError::new("unterminated element"));
                }
                self.pos = self.text.len();
                return Ok(None);
            };
            self.pos += open;
            let rest = self.rest();
            if rest.starts_with("</") {
                self.end_tag()?;
                return Ok(None);
            }
            if rest.starts_with("<!--") {
                self.skip_past("-->", "comment")?;
            } else if rest.starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
            } else if rest.starts_with("<![CDATA[") {
                self.skip_past("]]>", "CDATA section")?;
            } else if rest.starts_with("<!") {
                self.skip_doctype()?;
            } else {
                return self.start_tag().map(Some);
            }
        }
    }

    fn end_tag(&mut self) -> Result<(), DecodeError> {
        self.skip_past(">", "end tag")?;
        self.depth = self
            .depth
            .checked_sub(1)
            .ok_or_else(|| DecodeError::new("an end tag without its start"))?;
        Ok(())
    }

    /// `<!DOCTYPE …>`, with any internal subset in brackets.
    fn skip_doctype(&mut self) -> Result<(), DecodeError> {
        let mut depth = 0usize;
        for (i, c) in self.rest().char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '>' if depth == 0 => {
                    self.pos += i + 1;
                    return Ok(());
                }
                _ => {}
            }
        }
        Err(DecodeError::new("unterminated doctype"))
    }

    /// Reads `<name attributes>` or `<name attributes/>` at `pos`.
    fn start_tag(&mut self) -> Result<Start<'a>, DecodeError> {
        let rest = &self.rest()[1..];
        let mut quote = None;
        let end = rest
            .char_indices()
            .find(|&(_, c)| match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    }
                    false
                }
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None => c == '>',
            })
            .map(|(i, _)| i)
            .ok_or_else(|| DecodeError::new("unterminated start tag"))?;
        let mut tag = &rest[..end];
        self.pos += end + 2;
        match tag.strip_suffix('/') {
            Some(stripped) => {
                tag = stripped;
                self.empty = true;
            }
            None => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(DecodeError::new(format!("elements nest more than {MAX_DEPTH} deep")));
                }
            }
        }
        let name_end = tag.find(is_space).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty() {
            return Err(DecodeError::new("an element without a name"));
        }
        Ok(Start {
            name,
            attributes: &tag[name_end..],
        })
    }

    /// The text of the element `next_child` gave last, through its end tag: entities and CDATA
    /// sections decoded, comments left out. An element inside it is an error.
    pub fn text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if std::mem::take(&mut self.empty) {
            return Ok(Cow::Borrowed(""));
        }
        let mut out: Option<String> = None;
        let mut single: Option<Cow<'a, str>> = None;
        let mut push = |piece: Cow<'a, str>, out: &mut Option<String>| {
            if piece.is_empty() {
                return;
            }
            match (out.as_mut(), single.take()) {
                (Some(buffer), _) => buffer.push_str(&piece),
                (None, None) => single = Some(piece),
                (None, Some(first)) => {
                    let mut buffer = first.into_owned();
                    buffer.push_str(&piece);
                    *out = Some(buffer);
                }
            }
        };
        loop {
            let rest = self.rest();
            let open = rest.find('<').ok_or_else(|| DecodeError::new("unterminated element"))?;
            push(unescape(&rest[..open])?, &mut out);
            self.pos += open;
            let rest = self.rest();
            if rest.starts_with("</") {
                self.end_tag()?;
                break;
            } else if rest.starts_with("<![CDATA[") {
                self.pos += "<![CDATA[".len();
                let data = self.skip_past("]]>", "CDATA section")?;
                push(Cow::Borrowed(data), &mut out);
            } else if rest.starts_with("<!--") {
                self.skip_past("-->", "comment")?;
            } else if rest.starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
            } else {
                return Err(DecodeError::new("expected text, found an element"));
            }
        }
        Ok(match out {
            Some(buffer) => Cow::Owned(buffer),
            None => single.unwrap_or(Cow::Borrowed("")),
        })
    }

    /// Passes over the rest of the element `next_child` gave last, through its end tag.
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        // Each child entered is one level more; each `None` (an end tag, or the end of an
        // empty element) one less.
        let mut depth = 1usize;
        while depth > 0 {
            match self.next_child()? {
                Some(_) => depth += 1,
                None => depth -= 1,
            }
        }
        Ok(())
    }

    /// The element at `path` below the document's root (`["Error"]`, `["GetUserResult"]`), its
    /// siblings passed over; the root itself for an empty path. `None` for an empty body or a
    /// path the document does not have.
    pub fn document(&mut self, path: &[&str]) -> Result<Option<Start<'a>>, DecodeError> {
        let Some(mut element) = self.next_child()? else {
            return Ok(None);
        };
        'path: for name in path {
            while let Some(child) = self.next_child()? {
                if child.name() == *name {
                    element = child;
                    continue 'path;
                }
                self.skip()?;
            }
            return Ok(None);
        }
        Ok(Some(element))
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// A name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// Text with its entities (`&lt;`, `&#xA;`, …) replaced by what they stand for.
fn unescape(text: &str) -> Result<Cow<'_, str>, DecodeError> {
    if !text.contains('&') {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find(';')
            .ok_or_else(|| DecodeError::new("an entity without its `;`"))?;
        let entity = &rest[at + 1..at + end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()),
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| DecodeError::new(format!("unknown entity `&{entity};`")))?
            }
        };
        out.push(c);
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

// Reading values.

/// `decode` of the element `start` (a decoder given its expected type, for the generated code).
pub(crate) fn read<'a, T>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
    decode: impl FnOnce(&mut Reader<'a>, &Start<'a>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    decode(r, start)
}

/// The text of the current element, parsed by `parse`.
pub(crate) fn scalar<T>(
    r: &mut Reader<'_>,
    parse: impl FnOnce(&str) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    parse(&r.text()?)
}

/// Attribute `name` of `start`, parsed by `parse`.
pub(crate) fn attribute<T>(
    start: &Start<'_>,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    start
        .attribute(name)?
        .map(|text| parse(&text).map_err(|e| e.at(name)))
        .transpose()
}

/// A list element's items, each a child named `member` (other children passed over).
pub(crate) fn list<'a, T>(
    r: &mut Reader<'a>,
    member: &str,
    mut item: impl FnMut(&mut Reader<'a>, &Start<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut items = Vec::new();
    while let Some(child) = r.next_child()? {
        if child.name() == member {
            items.push(item(r, &child).map_err(|e| e.at(items.len()))?);
        } else {
            r.skip()?;
        }
    }
    Ok(items)
}

/// A map element's entries, each a child (`entry`) holding `key` and `value`.
pub(crate) fn map<'a, K, V>(
    r: &mut Reader<'a>,
    key: &str,
    value: &str,
    mut item: impl FnMut(&mut Reader<'a>, &Start<'a>) -> Result<V, DecodeError>,
) -> Result<HashMap<K, V>, DecodeError>
where
    K: Eq + std::hash::Hash + std::str::FromStr<Err = std::convert::Infallible>,
{
    let mut map = HashMap::new();
    while r.next_child()?.is_some() {
        let (k, v) = entry(r, key, value, &mut item)?;
        map.insert(k, v);
    }
    Ok(map)
}

/// One entry of a map: the current element's `key` and `value` children.
pub(crate) fn entry<'a, K, V>(
    r: &mut Reader<'a>,
    key: &str,
    value: &str,
    mut item: impl FnMut(&mut Reader<'a>, &Start<'a>) -> Result<V, DecodeError>,
) -> Result<(K, V), DecodeError>
where
    K: std::str::FromStr<Err = std::convert::Infallible>,
{
    let (mut k, mut v) = (None, None);
    while let Some(child) = r.next_child()? {
        let name = child.name();
        if name == key {
            k = Some(r.text()?.into_owned());
        } else if name == value {
            v = Some(item(r, &child)?);
        } else {
            r.skip()?;
        }
    }
    let k = k.ok_or_else(|| DecodeError::new(format!("a map entry without its `{key}`")))?;
    let v = v.ok_or_else(|| DecodeError::new(format!("a map entry without its `{value}`")).at(&k))?;
    Ok((k.parse().unwrap_or_else(|never| match never {}), v))
}

/// Adds `item` to the list in `slot`: a flattened list's items come one element at a time.
pub(crate) fn push<T>(slot: &mut Option<Vec<T>>, item: T) {
    slot.get_or_insert_with(Vec::new).push(item);
}

/// Adds an entry to the map in `slot`: a flattened map's entries come one element at a time.
pub(crate) fn insert<K: Eq + std::hash::Hash, V>(slot: &mut Option<HashMap<K, V>>, (key, value): (K, V)) {
    slot.get_or_insert_with(HashMap::new).insert(key, value);
}

// The text forms of scalars, as XML and the query forms write them.

pub(crate) fn string(text: &str) -> Result<String, DecodeError> {
    Ok(text.to_owned())
}

pub(crate) fn boolean(text: &str) -> Result<bool, DecodeError> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(DecodeError::new(format!("`{other}` is not a boolean"))),
    }
}

pub(crate) fn integer<T: std::str::FromStr>(text: &str) -> Result<T, DecodeError> {
    let text = text.trim();
    text.parse()
        .map_err(|_| DecodeError::new(format!("`{text}` is not a valid {}", std::any::type_name::<T>())))
}

pub(crate) fn float64(text: &str) -> Result<f64, DecodeError> {
    wire::parse_float("", text).map_err(|_| DecodeError::new(format!("`{}` is not a number", text.trim())))
}

pub(crate) fn float32(text: &str) -> Result<f32, DecodeError> {
    float64(text).map(|f| f as f32)
}

pub(crate) fn big_number<T: std::str::FromStr>(text: &str) -> Result<T, DecodeError>
where
    T::Err: std::fmt::Display,
{
    text.trim().parse().map_err(|e: T::Err| DecodeError::new(e.to_string()))
}

pub(crate) fn blob(text: &str) -> Result<Vec<u8>, DecodeError> {
    wire::base64_decode(text.trim())
}

/// An enum's value; one the model does not list is kept as it came.
pub(crate) fn enumeration<T: std::str::FromStr<Err = std::convert::Infallible>>(text: &str) -> Result<T, DecodeError> {
    Ok(text.parse().unwrap_or_else(|never| match never {}))
}

pub(crate) fn date_time(text: &str) -> Result<DateTime, DecodeError> {
    wire::parse_timestamp(text.trim(), TimestampFormat::DateTime)
}

pub(crate) fn epoch_seconds(text: &str) -> Result<DateTime, DecodeError> {
    wire::parse_timestamp(text.trim(), TimestampFormat::EpochSeconds)
}

pub(crate) fn http_date(text: &str) -> Result<DateTime, DecodeError> {
    wire::parse_timestamp(text.trim(), TimestampFormat::HttpDate)
}

// Errors.

/// The `Code` of the `Error` element of an error response (`<ErrorResponse><Error>`,
/// `<Response><Errors><Error>`, or `<Error>` alone).
pub(crate) fn error_code(body: &[u8]) -> Option<String> {
    error_field(body, "Code")
}

/// The `Message` of the `Error` element of an error response.
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    error_field(body, "Message")
}

/// The text of child `field` of the first `Error` element at most three levels down.
fn error_field(body: &[u8], field: &str) -> Option<String> {
    fn find(r: &mut Reader<'_>, start: Start<'_>, field: &str, depth: usize) -> Result<Option<String>, DecodeError> {
        let is_error = start.name() == "Error";
        while let Some(child) = r.next_child()? {
            if is_error && child.name() == field {
                return r.text().map(|t| Some(t.into_owned()));
            }
            if !is_error && depth < 3 {
                if let found @ Some(_) = find(r, child, field, depth + 1)? {
                    return Ok(found);
                }
            } else {
                r.skip()?;
            }
        }
        Ok(None)
    }
    let mut r = Reader::new(body).ok()?;
    let root = r.next_child().ok()??;
    find(&mut r, root, field, 1).ok()?
}

// Writing.

/// An element's name and the namespace it declares, if any (`xmlns` or `xmlns:prefix`, and
/// the URI).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag<'a> {
    pub(crate) name: &'a str,
    pub(crate) namespace: Option<(&'a str, &'a str)>,
}

impl<'a> Tag<'a> {
    pub(crate) const fn new(name: &'a str) -> Self {
        Self { name, namespace: None }
    }

    pub(crate) const fn with_namespace(name: &'a str, attribute: &'a str, uri: &'a str) -> Self {
        Self {
            name,
            namespace: Some((attribute, uri)),
        }
    }
}

/// Writes a document.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    out: String,
}

impl Writer {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    /// `<name xmlns="…"`: attributes may follow, then [`Writer::open`].
    pub(crate) fn start(&mut self, tag: Tag<'_>) {
        self.out.push('<');
        self.out.push_str(tag.name);
        if let Some((attribute, uri)) = tag.namespace {
            self.attribute(attribute, uri);
        }
    }

    pub(crate) fn attribute(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape(&mut self.out, value, true);
        self.out.push('"');
    }

    /// The `>` that ends a start tag.
    pub(crate) fn open(&mut self) {
        self.out.push('>');
    }

    pub(crate) fn end(&mut self, tag: Tag<'_>) {
        self.out.push_str("</");
        self.out.push_str(tag.name);
        self.out.push('>');
    }

    /// An element holding `text`.
    pub(crate) fn element(&mut self, tag: Tag<'_>, text: &str) {
        self.start(tag);
        self.open();
        escape(&mut self.out, text, false);
        self.end(tag);
    }
}

/// Escapes what XML requires, and the line breaks and tabs a parser would otherwise normalize.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '\t' if attribute => out.push_str("&#x9;"),
            '\u{85}' => out.push_str("&#x85;"),
            '\u{2028}' => out.push_str("&#x2028;"),
            c => out.push(c),
        }
    }
}

/// The whole document `write` makes of `value` as the element `tag`.
pub(crate) fn to_vec<T: ?Sized>(value: &T, tag: Tag<'_>, write: impl FnOnce(&T, &mut Writer, Tag<'_>)) -> Vec<u8> {
    let mut w = Writer::new();
    write(value, &mut w, tag);
    w.finish()
}

/// `encode` of `value` as the element `tag` (an encoder given its expected type, for the
/// generated code).
pub(crate) fn write<T: ?Sized>(value: &T, w: &mut Writer, tag: Tag<'_>, encode: impl FnOnce(&T, &mut Writer, Tag<'_>)) {
    encode(value, w, tag);
}

/// `text(value)`: a scalar's text (an attribute's value).
pub(crate) fn text<'v, T: ?Sized>(value: &'v T, text: impl FnOnce(&'v T) -> Cow<'v, str>) -> Cow<'v, str> {
    text(value)
}

/// An element whose text is `text(value)`.
pub(crate) fn write_text<T: ?Sized>(value: &T, w: &mut Writer, tag: Tag<'_>, text: impl FnOnce(&T) -> Cow<'_, str>) {
    w.element(tag, &text(value));
}

/// A wrapped list: `<tag><member>…</member>…</tag>`.
pub(crate) fn write_list<T>(
    items: &[T],
    w: &mut Writer,
    tag: Tag<'_>,
    member: Tag<'_>,
    item: impl Fn(&T, &mut Writer, Tag<'_>),
) {
    w.start(tag);
    w.open();
    for value in items {
        item(value, w, member);
    }
    w.end(tag);
}

/// A flattened list: one `<tag>` for each item.
pub(crate) fn write_flat_list<T>(items: &[T], w: &mut Writer, tag: Tag<'_>, item: impl Fn(&T, &mut Writer, Tag<'_>)) {
    for value in items {
        item(value, w, tag);
    }
}

/// A map, its entries in key order: `<tag><entry><key/><value/></entry>…</tag>`, or, flattened,
/// `<tag><key/><value/></tag>` for each entry.
pub(crate) fn write_map<K: AsRef<str>, V>(
    map: &HashMap<K, V>,
    w: &mut Writer,
    tag: Tag<'_>,
    flattened: bool,
    [key, value]: [Tag<'_>; 2],
    item: impl Fn(&V, &mut Writer, Tag<'_>),
) {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    if !flattened {
        w.start(tag);
        w.open();
    }
    let entry = if flattened { tag } else { Tag::new("entry") };
    for (k, v) in entries {
        w.start(entry);
        w.open();
        w.element(key, k.as_ref());
        item(v, w, value);
        w.end(entry);
    }
    if !flattened {
        w.end(tag);
    }
}

// The text of scalars, as XML and the query forms write them.

pub(crate) fn bool_text(value: &bool) -> Cow<'_, str> {
    Cow::Borrowed(if *value { "true" } else { "false" })
}

pub(crate) fn int_text<I: Copy + Into<i64>>(value: &I) -> Cow<'_, str> {
    Cow::Owned((*value).into().to_string())
}

pub(crate) fn float_text<F: Into<f64> + Copy + std::fmt::Debug>(value: &F) -> Cow<'_, str> {
    Cow::Owned(wire::format_float(*value))
}

pub(crate) fn blob_text<B: AsRef<[u8]> + ?Sized>(value: &B) -> Cow<'_, str> {
    Cow::Owned(wire::base64_encode(value.as_ref()))
}

pub(crate) fn str_text<S: AsRef<str> + ?Sized>(value: &S) -> Cow<'_, str> {
    Cow::Borrowed(value.as_ref())
}

pub(crate) fn date_time_text(value: &DateTime) -> Cow<'_, str> {
    Cow::Owned(wire::format_timestamp(value, TimestampFormat::DateTime))
}

pub(crate) fn epoch_seconds_text(value: &DateTime) -> Cow<'_, str> {
    Cow::Owned(wire::format_timestamp(value, TimestampFormat::EpochSeconds))
}

pub(crate) fn http_date_text(value: &DateTime) -> Cow<'_, str> {
    Cow::Owned(wire::format_timestamp(value, TimestampFormat::HttpDate))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `<Root>` as name → text of its children, recursing one level.
    fn children(body: &str) -> Vec<(String, String)> {
        let mut r = Reader::new(body.as_bytes()).unwrap();
        let root = r.document(&[]).unwrap().unwrap();
        assert_eq!(root.name(), "Root");
        let mut out = Vec::new();
        while let Some(child) = r.next_child().unwrap() {
            out.push((child.name().to_owned(), r.text().unwrap().into_owned()));
        }
        out
    }

    #[test]
    fn text_with_entities_cdata_and_comments() {
        let body = "<?xml version=\"1.0\"?>\n<!-- c --><Root>\n  <a>x &lt;&amp;&gt; &#65;&#x42;</a><b><![CDATA[<raw>&]]>tail</b><c/><d><!-- no -->v</d></Root>";
        assert_eq!(
            children(body),
            [
                ("a".into(), "x <&> AB".into()),
                ("b".into(), "<raw>&tail".into()),
                ("c".into(), String::new()),
                ("d".into(), "v".into()),
            ]
        );
    }

    #[test]
    fn skip_passes_over_nested_and_empty_elements() {
        let body = "<Root><skip><x><y/></x><z>t</z></skip><after>1</after><e/><last>2</last></Root>";
        let mut r = Reader::new(body.as_bytes()).unwrap();
        r.document(&[]).unwrap().unwrap();
        let mut seen = Vec::new();
        while let Some(child) = r.next_child().unwrap() {
            match child.name() {
                "after" | "last" => seen.push(r.text().unwrap().into_owned()),
                _ => r.skip().unwrap(),
            }
        }
        assert_eq!(seen, ["1", "2"]);
    }

    #[test]
    fn attributes_and_prefixes() {
        let body = r#"<Root xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser" b = 'it&apos;s'><p:x>1</p:x></Root>"#;
        let mut r = Reader::new(body.as_bytes()).unwrap();
        let root = r.document(&[]).unwrap().unwrap();
        assert_eq!(root.attribute("xsi:type").unwrap().as_deref(), Some("CanonicalUser"));
        assert_eq!(root.attribute("b").unwrap().as_deref(), Some("it's"));
        assert_eq!(root.attribute("c").unwrap(), None);
        let child = r.next_child().unwrap().unwrap();
        assert_eq!(child.name(), "x");
    }

    #[test]
    fn document_follows_a_path_past_siblings() {
        let body = "<R><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata><OpResult><a>v</a></OpResult></R>";
        let mut r = Reader::new(body.as_bytes()).unwrap();
        let result = r.document(&["OpResult"]).unwrap().unwrap();
        assert_eq!(result.name(), "OpResult");
        let a = r.next_child().unwrap().unwrap();
        assert_eq!((a.name(), r.text().unwrap().as_ref()), ("a", "v"));
        assert!(Reader::new(b"").unwrap().document(&["X"]).unwrap().is_none());
        let mut r = Reader::new(b"<R><Other/></R>").unwrap();
        assert!(r.document(&["X"]).unwrap().is_none());
    }

    #[test]
    fn malformed_documents_are_errors_not_panics() {
        for body in [
            "<R><a>text",
            "<R><a x=\"1></R>",
            "<R><a>&bogus;</a></R>",
            "<R><a>&#xFFFFFFFF;</a></R>",
            "<",
            "<R><a><b/></a></R>",
        ] {
            let mut r = Reader::new(body.as_bytes()).unwrap();
            let result = (|| -> Result<(), DecodeError> {
                r.document(&[])?;
                while r.next_child()?.is_some() {
                    r.text()?;
                }
                Ok(())
            })();
            assert!(result.is_err(), "{body}");
        }
    }

    #[test]
    fn nesting_past_the_limit_is_an_error() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let mut r = Reader::new(deep.as_bytes()).unwrap();
        let error = r.document(&[]).and_then(|_| r.skip()).unwrap_err();
        assert!(error.message().contains("nest"), "{error}");
    }

    #[test]
    fn error_fields_at_each_depth() {
        let query = b"<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>gone</Message></Error><RequestId>r</RequestId></ErrorResponse>";
        let ec2 = b"<Response><Errors><Error><Code>InvalidGreeting</Code><Message>Hi</Message></Error></Errors><RequestID>r</RequestID></Response>";
        let bare = b"<Error><Code>NoSuchKey</Code></Error>";
        assert_eq!(error_code(query).as_deref(), Some("NoSuchEntity"));
        assert_eq!(error_message(query).as_deref(), Some("gone"));
        assert_eq!(error_code(ec2).as_deref(), Some("InvalidGreeting"));
        assert_eq!(error_code(bare).as_deref(), Some("NoSuchKey"));
        assert_eq!(error_message(bare), None);
        assert_eq!(error_code(b"not xml"), None);
    }

    #[test]
    fn written_text_escapes_and_reads_back() {
        let mut w = Writer::new();
        let tag = Tag::with_namespace("Root", "xmlns", "https://example.com/");
        w.start(tag);
        w.attribute("a", "\"<&>\"\n");
        w.open();
        w.element(Tag::new("t"), "<&>\r\n \u{2028}");
        w.end(tag);
        let body = w.finish();
        let text = std::str::from_utf8(&body).unwrap();
        assert_eq!(
            text,
            "<Root xmlns=\"https://example.com/\" a=\"&quot;&lt;&amp;&gt;&quot;&#xA;\"><t>&lt;&amp;&gt;&#xD;\n &#x2028;</t></Root>"
        );
        let mut r = Reader::new(&body).unwrap();
        let root = r.document(&[]).unwrap().unwrap();
        assert_eq!(root.attribute("a").unwrap().as_deref(), Some("\"<&>\"\n"));
        r.next_child().unwrap().unwrap();
        assert_eq!(r.text().unwrap(), "<&>\r\n \u{2028}");
    }

    #[test]
    fn maps_are_written_in_key_order() {
        let map: HashMap<String, String> = [("b", "2"), ("a", "1")].map(|(k, v)| (k.into(), v.into())).into();
        let text = |v: &String, w: &mut Writer, tag: Tag<'_>| write_text(v, w, tag, str_text);
        let mut w = Writer::new();
        write_map(
            &map,
            &mut w,
            Tag::new("M"),
            false,
            [Tag::new("key"), Tag::new("value")],
            text,
        );
        let wrapped = String::from_utf8(w.finish()).unwrap();
        assert_eq!(
            wrapped,
            "<M><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></M>"
        );
        let mut w = Writer::new();
        write_map(&map, &mut w, Tag::new("M"), true, [Tag::new("k"), Tag::new("v")], text);
        let flat = String::from_utf8(w.finish()).unwrap();
        assert_eq!(flat, "<M><k>a</k><v>1</v></M><M><k>b</k><v>2</v></M>");
        let mut r = Reader::new(wrapped.as_bytes()).unwrap();
        r.document(&[]).unwrap();
        let read: HashMap<String, String> = map_of(&mut r);
        assert_eq!(read, map);
    }

    /// A tree of elements, each with an attribute and either text or children.
    #[derive(Debug, Clone, PartialEq)]
    enum Node {
        Text(String, String, String),
        Parent(String, String, Vec<Node>),
    }

    const NAMES: [&str; 5] = ["a", "Member", "x:y", "entry", "K_1"];
    const PIECES: [&str; 12] = ["a", " ", "<", ">", "&", "\"", "'", "\r\n", "\t", "é", "]]>", "&amp;"];

    fn random_text(rng: &mut fastrand::Rng) -> String {
        (0..rng.usize(0..6))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect()
    }

    fn random_node(rng: &mut fastrand::Rng, depth: usize) -> Node {
        let name = NAMES[rng.usize(..NAMES.len())].to_owned();
        let attribute = random_text(rng);
        if depth > 4 || rng.bool() {
            Node::Text(name, attribute, random_text(rng))
        } else {
            let children = (0..rng.usize(0..4)).map(|_| random_node(rng, depth + 1)).collect();
            Node::Parent(name, attribute, children)
        }
    }

    fn write_node(node: &Node, w: &mut Writer) {
        let (name, attribute) = match node {
            Node::Text(n, a, _) | Node::Parent(n, a, _) => (n, a),
        };
        let tag = Tag::new(name);
        w.start(tag);
        w.attribute("at", attribute);
        w.open();
        match node {
            Node::Text(_, _, text) => escape(&mut w.out, text, false),
            Node::Parent(_, _, children) => children.iter().for_each(|c| write_node(c, w)),
        }
        w.end(tag);
    }

    /// Reads back what `write_node` wrote, the shape of `like` telling text from children.
    fn read_node(r: &mut Reader<'_>, start: &Start<'_>, like: &Node) -> Result<Node, DecodeError> {
        let attribute = start.attribute("at")?.unwrap_or_default().into_owned();
        let name = match like {
            Node::Text(n, ..) | Node::Parent(n, ..) => n.clone(),
        };
        assert_eq!(start.name(), local(&name));
        Ok(match like {
            Node::Text(..) => Node::Text(name, attribute, r.text()?.into_owned()),
            Node::Parent(_, _, expected) => {
                let mut children = Vec::new();
                while let Some(child) = r.next_child()? {
                    let like = expected.get(children.len()).expect("no more children than written");
                    children.push(read_node(r, &child, like)?);
                }
                Node::Parent(name, attribute, children)
            }
        })
    }

    /// Reads a whole document, each element as text or as children by the parity of its name's
    /// length, passing over the rest: any input must give a result, never a panic.
    fn walk(body: &[u8]) -> Result<usize, DecodeError> {
        fn element(r: &mut Reader<'_>, start: &Start<'_>, count: &mut usize) -> Result<(), DecodeError> {
            *count += 1;
            start.attribute("at")?;
            if start.name().len().is_multiple_of(2) {
                r.text()?;
                return Ok(());
            }
            while let Some(child) = r.next_child()? {
                element(r, &child, count)?;
            }
            Ok(())
        }
        let mut r = Reader::new(body)?;
        let mut count = 0;
        if let Some(root) = r.document(&[])? {
            element(&mut r, &root, &mut count)?;
        }
        Ok(count)
    }

    #[test]
    fn random_documents_read_back_as_written() {
        let mut rng = fastrand::Rng::with_seed(28);
        for _ in 0..2_000 {
            let tree = random_node(&mut rng, 0);
            let mut w = Writer::new();
            write_node(&tree, &mut w);
            let body = w.finish();
            let mut r = Reader::new(&body).unwrap();
            let root = r.document(&[]).unwrap().unwrap();
            let read = read_node(&mut r, &root, &tree);
            // Text keeps `\r` (written `&#xD;`) and attribute line breaks, as written.
            assert_eq!(read.as_ref(), Ok(&tree), "{}", String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn mutated_documents_are_read_or_refused_never_a_panic() {
        const BYTES: &[u8] = b"<>/&;=\"'![]-?x#\xff\x00 ";
        let mut rng = fastrand::Rng::with_seed(280);
        let (mut read, mut refused) = (0, 0);
        for _ in 0..20_000 {
            let mut w = Writer::new();
            write_node(&random_node(&mut rng, 0), &mut w);
            let mut body = w.finish();
            for _ in 0..rng.usize(1..4) {
                let at = rng.usize(..=body.len());
                match rng.u8(0..3) {
                    0 if at < body.len() => {
                        body.remove(at);
                    }
                    1 if at < body.len() => body[at] = BYTES[rng.usize(..BYTES.len())],
                    _ => body.insert(at, BYTES[rng.usize(..BYTES.len())]),
                }
            }
            match walk(&body) {
                Ok(_) => read += 1,
                Err(_) => refused += 1,
            }
        }
        // Both outcomes happen: the mutations reach past the reader's first checks.
        assert!(read > 1_000 && refused > 1_000, "{read} read, {refused} refused");
    }

    fn map_of(r: &mut Reader<'_>) -> HashMap<String, String> {
        map(r, "key", "value", |r, _| scalar(r, string)).unwrap()
    }
}

//! The output-string question, measured: a decoded response holds its text members as `String`
//! today; each other way of holding them changes what the decoder allocates and what the code
//! that reads the output pays. The page is a ListDataSourceRuns page of 50 summaries, the same
//! body as `percall::list_body(50)`; its 151 text values (three per summary and the next token)
//! are what the decoder turns into owned values, from the `&str` slices of the body that the
//! JSON reader hands it.

use bytes::Bytes;
use compact_str::CompactString;
use std::sync::Arc;

/// The body of a ListDataSourceRuns page of `n` summaries (as `percall::list_body`).
pub fn list_body(n: usize) -> Vec<u8> {
    let summary = |i: usize| {
        format!(
            r#"{{"id":"run{i:08}","dataSourceId":"ds-1a2b3c4d","type":"SCHEDULED","status":"SUCCESS","projectId":"prj-5e6f7a8b","runStatisticsForAssets":{{"added":{i},"updated":3,"unchanged":120,"skipped":0,"failed":1}},"createdAt":"2024-03-01T10:15:30.123Z","updatedAt":"2024-03-01T10:20:11Z","startedAt":"2024-03-01T10:15:31Z","stoppedAt":"2024-03-01T10:20:10Z","lineageSummary":{{"importStatus":"SUCCESS"}}}}"#
        )
    };
    let items: Vec<String> = (0..n).map(summary).collect();
    format!(r#"{{"items":[{}],"nextToken":"eyJwYWdlIjoyfQ=="}}"#, items.join(",")).into_bytes()
}

#[derive(serde::Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    items: Vec<Item<'a>>,
    #[serde(rename = "nextToken")]
    next_token: &'a str,
}

#[derive(serde::Deserialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "dataSourceId")]
    data_source_id: &'a str,
    #[serde(rename = "projectId")]
    project_id: &'a str,
}

/// The page's text values as the JSON reader hands them to the decoder: slices of the body, in
/// order (each summary's `id`, `dataSourceId`, `projectId`, then `nextToken`).
pub fn text_values(body: &[u8]) -> Vec<&str> {
    let page: Page<'_> = serde_json::from_slice(body).expect("the page is JSON");
    let mut values: Vec<&str> = page
        .items
        .iter()
        .flat_map(|i| [i.id, i.data_source_id, i.project_id])
        .collect();
    values.push(page.next_token);
    values
}

/// A way of holding a text value in a decoded output.
pub trait Text: Clone + std::ops::Deref<Target = str> {
    /// What the decoder does with a slice of `body` (unescaped: the page has no escapes).
    fn decode(body: &Bytes, slice: &str) -> Self;
    /// What a user does to keep the value in a type of their own, which holds a `String`.
    fn into_string(self) -> String;
}

impl Text for String {
    fn decode(_: &Bytes, slice: &str) -> Self {
        slice.to_owned()
    }
    fn into_string(self) -> String {
        self
    }
}

impl Text for CompactString {
    fn decode(_: &Bytes, slice: &str) -> Self {
        CompactString::new(slice)
    }
    fn into_string(self) -> String {
        CompactString::into_string(self)
    }
}

impl Text for Arc<str> {
    fn decode(_: &Bytes, slice: &str) -> Self {
        Arc::from(slice)
    }
    fn into_string(self) -> String {
        self.as_ref().to_owned()
    }
}

/// A view of the response body shared by every value read from it: no copy, no allocation, but
/// the whole body lives as long as any value does.
#[derive(Clone)]
pub struct Shared(Bytes);

impl std::ops::Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a slice of a UTF-8 body at its characters")
    }
}

impl Text for Shared {
    fn decode(body: &Bytes, slice: &str) -> Self {
        Shared(body.slice_ref(slice.as_bytes()))
    }
    fn into_string(self) -> String {
        (*self).to_owned()
    }
}

/// The decoder's part: every text value of the page made owned, as `T`.
pub fn decode<T: Text>(body: &Bytes, values: &[&str]) -> Vec<T> {
    values.iter().map(|v| T::decode(body, v)).collect()
}

/// A user's code that keeps each value in a `String` of its own, consuming the page.
pub fn keep<T: Text>(page: Vec<T>) -> Vec<String> {
    page.into_iter().map(Text::into_string).collect()
}

/// A user's code that reads each value as `&str` (compares and measures it).
pub fn read<T: Text>(page: &[T]) -> usize {
    page.iter().filter(|v| v.starts_with("run")).map(|v| v.len()).sum()
}

/// A user's code that copies the values, keeping the page too.
pub fn copy<T: Text>(page: &[T]) -> Vec<T> {
    page.to_vec()
}

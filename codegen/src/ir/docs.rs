//! Documentation text from the model, turned into rustdoc-safe Markdown lines.
//!
//! AWS models write documentation in HTML; Smithy says CommonMark. Either way the result must not
//! contain what rustdoc would misread: an indented block (a doctest!), a bare fence (a doctest!),
//! `[x]` (an intra-doc link), `<x>` (an HTML tag), or a bare URL.

/// `word` with the indefinite article it takes, by its first letter (`an Order`, `a Run`),
/// with the common words whose `u` sounds like "you" (`a UserProfile`, `a unit`).
pub fn with_article(word: &str) -> String {
    let lower = word.trim_start_matches('`').to_ascii_lowercase();
    let sounds_like_you = ["uni", "use", "usa", "usu", "uti", "uri", "url", "uuid"]
        .iter()
        .any(|p| lower.starts_with(p));
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']) && !sounds_like_you;
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// The first paragraph of documentation lines, on one line: a summary.
pub fn first_paragraph(lines: &[String]) -> String {
    let paragraph: Vec<&str> = lines.iter().map(|l| l.trim()).take_while(|l| !l.is_empty()).collect();
    paragraph.join(" ")
}

/// The lines of the first of `docs` that has any (an empty, blank or markup-only `""`,
/// `"  "`, `"<p></p>"` has none), else `fallback`'s one line: every documented item gets docs.
pub fn lines_or<'a>(docs: impl IntoIterator<Item = Option<&'a str>>, fallback: impl FnOnce() -> String) -> Vec<String> {
    docs.into_iter()
        .flatten()
        .map(to_lines)
        .find(|lines| !lines.is_empty())
        .unwrap_or_else(|| vec![fallback()])
}

/// Converts a documentation string into lines for `#[doc]` attributes.
pub fn to_lines(doc: &str) -> Vec<String> {
    let markdown = if looks_like_html(doc) {
        html_to_markdown(doc)
    } else {
        plain_to_markdown(doc)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        // Text right after a list item, not indented, is a paragraph of its own: without a
        // blank line Markdown would read it as the item's lazy continuation.
        let after_item = lines.last().is_some_and(|l| is_list_item(l));
        if !in_fence && after_item && !line.is_empty() && !is_list_item(line) && !line.starts_with(' ') {
            lines.push(String::new());
        }
        lines.push(line.to_owned());
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn is_list_item(line: &str) -> bool {
    let item = line.trim_start();
    item.starts_with("- ") || item.starts_with("* ") || item == "-" || {
        let digits = item.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && (item[digits..].starts_with(". ") || item[digits..].starts_with(") "))
    }
}

fn looks_like_html(doc: &str) -> bool {
    [
        "<p>",
        "<p ",
        "<code>",
        "<a ",
        "<ul>",
        "<li>",
        "<b>",
        "<i>",
        "<br",
        "<note>",
        "<important>",
        "<div",
    ]
    .iter()
    .any(|tag| doc.contains(tag))
}

/// CommonMark text: lines kept, indentation dropped (no code blocks), fences marked as text.
fn plain_to_markdown(doc: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in doc.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            out.push_str(if in_fence { "```" } else { "```text" });
            in_fence = !in_fence;
        } else if in_fence {
            out.push_str(line);
        } else {
            out.push_str(&escape_text(trimmed));
        }
        out.push('\n');
    }
    if in_fence {
        out.push_str("```\n");
    }
    out
}

/// A small HTML reader: paragraphs, lists, code, links, emphasis; everything else as its text.
fn html_to_markdown(doc: &str) -> String {
    let mut out = String::new();
    let mut text = String::new();
    let mut link: Option<(String, usize)> = None;
    let mut list_depth = 0usize;
    // The depth of the list item the text is in (0: none).
    let mut item_depth = 0usize;
    let mut code_depth = 0usize;
    let mut pre = false;
    let mut rest = doc;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            text.push_str(rest);
            break;
        };
        text.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            text.push_str(&rest[start..]);
            break;
        };
        let tag = &rest[start + 1..start + len];
        rest = &rest[start + len + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        // Flush the text read so far, in the mode it was read in.
        let flushed = std::mem::take(&mut text);
        out.push_str(&render_text(&flushed, code_depth > 0, pre));
        match (name.as_str(), closing) {
            ("p" | "div" | "note" | "important" | "ul" | "ol" | "dl", false) => {
                if matches!(name.as_str(), "ul" | "ol" | "dl") {
                    list_depth += 1;
                }
                // A paragraph that opens a list item stays on the item's line; a later one in
                // the item is indented to the item's text (marked here, indented below), so that
                // it and what follows stay in the item.
                if out.rsplit('\n').next().is_none_or(|line| line.trim() != "-") {
                    out.push_str("\n\n");
                    if name == "p" || name == "div" {
                        out.push_str(&CONTINUATION.to_string().repeat(item_depth));
                    }
                }
            }
            ("p" | "div" | "note" | "important", true) => out.push_str("\n\n"),
            ("ul" | "ol" | "dl", true) => {
                list_depth = list_depth.saturating_sub(1);
                item_depth = item_depth.min(list_depth);
                out.push_str("\n\n");
            }
            ("li" | "dt", true) => item_depth = list_depth.saturating_sub(1),
            ("li" | "dt", false) => {
                item_depth = list_depth;
                out.push('\n');
                out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                out.push_str("- ");
            }
            ("dd", false) => out.push_str(": "),
            ("br", _) => out.push('\n'),
            ("pre", false) => {
                pre = true;
                out.push_str("\n\n```text\n");
            }
            ("pre", true) => {
                pre = false;
                out.push_str("\n```\n\n");
            }
            ("code", false) if !pre => {
                code_depth += 1;
                out.push('`');
            }
            ("code", true) if !pre => {
                code_depth = code_depth.saturating_sub(1);
                out.push('`');
            }
            ("b" | "strong", _) if code_depth == 0 => out.push_str("**"),
            ("i" | "em", _) if code_depth == 0 => out.push('*'),
            // Only absolute links stay links: `[Name]` alone would be read as an intra-doc link.
            ("a", false) => {
                link = attribute(tag, "href")
                    .filter(|href| href.starts_with("http"))
                    .map(|href| (href, out.len()));
                if link.is_some() {
                    out.push('[');
                }
            }
            ("a", true) => {
                if let Some((href, start)) = link.take() {
                    if out[start + 1..].trim().is_empty() {
                        out.truncate(start);
                        out.push_str(&format!("<{href}>"));
                    } else {
                        out.push_str(&format!("]({href})"));
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&render_text(&text, code_depth > 0, pre));
    // Collapse the whitespace of every line; list items keep their two-space nesting, and the
    // paragraphs inside them the indentation of the item's text.
    let mut result = String::new();
    for line in out.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let words: Vec<&str> = line.split_whitespace().collect();
        let continuation = words
            .first()
            .map_or(0, |w| w.chars().take_while(|c| *c == CONTINUATION).count());
        if words.first().is_some_and(|w| *w == "-") {
            result.push_str(&" ".repeat(indent.min(6) / 2 * 2));
        } else {
            result.push_str(&"  ".repeat(continuation.min(4)));
        }
        result.push_str(words.join(" ").trim_start_matches(CONTINUATION));
        result.push('\n');
    }
    result
}

/// Marks, once per level, a paragraph inside a list item until the lines are indented.
const CONTINUATION: char = '\u{1}';

/// Text between tags: entities decoded, then escaped unless it is code.
fn render_text(raw: &str, code: bool, pre: bool) -> String {
    let decoded = decode_entities(raw);
    if pre {
        decoded
    } else if code {
        decoded
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('`', "'")
    } else {
        escape_text(&decoded.replace(['\n', '\t', '\r'], " "))
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Escapes what rustdoc would misread in prose: brackets, angle brackets, bare URLs.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(' ') {
        let bare = word.trim_end();
        if bare.starts_with("http://") || bare.starts_with("https://") {
            let url = bare.trim_end_matches(['.', ',', ')', ';']);
            let tail = &bare[url.len()..];
            out.push('<');
            out.push_str(&url.replace(['<', '>'], ""));
            out.push('>');
            out.push_str(tail);
            out.push_str(&word[bare.len()..]);
            continue;
        }
        for c in word.chars() {
            if matches!(c, '[' | ']' | '<' | '>' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{to_lines, with_article};

    #[test]
    fn articles_by_sound() {
        assert_eq!(with_article("`Order`"), "an `Order`");
        assert_eq!(with_article("`Run`"), "a `Run`");
        assert_eq!(with_article("operation input"), "an operation input");
        assert_eq!(with_article("`UpdateRun`"), "an `UpdateRun`");
        assert_eq!(with_article("`UserProfile`"), "a `UserProfile`");
        assert_eq!(with_article("union"), "a union");
    }

    #[test]
    fn html_becomes_markdown() {
        let lines = to_lines("<p>Creates a <code>Cluster</code>. See <a href=\"https://x.example/doc\">the guide</a>.</p><ul><li><p>one</p></li><li>two [x]</li></ul>");
        assert_eq!(
            lines,
            vec![
                "Creates a `Cluster`. See [the guide](https://x.example/doc).",
                "",
                "- one",
                "",
                "- two \\[x\\]",
            ]
        );
    }

    #[test]
    fn plain_text_is_kept_and_made_safe() {
        let lines = to_lines("First line with [brackets] and <angle>.\n\n    indented code\nSee https://example.com.");
        assert_eq!(
            lines,
            vec![
                "First line with \\[brackets\\] and \\<angle\\>.",
                "",
                "indented code",
                "See <https://example.com>.",
            ]
        );
    }

    #[test]
    fn paragraphs_in_list_items_stay_on_the_items_line() {
        assert_eq!(
            to_lines("<ul> <li> <p>one</p> <ul> <li> <p> <code>two</code> too.</p> </li> </ul> </li> </ul>"),
            vec!["- one", "", "  - `two` too."]
        );
    }

    #[test]
    fn later_paragraphs_of_a_list_item_stay_in_the_item() {
        assert_eq!(
            to_lines("<ul><li><p>ROLLING</p> <p>Best for:</p> <ul><li><p>Gradual: it's slow.</p></li></ul></li></ul><p>After.</p>"),
            vec!["- ROLLING", "", "  Best for:", "", "  - Gradual: it's slow.", "", "After."]
        );
    }

    #[test]
    fn text_after_a_list_is_a_paragraph_of_its_own() {
        assert_eq!(
            to_lines("Values:\n- one\n- two\nThen more.\n1. first\nafter"),
            vec!["Values:", "- one", "- two", "", "Then more.", "1. first", "", "after"]
        );
    }

    #[test]
    fn fences_are_marked_as_text() {
        assert_eq!(
            to_lines("a\n```\nfn x() {}\n```"),
            vec!["a", "```text", "fn x() {}", "```"]
        );
    }

    #[test]
    fn relative_and_empty_links_do_not_become_intra_doc_links() {
        assert_eq!(
            to_lines("<p>Call <a>GetThing</a> or <a href=\"ops.html\">Other</a>; see <a href=\"https://x.example\"></a>.</p>"),
            vec!["Call GetThing or Other; see <https://x.example>."]
        );
    }
}

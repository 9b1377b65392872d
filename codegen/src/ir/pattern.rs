//! `smithy.api#pattern`: a model's regular expression, rewritten for a Rust engine.
//!
//! Smithy says patterns are ECMA 262, but published AWS models are checked by Java services and
//! carry Java's syntax too: POSIX classes (`\p{Graph}`, `\p{Cntrl}`), UTF-16 surrogate escapes
//! (`\uD800\uDC00-\uDBFF\uDFFF` for the supplementary planes), class escapes as range bounds
//! (`[\w-_]`, Annex B: the `-` is literal) and quantified look-arounds (`(?!\.)+`). The rewrite
//! keeps each meaning, then picks the engine: `regex-lite` (small, ASCII classes, no
//! look-around) when the pattern compiles there, else `fancy-regex` (Unicode categories,
//! look-around), with `\w` and `\d` kept to ASCII as ECMA 262 says.

/// A pattern the generated crate checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The model's text, which violations quote.
    pub source: String,
    /// What the engine compiles.
    pub regex: String,
    /// Which engine.
    pub engine: Engine,
}

/// The regular expression engines a generated crate may depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Engine {
    /// `regex-lite`.
    Lite,
    /// `fancy-regex`: backtracking, for look-around and Unicode categories.
    Fancy,
}

/// The pattern for an engine, or why no engine can check it.
pub fn translate(source: &str) -> Result<Pattern, String> {
    let lite = |regex: String| Pattern {
        source: source.to_owned(),
        regex,
        engine: Engine::Lite,
    };
    if regex_lite::Regex::new(source).is_ok() {
        return Ok(lite(source.to_owned()));
    }
    let portable = rewrite(source, false)?;
    if regex_lite::Regex::new(&portable).is_ok() {
        return Ok(lite(portable));
    }
    let fancy = rewrite(source, true)?;
    match fancy_regex::Regex::new(&fancy) {
        Ok(_) => Ok(Pattern {
            source: source.to_owned(),
            regex: fancy,
            engine: Engine::Fancy,
        }),
        Err(e) => Err(e.to_string()),
    }
}

/// ECMA 262's `\s`: WhiteSpace and LineTerminator.
const ECMA_SPACE: &str =
    r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// One pass over the pattern. With `ascii_classes`, `\w`, `\d` and `\s` are spelled out, since
/// `fancy-regex` (like `regex`) reads them as Unicode classes and ECMA 262 does not.
fn rewrite(source: &str, ascii_classes: bool) -> Result<String, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let mut in_class = false;
    // The group starts, to find the look-around a quantifier follows.
    let mut groups: Vec<(usize, bool)> = Vec::new();
    let mut last_group: Option<(usize, bool)> = None;
    while i < chars.len() {
        let c = chars[i];
        let closed_group = last_group.take();
        match c {
            '\\' => {
                let (item, next) = escape(&chars, i, in_class, ascii_classes)?;
                // A class escape as a range bound: the `-` after it is a literal (Annex B).
                if in_class && item.is_class && chars.get(next) == Some(&'-') && chars.get(next + 1) != Some(&']') {
                    out.push_str(&item.text);
                    out.push_str(r"\-");
                    i = next + 1;
                    continue;
                }
                if let (true, Some('-'), Some(start)) = (in_class, chars.get(next), item.code) {
                    if let Some((end, after)) = range_end(&chars, next + 1)? {
                        out.push_str(&class_range(start, end));
                        i = after;
                        continue;
                    }
                }
                match item.code {
                    Some(code) if is_surrogate(code) && in_class => {}
                    Some(code) if is_surrogate(code) => {
                        return Err(format!("a lone surrogate \\u{code:04X} matches no Rust string"))
                    }
                    _ => out.push_str(&item.text),
                }
                i = next;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // A `]` first in a class is a literal in Java, and an empty class in ECMA 262;
                // neither appears in published models, so it is left to the engine.
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
                i += 1;
            }
            '(' if !in_class => {
                let after: String = chars[i + 1..].iter().take(3).collect();
                let lookaround = ["?=", "?!", "?<=", "?<!"]
                    .iter()
                    .any(|prefix| after.starts_with(prefix));
                groups.push((out.len(), lookaround));
                out.push('(');
                i += 1;
            }
            ')' if !in_class => {
                out.push(')');
                last_group = groups.pop();
                i += 1;
            }
            // A quantified look-around (Annex B): `+` asserts once, `*` and `?` assert nothing.
            '+' | '*' | '?' if !in_class && closed_group.is_some_and(|(_, lookaround)| lookaround) => {
                if c != '+' {
                    let (start, _) = closed_group.unwrap_or_default();
                    out.truncate(start);
                }
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// One escape sequence: its text for the engine, the code point it stands for (if one), and
/// whether it is a class of characters.
struct Escaped {
    text: String,
    code: Option<u32>,
    is_class: bool,
}

/// The escape at `chars[i] == '\\'`, and the index after it.
fn escape(chars: &[char], i: usize, in_class: bool, ascii_classes: bool) -> Result<(Escaped, usize), String> {
    let Some(&letter) = chars.get(i + 1) else {
        return Err("the pattern ends in a lone backslash".into());
    };
    let class = |ascii: &str, text: String| {
        let text = match (ascii_classes, in_class) {
            (true, true) => ascii.to_owned(),
            (true, false) => format!("[{ascii}]"),
            (false, _) => text,
        };
        Escaped {
            text,
            code: None,
            is_class: true,
        }
    };
    let negated = |ascii: &str| format!("[^{ascii}]");
    Ok(match letter {
        'u' => {
            let code = hex(chars, i + 2, 4).ok_or("\\u needs four hex digits")?;
            // A surrogate pair is the supplementary code point it encodes, as in Java.
            if (0xD800..0xDC00).contains(&code) && chars.get(i + 6) == Some(&'\\') && chars.get(i + 7) == Some(&'u') {
                if let Some(low) = hex(chars, i + 8, 4).filter(|l| (0xDC00..0xE000).contains(l)) {
                    let code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    return Ok((literal(code), i + 12));
                }
            }
            (literal(code), i + 6)
        }
        'x' => {
            let code = hex(chars, i + 2, 2).ok_or("\\x needs two hex digits")?;
            (literal(code), i + 4)
        }
        'w' => (class("0-9A-Za-z_", r"\w".into()), i + 2),
        'd' => (class("0-9", r"\d".into()), i + 2),
        's' => (class(ECMA_SPACE, r"\s".into()), i + 2),
        'W' | 'D' | 'S' if ascii_classes => {
            let ascii = match letter {
                'W' => "0-9A-Za-z_",
                'D' => "0-9",
                _ => ECMA_SPACE,
            };
            // Inside a class, a negated class nests (both engines take `[a[^b]]`).
            (
                Escaped {
                    text: negated(ascii),
                    code: None,
                    is_class: true,
                },
                i + 2,
            )
        }
        'p' | 'P' if chars.get(i + 2) == Some(&'{') => {
            let end = chars[i + 3..]
                .iter()
                .position(|&c| c == '}')
                .ok_or("\\p{ has no closing }")?
                + i
                + 3;
            let name: String = chars[i + 3..end].iter().collect();
            let text = match posix(&name) {
                // Java's POSIX classes are US-ASCII.
                Some(ascii) if letter == 'P' => negated(ascii),
                Some(ascii) if in_class => ascii.to_owned(),
                Some(ascii) => format!("[{ascii}]"),
                None => format!("\\{letter}{{{name}}}"),
            };
            (
                Escaped {
                    text,
                    code: None,
                    is_class: true,
                },
                end + 1,
            )
        }
        c => {
            let text = format!("\\{c}");
            let is_class = matches!(c, 'W' | 'D' | 'S');
            let code = (!c.is_ascii_alphanumeric()).then_some(c as u32);
            (Escaped { text, code, is_class }, i + 2)
        }
    })
}

/// The end of a class range after its `-`: the code point and the index after it; `None` when
/// the `-` is not a range (`[a-]`, or a class escape after it).
fn range_end(chars: &[char], i: usize) -> Result<Option<(u32, usize)>, String> {
    match chars.get(i) {
        None | Some(']') => Ok(None),
        Some('\\') => {
            let (item, next) = escape(chars, i, true, false)?;
            Ok(item.code.map(|code| (code, next)))
        }
        Some(&c) => Ok(Some((c as u32, i + 1))),
    }
}

/// A class range from `start` to `end`, without the surrogates no Rust string holds.
fn class_range(start: u32, end: u32) -> String {
    let pieces = [(start, end.min(0xD7FF)), (start.max(0xE000), end)];
    pieces
        .iter()
        .filter(|(a, b)| a <= b)
        .map(|&(a, b)| format!("{}-{}", literal(a).text, literal(b).text))
        .collect()
}

fn literal(code: u32) -> Escaped {
    Escaped {
        text: format!("\\x{{{code:X}}}"),
        code: Some(code),
        is_class: false,
    }
}

fn hex(chars: &[char], at: usize, digits: usize) -> Option<u32> {
    let text: String = chars.get(at..at + digits)?.iter().collect();
    if !text.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(&text, 16).ok()
}

fn is_surrogate(code: u32) -> bool {
    (0xD800..0xE000).contains(&code)
}

/// Java's POSIX character classes, which are US-ASCII unless a flag says otherwise.
fn posix(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => r"\x00-\x7F",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "Alnum" => "0-9A-Za-z",
        "Punct" => r"!-/:-@\[-`{-~",
        "Graph" => r"!-~",
        "Print" => r" -~",
        "Blank" => r" \t",
        "Cntrl" => r"\x00-\x1F\x7F",
        "XDigit" => "0-9A-Fa-f",
        "Space" => r" \t\n\x0B\x0C\r",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(source: &str, value: &str) -> bool {
        let p = translate(source).unwrap_or_else(|e| panic!("{source:?}: {e}"));
        match p.engine {
            Engine::Lite => regex_lite::Regex::new(&p.regex).unwrap().is_match(value),
            Engine::Fancy => fancy_regex::Regex::new(&p.regex).unwrap().is_match(value).unwrap(),
        }
    }

    fn engine(source: &str) -> Engine {
        translate(source).unwrap().engine
    }

    #[test]
    fn a_pattern_the_small_engine_takes_is_kept_as_it_is() {
        let p = translate("^[a-z0-9-]{1,63}$").unwrap();
        assert_eq!((p.regex.as_str(), p.engine), ("^[a-z0-9-]{1,63}$", Engine::Lite));
    }

    #[test]
    fn look_around_goes_to_the_backtracking_engine() {
        let uuid =
            "^(?!00000000-0000-0000-0000-000000000000)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
        assert_eq!(engine(uuid), Engine::Fancy);
        assert!(matches(uuid, "0b9f8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b"));
        assert!(!matches(uuid, "00000000-0000-0000-0000-000000000000"));
        assert!(!matches(r"^(?!\s*$).+", "   "));
        assert!(matches(r"^(?!\s*$).+", " a "));
        assert!(!matches(r"^[0-9A-Za-z\.\-_]*(?<!\.)$", "name."));
        assert!(matches(r"^[0-9A-Za-z\.\-_]*(?<!\.)$", "name.json"));
    }

    #[test]
    fn a_quantified_look_around_asserts_once_or_not_at_all() {
        let p = r"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$";
        assert!(matches(p, "/data/set"));
        assert!(!matches(p, "/.hidden"));
        assert!(matches(r"^a(?!b)*b", "ab"));
    }

    #[test]
    fn unicode_categories_and_ascii_perl_classes() {
        assert!(matches(r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$", "Müller 東京 42"));
        assert!(!matches(r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$", "a;b"));
        assert!(matches(r"^[^\p{C}]*$", "visible ✓"));
        assert!(!matches(r"^[^\p{C}]*$", "bell\u{7}"));
        // Once on the Unicode engine, `\w` and `\d` stay ASCII, as ECMA 262 says.
        assert!(!matches(r"^(?!x)\w+$", "é"));
        assert!(!matches(r"^(?!x)\d+$", "٣"));
        assert!(matches(r"^(?!x)\s$", "\u{A0}"));
    }

    #[test]
    fn java_posix_classes_are_ascii() {
        assert_eq!(engine(r"^[\p{Graph}\x20]*$"), Engine::Lite);
        assert!(matches(r"^[\p{Graph}\x20]*$", "a b ~"));
        assert!(!matches(r"^[\p{Graph}\x20]*$", "tab\there"));
        assert!(!matches(r"^[^\p{Cntrl}]*$", "nul\0"));
        assert!(matches(r"^\p{Print}+$", "printable text"));
        assert!(!matches(r"^\p{ASCII}*$", "ü"));
        assert!(matches(r"^[\p{Upper}\p{Digit}_]+$", "A_1"));
        assert!(!matches(r"^[\p{Upper}\p{Digit}_]+$", "a"));
        assert!(!matches(r"^\P{Digit}$", "5"));
    }

    #[test]
    fn surrogate_pairs_are_the_supplementary_planes_and_lone_ones_match_nothing() {
        let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";
        assert_eq!(engine(xml), Engine::Lite);
        assert!(matches(xml, "text 😀 ok"));
        assert!(!matches(xml, "\u{1}"));
        // Lone surrogates in a class, and a range of them, add nothing: as in Java, a
        // supplementary character is not in this class.
        let garbled = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t]*$";
        assert!(matches(garbled, "plain"));
        assert!(!matches(garbled, "😀"));
        assert!(translate(r"^\uD800$").unwrap_err().contains("lone surrogate"));
    }

    #[test]
    fn a_class_escape_before_a_dash_makes_the_dash_literal() {
        assert!(matches(r"^[\w-_]*$", "a-b_c"));
        assert!(!matches(r"^[\w-_]*$", "a b"));
        assert!(matches(r"^[A-Za-z0-9](?:[\w- ]*[A-Za-z0-9])?$", "my data-set 1"));
    }

    #[test]
    fn every_pattern_of_the_practice_models_is_checked() {
        // The kinds of pattern found in ../shared/models/aws/ that regex-lite alone refuses.
        for source in [
            r"^(?!\s*$)[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*$",
            r"^(^(?!(system\x2e)))(^[_a-zA-Z0-9])([^$]*)$",
            r"^\*|[\w\-]{1,2048}$",
            r"(^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$|[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r  ]+)",
            r"^(?=^.{2,256}$)(?!.*\s)[0-9a-zA-Z-_.:=+@]*$",
        ] {
            translate(source).unwrap_or_else(|e| panic!("{source:?}: {e}"));
        }
    }
}

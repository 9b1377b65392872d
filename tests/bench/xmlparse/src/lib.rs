//! One walk of a whole document, two parsers: every element visited, every leaf's text read
//! with its entities decoded, as a decoder does. Both return the number of elements and the
//! total length of the text, so that each checks the other.

use quick_xml::events::Event;

/// The runtime's reader (`runtime/src/xml.rs`).
pub fn ours(body: &[u8]) -> (usize, usize) {
    fn element(r: &mut runtime::xml::Reader<'_>, counts: &mut (usize, usize)) {
        while let Some(child) = r.next_child().expect("well-formed") {
            counts.0 += 1;
            // The leaves of these documents are the elements whose names hold no child: the
            // decoder knows which from the model; here the document's shape says it.
            if LEAVES.contains(&child.name()) {
                counts.1 += r.text().expect("text").len();
            } else {
                element(r, counts);
            }
        }
    }
    let mut r = runtime::xml::Reader::new(body).expect("UTF-8");
    r.document(&[]).expect("well-formed").expect("a root");
    let mut counts = (1, 0);
    element(&mut r, &mut counts);
    counts
}

/// quick-xml's borrowing reader, text unescaped as a decoder needs it.
pub fn quick(body: &[u8]) -> (usize, usize) {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut counts = (0, 0);
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(_) | Event::Empty(_) => counts.0 += 1,
            Event::Text(text) => {
                let text = text.decode().expect("UTF-8");
                let text = quick_xml::escape::unescape(&text).expect("entities");
                if !text.trim().is_empty() {
                    counts.1 += text.len();
                }
            }
            Event::GeneralRef(entity) => {
                // quick-xml 0.38 reports `&amp;` apart from the text around it.
                let name = entity.decode().expect("UTF-8");
                counts.1 += quick_xml::escape::resolve_predefined_entity(&name).map_or(0, str::len);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    counts
}

/// The leaf elements of the IAM and STS responses of `xmlcall`.
const LEAVES: &[&str] = &[
    "Path",
    "UserName",
    "UserId",
    "Arn",
    "CreateDate",
    "PasswordLastUsed",
    "Key",
    "Value",
    "IsTruncated",
    "Marker",
    "RequestId",
    "SourceIdentity",
    "AssumedRoleId",
    "AccessKeyId",
    "SecretAccessKey",
    "SessionToken",
    "Expiration",
    "PackedPolicySize",
];

#[cfg(test)]
mod tests {
    #[test]
    fn both_parsers_see_the_same_document() {
        for body in [xmlcall::list_users_body(100), xmlcall::assume_role_body()] {
            assert_eq!(super::ours(&body), super::quick(&body));
        }
    }
}

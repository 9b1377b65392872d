//! "Did you mean": the nearest of the names a misspelled one could have meant, for the model's
//! problems (a trait, a target, an operation) and the command line's.

/// The candidate closest to `word` by edit distance (case-insensitive), if it is close enough
/// to be a likely misspelling: at most a third of the longer word's letters differ.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d * 3 <= lower.len().max(c.len()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_get_a_suggestion_and_strangers_none() {
        let commands = [
            "codegen",
            "conformance",
            "sweep",
            "synth-model",
            "moto",
            "bench",
            "help",
        ];
        assert_eq!(did_you_mean("codgen", commands), Some("codegen"));
        assert_eq!(did_you_mean("swep", commands), Some("sweep"));
        assert_eq!(did_you_mean("MOTO", commands), Some("moto"));
        assert_eq!(did_you_mean("moto", commands), None);
        assert_eq!(did_you_mean("deploy", commands), None);
        assert_eq!(did_you_mean("--modle", ["--model", "--out"]), Some("--model"));
    }
}

//! The only code that touches the generated crate on disk: writing it, and comparing it.

use codegen::GENERATED_MARK;
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// What a write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or rewritten.
    pub written: Vec<String>,
    /// Generated files no longer produced, removed.
    pub removed: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
}

/// Writes `files` under `dir`: only what changed, each file through a temporary and a rename;
/// generated files that are no longer produced are removed. Files without the generated mark
/// (a `Cargo.lock`, a `target/`) are never touched.
pub fn write(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<WriteSummary> {
    let mut summary = WriteSummary::default();
    for (relative, contents) in files {
        let path = join_checked(dir, relative)?;
        if fs::read_to_string(&path).is_ok_and(|old| old == *contents) {
            summary.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let temporary = path.with_extension("xtask-tmp");
        fs::write(&temporary, contents)?;
        fs::rename(&temporary, &path)?;
        summary.written.push(relative.clone());
    }
    for relative in on_disk(dir)?.into_keys() {
        if !files.contains_key(&relative) {
            fs::remove_file(dir.join(&relative))?;
            summary.removed.push(relative);
        }
    }
    remove_empty_dirs(dir)?;
    Ok(summary)
}

/// A difference between what generation produces and what is on disk.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Produced, but not on disk.
    Missing(String),
    /// On disk with other contents; carries a short diff.
    Stale(String, String),
    /// A generated file on disk that generation no longer produces.
    Extra(String),
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Missing(path) => write!(f, "missing: {path}"),
            Mismatch::Stale(path, diff) => write!(f, "stale: {path}\n{diff}"),
            Mismatch::Extra(path) => write!(f, "extra: {path} (no longer generated)"),
        }
    }
}

/// Compares `files` with the generated files under `dir`. Never writes.
pub fn compare(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Mismatch>> {
    let disk = on_disk(dir)?;
    let mut mismatches = Vec::new();
    for (relative, contents) in files {
        match disk.get(relative) {
            None => mismatches.push(Mismatch::Missing(relative.clone())),
            Some(old) if old != contents => {
                mismatches.push(Mismatch::Stale(relative.clone(), short_diff(old, contents)))
            }
            Some(_) => {}
        }
    }
    for relative in disk.keys().filter(|r| !files.contains_key(*r)) {
        mismatches.push(Mismatch::Extra(relative.clone()));
    }
    Ok(mismatches)
}

/// Every file under `dir` whose first line carries the generated mark, by relative path.
/// `target/` and hidden folders are skipped.
pub fn on_disk(dir: &Path) -> io::Result<BTreeMap<String, String>> {
    let mut found = BTreeMap::new();
    if !dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    pending.push(path);
                }
                continue;
            }
            let Ok(text) = fs::read_to_string(&path) else { continue };
            if text.lines().next().is_some_and(|line| line.contains(GENERATED_MARK)) {
                let relative = path.strip_prefix(dir).expect("walked from dir");
                let relative: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.insert(relative.join("/"), text);
            }
        }
    }
    Ok(found)
}

/// `dir/relative`, refusing any path that could leave `dir`.
fn join_checked(dir: &Path, relative: &str) -> io::Result<PathBuf> {
    let path = Path::new(relative);
    if relative.is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{relative}`: not a plain relative path"),
        ));
    }
    Ok(dir.join(path))
}

fn remove_empty_dirs(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if entry.file_type()?.is_dir() && name != "target" && !name.to_string_lossy().starts_with('.') {
            remove_empty_dirs(&entry.path())?;
            if fs::read_dir(entry.path())?.next().is_none() {
                fs::remove_dir(entry.path())?;
            }
        }
    }
    Ok(())
}

/// The first differing lines, with a little context: `-` on disk, `+` generated.
fn short_diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let first = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let common_tail = old[first..]
        .iter()
        .rev()
        .zip(new[first..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (old.len() - common_tail, new.len() - common_tail);
    let mut out = format!("  @@ line {} @@\n", first + 1);
    for line in &old[first.saturating_sub(2)..first] {
        out.push_str(&format!("   {line}\n"));
    }
    const MAX: usize = 8;
    for line in old[first..old_end].iter().take(MAX) {
        out.push_str(&format!("  -{line}\n"));
    }
    for line in new[first..new_end].iter().take(MAX) {
        out.push_str(&format!("  +{line}\n"));
    }
    if old_end - first > MAX || new_end - first > MAX {
        out.push_str("  ...\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        for bad in ["../x.rs", "/etc/passwd", "a/../../b", ""] {
            assert!(join_checked(Path::new("/tmp/out"), bad).is_err(), "{bad}");
        }
        assert!(join_checked(Path::new("/tmp/out"), "src/lib.rs").is_ok());
    }

    #[test]
    fn short_diff_shows_the_changed_lines() {
        let diff = short_diff("a\nb\nc\nd\n", "a\nb\nX\nd\n");
        assert_eq!(diff, "  @@ line 3 @@\n   a\n   b\n  -c\n  +X\n");
    }
}

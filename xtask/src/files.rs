//! The only code that touches the generated crate on disk: writing it, and comparing it.
//!
//! Every write leaves a manifest, [`MANIFEST`], listing the files it wrote. The next write of the
//! same folder overwrites and removes only those, and only while they still carry the generated
//! mark: a file the generator did not write is never overwritten or removed, a folder holding
//! another crate is never entered, and a non-empty folder that is not a crate of the generator's
//! is refused unless the caller forces it.

use codegen::GENERATED_MARK;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The manifest's name, in the crate's folder: the files the last generation wrote there.
pub const MANIFEST: &str = ".codegen-manifest";

/// What a write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or rewritten.
    pub written: Vec<String>,
    /// Generated files no longer produced, removed.
    pub removed: Vec<String>,
    /// Files no longer produced but kept, because their generated mark is gone (edited by hand).
    pub kept: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
}

/// Why a write was refused; nothing was written.
#[derive(Debug)]
pub enum WriteError {
    /// The folder holds files but no crate of this generator: its entries, and the advice.
    NotOurs { dir: PathBuf, entries: Vec<String> },
    /// Files the write would have had to overwrite or enter, each with the reason.
    Refused {
        dir: PathBuf,
        files: Vec<(String, &'static str)>,
    },
    /// The disk failed.
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotOurs { dir, entries } => write!(
                f,
                "refusing to write into {}: it is not empty ({}) and holds no crate of `cargo xtask codegen` \
                 (no {MANIFEST}, and no generated Cargo.toml of the same crate name). Nothing was written. \
                 Choose a new or empty folder, or pass --force to write beside these files (a file \
                 without the generated mark is never overwritten, even then)",
                dir.display(),
                entries.join(", ")
            ),
            WriteError::Refused { dir, files } => {
                write!(f, "refusing to write into {}; nothing was written:", dir.display())?;
                for (file, why) in files {
                    write!(f, "\n  {file}: {why}")?;
                }
                Ok(())
            }
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Writes `files` under `dir`: only what changed, each file through a temporary and a rename,
/// and the manifest; files the previous generation wrote that are no longer produced are
/// removed. Checks everything before it writes anything: a refusal leaves `dir` as it was.
///
/// `force` writes into a non-empty folder that holds no crate of the generator's; it still never
/// overwrites a file without the generated mark.
pub fn write(dir: &Path, files: &BTreeMap<String, String>, force: bool) -> Result<WriteSummary, WriteError> {
    let files = with_manifest(files);
    let previous = match previous_generation(dir, &files)? {
        Some(previous) => previous,
        None if force => BTreeSet::new(),
        None => {
            let entries = occupants(dir)?;
            if !entries.is_empty() {
                return Err(WriteError::NotOurs {
                    dir: dir.to_path_buf(),
                    entries,
                });
            }
            BTreeSet::new()
        }
    };

    let mut refused = Vec::new();
    let mut changed = Vec::new();
    let mut summary = WriteSummary::default();
    for (relative, contents) in &files {
        let path = join_checked(dir, relative)?;
        if let Some(crate_dir) = another_crate_on_the_way(dir, relative) {
            refused.push((relative.clone(), crate_folder_reason(&crate_dir)));
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(old) if old == *contents => summary.unchanged += 1,
            Ok(old) if !is_marked(&old) => refused.push((
                relative.clone(),
                if previous.contains(relative) {
                    "its generated mark is gone (edited by hand); restore the mark or move the file away"
                } else {
                    "not written by the generator (no generated mark)"
                },
            )),
            Ok(_) if !previous.contains(relative) && !force => refused.push((
                relative.clone(),
                "generated, but not by this crate's last generation (not in its manifest); pass --force to replace it",
            )),
            Err(e) if e.kind() != io::ErrorKind::NotFound && path.exists() => {
                refused.push((relative.clone(), "exists and cannot be read as text"))
            }
            _ => changed.push((relative, path, contents)),
        }
    }
    if !refused.is_empty() {
        return Err(WriteError::Refused {
            dir: dir.to_path_buf(),
            files: refused,
        });
    }

    for (relative, path, contents) in changed {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let temporary = path.with_extension("xtask-tmp");
        fs::write(&temporary, contents)?;
        fs::rename(&temporary, &path)?;
        summary.written.push(relative.clone());
    }
    for relative in previous.iter().filter(|r| !files.contains_key(*r)) {
        let path = join_checked(dir, relative)?;
        match fs::read_to_string(&path) {
            Ok(text) if is_marked(&text) => {
                fs::remove_file(&path)?;
                remove_empty_parents(dir, &path)?;
                summary.removed.push(relative.clone());
            }
            Ok(_) => summary.kept.push(relative.clone()),
            Err(_) => {}
        }
    }
    Ok(summary)
}

/// [`write`]s the crate as its own workspace (`[workspace]` added to its `Cargo.toml`), so that it
/// never joins an enclosing one: the sweep's, the conformance run's and the benchmarks' scratch
/// crates inside this project.
pub fn write_standalone(dir: &Path, files: &BTreeMap<String, String>) -> Result<WriteSummary, WriteError> {
    let mut files = files.clone();
    if let Some(toml) = files.get_mut("Cargo.toml") {
        toml.push_str("\n[workspace]\n");
    }
    write(dir, &files, false)
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

/// Compares `files` (and their manifest) with what the last generation wrote under `dir`.
/// Never writes.
pub fn compare(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<Mismatch>, WriteError> {
    let files = with_manifest(files);
    let previous = previous_generation(dir, &files)?.unwrap_or_default();
    let read = |relative: &str| fs::read_to_string(dir.join(relative)).ok();
    let mut mismatches = Vec::new();
    for (relative, contents) in &files {
        match read(relative) {
            None => mismatches.push(Mismatch::Missing(relative.clone())),
            Some(old) if old != *contents => {
                mismatches.push(Mismatch::Stale(relative.clone(), short_diff(&old, contents)))
            }
            Some(_) => {}
        }
    }
    for relative in previous.iter().filter(|r| !files.contains_key(*r)) {
        if read(relative).is_some_and(|text| is_marked(&text)) {
            mismatches.push(Mismatch::Extra(relative.clone()));
        }
    }
    Ok(mismatches)
}

/// The manifest of `files`: the mark, then one path a line.
fn manifest(files: &BTreeMap<String, String>) -> String {
    let mut text =
        format!("# {GENERATED_MARK}\n# The files the generator wrote here: the only ones it overwrites or removes.\n");
    for path in files.keys() {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// `files` and their manifest, which lists itself too.
fn with_manifest(files: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut all = files.clone();
    all.insert(MANIFEST.to_owned(), String::new());
    let text = manifest(&all);
    all.insert(MANIFEST.to_owned(), text);
    all
}

/// The files the last generation wrote in `dir`: its manifest's list; for a crate generated
/// before manifests, the marked files of a generated `Cargo.toml` naming the same crate. `None`
/// when `dir` holds no crate of this generator's.
fn previous_generation(dir: &Path, files: &BTreeMap<String, String>) -> Result<Option<BTreeSet<String>>, WriteError> {
    if let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) {
        if is_marked(&text) {
            return Ok(Some(
                text.lines()
                    .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
                    .map(str::to_owned)
                    .collect(),
            ));
        }
    }
    let ours = files.get("Cargo.toml").and_then(|toml| package_name(toml));
    let theirs = fs::read_to_string(dir.join("Cargo.toml"))
        .ok()
        .filter(|toml| is_marked(toml))
        .and_then(|toml| package_name(&toml));
    if ours.is_none() || ours != theirs {
        return Ok(None);
    }
    Ok(Some(marked_files(dir)?))
}

/// The `name` of a `Cargo.toml`'s `[package]`.
fn package_name(toml: &str) -> Option<String> {
    let package = toml
        .split("\n[")
        .find(|table| table.trim_start_matches('[').starts_with("package]"))?;
    package.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == "name").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Every file under `dir` whose first line carries the generated mark, by relative path; folders
/// of other crates (with a `Cargo.toml` or a manifest of their own), `target/` and hidden folders
/// are not entered.
fn marked_files(dir: &Path) -> io::Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() {
                if name != "target" && !name.starts_with('.') && !is_crate_folder(&path) {
                    pending.push(path);
                }
                continue;
            }
            if fs::read_to_string(&path).is_ok_and(|text| is_marked(&text)) {
                let relative = path.strip_prefix(dir).expect("walked from dir");
                let relative: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.insert(relative.join("/"));
            }
        }
    }
    Ok(found)
}

/// What makes `dir` not empty: every entry but hidden ones, `target/` and `Cargo.lock`, which a
/// new crate's folder may hold.
fn occupants(dir: &Path) -> io::Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry?;
        let mut name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" || name == "Cargo.lock" {
            continue;
        }
        if entry.file_type()?.is_dir() {
            name.push('/');
        }
        names.push(name);
    }
    names.sort();
    Ok(names)
}

/// The first folder between `dir` and `dir/relative` that holds a crate of its own, if any.
fn another_crate_on_the_way(dir: &Path, relative: &str) -> Option<PathBuf> {
    let mut folder = dir.to_path_buf();
    let mut parts: Vec<&str> = relative.split('/').collect();
    parts.pop();
    for part in parts {
        folder.push(part);
        if is_crate_folder(&folder) {
            return Some(folder);
        }
    }
    None
}

fn crate_folder_reason(folder: &Path) -> &'static str {
    if folder.join(MANIFEST).exists() {
        "inside the folder of another generated crate"
    } else {
        "inside the folder of another crate (it has a Cargo.toml)"
    }
}

fn is_crate_folder(folder: &Path) -> bool {
    folder.join("Cargo.toml").is_file() || folder.join(MANIFEST).is_file()
}

fn is_marked(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains(GENERATED_MARK))
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

/// Removes the folders above `file`, up to `dir`, that its removal left empty.
fn remove_empty_parents(dir: &Path, file: &Path) -> io::Result<()> {
    let mut folder = file.parent();
    while let Some(current) = folder.filter(|f| *f != dir && f.starts_with(dir)) {
        if fs::read_dir(current)?.next().is_some() {
            break;
        }
        fs::remove_dir(current)?;
        folder = current.parent();
    }
    Ok(())
}

/// The differing lines, with a little context: `-` on disk, `+` generated, a space for a line
/// both have. The lines between the first and the last change are matched line by line (a
/// longest common subsequence), so that a line both sides share is never shown as changed.
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
    let (old, new) = (&old[..old.len() - common_tail], &new[..new.len() - common_tail]);
    let mut out = format!("  @@ line {} @@\n", first + 1);
    for line in &old[first.saturating_sub(2)..first] {
        out.push_str(&format!("   {line}\n"));
    }
    const MAX: usize = 16;
    let lines = changed_lines(&old[first..], &new[first..]);
    for (mark, line) in lines.iter().take(MAX) {
        out.push_str(&format!("  {mark}{line}\n"));
    }
    if lines.len() > MAX {
        out.push_str("  ...\n");
    }
    out
}

/// `old` turned into `new` line by line: each line marked `-`, `+` or ` ` (both), by a longest
/// common subsequence; regions too large for the table (over 4 million pairs) are shown as
/// all of `old` removed and all of `new` added.
fn changed_lines<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(char, &'a str)> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > 4_000_000 {
        let removed = old.iter().map(|l| ('-', *l));
        return removed.chain(new.iter().map(|l| ('+', *l))).collect();
    }
    // common[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut lines) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            lines.push((' ', old[i]));
            (i, j) = (i + 1, j + 1);
        } else if j == m || (i < n && common[i + 1][j] >= common[i][j + 1]) {
            lines.push(('-', old[i]));
            i += 1;
        } else {
            lines.push(('+', new[j]));
            j += 1;
        }
    }
    lines
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

    #[test]
    fn short_diff_keeps_shared_lines_between_two_changes_as_context() {
        let diff = short_diff("a\nb\nc\nd\ne\n", "a\nB\nc\nd\nE\n");
        assert_eq!(diff, "  @@ line 2 @@\n   a\n  -b\n  +B\n   c\n   d\n  -e\n  +E\n");
        let inserted = short_diff("a\nb\n", "a\nnew\nb\n");
        assert_eq!(inserted, "  @@ line 2 @@\n   a\n  +new\n");
    }

    #[test]
    fn the_package_name_is_read_from_its_table() {
        let toml = "# mark\n[package]\nname = \"datazone\"\nversion = \"0.1.0\"\n\n[dependencies]\nname = \"x\"\n";
        assert_eq!(package_name(toml).as_deref(), Some("datazone"));
        assert_eq!(package_name("[dependencies]\nname = \"x\"\n"), None);
    }
}

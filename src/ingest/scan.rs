//! Finding the article files under the folders and files a user opens.

use std::path::{Path, PathBuf};

use crate::model::ImportProblem;

/// The files to import, and what could not even be listed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SourceList {
    /// Article files in a stable order (folder walk sorted by name).
    pub files: Vec<PathBuf>,
    /// Folders or files that could not be read, symlink loops, paths that do not exist.
    pub problems: Vec<ImportProblem>,
    /// Files in the folders that are not articles (other extensions, hidden files).
    pub ignored: usize,
    /// The folders and files asked for, made absolute (canonical where they exist): what a
    /// workspace remembers to rescan.
    pub roots: Vec<PathBuf>,
}

/// The extensions of files read as articles, exports or feeds, in lower case.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "docx", "rtf", "pdf", "xml", "rss", "atom", "json",
    "jsonl", "ndjson",
];

/// Text, HTML, Word, RTF and PDF files, feeds (`.xml`, `.rss`, `.atom`, `.json`) and JSON
/// Lines of articles (`.jsonl`, `.ndjson`), by extension in any case.
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

/// Lists the article files under `paths`. Folders are walked recursively, following symbolic
/// links but reporting loops; a file named directly is taken whatever its extension.
pub fn collect_sources(paths: &[PathBuf]) -> SourceList {
    let mut list = SourceList::default();
    for path in paths {
        let path = std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.clone());
        list.roots.push(path.clone());
        match std::fs::metadata(&path) {
            Err(e) => list.problems.push(ImportProblem {
                path: path.clone(),
                reason: format!("cannot be opened: {e}"),
            }),
            Ok(meta) if meta.is_file() => list.files.push(path),
            Ok(meta) if meta.is_dir() => walk_folder(&path, &mut list),
            Ok(_) => list.problems.push(ImportProblem {
                path: path.clone(),
                reason: "not a file or folder".into(),
            }),
        }
    }
    dedup_files(&mut list);
    list
}

/// Takes out repeated files (a folder and a file in it both named), keeping the first.
fn dedup_files(list: &mut SourceList) {
    let mut seen = std::collections::HashSet::new();
    list.files.retain(|f| seen.insert(f.clone()));
}

fn walk_folder(folder: &Path, list: &mut SourceList) {
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if is_article_path(entry.path()) {
                    list.files.push(entry.into_path());
                } else {
                    list.ignored += 1;
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| folder.to_path_buf());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop (skipped)".to_string()
                } else {
                    match err.io_error() {
                        Some(io) => format!("could not be read: {io}"),
                        None => err.to_string(),
                    }
                };
                list.problems.push(ImportProblem { path, reason });
            }
        }
    }
}

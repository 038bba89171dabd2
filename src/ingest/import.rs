//! Importing many files at once: parallel across files, with progress counters and a cancel
//! flag that another thread can read and set.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{IngestOptions, SourceArticles, collect_sources, read_source_file_if_changed};
use crate::model::{Article, ImportProblem};

/// Progress of a running import, shared between the worker and whoever shows it.
#[derive(Debug, Default)]
pub struct ImportProgress {
    /// Files found to import; 0 until the folders have been listed.
    pub total: AtomicUsize,
    /// Files finished, ingested or skipped.
    pub done: AtomicUsize,
    /// Bytes of the files finished.
    pub bytes: AtomicU64,
    /// Set to stop the import; files not yet started are left out.
    pub cancel: AtomicBool,
    /// The file most recently started.
    pub current: Mutex<PathBuf>,
}

impl ImportProgress {
    /// Asks the import to stop as soon as the files in flight are done.
    pub fn request_cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True once cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The file most recently started, for a status line.
    pub fn current_file(&self) -> PathBuf {
        self.current.lock().map(|p| p.clone()).unwrap_or_default()
    }
}

/// What an import produced.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    /// Articles in the order of the file list.
    pub articles: Vec<Article>,
    /// Files skipped, with reasons.
    pub problems: Vec<ImportProblem>,
    /// Files in the folders that are not articles.
    pub ignored: usize,
    /// Bytes read from article files.
    pub bytes: u64,
    /// True when the import was cancelled before every file was read.
    pub cancelled: bool,
    /// Wall time of the whole import.
    pub elapsed: Duration,
    /// The folders and files imported, made absolute (see `SourceList::roots`).
    pub roots: Vec<PathBuf>,
    /// Source files read (a database export or a feed is one file of many articles).
    pub files: usize,
    /// Of those, the ones that gave at least one article.
    pub files_read: usize,
    /// Files a rescan found byte for byte as their articles were read, and did not parse.
    pub files_unchanged: usize,
}

impl ImportOutcome {
    /// "2 of 3 files", or "2 of 3 files (500 articles)" when files held many articles.
    pub fn files_summary(&self, articles: usize) -> String {
        let mut text = format!("{} of {} files", self.files_read, self.files);
        if articles != self.files_read {
            text.push_str(&format!(" ({articles} articles)"));
        }
        text
    }
}

/// Lists and ingests every article under `paths`, in parallel. `on_progress` is called after
/// each file from worker threads (to wake a window); it must be cheap.
pub fn import_paths(
    paths: &[PathBuf],
    options: IngestOptions,
    progress: &ImportProgress,
    on_progress: &(dyn Fn() + Sync),
) -> ImportOutcome {
    import_changed_paths(paths, options, &HashMap::new(), progress, on_progress)
}

/// [`import_paths`], leaving unread every file of `known` (path → content hash of the one
/// article it gave) whose bytes still hash the same: a rescan then parses only what changed,
/// and holds no second copy of the unchanged articles.
pub fn import_changed_paths(
    paths: &[PathBuf],
    options: IngestOptions,
    known: &HashMap<PathBuf, String>,
    progress: &ImportProgress,
    on_progress: &(dyn Fn() + Sync),
) -> ImportOutcome {
    let started = Instant::now();
    let list = collect_sources(paths);
    progress.total.store(list.files.len(), Ordering::Relaxed);
    on_progress();
    let results: Vec<Option<Result<Option<SourceArticles>, ImportProblem>>> = list
        .files
        .par_iter()
        .map(|path| {
            if progress.is_cancelled() {
                return None;
            }
            if let Ok(mut current) = progress.current.lock() {
                current.clone_from(path);
            }
            let known = known.get(path).map(String::as_str);
            let result =
                read_source_file_if_changed(path, options, known).map_err(|e| ImportProblem {
                    path: path.clone(),
                    reason: e.to_string(),
                });
            if let Ok(Some(found)) = &result {
                progress
                    .bytes
                    .fetch_add(source_bytes(found), Ordering::Relaxed);
            }
            progress.done.fetch_add(1, Ordering::Relaxed);
            on_progress();
            Some(result)
        })
        .collect();
    let mut outcome = ImportOutcome {
        problems: list.problems,
        ignored: list.ignored,
        roots: list.roots,
        cancelled: progress.is_cancelled(),
        ..Default::default()
    };
    for result in results.into_iter().flatten() {
        outcome.files += 1;
        match result {
            Ok(None) => outcome.files_unchanged += 1,
            Ok(Some(found)) => {
                outcome.files_read += 1;
                outcome.bytes += source_bytes(&found);
                outcome.articles.extend(found.articles);
                outcome.problems.extend(found.problems);
            }
            Err(problem) => outcome.problems.push(problem),
        }
    }
    outcome.elapsed = started.elapsed();
    outcome
}

/// Bytes of article text a file gave.
fn source_bytes(found: &SourceArticles) -> u64 {
    found.articles.iter().map(|a| a.source.byte_len).sum()
}

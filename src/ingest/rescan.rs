//! Reading a workspace's sources again: every file under the folders it was imported from and
//! every article file outside them, and which article files no longer exist.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::{ImportOutcome, ImportProgress, IngestOptions, import_changed_paths};

/// What reading the sources again found.
#[derive(Debug, Default)]
pub struct SourceScan {
    /// The articles read and the files that could not be read (gone files left out).
    pub outcome: ImportOutcome,
    /// Article files that no longer exist.
    pub gone: Vec<PathBuf>,
    /// Not one source folder or article file exists: a disk not mounted, a workspace copied
    /// to another machine without its articles. Nothing should be taken for gone then.
    pub offline: bool,
}

/// Reads `paths` (from `Workspace::rescan_paths`) in parallel like an import, and checks which
/// of `articles` (the workspace's source files) are gone. Files of `known`
/// (`Workspace::source_hashes`) whose bytes did not change are not parsed again.
pub fn scan_sources(
    paths: &[PathBuf],
    articles: &[PathBuf],
    known: &HashMap<PathBuf, String>,
    options: IngestOptions,
    progress: &ImportProgress,
    on_progress: &(dyn Fn() + Sync),
) -> SourceScan {
    let gone: Vec<PathBuf> = articles.iter().filter(|p| !p.exists()).cloned().collect();
    if !articles.is_empty() && gone.len() == articles.len() && !paths.iter().any(|p| p.exists()) {
        return SourceScan {
            outcome: ImportOutcome::default(),
            gone,
            offline: true,
        };
    }
    let gone_set: HashSet<&PathBuf> = gone.iter().collect();
    let existing: Vec<PathBuf> = paths
        .iter()
        .filter(|p| !gone_set.contains(p) && p.exists())
        .cloned()
        .collect();
    let mut outcome = import_changed_paths(&existing, options, known, progress, on_progress);
    outcome.problems.retain(|p| !gone_set.contains(&p.path));
    SourceScan {
        outcome,
        gone,
        offline: false,
    }
}

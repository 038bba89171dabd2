//! Recovery files: while a workspace has unsaved changes, the app writes a copy beside it
//! (`research.ron.recovery`, or `untitled.recovery.ron` in Dateline's own folder for a
//! workspace never saved). After a crash the next start finds it and offers to restore it; a
//! save or a deliberate discard removes it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::format::{load_workspace_text, workspace_to_ron};
use super::{StoreError, write_atomically};
use crate::model::Workspace;

/// The recovery file of the workspace file at `workspace`.
pub fn recovery_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.file_name().unwrap_or_default().to_os_string();
    name.push(".recovery");
    workspace.with_file_name(name)
}

/// The recovery file of a workspace that was never saved, in Dateline's own folder.
pub fn untitled_recovery_path(config_dir: &Path) -> PathBuf {
    config_dir.join("untitled.recovery.ron")
}

/// Writes `workspace` to the recovery file `recovery`, paths relative to `base` (the folder
/// of the workspace file it stands for). Atomic: a crash mid-write leaves the last one.
pub fn write_recovery(
    recovery: &Path,
    base: &Path,
    workspace: &Workspace,
) -> Result<(), StoreError> {
    if let Some(folder) = recovery.parent()
        && !folder.as_os_str().is_empty()
    {
        std::fs::create_dir_all(folder).map_err(|e| StoreError::Io {
            path: folder.to_path_buf(),
            action: "creating",
            message: e.to_string(),
        })?;
    }
    let text = workspace_to_ron(workspace, base, recovery)?;
    write_atomically(recovery, text.as_bytes(), None)
}

/// What a recovery file holds, to tell the user before restoring it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoverySummary {
    /// The recovery file.
    pub path: PathBuf,
    /// When it was written.
    pub written: Option<SystemTime>,
    /// How many articles, annotations, events and tags it holds.
    pub counts: (usize, usize, usize, usize),
}

impl RecoverySummary {
    /// What it holds in words: "12 articles, 3 annotations, 1 event and 2 tags".
    pub fn contents(&self) -> String {
        let (articles, annotations, events, tags) = self.counts;
        let n = |count: usize, one: &str| {
            if count == 1 {
                format!("1 {one}")
            } else {
                format!("{count} {one}s")
            }
        };
        format!(
            "{}, {}, {} and {}",
            n(articles, "article"),
            n(annotations, "annotation"),
            n(events, "event"),
            n(tags, "tag")
        )
    }
}

/// The recovery file waiting for `workspace` (a workspace file, or `None` for an untitled
/// one whose recovery file is `recovery`): only when it is newer than the workspace file and
/// reads as a workspace no larger than `limit` bytes.
pub fn pending_recovery(
    recovery: &Path,
    workspace: Option<&Path>,
    limit: u64,
) -> Option<RecoverySummary> {
    let written = std::fs::metadata(recovery).ok()?.modified().ok();
    let saved = workspace
        .and_then(|w| std::fs::metadata(w).ok())
        .and_then(|m| m.modified().ok());
    if let (Some(written), Some(saved)) = (written, saved)
        && written <= saved
    {
        return None;
    }
    let base = recovery_base(workspace);
    let restored = load_recovery(recovery, &base, limit).ok()?;
    Some(RecoverySummary {
        path: recovery.to_path_buf(),
        written,
        counts: (
            restored.articles.len(),
            restored.annotations.len(),
            restored.events.len(),
            restored.codebook.tags.len(),
        ),
    })
}

/// The folder a recovery file's source paths are relative to: the workspace file's folder, or
/// the root for an untitled workspace (whose paths are then written absolute).
pub fn recovery_base(workspace: Option<&Path>) -> PathBuf {
    workspace
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

/// Reads a recovery file no larger than `limit` bytes (the workspace limit: it holds a whole
/// workspace), paths resolved against `base`.
pub fn load_recovery(recovery: &Path, base: &Path, limit: u64) -> Result<Workspace, StoreError> {
    let text = super::format::read_workspace_text(recovery, limit)?;
    load_workspace_text(&text, recovery, base)
}

/// Removes a recovery file; a missing one is fine.
pub fn remove_recovery(recovery: &Path) {
    let _ = std::fs::remove_file(recovery);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MAX_WORKSPACE_BYTES as MAX;

    #[test]
    fn a_recovery_file_is_offered_only_when_newer_than_the_workspace() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let workspace = dir.path().join("research.ron");
        let recovery = recovery_path(&workspace);
        assert_eq!(
            recovery.file_name().and_then(|n| n.to_str()),
            Some("research.ron.recovery")
        );
        let w = Workspace {
            next_event_id: 7,
            ..Default::default()
        };
        write_recovery(&recovery, dir.path(), &w).unwrap_or_else(|e| panic!("{e}"));
        // No workspace file yet: the recovery is offered.
        let summary =
            pending_recovery(&recovery, Some(&workspace), MAX).unwrap_or_else(|| panic!());
        assert_eq!(summary.counts, (0, 0, 0, 0));
        assert_eq!(
            summary.contents(),
            "0 articles, 0 annotations, 0 events and 0 tags"
        );
        assert_eq!(
            load_recovery(&recovery, dir.path(), MAX)
                .map(|w| w.next_event_id)
                .ok(),
            Some(7)
        );
        // A workspace saved after it wins.
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::super::save_workspace(&workspace, &w).unwrap_or_else(|e| panic!("{e}"));
        assert!(pending_recovery(&recovery, Some(&workspace), MAX).is_none());
        remove_recovery(&recovery);
        assert!(!recovery.exists());
        // A damaged recovery file is not offered.
        std::fs::write(&recovery, "not a workspace").unwrap_or_else(|e| panic!("{e}"));
        assert!(pending_recovery(&recovery, None, MAX).is_none());
    }
}

//! The workspace file: RON with a format version, atomic save with a backup of the previous
//! file, clear errors for damaged or unknown files, and the list of recent workspaces.
//!
//! A workspace file is never written unless a save succeeds completely: the new content goes to
//! a temporary file in the same folder, is flushed to disk, and only then replaces the old file,
//! which is kept as `NAME.ron.bak` (and four older saves as `NAME.ron.bak.2` … `.5`).

mod atomic;
mod error;
mod format;
mod limits;
mod paths;
mod recent;
mod recovery;
mod settings;

pub use atomic::write_atomically;
pub use error::StoreError;
pub use format::{
    BACKUPS, CURRENT_FORMAT_VERSION, FORMAT_NAME, MAX_WORKSPACE_BYTES, backup_path, backups,
    load_workspace, load_workspace_limited, load_workspace_text, load_workspace_versioned,
    nth_backup_path, save_workspace, workspace_to_ron,
};
pub use limits::Limits;
pub use paths::{relative_path, resolve_path};
pub use recent::RecentWorkspaces;
pub use recovery::{
    RecoverySummary, load_recovery, pending_recovery, recovery_base, recovery_path,
    remove_recovery, untitled_recovery_path, write_recovery,
};
pub use settings::{READER_FONT_RANGE, Settings, ThemeChoice, ZOOM_RANGE};

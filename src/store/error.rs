//! What can go wrong reading or writing a workspace, in words for the user.

use std::path::PathBuf;

/// A workspace could not be loaded or saved. Every variant names the file; `Display` gives the
/// message the app shows.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("{path}: {action} failed: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// "reading", "writing", "replacing".
        action: &'static str,
        /// The operating system's words.
        message: String,
    },
    /// The file is larger than a workspace may be.
    #[error(
        "{path}: the file is {size} bytes, more than the {limit} bytes a workspace may have (max_workspace_mb in limits.ron, in Dateline's config folder); it was not opened"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not RON, or RON that does not describe a workspace: truncated, edited by hand, damaged.
    #[error(
        "{path}: the workspace is damaged at line {line}, column {column}: {message}. The file was not changed; a backup may exist beside it ({backup})."
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser found.
        message: String,
        /// The backup file name to try.
        backup: String,
    },
    /// The file is not a Dateline workspace at all.
    #[error("{path}: this is not a Dateline workspace ({found})")]
    NotAWorkspace {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        found: String,
    },
    /// Written by a newer Dateline.
    #[error(
        "{path}: this workspace was made by a newer Dateline (format version {found}; this version reads up to {supported}). Update Dateline to open it; the file was not changed."
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A format version that never existed.
    #[error("{path}: unknown workspace format version {found}")]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// The workspace could not be turned into RON (should not happen with valid data).
    #[error("{path}: the workspace could not be written as RON: {message}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// The serializer's words.
        message: String,
    },
}

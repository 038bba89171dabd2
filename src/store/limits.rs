//! The sizes Dateline refuses to read, set in `limits.ron` in Dateline's config folder:
//! `(max_article_mb: 20, max_workspace_mb: 2048)`. A larger article file is listed as a
//! problem; a larger workspace file is refused with a message, before anything is read.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Size limits in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest article file read.
    pub max_article_bytes: u64,
    /// The largest workspace file opened.
    pub max_workspace_bytes: u64,
}

const MB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_article_bytes: 20 * MB,
            max_workspace_bytes: super::MAX_WORKSPACE_BYTES,
        }
    }
}

/// The file as the user writes it, in megabytes; a field left out (or 0) keeps its default.
#[derive(Serialize, Deserialize)]
struct LimitsFile {
    #[serde(default)]
    max_article_mb: u64,
    #[serde(default)]
    max_workspace_mb: u64,
}

impl Limits {
    /// `$DATELINE_CONFIG_DIR/limits.ron`, else the platform config folder's
    /// `dateline/limits.ron`.
    pub fn default_file() -> Option<PathBuf> {
        super::RecentWorkspaces::default_file()
            .and_then(|recent| recent.parent().map(|dir| dir.join("limits.ron")))
    }

    /// Reads the limits; no file means the defaults. A file that cannot be read or holds
    /// nonsense gives the defaults and a message saying why.
    pub fn load(file: &Path) -> (Self, Option<String>) {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::default(), None),
            Err(e) => {
                return (
                    Self::default(),
                    Some(format!("{}: {e}; using the default limits", file.display())),
                );
            }
        };
        match ron::from_str::<LimitsFile>(&text) {
            Ok(parsed) => {
                let defaults = Self::default();
                let bytes = |mb: u64, default: u64| {
                    if mb == 0 {
                        default
                    } else {
                        mb.saturating_mul(MB)
                    }
                };
                (
                    Self {
                        max_article_bytes: bytes(parsed.max_article_mb, defaults.max_article_bytes),
                        max_workspace_bytes: bytes(
                            parsed.max_workspace_mb,
                            defaults.max_workspace_bytes,
                        ),
                    },
                    None,
                )
            }
            Err(e) => (
                Self::default(),
                Some(format!(
                    "{} is not a limits file ({e}); using the default limits. It should read \
                     like (max_article_mb: 20, max_workspace_mb: 2048)",
                    file.display()
                )),
            ),
        }
    }

    /// Writes the limits to `file` in megabytes (atomically; the window's Settings use it,
    /// and the command line reads the same file).
    pub fn save(&self, file: &Path) -> Result<(), super::StoreError> {
        let text = ron::to_string(&LimitsFile {
            max_article_mb: self.max_article_bytes.div_ceil(MB),
            max_workspace_mb: self.max_workspace_bytes.div_ceil(MB),
        })
        .unwrap_or_default();
        super::write_atomically(file, text.as_bytes(), None)
    }

    /// The limits from the default file, and a message when that file is broken.
    pub fn configured() -> (Self, Option<String>) {
        match Self::default_file() {
            Some(file) => Self::load(&file),
            None => (Self::default(), None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_gives_defaults_and_a_bad_one_says_so() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("limits.ron");
        assert_eq!(Limits::load(&file), (Limits::default(), None));
        let set = Limits {
            max_article_bytes: 50 * MB,
            max_workspace_bytes: 4096 * MB,
        };
        set.save(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Limits::load(&file), (set, None));
        std::fs::write(&file, "(max_article_mb: 1)").unwrap_or_else(|e| panic!("{e}"));
        let (limits, warning) = Limits::load(&file);
        assert_eq!(limits.max_article_bytes, MB);
        assert_eq!(
            limits.max_workspace_bytes,
            Limits::default().max_workspace_bytes
        );
        assert!(warning.is_none());
        std::fs::write(&file, "max_article_mb = 1").unwrap_or_else(|e| panic!("{e}"));
        let (limits, warning) = Limits::load(&file);
        assert_eq!(limits, Limits::default());
        assert!(warning.is_some_and(|w| w.contains("not a limits file")));
    }
}

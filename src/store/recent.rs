//! The workspaces a user opened recently, and the searches they ran, kept in Dateline's own
//! config file (not in the window's preferences, which may be reset without harm).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::write_atomically;

/// How many recent workspaces are remembered.
const MAX_RECENT: usize = 10;
/// How many recent searches are remembered.
const MAX_SEARCHES: usize = 15;

/// Recently opened or saved workspaces, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentWorkspaces {
    /// Absolute paths, newest first.
    pub paths: Vec<PathBuf>,
    /// Queries searched for, newest first (files from before searching have none).
    #[serde(default)]
    pub searches: Vec<String>,
}

impl RecentWorkspaces {
    /// `$DATELINE_CONFIG_DIR/recent.ron`, else the platform config folder's `dateline/recent.ron`.
    pub fn default_file() -> Option<PathBuf> {
        std::env::var_os("DATELINE_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs::config_dir().map(|d| d.join("dateline")))
            .map(|d| d.join("recent.ron"))
    }

    /// Reads the list; a missing or unreadable file gives an empty list (it holds no research).
    pub fn load(file: &Path) -> Self {
        std::fs::read_to_string(file)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the list atomically, creating the folder.
    pub fn save(&self, file: &Path) -> Result<(), super::StoreError> {
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder).map_err(|e| super::StoreError::Io {
                path: folder.to_path_buf(),
                action: "creating the folder",
                message: e.to_string(),
            })?;
        }
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).map_err(|e| {
                super::StoreError::Serialize {
                    path: file.to_path_buf(),
                    message: e.to_string(),
                }
            })?;
        write_atomically(file, text.as_bytes(), None)
    }

    /// Moves `path` to the front.
    pub fn touch(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
    }

    /// Moves a query to the front of the recent searches.
    pub fn touch_search(&mut self, query: &str) {
        self.searches.retain(|q| q != query);
        self.searches.insert(0, query.to_string());
        self.searches.truncate(MAX_SEARCHES);
    }

    /// Forgets `path` (it no longer opens).
    pub fn forget(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }
}

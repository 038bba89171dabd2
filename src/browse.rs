//! Folder listings for Dateline's own file browser, which opens when the system's file dialog
//! cannot (no xdg-desktop-portal on i3, sway, plain X11 or a remote session). No egui: the
//! window draws what this lists.

use std::path::{Path, PathBuf};

/// One thing in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as shown.
    pub name: String,
    /// Where it is.
    pub path: PathBuf,
    /// A folder (or a link to one).
    pub is_dir: bool,
    /// Size in bytes (0 for folders).
    pub bytes: u64,
}

/// The folders and files of `folder`: folders first, then files whose extension is one of
/// `extensions` (every file when it is empty), each group by name without regard to case.
/// Hidden entries (a name starting with ".") are left out. An unreadable folder gives the
/// reason, with its path.
pub fn list_folder(folder: &Path, extensions: &[&str]) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let path = entry.path();
            // Follows links, so a link to a folder opens as one; a broken link is left out.
            let meta = std::fs::metadata(&path).ok()?;
            let is_dir = meta.is_dir();
            let wanted = is_dir
                || extensions.is_empty()
                || path.extension().is_some_and(|e| {
                    extensions
                        .iter()
                        .any(|x| e.to_string_lossy().eq_ignore_ascii_case(x))
                });
            wanted.then_some(Entry {
                name,
                path,
                is_dir,
                bytes: if is_dir { 0 } else { meta.len() },
            })
        })
        .collect();
    entries.sort_by_cached_key(|e| (!e.is_dir, e.name.to_lowercase()));
    Ok(entries)
}

/// Where a browser starts: `wanted` when it is a folder, else the user's home folder, else the
/// current folder, else the root.
pub fn start_folder(wanted: Option<&Path>) -> PathBuf {
    wanted
        .filter(|p| p.is_dir())
        .map(Path::to_path_buf)
        .or_else(|| dirs::home_dir().filter(|p| p.is_dir()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_first_then_wanted_files_by_name_hidden_left_out() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "A.TXT", "c.pdf", ".hidden.txt", "notes.doc"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("zeta")).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let names = |exts: &[&str]| -> Vec<String> {
            list_folder(dir.path(), exts)
                .unwrap()
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        assert_eq!(names(&["txt", "pdf"]), ["zeta", "A.TXT", "b.txt", "c.pdf"]);
        assert_eq!(names(&[]), ["zeta", "A.TXT", "b.txt", "c.pdf", "notes.doc"]);
        let listed = list_folder(dir.path(), &["txt"]).unwrap();
        assert!(listed[0].is_dir && listed[0].bytes == 0);
        assert_eq!(listed[1].bytes, 1);
    }

    #[test]
    fn an_unreadable_folder_says_which_and_why() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        let error = list_folder(&missing, &[]).unwrap_err();
        assert!(error.contains("gone"), "{error}");
        assert_eq!(start_folder(Some(&missing)), start_folder(None));
        assert_eq!(start_folder(Some(dir.path())), dir.path());
    }
}

//! Writing a file so that a crash, a full disk or a killed process never leaves it half
//! written: a temporary file in the same folder, flushed, then renamed over the target.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::StoreError;

/// Writes `bytes` to `path` atomically. When `backup` is given and `path` exists, the previous
/// file is kept there. On any error the previous file at `path` is untouched.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    backup: Option<&Path>,
) -> Result<(), StoreError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io_error = |action: &'static str, e: std::io::Error| StoreError::Io {
        path: path.to_path_buf(),
        action,
        message: e.to_string(),
    };
    let temp = temp_path(path);
    let result = (|| {
        let mut file = File::create(&temp).map_err(|e| io_error("writing", e))?;
        file.write_all(bytes).map_err(|e| io_error("writing", e))?;
        file.sync_all().map_err(|e| io_error("writing", e))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    if let Some(backup) = backup.filter(|_| path.exists()) {
        let _ = fs::remove_file(backup);
        if fs::hard_link(path, backup).is_err()
            && let Err(e) = fs::copy(path, backup)
        {
            let _ = fs::remove_file(&temp);
            return Err(io_error("keeping the backup", e));
        }
    }
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(io_error("replacing", e));
    }
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// ".NAME.tmp-PID" beside the target: same folder, so the rename cannot cross file systems.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

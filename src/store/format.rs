//! The on-disk form of a workspace: a RON envelope naming the format and its version around
//! the workspace, with source paths relative to the file.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, relative_path, resolve_path, write_atomically};
use crate::model::Workspace;

/// The `format` field of every workspace file.
pub const FORMAT_NAME: &str = "dateline-workspace";
/// The version this build writes. Each released version has a golden file under tests/.
///
/// 1: articles and problems. 2: adds the user's time-expression corrections, entity decisions,
/// per-article reference dates and source file dates (version 1 files load with none of these).
/// 3: adds events and dismissed suggestions (older files load with none). 4: adds
/// annotations, decisions on suggestions and the codebook. 5: adds the orphans (work whose
/// words were lost when a source changed) and the imported source folders. 6: adds the
/// saved searches. 7: adds, for articles of files that hold many (database exports, feeds),
/// their place in the file and what the database says of them (outlet, section, language,
/// stated length, id). 8: adds the user's decisions on wire-story families (which articles
/// are versions of one report). 9: keeps each article's original file text as its differences
/// from the body (`original`) instead of whole (`raw_text`), which held every text twice.
/// 10: adds, for articles read from extraction output (a cluster's `extract --jsonl`), the
/// names and time expressions that run found (`extracted`); a version 9 Dateline would drop
/// them on save, so it is told the file is newer instead.
/// 11: adds, for articles without a full publication date, the reference date estimated from
/// their text and the workspace (`reference_estimate`); older files have theirs estimated on
/// load.
pub const CURRENT_FORMAT_VERSION: u32 = 11;
/// The largest workspace file opened; larger files are refused with a message.
pub const MAX_WORKSPACE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    format_version: u32,
    workspace: &'a Workspace,
}

/// Only the header, read first so that a newer or foreign file is refused before its body is
/// interpreted. Serde ignores the fields not named here.
#[derive(Deserialize)]
struct Header {
    format: String,
    format_version: u32,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    workspace: Workspace,
}

/// How many earlier saves are kept beside a workspace.
pub const BACKUPS: usize = 5;

/// `NAME.ron.bak` beside the workspace: the previous save.
pub fn backup_path(path: &Path) -> PathBuf {
    nth_backup_path(path, 1)
}

/// The `n`th newest backup: `NAME.ron.bak` for 1, then `NAME.ron.bak.2` … `NAME.ron.bak.5`.
pub fn nth_backup_path(path: &Path, n: usize) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    if n > 1 {
        name.push(format!(".{n}"));
    }
    path.with_file_name(name)
}

/// The backups of a workspace that exist, newest first, with the time each was written.
pub fn backups(path: &Path) -> Vec<(PathBuf, Option<std::time::SystemTime>)> {
    (1..=BACKUPS)
        .map(|n| nth_backup_path(path, n))
        .filter_map(|p| {
            let modified = std::fs::metadata(&p).ok()?.modified().ok();
            Some((p, modified))
        })
        .collect()
}

/// Moves each backup one place older (the oldest falls away), making room for a new one.
fn rotate_backups(path: &Path) {
    for n in (1..BACKUPS).rev() {
        let from = nth_backup_path(path, n);
        if from.exists() {
            let _ = std::fs::rename(&from, nth_backup_path(path, n + 1));
        }
    }
}

fn folder_of(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The RON text of a workspace saved at a file in folder `base`.
pub fn workspace_to_ron(
    workspace: &Workspace,
    base: &Path,
    path: &Path,
) -> Result<String, StoreError> {
    let mut portable = workspace.clone();
    for article in portable.articles_mut() {
        article.source.path = relative_path(&article.source.path, base);
    }
    for problem in &mut portable.problems {
        problem.path = relative_path(&problem.path, base);
    }
    for folder in portable
        .source_folders
        .iter_mut()
        .chain(&mut portable.removed_sources)
    {
        *folder = relative_path(folder, base);
    }
    let envelope = EnvelopeOut {
        format: FORMAT_NAME,
        format_version: CURRENT_FORMAT_VERSION,
        workspace: &portable,
    };
    // Strings are written as they are (raw strings when they hold quotes or backslashes), not
    // escaped character by character: the article texts are most of the file, and escaping
    // them took most of a save.
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .indentor("  ".to_string())
        .escape_strings(false);
    let mut text =
        ron::ser::to_string_pretty(&envelope, config).map_err(|e| StoreError::Serialize {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically, keeping the previous file as `NAME.ron.bak` and the four before it as
/// `NAME.ron.bak.2` … `.5`.
pub fn save_workspace(path: &Path, workspace: &Workspace) -> Result<(), StoreError> {
    let text = workspace_to_ron(workspace, &folder_of(path), path)?;
    if path.exists() {
        rotate_backups(path);
    }
    write_atomically(path, text.as_bytes(), Some(&backup_path(path)))
}

/// Opens a workspace file no larger than [`MAX_WORKSPACE_BYTES`]. Never writes to it.
pub fn load_workspace(path: &Path) -> Result<Workspace, StoreError> {
    load_workspace_versioned(path, MAX_WORKSPACE_BYTES).map(|(workspace, _)| workspace)
}

/// Opens a workspace file no larger than `limit` bytes (the configured limit).
pub fn load_workspace_limited(path: &Path, limit: u64) -> Result<Workspace, StoreError> {
    load_workspace_versioned(path, limit).map(|(workspace, _)| workspace)
}

/// Opens a workspace file no larger than `limit` bytes and tells the format version it was
/// written in.
pub fn load_workspace_versioned(path: &Path, limit: u64) -> Result<(Workspace, u32), StoreError> {
    let text = read_workspace_text(path, limit)?;
    load_workspace_text_versioned(&text, path, &folder_of(path))
}

/// The text of a workspace (or recovery) file no larger than `limit` bytes: larger files are
/// refused before anything is read, and the read stops at the limit even if the file grows.
pub fn read_workspace_text(path: &Path, limit: u64) -> Result<String, StoreError> {
    let io_error = |e: std::io::Error| StoreError::Io {
        path: path.to_path_buf(),
        action: "reading",
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > limit {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        damaged(path, line, column, "the file is not UTF-8 text".into())
    })
}

/// Reads workspace RON text; `path` names it in errors and `base` resolves its source paths.
pub fn load_workspace_text(text: &str, path: &Path, base: &Path) -> Result<Workspace, StoreError> {
    load_workspace_text_versioned(text, path, base).map(|(workspace, _)| workspace)
}

fn load_workspace_text_versioned(
    text: &str,
    path: &Path,
    base: &Path,
) -> Result<(Workspace, u32), StoreError> {
    let header: Header = read_header(text).map_err(|e| {
        if text.trim().is_empty() {
            damaged(path, 1, 1, "the file is empty".into())
        } else {
            ron_error(path, e)
        }
    })?;
    if header.format != FORMAT_NAME {
        return Err(StoreError::NotAWorkspace {
            path: path.to_path_buf(),
            found: format!("its format is {:?}", header.format),
        });
    }
    match header.format_version {
        v if v > CURRENT_FORMAT_VERSION => {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: v,
                supported: CURRENT_FORMAT_VERSION,
            });
        }
        0 => {
            return Err(StoreError::UnknownVersion {
                path: path.to_path_buf(),
                found: 0,
            });
        }
        _ => {}
    }
    let envelope: EnvelopeIn = ron::from_str(text).map_err(|e| ron_error(path, e))?;
    let mut workspace = envelope.workspace;
    let highest_id = workspace
        .articles
        .iter()
        .map(|a| a.id.0 + 1)
        .max()
        .unwrap_or(0);
    workspace.next_article_id = workspace.next_article_id.max(highest_id);
    if header.format_version < 9 {
        encode_originals(&mut workspace);
    }
    if header.format_version < 11 {
        estimate_references(&mut workspace);
    }
    workspace.settle_reference_estimates();
    for article in workspace.articles_mut() {
        article.source.path = resolve_path(&article.source.path, base);
    }
    // The lists grew by doubling as they were read: up to half their room spare (17 MB of
    // articles at 95,000). Annotations keep an eighth spare: the user adds them one at a time,
    // and a full list of 300,000 moved to a larger place as the first tag was added (26 ms on
    // the UI thread).
    workspace.articles_mut().shrink_to_fit();
    let annotations = workspace.annotations_mut();
    annotations.shrink_to(annotations.len() + annotations.len() / 8 + 64);
    for problem in &mut workspace.problems {
        problem.path = resolve_path(&problem.path, base);
    }
    for folder in workspace
        .source_folders
        .iter_mut()
        .chain(&mut workspace.removed_sources)
    {
        *folder = resolve_path(folder, base);
    }
    Ok((workspace, header.format_version))
}

/// The header of workspace text. The envelope names its format and version before the
/// workspace, so only that much is parsed when it can be found (parsing the whole text for
/// the header alone took as long as reading the workspace); otherwise the whole text, for the
/// error's place.
fn read_header(text: &str) -> Result<Header, ron::error::SpannedError> {
    if let Some(at) = text.get(..4096).unwrap_or(text).find("workspace:") {
        let head = format!("{})", &text[..at]);
        if let Ok(header) = ron::from_str::<Header>(&head) {
            return Ok(header);
        }
    }
    ron::from_str(text)
}

/// Files before format 9 hold each article's original text whole under `raw_text`, which
/// deserialises into `original` as it is: keep it as its differences from the body instead.
fn encode_originals(workspace: &mut Workspace) {
    use rayon::prelude::*;
    workspace.articles_mut().par_iter_mut().for_each(|article| {
        let raw = article.original.as_ops().to_string();
        article.original = crate::model::OriginalText::encode(&raw, &article.body);
    });
}

/// Files before format 11 hold no estimated reference dates: estimate them for the articles
/// without a full publication date, as an import does.
fn estimate_references(workspace: &mut Workspace) {
    use rayon::prelude::*;
    workspace.articles_mut().par_iter_mut().for_each(|article| {
        article.reference_estimate =
            crate::extract::timex::estimate_if_undated(article.published.as_ref(), &article.body);
    });
}

fn ron_error(path: &Path, e: ron::error::SpannedError) -> StoreError {
    damaged(
        path,
        e.span.start.line,
        e.span.start.col,
        e.code.to_string(),
    )
}

fn damaged(path: &Path, line: usize, column: usize, message: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        line,
        column,
        message,
        backup: backup_path(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

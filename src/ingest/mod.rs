//! Bytes to articles: decoding, the text and HTML formats, headline, date, byline, dateline,
//! agency and boilerplate. Entry points for a path ([`ingest_file`]), for bytes in memory
//! ([`ingest_bytes`]) and for whole folders in parallel ([`import_paths`]).
//!
//! Nothing here panics on any input, and no bad file stops an import: each becomes an
//! [`IngestError`] that names what was wrong.

mod boilerplate;
mod dateline;
mod decode;
pub mod docx;
mod factiva;
mod feed;
mod html;
mod import;
pub mod jsonl;
mod nexis;
mod pdf;
mod pdf_content;
mod pubdate;
mod record;
mod rescan;
pub mod rtf;
mod scan;
mod source;
mod structure;
mod text;
mod zones;

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::model::{Article, SourceFormat, SourceInfo};

pub use decode::{DecodedText, NotText, decode};
pub use import::{ImportOutcome, ImportProgress, import_changed_paths, import_paths};
pub use pubdate::parse_date_line;
pub use rescan::{SourceScan, scan_sources};
pub use scan::{ARTICLE_EXTENSIONS, SourceList, collect_sources, is_article_path};
pub use source::{SourceArticles, read_source_bytes};
pub use structure::ArticleStructure;

/// Limits that keep a hostile or mistaken file from exhausting memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestOptions {
    /// Files larger than this many bytes are skipped with a reason.
    pub max_file_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Why a file did not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The operating system refused to read it.
    #[error("could not be read: {0}")]
    Unreadable(String),
    /// It is larger than [`IngestOptions::max_file_bytes`].
    #[error(
        "too large: {size} bytes, the limit is {limit} bytes (max_article_mb in limits.ron, in Dateline's config folder)"
    )]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// No text in it.
    #[error("empty file (no text)")]
    Empty,
    /// Not text at all.
    #[error("binary file, not text")]
    Binary,
    /// A document format Dateline reads whose file cannot be read.
    #[error("{0}")]
    Document(String),
    /// A text with nothing left once boilerplate is removed.
    #[error("no article text found (only site boilerplate)")]
    NoArticleText,
}

/// Reads and ingests one file that is one article: the first article of a file that holds
/// many (use [`read_source_file`] for all of them).
pub fn ingest_file(path: &Path, options: IngestOptions) -> Result<Article, IngestError> {
    first_article(read_source_file(path, options)?)
}

/// Reads one source file into its articles (one for an article file, many for a database
/// export or a feed).
pub fn read_source_file(
    path: &Path,
    options: IngestOptions,
) -> Result<SourceArticles, IngestError> {
    read_source_file_if_changed(path, options, None).map(Option::unwrap_or_default)
}

/// [`read_source_file`], unless the file's bytes still hash to `known` (the
/// `SourceInfo::content_hash` its article was read with): `None` then, without parsing it.
pub fn read_source_file_if_changed(
    path: &Path,
    options: IngestOptions,
    known: Option<&str>,
) -> Result<Option<SourceArticles>, IngestError> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::Unreadable(e.to_string()))?;
    let meta = file
        .metadata()
        .map_err(|e| IngestError::Unreadable(e.to_string()))?;
    if jsonl::is_jsonl_path(path) {
        // One article a line, of any number: read a line at a time, the limit on each line.
        // The file's date is when the lines were written, not when their articles were, so
        // it is no reference date for them.
        return jsonl::read_jsonl(path, std::io::BufReader::new(file), options).map(Some);
    }
    let size = meta.len();
    if size > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            size,
            limit: options.max_file_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read at most one byte past the limit, in case the file grows while it is read.
    file.take(options.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Unreadable(e.to_string()))?;
    if known.is_some_and(|hash| sha256_hex(&bytes) == hash) {
        return Ok(None);
    }
    let mut found = read_source_bytes(path, &bytes, options)?;
    let modified = file_date(&meta);
    for article in &mut found.articles {
        article.source.modified = modified;
    }
    Ok(Some(found))
}

fn first_article(found: SourceArticles) -> Result<Article, IngestError> {
    found
        .articles
        .into_iter()
        .next()
        .ok_or(IngestError::NoArticleText)
}

/// The local calendar day a file was last modified.
fn file_date(meta: &std::fs::Metadata) -> Option<chrono::NaiveDate> {
    let local: chrono::DateTime<chrono::Local> = meta.modified().ok()?.into();
    Some(local.date_naive())
}

/// Ingests a file's bytes as one article (the first, for a file that holds many). `path` names
/// the source (its extension helps choose the reader) and is stored in the article as given.
///
/// ```
/// use std::path::Path;
/// use dateline::ingest::{IngestOptions, ingest_bytes};
///
/// let text = "Talks resume\n\nGENEVA, March 4 (Reuters) - Talks resumed on Monday.\n";
/// let article = ingest_bytes(Path::new("talks.txt"), text.as_bytes(), IngestOptions::default()).unwrap();
/// assert_eq!(article.headline, "Talks resume");
/// assert_eq!(article.dateline.unwrap().place, "GENEVA");
/// assert_eq!(article.agency.as_deref(), Some("Reuters"));
/// assert_eq!(&*article.body, "Talks resumed on Monday.");
/// ```
pub fn ingest_bytes(
    path: &Path,
    bytes: &[u8],
    options: IngestOptions,
) -> Result<Article, IngestError> {
    first_article(read_source_bytes(path, bytes, options)?)
}

/// The article of a decoded text: its structure found as its format says.
pub(crate) fn finish(
    path: &Path,
    bytes: &[u8],
    text: String,
    encoding: &str,
    format: SourceFormat,
) -> Result<Article, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let structure = match format {
        SourceFormat::Html => html::parse_html(&text),
        SourceFormat::Text => text::parse_text(&text),
    };
    let body = structure.body();
    if body.trim().is_empty() && structure.headline.is_none() {
        return Err(IngestError::NoArticleText);
    }
    let source = source_info(path, bytes, encoding, format, None);
    Ok(structure.into_article(source, text, body, || file_title(path), Default::default()))
}

/// Where an article came from: `bytes` are what its content hash and length describe (the
/// file, or the article's own part of a file that holds many).
pub(crate) fn source_info(
    path: &Path,
    bytes: &[u8],
    encoding: &str,
    format: SourceFormat,
    item: Option<u32>,
) -> SourceInfo {
    SourceInfo {
        path: path.to_path_buf(),
        content_hash: sha256_hex(bytes),
        byte_len: bytes.len() as u64,
        encoding: encoding.to_string(),
        format,
        modified: None,
        item,
    }
}

/// HTML by extension, or by content when the extension says nothing.
pub(crate) fn source_format(path: &Path, bytes: &[u8]) -> SourceFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => SourceFormat::Html,
        Some("txt" | "text") => SourceFormat::Text,
        _ => {
            let head: String = bytes[..bytes.len().min(512)]
                .iter()
                .map(|&b| (b as char).to_ascii_lowercase())
                .collect();
            if head.trim_start().starts_with("<!doctype html") || head.contains("<html") {
                SourceFormat::Html
            } else {
                SourceFormat::Text
            }
        }
    }
}

fn file_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".into())
}

/// SHA-256 of bytes as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

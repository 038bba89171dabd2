//! One source file to its articles, whatever it holds: a single article (text, HTML, Word,
//! RTF, PDF), a database export of many (LexisNexis / Nexis Uni, Factiva) or a feed. The
//! container is read to text first (Word, RTF, PDF), then the text is recognised as an
//! export, a feed or one article.

use std::path::Path;

use super::factiva::{factiva_records, is_factiva};
use super::feed::{feed_records, is_feed};
use super::nexis::{is_nexis, nexis_records};
use super::record::{FileArticles, Record, records_to_articles};
use super::{IngestError, IngestOptions, NotText, decode, docx, html, pdf, rtf};
use crate::model::{Article, ImportProblem, SourceFormat};

/// The articles of one source file and the parts of it that are not articles.
#[derive(Debug, Default)]
pub struct SourceArticles {
    /// The articles, in the order the file holds them.
    pub articles: Vec<Article>,
    /// Parts of the file that did not become articles (a duplicate delivery, an empty
    /// record), each named `path#N`.
    pub problems: Vec<ImportProblem>,
}

/// The text inside a file, and what the file was.
struct Contents {
    text: String,
    encoding: String,
    format: SourceFormat,
    /// A document format read to text: never a feed.
    document: bool,
}

/// Reads a file's bytes into its articles. `path` names the source (its extension helps
/// choose the reader) and is stored in the articles as given.
pub fn read_source_bytes(
    path: &Path,
    bytes: &[u8],
    options: IngestOptions,
) -> Result<SourceArticles, IngestError> {
    if bytes.len() as u64 > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: options.max_file_bytes,
        });
    }
    if super::jsonl::is_jsonl_path(path) {
        return super::jsonl::read_jsonl(path, bytes, options);
    }
    let contents = contents(path, bytes)?;
    if contents.text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let records = records(path, &contents)?;
    let Some(records) = records else {
        let article = super::finish(
            path,
            bytes,
            contents.text,
            &contents.encoding,
            contents.format,
        )?;
        return Ok(SourceArticles {
            articles: vec![article],
            problems: Vec::new(),
        });
    };
    let FileArticles { articles, problems } =
        records_to_articles(path, records, &contents.encoding, contents.format);
    if articles.is_empty() {
        return Err(IngestError::Document(format!(
            "no article text in any of its {} parts",
            problems.len()
        )));
    }
    Ok(SourceArticles { articles, problems })
}

/// The records of a text that holds many articles; `None` for a single article.
fn records(path: &Path, contents: &Contents) -> Result<Option<Vec<Record>>, IngestError> {
    let text = &contents.text;
    if !contents.document && is_feed(text) {
        return feed_records(text).map(Some).map_err(IngestError::Document);
    }
    if contents.format == SourceFormat::Html {
        if text.contains("Document ") {
            let lines = html::page_lines(text);
            if is_factiva(&lines) {
                return Ok(Some(factiva_records(&lines)));
            }
        }
        return Ok(None);
    }
    if is_nexis(text) {
        return Ok(Some(nexis_records(text)));
    }
    if is_factiva(text) {
        return Ok(Some(factiva_records(text)));
    }
    if is_feed_path(path) {
        return Err(IngestError::Document(
            "not a news feed (no RSS, Atom or JSON Feed in it)".into(),
        ));
    }
    Ok(None)
}

/// `.xml`, `.rss`, `.atom`, `.json`: files read only as feeds.
fn is_feed_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "xml" | "rss" | "atom" | "json"))
}

/// The text of a file: documents read to text, other files decoded.
fn contents(path: &Path, bytes: &[u8]) -> Result<Contents, IngestError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let document = |text: String, encoding: &str| Contents {
        text,
        encoding: encoding.into(),
        format: SourceFormat::Text,
        document: true,
    };
    if docx::is_docx(path, bytes) {
        let text = docx::docx_text(bytes).map_err(IngestError::Document)?;
        return Ok(document(text, "Word document (.docx)"));
    }
    if ext == "rtf" || rtf::is_rtf(bytes) {
        let text = rtf::rtf_text(bytes).map_err(IngestError::Document)?;
        // One line per RTF paragraph: blank lines between them, as the text readers expect.
        let text = text.replace('\n', "\n\n");
        return Ok(document(text, "Rich Text Format (.rtf)"));
    }
    if ext == "pdf" || pdf::is_pdf(bytes) {
        let text = pdf::pdf_text(bytes).map_err(IngestError::Document)?;
        return Ok(document(text, "PDF text layer"));
    }
    let format = super::source_format(path, bytes);
    let declared = match format {
        SourceFormat::Html => html::declared_charset(bytes),
        SourceFormat::Text => None,
    };
    let decoded = decode(bytes, declared.as_deref()).map_err(|e| match e {
        NotText::Empty => IngestError::Empty,
        NotText::Binary => IngestError::Binary,
    })?;
    if format == SourceFormat::Html {
        html::check_nesting(&decoded.text).map_err(IngestError::Document)?;
    }
    Ok(Contents {
        text: decoded.text,
        encoding: decoded.encoding.to_string(),
        format,
        document: false,
    })
}

//! What is done with bytes read as a source file, shared by the source fuzz targets and the
//! corpus replay test (`tests/fuzz_corpus.rs`): read under each name, a file that reads holds
//! at least one article, and its names are found. Nothing may panic.

use std::path::Path;

use dateline::extract::entities::named_spans;
use dateline::ingest::{IngestOptions, read_source_bytes};

/// The file names each target reads its input as: the format family it fuzzes.
pub const FAMILIES: &[(&str, &[&str])] = &[
    ("read_export", &["download.txt", "factiva.html"]),
    ("read_rtf", &["export.rtf"]),
    ("read_pdf", &["export.pdf"]),
    ("read_feed", &["feed.xml", "feed.json"]),
    ("read_docx", &["export.docx"]),
];

/// Reads `data` as the files of `target`'s family.
pub fn read_as(target: &str, data: &[u8]) {
    let names = FAMILIES
        .iter()
        .find(|(t, _)| *t == target)
        .map_or(&[][..], |(_, names)| *names);
    for name in names {
        if let Ok(found) = read_source_bytes(Path::new(name), data, IngestOptions::default()) {
            assert!(!found.articles.is_empty(), "{name}: read, but no article");
            for article in found.articles {
                let _ = named_spans(&article.body);
            }
        }
    }
}

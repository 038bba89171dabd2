//! Any bytes as a source file of this family (pdf): read to its articles, each with its fields
//! and body; then its names. Nothing may panic, and reading stays bounded.
#![no_main]

use std::path::Path;

use dateline::extract::entities::named_spans;
use dateline::ingest::{IngestOptions, read_source_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["export.pdf"] {
        if let Ok(found) = read_source_bytes(Path::new(name), data, IngestOptions::default()) {
            for article in found.articles {
                let _ = named_spans(&article.body);
            }
        }
    }
});

//! Any bytes as an article file (text and HTML): ingest, then find its time expressions,
//! names and events. Nothing may panic.
#![no_main]

use std::path::Path;

use dateline::extract::entities::mention_records;
use dateline::extract::events::article_events;
use dateline::ingest::{IngestOptions, ingest_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["story.txt", "page.html"] {
        if let Ok(article) = ingest_bytes(Path::new(name), data, IngestOptions::default()) {
            let names = mention_records(article.id, &article.body);
            let events = article_events(&article, &[], &names);
            for event in events {
                let _ = event.value.to_timex();
            }
        }
    }
});

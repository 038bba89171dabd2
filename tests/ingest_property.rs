//! No byte sequence makes ingest panic, whatever the file name says it is.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dateline::ingest::{IngestOptions, ingest_bytes};
use proptest::prelude::*;

/// Lines that look like news text, to reach deep into the structure rules.
fn newsy_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("SEOUL, Nov. 23 (Yonhap) -- ".to_string()),
        Just(" 3-MAR-1987 09:17:32.30".to_string()),
        Just("All Headlines 08:43 November 23, 2009".to_string()),
        Just("By Kim Hyun".to_string()),
        Just(" Reuter".to_string()),
        Just("(END)".to_string()),
        Just("<p>".to_string()),
        Just("</article>".to_string()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"".to_string()),
        Just("PORTLAND, Maine (AP) \u{2014}".to_string()),
        Just("March 4 - ".to_string()),
        "[ -~\u{a0}-\u{2fff}]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for name in ["a.txt", "a.html", "a"] {
            let _ = ingest_bytes(Path::new(name), &bytes, IngestOptions::default());
        }
    }

    #[test]
    fn newsy_text_never_panics_and_keeps_its_promises(lines in proptest::collection::vec(newsy_line(), 0..30)) {
        let text = lines.join("\n");
        for name in ["a.txt", "a.html"] {
            if let Ok(article) = ingest_bytes(Path::new(name), text.as_bytes(), IngestOptions::default()) {
                prop_assert!(!article.original_text().unwrap().contains('\r'));
                prop_assert!(!article.headline.is_empty());
                if let Some(p) = &article.published {
                    prop_assert!(p.day.is_none() || p.month.is_some());
                }
            }
        }
    }
}

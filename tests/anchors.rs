//! Re-anchoring measured on the bundled sample articles: after random realistic edits, no
//! annotation is ever placed on other words; most find their words, the rest are orphaned.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dateline::cli::anchors::simulate;
use dateline::ingest::{IngestOptions, ingest_file};

fn sample_bodies() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let mut bodies = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file()
            && let Ok(article) = ingest_file(entry.path(), IngestOptions::default())
        {
            bodies.push(article.body.to_string());
        }
    }
    bodies
}

#[test]
fn no_annotation_is_moved_to_the_wrong_words() {
    let bodies = sample_bodies();
    assert!(bodies.len() >= 5);
    for (edits, seed) in [(1, 1), (3, 2), (10, 3)] {
        let counts = simulate(&bodies, 600, edits, seed);
        assert_eq!(counts.wrong, 0, "{edits} edits: {counts:?}");
        let total = counts.right + counts.orphaned;
        assert!(
            counts.right * 10 >= total * 8,
            "{edits} edits: most annotations find their words: {counts:?}"
        );
    }
}

//! What the entity tagger and alias resolution find in the bundled sample articles (insta
//! snapshots, reviewed by hand).
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;
use std::path::Path;

use dateline::extract::entities::{canonical_names, find_entities};
use dateline::ingest::{IngestOptions, ingest_bytes};

#[test]
fn sample_articles() {
    for name in [
        "yonhap_port_talks.txt",
        "ap_storm.txt",
        "geneva_talks_no_year.txt",
        "wire/grain_ships.txt",
        "wire/rate_cut.txt",
        "web/election_called.html",
        "bbc_style_markets.txt",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/sample")
            .join(name);
        let bytes = std::fs::read(&path).unwrap();
        let article = ingest_bytes(&path, &bytes, IngestOptions::default()).unwrap();
        let mentions = find_entities(&article.body);
        let canonical = canonical_names(&mentions);
        let mut out = String::new();
        for (m, c) in mentions.iter().zip(canonical) {
            writeln!(out, "{:?} {} -> {c}", m.text, m.label.code()).unwrap();
        }
        insta::assert_snapshot!(format!("entities_{}", name.replace(['/', '.'], "_")), out);
    }
}

//! The fuzzers' corpora (fuzz/corpus/, grown by `cargo +nightly fuzz run`) as ordinary tests:
//! every input must ingest or be refused, load or be refused, and never panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../fuzz/checks/sources.rs"]
mod source_checks;
#[path = "../fuzz/checks/workspace.rs"]
mod workspace_checks;

use std::path::{Path, PathBuf};

use dateline::extract::entities::mention_records;
use dateline::extract::events::article_events;
use dateline::ingest::{IngestOptions, ingest_bytes};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for folder in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(folder) {
            files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    files.sort();
    files
}

#[test]
fn every_ingest_input_is_read_or_refused() {
    let files = inputs("ingest_bytes");
    assert!(files.len() >= 7, "the corpus holds at least the samples");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        for name in ["story.txt", "page.html"] {
            if let Ok(article) = ingest_bytes(Path::new(name), &data, IngestOptions::default()) {
                let names = mention_records(article.id, &article.body);
                let _ = article_events(&article, &[], &names);
            }
        }
    }
}

#[test]
fn every_source_input_is_read_or_refused() {
    for (target, _) in source_checks::FAMILIES {
        let files = inputs(target);
        assert!(!files.is_empty(), "{target}: the corpus holds the samples");
        for file in files {
            // A fuzzer running beside the tests may replace an input while it is listed.
            let Ok(data) = std::fs::read(&file) else {
                continue;
            };
            source_checks::read_as(target, &data);
        }
    }
}

#[test]
fn every_workspace_input_loads_or_is_refused() {
    let files = inputs("load_workspace");
    assert!(
        files.len() >= 4,
        "the corpus holds at least the golden files"
    );
    let base = Path::new("/fuzz");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if let Ok(text) = std::str::from_utf8(&data)
            && let Ok(workspace) =
                dateline::store::load_workspace_text(text, &base.join("w.ron"), base)
        {
            dateline::store::workspace_to_ron(&workspace, base, &base.join("w.ron")).unwrap();
            workspace_checks::rebase_and_place(workspace);
        }
    }
}

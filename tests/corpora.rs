//! The real corpora in ../shared, when present (the suite passes without them): every Reuters
//! wire story comes out with headline, publication date and time, dateline and clean body;
//! every BBC article imports, including the one with a stray Latin-1 byte.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dateline::ingest::{ImportProgress, IngestOptions, import_paths};

fn corpus(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    path.is_dir().then_some(path)
}

#[test]
fn every_reuters_story_has_its_structure() {
    let Some(folder) = corpus("reuters21578") else {
        eprintln!("../shared/corpora/reuters21578 is not here; nothing to check");
        return;
    };
    let outcome = import_paths(
        &[folder],
        IngestOptions::default(),
        &ImportProgress::default(),
        &|| {},
    );
    assert!(
        outcome.problems.is_empty(),
        "{:?}",
        &outcome.problems[..outcome.problems.len().min(5)]
    );
    assert_eq!(outcome.articles.len(), 19_043);
    let mut without_dateline = 0;
    for article in &outcome.articles {
        let name = article.source.path.display();
        assert!(!article.headline.trim().is_empty(), "{name}");
        let published = article
            .published
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no date"));
        assert_eq!(published.year.map(|y| y == 1987), Some(true), "{name}");
        assert!(published.day.is_some(), "{name}");
        assert!(!article.body.trim().is_empty(), "{name}");
        let last = article.body.split_whitespace().last().unwrap_or("");
        assert!(
            !matches!(last, "Reuter" | "REUTER"),
            "{name}: sign-off left in the body"
        );
        without_dateline += usize::from(article.dateline.is_none());
    }
    let with_time = outcome
        .articles
        .iter()
        .filter(|a| a.published.as_ref().is_some_and(|p| p.time.is_some()))
        .count();
    // One story has the impossible hour 605; its date is still right.
    assert_eq!(with_time, 19_042);
    // The rest are market tables whose "dateline" is a table row (see the corpus README).
    assert!(
        without_dateline <= 70,
        "{without_dateline} stories without a dateline"
    );
}

#[test]
fn every_bbc_article_imports() {
    let Some(folder) = corpus("bbc") else {
        eprintln!("../shared/corpora/bbc is not here; nothing to check");
        return;
    };
    let outcome = import_paths(
        &[folder],
        IngestOptions::default(),
        &ImportProgress::default(),
        &|| {},
    );
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(outcome.articles.len(), 2_225);
    let latin1 = outcome
        .articles
        .iter()
        .find(|a| a.source.path.ends_with("sport/199.txt"))
        .unwrap();
    assert_ne!(latin1.source.encoding, "UTF-8");
    assert!(latin1.body.contains('\u{a3}'), "the pound sign decodes");
    for article in &outcome.articles {
        assert!(!article.headline.is_empty());
        assert!(
            article.body.split_whitespace().count() > 20,
            "{}",
            article.source.path.display()
        );
    }
}

#[test]
fn the_seed_article_reads_right() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_93a18633a1bf3e6d.txt");
    if !seed.exists() {
        return;
    }
    let article = dateline::ingest::ingest_file(&seed, IngestOptions::default()).unwrap();
    assert_eq!(
        article.headline,
        "North Korea, China vow to further military alliance 'sealed in blood'"
    );
    assert_eq!(
        article.published.unwrap().to_iso(),
        "2009-11-23T08:43:00+09:00"
    );
    assert_eq!(article.byline.as_deref(), Some("Kim Hyun"));
    assert_eq!(article.agency.as_deref(), Some("Yonhap"));
    assert_eq!(article.dateline.unwrap().place, "SEOUL");
    assert!(
        article
            .body
            .starts_with("Top military officials of North Korea and China")
    );
    assert!(article.body.ends_with("over its nuclear program."));
    assert!(!article.body.contains("Send Feedback"));
}

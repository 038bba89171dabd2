//! Ingest over fixtures written here, one per format and failure: encodings, line endings,
//! HTML metadata, datelines without a year, binary, empty and oversized files, symlink loops.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dateline::ingest::{
    ImportProgress, IngestError, IngestOptions, import_paths, ingest_bytes, ingest_file,
};

const STORY: &str = "Envoys agree to meet again\n\nAll Headlines 09:10 May 2, 2022\n\nBy Choi Eun-ha\n\nSEOUL, May 2 (Yonhap) -- Trade envoys from the two countries met on Monday and agreed to meet again in June.\n\nThe talks lasted three hours.\n\n(END)\n";

fn ingest(name: &str, bytes: &[u8]) -> Result<dateline::model::Article, IngestError> {
    ingest_bytes(Path::new(name), bytes, IngestOptions::default())
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

fn assert_story(article: &dateline::model::Article) {
    assert_eq!(article.headline, "Envoys agree to meet again");
    assert_eq!(article.byline.as_deref(), Some("Choi Eun-ha"));
    assert_eq!(article.agency.as_deref(), Some("Yonhap"));
    assert_eq!(
        article.published.as_ref().unwrap().to_iso(),
        "2022-05-02T09:10:00+09:00"
    );
    assert_eq!(article.dateline.as_ref().unwrap().place, "SEOUL");
    assert_eq!(
        &*article.body,
        "Trade envoys from the two countries met on Monday and agreed to meet again in June.\n\nThe talks lasted three hours."
    );
}

#[test]
fn utf8_lf_crlf_cr_and_bom_give_the_same_article() {
    let crlf = STORY.replace('\n', "\r\n");
    let cr = STORY.replace('\n', "\r");
    let bom = [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat();
    for bytes in [STORY.as_bytes(), crlf.as_bytes(), cr.as_bytes(), &bom] {
        let article = ingest("story.txt", bytes).unwrap();
        assert_story(&article);
        assert!(!article.original_text().unwrap().contains('\r'));
        assert_eq!(article.source.encoding, "UTF-8");
    }
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let text = STORY.replace("Trade envoys", "Trade envoys (\u{bb34}\u{c5ed})");
    for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let article = ingest("story.txt", &utf16(&text, big_endian)).unwrap();
        assert_eq!(article.source.encoding, name);
        assert!(article.body.contains("(\u{bb34}\u{c5ed})"));
        assert_eq!(
            article.published.unwrap().to_iso(),
            "2022-05-02T09:10:00+09:00"
        );
    }
}

#[test]
fn legacy_encodings_are_detected() {
    let western = "Caf\u{e9} owners protest\n\nPARIS, June 3 (AFP) - Caf\u{e9} owners in the capital said a new tax of \u{20ac}5 was \u{201c}unfair\u{201d}, a d\u{e9}cision the mayor\u{2019}s office defended on Monday.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(western);
    let article = ingest("paris.txt", &bytes).unwrap();
    assert_eq!(article.source.encoding, "windows-1252");
    assert!(
        article
            .body
            .contains("\u{20ac}5 was \u{201c}unfair\u{201d}")
    );
    assert_eq!(article.agency.as_deref(), Some("AFP"));

    let korean = "\u{b0a8}\u{bd81} \u{ad70}\u{c0ac}\u{d68c}\u{b2f4} \u{c7ac}\u{ac1c}\n\n\u{b0a8}\u{bd81}\u{c740} \u{c624}\u{b298} \u{d310}\u{bb38}\u{c810}\u{c5d0}\u{c11c} \u{ad70}\u{c0ac}\u{d68c}\u{b2f4}\u{c744} \u{b2e4}\u{c2dc} \u{c5f4}\u{ae30}\u{b85c} \u{d569}\u{c758}\u{d588}\u{b2e4}\u{ace0} \u{d1b5}\u{c77c}\u{bd80}\u{ac00} \u{bc1d}\u{d614}\u{b2e4}.\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(korean);
    let article = ingest("korea.txt", &bytes).unwrap();
    assert_eq!(article.source.encoding, "EUC-KR");
    assert_eq!(
        article.headline,
        "\u{b0a8}\u{bd81} \u{ad70}\u{c0ac}\u{d68c}\u{b2f4} \u{c7ac}\u{ac1c}"
    );

    let japanese = "\u{6771}\u{4eac}\u{3067}\u{4f1a}\u{8ac7}\n\n\u{4e21}\u{56fd}\u{306e}\u{5916}\u{76f8}\u{306f}\u{6708}\u{66dc}\u{65e5}\u{3001}\u{6771}\u{4eac}\u{3067}\u{4f1a}\u{8ac7}\u{3057}\u{3001}\u{6765}\u{6708}\u{3082}\u{4f1a}\u{3046}\u{3053}\u{3068}\u{3067}\u{5408}\u{610f}\u{3057}\u{305f}\u{3002}\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
    let article = ingest("tokyo.txt", &bytes).unwrap();
    assert_eq!(article.source.encoding, "Shift_JIS");
    assert!(article.body.starts_with("\u{4e21}\u{56fd}"));
}

#[test]
fn html_charset_declaration_is_used_for_legacy_bytes() {
    let page = "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9} tax</title></head><body><article><p>The caf\u{e9} tax rose.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let article = ingest("tax.html", &bytes).unwrap();
    assert_eq!(article.headline, "Caf\u{e9} tax");
    assert_eq!(&*article.body, "The caf\u{e9} tax rose.");
}

#[test]
fn html_with_meta_and_json_ld() {
    let page = r#"<!DOCTYPE html><html><head>
<meta property="og:title" content="Ceasefire holds for a second day">
<meta property="article:published_time" content="2014-08-12T07:30:00Z">
<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","headline":"Ignored when og:title exists","datePublished":"2014-08-12T07:30:00Z","author":{"@type":"Person","name":"Leila Haddad"},"publisher":{"name":"Gulf Wire"}}]</script>
</head><body><nav>Home | World</nav><article><h1>Ceasefire holds for a second day</h1>
<p>GAZA CITY (Reuters) - A ceasefire held for a second day on Tuesday, residents said.</p>
<p>Talks were due to resume in Cairo.</p></article>
<footer>Cookie policy | Privacy policy</footer></body></html>"#;
    let article = ingest("gaza.htm", page.as_bytes()).unwrap();
    assert_eq!(article.headline, "Ceasefire holds for a second day");
    assert_eq!(
        article.published.as_ref().unwrap().to_iso(),
        "2014-08-12T07:30:00+00:00"
    );
    assert_eq!(article.byline.as_deref(), Some("Leila Haddad"));
    assert_eq!(article.agency.as_deref(), Some("Reuters"));
    assert_eq!(article.dateline.as_ref().unwrap().place, "GAZA CITY");
    assert_eq!(
        &*article.body,
        "A ceasefire held for a second day on Tuesday, residents said.\n\nTalks were due to resume in Cairo."
    );
    assert!(article.original_text().unwrap().contains("<nav>"));
}

#[test]
fn a_dateline_without_a_year_is_a_partial_uncertain_date() {
    let text =
        "Talks resume\n\nGENEVA, March 4 (Reuters) - Talks resumed on Monday, diplomats said.\n";
    let article = ingest("geneva.txt", text.as_bytes()).unwrap();
    let published = article.published.unwrap();
    assert_eq!(published.to_iso(), "--03-04");
    assert!(published.uncertain);
    assert_eq!(published.year, None);
}

#[test]
fn boilerplate_is_removed_from_the_body_but_kept_in_the_raw_text() {
    let text = "Go to Contents Go to Navigation\n\nHeadline here\n\nBody sentence one.\n\nSubscribe to our newsletter\n\nShare on Twitter\n\nCopyright 2020 Example News. All rights reserved.\n\n(Reporting by Ana Lima; Editing by Tom Hale)\n\nSend Feedback\nHow can we improve?\nThanks for your feedback!\n";
    let article = ingest("b.txt", text.as_bytes()).unwrap();
    assert_eq!(article.headline, "Headline here");
    assert_eq!(&*article.body, "Body sentence one.");
    assert!(article.original_text().unwrap().contains("Send Feedback"));
    assert!(
        article
            .original_text()
            .unwrap()
            .contains("Reporting by Ana Lima")
    );
}

#[test]
fn binary_empty_and_oversized_are_refused_with_reasons() {
    assert_eq!(
        ingest("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err(),
        IngestError::Binary
    );
    assert_eq!(ingest("empty.txt", b"").unwrap_err(), IngestError::Empty);
    assert_eq!(
        ingest("blank.txt", b"  \n\r\n ").unwrap_err(),
        IngestError::Empty
    );
    let big = vec![b'a'; 2048];
    let small_limit = IngestOptions {
        max_file_bytes: 1024,
    };
    let err = ingest_bytes(Path::new("big.txt"), &big, small_limit).unwrap_err();
    assert_eq!(
        err,
        IngestError::TooLarge {
            size: 2048,
            limit: 1024
        }
    );
    assert_eq!(
        err.to_string(),
        "too large: 2048 bytes, the limit is 1024 bytes (max_article_mb in limits.ron, in Dateline's config folder)"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_folder_with_bad_files_imports_the_good_ones_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a/story.txt", STORY.as_bytes());
    write(
        root,
        "a/b/c/page.HTML",
        b"<html><head><title>Deep page</title></head><body><p>Deep text.</p></body></html>",
    );
    write(root, "empty.txt", b"");
    write(root, "binary.htm", &[0, 1, 2, 3, 255, 254, 0, 0]);
    write(root, "notes.pdf", b"%PDF-1.4");
    write(root, "sheet.xlsx", b"PK\x03\x04");
    write(root, ".hidden/secret.txt", b"hidden text");
    let oversized = write(root, "huge.txt", &vec![b'x'; 3000]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("a"), root.join("a/b/loop")).unwrap();

    let outcome = import_paths(
        &[root.to_path_buf()],
        IngestOptions {
            max_file_bytes: 2000,
        },
        &ImportProgress::default(),
        &|| {},
    );
    let mut headlines: Vec<&str> = outcome
        .articles
        .iter()
        .map(|a| a.headline.as_str())
        .collect();
    headlines.sort();
    assert_eq!(headlines, vec!["Deep page", "Envoys agree to meet again"]);
    let reasons: Vec<(String, String)> = outcome
        .problems
        .iter()
        .map(|p| {
            (
                p.path.file_name().unwrap().to_string_lossy().into_owned(),
                p.reason.clone(),
            )
        })
        .collect();
    assert!(
        reasons.contains(&("empty.txt".into(), "empty file (no text)".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("binary.htm".into(), "binary file, not text".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&(
            "huge.txt".into(),
            "too large: 3000 bytes, the limit is 2000 bytes (max_article_mb in limits.ron, in Dateline's config folder)".into()
        )),
        "{reasons:?}"
    );
    #[cfg(unix)]
    assert!(
        reasons
            .iter()
            .any(|(_, r)| r.contains("symbolic link loop")),
        "{reasons:?}"
    );
    assert_eq!(outcome.ignored, 1, "sheet.xlsx is not an article");
    assert!(
        reasons
            .iter()
            .any(|(name, r)| name == "notes.pdf" && r.contains("PDF")),
        "a damaged PDF is listed with its reason: {reasons:?}"
    );
    assert!(!outcome.cancelled);
    assert!(oversized.exists());
}

#[test]
fn a_missing_path_is_a_problem_not_a_failure() {
    let outcome = import_paths(
        &[PathBuf::from("/no/such/folder/anywhere")],
        IngestOptions::default(),
        &ImportProgress::default(),
        &|| {},
    );
    assert!(outcome.articles.is_empty());
    assert_eq!(outcome.problems.len(), 1);
    assert!(
        outcome.problems[0].reason.starts_with("cannot be opened"),
        "{}",
        outcome.problems[0].reason
    );
}

#[test]
fn cancelling_stops_before_reading_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        write(dir.path(), &format!("{i}.txt"), STORY.as_bytes());
    }
    let progress = ImportProgress::default();
    progress.request_cancel();
    let outcome = import_paths(
        &[dir.path().to_path_buf()],
        IngestOptions::default(),
        &progress,
        &|| {},
    );
    assert!(outcome.cancelled);
    assert!(outcome.articles.is_empty());
    assert_eq!(
        progress.total.load(std::sync::atomic::Ordering::Relaxed),
        20
    );
}

#[test]
fn file_and_bytes_entry_points_agree() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "story.txt", STORY.as_bytes());
    let from_file = ingest_file(&path, IngestOptions::default()).unwrap();
    let from_bytes = ingest_bytes(&path, STORY.as_bytes(), IngestOptions::default()).unwrap();
    // Only a file has a modification date, the fallback reference date for undated articles.
    assert!(from_file.source.modified.is_some());
    assert_eq!(from_bytes.source.modified, None);
    let mut from_file = from_file;
    from_file.source.modified = None;
    assert_eq!(from_file, from_bytes);
    assert_eq!(from_file.source.content_hash.len(), 64);
}

//! Word documents as articles: written here as Word writes them (a ZIP with
//! word/document.xml), read with their headline, date line, dateline and body; a damaged one
//! listed with its reason; folders include them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::Path;

use dateline::ingest::{IngestOptions, ingest_bytes};

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            let escaped = p.replace('&', "&amp;").replace('<', "&lt;");
            format!(r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>"#)
        })
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_word_document_is_an_article_with_its_structure() {
    let bytes = docx(&[
        "Port talks resume",
        "May 2, 2022",
        "BUSAN, May 2 (Yonhap) -- Talks on the port resumed on Monday & went on.",
        "The unions agreed on wages.",
    ]);
    let article = ingest_bytes(Path::new("busan.docx"), &bytes, IngestOptions::default()).unwrap();
    assert_eq!(article.headline, "Port talks resume");
    assert_eq!(article.published.as_ref().unwrap().to_iso(), "2022-05-02");
    assert_eq!(article.dateline.as_ref().unwrap().place, "BUSAN");
    assert_eq!(article.agency.as_deref(), Some("Yonhap"));
    assert_eq!(
        &*article.body,
        "Talks on the port resumed on Monday & went on.\n\nThe unions agreed on wages."
    );
    assert_eq!(article.source.encoding, "Word document (.docx)");
    // The time engine reads it like any article.
    let timexes = dateline::extract::timex::article_timexes(&article, &[]);
    assert_eq!(timexes[0].value.to_timex(), "2022-05-02");
}

#[test]
fn a_damaged_word_document_is_listed_with_its_reason_and_folders_include_them() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("news");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("good.docx"),
        docx(&["Headline", "Body text here."]),
    )
    .unwrap();
    std::fs::write(folder.join("broken.docx"), b"PK\x03\x04 not really").unwrap();
    std::fs::write(folder.join("plain.txt"), "Plain\n\nA plain story.\n").unwrap();
    let out = common::dateline(&["import", "news", "-o", "w.ron"], dir.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    let summary = common::stdout(&out);
    assert!(summary.contains("Imported 2 of 3 files"), "{summary}");
    assert!(
        summary.contains("broken.docx: not a Word document"),
        "{summary}"
    );
    let ws = dateline::store::load_workspace(&dir.path().join("w.ron")).unwrap();
    assert!(
        ws.articles
            .iter()
            .any(|a| a.headline == "Headline" && &*a.body == "Body text here.")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any bytes named .docx (a ZIP or not, damaged anywhere) give an article or a reason,
    /// never a panic.
    #[test]
    fn any_docx_bytes_give_an_article_or_a_reason(cut in 0usize..400, flip in proptest::prelude::any::<u8>(), at in 0usize..400) {
        let mut bytes = docx(&["Headline", "Some text."]);
        let n = bytes.len();
        bytes[at % n] ^= flip;
        bytes.truncate(n - cut.min(n));
        let _ = ingest_bytes(Path::new("x.docx"), &bytes, IngestOptions::default());
    }
}

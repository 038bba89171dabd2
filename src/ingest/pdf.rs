//! PDF files with a text layer (LexisNexis PDF exports, saved articles): the text of every
//! page, read with the `pdf-extract` crate (on `lopdf`). A PDF of scanned pages has no text
//! to read and is refused with that reason; so is a damaged one, and one the reader fails on.

/// True for bytes that begin as a PDF file does (`%PDF-`, possibly after a few bytes of junk,
/// as readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..1024.min(bytes.len()))
        .is_some_and(|head| head.windows(5).any(|w| w == b"%PDF-"))
}

/// The text of a PDF's pages, in page order, or why there is none.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    if !is_pdf(bytes) {
        return Err("not a PDF file (no %PDF- header)".into());
    }
    // The reader is a large body of code fed hostile input: a panic in it is this file's
    // problem, not the import's.
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| "the PDF reader failed on this file (damaged or unusual PDF)".to_string())?
        .map_err(|e| format!("damaged PDF: {e}"))?;
    let text = pages.join("\n\n");
    let text = tidy(&text);
    if text.trim().is_empty() {
        return Err(
            "PDF without a text layer (scanned pages?): run OCR on it first, then import the result"
                .into(),
        );
    }
    Ok(text)
}

/// Lines trimmed at the end, form feeds and runs of more than one blank line taken out.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end().trim_start_matches('\u{c}');
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

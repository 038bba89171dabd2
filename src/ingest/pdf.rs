//! PDF files with a text layer (LexisNexis PDF exports, saved articles): the text of every
//! page, read with the `pdf-extract` crate (on `lopdf`). A PDF of scanned pages has no text
//! to read and is refused with that reason; so is a damaged one, and one the reader fails on.

use super::pdf_content::{Operand, find, operations};

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
    check_expansion(bytes)?;
    // The reader is a large body of code fed hostile input: a panic in it is this file's
    // problem, not the import's.
    let fast = std::panic::catch_unwind(|| lines_of_pages(bytes))
        .unwrap_or_else(|_| Err("the PDF reader failed".into()));
    let text = match fast {
        Ok(text) if readable(&text) => text,
        // Fonts lopdf cannot decode (no Unicode map it reads), or a damaged file: the
        // slower, more thorough reader.
        _ => thorough(bytes)?,
    };
    let text = tidy(&text);
    if text.trim().is_empty() {
        return Err(
            "PDF without a text layer (scanned pages?): run OCR on it first, then import the result"
                .into(),
        );
    }
    Ok(text)
}

/// The most a PDF's compressed streams may expand to, together.
const MAX_EXPANDED_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses a PDF whose compressed streams would expand past [`MAX_EXPANDED_BYTES`]: the PDF
/// readers expand every stream they read without a limit. Each `stream … endstream` is
/// inflated into a small buffer that is thrown away, counting the bytes.
fn check_expansion(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut total = 0u64;
    let mut at = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    while let Some(found) = find(&bytes[at..], b"stream") {
        let keyword = at + found;
        let mut start = keyword + b"stream".len();
        at = start;
        // "endstream" also contains "stream"; a stream's data starts after a line end.
        if keyword >= 3 && &bytes[keyword - 3..keyword] == b"end" {
            continue;
        }
        match bytes.get(start) {
            Some(b'\r') if bytes.get(start + 1) == Some(&b'\n') => start += 2,
            Some(b'\n' | b'\r') => start += 1,
            _ => continue,
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        at = end;
        // Only zlib data (a deflate method byte and a header that checks) is inflated.
        let zlib = matches!(bytes.get(start..start + 2), Some([cmf, flg])
            if cmf & 0x0f == 8 && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0);
        if !zlib {
            continue;
        }
        let mut inflater = flate2::read::ZlibDecoder::new(&bytes[start..end]);
        loop {
            match inflater.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > MAX_EXPANDED_BYTES {
                        return Err(format!(
                            "its compressed contents expand to more than {} MB (a compression bomb?); refused",
                            MAX_EXPANDED_BYTES / (1024 * 1024)
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// pdf-extract's reading of the pages. It panics on some damaged files; the panic is caught
/// and the file listed. Under the fuzzer (which aborts on any panic, caught or not) it is
/// left out, so that the fuzzer tests Dateline's own reading.
#[cfg(not(fuzzing))]
fn thorough(bytes: &[u8]) -> Result<String, String> {
    Ok(
        std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
            .map_err(|_| "the PDF reader failed on this file (damaged or unusual PDF)".to_string())?
            .map_err(|e| format!("damaged PDF: {e}"))?
            .join("\n\n"),
    )
}

#[cfg(fuzzing)]
fn thorough(_bytes: &[u8]) -> Result<String, String> {
    Err("damaged PDF".into())
}

/// The text of every page with its lines: each text operator's string decoded with its font's
/// encoding, a new line where the text moves down, a blank line where it moves down much
/// further than from line to line (a paragraph gap).
fn lines_of_pages(bytes: &[u8]) -> Result<String, String> {
    let document = lopdf::Document::load_mem(bytes).map_err(|e| format!("damaged PDF: {e}"))?;
    use rayon::prelude::*;
    let pages: Vec<lopdf::ObjectId> = document.get_pages().into_values().collect();
    // Pages are read in parallel: a 500-article export is hundreds of pages.
    let texts: Vec<String> = pages
        .par_iter()
        .map(|&page| {
            let mut text = String::new();
            page_lines(&document, page, &mut text).map(|()| text)
        })
        .collect::<Result<_, _>>()
        .map_err(|e| format!("damaged PDF: {e}"))?;
    Ok(texts.join("\n\n"))
}

/// Where the text cursor stands and how far lines have been apart.
#[derive(Default)]
struct Cursor {
    y: f32,
    leading: f32,
    step: f32,
}

impl Cursor {
    /// The cursor moved to `y`: a new line, or a blank line for a paragraph gap.
    fn move_to(&mut self, y: f32, out: &mut String) {
        let dy = (self.y - y).abs();
        self.y = y;
        if dy < 0.5 {
            return;
        }
        if self.step > 0.0 && dy > 1.6 * self.step {
            out.push_str("\n\n");
        } else {
            out.push('\n');
            self.step = dy;
        }
    }
}

fn page_lines(
    document: &lopdf::Document,
    page: lopdf::ObjectId,
    out: &mut String,
) -> Result<(), lopdf::Error> {
    let fonts = document.get_page_fonts(page)?;
    let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding(document).ok()?)))
        .collect();
    let content = document.get_page_content(page)?;
    let number = |o: &Operand| match o {
        Operand::Number(n) => Some(*n),
        _ => None,
    };
    let mut encoding = None;
    let mut cursor = Cursor::default();
    operations(&content, |operator, operands| {
        match operator {
            b"Tf" => {
                encoding = match operands.first() {
                    Some(Operand::Name(name)) => encodings.get(name),
                    _ => None,
                };
            }
            b"TL" => cursor.leading = operands.first().and_then(number).unwrap_or(0.0),
            b"Td" | b"TD" => {
                let ty = operands.get(1).and_then(number).unwrap_or(0.0);
                if operator == b"TD" {
                    cursor.leading = -ty;
                }
                let y = cursor.y + ty;
                cursor.move_to(y, out);
            }
            b"Tm" => {
                let y = operands.get(5).and_then(number).unwrap_or(cursor.y);
                cursor.move_to(y, out);
            }
            b"T*" | b"'" | b"\"" => {
                out.push('\n');
                cursor.y -= cursor.leading;
            }
            b"ET" if !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
        if matches!(operator, b"Tj" | b"TJ" | b"'" | b"\"")
            && let Some(encoding) = encoding
            && let Some(last) = operands.last()
        {
            shown_text(encoding, std::slice::from_ref(last), out);
        }
    });
    Ok(())
}

/// The strings of a text-showing operator; a wide gap in a `TJ` array is a space.
fn shown_text(encoding: &lopdf::Encoding, operands: &[Operand], out: &mut String) {
    for operand in operands {
        match operand {
            Operand::Text(bytes) => {
                if let Ok(text) = lopdf::Document::decode_text(encoding, bytes) {
                    out.push_str(&text);
                }
            }
            Operand::Array(items) => shown_text(encoding, items, out),
            Operand::Number(n) if *n < -200.0 => out.push(' '),
            _ => {}
        }
    }
}

/// Text that reads as text: some letters, and few replacement or control characters (what a
/// font without a Unicode map gives).
fn readable(text: &str) -> bool {
    let total = text.chars().filter(|c| !c.is_whitespace()).count();
    let bad = text
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    total > 0 && text.chars().any(char::is_alphabetic) && bad * 20 < total
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

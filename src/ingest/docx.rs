//! Word documents (`.docx`, Office Open XML): the text of `word/document.xml`, paragraph by
//! paragraph (runs' text, tabs and line breaks kept; deleted and field-code text left out),
//! paragraphs separated by a blank line so that the text reader finds the headline, the date
//! line and the dateline as in a plain text file.

use std::io::Read;

use quick_xml::events::Event;

/// The largest `word/document.xml` read: a 500-article export is a few megabytes; more than
/// this from a small file is a ZIP bomb.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// True for a `.docx` path or bytes that are a ZIP holding `word/document.xml`.
pub fn is_docx(path: &std::path::Path, bytes: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    by_name
        || (bytes.starts_with(b"PK\x03\x04")
            && bytes
                .windows(b"word/document.xml".len())
                .any(|w| w == b"word/document.xml"))
}

/// The character an XML entity or character reference names: `amp`, `#38`, `#x26`.
pub fn entity_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The document's text, or why it cannot be read.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word document (not a ZIP file: {e})"))?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| "not a Word document (no word/document.xml)".to_string())?;
    let too_big = || {
        format!(
            "its text expands to more than {} MB (a ZIP bomb?); refused",
            MAX_XML_BYTES / (1024 * 1024)
        )
    };
    if part.size() > MAX_XML_BYTES {
        return Err(too_big());
    }
    let mut xml = String::new();
    // The stated size may lie: read one byte past the limit to know.
    part.take(MAX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("its text cannot be read: {e}"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(too_big());
    }
    paragraphs(&xml)
}

/// The paragraphs of `word/document.xml`, joined by blank lines.
fn paragraphs(xml: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    // Inside <w:t> (text to keep), and inside deleted text or field codes (to leave out).
    let mut in_text = false;
    let mut skipping = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "its text is damaged at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"delText" | b"instrText" => skipping += 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if skipping == 0 => paragraph.push('\t'),
                b"br" | b"cr" if skipping == 0 => paragraph.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"delText" | b"instrText" => skipping = skipping.saturating_sub(1),
                b"p" => {
                    let text = paragraph.trim().to_string();
                    if !text.is_empty() {
                        out.push(text);
                    }
                    paragraph.clear();
                }
                _ => {}
            },
            Event::Text(t) if in_text && skipping == 0 => {
                paragraph.push_str(&t.xml10_content().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(r) if in_text && skipping == 0 => {
                let name = r.decode().map_err(|e| e.to_string())?;
                if let Some(c) = entity_char(&name) {
                    paragraph.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>Talks</w:t></w:r><w:r><w:t xml:space="preserve"> resume &amp; go on</w:t></w:r></w:p>
<w:p></w:p>
<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r><w:r><w:delText>gone</w:delText></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml).unwrap_or_default(),
            "Talks resume & go on\n\nA\tB\nC"
        );
        assert!(docx_text(b"not a zip").unwrap_err().contains("not a ZIP"));
    }
}

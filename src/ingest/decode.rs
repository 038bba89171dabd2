//! Bytes to text: byte-order marks, UTF-16, legacy encodings, binary detection, line endings.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, line endings normalised to `\n`.
    pub text: String,
    /// The encoding's name: "UTF-8", "UTF-16LE", "windows-1252", "EUC-KR", …
    pub encoding: &'static str,
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes or control characters: an image, an archive, a PDF…
    Binary,
}

/// Decodes article bytes. `declared` is an encoding label found in the file itself (an HTML
/// `<meta charset>`), used when the bytes are not valid UTF-8.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<DecodedText, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(
            encoding
                .decode_without_bom_handling(&bytes[bom_len..])
                .0
                .as_ref(),
            encoding,
        );
    }
    if let Some(encoding) = sniff_utf16_without_bom(bytes) {
        return finish(
            encoding.decode_without_bom_handling(bytes).0.as_ref(),
            encoding,
        );
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text, UTF_8);
    }
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE)
        .unwrap_or_else(|| guess_legacy_encoding(bytes));
    finish(
        encoding.decode_without_bom_handling(bytes).0.as_ref(),
        encoding,
    )
}

/// Fewer non-ASCII bytes than this are too little evidence for the detector: one stray "£"
/// in an English story would be read as Central European "Ł".
const MIN_EVIDENCE_BYTES: usize = 16;

/// The legacy encoding of bytes that are not UTF-8: chardetng's guess when there is enough
/// evidence, otherwise windows-1252, the usual encoding of English text saved by older tools.
fn guess_legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let evidence = bytes.iter().filter(|&&b| b >= 0x80).count();
    if evidence < MIN_EVIDENCE_BYTES {
        return encoding_rs::WINDOWS_1252;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn finish(text: &str, encoding: &'static Encoding) -> Result<DecodedText, NotText> {
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().min(1 << 20) {
        return Err(NotText::Binary);
    }
    Ok(DecodedText {
        text: normalise_text(text),
        encoding: encoding.name(),
    })
}

/// `\r\n` and lone `\r` become `\n`; form feeds become blank lines; other control characters
/// (except tab) are dropped so that no invisible byte reaches the reader.
pub fn normalise_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{c}' => out.push_str("\n\n"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// NUL bytes in the first 8 KiB, or many control bytes, mean binary (BOM-less UTF-16 is
/// recognised before this is asked).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// UTF-16 saved without a byte-order mark: mostly-ASCII text shows NUL in every other byte.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = (if bom { "\u{feff}" } else { "" })
            .encode_utf16()
            .chain(text.encode_utf16());
        for u in units {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn boms_and_utf16_decode() {
        let d = decode(b"\xEF\xBB\xBFHello\r\nworld\r", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hello\nworld\n", "UTF-8"));
        let le = decode(&utf16("Caf\u{e9} \u{c11c}\u{c6b8}", false, true), None).unwrap();
        assert_eq!(
            (le.text.as_str(), le.encoding),
            ("Caf\u{e9} \u{c11c}\u{c6b8}", "UTF-16LE")
        );
        let be = decode(&utf16("Seoul news", true, true), None).unwrap();
        assert_eq!((be.text.as_str(), be.encoding), ("Seoul news", "UTF-16BE"));
        let bare = decode(&utf16("Seoul, Nov. 23 (Yonhap)", false, false), None).unwrap();
        assert_eq!(bare.text, "Seoul, Nov. 23 (Yonhap)");
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "The caf\u{e9} charged \u{a3}5 \u{2014} \u{201c}too much\u{201d}, said Ren\u{e9}e.",
        );
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("\u{a3}5 \u{2014} \u{201c}too much\u{201d}"));
        let korean = "\u{bd81}\u{d55c}\u{acfc} \u{c911}\u{ad6d}\u{c774} \u{ad70}\u{c0ac} \u{b3d9}\u{b9f9}\u{c744} \u{ac15}\u{d654}\u{d558}\u{ae30}\u{b85c} \u{d588}\u{b2e4}. \u{c11c}\u{c6b8} \u{c5f0}\u{d569}\u{b274}\u{c2a4}";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(korean);
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (korean, "EUC-KR"));
    }

    #[test]
    fn one_stray_latin1_byte_reads_as_western() {
        let d = decode(
            b"a \xa315.8m signing fee for the striker, the club said on Monday",
            None,
        )
        .unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("\u{a3}15.8m"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            decode(b"%PDF-1.4\x00\x01\x02binary", None),
            Err(NotText::Binary)
        );
        assert_eq!(decode(b" \n\r\n\t ", None), Err(NotText::Empty));
        assert_eq!(decode(b"", None), Err(NotText::Empty));
    }
}

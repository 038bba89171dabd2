//! Rich Text Format (`.rtf`): the text of a document, paragraph by paragraph, as Word, Factiva
//! and LexisNexis write it. Font tables, styles, pictures, headers, footers, field codes and
//! every `{\*\…}` destination are left out; `\'hh` bytes are decoded with the document's code
//! page (`\ansicpg`), `\uN` characters taken with their fallbacks skipped; table cells become
//! tabs and rows lines, so that a table of field codes reads as `HD<TAB>headline`.
//!
//! Our own reader rather than a crate: the RTF crates we looked at take a `&str` (an RTF file
//! is bytes in a code page), keep no depth limit, or return styled runs we would flatten again.
//! This one is a single pass over the bytes with a bounded group stack.

/// The deepest nesting of `{` groups read; deeper files are refused (a hostile file can nest
/// 100,000 groups to exhaust a recursive reader).
pub const MAX_DEPTH: usize = 512;

/// Destinations whose contents are never text.
const SKIPPED_DESTINATIONS: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "fldinst",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "xmlnstbl",
    "generator",
    "filetbl",
    "stylerestrictions",
    "shp",
    "shpinst",
    "nonshppict",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "bkmkstart",
    "bkmkend",
    "pgdsctbl",
    "mmathPr",
];

/// True when bytes begin as an RTF document does.
pub fn is_rtf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"{\\rtf")
}

#[derive(Clone, Copy)]
struct Group {
    /// Text in this group is not document text.
    skip: bool,
    /// Characters to skip after a `\uN` (the `\ucN` in force).
    uc: usize,
}

/// The text of an RTF document: paragraphs on lines of their own, or why it cannot be read.
///
/// ```
/// let rtf = br"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 Caf\'e9 {\b open}.\par Second\u8212?line.\par}";
/// assert_eq!(dateline::ingest::rtf::rtf_text(rtf).unwrap(), "Café open.\nSecond—line.\n");
/// ```
pub fn rtf_text(bytes: &[u8]) -> Result<String, String> {
    if !is_rtf(bytes) {
        return Err("not an RTF document (it does not begin with {\\rtf)".into());
    }
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut pending: Vec<u8> = Vec::new();
    let mut encoding = encoding_rs::WINDOWS_1252;
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group { skip: false, uc: 1 };
    // Fallback characters still to skip after a \uN.
    let mut skip_chars = 0usize;
    // The next group opened by `\*` is an optional destination.
    let mut star = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "RTF groups nested more than {MAX_DEPTH} deep; refused as damaged or hostile"
                    ));
                }
                stack.push(group);
                star = false;
                skip_chars = 0;
                i += 1;
            }
            b'}' => {
                group = stack.pop().unwrap_or(group);
                skip_chars = 0;
                i += 1;
            }
            b'\\' => {
                let (word, param, next) = control(bytes, i + 1);
                i = next;
                let fresh_group = stack.last().is_some() && star;
                match word {
                    Control::Symbol(c) => {
                        if c == b'*' {
                            star = true;
                            continue;
                        }
                        if skip_chars > 0 {
                            skip_chars -= 1;
                            continue;
                        }
                        if group.skip {
                            continue;
                        }
                        match c {
                            b'\\' | b'{' | b'}' => pending.push(c),
                            b'~' => push_str(&mut out, &mut pending, encoding, "\u{a0}"),
                            b'_' => push_str(&mut out, &mut pending, encoding, "\u{2011}"),
                            b'\n' | b'\r' => push_str(&mut out, &mut pending, encoding, "\n"),
                            _ => {}
                        }
                    }
                    Control::Hex(byte) => {
                        if skip_chars > 0 {
                            skip_chars -= 1;
                        } else if !group.skip {
                            pending.push(byte);
                        }
                    }
                    Control::Word(name) => {
                        let name = std::str::from_utf8(name).unwrap_or("");
                        if fresh_group || SKIPPED_DESTINATIONS.contains(&name) {
                            group.skip = true;
                        }
                        star = false;
                        if name == "bin" {
                            let n = usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(0);
                            i = i.saturating_add(n).min(bytes.len());
                            continue;
                        }
                        if skip_chars > 0 && name != "u" {
                            skip_chars -= 1;
                            continue;
                        }
                        match name {
                            "ansicpg" => {
                                if let Some(found) = param.and_then(code_page) {
                                    encoding = found;
                                }
                            }
                            "uc" => group.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1),
                            "u" if !group.skip => {
                                let code = param.unwrap_or(0);
                                let code = if code < 0 { code + 65536 } else { code };
                                let c = u32::try_from(code)
                                    .ok()
                                    .and_then(char::from_u32)
                                    .unwrap_or('\u{fffd}');
                                push_char(&mut out, &mut pending, encoding, c);
                                skip_chars = group.uc;
                            }
                            "u" => skip_chars = group.uc,
                            _ if group.skip => {}
                            _ => {
                                if let Some(text) = word_text(name) {
                                    push_str(&mut out, &mut pending, encoding, text);
                                }
                            }
                        }
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                if skip_chars > 0 {
                    skip_chars -= 1;
                } else if !group.skip {
                    pending.push(b);
                }
                star = false;
                i += 1;
            }
        }
    }
    flush(&mut out, &mut pending, encoding);
    Ok(out)
}

enum Control<'a> {
    /// `\word` with its name.
    Word(&'a [u8]),
    /// `\'hh`.
    Hex(u8),
    /// `\` and one other character.
    Symbol(u8),
}

/// Reads the control word or symbol after a backslash at `i`: its kind, its numeric parameter
/// and where the next token starts.
fn control(bytes: &[u8], i: usize) -> (Control<'_>, Option<i64>, usize) {
    let Some(&first) = bytes.get(i) else {
        return (Control::Symbol(b' '), None, i);
    };
    if first == b'\'' {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        return match hex {
            Some(byte) => (Control::Hex(byte), None, i + 3),
            None => (Control::Symbol(b'\''), None, i + 1),
        };
    }
    if !first.is_ascii_alphabetic() {
        return (Control::Symbol(first), None, i + 1);
    }
    let mut end = i;
    while end < bytes.len() && bytes[end].is_ascii_alphabetic() && end - i < 32 {
        end += 1;
    }
    let name = &bytes[i..end];
    let mut j = end;
    let negative = bytes.get(j) == Some(&b'-');
    if negative {
        j += 1;
    }
    let digits_start = j;
    while j < bytes.len() && bytes[j].is_ascii_digit() && j - digits_start < 10 {
        j += 1;
    }
    let param = (j > digits_start)
        .then(|| {
            std::str::from_utf8(&bytes[digits_start..j])
                .ok()?
                .parse::<i64>()
                .ok()
        })
        .flatten()
        .map(|n| if negative { -n } else { n });
    if param.is_none() && negative {
        j = end;
    }
    if bytes.get(j) == Some(&b' ') {
        j += 1;
    }
    (Control::Word(name), param, j)
}

/// What a control word stands for in the text.
fn word_text(name: &str) -> Option<&'static str> {
    Some(match name {
        "par" | "line" | "sect" | "page" | "row" => "\n",
        "cell" | "tab" | "nestcell" => "\t",
        "emdash" => "\u{2014}",
        "endash" => "\u{2013}",
        "lquote" => "\u{2018}",
        "rquote" => "\u{2019}",
        "ldblquote" => "\u{201c}",
        "rdblquote" => "\u{201d}",
        "bullet" => "\u{2022}",
        "emspace" | "enspace" | "qmspace" => " ",
        _ => return None,
    })
}

/// The encoding of a Windows code page number.
fn code_page(page: i64) -> Option<&'static encoding_rs::Encoding> {
    let label = match page {
        437 | 850 | 1252 => "windows-1252",
        65001 => "utf-8",
        932 => "shift_jis",
        936 => "gbk",
        949 => "euc-kr",
        950 => "big5",
        10000 => "macintosh",
        874 => "windows-874",
        1250..=1258 => {
            return encoding_rs::Encoding::for_label(format!("windows-{page}").as_bytes());
        }
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

fn flush(out: &mut String, pending: &mut Vec<u8>, encoding: &'static encoding_rs::Encoding) {
    if !pending.is_empty() {
        let (text, _, _) = encoding.decode(pending);
        out.push_str(&text);
        pending.clear();
    }
}

fn push_str(
    out: &mut String,
    pending: &mut Vec<u8>,
    encoding: &'static encoding_rs::Encoding,
    text: &str,
) {
    flush(out, pending, encoding);
    out.push_str(text);
}

fn push_char(
    out: &mut String,
    pending: &mut Vec<u8>,
    encoding: &'static encoding_rs::Encoding,
    c: char,
) {
    flush(out, pending, encoding);
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_fields_and_tables() {
        let rtf = br#"{\rtf1\ansi{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}{\info{\title Secret}}{\*\generator Riched20;}
\pard{\field{\*\fldinst HYPERLINK "x"}{\fldrslt Link text}} and\tab more\par
\trowd\cellx1000\cellx5000 HD\cell Talks resume\cell\row
{\*\unknown hidden}Last\line line\par}"#;
        let text = rtf_text(rtf).unwrap();
        assert_eq!(
            text,
            "Link text and\tmore\nHD\tTalks resume\t\nLast\nline\n"
        );
    }

    #[test]
    fn code_pages_unicode_and_escapes() {
        let rtf =
            br"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2 \{x\} \uc2\u1055\'3f\'3f!\par}";
        assert_eq!(rtf_text(rtf).unwrap(), "Привет {x} П!\n");
        let sjis = br"{\rtf1\ansi\ansicpg932 \'93\'fa\'96\'7b\par}";
        assert_eq!(rtf_text(sjis).unwrap(), "日本\n");
    }

    #[test]
    fn deep_nesting_is_refused_and_damage_never_panics() {
        let mut deep = b"{\\rtf1 ".to_vec();
        deep.extend(std::iter::repeat_n(b'{', 100_000));
        let err = rtf_text(&deep).unwrap_err();
        assert!(err.contains("nested"), "{err}");
        for bad in [
            &b"{\\rtf1 \\'"[..],
            b"{\\rtf1 \\u",
            b"{\\rtf1 \\u-",
            b"{\\rtf1 \\bin99999999 x",
            b"{\\rtf1 }}}}} text",
            b"{\\rtf1 \\ansicpg99999999999999999999 \\'ff",
        ] {
            let _ = rtf_text(bad);
        }
        assert!(rtf_text(b"plain text").is_err());
    }
}

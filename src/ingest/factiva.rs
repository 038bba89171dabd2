//! Factiva exports (RTF or HTML, read to text first): several articles per file, each closed by
//! its accession number (`Document TIMEUK0020120305e835000xy`). Two layouts:
//!
//! - **With indexing**: two-letter field codes, one per table row or line (`HD` headline, `BY`,
//!   `WC` word count, `PD` date, `ET` time, `SN` source name, `SC` source code, `SE` section,
//!   `LA` language, `CY` copyright, `LP` lead paragraphs, `TD` text, `AN` accession number, and
//!   indexing codes such as `CO`, `IN`, `NS`, `RE`, `IPD`, `PUB` that are dropped).
//! - **Article only** (the default): headline, byline, "612 words", date, time, source name,
//!   source code, edition or page, language, copyright line, the body, `Document AN`.

use super::pubdate::parse_date_line;
use super::record::{Record, blocks, stated_words, tidy_value};

/// The field codes of an indexed export.
const CODES: &[&str] = &[
    "SE", "HD", "CR", "BY", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD", "CT",
    "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "CLM", "NGC", "VOL", "ART",
];

/// Languages as Factiva names them on the language line of an article-only export.
const LANGUAGES: &[&str] = &[
    "english",
    "german",
    "french",
    "spanish",
    "italian",
    "portuguese",
    "dutch",
    "russian",
    "chinese",
    "chinese-simplified",
    "chinese-traditional",
    "japanese",
    "korean",
    "arabic",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "polish",
    "turkish",
    "greek",
    "hebrew",
    "czech",
    "hungarian",
    "indonesian",
    "malay",
    "vietnamese",
    "thai",
    "catalan",
];

/// A field-code line: the code and the rest of the line.
fn code_line(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim_start();
    let code = CODES.iter().find(|c| line.starts_with(**c))?;
    let rest = &line[code.len()..];
    if rest.is_empty() {
        return Some((code, ""));
    }
    // A tab, or a wide gap: "IN the morning" in a paragraph is not a field.
    if let Some(value) = rest.strip_prefix('\t') {
        return Some((code, value.trim_matches(['\t', ' '])));
    }
    rest.starts_with("  ")
        .then(|| (*code, rest.trim_matches(['\t', ' '])))
}

/// The accession number on a line that closes an article: `Document X`, `AN<TAB>Document X`.
fn accession(line: &str) -> Option<String> {
    let mut rest = line.trim();
    if let Some(("AN", value)) = code_line(rest) {
        rest = value;
    } else if !rest.starts_with("Document ") {
        return None;
    }
    let id = rest.strip_prefix("Document ").unwrap_or(rest).trim();
    let plausible = id.len() >= 12
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && id.chars().any(|c| c.is_ascii_digit());
    plausible.then(|| id.to_string())
}

/// True when a text is a Factiva export.
pub fn is_factiva(text: &str) -> bool {
    text.lines().any(|l| accession(l).is_some())
}

/// The records of an export, in order.
pub fn factiva_records(text: &str) -> Vec<Record> {
    let lines: Vec<&str> = text.lines().collect();
    let mut records = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if let Some(id) = accession(line) {
            let part = &lines[start..i];
            let mut record = if part.iter().any(|l| matches!(code_line(l), Some(("HD", _)))) {
                indexed(part)
            } else {
                article_only(part)
            };
            record.meta.source_id = Some(id);
            record.raw = lines[start..=i].join("\n").trim().to_string();
            records.push(record);
            start = i + 1;
        }
    }
    records
}

/// An article with field codes.
fn indexed(lines: &[&str]) -> Record {
    let mut record = Record::default();
    let mut fields: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in lines {
        match code_line(line) {
            Some((code, value)) => fields.push((code, vec![value])),
            None => {
                if let Some((_, values)) = fields.last_mut() {
                    values.push(line.trim_matches(['\t', ' ']));
                }
            }
        }
    }
    let one_line = |values: &[&str]| tidy_value(&values.join(" "));
    let mut date = None;
    let mut time = None;
    for (code, values) in &fields {
        match *code {
            "HD" => record.headline = one_line(values),
            "BY" => {
                record.byline = one_line(values).map(|b| {
                    b.strip_prefix("By ")
                        .or_else(|| b.strip_prefix("BY "))
                        .unwrap_or(&b)
                        .to_string()
                })
            }
            "WC" => record.meta.stated_words = stated_words(&values.join(" ")),
            "PD" => date = one_line(values),
            "ET" => time = one_line(values),
            "SN" => record.meta.outlet = one_line(values),
            "SE" => record.meta.section = one_line(values),
            "LA" => record.meta.language = one_line(values),
            "LP" | "TD" => record.paragraphs.extend(blocks(values.iter().copied())),
            _ => {}
        }
    }
    record.published = published(date.as_deref(), time.as_deref());
    record
}

/// The date and, when given, the time of day.
fn published(date: Option<&str>, time: Option<&str>) -> Option<crate::model::PublishedAt> {
    let date = date?;
    time.and_then(|t| parse_date_line(&format!("{date} {t}")))
        .or_else(|| parse_date_line(date))
}

/// "612 words".
fn is_word_count(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [n, w] if n.replace(',', "").bytes().all(|b| b.is_ascii_digit())
        && (w.eq_ignore_ascii_case("words") || w.eq_ignore_ascii_case("word")))
}

/// An article without field codes: the header lines are recognised by what they look like.
fn article_only(lines: &[&str]) -> Record {
    let mut record = Record::default();
    let content: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let Some(wc) = content.iter().position(|(_, l)| is_word_count(l)) else {
        record.paragraphs = blocks(lines.iter().copied());
        return record;
    };
    record.meta.stated_words = stated_words(content[wc].1);
    let before: Vec<&str> = content[..wc].iter().map(|(_, l)| *l).collect();
    match before.as_slice() {
        [] => {}
        [headline] => record.headline = Some(headline.to_string()),
        [headline @ .., byline] => {
            record.headline = Some(headline.join(" "));
            record.byline = Some(
                byline
                    .strip_prefix("By ")
                    .or_else(|| byline.strip_prefix("BY "))
                    .unwrap_or(byline)
                    .to_string(),
            );
        }
    }
    let mut k = wc + 1;
    let mut date = None;
    let mut time = None;
    if let Some((_, line)) = content.get(k)
        && parse_date_line(line).is_some()
    {
        date = Some(line.to_string());
        k += 1;
    }
    if let Some((_, line)) = content.get(k)
        && is_clock(line)
    {
        time = Some(line.to_string());
        k += 1;
    }
    record.published = published(date.as_deref(), time.as_deref());
    if let Some((_, line)) = content.get(k) {
        record.meta.outlet = tidy_value(line);
        k += 1;
    }
    // The source code, edition and page lines, then the language and the copyright line.
    let mut body_from = None;
    for (offset, (i, line)) in content.iter().enumerate().skip(k).take(6) {
        let lower = line.to_lowercase();
        if LANGUAGES.contains(&lower.as_str()) {
            record.meta.language = tidy_value(line);
            body_from = Some(i + 1);
            continue;
        }
        if lower.starts_with("(c)") || lower.starts_with('©') || lower.starts_with("copyright") {
            body_from = Some(i + 1);
            break;
        }
        if record.meta.language.is_some() && offset > k {
            break;
        }
    }
    let body_from = body_from.unwrap_or_else(|| content.get(k).map_or(lines.len(), |(i, _)| *i));
    record.paragraphs = blocks(lines[body_from.min(lines.len())..].iter().copied());
    record
}

/// "10:30 GMT", "4:12 PM".
fn is_clock(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    line.len() <= 16
        && first.contains(':')
        && first
            .split(':')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_and_continuations() {
        let text = "HD\tPort strike ends\nBY\tBy Mina Park\nWC\t1,024 words\nPD\t5 March 2012\nET\t10:30 GMT\nSN\tHarbour Gazette\nSC\tHARBGZ\nLA\tEnglish\nCY\t(c) 2012 Harbour Gazette\nLP\t\nBUSAN, March 4 - Dock workers went back.\n\nTD\t\nTalks resume on Friday.\n\nIN the end they agreed.\nNS\tgcat\nAN\tDocument HARBGZ0020120305e8350000a\n";
        assert!(is_factiva(text));
        let records = factiva_records(text);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.headline.as_deref(), Some("Port strike ends"));
        assert_eq!(r.byline.as_deref(), Some("Mina Park"));
        assert_eq!(r.meta.stated_words, Some(1024));
        assert_eq!(r.meta.outlet.as_deref(), Some("Harbour Gazette"));
        assert_eq!(r.meta.language.as_deref(), Some("English"));
        assert_eq!(
            r.meta.source_id.as_deref(),
            Some("HARBGZ0020120305e8350000a")
        );
        assert_eq!(
            r.published.as_ref().unwrap().to_iso(),
            "2012-03-05T10:30:00+00:00"
        );
        assert_eq!(
            r.paragraphs,
            [
                "BUSAN, March 4 - Dock workers went back.",
                "Talks resume on Friday.",
                "IN the end they agreed."
            ]
        );
    }
}

//! LexisNexis and Nexis Uni downloads: one text (from a .TXT, or a .DOCX, .RTF or .PDF read to
//! text) holding many documents. Two layouts:
//!
//! - **LexisNexis Academic** ("classic"): each document opens with `N of M DOCUMENTS`, then the
//!   outlet, the date, the edition, the headline, `BYLINE:`, `SECTION:`, `LENGTH:`, the body,
//!   and closes with `LOAD-DATE:`, `LANGUAGE:`, `PUBLICATION-TYPE:` and a copyright line.
//! - **Nexis Uni**: a cover page (`User Name:`, `Job Number:`, `Search Terms:`, or `Request:` /
//!   `Terms:` / `Source:`), then per document the headline, outlet, date, copyright,
//!   `Section:`, `Length:`, `Byline:`, `Body`, the body, `Classification`, `Language:`,
//!   `Load-Date:`, and `End of Document`.
//!
//! Everything that is not the body becomes a field or is dropped.

use super::pubdate::parse_date_line;
use super::record::{Record, blocks, stated_words, tidy_value};
use crate::model::ArticleMeta;

/// True when a text is a LexisNexis or Nexis Uni download.
pub fn is_nexis(text: &str) -> bool {
    for line in text.lines() {
        if document_marker(line) {
            return true;
        }
        if line.trim() == "End of Document" {
            return text.contains("Load-Date:") || text.contains("Length:");
        }
    }
    false
}

/// "1 of 100 DOCUMENTS", "12 of 500 Documents".
fn document_marker(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [n, of, m, docs]
        if n.bytes().all(|b| b.is_ascii_digit())
            && of.eq_ignore_ascii_case("of")
            && m.bytes().all(|b| b.is_ascii_digit())
            && (docs.eq_ignore_ascii_case("documents") || docs.eq_ignore_ascii_case("document")))
}

/// Fields that stand before the body.
const HEAD_FIELDS: &[&str] = &[
    "byline",
    "section",
    "length",
    "dateline",
    "highlight",
    "edition",
    "series",
    "column",
    "type",
    "correction",
];

/// Fields that stand after the body (some may also stand before it in older exports).
const TAIL_FIELDS: &[&str] = &[
    "load-date",
    "language",
    "publication-type",
    "publication type",
    "url",
    "graphic",
    "correction-date",
    "notes",
    "subject",
    "geographic",
    "organization",
    "company",
    "person",
    "industry",
    "ticker",
    "city",
    "state",
    "country",
    "journal-code",
    "journal code",
    "document-type",
    "distribution",
    "acc-no",
    "classification",
    "topic",
];

/// A `KEY: value` field line: the key in lower case and the value.
fn field(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.trim().split_once(':')?;
    let lower = key.trim().to_ascii_lowercase();
    (HEAD_FIELDS.contains(&lower.as_str()) || TAIL_FIELDS.contains(&lower.as_str()))
        .then(|| (lower, value.trim()))
}

/// The records of a download, in order.
pub fn nexis_records(text: &str) -> Vec<Record> {
    let lines: Vec<&str> = text.lines().collect();
    let classic = lines.iter().any(|l| document_marker(l));
    let mut parts: Vec<&[&str]> = Vec::new();
    if classic {
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| document_marker(lines[i]))
            .collect();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            parts.push(&lines[start + 1..end]);
        }
    } else {
        let mut start = 0;
        for (i, line) in lines.iter().enumerate() {
            if line.trim() == "End of Document" {
                parts.push(&lines[start..i]);
                start = i + 1;
            }
        }
        if lines[start..].iter().any(|l| is_body_marker(l)) {
            parts.push(&lines[start..]);
        }
    }
    parts
        .into_iter()
        .map(|part| parse_document(part, classic))
        .collect()
}

fn parse_document(lines: &[&str], classic: bool) -> Record {
    let raw = lines.join("\n").trim().to_string();
    let mut record = Record {
        meta: ArticleMeta::default(),
        ..Default::default()
    };
    let body_marker = lines.iter().position(|l| is_body_marker(l));
    let is_head_field = |l: &&str| field(l).is_some_and(|(k, _)| HEAD_FIELDS.contains(&k.as_str()));
    let header_end = match body_marker {
        // Nexis Uni: the fields before "Body"; a cover page may hold other "Key:" lines.
        Some(b) => lines[..b].iter().position(is_head_field).unwrap_or(b),
        None => lines
            .iter()
            .position(|l| field(l).is_some())
            .unwrap_or(lines.len()),
    };
    read_header(&lines[..header_end], classic, &mut record);

    // Fields before the body, each running on to the next blank line or field.
    let mut i = header_end;
    let fields_end = body_marker.unwrap_or(lines.len());
    while i < fields_end {
        let line = lines[i];
        match field(line) {
            Some((key, value)) if HEAD_FIELDS.contains(&key.as_str()) || body_marker.is_some() => {
                let mut value = value.to_string();
                let mut j = i + 1;
                while j < fields_end && !lines[j].trim().is_empty() && field(lines[j]).is_none() {
                    value.push(' ');
                    value.push_str(lines[j].trim());
                    j += 1;
                }
                take_field(&key, &value, &mut record);
                i = j;
            }
            None if line.trim().is_empty() || body_marker.is_some() => i += 1,
            _ => break,
        }
    }
    let body_start = body_marker.map_or(i, |b| b + 1);
    let mut body_end = lines.len();
    for (k, line) in lines.iter().enumerate().skip(body_start) {
        let trimmed = line.trim();
        if trimmed == "Classification"
            || trimmed == "End of Document"
            || field(line).is_some_and(|(key, _)| TAIL_FIELDS.contains(&key.as_str()))
        {
            body_end = k;
            break;
        }
    }
    for line in &lines[body_end..] {
        if let Some((key, value)) = field(line) {
            take_field(&key, value, &mut record);
        }
    }
    record.paragraphs = blocks(lines[body_start..body_end].iter().copied());
    if record.meta.source_id.is_none() {
        record.meta.source_id = content_item_id(&raw);
    }
    record.raw = raw;
    record
}

/// "Body" (Nexis Uni) or "BODY:" (some LexisNexis Academic exports) alone on a line.
fn is_body_marker(line: &str) -> bool {
    matches!(line.trim(), "Body" | "BODY:" | "Body:")
}

/// Outlet, date and headline from the lines before the first field.
fn read_header(lines: &[&str], classic: bool, record: &mut Record) {
    let content: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    // Classic: outlet, date, then the headline. Nexis Uni: (cover page,) headline, outlet,
    // date, copyright.
    let dated = |l: &&str| parse_date_line(l).is_some();
    let date_at = if classic {
        content.iter().position(dated)
    } else {
        content.iter().rposition(dated)
    };
    let Some(date_at) = date_at else {
        record.headline = content.last().map(|h| h.to_string());
        return;
    };
    record.published = parse_date_line(content[date_at]);
    if date_at >= 1 {
        record.meta.outlet = tidy_value(content[date_at - 1]);
    }
    if classic {
        let headline: Vec<&str> = content[date_at + 1..]
            .iter()
            .copied()
            .filter(|l| !is_edition_or_notice(l))
            .collect();
        record.headline = (!headline.is_empty()).then(|| headline.join(" "));
    } else if date_at >= 2 {
        record.headline = Some(content[date_at - 2].to_string());
    }
}

/// Lines between the date and the headline that are not the headline: "Late Edition - Final",
/// "Correction Appended", copyright and rights lines.
fn is_edition_or_notice(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("edition")
        || lower.starts_with("copyright")
        || lower.starts_with('©')
        || lower.contains("all rights reserved")
        || lower == "correction appended"
        || lower.starts_with("distributed by")
        || lower.starts_with("provided by")
        || lower.starts_with("content provided")
}

fn take_field(key: &str, value: &str, record: &mut Record) {
    match key {
        "byline" => {
            let name = value
                .trim()
                .trim_start_matches("By ")
                .trim_start_matches("BY ")
                .trim();
            record.byline = tidy_value(name);
        }
        "section" => record.meta.section = tidy_value(value),
        "length" => record.meta.stated_words = stated_words(value),
        "language" => record.meta.language = tidy_value(value),
        _ => {}
    }
}

/// Nexis Uni's stable id for a document, when the export carries a link to it:
/// `urn:contentItem:5XYZ-…`.
fn content_item_id(raw: &str) -> Option<String> {
    let start = raw.find("urn:contentItem:")?;
    let id: String = raw[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-'))
        .collect();
    (id.len() > "urn:contentItem:".len()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLASSIC: &str = "                               1 of 2 DOCUMENTS


                          The Harbour Gazette (Busan)

                           March 5, 2012 Monday
                              Final Edition

Ports strike ends after talks

BYLINE: Mina Park

SECTION: NEWS; Pg. 4

LENGTH: 23 words

BUSAN, March 4 -- Dock workers returned to work on Sunday after a week-long strike.

Talks will resume on Friday.

LOAD-DATE: March 6, 2012

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper

               Copyright 2012 The Harbour Gazette Ltd.
                          All Rights Reserved

                               2 of 2 DOCUMENTS

                          The Valley Courier

                        March 6, 2012 Tuesday

Council approves budget

LENGTH: 9 words

The council approved the budget on Monday night.

LOAD-DATE: March 7, 2012
";

    #[test]
    fn a_body_label_opens_the_body() {
        let text = "1 of 1 DOCUMENT\n\nValley Courier\n\nMarch 6, 2012 Tuesday\n\nCouncil approves budget\n\nBYLINE: Ana Ruiz\n\nBODY:\n\nThe council approved the budget.\n\nLOAD-DATE: March 7, 2012\n";
        let records = nexis_records(text);
        assert_eq!(records.len(), 1);
        assert_eq!(
            records[0].headline.as_deref(),
            Some("Council approves budget")
        );
        assert_eq!(records[0].byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(records[0].paragraphs, ["The council approved the budget."]);
    }

    #[test]
    fn classic_download() {
        assert!(is_nexis(CLASSIC));
        let records = nexis_records(CLASSIC);
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(
            first.headline.as_deref(),
            Some("Ports strike ends after talks")
        );
        assert_eq!(
            first.meta.outlet.as_deref(),
            Some("The Harbour Gazette (Busan)")
        );
        assert_eq!(first.published.as_ref().unwrap().to_iso(), "2012-03-05");
        assert_eq!(first.byline.as_deref(), Some("Mina Park"));
        assert_eq!(first.meta.section.as_deref(), Some("NEWS; Pg. 4"));
        assert_eq!(first.meta.stated_words, Some(23));
        assert_eq!(first.meta.language.as_deref(), Some("English"));
        assert_eq!(first.paragraphs.len(), 2);
        assert!(first.paragraphs[0].starts_with("BUSAN, March 4 -- Dock"));
        assert_eq!(
            records[1].headline.as_deref(),
            Some("Council approves budget")
        );
        assert_eq!(
            records[1].paragraphs,
            ["The council approved the budget on Monday night."]
        );
    }
}

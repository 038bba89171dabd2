//! Database exports written the way LexisNexis, Nexis Uni and Factiva lay them out, in every
//! container they come in (text, Word, RTF, PDF, HTML), from made-up articles: for the
//! `dateline bench sources` benchmark and the tests. No real article is copied.

use std::io::Write;

use super::lcg::Lcg;
use crate::exchange::text::xml_escape;

/// A made-up article for an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleArticle {
    /// The headline.
    pub headline: String,
    /// The outlet.
    pub outlet: String,
    /// "March 5, 2012".
    pub date: String,
    /// The author.
    pub byline: String,
    /// The body paragraphs.
    pub paragraphs: Vec<String>,
    /// Factiva's accession number for it.
    pub accession: String,
}

const WORDS: &[&str] = &[
    "officials",
    "said",
    "on",
    "Monday",
    "the",
    "port",
    "talks",
    "would",
    "resume",
    "after",
    "a",
    "week",
    "of",
    "strikes",
    "in",
    "Busan",
    "and",
    "Seoul",
    "while",
    "ministers",
    "met",
    "union",
    "leaders",
    "to",
    "discuss",
    "wages",
    "shipping",
    "rates",
    "rose",
    "sharply",
    "council",
    "budget",
    "approved",
    "by",
    "vote",
    "five",
    "two",
    "residents",
    "protested",
];
const OUTLETS: &[&str] = &[
    "The Harbour Gazette",
    "Valley Courier",
    "Northern Ledger",
    "The Daily Meridian",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const NAMES: &[&str] = &[
    "Mina Park",
    "Ana Ruiz",
    "Lee Tanaka",
    "Omar Haddad",
    "Ines Kowal",
];

/// `n` made-up articles of about `words` words each, the same every run for a given seed.
pub fn sample_articles(n: usize, words: usize, seed: u64) -> Vec<SampleArticle> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            let mut paragraphs = Vec::new();
            let mut left = words.max(12);
            while left > 0 {
                let len = (20 + rng.below(40)).min(left);
                let mut words: Vec<String> = (0..len)
                    .map(|_| WORDS[rng.below(WORDS.len())].to_string())
                    .collect();
                if let Some(first) = words.first_mut() {
                    let mut c = first.chars();
                    *first = c.next().map_or_else(String::new, |f| {
                        f.to_uppercase().collect::<String>() + c.as_str()
                    });
                }
                paragraphs.push(format!("{}.", words.join(" ")));
                left -= len;
            }
            SampleArticle {
                headline: format!("Report {} on {}", i + 1, WORDS[rng.below(WORDS.len())]),
                outlet: OUTLETS[rng.below(OUTLETS.len())].to_string(),
                date: format!("{} {}, 2012", MONTHS[rng.below(12)], 1 + rng.below(28)),
                byline: NAMES[rng.below(NAMES.len())].to_string(),
                paragraphs,
                accession: format!("SAMPLE00201203{:02}e83{:07}", 1 + i % 28, i + 1),
            }
        })
        .collect()
}

/// A Nexis Uni download as text lines: a cover page, then each document from headline to
/// "End of Document".
pub fn nexis_uni_lines(articles: &[SampleArticle]) -> Vec<String> {
    let mut lines = vec![
        "User Name: =researcher".to_string(),
        "Date and Time: Monday, November 30, 2026 3:04:00 PM EST".into(),
        "Job Number: 123456".into(),
        String::new(),
        format!("Documents ({})", articles.len()),
        String::new(),
    ];
    for (i, a) in articles.iter().enumerate() {
        lines.push(format!("{}. {}", i + 1, a.headline));
    }
    lines.push("Client/Matter: -None-".into());
    lines.push("Search Terms: port OR council".into());
    lines.push(String::new());
    for a in articles {
        let words: usize = a.paragraphs.iter().map(|p| p.split(' ').count()).sum();
        lines.extend([
            a.headline.clone(),
            a.outlet.clone(),
            format!("{} Monday", a.date),
            format!("Copyright 2012 {} Ltd. All Rights Reserved", a.outlet),
            String::new(),
            "Section: NEWS; Pg. 4".into(),
            format!("Length: {words} words"),
            format!("Byline: {}", a.byline),
            String::new(),
            "Body".into(),
            String::new(),
        ]);
        for p in &a.paragraphs {
            lines.push(p.clone());
            lines.push(String::new());
        }
        lines.extend([
            "Classification".to_string(),
            String::new(),
            "Language: ENGLISH".into(),
            String::new(),
            "Publication-Type: Newspaper".into(),
            String::new(),
            format!("Load-Date: {}", a.date),
            String::new(),
            "End of Document".into(),
            String::new(),
        ]);
    }
    lines
}

/// A Factiva export with indexing as field-code rows (`HD`, `BY`, `WC`, `PD`, `SN`, `LA`,
/// `LP`, `TD`, `AN`): each row a pair of cells.
pub fn factiva_rows(articles: &[SampleArticle]) -> Vec<(String, Vec<String>)> {
    let mut rows = Vec::new();
    for a in articles {
        let words: usize = a.paragraphs.iter().map(|p| p.split(' ').count()).sum();
        let (lead, text) = a.paragraphs.split_at(1.min(a.paragraphs.len()));
        rows.extend([
            ("HD".to_string(), vec![a.headline.clone()]),
            ("BY".into(), vec![format!("By {}", a.byline)]),
            ("WC".into(), vec![format!("{words} words")]),
            ("PD".into(), vec![a.date.clone()]),
            ("SN".into(), vec![a.outlet.clone()]),
            ("SC".into(), vec!["SAMPLE".into()]),
            ("LA".into(), vec!["English".into()]),
            ("CY".into(), vec![format!("(c) 2012 {}", a.outlet)]),
            ("LP".into(), lead.to_vec()),
            ("TD".into(), text.to_vec()),
            ("NS".into(), vec!["gcat : Political/General News".into()]),
            ("AN".into(), vec![format!("Document {}", a.accession)]),
        ]);
    }
    rows
}

/// Lines as a Word document (.docx): one paragraph per line.
pub fn docx_bytes(lines: &[String]) -> Vec<u8> {
    let body: String = lines
        .iter()
        .map(|p| {
            format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                xml_escape(p)
            )
        })
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let written = zip
        .start_file("[Content_Types].xml", options)
        .and_then(|()| Ok(zip.write_all(b"<Types/>")?))
        .and_then(|()| zip.start_file("word/document.xml", options))
        .and_then(|()| Ok(zip.write_all(xml.as_bytes())?));
    match written.and_then(|()| zip.finish()) {
        Ok(cursor) => cursor.into_inner(),
        Err(_) => Vec::new(),
    }
}

/// Text escaped for RTF: specials escaped, non-ASCII as `\uN?`.
fn rtf_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{}?", *unit as i16));
                }
            }
        }
    }
    out
}

/// Lines as an RTF document, one paragraph each, with a font table and document info as
/// Word writes them.
pub fn rtf_bytes(lines: &[String]) -> Vec<u8> {
    let mut out = String::from(
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}{\\info{\\author Sample}}\n",
    );
    for line in lines {
        out.push_str("\\pard\\plain\\f0\\fs20 ");
        out.push_str(&rtf_escape(line));
        out.push_str("\\par\n");
    }
    out.push('}');
    out.into_bytes()
}

/// Field-code rows as an RTF table, as Factiva writes an export with indexing.
pub fn rtf_table_bytes(rows: &[(String, Vec<String>)]) -> Vec<u8> {
    let mut out = String::from("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\n");
    for (code, values) in rows {
        out.push_str("\\trowd\\cellx1000\\cellx9000\\intbl ");
        out.push_str(code);
        out.push_str("\\cell ");
        let cells: Vec<String> = values.iter().map(|v| rtf_escape(v)).collect();
        out.push_str(&cells.join("\\par "));
        out.push_str("\\cell\\row\n");
    }
    out.push('}');
    out.into_bytes()
}

/// Field-code rows as the HTML page Factiva saves.
pub fn factiva_html(rows: &[(String, Vec<String>)]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Factiva</title></head><body><div id=\"article\"><table>",
    );
    for (code, values) in rows {
        let cells: Vec<String> = values
            .iter()
            .map(|v| format!("<p>{}</p>", xml_escape(v)))
            .collect();
        out.push_str(&format!(
            "<tr><td><b>{code}</b></td><td>{}</td></tr>",
            cells.concat()
        ));
        if code == "AN" {
            out.push_str("</table><hr><table>");
        }
    }
    out.push_str("</table></div><p>Dow Jones Factiva</p></body></html>");
    out
}

/// Lines as a PDF with a text layer (Helvetica, 50 lines a page, long lines wrapped).
pub fn pdf_bytes(lines: &[String]) -> Vec<u8> {
    let mut wrapped: Vec<String> = Vec::new();
    for line in lines {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.len() + word.len() > 95 {
                wrapped.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        wrapped.push(current);
    }
    let pages: Vec<&[String]> = wrapped.chunks(50).collect();
    let mut objects: Vec<String> = Vec::new();
    // 1: catalog, 2: pages, 3: font, then a page and its contents for each page.
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    for (i, page) in pages.iter().enumerate() {
        let mut content = String::from("BT /F1 10 Tf 14 TL 50 760 Td\n");
        for line in page.iter() {
            content.push('(');
            for c in line.chars() {
                match c {
                    '(' | ')' | '\\' => {
                        content.push('\\');
                        content.push(c);
                    }
                    c if c.is_ascii() => content.push(c),
                    c if (c as u32) < 256 => content.push_str(&format!("\\{:03o}", c as u32)),
                    _ => content.push('?'),
                }
            }
            content.push_str(") Tj T*\n");
        }
        content.push_str("ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    pdf_from_objects(&objects)
}

/// A PDF file of these objects (numbered from 1; the first is the catalog) with its cross
/// reference table, so that readers find every object by its offset.
pub fn pdf_from_objects(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.extend_from_slice(table.as_bytes());
    out
}

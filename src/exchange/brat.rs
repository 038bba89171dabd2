//! brat standoff: a folder with one `NAME.txt` (the body, byte for byte) and `NAME.ann` per
//! article, plus `annotation.conf` (the codebook as a TAB-indented hierarchy), `visual.conf`
//! (labels and colours) and `tools.conf`. Names are T lines typed PER, ORG, LOC or MISC (the
//! entity's name in an `AnnotatorNotes` line); tags are T lines typed by their tag; notes are
//! `Note` T lines with the text in an `AnnotatorNotes` line; time expressions are
//! `TIMEX3_DATE|TIME|DURATION|SET` with their value noted; event evidence is an `Event` T line
//! with the event's title and value noted. Spans that cross a line break are split into
//! fragments, as brat requires.
//!
//! The `brat-inception` profile is what INCEpTION's importer reads: offsets in UTF-16 code
//! units, and only T, R and A lines (it refuses `*` and `N` lines and drops `#` notes), so the
//! note texts, entity names and values go into A lines of their own.

use std::collections::HashMap;
use std::path::Path;

use super::text::Utf16;
use super::{ExchangeError, ExportData, ExportReport, document_name, write_in};
use crate::extract::offsets::CodePoints;
use crate::extract::timex::article_timexes;
use crate::model::{AnnotationBody, Codebook, TagId};

/// Which readers the files are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// brat itself: code points, notes as `#` lines.
    Brat,
    /// INCEpTION's brat importer: UTF-16 code units, T/R/A lines only.
    Inception,
}

/// A brat type name for a tag: letters, digits, `_` and `-` only, unique in the codebook.
pub fn tag_type(book: &Codebook, tag: TagId) -> String {
    let name = book.tag(tag).map_or("Tag", |t| t.name.as_str());
    let mut clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        clean.insert_str(0, "Tag_");
    }
    let same = book
        .tags
        .iter()
        .filter(|t| t.id != tag)
        .any(|t| tag_type_plain(&t.name) == clean);
    if same
        || matches!(
            clean.as_str(),
            "PER" | "ORG" | "LOC" | "MISC" | "Note" | "Event"
        )
    {
        clean.push_str(&format!("-{}", tag.0));
    }
    clean
}

fn tag_type_plain(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Text for one field of an `.ann` line: tabs and line breaks as spaces.
fn flat(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The fragments of code points `start..end` of `chars`, cut at line breaks (brat's `.ann`
/// text field cannot hold one), as (start, end) pairs without the breaks.
fn fragments(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    let stop = end.min(chars.len());
    for (i, &c) in chars.iter().enumerate().take(stop).skip(start) {
        if c == '\n' || c == '\r' {
            if from < i {
                out.push((from, i));
            }
            from = i + 1;
        }
    }
    if from < end {
        out.push((from, end));
    }
    out
}

/// One `.ann` file being written.
struct Ann {
    lines: Vec<String>,
    t: usize,
    other: usize,
    profile: Profile,
}

impl Ann {
    /// Adds a T line for code points `start..end`; its id, or `None` for an empty span.
    fn span(
        &mut self,
        kind: &str,
        chars: &[char],
        units: &Utf16,
        start: usize,
        end: usize,
    ) -> Option<String> {
        let parts = fragments(chars, start, end);
        if parts.is_empty() {
            return None;
        }
        self.t += 1;
        let id = format!("T{}", self.t);
        let offsets: Vec<String> = parts
            .iter()
            .map(|&(s, e)| match self.profile {
                Profile::Brat => format!("{s} {e}"),
                Profile::Inception => format!("{} {}", units.of(s), units.of(e)),
            })
            .collect();
        let text: Vec<String> = parts
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect();
        self.lines.push(format!(
            "{id}\t{kind} {}\t{}",
            offsets.join(";"),
            flat(&text.join(" "))
        ));
        Some(id)
    }

    /// Attaches a text to a T line: an `AnnotatorNotes` line, or (INCEpTION) an A line.
    fn note(&mut self, target: &str, attribute: &str, text: &str) {
        self.other += 1;
        match self.profile {
            Profile::Brat => self.lines.push(format!(
                "#{}\tAnnotatorNotes {target}\t{}",
                self.other,
                flat(text)
            )),
            Profile::Inception => self.lines.push(format!(
                "A{}\t{attribute} {target} {}",
                self.other,
                flat(text).replace(' ', "_")
            )),
        }
    }
}

/// Writes the folder.
pub fn export(
    data: &ExportData<'_>,
    dir: &Path,
    profile: Profile,
) -> Result<ExportReport, ExchangeError> {
    let mut report = ExportReport {
        articles: data.articles.len(),
        ..Default::default()
    };
    let book = &data.workspace.codebook;
    let mut by_article: HashMap<crate::model::ArticleId, Vec<&crate::model::Annotation>> =
        HashMap::new();
    for a in data.annotations() {
        by_article.entry(a.target.article).or_default().push(a);
    }
    let mut evidence: HashMap<crate::model::ArticleId, Vec<(&crate::model::Event, usize, usize)>> =
        HashMap::new();
    for e in data.events() {
        for ev in &e.evidence {
            evidence
                .entry(ev.article)
                .or_default()
                .push((e, ev.start, ev.end));
        }
        report.events += 1;
    }
    for article in &data.articles {
        data.advance(1)?;
        let chars: Vec<char> = article.body.chars().collect();
        let units = Utf16::new(&article.body);
        let mut ann = Ann {
            lines: Vec::new(),
            t: 0,
            other: 0,
            profile,
        };
        for a in by_article.get(&article.id).into_iter().flatten() {
            let (s, e) = (a.target.start, a.target.end);
            match &a.body {
                AnnotationBody::Entity(k) => {
                    let (key, name) = data.entity(k);
                    if let Some(t) = ann.span(key.label.code(), &chars, &units, s, e) {
                        ann.note(&t, "entity", &name);
                    }
                }
                AnnotationBody::Tag(tag) => {
                    ann.span(&tag_type(book, *tag), &chars, &units, s, e);
                }
                AnnotationBody::Note(text) => {
                    if let Some(t) = ann.span("Note", &chars, &units, s, e) {
                        ann.note(&t, "note", text);
                    }
                }
                AnnotationBody::Evidence(_) | AnnotationBody::TimeExpression => continue,
            }
            report.annotations += 1;
        }
        let mut points = CodePoints::new(&article.body);
        for t in article_timexes(article, &data.workspace.timex_corrections) {
            let (s, e) = (points.at(t.start), points.at(t.end));
            let kind = format!("TIMEX3_{}", t.kind.as_str());
            if let Some(id) = ann.span(&kind, &chars, &units, s, e) {
                ann.note(&id, "value", &t.value.to_timex());
            }
        }
        for (event, s, e) in evidence.get(&article.id).into_iter().flatten() {
            if let Some(id) = ann.span("Event", &chars, &units, *s, *e) {
                ann.note(
                    &id,
                    "event",
                    &format!("{} ({})", event.title, event.value.to_timex()),
                );
            }
        }
        let name = document_name(article);
        write_in(dir, &format!("{name}.txt"), article.body.as_bytes())?;
        let mut text = ann.lines.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        write_in(dir, &format!("{name}.ann"), text.as_bytes())?;
        report.files += 2;
    }
    // The codebook as brat's configuration.
    let mut entities = String::from(
        "[entities]\nPER\nORG\nLOC\nMISC\nNote\nEvent\nTIMEX3_DATE\nTIMEX3_TIME\nTIMEX3_DURATION\nTIMEX3_SET\n",
    );
    let mut visual = String::from("[labels]\n");
    let mut drawing = String::from("[drawing]\n");
    for (depth, tag) in book.tree() {
        let kind = tag_type(book, tag.id);
        entities.push_str(&format!("{}{kind}\n", "\t".repeat(depth)));
        visual.push_str(&format!("{kind} | {}\n", book.path(tag.id)));
        drawing.push_str(&format!(
            "{kind}\tbgColor:#{:02x}{:02x}{:02x}\n",
            tag.colour[0], tag.colour[1], tag.colour[2]
        ));
    }
    let conf = format!(
        "{entities}\n[relations]\n\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n"
    );
    write_in(dir, "annotation.conf", conf.as_bytes())?;
    write_in(
        dir,
        "visual.conf",
        format!("{visual}\n{drawing}").as_bytes(),
    )?;
    write_in(dir, "tools.conf", b"[options]\nValidation\tvalidate:none\n")?;
    report.files += 3;
    if profile == Profile::Inception {
        report.lost.push(
            "INCEpTION reads no # notes: note texts, names and values are A lines with spaces as _"
                .into(),
        );
    }
    report
        .lost
        .push("annotations spanning a line break are split into fragments at it".into());
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_split_at_line_breaks() {
        let chars: Vec<char> = "ab\ncd\n\nef".chars().collect();
        assert_eq!(fragments(&chars, 0, 9), [(0, 2), (3, 5), (7, 9)]);
        assert_eq!(fragments(&chars, 2, 3), []);
    }

    #[test]
    fn tag_types_are_brat_names_and_unique() {
        let book = Codebook {
            tags: vec![
                crate::model::Tag {
                    id: TagId(0),
                    name: "Visit, abroad".into(),
                    colour: [0, 0, 0],
                    parent: None,
                },
                crate::model::Tag {
                    id: TagId(1),
                    name: "Visit; abroad".into(),
                    colour: [0, 0, 0],
                    parent: None,
                },
                crate::model::Tag {
                    id: TagId(2),
                    name: "2024".into(),
                    colour: [0, 0, 0],
                    parent: None,
                },
            ],
            next_id: 3,
        };
        assert_eq!(tag_type(&book, TagId(0)), "Visit__abroad-0");
        assert_eq!(tag_type(&book, TagId(1)), "Visit__abroad-1");
        assert_eq!(tag_type(&book, TagId(2)), "Tag_2024");
    }
}

//! CSV tables (RFC 4180: comma-separated, fields quoted when they hold a comma, quote or line
//! break, CRLF rows; UTF-8 with a byte-order mark so that Excel reads the accents) for R,
//! pandas, Stata and Excel: articles, annotations, entities, events and time expressions.
//! Offsets count code points of the body, with UTF-16 columns for JavaScript tools.

use std::path::Path;

use super::text::Utf16;
use super::{ExchangeError, ExportData, ExportReport, write_in};
use crate::extract::timex::article_timexes;
use crate::model::{AnnotationBody, AnnotationOrigin, AnnotationStatus, TimeValue};

/// One table being written.
struct Table {
    out: String,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        let mut t = Table {
            out: String::from("\u{FEFF}"),
        };
        t.row(header.iter().map(|h| h.to_string()));
        t
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_field(&mut self.out, &cell);
        }
        self.out.push_str("\r\n");
    }
}

/// Appends one field, quoted when it must be.
fn push_field(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// The precision of a time value in words: "day", "month", "range", "duration".
pub fn precision_name(value: &TimeValue) -> &'static str {
    match value {
        TimeValue::Point(p, _) => p.precision().name(),
        TimeValue::Range(..) => "range",
        TimeValue::Duration(..) => "duration",
        TimeValue::Set(_) => "set",
        TimeValue::Reference(_) => "reference",
    }
}

fn status_name(status: AnnotationStatus) -> &'static str {
    match status {
        AnnotationStatus::Suggested => "suggested",
        AnnotationStatus::Accepted => "accepted",
        AnnotationStatus::Rejected => "rejected",
    }
}

/// Writes the tables into `dir`.
pub fn export(data: &ExportData<'_>, dir: &Path) -> Result<ExportReport, ExchangeError> {
    let mut report = ExportReport {
        articles: data.articles.len(),
        ..Default::default()
    };
    // Articles.
    let mut articles = Table::new(&[
        "article",
        "source",
        "headline",
        "published",
        "byline",
        "place",
        "agency",
        "words",
        "code_points",
    ]);
    for a in &data.articles {
        articles.row([
            a.id.0.to_string(),
            a.source.path.to_string_lossy().into_owned(),
            a.headline.clone(),
            a.published.as_ref().map(|p| p.to_iso()).unwrap_or_default(),
            a.byline.clone().unwrap_or_default(),
            a.dateline
                .as_ref()
                .map(|d| d.place.clone())
                .unwrap_or_default(),
            a.agency.clone().unwrap_or_default(),
            a.word_count().to_string(),
            a.body.chars().count().to_string(),
        ]);
    }
    write_in(dir, "articles.csv", articles.out.as_bytes())?;

    // Annotations, with one column per codebook level.
    let book = &data.workspace.codebook;
    let depth = book.tree().iter().map(|(d, _)| d + 1).max().unwrap_or(1);
    let mut header: Vec<String> = [
        "annotation",
        "article",
        "start",
        "end",
        "start_utf16",
        "end_utf16",
        "quote",
        "kind",
        "tag_path",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend((1..=depth).map(|l| format!("tag_level_{l}")));
    header.extend(
        ["note", "entity", "entity_type", "event", "origin", "status"]
            .iter()
            .map(|s| s.to_string()),
    );
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut annotations = Table::new(&header);
    let mut utf16: std::collections::HashMap<crate::model::ArticleId, Utf16> =
        std::collections::HashMap::new();
    for a in data.annotations() {
        let Some(article) = data.workspace.article(a.target.article) else {
            continue;
        };
        let table = utf16
            .entry(article.id)
            .or_insert_with(|| Utf16::new(&article.body));
        let (kind, tag, note, entity, event) = match &a.body {
            AnnotationBody::Tag(t) => ("tag", Some(*t), String::new(), None, String::new()),
            AnnotationBody::Note(n) => ("note", None, n.clone(), None, String::new()),
            AnnotationBody::Entity(k) => ("entity", None, String::new(), Some(k), String::new()),
            AnnotationBody::Evidence(e) => ("evidence", None, String::new(), None, e.0.to_string()),
            AnnotationBody::TimeExpression => {
                ("time_expression", None, String::new(), None, String::new())
            }
        };
        let path: Vec<String> = tag
            .map(|t| book.path(t).split(" › ").map(str::to_string).collect())
            .unwrap_or_default();
        let (entity_name, entity_type) = entity.map_or((String::new(), String::new()), |k| {
            let (key, name) = data.entity(k);
            (name, key.label.code().to_string())
        });
        let mut row = vec![
            a.id.0.to_string(),
            a.target.article.0.to_string(),
            a.target.start.to_string(),
            a.target.end.to_string(),
            table.of(a.target.start).to_string(),
            table.of(a.target.end).to_string(),
            a.target.quote.clone(),
            kind.to_string(),
            path.join(" > "),
        ];
        row.extend((0..depth).map(|l| path.get(l).cloned().unwrap_or_default()));
        row.extend([
            note,
            entity_name,
            entity_type,
            event,
            match &a.origin {
                AnnotationOrigin::Manual => "manual".to_string(),
                AnnotationOrigin::Suggested(by) => format!("suggested:{by}"),
            },
            status_name(a.status).to_string(),
        ]);
        annotations.row(row);
        report.annotations += 1;
    }
    write_in(dir, "annotations.csv", annotations.out.as_bytes())?;

    // Entities.
    let mut entities = Table::new(&[
        "entity", "type", "aliases", "mentions", "articles", "first", "last", "hidden",
    ]);
    for e in &data.registry {
        entities.row([
            e.name.clone(),
            e.label.code().to_string(),
            e.aliases.iter().map(|a| &**a).collect::<Vec<_>>().join("|"),
            e.mentions.to_string(),
            e.articles.len().to_string(),
            e.first_seen
                .as_ref()
                .map(|p| p.to_iso())
                .unwrap_or_default(),
            e.last_seen.as_ref().map(|p| p.to_iso()).unwrap_or_default(),
            e.hidden.to_string(),
        ]);
    }
    write_in(dir, "entities.csv", entities.out.as_bytes())?;

    // Events.
    let mut events = Table::new(&[
        "event",
        "title",
        "value",
        "start",
        "end",
        "precision",
        "participants",
        "evidence",
        "articles",
        "tags",
        "notes",
        "origin",
    ]);
    for e in data.events() {
        let interval = e.value.interval();
        events.row([
            e.id.0.to_string(),
            e.title.clone(),
            e.value.to_timex(),
            interval.map(|(s, _)| s.to_string()).unwrap_or_default(),
            interval.map(|(_, x)| x.to_string()).unwrap_or_default(),
            precision_name(&e.value).to_string(),
            e.participants
                .iter()
                .map(|k| data.entity(k).1)
                .collect::<Vec<_>>()
                .join("|"),
            e.evidence.len().to_string(),
            e.articles()
                .iter()
                .map(|a| a.0.to_string())
                .collect::<Vec<_>>()
                .join("|"),
            e.tags.join("|"),
            e.notes.clone(),
            match e.origin {
                crate::model::EventOrigin::Manual => "manual",
                crate::model::EventOrigin::Suggested { .. } => "kept",
            }
            .to_string(),
        ]);
        report.events += 1;
    }
    write_in(dir, "events.csv", events.out.as_bytes())?;

    // Time expressions, as the reader shows them (corrections applied).
    let mut timexes = Table::new(&[
        "article",
        "start",
        "end",
        "text",
        "type",
        "value",
        "manual",
        "uncertain",
    ]);
    for a in &data.articles {
        data.advance(1)?;
        let mut points = crate::extract::offsets::CodePoints::new(&a.body);
        for t in article_timexes(a, &data.workspace.timex_corrections) {
            timexes.row([
                a.id.0.to_string(),
                points.at(t.start).to_string(),
                points.at(t.end).to_string(),
                t.text.clone(),
                t.kind.as_str().to_string(),
                t.value.to_timex(),
                t.manual.to_string(),
                t.uncertain_reference.to_string(),
            ]);
        }
    }
    write_in(dir, "time_expressions.csv", timexes.out.as_bytes())?;
    report.files = 5;
    if data.workspace.events.len() > report.events {
        report.lost.push(format!(
            "{} events with no evidence in the exported articles were left out",
            data.workspace.events.len() - report.events
        ));
    }
    report.lost.push(
        "suggested events are derived, not stored: keep them in the timeline to export them".into(),
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let mut t = Table::new(&["a", "b"]);
        t.row([
            "plain".to_string(),
            "with, comma \"and\" quote\nline".to_string(),
        ]);
        assert_eq!(
            t.out,
            "\u{FEFF}a,b\r\nplain,\"with, comma \"\"and\"\" quote\nline\"\r\n"
        );
    }
}

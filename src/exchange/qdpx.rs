//! REFI-QDA projects (`.qdpx`, for MAXQDA, NVivo, ATLAS.ti and QualCoder): a ZIP holding
//! `project.qde` (valid against the REFI-QDA Project.xsd) and one `sources/GUID.txt` per
//! article (the body, UTF-8 without a byte-order mark, LF line ends). The codebook is nested
//! `Code`s with their colours; names are codes under a non-codable "Names (Dateline)" code,
//! one per entity, grouped by kind; events are codes under "Events (Dateline)", their value in
//! the description. Each annotated span is a `PlainTextSelection` (code points, end
//! exclusive, named by its first 100 characters) coded with its tag, entity or event; a note
//! is the selection's description (as MAXQDA and QualCoder read it) and a `Note` it refers to
//! (as NVivo does). GUIDs are name-based, so a project exported twice is the same.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use super::ids::uuid;
use super::text::xml_escape;
use super::{ExchangeError, ExportData, ExportReport, document_name};
use crate::model::{AnnotationBody, ArticleId, Codebook, EntityKey, EventId, TagId};

/// The description that marks the codes Dateline made for its names and events, so that a
/// project read back gives names and events, not tags.
pub const NAMES_MARK: &str = "dateline:names";
/// See [`NAMES_MARK`].
pub const EVENTS_MARK: &str = "dateline:events";

fn code_guid_tag(tag: TagId) -> String {
    uuid("qdpx-code", &format!("tag:{}", tag.0))
}

fn code_guid_entity(key: &EntityKey) -> String {
    uuid(
        "qdpx-code",
        &format!("entity:{}:{}", key.label.code(), key.name),
    )
}

fn code_guid_event(event: EventId) -> String {
    uuid("qdpx-code", &format!("event:{}", event.0))
}

fn source_guid(article: ArticleId, hash: &str) -> String {
    uuid("qdpx-source", &format!("{}:{hash}", article.0))
}

fn colour(c: [u8; 3]) -> String {
    format!("#{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

/// Writes the nested tag codes under `parent`.
fn tag_codes(out: &mut String, book: &Codebook, parent: Option<TagId>, depth: usize) {
    for tag in book.tags.iter().filter(|t| t.parent == parent) {
        let indent = "  ".repeat(depth);
        out.push_str(&format!(
            "{indent}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{}\"",
            code_guid_tag(tag.id),
            xml_escape(&tag.name),
            colour(tag.colour)
        ));
        if book.tags.iter().any(|t| t.parent == Some(tag.id)) && depth < 64 {
            out.push_str(">\n");
            tag_codes(out, book, Some(tag.id), depth + 1);
            out.push_str(&format!("{indent}</Code>\n"));
        } else {
            out.push_str("/>\n");
        }
    }
}

/// One coded passage being gathered: its span, codes and notes.
#[derive(Default)]
struct Selection {
    codes: Vec<String>,
    notes: Vec<String>,
}

/// The `project.qde` text and the sources' texts by file name.
pub fn project(data: &ExportData<'_>) -> (String, Vec<(String, String)>, ExportReport) {
    let mut report = ExportReport {
        articles: data.articles.len(),
        ..Default::default()
    };
    let book = &data.workspace.codebook;
    let user = uuid("qdpx-user", "dateline");
    // Names and events used by the exported annotations.
    let mut entities: BTreeMap<(String, String), EntityKey> = BTreeMap::new();
    // Selections by article, then span.
    let mut selections: HashMap<ArticleId, BTreeMap<(usize, usize), Selection>> = HashMap::new();
    for a in data.annotations() {
        let span = (a.target.start, a.target.end);
        let code = match &a.body {
            AnnotationBody::Tag(t) => Some(code_guid_tag(*t)),
            AnnotationBody::Entity(k) => {
                let (key, name) = data.entity(k);
                let guid = code_guid_entity(&key);
                entities.insert((key.label.code().to_string(), name), key);
                Some(guid)
            }
            AnnotationBody::Evidence(e) => Some(code_guid_event(*e)),
            AnnotationBody::Note(_) | AnnotationBody::TimeExpression => None,
        };
        if matches!(a.body, AnnotationBody::TimeExpression) {
            continue;
        }
        let selection = selections
            .entry(a.target.article)
            .or_default()
            .entry(span)
            .or_default();
        if let Some(code) = code {
            selection.codes.push(code);
        }
        if let AnnotationBody::Note(n) = &a.body {
            selection.notes.push(n.clone());
        }
        report.annotations += 1;
    }
    let events: Vec<&crate::model::Event> = data.events().collect();
    for e in &events {
        for ev in &e.evidence {
            if data.has(ev.article) {
                selections
                    .entry(ev.article)
                    .or_default()
                    .entry((ev.start, ev.end))
                    .or_default()
                    .codes
                    .push(code_guid_event(e.id));
            }
        }
        report.events += 1;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Dateline export\" origin=\"Dateline {}\" creatingUserGUID=\"{user}\">\n",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str(&format!(
        "<Users>\n  <User guid=\"{user}\" name=\"Dateline user\"/>\n</Users>\n"
    ));
    out.push_str("<CodeBook>\n<Codes>\n");
    tag_codes(&mut out, book, None, 1);
    if !entities.is_empty() {
        out.push_str(&format!(
            "  <Code guid=\"{}\" name=\"Names (Dateline)\" isCodable=\"false\">\n    <Description>{NAMES_MARK}</Description>\n",
            uuid("qdpx-code", "names")
        ));
        let mut by_kind: BTreeMap<&str, Vec<(&String, &EntityKey)>> = BTreeMap::new();
        for ((kind, name), key) in &entities {
            by_kind.entry(kind.as_str()).or_default().push((name, key));
        }
        for (kind, list) in by_kind {
            out.push_str(&format!(
                "    <Code guid=\"{}\" name=\"{kind}\" isCodable=\"false\">\n",
                uuid("qdpx-code", &format!("kind:{kind}"))
            ));
            for (name, key) in list {
                out.push_str(&format!(
                    "      <Code guid=\"{}\" name=\"{}\" isCodable=\"true\"/>\n",
                    code_guid_entity(key),
                    xml_escape(name)
                ));
            }
            out.push_str("    </Code>\n");
        }
        out.push_str("  </Code>\n");
    }
    if !events.is_empty() {
        out.push_str(&format!(
            "  <Code guid=\"{}\" name=\"Events (Dateline)\" isCodable=\"false\">\n    <Description>{EVENTS_MARK}</Description>\n",
            uuid("qdpx-code", "events")
        ));
        for e in &events {
            out.push_str(&format!(
                "    <Code guid=\"{}\" name=\"{}\" isCodable=\"true\">\n      <Description>{}</Description>\n    </Code>\n",
                code_guid_event(e.id),
                xml_escape(&e.title),
                xml_escape(&e.value.to_timex())
            ));
        }
        out.push_str("  </Code>\n");
    }
    out.push_str("</Codes>\n</CodeBook>\n");
    let mut sources = Vec::new();
    let mut notes = String::new();
    out.push_str("<Sources>\n");
    for article in &data.articles {
        let guid = source_guid(article.id, &article.source.content_hash);
        let file = format!("{guid}.txt");
        out.push_str(&format!(
            "  <TextSource guid=\"{guid}\" name=\"{}\" plainTextPath=\"internal://{file}\">\n",
            xml_escape(&document_name(article))
        ));
        out.push_str(&format!(
            "    <Description>{}</Description>\n",
            xml_escape(&format!(
                "{} — {}",
                article.headline,
                article.source.path.to_string_lossy()
            ))
        ));
        let chars: Vec<char> = article.body.chars().collect();
        for ((start, end), selection) in selections.get(&article.id).into_iter().flatten() {
            let quote: String = chars[(*start).min(chars.len())..(*end).min(chars.len())]
                .iter()
                .take(100)
                .collect();
            let sel_guid = uuid("qdpx-selection", &format!("{}:{start}:{end}", article.id.0));
            out.push_str(&format!(
                "    <PlainTextSelection guid=\"{sel_guid}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{user}\">\n",
                xml_escape(&quote)
            ));
            if let Some(first) = selection.notes.first() {
                out.push_str(&format!(
                    "      <Description>{}</Description>\n",
                    xml_escape(first)
                ));
            }
            for (i, code) in selection.codes.iter().enumerate() {
                out.push_str(&format!(
                    "      <Coding guid=\"{}\" creatingUser=\"{user}\">\n        <CodeRef targetGUID=\"{code}\"/>\n      </Coding>\n",
                    uuid("qdpx-coding", &format!("{sel_guid}:{i}:{code}"))
                ));
            }
            for (i, note) in selection.notes.iter().enumerate() {
                let note_guid = uuid("qdpx-note", &format!("{sel_guid}:{i}"));
                out.push_str(&format!("      <NoteRef targetGUID=\"{note_guid}\"/>\n"));
                notes.push_str(&format!(
                    "  <Note guid=\"{note_guid}\" name=\"{}\" creatingUser=\"{user}\">\n    <PlainTextContent>{}</PlainTextContent>\n  </Note>\n",
                    xml_escape(&quote.chars().take(40).collect::<String>()),
                    xml_escape(note)
                ));
            }
            out.push_str("    </PlainTextSelection>\n");
        }
        out.push_str("  </TextSource>\n");
        sources.push((file, article.body.to_string()));
    }
    out.push_str("</Sources>\n");
    if !notes.is_empty() {
        out.push_str("<Notes>\n");
        out.push_str(&notes);
        out.push_str("</Notes>\n");
    }
    out.push_str("</Project>\n");
    report.lost.push(
        "articles' own fields (published, outlet, dateline) are in each source's description, not variables"
            .into(),
    );
    (out, sources, report)
}

/// The `.qdpx` file's bytes: a ZIP of `project.qde` and `sources/`.
pub fn export(data: &ExportData<'_>) -> Result<(Vec<u8>, ExportReport), ExchangeError> {
    let (project, sources, mut report) = project(data);
    let zip_error = |e: &dyn std::fmt::Display| ExchangeError::Io {
        path: "project.qdpx".into(),
        action: "packing",
        message: e.to_string(),
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.qde", options)
        .map_err(|e| zip_error(&e))?;
    zip.write_all(project.as_bytes())
        .map_err(|e| zip_error(&e))?;
    for (name, text) in &sources {
        data.advance(1)?;
        zip.start_file(format!("sources/{name}"), options)
            .map_err(|e| zip_error(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| zip_error(&e))?;
    }
    let bytes = zip.finish().map_err(|e| zip_error(&e))?.into_inner();
    report.files = 1;
    Ok((bytes, report))
}

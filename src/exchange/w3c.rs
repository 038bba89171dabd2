//! W3C Web Annotation JSON-LD export: every annotation (and every stored event) as an
//! `Annotation` of one `AnnotationCollection`, targets with both a TextQuoteSelector and a
//! TextPositionSelector in code points; the codebook (hierarchy and colours) in
//! `dl:codebook`. Reading such files back is [`super::w3c_import`].

use std::collections::HashMap;

use serde_json::{Value, json};

use super::ids::urn;
use super::{ExportData, ExportReport};
use crate::model::{
    AnnotationBody, AnnotationOrigin, AnnotationStatus, Article, ArticleId, EntityKey, EventId,
    TagId, TimeValue,
};

/// The JSON-LD context: the W3C one, and Dateline's own terms declared so that JSON-LD
/// processors keep them.
fn context() -> Value {
    json!(["http://www.w3.org/ns/anno.jsonld", {"dl": "https://dateline.invalid/ns#"}])
}

/// The IRI of an article's text: a UUID of its content, so the same text has the same IRI.
pub(super) fn source_iri(article: &Article) -> String {
    urn("source", &article.source.content_hash)
}

fn tag_iri(tag: TagId) -> String {
    urn("tag", &tag.0.to_string())
}

fn event_iri(event: EventId) -> String {
    urn("event", &event.0.to_string())
}

fn entity_iri(key: &EntityKey) -> String {
    urn("entity", &format!("{}:{}", key.label.code(), key.name))
}

fn target_json(article: &Article, start: usize, end: usize, chars: &[char]) -> Value {
    let quote: String = chars[start.min(chars.len())..end.min(chars.len())]
        .iter()
        .collect();
    let prefix: String = chars[start.saturating_sub(32).min(chars.len())..start.min(chars.len())]
        .iter()
        .collect();
    let suffix: String = chars[end.min(chars.len())..(end + 32).min(chars.len())]
        .iter()
        .collect();
    json!({
        "type": "SpecificResource",
        "source": source_iri(article),
        "dl:sourcePath": article.source.path.to_string_lossy(),
        "dl:contentSha256": article.source.content_hash,
        "selector": [
            {"type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    })
}

/// The collection of the exported annotations and events, as pretty JSON.
pub fn export(data: &ExportData<'_>) -> (String, ExportReport) {
    let mut report = ExportReport {
        articles: data.articles.len(),
        files: 1,
        ..Default::default()
    };
    let book = &data.workspace.codebook;
    let codebook: Vec<Value> = book
        .tags
        .iter()
        .map(|t| {
            json!({
                "id": tag_iri(t.id),
                "dl:name": t.name,
                "dl:path": book.path(t.id),
                "dl:parent": t.parent.map(tag_iri),
                "dl:colour": format!("#{:02x}{:02x}{:02x}", t.colour[0], t.colour[1], t.colour[2]),
            })
        })
        .collect();
    // Each body split into code points once (shared by its annotations).
    let mut chars: HashMap<ArticleId, std::rc::Rc<Vec<char>>> = HashMap::new();
    let mut chars_of = |a: &Article| -> std::rc::Rc<Vec<char>> {
        std::rc::Rc::clone(
            chars
                .entry(a.id)
                .or_insert_with(|| std::rc::Rc::new(a.body.chars().collect())),
        )
    };
    let mut items = Vec::new();
    for a in data.annotations() {
        let Some(article) = data.workspace.article(a.target.article) else {
            continue;
        };
        let body_chars = chars_of(article);
        let (motivation, bodies) = match &a.body {
            AnnotationBody::Tag(t) => (
                "tagging",
                json!([
                    {"type": "TextualBody", "purpose": "tagging", "value": book.path(*t)},
                    {"type": "SpecificResource", "purpose": "classifying", "source": tag_iri(*t)},
                ]),
            ),
            AnnotationBody::Note(n) => (
                "commenting",
                json!([{"type": "TextualBody", "purpose": "commenting", "value": n, "format": "text/plain"}]),
            ),
            AnnotationBody::Entity(k) => {
                let (key, name) = data.entity(k);
                (
                    "identifying",
                    json!([
                        {"type": "TextualBody", "purpose": "classifying", "value": key.label.code()},
                        {"type": "SpecificResource", "purpose": "identifying", "source": entity_iri(&key), "dl:name": name},
                    ]),
                )
            }
            AnnotationBody::Evidence(e) => (
                "linking",
                json!([{"type": "SpecificResource", "purpose": "identifying", "source": event_iri(*e)}]),
            ),
            AnnotationBody::TimeExpression => (
                "assessing",
                json!([{"type": "TextualBody", "purpose": "assessing", "value": "time expression"}]),
            ),
        };
        let creator = match &a.origin {
            AnnotationOrigin::Manual => json!({"type": "Person", "name": "Dateline user"}),
            AnnotationOrigin::Suggested(by) => {
                json!({"type": "Software", "name": format!("Dateline {by}"), "dl:accepted": a.status == AnnotationStatus::Accepted})
            }
        };
        items.push(json!({
            "id": urn("annotation", &a.id.0.to_string()),
            "type": "Annotation",
            "motivation": motivation,
            "creator": creator,
            "body": bodies,
            "target": target_json(article, a.target.start, a.target.end, &body_chars),
        }));
        report.annotations += 1;
    }
    for e in data.events() {
        let targets: Vec<Value> = e
            .evidence
            .iter()
            .filter_map(|ev| {
                let article = data.workspace.article(ev.article)?;
                Some(target_json(article, ev.start, ev.end, &chars_of(article)))
            })
            .collect();
        let participants: Vec<Value> = e
            .participants
            .iter()
            .map(|k| {
                let (key, name) = data.entity(k);
                json!({"type": "SpecificResource", "purpose": "identifying", "source": entity_iri(&key), "dl:name": name, "dl:label": key.label.code()})
            })
            .collect();
        let mut bodies = vec![
            json!({"type": "SpecificResource", "purpose": "identifying", "source": event_iri(e.id)}),
            json!({"type": "TextualBody", "purpose": "describing", "value": e.title}),
        ];
        if !e.notes.is_empty() {
            bodies.push(json!({"type": "TextualBody", "purpose": "commenting", "value": e.notes}));
        }
        bodies.extend(
            e.tags
                .iter()
                .map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": t})),
        );
        items.push(json!({
            "id": urn("event-annotation", &e.id.0.to_string()),
            "type": "Annotation",
            "motivation": "linking",
            "dl:event": {
                "id": event_iri(e.id),
                "dl:title": e.title,
                "dl:timex": e.value.to_timex(),
                "dl:timexType": timex_type_of(&e.value),
                "dl:participants": participants,
            },
            "body": bodies,
            "target": targets,
        }));
        report.events += 1;
    }
    let collection = json!({
        "@context": context(),
        "id": urn("collection", &format!("{}", data.articles.len())),
        "type": "AnnotationCollection",
        "label": "Dateline annotations",
        "generator": {"type": "Software", "name": format!("Dateline {}", env!("CARGO_PKG_VERSION"))},
        "generated": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "total": items.len(),
        "dl:codebook": codebook,
        "first": {"type": "AnnotationPage", "items": items},
    });
    report.lost.push(
        "Dateline does not record when an annotation was made: no created or modified times".into(),
    );
    let text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    (text, report)
}

fn timex_type_of(value: &TimeValue) -> &'static str {
    match value {
        TimeValue::Duration(..) => "DURATION",
        TimeValue::Set(_) => "SET",
        TimeValue::Point(crate::model::TimePoint::Clock(..), _) => "TIME",
        _ => "DATE",
    }
}

pub use super::w3c_import::{ImportReport, import, read};

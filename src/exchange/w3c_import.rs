//! W3C Web Annotation import: lays a file (Dateline's, or another tool's) over the
//! workspace's articles. Documents are matched by content hash, then by file name; words are
//! placed by position in code points, else in UTF-16 units (JavaScript tools count so), else
//! by quote and context with the re-anchoring engine; what cannot be placed becomes an
//! orphan, never other words. Tags are found or made by their path, with the colours of the
//! file's `dl:codebook`.

use std::collections::HashMap;

use serde_json::Value;

use super::ExchangeError;
use super::text::{Utf16, slice_cp};
use super::w3c::source_iri;
use crate::model::{
    Anchored, Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus,
    Article, ArticleId, EntityKey, EntityLabel, Event, EventId, Evidence, Orphan, OrphanItem, Tag,
    TagId, TextTarget, TimeValue, Workspace,
};

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Annotations placed on their words.
    pub placed: usize,
    /// Of those, found by their quote and context rather than their position.
    pub reanchored: usize,
    /// Placed in UTF-16 units (the file counted so).
    pub utf16: usize,
    /// Annotations whose words could not be found: now orphans.
    pub orphaned: usize,
    /// Annotations already in the workspace, left as they were.
    pub already: usize,
    /// Annotations for texts the workspace does not have.
    pub unmatched: usize,
    /// Tags added to the codebook.
    pub tags_added: usize,
    /// Events made.
    pub events: usize,
    /// Bodies not understood (kept out), in words.
    pub skipped: Vec<String>,
}

/// An annotation file read, before it is laid over a workspace.
struct Item {
    targets: Vec<Value>,
    bodies: Vec<Value>,
    motivation: String,
    event: Option<Value>,
    origin: AnnotationOrigin,
}

fn as_list(v: Option<&Value>) -> Vec<Value> {
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    }
}

fn items_of(root: &Value) -> Vec<Value> {
    match root {
        Value::Array(a) => a.clone(),
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some("AnnotationCollection") => {
                let mut out = as_list(o.get("first").and_then(|p| p.get("items")));
                out.extend(as_list(o.get("items")));
                out
            }
            Some("AnnotationPage") => as_list(o.get("items")),
            _ => vec![root.clone()],
        },
        _ => Vec::new(),
    }
}

/// Where a target's words are in one of the workspace's articles.
struct Placement {
    article: ArticleId,
    start: usize,
    end: usize,
    reanchored: bool,
    utf16: bool,
}

/// The article a target names: by content hash, by the source IRI Dateline gives it, then by
/// file name.
fn find_article<'w>(workspace: &'w Workspace, target: &Value) -> Option<&'w Article> {
    let hash = target.get("dl:contentSha256").and_then(Value::as_str);
    let source = target.get("source").and_then(Value::as_str).unwrap_or("");
    if let Some(a) = workspace
        .articles
        .iter()
        .find(|a| hash == Some(a.source.content_hash.as_str()) || source == source_iri(a))
    {
        return Some(a);
    }
    let named = target
        .get("dl:sourcePath")
        .and_then(Value::as_str)
        .unwrap_or(source);
    let file = named.rsplit(['/', '\\']).next().filter(|f| !f.is_empty())?;
    workspace.articles.iter().find(|a| {
        a.source
            .path
            .file_name()
            .is_some_and(|n| n.to_string_lossy() == file)
    })
}

fn selector<'v>(target: &'v Value, kind: &str) -> Option<&'v Value> {
    match target.get("selector") {
        Some(Value::Array(list)) => list
            .iter()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(kind)),
        Some(s) if s.get("type").and_then(Value::as_str) == Some(kind) => Some(s),
        _ => None,
    }
}

/// Places a target's words in `article`, or gives back where they were said to be.
fn place(article: &Article, target: &Value) -> Result<Placement, TextTarget> {
    let quote = selector(target, "TextQuoteSelector");
    let exact = quote
        .and_then(|q| q.get("exact"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let text = |key: &str| {
        quote
            .and_then(|q| q.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let position = selector(target, "TextPositionSelector");
    let number = |key: &str| {
        position
            .and_then(|p| p.get(key))
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    let (start, end) = (number("start"), number("end"));
    let body = &article.body;
    if let (Some(s), Some(e)) = (start, end) {
        if exact.is_empty() && slice_cp(body, s, e).is_some() {
            return Ok(Placement {
                article: article.id,
                start: s,
                end: e,
                reanchored: false,
                utf16: false,
            });
        }
        if slice_cp(body, s, e).as_deref() == Some(exact) && !exact.is_empty() {
            return Ok(Placement {
                article: article.id,
                start: s,
                end: e,
                reanchored: false,
                utf16: false,
            });
        }
        let units = Utf16::new(body);
        if let (Some(cs), Some(ce)) = (units.code_point(s), units.code_point(e))
            && slice_cp(body, cs, ce).as_deref() == Some(exact)
        {
            return Ok(Placement {
                article: article.id,
                start: cs,
                end: ce,
                reanchored: false,
                utf16: true,
            });
        }
    }
    let said = TextTarget {
        article: article.id,
        start: start.unwrap_or(0),
        end: end.unwrap_or(0).max(start.unwrap_or(0)),
        quote: exact.to_string(),
        prefix: text("prefix"),
        suffix: text("suffix"),
    };
    match crate::model::reanchor(&said, body) {
        Anchored::Unchanged => Ok(Placement {
            article: article.id,
            start: said.start,
            end: said.end,
            reanchored: false,
            utf16: false,
        }),
        Anchored::Moved { start, end } => Ok(Placement {
            article: article.id,
            start,
            end,
            reanchored: true,
            utf16: false,
        }),
        Anchored::Orphaned => Err(said),
    }
}

fn label_of(code: &str) -> EntityLabel {
    EntityLabel::from_code(code).unwrap_or(EntityLabel::Other)
}

/// Splits a tag path as other tools write it: "A › B", "A > B", "A / B", "A::B".
fn path_parts(path: &str) -> Vec<String> {
    path.split(['›', '>', '/'])
        .flat_map(|p| p.split("::"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads a W3C Web Annotation file (a collection, a page, a list or one annotation).
pub fn read(path: &std::path::Path, text: &str) -> Result<Value, ExchangeError> {
    let root: Value = serde_json::from_str(text).map_err(|e| ExchangeError::Format {
        path: path.to_path_buf(),
        message: format!("not JSON at line {}, column {}: {e}", e.line(), e.column()),
    })?;
    if items_of(&root).is_empty() {
        return Err(ExchangeError::Format {
            path: path.to_path_buf(),
            message:
                "no W3C annotations in it (no Annotation, AnnotationPage or AnnotationCollection)"
                    .into(),
        });
    }
    Ok(root)
}

/// Lays the annotations of `root` over `workspace`: the edit that adds them (one undoable
/// step: tags, annotations, events and orphans) and what happened.
pub fn import(workspace: &Workspace, root: &Value) -> (Option<crate::model::Edit>, ImportReport) {
    use crate::model::Edit;
    let mut report = ImportReport::default();
    let mut book = workspace.codebook.clone();
    // Tags by their IRI in the file (Dateline's own export) and by path.
    let mut colours: HashMap<String, [u8; 3]> = HashMap::new();
    let mut iri_paths: HashMap<String, String> = HashMap::new();
    for t in as_list(root.get("dl:codebook")) {
        let (Some(id), Some(path)) = (
            t.get("id").and_then(Value::as_str),
            t.get("dl:path").and_then(Value::as_str),
        ) else {
            continue;
        };
        iri_paths.insert(id.to_string(), path.to_string());
        if let Some(c) = t
            .get("dl:colour")
            .and_then(Value::as_str)
            .and_then(parse_colour)
        {
            colours.insert(path_parts(path).join("\u{0}"), c);
        }
    }
    let mut tag_for_path = |path: &str, book: &mut crate::model::Codebook| -> TagId {
        let parts = path_parts(path);
        let mut parent: Option<TagId> = None;
        let mut key = Vec::new();
        for part in &parts {
            key.push(part.clone());
            let existing = book
                .tags
                .iter()
                .find(|t| t.parent == parent && t.name == *part)
                .map(|t| t.id);
            parent = Some(match existing {
                Some(id) => id,
                None => {
                    let id = TagId(book.next_id);
                    book.next_id += 1;
                    let colour = colours.get(&key.join("\u{0}")).copied().unwrap_or(
                        crate::model::TAG_COLOURS
                            [book.tags.len() % crate::model::TAG_COLOURS.len()],
                    );
                    book.tags.push(Tag {
                        id,
                        name: part.clone(),
                        colour,
                        parent,
                    });
                    report.tags_added += 1;
                    id
                }
            });
        }
        parent.unwrap_or(TagId(u64::MAX))
    };
    let items: Vec<Item> = items_of(root)
        .into_iter()
        .map(|v| Item {
            targets: as_list(v.get("target")),
            bodies: as_list(v.get("body")),
            motivation: v
                .get("motivation")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            event: v.get("dl:event").cloned(),
            origin: match v
                .get("creator")
                .and_then(|c| c.get("type"))
                .and_then(Value::as_str)
            {
                Some("Software") => AnnotationOrigin::Suggested(
                    v.get("creator")
                        .and_then(|c| c.get("name"))
                        .and_then(Value::as_str)
                        .unwrap_or("imported")
                        .trim_start_matches("Dateline ")
                        .to_string(),
                ),
                _ => AnnotationOrigin::Manual,
            },
        })
        .collect();
    let mut next_annotation = workspace.next_annotation_id;
    let mut next_event = workspace.next_event_id;
    let mut new_annotations: Vec<Annotation> = Vec::new();
    let mut new_events: Vec<Event> = Vec::new();
    let mut orphans: Vec<Orphan> = Vec::new();
    let mut event_ids: HashMap<String, EventId> = HashMap::new();
    let exists =
        |article: ArticleId, s: usize, e: usize, body: &AnnotationBody, extra: &[Annotation]| {
            workspace.annotations.iter().chain(extra).any(|a| {
                a.target.article == article
                    && a.target.start == s
                    && a.target.end == e
                    && a.body == *body
            })
        };
    for item in items {
        // The bodies this annotation carries.
        let mut bodies: Vec<AnnotationBody> = Vec::new();
        let mut label: Option<EntityLabel> = None;
        let mut entity_name: Option<String> = None;
        for b in &item.bodies {
            let purpose = b.get("purpose").and_then(Value::as_str).unwrap_or("");
            let value = b.get("value").and_then(Value::as_str);
            let source = b.get("source").and_then(Value::as_str);
            match (purpose, value, source) {
                ("tagging", Some(v), _) if item.event.is_none() => {
                    bodies.push(AnnotationBody::Tag(tag_for_path(v, &mut book)));
                }
                ("classifying", _, Some(iri)) if iri_paths.contains_key(iri) => {}
                ("classifying", Some(code), _) => label = Some(label_of(code)),
                ("commenting", Some(v), _) if item.event.is_none() => {
                    bodies.push(AnnotationBody::Note(v.to_string()))
                }
                ("identifying", _, Some(_)) if b.get("dl:name").is_some() => {
                    entity_name = b.get("dl:name").and_then(Value::as_str).map(str::to_string);
                }
                ("identifying", _, Some(iri)) if item.motivation == "linking" => {
                    if item.event.is_none() {
                        // Evidence marked on words: linked to an event of this file.
                        let id = *event_ids.entry(iri.to_string()).or_insert_with(|| {
                            let id = EventId(next_event);
                            next_event += 1;
                            id
                        });
                        bodies.push(AnnotationBody::Evidence(id));
                    }
                }
                ("assessing", _, _) => bodies.push(AnnotationBody::TimeExpression),
                _ if item.event.is_some() => {}
                _ => report.skipped.push(format!(
                    "a body with purpose \"{purpose}\" is not one Dateline keeps"
                )),
            }
        }
        if let Some(name) = entity_name {
            bodies.push(AnnotationBody::Entity(EntityKey::new(
                &name,
                label.unwrap_or(EntityLabel::Other),
            )));
        }
        // Where its words are.
        let mut placed: Vec<Placement> = Vec::new();
        for target in &item.targets {
            let Some(article) = find_article(workspace, target) else {
                report.unmatched += 1;
                continue;
            };
            match place(article, target) {
                Ok(p) => placed.push(p),
                Err(said) => {
                    for body in &bodies {
                        orphans.push(Orphan {
                            target: said.clone(),
                            item: OrphanItem::Annotation(Annotation {
                                id: AnnotationId(next_annotation),
                                target: said.clone(),
                                body: body.clone(),
                                origin: item.origin.clone(),
                                status: AnnotationStatus::Accepted,
                            }),
                        });
                        next_annotation += 1;
                        report.orphaned += 1;
                    }
                }
            }
        }
        if let Some(event) = &item.event {
            let iri = event
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let title = event
                .get("dl:title")
                .and_then(Value::as_str)
                .unwrap_or("Event");
            let kind = event
                .get("dl:timexType")
                .and_then(Value::as_str)
                .unwrap_or("DATE");
            let Some(value) = event
                .get("dl:timex")
                .and_then(Value::as_str)
                .and_then(|v| TimeValue::from_timex(kind, v))
            else {
                report
                    .skipped
                    .push(format!("the event \"{title}\" has no date Dateline reads"));
                continue;
            };
            let id = *event_ids.entry(iri).or_insert_with(|| {
                let id = EventId(next_event);
                next_event += 1;
                id
            });
            let mut e = Event::manual(title, value);
            e.id = id;
            e.participants = as_list(event.get("dl:participants"))
                .iter()
                .filter_map(|p| {
                    Some(EntityKey::new(
                        p.get("dl:name")?.as_str()?,
                        label_of(p.get("dl:label").and_then(Value::as_str).unwrap_or("MISC")),
                    ))
                })
                .collect();
            for b in &item.bodies {
                match b.get("purpose").and_then(Value::as_str) {
                    Some("commenting") => {
                        e.notes = b
                            .get("value")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string()
                    }
                    Some("tagging") => e
                        .tags
                        .extend(b.get("value").and_then(Value::as_str).map(str::to_string)),
                    _ => {}
                }
            }
            for p in &placed {
                if let Some(target) = workspace
                    .article(p.article)
                    .and_then(|a| TextTarget::new(p.article, &a.body, p.start, p.end))
                {
                    e.evidence.push(Evidence::from(target));
                }
            }
            let same = workspace
                .events
                .iter()
                .any(|x| x.title == e.title && x.value == e.value && x.evidence == e.evidence);
            if same {
                report.already += 1;
            } else {
                new_events.push(e);
                report.events += 1;
            }
            continue;
        }
        for p in placed {
            let Some(article) = workspace.article(p.article) else {
                continue;
            };
            let Some(target) = TextTarget::new(p.article, &article.body, p.start, p.end) else {
                continue;
            };
            for body in &bodies {
                if exists(p.article, p.start, p.end, body, &new_annotations) {
                    report.already += 1;
                    continue;
                }
                new_annotations.push(Annotation {
                    id: AnnotationId(next_annotation),
                    target: target.clone(),
                    body: body.clone(),
                    origin: item.origin.clone(),
                    status: AnnotationStatus::Accepted,
                });
                next_annotation += 1;
                report.placed += 1;
                report.reanchored += usize::from(p.reanchored);
                report.utf16 += usize::from(p.utf16);
            }
        }
    }
    let mut edits = Vec::new();
    if book != workspace.codebook {
        edits.push(Edit::SetCodebook(book));
    }
    for (at, a) in (workspace.annotations.len()..).zip(new_annotations) {
        let next_id = a.id.0 + 1;
        edits.push(Edit::InsertAnnotation {
            at,
            annotation: a,
            next_id,
        });
    }
    for (at, e) in (workspace.events.len()..).zip(new_events) {
        let next_id = e.id.0 + 1;
        edits.push(Edit::InsertEvent {
            at,
            event: e,
            next_id,
        });
    }
    for (at, orphan) in (workspace.orphans.len()..).zip(orphans) {
        edits.push(Edit::InsertOrphan { at, orphan });
    }
    // Ids are never reused, even those of orphans placed later.
    if edits.is_empty() {
        return (None, report);
    }
    edits.push(Edit::SetNextIds {
        annotation: next_annotation,
        event: next_event,
    });
    (Some(Edit::Batch(edits)), report)
}

fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    let v = u32::from_str_radix(hex, 16).ok()?;
    match hex.len() {
        6 => Some([(v >> 16) as u8, (v >> 8) as u8, v as u8]),
        3 => Some([
            ((v >> 8) & 0xf) as u8 * 17,
            ((v >> 4) & 0xf) as u8 * 17,
            (v & 0xf) as u8 * 17,
        ]),
        _ => None,
    }
}

//! W3C Web Annotation import: lays a file (Dateline's, or another tool's) over the
//! workspace's articles. Documents are matched by content hash, then by file name; words are
//! placed by position in code points, else in UTF-16 units (JavaScript tools count so), else
//! by quote and context with the re-anchoring engine; what cannot be placed becomes an
//! orphan, never other words. Tags are found or made by their path, with the colours of the
//! file's `dl:codebook`.

use std::collections::HashMap;

use serde_json::Value;

use super::ExchangeError;
use super::import_plan::{ArticleFinder, ImportPlan, Placement, place};
use crate::model::{
    AnnotationBody, AnnotationOrigin, Article, EntityKey, EntityLabel, Event, EventId, Evidence,
    TextTarget, TimeValue, Workspace,
};

pub use super::import_plan::ImportReport;

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

/// The article a target names: by its source path (Dateline's export), by content hash or
/// the IRI Dateline gives a text, then by file name.
fn find_article<'w>(articles: &ArticleFinder<'w>, target: &Value) -> Option<&'w Article> {
    let text = |key: &str| target.get(key).and_then(Value::as_str);
    let source = text("source").unwrap_or("");
    if let Some(a) = text("dl:sourcePath").and_then(|p| articles.path(p)) {
        return Some(a);
    }
    if let Some(a) = articles.hash_or_iri(text("dl:contentSha256"), source) {
        return Some(a);
    }
    let named = text("dl:sourcePath").unwrap_or(source);
    let file = named.rsplit(['/', '\\']).next().filter(|f| !f.is_empty())?;
    articles.file(file)
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
fn place_target(article: &Article, target: &Value) -> Result<Placement, TextTarget> {
    let quote = selector(target, "TextQuoteSelector");
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
    let span = number("start").zip(number("end"));
    place(
        article,
        span,
        &text("exact"),
        &text("prefix"),
        &text("suffix"),
    )
}

fn label_of(code: &str) -> EntityLabel {
    EntityLabel::from_code(code).unwrap_or(EntityLabel::Other)
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
    let mut plan = ImportPlan::new(workspace);
    // The file's codebook (Dateline's own export): colours by path, tag IRIs.
    let mut tag_iris: Vec<String> = Vec::new();
    for t in as_list(root.get("dl:codebook")) {
        let (Some(id), Some(path)) = (
            t.get("id").and_then(Value::as_str),
            t.get("dl:path").and_then(Value::as_str),
        ) else {
            continue;
        };
        tag_iris.push(id.to_string());
        if let Some(c) = t
            .get("dl:colour")
            .and_then(Value::as_str)
            .and_then(super::text::parse_colour)
        {
            plan.colour(path, c);
        }
    }
    let mut event_ids: HashMap<String, EventId> = HashMap::new();
    for v in items_of(root) {
        let item = Item {
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
        };
        // The bodies this annotation carries.
        let mut bodies: Vec<AnnotationBody> = Vec::new();
        let mut label: Option<EntityLabel> = None;
        let mut entity_name: Option<String> = None;
        for b in &item.bodies {
            let purpose = b.get("purpose").and_then(Value::as_str).unwrap_or("");
            let value = b.get("value").and_then(Value::as_str);
            let source = b.get("source").and_then(Value::as_str);
            match (purpose, value, source) {
                _ if item.event.is_some() => {}
                ("tagging", Some(v), _) => bodies.push(AnnotationBody::Tag(plan.tag(v))),
                ("classifying", _, Some(iri)) if tag_iris.iter().any(|t| t == iri) => {}
                ("classifying", Some(code), _) => label = Some(label_of(code)),
                ("commenting", Some(v), _) => bodies.push(AnnotationBody::Note(v.to_string())),
                ("identifying", _, Some(_)) if b.get("dl:name").is_some() => {
                    entity_name = b.get("dl:name").and_then(Value::as_str).map(str::to_string);
                }
                ("identifying", _, Some(iri)) if item.motivation == "linking" => {
                    // Evidence marked on words: linked to an event of this file.
                    let id = *event_ids
                        .entry(iri.to_string())
                        .or_insert_with(|| plan.event_id());
                    bodies.push(AnnotationBody::Evidence(id));
                }
                ("assessing", _, _) => bodies.push(AnnotationBody::TimeExpression),
                _ => plan.report.skipped.push(format!(
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
            let Some(article) = find_article(&plan.articles, target) else {
                plan.report.unmatched += 1;
                continue;
            };
            match place_target(article, target) {
                Ok(p) => placed.push(p),
                Err(said) => {
                    for body in &bodies {
                        plan.orphan(&said, body.clone(), item.origin.clone());
                    }
                }
            }
        }
        match &item.event {
            Some(event) => {
                if let Some(e) = read_event(&mut plan, &mut event_ids, event, &item, &placed) {
                    plan.event(e);
                }
            }
            None => {
                for p in &placed {
                    for body in &bodies {
                        plan.annotate(p, body.clone(), item.origin.clone());
                    }
                }
            }
        }
    }
    plan.finish()
}

/// The event an event annotation describes, with its placed evidence.
fn read_event(
    plan: &mut ImportPlan<'_>,
    event_ids: &mut HashMap<String, EventId>,
    event: &Value,
    item: &Item,
    placed: &[Placement],
) -> Option<Event> {
    let text = |key: &str| event.get(key).and_then(Value::as_str);
    let title = text("dl:title").unwrap_or("Event");
    let Some(value) = text("dl:timex")
        .and_then(|v| TimeValue::from_timex(text("dl:timexType").unwrap_or("DATE"), v))
    else {
        plan.report
            .skipped
            .push(format!("the event \"{title}\" has no date Dateline reads"));
        return None;
    };
    let iri = text("id").unwrap_or("").to_string();
    let mut e = Event::manual(title, value);
    e.id = *event_ids.entry(iri).or_insert_with(|| plan.event_id());
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
        let value = b.get("value").and_then(Value::as_str).map(str::to_string);
        match b.get("purpose").and_then(Value::as_str) {
            Some("commenting") => e.notes = value.unwrap_or_default(),
            Some("tagging") => e.tags.extend(value),
            _ => {}
        }
    }
    let workspace = plan.workspace();
    for p in placed {
        if let Some(target) = workspace
            .article(p.article)
            .and_then(|a| TextTarget::new(p.article, &a.body, p.start, p.end))
        {
            e.evidence.push(Evidence::from(target));
        }
    }
    Some(e)
}

//! What every annotation import shares: placing a span given in code points or UTF-16 units
//! (else by its quote and context with the re-anchoring engine), finding or making tags by
//! their path, adding annotations once (never twice), keeping what cannot be placed as an
//! orphan, and turning it all into one undoable edit with a report.

use std::collections::HashMap;

use super::text::{Utf16, slice_cp};
use crate::model::{
    Anchored, Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus,
    Article, ArticleId, Codebook, Edit, Event, EventId, Orphan, OrphanItem, Tag, TagId, TextTarget,
    Workspace,
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
    /// Annotations (and events) already in the workspace, left as they were.
    pub already: usize,
    /// Annotations for texts the workspace does not have.
    pub unmatched: usize,
    /// Tags added to the codebook.
    pub tags_added: usize,
    /// Events made.
    pub events: usize,
    /// What was not kept, in words.
    pub skipped: Vec<String>,
}

/// Where a span's words are in one of the workspace's articles.
pub struct Placement {
    /// The article.
    pub article: ArticleId,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Found by quote and context.
    pub reanchored: bool,
    /// The file counted in UTF-16 units.
    pub utf16: bool,
}

/// Places the span `start..end` said to hold `quote` (with `prefix` and `suffix` around it,
/// when the file gives them) in `article`: as code points, as UTF-16 units, else by the
/// words; the span as said when no place is trustworthy.
pub fn place(
    article: &Article,
    span: Option<(usize, usize)>,
    quote: &str,
    prefix: &str,
    suffix: &str,
) -> Result<Placement, TextTarget> {
    let body = &article.body;
    let at = |start, end, utf16| Placement {
        article: article.id,
        start,
        end,
        reanchored: false,
        utf16,
    };
    if let Some((s, e)) = span {
        match slice_cp(body, s, e) {
            Some(words) if quote.is_empty() || words == quote => return Ok(at(s, e, false)),
            _ => {}
        }
        let units = Utf16::new(body);
        if let (Some(cs), Some(ce)) = (units.code_point(s), units.code_point(e))
            && !quote.is_empty()
            && slice_cp(body, cs, ce).as_deref() == Some(quote)
        {
            return Ok(at(cs, ce, true));
        }
    }
    let (start, end) = span.unwrap_or((0, 0));
    let said = TextTarget {
        article: article.id,
        start,
        end: end.max(start),
        quote: quote.to_string(),
        prefix: prefix.to_string(),
        suffix: suffix.to_string(),
    };
    match crate::model::reanchor(&said, body) {
        Anchored::Unchanged => Ok(at(said.start, said.end, false)),
        Anchored::Moved { start, end } => Ok(Placement {
            reanchored: true,
            ..at(start, end, false)
        }),
        Anchored::Orphaned => Err(said),
    }
}

/// Splits a tag path as tools write it: "A › B", "A > B", "A / B", "A::B".
pub fn path_parts(path: &str) -> Vec<String> {
    path.split(['›', '>', '/'])
        .flat_map(|p| p.split("::"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The workspace's articles by what files say of them, looked up once per import (an import
/// of 50,000 annotations asks 50,000 times).
pub struct ArticleFinder<'w> {
    articles: &'w [Article],
    by_path: HashMap<String, usize>,
    by_hash: HashMap<&'w str, usize>,
    by_iri: HashMap<String, usize>,
    by_file: HashMap<String, usize>,
    by_stem: HashMap<String, usize>,
    by_text: HashMap<&'w str, usize>,
    /// Articles by a hash of their original text, made on the first lookup (the originals
    /// are kept as differences from the bodies and decoded for it).
    by_raw: std::sync::OnceLock<HashMap<u64, Vec<usize>>>,
    by_id: HashMap<u64, usize>,
}

impl<'w> ArticleFinder<'w> {
    /// The lookups of `workspace`'s articles (the first of several alike wins).
    pub fn new(workspace: &'w Workspace) -> Self {
        let articles: &'w [Article] = &workspace.articles;
        let mut f = Self {
            articles,
            by_path: HashMap::new(),
            by_hash: HashMap::new(),
            by_iri: HashMap::new(),
            by_file: HashMap::new(),
            by_stem: HashMap::new(),
            by_text: HashMap::new(),
            by_raw: std::sync::OnceLock::new(),
            by_id: HashMap::new(),
        };
        for (i, a) in articles.iter().enumerate() {
            f.by_path
                .entry(a.source.path.to_string_lossy().into_owned())
                .or_insert(i);
            f.by_hash.entry(a.source.content_hash.as_str()).or_insert(i);
            f.by_iri.entry(super::w3c::source_iri(a)).or_insert(i);
            if let Some(name) = a.source.path.file_name() {
                f.by_file
                    .entry(name.to_string_lossy().into_owned())
                    .or_insert(i);
            }
            if let Some(stem) = a.source.path.file_stem() {
                f.by_stem
                    .entry(stem.to_string_lossy().into_owned())
                    .or_insert(i);
            }
            f.by_text.entry(&a.body).or_insert(i);
            f.by_id.insert(a.id.0, i);
        }
        f
    }

    fn at(&self, i: Option<&usize>) -> Option<&'w Article> {
        i.map(|&i| &self.articles[i])
    }

    /// By the source file's path as stored.
    pub fn path(&self, path: &str) -> Option<&'w Article> {
        self.at(self.by_path.get(path))
    }

    /// By content hash, or by the IRI Dateline's W3C export gives a text.
    pub fn hash_or_iri(&self, hash: Option<&str>, iri: &str) -> Option<&'w Article> {
        hash.and_then(|h| self.at(self.by_hash.get(h)))
            .or_else(|| self.at(self.by_iri.get(iri)))
    }

    /// By file name ("story.txt").
    pub fn file(&self, name: &str) -> Option<&'w Article> {
        self.at(self.by_file.get(name))
    }

    /// By body text.
    pub fn text(&self, text: &str) -> Option<&'w Article> {
        self.at(self.by_text.get(text))
    }

    /// By the whole text of its file (as decoded, line ends made LF), headline and all.
    pub fn raw_text(&self, text: &str) -> Option<&'w Article> {
        let by_raw = self.by_raw.get_or_init(|| {
            let mut map: HashMap<u64, Vec<usize>> = HashMap::new();
            for (i, a) in self.articles.iter().enumerate() {
                if let Some(raw) = a.original_text() {
                    map.entry(text_hash(&raw)).or_default().push(i);
                }
            }
            map
        });
        let found = by_raw
            .get(&text_hash(text))?
            .iter()
            .find(|&&i| self.articles[i].original_text().as_deref() == Some(text));
        self.at(found)
    }

    /// By a document name Dateline wrote (`000012_story`: the article's number, then its
    /// file's stem) or a plain file stem; with `text`, only an article with that body.
    pub fn document(&self, name: &str, text: Option<&str>) -> Option<&'w Article> {
        let fits = |a: &&Article| text.is_none_or(|t| *a.body == *t);
        if let Some((number, _)) = name.split_once('_')
            && let Ok(id) = number.parse::<u64>()
            && let Some(a) = self
                .at(self.by_id.get(&id))
                .filter(fits)
                .filter(|a| super::document_name(a) == name)
        {
            return Some(a);
        }
        if let Some(a) = text.and_then(|t| self.text(t)) {
            return Some(a);
        }
        let bare = name
            .split_once('_')
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map_or(name, |(_, rest)| rest);
        self.at(self.by_stem.get(bare).or_else(|| self.by_stem.get(name)))
            .filter(fits)
    }
}

/// An import being put together over one workspace.
pub struct ImportPlan<'w> {
    workspace: &'w Workspace,
    /// The workspace's articles, to find by what a file says.
    pub articles: ArticleFinder<'w>,
    /// Spans already annotated, with their bodies (the workspace's and this import's).
    annotated: HashMap<(ArticleId, usize, usize), Vec<AnnotationBody>>,
    book: Codebook,
    /// Colours the file gives for tag paths (parts joined by NUL).
    colours: HashMap<String, [u8; 3]>,
    annotations: Vec<Annotation>,
    events: Vec<Event>,
    orphans: Vec<Orphan>,
    next_annotation: u64,
    next_event: u64,
    /// What happened so far.
    pub report: ImportReport,
}

impl<'w> ImportPlan<'w> {
    /// An empty plan over `workspace`.
    pub fn new(workspace: &'w Workspace) -> Self {
        let mut annotated: HashMap<(ArticleId, usize, usize), Vec<AnnotationBody>> = HashMap::new();
        for a in workspace.annotations.iter() {
            annotated
                .entry((a.target.article, a.target.start, a.target.end))
                .or_default()
                .push(a.body.clone());
        }
        Self {
            workspace,
            articles: ArticleFinder::new(workspace),
            annotated,
            book: workspace.codebook.clone(),
            colours: HashMap::new(),
            annotations: Vec::new(),
            events: Vec::new(),
            orphans: Vec::new(),
            next_annotation: workspace.next_annotation_id,
            next_event: workspace.next_event_id,
            report: ImportReport::default(),
        }
    }

    /// The workspace imported into.
    pub fn workspace(&self) -> &'w Workspace {
        self.workspace
    }

    /// Gives tags made for `path` this colour.
    pub fn colour(&mut self, path: &str, colour: [u8; 3]) {
        self.colours.insert(path_parts(path).join("\u{0}"), colour);
    }

    /// The tag at `path`, made (with its parents) when the codebook has none.
    pub fn tag(&mut self, path: &str) -> TagId {
        let mut parent: Option<TagId> = None;
        let mut key: Vec<String> = Vec::new();
        for part in path_parts(path) {
            key.push(part.clone());
            let existing = self
                .book
                .tags
                .iter()
                .find(|t| t.parent == parent && t.name == part)
                .map(|t| t.id);
            parent = Some(match existing {
                Some(id) => id,
                None => {
                    let id = TagId(self.book.next_id);
                    self.book.next_id += 1;
                    let fallback = crate::model::TAG_COLOURS
                        [self.book.tags.len() % crate::model::TAG_COLOURS.len()];
                    let colour = self
                        .colours
                        .get(&key.join("\u{0}"))
                        .copied()
                        .unwrap_or(fallback);
                    self.book.tags.push(Tag {
                        id,
                        name: part,
                        colour,
                        parent,
                    });
                    self.report.tags_added += 1;
                    id
                }
            });
        }
        parent.unwrap_or(TagId(u64::MAX))
    }

    /// A new event id.
    pub fn event_id(&mut self) -> EventId {
        let id = EventId(self.next_event);
        self.next_event += 1;
        id
    }

    /// Adds an annotation on a placed span, unless the same one is there already.
    pub fn annotate(&mut self, p: &Placement, body: AnnotationBody, origin: AnnotationOrigin) {
        let bodies = self
            .annotated
            .entry((p.article, p.start, p.end))
            .or_default();
        if bodies.contains(&body) {
            self.report.already += 1;
            return;
        }
        bodies.push(body.clone());
        let Some(target) = self
            .workspace
            .article(p.article)
            .and_then(|a| TextTarget::new(p.article, &a.body, p.start, p.end))
        else {
            return;
        };
        self.annotations.push(Annotation {
            id: AnnotationId(self.next_annotation),
            target,
            body,
            origin,
            status: AnnotationStatus::Accepted,
        });
        self.next_annotation += 1;
        self.report.placed += 1;
        self.report.reanchored += usize::from(p.reanchored);
        self.report.utf16 += usize::from(p.utf16);
    }

    /// Keeps an annotation whose words were not found as an orphan.
    pub fn orphan(&mut self, said: &TextTarget, body: AnnotationBody, origin: AnnotationOrigin) {
        self.orphans.push(Orphan {
            target: said.clone(),
            item: OrphanItem::Annotation(Annotation {
                id: AnnotationId(self.next_annotation),
                target: said.clone(),
                body,
                origin,
                status: AnnotationStatus::Accepted,
            }),
        });
        self.next_annotation += 1;
        self.report.orphaned += 1;
    }

    /// Adds an event, unless the same one (title, value, evidence) is there already.
    pub fn event(&mut self, event: Event) {
        let there = self.workspace.events.iter().any(|x| {
            x.title == event.title && x.value == event.value && x.evidence == event.evidence
        });
        if there {
            self.report.already += 1;
        } else {
            self.events.push(event);
            self.report.events += 1;
        }
    }

    /// The edit that adds everything (one undoable step), and the report.
    pub fn finish(self) -> (Option<Edit>, ImportReport) {
        let w = self.workspace;
        let mut edits = Vec::new();
        if self.book != w.codebook {
            edits.push(Edit::SetCodebook(self.book));
        }
        for (at, annotation) in (w.annotations.len()..).zip(self.annotations) {
            let next_id = annotation.id.0 + 1;
            edits.push(Edit::InsertAnnotation {
                at,
                annotation,
                next_id,
            });
        }
        for (at, event) in (w.events.len()..).zip(self.events) {
            let next_id = event.id.0 + 1;
            edits.push(Edit::InsertEvent { at, event, next_id });
        }
        for (at, orphan) in (w.orphans.len()..).zip(self.orphans) {
            edits.push(Edit::InsertOrphan { at, orphan });
        }
        if edits.is_empty() {
            return (None, self.report);
        }
        // Ids are never reused, those of orphans and of unused event ids included.
        edits.push(Edit::SetNextIds {
            annotation: self.next_annotation.max(w.next_annotation_id),
            event: self.next_event.max(w.next_event_id),
        });
        (Some(Edit::Batch(edits)), self.report)
    }
}

/// A hash of a text for looking it up (the same within one run).
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

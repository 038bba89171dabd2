//! Running a parsed query over the index and the workspace's annotations and names: every
//! part of a query gives the articles it matches and the passages (byte spans) that are its
//! hits; AND, OR, NOT and NEAR combine them.

use std::collections::{HashMap, HashSet};

use super::fold;
use super::index::{SearchIndex, Segment, seconds, unpack};
use super::query::{Field, Query, Scope, TimeRange, Words};
use super::units;
use crate::model::{
    Annotation, AnnotationBody, AnnotationOrigin, ArticleId, Codebook, EntityDecision, EntityKey,
    EntityResolver, MentionRecord, RegistryEntity, TagId,
};

/// What a search looks at besides the index: the workspace's annotations and codebook, the
/// names found in every article (records with their byte spans, in the same order) and the
/// entity registry with the decisions that made it.
pub struct Context<'a> {
    /// The index.
    pub index: &'a SearchIndex,
    /// The workspace's annotations.
    pub annotations: &'a [Annotation],
    /// The codebook.
    pub codebook: &'a Codebook,
    /// Names the tagger found (with the user's marked by hand), as the registry records them.
    pub names: &'a [MentionRecord],
    /// The user's entity decisions.
    pub decisions: &'a [EntityDecision],
    /// The registry built from those names and decisions.
    pub registry: &'a [RegistryEntity],
}

impl<'a> Context<'a> {
    /// A context over `index` with the workspace's annotations, codebook and entity decisions
    /// and no names (`entity:` then finds nothing and says why).
    pub fn without_names(index: &'a SearchIndex, workspace: &'a crate::model::Workspace) -> Self {
        Self {
            index,
            annotations: &workspace.annotations,
            codebook: &workspace.codebook,
            names: &[],
            decisions: &workspace.entity_decisions,
            registry: &[],
        }
    }
}

/// A passage: global article number and byte span in its body.
pub type Span = (u32, u32, u32);

/// What part of a query matched: the articles (sorted) and the passages in them (sorted). An
/// article can match with no passage (a field filter, a NOT).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    /// Global article numbers, sorted, unique.
    pub docs: Vec<u32>,
    /// Passages, sorted, unique; each in one of `docs`.
    pub spans: Vec<Span>,
}

impl Matches {
    fn from_spans(mut spans: Vec<Span>) -> Self {
        spans.sort_unstable();
        spans.dedup();
        let mut docs: Vec<u32> = spans.iter().map(|s| s.0).collect();
        docs.dedup();
        Matches { docs, spans }
    }

    fn restrict(mut self, keep: &[u32]) -> Self {
        self.docs = intersect(&self.docs, keep);
        let docs = &self.docs;
        self.spans.retain(|s| docs.binary_search(&s.0).is_ok());
        self
    }

    fn without(mut self, drop: &[u32]) -> Self {
        self.docs.retain(|d| drop.binary_search(d).is_err());
        self.spans.retain(|s| drop.binary_search(&s.0).is_err());
        self
    }
}

fn intersect<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn union<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i] <= b[j]);
        let v = if take_a { a[i] } else { b[j] };
        if take_a {
            i += 1;
        } else {
            j += 1;
        }
        if out.last() != Some(&v) {
            out.push(v);
        }
    }
    out
}

/// The evaluator of one search.
pub struct Evaluator<'a> {
    ctx: &'a Context<'a>,
    doc_of: std::cell::OnceCell<HashMap<ArticleId, u32>>,
    /// Explanations for parts that matched nothing because of what they name (an unknown
    /// entity or tag).
    pub notes: Vec<String>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator over `ctx`.
    pub fn new(ctx: &'a Context<'a>) -> Self {
        Self {
            ctx,
            doc_of: std::cell::OnceCell::new(),
            notes: Vec::new(),
        }
    }

    fn segments(&self) -> &'a [std::sync::Arc<Segment>] {
        &self.ctx.index.segments
    }

    fn all_docs(&self) -> Vec<u32> {
        self.segments()
            .iter()
            .flat_map(|s| s.first_doc..s.first_doc + s.docs.len() as u32)
            .collect()
    }

    fn doc_of(&self, id: ArticleId) -> Option<u32> {
        self.doc_of
            .get_or_init(|| {
                self.segments()
                    .iter()
                    .flat_map(|s| {
                        s.docs
                            .iter()
                            .enumerate()
                            .map(move |(i, d)| (d.id, s.first_doc + i as u32))
                    })
                    .collect()
            })
            .get(&id)
            .copied()
    }

    /// The segment and local number of a global article number.
    pub fn locate(&self, doc: u32) -> Option<(&'a Segment, u32)> {
        locate(self.ctx.index, doc)
    }

    /// Evaluates `query`, looking only at `within` when given (a filter the caller already
    /// knows the answer must pass).
    pub fn eval(&mut self, query: &Query, within: Option<&[u32]>) -> Matches {
        let found = match query {
            Query::Text(words) => self.words(words),
            Query::Regex(re) => self.regex(re, within),
            Query::Field(field, words) => self.field(*field, words),
            Query::Note(words) => self.note(words),
            Query::Entity(name) => self.entity(name),
            Query::Tag(name) => self.tag(name),
            Query::Published(range) => self.published(range),
            Query::Mentions(range) => self.mentions(range),
            Query::And(parts) => return self.and(parts, within),
            Query::Or(parts) => {
                let mut out = Matches::default();
                for p in parts {
                    let m = self.eval(p, within);
                    out.docs = union(&out.docs, &m.docs);
                    out.spans = union(&out.spans, &m.spans);
                }
                out
            }
            Query::Not(inner) => {
                let excluded = self.eval(inner, within);
                let all = within.map_or_else(|| self.all_docs(), <[u32]>::to_vec);
                Matches {
                    docs: all
                        .into_iter()
                        .filter(|d| excluded.docs.binary_search(d).is_err())
                        .collect(),
                    spans: Vec::new(),
                }
            }
            Query::Near(a, b, scope) => self.near(a, b, *scope, within),
        };
        match within {
            Some(keep) => found.restrict(keep),
            None => found,
        }
    }

    fn and(&mut self, parts: &[Query], within: Option<&[u32]>) -> Matches {
        // Cheap parts first; scans (regex) and exclusions run on what is left.
        let rank = |q: &Query| match q {
            Query::Not(_) => 2,
            Query::Regex(_) | Query::Near(..) => 1,
            _ => 0,
        };
        let mut order: Vec<&Query> = parts.iter().collect();
        order.sort_by_key(|q| rank(q));
        let mut acc: Option<Matches> = None;
        for part in order {
            let scope = acc.as_ref().map(|m| m.docs.as_slice()).or(within);
            if let Query::Not(inner) = part {
                let excluded = self.eval(inner, scope);
                if let Some(m) = acc.take() {
                    acc = Some(m.without(&excluded.docs));
                }
                continue;
            }
            let m = self.eval(part, scope);
            acc = Some(match acc.take() {
                None => m,
                Some(prev) => Matches {
                    docs: prev.docs,
                    spans: union(&prev.spans, &m.spans),
                }
                .restrict(&m.docs),
            });
            if acc.as_ref().is_some_and(|m| m.docs.is_empty()) {
                break;
            }
        }
        acc.unwrap_or_default()
    }

    fn words(&self, words: &Words) -> Matches {
        let mut spans = Vec::new();
        let n = words.tokens.len() as u32;
        for seg in self.segments() {
            let last = words.tokens.len() - 1;
            let mut starts = seg.positions(&words.tokens[0], words.prefix && last == 0);
            for (i, t) in words.tokens.iter().enumerate().skip(1) {
                if starts.is_empty() {
                    break;
                }
                let shifted: Vec<u64> = seg
                    .positions(t, words.prefix && i == last)
                    .into_iter()
                    .filter(|p| (*p as u32) >= i as u32)
                    .map(|p| p - i as u64)
                    .collect();
                starts = intersect(&starts, &shifted);
            }
            for p in starts {
                let (doc, pos) = unpack(p);
                let (s, e) = seg.word_span(doc, pos, n);
                spans.push((seg.first_doc + doc, s, e));
            }
        }
        Matches::from_spans(spans)
    }

    fn regex(&self, re: &regex::Regex, within: Option<&[u32]>) -> Matches {
        use rayon::prelude::*;
        let spans: Vec<Span> = self
            .segments()
            .par_iter()
            .flat_map_iter(|seg| {
                let mut out = Vec::new();
                for (i, d) in seg.docs.iter().enumerate() {
                    let doc = seg.first_doc + i as u32;
                    if within.is_some_and(|w| w.binary_search(&doc).is_err()) {
                        continue;
                    }
                    for m in re.find_iter(&d.body) {
                        if m.start() < m.end() {
                            out.push((doc, m.start() as u32, m.end() as u32));
                        }
                    }
                }
                out
            })
            .collect();
        Matches::from_spans(spans)
    }

    fn field(&self, field: Field, words: &Words) -> Matches {
        let needle = spaced_needle(words);
        let slot = field as usize;
        self.docs_where(|d| d.fields[slot].contains(&needle))
    }

    /// The articles whose own fields pass `keep`, as whole-article matches.
    fn docs_where(&self, keep: impl Fn(&super::index::DocFields) -> bool) -> Matches {
        let mut docs = Vec::new();
        for seg in self.segments() {
            for (i, d) in seg.docs.iter().enumerate() {
                if keep(d) {
                    docs.push(seg.first_doc + i as u32);
                }
            }
        }
        Matches {
            docs,
            spans: Vec::new(),
        }
    }

    fn published(&self, range: &TimeRange) -> Matches {
        let (from, to) = (seconds(range.start), seconds(range.end));
        self.docs_where(|d| d.published.is_some_and(|(a, b)| a < to && from < b))
    }

    fn mentions(&self, range: &TimeRange) -> Matches {
        let (from, to) = (seconds(range.start), seconds(range.end));
        // Time expressions the user rejected are not dates.
        let mut rejected: HashMap<ArticleId, Vec<(usize, usize)>> = HashMap::new();
        for a in self.ctx.annotations {
            if a.body == AnnotationBody::TimeExpression && a.is_rejected() {
                rejected
                    .entry(a.target.article)
                    .or_default()
                    .push((a.target.start, a.target.end));
            }
        }
        let mut spans = Vec::new();
        for seg in self.segments() {
            for (i, d) in seg.docs.iter().enumerate() {
                let doc = i as u32;
                let refused = rejected.get(&d.id);
                for t in seg.times(doc) {
                    if !(t.from < to && from < t.to) {
                        continue;
                    }
                    if let Some(list) = refused {
                        let cp = |b: u32| {
                            crate::extract::offsets::code_point_offset(&d.body, b as usize)
                        };
                        if list.contains(&(cp(t.start), cp(t.end))) {
                            continue;
                        }
                    }
                    spans.push((seg.first_doc + doc, t.start, t.end));
                }
            }
        }
        Matches::from_spans(spans)
    }

    /// Byte spans of annotations that pass `keep`, not rejected.
    fn annotation_spans(&self, keep: impl Fn(&Annotation) -> bool) -> Matches {
        let mut by_doc: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
        for a in self
            .ctx
            .annotations
            .iter()
            .filter(|a| !a.is_rejected() && keep(a))
        {
            if let Some(doc) = self.doc_of(a.target.article) {
                by_doc
                    .entry(doc)
                    .or_default()
                    .push((a.target.start, a.target.end));
            }
        }
        let mut spans = Vec::new();
        for (doc, mut list) in by_doc {
            let Some((seg, local)) = self.locate(doc) else {
                continue;
            };
            let body = &seg.docs[local as usize].body;
            list.sort_unstable();
            let mut bytes = crate::extract::offsets::ByteOffsets::new(body);
            for (s, e) in list {
                if let (Some(bs), Some(be)) = (bytes.at(s), bytes.at(e))
                    && bs < be
                {
                    spans.push((doc, bs as u32, be as u32));
                }
            }
        }
        Matches::from_spans(spans)
    }

    fn note(&self, words: &Words) -> Matches {
        let needle = spaced_needle(words);
        self.annotation_spans(|a| match &a.body {
            AnnotationBody::Note(text) => fold::spaced(text).contains(&needle),
            _ => false,
        })
    }

    fn tag(&mut self, name: &str) -> Matches {
        let book = self.ctx.codebook;
        let wanted = fold::spaced(name);
        let path_form = |id: TagId| fold::spaced(&book.path(id));
        let targets: Vec<TagId> = book
            .tags
            .iter()
            .filter(|t| fold::spaced(&t.name) == wanted || path_form(t.id) == wanted)
            .map(|t| t.id)
            .collect();
        if targets.is_empty() {
            let known: Vec<String> = book.tags.iter().take(8).map(|t| book.path(t.id)).collect();
            self.notes.push(if known.is_empty() {
                format!("tag:{name} — the codebook has no tags yet (add them in the Tags tab)")
            } else {
                format!(
                    "tag:{name} — no tag is called so; the codebook has {}",
                    known.join(", ")
                )
            });
            return Matches::default();
        }
        self.annotation_spans(|a| match a.body {
            AnnotationBody::Tag(t) => targets.iter().any(|&target| book.is_within(t, target)),
            _ => false,
        })
    }

    fn entity(&mut self, name: &str) -> Matches {
        let wanted = fold::fold(name.trim());
        let by_name: HashSet<&EntityKey> = self
            .ctx
            .registry
            .iter()
            .filter(|e| fold::fold(&e.name) == wanted)
            .map(|e| &e.key)
            .collect();
        let targets: HashSet<&EntityKey> = if by_name.is_empty() {
            self.ctx
                .registry
                .iter()
                .filter(|e| e.aliases.iter().any(|a| fold::fold(a) == wanted))
                .map(|e| &e.key)
                .collect()
        } else {
            by_name
        };
        if targets.is_empty() {
            self.notes.push(format!(
                "entity:{name} — no entity is called so (names are still being found, or see the Entities tab for the names there are)"
            ));
            return Matches::default();
        }
        let resolver = EntityResolver::new(self.ctx.decisions);
        // Rejected names are not mentions.
        let rejected: HashSet<(ArticleId, usize, usize)> = self
            .ctx
            .annotations
            .iter()
            .filter(|a| matches!(a.body, AnnotationBody::Entity(_)) && a.is_rejected())
            .map(|a| (a.target.article, a.target.start, a.target.end))
            .collect();
        let mut candidates: HashMap<EntityKey, bool> = HashMap::new();
        let mut spans = Vec::new();
        for record in self.ctx.names {
            let (article, start, end) =
                (record.article, record.start as usize, record.end as usize);
            let auto = EntityKey::new(&record.canonical, record.label);
            let maybe = *candidates.entry(auto).or_insert_with_key(|k| {
                targets.contains(&resolver.resolve(k)) || !resolver_is_simple(self.ctx.decisions)
            });
            if !maybe || !targets.contains(&resolver.key_of(record).0) {
                continue;
            }
            let Some(doc) = self.doc_of(article) else {
                continue;
            };
            if !rejected.is_empty() {
                let Some((seg, local)) = self.locate(doc) else {
                    continue;
                };
                let body = &seg.docs[local as usize].body;
                let cp = |b| crate::extract::offsets::code_point_offset(body, b);
                if rejected.contains(&(article, cp(start), cp(end))) {
                    continue;
                }
            }
            spans.push((doc, start as u32, end as u32));
        }
        let manual = self.annotation_spans(|a| {
            a.origin == AnnotationOrigin::Manual
                && matches!(&a.body, AnnotationBody::Entity(k) if targets.contains(&resolver.resolve(k)))
        });
        spans.extend(manual.spans);
        Matches::from_spans(spans)
    }

    fn near(&mut self, a: &Query, b: &Query, scope: Scope, within: Option<&[u32]>) -> Matches {
        let left = self.eval(a, within);
        if left.docs.is_empty() {
            return Matches::default();
        }
        let right = self.eval(b, Some(&left.docs));
        let docs = intersect(&left.docs, &right.docs);
        let mut spans = Vec::new();
        for &doc in &docs {
            let Some((seg, local)) = self.locate(doc) else {
                continue;
            };
            let body = &seg.docs[local as usize].body;
            let units = match scope {
                Scope::Sentence => units::sentences(body),
                Scope::Paragraph => units::paragraphs(body),
            };
            let of = |m: &Matches| -> Vec<(Span, Option<usize>)> {
                let from = m.spans.partition_point(|s| s.0 < doc);
                m.spans[from..]
                    .iter()
                    .take_while(|s| s.0 == doc)
                    .map(|s| (*s, units::unit_index(&units, s.1 as usize)))
                    .collect()
            };
            let (ls, rs) = (of(&left), of(&right));
            let lu: HashSet<usize> = ls.iter().filter_map(|x| x.1).collect();
            let ru: HashSet<usize> = rs.iter().filter_map(|x| x.1).collect();
            spans.extend(
                ls.iter()
                    .filter(|x| x.1.is_some_and(|u| ru.contains(&u)))
                    .map(|x| x.0),
            );
            spans.extend(
                rs.iter()
                    .filter(|x| x.1.is_some_and(|u| lu.contains(&u)))
                    .map(|x| x.0),
            );
        }
        Matches::from_spans(spans)
    }
}

/// What to look for in a [`fold::spaced`] text to find `words`: " a b " (or " a b" for a
/// prefix).
fn spaced_needle(words: &Words) -> String {
    format!(
        " {}{}",
        words.tokens.join(" "),
        if words.prefix { "" } else { " " }
    )
}

/// True when no split decision exists, so a mention's entity follows from its automatic key.
fn resolver_is_simple(decisions: &[EntityDecision]) -> bool {
    !decisions
        .iter()
        .any(|d| matches!(d, EntityDecision::Split { .. }))
}

/// The segment and local number of a global article number.
pub fn locate(index: &SearchIndex, doc: u32) -> Option<(&Segment, u32)> {
    let i = index.segments.partition_point(|s| s.first_doc <= doc);
    let seg = index.segments.get(i.checked_sub(1)?)?;
    let local = doc - seg.first_doc;
    ((local as usize) < seg.docs.len()).then_some((seg.as_ref(), local))
}

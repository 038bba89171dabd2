//! "Code all hits": one edit that gives every hit (or its sentence or paragraph) a tag, an
//! entity or a note, without coding the same words twice.

use std::collections::HashSet;

use super::units::{self, Unit};
use super::{Hit, SearchIndex, hit_body};
use crate::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, ArticleId, Edit,
    EntityKey, TagId, TextTarget, Workspace,
};

/// What every hit is coded with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeAs {
    /// A codebook tag.
    Tag(TagId),
    /// A mention of this entity.
    Entity(EntityKey),
    /// A note.
    Note(String),
}

impl CodeAs {
    fn body(&self) -> AnnotationBody {
        match self {
            CodeAs::Tag(t) => AnnotationBody::Tag(*t),
            CodeAs::Entity(k) => AnnotationBody::Entity(k.clone()),
            CodeAs::Note(n) => AnnotationBody::Note(n.clone()),
        }
    }
}

/// What coding the hits would do: the edit (one undoable step) and the counts to show first.
#[derive(Clone, Debug, Default)]
pub struct CodePlan {
    /// The edit; `None` when there is nothing new to code.
    pub edit: Option<Edit>,
    /// Passages that would be coded.
    pub new: usize,
    /// Passages already coded so, left alone.
    pub already: usize,
    /// Hits whose article changed since the search (search again to code them).
    pub stale: usize,
    /// Whole-article matches, which have no words to code.
    pub whole_articles: usize,
    /// Articles that get a new annotation.
    pub articles: usize,
}

/// Plans coding `hits` (from a search over `index`) as `what`, each grown to `unit`.
pub fn plan_coding(
    workspace: &Workspace,
    index: &SearchIndex,
    hits: &[Hit],
    what: &CodeAs,
    unit: Unit,
) -> CodePlan {
    let body_kind = what.body();
    let existing: HashSet<(ArticleId, usize, usize)> = workspace
        .annotations
        .iter()
        .filter(|a| a.body == body_kind && !a.is_rejected())
        .map(|a| (a.target.article, a.target.start, a.target.end))
        .collect();
    let mut plan = CodePlan::default();
    let mut targets: Vec<TextTarget> = Vec::new();
    let mut seen: HashSet<(ArticleId, usize, usize)> = HashSet::new();
    let mut i = 0;
    while i < hits.len() {
        let article_id = hits[i].article;
        let group_end = i + hits[i..]
            .iter()
            .take_while(|h| h.article == article_id)
            .count();
        let group = &hits[i..group_end];
        i = group_end;
        let current = workspace.article(article_id);
        let indexed = hit_body(index, &group[0]);
        let fresh = matches!((current, indexed), (Some(a), Some(b)) if *a.body == **b);
        let with_span: Vec<(u32, u32)> = group.iter().filter_map(|h| h.span).collect();
        plan.whole_articles += group.len() - with_span.len();
        if with_span.is_empty() {
            continue;
        }
        let (Some(article), true) = (current, fresh) else {
            plan.stale += with_span.len();
            continue;
        };
        let body = &*article.body;
        let unit_spans = match unit {
            Unit::Hit => Vec::new(),
            Unit::Sentence => units::sentences(body),
            Unit::Paragraph => units::paragraphs(body),
        };
        let chars: Vec<char> = body.chars().collect();
        let mut points = crate::extract::offsets::CodePoints::new(body);
        let mut spans: Vec<(usize, usize)> = with_span
            .iter()
            .map(|&(s, e)| match unit {
                Unit::Hit => (s as usize, e as usize),
                _ => units::expand_in(&unit_spans, s as usize, e as usize),
            })
            .collect();
        spans.sort_unstable();
        spans.dedup();
        let mut coded_here = false;
        for (s, e) in spans {
            let (cs, ce) = (points.at(s), points.at(e));
            if !seen.insert((article_id, cs, ce)) {
                continue;
            }
            if existing.contains(&(article_id, cs, ce)) {
                plan.already += 1;
                continue;
            }
            if let Some(target) = TextTarget::in_chars(article_id, &chars, cs, ce) {
                targets.push(target);
                coded_here = true;
            }
        }
        plan.articles += usize::from(coded_here);
    }
    plan.new = targets.len();
    if targets.is_empty() {
        return plan;
    }
    let first_id = workspace.next_annotation_id;
    let first_at = workspace.annotations.len();
    let edits = targets
        .into_iter()
        .enumerate()
        .map(|(k, target)| Edit::InsertAnnotation {
            at: first_at + k,
            annotation: Annotation {
                id: AnnotationId(first_id + k as u64),
                target,
                body: body_kind.clone(),
                origin: AnnotationOrigin::Manual,
                status: AnnotationStatus::Accepted,
            },
            next_id: first_id + k as u64 + 1,
        })
        .collect();
    plan.edit = Some(Edit::Batch(edits));
    plan
}

//! Annotations made on one version of a report, copied to the same words in another version.

use crate::model::{
    Anchored, Annotation, AnnotationId, ArticleId, Edit, TextTarget, Workspace, reanchor_in,
};

/// What copying annotations between versions found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CopyPlan {
    /// One undoable edit inserting the copies (empty when there is nothing to copy).
    pub edit: Option<Edit>,
    /// Annotations copied.
    pub copied: usize,
    /// Annotations whose words the other version does not have.
    pub not_found: usize,
    /// Annotations the other version already has at the same words.
    pub already_there: usize,
}

/// Plan copying every annotation of `from` (rejected suggestions excepted) onto the same
/// words of `to`: found by their words and context as re-anchoring finds them; words the other
/// version lacks are counted, never placed elsewhere.
pub fn copy_annotations(workspace: &Workspace, from: ArticleId, to: ArticleId) -> CopyPlan {
    copy_annotations_to(workspace, from, &[to])
}

/// [`copy_annotations`] to several versions at once, as one edit.
pub fn copy_annotations_to(workspace: &Workspace, from: ArticleId, to: &[ArticleId]) -> CopyPlan {
    let mut plan = CopyPlan::default();
    let mut next = workspace.next_annotation_id;
    let mut at = workspace.annotations.len();
    let mut edits = Vec::new();
    for &target_id in to.iter().filter(|t| **t != from) {
        let Some(target_article) = workspace.article(target_id) else {
            continue;
        };
        let chars: Vec<char> = target_article.body.chars().collect();
        for a in workspace
            .annotations
            .iter()
            .filter(|a| a.target.article == from && !a.is_rejected())
        {
            let (start, end) = match reanchor_in(&a.target, &chars) {
                Anchored::Unchanged => (a.target.start, a.target.end),
                Anchored::Moved { start, end } => (start, end),
                _ => {
                    plan.not_found += 1;
                    continue;
                }
            };
            let target = TextTarget::in_chars(target_id, &chars, start, end)
                .filter(|t| t.quote == a.target.quote);
            let Some(target) = target else {
                plan.not_found += 1;
                continue;
            };
            let exists = workspace.annotations.iter().any(|b| {
                b.target.article == target_id
                    && b.target.start == start
                    && b.target.end == end
                    && b.body == a.body
            });
            if exists {
                plan.already_there += 1;
                continue;
            }
            edits.push(Edit::InsertAnnotation {
                at,
                annotation: Annotation {
                    id: AnnotationId(next),
                    target,
                    body: a.body.clone(),
                    origin: a.origin.clone(),
                    status: a.status,
                },
                next_id: next + 1,
            });
            next += 1;
            at += 1;
        }
    }
    plan.copied = edits.len();
    if !edits.is_empty() {
        plan.edit = Some(Edit::Batch(edits));
    }
    plan
}

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
    let mut plan = CopyPlan::default();
    let Some(target_article) = workspace.article(to) else {
        return plan;
    };
    let chars: Vec<char> = target_article.body.chars().collect();
    let mut next = workspace.next_annotation_id;
    let mut at = workspace.annotations.len();
    let mut edits = Vec::new();
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
        let Some(target) = TextTarget::new(to, &target_article.body, start, end) else {
            plan.not_found += 1;
            continue;
        };
        if target.quote != a.target.quote {
            plan.not_found += 1;
            continue;
        }
        let exists = workspace.annotations.iter().any(|b| {
            b.target.article == to
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
    plan.copied = edits.len();
    if !edits.is_empty() {
        plan.edit = Some(Edit::Batch(edits));
    }
    plan
}

//! Carrying the user's work over to an article's new text when its source file changed:
//! annotations, corrected time expressions, event evidence and suggestion keys are each found
//! again with [`reanchor`]; what cannot be placed with confidence becomes an [`Orphan`].

use serde::Serialize;

use super::{
    Anchored, AnnotationId, ArticleId, Orphan, OrphanItem, TextTarget, Workspace, reanchor_in,
};

/// What happened to one anchored item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStatus {
    /// Same words, same place.
    Unchanged,
    /// Found at another place.
    Moved,
    /// Not found with confidence: now in the orphans list.
    Orphaned,
}

/// What happened to one annotation; `old` and `new` are code points into the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationAnchoring {
    /// The article.
    pub article: ArticleId,
    /// The annotation.
    pub annotation: AnnotationId,
    /// Unchanged, moved or orphaned.
    pub status: AnchorStatus,
    /// The span before.
    pub old: (usize, usize),
    /// The span now; `None` when orphaned.
    pub new: Option<(usize, usize)>,
    /// The words the annotation was made on.
    pub quote: String,
}

/// How many items of one kind stayed, moved or were orphaned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnchorCounts {
    /// Same place.
    pub unchanged: usize,
    /// Found elsewhere.
    pub moved: usize,
    /// Sent to the orphans list.
    pub orphaned: usize,
}

impl AnchorCounts {
    fn add(&mut self, status: AnchorStatus) {
        match status {
            AnchorStatus::Unchanged => self.unchanged += 1,
            AnchorStatus::Moved => self.moved += 1,
            AnchorStatus::Orphaned => self.orphaned += 1,
        }
    }

    /// Adds another count to this one.
    pub fn merge(&mut self, other: AnchorCounts) {
        self.unchanged += other.unchanged;
        self.moved += other.moved;
        self.orphaned += other.orphaned;
    }
}

/// What re-anchoring the work in changed articles did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rebased {
    /// Every annotation of the changed articles.
    pub annotations: Vec<AnnotationAnchoring>,
    /// Corrected time expressions.
    pub corrections: AnchorCounts,
    /// Event evidence.
    pub evidence: AnchorCounts,
}

impl Rebased {
    /// Adds another article's outcome.
    pub fn merge(&mut self, other: Rebased) {
        self.annotations.extend(other.annotations);
        self.corrections.merge(other.corrections);
        self.evidence.merge(other.evidence);
    }

    /// Annotations orphaned.
    pub fn orphaned_annotations(&self) -> usize {
        self.annotations
            .iter()
            .filter(|a| a.status == AnchorStatus::Orphaned)
            .count()
    }

    /// Everything orphaned: annotations, corrections and evidence.
    pub fn orphaned(&self) -> usize {
        self.orphaned_annotations() + self.corrections.orphaned + self.evidence.orphaned
    }
}

/// One article's text before and after, split into code points once for all its anchors.
struct Change {
    article: ArticleId,
    old: Vec<char>,
    new: Vec<char>,
}

impl Change {
    /// The target of `start..end` in the old text with its context; when the span no longer
    /// holds `words` (a file edited by hand), the words alone, without context.
    fn old_target(&self, start: usize, end: usize, words: &str) -> TextTarget {
        match TextTarget::in_chars(self.article, &self.old, start, end) {
            Some(target) if target.quote == words => target,
            _ => TextTarget {
                article: self.article,
                start,
                end,
                quote: words.to_string(),
                prefix: String::new(),
                suffix: String::new(),
            },
        }
    }

    /// Where `target` goes in the new text: its new target, or `None` when orphaned.
    fn place(&self, target: &TextTarget) -> (AnchorStatus, Option<TextTarget>) {
        match reanchor_in(target, &self.new) {
            Anchored::Unchanged => (AnchorStatus::Unchanged, Some(target.clone())),
            Anchored::Moved { start, end } => {
                match TextTarget::in_chars(target.article, &self.new, start, end) {
                    Some(moved) => (AnchorStatus::Moved, Some(moved)),
                    None => (AnchorStatus::Orphaned, None),
                }
            }
            Anchored::Orphaned => (AnchorStatus::Orphaned, None),
        }
    }

    /// Carries the span `start..end` holding `words` over to the new text, counting what
    /// happened: `Ok` with its new place, or `Err` with its old target, to be orphaned.
    fn carry(
        &self,
        start: usize,
        end: usize,
        words: &str,
        counts: &mut AnchorCounts,
    ) -> Result<TextTarget, TextTarget> {
        let target = self.old_target(start, end, words);
        let (status, placed) = self.place(&target);
        counts.add(status);
        placed.ok_or(target)
    }
}

/// Re-anchors everything in article `article`, whose body changed from `old_body` to
/// `new_body` (the article itself is replaced by the caller). Orphans are appended to
/// `Workspace::orphans`.
pub fn rebase_article(
    workspace: &mut Workspace,
    article: ArticleId,
    old_body: &str,
    new_body: &str,
) -> Rebased {
    let mut out = Rebased::default();
    if old_body == new_body {
        return out;
    }
    let change = Change {
        article,
        old: old_body.chars().collect(),
        new: new_body.chars().collect(),
    };
    let mut orphans = Vec::new();
    workspace.annotations_mut().retain_mut(|annotation| {
        if annotation.target.article != article {
            return true;
        }
        let old = (annotation.target.start, annotation.target.end);
        let (status, placed) = change.place(&annotation.target);
        out.annotations.push(AnnotationAnchoring {
            article,
            annotation: annotation.id,
            status,
            old,
            new: placed.as_ref().map(|t| (t.start, t.end)),
            quote: annotation.target.quote.clone(),
        });
        match placed {
            Some(target) => {
                annotation.target = target;
                true
            }
            None => {
                orphans.push(Orphan {
                    target: annotation.target.clone(),
                    item: OrphanItem::Annotation(annotation.clone()),
                });
                false
            }
        }
    });
    workspace.timex_corrections.retain_mut(|correction| {
        if correction.article != article {
            return true;
        }
        let carried = change.carry(
            correction.start,
            correction.end,
            &correction.text,
            &mut out.corrections,
        );
        match carried {
            Ok(new) => {
                (correction.start, correction.end) = (new.start, new.end);
                correction.text = new.quote;
                true
            }
            Err(target) => {
                let item = OrphanItem::Correction(correction.clone());
                orphans.push(Orphan { target, item });
                false
            }
        }
    });
    for event in &mut workspace.events {
        let id = event.id;
        event.evidence.retain_mut(|evidence| {
            if evidence.article != article {
                return true;
            }
            let carried = change.carry(
                evidence.start,
                evidence.end,
                &evidence.quote,
                &mut out.evidence,
            );
            match carried {
                Ok(new) => {
                    *evidence = new.into();
                    true
                }
                Err(target) => {
                    let evidence = evidence.clone();
                    let item = OrphanItem::Evidence {
                        event: id,
                        evidence,
                    };
                    orphans.push(Orphan { target, item });
                    false
                }
            }
        });
        if let super::EventOrigin::Suggested { key, .. } = &mut event.origin {
            rekey(key, &change);
        }
    }
    for key in &mut workspace.dismissed_suggestions {
        rekey(key, &change);
    }
    workspace.orphans.extend(orphans);
    out
}

/// Moves a suggestion key with its words, so that a kept or dismissed suggestion still
/// replaces or hides the same suggestion; a key whose words are gone is left as it was (it
/// then matches nothing).
fn rekey(key: &mut super::SuggestionKey, change: &Change) {
    if key.article != change.article {
        return;
    }
    let end = key.start.saturating_add(key.text.chars().count());
    let target = change.old_target(key.start, end, &key.text);
    if let (_, Some(new)) = change.place(&target) {
        key.start = new.start;
        key.text = new.quote;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Annotation, AnnotationBody, AnnotationOrigin, AnnotationStatus, Event, EventId,
        EventOrigin, Evidence, TimeValue,
    };

    const OLD: &str = "Liang Guanglie arrived in Pyongyang on Sunday. He met Kim Jong Un.";

    fn span(body: &str, words: &str) -> (usize, usize) {
        let at = body.find(words).unwrap_or_else(|| panic!("{words}"));
        let start = body[..at].chars().count();
        (start, start + words.chars().count())
    }

    fn workspace_with(words: &[&str]) -> Workspace {
        let mut ws = Workspace::default();
        for (i, w) in words.iter().enumerate() {
            let (start, end) = span(OLD, w);
            let target =
                TextTarget::new(ArticleId(0), OLD, start, end).unwrap_or_else(|| panic!("{w}"));
            ws.annotations_mut().push(Annotation {
                id: AnnotationId(i as u64),
                target,
                body: AnnotationBody::Note(format!("note {i}")),
                origin: AnnotationOrigin::Manual,
                status: AnnotationStatus::Accepted,
            });
        }
        ws
    }

    #[test]
    fn annotations_follow_their_words_or_become_orphans() {
        let mut ws = workspace_with(&["Pyongyang", "Kim Jong Un"]);
        let new = "SEOUL -- Liang Guanglie arrived in Pyongyang on Sunday. He met Kim.";
        let rebased = rebase_article(&mut ws, ArticleId(0), OLD, new);
        let statuses: Vec<AnchorStatus> = rebased.annotations.iter().map(|a| a.status).collect();
        assert_eq!(statuses, [AnchorStatus::Moved, AnchorStatus::Orphaned]);
        assert_eq!(ws.annotations.len(), 1);
        assert_eq!(ws.annotations[0].target.quote, "Pyongyang");
        assert_eq!(
            (ws.annotations[0].target.start, ws.annotations[0].target.end),
            span(new, "Pyongyang")
        );
        assert_eq!(ws.orphans.len(), 1);
        assert_eq!(ws.orphans[0].target.quote, "Kim Jong Un");
        assert!(
            matches!(&ws.orphans[0].item, OrphanItem::Annotation(a) if a.id == AnnotationId(1))
        );
    }

    #[test]
    fn evidence_and_keys_move_with_the_text() {
        let mut ws = Workspace::default();
        let (start, end) = span(OLD, "on Sunday");
        let key = crate::model::SuggestionKey {
            article: ArticleId(0),
            start,
            text: "on Sunday".into(),
        };
        ws.events.push(Event {
            id: EventId(0),
            title: "Liang arrived".into(),
            value: TimeValue::from_timex("DATE", "2012-07-29").unwrap_or_else(|| panic!()),
            participants: vec![],
            evidence: vec![Evidence {
                article: ArticleId(0),
                start,
                end,
                quote: "on Sunday".into(),
            }],
            notes: String::new(),
            tags: vec![],
            origin: EventOrigin::Suggested {
                extractor: "clause-1".into(),
                key: key.clone(),
            },
            uncertain: false,
        });
        ws.dismissed_suggestions.push(key);
        let new = format!("Updated. {OLD}");
        let rebased = rebase_article(&mut ws, ArticleId(0), OLD, &new);
        assert_eq!(rebased.evidence.moved, 1);
        let (new_start, new_end) = span(&new, "on Sunday");
        assert_eq!(
            (ws.events[0].evidence[0].start, ws.events[0].evidence[0].end),
            (new_start, new_end)
        );
        assert_eq!(
            ws.events[0].suggestion_key().map(|k| k.start),
            Some(new_start)
        );
        assert_eq!(ws.dismissed_suggestions[0].start, new_start);
    }

    #[test]
    fn other_articles_are_not_touched() {
        let mut ws = workspace_with(&["Pyongyang"]);
        ws.annotations_mut()[0].target.article = ArticleId(7);
        let before = ws.clone();
        let rebased = rebase_article(&mut ws, ArticleId(0), OLD, "Nothing alike.");
        assert!(rebased.annotations.is_empty());
        assert_eq!(ws, before);
    }
}

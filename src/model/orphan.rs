//! Work that lost its place: an annotation, a correction or a piece of event evidence whose
//! words could not be found with confidence after its article's source changed. Orphans are
//! kept, never dropped, until the user places them on new words or deletes them.

use serde::{Deserialize, Serialize};

use super::{Annotation, Edit, EventId, Evidence, TextTarget, TimexCorrection, Workspace};

/// One orphaned piece of work and where it used to be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Orphan {
    /// Where the words were before the source changed: old code points, quote and context.
    pub target: TextTarget,
    /// What was anchored there.
    pub item: OrphanItem,
}

/// What an orphan holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OrphanItem {
    /// An annotation (its target still holds the old span).
    Annotation(Annotation),
    /// A corrected time expression.
    Correction(TimexCorrection),
    /// Evidence of a stored event.
    Evidence {
        /// The event it supported.
        event: EventId,
        /// The evidence as it was.
        evidence: Evidence,
    },
}

impl OrphanItem {
    /// What it is, in a word or two, for lists: "note", "tag", "name", "time correction".
    pub fn kind_label(&self) -> &'static str {
        match self {
            OrphanItem::Annotation(a) => match a.body {
                super::AnnotationBody::Entity(_) => "name",
                super::AnnotationBody::Tag(_) => "tag",
                super::AnnotationBody::Note(_) => "note",
                super::AnnotationBody::Evidence(_) => "evidence mark",
                super::AnnotationBody::TimeExpression => "time decision",
            },
            OrphanItem::Correction(_) => "time correction",
            OrphanItem::Evidence { .. } => "event evidence",
        }
    }
}

/// Why an orphan cannot be placed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// The orphans list has no such position.
    #[error("there is no orphan at position {0}")]
    NoSuchOrphan(usize),
    /// Evidence of an event that was deleted since.
    #[error("its event was deleted; the evidence can only be deleted")]
    EventGone,
}

impl Workspace {
    /// The edit that puts orphan `at` back into the workspace on the words of `target`: the
    /// annotation with its new span, the correction on the new words, or the evidence back in
    /// its event. One step, undone as one.
    pub fn place_orphan(&self, at: usize, target: TextTarget) -> Result<Edit, PlaceError> {
        let orphan = self.orphans.get(at).ok_or(PlaceError::NoSuchOrphan(at))?;
        let restore = match &orphan.item {
            OrphanItem::Annotation(annotation) => Edit::InsertAnnotation {
                at: self.annotations.len(),
                annotation: Annotation {
                    target,
                    ..annotation.clone()
                },
                next_id: self.next_annotation_id,
            },
            OrphanItem::Correction(correction) => {
                let mut corrections: Vec<TimexCorrection> = self
                    .timex_corrections
                    .iter()
                    .filter(|c| {
                        !(c.article == target.article
                            && c.start == target.start
                            && c.end == target.end)
                    })
                    .cloned()
                    .collect();
                corrections.push(TimexCorrection {
                    article: target.article,
                    start: target.start,
                    end: target.end,
                    text: target.quote,
                    ..correction.clone()
                });
                Edit::SetCorrections(corrections)
            }
            OrphanItem::Evidence { event, .. } => {
                let mut event = self.event(*event).ok_or(PlaceError::EventGone)?.clone();
                event.evidence.push(Evidence::from(target));
                Edit::ReplaceEvent(event)
            }
        };
        Ok(Edit::Batch(vec![Edit::RemoveOrphan { at }, restore]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, ArticleId,
    };

    const BODY: &str = "The talks lasted three hours, officials said.";

    fn orphaned_note() -> Workspace {
        let target = TextTarget::new(ArticleId(0), BODY, 17, 28).unwrap_or_else(|| panic!());
        let annotation = Annotation {
            id: AnnotationId(4),
            target: target.clone(),
            body: AnnotationBody::Note("long".into()),
            origin: AnnotationOrigin::Manual,
            status: AnnotationStatus::Accepted,
        };
        Workspace {
            orphans: vec![Orphan {
                target,
                item: OrphanItem::Annotation(annotation),
            }],
            next_annotation_id: 5,
            ..Workspace::default()
        }
    }

    #[test]
    fn placing_an_orphan_is_one_undoable_step() {
        let mut ws = orphaned_note();
        let before = ws.clone();
        let new_body = "Talks lasted three and a half hours.";
        let target = TextTarget::new(ArticleId(0), new_body, 13, 35).unwrap_or_else(|| panic!());
        let edit = ws.place_orphan(0, target).unwrap_or_else(|e| panic!("{e}"));
        let inverse = edit.apply(&mut ws).unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.orphans.is_empty());
        assert_eq!(ws.annotations.len(), 1);
        assert_eq!(ws.annotations[0].id, AnnotationId(4));
        assert_eq!(ws.annotations[0].target.quote, "three and a half hours");
        assert_eq!(ws.next_annotation_id, 5);
        inverse.apply(&mut ws).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ws, before);
    }

    #[test]
    fn deleting_an_orphan_can_be_undone_and_bad_positions_are_refused() {
        let mut ws = orphaned_note();
        let before = ws.clone();
        let inverse = Edit::RemoveOrphan { at: 0 }
            .apply(&mut ws)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.orphans.is_empty());
        assert!(Edit::RemoveOrphan { at: 0 }.apply(&mut ws).is_err());
        inverse.apply(&mut ws).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ws, before);
        let target = TextTarget::new(ArticleId(0), BODY, 0, 3).unwrap_or_else(|| panic!());
        assert_eq!(ws.place_orphan(3, target), Err(PlaceError::NoSuchOrphan(3)));
    }
}

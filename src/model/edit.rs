//! Changes to the workspace as values. Every change the user makes to events (and, in time,
//! to annotations, entities and tags) is an [`Edit`]; applying one returns its inverse, which
//! is what undo applies.

use chrono::NaiveDate;

use super::{
    Annotation, AnnotationId, ArticleId, Codebook, EntityDecision, Event, EventId, Orphan,
    SuggestionKey, TimexCorrection, Workspace,
};

/// One change to the workspace, applied whole.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Put `event` at position `at` of the events and set the next event id to `next_id`.
    InsertEvent {
        /// Position in `Workspace::events`.
        at: usize,
        /// The event, with its id.
        event: Event,
        /// `Workspace::next_event_id` afterwards.
        next_id: u64,
    },
    /// Take the event with this id out and set the next event id to `next_id`.
    RemoveEvent {
        /// The event.
        id: EventId,
        /// `Workspace::next_event_id` afterwards.
        next_id: u64,
    },
    /// Put this event in place of the stored event with the same id.
    ReplaceEvent(Event),
    /// Hide a suggestion: the user deleted it, and re-extraction must not bring it back.
    DismissSuggestion(SuggestionKey),
    /// Show a dismissed suggestion again.
    RestoreSuggestion(SuggestionKey),
    /// Put `annotation` at position `at` and set the next annotation id to `next_id`.
    InsertAnnotation {
        /// Position in `Workspace::annotations`.
        at: usize,
        /// The annotation, with its id.
        annotation: Annotation,
        /// `Workspace::next_annotation_id` afterwards.
        next_id: u64,
    },
    /// Take the annotation with this id out and set the next annotation id to `next_id`.
    RemoveAnnotation {
        /// The annotation.
        id: AnnotationId,
        /// `Workspace::next_annotation_id` afterwards.
        next_id: u64,
    },
    /// Put this annotation in place of the stored one with the same id.
    ReplaceAnnotation(Annotation),
    /// Replace the codebook (tags made, renamed, recoloured, moved, merged or deleted).
    SetCodebook(Codebook),
    /// Replace the saved searches.
    SetSavedSearches(Vec<super::SavedSearch>),
    /// Set the ids the next annotation and the next event get (an import that made orphans
    /// reserves theirs).
    SetNextIds {
        /// `Workspace::next_annotation_id`.
        annotation: u64,
        /// `Workspace::next_event_id`.
        event: u64,
    },
    /// Add an entity decision (merge, rename, retype, split, hide) at the end.
    PushEntityDecision(EntityDecision),
    /// Take the last entity decision back.
    PopEntityDecision,
    /// Add a decision on wire-story families (same report, not the same, a report of its own).
    PushFamilyDecision(super::FamilyDecision),
    /// Take the last family decision back.
    PopFamilyDecision,
    /// Replace the time-expression corrections.
    SetCorrections(Vec<TimexCorrection>),
    /// Replace the stored events (the next event id stays: ids are never reused). For changes
    /// to many events at once, one pass where an edit per event would search the list for each.
    SetEvents(Vec<Event>),
    /// Replace the dismissed suggestions (many restored at once, in one pass).
    SetDismissedSuggestions(Vec<SuggestionKey>),
    /// Set or clear an article's reference date.
    SetReferenceDate(ArticleId, Option<NaiveDate>),
    /// Set an article's headline.
    SetHeadline(ArticleId, String),
    /// Put an orphan back into the orphans list at position `at`.
    InsertOrphan {
        /// Position in `Workspace::orphans`.
        at: usize,
        /// The orphan.
        orphan: Orphan,
    },
    /// Take the orphan at position `at` out of the list (placed or deleted).
    RemoveOrphan {
        /// Position in `Workspace::orphans`.
        at: usize,
    },
    /// Take the articles with these ids out of the workspace in one pass; their sources are
    /// remembered as removed, so a rescan does not bring them back. (Use
    /// [`Edit::remove_articles`], which takes the user's work on them out with them.)
    RemoveArticles(Vec<ArticleId>),
    /// Put articles back, each at its position in the list as it will be (ascending), their
    /// sources no longer remembered as removed (the inverse of a removal).
    InsertArticles(Vec<(usize, super::Article)>),
    /// Take the annotations with these ids out in one pass (the next annotation id stays).
    RemoveAnnotations(Vec<AnnotationId>),
    /// Put annotations back, each at its position in the list as it will be (ascending).
    InsertAnnotations(Vec<(usize, Annotation)>),
    /// Several edits as one step (a merge), applied in order and undone in reverse.
    Batch(Vec<Edit>),
}

/// The parts of the workspace an edit changes that views derive data from; everything else
/// (tags, notes, the codebook, saved searches, orphans) none of them reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditScope {
    /// The names and their registry: annotations naming entities, entity decisions.
    pub names: bool,
    /// The timeline: stored events, dismissed suggestions, what suggestions are made from
    /// (corrections, reference dates, decisions on time expressions), headlines.
    pub events: bool,
    /// The wire-story families: the user's decisions on them.
    pub families: bool,
    /// The articles' own fields the library shows: headlines.
    pub articles: bool,
    /// The list of articles itself: an article removed or put back.
    pub article_list: bool,
}

impl EditScope {
    /// Nothing derived.
    pub const NONE: Self = Self {
        names: false,
        events: false,
        families: false,
        articles: false,
        article_list: false,
    };
    /// Everything derived.
    pub const ALL: Self = Self {
        names: true,
        events: true,
        families: true,
        articles: true,
        article_list: true,
    };

    /// What either changes.
    pub fn union(self, other: Self) -> Self {
        Self {
            names: self.names || other.names,
            events: self.events || other.events,
            families: self.families || other.families,
            articles: self.articles || other.articles,
            article_list: self.article_list || other.article_list,
        }
    }
}

/// Why an edit could not be applied; the workspace is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No stored event has this id.
    #[error("there is no event {0:?}")]
    NoSuchEvent(EventId),
    /// An event with this id is already stored.
    #[error("event {0:?} exists already")]
    DuplicateEvent(EventId),
    /// No annotation has this id.
    #[error("there is no annotation {0:?}")]
    NoSuchAnnotation(AnnotationId),
    /// An annotation with this id is already stored.
    #[error("annotation {0:?} exists already")]
    DuplicateAnnotation(AnnotationId),
    /// An article with this id is already in the workspace.
    #[error("article {0:?} exists already")]
    DuplicateArticle(ArticleId),
    /// No article has this id.
    #[error("there is no article {0:?}")]
    NoSuchArticle(ArticleId),
    /// There is no entity decision to take back.
    #[error("there is no entity decision to take back")]
    NoEntityDecision,
    /// There is no family decision to take back.
    #[error("there is no family decision to take back")]
    NoFamilyDecision,
    /// The orphans list has no such position.
    #[error("there is no orphan at position {0}")]
    NoSuchOrphan(usize),
}

/// What the workspace keeps in lists under ids of their own: events and annotations.
trait Stored {
    type Id: PartialEq + Copy;
    fn id(&self) -> Self::Id;
}

impl Stored for Event {
    type Id = EventId;
    fn id(&self) -> EventId {
        self.id
    }
}

impl Stored for super::Article {
    type Id = ArticleId;
    fn id(&self) -> ArticleId {
        self.id
    }
}

impl Stored for Annotation {
    type Id = AnnotationId;
    fn id(&self) -> AnnotationId {
        self.id
    }
}

/// Puts `item` at `at` (or last); false, and nothing changed, when its id is already there.
fn insert_new<T: Stored>(list: &mut Vec<T>, at: usize, item: T) -> bool {
    if list.iter().any(|x| x.id() == item.id()) {
        return false;
    }
    list.insert(at.min(list.len()), item);
    true
}

/// Takes the item with this id out, with where it was.
fn take<T: Stored>(list: &mut Vec<T>, id: T::Id) -> Option<(usize, T)> {
    let at = list.iter().position(|x| x.id() == id)?;
    Some((at, list.remove(at)))
}

/// Takes every item whose id is in `ids` out in one pass, each with its position; `None`, and
/// nothing changed, when one of the ids is not there.
fn take_all<T: Stored>(list: &mut Vec<T>, ids: &[T::Id]) -> Option<Vec<(usize, T)>>
where
    T::Id: std::hash::Hash + Eq,
{
    let wanted: std::collections::HashSet<T::Id> = ids.iter().copied().collect();
    if list.iter().filter(|x| wanted.contains(&x.id())).count() != wanted.len() {
        return None;
    }
    let mut taken = Vec::with_capacity(wanted.len());
    let mut kept = Vec::with_capacity(list.len() - wanted.len());
    for (at, item) in std::mem::take(list).into_iter().enumerate() {
        if wanted.contains(&item.id()) {
            taken.push((at, item));
        } else {
            kept.push(item);
        }
    }
    *list = kept;
    Some(taken)
}

/// Puts items back at their positions (ascending, in the list as it will be) in one pass;
/// false, and nothing changed, when one's id is already there.
fn put_back<T: Stored>(list: &mut Vec<T>, items: Vec<(usize, T)>) -> Result<(), T::Id>
where
    T::Id: std::hash::Hash + Eq,
{
    let present: std::collections::HashSet<T::Id> = list.iter().map(Stored::id).collect();
    if let Some((_, clash)) = items.iter().find(|(_, x)| present.contains(&x.id())) {
        return Err(clash.id());
    }
    let mut merged = Vec::with_capacity(list.len() + items.len());
    let mut rest = std::mem::take(list).into_iter();
    for (at, item) in items {
        while merged.len() < at {
            match rest.next() {
                Some(x) => merged.push(x),
                None => break,
            }
        }
        merged.push(item);
    }
    merged.extend(rest);
    *list = merged;
    Ok(())
}

/// Puts `item` in place of the one with its id and returns that one.
fn swap_in<T: Stored>(list: &mut [T], item: T) -> Option<T> {
    let slot = list.iter_mut().find(|x| x.id() == item.id())?;
    Some(std::mem::replace(slot, item))
}

impl Edit {
    /// The edit that adds a new event at the end, with the next free id.
    pub fn add_event(workspace: &Workspace, mut event: Event) -> Self {
        event.id = EventId(workspace.next_event_id);
        Edit::InsertEvent {
            at: workspace.events.len(),
            event,
            next_id: workspace.next_event_id + 1,
        }
    }

    /// The edit that adds a new annotation at the end, with the next free id.
    pub fn add_annotation(workspace: &Workspace, mut annotation: Annotation) -> Self {
        annotation.id = AnnotationId(workspace.next_annotation_id);
        Edit::InsertAnnotation {
            at: workspace.annotations.len(),
            annotation,
            next_id: workspace.next_annotation_id + 1,
        }
    }

    /// The edit that deletes an annotation (ids are never reused).
    pub fn remove_annotation(workspace: &Workspace, id: AnnotationId) -> Self {
        Edit::RemoveAnnotation {
            id,
            next_id: workspace.next_annotation_id,
        }
    }

    /// The edit that deletes a stored event (ids are never reused).
    pub fn remove_event(workspace: &Workspace, id: EventId) -> Self {
        Edit::RemoveEvent {
            id,
            next_id: workspace.next_event_id,
        }
    }

    /// What the edit changes among the parts views derive from only some of the workspace;
    /// `workspace` is the one it is about to be applied to (a removal's annotation is looked up
    /// there).
    pub fn scope(&self, workspace: &Workspace) -> EditScope {
        let of = |a: &Annotation| EditScope {
            names: matches!(a.body, super::AnnotationBody::Entity(_)),
            events: matches!(
                a.body,
                super::AnnotationBody::TimeExpression | super::AnnotationBody::Evidence(_)
            ),
            families: false,
            articles: false,
            article_list: false,
        };
        let stored = |id: AnnotationId| {
            workspace
                .annotations
                .iter()
                .find(|a| a.id == id)
                .map_or(EditScope::ALL, of)
        };
        let events = EditScope {
            events: true,
            ..EditScope::NONE
        };
        match self {
            Edit::InsertEvent { .. }
            | Edit::RemoveEvent { .. }
            | Edit::ReplaceEvent(_)
            | Edit::DismissSuggestion(_)
            | Edit::RestoreSuggestion(_)
            | Edit::SetCorrections(_)
            | Edit::SetEvents(_)
            | Edit::SetDismissedSuggestions(_)
            | Edit::SetReferenceDate(..) => events,
            Edit::SetHeadline(..) => EditScope {
                articles: true,
                ..events
            },
            Edit::InsertAnnotation { annotation, .. } => of(annotation),
            Edit::RemoveAnnotation { id, .. } => stored(*id),
            Edit::ReplaceAnnotation(annotation) => of(annotation).union(stored(annotation.id)),
            Edit::SetCodebook(_)
            | Edit::SetSavedSearches(_)
            | Edit::SetNextIds { .. }
            | Edit::InsertOrphan { .. }
            | Edit::RemoveOrphan { .. } => EditScope::NONE,
            Edit::PushEntityDecision(_) | Edit::PopEntityDecision => EditScope {
                names: true,
                events: true,
                ..EditScope::NONE
            },
            Edit::PushFamilyDecision(_) | Edit::PopFamilyDecision => EditScope {
                article_list: false,
                ..EditScope::ALL
            },
            Edit::RemoveArticles(_) | Edit::InsertArticles(_) => EditScope::ALL,
            Edit::RemoveAnnotations(ids) => {
                let ids: std::collections::HashSet<&AnnotationId> = ids.iter().collect();
                workspace
                    .annotations
                    .iter()
                    .filter(|a| ids.contains(&a.id))
                    .fold(EditScope::NONE, |s, a| s.union(of(a)))
            }
            Edit::InsertAnnotations(items) => items
                .iter()
                .fold(EditScope::NONE, |s, (_, a)| s.union(of(a))),
            Edit::Batch(edits) => edits
                .iter()
                .fold(EditScope::NONE, |s, e| s.union(e.scope(workspace))),
        }
    }

    /// True when the edit changes what extraction reads (corrections, reference dates,
    /// decisions on time expressions), so suggestions must be made again.
    pub fn changes_extraction(&self) -> bool {
        match self {
            Edit::SetCorrections(_) | Edit::SetReferenceDate(..) => true,
            Edit::InsertAnnotation { annotation, .. } | Edit::ReplaceAnnotation(annotation) => {
                matches!(annotation.body, super::AnnotationBody::TimeExpression)
            }
            Edit::RemoveAnnotation { .. }
            | Edit::RemoveAnnotations(_)
            | Edit::InsertAnnotations(_)
            | Edit::RemoveArticles(_)
            | Edit::InsertArticles(_) => true,
            Edit::Batch(edits) => edits.iter().any(Edit::changes_extraction),
            _ => false,
        }
    }

    /// Applies the edit and returns its inverse. On error nothing changed.
    pub fn apply(self, workspace: &mut Workspace) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::InsertEvent { at, event, next_id } => {
                let id = event.id;
                if !insert_new(&mut workspace.events, at, event) {
                    return Err(EditError::DuplicateEvent(id));
                }
                Edit::RemoveEvent {
                    id,
                    next_id: std::mem::replace(&mut workspace.next_event_id, next_id),
                }
            }
            Edit::RemoveEvent { id, next_id } => {
                let (at, event) =
                    take(&mut workspace.events, id).ok_or(EditError::NoSuchEvent(id))?;
                Edit::InsertEvent {
                    at,
                    event,
                    next_id: std::mem::replace(&mut workspace.next_event_id, next_id),
                }
            }
            Edit::ReplaceEvent(event) => {
                let id = event.id;
                Edit::ReplaceEvent(
                    swap_in(&mut workspace.events, event).ok_or(EditError::NoSuchEvent(id))?,
                )
            }
            Edit::DismissSuggestion(key) => {
                if workspace.dismissed_suggestions.contains(&key) {
                    // Already dismissed: the inverse must not restore what this did not hide.
                    Edit::Batch(Vec::new())
                } else {
                    workspace.dismissed_suggestions.push(key.clone());
                    Edit::RestoreSuggestion(key)
                }
            }
            Edit::RestoreSuggestion(key) => {
                match workspace
                    .dismissed_suggestions
                    .iter()
                    .position(|k| *k == key)
                {
                    Some(at) => {
                        workspace.dismissed_suggestions.remove(at);
                        Edit::DismissSuggestion(key)
                    }
                    None => Edit::Batch(Vec::new()),
                }
            }
            Edit::InsertAnnotation {
                at,
                annotation,
                next_id,
            } => {
                let id = annotation.id;
                if !insert_new(workspace.annotations_mut(), at, annotation) {
                    return Err(EditError::DuplicateAnnotation(id));
                }
                Edit::RemoveAnnotation {
                    id,
                    next_id: std::mem::replace(&mut workspace.next_annotation_id, next_id),
                }
            }
            Edit::RemoveAnnotation { id, next_id } => {
                let (at, annotation) =
                    take(workspace.annotations_mut(), id).ok_or(EditError::NoSuchAnnotation(id))?;
                Edit::InsertAnnotation {
                    at,
                    annotation,
                    next_id: std::mem::replace(&mut workspace.next_annotation_id, next_id),
                }
            }
            Edit::ReplaceAnnotation(annotation) => {
                let id = annotation.id;
                Edit::ReplaceAnnotation(
                    swap_in(workspace.annotations_mut(), annotation)
                        .ok_or(EditError::NoSuchAnnotation(id))?,
                )
            }
            Edit::SetCodebook(codebook) => {
                Edit::SetCodebook(std::mem::replace(&mut workspace.codebook, codebook))
            }
            Edit::SetSavedSearches(list) => {
                Edit::SetSavedSearches(std::mem::replace(&mut workspace.saved_searches, list))
            }
            Edit::SetNextIds { annotation, event } => Edit::SetNextIds {
                annotation: std::mem::replace(&mut workspace.next_annotation_id, annotation),
                event: std::mem::replace(&mut workspace.next_event_id, event),
            },
            Edit::PushEntityDecision(decision) => {
                workspace.entity_decisions.push(decision);
                Edit::PopEntityDecision
            }
            Edit::PopEntityDecision => {
                let decision = workspace
                    .entity_decisions
                    .pop()
                    .ok_or(EditError::NoEntityDecision)?;
                Edit::PushEntityDecision(decision)
            }
            Edit::PushFamilyDecision(decision) => {
                workspace.family_decisions.push(decision);
                Edit::PopFamilyDecision
            }
            Edit::PopFamilyDecision => {
                let decision = workspace
                    .family_decisions
                    .pop()
                    .ok_or(EditError::NoFamilyDecision)?;
                Edit::PushFamilyDecision(decision)
            }
            Edit::SetCorrections(corrections) => Edit::SetCorrections(std::mem::replace(
                &mut workspace.timex_corrections,
                corrections,
            )),
            Edit::SetEvents(events) => {
                Edit::SetEvents(std::mem::replace(&mut workspace.events, events))
            }
            Edit::SetDismissedSuggestions(keys) => Edit::SetDismissedSuggestions(
                std::mem::replace(&mut workspace.dismissed_suggestions, keys),
            ),
            Edit::SetReferenceDate(id, date) => {
                let article = workspace
                    .articles_mut()
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or(EditError::NoSuchArticle(id))?;
                Edit::SetReferenceDate(id, std::mem::replace(&mut article.reference_override, date))
            }
            Edit::SetHeadline(id, headline) => {
                let article = workspace
                    .articles_mut()
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or(EditError::NoSuchArticle(id))?;
                Edit::SetHeadline(id, std::mem::replace(&mut article.headline, headline))
            }
            Edit::InsertOrphan { at, orphan } => {
                let at = at.min(workspace.orphans.len());
                workspace.orphans.insert(at, orphan);
                Edit::RemoveOrphan { at }
            }
            Edit::RemoveOrphan { at } => {
                if at >= workspace.orphans.len() {
                    return Err(EditError::NoSuchOrphan(at));
                }
                let orphan = workspace.orphans.remove(at);
                Edit::InsertOrphan { at, orphan }
            }
            Edit::RemoveArticles(ids) => {
                let taken = take_all(workspace.articles_mut(), &ids).ok_or_else(|| {
                    let missing = ids.iter().find(|id| workspace.article(**id).is_none());
                    EditError::NoSuchArticle(missing.copied().unwrap_or(ArticleId(u64::MAX)))
                })?;
                workspace
                    .removed_sources
                    .extend(taken.iter().map(|(_, a)| a.source.item_path()));
                Edit::InsertArticles(taken)
            }
            Edit::InsertArticles(items) => {
                let ids: Vec<ArticleId> = items.iter().map(|(_, a)| a.id).collect();
                let sources: std::collections::HashSet<std::path::PathBuf> =
                    items.iter().map(|(_, a)| a.source.item_path()).collect();
                put_back(workspace.articles_mut(), items).map_err(EditError::DuplicateArticle)?;
                workspace.removed_sources.retain(|p| !sources.contains(p));
                Edit::RemoveArticles(ids)
            }
            Edit::RemoveAnnotations(ids) => {
                let taken = take_all(workspace.annotations_mut(), &ids).ok_or_else(|| {
                    let missing = ids
                        .iter()
                        .find(|id| !workspace.annotations.iter().any(|a| a.id == **id));
                    EditError::NoSuchAnnotation(missing.copied().unwrap_or(AnnotationId(u64::MAX)))
                })?;
                Edit::InsertAnnotations(taken)
            }
            Edit::InsertAnnotations(items) => {
                let ids: Vec<AnnotationId> = items.iter().map(|(_, a)| a.id).collect();
                put_back(workspace.annotations_mut(), items)
                    .map_err(EditError::DuplicateAnnotation)?;
                Edit::RemoveAnnotations(ids)
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(workspace) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was applied, so a failed batch changes nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(workspace);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AnnotationBody, AnnotationOrigin, AnnotationStatus, EntityKey, EntityLabel, FamilyDecision,
        TagId, TextTarget,
    };

    fn annotation(id: u64, body: AnnotationBody) -> Annotation {
        Annotation {
            id: AnnotationId(id),
            target: TextTarget::new(ArticleId(0), "Envoys met on Monday.", 0, 6).unwrap(),
            body,
            origin: AnnotationOrigin::Manual,
            status: AnnotationStatus::Accepted,
        }
    }

    fn insert(a: Annotation) -> Edit {
        Edit::InsertAnnotation {
            at: 0,
            next_id: a.id.0 + 1,
            annotation: a,
        }
    }

    #[test]
    fn a_tag_changes_nothing_derived_and_a_name_changes_the_names() {
        let tag = annotation(1, AnnotationBody::Tag(TagId(0)));
        let key = EntityKey::new("Envoys", EntityLabel::Organisation);
        let name = annotation(2, AnnotationBody::Entity(key.clone()));
        let workspace = Workspace {
            annotations: vec![tag.clone(), name.clone()].into(),
            ..Default::default()
        };
        assert_eq!(insert(tag.clone()).scope(&workspace), EditScope::NONE);
        let names = insert(name.clone()).scope(&workspace);
        assert!(names.names && !names.events && !names.families);
        // A removal is judged by the annotation it removes, looked up in the workspace.
        let remove = |id| Edit::RemoveAnnotation {
            id: AnnotationId(id),
            next_id: 3,
        };
        assert_eq!(remove(1).scope(&workspace), EditScope::NONE);
        assert!(remove(2).scope(&workspace).names);
        assert_eq!(remove(9).scope(&workspace), EditScope::ALL, "unknown: all");
        // A tag replaced by a name changes the names.
        let retyped = annotation(1, AnnotationBody::Entity(key.clone()));
        assert!(Edit::ReplaceAnnotation(retyped).scope(&workspace).names);
        let evidence = annotation(3, AnnotationBody::TimeExpression);
        assert!(insert(evidence).scope(&workspace).events);
    }

    #[test]
    fn events_decisions_and_batches_name_what_they_change() {
        let workspace = Workspace::default();
        let event = Edit::ReplaceEvent(Event::manual(
            "Envoys met",
            crate::model::TimeValue::from_timex("DATE", "2022-05-02").unwrap(),
        ));
        let scope = event.scope(&workspace);
        assert!(scope.events && !scope.names && !scope.families);
        let merge = Edit::PushEntityDecision(crate::model::EntityDecision::Merge {
            from: EntityKey::new("Liang", EntityLabel::Person),
            into: EntityKey::new("Liang Guanglie", EntityLabel::Person),
        });
        let scope = merge.scope(&workspace);
        assert!(scope.names && scope.events && !scope.families && !scope.articles);
        let headline = Edit::SetHeadline(ArticleId(0), "Talks".into()).scope(&workspace);
        assert!(headline.articles && headline.events && !headline.names);
        let family = Edit::PushFamilyDecision(FamilyDecision::Alone(ArticleId(1)));
        assert_eq!(
            family.scope(&workspace),
            EditScope {
                article_list: false,
                ..EditScope::ALL
            },
            "a family decision changes every view but not the list of articles"
        );
        assert_eq!(
            Edit::SetCodebook(Default::default()).scope(&workspace),
            EditScope::NONE
        );
        let batch = Edit::Batch(vec![
            insert(annotation(1, AnnotationBody::Note("n".into()))),
            event,
        ]);
        assert_eq!(batch.scope(&workspace), scope_events());
    }

    fn scope_events() -> EditScope {
        EditScope {
            events: true,
            ..EditScope::NONE
        }
    }
}

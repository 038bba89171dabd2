//! Changes to the workspace as values. Every change the user makes to events (and, in time,
//! to annotations, entities and tags) is an [`Edit`]; applying one returns its inverse, which
//! is what undo applies.

use super::{Event, EventId, SuggestionKey, Workspace};

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
    /// Several edits as one step (a merge), applied in order and undone in reverse.
    Batch(Vec<Edit>),
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

    /// The edit that deletes a stored event (ids are never reused).
    pub fn remove_event(workspace: &Workspace, id: EventId) -> Self {
        Edit::RemoveEvent {
            id,
            next_id: workspace.next_event_id,
        }
    }

    /// Applies the edit and returns its inverse. On error nothing changed.
    pub fn apply(self, workspace: &mut Workspace) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::InsertEvent { at, event, next_id } => {
                if workspace.events.iter().any(|e| e.id == event.id) {
                    return Err(EditError::DuplicateEvent(event.id));
                }
                let before = workspace.next_event_id;
                let id = event.id;
                workspace
                    .events
                    .insert(at.min(workspace.events.len()), event);
                workspace.next_event_id = next_id;
                Edit::RemoveEvent {
                    id,
                    next_id: before,
                }
            }
            Edit::RemoveEvent { id, next_id } => {
                let at = workspace
                    .events
                    .iter()
                    .position(|e| e.id == id)
                    .ok_or(EditError::NoSuchEvent(id))?;
                let event = workspace.events.remove(at);
                let before = workspace.next_event_id;
                workspace.next_event_id = next_id;
                Edit::InsertEvent {
                    at,
                    event,
                    next_id: before,
                }
            }
            Edit::ReplaceEvent(event) => {
                let slot = workspace
                    .events
                    .iter_mut()
                    .find(|e| e.id == event.id)
                    .ok_or(EditError::NoSuchEvent(event.id))?;
                Edit::ReplaceEvent(std::mem::replace(slot, event))
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

//! Events in the app: suggestions computed in the background from time expressions and names,
//! the timeline's lanes cached until something they show changes, and the commands that edit
//! events through the workspace's undoable edits.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::{Command, DatelineApp};
use crate::extract::events::all_article_events_counted;
use crate::jobs::{BackgroundTask, TaskPoll, drop_elsewhere};
use crate::model::{ArticleId, Edit, EntityKey, Event, EventOrigin, resolve_key};
use crate::timeline::PictureFormat;
use crate::timeline::lanes::{
    EventRef, Lane, LaneMode, LaneNames, article_lane, build_lanes, visible_events,
};
use crate::ui::event_inspector::MergeCandidate;
use crate::ui::timeline::TimelineView;

/// Events (stored and suggested) and articles up to which the lanes are built on the UI
/// thread.
const LANES_INLINE: usize = 20_000;

/// Where a timeline item's event lives in the events its lanes were built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum EventSlot {
    /// The stored events' `[i]`.
    Stored(usize),
    /// The suggestions' `[i]`.
    Suggested(usize),
}

/// What the lanes are built from, taken on the UI thread so that they can be built off it.
struct LaneInputs {
    key: LaneKey,
    stored: Arc<Vec<Event>>,
    suggested: Arc<Vec<Event>>,
    dismissed: Vec<crate::model::SuggestionKey>,
    results: Option<Arc<HashSet<ArticleId>>>,
    registry: Arc<Vec<crate::model::RegistryEntity>>,
    decisions: Vec<crate::model::EntityDecision>,
    articles: Arc<Vec<crate::model::Article>>,
    only_articles: Option<HashSet<ArticleId>>,
    only: Option<EntityKey>,
}

impl LaneInputs {
    /// The lanes, with the events they index.
    fn build(self) -> TimelineCache {
        let shown = visible_events(&self.stored, &self.suggested, &self.dismissed);
        let stored_index: HashMap<_, usize> = self
            .stored
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        let mut slots = Vec::with_capacity(shown.len());
        let mut refs: Vec<&Event> = Vec::with_capacity(shown.len());
        let mut suggestion_index = 0usize;
        for (r, e) in &shown {
            if let Some(results) = &self.results
                && !e.evidence.iter().any(|ev| results.contains(&ev.article))
            {
                continue;
            }
            match r {
                EventRef::Stored(id) => slots.push(EventSlot::Stored(stored_index[id])),
                EventRef::Suggested(_) => {
                    // Suggestions come after stored events, in their own order.
                    while !std::ptr::eq(&self.suggested[suggestion_index], *e) {
                        suggestion_index += 1;
                    }
                    slots.push(EventSlot::Suggested(suggestion_index));
                }
            }
            refs.push(e);
        }
        let registry: HashMap<&EntityKey, &str> = self
            .registry
            .iter()
            .filter(|e| !e.hidden)
            .map(|e| (&e.key, e.name.as_str()))
            .collect();
        let decisions = &self.decisions;
        let entity = |k: &EntityKey| {
            let key = resolve_key(k, decisions);
            let name = registry.get(&key)?.to_string();
            Some((key, name))
        };
        let headlines: HashMap<ArticleId, &str> = self
            .articles
            .iter()
            .map(|a| (a.id, a.headline.as_str()))
            .collect();
        let article = |id: ArticleId| {
            headlines
                .get(&id)
                .map_or_else(String::new, |h| h.to_string())
        };
        let names = LaneNames {
            entity: &entity,
            article: &article,
        };
        let lanes = build_lanes(&refs, self.key.mode, self.only.as_ref(), &names);
        let articles = article_lane(&self.articles, self.only_articles.as_ref());
        drop(refs);
        drop(shown);
        TimelineCache {
            key: self.key,
            stored: self.stored,
            suggested: self.suggested,
            slots,
            lanes,
            articles,
            candidates: None,
        }
    }
}

/// What the lanes were built for; any change rebuilds them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LaneKey {
    content: u64,
    suggestions: u64,
    mode: LaneMode,
    only: Option<EntityKey>,
    registry: u64,
    /// "Show only results": its generation, 0 when off.
    results: u64,
}

/// The timeline's lanes and the events they index.
pub(super) struct TimelineCache {
    key: LaneKey,
    /// The stored events the lanes were built from (a copy: the lanes of a large workspace
    /// are built off the UI thread and drawn until newer ones arrive).
    stored: Arc<Vec<Event>>,
    /// The suggestions they were built from.
    suggested: Arc<Vec<Event>>,
    /// Index `i` of an item's `event` is `slots[i]`.
    pub slots: Vec<EventSlot>,
    /// Event lanes.
    pub lanes: Vec<Lane>,
    /// Publication markers.
    pub articles: Lane,
    /// The merge candidates of the selected event: a search over every slot, made once per
    /// selection and per build of the lanes, not each frame.
    pub candidates: Option<(EventRef, Vec<MergeCandidate>)>,
}

impl TimelineCache {
    /// The event in a slot.
    pub(super) fn event(&self, slot: EventSlot) -> Option<&Event> {
        match slot {
            EventSlot::Stored(i) => self.stored.get(i),
            EventSlot::Suggested(i) => self.suggested.get(i),
        }
    }

    /// The slot's reference: what commands name it by.
    pub(super) fn reference(&self, slot: EventSlot) -> Option<EventRef> {
        let event = self.event(slot)?;
        Some(match slot {
            EventSlot::Stored(_) => EventRef::Stored(event.id),
            EventSlot::Suggested(_) => EventRef::Suggested(event.suggestion_key()?.clone()),
        })
    }

    /// True when `reference` names the slot's event (a suggestion's key also names the
    /// stored event that replaced it).
    pub(super) fn is(&self, slot: EventSlot, reference: &EventRef) -> bool {
        match (reference, slot, self.event(slot)) {
            (EventRef::Stored(id), EventSlot::Stored(_), Some(e)) => e.id == *id,
            (EventRef::Suggested(key), _, Some(e)) => e.suggestion_key() == Some(key),
            _ => false,
        }
    }
}

/// The evidence the reader shows after a click on an event: article, byte span, and the time
/// the flash started (seconds of egui's clock).
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceFocus {
    /// The article.
    pub article: ArticleId,
    /// First byte in its body.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// When it was asked for; the reader scrolls to it once and fades the flash from here.
    pub since: f64,
    /// The reader has scrolled to it.
    pub scrolled: bool,
}

/// Event state of the app.
#[derive(Default)]
pub(super) struct EventState {
    /// Suggestions and the inputs version they were made for.
    pub suggestions: (u64, Arc<Vec<Event>>),
    pub task: Option<BackgroundTask<(u64, Option<Vec<Event>>)>>,
    /// The lanes of a large workspace being built.
    lanes_task: Option<BackgroundTask<TimelineCache>>,
    /// Events and articles up to which the lanes are built on the UI thread; `None` for
    /// [`LANES_INLINE`].
    pub lanes_inline_limit: Option<usize>,
    /// Bumped whenever what suggestions are made from changes (articles, names, corrections,
    /// reference dates).
    pub inputs: u64,
    pub selected: Option<EventRef>,
    pub view: TimelineView,
    pub cache: Option<TimelineCache>,
    pub focus: Option<EvidenceFocus>,
    /// A picture export waiting for the screenshot: where its outcome arrives.
    pub png_pending: Option<std::sync::mpsc::Receiver<Result<PathBuf, String>>>,
}

impl DatelineApp {
    /// Starts making suggestions when their inputs changed, and collects finished ones.
    pub(super) fn refresh_suggestions(&mut self) {
        if let Some(task) = &self.events.task {
            match task.poll() {
                TaskPoll::Pending => {}
                TaskPoll::Done((_, None)) => self.events.task = None,
                TaskPoll::Done((version, Some(events))) => {
                    let old = std::mem::replace(
                        &mut self.events.suggestions,
                        (version, Arc::new(events)),
                    );
                    drop_elsewhere(old);
                    self.events.task = None;
                }
                TaskPoll::Lost => self.events.task = None,
            }
        }
        // Wait for names, so suggestions get their participants, and for the families when
        // each report counts once, so the events are not made twice.
        if self.events.task.is_some()
            || self.extraction_stopped
            || self.mention_task.is_some()
            || (self.families.count_once && self.families_pending())
            || self.events.suggestions.0 == self.events.inputs
        {
            return;
        }
        let version = self.events.inputs;
        // Shared, not copied: the task reads the articles as they are now.
        let articles = Arc::clone(&self.workspace.articles);
        let corrections = self.workspace.timex_corrections.clone();
        let spans = self.mentions.1.clone();
        // Time expressions the user rejected make no events.
        let rejected: HashSet<(ArticleId, usize, String)> = self
            .workspace
            .annotations
            .iter()
            .filter(|a| a.is_rejected() && a.body == crate::model::AnnotationBody::TimeExpression)
            .map(|a| (a.target.article, a.target.start, a.target.quote.clone()))
            .collect();
        let counting = self.counting_families();
        let label = "Finding events…".to_string();
        let total = articles.len();
        if let Ok(task) = BackgroundTask::start_counted(
            "events",
            label,
            self.wake.clone(),
            total,
            move |progress| {
                let Some(events) = all_article_events_counted(
                    &articles,
                    &corrections,
                    &spans,
                    &progress.done,
                    &progress.cancel,
                ) else {
                    return (version, None);
                };
                let mut events = crate::families::merge_versions_events(events, &counting);
                if !rejected.is_empty() {
                    events.retain(|e| {
                        e.suggestion_key().is_none_or(|k| {
                            !rejected.contains(&(k.article, k.start, k.text.clone()))
                        })
                    });
                }
                // Each report counted once keeps a fifth of the events or fewer: the list's
                // room for the rest goes back.
                events.shrink_to_fit();
                (version, Some(events))
            },
        ) {
            self.events.task = Some(task);
        }
    }

    /// Rebuilds the lanes when the events, the grouping or the entity selection changed: at
    /// once for a small workspace, on a `dateline-lanes` thread for a large one (the lanes
    /// built before stay in place, drawing the events they were built from, until the new ones
    /// arrive).
    pub(super) fn refresh_timeline(&mut self) {
        let only = self.selected_entities.first().cloned();
        let key = LaneKey {
            content: self.derived.events,
            suggestions: self.events.suggestions.0,
            mode: self.events.view.lane_mode,
            only: only.clone(),
            registry: self.registry_generation,
            results: if self.search.only.is_some() {
                self.search.only_generation
            } else {
                0
            },
        };
        if let Some(task) = &self.events.lanes_task {
            match task.poll() {
                TaskPoll::Pending => return,
                TaskPoll::Done(cache) => {
                    self.events.lanes_task = None;
                    if cache.key == key {
                        let old = self.events.cache.replace(cache);
                        drop_elsewhere(old);
                        return;
                    }
                    drop_elsewhere(Some(cache));
                }
                TaskPoll::Lost => self.events.lanes_task = None,
            }
        }
        if self.events.cache.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        let workspace = &self.workspace;
        let stored = Arc::new(workspace.events.clone());
        let suggested = Arc::clone(&self.events.suggestions.1);
        // The lanes and the publication markers are built together.
        let large = stored.len() + suggested.len() + workspace.articles.len()
            > self.events.lanes_inline_limit.unwrap_or(LANES_INLINE);
        let inputs = LaneInputs {
            key,
            stored,
            suggested,
            dismissed: workspace.dismissed_suggestions.clone(),
            results: self.search.only.clone(),
            registry: Arc::clone(&self.registry.1),
            decisions: workspace.entity_decisions.clone(),
            articles: Arc::clone(&workspace.articles),
            only_articles: self.shown_articles().map(|v| v.into_iter().collect()),
            only,
        };
        if !large {
            self.events.cache = Some(inputs.build());
            return;
        }
        let label = "Laying out the timeline…".to_string();
        match BackgroundTask::start("lanes", label, self.wake.clone(), move || inputs.build()) {
            Ok(task) => self.events.lanes_task = Some(task),
            Err(_) => self.message = Some("Could not start laying out the timeline".into()),
        }
    }

    /// Stops finding names and events and building the search index (the status bar's Stop);
    /// nothing starts them again until [`Command::ResumeExtraction`].
    pub(super) fn stop_extraction(&mut self) {
        if let Some(task) = &self.mention_task {
            task.cancel();
        }
        if let Some(task) = &self.events.task {
            task.cancel();
        }
        self.stop_index_build();
        self.extraction_stopped = true;
        self.message = Some(
            "Stopped finding names and events and indexing; the status bar's \u{201c}Find \
             them\u{201d} starts again"
                .into(),
        );
    }

    /// Lets names and events be found again after [`Self::stop_extraction`].
    pub(super) fn resume_extraction(&mut self) {
        self.extraction_stopped = false;
        self.message = None;
    }

    /// True when the user stopped finding names and events.
    pub fn extraction_stopped(&self) -> bool {
        self.extraction_stopped
    }

    /// Finding names or events as the status bar shows it: running (with its count), or
    /// stopped by the user.
    pub(super) fn extraction_status(&self) -> Option<crate::ui::status_bar::Extraction> {
        use crate::ui::status_bar::Extraction;
        let running =
            |label: &str, progress: Option<&std::sync::Arc<crate::jobs::TaskProgress>>| {
                progress.map(|p| Extraction::Running {
                    label: label.to_string(),
                    done: p.done.load(std::sync::atomic::Ordering::Relaxed),
                    total: p.total,
                })
            };
        self.mention_task
            .as_ref()
            .and_then(|t| running(&t.label, t.progress.as_ref()))
            .or_else(|| {
                self.events
                    .task
                    .as_ref()
                    .and_then(|t| running(&t.label, t.progress.as_ref()))
            })
            .or(self.extraction_stopped.then_some(Extraction::Stopped))
    }

    /// Sets how many events and articles the lanes may hold and still be built on the UI
    /// thread (tests use 0 to take the background path a large corpus takes).
    pub fn set_lanes_inline_limit(&mut self, items: usize) {
        self.events.lanes_inline_limit = Some(items);
    }

    /// The label of the lanes task while it runs.
    pub(super) fn lanes_busy(&self) -> Option<&str> {
        self.events.lanes_task.as_ref().map(|t| t.label.as_str())
    }

    /// The event a reference names: stored, or a suggestion still shown.
    pub fn event(&self, reference: &EventRef) -> Option<&Event> {
        match reference {
            EventRef::Stored(id) => self.workspace.event(*id),
            EventRef::Suggested(key) => self
                .workspace
                .events
                .iter()
                .find(|e| e.suggestion_key() == Some(key))
                .or_else(|| {
                    self.events
                        .suggestions
                        .1
                        .iter()
                        .find(|e| e.suggestion_key() == Some(key))
                }),
        }
    }

    /// The articles whose events the timeline's lanes hold now (after the entity selection and
    /// "Show only results").
    pub fn timeline_event_articles(&self) -> Vec<ArticleId> {
        let Some(cache) = &self.events.cache else {
            return Vec::new();
        };
        let mut ids: Vec<ArticleId> = cache
            .slots
            .iter()
            .filter_map(|&slot| cache.event(slot))
            .flat_map(|e| e.evidence.iter().map(|ev| ev.article))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The suggested events of every article, as last computed.
    pub fn suggested_events(&self) -> &[Event] {
        &self.events.suggestions.1
    }

    /// The selected event.
    pub fn selected_event(&self) -> Option<&EventRef> {
        self.events.selected.as_ref()
    }

    /// The evidence the reader is showing for the selected event.
    pub fn evidence_focus(&self) -> Option<&EvidenceFocus> {
        self.events.focus.as_ref()
    }

    /// The timeline's view state.
    pub fn timeline_view(&self) -> &TimelineView {
        &self.events.view
    }

    /// The timeline's view state, to change.
    pub fn timeline_view_mut(&mut self) -> &mut TimelineView {
        &mut self.events.view
    }

    /// True while suggestions are being made.
    pub fn finding_events(&self) -> bool {
        self.events.task.is_some()
            || (!self.extraction_stopped && self.events.suggestions.0 != self.events.inputs)
    }

    /// Applies an edit through the history, so it can be undone; false (with a message) when
    /// it could not be applied.
    pub(super) fn apply_edit(&mut self, edit: Edit) -> bool {
        let extraction = edit.changes_extraction();
        let scope = edit.scope(&self.workspace);
        match self.history.apply(edit, &mut self.workspace) {
            Ok(()) => {
                if extraction {
                    self.events.inputs += 1;
                }
                self.changed_in(scope);
                true
            }
            Err(e) => {
                self.message = Some(format!("Could not change the workspace: {e}"));
                false
            }
        }
    }

    /// Handles the event and undo commands.
    pub(super) fn handle_event_command(&mut self, command: Command) {
        match command {
            Command::SelectEvent(reference) => self.select_event(reference),
            Command::OpenEvidence(evidence) => self.focus_evidence(&evidence),
            Command::UpdateEvent(reference, event) => {
                let existing = self.event(&reference).cloned();
                match existing {
                    Some(old) if old.id != Event::UNSTORED => {
                        let mut event = *event;
                        event.id = old.id;
                        event.origin = old.origin;
                        if self.apply_edit(Edit::ReplaceEvent(event)) {
                            self.events.selected = Some(EventRef::Stored(old.id));
                        }
                    }
                    Some(suggestion) => {
                        // The user touched a suggestion: it becomes an event of the workspace.
                        let mut event = *event;
                        event.origin = suggestion.origin;
                        let edit = Edit::add_event(&self.workspace, event);
                        let id = crate::model::EventId(self.workspace.next_event_id);
                        if self.apply_edit(edit) {
                            self.events.selected = Some(EventRef::Stored(id));
                        }
                    }
                    None => self.message = Some("That event is no longer there".into()),
                }
            }
            Command::CreateEvent(event) => {
                let mut event = *event;
                event.origin = EventOrigin::Manual;
                let id = crate::model::EventId(self.workspace.next_event_id);
                let edit = Edit::add_event(&self.workspace, event);
                if self.apply_edit(edit) {
                    self.events.selected = Some(EventRef::Stored(id));
                    self.message = Some("New event: give it a title in the inspector".into());
                }
            }
            Command::DeleteEvent(reference) => {
                let edit = match &reference {
                    EventRef::Stored(id) => Edit::remove_event(&self.workspace, *id),
                    EventRef::Suggested(key) => Edit::DismissSuggestion(key.clone()),
                };
                if self.apply_edit(edit) {
                    self.events.selected = None;
                    self.events.focus = None;
                    self.message = Some("Event deleted (Ctrl+Z brings it back)".into());
                }
            }
            Command::MergeEvents(references) => self.merge_events(&references),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::ExportTimelineDialog(format) => {
                self.show_dialog(super::dialogs::DialogKind::ExportTimeline(format))
            }
            Command::ExportTimelineTo(path, format) => self.export_timeline(path, format),
            _ => {}
        }
    }

    fn select_event(&mut self, reference: Option<EventRef>) {
        let Some(reference) = reference else {
            self.events.selected = None;
            self.events.focus = None;
            return;
        };
        let Some(event) = self.event(&reference) else {
            return;
        };
        let evidence = event.evidence.first().cloned();
        // A kept suggestion is selected as the stored event it became.
        let reference = match event.id {
            Event::UNSTORED => reference,
            id => EventRef::Stored(id),
        };
        self.events.selected = Some(reference);
        match evidence {
            Some(evidence) => self.focus_evidence(&evidence),
            None => self.events.focus = None,
        }
    }

    /// Opens the evidence's article, scrolls to the passage and flashes it.
    fn focus_evidence(&mut self, evidence: &crate::model::Evidence) {
        let Some(article) = self.workspace.article(evidence.article) else {
            self.message = Some("That article is no longer in the workspace".into());
            return;
        };
        let byte = |cp: usize| crate::extract::offsets::byte_offset(&article.body, cp);
        let (start, end) = (byte(evidence.start), byte(evidence.end));
        self.show_span(evidence.article, start, end);
    }

    /// Opens an article in the reader scrolled to bytes `start..end`, flashing them.
    pub(super) fn show_span(&mut self, article: ArticleId, start: usize, end: usize) {
        let since = self.context.as_ref().map_or(0.0, |c| c.input(|i| i.time));
        self.events.focus = Some(EvidenceFocus {
            article,
            start,
            end,
            since,
            scrolled: false,
        });
        if self.selection != Some(article) {
            self.selected_timex = None;
        }
        self.selection = Some(article);
        self.reader.show_original = false;
    }

    fn merge_events(&mut self, references: &[EventRef]) {
        let events: Vec<Event> = references
            .iter()
            .filter_map(|r| self.event(r).cloned())
            .collect();
        let Some((first, rest)) = events.split_first() else {
            return;
        };
        if rest.is_empty() {
            return;
        }
        let mut merged = first.clone();
        for other in rest {
            for e in &other.evidence {
                if !merged.evidence.contains(e) {
                    merged.evidence.push(e.clone());
                }
            }
            for p in &other.participants {
                if !merged.participants.contains(p) {
                    merged.participants.push(p.clone());
                }
            }
            for t in &other.tags {
                if !merged.tags.contains(t) {
                    merged.tags.push(t.clone());
                }
            }
        }
        let mut edits = Vec::new();
        let mut next_id = self.workspace.next_event_id;
        let mut at = self.workspace.events.len();
        let target = if merged.id == Event::UNSTORED {
            merged.id = crate::model::EventId(next_id);
            next_id += 1;
            edits.push(Edit::InsertEvent {
                at,
                event: merged.clone(),
                next_id,
            });
            at += 1;
            merged.id
        } else {
            edits.push(Edit::ReplaceEvent(merged.clone()));
            merged.id
        };
        let _ = at;
        for other in rest {
            match other.suggestion_key() {
                _ if other.id != Event::UNSTORED => edits.push(Edit::RemoveEvent {
                    id: other.id,
                    next_id,
                }),
                Some(key) => edits.push(Edit::DismissSuggestion(key.clone())),
                None => {}
            }
        }
        if self.apply_edit(Edit::Batch(edits)) {
            self.events.selected = Some(EventRef::Stored(target));
            self.message = Some(format!(
                "Merged {} events into \u{201c}{}\u{201d}",
                events.len(),
                merged.title
            ));
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let next = if undo {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let scope = next.map_or(crate::model::EditScope::NONE, |e| e.scope(&self.workspace));
        let result = if undo {
            self.history.undo(&mut self.workspace)
        } else {
            self.history.redo(&mut self.workspace)
        };
        match result.map(|applied| applied.map(Edit::changes_extraction)) {
            Ok(Some(extraction)) => {
                if extraction {
                    self.events.inputs += 1;
                }
                self.changed_in(scope);
                // The selection may name an event the step took away.
                if let Some(r) = &self.events.selected
                    && self.event(r).is_none()
                {
                    self.events.selected = None;
                    self.events.focus = None;
                }
                self.message = Some(if undo { "Undone" } else { "Redone" }.into());
            }
            Ok(None) => {
                self.message = Some(
                    if undo {
                        "Nothing to undo"
                    } else {
                        "Nothing to redo"
                    }
                    .into(),
                )
            }
            Err(e) => self.message = Some(format!("Could not undo: {e}")),
        }
    }

    fn export_timeline(&mut self, path: PathBuf, format: PictureFormat) {
        match format {
            PictureFormat::Svg => {
                let svg = self.timeline_svg();
                match crate::store::write_atomically(&path, svg.as_bytes(), None) {
                    Ok(()) => {
                        self.message = Some(format!("Exported the timeline to {}", path.display()))
                    }
                    Err(e) => {
                        self.alert = Some(super::Alert {
                            title: "Could not export the timeline".into(),
                            message: e.to_string(),
                        })
                    }
                }
            }
            PictureFormat::Png => {
                let (Some(ctx), Some(area)) = (self.context.clone(), self.events.view.area) else {
                    self.message = Some("Show the timeline before exporting a picture".into());
                    return;
                };
                let region = egui::Rect::from_min_max(
                    egui::pos2(area.left() - 150.0, area.top()),
                    area.right_bottom(),
                );
                let scale = ctx.pixels_per_point();
                let (sender, receiver) = std::sync::mpsc::channel();
                self.events.png_pending = Some(receiver);
                let wake = ctx.clone();
                ctx.request_screenshot(move |image| {
                    let cropped = image.region(&region, Some(scale));
                    let result = encode_png(&cropped)
                        .and_then(|bytes| {
                            crate::store::write_atomically(&path, &bytes, None)
                                .map_err(|e| e.to_string())
                        })
                        .map(|()| path.clone())
                        .map_err(|e| format!("{}: {e}", path.display()));
                    let _ = sender.send(result);
                    wake.request_repaint();
                });
            }
        }
    }

    /// The timeline's current view as SVG.
    pub fn timeline_svg(&mut self) -> String {
        self.refresh_timeline();
        let Some(cache) = &self.events.cache else {
            return String::new();
        };
        let axis = self
            .events
            .view
            .axis
            .unwrap_or_else(|| crate::timeline::axis::TimeAxis::fit(0.0, 1.0, 1200.0));
        let width = self.events.view.width.max(400.0);
        let mut lanes: Vec<&Lane> = vec![&cache.articles];
        lanes.extend(cache.lanes.iter());
        let title = |row: usize, item: usize| -> String {
            let lane = lanes[row];
            let index = lane.items[item].event;
            if row == 0 {
                return self
                    .workspace
                    .articles
                    .get(index)
                    .map_or_else(String::new, |a| a.headline.clone());
            }
            cache
                .slots
                .get(index)
                .and_then(|s| cache.event(*s))
                .map_or_else(String::new, |e| {
                    format!("{} ({})", e.title, e.value.to_timex())
                })
        };
        crate::timeline::svg::timeline_svg(
            &lanes,
            &axis,
            crate::timeline::svg::SvgLayout {
                width,
                ..Default::default()
            },
            &title,
        )
    }

    /// Reports a finished picture export.
    pub(super) fn finish_png_export(&mut self) {
        let Some(receiver) = &self.events.png_pending else {
            return;
        };
        match receiver.try_recv() {
            Ok(Ok(path)) => {
                self.message = Some(format!("Exported the timeline to {}", path.display()));
                self.events.png_pending = None;
            }
            Ok(Err(message)) => {
                self.alert = Some(super::Alert {
                    title: "Could not export the timeline".into(),
                    message,
                });
                self.events.png_pending = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.message = Some("The picture export was not taken".into());
                self.events.png_pending = None;
            }
        }
    }
}

/// An image as PNG bytes.
fn encode_png(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let data: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

/// The file name an export suggests: "timeline.svg" or "timeline.png".
pub fn export_file_name(format: PictureFormat) -> &'static str {
    match format {
        PictureFormat::Svg => "timeline.svg",
        PictureFormat::Png => "timeline.png",
    }
}

/// `path` with the export's extension when it has none.
pub fn with_export_extension(path: PathBuf, format: PictureFormat) -> PathBuf {
    let ext = match format {
        PictureFormat::Svg => "svg",
        PictureFormat::Png => "png",
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(ext);
        path.with_file_name(name)
    }
}

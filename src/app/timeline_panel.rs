//! The timeline panel and the event section of the inspector, fed from the app's event state.

use super::{Command, DatelineApp};
use crate::model::Event;
use crate::timeline::lanes::EventRef;
use crate::ui;
use crate::ui::event_inspector::MergeCandidate;

impl DatelineApp {
    /// Draws the timeline across the bottom of the window; returns how tall it was drawn (0
    /// when it was not).
    pub(super) fn timeline_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> f32 {
        self.refresh_timeline();
        let Some(cache) = self.events.cache.take() else {
            return 0.0;
        };
        let mut height = 0.0;
        let mut view = std::mem::take(&mut self.events.view);
        let events: Vec<&Event> = cache.slots.iter().filter_map(|s| cache.event(*s)).collect();
        // Every slot resolves in the events the lanes were built from.
        if events.len() == cache.slots.len() {
            let selected = self
                .events
                .selected
                .as_ref()
                .and_then(|r| cache.slots.iter().position(|s| cache.is(*s, r)));
            let event_ref = |i: usize| {
                cache
                    .slots
                    .get(i)
                    .and_then(|s| cache.reference(*s))
                    .unwrap_or(EventRef::Stored(crate::model::EventId(u64::MAX)))
            };
            let data = ui::timeline::TimelineData {
                events: &events,
                event_ref: &event_ref,
                lanes: &cache.lanes,
                articles_lane: &cache.articles,
                articles: &self.workspace.articles,
                selected,
                version: self.derived.events.wrapping_mul(1_000_003) ^ self.events.suggestions.0,
            };
            let shown = egui::Panel::bottom("timeline_panel")
                .default_size(230.0)
                .size_range(120.0..=600.0)
                .resizable(true)
                .show(ui, |ui| {
                    ui::timeline::timeline_ui(ui, &mut view, &data, commands);
                });
            height = shown.response.rect.height();
        }
        self.events.view = view;
        self.events.cache = Some(cache);
        height
    }

    /// The event before (`forward` false) or after the selected one in time on the timeline
    /// (the first or last when none is selected), ties by title.
    pub(super) fn neighbour_event(&self, forward: bool) -> Option<EventRef> {
        let cache = self.events.cache.as_ref()?;
        let mut timed: Vec<(chrono::NaiveDateTime, &str, EventRef)> = cache
            .slots
            .iter()
            .filter_map(|slot| {
                let event = cache.event(*slot)?;
                let (start, _) = event.value.interval()?;
                Some((start, event.title.as_str(), cache.reference(*slot)?))
            })
            .collect();
        timed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
        let at = self
            .events
            .selected
            .as_ref()
            .and_then(|selected| timed.iter().position(|(_, _, r)| r == selected));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => timed.len().checked_sub(1)?,
            (Some(i), true) => (i + 1).min(timed.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        timed.into_iter().nth(next).map(|(_, _, r)| r)
    }

    /// Where the timeline drew this event last frame (the centre of its point or bar), when
    /// it was drawn on its own.
    pub fn event_on_screen(&self, reference: &EventRef) -> Option<egui::Pos2> {
        let cache = self.events.cache.as_ref()?;
        self.events.view.drawn.iter().find_map(|(index, pos)| {
            let slot = cache.slots.get(*index)?;
            cache.is(*slot, reference).then_some(*pos)
        })
    }

    /// What the inspector's event section shows: the selected event (a copy) and the events
    /// it may be merged with.
    pub(super) fn event_section_data(&mut self) -> Option<(EventRef, Event, Vec<MergeCandidate>)> {
        let reference = self.events.selected.clone()?;
        let event = self.event(&reference)?.clone();
        let cached = self
            .events
            .cache
            .as_ref()
            .and_then(|c| c.candidates.as_ref());
        let candidates = match cached {
            Some((r, found)) if *r == reference => found.clone(),
            _ => {
                let found = self.merge_candidates(&event);
                if let Some(cache) = self.events.cache.as_mut() {
                    cache.candidates = Some((reference.clone(), found.clone()));
                }
                found
            }
        };
        Some((reference, event, candidates))
    }

    /// Events on the same day (or the same stretch) from other articles: likely the same
    /// happening reported twice.
    fn merge_candidates(&self, event: &Event) -> Vec<MergeCandidate> {
        let Some((start, end)) = event.value.interval() else {
            return Vec::new();
        };
        let mine = event.articles();
        let Some(cache) = &self.events.cache else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for slot in &cache.slots {
            let Some(other) = cache.event(*slot) else {
                continue;
            };
            if other.id == event.id && other.id != Event::UNSTORED
                || other.id == Event::UNSTORED
                    && event.id == Event::UNSTORED
                    && other.suggestion_key() == event.suggestion_key()
                || other.value.interval() != Some((start, end))
                || other.articles().iter().any(|a| mine.contains(a))
            {
                continue;
            }
            let Some(reference) = cache.reference(*slot) else {
                continue;
            };
            let source = other
                .evidence
                .first()
                .and_then(|e| self.workspace.article(e.article))
                .map_or_else(String::new, |a| a.headline.clone());
            out.push(MergeCandidate {
                reference,
                title: other.title.clone(),
                source,
            });
            if out.len() == 8 {
                break;
            }
        }
        out
    }
}

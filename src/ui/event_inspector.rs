//! The selected event in the inspector: title, value, notes, tags and participants to edit,
//! its evidence to open, other reports of the same day to merge, delete. Each field commits
//! one change when it loses focus, so undo steps match what the user did.

use crate::command::Command;
use crate::model::{
    Article, EntityKey, Event, EventOrigin, Modifier, PRECISIONS, RegistryEntity, TimeValue, Unit,
};
use crate::timeline::lanes::EventRef;

/// The text being edited, kept while the same event stays selected.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventDraft {
    /// Which event the draft belongs to.
    reference: Option<EventRef>,
    /// The event as the draft was loaded from it: when the event changes underneath (a drag,
    /// an undo), the fields follow.
    source: Option<Event>,
    title: String,
    value: String,
    notes: String,
    tags: String,
    participant_search: String,
}

impl EventDraft {
    fn load(&mut self, reference: &EventRef, event: &Event) {
        if self.reference.as_ref() == Some(reference) && self.source.as_ref() == Some(event) {
            return;
        }
        *self = EventDraft {
            reference: Some(reference.clone()),
            source: Some(event.clone()),
            title: event.title.clone(),
            value: event.value.to_timex(),
            notes: event.notes.clone(),
            tags: event.tags.join(", "),
            participant_search: String::new(),
        };
    }
}

/// Commits a change to the event: applies the closure to a copy and sends it when it differs.
type Update<'a> = &'a dyn Fn(&mut Vec<Command>, &dyn Fn(&mut Event));

/// Another event the selected one may be merged with.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeCandidate {
    /// The event.
    pub reference: EventRef,
    /// Its title.
    pub title: String,
    /// The headline of its article.
    pub source: String,
}

/// What the section shows besides the event.
pub struct EventContext<'a> {
    /// The workspace's articles, for evidence headlines.
    pub articles: &'a [Article],
    /// The entities, for adding participants.
    pub registry: &'a [RegistryEntity],
    /// Events of the same day from other articles.
    pub candidates: &'a [MergeCandidate],
}

/// The value a text field holds, when it is a date or time the timeline can place.
fn parse_value(text: &str, event: &Event) -> Option<TimeValue> {
    let kind = if text.contains('T') { "TIME" } else { "DATE" };
    let value = TimeValue::from_timex(kind, text.trim())?;
    value.interval()?;
    Some(match value {
        // Keep the modifier ("about") when only the date changed.
        TimeValue::Point(p, None) => TimeValue::Point(p, event.value.modifier()),
        other => other,
    })
}

/// Draws the selected event.
pub fn event_ui(
    ui: &mut egui::Ui,
    reference: &EventRef,
    event: &Event,
    context: &EventContext<'_>,
    draft: &mut EventDraft,
    commands: &mut Vec<Command>,
) {
    draft.load(reference, event);
    ui.heading("Event");
    ui.weak(match (&event.origin, event.id == Event::UNSTORED) {
        (EventOrigin::Manual, _) => "Made by you",
        (EventOrigin::Suggested { .. }, true) => "Suggested from the text; any change keeps it",
        (EventOrigin::Suggested { .. }, false) => "Suggested, kept by you",
    });
    let update = |commands: &mut Vec<Command>, change: &dyn Fn(&mut Event)| {
        let mut changed = event.clone();
        change(&mut changed);
        if changed != *event {
            commands.push(Command::UpdateEvent(reference.clone(), Box::new(changed)));
        }
    };
    egui::Grid::new("event_fields")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let title = ui.label("Title");
            let r = ui
                .add(egui::TextEdit::singleline(&mut draft.title).desired_width(220.0))
                .labelled_by(title.id);
            if r.lost_focus() {
                let text = draft.title.trim().to_string();
                if !text.is_empty() {
                    update(commands, &|e| e.title = text.clone());
                }
            }
            ui.end_row();
            let when = ui.label("When");
            let r = ui
                .add(egui::TextEdit::singleline(&mut draft.value).desired_width(220.0))
                .labelled_by(when.id)
                .on_hover_text("A TIMEX3 value: 2009-11-22, 2009-11, 1950/1953, 2009-11-22T08:43");
            let parsed = parse_value(&draft.value, event);
            if r.lost_focus()
                && let Some(value) = parsed.clone()
            {
                update(commands, &|e| e.value = value.clone());
            }
            ui.end_row();
            if parsed.is_none() {
                ui.label("");
                ui.colored_label(
                    super::theme::problem(ui),
                    "Not a date the timeline can place (try 2009-11-22 or 1950/1953)",
                );
                ui.end_row();
            }
            let precision = ui.label("Precision");
            let current = match &event.value {
                TimeValue::Point(p, _) => Some(p.precision()),
                TimeValue::Range(Some(p), _) | TimeValue::Range(None, Some(p)) => {
                    Some(p.precision())
                }
                _ => None,
            };
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("event_precision")
                    .selected_text(current.map_or("-", Unit::name))
                    .show_ui(ui, |ui| {
                        for unit in PRECISIONS {
                            if ui
                                .selectable_label(current == Some(unit), Unit::name(unit))
                                .clicked()
                                && let Some(value) = event.value.with_precision(unit)
                            {
                                draft.value = value.to_timex();
                                update(commands, &|e| e.value = value.clone());
                            }
                        }
                    })
                    .response
                    .labelled_by(precision.id);
                let mut approximate = event.value.modifier() == Some(Modifier::Approximate);
                if ui
                    .checkbox(&mut approximate, "about")
                    .on_hover_text("An approximate date: drawn with soft edges")
                    .changed()
                    && let TimeValue::Point(p, _) = &event.value
                {
                    let modifier = approximate.then_some(Modifier::Approximate);
                    let value = TimeValue::Point(p.clone(), modifier);
                    update(commands, &|e| e.value = value.clone());
                }
            });
            ui.end_row();
            let tags = ui.label("Tags");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut draft.tags)
                        .hint_text("comma, separated")
                        .desired_width(220.0),
                )
                .labelled_by(tags.id);
            if r.lost_focus() {
                let list: Vec<String> = draft
                    .tags
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                update(commands, &|e| e.tags = list.clone());
            }
            ui.end_row();
        });
    let notes = ui.label("Notes");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut draft.notes)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(notes.id);
    if r.lost_focus() {
        let text = draft.notes.clone();
        update(commands, &|e| e.notes = text.clone());
    }
    participants_ui(ui, event, context, draft, &update, commands);
    ui.strong(format!("Evidence ({})", event.evidence.len()));
    for evidence in &event.evidence {
        let headline = context
            .articles
            .iter()
            .find(|a| a.id == evidence.article)
            .map_or("(article no longer in the workspace)", |a| {
                a.headline.as_str()
            });
        let quote: String = evidence.quote.chars().take(90).collect();
        if ui
            .link(format!("{headline}: \u{201c}{quote}\u{201d}"))
            .on_hover_text("Open the article at this passage")
            .clicked()
        {
            commands.push(Command::OpenEvidence(evidence.clone()));
        }
    }
    if !context.candidates.is_empty() {
        ui.strong("Same day in other articles");
        for c in context.candidates {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Merge")
                    .on_hover_text("Make them one event with both passages as evidence")
                    .clicked()
                {
                    commands.push(Command::MergeEvents(vec![
                        reference.clone(),
                        c.reference.clone(),
                    ]));
                }
                ui.label(format!("{} ({})", c.title, c.source));
            });
        }
    }
    ui.horizontal(|ui| {
        if event.id == Event::UNSTORED
            && ui
                .button("Keep")
                .on_hover_text("Keep this suggestion as your event")
                .clicked()
        {
            commands.push(Command::UpdateEvent(
                reference.clone(),
                Box::new(event.clone()),
            ));
        }
        if ui
            .button("Delete event")
            .on_hover_text("Delete it (a suggestion stays away after re-extraction)")
            .clicked()
        {
            commands.push(Command::DeleteEvent(reference.clone()));
        }
    });
}

/// The participants, each removable, and a search to add one from the entities.
fn participants_ui(
    ui: &mut egui::Ui,
    event: &Event,
    context: &EventContext<'_>,
    draft: &mut EventDraft,
    update: Update<'_>,
    commands: &mut Vec<Command>,
) {
    ui.strong(format!("Participants ({})", event.participants.len()));
    let name_of = |key: &EntityKey| {
        context
            .registry
            .iter()
            .find(|e| &e.key == key)
            .map_or_else(|| key.name.clone(), |e| e.name.clone())
    };
    ui.horizontal_wrapped(|ui| {
        for key in &event.participants {
            if ui
                .small_button(format!("{} x", name_of(key)))
                .on_hover_text("Remove from this event")
                .clicked()
            {
                let key = key.clone();
                update(commands, &|e| e.participants.retain(|k| *k != key));
            }
        }
    });
    let add = ui.label("Add participant");
    ui.add(
        egui::TextEdit::singleline(&mut draft.participant_search)
            .hint_text("type a name")
            .desired_width(220.0),
    )
    .labelled_by(add.id);
    let search = draft.participant_search.trim().to_lowercase();
    if search.len() >= 2 {
        let matches = context
            .registry
            .iter()
            .filter(|e| !e.hidden && !event.participants.contains(&e.key))
            .filter(|e| e.name.to_lowercase().contains(&search))
            .take(8);
        for entity in matches {
            if ui.button(&entity.name).clicked() {
                let key = entity.key.clone();
                update(commands, &|e| e.participants.push(key.clone()));
                draft.participant_search.clear();
            }
        }
    }
}

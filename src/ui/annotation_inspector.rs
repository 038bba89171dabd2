//! The inspector's annotation sections: the selected annotation (edit its note, tag or entity,
//! delete it, reach the others on the same words) and the machine's suggestions in the article
//! (accept or reject the selected one, or all at once).

use crate::command::Command;
use crate::model::{
    Annotation, AnnotationBody, AnnotationStatus, ArticleId, Codebook, EntityKey, EntityLabel,
    RegistryEntity, TextTarget,
};

/// The note being typed: which annotation and the text so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteDraft {
    annotation: Option<crate::model::AnnotationId>,
    source: String,
    text: String,
}

/// What the annotation section shows besides the annotation.
pub struct AnnotationContext<'a> {
    /// Other annotations covering the same words.
    pub overlapping: &'a [Annotation],
    /// The tags.
    pub codebook: &'a Codebook,
    /// The entities, for names.
    pub registry: &'a [RegistryEntity],
}

/// Draws the selected annotation.
pub fn annotation_ui(
    ui: &mut egui::Ui,
    annotation: &Annotation,
    context: &AnnotationContext<'_>,
    draft: &mut NoteDraft,
    commands: &mut Vec<Command>,
) {
    ui.heading("Annotation");
    ui.label(format!("\u{201c}{}\u{201d}", annotation.target.quote));
    ui.weak(format!(
        "characters {}–{} · {}",
        annotation.target.start,
        annotation.target.end,
        match annotation.status {
            AnnotationStatus::Accepted => "yours",
            AnnotationStatus::Rejected => "rejected suggestion",
            AnnotationStatus::Suggested => "suggested",
        }
    ));
    match &annotation.body {
        AnnotationBody::Entity(key) => {
            let name = context
                .registry
                .iter()
                .find(|e| &e.key == key)
                .map_or(annotation.target.quote.as_str(), |e| e.name.as_str());
            ui.label(format!("Names {name}"));
            ui.horizontal_wrapped(|ui| {
                for label in EntityLabel::ALL {
                    let mut selected = key.label == label;
                    if ui.toggle_value(&mut selected, label_word(label)).clicked()
                        && key.label != label
                    {
                        let mut changed = annotation.clone();
                        changed.body = AnnotationBody::Entity(EntityKey {
                            name: key.name.clone(),
                            label,
                        });
                        commands.push(Command::UpdateAnnotation(changed));
                    }
                }
            });
        }
        AnnotationBody::Tag(tag) => {
            ui.label(format!("Tagged {}", context.codebook.path(*tag)));
            egui::ComboBox::from_label("tag")
                .selected_text(context.codebook.path(*tag))
                .show_ui(ui, |ui| {
                    for (depth, other) in context.codebook.tree() {
                        let name = format!("{}{}", "  ".repeat(depth), other.name);
                        if ui.selectable_label(other.id == *tag, name).clicked() && other.id != *tag
                        {
                            let mut changed = annotation.clone();
                            changed.body = AnnotationBody::Tag(other.id);
                            commands.push(Command::UpdateAnnotation(changed));
                        }
                    }
                });
        }
        AnnotationBody::Note(text) => {
            if draft.annotation != Some(annotation.id) || draft.source != *text {
                *draft = NoteDraft {
                    annotation: Some(annotation.id),
                    source: text.clone(),
                    text: text.clone(),
                };
            }
            let label = ui.label("Note");
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut draft.text)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if response.lost_focus() && draft.text != *text {
                let mut changed = annotation.clone();
                changed.body = AnnotationBody::Note(draft.text.clone());
                commands.push(Command::UpdateAnnotation(changed));
            }
        }
        AnnotationBody::Evidence(event) => {
            ui.label(format!("Evidence of event {}", event.0));
        }
        AnnotationBody::TimeExpression => {
            ui.label("A time expression");
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Delete annotation").clicked() {
            commands.push(Command::DeleteAnnotation(annotation.id));
        }
        if ui.button("Clear").clicked() {
            commands.push(Command::SelectAnnotation(None));
        }
    });
    if !context.overlapping.is_empty() {
        ui.strong("Also on these words");
        for other in context.overlapping {
            let what = match &other.body {
                AnnotationBody::Entity(k) => {
                    format!("{}: {}", label_word(k.label), other.target.quote)
                }
                AnnotationBody::Tag(t) => format!("tag {}", context.codebook.path(*t)),
                AnnotationBody::Note(n) => {
                    format!("note: {}", n.chars().take(40).collect::<String>())
                }
                AnnotationBody::Evidence(e) => format!("evidence of event {}", e.0),
                AnnotationBody::TimeExpression => "time expression".into(),
            };
            if ui.link(what).clicked() {
                commands.push(Command::SelectAnnotation(Some(other.id)));
            }
        }
    }
    ui.separator();
}

/// A suggestion the reader has selected: its span and what it would be.
pub struct SelectedSuggestion {
    /// Where.
    pub target: TextTarget,
    /// A name or a time expression.
    pub body: AnnotationBody,
    /// How the reader shows it: "Liang (person)".
    pub label: String,
}

/// The suggestions of the article: the selected one with accept and reject, and all at once.
pub fn suggestions_ui(
    ui: &mut egui::Ui,
    article: ArticleId,
    undecided: usize,
    selected: Option<&SelectedSuggestion>,
    commands: &mut Vec<Command>,
) {
    ui.strong(format!("Suggestions not decided: {undecided}"));
    if let Some(s) = selected {
        ui.horizontal_wrapped(|ui| {
            ui.label(&s.label);
            if ui
                .button("Accept")
                .on_hover_text("Enter: keep this suggestion as yours")
                .clicked()
            {
                commands.push(Command::Decide(
                    s.target.clone(),
                    s.body.clone(),
                    AnnotationStatus::Accepted,
                ));
            }
            if ui
                .button("Reject")
                .on_hover_text("Backspace: hide it now and after re-extraction")
                .clicked()
            {
                commands.push(Command::Decide(
                    s.target.clone(),
                    s.body.clone(),
                    AnnotationStatus::Rejected,
                ));
            }
        });
    } else {
        ui.weak("Click a name or a time expression in the text to accept or reject it.");
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(undecided > 0, egui::Button::new("Accept all"))
            .clicked()
        {
            commands.push(Command::DecideAll(article, AnnotationStatus::Accepted));
        }
        if ui
            .add_enabled(undecided > 0, egui::Button::new("Reject all"))
            .clicked()
        {
            commands.push(Command::DecideAll(article, AnnotationStatus::Rejected));
        }
    });
    ui.separator();
}

/// A kind of name in words.
fn label_word(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Person => "person",
        EntityLabel::Organisation => "organisation",
        EntityLabel::Place => "place",
        EntityLabel::Other => "other",
    }
}

//! The inspector: what is selected, editable. For now the article's reference date and its
//! time expressions, each with its value, the reason for it, and a correction field.

use chrono::NaiveDate;

use crate::command::Command;
use crate::extract::offsets::CodePoints;
use crate::extract::timex::Timex;
use crate::model::{Article, ReferenceSource, TimeValue, TimexCorrection};

/// The inspector's own editing state.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InspectorView {
    /// The value being typed for the selected time expression.
    pub value_edit: String,
    /// For which expression `value_edit` was filled.
    pub editing: Option<(usize, usize)>,
    /// The reference date being typed.
    pub reference_edit: String,
    /// The headline being typed, and for which article it was filled.
    pub headline_edit: Option<(crate::model::ArticleId, String)>,
    /// A message about the last edit that could not be applied.
    pub error: Option<String>,
    /// The name being typed for the selected entity.
    pub entity_name_edit: String,
    /// For which entity `entity_name_edit` was filled.
    pub editing_entity: Option<crate::model::EntityKey>,
}

/// The selected entity, its kind, aliases and counts, what it appears with, and the actions on
/// it: rename, change kind, hide.
pub fn entity_ui(
    ui: &mut egui::Ui,
    entity: &crate::model::RegistryEntity,
    appears_with: &[(crate::model::EntityKey, String, usize)],
    view: &mut InspectorView,
    commands: &mut Vec<Command>,
) {
    use crate::model::EntityLabel;
    ui.heading("Entity");
    if view.editing_entity.as_ref() != Some(&entity.key) {
        view.editing_entity = Some(entity.key.clone());
        view.entity_name_edit = entity.name.clone();
    }
    ui.strong(&entity.name);
    ui.label(format!(
        "{} · {} mentions in {} articles",
        super::entities::kind_name(entity.label),
        entity.mentions,
        entity.articles.len()
    ));
    if let (Some(first), Some(last)) = (&entity.first_seen, &entity.last_seen) {
        ui.weak(format!(
            "Seen {} to {}",
            first.display_date(),
            last.display_date()
        ));
    }
    let aliases: Vec<&str> = entity.aliases.iter().map(|a| &**a).collect();
    ui.label(format!("Also written: {}", aliases.join(", ")));
    if aliases.len() > 1 {
        ui.menu_button("Split off…", |ui| {
            ui.label("Mentions written as this are someone or something else:");
            for alias in aliases.iter().filter(|a| **a != entity.name) {
                if ui.button(*alias).clicked() {
                    commands.push(Command::SplitEntity(entity.key.clone(), alias.to_string()));
                    ui.close();
                }
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut view.entity_name_edit).desired_width(150.0))
            .labelled_by(label.id);
        let name = view.entity_name_edit.trim();
        if ui
            .add_enabled(
                !name.is_empty() && name != entity.name,
                egui::Button::new("Rename"),
            )
            .clicked()
        {
            commands.push(Command::RenameEntity(entity.key.clone(), name.to_string()));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Type");
        for label in EntityLabel::ALL {
            if ui
                .selectable_label(entity.label == label, super::entities::kind_name(label))
                .clicked()
                && entity.label != label
            {
                commands.push(Command::RetypeEntity(entity.key.clone(), label));
            }
        }
    });
    let hide = if entity.hidden { "Show again" } else { "Hide" };
    if ui.button(hide).clicked() {
        commands.push(Command::HideEntity(entity.key.clone(), !entity.hidden));
    }
    if !appears_with.is_empty() {
        ui.add_space(4.0);
        ui.strong("Appears with");
        for (key, name, shared) in appears_with {
            let noun = if *shared == 1 { "article" } else { "articles" };
            if ui.link(format!("{name} ({shared} {noun})")).clicked() {
                commands.push(Command::SelectEntity(Some(key.clone()), false));
            }
        }
    }
}

/// Draws the inspector for `article`.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    article: Option<&Article>,
    timexes: &[Timex],
    selected: Option<(usize, usize)>,
    view: &mut InspectorView,
    commands: &mut Vec<Command>,
) {
    ui.heading("Article");
    let Some(article) = article else {
        ui.weak("Select an article to see its time expressions.");
        return;
    };
    ui.separator();
    reference_ui(ui, article, view, commands);
    ui.separator();
    ui.strong(format!("Time expressions ({})", timexes.len()));
    if timexes.is_empty() {
        ui.weak("None found in this article.");
    }
    egui::ScrollArea::vertical()
        .id_salt("timex_list")
        .max_height(ui.available_height() * 0.5)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for timex in timexes {
                let label = format!(
                    "{}: {}{}",
                    timex.text,
                    timex.value.to_timex(),
                    if timex.manual { " (yours)" } else { "" }
                );
                let is_selected = selected == Some((timex.start, timex.end));
                if ui
                    .selectable_label(is_selected, label)
                    .on_hover_text(&timex.explanation)
                    .clicked()
                {
                    commands.push(Command::SelectTimex(Some((timex.start, timex.end))));
                }
            }
        });
    if let Some(timex) = selected.and_then(|s| timexes.iter().find(|t| (t.start, t.end) == s)) {
        ui.separator();
        timex_ui(ui, article, timex, view, commands);
    }
    if let Some(error) = &view.error {
        ui.colored_label(super::theme::problem(ui), error);
    }
}

fn reference_ui(
    ui: &mut egui::Ui,
    article: &Article,
    view: &mut InspectorView,
    commands: &mut Vec<Command>,
) {
    if view
        .headline_edit
        .as_ref()
        .is_none_or(|(id, _)| *id != article.id)
    {
        view.headline_edit = Some((article.id, article.headline.clone()));
    }
    if let Some((_, text)) = view.headline_edit.as_mut() {
        ui.horizontal(|ui| {
            let label = ui.label("Headline");
            let response = ui
                .add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY))
                .labelled_by(label.id)
                .on_hover_text("Correct the headline; Ctrl+Z takes it back");
            if response.lost_focus() && text.trim() != article.headline && !text.trim().is_empty() {
                commands.push(Command::SetHeadline(article.id, text.trim().to_string()));
            } else if !response.has_focus() && *text != article.headline {
                // Changed underneath (undo): show the article's headline again.
                *text = article.headline.clone();
            }
        });
    }
    match article.reference_date() {
        Some((date, ReferenceSource::Estimated)) => {
            estimated_reference_ui(ui, article, date, commands);
        }
        Some((date, source)) => {
            ui.label(format!("Reference date: {date} ({})", source.describe()));
        }
        None => {
            ui.colored_label(
                super::theme::uncertain(ui),
                "No reference date: relative dates stay unresolved",
            );
        }
    }
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.reference_edit)
                .hint_text("YYYY-MM-DD")
                .desired_width(110.0),
        );
        let set = ui.button("Set reference date");
        // The button names the field for a screen reader.
        let _ = field.labelled_by(set.id);
        if set.clicked() {
            match NaiveDate::parse_from_str(view.reference_edit.trim(), "%Y-%m-%d") {
                Ok(date) => {
                    view.error = None;
                    commands.push(Command::SetReferenceDate(article.id, Some(date)));
                }
                Err(_) => {
                    view.error = Some(format!(
                        "\"{}\" is not a date like 2009-11-23",
                        view.reference_edit.trim()
                    ))
                }
            }
        }
        if article.reference_override.is_some() && ui.button("Clear").clicked() {
            commands.push(Command::SetReferenceDate(article.id, None));
        }
    });
}

/// An estimated reference date: what it is, why, and a button that makes it the user's.
fn estimated_reference_ui(
    ui: &mut egui::Ui,
    article: &Article,
    date: NaiveDate,
    commands: &mut Vec<Command>,
) {
    let Some(estimate) = &article.reference_estimate else {
        return;
    };
    ui.colored_label(
        super::theme::uncertain(ui),
        format!(
            "Reference date: {} (estimated from the text, confidence {:.2})",
            estimate.describe(),
            estimate.in_force().confidence
        ),
    );
    ui.weak(estimate.in_force().basis);
    if ui
        .button(format!("Accept {date}"))
        .on_hover_text(
            "Use this date as the article's reference date; relative dates (\"a year earlier\", \
             \"on Sunday\") are counted from it. Ctrl+Z takes it back.",
        )
        .clicked()
    {
        commands.push(Command::SetReferenceDate(article.id, Some(date)));
    }
}

fn timex_ui(
    ui: &mut egui::Ui,
    article: &Article,
    timex: &Timex,
    view: &mut InspectorView,
    commands: &mut Vec<Command>,
) {
    let span = (timex.start, timex.end);
    if view.editing != Some(span) {
        view.editing = Some(span);
        view.value_edit = timex.value.to_timex();
        view.error = None;
    }
    ui.strong(format!("\u{201c}{}\u{201d}", timex.text));
    ui.label(format!(
        "{} · {}",
        timex.kind.as_str(),
        if timex.manual {
            "set by you"
        } else {
            "found by Dateline"
        }
    ));
    ui.label(&timex.explanation);
    if let Some((start, end)) = TimeValue::interval(&timex.value) {
        ui.weak(format!("On the time axis: {start} to {end}"));
    }
    ui.horizontal(|ui| {
        let label = ui.label("Value");
        ui.add(egui::TextEdit::singleline(&mut view.value_edit).desired_width(140.0))
            .labelled_by(label.id);
        if ui
            .button("Correct")
            .on_hover_text("Keep this value, marked as yours")
            .clicked()
        {
            match TimeValue::from_timex(timex.kind.as_str(), view.value_edit.trim()) {
                Some(value) => {
                    view.error = None;
                    let mut code_points = CodePoints::new(&article.body);
                    commands.push(Command::CorrectTimex(TimexCorrection {
                        article: article.id,
                        start: code_points.at(timex.start),
                        end: code_points.at(timex.end),
                        text: timex.text.clone(),
                        kind: timex.kind,
                        value,
                    }));
                }
                None => {
                    view.error = Some(format!(
                        "\"{}\" is not a TIMEX3 {} value (for example 2009-11-22, 2009-W47, P2D)",
                        view.value_edit.trim(),
                        timex.kind.as_str()
                    ))
                }
            }
        }
    });
    if timex.manual && ui.button("Use Dateline's value").clicked() {
        let mut code_points = CodePoints::new(&article.body);
        commands.push(Command::RevertTimex(
            article.id,
            code_points.at(timex.start),
            code_points.at(timex.end),
        ));
    }
}

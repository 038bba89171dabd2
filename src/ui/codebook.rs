//! The codebook tab: the user's tags as a tree. Make, rename, recolour, move under another
//! tag, merge into another, delete (asking first when annotations use it).

use crate::command::Command;
use crate::model::{Codebook, Tag, TagId};

/// The tab's own state: the new tag's name, the tag being renamed, a delete waiting for yes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodebookView {
    new_name: String,
    new_parent: Option<TagId>,
    renaming: Option<(TagId, String)>,
    confirm_delete: Option<TagId>,
}

/// Draws the codebook; `uses(tag)` counts the annotations with a tag or its children.
pub fn codebook_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    uses: &dyn Fn(TagId) -> usize,
    view: &mut CodebookView,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("New tag");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut view.new_name)
                    .hint_text("Diplomacy")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
        egui::ComboBox::from_label("under")
            .selected_text(view.new_parent.map_or("(top)".into(), |p| codebook.path(p)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.new_parent, None, "(top)");
                for (_, tag) in codebook.tree() {
                    ui.selectable_value(&mut view.new_parent, Some(tag.id), codebook.path(tag.id));
                }
            });
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add tag").clicked() || enter) && !view.new_name.trim().is_empty() {
            commands.push(Command::CreateTag(
                view.new_name.trim().to_string(),
                view.new_parent,
            ));
            view.new_name.clear();
            // Ready for the next tag.
            response.request_focus();
        }
    });
    ui.weak("Select text in the reader and press 1–9 to apply the first nine tags.");
    ui.separator();
    if codebook.tags.is_empty() {
        ui.weak("No tags yet.");
    }
    egui::ScrollArea::vertical()
        .id_salt("codebook")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (n, (depth, tag)) in codebook.tree().into_iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.add_space(16.0 * depth as f32);
                    tag_row(ui, n, tag, codebook, uses, view, commands);
                });
            }
        });
}

/// One tag: colour, name (or its rename field), uses, and its actions.
fn tag_row(
    ui: &mut egui::Ui,
    n: usize,
    tag: &Tag,
    codebook: &Codebook,
    uses: &dyn Fn(TagId) -> usize,
    view: &mut CodebookView,
    commands: &mut Vec<Command>,
) {
    let [r, g, b] = tag.colour;
    let mut colour = egui::Color32::from_rgb(r, g, b);
    if ui.color_edit_button_srgba(&mut colour).changed() {
        let mut changed = tag.clone();
        changed.colour = [colour.r(), colour.g(), colour.b()];
        commands.push(Command::UpdateTag(changed));
    }
    match &mut view.renaming {
        Some((id, text)) if *id == tag.id => {
            let response = ui.add(egui::TextEdit::singleline(text).desired_width(120.0));
            if response.lost_focus() {
                let name = text.trim().to_string();
                if !name.is_empty() && name != tag.name {
                    let mut changed = tag.clone();
                    changed.name = name;
                    commands.push(Command::UpdateTag(changed));
                }
                view.renaming = None;
            }
        }
        _ => {
            let key = if n < 9 {
                format!("{} ", n + 1)
            } else {
                String::new()
            };
            if ui
                .label(format!("{key}{}", tag.name))
                .on_hover_text("Double-click to rename")
                .double_clicked()
            {
                view.renaming = Some((tag.id, tag.name.clone()));
            }
        }
    }
    let count = uses(tag.id);
    ui.weak(format!("{count}"));
    ui.menu_button("…", |ui| {
        if ui.button("Rename").clicked() {
            view.renaming = Some((tag.id, tag.name.clone()));
            ui.close();
        }
        ui.menu_button("Move under", |ui| {
            if ui.button("(top)").clicked() {
                let mut changed = tag.clone();
                changed.parent = None;
                commands.push(Command::UpdateTag(changed));
                ui.close();
            }
            for (_, other) in codebook.tree() {
                if other.id != tag.id
                    && !codebook.is_within(other.id, tag.id)
                    && ui.button(codebook.path(other.id)).clicked()
                {
                    let mut changed = tag.clone();
                    changed.parent = Some(other.id);
                    commands.push(Command::UpdateTag(changed));
                    ui.close();
                }
            }
        });
        ui.menu_button("Merge into", |ui| {
            for (_, other) in codebook.tree() {
                if other.id != tag.id
                    && !codebook.is_within(other.id, tag.id)
                    && ui.button(codebook.path(other.id)).clicked()
                {
                    commands.push(Command::MergeTags(tag.id, other.id));
                    ui.close();
                }
            }
        });
        if ui.button("Delete").clicked() {
            if count == 0 {
                commands.push(Command::DeleteTag(tag.id));
            } else {
                view.confirm_delete = Some(tag.id);
            }
            ui.close();
        }
    });
    if view.confirm_delete == Some(tag.id) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{count} annotations use it. Delete them too?"),
        );
        if ui.button("Delete tag and annotations").clicked() {
            commands.push(Command::DeleteTag(tag.id));
            view.confirm_delete = None;
        }
        if ui.button("Keep").clicked() {
            view.confirm_delete = None;
        }
    }
}

//! The menu bar: File, Edit, View and Help, built from the same action table as the shortcuts.

use std::path::PathBuf;

use crate::command::{Command, edit_actions, file_actions, search_actions, view_actions};

/// Draws the menu bar; `recent` fills File › Open recent and `backups` File › Open backup;
/// Undo and Redo are enabled as the history allows.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    recent: &[PathBuf],
    backups: &[(PathBuf, String)],
    show_original: bool,
    count_once: bool,
    (can_undo, can_redo): (bool, bool),
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for action in file_actions() {
                action_item(ui, &action, true, commands);
                if action.label == "Save as…" {
                    ui.menu_button("Open backup", |ui| {
                        if backups.is_empty() {
                            ui.label("No backups yet: each save keeps the one before");
                        }
                        for (path, when) in backups {
                            if ui
                                .button(format!("Saved {when}"))
                                .on_hover_text(path.display().to_string())
                                .clicked()
                            {
                                commands.push(Command::OpenBackup(path.clone()));
                            }
                        }
                    });
                }
                if action.label == "Add files…" {
                    ui.menu_button("Open recent", |ui| {
                        if recent.is_empty() {
                            ui.label("No recent workspaces");
                        }
                        for path in recent {
                            if ui.button(path.display().to_string()).clicked() {
                                commands.push(Command::OpenWorkspace(path.clone()));
                            }
                        }
                    });
                    ui.separator();
                }
            }
            ui.separator();
            ui.menu_button("Export", |ui| {
                ui.label("Every article, with your annotations and events:");
                export_items(ui, false, commands);
            });
            ui.separator();
            if ui.button("Quit").clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            for action in edit_actions() {
                let enabled = match action.command {
                    Command::Undo => can_undo,
                    Command::Redo => can_redo,
                    _ => true,
                };
                action_item(ui, &action, enabled, commands);
            }
        });
        ui.menu_button("Search", |ui| {
            for action in search_actions() {
                action_item(ui, &action, true, commands);
            }
        });
        ui.menu_button("View", |ui| {
            let mut original = show_original;
            if ui.checkbox(&mut original, "Original file text").clicked() {
                commands.push(Command::ToggleOriginal);
            }
            let mut once = count_once;
            if ui
                .checkbox(&mut once, "Count each report once")
                .on_hover_text(
                    "Versions of one report (re-sends, updates, copies) count as one in entity \
                     counts, search counts and suggested events",
                )
                .clicked()
            {
                commands.push(Command::SetCountOnce(once));
            }
            ui.separator();
            if ui.button("Next article (J)").clicked() {
                commands.push(Command::SelectNext);
            }
            if ui.button("Previous article (K)").clicked() {
                commands.push(Command::SelectPrevious);
            }
            ui.separator();
            for action in view_actions() {
                if action.command == Command::ShowSettings {
                    action_item(ui, &action, true, commands);
                }
            }
        });
        ui.menu_button("Help", |ui| {
            for action in view_actions() {
                if matches!(
                    action.command,
                    Command::OpenPalette | Command::ShowShortcuts
                ) {
                    action_item(ui, &action, true, commands);
                }
            }
            ui.separator();
            ui.label(format!("Dateline {}", env!("CARGO_PKG_VERSION")));
            if let Some(log) = crate::logging::log_file() {
                ui.label(format!("Log: {}", log.display()))
                    .on_hover_text("What Dateline did, and any error, for a report");
            }
            ui.label("Drop folders or files on the window to import them.");
        });
    });
}

/// A menu item for an action, with its shortcut; a click sends its command.
fn action_item(
    ui: &mut egui::Ui,
    action: &crate::command::Action,
    enabled: bool,
    commands: &mut Vec<Command>,
) {
    let mut button = egui::Button::new(action.label);
    if let Some(shortcut) = &action.shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(action.command.clone());
    }
}

/// One item per export format; `results` exports only the search's articles.
pub fn export_items(ui: &mut egui::Ui, results: bool, commands: &mut Vec<Command>) {
    for format in crate::exchange::ExportFormat::ALL {
        if ui.button(format!("{}…", format.describe())).clicked() {
            commands.push(Command::ExportDialog(format, results));
            ui.close();
        }
    }
}

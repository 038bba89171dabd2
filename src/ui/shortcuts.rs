//! Help › Keyboard shortcuts: every binding, read from the same action table the menus, the
//! keyboard handling and the command palette use, then the keys that act on a selection.

use crate::command::{CONTEXT_KEYS, all_actions};

/// Draws the shortcuts window while `open`; its close button clears `open`.
pub fn shortcuts_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(true)
        .default_width(480.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(520.0)
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts_grid")
                        .striped(true)
                        .num_columns(2)
                        .show(ui, |ui| {
                            for action in all_actions() {
                                if let Some(shortcut) = &action.shortcut {
                                    ui.strong(ctx.format_shortcut(shortcut));
                                    ui.label(action.label);
                                    ui.end_row();
                                }
                            }
                            for (keys, what) in CONTEXT_KEYS {
                                ui.strong(*keys);
                                ui.label(*what);
                                ui.end_row();
                            }
                        });
                });
            ui.add_space(6.0);
            ui.weak(
                "Every action, with or without a key: the command palette (Ctrl+Shift+P or F1).",
            );
        });
}

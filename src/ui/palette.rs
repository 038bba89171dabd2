//! The command palette (Ctrl+Shift+P, F1): a field over a list of everything the user can do
//! or go to, fuzzy-matched as they type: every action with its shortcut (greyed when it cannot
//! run now), and articles by headline, entities by name, tags and saved searches. Up and Down move,
//! Enter runs, Escape closes. The app ranks the items when the query changes; this draws them.

use crate::command::Command;

/// The kind of a line that runs an action.
pub const ACTION: &str = "Action";

/// One line of the palette.
#[derive(Clone, Debug)]
pub struct PaletteItem {
    /// What it says.
    pub label: String,
    /// What kind of thing it is: "Action", "Article", "Entity", "Tag", "Saved search".
    pub kind: &'static str,
    /// The action's keyboard shortcut, shown on the right.
    pub shortcut: Option<egui::KeyboardShortcut>,
    /// Whether it can run now (an unavailable action is shown, greyed).
    pub available: bool,
    /// What choosing it sends.
    pub command: Command,
}

/// The palette's own state.
#[derive(Debug, Default)]
pub struct PaletteView {
    /// Whether it is shown.
    pub open: bool,
    /// What was typed.
    pub query: String,
    /// The highlighted line.
    pub selected: usize,
    /// The ranked lines for `ranked_for`.
    pub items: Vec<PaletteItem>,
    /// The query the lines were ranked for (`None`: rank again).
    pub ranked_for: Option<String>,
}

impl PaletteView {
    /// Opens it empty.
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.selected = 0;
        self.ranked_for = None;
    }

    /// True when it is open and its lines are not those of the query typed.
    pub fn needs_ranking(&self) -> bool {
        self.open && self.ranked_for.as_deref() != Some(self.query.as_str())
    }

    /// Gives it the lines ranked for `query`.
    pub fn set_items(&mut self, query: String, items: Vec<PaletteItem>) {
        self.items = items;
        self.selected = self.items.iter().position(|i| i.available).unwrap_or(0);
        self.ranked_for = Some(query);
    }
}

/// Draws the palette when open; a chosen line's command goes to `commands`.
pub fn palette_ui(ctx: &egui::Context, view: &mut PaletteView, commands: &mut Vec<Command>) {
    if !view.open {
        return;
    }
    use egui::{Key, Modifiers};
    let (down, up, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Enter),
        )
    });
    let last = view.items.len().saturating_sub(1);
    if down {
        view.selected = (view.selected + 1).min(last);
    }
    if up {
        view.selected = view.selected.saturating_sub(1);
    }
    let mut chosen = enter.then_some(view.selected);
    let response = egui::Modal::new(egui::Id::unique("command_palette")).show(ctx, |ui| {
        ui.set_width(600.0);
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.query)
                .hint_text("Type an action, a headline, a name, a tag or a saved search")
                .desired_width(f32::INFINITY),
        );
        field.request_focus();
        super::access_name::name_control(&field, "Command palette");
        ui.add_space(4.0);
        if view.items.is_empty() && view.ranked_for.is_some() {
            ui.weak("Nothing matches");
        }
        egui::ScrollArea::vertical()
            .max_height(380.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (k, item) in view.items.iter().enumerate() {
                    // On the right: an action's shortcut, or what kind of thing to go to.
                    let right = match &item.shortcut {
                        Some(shortcut) => ctx.format_shortcut(shortcut),
                        None if item.kind == ACTION => String::new(),
                        None => item.kind.to_string(),
                    };
                    let button = egui::Button::selectable(k == view.selected, &item.label)
                        .shortcut_text(right);
                    let row = ui.add_enabled_ui(item.available, |ui| {
                        ui.add_sized([ui.available_width(), 22.0], button)
                    });
                    let row = row.inner;
                    let row = if item.available {
                        row
                    } else {
                        row.on_disabled_hover_text("Not available now")
                    };
                    if row.clicked() {
                        chosen = Some(k);
                    }
                    if k == view.selected && (up || down) {
                        row.scroll_to_me(None);
                    }
                }
            });
        ui.add_space(4.0);
        ui.weak("Up and Down to move, Enter to run, Escape to close");
    });
    if let Some(item) = chosen.and_then(|k| view.items.get(k))
        && item.available
    {
        commands.push(item.command.clone());
        view.open = false;
    }
    if response.should_close() {
        view.open = false;
    }
}

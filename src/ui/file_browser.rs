//! Dateline's own file browser, shown when the system's file dialog cannot open: a folder's
//! contents (folders first), a path field, Up and Home, and the button that picks a folder,
//! files, or a name to save as. It draws and reports what was asked; the app lists folders.

use std::path::PathBuf;

use crate::browse::Entry;

/// What the browser picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserPick {
    /// A folder (the one shown, or the one selected).
    Folder,
    /// One file, or several.
    Files {
        /// Several may be selected (Ctrl-click).
        multiple: bool,
    },
    /// A new file's name in the folder shown.
    Save,
}

/// What the user asked of the browser this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserAction {
    /// Show this folder.
    Open(PathBuf),
    /// These are picked.
    Choose(Vec<PathBuf>),
    /// Closed without picking.
    Cancel,
}

/// The browser's state.
#[derive(Clone, Debug)]
pub struct FileBrowserView {
    /// The title ("Open a folder of articles").
    pub title: String,
    /// What it picks.
    pub pick: BrowserPick,
    /// The folder shown.
    pub folder: PathBuf,
    /// Its folders and files.
    pub entries: Vec<Entry>,
    /// Why the folder could not be read, if it could not.
    pub error: Option<String>,
    /// Selected entries (positions in `entries`).
    pub selected: Vec<usize>,
    /// The name to save as (Save only).
    pub name: String,
    /// The path field's text.
    pub path_text: String,
    /// Why this browser is shown instead of the system's dialog.
    pub note: String,
}

impl FileBrowserView {
    /// A browser on `folder` with its listing (or the reason it has none).
    pub fn new(
        title: String,
        pick: BrowserPick,
        folder: PathBuf,
        listing: Result<Vec<Entry>, String>,
    ) -> Self {
        let mut view = Self {
            title,
            pick,
            folder: PathBuf::new(),
            entries: Vec::new(),
            error: None,
            selected: Vec::new(),
            name: String::new(),
            path_text: String::new(),
            note: String::new(),
        };
        view.show_folder(folder, listing);
        view
    }

    /// Shows another folder's listing.
    pub fn show_folder(&mut self, folder: PathBuf, listing: Result<Vec<Entry>, String>) {
        self.path_text = folder.display().to_string();
        self.folder = folder;
        self.selected.clear();
        match listing {
            Ok(entries) => {
                self.entries = entries;
                self.error = None;
            }
            Err(error) => {
                self.entries.clear();
                self.error = Some(error);
            }
        }
    }

    /// What the main button picks now, if anything.
    fn chosen(&self) -> Option<Vec<PathBuf>> {
        let selected = |dirs: bool| -> Vec<PathBuf> {
            self.selected
                .iter()
                .filter_map(|&k| self.entries.get(k))
                .filter(|e| e.is_dir == dirs)
                .map(|e| e.path.clone())
                .collect()
        };
        match self.pick {
            // The selected folder, else the one shown (a selected file is no folder).
            BrowserPick::Folder => Some(vec![
                selected(true)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| self.folder.clone()),
            ]),
            BrowserPick::Files { .. } => Some(selected(false)).filter(|f| !f.is_empty()),
            BrowserPick::Save => {
                let name = self.name.trim();
                (!name.is_empty() && !name.contains(['/', '\\']))
                    .then(|| vec![self.folder.join(name)])
            }
        }
    }

    /// The main button's label.
    fn button_label(&self) -> &'static str {
        match self.pick {
            BrowserPick::Folder => "Choose this folder",
            BrowserPick::Files { .. } => "Open",
            BrowserPick::Save => "Save",
        }
    }
}

/// Draws the browser; what the user asked comes back.
pub fn file_browser_ui(ctx: &egui::Context, view: &mut FileBrowserView) -> Option<BrowserAction> {
    let mut action = None;
    let response = egui::Modal::new(egui::Id::unique("file_browser")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading(&view.title);
        if !view.note.is_empty() {
            ui.weak(&view.note);
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button("Up").on_hover_text("The folder above").clicked()
                && let Some(parent) = view.folder.parent()
            {
                action = Some(BrowserAction::Open(parent.to_path_buf()));
            }
            if ui.button("Home").clicked()
                && let Some(home) = dirs::home_dir()
            {
                action = Some(BrowserAction::Open(home));
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut view.path_text)
                    .desired_width(f32::INFINITY)
                    .hint_text("A folder's path; Enter to go there"),
            );
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                action = Some(BrowserAction::Open(PathBuf::from(view.path_text.trim())));
            }
        });
        ui.separator();
        if let Some(error) = &view.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let multiple = matches!(view.pick, BrowserPick::Files { multiple: true });
        egui::ScrollArea::vertical()
            .max_height(340.0)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if view.entries.is_empty() && view.error.is_none() {
                    ui.weak("Nothing here to open");
                }
                for (k, entry) in view.entries.iter().enumerate() {
                    let label = if entry.is_dir {
                        format!("{}/", entry.name)
                    } else {
                        entry.name.clone()
                    };
                    let size = if entry.is_dir {
                        String::new()
                    } else {
                        human_size(entry.bytes)
                    };
                    let row = ui.add_sized(
                        [ui.available_width(), 20.0],
                        egui::Button::selectable(view.selected.contains(&k), label)
                            .shortcut_text(size),
                    );
                    if row.double_clicked() {
                        if entry.is_dir {
                            action = Some(BrowserAction::Open(entry.path.clone()));
                        } else if !matches!(view.pick, BrowserPick::Folder) {
                            action = Some(BrowserAction::Choose(vec![entry.path.clone()]));
                        }
                    } else if row.clicked() {
                        let adding = multiple && ui.input(|i| i.modifiers.command);
                        if adding {
                            match view.selected.iter().position(|&s| s == k) {
                                Some(at) => {
                                    view.selected.remove(at);
                                }
                                None => view.selected.push(k),
                            }
                        } else {
                            view.selected = vec![k];
                        }
                        if view.pick == BrowserPick::Save && !entry.is_dir {
                            view.name = entry.name.clone();
                        }
                    }
                }
            });
        ui.separator();
        if view.pick == BrowserPick::Save {
            ui.horizontal(|ui| {
                ui.label("Name");
                ui.add(egui::TextEdit::singleline(&mut view.name).desired_width(f32::INFINITY));
            });
        }
        ui.horizontal(|ui| {
            let chosen = view.chosen();
            if ui
                .add_enabled(chosen.is_some(), egui::Button::new(view.button_label()))
                .clicked()
                && let Some(paths) = chosen
            {
                action = Some(BrowserAction::Choose(paths));
            }
            if ui.button("Cancel").clicked() {
                action = Some(BrowserAction::Cancel);
            }
        });
    });
    if action.is_none() && response.should_close() {
        action = Some(BrowserAction::Cancel);
    }
    action
}

/// "12 KB", "3.4 MB".
fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{} KB", bytes / 1_000),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

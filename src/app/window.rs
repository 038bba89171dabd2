//! The frame: layout of the panels, keyboard, drops, the close request, modals, and the eframe
//! entry point.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{AppOptions, DatelineApp};
use crate::command::{
    Command, edit_actions, file_actions, navigation_keys, search_actions, view_actions,
};
use crate::store::RecentWorkspaces;
use crate::ui;

/// The bundled sample folder, when this build can find it on disk.
pub fn sample_folder() -> Option<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("sample");
    folder.is_dir().then_some(folder)
}

/// Opens the window on `paths` (the bundled samples when empty) and runs until it closes.
pub fn run_window(paths: Vec<PathBuf>) -> ExitCode {
    crate::jobs::lower_pool_priority();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dateline")
            .with_app_id("dateline")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Dateline",
        options,
        Box::new(move |cc| {
            super::fonts::install_fonts(&cc.egui_ctx);
            let recent_file = RecentWorkspaces::default_file();
            let config_dir = recent_file
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf);
            let mut app = DatelineApp::new(AppOptions {
                recent_file,
                config_dir,
            });
            if let Some(kept) = cc
                .storage
                .and_then(|s| s.get_string(super::settings::SETTINGS_KEY))
            {
                app.apply_settings(crate::store::Settings::from_ron(&kept));
            }
            app.start(paths, sample_folder());
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: the window could not be opened: {e}");
            ExitCode::FAILURE
        }
    }
}

impl eframe::App for DatelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(super::settings::SETTINGS_KEY, self.settings().to_ron());
    }
}

impl DatelineApp {
    /// Draws one frame and applies what the user asked for. Tests drive the app through this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.context.is_none() {
            let ctx = ui.ctx().clone();
            self.context = Some(ctx.clone());
            self.wake = Arc::new(move || ctx.request_repaint());
        }
        self.poll_background();
        self.autosave(ui.ctx());
        self.refresh_families();
        self.refresh_library_index();
        self.refresh_versions();
        self.refresh_entities();
        self.refresh_appears_with();
        self.refresh_suggestions();
        self.refresh_search();
        self.poll_export();
        if self.search.find.open {
            self.refresh_find();
        }
        self.finish_png_export();
        self.keyboard(ui);
        self.drops(ui);
        self.close_request(ui);

        let mut commands = Vec::new();
        let backups = self.backups();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            ui::menu_bar::menu_bar_ui(
                ui,
                &self.recent.paths,
                &backups,
                self.reader.show_original,
                self.families.count_once,
                (self.history.can_undo(), self.history.can_redo()),
                &mut commands,
            );
        });
        // Tab moves through the window as it is laid out: library, reader, inspector, then
        // the timeline and the status bar. egui gives focus in the order widgets are made, so
        // the panels above are made first, in the room the two bottom panels leave (as tall
        // as they were last frame), and the bottom panels after them.
        let full = ui.available_rect_before_wrap();
        let (timeline_height, status_height) = (self.panel_sizes.timeline, self.panel_sizes.status);
        let above_status = egui::Rect::from_min_max(
            full.min,
            egui::pos2(full.max.x, (full.max.y - status_height).max(full.min.y)),
        );
        let upper = egui::Rect::from_min_max(
            full.min,
            egui::pos2(
                full.max.x,
                (above_status.max.y - timeline_height).max(full.min.y),
            ),
        );
        let mut upper_ui = ui.new_child(egui::UiBuilder::new().id_salt("upper").max_rect(upper));
        let mut timeline_ui = ui.new_child(
            egui::UiBuilder::new()
                .id_salt("timeline area")
                .max_rect(above_status),
        );
        let mut status_ui =
            ui.new_child(egui::UiBuilder::new().id_salt("status area").max_rect(full));
        self.refresh_narrowed_registry();
        self.library_panel(&mut upper_ui, &mut commands);
        self.refresh_timexes();
        // The inspector stands right of the reader but is made after it (Tab order), in the
        // room it took last frame.
        let rest = upper_ui.available_rect_before_wrap();
        let centre = egui::Rect::from_min_max(
            rest.min,
            egui::pos2(
                (rest.max.x - self.panel_sizes.inspector).max(rest.min.x),
                rest.max.y,
            ),
        );
        let mut centre_ui =
            upper_ui.new_child(egui::UiBuilder::new().id_salt("centre").max_rect(centre));
        let mut right_ui =
            upper_ui.new_child(egui::UiBuilder::new().id_salt("right").max_rect(rest));
        self.reader_panel(&mut centre_ui, &mut commands);
        self.panel_sizes.inspector = self.inspector_panel(&mut right_ui, &mut commands);
        if let Some(focus) = self.events.focus.as_mut()
            && Some(focus.article) == self.selection
        {
            focus.scrolled = true;
        }
        let timeline_height = self.timeline_panel(&mut timeline_ui, &mut commands);
        let status_height = self.status_panel(&mut status_ui, &mut commands);
        self.panel_sizes.timeline = timeline_height;
        self.panel_sizes.status = status_height;

        self.settings_frame(ui.ctx());
        self.file_browser_frame(ui.ctx());
        self.rank_palette();
        ui::palette::palette_ui(ui.ctx(), &mut self.palette, &mut commands);
        ui::shortcuts::shortcuts_ui(ui.ctx(), &mut self.shortcuts_open);
        self.modals(ui.ctx(), &mut commands);
        self.drop_hint(ui.ctx());
        ui::focus_ring::focus_ring_ui(ui);

        self.queue.extend(commands);
        for command in std::mem::take(&mut self.queue) {
            self.handle(command);
        }
        self.update_title(ui.ctx());
    }

    fn keyboard(&mut self, ui: &egui::Ui) {
        let mut commands = Vec::new();
        if self.palette.open || self.file_browser.is_some() {
            // The palette or the file browser has the keyboard.
            return;
        }
        ui.ctx().input_mut(|input| {
            if input.consume_key(egui::Modifiers::NONE, egui::Key::F1) {
                commands.push(Command::OpenPalette);
            }
            // Longest modifier sets first, so Ctrl+Shift+S is not taken for Ctrl+S.
            let mut actions = file_actions();
            actions.extend(search_actions());
            actions.extend(view_actions().into_iter().filter(|a| {
                a.shortcut
                    .is_some_and(|s| s.modifiers.command && a.command != Command::Quit)
            }));
            actions.sort_by_key(|a| {
                std::cmp::Reverse(a.shortcut.map_or(0, |s| s.modifiers.shift as u8))
            });
            for action in actions {
                if let Some(shortcut) = action.shortcut
                    && input.consume_shortcut(&shortcut)
                {
                    commands.push(action.command);
                }
            }
            if input.consume_key(egui::Modifiers::COMMAND, egui::Key::Q) {
                commands.push(Command::Quit);
            }
        });
        let typing = ui.ctx().egui_wants_keyboard_input();
        if !typing {
            let selected_event = self.events.selected.clone();
            // The timeline's keys: Left and Right step through the events in time, Enter opens
            // the selected one's evidence.
            let (left, right) = ui.ctx().input_mut(|input| {
                (
                    input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft),
                    input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight),
                )
            });
            if (left || right)
                && let Some(event) = self.neighbour_event(right)
            {
                commands.push(Command::SelectEvent(Some(event)));
            }
            let evidence = selected_event
                .as_ref()
                .and_then(|r| self.event(r))
                .and_then(|e| e.evidence.first().cloned());
            let selected_annotation = self.selected_annotation;
            let suggestion = self.selected_suggestion_data().map(|s| (s.target, s.body));
            ui.ctx().input_mut(|input| {
                // Ctrl+Shift+Z before Ctrl+Z.
                for action in edit_actions().into_iter().rev() {
                    if let Some(shortcut) = action.shortcut
                        && input.consume_shortcut(&shortcut)
                    {
                        commands.push(action.command);
                    }
                }
                if input.consume_key(egui::Modifiers::NONE, egui::Key::Delete) {
                    if let Some(annotation) = selected_annotation {
                        commands.push(Command::DeleteAnnotation(annotation));
                    } else if let Some(event) = selected_event {
                        commands.push(Command::DeleteEvent(event));
                    }
                }
                if let Some(evidence) = evidence.clone()
                    && suggestion.is_none()
                    && input.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
                {
                    commands.push(Command::OpenEvidence(evidence));
                }
                if let Some((target, body)) = suggestion.clone() {
                    if input.consume_key(egui::Modifiers::NONE, egui::Key::Enter) {
                        commands.push(Command::Decide(
                            target.clone(),
                            body.clone(),
                            crate::model::AnnotationStatus::Accepted,
                        ));
                    }
                    if input.consume_key(egui::Modifiers::NONE, egui::Key::Backspace) {
                        commands.push(Command::Decide(
                            target,
                            body,
                            crate::model::AnnotationStatus::Rejected,
                        ));
                    }
                }
                for (key, command) in navigation_keys() {
                    if input.consume_key(egui::Modifiers::NONE, key) {
                        commands.push(command);
                    }
                }
                if input.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                    commands.push(Command::SelectAnnotation(None));
                    commands.push(Command::SelectSuggestion(None));
                    commands.push(Command::SelectEvent(None));
                    commands.push(Command::SelectArticle(None));
                }
            });
        }
        self.queue.extend(commands);
    }

    fn drops(&mut self, ui: &egui::Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.queue.push(Command::OpenPaths(dropped));
        }
    }

    fn drop_hint(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_hint"),
        ));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop folders or article files to import them, or a workspace (.ron) to open it",
            egui::FontId::proportional(20.0),
            egui::Color32::WHITE,
        );
    }

    fn close_request(&mut self, ui: &egui::Ui) {
        let requested = ui.input(|i| i.viewport().close_requested());
        if requested && self.document.is_unsaved() && !self.allow_close {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_prompt = Some(Command::Quit);
        }
    }

    fn modals(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.autosave.offer.is_some() && self.alert.is_none() {
            self.recovery_modal(ctx);
            return;
        }
        if let Some(alert) = self.alert.clone() {
            let response = egui::Modal::new(egui::Id::unique("alert")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(&alert.title);
                ui.add_space(6.0);
                ui.label(&alert.message);
                ui.add_space(10.0);
                ui.button("OK").clicked()
            });
            if response.inner || response.should_close() {
                self.alert = None;
            }
            return;
        }
        if let Some(pending) = self.unsaved_prompt.clone() {
            let name = self.document.display_name();
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved_prompt")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading(format!("Save changes to {name}?"));
                ui.add_space(6.0);
                ui.label("Your changes are lost if you don't save them.");
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(0);
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(1);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(2);
                    }
                });
            });
            match answer {
                Some(0) => {
                    self.unsaved_prompt = None;
                    self.after_save = Some(pending);
                    commands.push(Command::Save);
                }
                Some(1) => {
                    self.unsaved_prompt = None;
                    self.discard_confirmed = true;
                    // Discarding on purpose: no recovery copy to offer later.
                    self.drop_recovery();
                    commands.push(pending);
                }
                Some(_) => self.unsaved_prompt = None,
                None => {}
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{} — Dateline",
            self.document.display_name(),
            if self.document.is_unsaved() {
                " •"
            } else {
                ""
            }
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}

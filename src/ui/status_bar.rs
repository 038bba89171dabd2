//! The status bar: import progress with Cancel, counts, and whether there are unsaved changes.

use crate::command::Command;
use crate::jobs::ImportStatus;

/// A running export as the status bar shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportStatus {
    /// The format's name: "csv".
    pub format: &'static str,
    /// Articles written.
    pub done: usize,
    /// Articles in all (0 while the names are found).
    pub total: usize,
    /// Cancel was asked for.
    pub cancelling: bool,
}

/// What the status bar shows.
pub struct StatusLine<'a> {
    /// A running import, if any.
    pub import: Option<ImportStatus>,
    /// A running export, if any.
    pub export: Option<ExportStatus>,
    /// Finding names or events, or stopped by the user.
    pub extraction: Option<Extraction>,
    /// Opening or saving in the background: "Saving research.ron…".
    pub busy: Option<&'a str>,
    /// Articles in the workspace.
    pub articles: usize,
    /// Skipped files.
    pub problems: usize,
    /// Unsaved changes exist.
    pub unsaved: bool,
    /// The last thing that happened: "Imported 12 articles".
    pub message: Option<&'a str>,
}

/// Finding names and events in the background, as the status bar shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Extraction {
    /// Running: "Finding names…", articles done of all.
    Running {
        /// What is being found.
        label: String,
        /// Articles done.
        done: usize,
        /// Articles in all.
        total: usize,
    },
    /// The user stopped it.
    Stopped,
}

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, status: &StatusLine, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if let Some(import) = &status.import {
            let fraction = if import.total == 0 {
                0.0
            } else {
                import.done as f32 / import.total as f32
            };
            let file = import
                .current
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = if import.total == 0 {
                "Listing files…".to_string()
            } else {
                let verb = if import.rescan {
                    "Rescanning"
                } else {
                    "Importing"
                };
                format!("{verb} {} / {} · {file}", import.done, import.total)
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(text)
                    .desired_width(360.0),
            );
            let cancel = ui.add_enabled(!import.cancelling, egui::Button::new("Cancel"));
            if cancel.clicked() {
                commands.push(Command::CancelImport);
            }
            ui.separator();
        }
        if let Some(export) = &status.export {
            let fraction = if export.total == 0 {
                0.0
            } else {
                export.done as f32 / export.total as f32
            };
            let text = if export.done == 0 {
                format!("Exporting {}: finding the names…", export.format)
            } else {
                format!(
                    "Exporting {}: {} / {} articles",
                    export.format, export.done, export.total
                )
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(text)
                    .desired_width(300.0),
            );
            if ui
                .add_enabled(!export.cancelling, egui::Button::new("Cancel export"))
                .clicked()
            {
                commands.push(Command::CancelExport);
            }
            ui.separator();
        }
        match &status.extraction {
            Some(Extraction::Running { label, done, total }) => {
                let fraction = if *total == 0 {
                    0.0
                } else {
                    *done as f32 / *total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(format!("{label} {done} / {total} articles"))
                        .desired_width(300.0),
                );
                if ui
                    .button("Stop")
                    .on_hover_text("Stop finding names and events until you ask again")
                    .clicked()
                {
                    commands.push(Command::StopExtraction);
                }
                ui.separator();
            }
            Some(Extraction::Stopped) => {
                ui.weak("Names, events and the search index stopped");
                if ui.button("Find them").clicked() {
                    commands.push(Command::ResumeExtraction);
                }
                ui.separator();
            }
            None => {}
        }
        if let Some(busy) = status.busy {
            super::busy::busy_mark(ui);
            ui.label(busy);
            ui.separator();
        }
        ui.label(match status.articles {
            1 => "1 article".to_string(),
            n => format!("{n} articles"),
        });
        ui.separator();
        if status.problems > 0 {
            ui.colored_label(
                super::theme::problem(ui),
                match status.problems {
                    1 => "1 problem".to_string(),
                    n => format!("{n} problems"),
                },
            );
        } else {
            ui.label("0 problems");
        }
        ui.separator();
        if status.unsaved {
            ui.label("Unsaved changes");
        } else {
            ui.weak("All changes saved");
        }
        if let Some(message) = status.message {
            ui.separator();
            ui.weak(message);
        }
    });
}

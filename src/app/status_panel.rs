//! The status bar across the bottom of the window: what runs in the background, the counts,
//! whether the work is saved, and the last message.

use super::{Command, DatelineApp};
use crate::ui;

impl DatelineApp {
    /// Draws the status bar; returns how tall it was drawn.
    pub(super) fn status_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> f32 {
        let status = egui::Panel::bottom("status_bar").show(ui, |ui| {
            let busy = self
                .load
                .as_ref()
                .map(|l| l.task.label.as_str())
                .or(self.save.as_ref().map(|s| s.task.label.as_str()))
                .or(self.families_busy())
                .or(self.registry_busy())
                .or(self.lanes_busy())
                .or(self.extracted.busy())
                .or(self.library_index.0.as_ref().map(|t| t.label.as_str()));
            let indexing = self
                .search
                .building()
                .map(|(done, total)| format!("Indexing for search: {done} of {total} articles…"));
            let busy = busy.or(indexing.as_deref());
            let extraction = self.extraction_status();
            let status = ui::status_bar::StatusLine {
                import: self.import.as_ref().map(|j| j.status()),
                export: self.export_status(),
                extraction,
                busy,
                articles: self.workspace.articles.len(),
                problems: self.workspace.problems.len(),
                unsaved: self.document.is_unsaved(),
                message: self.message.as_deref(),
            };
            ui::status_bar::status_bar_ui(ui, &status, commands);
        });
        status.response.rect.height()
    }
}

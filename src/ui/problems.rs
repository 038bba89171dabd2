//! The Problems list: files that were skipped, and why.

use crate::model::ImportProblem;

/// Draws the skipped files, virtualised.
pub fn problems_ui(ui: &mut egui::Ui, problems: &[ImportProblem]) {
    if problems.is_empty() {
        ui.weak("No problems: every file was imported.");
        return;
    }
    ui.label(match problems.len() {
        1 => "1 file could not be read or is gone".to_string(),
        n => format!("{n} files could not be read or are gone"),
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, problems.len(), |ui, range| {
            for problem in &problems[range] {
                ui.vertical(|ui| {
                    ui.label(problem.path.display().to_string());
                    ui.colored_label(super::theme::problem(ui), &problem.reason);
                });
                ui.add_space(4.0);
            }
        });
}

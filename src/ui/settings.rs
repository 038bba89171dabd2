//! The Settings window (View › Settings…): theme, window zoom, the reader's font size, whether
//! a report's versions count once, and the size limits. It edits copies; the app applies and
//! keeps what changed.

use crate::store::{READER_FONT_RANGE, Settings, ThemeChoice, ZOOM_RANGE};

/// The size limits as the window edits them, in megabytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitsInMb {
    /// The largest article file read.
    pub article: u64,
    /// The largest workspace file opened.
    pub workspace: u64,
}

/// Draws the window while `open`; `settings` and `limits` are edited in place. Returns true
/// when an edit of the limits is finished (a drag let go, a number typed; the app writes them
/// to limits.ron, so not on every frame of a drag).
pub fn settings_ui(
    ctx: &egui::Context,
    open: &mut bool,
    settings: &mut Settings,
    limits: &mut LimitsInMb,
) -> bool {
    let mut limits_changed = false;
    egui::Window::new("Settings")
        .open(open)
        .resizable(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            egui::Grid::new("settings_grid")
                .num_columns(2)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Theme");
                    ui.horizontal(|ui| {
                        for choice in ThemeChoice::ALL {
                            ui.radio_value(&mut settings.theme, choice, choice.label());
                        }
                    });
                    ui.end_row();

                    let zoom_label = ui.label("Window zoom");
                    ui.horizontal(|ui| {
                        let _ = ui.add(
                            egui::Slider::new(&mut settings.zoom, ZOOM_RANGE.0..=ZOOM_RANGE.1)
                                .step_by(0.1)
                                .custom_formatter(|z, _| format!("{:.0} %", z * 100.0)),
                        )
                        .labelled_by(zoom_label.id);
                        if ui.button("100 %").clicked() {
                            settings.zoom = 1.0;
                        }
                    });
                    ui.end_row();

                    let size_label = ui.label("Reader font size");
                    ui.add(
                        egui::Slider::new(
                            &mut settings.reader_font_size,
                            READER_FONT_RANGE.0..=READER_FONT_RANGE.1,
                        )
                        .step_by(0.5)
                        .suffix(" pt"),
                    )
                    .labelled_by(size_label.id);
                    ui.end_row();

                    ui.label("Versions of one report");
                    ui.checkbox(&mut settings.count_once, "Count each report once");
                    ui.end_row();

                    limits_changed |=
                        limit_row(ui, "Largest article file", &mut limits.article, 1..=4096);
                    limits_changed |= limit_row(
                        ui,
                        "Largest workspace file",
                        &mut limits.workspace,
                        16..=65536,
                    );
                });
            ui.add_space(6.0);
            ui.weak("Ctrl+Plus, Ctrl+Minus and Ctrl+0 zoom the window too. The limits are kept in limits.ron in Dateline's config folder, which the command line reads as well.");
        });
    limits_changed
}

/// One size limit's row of the grid: its name and its value in MB; true when an edit of it
/// was finished.
fn limit_row(
    ui: &mut egui::Ui,
    name: &str,
    megabytes: &mut u64,
    range: std::ops::RangeInclusive<u64>,
) -> bool {
    let label = ui.label(name);
    let value = ui
        .add(egui::DragValue::new(megabytes).range(range).suffix(" MB"))
        .labelled_by(label.id);
    let done = finished(value);
    ui.end_row();
    done
}

/// Whether an edit of a number is finished: a drag let go, or a change not made by dragging.
fn finished(response: egui::Response) -> bool {
    response.drag_stopped() || (response.changed() && !response.dragged())
}

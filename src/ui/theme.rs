//! Colours and sizes used across panels, in one place, for light and dark themes.

use egui::Color32;

/// Text colour for secondary information (metadata lines, counts).
pub fn weak_text(ui: &egui::Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

/// The colour that marks something uncertain (a date without a year).
pub fn uncertain(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0xE0, 0xB0, 0x50)
    } else {
        Color32::from_rgb(0x9A, 0x60, 0x00)
    }
}

/// The colour of problem and error text.
pub fn problem(ui: &egui::Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// Height of one library row.
pub const ROW_HEIGHT: f32 = 20.0;

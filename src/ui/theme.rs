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

/// Background of a time expression found by the engine.
pub fn time_expression(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgba_unmultiplied(150, 110, 30, 120)
    } else {
        Color32::from_rgba_unmultiplied(255, 205, 90, 120)
    }
}

/// Background of a time expression whose value the user set.
pub fn time_expression_manual(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgba_unmultiplied(60, 140, 80, 130)
    } else {
        Color32::from_rgba_unmultiplied(120, 210, 140, 130)
    }
}

/// Background of the selected time expression.
pub fn selected_highlight(ui: &egui::Ui) -> Color32 {
    ui.visuals().selection.bg_fill
}

/// Text colours of names by kind, in the order person, organisation, place, other; the same
/// everywhere names are drawn.
pub fn entity_colours(ui: &egui::Ui) -> [Color32; 4] {
    if ui.visuals().dark_mode {
        [
            Color32::from_rgb(0x7C, 0xB8, 0xFF),
            Color32::from_rgb(0xD0, 0x9C, 0xFF),
            Color32::from_rgb(0x7E, 0xDB, 0x8E),
            Color32::from_rgb(0x9F, 0xD6, 0xD2),
        ]
    } else {
        [
            Color32::from_rgb(0x12, 0x5C, 0xC4),
            Color32::from_rgb(0x7A, 0x2D, 0xB8),
            Color32::from_rgb(0x1E, 0x7A, 0x34),
            Color32::from_rgb(0x2A, 0x77, 0x72),
        ]
    }
}

/// Events the user made or kept, on the timeline.
pub fn event(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0x6F, 0xA8, 0xE8)
    } else {
        Color32::from_rgb(0x1F, 0x5F, 0xB0)
    }
}

/// Suggested events not yet kept: lighter, drawn dashed or hollow.
pub fn suggested_event(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0xB0, 0x9A, 0x60)
    } else {
        Color32::from_rgb(0xA0, 0x70, 0x10)
    }
}

/// Publication markers of articles on the timeline.
pub fn article_marker(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_gray(0xA0)
    } else {
        Color32::from_gray(0x70)
    }
}

/// Background of the evidence span the reader flashes, at full strength.
pub fn evidence(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgba_unmultiplied(70, 120, 200, 110)
    } else {
        Color32::from_rgba_unmultiplied(120, 170, 255, 110)
    }
}

/// Behind search hits, in the Search tab and the reader: magenta, apart from the amber of
/// time expressions and notes and the blue of evidence and selections.
pub fn search_hit(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgba_unmultiplied(200, 60, 160, 130)
    } else {
        Color32::from_rgba_unmultiplied(255, 140, 220, 160)
    }
}

/// Notes in the reader.
pub fn note(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0xF0, 0xC0, 0x40)
    } else {
        Color32::from_rgb(0xB0, 0x80, 0x00)
    }
}

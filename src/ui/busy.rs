//! The busy mark shown beside long work: a turning arc that asks for a new frame ten times a
//! second, not every frame. egui's own spinner repaints continuously, which on a machine
//! drawing in software takes a core from the very work it waits for.

use std::time::Duration;

/// Frames per second of the turning arc.
const FRAMES_PER_SECOND: f64 = 10.0;

/// Draws the busy mark, the height of a line of text.
pub fn busy_mark(ui: &mut egui::Ui) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let time = ui.input(|i| i.time);
        // The arc moves in steps, one per frame asked for.
        let step = (time * FRAMES_PER_SECOND).floor() / FRAMES_PER_SECOND;
        let start = step * std::f64::consts::TAU * 0.8;
        let radius = rect.height() / 2.0 - 2.0;
        let points: Vec<egui::Pos2> = (0..=24)
            .map(|i| {
                let angle = start + f64::from(i) / 24.0 * std::f64::consts::TAU * 0.7;
                rect.center() + radius * egui::vec2(angle.cos() as f32, angle.sin() as f32)
            })
            .collect();
        let stroke = egui::Stroke::new(2.0, ui.visuals().strong_text_color());
        ui.painter().add(egui::Shape::line(points, stroke));
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(1.0 / FRAMES_PER_SECOND));
    }
    response
}

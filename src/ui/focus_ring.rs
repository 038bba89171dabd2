//! A visible focus ring: whatever widget has the keyboard (Tab moved there, or a field being
//! typed in) is outlined in the selection colour on its own layer, so a keyboard user always
//! sees where they are; egui's own cue (the pressed look) is too faint on table rows and tabs.

/// Outlines the focused widget, if any, where it is visible.
pub fn focus_ring_ui(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    // Only the part not clipped away (a widget scrolled out of its panel keeps the focus).
    let rect = response.interact_rect;
    if !rect.is_positive() {
        return;
    }
    let colour = ui.visuals().selection.stroke.color;
    ctx.layer_painter(response.layer_id).rect_stroke(
        rect.expand(1.0),
        3.0,
        egui::Stroke::new(2.0, colour),
        egui::StrokeKind::Outside,
    );
}

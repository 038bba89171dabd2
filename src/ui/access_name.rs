//! Names for controls that show none of their own (a slider beside its label in a grid, a
//! combo box or field whose purpose the row makes plain to the eye), so a screen reader says
//! what they are.

/// Gives `response`'s control the name `label` in the accessibility tree.
pub fn name_control(response: &egui::Response, label: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(label);
    });
}

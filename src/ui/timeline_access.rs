//! The painted timeline as assistive technology sees it: the timeline is one named node, and
//! each event drawn on its own is a button named by its title and date under it, which a screen
//! reader can read and press (pressing selects the event, as a click does).

use egui::{Id, Pos2, Rect, Response, Vec2};

use crate::command::Command;
use crate::model::Event;

/// Most event nodes given per frame: a screen reader lists what is on screen, and more than
/// this many single events never fit in a window.
const MOST_NODES: usize = 500;

/// Names the timeline and gives every event drawn on its own (`drawn`: index into `events`,
/// centre on screen) a node; a node's press request selects its event.
pub fn describe_timeline(
    ui: &egui::Ui,
    response: &Response,
    events: &[&Event],
    drawn: &[(usize, Pos2)],
    selected: Option<usize>,
    mut select: impl FnMut(usize) -> Command,
    commands: &mut Vec<Command>,
) {
    // Names are written only when AccessKit asks for them (the closures run only then), not
    // every frame.
    response.widget_info(|| {
        let summary = format!(
            "Timeline: {} events shown; Left and Right move between them, Enter opens one",
            drawn.len()
        );
        egui::WidgetInfo::labeled(egui::Role::Group, ui.is_enabled(), summary)
    });
    let ctx = ui.ctx();
    for &(index, centre) in drawn.iter().take(MOST_NODES) {
        let Some(event) = events.get(index) else {
            continue;
        };
        let id = node_id(response.id, index);
        let bounds = Rect::from_center_size(centre, Vec2::splat(12.0));
        let made = ctx.accesskit_node_builder(id, |node| {
            node.set_role(egui::accesskit::Role::Button);
            node.set_label(format!(
                "Event: {}, {}",
                event.title,
                event.value.to_timex()
            ));
            node.set_bounds(egui::accesskit::Rect {
                x0: f64::from(bounds.left()),
                y0: f64::from(bounds.top()),
                x1: f64::from(bounds.right()),
                y1: f64::from(bounds.bottom()),
            });
            node.set_selected(selected == Some(index));
            node.add_action(egui::accesskit::Action::Click);
        });
        if made.is_none() {
            // AccessKit is off this frame: nothing to describe.
            return;
        }
        if ui.input(|i| i.has_accesskit_action_request(id, egui::accesskit::Action::Click)) {
            commands.push(select(index));
        }
    }
}

/// The node of the event at `index` under the timeline's widget `timeline`.
fn node_id(timeline: Id, index: usize) -> Id {
    timeline.with(("event", index))
}

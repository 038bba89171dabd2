//! Keyboard users: Tab moves through the window in the order it is laid out (the menu bar, the
//! library, the reader, the inspector, then the timeline and the status bar).

use crate::common::{news_folder, window_with_import};

use egui_kittest::kittest::Queryable;

#[test]
fn tab_follows_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window_with_import(&news_folder(dir.path()), None);
    // One control of each region, in the order they stand on screen.
    let regions = ["Help", "Problems (0)", "A+", "Accept all", "Fit all"];
    let mut first_focus: Vec<Option<usize>> = vec![None; regions.len()];
    for press in 0..300 {
        h.key_press(egui::Key::Tab);
        h.run_steps(1);
        for (k, label) in regions.iter().enumerate() {
            if first_focus[k].is_none() && h.query_all_by_label(label).any(|n| n.is_focused()) {
                first_focus[k] = Some(press);
            }
        }
        if first_focus.iter().all(Option::is_some) {
            break;
        }
    }
    let order: Vec<usize> = first_focus
        .iter()
        .zip(regions)
        .map(|(p, label)| p.unwrap_or_else(|| panic!("Tab never reached {label}")))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "Tab reached {regions:?} at presses {order:?}"
    );
}

/// The controls on screen that have no name for a screen reader.
fn unnamed_controls(h: &egui_kittest::Harness<'static, dateline::app::DatelineApp>) -> Vec<String> {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let mut unnamed = Vec::new();
    for role in [
        Role::Button,
        Role::TextInput,
        Role::CheckBox,
        Role::ComboBox,
        Role::Slider,
        Role::Tab,
        Role::RadioButton,
        Role::SpinButton,
    ] {
        for node in h.query_all_by_role(role) {
            let named = node
                .accesskit_node()
                .label()
                .is_some_and(|l| !l.trim().is_empty());
            if !named {
                unnamed.push(format!("{role:?} at {:?}", node.rect()));
            }
        }
    }
    unnamed
}

#[test]
fn every_control_has_a_name() {
    use dateline::app::Command;
    let dir = tempfile::tempdir().unwrap();
    let mut h = window_with_import(&news_folder(dir.path()), None);
    let article = h.state().workspace().articles[0].id;
    h.state_mut().send(Command::SelectArticle(Some(article)));
    h.run_steps(3);
    let mut unnamed: Vec<String> = unnamed_controls(&h)
        .into_iter()
        .map(|c| format!("reader: {c}"))
        .collect();
    // An event selected (the event inspector), each tab of the left panel, then the windows.
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    assert!(h.state().selected_event().is_some());
    unnamed.extend(
        unnamed_controls(&h)
            .into_iter()
            .map(|c| format!("event: {c}")),
    );
    for tab in ["Entities", "Tags", "Search", "Problems (0)"] {
        // The tab, not the menu of the same name above it.
        h.query_all_by_role_and_label(egui::accesskit::Role::Button, tab)
            .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .unwrap()
            .click();
        h.run_steps(3);
        unnamed.extend(
            unnamed_controls(&h)
                .into_iter()
                .map(|c| format!("{tab}: {c}")),
        );
    }
    for (window, command) in [
        ("settings", Command::ShowSettings),
        ("palette", Command::OpenPalette),
    ] {
        h.state_mut().send(command);
        h.run_steps(4);
        unnamed.extend(
            unnamed_controls(&h)
                .into_iter()
                .map(|c| format!("{window}: {c}")),
        );
        h.key_press(egui::Key::Escape);
        h.run_steps(3);
    }
    assert!(unnamed.is_empty(), "controls without a name: {unnamed:#?}");
}

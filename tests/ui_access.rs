//! Keyboard users: Tab moves through the window in the order it is laid out (the menu bar, the
//! library, the reader, the inspector, then the timeline and the status bar).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{news_folder, window_with_import};

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

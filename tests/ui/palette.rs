//! The command palette and Help › Keyboard shortcuts, driven headlessly: F1 opens the palette,
//! typing narrows it, Enter runs an action or goes to an article, an action that cannot run now
//! is shown but not run, and the shortcuts window lists the action table.

use crate::common::{folder_with, window_with_import};

use dateline::app::DatelineApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const HINT: &str = "Up and Down to move, Enter to run, Escape to close";

fn news() -> (tempfile::TempDir, Harness<'static, DatelineApp>) {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder_with(
        dir.path(),
        "news",
        &[
            (
                "envoys.txt",
                "Envoys meet\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday in Seoul.\n",
            ),
            (
                "grain.txt",
                "Grain ships wait at Rosario\n\nROSARIO, March 5 (Reuters) - Eleven grain ships waited.\n",
            ),
        ],
    );
    let h = window_with_import(&folder, None);
    (dir, h)
}

/// Opens the palette with F1 and types `query` into its field.
fn palette(h: &mut Harness<'static, DatelineApp>, query: &str) {
    h.key_press(egui::Key::F1);
    h.run_steps(3);
    h.get_by_label(HINT);
    h.event(egui::Event::Text(query.into()));
    h.run_steps(3);
}

#[test]
fn the_palette_goes_to_an_article_by_its_headline() {
    let (_dir, mut h) = news();
    assert!(h.query_by_label(HINT).is_none(), "closed at first");
    palette(&mut h, "grain ships");
    assert!(
        h.query_all_by_label("Grain ships wait at Rosario").count() >= 2,
        "the palette lists the headline beside the library's row"
    );
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(h.query_by_label(HINT).is_none(), "closed after running");
    let selected = h.state().selected_article().unwrap();
    let article = h.state().workspace().article(selected).unwrap();
    assert_eq!(article.headline, "Grain ships wait at Rosario");
}

#[test]
fn the_palette_runs_actions_and_holds_back_unavailable_ones() {
    let (_dir, mut h) = news();
    // Nothing to undo yet: "Undo" is listed but Enter does not run it (the palette stays).
    palette(&mut h, "undo");
    h.get_by_label_contains("Undo");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    h.get_by_label(HINT);
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label(HINT).is_none(), "Escape closes it");

    // "Keyboard shortcuts" runs and shows the table the menus use.
    palette(&mut h, "keyboard sh");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    h.get_by_label("Keyboard shortcuts");
    for action in dateline::command::all_actions() {
        if action.shortcut.is_some() {
            h.get_by_label(action.label);
        }
    }
    h.get_by_label("Delete the selected annotation or event");
}

#[test]
fn the_palette_goes_to_an_entity_by_its_name() {
    let (_dir, mut h) = news();
    let seoul = h
        .state()
        .registry()
        .iter()
        .find(|e| e.name == "Seoul")
        .map(|e| e.key.clone())
        .expect("Seoul is found in the article");
    palette(&mut h, "seoul");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected_entities(), [seoul].as_slice());
}

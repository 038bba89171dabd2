//! Removing articles in the window, driven headlessly: the library row's context menu removes
//! an article with its note, the next row is selected, the counts follow, and Ctrl+Z brings the
//! article and its note back; a filtered list can be removed at once.

use crate::common::{folder_with, settle, target_of, window_with_import};

use dateline::app::{Command, DatelineApp};
use dateline::model::AnnotationBody;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn news() -> (tempfile::TempDir, Harness<'static, DatelineApp>) {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder_with(
        dir.path(),
        "news",
        &[
            (
                "a.txt",
                "Grain ships wait at Rosario\n\nROSARIO, March 5 (Reuters) - Eleven grain ships waited.\n",
            ),
            (
                "b.txt",
                "Grain prices fall in Chicago\n\nCHICAGO, March 6 (Reuters) - Wheat fell two cents.\n",
            ),
            (
                "c.txt",
                "Envoys meet in Seoul\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday in Seoul.\n",
            ),
        ],
    );
    let h = window_with_import(&folder, None);
    (dir, h)
}

fn headlines(h: &Harness<'static, DatelineApp>) -> Vec<String> {
    let mut list: Vec<String> = h
        .state()
        .workspace()
        .articles
        .iter()
        .map(|a| a.headline.clone())
        .collect();
    list.sort();
    list
}

/// Right-clicks the library's row of this headline (the leftmost of the labels that show it:
/// the reader shows the selected one's too).
fn right_click_row(h: &Harness<'static, DatelineApp>, headline: &str) {
    h.query_all_by_label(headline)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap_or_else(|| panic!("no row {headline}"))
        .click_secondary();
}

#[test]
fn the_context_menu_removes_an_article_with_its_note_and_undo_brings_both_back() {
    let (_dir, mut h) = news();
    let envoys = h
        .state()
        .workspace()
        .articles
        .iter()
        .find(|a| a.headline.starts_with("Envoys"))
        .unwrap()
        .clone();
    h.state_mut().send(Command::SelectArticle(Some(envoys.id)));
    h.state_mut().send(Command::Annotate(
        target_of(&envoys, "Envoys met"),
        AnnotationBody::Note("first meeting since March".into()),
    ));
    settle(&mut h);
    assert_eq!(h.state().workspace().annotations.len(), 1);

    right_click_row(&h, "Envoys meet in Seoul");
    h.run_steps(3);
    h.get_by_label("Remove from workspace").click();
    h.run_steps(3);
    settle(&mut h);
    assert_eq!(
        headlines(&h),
        [
            "Grain prices fall in Chicago",
            "Grain ships wait at Rosario"
        ]
    );
    assert!(
        h.state().workspace().annotations.is_empty(),
        "its note went with it"
    );
    assert!(
        h.query_by_label("Envoys meet in Seoul").is_none(),
        "gone from the library"
    );
    let selected = h.state().selected_article();
    assert!(
        selected.is_some_and(|id| id != envoys.id),
        "another article is selected"
    );
    assert!(
        h.state()
            .status_message()
            .unwrap()
            .contains("1 article removed")
    );
    assert!(
        h.state().registry().iter().all(|e| e.name != "Seoul"),
        "its names left the entity list"
    );

    h.state_mut().send(Command::Undo);
    settle(&mut h);
    assert_eq!(headlines(&h).len(), 3);
    let note = &h.state().workspace().annotations[0];
    assert_eq!(
        note.target.article, envoys.id,
        "the note is back on its article"
    );
    assert!(h.state().registry().iter().any(|e| e.name == "Seoul"));
    assert!(h.query_by_label("Envoys meet in Seoul").is_some());
}

#[test]
fn a_filtered_list_is_removed_at_once() {
    let (_dir, mut h) = news();
    // Filter the library to the two grain stories.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter")
        .focus();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter")
        .type_text("grain");
    h.run_steps(3);
    assert!(h.query_by_label("2 of 3 articles").is_some(), "filtered");
    right_click_row(&h, "Grain ships wait at Rosario");
    h.run_steps(3);
    h.get_by_label("Remove the 2 listed articles").click();
    settle(&mut h);
    assert_eq!(headlines(&h), ["Envoys meet in Seoul"]);
    assert!(
        h.state()
            .status_message()
            .unwrap()
            .contains("2 articles removed")
    );
    h.state_mut().send(Command::Undo);
    settle(&mut h);
    assert_eq!(headlines(&h).len(), 3);
}

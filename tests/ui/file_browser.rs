//! Dateline's own file browser, which opens when the system's file dialog cannot (no
//! xdg-desktop-portal), driven headlessly: open a folder of articles through it, then save the
//! workspace through it in the folder it remembered.

use crate::common::{news_folder, settle, window};

use dateline::app::Command;
use egui_kittest::kittest::Queryable;

#[test]
fn a_folder_is_opened_and_a_workspace_saved_through_the_builtin_browser() {
    let dir = tempfile::tempdir().unwrap();
    news_folder(dir.path());
    let mut h = window(None);
    h.state_mut().use_builtin_file_browser();
    h.state_mut().remember_folder(dir.path().to_path_buf());

    h.state_mut().send(Command::OpenFolderDialog);
    h.run_steps(4);
    h.get_by_label("Open a folder of articles");
    h.get_by_label_contains("news/").click();
    h.run_steps(2);
    h.get_by_label("Choose this folder").click();
    settle(&mut h);
    assert_eq!(h.state().workspace().articles.len(), 1);
    assert!(
        h.query_by_label("Open a folder of articles").is_none(),
        "closed"
    );

    // Save as… starts where the last pick was, with a name ready.
    h.state_mut().send(Command::SaveAsDialog);
    h.run_steps(4);
    h.get_by_label("Save workspace as");
    h.get_by_label_contains("visit.txt");
    h.get_by_label("Save").click();
    settle(&mut h);
    let saved = dir.path().join("news").join("research.ron");
    assert!(saved.is_file(), "saved where the browser was");
    assert_eq!(h.state().document().path.as_deref(), Some(saved.as_path()));

    // Cancel closes it and nothing happens.
    h.state_mut().send(Command::OpenWorkspaceDialog);
    h.run_steps(4);
    h.get_by_label("Open workspace");
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(h.query_by_label("Open workspace").is_none());
}

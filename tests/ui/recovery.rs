//! Never losing work, driven headlessly: unsaved edits reach a recovery file within 30
//! seconds; after a crash, opening the workspace offers them back; a save removes the file.

use crate::common::{news_folder, settle, window, window_on};

use std::time::Duration;

use dateline::app::{AppOptions, Command, DatelineApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A window whose frames are a quarter second apart (kittest's default).
fn harness() -> Harness<'static, DatelineApp> {
    window(None)
}

fn saved_workspace(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = dir.join("news");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("visit.txt"),
        "Envoys meet\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday.\n",
    )
    .unwrap();
    let path = dir.join("research.ron");
    let mut h = harness();
    h.state_mut().send(Command::Import(vec![folder]));
    settle(&mut h);
    h.state_mut().send(Command::SaveTo(path.clone()));
    settle(&mut h);
    assert!(!h.state().document().is_unsaved());
    path
}

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_workspace(dir.path());
    let recovery = dir.path().join("research.ron.recovery");

    let mut before_crash = harness();
    before_crash
        .state_mut()
        .send(Command::OpenWorkspace(path.clone()));
    settle(&mut before_crash);
    before_crash
        .state_mut()
        .send(Command::CreateTag("Diplomacy".into(), None));
    before_crash.run_steps(2);
    assert!(before_crash.state().document().is_unsaved());
    before_crash.run_steps(100);
    assert!(!recovery.exists(), "not before 30 seconds");
    before_crash.run_steps(30);
    settle(&mut before_crash);
    assert!(recovery.exists(), "written within 30 seconds");
    // The crash: the window goes away without saving.
    drop(before_crash);

    let mut after = harness();
    after.state_mut().send(Command::OpenWorkspace(path.clone()));
    settle(&mut after);
    assert!(after.state().recovery_offer().is_some());
    after.get_by_label("Restore unsaved work?");
    after.get_by_label("Restore").click();
    after.run_steps(3);
    let tags = &after.state().workspace().codebook.tags;
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].name, "Diplomacy");
    assert!(
        after.state().document().is_unsaved(),
        "restored work still needs a save"
    );
    assert_eq!(
        after.state().document().path.as_deref(),
        Some(path.as_path())
    );

    // Saving keeps it and removes the recovery copy.
    after.state_mut().send(Command::Save);
    settle(&mut after);
    assert!(!after.state().document().is_unsaved());
    assert!(!recovery.exists());
    let reread = dateline::store::load_workspace(&path).unwrap();
    assert_eq!(reread.codebook.tags.len(), 1);
}

#[test]
fn a_discarded_recovery_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_workspace(dir.path());
    let recovery = dir.path().join("research.ron.recovery");
    let mut w = dateline::store::load_workspace(&path).unwrap();
    w.codebook.next_id = 5;
    std::thread::sleep(Duration::from_millis(20));
    dateline::store::write_recovery(&recovery, dir.path(), &w).unwrap();

    let mut h = harness();
    h.state_mut().send(Command::OpenWorkspace(path.clone()));
    settle(&mut h);
    h.get_by_label("Discard").click();
    h.run_steps(2);
    assert!(
        h.state().recovery_offer().is_none(),
        "{:?} {:?}",
        h.state().status_message(),
        h.state().alert()
    );
    assert!(!recovery.exists());
    assert_eq!(h.state().workspace().codebook.next_id, 0);
}

/// Each save keeps the one before; File › Open backup puts an earlier save back on screen.
#[test]
fn an_earlier_save_is_opened_from_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_workspace(dir.path());
    let mut h = harness();
    h.state_mut().send(Command::OpenWorkspace(path.clone()));
    settle(&mut h);
    h.state_mut()
        .send(Command::CreateTag("Diplomacy".into(), None));
    h.state_mut().send(Command::Save);
    settle(&mut h);
    let backups = h.state_mut().backups();
    assert_eq!(backups.len(), 1, "{backups:?}");
    h.state_mut()
        .send(Command::OpenBackup(backups[0].0.clone()));
    h.run_steps(2);
    assert!(
        h.state().workspace().codebook.tags.is_empty(),
        "the save before the tag"
    );
    assert!(h.state().document().is_unsaved());
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
}

/// A window with its own config folder, started as `dateline PATH…` starts it.
fn started(
    config: &std::path::Path,
    paths: Vec<std::path::PathBuf>,
) -> Harness<'static, DatelineApp> {
    let mut app = DatelineApp::new(AppOptions {
        recent_file: None,
        config_dir: Some(config.to_path_buf()),
    });
    app.start(paths, None);
    let mut h = window_on(app, None);
    settle(&mut h);
    h
}

/// An untitled workspace's unsaved work is offered at start only when Dateline has nothing
/// else to open; started on a folder, it stays out of the way and File › Recover unsaved
/// work… finds it.
#[test]
fn an_untitled_recovery_is_offered_only_with_nothing_else_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let mut untitled = dateline::model::Workspace::default();
    untitled.codebook.next_id = 5;
    let recovery = dateline::store::untitled_recovery_path(&config);
    dateline::store::write_recovery(&recovery, dir.path(), &untitled).unwrap();
    let folder = news_folder(dir.path());

    let mut on_folder = started(&config, vec![folder]);
    assert_eq!(on_folder.state().workspace().articles.len(), 1);
    assert!(
        on_folder.state().recovery_offer().is_none(),
        "an unrelated untitled workspace is not offered over the folder asked for"
    );
    assert!(on_folder.query_by_label("Restore unsaved work?").is_none());
    on_folder.get_by_label("File").click();
    on_folder.run_steps(2);
    on_folder.get_by_label("Recover unsaved work…").click();
    on_folder.run_steps(4);
    assert!(on_folder.state().recovery_offer().is_some());
    on_folder.get_by_label("Restore unsaved work?");

    let with_nothing = started(&config, Vec::new());
    assert!(with_nothing.state().recovery_offer().is_some());
    with_nothing.get_by_label("Restore unsaved work?");

    // With nothing left to recover, the menu says so.
    std::fs::remove_file(&recovery).unwrap();
    let mut clean = started(&config, Vec::new());
    assert!(clean.state().recovery_offer().is_none());
    clean.state_mut().send(Command::RecoverUnsavedWork);
    clean.run_steps(2);
    assert!(
        clean
            .state()
            .status_message()
            .is_some_and(|m| m.starts_with("No unsaved work to recover")),
        "{:?}",
        clean.state().status_message()
    );
}

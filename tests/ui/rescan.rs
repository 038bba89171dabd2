//! Sources that change under a workspace, driven headlessly: File › Rescan sources re-anchors
//! annotations, sends what lost its words to the Orphans tab, where it is placed on selected
//! words or deleted (undoably); opening a workspace rescans by itself.

use crate::common::{folder_with, press, settle, target_of, window, window_with_import};

use dateline::app::{Command, DatelineApp};
use dateline::model::AnnotationBody;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const STORY: &str = "Defense chief visits\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, \
Nov. 23 (Yonhap) -- Kim Jong-gak led a delegation to China last week. The talks lasted three \
hours.\n";

fn harness() -> Harness<'static, DatelineApp> {
    window(Some(1.0 / 60.0))
}

/// A folder with one story, imported into a fresh window.
fn imported_story() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, DatelineApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let news = folder_with(dir.path(), "news", &[("visit.txt", STORY)]);
    let h = window_with_import(&news, Some(1.0 / 60.0));
    (dir, news, h)
}

/// Notes `words` of the only article.
fn annotate(harness: &mut Harness<'static, DatelineApp>, words: &str) {
    let target = target_of(&harness.state().workspace().articles[0], words);
    harness.state_mut().send(Command::Annotate(
        target,
        AnnotationBody::Note(format!("about {words}")),
    ));
    harness.run_steps(2);
}

fn quote_in_body(harness: &Harness<'static, DatelineApp>, i: usize) -> (String, String) {
    let ws = harness.state().workspace();
    let a = &ws.annotations[i];
    let body = &ws.article(a.target.article).unwrap().body;
    let words = body
        .chars()
        .skip(a.target.start)
        .take(a.target.end - a.target.start)
        .collect();
    (words, a.target.quote.clone())
}

#[test]
fn rescan_reanchors_and_orphans_are_placed_or_deleted() {
    let (dir, news, mut h) = imported_story();
    annotate(&mut h, "China");
    annotate(&mut h, "three hours");
    h.state_mut()
        .send(Command::SaveTo(dir.path().join("research.ron")));
    settle(&mut h);

    std::fs::write(
        news.join("visit.txt"),
        STORY
            .replace("-- Kim", "-- North Korea's Kim")
            .replace(" The talks lasted three hours.", ""),
    )
    .unwrap();
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Rescan sources").click();
    settle(&mut h);

    let message = h.state().status_message().unwrap_or_default().to_string();
    assert!(message.contains("1 changed"), "{message}");
    assert!(message.contains("1 moved, 1 orphaned"), "{message}");
    assert_eq!(h.state().workspace().annotations.len(), 1);
    let (words, quote) = quote_in_body(&h, 0);
    assert_eq!((words.as_str(), quote.as_str()), ("China", "China"));
    assert!(h.state().document().is_unsaved());
    // The Orphans tab opened by itself and tells what was lost and where.
    h.get_by_label("Orphans (1)");
    h.get_by_label("on “three hours”");
    h.get_by_label("note: about three hours");
    assert!(
        h.get_by_label("Place on selection")
            .accesskit_node()
            .is_disabled(),
        "nothing selected yet"
    );

    // Select the first words of the body and place the orphan there.
    let rect = h.get_by_role(Role::MultilineTextInput).rect();
    let from = egui::pos2(rect.min.x + 1.0, rect.min.y + 8.0);
    let to = from + egui::vec2(80.0, 0.0);
    h.hover_at(from);
    h.step();
    press(&h, from, true);
    h.step();
    for k in 1..=5 {
        h.hover_at(from + (to - from) * (k as f32 / 5.0));
        h.step();
    }
    press(&h, to, false);
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    h.get_by_label("Place on selection").click();
    h.run_steps(3);
    assert!(h.state().workspace().orphans.is_empty());
    assert_eq!(h.state().workspace().annotations.len(), 2);
    let (words, quote) = quote_in_body(&h, 1);
    assert_eq!(words, quote);
    assert!(quote.starts_with("North"), "{quote}");
    assert!(matches!(
        &h.state().workspace().annotations[1].body,
        AnnotationBody::Note(n) if n == "about three hours"
    ));

    // Undo brings the orphan back; Delete removes it; undo again restores it.
    h.state_mut().send(Command::Undo);
    h.run_steps(3);
    assert_eq!(h.state().workspace().orphans.len(), 1);
    h.get_by_label("Delete").click();
    h.run_steps(3);
    assert!(h.state().workspace().orphans.is_empty());
    h.get_by_label("No orphans: every annotation sits on its words.");
    h.state_mut().send(Command::Undo);
    h.run_steps(3);
    assert_eq!(h.state().workspace().orphans.len(), 1);
}

#[test]
fn opening_a_workspace_rescans_its_sources() {
    let (dir, news, mut h) = imported_story();
    let path = dir.path().join("research.ron");
    h.state_mut().send(Command::SaveTo(path.clone()));
    settle(&mut h);
    drop(h);

    // Unchanged sources: opening changes nothing.
    let mut h = harness();
    h.state_mut().send(Command::OpenWorkspace(path.clone()));
    settle(&mut h);
    assert!(!h.state().document().is_unsaved());

    // A new file appears and the old one moves into a subfolder.
    std::fs::create_dir_all(news.join("2009")).unwrap();
    std::fs::rename(news.join("visit.txt"), news.join("2009/visit.txt")).unwrap();
    std::fs::write(
        news.join("later.txt"),
        "Talks resume\n\nGENEVA, Nov. 2 (Reuters) - Talks resumed in Geneva on Tuesday.\n",
    )
    .unwrap();
    let mut h = harness();
    h.state_mut().send(Command::OpenWorkspace(path.clone()));
    settle(&mut h);
    let ws = h.state().workspace();
    assert_eq!(ws.articles.len(), 2);
    assert!(ws.articles[0].source.path.ends_with("2009/visit.txt"));
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    assert!(h.state().document().is_unsaved());
    let message = h.state().status_message().unwrap_or_default();
    assert!(message.contains("1 new, 0 changed, 1 moved"), "{message}");

    // The whole folder unreachable: nothing is taken for gone, nothing needs saving.
    h.state_mut().send(Command::SaveTo(path.clone()));
    settle(&mut h);
    std::fs::rename(&news, dir.path().join("unplugged")).unwrap();
    let mut h = harness();
    h.state_mut().send(Command::OpenWorkspace(path.clone()));
    settle(&mut h);
    assert!(!h.state().document().is_unsaved());
    assert!(h.state().workspace().problems.is_empty());
    assert_eq!(h.state().workspace().articles.len(), 2);
    let message = h.state().status_message().unwrap_or_default();
    assert!(message.contains("not reachable"), "{message}");
}

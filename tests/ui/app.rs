//! The real app driven headlessly through egui_kittest, by its widgets' labels.

use crate::common::{settle, window_on};

use std::path::Path;

use dateline::app::{AppOptions, Command, DatelineApp};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn fixture_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "seoul.txt",
        "Envoys meet in Seoul on trade\n\nAll Headlines 09:10 May 2, 2022\n\nBy Choi Eun-ha\n\nSEOUL, May 2 (Yonhap) -- Trade envoys met on Monday.\n\nThey agreed to meet again.\n",
    );
    write(
        dir.path(),
        "wire.txt",
        "COPPER OUTPUT RISES\n\n 2-MAR-1987 10:00:00.00\n\nSANTIAGO, March 2 - Copper output rose 4 pct in\nFebruary, the mining company said.\n Reuter\n",
    );
    std::fs::write(dir.path().join("broken.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    dir
}

fn harness(app: DatelineApp) -> Harness<'static, DatelineApp> {
    window_on(app, None)
}

/// A window that has imported the fixture folder.
fn imported(folder: &tempfile::TempDir, options: AppOptions) -> Harness<'static, DatelineApp> {
    let mut harness = harness(DatelineApp::new(options));
    harness
        .state_mut()
        .send(Command::Import(vec![folder.path().to_path_buf()]));
    settle(&mut harness);
    harness
}

#[test]
fn open_a_folder_select_an_article_and_read_its_byline() {
    let folder = fixture_folder();
    let mut harness = imported(&folder, AppOptions::default());

    assert_eq!(harness.state().workspace().articles.len(), 2);
    assert_eq!(harness.state().workspace().problems.len(), 1);
    harness.get_by_label("Problems (1)");
    assert!(harness.state().document().is_unsaved());
    assert!(
        harness.state().title().ends_with("• — Dateline"),
        "{}",
        harness.state().title()
    );

    // The first imported article is selected; clear that so only the library shows headlines.
    harness.state_mut().send(Command::SelectArticle(None));
    harness.run_steps(2);
    harness
        .get_by_label("Envoys meet in Seoul on trade")
        .click();
    harness.run_steps(3);
    let selected = harness.state().selected_article().unwrap();
    let article = harness.state().workspace().article(selected).unwrap();
    assert_eq!(article.headline, "Envoys meet in Seoul on trade");
    harness.get_by_label("By Choi Eun-ha");
    harness.get_by_label("SEOUL, May 2");
    harness.get_by_label("2 May 2022, 09:10 Asia/Seoul (UTC+09:00), zone implied by the source");
}

#[test]
fn sorting_filtering_and_keyboard_navigation() {
    let folder = fixture_folder();
    let mut harness = imported(&folder, AppOptions::default());

    // Published ascending: the 1987 wire story first.
    harness.state_mut().send(Command::SelectArticle(None));
    harness.run_steps(2);
    harness.key_press(egui::Key::J);
    harness.run_steps(2);
    let first = harness.state().selected_article().unwrap();
    assert_eq!(
        harness.state().workspace().article(first).unwrap().headline,
        "COPPER OUTPUT RISES"
    );
    harness.key_press(egui::Key::J);
    harness.run_steps(2);
    let second = harness.state().selected_article().unwrap();
    assert_eq!(
        harness
            .state()
            .workspace()
            .article(second)
            .unwrap()
            .headline,
        "Envoys meet in Seoul on trade"
    );

    harness.get_by_label("Published").click();
    harness.run_steps(2);
    assert!(!harness.state_mut().library_view().ascending);

    harness.state_mut().send(Command::SelectArticle(None));
    harness.state_mut().library_view().filter = "copper".into();
    harness.run_steps(2);
    harness.get_by_label("1 of 2 articles");
    assert!(
        harness
            .query_by_label("Envoys meet in Seoul on trade")
            .is_none()
    );
    harness.get_by_label("COPPER OUTPUT RISES");
}

#[test]
fn save_then_reopen_shows_the_same_articles() {
    let folder = fixture_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("research.ron");
    let recent = out.path().join("recent.ron");
    let mut harness = imported(
        &folder,
        AppOptions {
            recent_file: Some(recent.clone()),
            ..Default::default()
        },
    );
    harness.state_mut().send(Command::SaveTo(path.clone()));
    settle(&mut harness);
    assert!(!harness.state().document().is_unsaved());
    assert_eq!(harness.state().title(), "research.ron — Dateline");
    let saved = harness.state().workspace().clone();

    let mut reopened = self::harness(DatelineApp::new(AppOptions {
        recent_file: Some(recent.clone()),
        ..Default::default()
    }));
    reopened
        .state_mut()
        .send(Command::OpenPaths(vec![path.clone()]));
    settle(&mut reopened);
    assert_eq!(reopened.state().workspace(), &saved);
    assert!(!reopened.state().document().is_unsaved());
    let remembered = dateline::store::RecentWorkspaces::load(&recent);
    assert_eq!(remembered.paths.first(), Some(&path));
}

#[test]
fn a_damaged_workspace_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let text = "(format: \"dateline-workspace\", format_version: 1, workspace: (articles: [(id: 3,";
    std::fs::write(&path, text).unwrap();
    let mut harness = harness(DatelineApp::new(AppOptions::default()));
    harness
        .state_mut()
        .send(Command::OpenWorkspace(path.clone()));
    settle(&mut harness);
    let alert = harness.state().alert().unwrap().clone();
    assert_eq!(alert.title, "Could not open the workspace");
    assert!(alert.message.contains("broken.ron"), "{}", alert.message);
    assert!(alert.message.contains("line 1"), "{}", alert.message);
    harness.get_by_label("Could not open the workspace");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn unsaved_changes_are_asked_about_before_a_new_workspace() {
    let folder = fixture_folder();
    let mut harness = imported(&folder, AppOptions::default());
    harness.state_mut().send(Command::NewWorkspace);
    harness.run_steps(3);
    harness.get_by_label("Save changes to Untitled?");
    assert_eq!(harness.state().workspace().articles.len(), 2);
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().articles.len(), 2);
    harness.state_mut().send(Command::NewWorkspace);
    harness.run_steps(3);
    harness.get_by_label("Don't save").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().articles.is_empty());
}

#[test]
fn the_original_file_text_can_be_shown() {
    let folder = fixture_folder();
    let mut harness = imported(&folder, AppOptions::default());
    harness.state_mut().send(Command::SelectArticle(None));
    harness.run_steps(2);
    harness.get_by_label("COPPER OUTPUT RISES").click();
    harness.run_steps(2);
    harness.get_by_label("Original file text").click();
    harness.run_steps(2);
    harness.get_by_value("COPPER OUTPUT RISES\n\n 2-MAR-1987 10:00:00.00\n\nSANTIAGO, March 2 - Copper output rose 4 pct in\nFebruary, the mining company said.\n Reuter\n");
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_folder_imports_it() {
    let folder = fixture_folder();
    let mut harness = harness(DatelineApp::new(AppOptions::default()));
    harness.run_steps(2);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(folder.path().to_path_buf())));
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().workspace().articles.len(), 2);
    harness.get_by_label("2 of 2 articles");
}

#[test]
fn opening_a_workspace_over_unsaved_work_asks_first() {
    let folder = fixture_folder();
    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("other.ron");
    dateline::store::save_workspace(&saved, &dateline::model::Workspace::default()).unwrap();
    let mut harness = imported(&folder, AppOptions::default());
    harness
        .state_mut()
        .send(Command::OpenPaths(vec![saved.clone()]));
    harness.run_steps(3);
    harness.get_by_label("Save changes to Untitled?");
    assert_eq!(harness.state().workspace().articles.len(), 2);
    harness.get_by_label("Don't save").click();
    harness.run_steps(2);
    settle(&mut harness);
    assert!(harness.state().workspace().articles.is_empty());
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(saved.as_path())
    );
}

/// A Yonhap story dated Monday 23 November 2009 that mentions Sunday.
fn seed_like_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "visit.txt",
        "Minister arrives for talks\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 (Yonhap) -- The minister arrived on Sunday for talks that run until Dec. 5.\n",
    );
    dir
}

#[test]
fn time_expressions_are_listed_and_a_correction_is_kept_as_manual() {
    let folder = seed_like_folder();
    let mut harness = imported(&folder, AppOptions::default());
    harness.get_by_label("Sunday: 2009-11-22").click();
    harness.run_steps(2);
    assert!(harness.state().selected_timex().is_some());
    harness.get_by_label("Dec. 5: 2009-12-05");
    // The explanation says why.
    harness.get_by_label(
        "Sunday is 2009-11-22: the Sunday before the reference date, Monday 2009-11-23",
    );

    harness
        .get_by_role_and_label(Role::TextInput, "Value")
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Value")
        .type_text("2009-11-21");
    harness.run_steps(2);
    harness.get_by_label("Correct").click();
    harness.run_steps(3);

    let corrections = &harness.state().workspace().timex_corrections;
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0].text, "Sunday");
    assert_eq!(corrections[0].value.to_timex(), "2009-11-21");
    assert!(harness.state().document().is_unsaved());
    harness.get_by_label("Sunday: 2009-11-21 (yours)");
    let timexes = harness.state_mut().current_timexes().to_vec();
    assert!(
        timexes
            .iter()
            .any(|t| t.manual && t.value.to_timex() == "2009-11-21")
    );

    harness.get_by_label("Use Dateline's value").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().timex_corrections.is_empty());
    harness.get_by_label("Sunday: 2009-11-22");
}

#[test]
fn a_bad_correction_is_refused_with_a_message() {
    let folder = seed_like_folder();
    let mut harness = imported(&folder, AppOptions::default());
    harness.get_by_label("Sunday: 2009-11-22").click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Value")
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Value")
        .type_text("next tuesday");
    harness.run_steps(2);
    harness.get_by_label("Correct").click();
    harness.run_steps(2);
    assert!(harness.state().workspace().timex_corrections.is_empty());
    harness.get_by_label_contains("is not a TIMEX3 DATE value");
}

#[test]
fn setting_a_reference_date_resolves_relative_dates_again() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "undated.txt",
        "Talks resume\n\nThe envoys met again on Sunday.\n",
    );
    let mut harness = imported(&dir, AppOptions::default());
    let id = harness.state().selected_article().unwrap();
    harness.state_mut().send(Command::SetReferenceDate(
        id,
        chrono::NaiveDate::from_ymd_opt(2009, 11, 23),
    ));
    harness.run_steps(3);
    harness.get_by_label("Reference date: 2009-11-23 (date set by you)");
    harness.get_by_label("Sunday: 2009-11-22");
}

#[test]
fn names_are_coloured_in_the_reader_and_can_be_hidden() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "visit.txt",
        "Minister visits Pyongyang\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 (Yonhap) -- China's defense minister, Liang Guanglie, arrived in Pyongyang on Sunday. Liang met officials of the Korean Central News Agency (KCNA).\n",
    );
    let mut harness = imported(&dir, AppOptions::default());
    let names = harness.state_mut().current_names().to_vec();
    let liang: Vec<&str> = names
        .iter()
        .filter(|n| n.label == dateline::model::EntityLabel::Person)
        .map(|n| n.entity.as_str())
        .collect();
    assert_eq!(liang, ["Liang Guanglie", "Liang Guanglie"]);
    assert!(
        names
            .iter()
            .any(|n| n.entity == "Korean Central News Agency"
                && n.label == dateline::model::EntityLabel::Organisation)
    );
    assert!(harness.state().names_shown());
    harness.get_by_label("Names").click();
    harness.run_steps(2);
    assert!(!harness.state().names_shown());
    harness.get_by_label("Names").click();
    harness.run_steps(2);
    assert!(harness.state().names_shown());
}

/// Three stories naming people and places, one with a short form of a name.
fn names_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Minister arrives\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 (Yonhap) -- China's defense minister, Liang Guanglie, arrived in Pyongyang on Sunday.\n",
    );
    write(
        dir.path(),
        "b.txt",
        "President visits\n\nAll Headlines 09:00 November 18, 2009\n\nSEOUL, Nov. 18 (Yonhap) -- U.S. President Barack Obama arrived in Seoul on Wednesday.\n",
    );
    write(
        dir.path(),
        "c.txt",
        "Tour ends\n\nAll Headlines 10:00 December 5, 2009\n\nBANGKOK, Dec. 5 (Yonhap) -- Liang ended his tour in Thailand on Saturday, officials said.\n",
    );
    dir
}

/// A workspace's names read in parts (as a large one's are, so its entities show as they
/// come) end in the registry and events of one reading.
#[test]
fn names_read_in_parts_end_as_one_reading() {
    let folder = names_folder();
    let whole = imported(&folder, AppOptions::default());
    let mut harness = harness(DatelineApp::new(AppOptions::default()));
    harness.state_mut().set_names_part(1);
    // The entities panel open while the parts come: its rows follow each registry.
    harness.get_by_label("Entities").click();
    harness.run_steps(2);
    harness
        .state_mut()
        .send(Command::Import(vec![folder.path().to_path_buf()]));
    settle(&mut harness);
    let n = harness.state().registry().len();
    harness.get_by_label(&format!("{n} of {n} entities"));
    let entities = |h: &Harness<'static, DatelineApp>| {
        let mut list: Vec<(String, usize, usize)> = h
            .state()
            .registry()
            .iter()
            .map(|e| (e.name.clone(), e.mentions, e.articles.len()))
            .collect();
        list.sort();
        list
    };
    assert!(
        entities(&whole)
            .iter()
            .any(|(n, _, _)| n == "Liang Guanglie")
    );
    assert_eq!(entities(&harness), entities(&whole));
    let events = |h: &Harness<'static, DatelineApp>| {
        let mut titles: Vec<String> = h
            .state()
            .suggested_events()
            .iter()
            .map(|e| e.title.clone())
            .collect();
        titles.sort();
        titles
    };
    assert!(!events(&whole).is_empty());
    assert_eq!(events(&harness), events(&whole));
}

#[test]
fn selecting_an_entity_shows_only_its_articles() {
    let folder = names_folder();
    let mut harness = imported(&folder, AppOptions::default());
    assert!(
        harness
            .state()
            .registry()
            .iter()
            .any(|e| e.name == "Barack Obama")
    );
    harness.get_by_label("Entities").click();
    harness.run_steps(2);
    harness.get_by_label("Barack Obama").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selected_entities().len(), 1);
    harness.get_by_label("Library").click();
    harness.run_steps(2);
    harness.get_by_label("1 of 3 articles");
    let rows = harness.state_mut().library_view().rows().to_vec();
    let headlines: Vec<String> = rows
        .iter()
        .map(|&i| harness.state().workspace().articles[i].headline.clone())
        .collect();
    assert_eq!(headlines, ["President visits"]);
    assert!(harness.query_by_label("Tour ends").is_none());
    // Clearing the entity shows every article again.
    harness.get_by_label("Clear entity selection").click();
    harness.run_steps(2);
    harness.get_by_label("3 of 3 articles");
}

#[test]
fn merging_two_entities_keeps_one_with_both_names() {
    let folder = names_folder();
    let mut harness = imported(&folder, AppOptions::default());
    harness.get_by_label("Entities").click();
    harness.run_steps(2);
    harness.get_by_label("Liang Guanglie").click();
    harness.run_steps(2);
    harness
        .get_by_label("Liang")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run_steps(2);
    assert_eq!(harness.state().selected_entities().len(), 2);
    harness.get_by_label("Merge selected").click();
    harness.run_steps(3);
    let liang: Vec<_> = harness
        .state()
        .registry()
        .iter()
        .filter(|e| e.aliases.contains("Liang"))
        .collect();
    assert_eq!(liang.len(), 1);
    assert_eq!(liang[0].name, "Liang Guanglie");
    assert!(liang[0].aliases.contains("Liang Guanglie"));
    assert_eq!(liang[0].articles.len(), 2);
    assert!(harness.state().document().is_unsaved());
    harness.get_by_label("Also written: Liang, Liang Guanglie");
    assert!(harness.query_by_label("Liang").is_none());

    // And split it off again.
    harness.get_by_label("Split off…").click();
    harness.run_steps(2);
    harness.get_by_label("Liang").click();
    harness.run_steps(3);
    let names: Vec<String> = harness
        .state()
        .registry()
        .iter()
        .filter(|e| e.label == dateline::model::EntityLabel::Person && e.name.starts_with("Liang"))
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(names, ["Liang", "Liang Guanglie"]);
}

/// A folder of `n` wire stories alike: talks in Geneva between Norway and Sweden on Tuesday,
/// and Liang Guanglie in Pyongyang on Sunday.
fn talks(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        write(
            dir.path(),
            &format!("{i}.txt"),
            &format!(
                "TALKS {i}\n\n 3-MAR-1987 10:00:00.00\n\nGENEVA, March 3 - Negotiators from \
                 Norway and Sweden met on Tuesday, officials said. Liang Guanglie arrived in \
                 Pyongyang on Sunday.\n Reuter\n"
            ),
        );
    }
    dir
}

/// Finding names and events shows its progress with a Stop button; stopped, it stays stopped
/// (the window is no longer busy) until "Find them", after which the names are all there.
#[test]
fn names_and_events_can_be_stopped_and_found_again() {
    let dir = talks(400);
    let mut harness = window_on(DatelineApp::new(AppOptions::default()), Some(1.0 / 60.0));
    // The stories are alike: count every copy, so the counts below are per article.
    harness.state_mut().send(Command::SetCountOnce(false));
    harness
        .state_mut()
        .send(Command::Import(vec![dir.path().to_path_buf()]));
    // Stop as soon as the articles are in.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().workspace().articles.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the import did not finish"
        );
        harness.step();
    }
    harness.get_by_label("Stop").click();
    settle(&mut harness);
    assert!(harness.state().extraction_stopped());
    assert!(!harness.state().is_busy(), "stopped work is not waited for");
    harness.get_by_label("Names, events and the search index stopped");
    harness.get_by_label("Find them").click();
    settle(&mut harness);
    assert!(!harness.state().extraction_stopped());
    let registry = harness.state().registry();
    let sweden = registry
        .iter()
        .find(|e| e.name == "Sweden")
        .expect("names found");
    assert_eq!(sweden.articles.len(), 400);
    assert_eq!(harness.state().suggested_events().len(), 800);
}

/// Stopped, the search index is not built either: a search says how few articles it could
/// read and why; "Find them" indexes the rest and the same search finds every article.
#[test]
fn a_stopped_index_is_said_and_resumed() {
    let dir = talks(50);
    let mut harness = window_on(DatelineApp::new(AppOptions::default()), Some(1.0 / 60.0));
    harness.state_mut().send(Command::StopExtraction);
    harness
        .state_mut()
        .send(Command::Import(vec![dir.path().to_path_buf()]));
    settle(&mut harness);
    assert_eq!(harness.state().workspace().articles.len(), 50);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("sweden");
    harness.run_steps(2);
    settle(&mut harness);
    let result = &harness.state().search_outcome().unwrap().result;
    assert_eq!((result.searched, result.total), (0, 50));
    harness.get_by_label_contains("indexing stopped");
    harness.get_by_label("Find them").click();
    settle(&mut harness);
    let result = &harness.state().search_outcome().unwrap().result;
    assert_eq!((result.searched, result.articles), (50, 50));
}

/// An undated article shows the reference date its text suggests, says why, and takes it with
/// one click that Undo takes back.
#[test]
fn an_estimated_reference_date_is_shown_and_accepted_in_one_click() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bank.txt",
        "Bank results\n\nProfits rose 10% in 2004, the bank said on Friday.\n",
    );
    let mut harness = imported(&dir, AppOptions::default());
    harness.get_by_label("≈ 2005");
    // The only article is shown (its headline is in the library and the reader).
    assert_eq!(harness.get_all_by_label("Bank results").count(), 2);
    harness.get_by_label("Reference date: 2005 (estimated from the text, confidence 0.25)");
    harness.get_by_label("the latest year it writes in the past, 2004, reads as over");
    harness.get_by_label("Accept 2005-07-01").click();
    harness.run_steps(3);
    let date = chrono::NaiveDate::from_ymd_opt(2005, 7, 1);
    assert_eq!(
        harness.state().workspace().articles[0].reference_override,
        date
    );
    harness.get_by_label("Reference date: 2005-07-01 (date set by you)");
    harness.state_mut().send(Command::Undo);
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace().articles[0].reference_override,
        None
    );
    harness.get_by_label("Accept 2005-07-01");
}

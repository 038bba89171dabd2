//! Wire-story families in the window, driven headlessly: a re-sent story is one library row
//! with its versions, the Versions view compares them, "Not the same report" splits them and
//! undo joins them again; entity counts count the report once unless the user says otherwise.

use crate::common::{settle, window_with_import};

use dateline::app::{Command, DatelineApp};
use dateline::model::{ArticleId, FamilyDecision};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const BODY: &str = "GENEVA, March 3 - Negotiators from Norway and Sweden resumed talks on the \
disputed border on Tuesday after a break of three weeks, officials said. The delegations met \
for four hours and agreed to meet again on Thursday, a spokesman for the mediators said.\n";

fn wire_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("1.txt"),
        format!("BORDER TALKS RESUME\n\n 3-MAR-1987 10:02:11.00\n\n{BODY} Reuter\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2.txt"),
        format!(
            "BORDER TALKS RESUME, DRAFT EXPECTED\n\n 3-MAR-1987 16:40:00.00\n\n{BODY}    \
             Diplomats said a draft agreement could be ready before the end of the month.\n Reuter\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("3.txt"),
        "RAIN FLOODS DHAKA\n\n 3-MAR-1987 09:00:00.00\n\nDHAKA, March 3 - Heavy rain flooded \
         low-lying districts of the capital overnight, the city's disaster office said.\n Reuter\n",
    )
    .unwrap();
    dir
}

fn harness(folder: &tempfile::TempDir) -> Harness<'static, DatelineApp> {
    window_with_import(folder.path(), Some(1.0 / 60.0))
}

/// Steps until the families are derived (background work included).
fn wait_for_families(harness: &mut Harness<'static, DatelineApp>) {
    for _ in 0..200 {
        settle(harness);
        if !harness.state().families().is_empty() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("no family was found");
}

fn norway_articles(harness: &Harness<'static, DatelineApp>) -> Option<usize> {
    harness
        .state()
        .registry()
        .iter()
        .find(|e| e.name == "Norway")
        .map(|e| e.articles.len())
}

#[test]
fn a_resent_story_is_one_row_compared_split_and_joined_again() {
    let folder = wire_folder();
    let mut harness = harness(&folder);
    wait_for_families(&mut harness);
    let family = harness.state().families().iter().next().unwrap().clone();
    assert_eq!(family.members.len(), 2);
    let first = family.members[0];
    // One row for the report, with its number of versions.
    harness.get_by_label("+ 2");
    harness.get_by_label("2 reports in 3 articles; 1 reports came in several versions");
    // Names count the report once; every copy when the user asks.
    for _ in 0..100 {
        settle(&mut harness);
        if norway_articles(&harness).is_some() {
            break;
        }
    }
    assert_eq!(norway_articles(&harness), Some(1));
    harness.state_mut().send(Command::SetCountOnce(false));
    settle(&mut harness);
    assert_eq!(norway_articles(&harness), Some(2));
    harness.state_mut().send(Command::SetCountOnce(true));
    // Open the versions from the library's button.
    harness
        .state_mut()
        .send(Command::SelectArticle(Some(first)));
    settle(&mut harness);
    harness.get_by_label("Compare versions (2)").click();
    settle(&mut harness);
    harness.get_by_label("Version 1 of 2");
    harness.get_by_label("Version 2 of 2");
    harness.get_by_label("6 h 37 min later");
    harness.get_by_label("+14 -0 words, 0 moved");
    // The user disagrees: two reports. Undo brings the family back.
    harness.get_by_label("Not the same report").click();
    settle(&mut harness);
    assert!(harness.state().families().is_empty());
    assert!(matches!(
        harness.state().workspace().family_decisions.as_slice(),
        [FamilyDecision::Apart(ArticleId(_), ArticleId(_))]
    ));
    harness.state_mut().send(Command::Undo);
    settle(&mut harness);
    assert!(harness.state().workspace().family_decisions.is_empty());
    assert_eq!(harness.state().families().len(), 1);
}

/// Long versions are compared off the UI thread: the view says so, then marks the words.
#[test]
fn long_versions_are_compared_in_the_background() {
    let folder = wire_folder();
    let mut harness = harness(&folder);
    harness.state_mut().set_versions_inline_bytes(0);
    wait_for_families(&mut harness);
    let first = harness.state().families().iter().next().unwrap().members[0];
    harness
        .state_mut()
        .send(Command::SelectArticle(Some(first)));
    settle(&mut harness);
    harness.get_by_label("Compare versions (2)").click();
    harness.run_steps(2);
    harness.get_by_label("Version 2 of 2");
    // The frame that starts the comparison cannot have its result: it says so (in the view
    // and the status bar).
    assert!(
        harness
            .query_all_by_label("Comparing the versions…")
            .next()
            .is_some()
    );
    settle(&mut harness);
    harness.get_by_label("+14 -0 words, 0 moved");
    assert!(harness.query_by_label("Comparing the versions…").is_none());
}

/// A large corpus's registry is built off the UI thread; the panel gets it when it is done,
/// and decisions still apply.
#[test]
fn the_registry_of_a_large_corpus_is_built_in_the_background() {
    let folder = wire_folder();
    let mut harness = window_with_import(folder.path(), Some(1.0 / 60.0));
    harness.state_mut().set_registry_inline_limit(0);
    harness.state_mut().send(Command::SetCountOnce(false));
    wait_for_families(&mut harness);
    for _ in 0..100 {
        settle(&mut harness);
        if norway_articles(&harness).is_some() {
            break;
        }
    }
    assert_eq!(norway_articles(&harness), Some(2));
    harness.state_mut().send(Command::SetCountOnce(true));
    settle(&mut harness);
    assert_eq!(
        norway_articles(&harness),
        Some(1),
        "counted once, built in the background"
    );
}

/// A large corpus's families are grouped off the UI thread, and a decision on them (two
/// reports, then undone) is grouped there again.
#[test]
fn the_families_of_a_large_corpus_are_grouped_in_the_background() {
    let folder = wire_folder();
    let mut harness = window_with_import(folder.path(), Some(1.0 / 60.0));
    harness.state_mut().set_families_inline_limit(0);
    wait_for_families(&mut harness);
    let family = harness.state().families().iter().next().unwrap().clone();
    assert_eq!(family.members.len(), 2);
    let (a, b) = (family.members[0], family.members[1]);
    harness
        .state_mut()
        .send(Command::DecideFamily(FamilyDecision::Apart(a, b)));
    for _ in 0..200 {
        settle(&mut harness);
        if harness.state().families().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        harness.state().families().is_empty(),
        "apart, grouped again"
    );
    harness.state_mut().send(Command::Undo);
    wait_for_families(&mut harness);
    assert_eq!(harness.state().families().len(), 1);
}

/// The inspector of a selected name lists the names that appear in the same articles, with
/// how many: Norway appears with Sweden in the report's one article (its two versions counted
/// once), never with Dhaka, which only the third article names.
#[test]
fn a_selected_name_shows_what_it_appears_with() {
    let folder = wire_folder();
    let mut harness = harness(&folder);
    wait_for_families(&mut harness);
    let mut norway = None;
    for _ in 0..200 {
        settle(&mut harness);
        norway = harness
            .state()
            .registry()
            .iter()
            .find(|e| e.name == "Norway")
            .map(|e| e.key.clone());
        if norway.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness
        .state_mut()
        .send(Command::SelectEntity(norway, false));
    settle(&mut harness);
    harness.get_by_label("Appears with");
    harness.get_by_label("Sweden (1 article)");
    assert!(harness.query_by_label("Dhaka (1 article)").is_none());
}

//! The Search tab driven headlessly: type a query, read the hits, open one, code them all (and
//! undo), narrow the library to the results, read why a query is wrong, find words in the open
//! article, save a search, and follow an article edited on disk.

use crate::common::{folder_with, settle, window_with_import};

use dateline::app::{Command, DatelineApp};
use dateline::model::AnnotationBody;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const MARKETS: &str = "Oil prices climb\n\nMarch 3, 1987\n\nNEW YORK, March 3 - Oil prices \
rose on Tuesday as ministers met.\n\nTraders said oil would stay firm.\n";
const GULF: &str = "Gulf output steady\n\nMarch 4, 1987\n\nBAHRAIN, March 4 - Output of oil \
was steady, officials said.\n";
const WEATHER: &str = "Storm hits coast\n\nMarch 5, 1987\n\nThe storm brought wind and rain \
to the coast. Liang Guanglie watched it from Beijing.\n";
const VISIT: &str = "President visits\n\nMarch 6, 1987\n\nSEOUL, March 6 (Yonhap) -- U.S. \
President Barack Obama arrived in Seoul on Friday.\n";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    folder_with(
        dir.path(),
        "news",
        &[
            ("markets.txt", MARKETS),
            ("gulf.txt", GULF),
            ("weather.txt", WEATHER),
            ("visit.txt", VISIT),
        ],
    );
    dir
}

fn search_for(harness: &mut Harness<'static, DatelineApp>, query: &str) {
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(Role::TextInput, "Search");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text(query);
    harness.run_steps(2);
    settle(harness);
}

#[test]
fn hits_are_found_opened_and_coded_all_at_once_then_undone() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    harness
        .state_mut()
        .send(Command::CreateTag("Energy".into(), None));
    harness.run_steps(2);
    let tag = harness.state().workspace().codebook.tags[0].id;

    search_for(&mut harness, "oil");
    harness.get_by_label("3 hits in 2 articles");
    // Open, from its row, a hit in an article other than the one the reader shows.
    let shown = harness.state().selected_article();
    let outcome = harness.state().search_outcome().unwrap();
    let (row, hit) = outcome
        .result
        .hits
        .iter()
        .enumerate()
        .find(|(_, h)| Some(h.article) != shown)
        .map(|(i, h)| (i, *h))
        .unwrap();
    let labels: Vec<String> = outcome.result.hits[..=row]
        .iter()
        .map(|h| {
            dateline::search::hit_text(&outcome.index, h, 10)
                .unwrap()
                .text
        })
        .collect();
    let same_before = labels.iter().filter(|l| **l == labels[row]).count() - 1;
    harness
        .get_all_by_label(&labels[row])
        .nth(same_before)
        .unwrap()
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selected_article(), Some(hit.article));
    let (s, e) = hit.span.unwrap();
    let body = harness
        .state()
        .workspace()
        .article(hit.article)
        .unwrap()
        .body
        .clone();
    let cp = |b: u32| body[..b as usize].chars().count();
    assert_eq!(
        harness.state().reader_selection(),
        Some((hit.article, cp(s), cp(e))),
        "the hit's words are selected"
    );

    // Code every hit with the tag: a preview first, then one step.
    harness.state_mut().search_view().code_tag = Some(tag);
    harness.run_steps(2);
    harness.get_by_label("Code all hits…").click();
    harness.run_steps(2);
    harness.get_by_label("Code 3 passages in 2 articles with Energy?");
    harness.get_by_label("Code 3").click();
    harness.run_steps(3);
    let annotations = &harness.state().workspace().annotations;
    assert_eq!(annotations.len(), 3);
    for a in annotations.iter() {
        assert_eq!(a.body, AnnotationBody::Tag(tag));
        assert!(a.target.quote.eq_ignore_ascii_case("oil"), "{:?}", a.target);
    }
    // The same hits again: nothing new to code.
    harness.get_by_label("Code all hits…").click();
    harness.run_steps(2);
    harness.get_by_label_contains("3 already coded so are left alone");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);

    // One undo takes all three back; tag: finds what was coded before that.
    search_for(&mut harness, "tag:Energy");
    assert_eq!(
        harness.state().search_outcome().unwrap().result.hits.len(),
        3
    );
    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().annotations.is_empty());
    settle(&mut harness);
    assert!(
        harness
            .state()
            .search_outcome()
            .unwrap()
            .result
            .hits
            .is_empty()
    );
}

#[test]
fn show_only_results_narrows_the_entity_counts_and_the_timeline() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    let names = |h: &Harness<'static, DatelineApp>| -> Vec<String> {
        h.state()
            .shown_entities()
            .iter()
            .map(|e| e.name.clone())
            .collect()
    };
    assert!(names(&harness).contains(&"Liang Guanglie".to_string()));
    search_for(&mut harness, "president");
    harness.get_by_label("Show only results").click();
    harness.run_steps(3);
    let shown = names(&harness);
    assert!(shown.contains(&"Barack Obama".to_string()), "{shown:?}");
    assert!(!shown.contains(&"Liang Guanglie".to_string()), "{shown:?}");
    // The timeline's events come from the results only.
    let visit = harness
        .state()
        .only_results()
        .unwrap()
        .iter()
        .copied()
        .collect::<Vec<_>>();
    let events = harness.state().timeline_event_articles();
    assert!(!events.is_empty());
    assert!(events.iter().all(|a| visit.contains(a)), "{events:?}");
    harness.get_by_label("Show only results").click();
    harness.run_steps(3);
    assert!(names(&harness).contains(&"Liang Guanglie".to_string()));
}

#[test]
fn show_only_results_narrows_the_library() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    search_for(&mut harness, "storm OR output");
    harness.get_by_label("2 hits in 2 articles");
    harness.get_by_label("Show only results").click();
    harness.run_steps(3);
    assert_eq!(harness.state().only_results().unwrap().len(), 2);
    let rows = {
        let app = harness.state_mut();
        let workspace = app.workspace().clone();
        let view = app.library_view();
        view.refresh(
            &workspace,
            u64::MAX,
            &dateline::families::Families::default(),
            0,
        );
        view.rows().len()
    };
    assert_eq!(rows, 2);
    harness.get_by_label("Show only results").click();
    harness.run_steps(3);
    assert!(harness.state().only_results().is_none());
    // Emptying the field empties the results.
    harness.state_mut().search_view().query.clear();
    harness.run_steps(2);
    assert!(harness.state().search_outcome().is_none());
}

#[test]
fn a_bad_query_says_where_and_why() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    search_for(&mut harness, "oil AND (price");
    harness.get_by_label_contains("Cannot search: column 9: this parenthesis is never closed");
    assert_eq!(harness.state().search_error().unwrap().column, 9);
}

#[test]
fn find_in_article_steps_through_its_matches() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    let markets = harness
        .state()
        .workspace()
        .articles
        .iter()
        .find(|a| a.headline == "Oil prices climb")
        .unwrap()
        .id;
    harness
        .state_mut()
        .send(Command::SelectArticle(Some(markets)));
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .type_text("oil");
    harness.run_steps(2);
    harness.get_by_label("2 found");
    harness.get_by_label("Next").click();
    harness.run_steps(2);
    harness.get_by_label("1 of 2");
    harness.get_by_label("Next").click();
    harness.run_steps(2);
    harness.get_by_label("2 of 2");
    harness.get_by_label("Previous").click();
    harness.run_steps(2);
    harness.get_by_label("1 of 2");
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    assert!(!harness.state().find_state().open);
}

#[test]
fn a_saved_search_is_kept_in_the_workspace_and_undone() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    search_for(&mut harness, "oil NEAR prices");
    let name = harness.get_by_role_and_label(Role::TextInput, "Save as");
    name.focus();
    name.type_text("Oil prices");
    harness.run_steps(2);
    harness.get_by_label("Save search").click();
    harness.run_steps(2);
    let saved = &harness.state().workspace().saved_searches;
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].name.as_str(), saved[0].query.as_str()),
        ("Oil prices", "oil NEAR prices")
    );
    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().saved_searches.is_empty());
}

/// After a story is edited on disk and the sources are rescanned, the search runs again on
/// the new text and its hits point at the right words.
#[test]
fn hits_follow_an_article_edited_on_disk() {
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    search_for(&mut harness, "oil");
    let edited = MARKETS.replace(
        "NEW YORK, March 3 - ",
        "NEW YORK, March 3 - A long new opening sentence about the markets came first. ",
    );
    std::fs::write(dir.path().join("news/markets.txt"), edited).unwrap();
    harness.state_mut().send(Command::RescanSources);
    settle(&mut harness);
    let app = harness.state();
    let outcome = app.search_outcome().unwrap();
    assert_eq!(outcome.result.hits.len(), 3);
    let markets = app
        .workspace()
        .articles
        .iter()
        .find(|a| a.headline == "Oil prices climb")
        .unwrap();
    assert!(markets.body.contains("long new opening"));
    for hit in &outcome.result.hits {
        let body = &app.workspace().article(hit.article).unwrap().body;
        let (s, e) = hit.span.unwrap();
        assert!(
            body[s as usize..e as usize].eq_ignore_ascii_case("oil"),
            "{hit:?}"
        );
    }
}

/// A search for an entity typed while the articles are imported (before the index and the
/// names exist) is answered once they are, with no leftover "no entity" note. (The search
/// key includes the names' version, so the order in which the index and the names arrive does
/// not matter; which comes first here depends on the threads.)
#[test]
fn an_entity_search_typed_during_the_import_is_answered() {
    let dir = corpus();
    let mut harness = crate::common::window(Some(1.0 / 60.0));
    harness
        .state_mut()
        .send(Command::Import(vec![dir.path().join("news")]));
    harness.state_mut().search_view().query = "entity:\"Barack Obama\"".into();
    harness.step();
    settle(&mut harness);
    let outcome = harness.state().search_outcome().unwrap();
    assert_eq!(outcome.result.summary(), "1 hit in 1 article");
    assert!(
        outcome.result.notes.is_empty(),
        "{:?}",
        outcome.result.notes
    );
}

/// A search confirmed with Enter is remembered, also by the next window.
#[test]
fn recent_searches_are_remembered_across_windows() {
    use dateline::app::AppOptions;
    let dir = corpus();
    let options = AppOptions {
        recent_file: Some(dir.path().join("config/recent.ron")),
        config_dir: None,
    };
    let mut harness = crate::common::window_on(DatelineApp::new(options.clone()), Some(1.0 / 60.0));
    harness
        .state_mut()
        .send(Command::Import(vec![dir.path().join("news")]));
    settle(&mut harness);
    search_for(&mut harness, "oil NEAR prices");
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .focus();
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().recent_searches(), ["oil NEAR prices"]);
    let again = crate::common::window_on(DatelineApp::new(options), None);
    assert_eq!(again.state().recent_searches(), ["oil NEAR prices"]);
}

/// The search's articles are exported from the window on a background task; the status line
/// says what was written.
#[test]
fn the_search_results_are_exported_from_the_window() {
    use dateline::exchange::ExportFormat;
    let dir = corpus();
    let mut harness = window_with_import(&dir.path().join("news"), Some(1.0 / 60.0));
    search_for(&mut harness, "oil");
    harness.get_by_label("Export these articles").click();
    harness.run_steps(2);
    // The menu offers every format.
    for format in ExportFormat::ALL {
        harness.get_by_label(&format!("{}…", format.describe()));
    }
    let file = dir.path().join("oil.jsonld");
    harness
        .state_mut()
        .send(Command::ExportTo(file.clone(), ExportFormat::W3c, true));
    harness.step();
    settle(&mut harness);
    let message = harness.state().status_message().unwrap().to_string();
    assert!(message.starts_with("Exported 2 articles"), "{message}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["type"], "AnnotationCollection");
    // A folder format too, over every article.
    let folder = dir.path().join("tables");
    harness
        .state_mut()
        .send(Command::ExportTo(folder.clone(), ExportFormat::Csv, false));
    harness.step();
    settle(&mut harness);
    let articles = std::fs::read_to_string(folder.join("articles.csv")).unwrap();
    assert_eq!(articles.lines().count(), 5, "a header and four articles");
}

//! Annotating in the reader, driven headlessly: select words, name them with a key, see the
//! annotation in the inspector, undo and redo; accept and reject suggestions; tags.

use crate::common::{press, settle, window_with_import};

use dateline::app::{Command, DatelineApp};
use dateline::model::{AnnotationBody, AnnotationStatus, EntityLabel};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn story_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("visit.txt"),
        "Defense chief visits\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 \
         (Yonhap) -- Kim Jong-gak led a delegation to China last week.\n",
    )
    .unwrap();
    dir
}

fn harness(folder: &tempfile::TempDir) -> Harness<'static, DatelineApp> {
    window_with_import(folder.path(), Some(1.0 / 60.0))
}

/// Selects the first `width` points of the reader's first line by dragging over it.
fn select_start_of_body(harness: &mut Harness<'static, DatelineApp>, width: f32) {
    let rect = harness.get_by_role(Role::MultilineTextInput).rect();
    let from = egui::pos2(rect.min.x + 1.0, rect.min.y + 8.0);
    let to = from + egui::vec2(width, 0.0);
    harness.hover_at(from);
    harness.step();
    press(harness, from, true);
    harness.step();
    for k in 1..=5 {
        harness.hover_at(from + (to - from) * (k as f32 / 5.0));
        harness.step();
    }
    press(harness, to, false);
    harness.run_steps(2);
}

#[test]
fn select_words_name_them_see_the_annotation_undo_and_redo() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    harness
        .state_mut()
        .send(Command::SaveTo(folder.path().join("research.ron")));
    settle(&mut harness);
    assert!(!harness.state().document().is_unsaved());
    select_start_of_body(&mut harness, 95.0);
    // The menu is open over the selection.
    harness.get_by_label("Person (P)");
    harness.key_press(egui::Key::P);
    harness.run_steps(3);
    let annotations = &harness.state().workspace().annotations;
    assert_eq!(annotations.len(), 1, "{annotations:?}");
    let annotation = annotations[0].clone();
    assert!(
        annotation.target.quote.starts_with("Kim"),
        "{:?}",
        annotation.target
    );
    assert!(
        matches!(&annotation.body, AnnotationBody::Entity(k) if k.label == EntityLabel::Person)
    );
    assert_eq!(annotation.target.start, 0);
    assert_eq!(
        harness.state().selected_annotation().map(|a| a.id),
        Some(annotation.id)
    );
    harness.get_by_label("Annotation");
    harness.get_by_label("Delete annotation");
    assert!(harness.state().document().is_unsaved());

    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().annotations.is_empty());
    assert!(
        !harness.state().document().is_unsaved(),
        "undoing back to the saved state is no change"
    );
    harness.state_mut().send(Command::Redo);
    harness.run_steps(2);
    assert_eq!(*harness.state().workspace().annotations, [annotation]);
}

#[test]
fn suggestions_are_accepted_and_rejected_one_or_all() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    harness.get_by_label("Accept all");
    harness.get_by_label_contains("Suggestions not decided");
    assert!(
        harness
            .query_by_label("Suggestions not decided: 0")
            .is_none()
    );
    harness.get_by_label("Reject all").click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(!app.workspace().annotations.is_empty());
    assert!(
        app.workspace()
            .annotations
            .iter()
            .all(|a| a.status == AnnotationStatus::Rejected)
    );
    harness.get_by_label("Suggestions not decided: 0");
    // Undo brings every suggestion back in one step.
    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().annotations.is_empty());
}

/// The selected article and its body.
fn selected_body(
    harness: &Harness<'static, DatelineApp>,
) -> (dateline::model::ArticleId, std::sync::Arc<str>) {
    let article = harness.state().selected_article().unwrap();
    let body = harness
        .state()
        .workspace()
        .article(article)
        .unwrap()
        .body
        .clone();
    (article, body)
}

/// The window on the story with one tag, "Diplomacy", made.
fn harness_with_a_tag(folder: &tempfile::TempDir) -> Harness<'static, DatelineApp> {
    let mut harness = harness(folder);
    harness
        .state_mut()
        .send(Command::CreateTag("Diplomacy".into(), None));
    harness.run_steps(2);
    harness
}

#[test]
fn a_tag_is_made_and_applied_with_its_number_key() {
    let folder = story_folder();
    let mut harness = harness_with_a_tag(&folder);
    select_start_of_body(&mut harness, 95.0);
    harness.key_press(egui::Key::Num1);
    harness.run_steps(3);
    let app = harness.state();
    let tag = app.workspace().codebook.tags[0].id;
    assert_eq!(app.workspace().annotations.len(), 1);
    assert_eq!(
        app.workspace().annotations[0].body,
        AnnotationBody::Tag(tag)
    );
}

/// Tagging words changes nothing the names are counted from: the registry is not built
/// again (the same one stays in place); naming words builds it again.
#[test]
fn a_tag_leaves_the_registry_alone_and_a_name_rebuilds_it() {
    use dateline::model::TextTarget;
    let folder = story_folder();
    let mut harness = harness_with_a_tag(&folder);
    let (article, body) = selected_body(&harness);
    let target = TextTarget::new(article, &body, 0, 10).unwrap();
    let tag = harness.state().workspace().codebook.tags[0].id;
    let before = harness.state().registry().as_ptr();
    harness
        .state_mut()
        .send(Command::Annotate(target.clone(), AnnotationBody::Tag(tag)));
    settle(&mut harness);
    assert_eq!(harness.state().workspace().annotations.len(), 1);
    assert_eq!(
        harness.state().registry().as_ptr(),
        before,
        "rebuilt for a tag"
    );
    harness.state_mut().send(Command::Annotate(
        target,
        AnnotationBody::Entity(dateline::model::EntityKey::new(
            "Kim Jong-gak",
            EntityLabel::Person,
        )),
    ));
    settle(&mut harness);
    assert_ne!(
        harness.state().registry().as_ptr(),
        before,
        "not rebuilt for a name"
    );
}

/// Re-extraction (here: importing the folder again, which finds names and events anew) keeps
/// the user's own annotations and decisions; only undecided suggestions are made again.
#[test]
fn re_extraction_keeps_manual_and_rejected_annotations() {
    use dateline::model::TextTarget;
    let folder = story_folder();
    let mut harness = harness(&folder);
    let (article, body) = selected_body(&harness);
    let china = harness
        .state_mut()
        .current_names()
        .iter()
        .find(|n| &body[n.start..n.end] == "China")
        .cloned()
        .expect("the tagger finds China");
    let cp = |byte: usize| body[..byte].chars().count();
    let rejected = TextTarget::new(article, &body, cp(china.start), cp(china.end)).unwrap();
    harness.state_mut().send(Command::Decide(
        rejected.clone(),
        AnnotationBody::Entity(dateline::model::EntityKey::new("China", EntityLabel::Place)),
        AnnotationStatus::Rejected,
    ));
    let delegation = body.find("a delegation").unwrap();
    let manual = TextTarget::new(article, &body, cp(delegation), cp(delegation) + 12).unwrap();
    harness.state_mut().send(Command::Annotate(
        manual.clone(),
        AnnotationBody::Entity(dateline::model::EntityKey::new(
            "a delegation",
            EntityLabel::Organisation,
        )),
    ));
    harness.run_steps(2);
    let before = harness.state().workspace().annotations.clone();
    assert_eq!(before.len(), 2);

    harness
        .state_mut()
        .send(Command::Import(vec![folder.path().to_path_buf()]));
    settle(&mut harness);
    assert_eq!(harness.state().workspace().annotations, before);
    let names: Vec<String> = harness
        .state_mut()
        .current_names()
        .iter()
        .map(|n| body[n.start..n.end].to_string())
        .collect();
    assert!(!names.contains(&"China".to_string()), "{names:?}");
    let registry = harness.state().registry();
    assert!(registry.iter().any(|e| e.name == "a delegation"));
    assert!(
        registry
            .iter()
            .all(|e| !(e.name == "China" && e.mentions > 0)),
        "{:?}",
        registry
            .iter()
            .map(|e| (&e.name, e.mentions))
            .collect::<Vec<_>>()
    );
}

/// Decisions are kept in code points and the reader's names in bytes: after accented words
/// the two must still meet. A tag, which changes no extraction, leaves the decisions standing;
/// undoing the rejection brings the name back.
#[test]
fn decisions_after_accented_words_hold_through_a_tag_and_undo() {
    use dateline::model::{EntityKey, TagId, TextTarget};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("visit.txt"),
        "Café talks\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 (Yonhap) -- \
         Délégués from Zürich and Kim Jong-gak led a delegation to China last week.\n",
    )
    .unwrap();
    let mut harness = harness_with_a_tag(&dir);
    let (article, body) = selected_body(&harness);
    let names = |harness: &mut Harness<'static, DatelineApp>| -> Vec<(String, bool)> {
        harness
            .state_mut()
            .current_names()
            .iter()
            .map(|n| (body[n.start..n.end].to_string(), n.accepted))
            .collect()
    };
    let found = names(&mut harness);
    assert!(found.contains(&("China".to_string(), false)), "{found:?}");
    assert!(
        found.contains(&("Kim Jong-gak".to_string(), false)),
        "{found:?}"
    );
    let cp = |text: &str| {
        let byte = body.find(text).unwrap();
        let start = body[..byte].chars().count();
        TextTarget::new(article, &body, start, start + text.chars().count()).unwrap()
    };
    harness.state_mut().send(Command::Decide(
        cp("China"),
        AnnotationBody::Entity(EntityKey::new("China", EntityLabel::Place)),
        AnnotationStatus::Rejected,
    ));
    harness.state_mut().send(Command::Decide(
        cp("Kim Jong-gak"),
        AnnotationBody::Entity(EntityKey::new("Kim Jong-gak", EntityLabel::Person)),
        AnnotationStatus::Accepted,
    ));
    harness.run_steps(2);
    let decided = names(&mut harness);
    assert!(decided.iter().all(|(n, _)| n != "China"), "{decided:?}");
    assert!(
        decided.contains(&("Kim Jong-gak".to_string(), true)),
        "{decided:?}"
    );
    let tag = TagId(harness.state().workspace().codebook.tags[0].id.0);
    harness.state_mut().send(Command::Annotate(
        cp("delegation"),
        AnnotationBody::Tag(tag),
    ));
    harness.run_steps(2);
    assert_eq!(names(&mut harness), decided);
    // Undo the tag, then the acceptance, then the rejection: China comes back undecided.
    for _ in 0..3 {
        harness.state_mut().send(Command::Undo);
        harness.run_steps(2);
    }
    assert_eq!(names(&mut harness), found);
}

/// A long article is read off the UI thread; once that is done its names and time
/// expressions are in the reader, though the workspace's own extraction moved on meanwhile.
#[test]
fn a_long_article_gets_its_names_and_dates_from_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "Kim Jong-gak met officials in China on Monday, the ministry said.\n\n";
    std::fs::write(
        dir.path().join("long.txt"),
        format!(
            "Long briefing\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 \
             (Yonhap) -- {}",
            paragraph.repeat(600)
        ),
    )
    .unwrap();
    let mut harness = harness(&dir);
    let (article, body) = selected_body(&harness);
    assert!(body.len() > 30_000);
    let expected_names = dateline::extract::entities::named_spans(&body).len();
    assert!(expected_names >= 1200, "{expected_names}");
    assert_eq!(harness.state_mut().current_names().len(), expected_names);
    let times = harness.state_mut().current_timexes().len();
    let direct = {
        let app = harness.state();
        let a = app.workspace().article(article).unwrap();
        dateline::extract::timex::article_timexes(a, &app.workspace().timex_corrections).len()
    };
    assert_eq!(times, direct);
    assert!(times >= 600, "{times}");
    harness.get_by_label(&format!("Time expressions ({times})"));
}

//! The timeline driven headlessly through egui_kittest: zoom changes the ticks, a click on an
//! event opens its evidence, a drag moves it in the workspace, and undo takes the move back.

use crate::common::{press, window};

use std::time::{Duration, Instant};

use dateline::app::{Command, DatelineApp};
use dateline::model::Event;
use dateline::timeline::axis::seconds;
use dateline::timeline::lanes::EventRef;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A story dated Monday 23 November 2009 with two events two weeks apart.
fn story_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("visit.txt"),
        "Defense chief visits\n\nAll Headlines 08:43 November 23, 2009\n\nSEOUL, Nov. 23 \
         (Yonhap) -- China's defense minister, Liang Guanglie, arrived in North Korea on \
         Sunday.\n\nThe U.S. envoy, Stephen Bosworth, will visit Pyongyang on Dec. 8.\n",
    )
    .unwrap();
    dir
}

fn harness(folder: &tempfile::TempDir) -> Harness<'static, DatelineApp> {
    harness_with(folder, None)
}

/// With `lanes_inline`, the lanes are built on the UI thread only up to that many items (0:
/// always in the background, as for a large corpus).
fn harness_with(
    folder: &tempfile::TempDir,
    lanes_inline: Option<usize>,
) -> Harness<'static, DatelineApp> {
    // Frames as a person's: a double click's two clicks fall within egui's 0.3 s.
    let mut harness = window(Some(1.0 / 60.0));
    if let Some(items) = lanes_inline {
        harness.state_mut().set_lanes_inline_limit(items);
    }
    harness
        .state_mut()
        .send(Command::Import(vec![folder.path().to_path_buf()]));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        harness.step();
        if !harness.state().is_busy() && !harness.state().suggested_events().is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "events were not found");
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(3);
    harness
}

/// The middle of an event's stretch on the axis.
fn middle(event: &Event) -> f64 {
    let (a, b) = event.value.interval().unwrap();
    (seconds(a) + seconds(b)) / 2.0
}

fn suggestion(harness: &Harness<'static, DatelineApp>, value: &str) -> Event {
    harness
        .state()
        .suggested_events()
        .iter()
        .find(|e| e.value.to_timex() == value)
        .cloned()
        .unwrap_or_else(|| panic!("no suggested event on {value}"))
}

/// Drags an event `days` to the right in small steps, as a hand does; where it started,
/// where it was dropped, and the points of a day.
fn drag_days(
    harness: &mut Harness<'static, DatelineApp>,
    reference: &EventRef,
    days: f64,
) -> (egui::Pos2, egui::Pos2, f64) {
    let from = harness.state().event_on_screen(reference).unwrap();
    let per_day = 86_400.0 / harness.state().timeline_view().axis.unwrap().per_point;
    let to = from + egui::vec2((days * per_day) as f32, 0.0);
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for k in 1..=6 {
        harness.hover_at(from + (to - from) * (k as f32 / 6.0));
        harness.step();
    }
    harness.drop_at(to);
    (from, to, per_day)
}

#[test]
fn zooming_changes_the_tick_unit() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    let before = harness.state().timeline_view().tick_unit;
    assert!(["day", "week"].contains(&before), "{before}");
    let arrival = suggestion(&harness, "2009-11-22");
    let at = harness
        .state()
        .timeline_view()
        .point_on_screen(middle(&arrival), 1)
        .unwrap();
    harness.hover_at(at);
    for _ in 0..6 {
        harness.event(egui::Event::Zoom(3.0));
        harness.step();
    }
    harness.run_steps(2);
    let unit = harness.state().timeline_view().tick_unit;
    assert!(unit == "hour" || unit == "minute", "zoomed in: {unit}");
    for _ in 0..12 {
        harness.event(egui::Event::Zoom(0.2));
        harness.step();
    }
    harness.run_steps(2);
    let unit = harness.state().timeline_view().tick_unit;
    assert!(
        ["year", "decade", "century"].contains(&unit),
        "zoomed out: {unit}"
    );
}

#[test]
fn clicking_an_event_opens_its_article_with_the_evidence_highlighted() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    harness.state_mut().send(Command::SelectArticle(None));
    harness.run_steps(2);
    let visit = suggestion(&harness, "2009-12-08");
    assert_eq!(visit.title, "Stephen Bosworth will visit Pyongyang");
    let reference = EventRef::Suggested(visit.suggestion_key().unwrap().clone());
    let at = harness.state().event_on_screen(&reference).unwrap();
    harness.hover_at(at);
    harness.step();
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    harness.run_steps(3);
    let app = harness.state();
    assert!(
        matches!(app.selected_event(), Some(EventRef::Suggested(k)) if k.text == "Dec. 8"),
        "{:?}",
        app.selected_event()
    );
    let evidence = &visit.evidence[0];
    assert_eq!(app.selected_article(), Some(evidence.article));
    let focus = app.evidence_focus().unwrap();
    let body = &app.workspace().article(evidence.article).unwrap().body;
    assert_eq!(&body[focus.start..focus.end], &*evidence.quote);
    assert!(
        evidence
            .quote
            .starts_with("The U.S. envoy, Stephen Bosworth")
    );
    assert!(focus.scrolled, "the reader scrolled to the passage");
}

#[test]
fn dragging_an_event_moves_it_and_undo_takes_it_back() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    let arrival = suggestion(&harness, "2009-11-22");
    let reference = EventRef::Suggested(arrival.suggestion_key().unwrap().clone());
    drag_days(&mut harness, &reference, 3.0);
    harness.run_steps(3);
    let events = &harness.state().workspace().events;
    assert_eq!(events.len(), 1, "one change for the whole drag");
    assert_eq!(events[0].value.to_timex(), "2009-11-25");
    assert_eq!(events[0].title, arrival.title);
    assert!(harness.state().document().is_unsaved());
    // The moved suggestion shows once: as the user's event.
    assert!(
        harness
            .state()
            .workspace()
            .events
            .iter()
            .all(|e| e.suggestion_key() == arrival.suggestion_key())
    );

    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().events.is_empty());
    harness.state_mut().send(Command::Redo);
    harness.run_steps(2);
    assert_eq!(
        harness.state().workspace().events[0].value.to_timex(),
        "2009-11-25"
    );
}

/// A large corpus's lanes are built off the UI thread: the lanes built before keep drawing
/// what they were built from, a drag still lands as one change, and once the new lanes
/// arrive the event is drawn where it was dropped.
#[test]
fn lanes_built_in_the_background_follow_a_drag() {
    let folder = story_folder();
    let mut harness = harness_with(&folder, Some(0));
    let arrival = suggestion(&harness, "2009-11-22");
    let reference = EventRef::Suggested(arrival.suggestion_key().unwrap().clone());
    let (from, to, per_day) = drag_days(&mut harness, &reference, 3.0);
    harness.step();
    assert_eq!(
        harness.state().workspace().events[0].value.to_timex(),
        "2009-11-25"
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while harness.state().is_busy() {
        assert!(Instant::now() < deadline, "the lanes were not built");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(2);
    let at = harness.state().event_on_screen(&reference).unwrap();
    assert!(
        (at.x - to.x).abs() < (per_day as f32) / 2.0 + 1.0,
        "drawn at {at:?}, dropped at {to:?}"
    );
    assert!((at.x - from.x).abs() > per_day as f32 * 2.0);
}

#[test]
fn double_clicking_empty_space_makes_an_event_and_delete_removes_it() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    let view = harness.state().timeline_view();
    let arrival = suggestion(&harness, "2009-11-22");
    // Halfway between the two events: empty space in the events lane.
    let visit = suggestion(&harness, "2009-12-08");
    let at = view
        .point_on_screen((middle(&arrival) + middle(&visit)) / 2.0, 1)
        .unwrap();
    harness.hover_at(at);
    harness.step();
    for _ in 0..2 {
        press(&harness, at, true);
        harness.step();
        press(&harness, at, false);
        harness.step();
    }
    harness.run_steps(2);
    let events = &harness.state().workspace().events;
    assert_eq!(
        events.len(),
        1,
        "{:?} {:?}",
        harness.state().status_message(),
        harness
            .state()
            .suggested_events()
            .iter()
            .map(|e| e.value.to_timex())
            .collect::<Vec<_>>()
    );
    assert_eq!(events[0].title, "New event");
    assert!(events[0].value.to_timex().starts_with("2009-1"));
    let id = events[0].id;
    assert_eq!(
        harness.state().selected_event(),
        Some(&EventRef::Stored(id))
    );
    harness
        .state_mut()
        .send(Command::DeleteEvent(EventRef::Stored(id)));
    harness.run_steps(2);
    assert!(harness.state().workspace().events.is_empty());
}

/// Two agencies report the same Sunday: the inspector offers to merge them, the merged event
/// has both passages, and undo splits them again.
#[test]
fn the_same_day_from_two_articles_merges_into_one_event() {
    let folder = story_folder();
    std::fs::write(
        folder.path().join("second.txt"),
        "Minister in Pyongyang\n\nAll Headlines 10:00 November 23, 2009\n\nBEIJING, Nov. 23 \
         (Xinhua) -- Defense Minister Liang Guanglie landed in Pyongyang on Sunday.\n",
    )
    .unwrap();
    let mut harness = harness(&folder);
    let sundays: Vec<Event> = harness
        .state()
        .suggested_events()
        .iter()
        .filter(|e| e.value.to_timex() == "2009-11-22")
        .cloned()
        .collect();
    assert_eq!(sundays.len(), 2, "{sundays:?}");
    let first = EventRef::Suggested(sundays[0].suggestion_key().unwrap().clone());
    harness
        .state_mut()
        .send(Command::SelectEvent(Some(first.clone())));
    harness.run_steps(2);
    harness.get_by_label("Same day in other articles");
    harness.get_by_label("Merge").click();
    harness.run_steps(2);
    let events = &harness.state().workspace().events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].evidence.len(), 2);
    assert_eq!(events[0].articles().len(), 2);
    // The merged suggestions no longer show on their own.
    harness.run_steps(2);
    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().events.is_empty());
    assert!(harness.state().workspace().dismissed_suggestions.is_empty());
}

/// The title typed in the inspector is kept when the field loses focus, as one change.
#[test]
fn an_event_title_is_edited_in_the_inspector() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    let visit = suggestion(&harness, "2009-12-08");
    let reference = EventRef::Suggested(visit.suggestion_key().unwrap().clone());
    harness
        .state_mut()
        .send(Command::SelectEvent(Some(reference)));
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title");
    field.focus();
    field.type_text(" again");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let events = &harness.state().workspace().events;
    assert_eq!(events.len(), 1, "the suggestion became the user's event");
    assert_eq!(
        events[0].title,
        "Stephen Bosworth will visit Pyongyang again"
    );
}

/// The view exports as SVG with the lanes and the events' titles.
#[test]
fn the_timeline_exports_as_svg() {
    let folder = story_folder();
    let mut harness = harness(&folder);
    let out = folder.path().join("view.svg");
    harness.state_mut().send(Command::ExportTimelineTo(
        out.clone(),
        dateline::timeline::PictureFormat::Svg,
    ));
    harness.run_steps(2);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains(">Articles<") && svg.contains(">Events<"));
    assert!(svg.contains("Stephen Bosworth will visit Pyongyang (2009-12-08)"));
}

/// The timeline from the keyboard: Right and Left step through the events in time (Sunday's
/// arrival, then the visit on Dec. 8), Enter opens the selected one's evidence, Delete takes
/// it off the timeline (and Undo brings it back).
#[test]
fn the_keyboard_steps_through_events_opens_and_deletes_them() {
    let folder = story_folder();
    let mut h = harness(&folder);
    assert!(h.state().selected_event().is_none());
    let title = |h: &Harness<'static, DatelineApp>| {
        let selected = h.state().selected_event().cloned().unwrap();
        h.state().event(&selected).unwrap().value.to_timex()
    };
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(title(&h), "2009-11-22", "the first event in time");
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(title(&h), "2009-12-08");
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(title(&h), "2009-12-08", "the last stays selected");
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(title(&h), "2009-11-22");

    h.state_mut().send(Command::SelectArticle(None));
    h.run_steps(2);
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let article = h.state().selected_article();
    assert!(article.is_some(), "Enter opened the evidence's article");

    // Sunday's event is still selected (Left at the first stays there); Delete takes it off
    // the timeline.
    h.key_press(egui::Key::Delete);
    h.run_steps(3);
    let firsts = |h: &mut Harness<'static, DatelineApp>, key: egui::Key| {
        h.state_mut().send(Command::SelectEvent(None));
        h.run_steps(2);
        h.key_press(key);
        h.run_steps(2);
        title(h)
    };
    assert_eq!(
        firsts(&mut h, egui::Key::ArrowRight),
        "2009-12-08",
        "one event left"
    );
    assert_eq!(firsts(&mut h, egui::Key::ArrowLeft), "2009-12-08");
    h.state_mut().send(Command::Undo);
    h.run_steps(3);
    assert_eq!(
        firsts(&mut h, egui::Key::ArrowRight),
        "2009-11-22",
        "undone"
    );
}

#[test]
fn a_screen_reader_finds_the_timeline_and_presses_an_event() {
    let folder = story_folder();
    let mut h = harness(&folder);
    h.get_by_label_contains("Timeline: 2 events shown");
    assert_eq!(h.query_all_by_label_contains("Event: ").count(), 2);
    assert!(h.state().selected_event().is_none());
    // Pressing a node the way a screen reader does selects its event.
    h.get_by_label_contains(", 2009-12-08").click_accesskit();
    h.run_steps(2);
    let selected = h.state().selected_event().cloned().unwrap();
    assert_eq!(
        h.state().event(&selected).unwrap().value.to_timex(),
        "2009-12-08"
    );
}

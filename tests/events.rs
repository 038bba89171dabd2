//! Suggested events: the seed story read by hand, and events from a fixture typed here, so the
//! test runs without ../shared.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dateline::extract::entities::mention_records;
use dateline::extract::events::article_events;
use dateline::ingest::{IngestOptions, ingest_file};
use dateline::model::{Article, EntityKey, EntityLabel, Event};

/// (value, title) of every suggested event.
fn summary(events: &[Event]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| (e.value.to_timex(), e.title.clone()))
        .collect()
}

fn events_of(article: &Article) -> Vec<Event> {
    article_events(article, &[], &mention_records(article.id, &article.body))
}

/// The seed story's three events the issue names, with who took part and where it says so.
#[test]
fn the_seed_story_suggests_the_visit_the_tour_and_bosworth() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_93a18633a1bf3e6d.txt");
    if !seed.exists() {
        return;
    }
    let article = ingest_file(&seed, IngestOptions::default()).unwrap();
    let events = events_of(&article);
    let found = summary(&events);
    for (value, title) in [
        ("2009-11-22", "Liang Guanglie arrived in North Korea"),
        (
            "2009-12-05",
            "Liang Guanglie's three-nation tour continues in Japan and Thailand",
        ),
        ("2009-12-08", "Stephen Bosworth will visit Pyongyang"),
        ("2009-11-23", "Pyongyang's media said"),
        (
            "1950/1953",
            "China fought on North Korea's side against South Korea",
        ),
    ] {
        assert!(
            found.contains(&(value.to_string(), title.to_string())),
            "{value} {title} not in {found:#?}"
        );
    }
    // Durations ("60 years") make no events.
    assert!(found.iter().all(|(v, _)| !v.starts_with('P')));
    let arrival = events
        .iter()
        .find(|e| e.value.to_timex() == "2009-11-22" && e.title.starts_with("Liang"))
        .unwrap();
    assert!(
        arrival
            .participants
            .contains(&EntityKey::new("Liang Guanglie", EntityLabel::Person))
    );
    assert!(
        arrival
            .participants
            .contains(&EntityKey::new("North Korea", EntityLabel::Place))
    );
    // The evidence is the sentence, in code points of the body.
    let evidence = &arrival.evidence[0];
    let quoted: String = article
        .body
        .chars()
        .skip(evidence.start)
        .take(evidence.end - evidence.start)
        .collect();
    assert_eq!(quoted, &*evidence.quote);
    assert!(quoted.starts_with("China's defense minister, Liang Guanglie, arrived"));
}

/// The same reading on a story typed into the test.
#[test]
fn a_typed_story_suggests_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    std::fs::write(
        &path,
        "Envoy heads to Pyongyang\n\nSEOUL, Nov. 23 (Yonhap) -- The U.S. special envoy, Stephen \
         Bosworth, will visit Pyongyang on Dec. 8 to try to restart talks, officials said \
         Monday.\n\nNorth Korea sent a military delegation, led by Kim Jong-gak, to China last \
         week.\n",
    )
    .unwrap();
    let mut article = ingest_file(&path, IngestOptions::default()).unwrap();
    article.reference_override = chrono::NaiveDate::from_ymd_opt(2009, 11, 23);
    let found = summary(&events_of(&article));
    assert_eq!(
        found,
        [
            (
                "2009-12-08".to_string(),
                "Stephen Bosworth will visit Pyongyang".to_string()
            ),
            ("2009-11-23".to_string(), "officials said".to_string()),
            (
                "2009-W47".to_string(),
                "North Korea sent a military delegation to China".to_string()
            ),
        ]
    );
}

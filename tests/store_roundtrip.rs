//! The workspace file: round trips, relative paths, atomic save with backup, clear errors for
//! damaged, truncated, foreign and newer files, and the golden file of every format version.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use dateline::ingest::{IngestOptions, ingest_bytes};
use dateline::model::{ImportProblem, Workspace};
use dateline::store::{self, StoreError};

fn sample_workspace(folder: &Path) -> Workspace {
    let mut workspace = Workspace::default();
    let stories = [
        (
            "seoul.txt",
            "Envoys meet\n\nAll Headlines 09:10 May 2, 2022\n\nBy Choi Eun-ha\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday.\n",
        ),
        (
            "wire/copper.txt",
            "COPPER OUTPUT RISES\n\n 2-MAR-1987 10:00:00.00\n\nSANTIAGO, March 2 - Output rose \"4 pct\"\n\\ said.\n Reuter\n",
        ),
        (
            "geneva.txt",
            "Talks resume\n\nGENEVA, March 4 (Reuters) - Talks resumed (\u{c11c}\u{c6b8}) \u{2014} on Monday.\n",
        ),
    ];
    let articles = stories
        .iter()
        .map(|(name, text)| {
            ingest_bytes(
                &folder.join(name),
                text.as_bytes(),
                IngestOptions::default(),
            )
            .unwrap()
        })
        .collect();
    workspace.merge_import(
        articles,
        vec![ImportProblem {
            path: folder.join("bad.txt"),
            reason: "binary file, not text".into(),
        }],
    );
    workspace
}

#[test]
fn a_workspace_survives_a_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = sample_workspace(&dir.path().join("articles"));
    let path = dir.path().join("research.ron");
    store::save_workspace(&path, &workspace).unwrap();
    let loaded = store::load_workspace(&path).unwrap();
    assert_eq!(loaded, workspace);
    // Neither import nor loading leaves spare room in the article list (it grows by doubling;
    // at 100,000 articles the spare room was 17 MB).
    assert_eq!(workspace.articles.capacity(), workspace.articles.len());
    assert_eq!(loaded.articles.capacity(), loaded.articles.len());
}

#[test]
fn source_paths_are_stored_relative_and_follow_the_folder_to_another_machine() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let workspace = sample_workspace(&project.join("articles"));
    let path = project.join("research.ron");
    std::fs::create_dir_all(&project).unwrap();
    store::save_workspace(&path, &workspace).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"articles/seoul.txt\""), "{text}");
    assert!(!text.contains(&dir.path().display().to_string()));

    let moved = dir.path().join("elsewhere");
    std::fs::rename(&project, &moved).unwrap();
    let loaded = store::load_workspace(&moved.join("research.ron")).unwrap();
    assert_eq!(
        loaded.articles[0].source.path,
        moved.join("articles/seoul.txt")
    );
}

/// Seven saves keep the five before the last, newest first.
#[test]
fn the_last_five_saves_are_kept_as_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("research.ron");
    let mut workspace = sample_workspace(dir.path());
    let mut saved = Vec::new();
    for n in 0..7u64 {
        workspace.next_event_id = n;
        store::save_workspace(&path, &workspace).unwrap();
        saved.push(std::fs::read(&path).unwrap());
    }
    let backups = store::backups(&path);
    assert_eq!(backups.len(), store::BACKUPS);
    for (k, (backup, _)) in backups.iter().enumerate() {
        // Backup k+1 holds save 7-(k+1), counting from one.
        assert_eq!(
            std::fs::read(backup).unwrap(),
            saved[5 - k],
            "{}",
            backup.display()
        );
        assert_eq!(
            store::load_workspace(backup).unwrap().next_event_id,
            (5 - k) as u64
        );
    }
}

#[test]
fn saving_keeps_the_previous_file_as_a_backup_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("research.ron");
    let mut workspace = sample_workspace(dir.path());
    store::save_workspace(&path, &workspace).unwrap();
    let first = std::fs::read(&path).unwrap();
    workspace.articles_mut().pop();
    store::save_workspace(&path, &workspace).unwrap();
    assert_eq!(std::fs::read(store::backup_path(&path)).unwrap(), first);
    assert_eq!(store::load_workspace(&path).unwrap().articles.len(), 2);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("research.ron");
    store::save_workspace(&path, &sample_workspace(dir.path())).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Saving into a folder that does not exist fails before anything is replaced.
    let missing = dir.path().join("no-such-folder").join("research.ron");
    let err = store::save_workspace(&missing, &Workspace::default()).unwrap_err();
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

fn load_text(text: &str) -> Result<Workspace, StoreError> {
    store::load_workspace_text(
        text,
        Path::new("/research/damaged.ron"),
        Path::new("/research"),
    )
}

#[test]
fn damaged_files_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("research.ron");
    store::save_workspace(&path, &sample_workspace(dir.path())).unwrap();
    let full = std::fs::read_to_string(&path).unwrap();

    let truncated = &full[..full.len() / 2];
    match load_text(truncated).unwrap_err() {
        StoreError::Damaged {
            line, column, path, ..
        } => {
            assert!(line > 1);
            assert!(column >= 1);
            assert_eq!(path, PathBuf::from("/research/damaged.ron"));
        }
        other => panic!("expected Damaged, got {other}"),
    }
    let edited = full.replacen("headline:", "headlne:", 1);
    let message = load_text(&edited).unwrap_err().to_string();
    assert!(
        message.starts_with("/research/damaged.ron: the workspace is damaged at line "),
        "{message}"
    );
    assert!(message.contains("damaged.ron.bak"), "{message}");

    assert!(matches!(load_text(""), Err(StoreError::Damaged { .. })));
    assert!(matches!(
        load_text("garbage {"),
        Err(StoreError::Damaged { line: 1, .. })
    ));
}

#[test]
fn foreign_unknown_and_newer_files_are_refused_clearly() {
    let foreign = "(format: \"something-else\", format_version: 1, workspace: ())";
    assert!(matches!(
        load_text(foreign),
        Err(StoreError::NotAWorkspace { .. })
    ));
    let newer =
        "(format: \"dateline-workspace\", format_version: 99, workspace: (future_field: [1, 2]))";
    let err = load_text(newer).unwrap_err();
    assert!(matches!(
        err,
        StoreError::NewerVersion {
            found: 99,
            supported: store::CURRENT_FORMAT_VERSION,
            ..
        }
    ));
    assert!(err.to_string().contains("made by a newer Dateline"));
    let zero = "(format: \"dateline-workspace\", format_version: 0, workspace: ())";
    assert!(matches!(
        load_text(zero),
        Err(StoreError::UnknownVersion { found: 0, .. })
    ));
}

#[test]
fn a_damaged_file_on_disk_is_not_touched_by_loading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        b"(format: \"dateline-workspace\", format_version: 1, work",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(store::load_workspace(&path).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let err = store::load_workspace(&path).unwrap_err().to_string();
    assert!(err.contains("not UTF-8"), "{err}");
}

/// A loaded workspace keeps an eighth of its annotations' room spare for the next ones, not
/// the up to half that reading them by doubling leaves.
#[test]
fn loaded_annotations_keep_an_eighth_spare() {
    use dateline::model::{
        Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, TagId,
        TextTarget,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut workspace = sample_workspace(&dir.path().join("articles"));
    let article = &workspace.articles[0];
    let target = TextTarget::new(article.id, &article.body, 0, 5).unwrap();
    let annotations: Vec<Annotation> = (0..600)
        .map(|i| Annotation {
            id: AnnotationId(i),
            target: target.clone(),
            body: AnnotationBody::Tag(TagId(1)),
            origin: AnnotationOrigin::Manual,
            status: AnnotationStatus::Accepted,
        })
        .collect();
    workspace.annotations = annotations.into();
    workspace.next_annotation_id = 600;
    let path = dir.path().join("research.ron");
    store::save_workspace(&path, &workspace).unwrap();
    let loaded = store::load_workspace(&path).unwrap();
    assert_eq!(loaded.annotations, workspace.annotations);
    let room = loaded.annotations.capacity();
    assert!((600..=600 + 75 + 64).contains(&room), "{room}");
}

/// Every released format version loads forever. Version 1 is the first.
#[test]
fn golden_workspace_version_1_loads() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v1.ron");
    let workspace = store::load_workspace(&golden).unwrap();
    assert_eq!(workspace.articles.len(), 2);
    let seoul = &workspace.articles[0];
    assert_eq!(seoul.headline, "Envoys meet");
    assert_eq!(
        seoul.published.as_ref().unwrap().to_iso(),
        "2022-05-02T09:10:00+09:00"
    );
    assert_eq!(
        seoul.source.path,
        golden.parent().unwrap().join("articles/seoul.txt")
    );
    assert_eq!(
        workspace.articles[1].published.as_ref().unwrap().to_iso(),
        "--03-04"
    );
    assert_eq!(workspace.problems.len(), 1);
    assert_eq!(workspace.next_article_id, 2);
}

/// Version 2 adds the user's time corrections, reference dates and file dates.
#[test]
fn golden_workspace_version_2_loads() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v2.ron");
    let workspace = store::load_workspace(&golden).unwrap();
    assert_eq!(workspace.articles.len(), 2);
    assert_eq!(
        workspace.articles[0].source.modified,
        chrono::NaiveDate::from_ymd_opt(2022, 5, 3)
    );
    assert_eq!(
        workspace.articles[1].reference_override,
        chrono::NaiveDate::from_ymd_opt(2023, 3, 7)
    );
    let correction = &workspace.timex_corrections[0];
    assert_eq!(
        (correction.start, correction.end, correction.text.as_str()),
        (14, 20, "Monday")
    );
    assert_eq!(correction.value.to_timex(), "2022-04-25");
}

/// Version 3 adds events (kept suggestions and the user's own) and dismissed suggestions.
#[test]
fn golden_workspace_version_3_loads() {
    use dateline::model::{EventId, EventOrigin};
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v3.ron");
    let workspace = store::load_workspace(&golden).unwrap();
    assert_eq!(workspace.events.len(), 2);
    let kept = &workspace.events[0];
    assert_eq!(kept.title, "Envoys met");
    assert_eq!(kept.value.to_timex(), "2022-04-25");
    assert_eq!(kept.tags, ["Diplomacy"]);
    assert_eq!(&*kept.evidence[0].quote, "Envoys met on Monday.");
    assert!(matches!(&kept.origin, EventOrigin::Suggested { key, .. } if key.text == "Monday"));
    assert_eq!(
        workspace.events[1].value.to_timex(),
        "2023-03-06/2023-03-09"
    );
    assert_eq!(workspace.events[1].origin, EventOrigin::Manual);
    assert_eq!(workspace.next_event_id, 2);
    assert_eq!(workspace.dismissed_suggestions[0].start, 17);
    assert_eq!(
        workspace.event(EventId(1)).map(|e| e.title.as_str()),
        Some("Geneva round")
    );
}

/// Version 4 adds annotations (manual ones and decisions on suggestions) and the codebook.
#[test]
fn golden_workspace_version_4_loads() {
    use dateline::model::{AnnotationBody, AnnotationStatus, TagId};
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v4.ron");
    let workspace = store::load_workspace(&golden).unwrap();
    assert_eq!(workspace.annotations.len(), 3);
    assert_eq!(workspace.annotations[0].body, AnnotationBody::Tag(TagId(1)));
    assert_eq!(workspace.annotations[0].target.suffix, " met on Monday.");
    assert_eq!(workspace.annotations[1].status, AnnotationStatus::Rejected);
    assert_eq!(workspace.codebook.path(TagId(1)), "Diplomacy › Visit");
    assert_eq!(workspace.next_annotation_id, 3);
    assert_eq!(
        workspace.events.len(),
        2,
        "what version 3 held is still there"
    );
}

/// Version 5 adds the orphans (work whose words were lost when a source changed) and the
/// imported source folders, stored relative to the file.
#[test]
fn golden_workspace_version_5_loads() {
    use dateline::model::{EventId, OrphanItem};
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v5.ron");
    let (workspace, version) =
        store::load_workspace_versioned(&golden, store::MAX_WORKSPACE_BYTES).unwrap();
    assert_eq!(version, 5);
    assert_eq!(workspace.orphans.len(), 2);
    assert_eq!(workspace.orphans[0].target.quote, "Geneva talks ");
    assert!(matches!(
        &workspace.orphans[0].item,
        OrphanItem::Annotation(a) if a.id.0 == 3
    ));
    assert!(matches!(
        &workspace.orphans[1].item,
        OrphanItem::Evidence { event, .. } if *event == EventId(1)
    ));
    assert_eq!(
        workspace.source_folders,
        [golden.parent().unwrap().join("articles")]
    );
    assert_eq!(
        workspace.annotations.len(),
        3,
        "what version 4 held is still there"
    );
}

/// Version 6 adds the saved searches.
#[test]
fn golden_workspace_version_6_loads() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v6.ron");
    let (workspace, version) =
        store::load_workspace_versioned(&golden, store::MAX_WORKSPACE_BYTES).unwrap();
    assert_eq!(version, 6);
    assert_eq!(workspace.saved_searches.len(), 2);
    assert_eq!(workspace.saved_searches[0].name, "Envoys on Monday");
    assert_eq!(
        workspace.saved_searches[1].query,
        "note:round OR tag:Diplomacy"
    );
    for saved in &workspace.saved_searches {
        assert!(
            dateline::search::parse(&saved.query).is_ok(),
            "{}",
            saved.query
        );
    }
    assert_eq!(
        workspace.orphans.len(),
        2,
        "what version 5 held is still there"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.ron");
    store::save_workspace(&copy, &workspace).unwrap();
    let again = store::load_workspace(&copy).unwrap();
    assert_eq!(again.saved_searches, workspace.saved_searches);
}

#[test]
fn golden_workspace_version_7_loads() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v7.ron");
    let (workspace, version) =
        store::load_workspace_versioned(&golden, store::MAX_WORKSPACE_BYTES).unwrap();
    assert_eq!(version, 7);
    let from_export = &workspace.articles[1];
    assert_eq!(from_export.source.item, Some(2));
    assert!(from_export.source.display_path().ends_with("talks.txt#2"));
    assert_eq!(from_export.meta.outlet.as_deref(), Some("Valley Courier"));
    assert_eq!(from_export.source_name(), Some("Valley Courier"));
    assert_eq!(
        from_export.meta.source_id.as_deref(),
        Some("VALCOU0020120306e8360000b")
    );
    assert_eq!(from_export.meta.stated_words, Some(12));
    assert!(from_export.meta.summary_only);
    assert!(workspace.articles[0].meta.is_empty());
    assert_eq!(workspace.articles[0].source.item, None);
    assert_eq!(
        workspace.saved_searches.len(),
        2,
        "what version 6 held is still there"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.ron");
    store::save_workspace(&copy, &workspace).unwrap();
    let again = store::load_workspace(&copy).unwrap();
    assert_eq!(again.articles[1].meta, from_export.meta);
    assert_eq!(again.articles[1].source.item, Some(2));
}

/// Version 8 adds the user's decisions on wire-story families.
#[test]
fn golden_workspace_version_8_loads() {
    use dateline::model::{ArticleId, FamilyDecision};
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v8.ron");
    let (workspace, version) =
        store::load_workspace_versioned(&golden, store::MAX_WORKSPACE_BYTES).unwrap();
    assert_eq!(version, 8);
    assert_eq!(
        workspace.family_decisions,
        vec![
            FamilyDecision::Together(ArticleId(0), ArticleId(1)),
            FamilyDecision::Apart(ArticleId(0), ArticleId(1)),
            FamilyDecision::Alone(ArticleId(1)),
        ]
    );
    assert_eq!(
        workspace.articles[1].meta.outlet.as_deref(),
        Some("Valley Courier"),
        "what version 7 held is still there"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.ron");
    store::save_workspace(&copy, &workspace).unwrap();
    let again = store::load_workspace(&copy).unwrap();
    assert_eq!(again.family_decisions, workspace.family_decisions);
    assert!(workspace_v7_has_no_decisions());
}

/// Version 9 keeps each article's original file text as its differences from the body; the
/// texts of version 8, held whole, come back the same from either file.
#[test]
fn golden_workspace_version_9_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let (v9, version) =
        store::load_workspace_versioned(&dir.join("workspace_v9.ron"), store::MAX_WORKSPACE_BYTES)
            .unwrap();
    assert_eq!(version, 9);
    let v8 = store::load_workspace(&dir.join("workspace_v8.ron")).unwrap();
    assert_eq!(
        v9.articles[0].original_text().as_deref(),
        Some(
            "Envoys meet\n\nAll Headlines 09:10 May 2, 2022\n\nBy Choi Eun-ha\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday.\n"
        )
    );
    for (a, b) in v9.articles.iter().zip(v8.articles.iter()) {
        assert_eq!(a.original_text(), b.original_text());
        assert!(a.original.stored_len() < a.original_text().unwrap().len());
    }
    assert_eq!(v9.family_decisions, v8.family_decisions);
    let text = std::fs::read_to_string(dir.join("workspace_v9.ron")).unwrap();
    assert!(!text.contains("raw_text"));
    let temp = tempfile::tempdir().unwrap();
    let copy = temp.path().join("copy.ron");
    store::save_workspace(&copy, &v9).unwrap();
    assert_eq!(store::load_workspace(&copy).unwrap().articles, v9.articles);
}

/// Version 10 keeps what an earlier extraction found with an article (from a cluster's
/// output): it loads, is used for its body, comes back from a save, and version 9 files load
/// without it.
#[test]
fn golden_workspace_version_10_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let (v10, version) =
        store::load_workspace_versioned(&dir.join("workspace_v10.ron"), store::MAX_WORKSPACE_BYTES)
            .unwrap();
    assert_eq!(version, 10);
    let article = &v10.articles[0];
    let kept = article.stored_extraction().unwrap();
    assert_eq!(kept.extractor, "dateline 0.1.0");
    let names = dateline::extract::entities::article_named_spans(article);
    assert_eq!(names.len(), 1);
    assert_eq!(&*names[0].canonical, "Envoys Group");
    // The user's correction still wins over the kept value.
    let timexes = dateline::extract::timex::article_timexes(article, &v10.timex_corrections);
    assert_eq!(timexes.len(), 1);
    assert_eq!(timexes[0].value.to_timex(), "2022-04-25");
    assert!(timexes[0].manual);
    let temp = tempfile::tempdir().unwrap();
    let copy = temp.path().join("copy.ron");
    store::save_workspace(&copy, &v10).unwrap();
    assert_eq!(store::load_workspace(&copy).unwrap().articles, v10.articles);
    let v9 = store::load_workspace(&dir.join("workspace_v9.ron")).unwrap();
    assert!(v9.articles.iter().all(|a| a.extracted.is_none()));
    assert_eq!(v9.articles[1], v10.articles[1]);
}

#[test]
fn golden_workspace_version_11_loads_with_its_estimate_and_older_files_are_estimated() {
    use dateline::model::{EstimatePrecision, ReferenceSource};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let (v11, version) =
        store::load_workspace_versioned(&dir.join("workspace_v11.ron"), store::MAX_WORKSPACE_BYTES)
            .unwrap();
    assert_eq!(version, 11);
    let talks = &v11.articles[1];
    let estimate = talks.reference_estimate.as_ref().unwrap();
    assert_eq!(estimate.date.to_string(), "2023-07-01");
    assert_eq!(estimate.precision, EstimatePrecision::Year);
    assert_eq!(estimate.earliest, Some(2022));
    // The user's date wins over the estimate.
    assert_eq!(
        talks.reference_date().map(|(d, s)| (d.to_string(), s)),
        Some(("2023-03-07".to_string(), ReferenceSource::UserSet))
    );
    let temp = tempfile::tempdir().unwrap();
    let copy = temp.path().join("copy.ron");
    store::save_workspace(&copy, &v11).unwrap();
    assert_eq!(store::load_workspace(&copy).unwrap().articles, v11.articles);
    // A version 10 file holds no estimates: an undated article whose text writes a year gets
    // one on load, and an article with a publication date none.
    let text = std::fs::read_to_string(dir.join("workspace_v10.ron"))
        .unwrap()
        .replace(
            "body: \"Talks resumed on Monday.\",\n        reference_override: Some(\"2023-03-07\"),",
            "body: \"Talks resumed on Monday, as in 2019.\",\n        reference_override: None,",
        );
    let v10 = store::load_workspace_text(&text, &dir.join("edited.ron"), &dir).unwrap();
    assert!(v10.articles[0].reference_estimate.is_none());
    let estimated = v10.articles[1].reference_estimate.as_ref().unwrap();
    assert_eq!(estimated.earliest, Some(2019));
    assert_eq!(
        v10.articles[1].reference_date().map(|(_, s)| s),
        Some(ReferenceSource::Estimated)
    );
}

/// A hand-edited original that no longer fits its body loads, and says so instead of
/// showing other text.
#[test]
fn an_original_that_does_not_fit_its_body_is_refused_not_shown() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let text = std::fs::read_to_string(dir.join("workspace_v9.ron"))
        .unwrap()
        .replace("original: \"=9+87:", "original: \"=999+87:");
    let workspace = store::load_workspace_text(&text, &dir.join("edited.ron"), &dir).unwrap();
    assert_eq!(workspace.articles[0].original_text(), None);
    assert!(workspace.articles[1].original_text().is_some());
}

fn workspace_v7_has_no_decisions() -> bool {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workspace_v7.ron");
    store::load_workspace(&golden)
        .unwrap()
        .family_decisions
        .is_empty()
}

#[test]
fn corrections_reference_dates_and_entity_decisions_survive_a_round_trip() {
    use dateline::model::{ArticleId, TimeValue, TimexCorrection, TimexType};
    let dir = tempfile::tempdir().unwrap();
    let mut workspace = sample_workspace(dir.path());
    workspace.articles_mut()[2].reference_override = chrono::NaiveDate::from_ymd_opt(2010, 3, 1);
    workspace.timex_corrections.push(TimexCorrection {
        article: ArticleId(0),
        start: 14,
        end: 20,
        text: "Monday".into(),
        kind: TimexType::Date,
        value: TimeValue::from_timex("DATE", "2022-W17").unwrap(),
    });
    workspace
        .entity_decisions
        .push(dateline::model::EntityDecision::Merge {
            from: dateline::model::EntityKey::new("Liang", dateline::model::EntityLabel::Person),
            into: dateline::model::EntityKey::new(
                "Liang Guanglie",
                dateline::model::EntityLabel::Person,
            ),
        });
    let path = dir.path().join("research.ron");
    store::save_workspace(&path, &workspace).unwrap();
    assert_eq!(store::load_workspace(&path).unwrap(), workspace);
}

mod any_text {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Texts are saved as they are (raw strings when they hold quotes or backslashes):
        /// any text, with quotes, backslashes, runs of '#', control characters, CR and other
        /// scripts, comes back byte for byte.
        #[test]
        fn any_text_survives_a_save(
            body in "(\"|\\\\|#|##|r#\"|\"#|\\r|\\n|\\t|\u{0}|\u{1b}|\u{7f}|\u{2028}|[a-z ]|\u{c11c}|\u{1F600}){0,60}",
            headline in "(\"|\\\\|#|[A-Z ]|\u{e9}){0,20}",
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut workspace = sample_workspace(dir.path());
            {
                let a = &mut workspace.articles_mut()[0];
                a.body = body.as_str().into();
                a.original = dateline::model::OriginalText::encode(&format!("{headline}\n{body}"), &body);
                a.headline = headline.clone();
            }
            let path = dir.path().join("w.ron");
            store::save_workspace(&path, &workspace).unwrap();
            let again = store::load_workspace(&path).unwrap();
            prop_assert_eq!(&*again.articles[0].body, body.as_str());
            prop_assert_eq!(&again.articles[0].headline, &headline);
            prop_assert_eq!(again.articles[0].original_text(), Some(format!("{headline}\n{body}")));
        }
    }
}

//! The headless commands, run as a user runs them: the real binary, real files.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{dateline, import_into, stderr, stdout};

use std::path::Path;

use chrono::Datelike;

fn articles_folder(dir: &Path) {
    let folder = dir.join("news");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("seoul.txt"),
        "Envoys meet\n\nAll Headlines 09:10 May 2, 2022\n\nBy Choi Eun-ha\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday in Seoul (\u{c11c}\u{c6b8}).\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("talks.txt"),
        "Talks resume\n\nGENEVA, Nov. 2 (Reuters) - Talks resumed in Gen\u{e8}ve on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(folder.join("photo.txt"), [0u8, 1, 2, 3, 4]).unwrap();
}

#[test]
fn import_then_info_then_extract() {
    let dir = tempfile::tempdir().unwrap();
    articles_folder(dir.path());
    let out = dateline(&["import", "news", "-o", "research.ron"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.starts_with("Imported 2 of 3 files into research.ron in "),
        "{summary}"
    );
    assert!(summary.contains("Skipped 1 file:"), "{summary}");
    assert!(
        summary.contains("photo.txt: binary file, not text"),
        "{summary}"
    );

    let info = dateline(&["info", "research.ron"], dir.path());
    assert!(info.status.success(), "{}", stderr(&info));
    let text = stdout(&info);
    assert!(
        text.contains(&format!(
            "Format: dateline-workspace version {}",
            dateline::store::CURRENT_FORMAT_VERSION
        )),
        "{text}"
    );
    assert!(
        text.contains("Annotations: 0\nTags: 0\nKept events: 0\nOrphans: 0"),
        "{text}"
    );
    assert!(text.contains("Articles: 2"), "{text}");
    assert!(
        text.contains("Published: 2 May 2022 to 2 May 2022 (1 of 2 articles dated)"),
        "{text}"
    );

    let extract = dateline(&["extract", "news"], dir.path());
    assert!(extract.status.success(), "{}", stderr(&extract));
    let lines: Vec<serde_json::Value> = stdout(&extract)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let seoul = lines.iter().find(|l| l["title"] == "Envoys meet").unwrap();
    assert_eq!(seoul["published"], "2022-05-02T09:10:00+09:00");
    assert_eq!(seoul["byline"], "Choi Eun-ha");
    assert_eq!(seoul["dateline"], "SEOUL");
    assert_eq!(seoul["agency"], "Yonhap");
    assert_eq!(
        seoul["text"],
        "Envoys met on Monday in Seoul (\u{c11c}\u{c6b8})."
    );
    // 2 May 2022 was a Monday: "on Monday" in that day's story is that day. Offsets count
    // code points into "text".
    assert_eq!(
        seoul["timexes"],
        serde_json::json!([{"start": 14, "end": 20, "text": "Monday", "type": "DATE", "value": "2022-05-02", "uncertain": false, "manual": false}])
    );
    // Entities with code-point offsets: the Hangul name counts two, though six bytes. (The
    // tagger also takes the sentence's first word, "Envoys", for a person: a known error on
    // rare capitalised words, not what this test is about.)
    let places: Vec<&serde_json::Value> = seoul["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "LOC")
        .collect();
    assert_eq!(
        places,
        [
            &serde_json::json!({"start": 24, "end": 29, "text": "Seoul", "label": "LOC", "entity": "Seoul"}),
            &serde_json::json!({"start": 31, "end": 33, "text": "\u{c11c}\u{c6b8}", "label": "LOC", "entity": "\u{c11c}\u{c6b8}"})
        ]
    );
    // The sentence around "on Monday" is a suggested event, its names the participants.
    let events = seoul["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event["title"], "Envoys met");
    assert_eq!(event["value"], "2022-05-02");
    assert_eq!(
        event["evidence"],
        serde_json::json!([{"start": 0, "end": 35}])
    );
    assert_eq!(event["origin"], "suggested");
    let participants = event["participants"].as_array().unwrap();
    for place in ["Seoul", "\u{c11c}\u{c6b8}"] {
        assert!(participants.contains(&place.into()), "{participants:?}");
    }
    let talks = lines.iter().find(|l| l["title"] == "Talks resume").unwrap();
    assert_eq!(talks["published"], "--11-02");
    // No year in the text: the file's date is the reference, so the value is a real Tuesday
    // but marked uncertain. Offsets are code points ("è" is one, though two bytes).
    let tuesday = &talks["timexes"][0];
    assert_eq!(
        (tuesday["start"].as_u64(), tuesday["end"].as_u64()),
        (Some(27), Some(34))
    );
    assert_eq!(tuesday["text"], "Tuesday");
    assert_eq!(tuesday["uncertain"], true);
    let value =
        chrono::NaiveDate::parse_from_str(tuesday["value"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert_eq!(value.weekday(), chrono::Weekday::Tue);
    let photo = lines.iter().find(|l| l.get("error").is_some()).unwrap();
    assert!(photo["path"].as_str().unwrap().ends_with("photo.txt"));

    let from_workspace = dateline(&["extract", "research.ron"], dir.path());
    assert_eq!(stdout(&from_workspace).lines().count(), 2);
}

#[test]
fn importing_again_adds_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    articles_folder(dir.path());
    assert!(
        dateline(&["import", "news", "-o", "w.ron"], dir.path())
            .status
            .success()
    );
    let again = dateline(&["import", "news", "-o", "w.ron"], dir.path());
    assert!(
        stdout(&again).contains("(0 added, 0 updated, 2 unchanged;"),
        "{}",
        stdout(&again)
    );
    assert!(stdout(&again).contains("The workspace holds 2 articles."));
    assert!(dir.path().join("w.ron.bak").exists());
}

#[test]
fn info_on_a_damaged_workspace_fails_clearly_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(format: \"dateline-workspace\", format_version: 1, workspace: (articles: [(id: (0), source: (";
    std::fs::write(dir.path().join("bad.ron"), text).unwrap();
    let out = dateline(&["info", "bad.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.starts_with("dateline: bad.ron: the workspace is damaged at line 1, column "),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.ron")).unwrap(),
        text
    );

    let newer = "(format: \"dateline-workspace\", format_version: 99, workspace: ())";
    std::fs::write(dir.path().join("new.ron"), newer).unwrap();
    let out = dateline(&["info", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("made by a newer Dateline (format version 99"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn import_refuses_to_overwrite_a_damaged_workspace() {
    let dir = tempfile::tempdir().unwrap();
    articles_folder(dir.path());
    std::fs::write(dir.path().join("w.ron"), "not ron at all {").unwrap();
    let out = dateline(&["import", "news", "-o", "w.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Nothing was imported."),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("w.ron")).unwrap(),
        "not ron at all {"
    );
}

#[test]
fn bad_arguments_get_a_usage_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(&["import", "news"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("dateline: import needs -o WORKSPACE.ron"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("Usage:"));
    let help = dateline(&["--help"], dir.path());
    assert!(help.status.success());
    assert!(stdout(&help).contains("dateline import DIR… -o WORKSPACE.ron"));
}

#[test]
fn every_subcommand_has_its_own_help_and_typos_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        "import", "export", "extract", "search", "families", "rescan", "bench",
    ] {
        let help = dateline(&[command, "--help"], dir.path());
        assert_eq!(help.status.code(), Some(0), "{command}");
        assert!(
            stdout(&help).contains(&format!("Usage: dateline {command}")),
            "{command}: {}",
            stdout(&help)
        );
    }
    let typo = dateline(&["improt", "news"], dir.path());
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean import?"),
        "{}",
        stderr(&typo)
    );
    let unknown = dateline(&["search", "w.ron", "q", "--limt", "3"], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("--limit"),
        "clap suggests the option: {}",
        stderr(&unknown)
    );
    let failed = dateline(&["info", "missing.ron"], dir.path());
    assert_eq!(failed.status.code(), Some(1), "work that fails is 1, not 2");
}

#[test]
fn completions_for_three_shells() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = dateline(&["completions", shell], dir.path());
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["train-classes", "reference-date", "search-tab"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    // The bash script is valid bash, when bash is there to say so.
    let script = dir.path().join("dateline.bash");
    std::fs::write(
        &script,
        stdout(&dateline(&["completions", "bash"], dir.path())),
    )
    .unwrap();
    if let Ok(check) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
    {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    let bad = dateline(&["completions", "tcsh"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn extract_from_a_workspace_names_entities_as_the_user_decided() {
    let dir = tempfile::tempdir().unwrap();
    articles_folder(dir.path());
    let path = import_into(dir.path(), "news", "w.ron");
    let mut workspace = dateline::store::load_workspace(&path).unwrap();
    workspace
        .entity_decisions
        .push(dateline::model::EntityDecision::Rename {
            key: dateline::model::EntityKey::new("Seoul", dateline::model::EntityLabel::Place),
            name: "Seoul (capital)".into(),
        });
    dateline::store::save_workspace(&path, &workspace).unwrap();
    let out = dateline(&["extract", "w.ron"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let seoul: serde_json::Value = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["title"] == "Envoys meet")
        .unwrap();
    let place = seoul["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Seoul")
        .unwrap();
    assert_eq!(place["entity"], "Seoul (capital)");
}

/// A workspace's events: the user's kept and made events are printed with their article, a
/// dismissed suggestion is not.
#[test]
fn extract_from_a_workspace_prints_the_users_events() {
    use dateline::model::{Event, EventId, EventOrigin, Evidence, SuggestionKey, TimeValue};
    let dir = tempfile::tempdir().unwrap();
    articles_folder(dir.path());
    let path = import_into(dir.path(), "news", "w.ron");
    let mut workspace = dateline::store::load_workspace(&path).unwrap();
    let seoul = workspace
        .articles
        .iter()
        .find(|a| a.headline == "Envoys meet")
        .unwrap()
        .id;
    let talks = workspace
        .articles
        .iter()
        .find(|a| a.headline == "Talks resume")
        .unwrap()
        .id;
    workspace.events.push(Event {
        id: EventId(0),
        title: "Envoys met in Seoul".into(),
        value: TimeValue::from_timex("DATE", "2022-05-03").unwrap(),
        participants: Vec::new(),
        evidence: vec![Evidence {
            article: seoul,
            start: 0,
            end: 35,
            quote: "Envoys met on Monday in Seoul (\u{c11c}\u{c6b8})".into(),
        }],
        notes: String::new(),
        tags: Vec::new(),
        origin: EventOrigin::Suggested {
            extractor: "clause-1".into(),
            key: SuggestionKey {
                article: seoul,
                start: 14,
                text: "Monday".into(),
            },
        },
        uncertain: false,
    });
    workspace.next_event_id = 1;
    workspace.dismissed_suggestions.push(SuggestionKey {
        article: talks,
        start: 27,
        text: "Tuesday".into(),
    });
    dateline::store::save_workspace(&path, &workspace).unwrap();
    let out = dateline(&["extract", "w.ron"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let seoul = lines.iter().find(|l| l["title"] == "Envoys meet").unwrap();
    assert_eq!(
        seoul["events"].as_array().unwrap().len(),
        1,
        "{}",
        seoul["events"]
    );
    assert_eq!(seoul["events"][0]["title"], "Envoys met in Seoul");
    assert_eq!(seoul["events"][0]["value"], "2022-05-03");
    assert_eq!(seoul["events"][0]["origin"], "kept");
    let talks = lines.iter().find(|l| l["title"] == "Talks resume").unwrap();
    assert_eq!(talks["events"], serde_json::json!([]));
}

#[test]
fn configured_limits_refuse_large_articles_and_workspaces_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("limits.ron"),
        "(max_article_mb: 1, max_workspace_mb: 1)",
    )
    .unwrap();
    articles_folder(dir.path());
    let long = format!(
        "Long report\n\n{}\n",
        "A sentence of the report. ".repeat(60_000)
    );
    std::fs::write(dir.path().join("news/long.txt"), long).unwrap();
    let out = dateline(&["import", "news", "-o", "research.ron"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("long.txt: too large: 1560014 bytes, the limit is 1048576 bytes"),
        "{summary}"
    );
    assert!(summary.contains("Imported 2 of 4 files"), "{summary}");

    let mut big =
        String::from("(format: \"dateline-workspace\", format_version: 5, workspace: ())");
    big.push_str(&" ".repeat(1_200_000));
    std::fs::write(dir.path().join("big.ron"), big).unwrap();
    let out = dateline(&["info", "big.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("more than the 1048576 bytes a workspace may have"),
        "{err}"
    );
    assert!(err.contains("it was not opened"), "{err}");
}

#[test]
fn extract_and_import_read_every_article_of_an_export() {
    use dateline::cli::sample_exports::{factiva_rows, rtf_table_bytes, sample_articles};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("exports");
    std::fs::create_dir_all(&folder).unwrap();
    let samples = sample_articles(3, 40, 5);
    let mut rows = factiva_rows(&samples);
    let again = rows[..12].to_vec();
    rows.extend(again);
    std::fs::write(folder.join("factiva.rtf"), rtf_table_bytes(&rows)).unwrap();
    std::fs::write(
        folder.join("single.txt"),
        "Talks resume\n\nGENEVA, March 4 (Reuters) - Talks resumed on Monday.\n",
    )
    .unwrap();

    let out = dateline(&["extract", "exports"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let articles: Vec<&serde_json::Value> =
        rows.iter().filter(|r| r.get("title").is_some()).collect();
    assert_eq!(articles.len(), 4, "{rows:?}");
    let second = articles
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("factiva.rtf#2"))
        .expect("the second article of the export, as file#2");
    assert_eq!(second["title"], samples[1].headline.as_str());
    assert_eq!(second["outlet"], samples[1].outlet.as_str());
    assert_eq!(second["language"], "English");
    assert_eq!(second["source_id"], samples[1].accession.as_str());
    assert!(second["section"].is_null());
    let single = articles
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("single.txt"))
        .unwrap();
    for field in ["outlet", "section", "language", "source_id"] {
        assert!(
            single[field].is_null(),
            "{field} is null for a plain article"
        );
    }
    let duplicate = rows
        .iter()
        .find(|r| r.get("error").is_some())
        .expect("the second delivery is listed");
    assert!(
        duplicate["path"]
            .as_str()
            .unwrap()
            .ends_with("factiva.rtf#4")
    );

    let out = dateline(&["import", "exports", "-o", "research.ron"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Imported 2 of 2 files (4 articles) into research.ron"),
        "{}",
        stdout(&out)
    );
}

/// A folder with a story, its re-send an hour later and an unrelated story.
fn resent_story_folder(dir: &Path) {
    let folder = dir.join("wire");
    std::fs::create_dir_all(&folder).unwrap();
    let body = "GENEVA, March 3 - Negotiators from both sides resumed talks on the disputed \
border on Tuesday after a break of three weeks, officials said. The delegations met for four \
hours and agreed to meet again on Thursday, a spokesman for the mediators said.\n Reuter\n";
    std::fs::write(
        folder.join("1.txt"),
        format!("BORDER TALKS RESUME\n\n 3-MAR-1987 10:02:11.00\n\n{body}"),
    )
    .unwrap();
    std::fs::write(
        folder.join("2.txt"),
        format!("TALKS ON BORDER RESUME AFTER BREAK\n\n 3-MAR-1987 11:15:40.00\n\n{body}"),
    )
    .unwrap();
    std::fs::write(
        folder.join("3.txt"),
        "RAIN FLOODS DHAKA\n\n 3-MAR-1987 09:00:00.00\n\nDHAKA, March 3 - Heavy rain flooded \
low-lying districts of the capital overnight, the city's disaster office said.\n Reuter\n",
    )
    .unwrap();
}

#[test]
fn families_prints_each_version_and_extract_names_the_family() {
    let dir = tempfile::tempdir().unwrap();
    resent_story_folder(dir.path());
    let out = dateline(&["families", "wire", "--tsv"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<(String, String)> = stdout(&out)
        .lines()
        .map(|l| {
            let (f, p) = l.split_once('\t').unwrap();
            (f.to_string(), p.to_string())
        })
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0].0, lines[1].0, "one family id for both versions");
    assert!(
        lines[0].1.ends_with("1.txt") && lines[1].1.ends_with("2.txt"),
        "{lines:?}"
    );
    let summary = dateline(&["families", "wire"], dir.path());
    assert!(
        stdout(&summary)
            .starts_with("3 articles; 1 families hold 2 of them (1 copies counted once)"),
        "{}",
        stdout(&summary)
    );
    let out = dateline(&["extract", "wire"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    let family = |name: &str| {
        records
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(name))
            .unwrap()["family"]
            .clone()
    };
    assert_eq!(family("1.txt"), serde_json::json!(lines[0].0));
    assert_eq!(family("2.txt"), family("1.txt"));
    assert!(family("3.txt").is_null());
    // A workspace: the user's decision that the two are not the same report is applied.
    let out = dateline(&["import", "wire", "-o", "ws.ron"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dateline(&["search", "ws.ron", "negotiators", "--count"], dir.path());
    assert_eq!(
        stdout(&out).trim(),
        "2 hits in 2 articles (1 report) (of 3)",
        "a search counts the versions of one report once"
    );
    let path = dir.path().join("ws.ron");
    let mut ws = dateline::store::load_workspace(&path).unwrap();
    let ids: Vec<_> = ws.articles.iter().map(|a| a.id).collect();
    ws.family_decisions
        .push(dateline::model::FamilyDecision::Apart(ids[0], ids[1]));
    dateline::store::save_workspace(&path, &ws).unwrap();
    let out = dateline(&["families", "ws.ron", "--tsv"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "no family left");
    let out = dateline(&["families", "ws.ron", "wire"], dir.path());
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("give one workspace file"),
        "{}",
        stderr(&out)
    );
}

//! Exports read back by independent readers (Python's csv module, xmllint with the TimeML
//! schema, a JSON parser and the format rules) and W3C round trips: what Dateline exports
//! comes back with the same words, tags (hierarchy and colours), notes, names and events,
//! with astral characters, right-to-left text and CRLF sources keeping their offsets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use dateline::exchange::{ExportData, ExportFormat, export, w3c};
use dateline::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, Codebook,
    EntityKey, EntityLabel, Event, EventId, Evidence, Tag, TagId, TimeValue, Workspace,
};

const UNICODE: &str = "Emoji and astral\n\nMarch 3, 1987\n\nSEOUL, March 3 (Yonhap) -- The envoy 😀 \
met 𝐀lice in 北京 on Monday. \u{645}\u{631}\u{62D}\u{628}\u{627} said the mayor of Amman. \
Talks resumed on Tuesday.\n";
const CRLF: &str = "Talks in Geneva\r\n\r\nMarch 4, 1987\r\n\r\nGENEVA, March 4 - Talks resumed \
on Wednesday.\r\nThe envoys met again on Thursday.\r\n";

fn fixture() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    common::folder_with(
        dir.path(),
        "news",
        &[("unicode.txt", UNICODE), ("crlf.txt", CRLF)],
    );
    let path = common::import_into(dir.path(), "news", "w.ron");
    let mut ws = dateline::store::load_workspace(&path).unwrap();
    ws.codebook = Codebook {
        tags: vec![
            Tag {
                id: TagId(0),
                name: "Diplomacy".into(),
                colour: [0x12, 0x34, 0x56],
                parent: None,
            },
            Tag {
                id: TagId(1),
                name: "Visit, abroad".into(),
                colour: [0xab, 0xcd, 0xef],
                parent: Some(TagId(0)),
            },
        ],
        next_id: 2,
    };
    let unicode = ws
        .articles
        .iter()
        .find(|a| a.body.contains("😀"))
        .unwrap()
        .clone();
    let crlf = ws
        .articles
        .iter()
        .find(|a| a.body.contains("Wednesday"))
        .unwrap()
        .clone();
    let add = |ws: &mut Workspace, article: &dateline::model::Article, words: &str, body| {
        let id = AnnotationId(ws.next_annotation_id);
        ws.next_annotation_id += 1;
        ws.annotations_mut().push(Annotation {
            id,
            target: common::target_of(article, words),
            body,
            origin: AnnotationOrigin::Manual,
            status: AnnotationStatus::Accepted,
        });
    };
    add(
        &mut ws,
        &unicode,
        "𝐀lice in 北京",
        AnnotationBody::Tag(TagId(1)),
    );
    add(
        &mut ws,
        &unicode,
        "\u{645}\u{631}\u{62D}\u{628}\u{627}",
        AnnotationBody::Note("Arabic: “hello”, with a comma".into()),
    );
    add(
        &mut ws,
        &unicode,
        "Amman",
        AnnotationBody::Entity(EntityKey::new("Amman", EntityLabel::Place)),
    );
    add(&mut ws, &crlf, "resumed", AnnotationBody::Tag(TagId(0)));
    add(
        &mut ws,
        &crlf,
        "envoys met again",
        AnnotationBody::Note("line two".into()),
    );
    let evidence = Evidence::from(common::target_of(&crlf, "Talks resumed"));
    ws.events.push(Event {
        id: EventId(0),
        evidence: vec![
            evidence,
            Evidence::from(common::target_of(&unicode, "Talks resumed")),
        ],
        notes: "Both stories".into(),
        ..Event::manual(
            "Talks resumed",
            TimeValue::from_timex("DATE", "1987-03").unwrap(),
        )
    });
    ws.next_event_id = 1;
    dateline::store::save_workspace(&path, &ws).unwrap();
    (dir, ws)
}

fn export_to(
    ws: &Workspace,
    format: ExportFormat,
    path: &Path,
) -> dateline::exchange::ExportReport {
    let data = ExportData::new(ws, None);
    export(&data, format, path).unwrap()
}

/// The annotations' words and what they mean (tags by path, not by id), in order: what a
/// round trip must give back.
fn meaning(w: &Workspace) -> Vec<(u64, usize, usize, String, String)> {
    let mut m: Vec<(u64, usize, usize, String, String)> = w
        .annotations
        .iter()
        .map(|a| {
            let what = match &a.body {
                AnnotationBody::Tag(t) => format!("tag {}", w.codebook.path(*t)),
                AnnotationBody::Note(n) => format!("note {n}"),
                AnnotationBody::Entity(k) => format!("entity {} {:?}", k.name, k.label),
                other => format!("{other:?}"),
            };
            (
                a.target.article.0,
                a.target.start,
                a.target.end,
                a.target.quote.clone(),
                what,
            )
        })
        .collect();
    m.sort();
    m
}

/// The workspace without the research: what another copy of the same articles looks like.
fn bare(ws: &Workspace) -> Workspace {
    Workspace {
        articles: ws.articles.clone(),
        next_article_id: ws.next_article_id,
        ..Default::default()
    }
}

/// Every tag as its path in the codebook and its colour, sorted.
fn tag_paths(w: &Workspace) -> Vec<(String, [u8; 3])> {
    let mut paths: Vec<(String, [u8; 3])> = w
        .codebook
        .tags
        .iter()
        .map(|t| (w.codebook.path(t.id), t.colour))
        .collect();
    paths.sort();
    paths
}

#[test]
fn w3c_round_trip_keeps_words_tags_notes_names_and_events() {
    let (dir, ws) = fixture();
    let file = dir.path().join("out.jsonld");
    let report = export_to(&ws, ExportFormat::W3c, &file);
    assert_eq!((report.annotations, report.events), (5, 1));
    let text = std::fs::read_to_string(&file).unwrap();
    let root = w3c::read(&file, &text).unwrap();
    // Every position selector slices to its quote in code points.
    for item in root["first"]["items"].as_array().unwrap() {
        let targets = match &item["target"] {
            serde_json::Value::Array(a) => a.clone(),
            t => vec![t.clone()],
        };
        for t in targets {
            let article = ws
                .articles
                .iter()
                .find(|a| a.source.content_hash == t["dl:contentSha256"].as_str().unwrap())
                .unwrap();
            let s = t["selector"][1]["start"].as_u64().unwrap() as usize;
            let e = t["selector"][1]["end"].as_u64().unwrap() as usize;
            let quote: String = article.body.chars().skip(s).take(e - s).collect();
            assert_eq!(quote, t["selector"][0]["exact"].as_str().unwrap());
        }
    }
    // Purposes and motivations come from the model's closed list; every annotation has an
    // IRI id, a type, a target; Dateline's own keys are declared in the context.
    let allowed = [
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    ];
    assert_eq!(root["@context"][1]["dl"], "https://dateline.invalid/ns#");
    for item in root["first"]["items"].as_array().unwrap() {
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert_eq!(item["type"], "Annotation");
        assert!(allowed.contains(&item["motivation"].as_str().unwrap()));
        for body in item["body"].as_array().unwrap() {
            assert!(
                allowed.contains(&body["purpose"].as_str().unwrap()),
                "{body}"
            );
        }
        assert!(!item["target"].is_null());
    }
    let mut back = bare(&ws);
    let (edit, import) = w3c::import(&back, &root);
    edit.unwrap().apply(&mut back).unwrap();
    assert_eq!(
        (import.placed, import.orphaned, import.events),
        (5, 0, 1),
        "{import:?}"
    );
    assert_eq!(import.tags_added, 2);
    // Tags with their hierarchy and colours.
    assert_eq!(tag_paths(&back), tag_paths(&ws));
    // The same words with the same meaning.
    assert_eq!(meaning(&back), meaning(&ws));
    let (e0, e1) = (&ws.events[0], &back.events[0]);
    assert_eq!(
        (&e1.title, &e1.value, &e1.evidence, &e1.notes),
        (&e0.title, &e0.value, &e0.evidence, &e0.notes)
    );
    // Importing the same file again adds nothing.
    let (again, report) = w3c::import(&back, &root);
    assert!(again.is_none(), "{report:?}");
    assert_eq!(report.already, 6);
}

#[test]
fn w3c_import_counts_utf16_and_re_anchors_moved_words() {
    let (dir, ws) = fixture();
    let file = dir.path().join("out.jsonld");
    export_to(&ws, ExportFormat::W3c, &file);
    let text = std::fs::read_to_string(&file).unwrap();
    let mut root: serde_json::Value = serde_json::from_str(&text).unwrap();
    let unicode = ws.articles.iter().find(|a| a.body.contains("😀")).unwrap();
    let units = dateline::exchange::text::Utf16::new(&unicode.body);
    let items = root["first"]["items"].as_array_mut().unwrap();
    // The tag on "𝐀lice in 北京", as a JavaScript tool would count it (UTF-16).
    let tag = items
        .iter_mut()
        .find(|i| {
            i["motivation"] == "tagging" && i["target"]["selector"][0]["exact"] == "𝐀lice in 北京"
        })
        .unwrap();
    let s = tag["target"]["selector"][1]["start"].as_u64().unwrap() as usize;
    let e = tag["target"]["selector"][1]["end"].as_u64().unwrap() as usize;
    tag["target"]["selector"][1]["start"] = units.of(s).into();
    tag["target"]["selector"][1]["end"] = units.of(e).into();
    assert_ne!(
        units.of(s),
        s,
        "the astral emoji before it makes UTF-16 differ"
    );
    // The note on "Amman" moved by 40 characters: found by its quote and context.
    let entity = items
        .iter_mut()
        .find(|i| i["motivation"] == "identifying")
        .unwrap();
    let s = entity["target"]["selector"][1]["start"].as_u64().unwrap();
    entity["target"]["selector"][1]["start"] = (s + 40).into();
    entity["target"]["selector"][1]["end"] = (s + 45).into();
    // A quote that is nowhere: an orphan, not other words.
    let note = items
        .iter_mut()
        .find(|i| i["motivation"] == "commenting" && i["body"][0]["value"] == "line two")
        .unwrap();
    note["target"]["selector"][0]["exact"] = "words that were never there".into();
    note["target"]["selector"][0]["prefix"] = "nothing like it ".into();
    let mut back = bare(&ws);
    let (edit, report) = w3c::import(&back, &root);
    edit.unwrap().apply(&mut back).unwrap();
    assert_eq!(
        (report.utf16, report.reanchored, report.orphaned),
        (1, 1, 1),
        "{report:?}"
    );
    assert_eq!(back.orphans.len(), 1);
    assert_eq!(back.orphans[0].target.quote, "words that were never there");
    let amman = back
        .annotations
        .iter()
        .find(|a| matches!(a.body, AnnotationBody::Entity(_)))
        .unwrap();
    assert_eq!(amman.target.quote, "Amman");
    // Ids stay unique, the orphan's included.
    assert!(back.next_annotation_id as usize > back.annotations.len());
}

#[test]
fn w3c_import_refuses_what_is_not_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.jsonld");
    let e = w3c::read(&path, "{\"type\": \"Nothing\"").unwrap_err();
    assert!(e.to_string().contains("not JSON at line 1"), "{e}");
    let e = w3c::read(&path, "[]").unwrap_err();
    assert!(e.to_string().contains("no W3C annotations"), "{e}");
}

/// Python's csv module (an independent reader) reads every table, and the quotes in the
/// annotations table slice out of the articles' bodies at their code points.
#[test]
fn csv_tables_read_back_with_pythons_csv_module() {
    let (dir, ws) = fixture();
    let folder = dir.path().join("tables");
    let report = export_to(&ws, ExportFormat::Csv, &folder);
    assert_eq!(report.files, 5);
    for table in [
        "articles",
        "annotations",
        "entities",
        "events",
        "time_expressions",
    ] {
        let bytes = std::fs::read(folder.join(format!("{table}.csv"))).unwrap();
        assert!(
            bytes.starts_with("\u{FEFF}".as_bytes()),
            "{table}: a BOM for Excel"
        );
    }
    let script = r#"
import csv, json, sys
folder = sys.argv[1]
out = {}
for t in ["articles", "annotations", "entities", "events", "time_expressions"]:
    with open(f"{folder}/{t}.csv", newline="", encoding="utf-8-sig") as f:
        out[t] = list(csv.DictReader(f))
print(json.dumps(out))
"#;
    let Some(run) = read_with(
        "python3",
        &["-c".as_ref(), script.as_ref(), folder.as_ref()],
    ) else {
        return;
    };
    let tables: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(tables["articles"].as_array().unwrap().len(), 2);
    let annotations = tables["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 5);
    for row in annotations {
        let id: u64 = row["article"].as_str().unwrap().parse().unwrap();
        let article = ws.articles.iter().find(|a| a.id.0 == id).unwrap();
        let s: usize = row["start"].as_str().unwrap().parse().unwrap();
        let e: usize = row["end"].as_str().unwrap().parse().unwrap();
        let quote: String = article.body.chars().skip(s).take(e - s).collect();
        assert_eq!(quote, row["quote"].as_str().unwrap());
        let s16: usize = row["start_utf16"].as_str().unwrap().parse().unwrap();
        let units: Vec<u16> = article.body.encode_utf16().collect();
        let e16: usize = row["end_utf16"].as_str().unwrap().parse().unwrap();
        assert_eq!(String::from_utf16(&units[s16..e16]).unwrap(), quote);
    }
    let tagged = annotations
        .iter()
        .find(|r| r["kind"] == "tag" && r["tag_level_2"] != "")
        .unwrap();
    assert_eq!(tagged["tag_level_1"], "Diplomacy");
    assert_eq!(tagged["tag_level_2"], "Visit, abroad");
    let note = annotations
        .iter()
        .find(|r| r["kind"] == "note" && r["quote"] != "envoys met again")
        .unwrap();
    assert_eq!(note["note"], "Arabic: “hello”, with a comma");
    let events = tables["events"].as_array().unwrap();
    assert_eq!(events[0]["precision"], "month");
    assert_eq!(events[0]["start"], "1987-03-01 00:00:00");
    assert!(!tables["time_expressions"].as_array().unwrap().is_empty());
}

/// Every TimeML file is valid against the TimeML schema (xmllint, when it and `../shared`
/// are here) and gives back the body exactly when its tags are removed.
#[test]
fn timeml_files_validate_and_keep_the_text() {
    let (dir, ws) = fixture();
    let folder = dir.path().join("tml");
    let report = export_to(&ws, ExportFormat::Timeml, &folder);
    assert_eq!(report.files, 2);
    let tag = regex::Regex::new("</?TIMEX3[^>]*>").unwrap();
    let tid_attribute = regex::Regex::new(r#"tid="([^"]+)""#).unwrap();
    let tid_form = regex::Regex::new(r"^t\d+$").unwrap();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let xml = std::fs::read_to_string(&path).unwrap();
        let inner = &xml[xml.find("<TEXT>").unwrap() + 6..xml.find("</TEXT>").unwrap()];
        let stripped = tag.replace_all(inner, "");
        let text = stripped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        assert!(
            ws.articles.iter().any(|a| *a.body == text),
            "{}",
            path.display()
        );
        for tid in tid_attribute.captures_iter(&xml) {
            assert!(tid_form.is_match(&tid[1]));
        }
        assert!(xml.contains("<TIMEX3 tid=\"t1\" type=\"DATE\""), "{xml}");
    }
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    validate_with_schema("timeml-min-consistency.xsd", &files);
}

/// A range ("1957-58") is written as TIMEX3 readers take one: a DURATION over its words,
/// anchored to two DATEs that consume no text; the file stays valid and keeps the text.
#[test]
fn timeml_writes_a_range_as_a_duration_between_two_points() {
    let dir = tempfile::tempdir().unwrap();
    common::folder_with(
        dir.path(),
        "news",
        &[(
            "war.txt",
            "War history\n\nPublished 12 May 2005\n\nThe war of 1957-58 ended in a truce.\n",
        )],
    );
    let path = common::import_into(dir.path(), "news", "w.ron");
    let ws = dateline::store::load_workspace(&path).unwrap();
    let folder = dir.path().join("tml");
    export_to(&ws, ExportFormat::Timeml, &folder);
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(
        xml.contains(
            "<TIMEX3 tid=\"t1\" type=\"DURATION\" value=\"P2Y\" beginPoint=\"t2\" \
             endPoint=\"t3\">1957-58</TIMEX3><TIMEX3 tid=\"t2\" type=\"DATE\" \
             value=\"1957\"/><TIMEX3 tid=\"t3\" type=\"DATE\" value=\"1958\"/>"
        ),
        "{xml}"
    );
    let tag = regex::Regex::new("</?TIMEX3[^>]*>").unwrap();
    let inner = &xml[xml.find("<TEXT>").unwrap() + 6..xml.find("</TEXT>").unwrap()];
    assert_eq!(*tag.replace_all(inner, ""), *ws.articles[0].body);
    validate_with_schema("timeml-min-consistency.xsd", &[file]);
}

/// The calendar follows RFC 5545's rules: CRLF lines of at most 75 octets, required
/// properties, an all-day month as the 1st to the 1st of the next month, the exact value kept.
#[test]
fn icalendar_follows_the_rules() {
    let (dir, ws) = fixture();
    let file = dir.path().join("events.ics");
    let report = export_to(&ws, ExportFormat::Ics, &file);
    assert_eq!(report.events, 1);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
        assert!(!line.contains('\n'));
    }
    let unfolded = text.replace("\r\n ", "");
    for needed in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:",
        "BEGIN:VEVENT",
        "UID:",
        "DTSTAMP:",
        "SUMMARY:Talks resumed",
    ] {
        assert!(unfolded.contains(needed), "{needed}");
    }
    assert!(unfolded.contains("DTSTART;VALUE=DATE:19870301\r\n"));
    assert!(unfolded.contains("DTEND;VALUE=DATE:19870401\r\n"));
    assert!(unfolded.contains("X-DATELINE-TIMEX:1987-03\r\n"));
    assert!(unfolded.contains("X-DATELINE-PRECISION:month\r\n"));
}

/// TimelineJS gets only the date parts the value has: a month is {year, month}.
#[test]
fn timelinejs_dates_keep_their_precision() {
    let (dir, ws) = fixture();
    let file = dir.path().join("timeline.json");
    export_to(&ws, ExportFormat::TimelineJs, &file);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // What TimelineJS's own TimelineConfig lets through but must not be: a month outside
    // 1-12, a day without a month, an end before the start, an event without a start.
    for e in json["events"].as_array().unwrap() {
        let start = &e["start_date"];
        assert!(start["year"].is_i64(), "{e}");
        if let Some(m) = start["month"].as_i64() {
            assert!((1..=12).contains(&m), "{e}");
        }
        assert!(start["day"].is_null() || !start["month"].is_null(), "{e}");
        if let Some(end) = e.get("end_date") {
            let key = |d: &serde_json::Value| {
                (d["year"].as_i64(), d["month"].as_i64(), d["day"].as_i64())
            };
            assert!(key(end) >= key(start), "{e}");
        }
    }
    let event = &json["events"][0];
    assert_eq!(
        event["start_date"],
        serde_json::json!({"year": 1987, "month": 3})
    );
    assert_eq!(event["text"]["headline"], "Talks resumed");
    assert!(
        event["text"]["text"]
            .as_str()
            .unwrap()
            .contains("Talks resumed")
    );
}

#[test]
fn the_export_command_limits_to_a_search_and_refuses_bad_queries() {
    let (dir, _ws) = fixture();
    let out = common::dateline(
        &[
            "export",
            "w.ron",
            "--format",
            "csv",
            "-o",
            "tables",
            "--query",
            "wednesday",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains("Exported 1 articles"),
        "{}",
        common::stdout(&out)
    );
    let bad = common::dateline(
        &[
            "export", "w.ron", "--format", "csv", "-o", "t2", "--query", "(oil",
        ],
        dir.path(),
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        common::stderr(&bad).contains("column 1"),
        "{}",
        common::stderr(&bad)
    );
    assert!(!dir.path().join("t2").exists());
    let unknown = common::dateline(
        &["export", "w.ron", "--format", "docx", "-o", "x"],
        dir.path(),
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(common::stderr(&unknown).contains("the formats are csv, qdpx, w3c"));
    // A W3C file comes back in through import.
    let w3c = common::dateline(
        &["export", "w.ron", "--format", "w3c", "-o", "a.jsonld"],
        dir.path(),
    );
    assert!(w3c.status.success());
    let fresh = common::dateline(
        &["import", "news", "a.jsonld", "-o", "fresh.ron"],
        dir.path(),
    );
    assert!(fresh.status.success(), "{}", common::stderr(&fresh));
    assert!(
        common::stdout(&fresh).contains("5 annotations placed"),
        "{}",
        common::stdout(&fresh)
    );
    let ws = dateline::store::load_workspace(&dir.path().join("fresh.ron")).unwrap();
    assert_eq!(
        (
            ws.annotations.len(),
            ws.events.len(),
            ws.codebook.tags.len()
        ),
        (5, 1, 2)
    );
}

/// brat's own rules for an `.ann` file, checked line by line (no registry validator runs on
/// Python 3): unique ids, offsets inside the text and in order, the text field equal to the
/// fragments' words joined by a space, every type declared in `annotation.conf`; for
/// INCEpTION, offsets in UTF-16 and only T, R and A lines.
fn check_brat(folder: &Path, inception: bool) -> usize {
    let conf = std::fs::read_to_string(folder.join("annotation.conf")).unwrap();
    let types: std::collections::HashSet<String> = conf
        .split("[relations]")
        .next()
        .unwrap()
        .lines()
        .map(|l| l.trim().trim_start_matches('!').to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('['))
        .collect();
    let t_line = regex::Regex::new(r"^T\d+\t[A-Za-z0-9_-]+ \d+ \d+(;\d+ \d+)*\t[^\t\n]*$").unwrap();
    let mut spans = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ann") {
            continue;
        }
        let text = std::fs::read_to_string(path.with_extension("txt")).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let chars: Vec<char> = text.chars().collect();
        let mut ids = std::collections::HashSet::new();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let id = line.split('\t').next().unwrap();
            assert!(
                ids.insert(id.to_string()),
                "{}: id {id} twice",
                path.display()
            );
            if inception {
                assert!(
                    matches!(&id[..1], "T" | "R" | "A"),
                    "INCEpTION refuses: {line}"
                );
            }
            if !line.starts_with('T') {
                continue;
            }
            assert!(t_line.is_match(line), "{line}");
            let fields: Vec<&str> = line.split('\t').collect();
            let (kind, offsets) = fields[1].split_once(' ').unwrap();
            assert!(types.contains(kind), "{kind} is not declared");
            let mut last = 0;
            let mut words = Vec::new();
            for f in offsets.split(';') {
                let (s, e) = f.split_once(' ').unwrap();
                let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                assert!(last <= s && s < e, "{line}");
                last = e;
                words.push(if inception {
                    String::from_utf16(&units[s..e]).unwrap()
                } else {
                    chars[s..e].iter().collect()
                });
            }
            assert_eq!(words.join(" "), fields[2], "{line}");
            spans += 1;
        }
    }
    spans
}

#[test]
fn brat_exports_follow_brat_and_inception_rules_and_come_back() {
    use dateline::exchange::brat_import;
    let (dir, ws) = fixture();
    for (format, inception) in [
        (ExportFormat::Brat, false),
        (ExportFormat::BratInception, true),
    ] {
        let folder = dir.path().join(format.name());
        let report = export_to(&ws, format, &folder);
        assert_eq!(report.annotations, 5);
        let spans = check_brat(&folder, inception);
        assert!(
            spans > 5,
            "names, tags, notes, time expressions and evidence: {spans}"
        );
        let visual = std::fs::read_to_string(folder.join("visual.conf")).unwrap();
        assert!(visual.contains("bgColor:#abcdef"), "{visual}");
        // Back into a copy of the articles without the research.
        let read = brat_import::read(&folder).unwrap();
        let mut back = bare(&ws);
        let (edit, import) = brat_import::import(&back, &read);
        edit.unwrap().apply(&mut back).unwrap();
        assert_eq!((import.placed, import.orphaned), (5, 0), "{import:?}");
        assert_eq!(import.utf16 > 0, inception, "{import:?}");
        assert_eq!(
            tag_paths(&back),
            [
                ("Diplomacy".to_string(), [0x12, 0x34, 0x56]),
                ("Diplomacy › Visit, abroad".to_string(), [0xab, 0xcd, 0xef])
            ]
        );
        assert_eq!(meaning(&back), meaning(&ws));
        let note = back
            .annotations
            .iter()
            .find_map(|a| match &a.body {
                AnnotationBody::Note(n) if n.starts_with("Arabic") => Some(n.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(note, "Arabic: “hello”, with a comma");
    }
}

fn qdpx_entry(path: &Path, name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

/// The REFI-QDA project is valid against Project.xsd (xmllint, when it and `../shared` are
/// here), its sources are LF-only UTF-8 without a BOM, every selection's name is its words,
/// GUIDs are unique and every reference resolves, a second export is byte for byte the same,
/// and it comes back with the same tags, notes, names and events.
#[test]
fn qdpx_is_valid_stable_and_comes_back() {
    use dateline::exchange::qdpx_import;
    let (dir, ws) = fixture();
    let file = dir.path().join("project.qdpx");
    let report = export_to(&ws, ExportFormat::Qdpx, &file);
    assert_eq!((report.annotations, report.events), (5, 1));
    let qde = String::from_utf8(qdpx_entry(&file, "project.qde")).unwrap();
    let guids: Vec<&str> = regex::Regex::new(r#" guid="([0-9a-f-]{36})""#)
        .unwrap()
        .captures_iter(&qde)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let unique: std::collections::HashSet<&&str> = guids.iter().collect();
    assert_eq!(unique.len(), guids.len(), "GUIDs are unique");
    for target in regex::Regex::new(r#"targetGUID="([0-9a-f-]{36})""#)
        .unwrap()
        .captures_iter(&qde)
    {
        assert!(
            unique.contains(&target.get(1).unwrap().as_str()),
            "{}",
            &target[1]
        );
    }
    let selection = regex::Regex::new(
        r#"<TextSource guid="([^"]+)"|<PlainTextSelection guid="[^"]+" name="([^"]*)" startPosition="(\d+)" endPosition="(\d+)""#,
    )
    .unwrap();
    let mut text: Vec<char> = Vec::new();
    for c in selection.captures_iter(&qde) {
        if let Some(source) = c.get(1) {
            let bytes = qdpx_entry(&file, &format!("sources/{}.txt", source.as_str()));
            assert!(!bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&b'\r'));
            text = String::from_utf8(bytes).unwrap().chars().collect();
            continue;
        }
        let (s, e): (usize, usize) = (c[3].parse().unwrap(), c[4].parse().unwrap());
        let words: String = text[s..e].iter().collect();
        let name = c[2].replace("&amp;", "&").replace("&quot;", "\"");
        assert!(words.starts_with(&name), "{words} / {name}");
    }
    let again = dir.path().join("again.qdpx");
    export_to(&ws, ExportFormat::Qdpx, &again);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );

    let project = qdpx_import::read(&file).unwrap();
    let mut back = bare(&ws);
    let (articles, _) = qdpx_import::new_articles(&back, &project, Default::default());
    assert!(
        articles.is_empty(),
        "the sources are the workspace's articles"
    );
    let (edit, import) = qdpx_import::import(&back, &project);
    edit.unwrap().apply(&mut back).unwrap();
    assert_eq!(
        (import.placed, import.orphaned, import.events),
        (5, 0, 1),
        "{import:?}"
    );
    assert_eq!(
        tag_paths(&back)[1],
        ("Diplomacy › Visit, abroad".into(), [0xab, 0xcd, 0xef])
    );
    assert_eq!(back.events[0].title, "Talks resumed");
    assert_eq!(back.events[0].evidence, ws.events[0].evidence);
    assert_eq!(meaning(&back), meaning(&ws));
    assert!(
        back.annotations
            .iter()
            .any(|a| a.body == AnnotationBody::Entity(EntityKey::new("Amman", EntityLabel::Place)))
    );

    let qde_file = dir.path().join("project.qde");
    std::fs::write(&qde_file, &qde).unwrap();
    validate_with_schema("refi-qda-project.xsd", &[qde_file]);
}

/// Validates `files` with xmllint against a schema of `../shared/schemas`, when both are
/// here (the test says so when they are not).
fn validate_with_schema(schema: &str, files: &[std::path::PathBuf]) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/schemas")
        .join(schema);
    if !schema.exists() {
        eprintln!("skipped the schema check: {} is not here", schema.display());
        return;
    }
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["--noout".as_ref(), "--schema".as_ref(), schema.as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    read_with("xmllint", &args);
}

/// Runs an independent reader, which must succeed; `None` (and a notice) when it is not
/// installed here.
fn read_with(program: &str, args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    let Ok(run) = std::process::Command::new(program).args(args).output() else {
        eprintln!("skipped: {program} is not here");
        return None;
    };
    assert!(
        run.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    Some(run)
}

/// Writes a `.qdpx` as another tool would: `folder` for the sources ("sources" or "Sources"),
/// the source text's bytes as given (BOM, CRLF), and the project.
fn foreign_qdpx(path: &Path, folder: &str, text: &[u8], qde: &str) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("project.qde", options).unwrap();
    zip.write_all(qde.as_bytes()).unwrap();
    zip.start_file(
        format!("{folder}/11111111-2222-3333-4444-555555555555.txt"),
        options,
    )
    .unwrap();
    zip.write_all(text).unwrap();
    zip.finish().unwrap();
}

/// A project in the shape of MAXQDA (sources/, a BOM, notes as descriptions), NVivo
/// (Sources/, CRLF counted as two, notes by reference) and ATLAS.ti (CRLF counted as one):
/// its source becomes an article (headline and dateline found) and every coded passage lands
/// on its words in the body.
#[test]
fn qdpx_from_maxqda_nvivo_and_atlas_ti_lands_on_the_right_words() {
    use dateline::exchange::qdpx_import;
    let lines = [
        "Port talks resume",
        "",
        "BUSAN, May 2 (Yonhap) -- Talks on the port resumed on Monday.",
        "The unions agreed on wages.",
    ];
    let lf = lines.join("\n");
    let crlf = lines.join("\r\n");
    let position = |text: &str, words: &str, crlf_two: bool| {
        let at = text.find(words).unwrap();
        let before = &text[..at];
        let mut n = before.chars().count();
        if !crlf_two {
            n -= before.matches('\r').count();
        }
        (n, n + words.chars().count())
    };
    for (tool, folder, bytes, crlf_two, by_reference) in [
        (
            "MAXQDA",
            "sources",
            [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat(),
            false,
            false,
        ),
        ("NVivo", "Sources", crlf.as_bytes().to_vec(), true, true),
        (
            "ATLAS.ti",
            "sources",
            crlf.as_bytes().to_vec(),
            false,
            false,
        ),
        (
            "QualCoder",
            "sources",
            [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat(),
            false,
            false,
        ),
        ("inline text", "", lf.as_bytes().to_vec(), false, false),
    ] {
        let text = if bytes.contains(&b'\r') {
            crlf.as_str()
        } else {
            lf.as_str()
        };
        let (ws1, we1) = position(text, "Talks on the port", crlf_two);
        let (ws2, we2) = position(text, "agreed on wages", crlf_two);
        let note = if by_reference {
            r#"<NoteRef targetGUID="99999999-0000-0000-0000-000000000001"/>"#.to_string()
        } else {
            String::new()
        };
        let description = if by_reference {
            ""
        } else {
            "<Description>Who asked?</Description>"
        };
        let notes = if by_reference {
            r#"<Notes><Note guid="99999999-0000-0000-0000-000000000001" name="n"><PlainTextContent>Who asked?</PlainTextContent></Note></Notes>"#
        } else {
            ""
        };
        // A project may carry the text inside it instead of a file.
        let source_element = if folder.is_empty() {
            format!(
                r#"<TextSource guid="11111111-2222-3333-4444-555555555555" name="busan"><PlainTextContent>{}</PlainTextContent>"#,
                lf.replace('&', "&amp;").replace('<', "&lt;")
            )
        } else {
            r#"<TextSource guid="11111111-2222-3333-4444-555555555555" name="busan" plainTextPath="internal://11111111-2222-3333-4444-555555555555.txt">"#.to_string()
        };
        let qde = format!(
            r##"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="{tool} project" origin="{tool}">
<CodeBook><Codes>
<Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Economy" isCodable="false" color="#336699">
<Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Labour" isCodable="true" color="#F00"/>
</Code>
</Codes></CodeBook>
<Sources>
{source_element}
<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-000000000001" startPosition="{ws1}" endPosition="{we1}">{description}<Coding guid="cccccccc-0000-0000-0000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000002"/></Coding>{note}</PlainTextSelection>
<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-000000000002" name="agreed on wages" startPosition="{ws2}" endPosition="{we2}"><Coding guid="cccccccc-0000-0000-0000-000000000002"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>
</TextSource>
</Sources>
{notes}
</Project>"##
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{tool}.qdpx"));
        foreign_qdpx(&file, folder, &bytes, &qde);
        let project = qdpx_import::read(&file).unwrap();
        let mut ws = Workspace::default();
        let (articles, problems) = qdpx_import::new_articles(&ws, &project, Default::default());
        assert!(problems.is_empty(), "{tool}: {problems:?}");
        ws.merge_import(articles, Vec::new());
        assert_eq!(ws.articles[0].headline, "Port talks resume", "{tool}");
        assert_eq!(
            ws.articles[0].dateline.as_ref().unwrap().place,
            "BUSAN",
            "{tool}"
        );
        let (edit, report) = qdpx_import::import(&ws, &project);
        edit.unwrap().apply(&mut ws).unwrap();
        assert_eq!(
            (report.placed, report.orphaned),
            (3, 0),
            "{tool}: {report:?}"
        );
        let quote_of = |body: &AnnotationBody| {
            ws.annotations
                .iter()
                .find(|a| a.body == *body)
                .map(|a| a.target.quote.clone())
        };
        let labour = ws
            .codebook
            .tags
            .iter()
            .find(|t| t.name == "Labour")
            .unwrap();
        assert_eq!(ws.codebook.path(labour.id), "Economy › Labour", "{tool}");
        assert_eq!(labour.colour, [0xff, 0, 0], "{tool}: #F00");
        assert_eq!(
            quote_of(&AnnotationBody::Tag(labour.id)).as_deref(),
            Some("Talks on the port"),
            "{tool}"
        );
        assert_eq!(
            quote_of(&AnnotationBody::Note("Who asked?".into())).as_deref(),
            Some("Talks on the port"),
            "{tool}"
        );
        let economy = ws
            .codebook
            .tags
            .iter()
            .find(|t| t.name == "Economy")
            .unwrap()
            .id;
        assert_eq!(
            quote_of(&AnnotationBody::Tag(economy)).as_deref(),
            Some("agreed on wages"),
            "{tool}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_project_is_refused_with_a_reason() {
    use dateline::exchange::qdpx_import;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.qdpx");
    std::fs::write(&path, b"not a zip").unwrap();
    let Err(e) = qdpx_import::read(&path) else {
        panic!("read")
    };
    assert!(e.to_string().contains("not a ZIP file"), "{e}");
    foreign_qdpx(&path, "sources", b"x", "<Codebook/>");
    let Err(e) = qdpx_import::read(&path) else {
        panic!("read")
    };
    assert!(e.to_string().contains("not a Project"), "{e}");
}

/// Python's `icalendar` (an independent reader, when installed) reads the calendar without
/// errors: the event all day from 1 March to 1 April 1987 (exclusive), the exact value kept.
#[test]
fn icalendar_reads_back_with_pythons_icalendar() {
    let (dir, ws) = fixture();
    let file = dir.path().join("events.ics");
    export_to(&ws, ExportFormat::Ics, &file);
    let script = r#"
import sys
try:
    import icalendar
except ImportError:
    print("missing")
    sys.exit(0)
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [c for c in cal.walk() if c.name == "VEVENT"]
assert len(events) == 1, events
e = events[0]
errors = [c.errors for c in cal.walk() if getattr(c, "errors", None)]
assert not errors, errors
assert str(e["SUMMARY"]) == "Talks resumed", e["SUMMARY"]
assert e.decoded("DTSTART").isoformat() == "1987-03-01", e.decoded("DTSTART")
assert e.decoded("DTEND").isoformat() == "1987-04-01", e.decoded("DTEND")
assert str(e["X-DATELINE-TIMEX"]) == "1987-03"
assert "Both stories" in str(e["DESCRIPTION"])
print("ok")
"#;
    let Some(run) = read_with("python3", &["-c".as_ref(), script.as_ref(), file.as_ref()]) else {
        return;
    };
    let said = String::from_utf8_lossy(&run.stdout);
    if said.trim() == "missing" {
        eprintln!("skipped: Python's icalendar is not installed");
        return;
    }
    assert_eq!(said.trim(), "ok");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever an annotation file holds, reading and laying it over a workspace gives a
    /// result or a message, never a panic: W3C JSON with wild offsets and bodies, brat lines,
    /// REFI-QDA projects with nonsense positions.
    #[test]
    fn hostile_annotation_files_never_panic(
        start in proptest::prelude::any::<u64>(),
        len in 0u64..40,
        quote in "[a-z😀 \n]{0,12}",
        purpose in "(tagging|commenting|identifying|classifying|linking|assessing|x)",
        brat in "[TA#*N][0-9]{0,2}\t[A-Za-z_]{0,6} [0-9]{0,3} [0-9]{0,3}(;[0-9]{0,3} [0-9]{0,3})?\t[a-z ]{0,8}",
    ) {
        let (dir, ws) = fixture();
        let article = &ws.articles[0];
        let w3c_text = serde_json::json!({
            "type": "AnnotationPage",
            "items": [{
                "type": "Annotation",
                "motivation": purpose,
                "body": [{"type": "TextualBody", "purpose": purpose, "value": quote}],
                "target": {
                    "source": "x",
                    "dl:contentSha256": article.source.content_hash,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": quote},
                        {"type": "TextPositionSelector", "start": start, "end": start.saturating_add(len)}
                    ]
                }
            }]
        })
        .to_string();
        let path = dir.path().join("x.jsonld");
        if let Ok(root) = w3c::read(&path, &w3c_text) {
            let (edit, _) = w3c::import(&ws, &root);
            if let Some(edit) = edit {
                let mut copy = ws.clone();
                edit.apply(&mut copy).unwrap();
            }
        }
        let folder = dir.path().join("brat");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("annotation.conf"), "[entities]\nX\n").unwrap();
        std::fs::write(folder.join("a.txt"), &*article.body).unwrap();
        std::fs::write(folder.join("a.ann"), &brat).unwrap();
        let read = dateline::exchange::brat_import::read(&folder).unwrap();
        let _ = dateline::exchange::brat_import::import(&ws, &read);
        let qde = format!(
            r#"<Project name="p"><Sources><TextSource guid="11111111-2222-3333-4444-555555555555" name="s"><PlainTextContent>{}</PlainTextContent><PlainTextSelection guid="bbbbbbbb-0000-0000-0000-000000000001" name="{}" startPosition="{start}" endPosition="{}"/></TextSource></Sources></Project>"#,
            article.body.replace('&', "&amp;").replace('<', "&lt;"),
            quote.replace('<', ""),
            start.saturating_add(len)
        );
        let file = dir.path().join("p.qdpx");
        foreign_qdpx(&file, "sources", b"", &qde);
        if let Ok(project) = dateline::exchange::qdpx_import::read(&file) {
            let _ = dateline::exchange::qdpx_import::import(&ws, &project);
        }
    }
}

/// A cancelled export writes nothing: no file, no folder, no half of one; an earlier export
/// at the same place stays as it was.
#[test]
fn a_cancelled_export_writes_nothing_and_keeps_the_earlier_one() {
    use dateline::exchange::{ExchangeError, ExportProgress};
    let (dir, ws) = fixture();
    let earlier = dir.path().join("tables");
    export_to(&ws, ExportFormat::Csv, &earlier);
    let before = std::fs::read(earlier.join("annotations.csv")).unwrap();
    for format in ExportFormat::ALL {
        let progress = std::sync::Arc::new(ExportProgress::default());
        progress.cancel();
        let data = ExportData::with_progress(&ws, None, progress, None);
        let path = if format == ExportFormat::Csv {
            earlier.clone()
        } else {
            dir.path().join(format!("cancelled.{}", format.name()))
        };
        let result = export(&data, format, &path);
        assert!(
            matches!(result, Err(ExchangeError::Cancelled)),
            "{format:?}: {result:?}"
        );
        if format != ExportFormat::Csv {
            assert!(!path.exists(), "{format:?}");
        }
    }
    assert_eq!(
        std::fs::read(earlier.join("annotations.csv")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

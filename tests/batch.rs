//! Dateline as a step of a batch job (Spark's `pipe`, GNU parallel, a shell pipe): the
//! streaming filter's contract, the corpus registry's merge law, and a slice of the output
//! pulled back into a workspace. The real binary, real pipes, real files.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{dateline, stderr, stdout};

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

/// Starts the binary in `dir` with pipes for stdin, stdout and stderr.
fn spawn(args: &[&str], dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .current_dir(dir)
        .env("DATELINE_CONFIG_DIR", dir.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs the binary in `dir` with `input` on stdin.
fn piped(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    let mut child = spawn(args, dir);
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

const STORIES: [&str; 4] = [
    "Envoys meet\n\nSEOUL, May 2 (Yonhap) -- Liang Guanglie met envoys in Seoul on Monday. \
     Liang said talks would resume next week.",
    "Talks resume\n\nGENEVA, Nov. 2 (Reuters) - Talks resumed in Gen\u{e8}ve on Tuesday. \
     The ministry said on Friday that KCNA had reported the visit.",
    "Cocoa review\n\nSALVADOR, Feb 26 - Showers continued throughout the week in the Bahia \
     cocoa zone, Comissaria Smith said in its weekly review of January.",
    "Market report\n\nLONDON, March 3 - Shares in Pearson Holdings rose 3 pct after the \
     company said on Wednesday it would sell its stake in Tokyo.",
];

/// `n` input records: the stories in turn, with ids, dates and one HTML page among them.
fn records(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let story = STORIES[i % STORIES.len()];
            let mut record =
                json!({"id": format!("doc-{i}"), "text": format!("{story} Copy {i}.")});
            if i % 3 == 0 {
                record["published"] = json!(format!("2009-11-{:02}", 1 + i % 28));
            }
            if i % 7 == 0 {
                record["text"] = json!(format!(
                    "<html><head><title>Page {i}</title></head><body><h1>Page {i}</h1>\
                     <p>On Monday, Liang Guanglie arrived in Pyongyang.</p></body></html>"
                ));
                record["html"] = json!(true);
            }
            record.to_string()
        })
        .collect()
}

fn lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_line_out_for_every_line_in_in_order_with_errors_as_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = records(6);
    input.insert(2, "not json at all".into());
    input.insert(4, json!({"id": "no-text"}).to_string());
    input.insert(
        5,
        json!({"id": 77, "text": "Story\n\nIt rained.", "published": "last week"}).to_string(),
    );
    input.insert(6, json!({"text": "no id"}).to_string());
    input.insert(7, "[1, 2]".into());
    input.insert(8, json!({"id": "empty", "text": "   "}).to_string());
    let text = input.join("\n") + "\n";
    let out = piped(&["extract", "--jsonl"], dir.path(), text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let got = lines(&out);
    assert_eq!(got.len(), input.len());
    let errors: Vec<usize> = (0..got.len())
        .filter(|&i| got[i].get("error").is_some())
        .collect();
    assert_eq!(errors, [2, 4, 5, 6, 7, 8]);
    assert_eq!(got[2]["id"], Value::Null);
    assert!(
        got[2]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 3: not a JSON object")
    );
    assert_eq!(got[4]["id"], "no-text");
    assert_eq!(got[5]["id"], 77);
    assert!(got[5]["error"].as_str().unwrap().contains("ISO 8601"));
    assert!(got[8]["error"].as_str().unwrap().contains("empty"));
    assert!(
        stderr(&out).contains("6 of 12 lines were error records"),
        "{}",
        stderr(&out)
    );
    // The good records, in order, with their ids, the extractor and `extract`'s fields.
    let good: Vec<&Value> = got.iter().filter(|v| v.get("error").is_none()).collect();
    let ids: Vec<&str> = good.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-5"]);
    for v in &good {
        assert!(v["extractor"].as_str().unwrap().starts_with("dateline "));
        for field in [
            "title",
            "text",
            "timexes",
            "entities",
            "events",
            "published",
            "reference",
        ] {
            assert!(v.get(field).is_some(), "{field} in {v}");
        }
    }
    // The given date wins; the text's dateline is read; names are found.
    assert_eq!(good[0]["published"], "2009-11-01");
    assert_eq!(
        good[0]["title"], "Page 0",
        "an HTML record is read as a page"
    );
    assert_eq!(good[1]["dateline"], "GENEVA");
    assert_eq!(good[0]["reference"]["source"], "published");
    let monday = good[0]["timexes"].as_array().unwrap();
    // "arrived on Monday", told on Sunday 1 November: the Monday before.
    assert_eq!(monday[0]["value"], "2009-10-26", "{monday:?}");
    let names: Vec<&str> = good[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Liang Guanglie"), "{names:?}");
}

#[test]
fn output_is_the_same_byte_for_byte_on_every_run_and_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let text = records(300).join("\n");
    let one = piped(&["extract", "--jsonl"], dir.path(), text.as_bytes());
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(stdout(&one).lines().count(), 300);
    for threads in ["1", "2", "3"] {
        let again = piped(
            &["extract", "--jsonl", "--threads", threads],
            dir.path(),
            text.as_bytes(),
        );
        assert!(again.status.success(), "{}", stderr(&again));
        assert!(
            again.stdout == one.stdout,
            "{threads} threads changed the output"
        );
    }
    // An input file gives what stdin gives.
    std::fs::write(dir.path().join("in.jsonl"), &text).unwrap();
    let from_file = dateline(&["extract", "--jsonl", "in.jsonl"], dir.path());
    assert!(from_file.stdout == one.stdout);
}

#[test]
fn a_reference_date_resolves_undated_records_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = json!({"id": "u", "text": "Story\n\nThe minister left on Monday."}).to_string();
    let out = piped(
        &["extract", "--jsonl", "--reference-date", "2021-03-10"],
        dir.path(),
        input.as_bytes(),
    );
    let got = lines(&out);
    assert_eq!(
        got[0]["reference"],
        json!({"date": "2021-03-10", "source": "user", "confidence": 1.0})
    );
    assert_eq!(got[0]["timexes"][0]["value"], "2021-03-08");
    let without = lines(&piped(
        &["extract", "--jsonl"],
        dir.path(),
        input.as_bytes(),
    ));
    assert_eq!(without[0]["reference"], Value::Null);
    assert_eq!(without[0]["timexes"][0]["value"], "XXXX-WXX-1");
    let bad = piped(
        &["extract", "--jsonl", "--reference-date", "March"],
        dir.path(),
        b"",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--reference-date needs a date"));
}

#[test]
fn a_line_over_the_article_limit_is_an_error_record_not_held() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/limits.ron"), "(max_article_mb: 1)").unwrap();
    let long = json!({"id": "long", "text": "word ".repeat(300_000)}).to_string();
    let input = format!("{}\n{long}\n{}\n", records(1)[0], records(2)[1]);
    let out = piped(&["extract", "--jsonl"], dir.path(), input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    assert!(
        got[1]["error"]
            .as_str()
            .unwrap()
            .contains("over the article limit"),
        "{}",
        got[1]
    );
    assert_eq!(got[2]["id"], "doc-1");
}

#[test]
fn a_closed_pipe_or_an_unreadable_input_ends_the_run_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = records(3000).join("\n");
    // The reader goes away after the first line: the filter must notice and fail.
    let mut child = spawn(&["extract", "--jsonl"], dir.path());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert!(
        !status.success(),
        "a broken pipe must not look like success"
    );

    // A folder is not a readable stream.
    let folder = dir.path().join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    let out = dateline(&["extract", "--jsonl", "folder"], dir.path());
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("reading the input failed"),
        "{}",
        stderr(&out)
    );
    let missing = dateline(&["extract", "--jsonl", "missing.jsonl"], dir.path());
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("missing.jsonl could not be read"));
}

#[test]
fn paths_mode_reads_files_and_exports_one_line_per_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.txt"), STORIES[0]).unwrap();
    let export = (1..=3)
        .map(|i| json!({"id": format!("inner-{i}"), "text": STORIES[i]}).to_string())
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("many.jsonl"), export).unwrap();
    let out = piped(
        &["extract", "--jsonl", "--paths"],
        dir.path(),
        b"one.txt\nnowhere.txt\nmany.jsonl\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0]["id"], "one.txt");
    assert_eq!(got[0]["title"], "Envoys meet");
    assert_eq!(got[1]["id"], "nowhere.txt");
    assert!(
        got[1]["error"]
            .as_str()
            .unwrap()
            .contains("could not be read")
    );
    let inner = got[2]["records"].as_array().unwrap();
    assert_eq!(got[2]["id"], "many.jsonl");
    assert_eq!(inner.len(), 3);
    assert_eq!(inner[1]["id"], "many.jsonl#2");
    assert_eq!(inner[1]["title"], "Cocoa review");

    // With --out-dir the records go to a file per path and a line says where.
    let out = piped(
        &["extract", "--jsonl", "--paths", "--out-dir", "out"],
        dir.path(),
        b"one.txt\nmany.jsonl\nnowhere.txt\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = lines(&out);
    assert_eq!(said.len(), 3);
    assert_eq!(
        (said[0]["lines"].as_u64(), said[0]["errors"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        (said[1]["lines"].as_u64(), said[1]["errors"].as_u64()),
        (Some(3), Some(0))
    );
    let written =
        std::fs::read_to_string(dir.path().join(said[1]["output"].as_str().unwrap())).unwrap();
    // A .jsonl of records is filtered line for line, as on stdin.
    let direct = dateline(&["extract", "--jsonl", "many.jsonl"], dir.path());
    assert_eq!(written, stdout(&direct));
    let single =
        std::fs::read_to_string(dir.path().join(said[0]["output"].as_str().unwrap())).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(single.trim()).unwrap(),
        got[0]
    );
    // A path that cannot be read is still one file, holding its error record.
    let missing =
        std::fs::read_to_string(dir.path().join(said[2]["output"].as_str().unwrap())).unwrap();
    assert!(missing.contains("could not be read"), "{missing}");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
    let usage = dateline(&["extract", "--jsonl", "--out-dir", "out"], dir.path());
    assert_eq!(usage.status.code(), Some(2));
}

/// The registry lines `entities --merge` prints for these input lines.
fn merged(dir: &Path, input: &str) -> String {
    let out = piped(&["entities", "--merge"], dir, input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_registries_of_two_halves_merge_into_the_registry_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let text = records(40).join("\n");
    let out = piped(&["extract", "--jsonl"], dir.path(), text.as_bytes());
    let extracted: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    let whole = merged(dir.path(), &extracted.join("\n"));
    let registry: Vec<Value> = whole
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let liang = registry
        .iter()
        .find(|e| e["key"] == "PER:liang guanglie")
        .unwrap();
    assert_eq!(liang["name"], "Liang Guanglie");
    assert!(liang["aliases"]["Liang"].as_u64().unwrap() >= 1, "{liang}");
    assert!(liang["article_count"].as_u64().unwrap() >= 10, "{liang}");
    assert_eq!(liang["first_seen"], "2009-11-01");
    for cut in [1, 17, 39] {
        let first = merged(dir.path(), &extracted[..cut].join("\n"));
        let second = merged(dir.path(), &extracted[cut..].join("\n"));
        // Registries, and registries mixed with records, reduce to the same whole.
        assert_eq!(
            merged(dir.path(), &(second.clone() + &first)),
            whole,
            "cut {cut}"
        );
        let mixed = format!("{first}{}", extracted[cut..].join("\n"));
        assert_eq!(merged(dir.path(), &mixed), whole, "cut {cut}, mixed");
    }
    // From files as from stdin.
    std::fs::write(dir.path().join("a.jsonl"), extracted[..20].join("\n")).unwrap();
    std::fs::write(dir.path().join("b.jsonl"), extracted[20..].join("\n")).unwrap();
    let files = dateline(&["entities", "--merge", "a.jsonl", "b.jsonl"], dir.path());
    assert_eq!(stdout(&files), whole);
    // A line that is neither fails the run, naming it.
    let bad = piped(&["entities", "--merge"], dir.path(), b"{\"id\": \"x\"}\n");
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("stdin:1"), "{}", stderr(&bad));
}

/// Extraction output with a name and a date the engine would not find itself: what a cluster's
/// (say, a newer) extractor reported, to tell kept results from found ones.
fn output_with_foreign_results(dir: &Path) -> Vec<Value> {
    let text = records(12).join("\n");
    let out = piped(&["extract", "--jsonl"], dir, text.as_bytes());
    let mut got = lines(&out);
    for (i, record) in got.iter_mut().enumerate() {
        let body = record["text"].as_str().unwrap().to_string();
        let at = body.find("Copy").or_else(|| body.find("Liang"));
        if let Some(at) = at {
            let start = body[..at].chars().count();
            let end = start + 4;
            let words: String = body.chars().skip(start).take(4).collect();
            record["entities"]
                .as_array_mut()
                .unwrap()
                .push(json!({"start": start, "end": end, "text": words, "label": "ORG", "entity": format!("Foreign {i}")}));
            record["timexes"].as_array_mut().unwrap().push(
                json!({"start": start, "end": end, "text": words, "type": "DATE", "value": "1999-12-31", "uncertain": false, "manual": false}),
            );
        }
    }
    got
}

#[test]
fn a_slice_of_the_output_comes_back_with_what_was_found_kept() {
    let dir = tempfile::tempdir().unwrap();
    let output = output_with_foreign_results(dir.path());
    let text: String = output.iter().map(|v| v.to_string() + "\n").collect();
    std::fs::write(dir.path().join("out.jsonl"), &text).unwrap();
    let import = dateline(
        &[
            "import",
            "--from-jsonl",
            "out.jsonl",
            "--query",
            "cocoa OR Pearson",
            "-o",
            "ws.ron",
        ],
        dir.path(),
    );
    assert!(import.status.success(), "{}", stderr(&import));
    let summary = stdout(&import);
    // Cocoa: records 2, 6, 10; Pearson: 3 and 11 (7 is a web page).
    assert!(summary.contains("Kept 5 of 12 lines"), "{summary}");
    let slice = dir.path().join("ws-out-1.jsonl");
    assert_eq!(std::fs::read_to_string(&slice).unwrap().lines().count(), 5);
    // The workspace shows what the run found, not what the engine would find now.
    let extract = dateline(&["extract", "ws.ron"], dir.path());
    assert!(extract.status.success(), "{}", stderr(&extract));
    let articles = lines(&extract);
    assert_eq!(articles.len(), 5);
    for article in &articles {
        assert!(article["title"] == "Cocoa review" || article["title"] == "Market report");
        let names: Vec<&str> = article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["entity"].as_str().unwrap())
            .collect();
        assert!(names.iter().any(|n| n.starts_with("Foreign ")), "{names:?}");
        assert!(
            article["timexes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["value"] == "1999-12-31"),
            "{article}"
        );
    }
    // A rescan reads the slice again, never the whole output: nothing added, nothing changed.
    let rescan = dateline(&["rescan", "ws.ron"], dir.path());
    assert!(rescan.status.success(), "{}", stderr(&rescan));
    let info = stdout(&dateline(&["info", "ws.ron"], dir.path()));
    assert!(info.contains("Articles: 5"), "{info}");

    // A second pull by ids goes to a file of its own and adds to the workspace.
    std::fs::write(dir.path().join("ids.txt"), "doc-1\ndoc-5\nnot-there\n").unwrap();
    let by_ids = dateline(
        &[
            "import",
            "--from-jsonl",
            "out.jsonl",
            "--ids",
            "ids.txt",
            "-o",
            "ws.ron",
        ],
        dir.path(),
    );
    assert!(by_ids.status.success(), "{}", stderr(&by_ids));
    assert!(dir.path().join("ws-out-2.jsonl").exists());
    let info = stdout(&dateline(&["info", "ws.ron"], dir.path()));
    assert!(info.contains("Articles: 7"), "{info}");

    // Nothing matching is an error, not an empty workspace.
    let none = dateline(
        &[
            "import",
            "--from-jsonl",
            "out.jsonl",
            "--query",
            "zebra",
            "-o",
            "other.ron",
        ],
        dir.path(),
    );
    assert!(!none.status.success());
    assert!(stderr(&none).contains("no article of out.jsonl matches"));
    assert!(!dir.path().join("other.ron").exists());
}

#[test]
fn the_folder_spark_wrote_imports_whole_or_narrowed() {
    let dir = tempfile::tempdir().unwrap();
    let output = output_with_foreign_results(dir.path());
    let folder = dir.path().join("spark-out");
    std::fs::create_dir_all(&folder).unwrap();
    for (k, part) in output.chunks(5).enumerate() {
        let text: String = part.iter().map(|v| v.to_string() + "\n").collect();
        std::fs::write(folder.join(format!("part-{k:05}")), text).unwrap();
        std::fs::write(folder.join(format!(".part-{k:05}.crc")), "checksum").unwrap();
    }
    std::fs::write(folder.join("_SUCCESS"), "").unwrap();
    let whole = dateline(
        &["import", "--from-jsonl", "spark-out", "-o", "all.ron"],
        dir.path(),
    );
    assert!(whole.status.success(), "{}", stderr(&whole));
    assert!(
        stdout(&whole).contains("Kept 12 of 12 lines"),
        "{}",
        stdout(&whole)
    );
    assert!(dir.path().join("all-spark-out-1.jsonl").exists());
    let narrowed = dateline(
        &[
            "import",
            "--from-jsonl",
            "spark-out",
            "--query",
            "Pearson",
            "-o",
            "some.ron",
        ],
        dir.path(),
    );
    assert!(
        stdout(&narrowed).contains("Kept 2 of 12 lines"),
        "{}",
        stdout(&narrowed)
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let none = dateline(
        &["import", "--from-jsonl", "empty", "-o", "x.ron"],
        dir.path(),
    );
    assert!(
        stderr(&none).contains("holds no JSON Lines"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn the_whole_output_imports_as_a_source_with_its_bad_lines_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut text: String = output_with_foreign_results(dir.path())
        .iter()
        .map(|v| v.to_string() + "\n")
        .collect();
    text.push_str("{\"id\": \"gone\", \"error\": \"empty file\"}\nnot json\n");
    std::fs::write(dir.path().join("out.jsonl"), &text).unwrap();
    let import = dateline(
        &["import", "--from-jsonl", "out.jsonl", "-o", "ws.ron"],
        dir.path(),
    );
    assert!(import.status.success(), "{}", stderr(&import));
    let summary = stdout(&import);
    assert!(summary.contains("Imported 12 articles"), "{summary}");
    assert!(
        summary.contains("out.jsonl#13: line 13: gone: the extraction reported empty file"),
        "{summary}"
    );
    assert!(summary.contains("line 14: not a JSON object"), "{summary}");
    // Importing it again changes nothing.
    let again = dateline(&["import", "out.jsonl", "-o", "ws.ron"], dir.path());
    assert!(
        stdout(&again).contains("0 added, 0 updated, 12 unchanged"),
        "{}",
        stdout(&again)
    );
    let bad = dateline(
        &["import", "--query", "x", "out.jsonl", "-o", "ws.ron"],
        dir.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
}

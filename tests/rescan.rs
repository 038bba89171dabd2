//! "Rescan sources" as a user meets it: a folder imported and annotated, then its files edited,
//! moved, deleted and added; `dateline rescan` must re-anchor what it can, orphan what it
//! cannot, never place an annotation on other words, and save.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{dateline, folder_with, import_into, target_of};

use std::path::Path;

use dateline::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, Edit, OrphanItem,
    Workspace,
};
use dateline::store;

const SUMMIT: &str = "Leaders meet in Pyongyang\n\nPYONGYANG, Nov. 23 (Yonhap) -- Liang Guanglie met \
Kim Jong Un on Sunday.\n\nThe talks lasted three hours, officials said.\n\nNo statement was \
issued after the meeting.\n";

fn write_folder(dir: &Path) {
    folder_with(
        dir,
        "news",
        &[
            ("summit.txt", SUMMIT),
            (
                "talks.txt",
                "Talks resume\n\nGENEVA, Nov. 2 (Reuters) - Talks resumed in Geneva on Tuesday.\n",
            ),
            (
                "trade.txt",
                "Trade figures\n\nTOKYO, Nov. 3 (Kyodo) - Exports rose in October, the ministry \
                 said.\n",
            ),
        ],
    );
}

/// Annotates `words` in the article whose file is `file` with a note.
fn annotate(workspace: &mut Workspace, file: &str, words: &str) -> AnnotationId {
    let article = workspace
        .articles
        .iter()
        .find(|a| a.source.path.ends_with(file))
        .unwrap();
    let target = target_of(article, words);
    let edit = Edit::add_annotation(
        workspace,
        Annotation {
            id: AnnotationId(0),
            target,
            body: AnnotationBody::Note(format!("about {words}")),
            origin: AnnotationOrigin::Manual,
            status: AnnotationStatus::Accepted,
        },
    );
    edit.apply(workspace).unwrap();
    AnnotationId(workspace.next_annotation_id - 1)
}

fn body_words(workspace: &Workspace, file: &str, span: (usize, usize)) -> String {
    let article = workspace
        .articles
        .iter()
        .find(|a| a.source.path.ends_with(file))
        .unwrap();
    article
        .body
        .chars()
        .skip(span.0)
        .take(span.1 - span.0)
        .collect()
}

#[test]
fn rescan_reanchors_orphans_moves_and_keeps_gone_articles() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let ws_path = import_into(dir.path(), "news", "research.ron");
    let mut workspace = store::load_workspace(&ws_path).unwrap();
    assert_eq!(workspace.articles.len(), 3);
    let kim = annotate(&mut workspace, "summit.txt", "Kim Jong Un");
    let hours = annotate(&mut workspace, "summit.txt", "three hours");
    let exports = annotate(&mut workspace, "trade.txt", "Exports rose");
    let geneva = annotate(&mut workspace, "talks.txt", "Geneva");
    store::save_workspace(&ws_path, &workspace).unwrap();

    // A correction arrives: a sentence before, a sentence gone, a typo; talks.txt moves to a
    // subfolder, trade.txt is deleted and a new story appears.
    let news = dir.path().join("news");
    let corrected = SUMMIT
        .replace(
            "Liang Guanglie met",
            "Chinese Defence Minister Liang Guanglie met",
        )
        .replace("The talks lasted three hours, officials said.\n\n", "")
        .replace("No statement was issued", "No statment was issued");
    std::fs::write(news.join("summit.txt"), corrected).unwrap();
    std::fs::create_dir_all(news.join("archive")).unwrap();
    std::fs::rename(news.join("talks.txt"), news.join("archive/talks.txt")).unwrap();
    std::fs::remove_file(news.join("trade.txt")).unwrap();
    std::fs::write(
        news.join("later.txt"),
        "Later talks\n\nBEIJING, Nov. 24 (Xinhua) - Talks went on on Monday.\n",
    )
    .unwrap();

    let out = dateline(&["rescan", "research.ron", "--json"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    let line = |id: AnnotationId| {
        lines
            .iter()
            .find(|l| l["annotation"] == id.0)
            .unwrap_or_else(|| panic!("no line for {id:?}"))
    };

    let workspace = store::load_workspace(&ws_path).unwrap();
    // Moved with its words.
    let k = line(kim);
    assert_eq!(k["status"], "moved");
    assert_eq!(k["quote"], "Kim Jong Un");
    let new = (
        k["new"][0].as_u64().unwrap() as usize,
        k["new"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(body_words(&workspace, "summit.txt", new), "Kim Jong Un");
    assert!(k["article"].as_str().unwrap().ends_with("summit.txt"));
    // The sentence is gone: orphaned, not placed on other words.
    let h = line(hours);
    assert_eq!(h["status"], "orphaned");
    assert!(h["new"].is_null());
    assert_eq!(workspace.orphans.len(), 1);
    assert!(
        matches!(&workspace.orphans[0].item, OrphanItem::Annotation(a) if a.id == hours),
        "{:?}",
        workspace.orphans
    );
    // A moved file keeps its article, its id and its annotation.
    assert_eq!(line(geneva)["status"], "unchanged");
    assert!(
        workspace
            .articles
            .iter()
            .any(|a| a.source.path.ends_with("archive/talks.txt"))
    );
    // A deleted file's article stays, as last read, with a problem saying so.
    assert_eq!(line(exports)["status"], "unchanged");
    assert!(
        workspace
            .articles
            .iter()
            .any(|a| a.source.path.ends_with("trade.txt"))
    );
    assert!(
        workspace
            .problems
            .iter()
            .any(|p| p.path.ends_with("trade.txt") && p.reason.contains("gone"))
    );
    // The new story is an article.
    assert_eq!(workspace.articles.len(), 4);
    assert!(
        workspace
            .articles
            .iter()
            .any(|a| a.source.path.ends_with("later.txt"))
    );
    // Every annotation still in the workspace sits on its own words.
    for annotation in workspace.annotations.iter() {
        let article = workspace.article(annotation.target.article).unwrap();
        let words: String = article
            .body
            .chars()
            .skip(annotation.target.start)
            .take(annotation.target.end - annotation.target.start)
            .collect();
        assert_eq!(words, annotation.target.quote);
    }

    // A second rescan finds nothing and does not write the file.
    let before = std::fs::read(&ws_path).unwrap();
    let out = dateline(&["rescan", "research.ron"], dir.path());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 new, 0 changed, 0 moved"), "{text}");
    assert!(text.contains("was not written"), "{text}");
    assert_eq!(std::fs::read(&ws_path).unwrap(), before);
}

#[test]
fn reimporting_a_changed_file_reanchors_too() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let ws_path = import_into(dir.path(), "news", "research.ron");
    let mut workspace = store::load_workspace(&ws_path).unwrap();
    annotate(&mut workspace, "summit.txt", "on Sunday");
    store::save_workspace(&ws_path, &workspace).unwrap();
    std::fs::write(
        dir.path().join("news/summit.txt"),
        SUMMIT.replace("-- Liang", "-- Defence Minister Liang"),
    )
    .unwrap();
    let out = dateline(&["import", "news", "-o", "research.ron"], dir.path());
    assert!(out.status.success());
    let workspace = store::load_workspace(&ws_path).unwrap();
    let annotation = &workspace.annotations[0];
    assert_eq!(
        body_words(
            &workspace,
            "summit.txt",
            (annotation.target.start, annotation.target.end)
        ),
        "on Sunday"
    );
}

#[test]
fn rescan_refuses_what_is_not_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.ron"),
        "(format: \"other\", format_version: 1)",
    )
    .unwrap();
    let out = dateline(&["rescan", "notes.ron"], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Nothing was rescanned"), "{err}");
    let out = dateline(&["rescan"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn unreachable_sources_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let before = std::fs::read(import_into(dir.path(), "news", "research.ron")).unwrap();
    // The folder is not there (a disk not mounted, a copy without its articles).
    std::fs::rename(dir.path().join("news"), dir.path().join("elsewhere")).unwrap();
    let out = dateline(&["rescan", "research.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("none of the 3 source files"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("research.ron")).unwrap(),
        before
    );
}

#[test]
fn an_export_downloaded_again_keeps_each_article_and_its_work() {
    use dateline::cli::sample_exports::{nexis_uni_lines, sample_articles};
    let dir = tempfile::tempdir().unwrap();
    let samples = sample_articles(5, 60, 3);
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let export = news.join("download.txt");
    std::fs::write(&export, nexis_uni_lines(&samples[..3]).join("\n")).unwrap();
    let ws_path = import_into(dir.path(), "news", "research.ron");
    let mut workspace = store::load_workspace(&ws_path).unwrap();
    assert_eq!(workspace.articles.len(), 3);
    let second = workspace.articles[1].id;
    let third = workspace.articles[2].id;
    let words = |ws: &Workspace, i: usize| -> String {
        ws.articles[i]
            .body
            .split(' ')
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let quote = words(&workspace, 1);
    let note = {
        let article = &workspace.articles[1];
        let target = target_of(article, &quote);
        let edit = Edit::add_annotation(
            &workspace,
            Annotation {
                id: AnnotationId(0),
                target,
                body: AnnotationBody::Note("the second report".into()),
                origin: AnnotationOrigin::Manual,
                status: AnnotationStatus::Accepted,
            },
        );
        edit.apply(&mut workspace).unwrap();
        AnnotationId(workspace.next_annotation_id - 1)
    };
    store::save_workspace(&ws_path, &workspace).unwrap();

    // Downloaded again: a new article first, the first taken out, the third corrected, one
    // more at the end.
    let mut again = vec![
        samples[3].clone(),
        samples[1].clone(),
        samples[2].clone(),
        samples[4].clone(),
    ];
    again[2].paragraphs[0].insert_str(0, "Corrected: ");
    std::fs::write(&export, nexis_uni_lines(&again).join("\n")).unwrap();
    let out = dateline(&["rescan", "research.ron"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let workspace = store::load_workspace(&ws_path).unwrap();
    assert_eq!(workspace.articles.len(), 5, "two new, three kept");
    let by_id = |id| workspace.articles.iter().find(|a| a.id == id).unwrap();
    assert_eq!(
        by_id(second).source.item,
        Some(2),
        "the second is now second"
    );
    assert_eq!(by_id(third).source.item, Some(3));
    assert!(
        by_id(third).body.starts_with("Corrected: "),
        "the corrected text is read"
    );
    let annotation = workspace.annotations.iter().find(|a| a.id == note).unwrap();
    assert_eq!(annotation.target.article, second);
    assert_eq!(
        annotation.target.quote, quote,
        "the note stays on its words"
    );
    let left_out: Vec<_> = workspace
        .problems
        .iter()
        .filter(|p| p.reason == dateline::model::LEFT_OUT_REASON)
        .collect();
    assert_eq!(left_out.len(), 1, "{:?}", workspace.problems);
    assert!(left_out[0].path.ends_with("download.txt#1"));

    // Read once more unchanged: nothing new, nothing listed twice.
    let out = dateline(&["rescan", "research.ron"], dir.path());
    assert!(out.status.success());
    let workspace = store::load_workspace(&ws_path).unwrap();
    assert_eq!(workspace.articles.len(), 5);
    assert_eq!(
        workspace
            .problems
            .iter()
            .filter(|p| p.reason == dateline::model::LEFT_OUT_REASON)
            .count(),
        1
    );
}

/// A rescan parses only the files whose bytes changed: the unchanged ones are counted as such
/// and give no second copy of their articles, and the changed one is read and laid over its
/// article.
#[test]
fn a_rescan_reads_again_only_the_files_that_changed() {
    use dateline::ingest::{ImportProgress, IngestOptions, scan_sources};
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let ws_path = import_into(dir.path(), "news", "research.ron");
    let mut workspace = store::load_workspace(&ws_path).unwrap();
    assert_eq!(workspace.source_hashes().len(), 3);
    std::fs::write(
        dir.path().join("news/trade.txt"),
        "Trade figures\n\nTOKYO, Nov. 3 (Kyodo) - Exports fell in October, the ministry said.\n",
    )
    .unwrap();
    let scan = scan_sources(
        &workspace.rescan_paths(),
        &workspace.source_files(),
        &workspace.source_hashes(),
        IngestOptions::default(),
        &ImportProgress::default(),
        &|| {},
    );
    assert_eq!(scan.outcome.files_unchanged, 2);
    assert_eq!(scan.outcome.articles.len(), 1);
    assert!(scan.outcome.articles[0].source.path.ends_with("trade.txt"));
    assert!(scan.outcome.articles[0].body.contains("Exports fell"));

    let report =
        dateline::cli::rescan::rescan_workspace(&mut workspace, IngestOptions::default()).unwrap();
    assert_eq!((report.changed, report.unchanged), (1, 2));
    let trade = workspace
        .articles
        .iter()
        .find(|a| a.source.path.ends_with("trade.txt"))
        .unwrap();
    assert!(trade.body.contains("Exports fell"));
    assert_eq!(workspace.articles.len(), 3, "nothing added twice");
}

#[test]
fn a_removed_article_stays_removed_after_a_rescan_until_imported_again() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let ws_path = import_into(dir.path(), "news", "research.ron");
    let mut workspace = store::load_workspace(&ws_path).unwrap();
    annotate(&mut workspace, "trade.txt", "Exports rose");
    let trade = workspace
        .articles
        .iter()
        .find(|a| a.source.path.ends_with("trade.txt"))
        .unwrap()
        .id;
    Edit::remove_articles(&workspace, &[trade])
        .apply(&mut workspace)
        .unwrap();
    assert!(workspace.annotations.is_empty(), "its note went with it");
    store::save_workspace(&ws_path, &workspace).unwrap();

    let out = dateline(&["rescan", "research.ron"], dir.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    let after = store::load_workspace(&ws_path).unwrap();
    let files = |w: &Workspace| -> Vec<String> {
        let mut names: Vec<String> = w
            .articles
            .iter()
            .map(|a| a.source.path.file_name().unwrap().to_string_lossy().into())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        files(&after),
        ["summit.txt", "talks.txt"],
        "not brought back"
    );

    // Importing the file again is asking for it: it comes back and is no longer "removed".
    let file = dir.path().join("news/trade.txt");
    let out = dateline(
        &["import", file.to_str().unwrap(), "-o", "research.ron"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let again = store::load_workspace(&ws_path).unwrap();
    assert_eq!(files(&again), ["summit.txt", "talks.txt", "trade.txt"]);
    assert!(again.removed_sources.is_empty());
}

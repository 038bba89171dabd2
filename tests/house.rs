//! The house rules that the compiler does not check: panels never import the app, and the
//! core modules know nothing of the window.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

/// Every `.rs` file under `dir` (or the file itself), with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    if root.is_file() {
        let text = std::fs::read_to_string(&root).unwrap();
        return vec![(root.display().to_string(), text)];
    }
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

#[test]
fn panels_never_import_the_app() {
    for (path, text) in sources("ui") {
        assert!(
            !text.contains("crate::app") && !text.contains("super::super::app"),
            "{path} imports the app: panels send `crate::command::Command`s instead"
        );
    }
    for (path, text) in sources("command.rs") {
        assert!(
            !text.contains("crate::app") && !text.contains("crate::ui"),
            "{path}"
        );
    }
}

#[test]
fn core_modules_know_nothing_of_the_window() {
    for dir in [
        "model", "extract", "ingest", "store", "search", "exchange", "timeline", "families",
    ] {
        for (path, text) in sources(dir) {
            for window in [
                "egui::",
                "eframe::",
                "crate::app",
                "crate::ui",
                "crate::command",
            ] {
                assert!(!text.contains(window), "{path} uses {window}");
            }
        }
    }
}

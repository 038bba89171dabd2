//! Any text as a workspace file: it loads or is refused with an error; what loads saves
//! again, re-anchors when an article changes and places its orphans. Nothing may panic.
#![no_main]

#[path = "../checks/workspace.rs"]
mod workspace_checks;

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let path = Path::new("/fuzz/research.ron");
        if let Ok(workspace) = dateline::store::load_workspace_text(text, path, Path::new("/fuzz"))
        {
            // What loads must save again.
            let _ = dateline::store::workspace_to_ron(&workspace, Path::new("/fuzz"), path);
            // Its anchors must survive its first article changing, and its orphans placing.
            workspace_checks::rebase_and_place(workspace);
        }
    }
});

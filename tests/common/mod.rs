//! Helpers shared by the tests: running the `dateline` binary, finding words in an article,
//! and (with the window) building a window, waiting for background work, pressing the pointer.
// Each test file uses some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline::model::{Article, TextTarget};

/// Runs the real binary in `dir`, with its own config folder there.
pub fn dateline(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .current_dir(dir)
        .env("DATELINE_CONFIG_DIR", dir.join("config"))
        .output()
        .unwrap()
}

/// What the command printed.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the command complained of.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Imports `folder` (in `dir`) into the workspace file `name` there with the real binary, which
/// must succeed; the workspace's path.
pub fn import_into(dir: &Path, folder: &str, name: &str) -> PathBuf {
    let out = dateline(&["import", folder, "-o", name], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join(name)
}

/// The target of the first occurrence of `words` in the article's body.
pub fn target_of(article: &Article, words: &str) -> TextTarget {
    let at = article.body.find(words).unwrap();
    let start = article.body[..at].chars().count();
    TextTarget::new(
        article.id,
        &article.body,
        start,
        start + words.chars().count(),
    )
    .unwrap()
}

/// A folder "news" in `dir` with one short dated wire story (visit.txt), for tests that need
/// an article and not what it says.
pub fn news_folder(dir: &Path) -> PathBuf {
    folder_with(
        dir,
        "news",
        &[(
            "visit.txt",
            "Envoys meet\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday.\n",
        )],
    )
}

/// A folder `name` in `dir` holding these files.
pub fn folder_with(dir: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    for (file, text) in files {
        std::fs::write(folder.join(file), text).unwrap();
    }
    folder
}

#[cfg(feature = "gui")]
#[allow(unused_imports)]
pub use window::*;

#[cfg(feature = "gui")]
mod window {
    use std::time::{Duration, Instant};

    use dateline::app::{AppOptions, Command, DatelineApp};
    use egui_kittest::Harness;

    /// A 1200 × 800 window on `app`; `frame` seconds between frames (kittest's default is a
    /// quarter second; double clicks and drags want 1/60).
    pub fn window_on(app: DatelineApp, frame: Option<f32>) -> Harness<'static, DatelineApp> {
        let mut builder = Harness::builder().with_size(egui::vec2(1200.0, 800.0));
        if let Some(dt) = frame {
            builder = builder.with_step_dt(dt);
        }
        builder.build_ui_state(|ui, app: &mut DatelineApp| app.show(ui), app)
    }

    /// A fresh window with default options.
    pub fn window(frame: Option<f32>) -> Harness<'static, DatelineApp> {
        window_on(DatelineApp::new(AppOptions::default()), frame)
    }

    /// A fresh window that has imported `folder`.
    pub fn window_with_import(
        folder: &std::path::Path,
        frame: Option<f32>,
    ) -> Harness<'static, DatelineApp> {
        let mut harness = window(frame);
        harness
            .state_mut()
            .send(Command::Import(vec![folder.to_path_buf()]));
        settle(&mut harness);
        harness
    }

    /// Steps frames until background work is done (bounded, so a hang fails instead of blocking).
    pub fn settle(harness: &mut Harness<'static, DatelineApp>) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            harness.step();
            if !harness.state().is_busy() {
                break;
            }
            assert!(Instant::now() < deadline, "background work did not finish");
            std::thread::sleep(Duration::from_millis(5));
        }
        harness.run_steps(3);
    }

    /// Presses or releases the primary button at `pos`, the pointer staying there.
    pub fn press(harness: &Harness<'static, DatelineApp>, pos: egui::Pos2, pressed: bool) {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

//! Never losing work: while there are unsaved changes the workspace is written to a recovery
//! file every 30 seconds and when the window loses focus; after a crash, opening the
//! workspace (or starting, for an untitled one) offers to restore it.

use std::path::{Path, PathBuf};

use super::DatelineApp;
use crate::command::Command;
use crate::jobs::{BackgroundTask, TaskPoll};
use crate::store::{self, RecoverySummary};

/// Seconds between recovery writes while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Autosave state.
#[derive(Default)]
pub(super) struct Autosave {
    /// The write in flight and the revision it holds.
    pub task: Option<(BackgroundTask<Result<(), store::StoreError>>, u64)>,
    /// The revision last written to the recovery file.
    pub written: Option<u64>,
    /// When (egui's clock) the last write started; `None` until the first change.
    pub last: Option<f64>,
    /// A recovery file waiting for the user's answer, and the workspace file it belongs to.
    pub offer: Option<(RecoverySummary, Option<PathBuf>)>,
    /// The backups listed for (workspace file, saved revision).
    pub backups: BackupList,
}

/// Backups as the File menu lists them, for the file and saved revision they were read for.
pub(super) type BackupList = ((Option<PathBuf>, u64), Vec<(PathBuf, String)>);

impl DatelineApp {
    /// The recovery file for the workspace on screen: beside its file, or in Dateline's folder
    /// when it was never saved (none when there is no such folder).
    pub(super) fn recovery_file(&self) -> Option<PathBuf> {
        match &self.document.path {
            Some(path) => Some(store::recovery_path(path)),
            None => self
                .config_dir
                .as_deref()
                .map(store::untitled_recovery_path),
        }
    }

    /// Writes the recovery file when it is due, and collects finished writes.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if let Some((task, revision)) = &self.autosave.task {
            match task.poll() {
                TaskPoll::Pending => return,
                TaskPoll::Done(Ok(())) => self.autosave.written = Some(*revision),
                TaskPoll::Done(Err(e)) => {
                    self.message = Some(format!("Could not write the recovery file: {e}"));
                }
                TaskPoll::Lost => {}
            }
            self.autosave.task = None;
        }
        if !self.document.is_unsaved()
            || self.autosave.written == Some(self.document.revision)
            || self.import.is_some()
        {
            return;
        }
        let (now, focus_lost) = ctx.input(|i| {
            let lost = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(false)));
            (i.time, lost)
        });
        let last = *self.autosave.last.get_or_insert(now);
        if now - last < AUTOSAVE_SECONDS && !focus_lost {
            // Wake up when it is due, even if nothing else happens.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                (AUTOSAVE_SECONDS - (now - last)).max(0.1),
            ));
            return;
        }
        let Some(recovery) = self.recovery_file() else {
            return;
        };
        let base = store::recovery_base(self.document.path.as_deref());
        let snapshot = self.workspace.clone();
        let revision = self.document.revision;
        self.autosave.last = Some(now);
        if let Ok(task) = BackgroundTask::start(
            "autosave",
            "Writing the recovery file…".into(),
            self.wake.clone(),
            move || store::write_recovery(&recovery, &base, &snapshot),
        ) {
            self.autosave.task = Some((task, revision));
        }
    }

    /// Removes the recovery file of the workspace on screen (saved, or discarded on purpose).
    pub(super) fn drop_recovery(&mut self) {
        if let Some(file) = self.recovery_file() {
            store::remove_recovery(&file);
        }
        self.autosave.written = None;
        self.autosave.last = None;
    }

    /// Looks for a recovery file for `workspace` (or the untitled one) and offers it.
    pub(super) fn check_recovery(&mut self, workspace: Option<&Path>) {
        let recovery = match workspace {
            Some(path) => store::recovery_path(path),
            None => match self.config_dir.as_deref() {
                Some(dir) => store::untitled_recovery_path(dir),
                None => return,
            },
        };
        if let Some(summary) =
            store::pending_recovery(&recovery, workspace, self.limits.max_workspace_bytes)
        {
            self.autosave.offer = Some((summary, workspace.map(Path::to_path_buf)));
        }
    }

    /// File › Recover unsaved work…: the recovery file of the workspace on screen, else of an
    /// untitled workspace, offered back; a message when there is none.
    pub(super) fn recover_unsaved_work(&mut self) {
        let path = self.document.path.clone();
        if let Some(path) = path.as_deref() {
            self.check_recovery(Some(path));
        }
        if self.autosave.offer.is_none() {
            self.check_recovery(None);
        }
        if self.autosave.offer.is_none() {
            self.message =
                Some("No unsaved work to recover: every change was saved or discarded".into());
        }
    }

    /// Starts the window on what it was asked to open: `paths` from the command line, else the
    /// bundled `sample` folder. An untitled workspace's unsaved work is offered back only when
    /// there is nothing else to open; a workspace opened by path offers its own when it loads.
    pub fn start(&mut self, paths: Vec<PathBuf>, sample: Option<PathBuf>) {
        if !paths.is_empty() {
            self.send(Command::OpenPaths(paths));
            return;
        }
        self.check_recovery(None);
        match sample {
            Some(folder) => self.open_sample(folder),
            None => {
                self.message =
                    Some("Open a folder of articles to begin (File › Open folder…)".into())
            }
        }
    }

    /// The recovery file waiting for an answer.
    pub fn recovery_offer(&self) -> Option<&RecoverySummary> {
        self.autosave.offer.as_ref().map(|(s, _)| s)
    }

    /// Restores the offered recovery file: its workspace replaces the one on screen, with
    /// unsaved changes against the workspace file.
    pub(super) fn restore_recovery(&mut self) {
        let Some((summary, workspace)) = self.autosave.offer.take() else {
            return;
        };
        let base = store::recovery_base(workspace.as_deref());
        match store::load_recovery(&summary.path, &base, self.limits.max_workspace_bytes) {
            Ok(restored) => {
                self.replace_workspace(restored, workspace);
                // Not what the file holds: the restored work still has to be saved.
                self.document.saved_revision = u64::MAX;
                self.message = Some("Restored the unsaved work; save to keep it".into());
                self.start_rescan(true);
            }
            Err(e) => {
                self.alert = Some(super::Alert {
                    title: "Could not restore the unsaved work".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    /// Deletes the offered recovery file.
    pub(super) fn discard_recovery(&mut self) {
        if let Some((summary, _)) = self.autosave.offer.take() {
            store::remove_recovery(&summary.path);
            self.message = Some("Discarded the unsaved work".into());
            if self.document.path.is_some() {
                self.start_rescan(true);
            }
        }
    }

    /// The backups of the workspace file on screen, newest first, with when each was saved;
    /// looked up again only after a save or when the file changes.
    pub fn backups(&mut self) -> Vec<(PathBuf, String)> {
        let key = (self.document.path.clone(), self.document.saved_revision);
        if self.autosave.backups.0 == key {
            return self.autosave.backups.1.clone();
        }
        let list = self.list_backups();
        self.autosave.backups = (key, list.clone());
        list
    }

    fn list_backups(&self) -> Vec<(PathBuf, String)> {
        let Some(path) = &self.document.path else {
            return Vec::new();
        };
        store::backups(path)
            .into_iter()
            .map(|(p, time)| {
                let when = time
                    .map(chrono::DateTime::<chrono::Local>::from)
                    .map_or_else(
                        || "unknown time".into(),
                        |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
                    );
                (p, when)
            })
            .collect()
    }

    /// Opens a backup in place of the workspace: same file, unsaved until saved.
    pub(super) fn open_backup(&mut self, backup: PathBuf) {
        let Some(path) = self.document.path.clone() else {
            return;
        };
        match store::load_workspace_limited(&backup, self.limits.max_workspace_bytes) {
            Ok(workspace) => {
                self.replace_workspace(workspace, Some(path));
                self.document.saved_revision = u64::MAX;
                self.message = Some(format!(
                    "Opened the backup {}; save to make it the workspace again",
                    backup.display()
                ));
            }
            Err(e) => {
                self.alert = Some(super::Alert {
                    title: "Could not open the backup".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    /// The question about a recovery file.
    pub(super) fn recovery_modal(&mut self, ctx: &egui::Context) {
        let Some((summary, workspace)) = &self.autosave.offer else {
            return;
        };
        let name = workspace.as_deref().and_then(Path::file_name).map_or_else(
            || "an untitled workspace".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let when = summary
            .written
            .map(chrono::DateTime::<chrono::Local>::from)
            .map_or_else(
                || "an unknown time".into(),
                |t| t.format("%Y-%m-%d %H:%M").to_string(),
            );
        let contents = summary.contents();
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("recovery_offer")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Restore unsaved work?");
            ui.add_space(6.0);
            ui.label(format!(
                "Dateline closed before {name} was saved. A recovery copy from {when} holds \
                 {contents}."
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.restore_recovery(),
            Some(false) => self.discard_recovery(),
            None => {}
        }
    }
}

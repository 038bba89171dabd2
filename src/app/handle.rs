//! Applying commands and collecting the results of background work. This is the only place
//! that changes the workspace or starts IO.

use std::path::{Path, PathBuf};

use super::dialogs::{DialogKind, DialogReply};
use super::{Alert, Command, DatelineApp, Document, LoadInFlight, SaveInFlight};
use crate::ingest::ImportOutcome;
use crate::jobs::{BackgroundTask, ImportJob, TaskPoll};
use crate::model::{Edit, EntityDecision, Workspace};
use crate::store;

impl DatelineApp {
    /// Applies one command now.
    pub fn handle(&mut self, command: Command) {
        tracing::debug!(?command, "command");
        match command {
            Command::NewWorkspace => {
                if self.guard_unsaved(&command) {
                    self.replace_workspace(Workspace::default(), None);
                    self.message = Some("New workspace".into());
                }
            }
            Command::OpenWorkspaceDialog => self.show_dialog(DialogKind::OpenWorkspace),
            Command::OpenFolderDialog => self.show_dialog(DialogKind::OpenFolder),
            Command::AddFilesDialog => self.show_dialog(DialogKind::AddFiles),
            Command::SaveAsDialog => self.show_dialog(DialogKind::SaveAs),
            Command::Save => match self.document.path.clone() {
                Some(path) => self.start_save(path),
                None => self.show_dialog(DialogKind::SaveAs),
            },
            Command::SaveTo(path) => self.start_save(path),
            Command::OpenPaths(ref paths) => {
                let (workspaces, sources): (Vec<PathBuf>, Vec<PathBuf>) = paths
                    .iter()
                    .cloned()
                    .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
                match workspaces.first() {
                    // Opening a workspace replaces the one on screen: ask about unsaved work.
                    Some(first) if self.guard_unsaved(&command) => {
                        if workspaces.len() > 1 {
                            self.message = Some(format!(
                                "Opened only the first workspace, {}",
                                first.display()
                            ));
                        }
                        self.start_load(first.clone(), sources);
                    }
                    Some(_) => {}
                    None => self.start_import(sources),
                }
            }
            Command::OpenWorkspace(ref path) => {
                if self.guard_unsaved(&command) {
                    self.start_load(path.clone(), Vec::new());
                }
            }
            Command::OpenBackup(ref backup) => {
                if self.guard_unsaved(&command) {
                    self.open_backup(backup.clone());
                }
            }
            Command::RecoverUnsavedWork => self.recover_unsaved_work(),
            Command::OpenPalette => self.palette.open(),
            Command::ShowShortcuts => self.shortcuts_open = true,
            Command::ShowSettings => self.settings_open = true,
            Command::SetReaderFontSize(size) => {
                let mut settings = self.settings().clone();
                settings.reader_font_size = size;
                self.apply_settings(settings);
            }
            Command::Import(paths) => self.start_import(paths),
            Command::RescanSources => self.start_rescan(false),
            Command::PlaceOrphan(..) | Command::DeleteOrphan(_) => {
                self.handle_orphan_command(command)
            }
            Command::StopExtraction => self.stop_extraction(),
            Command::ResumeExtraction => self.resume_extraction(),
            Command::CancelImport => {
                if let Some(job) = &self.import {
                    job.cancel();
                }
            }
            Command::SelectArticle(id) => {
                let id = id.filter(|id| self.workspace.article(*id).is_some());
                if id != self.selection {
                    self.selected_timex = None;
                    self.selected_suggestion = None;
                    self.selected_annotation = None;
                }
                self.selection = id;
            }
            Command::SelectTimex(span) => self.selected_timex = span,
            Command::CorrectTimex(correction) => {
                let mut corrections = self.workspace.timex_corrections.clone();
                corrections.retain(|c| {
                    c.article != correction.article
                        || c.end <= correction.start
                        || c.start >= correction.end
                });
                let message = format!(
                    "\u{201c}{}\u{201d} is now {} (your value)",
                    correction.text,
                    correction.value.to_timex()
                );
                corrections.push(correction);
                if self.apply_edit(Edit::SetCorrections(corrections)) {
                    self.message = Some(message);
                }
            }
            Command::RevertTimex(article, start, end) => {
                let mut corrections = self.workspace.timex_corrections.clone();
                corrections.retain(|c| !(c.article == article && c.start == start && c.end == end));
                self.apply_edit(Edit::SetCorrections(corrections));
            }
            Command::SelectEntity(key, adding) => {
                match (key, adding) {
                    (None, _) => self.selected_entities.clear(),
                    (Some(key), true) => {
                        if let Some(at) = self.selected_entities.iter().position(|k| *k == key) {
                            self.selected_entities.remove(at);
                        } else {
                            self.selected_entities.push(key);
                        }
                    }
                    (Some(key), false) => self.selected_entities = vec![key],
                }
                self.library.restrict_to(self.entity_articles());
                self.mark_selected_names();
            }
            Command::MergeEntities(keys) => {
                if let Some((into, rest)) = keys.split_first() {
                    let edits = rest
                        .iter()
                        .map(|from| {
                            Edit::PushEntityDecision(EntityDecision::Merge {
                                from: from.clone(),
                                into: into.clone(),
                            })
                        })
                        .collect();
                    if self.apply_edit(Edit::Batch(edits)) {
                        self.selected_entities = vec![into.clone()];
                        self.message = Some(format!("Merged {} entities", keys.len()));
                    }
                }
            }
            Command::RenameEntity(key, name) => {
                self.apply_edit(Edit::PushEntityDecision(EntityDecision::Rename {
                    key,
                    name,
                }));
            }
            Command::RetypeEntity(key, label) => {
                self.apply_edit(Edit::PushEntityDecision(EntityDecision::Retype {
                    key,
                    label,
                }));
            }
            Command::SplitEntity(key, alias) => {
                self.apply_edit(Edit::PushEntityDecision(EntityDecision::Split {
                    key,
                    alias,
                }));
            }
            Command::HideEntity(key, hidden) => {
                self.apply_edit(Edit::PushEntityDecision(EntityDecision::Hide {
                    key,
                    hidden,
                }));
            }
            Command::SetHeadline(id, headline) => {
                self.apply_edit(Edit::SetHeadline(id, headline));
            }
            Command::SetReferenceDate(id, date) => {
                if self.workspace.article(id).is_some()
                    && self.apply_edit(Edit::SetReferenceDate(id, date))
                {
                    self.selected_timex = None;
                }
            }
            Command::SelectNext | Command::SelectPrevious => {
                let step = if command == Command::SelectNext {
                    1
                } else {
                    -1
                };
                self.refresh_library();
                if let Some(id) = self
                    .library
                    .neighbour(&self.workspace, self.selection, step)
                {
                    self.selection = Some(id);
                }
            }
            Command::FocusSearch
            | Command::RunSearch(_)
            | Command::OpenHit(_)
            | Command::ShowOnlyResults(_)
            | Command::PreviewCoding(..)
            | Command::PreviewCodingAsEntity(..)
            | Command::ConfirmCoding
            | Command::CancelCoding
            | Command::SaveSearch(..)
            | Command::DeleteSavedSearch(_)
            | Command::OpenFind
            | Command::FindStep(_)
            | Command::CloseFind => self.handle_search_command(command),
            Command::ExportDialog(..) | Command::ExportTo(..) | Command::CancelExport => {
                self.handle_export_command(command)
            }
            Command::ToggleOriginal => self.reader.show_original = !self.reader.show_original,
            Command::SetCountOnce(once) => {
                self.settings.count_once = once;
                self.set_count_once(once);
            }
            Command::OpenVersions(id) => self.open_versions(id),
            Command::CompareVersions(left, right) => {
                if let Some(view) = &mut self.families.versions
                    && left != right
                    && left.max(right) < view.members.len()
                {
                    view.left = left;
                    view.right = right;
                }
            }
            Command::CloseVersions => self.families.versions = None,
            Command::DecideFamily(decision) => self.decide_family(decision),
            Command::RemoveArticles(ids) => self.remove_articles(&ids),
            Command::RemoveSelectedArticle => match self.selection {
                Some(id) => self.remove_articles(&[id]),
                None => self.message = Some("Select an article to remove".into()),
            },
            Command::CopyAnnotations { from, to } => self.copy_annotations_between(from, &to),
            Command::ToggleNames => self.reader.hide_names = !self.reader.hide_names,
            Command::SelectEvent(_)
            | Command::OpenEvidence(_)
            | Command::UpdateEvent(..)
            | Command::CreateEvent(_)
            | Command::DeleteEvent(_)
            | Command::MergeEvents(_)
            | Command::Undo
            | Command::Redo
            | Command::ExportTimelineDialog(_)
            | Command::ExportTimelineTo(..) => self.handle_event_command(command),
            Command::Annotate(..)
            | Command::EventFromText(_)
            | Command::SelectAnnotation(_)
            | Command::UpdateAnnotation(_)
            | Command::DeleteAnnotation(_)
            | Command::Decide(..)
            | Command::DecideAll(..)
            | Command::SelectSuggestion(_)
            | Command::CreateTag(..)
            | Command::UpdateTag(_)
            | Command::MergeTags(..)
            | Command::DeleteTag(_) => self.handle_annotation_command(command),
            Command::Quit => {
                if self.guard_unsaved(&command) {
                    self.allow_close = true;
                    if let Some(ctx) = &self.context {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
        }
    }

    /// Records that the user changed the workspace by an edit that changed `scope` of what
    /// views derive from: those views recompute, the title shows "•".
    pub(super) fn changed_in(&mut self, scope: crate::model::EditScope) {
        self.document.revision = self.history.revision();
        self.content_version += 1;
        self.derived.bump(scope);
        if scope.article_list {
            self.article_list_changed();
        }
    }

    /// True when `command` may go ahead; otherwise asks "save changes?" and keeps it waiting.
    fn guard_unsaved(&mut self, command: &Command) -> bool {
        if !self.document.is_unsaved() || std::mem::take(&mut self.discard_confirmed) {
            return true;
        }
        self.unsaved_prompt = Some(command.clone());
        false
    }

    pub(super) fn show_dialog(&mut self, kind: DialogKind) {
        let start_in = self
            .document
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        if let Err(message) = self.dialogs.show(kind, start_in, self.wake.clone()) {
            self.alert = Some(Alert {
                title: "No file dialog".into(),
                message,
            });
        }
    }

    fn start_import(&mut self, paths: Vec<PathBuf>) {
        // Annotation files (W3C, brat, REFI-QDA) go onto the articles once these are in.
        let (annotations, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| crate::exchange::is_annotation_input(p));
        self.pending_annotations.extend(annotations);
        if paths.is_empty() {
            if self.import.is_none() {
                self.import_annotation_files();
            }
            return;
        }
        if self.import.is_some() {
            self.alert = Some(Alert {
                title: "An import is running".into(),
                message: "Wait for it to finish or cancel it, then import again.".into(),
            });
            return;
        }
        match ImportJob::start(paths, self.ingest_options(), self.wake.clone()) {
            Ok(job) => self.import = Some(job),
            Err(e) => {
                self.alert = Some(Alert {
                    title: "Could not start the import".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    fn start_load(&mut self, path: PathBuf, then_import: Vec<PathBuf>) {
        if self.load.is_some() {
            return;
        }
        let worker_path = path.clone();
        let limit = self.limits.max_workspace_bytes;
        let label = format!("Opening {}…", path.display());
        match BackgroundTask::start("open", label, self.wake.clone(), move || {
            store::load_workspace_limited(&worker_path, limit)
        }) {
            Ok(task) => {
                self.load = Some(LoadInFlight {
                    task,
                    path,
                    then_import,
                })
            }
            Err(e) => {
                self.alert = Some(Alert {
                    title: "Could not open the workspace".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    fn start_save(&mut self, path: PathBuf) {
        if self.save.is_some() {
            self.message = Some("A save is already running".into());
            return;
        }
        // The copy is what gets written; the window goes on editing the original meanwhile.
        let snapshot = self.workspace.clone();
        let worker_path = path.clone();
        let label = format!("Saving {}…", path.display());
        match BackgroundTask::start("save", label, self.wake.clone(), move || {
            store::save_workspace(&worker_path, &snapshot)
        }) {
            Ok(task) => {
                self.save = Some(SaveInFlight {
                    task,
                    path,
                    revision: self.document.revision,
                })
            }
            Err(e) => {
                self.alert = Some(Alert {
                    title: "Could not save".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    pub(super) fn replace_workspace(&mut self, workspace: Workspace, path: Option<PathBuf>) {
        self.workspace = workspace;
        self.history.clear();
        self.document = Document {
            path,
            revision: self.history.revision(),
            saved_revision: self.history.revision(),
        };
        self.content_version += 1;
        self.derived.bump(crate::model::EditScope::ALL);
        self.articles_version += 1;
        self.events.inputs += 1;
        self.events.selected = None;
        self.events.focus = None;
        self.events.view = crate::ui::timeline::TimelineView::default();
        self.selected_entities.clear();
        self.forget_search_index();
        self.library.restrict_to(None);
        self.refresh_library();
        self.selection = self.library.neighbour(&self.workspace, None, 1);
    }

    fn remember_recent(&mut self, path: &Path) {
        self.recent.touch(path);
        if let Some(file) = &self.recent_file
            && let Err(e) = self.recent.save(file)
        {
            self.message = Some(format!("Could not remember recent workspaces: {e}"));
        }
    }

    /// Collects finished background work. Called at the start of every frame.
    pub(super) fn poll_background(&mut self) {
        match self.dialogs.poll() {
            Some(DialogReply::Answer(answer)) => {
                match &answer {
                    Some(command) => self.dialogs.remember(command),
                    // A cancelled "Save as…" also cancels what was waiting for the save.
                    None => self.after_save = None,
                }
                self.queue.extend(answer);
            }
            Some(DialogReply::Unavailable(kind, start_in)) => {
                self.open_file_browser(kind, start_in)
            }
            None => {}
        }
        if let Some(scan) = self.import.as_mut().and_then(|job| job.try_finish())
            && let Some(job) = self.import.take()
        {
            if job.rescan {
                self.finish_rescan(scan);
            } else {
                self.finish_import(scan.outcome);
            }
        }
        let lost_load = |path: &Path| store::StoreError::Io {
            path: path.to_path_buf(),
            action: "reading",
            message: "the reader stopped unexpectedly".into(),
        };
        if let Some(result) = self
            .load
            .as_ref()
            .and_then(|l| finished(&l.task, || lost_load(&l.path)))
            && let Some(load) = self.load.take()
        {
            self.finish_load(load, result);
        }
        let lost_save = |path: &Path| store::StoreError::Io {
            path: path.to_path_buf(),
            action: "writing",
            message: "the writer stopped unexpectedly; the previous file is intact".into(),
        };
        if let Some(result) = self
            .save
            .as_ref()
            .and_then(|s| finished(&s.task, || lost_save(&s.path)))
            && let Some(save) = self.save.take()
        {
            self.finish_save(save, result);
        }
    }

    fn finish_import(&mut self, outcome: ImportOutcome) {
        let skipped = outcome.problems.len();
        let summary = outcome.files_summary(outcome.articles.len());
        let merge = self
            .workspace
            .merge_import(outcome.articles, outcome.problems);
        if !self.import_is_sample {
            self.workspace.remember_sources(&outcome.roots);
        }
        if merge.added + merge.updated > 0 || skipped > 0 {
            self.sources_changed(merge.updated > 0, merge.rebased.orphaned() > 0);
        }
        if std::mem::take(&mut self.import_is_sample) {
            self.document.saved_revision = self.document.revision;
        }
        let mut message = format!(
            "{}mported {summary} in {:.1} s",
            if outcome.cancelled {
                "Cancelled: i"
            } else {
                "I"
            },
            outcome.elapsed.as_secs_f64()
        );
        if merge.unchanged > 0 {
            message.push_str(&format!(" ({} already in the workspace)", merge.unchanged));
        }
        if skipped > 0 {
            message.push_str(&format!("; {skipped} skipped, see Problems"));
        }
        if merge.rebased.orphaned() > 0 {
            message.push_str(&format!(
                "; {} items lost their words in changed files, see Orphans",
                merge.rebased.orphaned()
            ));
        }
        self.message = Some(message);
        if self.selection.is_none() {
            self.refresh_library();
            self.selection = self.library.neighbour(&self.workspace, None, 1);
        }
        self.import_annotation_files();
    }

    fn finish_load(&mut self, load: LoadInFlight, result: Result<Workspace, store::StoreError>) {
        match result {
            Ok(workspace) => {
                let count = workspace.articles.len();
                self.replace_workspace(workspace, Some(load.path.clone()));
                self.remember_recent(&load.path);
                self.check_recovery(Some(&load.path));
                self.message = Some(format!("Opened {} ({count} articles)", load.path.display()));
                if load.then_import.is_empty() {
                    if self.autosave.offer.is_none() {
                        // The sources may have changed since the last save.
                        self.start_rescan(true);
                    }
                } else {
                    self.start_import(load.then_import);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not open the workspace");
                self.alert = Some(Alert {
                    title: "Could not open the workspace".into(),
                    message: e.to_string(),
                });
            }
        }
    }

    fn finish_save(&mut self, save: SaveInFlight, result: Result<(), store::StoreError>) {
        match result {
            Ok(()) => {
                // The recovery copy of the untitled (or renamed) workspace is no longer needed.
                self.drop_recovery();
                self.document.saved_revision = save.revision;
                self.document.path = Some(save.path.clone());
                self.drop_recovery();
                self.remember_recent(&save.path);
                self.message = Some(format!("Saved {}", save.path.display()));
                tracing::info!(path = %save.path.display(), "saved");
                if let Some(next) = self.after_save.take() {
                    self.queue.push(next);
                }
            }
            Err(e) => {
                tracing::error!(path = %save.path.display(), error = %e, "could not save");
                self.after_save = None;
                self.alert = Some(Alert {
                    title: "Could not save".into(),
                    message: format!("{e}\nThe previous file was not changed."),
                });
            }
        }
    }
}

/// The result of a finished task; a task whose worker died yields the error `lost` makes.
fn finished<T>(
    task: &BackgroundTask<Result<T, store::StoreError>>,
    lost: impl FnOnce() -> store::StoreError,
) -> Option<Result<T, store::StoreError>> {
    match task.poll() {
        TaskPoll::Pending => None,
        TaskPoll::Done(result) => Some(result),
        TaskPoll::Lost => Some(Err(lost())),
    }
}

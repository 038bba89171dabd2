//! Exports from the window: File › Export (every article) and the Search tab's "Export these
//! articles" (the search's), a file dialog off the UI thread, then the export on a background
//! task; the status line says what was written and what the format could not carry.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Alert, Command, DatelineApp};
use crate::exchange::{ExportData, ExportFormat, ExportReport};
use crate::jobs::{BackgroundTask, TaskPoll};
use crate::model::ArticleId;

/// An export running in the background.
pub(super) struct ExportInFlight {
    task: BackgroundTask<Result<ExportReport, String>>,
    path: PathBuf,
    format: ExportFormat,
    progress: std::sync::Arc<crate::exchange::ExportProgress>,
}

/// The name offered for an export of `format`.
pub fn export_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "dateline-tables",
        ExportFormat::W3c => "annotations.jsonld",
        ExportFormat::Ics => "events.ics",
        ExportFormat::TimelineJs => "timeline.json",
        ExportFormat::Timeml => "dateline-timeml",
        ExportFormat::Brat => "dateline-brat",
        ExportFormat::BratInception => "dateline-inception",
        ExportFormat::Qdpx => "dateline.qdpx",
    }
}

impl DatelineApp {
    /// Handles the export commands.
    pub(super) fn handle_export_command(&mut self, command: Command) {
        match command {
            Command::ExportDialog(format, results) => {
                self.show_dialog(super::dialogs::DialogKind::Export(format, results))
            }
            Command::ExportTo(path, format, results) => self.start_export(path, format, results),
            Command::CancelExport => {
                if let Some(export) = &self.export {
                    export.progress.cancel();
                }
            }
            _ => {}
        }
    }

    fn start_export(&mut self, path: PathBuf, format: ExportFormat, results: bool) {
        if self.export.is_some() {
            self.message = Some("An export is already running; try again when it is done".into());
            return;
        }
        let only: Option<HashSet<ArticleId>> = if results {
            match &self.search.outcome {
                Some(outcome) => Some(outcome.result.article_ids().into_iter().collect()),
                None => {
                    self.message = Some("Search first: there are no results to export".into());
                    return;
                }
            }
        } else {
            None
        };
        let workspace = self.workspace.clone();
        // The names the window found already, when they are of these articles.
        let names = (self.mentions.0 == self.articles_version)
            .then(|| Arc::clone(&self.mentions.1.records));
        let target = path.clone();
        let label = format!("Exporting {} to {}", format.name(), path.display());
        let progress = std::sync::Arc::new(crate::exchange::ExportProgress::default());
        let worker = std::sync::Arc::clone(&progress);
        match BackgroundTask::start("export", label, self.wake.clone(), move || {
            let data = ExportData::with_progress(
                &workspace,
                only.as_ref(),
                worker,
                names.as_deref().map(Vec::as_slice),
            );
            crate::exchange::export(&data, format, &target).map_err(|e| e.to_string())
        }) {
            Ok(task) => {
                self.export = Some(ExportInFlight {
                    task,
                    path,
                    format,
                    progress,
                })
            }
            Err(e) => self.message = Some(format!("Could not start the export: {e}")),
        }
    }

    /// Collects a finished export. Called once per frame.
    pub(super) fn poll_export(&mut self) {
        let Some(running) = &self.export else {
            return;
        };
        let result = match running.task.poll() {
            TaskPoll::Pending => return,
            TaskPoll::Done(result) => result,
            TaskPoll::Lost => Err(format!(
                "the export stopped unexpectedly{}",
                crate::logging::see_log()
            )),
        };
        let Some(done) = self.export.take() else {
            return;
        };
        match result {
            Ok(report) => {
                let mut message = format!(
                    "Exported {} articles, {} annotations and {} events as {} to {}",
                    report.articles,
                    report.annotations,
                    report.events,
                    done.format.name(),
                    done.path.display()
                );
                if !report.lost.is_empty() {
                    message.push_str(&format!(" (not in it: {})", report.lost.join("; ")));
                }
                self.message = Some(message);
            }
            Err(e) if done.progress.is_cancelled() => {
                self.message = Some(format!("Export cancelled: {e}"));
            }
            Err(e) => {
                self.alert = Some(Alert {
                    title: "The export failed".into(),
                    message: format!("{e}\nNothing was written in its place."),
                })
            }
        }
    }

    /// Lays the annotation files waiting (dropped, added or given on the command line) over
    /// the workspace: a REFI-QDA project's new sources are imported as articles, then the
    /// annotations are one undoable step; the status line says what happened.
    pub(super) fn import_annotation_files(&mut self) {
        let mut said = Vec::new();
        for path in std::mem::take(&mut self.pending_annotations) {
            let file = match crate::exchange::AnnotationFile::read(&path) {
                Ok(file) => file,
                Err(e) => {
                    self.alert = Some(Alert {
                        title: "Could not read the annotations".into(),
                        message: format!("{e}\nNothing was added from it."),
                    });
                    continue;
                }
            };
            let (articles, problems) = file.new_articles(&self.workspace, self.ingest_options());
            if !articles.is_empty() || !problems.is_empty() {
                let merge = self.workspace.merge_import(articles, problems);
                self.sources_changed(merge.updated > 0, false);
            }
            let (edit, report) = file.plan(&self.workspace);
            if let Some(edit) = edit {
                self.apply_edit(edit);
            }
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            said.push(format!("{name}: {}", report.summary()));
            if report.orphaned > 0 {
                self.left_tab = super::LeftTab::Orphans;
            }
        }
        if !said.is_empty() {
            self.message = Some(said.join("; "));
            if self.selection.is_none() {
                self.refresh_library();
                self.selection = self.library.neighbour(&self.workspace, None, 1);
            }
        }
    }

    /// A running export as the status bar shows it: format, articles done, articles.
    pub(super) fn export_status(&self) -> Option<crate::ui::status_bar::ExportStatus> {
        use std::sync::atomic::Ordering;
        self.export
            .as_ref()
            .map(|e| crate::ui::status_bar::ExportStatus {
                format: e.format.name(),
                done: e.progress.done.load(Ordering::Relaxed),
                total: e.progress.total.load(Ordering::Relaxed),
                cancelling: e.progress.is_cancelled(),
            })
    }
}

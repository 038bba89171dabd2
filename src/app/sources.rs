//! Rescanning the workspace's sources (on request and after opening a workspace) and the
//! orphans the user places or deletes.

use crate::ingest::{IngestOptions, SourceScan};
use crate::jobs::ImportJob;
use crate::model::{ArticleId, Edit, TextTarget};

use super::{Alert, DatelineApp, LeftTab};

impl DatelineApp {
    /// Starts reading the sources again on the import thread, with progress and Cancel.
    pub(super) fn start_rescan(&mut self, quiet: bool) {
        if self.import.is_some() {
            if !quiet {
                self.message = Some("Wait for the running import to finish, then rescan".into());
            }
            return;
        }
        if self.workspace.articles.is_empty() && self.workspace.source_folders.is_empty() {
            if !quiet {
                self.message = Some("Nothing to rescan: the workspace has no sources yet".into());
            }
            return;
        }
        let paths = self.workspace.rescan_paths();
        let articles = std::sync::Arc::clone(&self.workspace.articles);
        let options = self.ingest_options();
        match ImportJob::start_rescan(paths, articles, options, self.wake.clone()) {
            Ok(job) => {
                self.import = Some(job);
                self.rescan_quiet = quiet;
            }
            Err(e) => {
                self.alert = Some(Alert {
                    title: "Could not start the rescan".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    /// The limits for reading article files.
    pub(super) fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            max_file_bytes: self.limits.max_article_bytes,
        }
    }

    /// Lays a finished rescan over the workspace. Not undoable, like an import; when texts
    /// changed, the undo history is cleared, because its steps hold offsets into the old texts.
    pub(super) fn finish_rescan(&mut self, scan: SourceScan) {
        if scan.offline {
            self.rescan_quiet = false;
            self.message = Some(format!(
                "The sources are not reachable ({} files, none found): the articles are shown as \
                 saved; rescan (F5) when the folder is back",
                scan.gone.len()
            ));
            return;
        }
        let outcome = scan.outcome;
        let complete = !outcome.cancelled;
        let orphans_before = self.workspace.orphans.len();
        let mut report =
            self.workspace
                .apply_rescan(outcome.articles, outcome.problems, &scan.gone, complete);
        report.unchanged += outcome.files_unchanged;
        let mut message = report.summary();
        if !complete {
            message = format!("Cancelled: {message} (gone files not checked)");
        }
        if report.changed_anything() {
            self.sources_changed(
                report.changed_texts(),
                self.workspace.orphans.len() > orphans_before,
            );
            if report.changed_texts() {
                message.push_str("; undo history cleared: it pointed into the old texts");
            }
        }
        if std::mem::take(&mut self.rescan_quiet) && !report.changed_anything() && complete {
            return;
        }
        if self
            .selection
            .is_some_and(|id| self.workspace.article(id).is_none())
        {
            self.selection = None;
        }
        self.message = Some(message);
    }

    /// After articles came from outside (an import or a rescan), which cannot be undone: the
    /// derived views and work start again, the document has a new revision (never the saved
    /// one), and when texts changed the undo history and any selection, which count code
    /// points of the old texts, are dropped. New orphans bring their tab forward.
    pub(super) fn sources_changed(&mut self, texts_changed: bool, orphaned: bool) {
        self.content_version += 1;
        self.derived.bump(crate::model::EditScope::ALL);
        self.articles_version += 1;
        self.events.inputs += 1;
        if texts_changed {
            self.history.clear();
            self.events.focus = None;
            self.selection_menu.selection = None;
        } else {
            self.history.external_change();
        }
        self.document.revision = self.history.revision();
        if orphaned {
            self.left_tab = LeftTab::Orphans;
        }
    }

    /// Places or deletes an orphan.
    pub(super) fn handle_orphan_command(&mut self, command: super::Command) {
        match command {
            super::Command::PlaceOrphan(at, article, start, end) => {
                self.place_orphan(at, article, start, end)
            }
            super::Command::DeleteOrphan(at) if self.apply_edit(Edit::RemoveOrphan { at }) => {
                self.message = Some("Deleted the orphan (Ctrl+Z brings it back)".into());
            }
            _ => {}
        }
    }

    fn place_orphan(&mut self, at: usize, article: ArticleId, start: usize, end: usize) {
        let target = self
            .workspace
            .article(article)
            .and_then(|a| TextTarget::new(article, &a.body, start, end));
        let Some(target) = target else {
            self.message = Some("Select the words to place it on in the reader first".into());
            return;
        };
        let quote = target.quote.clone();
        match self.workspace.place_orphan(at, target) {
            Ok(edit) => {
                if self.apply_edit(edit) {
                    self.selection_menu.selection = None;
                    self.message = Some(format!("Placed on “{quote}”"));
                }
            }
            Err(e) => self.message = Some(format!("Could not place it: {e}")),
        }
    }
}

//! The eframe application: owns the workspace, the document state (file and revisions), the
//! selection, the background jobs and the command queue. Panels in [`crate::ui`] draw and
//! return commands; [`DatelineApp::handle`] applies them.

mod command;
mod dialogs;
mod fonts;
mod handle;
mod window;

use std::path::PathBuf;
use std::sync::Arc;

pub use command::{Action, Command, file_actions, navigation_keys};
pub use window::run_window;

use crate::extract::entities::{canonical_names, find_entities};
use crate::extract::timex::{Timex, article_timexes};
use crate::jobs::{BackgroundTask, ImportJob, WakeUp};
use crate::model::{ArticleId, Workspace};
use crate::store::{RecentWorkspaces, StoreError};
use crate::ui::inspector::InspectorView;
use crate::ui::library::LibraryView;
use crate::ui::reader::{ReaderName, ReaderView};
use dialogs::Dialogs;

/// Which list the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// The articles.
    Library,
    /// The skipped files.
    Problems,
}

/// The workspace file and whether what is on screen matches it. "Unsaved" is derived from
/// revisions, never stored as a flag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The workspace file, once opened or saved.
    pub path: Option<PathBuf>,
    /// Bumped by every change to the workspace.
    pub revision: u64,
    /// The revision that was last written to (or read from) `path`.
    pub saved_revision: u64,
}

impl Document {
    /// True when the workspace has changes not in its file.
    pub fn is_unsaved(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// The file's name for the title bar: "research.ron", or "Untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".into())
    }
}

/// A message the user must see: an error, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The heading: "Could not open the workspace".
    pub title: String,
    /// The message with the path.
    pub message: String,
}

/// Where the app keeps its own files; tests point these at temporary folders.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// The recent-workspaces file; `None` keeps the list in memory only.
    pub recent_file: Option<PathBuf>,
}

struct SaveInFlight {
    task: BackgroundTask<Result<(), StoreError>>,
    path: PathBuf,
    revision: u64,
}

struct LoadInFlight {
    task: BackgroundTask<Result<Workspace, StoreError>>,
    path: PathBuf,
    then_import: Vec<PathBuf>,
}

/// The Dateline window's state.
pub struct DatelineApp {
    workspace: Workspace,
    /// Bumped whenever the workspace's content changes or is replaced; views cache on it.
    content_version: u64,
    document: Document,
    selection: Option<ArticleId>,
    library: LibraryView,
    reader: ReaderView,
    left_tab: LeftTab,
    import: Option<ImportJob>,
    import_is_sample: bool,
    load: Option<LoadInFlight>,
    save: Option<SaveInFlight>,
    dialogs: Dialogs,
    alert: Option<Alert>,
    /// A command waiting for the answer to "save changes?".
    unsaved_prompt: Option<Command>,
    /// Run after the save in flight succeeds (from "Save" in the unsaved prompt).
    after_save: Option<Command>,
    /// Set by "Don't save": the next guarded command skips the unsaved check.
    discard_confirmed: bool,
    allow_close: bool,
    recent: RecentWorkspaces,
    recent_file: Option<PathBuf>,
    message: Option<String>,
    queue: Vec<Command>,
    wake: WakeUp,
    context: Option<egui::Context>,
    title: String,
    /// The selected article's time expressions, computed when the article or the corrections
    /// change: (article, content version, expressions).
    timexes: Option<(ArticleId, u64, Vec<Timex>)>,
    /// The selected article's names, computed with `timexes`.
    names: Vec<ReaderName>,
    selected_timex: Option<(usize, usize)>,
    inspector: InspectorView,
}

impl DatelineApp {
    /// A window with an empty workspace.
    pub fn new(options: AppOptions) -> Self {
        let recent = options
            .recent_file
            .as_deref()
            .map(RecentWorkspaces::load)
            .unwrap_or_default();
        Self {
            workspace: Workspace::default(),
            content_version: 0,
            document: Document::default(),
            selection: None,
            library: LibraryView::default(),
            reader: ReaderView::default(),
            left_tab: LeftTab::Library,
            import: None,
            import_is_sample: false,
            load: None,
            save: None,
            dialogs: Dialogs::default(),
            alert: None,
            unsaved_prompt: None,
            after_save: None,
            discard_confirmed: false,
            allow_close: false,
            recent,
            recent_file: options.recent_file,
            message: None,
            queue: Vec::new(),
            wake: Arc::new(|| {}),
            context: None,
            title: String::new(),
            timexes: None,
            names: Vec::new(),
            selected_timex: None,
            inspector: InspectorView::default(),
        }
    }

    /// Queues a command; it runs at the end of the next frame, like a click.
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// Opens the bundled sample articles without marking the workspace as changed.
    pub fn open_sample(&mut self, folder: PathBuf) {
        self.import_is_sample = true;
        self.send(Command::Import(vec![folder]));
    }

    /// The workspace on screen.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The file and revision state.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The selected article.
    pub fn selected_article(&self) -> Option<ArticleId> {
        self.selection
    }

    /// The message being shown to the user, if any.
    pub fn alert(&self) -> Option<&Alert> {
        self.alert.as_ref()
    }

    /// The last status message.
    pub fn status_message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// True while an import, an open or a save runs in the background.
    pub fn is_busy(&self) -> bool {
        self.import.is_some() || self.load.is_some() || self.save.is_some()
    }

    /// The selected article's time expressions (byte spans into its body), corrections applied.
    pub fn current_timexes(&mut self) -> &[Timex] {
        self.refresh_timexes();
        self.timexes.as_ref().map_or(&[], |(_, _, t)| t.as_slice())
    }

    /// The selected time expression's byte span.
    pub fn selected_timex(&self) -> Option<(usize, usize)> {
        self.selected_timex
    }

    fn refresh_timexes(&mut self) {
        let Some(id) = self.selection else {
            self.timexes = None;
            return;
        };
        if self
            .timexes
            .as_ref()
            .is_some_and(|(a, v, _)| *a == id && *v == self.content_version)
        {
            return;
        }
        let article = self.workspace.article(id);
        let found = article
            .map(|a| article_timexes(a, &self.workspace.timex_corrections))
            .unwrap_or_default();
        self.names = article.map(|a| reader_names(&a.body)).unwrap_or_default();
        self.timexes = Some((id, self.content_version, found));
    }

    /// Whether the reader colours names.
    pub fn names_shown(&self) -> bool {
        !self.reader.hide_names
    }

    /// The selected article's names as the reader colours them.
    pub fn current_names(&mut self) -> &[ReaderName] {
        self.refresh_timexes();
        &self.names
    }

    /// The library's view state (sort and filter).
    pub fn library_view(&mut self) -> &mut LibraryView {
        &mut self.library
    }
}

/// The names in a body with the full names they stand for.
fn reader_names(body: &str) -> Vec<ReaderName> {
    let mentions = find_entities(body);
    let canonical = canonical_names(&mentions);
    mentions
        .into_iter()
        .zip(canonical)
        .map(|(m, entity)| ReaderName {
            start: m.start,
            end: m.end,
            label: m.label,
            entity,
        })
        .collect()
}

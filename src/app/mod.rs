//! The eframe application: owns the workspace, the document state (file and revisions), the
//! selection, the background jobs and the command queue. Panels in [`crate::ui`] draw and
//! return commands; [`DatelineApp::handle`] applies them.

mod annotations;
mod bench;
mod bench_panels;
mod bench_search;
mod dialogs;
mod events;
mod exchange;
mod families;
mod file_browser;
pub mod fonts;
mod handle;
mod inspector_panel;
mod library_panel;
mod palette;
mod reader_extraction;
mod reader_panel;
mod recovery;
mod remove_articles;
mod search;
mod settings;
mod sources;
mod status_panel;
mod timeline_panel;
mod window;

use std::path::PathBuf;
use std::sync::Arc;

pub use crate::command::{
    Action, Command, edit_actions, file_actions, navigation_keys, search_actions,
};
pub use bench::bench_timeline;
pub use bench_panels::bench_panels;
pub use bench_search::bench_search_tab;
pub use events::{EvidenceFocus, export_file_name, with_export_extension};
pub use window::run_window;

use crate::extract::entities::{CorpusNames, all_article_names_in_parts};
use crate::extract::timex::Timex;
use crate::jobs::{BackgroundTask, ImportJob, TaskPoll, WakeUp};
use crate::model::{
    ArticleId, EntityKey, History, RegistryEntity, Workspace, build_registry, resolve_key,
};
use crate::store::{RecentWorkspaces, StoreError};
use crate::ui::entities::EntitiesView;
use crate::ui::inspector::InspectorView;
use crate::ui::library::LibraryView;
use crate::ui::reader::{ReaderName, ReaderView};
use annotations::AnnotationSection;
use dialogs::Dialogs;

/// Which list the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// The articles.
    Library,
    /// The skipped files.
    Problems,
    /// The people, organisations, places and other names.
    Entities,
    /// The codebook's tags.
    Tags,
    /// Work that lost its words when a source changed.
    Orphans,
    /// Search across the corpus.
    Search,
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
    /// Dateline's own folder, where an untitled workspace's recovery file goes; `None` writes
    /// none for untitled workspaces.
    pub config_dir: Option<PathBuf>,
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

/// Versions of the parts of the workspace that derived views read, bumped by the edits
/// whose [`crate::model::EditScope`] names them and by every change from outside.
#[derive(Clone, Copy, Debug, Default)]
struct DerivedVersions {
    /// Entity annotations and decisions: the registry.
    names: u64,
    /// Events, dismissed suggestions, what suggestions are made from: the timeline's lanes.
    events: u64,
    /// Family decisions: the families.
    families: u64,
    /// The articles' own fields: the library's rows.
    articles: u64,
}

impl DerivedVersions {
    /// Bumps the versions `scope` names.
    fn bump(&mut self, scope: crate::model::EditScope) {
        self.names += u64::from(scope.names);
        self.events += u64::from(scope.events);
        self.families += u64::from(scope.families);
        self.articles += u64::from(scope.articles);
    }
}

/// How large the panels that are made after their neighbours were drawn last frame: egui gives
/// Tab focus in the order widgets are made, so the reader is made before the inspector and the
/// panels above before the timeline and the status bar, in the room these took last frame.
/// (egui keeps each panel's size too, but keyed by the Ui it is shown in, which is made from
/// the rectangle these sizes decide.)
#[derive(Clone, Copy, Debug)]
struct PanelSizes {
    /// The timeline's height (0 when it is not shown).
    timeline: f32,
    /// The status bar's height.
    status: f32,
    /// The inspector's width.
    inspector: f32,
}

impl Default for PanelSizes {
    fn default() -> Self {
        Self {
            timeline: 236.0,
            status: 24.0,
            inspector: 320.0,
        }
    }
}

/// The Dateline window's state.
pub struct DatelineApp {
    workspace: Workspace,
    /// Bumped whenever the workspace's content changes or is replaced; views cache on it.
    content_version: u64,
    /// Bumped when what names, events or families derive from changed (a subset of
    /// `content_version`'s changes: tagging words rebuilds none of them).
    derived: DerivedVersions,
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
    /// Dateline's own file browser, open for a dialog the system could not show.
    file_browser: Option<(
        dialogs::DialogKind,
        crate::ui::file_browser::FileBrowserView,
    )>,
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
    /// The selected article's time expressions and names as extracted, before the user's
    /// decisions, for the article and extraction inputs (`events.inputs`): an edit that leaves
    /// the extraction alone (a tag) does not extract a long article again.
    extracted: reader_extraction::ReaderExtraction,
    selected_timex: Option<(usize, usize)>,
    inspector: InspectorView,
    /// Bumped when articles are added, changed or replaced (not for other edits).
    articles_version: u64,
    /// Entity mentions of every article, with their spans, and the `articles_version` they
    /// were found for: the registry counts them, events and search look them up. While a
    /// large workspace's names are found, the names of the articles read so far, under a
    /// version from [`PARTIAL_NAMES`] up.
    mentions: (u64, CorpusNames),
    mention_task: Option<BackgroundTask<(u64, Option<CorpusNames>)>>,
    /// The names of the articles read so far, handed over by the names task.
    mention_part: Arc<std::sync::Mutex<Option<CorpusNames>>>,
    /// Articles the names task reads before it hands over what it found so far (at least).
    names_part: usize,
    /// The user stopped finding names and events; they are not started again until asked.
    extraction_stopped: bool,
    /// The command palette's state.
    palette: crate::ui::palette::PaletteView,
    /// The articles' headlines folded for the palette.
    palette_headlines: palette::FoldedNames,
    /// The entities' names folded for the palette, per version of the registry.
    palette_entities: palette::FoldedNames,
    /// How large the panels made after the ones beside or above them were drawn last frame
    /// (see `show`: Tab order follows the layout).
    panel_sizes: PanelSizes,
    /// Whether Help › Keyboard shortcuts is shown.
    shortcuts_open: bool,
    /// The user's settings, and whether the Settings window is shown.
    settings: crate::store::Settings,
    settings_open: bool,
    /// The zoom last given to the window (the window's own keys change it too).
    applied_zoom: Option<f32>,
    /// The theme last given to the window.
    applied_theme: Option<crate::store::ThemeChoice>,
    /// The library's orders and filter text being built for a large workspace, and the
    /// version of the articles last asked for.
    library_index: (
        Option<BackgroundTask<crate::ui::library_index::LibraryIndex>>,
        Option<u64>,
    ),
    /// Bumped by every registry put in place, also one built again for the same version
    /// (names that arrived, names found so far, families counted once): what views of it
    /// cache on.
    registry_generation: u64,
    /// The registry, and the `content_version` it was built for.
    registry: (u64, Arc<Vec<RegistryEntity>>),
    /// The registry must be built again although the content did not change (new names,
    /// families, counting once or not).
    registry_stale: bool,
    /// A large workspace's registry being built off the UI thread.
    registry_task: Option<BackgroundTask<(u64, Vec<RegistryEntity>)>>,
    /// Mention records up to which the registry is built on the UI thread.
    registry_inline_limit: usize,
    selected_entities: Vec<EntityKey>,
    entities_view: EntitiesView,
    /// Entities sharing articles with the main selected one: for which entity and registry
    /// version, and (entity, shared articles), most shared first.
    appears_with: (Option<EntityKey>, u64, Vec<(EntityKey, String, usize)>),
    /// Suggested events, the timeline and the selected event.
    events: events::EventState,
    /// Wire-story families, counting once and the Versions view.
    families: families::FamilyState,
    /// What undo and redo apply.
    history: History,
    /// The selected event's fields while they are edited.
    event_draft: crate::ui::event_inspector::EventDraft,
    /// The annotation shown in the inspector.
    selected_annotation: Option<crate::model::AnnotationId>,
    /// The selected annotation and those overlapping it, and the content version and
    /// selection they were found for: finding them reads every annotation (6–8 ms a frame at
    /// 300,000).
    annotation_section: Option<(u64, crate::model::AnnotationId, AnnotationSection)>,
    /// The suggested name or time expression selected in the reader (byte span).
    selected_suggestion: Option<(usize, usize)>,
    /// The selected article's annotations as the reader draws them.
    reader_annotations: Vec<crate::ui::reader::ReaderAnnotation>,
    /// The reader's annotation menu.
    selection_menu: crate::ui::selection_menu::SelectionMenuState,
    /// The note being typed in the inspector.
    note_draft: crate::ui::annotation_inspector::NoteDraft,
    /// The codebook tab's state.
    codebook_view: crate::ui::codebook::CodebookView,
    /// Recovery files: writing them, and offering them after a crash.
    autosave: recovery::Autosave,
    /// Dateline's own folder.
    config_dir: Option<PathBuf>,
    /// The sizes of article and workspace files refused (`limits.ron` in the config folder).
    limits: crate::store::Limits,
    /// The running rescan was started by opening a workspace: say nothing if nothing changed.
    rescan_quiet: bool,
    /// The search index, searches and the find bar.
    search: search::SearchState,
    /// An export running in the background.
    export: Option<exchange::ExportInFlight>,
    /// Annotation files to lay over the workspace when the import under way is done.
    pending_annotations: Vec<PathBuf>,
}

/// Articles the names task reads at least before it hands over the names found so far (a
/// quarter of a larger workspace): at 95,000 articles the entities come in four steps of about a
/// second instead of once after 4.5 s.
const NAMES_PART: usize = 20_000;

/// Versions of names from here up are the names of part of the articles.
const PARTIAL_NAMES: u64 = u64::MAX / 2;

/// Mention records up to which the registry is built on the UI thread (a few milliseconds);
/// above, it is built on a background thread.
const REGISTRY_INLINE_MENTIONS: usize = 100_000;

impl DatelineApp {
    /// A window with an empty workspace.
    pub fn new(options: AppOptions) -> Self {
        let recent = options
            .recent_file
            .as_deref()
            .map(RecentWorkspaces::load)
            .unwrap_or_default();
        let (limits, limits_warning) = options
            .config_dir
            .as_deref()
            .map(|dir| crate::store::Limits::load(&dir.join("limits.ron")))
            .unwrap_or_default();
        Self {
            workspace: Workspace::default(),
            content_version: 0,
            derived: DerivedVersions::default(),
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
            file_browser: None,
            alert: None,
            unsaved_prompt: None,
            after_save: None,
            discard_confirmed: false,
            allow_close: false,
            recent,
            recent_file: options.recent_file,
            message: limits_warning,
            queue: Vec::new(),
            wake: Arc::new(|| {}),
            context: None,
            title: String::new(),
            timexes: None,
            names: Vec::new(),
            extracted: Default::default(),
            selected_timex: None,
            inspector: InspectorView::default(),
            articles_version: 0,
            mentions: (u64::MAX, CorpusNames::default()),
            mention_task: None,
            mention_part: Default::default(),
            names_part: NAMES_PART,
            extraction_stopped: false,
            palette: Default::default(),
            palette_headlines: Default::default(),
            palette_entities: Default::default(),
            panel_sizes: PanelSizes::default(),
            shortcuts_open: false,
            settings: Default::default(),
            settings_open: false,
            applied_zoom: None,
            applied_theme: None,
            library_index: (None, None),
            registry: (u64::MAX, Arc::default()),
            registry_stale: false,
            registry_task: None,
            registry_inline_limit: REGISTRY_INLINE_MENTIONS,
            registry_generation: 0,
            selected_entities: Vec::new(),
            entities_view: EntitiesView::default(),
            appears_with: (None, u64::MAX, Vec::new()),
            events: events::EventState::default(),
            families: families::FamilyState::default(),
            history: History::default(),
            event_draft: Default::default(),
            selected_annotation: None,
            annotation_section: None,
            selected_suggestion: None,
            reader_annotations: Vec::new(),
            selection_menu: Default::default(),
            note_draft: Default::default(),
            codebook_view: Default::default(),
            autosave: Default::default(),
            config_dir: options.config_dir,
            limits,
            rescan_quiet: false,
            search: Default::default(),
            export: None,
            pending_annotations: Vec::new(),
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

    /// True while an import, an open, a save, or the search for names or events runs in the
    /// background.
    pub fn is_busy(&self) -> bool {
        self.import.is_some()
            || self.load.is_some()
            || self.save.is_some()
            || self.mention_task.is_some()
            || self.finding_events()
            || self.autosave.task.is_some()
            || self.search_busy()
            || self.export.is_some()
            || self.families_busy().is_some()
            || self.registry_task.is_some()
            || self.lanes_busy().is_some()
            || self.library_index.0.is_some()
            || self.extracted.busy().is_some()
    }

    /// The entity registry as the panel shows it.
    pub fn registry(&self) -> &[RegistryEntity] {
        &self.registry.1
    }

    /// The selected entities, the main one first.
    pub fn selected_entities(&self) -> &[EntityKey] {
        &self.selected_entities
    }

    /// Starts finding names when the articles changed, and rebuilds the registry when the
    /// names or the user's decisions changed.
    fn refresh_entities(&mut self) {
        if let Some(task) = &self.mention_task {
            match task.poll() {
                TaskPoll::Pending => {
                    // The names found so far, when the registry is free to count them.
                    if self.registry_task.is_none()
                        && let Some(part) = self.take_names_part()
                    {
                        let next = if self.names_are_partial() {
                            self.mentions.0 + 1
                        } else {
                            PARTIAL_NAMES + 1
                        };
                        let old = std::mem::replace(&mut self.mentions, (next, part));
                        crate::jobs::drop_elsewhere(old);
                        self.registry_stale = true;
                    }
                }
                TaskPoll::Done((_, None)) => {
                    // Stopped: a part handed over before it must not pass for the next task's.
                    self.take_names_part();
                    self.mention_task = None;
                }
                TaskPoll::Done((version, Some(names))) => {
                    self.take_names_part();
                    let old = std::mem::replace(&mut self.mentions, (version, names));
                    crate::jobs::drop_elsewhere(old);
                    self.events.inputs += 1;
                    self.mention_task = None;
                    self.registry_stale = true;
                }
                TaskPoll::Lost => {
                    tracing::error!("finding names stopped unexpectedly");
                    self.message = Some(format!(
                        "Finding names stopped unexpectedly{}",
                        crate::logging::see_log()
                    ));
                    self.take_names_part();
                    self.mention_task = None;
                }
            }
        }
        if self.mention_task.is_none()
            && !self.extraction_stopped
            && self.mentions.0 != self.articles_version
        {
            let version = self.articles_version;
            let bodies = self.workspace.bodies();
            let label = "Finding names…".to_string();
            let part = (bodies.len() / 4).max(self.names_part);
            let slot = Arc::clone(&self.mention_part);
            let wake = self.wake.clone();
            if let Ok(task) = BackgroundTask::start_counted(
                "names",
                label,
                self.wake.clone(),
                bodies.len(),
                move |progress| {
                    let done = &progress.done;
                    let names =
                        all_article_names_in_parts(&bodies, done, &progress.cancel, part, |p| {
                            if let Ok(mut slot) = slot.lock() {
                                *slot = Some(p);
                            }
                            wake();
                        });
                    (version, names)
                },
            ) {
                self.mention_task = Some(task);
            }
        }
        if let Some(task) = &self.registry_task {
            match task.poll() {
                TaskPoll::Pending => return,
                TaskPoll::Done((version, registry)) => {
                    self.registry_task = None;
                    self.install_registry(version, registry);
                }
                TaskPoll::Lost => self.registry_task = None,
            }
        }
        let wanted = self.registry.0 != self.derived.names || self.registry_stale;
        // While names are found, the registry counts the part found so far.
        let names_ready = self.mention_task.is_none() || self.names_are_partial();
        if wanted && names_ready && self.registry_task.is_none() {
            self.registry_stale = false;
            let version = self.derived.names;
            // The user's decisions are laid over the mentions in the build, off the UI thread
            // for a large workspace.
            let mentions = Arc::clone(&self.mentions.1.records);
            let edits = self.name_edits();
            let previous = Arc::clone(&self.registry.1);
            let counting = self.counting_families();
            let decisions = self.workspace.entity_decisions.clone();
            let articles = Arc::clone(&self.workspace.articles);
            let build = move || {
                let mentions = match &edits {
                    None => mentions,
                    Some(edits) => Arc::new(edits.apply(&mentions, &previous)),
                };
                drop(previous);
                let mentions = if counting.is_empty() {
                    mentions
                } else {
                    Arc::new(crate::families::mentions_once(&mentions, &counting))
                };
                let published: std::collections::HashMap<ArticleId, &crate::model::PublishedAt> =
                    articles
                        .iter()
                        .filter_map(|a| a.published.as_ref().map(|p| (a.id, p)))
                        .collect();
                let registry = build_registry(&mentions, &decisions, |id| {
                    published.get(&id).map(|p| (*p).clone())
                });
                (version, registry)
            };
            // A small workspace's registry is built at once; a large one's off the UI thread,
            // so the window never freezes while names are counted.
            if self.mentions.1.len() <= self.registry_inline_limit {
                let (version, registry) = build();
                self.install_registry(version, registry);
            } else if let Ok(task) = BackgroundTask::start(
                "registry",
                "Counting names…".to_string(),
                self.wake.clone(),
                build,
            ) {
                self.registry_task = Some(task);
            }
        }
    }

    /// Sets how many articles may have their families derived on the UI thread (tests use 0
    /// to take the background path a large corpus takes).
    pub fn set_families_inline_limit(&mut self, articles: usize) {
        self.families.inline_limit = articles;
    }

    /// The names the names task handed over since last asked, if any.
    fn take_names_part(&self) -> Option<CorpusNames> {
        self.mention_part
            .lock()
            .ok()
            .and_then(|mut part| part.take())
    }

    /// True while the mentions are the names of part of the articles.
    fn names_are_partial(&self) -> bool {
        (PARTIAL_NAMES + 1..u64::MAX).contains(&self.mentions.0)
    }

    /// Sets how many articles the names task reads at least before it hands over the names
    /// found so far (tests use a few to see the names of a small workspace come in parts).
    pub fn set_names_part(&mut self, articles: usize) {
        self.names_part = articles.max(1);
    }

    /// Sets how many mention records the registry may have and still be built on the UI
    /// thread (tests use 0 to take the background path a large corpus takes).
    pub fn set_registry_inline_limit(&mut self, records: usize) {
        self.registry_inline_limit = records;
    }

    /// The label of the registry task while it runs.
    pub(super) fn registry_busy(&self) -> Option<&str> {
        self.registry_task.as_ref().map(|t| t.label.as_str())
    }

    /// Puts a registry built for `version` in place and repairs what points into it.
    fn install_registry(&mut self, version: u64, registry: Vec<RegistryEntity>) {
        let old = std::mem::replace(&mut self.registry, (version, Arc::new(registry)));
        self.registry_generation += 1;
        crate::jobs::drop_elsewhere(old);
        let registry = &self.registry.1;
        // Repair the selection: a merged or vanished entity never dangles.
        let decisions = &self.workspace.entity_decisions;
        let mut repaired: Vec<EntityKey> = Vec::new();
        for key in self
            .selected_entities
            .iter()
            .map(|k| resolve_key(k, decisions))
        {
            if !repaired.contains(&key) && registry.iter().any(|e| e.key == key) {
                repaired.push(key);
            }
        }
        self.selected_entities = repaired;
        self.library.restrict_to(self.shown_articles());
    }

    /// Recomputes "appears with" for the main selected entity when it or the registry changed.
    fn refresh_appears_with(&mut self) {
        let main = self.selected_entities.first().cloned();
        if self.appears_with.0 == main && self.appears_with.1 == self.registry_generation {
            return;
        }
        let mut list = Vec::new();
        if let Some(entity) = main
            .as_ref()
            .and_then(|k| self.registry.1.iter().find(|e| &e.key == k))
        {
            // The entity's articles are in id order: a binary search each, no set to build.
            let is_mine = |a: &ArticleId| entity.articles.binary_search(a).is_ok();
            for other in self
                .registry
                .1
                .iter()
                .filter(|e| e.key != entity.key && !e.hidden)
            {
                let shared = other.articles.iter().filter(|a| is_mine(a)).count();
                if shared > 0 {
                    list.push((other.key.clone(), other.name.clone(), shared));
                }
            }
            list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
            list.truncate(12);
        }
        self.appears_with = (main, self.registry_generation, list);
    }

    /// The articles of the main selected entity, when one is selected.
    fn entity_articles(&self) -> Option<Vec<ArticleId>> {
        let key = self.selected_entities.first()?;
        self.registry
            .1
            .iter()
            .find(|e| &e.key == key)
            .map(|e| e.articles.clone())
    }

    /// The selected article's time expressions (byte spans into its body), corrections applied.
    pub fn current_timexes(&mut self) -> &[Timex] {
        self.refresh_timexes();
        self.shown_timexes()
    }

    /// The selected time expression's byte span.
    pub fn selected_timex(&self) -> Option<(usize, usize)> {
        self.selected_timex
    }

    pub(super) fn refresh_timexes(&mut self) {
        let Some(id) = self.selection else {
            self.timexes = None;
            return;
        };
        let key = (id, self.events.inputs);
        if self.extracted.poll() {
            self.timexes = None;
        }
        if self
            .timexes
            .as_ref()
            .is_some_and(|(a, v, _)| *a == id && *v == self.content_version)
        {
            return;
        }
        let article = self.workspace.article(id);
        let (mut found, mut names) = article
            .and_then(|a| {
                self.extracted
                    .get(key, a, &self.workspace.timex_corrections, &self.wake)
            })
            .cloned()
            .unwrap_or_default();
        // The user's decisions on suggestions: rejected ones go, accepted ones are marked.
        let own = self.annotations_of(id);
        if let Some(body) = article.map(|a| &*a.body) {
            // By byte span: converting each suggestion's span to code points instead read the
            // text from its start each time.
            let decided = Self::decisions(&own);
            let spans: Vec<(usize, usize)> = decided.iter().map(|&(s, e, _, _)| (s, e)).collect();
            let bytes = crate::extract::offsets::byte_spans(body, &spans);
            let mut decisions = std::collections::HashMap::new();
            for (&(_, _, name, status), span) in decided.iter().zip(bytes) {
                decisions.entry((span, name)).or_insert(status);
            }
            let decided = |start: usize, end: usize, name: bool| {
                decisions.get(&((start, end), name)).copied()
            };
            names.retain_mut(|n| match decided(n.start, n.end, true) {
                Some(crate::model::AnnotationStatus::Rejected) => false,
                Some(crate::model::AnnotationStatus::Accepted) => {
                    n.accepted = true;
                    true
                }
                _ => true,
            });
            found.retain(|t| {
                t.manual
                    || decided(t.start, t.end, false)
                        != Some(crate::model::AnnotationStatus::Rejected)
            });
        }
        let reader_annotations = self.reader_annotations(id, &own);
        self.reader_annotations = reader_annotations;
        self.names = names;
        self.mark_selected_names();
        self.timexes = Some((id, self.content_version, found));
    }

    /// Marks the reader's names that belong to the selected entity.
    fn mark_selected_names(&mut self) {
        let decisions = &self.workspace.entity_decisions;
        let selected = self.selected_entities.first();
        for name in &mut self.names {
            let key = resolve_key(&EntityKey::new(&name.entity, name.label), decisions);
            name.selected = selected == Some(&key);
        }
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

    /// The last finished search, if any.
    pub fn search_outcome(&self) -> Option<&crate::search::Outcome> {
        self.search.outcome.as_deref()
    }

    /// The Search tab's state: the query being typed, sort and coding options.
    pub fn search_view(&mut self) -> &mut crate::ui::search::SearchView {
        &mut self.search.view
    }

    /// Why the query in the field cannot be read, if it cannot.
    pub fn search_error(&self) -> Option<&crate::search::QueryError> {
        self.search.error.as_ref().map(|(_, e)| e)
    }

    /// True while the index is built or a search runs.
    pub fn search_busy(&self) -> bool {
        self.search.building().is_some() || self.search.running()
    }

    /// The articles the panels are narrowed to by "Show only results".
    pub fn only_results(&self) -> Option<&std::collections::HashSet<ArticleId>> {
        self.search.only.as_deref()
    }

    /// What coding every hit would do, while it waits for a yes.
    pub fn pending_coding(&self) -> Option<&crate::search::CodePlan> {
        self.search.pending.as_ref().map(|p| &p.plan)
    }

    /// The entities as the Entities tab counts them: in the search results while the panels
    /// are narrowed to them, else in every article.
    pub fn shown_entities(&self) -> &[RegistryEntity] {
        match &self.search.narrowed_registry {
            Some((_, _, narrowed)) => narrowed,
            None => &self.registry.1,
        }
    }

    /// The searches run recently, newest first (kept with the recent workspaces).
    pub fn recent_searches(&self) -> &[String] {
        &self.recent.searches
    }

    /// The words selected in the reader: article and code points.
    pub fn reader_selection(&self) -> Option<(ArticleId, usize, usize)> {
        self.selection_menu.selection
    }

    /// The find bar's state.
    pub fn find_state(&self) -> &crate::ui::search::FindState {
        &self.search.find
    }

    /// The library's view state (sort and filter).
    pub fn library_view(&mut self) -> &mut LibraryView {
        &mut self.library
    }
}

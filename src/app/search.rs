//! Search in the window: keeps the index up to date in the background (segments appear as
//! they are built, unchanged ones are kept), runs queries off the UI thread, opens hits, codes
//! all hits as one undoable edit, narrows the other panels to the results, and finds words in
//! the open article (Ctrl+F).

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::DatelineApp;
use crate::jobs::{BackgroundTask, TaskPoll};
use crate::model::{ArticleId, EntityKey, MentionRecord, RegistryEntity};
use crate::search::{
    BuildProgress, CodeAs, CodePlan, Context, Hit, QueryError, SearchIndex, Segment, Unit,
};

pub use crate::search::Outcome as SearchOutcome;

struct IndexBuild {
    progress: Arc<BuildProgress>,
    receiver: Receiver<Arc<Segment>>,
}

/// A plan to code every hit, waiting for the user's yes.
pub struct PendingCoding {
    /// What it would do.
    pub plan: CodePlan,
    /// In words: "Diplomacy", "a note", "Liang Guanglie".
    pub label: String,
}

/// The search state of the window.
#[derive(Default)]
pub(super) struct SearchState {
    /// The index (partial while it is built).
    pub index: Arc<SearchIndex>,
    /// The content version the index was last built for.
    index_for: Option<u64>,
    /// Bumped whenever a segment arrives.
    index_generation: u64,
    build: Option<IndexBuild>,
    task: Option<BackgroundTask<SearchOutcome>>,
    /// What the last run was for: query, content version, index generation.
    ran: Option<(String, u64, u64, u64)>,
    /// The query that failed to parse, with why.
    pub error: Option<(String, QueryError)>,
    /// The last finished search.
    pub outcome: Option<Arc<SearchOutcome>>,
    /// The panel's own state (query field, sort, coding options).
    pub view: crate::ui::search::SearchView,
    /// "Show only results": the articles the other panels are narrowed to.
    pub only: Option<Arc<HashSet<ArticleId>>>,
    /// Bumped when `only` changes, so caches keyed on it rebuild.
    pub only_generation: u64,
    /// The entities panel's registry while narrowed: (for which only generation and registry
    /// version, entities).
    pub narrowed_registry: Option<(u64, u64, Vec<RegistryEntity>)>,
    /// Coding waiting for confirmation.
    pub pending: Option<PendingCoding>,
    /// Finding words in the open article.
    pub find: crate::ui::search::FindState,
}

impl SearchState {
    /// Build progress as (done, total) while the index is built.
    pub fn building(&self) -> Option<(usize, usize)> {
        self.build.as_ref().map(|b| {
            (
                b.progress.done.load(std::sync::atomic::Ordering::Relaxed),
                b.progress.total.load(std::sync::atomic::Ordering::Relaxed),
            )
        })
    }

    /// True while a search runs.
    pub fn running(&self) -> bool {
        self.task.is_some()
    }
}

impl DatelineApp {
    /// Keeps the index current, collects finished searches and starts the one the field asks
    /// for. Called once per frame.
    pub(super) fn refresh_search(&mut self) {
        self.poll_index_build();
        if self.search.index_for != Some(self.content_version) && self.search.build.is_none() {
            if !self.extraction_stopped {
                self.start_index_build();
            } else if self.search.index.total_docs != self.workspace.articles.len() {
                // Stopped: searches say how many articles they could not read.
                Arc::make_mut(&mut self.search.index).total_docs = self.workspace.articles.len();
            }
        }
        if let Some(task) = &self.search.task {
            match task.poll() {
                TaskPoll::Pending => {}
                TaskPoll::Done(outcome) => {
                    self.search.task = None;
                    let outcome = Arc::new(outcome);
                    if self.search.only.is_some() {
                        self.set_only_results(Some(&outcome));
                    }
                    self.search.outcome = Some(outcome);
                }
                TaskPoll::Lost => self.search.task = None,
            }
        }
        // Called every frame: nothing is copied unless a search is to start.
        let query = self.search.view.query.trim();
        if query.is_empty() {
            self.search.error = None;
            // An empty field shows no results (unless the panels are narrowed to them: the
            // results stay, with the switch that widens the panels again).
            if self.search.only.is_none() && self.search.task.is_none() {
                self.search.outcome = None;
                self.search.pending = None;
                self.search.ran = None;
            }
            return;
        }
        // The names found (for entity:) come later than the text: their version counts too.
        let versions = (
            self.content_version,
            self.search.index_generation,
            self.mentions.0,
        );
        let same = self
            .search
            .ran
            .as_ref()
            .is_some_and(|(q, c, i, m)| q == query && (*c, *i, *m) == versions);
        if same || self.search.task.is_some() {
            return;
        }
        let query = query.to_string();
        let key = (query.clone(), versions.0, versions.1, versions.2);
        self.search.ran = Some(key);
        match crate::search::parse(&query) {
            Err(e) => self.search.error = Some((query, e)),
            Ok(parsed) => {
                self.search.error = None;
                self.start_search(query, parsed);
            }
        }
    }

    /// Drops the index, the results and the narrowing of another workspace (the query typed
    /// stays, and runs again on the new one); a build still running for it is cancelled and its
    /// segments are never used.
    pub(super) fn forget_search_index(&mut self) {
        if let Some(build) = self.search.build.take() {
            build.progress.cancel();
        }
        self.search.index = Arc::default();
        self.search.index_for = None;
        self.search.index_generation += 1;
        self.search.task = None;
        self.search.outcome = None;
        self.search.pending = None;
        self.search.ran = None;
        if self.search.only.take().is_some() {
            self.search.only_generation += 1;
        }
        self.search.narrowed_registry = None;
    }

    /// Stops the index build under way: the segments built stay and are used, the rest are
    /// built when the build starts again (the segments kept make that quick).
    pub(super) fn stop_index_build(&mut self) {
        if let Some(build) = &self.search.build {
            build.progress.cancel();
            self.search.index_for = None;
        }
    }

    fn poll_index_build(&mut self) {
        let Some(build) = &self.search.build else {
            return;
        };
        let mut arrived = false;
        loop {
            match build.receiver.try_recv() {
                Ok(segment) => {
                    // A kept segment changes nothing: no need to search again for it.
                    let known = self
                        .search
                        .index
                        .segments
                        .iter()
                        .any(|s| Arc::ptr_eq(s, &segment));
                    if !known {
                        Arc::make_mut(&mut self.search.index).insert(segment);
                        arrived = true;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.search.build = None;
                    break;
                }
            }
        }
        if arrived {
            self.search.index_generation += 1;
        }
    }

    fn start_index_build(&mut self) {
        let articles = Arc::clone(&self.workspace.articles);
        let corrections = self.workspace.timex_corrections.clone();
        let previous = Arc::clone(&self.search.index);
        let index = Arc::make_mut(&mut self.search.index);
        index.total_docs = articles.len();
        // Segments past the end (articles removed) go; the rest are replaced as they come.
        let chunks = articles.len().div_ceil(crate::search::index::SEGMENT_DOCS);
        index
            .segments
            .retain(|s| (s.first_doc as usize) < chunks * crate::search::index::SEGMENT_DOCS);
        let progress = Arc::new(BuildProgress::default());
        let (sender, receiver) = std::sync::mpsc::channel();
        let worker = Arc::clone(&progress);
        let wake = self.wake.clone();
        // Not a `BackgroundTask`: the segments are handed over one by one as they are built.
        let spawned = crate::jobs::spawn_below_window("index", move || {
            let sender = std::sync::Mutex::new(sender);
            crate::search::build_index(
                &articles,
                &corrections,
                Some(&previous),
                &worker,
                &|segment| {
                    if let Ok(s) = sender.lock() {
                        let _ = s.send(segment);
                    }
                    wake();
                },
            );
        });
        self.search.index_for = Some(self.content_version);
        if spawned.is_ok() {
            self.search.build = Some(IndexBuild { progress, receiver });
        }
    }

    fn start_search(&mut self, query: String, parsed: crate::search::Query) {
        let index = Arc::clone(&self.search.index);
        // Only the annotations the query reads are copied for the search thread.
        let mut kinds = [false; 4];
        crate::search::query::annotation_kinds(&parsed, &mut kinds);
        let annotations: Vec<crate::model::Annotation> = self
            .workspace
            .annotations
            .iter()
            .filter(|a| match a.body {
                crate::model::AnnotationBody::Tag(_) => kinds[0],
                crate::model::AnnotationBody::Note(_) => kinds[1],
                crate::model::AnnotationBody::Entity(_) => kinds[2],
                crate::model::AnnotationBody::TimeExpression => kinds[3],
                crate::model::AnnotationBody::Evidence(_) => false,
            })
            .cloned()
            .collect();
        let codebook = self.workspace.codebook.clone();
        let decisions = self.workspace.entity_decisions.clone();
        let needs_names = crate::search::query::uses_entities(&parsed);
        // Shared with the search thread, not copied (a copy per keystroke would cost tens of
        // milliseconds on the UI thread at Reuters scale).
        let mut names: Arc<Vec<MentionRecord>> = Arc::default();
        let mut registry: Arc<Vec<RegistryEntity>> = Arc::default();
        if needs_names {
            names = self.effective_mentions();
            registry = Arc::clone(&self.registry.1);
        }
        let articles = Arc::clone(&self.workspace.articles);
        let label = format!("Searching {query}");
        if let Ok(task) = BackgroundTask::start("search", label, self.wake.clone(), move || {
            let ctx = Context {
                index: &index,
                annotations: &annotations,
                codebook: &codebook,
                names: &names,
                decisions: &decisions,
                registry: &registry,
            };
            let result = crate::search::search(&parsed, &ctx);
            let lookup: std::collections::HashMap<ArticleId, usize> = articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id, i))
                .collect();
            let orders = crate::search::sort_orders(&index, &result, |id| {
                let a = &articles[*lookup.get(&id)?];
                Some((a.headline.as_str(), a.published.as_ref()))
            });
            SearchOutcome {
                query,
                result,
                index,
                orders,
            }
        }) {
            self.search.task = Some(task);
        }
    }

    /// Narrows the library, entities and timeline to `outcome`'s articles, or widens them.
    pub(super) fn set_only_results(&mut self, outcome: Option<&Arc<SearchOutcome>>) {
        self.search.only = outcome.map(|o| Arc::new(o.result.article_ids().into_iter().collect()));
        self.search.only_generation += 1;
        self.search.narrowed_registry = None;
        self.library.restrict_to(self.shown_articles());
    }

    /// The articles the library shows: the selected entity's, the search results, or both.
    pub(super) fn shown_articles(&self) -> Option<Vec<ArticleId>> {
        let entity = self.entity_articles();
        match (&self.search.only, entity) {
            (None, entity) => entity,
            (Some(only), None) => {
                let mut ids: Vec<ArticleId> = only.iter().copied().collect();
                ids.sort();
                Some(ids)
            }
            (Some(only), Some(entity)) => {
                Some(entity.into_iter().filter(|a| only.contains(a)).collect())
            }
        }
    }

    /// Counts the entities in the search results while the panels are narrowed to them (the
    /// entities panel shows these counts); called once per frame, rebuilt only on change.
    pub(super) fn refresh_narrowed_registry(&mut self) {
        let Some(only) = self.search.only.clone() else {
            self.search.narrowed_registry = None;
            return;
        };
        let key = (
            self.search.only_generation,
            self.registry_generation ^ self.mentions.0.rotate_left(32),
        );
        if self
            .search
            .narrowed_registry
            .as_ref()
            .is_some_and(|(g, r, _)| (*g, *r) == key)
        {
            return;
        }
        let mentions: Vec<MentionRecord> = self
            .effective_mentions()
            .iter()
            .filter(|m| only.contains(&m.article))
            .cloned()
            .collect();
        let workspace = &self.workspace;
        let registry = crate::model::build_registry(&mentions, &workspace.entity_decisions, |id| {
            workspace.article(id).and_then(|a| a.published.clone())
        });
        self.search.narrowed_registry = Some((key.0, key.1, registry));
    }

    /// Opens a hit: its article, scrolled to the words, flashed and selected.
    pub(super) fn open_hit(&mut self, hit: Hit) {
        let Some(outcome) = self.search.outcome.clone() else {
            return;
        };
        let Some(article) = self.workspace.article(hit.article) else {
            self.message = Some("That article is no longer in the workspace".into());
            return;
        };
        let indexed = crate::search::hit_body(&outcome.index, &hit);
        if indexed.is_none_or(|b| **b != *article.body) {
            self.message = Some("The article changed since the search; searching again".into());
            self.search.ran = None;
        }
        let (start, end) = hit.span.map_or((0, 0), |(s, e)| (s as usize, e as usize));
        let cp = |b: usize| crate::extract::offsets::code_point_offset(&article.body, b);
        if hit.span.is_some() {
            self.selection_menu.selection = Some((hit.article, cp(start), cp(end)));
        }
        self.show_span(hit.article, start, end);
    }

    /// The byte spans of the current search's hits in the selected article.
    pub(super) fn hits_in_selection(&self) -> Vec<(usize, usize)> {
        let (Some(outcome), Some(id)) = (&self.search.outcome, self.selection) else {
            return self.search.find.spans.clone();
        };
        let hits = &outcome.result.hits;
        let from = hits.partition_point(|h| h.article < id);
        let mut spans: Vec<(usize, usize)> = hits[from..]
            .iter()
            .take_while(|h| h.article == id)
            .filter_map(|h| h.span.map(|(s, e)| (s as usize, e as usize)))
            .collect();
        spans.extend(self.search.find.spans.iter().copied());
        spans.sort_unstable();
        spans
    }

    /// Plans coding every hit and asks first.
    pub(super) fn preview_coding(&mut self, what: CodeAs, unit: Unit) {
        let Some(outcome) = self.search.outcome.clone() else {
            return;
        };
        let label = match &what {
            CodeAs::Tag(t) => self.workspace.codebook.path(*t),
            CodeAs::Entity(k) => self
                .registry
                .1
                .iter()
                .find(|e| &e.key == k)
                .map_or_else(|| k.name.clone(), |e| e.name.clone()),
            CodeAs::Note(n) => format!("the note “{n}”"),
        };
        let plan = crate::search::plan_coding(
            &self.workspace,
            &outcome.index,
            &outcome.result.hits,
            &what,
            unit,
        );
        self.search.pending = Some(PendingCoding { plan, label });
    }

    /// Applies the pending coding as one edit.
    pub(super) fn confirm_coding(&mut self) {
        let Some(pending) = self.search.pending.take() else {
            return;
        };
        let new = pending.plan.new;
        if let Some(edit) = pending.plan.edit
            && self.apply_edit(edit)
        {
            self.message = Some(format!(
                "Coded {new} passages with {} (Edit › Undo takes them back)",
                pending.label
            ));
        }
    }

    /// Finds the words of the find bar in the selected article.
    pub(super) fn refresh_find(&mut self) {
        let find = &mut self.search.find;
        let key = (find.text.clone(), self.selection, self.content_version);
        if find.computed_for.as_ref() == Some(&key) {
            return;
        }
        find.computed_for = Some(key);
        find.spans.clear();
        find.current = None;
        let words: Vec<String> = crate::search::fold::tokens(&find.text)
            .into_iter()
            .map(|t| t.2)
            .collect();
        let Some(article) = self.selection.and_then(|id| self.workspace.article(id)) else {
            return;
        };
        if words.is_empty() {
            return;
        }
        let tokens = crate::search::fold::tokens(&article.body);
        for start in 0..tokens.len() {
            let matched = words.iter().enumerate().all(|(i, w)| {
                tokens.get(start + i).is_some_and(|t| {
                    if i + 1 == words.len() {
                        t.2.starts_with(w.as_str())
                    } else {
                        &t.2 == w
                    }
                })
            });
            if matched {
                find.spans
                    .push((tokens[start].0, tokens[start + words.len() - 1].1));
            }
        }
    }

    /// Moves to the next (or previous) match of the find bar and shows it.
    pub(super) fn find_step(&mut self, forward: bool) {
        self.refresh_find();
        let find = &mut self.search.find;
        if find.spans.is_empty() {
            return;
        }
        let n = find.spans.len();
        let current = match (find.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        find.current = Some(current);
        let (start, end) = find.spans[current];
        if let Some(article) = self.selection {
            self.show_span(article, start, end);
        }
    }

    /// Handles the search commands.
    pub(super) fn handle_search_command(&mut self, command: super::Command) {
        use super::Command;
        match command {
            Command::FocusSearch => {
                self.left_tab = super::LeftTab::Search;
                self.search.view.focus = true;
            }
            Command::RunSearch(query) => {
                self.left_tab = super::LeftTab::Search;
                self.remember(&query);
                self.search.view.query = query;
            }
            Command::OpenHit(hit) => {
                self.remember_search();
                self.open_hit(hit);
            }
            Command::ShowOnlyResults(on) => {
                let outcome = self.search.outcome.clone();
                self.set_only_results(if on { outcome.as_ref() } else { None });
            }
            Command::PreviewCoding(what, unit) => self.preview_coding(what, unit),
            Command::PreviewCodingAsEntity(name, unit) => match self.entity_named(&name) {
                Some(key) => self.preview_coding(CodeAs::Entity(key), unit),
                None => {
                    self.message = Some(format!(
                        "No entity is called “{name}”: type a name as the Entities tab shows it"
                    ))
                }
            },
            Command::ConfirmCoding => {
                self.remember_search();
                self.confirm_coding();
            }
            Command::CancelCoding => self.search.pending = None,
            Command::SaveSearch(name, query) => {
                let mut list = self.workspace.saved_searches.clone();
                match list.iter_mut().find(|s| s.name == name) {
                    Some(existing) => existing.query = query,
                    None => list.push(crate::model::SavedSearch { name, query }),
                }
                self.apply_edit(crate::model::Edit::SetSavedSearches(list));
            }
            Command::DeleteSavedSearch(i) => {
                let mut list = self.workspace.saved_searches.clone();
                if i < list.len() {
                    list.remove(i);
                    self.apply_edit(crate::model::Edit::SetSavedSearches(list));
                }
            }
            Command::OpenFind => {
                self.search.find.open = true;
                self.search.find.focus = true;
            }
            Command::FindStep(forward) => self.find_step(forward),
            Command::CloseFind => {
                self.search.find.open = false;
                self.search.find.spans.clear();
                self.search.find.computed_for = None;
            }
            _ => {}
        }
    }

    /// Puts the current search's query at the top of the recent searches.
    fn remember_search(&mut self) {
        if let Some(query) = self.search.outcome.as_ref().map(|o| o.query.clone()) {
            self.remember(&query);
        }
    }

    /// Puts a query at the top of the recent searches.
    fn remember(&mut self, query: &str) {
        if query.trim().is_empty() {
            return;
        }
        self.recent.touch_search(query);
        if let Some(file) = &self.recent_file
            && let Err(e) = self.recent.save(file)
        {
            self.message = Some(format!("Could not remember recent searches: {e}"));
        }
    }

    /// The entity a name stands for in the registry (for coding hits as an entity).
    pub(super) fn entity_named(&self, name: &str) -> Option<EntityKey> {
        let wanted = crate::search::fold::fold(name.trim());
        self.registry
            .1
            .iter()
            .find(|e| crate::search::fold::fold(&e.name) == wanted)
            .map(|e| e.key.clone())
    }
}

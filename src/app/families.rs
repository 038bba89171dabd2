//! Wire-story families in the window: the index kept current on a background thread, the
//! families derived with the user's decisions, counting once, and the Versions view.

use std::sync::Arc;

use super::DatelineApp;
use crate::families::{Families, FamilyIndex, WordDiff, copy_annotations_to, families, word_diff};
use crate::jobs::{BackgroundTask, TaskPoll};
use crate::model::{ArticleId, Edit, FamilyDecision};

/// The Versions view: two members of one family side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionsView {
    /// The family's members when opened (time order).
    pub members: Vec<ArticleId>,
    /// Positions in `members` of the left (earlier) and right version.
    pub left: usize,
    /// See `left`.
    pub right: usize,
    /// The comparison of the two, for (left id, right id).
    pub diff: Option<(ArticleId, ArticleId, Arc<WordDiff>)>,
}

/// What a family task gives back: the index it held, with the `articles_version` it is up to
/// date with, and the families it derived, if it was asked to, with the (index version,
/// content version) they were derived for.
pub(super) struct FamilyWork {
    index: FamilyIndex,
    version: u64,
    derived: Option<((u64, u64), Families)>,
}

/// Families, their index and the Versions view.
pub(super) struct FamilyState {
    /// The index while no task holds it.
    index: Option<FamilyIndex>,
    /// The `articles_version` the index was last brought up to date with.
    index_version: u64,
    /// Brings the index up to date, or derives the families of a large workspace from it.
    task: Option<BackgroundTask<FamilyWork>>,
    /// The families and the (index version, content version) they were derived for.
    pub current: ((u64, u64), Arc<Families>),
    /// Count each report once in entity counts, search counts and suggested events.
    pub count_once: bool,
    /// Bumped whenever `current` or `count_once` changes.
    pub version: u64,
    /// The open Versions view.
    pub versions: Option<VersionsView>,
    /// Articles up to which the families are derived from the index on the UI thread.
    pub inline_limit: usize,
    /// The comparison of two long versions under way, for (left id, right id).
    diff_task: Option<((ArticleId, ArticleId), BackgroundTask<WordDiff>)>,
    /// Bytes of the two texts up to which they are compared on the UI thread.
    pub diff_inline_bytes: usize,
}

/// Bytes of two versions up to which they are compared on the UI thread (about a millisecond
/// for wire stories); longer ones, which can differ throughout, are compared on a thread.
const DIFF_INLINE_BYTES: usize = 40_000;

impl Default for FamilyState {
    fn default() -> Self {
        FamilyState {
            index: Some(FamilyIndex::new()),
            index_version: u64::MAX,
            task: None,
            current: ((u64::MAX, u64::MAX), Arc::default()),
            count_once: true,
            version: 0,
            versions: None,
            inline_limit: 20_000,
            diff_task: None,
            diff_inline_bytes: DIFF_INLINE_BYTES,
        }
    }
}

impl DatelineApp {
    /// Brings the family index up to date off the UI thread when the articles changed, and
    /// derives the families again when the index or the user's decisions changed.
    pub(super) fn refresh_families(&mut self) {
        if let Some(task) = &self.families.task {
            match task.poll() {
                TaskPoll::Pending => {}
                TaskPoll::Done(FamilyWork {
                    index,
                    version,
                    derived,
                }) => {
                    self.families.index = Some(index);
                    self.families.index_version = version;
                    self.families.task = None;
                    if let Some((wanted, found)) = derived {
                        self.install_families(wanted, found);
                    }
                }
                TaskPoll::Lost => {
                    self.families.task = None;
                    self.families.index = Some(FamilyIndex::new());
                    self.families.index_version = u64::MAX;
                }
            }
        }
        if self.families.task.is_none() && self.families.index_version != self.articles_version {
            if let Some(mut index) = self.families.index.take() {
                let version = self.articles_version;
                let articles = Arc::clone(&self.workspace.articles);
                let label = "Finding versions of the same report…".to_string();
                match BackgroundTask::start("families", label, self.wake.clone(), move || {
                    index.update(&articles);
                    FamilyWork {
                        index,
                        version,
                        derived: None,
                    }
                }) {
                    Ok(task) => self.families.task = Some(task),
                    Err(_) => self.families.index = Some(FamilyIndex::new()),
                }
            }
            return;
        }
        let wanted = (self.families.index_version, self.derived.families);
        if self.families.task.is_none() && self.families.current.0 != wanted {
            if self.workspace.articles.len() <= self.families.inline_limit {
                let Some(index) = &self.families.index else {
                    return;
                };
                let found = families(
                    &self.workspace.articles,
                    index.links(),
                    &self.workspace.family_decisions,
                );
                self.install_families(wanted, found);
            } else if let Some(index) = self.families.index.take() {
                // Grouping 100,000 articles' links takes longer than a frame.
                let articles = Arc::clone(&self.workspace.articles);
                let decisions = self.workspace.family_decisions.clone();
                let label = "Grouping versions of the same report…".to_string();
                let version = self.families.index_version;
                match BackgroundTask::start("families", label, self.wake.clone(), move || {
                    let found = families(&articles, index.links(), &decisions);
                    FamilyWork {
                        index,
                        version,
                        derived: Some((wanted, found)),
                    }
                }) {
                    Ok(task) => self.families.task = Some(task),
                    Err(_) => {
                        // The index went with the thread that could not start: built again.
                        self.families.index = Some(FamilyIndex::new());
                        self.families.index_version = u64::MAX;
                    }
                }
            }
        }
    }

    /// Puts families derived for `wanted` (index version, content version) in place.
    fn install_families(&mut self, wanted: (u64, u64), found: Families) {
        if *self.families.current.1 != found {
            let old = std::mem::replace(&mut self.families.current.1, Arc::new(found));
            crate::jobs::drop_elsewhere(old);
            self.family_counts_changed();
        }
        self.families.current.0 = wanted;
    }

    /// True while the families do not yet reflect the articles: the index is being brought up
    /// to date, or the families were not derived since.
    pub(super) fn families_pending(&self) -> bool {
        self.families.task.is_some()
            || self.families.index_version != self.articles_version
            || self.families.current.0.0 != self.families.index_version
    }

    /// The label of the family task while it runs.
    pub(super) fn families_busy(&self) -> Option<&str> {
        self.families
            .task
            .as_ref()
            .map(|t| t.label.as_str())
            .or(self
                .families
                .diff_task
                .as_ref()
                .map(|(_, t)| t.label.as_str()))
    }

    /// Builds the library's orders and filter text off the UI thread when the articles of a
    /// large workspace changed, and hands them to the library when they arrive.
    pub(super) fn refresh_library_index(&mut self) {
        /// Articles from which the library's orders are built off the UI thread.
        const LIBRARY_INDEX_FROM: usize = 5_000;
        if let Some(task) = &self.library_index.0 {
            match task.poll() {
                TaskPoll::Pending => return,
                TaskPoll::Done(index) => {
                    self.library_index.0 = None;
                    if index.version == self.derived.articles {
                        self.library.set_index(Arc::new(index));
                    }
                }
                TaskPoll::Lost => self.library_index.0 = None,
            }
        }
        let version = self.derived.articles;
        if self.workspace.articles.len() < LIBRARY_INDEX_FROM
            || self.library_index.1 == Some(version)
        {
            return;
        }
        self.library_index.1 = Some(version);
        let articles = Arc::clone(&self.workspace.articles);
        let label = "Sorting the library…".to_string();
        if let Ok(task) = BackgroundTask::start("library", label, self.wake.clone(), move || {
            crate::ui::library_index::LibraryIndex::build(&articles, version)
        }) {
            self.library_index.0 = Some(task);
        }
    }

    /// Brings the library's rows up to date with the articles and the families.
    pub(super) fn refresh_library(&mut self) {
        self.library.refresh(
            &self.workspace,
            self.derived.articles,
            &self.families.current.1,
            self.families.version,
        );
    }

    /// The families as last derived.
    pub fn families(&self) -> &Families {
        &self.families.current.1
    }

    /// What counts depend on changed: names, events and the library are derived again.
    fn family_counts_changed(&mut self) {
        self.families.version += 1;
        self.registry_stale = true;
        self.events.inputs += 1;
    }

    /// Count each report once, or every copy.
    pub(super) fn set_count_once(&mut self, once: bool) {
        if self.families.count_once != once {
            self.families.count_once = once;
            self.family_counts_changed();
        }
    }

    /// The families to count by: empty when every copy counts.
    pub(super) fn counting_families(&self) -> Arc<Families> {
        if self.families.count_once {
            Arc::clone(&self.families.current.1)
        } else {
            Arc::default()
        }
    }

    /// Opens the Versions view on an article's family, comparing it with the version before
    /// it (or, for the first, with the next).
    pub(super) fn open_versions(&mut self, id: ArticleId) {
        let Some(family) = self.families().of(id) else {
            self.message = Some("This article has no other version.".into());
            return;
        };
        let members = family.members.clone();
        let at = members.iter().position(|m| *m == id).unwrap_or(0);
        let (left, right) = if at == 0 { (0, 1) } else { (at - 1, at) };
        self.families.versions = Some(VersionsView {
            members,
            left,
            right,
            diff: None,
        });
    }

    /// Keeps the Versions view's comparison current.
    pub(super) fn refresh_versions(&mut self) {
        let Some(view) = &mut self.families.versions else {
            return;
        };
        let (Some(&l), Some(&r)) = (view.members.get(view.left), view.members.get(view.right))
        else {
            self.families.versions = None;
            return;
        };
        if view
            .diff
            .as_ref()
            .is_some_and(|(a, b, _)| (*a, *b) == (l, r))
        {
            return;
        }
        let (Some(a), Some(b)) = (self.workspace.article(l), self.workspace.article(r)) else {
            self.families.versions = None;
            return;
        };
        if let Some((pair, task)) = &self.families.diff_task {
            if *pair == (l, r) {
                match task.poll() {
                    TaskPoll::Pending => return,
                    TaskPoll::Done(diff) => {
                        view.diff = Some((l, r, Arc::new(diff)));
                        self.families.diff_task = None;
                        return;
                    }
                    // Compared here rather than never.
                    TaskPoll::Lost => self.families.diff_task = None,
                }
            } else {
                // Another pair is shown now; that comparison is not wanted.
                self.families.diff_task = None;
            }
        }
        if a.body.len() + b.body.len() > self.families.diff_inline_bytes
            && self.families.diff_task.is_none()
        {
            let (left, right) = (Arc::clone(&a.body), Arc::clone(&b.body));
            let label = "Comparing the versions…".to_string();
            if let Ok(task) =
                BackgroundTask::start("compare", label, self.wake.clone(), move || {
                    word_diff(&left, &right)
                })
            {
                view.diff = None;
                self.families.diff_task = Some(((l, r), task));
                return;
            }
        }
        view.diff = Some((l, r, Arc::new(word_diff(&a.body, &b.body))));
    }

    /// Sets how many bytes two versions may have together and still be compared on the UI
    /// thread (tests use 0 to take the path long articles take).
    pub fn set_versions_inline_bytes(&mut self, bytes: usize) {
        self.families.diff_inline_bytes = bytes;
    }

    /// Records a decision on families as an undoable edit.
    pub(super) fn decide_family(&mut self, decision: FamilyDecision) {
        let said = match &decision {
            FamilyDecision::Apart(..) => "Marked as not the same report",
            FamilyDecision::Together(..) => "Marked as the same report",
            FamilyDecision::Alone(..) => "Taken out of its family",
        };
        if self.apply_edit(Edit::PushFamilyDecision(decision)) {
            self.message = Some(format!("{said} (Ctrl+Z to undo)."));
            self.families.versions = None;
        }
    }

    /// Copies one version's annotations to the same words of others, as one undoable edit.
    pub(super) fn copy_annotations_between(&mut self, from: ArticleId, to: &[ArticleId]) {
        let plan = copy_annotations_to(&self.workspace, from, to);
        let mut said = format!("Copied {} annotations", plan.copied);
        if plan.already_there > 0 {
            said.push_str(&format!("; {} were there already", plan.already_there));
        }
        if plan.not_found > 0 {
            said.push_str(&format!(
                "; {} have words the other version does not have",
                plan.not_found
            ));
        }
        if let Some(edit) = plan.edit {
            self.apply_edit(edit);
        }
        self.message = Some(format!("{said}."));
    }
}

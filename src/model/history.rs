//! Undo and redo: the inverses of applied edits, bounded in depth, and a revision that names
//! the state the workspace is in, so "unsaved changes" is a comparison, never a flag.

use std::collections::VecDeque;

use super::{Edit, EditError, Workspace};

/// The default number of steps that can be undone.
pub const DEFAULT_DEPTH: usize = 500;

/// What can be undone and redone.
#[derive(Clone, Debug)]
pub struct History {
    /// (inverse, revision before the step), oldest first.
    undo: VecDeque<(Edit, u64)>,
    /// (edit to redo, revision it leads to), most recently undone last.
    redo: Vec<(Edit, u64)>,
    depth: usize,
    /// The state the workspace is in.
    revision: u64,
    /// The last revision handed out; revisions are never reused.
    last: u64,
}

impl Default for History {
    fn default() -> Self {
        Self::with_depth(DEFAULT_DEPTH)
    }
}

impl History {
    /// A history that keeps at most `depth` steps (at least one).
    pub fn with_depth(depth: usize) -> Self {
        Self {
            undo: VecDeque::new(),
            redo: Vec::new(),
            depth: depth.max(1),
            revision: 0,
            last: 0,
        }
    }

    /// The revision of the workspace's current state: changed by every edit, and back to an
    /// earlier value when an undo returns to that state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A new revision for a change made outside the history (an import): it cannot be undone,
    /// but it is not the saved state either.
    pub fn external_change(&mut self) {
        self.last += 1;
        self.revision = self.last;
        // Steps recorded before it still apply (they name events and annotations by id), but
        // the revisions they would return to are no longer this content.
        for (_, before) in self.undo.iter_mut() {
            *before = u64::MAX;
        }
        self.redo.clear();
    }

    /// Applies a new edit; it becomes the step to undo, and what was undone can no longer be
    /// redone.
    pub fn apply(&mut self, edit: Edit, workspace: &mut Workspace) -> Result<(), EditError> {
        let inverse = edit.apply(workspace)?;
        self.undo.push_back((inverse, self.revision));
        if self.undo.len() > self.depth {
            self.undo.pop_front();
        }
        self.redo.clear();
        self.last += 1;
        self.revision = self.last;
        Ok(())
    }

    /// Undoes the last step; `None` when there is none, else the edit that was applied.
    pub fn undo(&mut self, workspace: &mut Workspace) -> Result<Option<&Edit>, EditError> {
        let Some((inverse, before)) = self.undo.pop_back() else {
            return Ok(None);
        };
        let redo = inverse.apply(workspace)?;
        self.redo.push((redo, self.revision));
        self.revision = if before == u64::MAX {
            self.last += 1;
            self.last
        } else {
            before
        };
        Ok(self.redo.last().map(|(e, _)| e))
    }

    /// Redoes the last undone step; `None` when there is none, else the edit that will undo it.
    pub fn redo(&mut self, workspace: &mut Workspace) -> Result<Option<&Edit>, EditError> {
        let Some((edit, after)) = self.redo.pop() else {
            return Ok(None);
        };
        let inverse = edit.apply(workspace)?;
        self.undo.push_back((inverse, self.revision));
        self.revision = after;
        Ok(self.undo.back().map(|(e, _)| e))
    }

    /// The step undo would apply next.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.back().map(|(e, _)| e)
    }

    /// The step redo would apply next.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|(e, _)| e)
    }

    /// True when there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets every step (a new or opened workspace) and starts a new revision.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last += 1;
        self.revision = self.last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Workspace};

    fn headline(workspace: &Workspace) -> &str {
        &workspace.articles[0].headline
    }

    fn workspace() -> Workspace {
        let mut w = Workspace::default();
        w.articles_mut().push(crate::model::Article {
            id: ArticleId(0),
            source: crate::model::SourceInfo {
                path: "a.txt".into(),
                content_hash: String::new(),
                byte_len: 0,
                encoding: "UTF-8".into(),
                format: crate::model::SourceFormat::Text,
                modified: None,
                item: None,
            },
            original: Default::default(),
            headline: "one".into(),
            published: None,
            byline: None,
            dateline: None,
            agency: None,
            body: "".into(),
            reference_override: None,
            reference_estimate: None,
            meta: Default::default(),
            extracted: None,
        });
        w
    }

    #[test]
    fn undo_returns_to_the_earlier_revision_and_redo_forward() {
        let mut w = workspace();
        let mut h = History::default();
        let start = h.revision();
        h.apply(Edit::SetHeadline(ArticleId(0), "two".into()), &mut w)
            .unwrap_or_else(|e| panic!("{e}"));
        let two = h.revision();
        assert_ne!(two, start);
        h.apply(Edit::SetHeadline(ArticleId(0), "three".into()), &mut w)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(headline(&w), "three");
        assert!(h.undo(&mut w).unwrap_or_else(|e| panic!("{e}")).is_some());
        assert_eq!((headline(&w), h.revision()), ("two", two));
        assert!(h.undo(&mut w).unwrap_or_else(|e| panic!("{e}")).is_some());
        assert_eq!((headline(&w), h.revision()), ("one", start));
        assert!(h.undo(&mut w).unwrap_or_else(|e| panic!("{e}")).is_none());
        assert!(h.redo(&mut w).unwrap_or_else(|e| panic!("{e}")).is_some());
        assert_eq!((headline(&w), h.revision()), ("two", two));
        // A new edit after an undo drops what could be redone.
        h.apply(Edit::SetHeadline(ArticleId(0), "four".into()), &mut w)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!h.can_redo());
    }

    #[test]
    fn depth_is_bounded() {
        let mut w = workspace();
        let mut h = History::with_depth(3);
        for n in 0..10 {
            h.apply(Edit::SetHeadline(ArticleId(0), n.to_string()), &mut w)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let mut undone = 0;
        while h.undo(&mut w).unwrap_or_else(|e| panic!("{e}")).is_some() {
            undone += 1;
        }
        assert_eq!((undone, headline(&w)), (3, "6"));
    }
}

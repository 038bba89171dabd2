//! Undo and redo: the inverses of applied edits, bounded in depth.

use std::collections::VecDeque;

use super::{Edit, EditError, Workspace};

/// The default number of steps that can be undone.
pub const DEFAULT_DEPTH: usize = 500;

/// What can be undone and redone.
#[derive(Clone, Debug)]
pub struct History {
    undo: VecDeque<Edit>,
    redo: Vec<Edit>,
    depth: usize,
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
        }
    }

    /// Applies a new edit; it becomes the step to undo, and what was undone can no longer be
    /// redone.
    pub fn apply(&mut self, edit: Edit, workspace: &mut Workspace) -> Result<(), EditError> {
        let inverse = edit.apply(workspace)?;
        self.undo.push_back(inverse);
        if self.undo.len() > self.depth {
            self.undo.pop_front();
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self, workspace: &mut Workspace) -> Result<bool, EditError> {
        let Some(inverse) = self.undo.pop_back() else {
            return Ok(false);
        };
        let redo = inverse.apply(workspace)?;
        self.redo.push(redo);
        Ok(true)
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self, workspace: &mut Workspace) -> Result<bool, EditError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(false);
        };
        let inverse = edit.apply(workspace)?;
        self.undo.push_back(inverse);
        Ok(true)
    }

    /// True when there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (a new or opened workspace).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

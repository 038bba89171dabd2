//! Removing articles from the workspace, and what follows any change to the list of articles
//! (a removal, or its undo): the views that count articles start again and nothing selected
//! points at an article that is gone.

use super::DatelineApp;
use crate::model::{ArticleId, Edit};

impl DatelineApp {
    /// Removes these articles with the work on them as one undoable step.
    pub(super) fn remove_articles(&mut self, ids: &[ArticleId]) {
        let edit = Edit::remove_articles(&self.workspace, ids);
        let removed = edit.articles_removed();
        if removed == 0 {
            self.message = Some("Those articles are no longer in the workspace".into());
            return;
        }
        // The row after the selected one is selected next, as after a delete in a list.
        let was_selected = self.selection.is_some_and(|id| ids.contains(&id));
        let next = if was_selected {
            [1, -1]
                .into_iter()
                .filter_map(|step| {
                    self.library
                        .neighbour(&self.workspace, self.selection, step)
                })
                .find(|id| !ids.contains(id))
        } else {
            None
        };
        if self.apply_edit(edit) {
            if was_selected {
                self.selection = next;
            }
            self.message = Some(if removed == 1 {
                "1 article removed from the workspace, with the work on it (Ctrl+Z brings it back)"
                    .into()
            } else {
                format!(
                    "{removed} articles removed from the workspace, with the work on them \
                     (Ctrl+Z brings them back)"
                )
            });
        }
    }

    /// The list of articles changed (an article removed or put back): what is derived from
    /// the whole list starts again, and selections of words or evidence in an article that is
    /// gone are dropped.
    pub(super) fn article_list_changed(&mut self) {
        self.articles_version += 1;
        self.events.inputs += 1;
        let gone = |id: ArticleId| self.workspace.article(id).is_none();
        if self.selection.is_some_and(gone) {
            self.selection = None;
        }
        if self.events.focus.as_ref().is_some_and(|f| gone(f.article)) {
            self.events.focus = None;
        }
        if self
            .selection_menu
            .selection
            .is_some_and(|(article, ..)| gone(article))
        {
            self.selection_menu.selection = None;
        }
        if self
            .selected_annotation
            .is_some_and(|id| !self.workspace.annotations.iter().any(|a| a.id == id))
        {
            self.selected_annotation = None;
        }
        self.refresh_library();
    }
}

//! The workspace aggregate: everything a researcher's file holds.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{
    Annotation, Article, ArticleId, Codebook, EntityDecision, Event, Orphan, Rebased,
    SuggestionKey, TimexCorrection, rebase_article,
};

/// A file that could not be imported, and why. Kept so the user can see what is missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The file or folder that was skipped.
    pub path: PathBuf,
    /// What was wrong, in words a user understands: "binary file (not text)".
    pub reason: String,
}

/// What adding a batch of imported articles changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Articles that were not in the workspace before.
    pub added: usize,
    /// Articles whose source file was already there with other content; their text was updated.
    pub updated: usize,
    /// Articles already in the workspace with the same content; left as they were.
    pub unchanged: usize,
    /// The work anchored in updated articles, found again or orphaned.
    pub rebased: Rebased,
}

/// A research workspace: the articles and the problems met importing them.
///
/// Corrections, entity decisions and events are keyed by `ArticleId`, which is why ids are never
/// reused.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// The articles in import order. Shared, so that a snapshot of the workspace (a save, the
    /// recovery file) costs no copy of the articles; changing one copies the list only while
    /// such a snapshot is still alive (`Arc::make_mut`).
    pub articles: std::sync::Arc<Vec<Article>>,
    /// Files that were skipped, with reasons.
    pub problems: Vec<ImportProblem>,
    /// The id the next new article gets.
    pub next_article_id: u64,
    /// Values of time expressions corrected by the user.
    #[serde(default)]
    pub timex_corrections: Vec<TimexCorrection>,
    /// The user's merges, renames, retypes and hides of entities, in the order made.
    #[serde(default)]
    pub entity_decisions: Vec<EntityDecision>,
    /// Events the user made or kept (suggestions stay derived until the user touches them).
    #[serde(default)]
    pub events: Vec<Event>,
    /// The id the next new event gets.
    #[serde(default)]
    pub next_event_id: u64,
    /// Suggested events the user deleted; re-extraction leaves them out.
    #[serde(default)]
    pub dismissed_suggestions: Vec<SuggestionKey>,
    /// The user's annotations and decisions on suggestions.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// The id the next annotation gets.
    #[serde(default)]
    pub next_annotation_id: u64,
    /// The user's tags.
    #[serde(default)]
    pub codebook: Codebook,
    /// Work whose words could not be found again after a source changed, until the user
    /// places or deletes it.
    #[serde(default)]
    pub orphans: Vec<Orphan>,
    /// The folders and files the user imported, looked through again by "Rescan sources".
    #[serde(default)]
    pub source_folders: Vec<PathBuf>,
    /// Searches the user named and kept.
    #[serde(default)]
    pub saved_searches: Vec<SavedSearch>,
}

/// A search the user named and kept in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// The name shown in the list.
    pub name: String,
    /// The query as typed.
    pub query: String,
}

impl Workspace {
    /// The article with this id.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.article_index(id).map(|i| &self.articles[i])
    }

    /// Every article's id and body, shared, for work on another thread (names, events).
    pub fn bodies(&self) -> Vec<(ArticleId, std::sync::Arc<str>)> {
        self.articles
            .iter()
            .map(|a| (a.id, std::sync::Arc::clone(&a.body)))
            .collect()
    }

    /// The articles to change: copied first only if a snapshot still shares them.
    pub fn articles_mut(&mut self) -> &mut Vec<Article> {
        std::sync::Arc::make_mut(&mut self.articles)
    }

    /// The stored event with this id.
    pub fn event(&self, id: super::EventId) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The position of the article with this id in `articles`. Articles are kept in the order
    /// of their ids (ids are handed out in import order), so this is a binary search; a file
    /// edited out of order falls back to a scan.
    pub fn article_index(&self, id: ArticleId) -> Option<usize> {
        self.articles
            .binary_search_by_key(&id, |a| a.id)
            .ok()
            .or_else(|| self.articles.iter().position(|a| a.id == id))
    }

    /// Adds freshly imported articles (their ids are ignored and assigned here) and problems.
    ///
    /// A source path already in the workspace is not duplicated: identical content is left as
    /// it is, changed content updates the article in place, keeps its id and re-anchors the
    /// work in it (what cannot be placed goes to the orphans). A problem replaces an earlier
    /// problem for the same path.
    pub fn merge_import(
        &mut self,
        articles: Vec<Article>,
        problems: Vec<ImportProblem>,
    ) -> MergeSummary {
        let mut summary = MergeSummary::default();
        let mut by_path: HashMap<PathBuf, usize> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source.path.clone(), i))
            .collect();
        for mut article in articles {
            match by_path.get(&article.source.path) {
                Some(&i) if self.articles[i].source.content_hash == article.source.content_hash => {
                    summary.unchanged += 1;
                }
                Some(&i) => {
                    let id = self.articles[i].id;
                    article.id = id;
                    article.reference_override = self.articles[i].reference_override;
                    let old = std::mem::replace(&mut self.articles_mut()[i], article);
                    let new_body = self.articles[i].body.clone();
                    let rebased = rebase_article(self, id, &old.body, &new_body);
                    summary.rebased.merge(rebased);
                    summary.updated += 1;
                }
                None => {
                    article.id = ArticleId(self.next_article_id);
                    self.next_article_id += 1;
                    by_path.insert(article.source.path.clone(), self.articles.len());
                    self.articles_mut().push(article);
                    summary.added += 1;
                }
            }
        }
        let imported: std::collections::HashSet<&PathBuf> =
            self.articles.iter().map(|a| &a.source.path).collect();
        self.problems
            .retain(|p| !imported.contains(&p.path) && !problems.iter().any(|n| n.path == p.path));
        self.problems.extend(problems);
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, hash: &str) -> Article {
        crate::model::test_article(path, hash, "x")
    }

    #[test]
    fn merging_twice_keeps_one_copy_and_ids_stay() {
        let mut ws = Workspace::default();
        let first = ws.merge_import(vec![article("/a", "1"), article("/b", "2")], vec![]);
        assert_eq!(first.added, 2);
        let second = ws.merge_import(vec![article("/a", "1"), article("/b", "3")], vec![]);
        assert_eq!((second.added, second.updated, second.unchanged), (0, 1, 1));
        assert_eq!(ws.articles.len(), 2);
        assert_eq!(ws.articles[1].id, ArticleId(1));
        assert_eq!(ws.articles[1].source.content_hash, "3");
    }

    #[test]
    fn articles_are_found_by_id_in_order_and_out_of_order() {
        let mut ws = Workspace::default();
        ws.merge_import(
            vec![article("/a", "1"), article("/b", "2"), article("/c", "3")],
            vec![],
        );
        assert_eq!(ws.article_index(ArticleId(2)), Some(2));
        assert_eq!(ws.article_index(ArticleId(9)), None);
        ws.articles_mut().swap(0, 2);
        assert_eq!(ws.article_index(ArticleId(2)), Some(0));
        assert_eq!(ws.article(ArticleId(0)).map(|a| a.id), Some(ArticleId(0)));
    }

    #[test]
    fn a_problem_fixed_later_disappears() {
        let mut ws = Workspace::default();
        let problem = ImportProblem {
            path: "/a".into(),
            reason: "empty file".into(),
        };
        ws.merge_import(vec![], vec![problem]);
        assert_eq!(ws.problems.len(), 1);
        ws.merge_import(vec![article("/a", "1")], vec![]);
        assert!(ws.problems.is_empty());
    }
}

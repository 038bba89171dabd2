//! The workspace aggregate: everything a researcher's file holds.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{
    Annotation, Article, ArticleId, Codebook, EntityDecision, Event, Orphan, Rebased,
    SuggestionKey, TimexCorrection, item_file, rebase_article, source_match::match_items,
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
    /// Articles of files that hold many that the file no longer holds; kept, and listed.
    pub left_out: usize,
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
    /// The user's annotations and decisions on suggestions. Shared like the articles, so a
    /// snapshot for a save or the recovery file copies none of them (300,000 took 40 ms).
    #[serde(default)]
    pub annotations: std::sync::Arc<Vec<Annotation>>,
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
    /// The user's decisions on which articles are versions of one report, in the order made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub family_decisions: Vec<super::FamilyDecision>,
    /// The sources (files, or `file#n` for one article of a file that holds many) of the
    /// articles the user removed: a rescan does not bring them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_sources: Vec<PathBuf>,
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
    pub fn bodies(&self) -> Vec<super::ArticleText> {
        self.articles.iter().map(Article::text).collect()
    }

    /// The annotations to change: copied first only if a snapshot still shares them.
    pub fn annotations_mut(&mut self) -> &mut Vec<Annotation> {
        std::sync::Arc::make_mut(&mut self.annotations)
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
    /// A source already in the workspace is not duplicated: identical content is left as it
    /// is, changed content updates the article in place, keeps its id and re-anchors the work
    /// in it (what cannot be placed goes to the orphans). For a file that holds many articles
    /// (an export, a feed) each article is known by the database's id, else its text, else its
    /// place in the file ([`super::source_match`]); an article of such a file that is no longer
    /// in it is kept as it was and listed as a problem. Reading a file again replaces the
    /// problems listed for it before.
    pub fn merge_import(
        &mut self,
        articles: Vec<Article>,
        problems: Vec<ImportProblem>,
    ) -> MergeSummary {
        let mut summary = MergeSummary::default();
        let mut by_path: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        for (i, article) in self.articles.iter().enumerate() {
            by_path
                .entry(article.source.path.clone())
                .or_default()
                .push(i);
        }
        let mut files: Vec<(PathBuf, Vec<Article>)> = Vec::new();
        let mut file_of: HashMap<PathBuf, usize> = HashMap::new();
        for article in articles {
            let path = article.source.path.clone();
            let k = *file_of.entry(path.clone()).or_insert_with(|| {
                files.push((path, Vec::new()));
                files.len() - 1
            });
            files[k].1.push(article);
        }
        let mut read: HashSet<PathBuf> = problems
            .iter()
            .map(|p| item_file(&p.path).to_path_buf())
            .collect();
        let mut left_out = Vec::new();
        for (path, incoming) in files {
            let existing: Vec<usize> = by_path.get(&path).cloned().unwrap_or_default();
            let matched = {
                let old: Vec<&Article> = existing.iter().map(|&i| &self.articles[i]).collect();
                match_items(&old, &incoming)
            };
            let mut kept = vec![false; existing.len()];
            for (article, slot) in incoming.into_iter().zip(matched) {
                match slot {
                    Some(k) => {
                        kept[k] = true;
                        self.update_article(existing[k], article, &mut summary);
                    }
                    None => {
                        let mut article = article;
                        article.id = ArticleId(self.next_article_id);
                        self.next_article_id += 1;
                        self.articles_mut().push(article);
                        summary.added += 1;
                    }
                }
            }
            for (k, &i) in existing.iter().enumerate() {
                if !kept[k] && self.articles[i].source.item.is_some() {
                    left_out.push(ImportProblem {
                        path: self.articles[i].source.item_path(),
                        reason: LEFT_OUT_REASON.into(),
                    });
                }
            }
            read.insert(path);
        }
        if summary.added > 0 {
            // Pushes leave up to half the list's room spare.
            self.articles_mut().shrink_to_fit();
        }
        summary.left_out = left_out.len();
        let imported: HashSet<PathBuf> =
            self.articles.iter().map(|a| a.source.item_path()).collect();
        self.problems.retain(|p| {
            !imported.contains(&p.path)
                && !read.contains(item_file(&p.path))
                && !problems.iter().any(|n| n.path == p.path)
        });
        // An article the user removed and has now imported again is no longer removed.
        self.removed_sources.retain(|p| !imported.contains(p));
        self.problems.extend(problems);
        self.problems.extend(left_out);
        self.settle_reference_estimates();
        summary
    }

    /// Settles the undated articles' estimated reference dates against the workspace
    /// (`corpus_changes`), touching the articles only when one changes: an import that
    /// changed nothing copies no article list a snapshot still shares.
    pub fn settle_reference_estimates(&mut self) {
        let changes = super::corpus_changes(&self.articles);
        if changes.is_empty() {
            return;
        }
        super::apply_corpus_changes(self.articles_mut(), changes);
    }

    /// Lays an article read again over the one at `index`: the same content leaves it as it
    /// is (its place in the file may have changed); other content replaces the text and
    /// re-anchors the work in it.
    fn update_article(&mut self, index: usize, mut article: Article, summary: &mut MergeSummary) {
        let current = &self.articles[index];
        if current.source.content_hash == article.source.content_hash {
            if current.source.item != article.source.item || current.meta != article.meta {
                let target = &mut self.articles_mut()[index];
                target.source.item = article.source.item;
                target.meta = article.meta;
            }
            summary.unchanged += 1;
            return;
        }
        let id = current.id;
        article.id = id;
        article.reference_override = current.reference_override;
        let old = std::mem::replace(&mut self.articles_mut()[index], article);
        let new_body = self.articles[index].body.clone();
        let rebased = rebase_article(self, id, &old.body, &new_body);
        summary.rebased.merge(rebased);
        summary.updated += 1;
    }
}

/// The reason listed for an article no longer found in the file that held it (an export
/// downloaded again without it).
pub const LEFT_OUT_REASON: &str = "no longer in its source file (downloaded again without it?); the article is kept as it was last read";

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

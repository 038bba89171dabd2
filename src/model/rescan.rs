//! "Rescan sources": what a fresh look at the source folders found, laid over the workspace.
//! New files become articles, changed files replace their article's text and carry the work in
//! it over ([`super::rebase_article`]), a file found under another path with the same content
//! hash is the same article moved, and an article whose file is gone is kept as last read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{
    AnchorCounts, AnchorStatus, AnnotationAnchoring, Article, ArticleId, ImportProblem, Workspace,
};

/// An article whose file was found under another path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedSource {
    /// The article.
    pub article: ArticleId,
    /// Where it was.
    pub from: PathBuf,
    /// Where it is now.
    pub to: PathBuf,
}

/// What a rescan found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RescanReport {
    /// New files, now articles.
    pub added: usize,
    /// Files whose content changed; their articles were updated.
    pub changed: usize,
    /// Files as they were.
    pub unchanged: usize,
    /// Files found under another path.
    pub moved: Vec<MovedSource>,
    /// Sources that are gone; their articles are kept as last read.
    pub missing: Vec<PathBuf>,
    /// Of those, the ones not known to be gone before this rescan.
    pub newly_missing: usize,
    /// Files that could not be read as articles.
    pub problems: usize,
    /// Of those, the ones not already listed with the same reason.
    pub new_problems: usize,
    /// Every annotation of the workspace: unchanged, moved or orphaned, by article.
    pub annotations: Vec<AnnotationAnchoring>,
    /// Corrected time expressions in changed articles.
    pub corrections: AnchorCounts,
    /// Event evidence in changed articles.
    pub evidence: AnchorCounts,
}

impl RescanReport {
    /// True when the workspace changed.
    pub fn changed_anything(&self) -> bool {
        self.added + self.changed + self.moved.len() + self.newly_missing + self.new_problems > 0
    }

    /// True when article texts changed, so offsets remembered elsewhere (undo) are stale.
    pub fn changed_texts(&self) -> bool {
        self.changed > 0
    }

    /// Items sent to the orphans list.
    pub fn orphaned(&self) -> usize {
        self.annotations
            .iter()
            .filter(|a| a.status == AnchorStatus::Orphaned)
            .count()
            + self.corrections.orphaned
            + self.evidence.orphaned
    }

    /// One sentence for a status line: "2 new, 1 changed, 1 moved, 0 gone; 3 annotations
    /// moved, 1 orphaned".
    pub fn summary(&self) -> String {
        let moved = |status| {
            self.annotations
                .iter()
                .filter(|a| a.status == status)
                .count()
        };
        let mut text = format!(
            "Sources: {} new, {} changed, {} moved, {} gone, {} unchanged",
            self.added,
            self.changed,
            self.moved.len(),
            self.missing.len(),
            self.unchanged
        );
        if self.problems > 0 {
            text.push_str(&format!(", {} unreadable", self.problems));
        }
        if self.changed > 0 {
            text.push_str(&format!(
                "; annotations: {} moved, {} orphaned",
                moved(AnchorStatus::Moved),
                moved(AnchorStatus::Orphaned)
            ));
            let other = self.corrections.orphaned + self.evidence.orphaned;
            if other > 0 {
                text.push_str(&format!(", and {other} corrections or evidence orphaned"));
            }
        }
        text
    }
}

/// The reason shown for an article whose source file is gone.
pub const GONE_REASON: &str =
    "source file is gone (moved or deleted); the article is kept as it was last read";

/// The source files of `articles`, to tell which are gone.
pub fn source_files(articles: &[Article]) -> Vec<PathBuf> {
    articles.iter().map(|a| a.source.path.clone()).collect()
}

/// The content hash of every source file that gave one of `articles`, by path: a rescan leaves
/// such a file unparsed while its bytes hash the same. Files that gave many articles (a
/// database export, a feed) are always read again.
pub fn source_hashes(articles: &[Article]) -> std::collections::HashMap<PathBuf, String> {
    let mut hashes = std::collections::HashMap::with_capacity(articles.len());
    let mut shared = HashSet::new();
    for a in articles {
        if a.source.item.is_some()
            || hashes
                .insert(a.source.path.clone(), a.source.content_hash.clone())
                .is_some()
        {
            shared.insert(a.source.path.clone());
        }
    }
    hashes.retain(|path, _| !shared.contains(path));
    hashes
}

impl Workspace {
    /// Records folders or files the user imported (absolute paths), so a rescan looks there
    /// again; paths inside a folder already recorded are not repeated.
    pub fn remember_sources(&mut self, paths: &[PathBuf]) {
        for path in paths {
            if self
                .source_folders
                .iter()
                .any(|root| path.starts_with(root))
            {
                continue;
            }
            self.source_folders.retain(|root| !root.starts_with(path));
            self.source_folders.push(path.clone());
        }
    }

    /// The source files of the articles, to tell which are gone.
    pub fn source_files(&self) -> Vec<PathBuf> {
        source_files(&self.articles)
    }

    /// The content hash of every source file that gave one article, by path (see
    /// [`source_hashes`]).
    pub fn source_hashes(&self) -> std::collections::HashMap<PathBuf, String> {
        source_hashes(&self.articles)
    }

    /// Where a rescan looks: the imported folders (for workspaces made before they were
    /// recorded, the folders of the articles), and every article file outside them.
    pub fn rescan_paths(&self) -> Vec<PathBuf> {
        let mut roots = self.source_folders.clone();
        if roots.is_empty() {
            for article in self.articles.iter() {
                if let Some(folder) = article.source.path.parent()
                    && !roots.iter().any(|r| r.as_path() == folder)
                {
                    roots.push(folder.to_path_buf());
                }
            }
        }
        let outside: Vec<PathBuf> = self
            .articles
            .iter()
            .map(|a| a.source.path.clone())
            .filter(|p| !roots.iter().any(|r| p.starts_with(r)))
            .collect();
        roots.extend(outside);
        roots
    }

    /// Lays a rescan over the workspace. `found` are the articles read from
    /// [`Workspace::rescan_paths`], `problems` the files that could not be read, and `gone`
    /// the article files that no longer exist. When `complete` is false (a cancelled scan) no
    /// article is taken for moved or gone.
    pub fn apply_rescan(
        &mut self,
        found: Vec<Article>,
        problems: Vec<ImportProblem>,
        gone: &[PathBuf],
        complete: bool,
    ) -> RescanReport {
        let known_gone: HashSet<PathBuf> = self
            .problems
            .iter()
            .filter(|p| p.reason == GONE_REASON)
            .map(|p| p.path.clone())
            .collect();
        self.problems.retain(|p| p.reason != GONE_REASON);
        let mut report = RescanReport {
            problems: problems.len(),
            new_problems: problems
                .iter()
                .filter(|p| !self.problems.contains(p))
                .count(),
            ..Default::default()
        };
        let known: HashSet<PathBuf> = self
            .articles
            .iter()
            .map(|a| a.source.path.clone())
            .collect();
        let gone: HashSet<&Path> = if complete {
            gone.iter()
                .map(PathBuf::as_path)
                .filter(|p| known.contains(*p))
                .collect()
        } else {
            HashSet::new()
        };
        let mut moved_from: HashSet<PathBuf> = HashSet::new();
        let mut moved_items: HashSet<PathBuf> = HashSet::new();
        let mut moved_ids: HashSet<ArticleId> = HashSet::new();
        for article in &found {
            if known.contains(&article.source.path) {
                continue;
            }
            let twin = self.articles_mut().iter_mut().find(|a| {
                gone.contains(a.source.path.as_path())
                    && !moved_ids.contains(&a.id)
                    && a.source.content_hash == article.source.content_hash
            });
            if let Some(twin) = twin {
                moved_from.insert(twin.source.path.clone());
                moved_ids.insert(twin.id);
                report.moved.push(MovedSource {
                    article: twin.id,
                    from: twin.source.path.clone(),
                    to: article.source.path.clone(),
                });
                twin.source.path = article.source.path.clone();
                twin.source.item = article.source.item;
                twin.source.modified = article.source.modified;
                moved_items.insert(article.source.item_path());
            }
        }
        // What the user removed stays out (an explicit import brings it back).
        let removed: HashSet<&PathBuf> = self.removed_sources.iter().collect();
        let rest: Vec<Article> = found
            .into_iter()
            .filter(|a| {
                let item = a.source.item_path();
                !moved_items.contains(&item) && !removed.contains(&item)
            })
            .collect();
        let merge = self.merge_import(rest, problems);
        report.added = merge.added;
        report.changed = merge.updated;
        report.unchanged = merge.unchanged + report.moved.len();
        report.corrections = merge.rebased.corrections;
        report.evidence = merge.rebased.evidence;
        report.missing = gone
            .iter()
            .filter(|p| !moved_from.contains(**p))
            .map(|p| p.to_path_buf())
            .collect();
        report.missing.sort();
        report.newly_missing = report
            .missing
            .iter()
            .filter(|p| !known_gone.contains(*p))
            .count();
        for path in &report.missing {
            self.problems.push(ImportProblem {
                path: path.clone(),
                reason: GONE_REASON.into(),
            });
        }
        let mut annotations = merge.rebased.annotations;
        let reported: HashSet<_> = annotations.iter().map(|a| a.annotation).collect();
        annotations.extend(
            self.annotations
                .iter()
                .filter(|a| !reported.contains(&a.id))
                .map(|a| AnnotationAnchoring {
                    article: a.target.article,
                    annotation: a.id,
                    status: AnchorStatus::Unchanged,
                    old: (a.target.start, a.target.end),
                    new: Some((a.target.start, a.target.end)),
                    quote: a.target.quote.clone(),
                }),
        );
        annotations.sort_by_key(|a| (a.article, a.annotation));
        report.annotations = annotations;
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_article;

    fn workspace() -> Workspace {
        let mut ws = Workspace::default();
        ws.merge_import(
            vec![
                test_article("/news/a.txt", "1", "Alpha."),
                test_article("/news/b.txt", "2", "Beta."),
            ],
            vec![],
        );
        ws
    }

    #[test]
    fn a_file_under_a_new_path_with_the_same_hash_is_the_same_article() {
        let mut ws = workspace();
        let found = vec![
            test_article("/news/a.txt", "1", "Alpha."),
            test_article("/news/old/b.txt", "2", "Beta."),
        ];
        let report = ws.apply_rescan(found, vec![], &[PathBuf::from("/news/b.txt")], true);
        assert_eq!(report.moved.len(), 1);
        assert_eq!(report.moved[0].article, ArticleId(1));
        assert_eq!((report.added, report.changed, report.unchanged), (0, 0, 2));
        assert!(report.missing.is_empty());
        assert_eq!(ws.articles.len(), 2);
        assert_eq!(ws.articles[1].source.path, PathBuf::from("/news/old/b.txt"));
        assert!(ws.problems.is_empty());
    }

    #[test]
    fn a_gone_file_is_reported_once_and_a_cancelled_scan_takes_nothing_for_gone() {
        let mut ws = workspace();
        let found = vec![test_article("/news/a.txt", "1", "Alpha.")];
        let gone = [PathBuf::from("/news/b.txt")];
        let report = ws.apply_rescan(found.clone(), vec![], &gone, false);
        assert!(report.missing.is_empty());
        assert!(!report.changed_anything());
        let report = ws.apply_rescan(found.clone(), vec![], &gone, true);
        assert_eq!(report.missing, gone);
        assert!(report.changed_anything());
        assert_eq!(ws.articles.len(), 2, "the article stays");
        assert_eq!(ws.problems.len(), 1);
        assert_eq!(ws.problems[0].reason, GONE_REASON);
        let again = ws.apply_rescan(found, vec![], &gone, true);
        assert_eq!(again.missing.len(), 1);
        assert!(!again.changed_anything(), "known to be gone already");
        assert_eq!(ws.problems.len(), 1);
    }

    #[test]
    fn sources_inside_a_remembered_folder_are_not_repeated() {
        let mut ws = workspace();
        assert_eq!(ws.rescan_paths(), [PathBuf::from("/news")]);
        ws.remember_sources(&[PathBuf::from("/news/old")]);
        ws.remember_sources(&[PathBuf::from("/news")]);
        ws.remember_sources(&[
            PathBuf::from("/news/old/c.txt"),
            PathBuf::from("/elsewhere/d.txt"),
        ]);
        assert_eq!(
            ws.source_folders,
            [PathBuf::from("/news"), PathBuf::from("/elsewhere/d.txt")]
        );
    }
}

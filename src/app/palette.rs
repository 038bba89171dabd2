//! Feeds the command palette: ranks every action and every article, entity, tag and saved
//! search against what was typed (when it changes, not every frame), and says which actions
//! can run now.

use super::DatelineApp;
use crate::command::{Command, all_actions};
use crate::search::fold::fold;
use crate::search::fuzzy::FuzzyQuery;
use crate::ui::palette::PaletteItem;

/// Most lines the palette lists.
const MOST_LINES: usize = 60;

/// Folded names (headlines, entity names) kept for the version of the list they were made
/// from, so a keystroke folds only what was typed.
#[derive(Default)]
pub(super) struct FoldedNames {
    version: Option<u64>,
    folded: Vec<String>,
}

impl FoldedNames {
    /// The folded names for `version` of a list, folded again only when the version changed.
    fn for_version<'a>(&mut self, version: u64, names: impl Iterator<Item = &'a str>) -> &[String] {
        if self.version != Some(version) {
            self.folded = names.map(fold).collect();
            self.version = Some(version);
        }
        &self.folded
    }
}

impl DatelineApp {
    /// Whether `command` can do anything now (the palette greys the rest).
    pub(super) fn command_available(&self, command: &Command) -> bool {
        let has_articles = !self.workspace.articles.is_empty();
        match command {
            Command::Undo => self.history.can_undo(),
            Command::Redo => self.history.can_redo(),
            Command::CancelImport => self.import.is_some(),
            Command::StopExtraction => !self.extraction_stopped,
            Command::ResumeExtraction => self.extraction_stopped,
            Command::ToggleOriginal | Command::OpenFind | Command::RemoveSelectedArticle => {
                self.selection.is_some()
            }
            Command::SelectNext
            | Command::SelectPrevious
            | Command::RescanSources
            | Command::ExportDialog(..)
            | Command::FocusSearch => has_articles,
            _ => true,
        }
    }

    /// Ranks the palette's lines for what was typed, when that changed.
    pub(super) fn rank_palette(&mut self) {
        if !self.palette.needs_ranking() {
            return;
        }
        let typed = self.palette.query.clone();
        let query = FuzzyQuery::new(&typed);
        let mut lines: Vec<(i32, PaletteItem)> = Vec::new();
        // Actions first when scores tie, and ahead of things to go to.
        for action in all_actions() {
            if let Some(score) = query.score(action.label) {
                let available = self.command_available(&action.command);
                lines.push((
                    score + 20,
                    PaletteItem {
                        label: action.label.to_string(),
                        kind: crate::ui::palette::ACTION,
                        shortcut: action.shortcut,
                        available,
                        command: action.command,
                    },
                ));
            }
        }
        if !query.is_empty() {
            self.go_to_lines(&query, &mut lines);
        }
        lines.sort_by_key(|line| std::cmp::Reverse(line.0));
        lines.truncate(MOST_LINES);
        let items = lines.into_iter().map(|(_, item)| item).collect();
        self.palette.set_items(typed, items);
    }

    /// Articles by headline, entities by name, tags and saved searches matching `query`.
    fn go_to_lines(&mut self, query: &FuzzyQuery, lines: &mut Vec<(i32, PaletteItem)>) {
        let go_to = |score: i32, label: String, kind: &'static str, command: Command| {
            (
                score,
                PaletteItem {
                    label,
                    kind,
                    shortcut: None,
                    available: true,
                    command,
                },
            )
        };
        let headlines = self.palette_headlines.for_version(
            self.articles_version,
            self.workspace.articles.iter().map(|a| a.headline.as_str()),
        );
        let mut articles: Vec<(i32, usize)> = headlines
            .iter()
            .enumerate()
            .filter_map(|(k, folded)| query.score_folded(folded).map(|s| (s, k)))
            .collect();
        articles.sort_by_key(|article| std::cmp::Reverse(article.0));
        for (score, k) in articles.into_iter().take(MOST_LINES) {
            if let Some(article) = self.workspace.articles.get(k) {
                lines.push(go_to(
                    score,
                    article.headline.clone(),
                    "Article",
                    Command::SelectArticle(Some(article.id)),
                ));
            }
        }
        // The registry is replaced, never edited in place; every install is a new generation.
        let registry = &self.registry.1;
        let names = self.palette_entities.for_version(
            self.registry_generation,
            registry.iter().map(|e| e.name.as_str()),
        );
        for (entity, folded) in registry.iter().zip(names).filter(|(e, _)| !e.hidden) {
            if let Some(score) = query.score_folded(folded) {
                lines.push(go_to(
                    score,
                    entity.name.clone(),
                    "Entity",
                    Command::SelectEntity(Some(entity.key.clone()), false),
                ));
            }
        }
        for tag in &self.workspace.codebook.tags {
            if let Some(score) = query.score(&tag.name) {
                lines.push(go_to(
                    score,
                    format!("Passages tagged {}", tag.name),
                    "Tag",
                    Command::RunSearch(format!("tag:\"{}\"", tag.name.replace('"', ""))),
                ));
            }
        }
        for saved in &self.workspace.saved_searches {
            if let Some(score) = query.score(&saved.name) {
                lines.push(go_to(
                    score,
                    format!("{} ({})", saved.name, saved.query),
                    "Saved search",
                    Command::RunSearch(saved.query.clone()),
                ));
            }
        }
    }
}

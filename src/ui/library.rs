//! The library: every article in a sortable, filterable, virtualised table.

use egui_extras::{Column, TableBuilder};

use std::collections::{HashMap, HashSet};

use crate::command::Command;
use crate::families::Families;
use chrono::Datelike;

use crate::model::{Article, ArticleId, ReferenceSource, Workspace};

/// A column the library can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SortColumn {
    /// Publication date.
    Published,
    /// Headline, alphabetically.
    Headline,
    /// Agency or source.
    Source,
    /// Dateline place.
    Dateline,
    /// Word count.
    Words,
}

/// The library's view state: sort, filter, and the visible order (cached until the workspace,
/// the sort or the filter changes).
#[derive(Debug)]
pub struct LibraryView {
    /// Sort column.
    pub sort: SortColumn,
    /// Ascending or descending.
    pub ascending: bool,
    /// Case-insensitive filter over headline, source, dateline, byline and file name.
    pub filter: String,
    /// Only these articles (those of the selected entity), when set.
    only: Option<std::collections::HashSet<ArticleId>>,
    /// Bumped whenever `only` changes, so the cache notices.
    only_version: u64,
    /// Show every version of a report as its own row, not one row per family.
    pub show_every_copy: bool,
    /// Families opened to show their versions, by original.
    expanded: HashSet<ArticleId>,
    /// Bumped whenever `expanded` or `show_every_copy` changes.
    expanded_version: u64,
    rows: Vec<usize>,
    /// Rows that are a later version shown under its family's row.
    nested: HashSet<usize>,
    /// Words added and removed by each later version against the one before it.
    changes: HashMap<ArticleId, (usize, usize)>,
    cached_for: Option<(u64, SortColumn, bool, String, u64, u64, u64)>,
    /// Every article in each column's order, with the articles' version it was sorted for.
    orders: HashMap<SortColumn, (u64, Vec<usize>)>,
    /// Orders and filter text built off the UI thread (large workspaces).
    index: Option<std::sync::Arc<super::library_index::LibraryIndex>>,
    /// The filter last applied (lower case) and the rows it kept, before families are grouped.
    filtered: (Option<String>, Vec<usize>),
    /// For the (articles, families) versions: each article's family original as an index
    /// (`u32::MAX` for none), and the index of every article in a family.
    originals: ((u64, u64), Vec<u32>, HashMap<ArticleId, usize>),
}

impl Default for LibraryView {
    fn default() -> Self {
        Self {
            sort: SortColumn::Published,
            ascending: true,
            filter: String::new(),
            only: None,
            only_version: 0,
            show_every_copy: false,
            expanded: HashSet::new(),
            expanded_version: 0,
            rows: Vec::new(),
            nested: HashSet::new(),
            changes: HashMap::new(),
            cached_for: None,
            orders: HashMap::new(),
            index: None,
            filtered: (None, Vec::new()),
            originals: ((u64::MAX, u64::MAX), Vec::new(), HashMap::new()),
        }
    }
}

fn source_of(article: &Article) -> &str {
    article.source_name().unwrap_or("")
}

fn dateline_of(article: &Article) -> &str {
    article.dateline.as_ref().map_or("", |d| d.place.as_str())
}

fn matches(article: &Article, needle: &str) -> bool {
    filter_fields(article).any(|field| contains_folded(field, needle))
}

/// The fields a filter looks in: headline, source, dateline, byline and file name.
pub(crate) fn filter_fields(article: &Article) -> impl Iterator<Item = &str> {
    [
        Some(article.headline.as_str()),
        Some(source_of(article)),
        Some(dateline_of(article)),
        article.byline.as_deref(),
        article.source.path.file_name().and_then(|n| n.to_str()),
    ]
    .into_iter()
    .flatten()
}

/// Whether `text`, lower-cased, contains `needle` (lower case); without a copy of `text`
/// when it is ASCII (a filter runs over every article at each keystroke).
fn contains_folded(text: &str, needle: &str) -> bool {
    if !text.is_ascii() {
        return text.to_lowercase().contains(needle);
    }
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), t).any(|at| {
        t.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Every article's index in the order of `column`, ascending.
pub(crate) fn sorted_order(articles: &[Article], column: SortColumn) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..articles.len()).collect();
    match column {
        SortColumn::Published => rows.sort_by_key(|&i| {
            let article = &articles[i];
            if let Some(p) = &article.published {
                return p.sort_key();
            }
            // Undated articles sort by the date set or estimated, after dated ones of the
            // same day.
            let date = article.reference_override.or_else(|| {
                article
                    .reference_estimate
                    .as_ref()
                    .map(|e| e.in_force().date)
            });
            date.map_or((i32::MAX, 13, 0, 0), |d| {
                (d.year(), d.month(), d.day(), u32::MAX)
            })
        }),
        SortColumn::Headline => rows.sort_by_cached_key(|&i| articles[i].headline.to_lowercase()),
        SortColumn::Source => rows.sort_by_cached_key(|&i| source_of(&articles[i]).to_lowercase()),
        SortColumn::Dateline => {
            rows.sort_by_cached_key(|&i| dateline_of(&articles[i]).to_lowercase())
        }
        SortColumn::Words => rows.sort_by_cached_key(|&i| articles[i].word_count()),
    }
    rows
}

impl LibraryView {
    /// Shows only these articles (an entity's), or all again.
    pub fn restrict_to(&mut self, articles: Option<Vec<ArticleId>>) {
        let only = articles.map(|a| a.into_iter().collect());
        if only != self.only {
            self.only = only;
            self.only_version += 1;
        }
    }

    /// Uses orders and filter text built off the UI thread for the articles at its version.
    pub fn set_index(&mut self, index: std::sync::Arc<super::library_index::LibraryIndex>) {
        self.index = Some(index);
    }

    /// True while the library shows only an entity's articles.
    pub fn is_restricted(&self) -> bool {
        self.only.is_some()
    }

    /// Opens or closes a family's row.
    pub fn toggle_family(&mut self, original: ArticleId) {
        if !self.expanded.remove(&original) {
            self.expanded.insert(original);
        }
        self.expanded_version += 1;
    }

    /// True when the family of this original shows its versions.
    pub fn is_expanded(&self, original: ArticleId) -> bool {
        self.expanded.contains(&original)
    }

    /// Recomputes the visible rows if the articles' fields (by `version`), the families (by
    /// `families_version`), sort or filter changed. Unless every copy is shown, a family is one
    /// row (its first version), followed by its later versions when opened.
    pub fn refresh(
        &mut self,
        workspace: &Workspace,
        version: u64,
        families: &Families,
        families_version: u64,
    ) {
        let key = (
            version,
            self.sort,
            self.ascending,
            self.filter.clone(),
            self.only_version,
            families_version,
            self.expanded_version,
        );
        if self.cached_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        let articles = &workspace.articles;
        // A large workspace's orders and filter text come built off the UI thread.
        let index = self
            .index
            .clone()
            .filter(|x| x.version == version && x.len() == articles.len());
        // Each column's order of every article is sorted once per version of the articles;
        // a filter or a restriction keeps that order.
        let order = match (&index, self.orders.get(&self.sort)) {
            (Some(index), _) => index.order(self.sort),
            (None, Some((v, order))) if *v == version && order.len() == articles.len() => order,
            (None, _) => {
                let order = sorted_order(articles, self.sort);
                self.orders.insert(self.sort, (version, order));
                &self.orders[&self.sort].1
            }
        };
        // Typing on at the end of the filter narrows the rows it already found.
        let narrowing = matches!(
            (&self.filtered.0, &self.cached_for),
            (Some(before), Some(k))
                if !before.is_empty()
                    && needle.starts_with(before.as_str())
                    && (k.0, k.1, k.4) == (version, self.sort, self.only_version)
        );
        let from: &[usize] = if narrowing { &self.filtered.1 } else { order };
        let matched = index
            .as_ref()
            .filter(|_| !needle.is_empty() && !narrowing)
            .map(|index| index.matching(&needle));
        // The restriction as article positions: reading each row's article for its id, in
        // sorted (not stored) order, missed the cache once a row (17 ms at 95,000).
        let members = self.only.as_ref().map(|only| {
            let mut members = vec![false; articles.len()];
            for &id in only {
                if let Some(i) = workspace.article_index(id) {
                    members[i] = true;
                }
            }
            members
        });
        let mut rows: Vec<usize> = from
            .iter()
            .copied()
            .filter(|&i| {
                needle.is_empty()
                    || matched
                        .as_ref()
                        .map_or_else(|| matches(&articles[i], &needle), |m| m[i])
            })
            .filter(|&i| members.as_ref().is_none_or(|m| m[i]))
            .collect();
        self.filtered = (Some(needle), rows.clone());
        if !self.ascending {
            rows.reverse();
        }
        self.nested.clear();
        self.changes.clear();
        if !self.show_every_copy && !families.is_empty() {
            // Each article's family original (as an index), found once per version of the
            // articles and of the families.
            if self.originals.0 != (version, families_version)
                || self.originals.1.len() != articles.len()
            {
                let position: HashMap<ArticleId, usize> = articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| families.of(a.id).is_some())
                    .map(|(i, a)| (a.id, i))
                    .collect();
                let originals = articles
                    .iter()
                    .map(|a| {
                        families
                            .of(a.id)
                            .and_then(|f| position.get(&f.original()))
                            .map_or(u32::MAX, |&i| i as u32)
                    })
                    .collect();
                self.originals = ((version, families_version), originals, position);
            }
            let (_, originals, position) = &self.originals;
            // A family's row stands where its first shown version stands.
            let mut shown = vec![false; articles.len()];
            let mut out = Vec::with_capacity(rows.len());
            for i in rows {
                let first = originals[i] as usize;
                if first == u32::MAX as usize {
                    out.push(i);
                    continue;
                }
                if std::mem::replace(&mut shown[first], true) {
                    continue;
                }
                out.push(first);
                let original = articles[first].id;
                if self.expanded.contains(&original)
                    && let Some(family) = families.of(original)
                {
                    let mut previous = &articles[first].body;
                    for m in &family.members[1..] {
                        if let Some(&at) = position.get(m) {
                            out.push(at);
                            self.nested.insert(at);
                            let body = &articles[at].body;
                            let d = crate::families::word_diff(previous, body);
                            self.changes.insert(*m, (d.added, d.removed));
                            previous = body;
                        }
                    }
                }
            }
            rows = out;
        }
        self.rows = rows;
        self.cached_for = Some(key);
    }

    /// Indices into `workspace.articles` in display order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The article `step` rows away from `current` in display order (the first one when
    /// nothing is selected).
    pub fn neighbour(
        &self,
        workspace: &Workspace,
        current: Option<ArticleId>,
        step: isize,
    ) -> Option<ArticleId> {
        let ids: Vec<ArticleId> = self
            .rows
            .iter()
            .filter_map(|&i| workspace.articles.get(i).map(|a| a.id))
            .collect();
        let at = current.and_then(|id| ids.iter().position(|&x| x == id));
        let next = match at {
            Some(i) => i.checked_add_signed(step).filter(|&n| n < ids.len())?,
            None => 0,
        };
        ids.get(next).copied()
    }

    fn header_button(&mut self, ui: &mut egui::Ui, label: &str, column: SortColumn) {
        let response = ui.add(egui::Button::new(label).frame(false));
        if self.sort == column {
            // A painted triangle: the bundled font has no arrow glyphs.
            let rect = response.rect;
            let centre = egui::pos2(rect.right() + 8.0, rect.center().y);
            let (tip, base) = if self.ascending {
                (-4.0, 3.0)
            } else {
                (4.0, -3.0)
            };
            let points = vec![
                centre + egui::vec2(0.0, tip),
                centre + egui::vec2(-4.0, base),
                centre + egui::vec2(4.0, base),
            ];
            let colour = ui.visuals().text_color();
            ui.painter().add(egui::Shape::convex_polygon(
                points,
                colour,
                egui::Stroke::NONE,
            ));
        }
        let order = if self.sort == column && self.ascending {
            "descending"
        } else {
            "ascending"
        };
        if response
            .on_hover_text(format!("Sort by {} ({order})", label.to_lowercase()))
            .clicked()
        {
            if self.sort == column {
                self.ascending = !self.ascending;
            } else {
                self.sort = column;
                self.ascending = true;
            }
        }
    }
}

/// Draws the filter box and the table; a click on a row selects its article.
pub fn library_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    (version, families, families_version): (u64, &Families, u64),
    view: &mut LibraryView,
    selected: Option<ArticleId>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut view.filter)
                .hint_text("headline, source, dateline, byline, file")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        if ui
            .checkbox(&mut view.show_every_copy, "Show every copy")
            .on_hover_text("One row per article, not one per report")
            .changed()
        {
            view.expanded_version += 1;
        }
        if let Some(family) = selected.and_then(|id| families.of(id))
            && ui
                .button(format!("Compare versions ({})", family.members.len()))
                .on_hover_text("The selected article's versions side by side")
                .clicked()
            && let Some(id) = selected
        {
            commands.push(Command::OpenVersions(id));
        }
    });
    view.refresh(workspace, version, families, families_version);
    // Every nested row is a later version shown under its report's row.
    let reports = view.rows.len() - view.nested.len();
    ui.weak(if families.is_empty() || view.show_every_copy {
        format!(
            "{} of {} articles",
            view.rows.len(),
            workspace.articles.len()
        )
    } else {
        format!(
            "{reports} reports in {} articles; {} reports came in several versions",
            workspace.articles.len(),
            families.len()
        )
    });
    ui.style_mut().interaction.selectable_labels = false;
    let rows = view.rows.clone();
    // The articles the list shows when a filter or an entity narrows it (the context menu can
    // remove them all).
    let narrowed = view.is_restricted() || !view.filter.trim().is_empty();
    TableBuilder::new(ui)
        .id_salt("library")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(92.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::initial(70.0).at_least(40.0).clip(true))
        .column(Column::initial(90.0).at_least(40.0).clip(true))
        .column(Column::initial(48.0).at_least(36.0))
        .header(22.0, |mut header| {
            header.col(|ui| view.header_button(ui, "Published", SortColumn::Published));
            header.col(|ui| view.header_button(ui, "Headline", SortColumn::Headline));
            header.col(|ui| view.header_button(ui, "Source", SortColumn::Source));
            header.col(|ui| view.header_button(ui, "Dateline", SortColumn::Dateline));
            header.col(|ui| view.header_button(ui, "Words", SortColumn::Words));
        })
        .body(|body| {
            body.rows(super::theme::ROW_HEIGHT, rows.len(), |mut row| {
                let Some(article) = rows
                    .get(row.index())
                    .and_then(|&i| workspace.articles.get(i))
                else {
                    return;
                };
                row.set_selected(selected == Some(article.id));
                row.col(|ui| match &article.published {
                    Some(p) if p.uncertain => {
                        ui.colored_label(super::theme::uncertain(ui), p.display_short())
                            .on_hover_text(format!("{}: the text gives no year", p.display_date()));
                    }
                    Some(p) => {
                        ui.label(p.display_date());
                    }
                    None => match (article.reference_date(), &article.reference_estimate) {
                        (Some((_, ReferenceSource::Estimated)), Some(estimate)) => {
                            ui.colored_label(
                                super::theme::uncertain(ui),
                                format!("≈ {}", estimate.describe()),
                            )
                            .on_hover_text(format!(
                                "No date in the source; estimated from the text (confidence \
                                 {:.2}): {}",
                                estimate.in_force().confidence,
                                estimate.in_force().basis
                            ));
                        }
                        (Some((date, ReferenceSource::UserSet)), _) => {
                            ui.label(date.to_string())
                                .on_hover_text("No date in the source; the reference date you set");
                        }
                        _ => {
                            ui.weak("—");
                        }
                    },
                });
                let index = rows[row.index()];
                row.col(|ui| {
                    let family = families.of(article.id).filter(|_| !view.show_every_copy);
                    if view.nested.contains(&index) {
                        ui.weak("   ·");
                        ui.label(&article.headline);
                        if let Some((added, removed)) = view.changes.get(&article.id) {
                            ui.weak(format!("+{added} -{removed}"))
                                .on_hover_text("Words added and removed since the version above");
                        }
                    } else if let Some(family) = family {
                        let open = view.is_expanded(family.original());
                        let marker = if open { "-" } else { "+" };
                        if ui
                            .small_button(format!("{marker} {}", family.members.len()))
                            .on_hover_text("Versions of this report: show or hide them")
                            .clicked()
                        {
                            view.toggle_family(family.original());
                        }
                        ui.label(&article.headline);
                    } else {
                        ui.label(&article.headline);
                    }
                });
                row.col(|ui| {
                    ui.label(source_of(article));
                });
                row.col(|ui| {
                    ui.label(dateline_of(article));
                });
                row.col(|ui| {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(article.word_count().to_string());
                    });
                });
                let response = row.response();
                if response.clicked() {
                    commands.push(Command::SelectArticle(Some(article.id)));
                }
                let in_family = families.of(article.id).is_some();
                let joinable = selected.filter(|s| {
                    *s != article.id && families.original_of(*s) != families.original_of(article.id)
                });
                response.context_menu(|ui| {
                    if in_family && ui.button("Compare versions…").clicked() {
                        commands.push(Command::OpenVersions(article.id));
                        ui.close();
                    }
                    if in_family && ui.button("Not a version of this report").clicked() {
                        commands.push(Command::DecideFamily(crate::model::FamilyDecision::Alone(
                            article.id,
                        )));
                        ui.close();
                    }
                    if let Some(other) = joinable
                        && ui
                            .button("Same report as the selected article")
                            .on_hover_text("Join this article to the selected one's report")
                            .clicked()
                    {
                        commands.push(Command::DecideFamily(
                            crate::model::FamilyDecision::Together(other, article.id),
                        ));
                        ui.close();
                    }
                    if in_family || joinable.is_some() {
                        ui.separator();
                    }
                    if ui
                        .button("Remove from workspace")
                        .on_hover_text(
                            "Take this article and the work on it out of the workspace \
                                 (Ctrl+Z brings it back; a rescan does not)",
                        )
                        .clicked()
                    {
                        commands.push(Command::RemoveArticles(vec![article.id]));
                        ui.close();
                    }
                    // The listed ids are gathered only on the click, not while the menu
                    // is open (a filter can list 100,000 rows).
                    if narrowed
                        && rows.len() > 1
                        && ui
                            .button(format!("Remove the {} listed articles", rows.len()))
                            .on_hover_text(
                                "Take every article the filter lists out of the workspace, \
                                     with the work on them (Ctrl+Z brings them back)",
                            )
                            .clicked()
                    {
                        let listed: Vec<ArticleId> = rows
                            .iter()
                            .filter_map(|&i| workspace.articles.get(i).map(|a| a.id))
                            .collect();
                        commands.push(Command::RemoveArticles(listed));
                        ui.close();
                    }
                });
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        let mut ws = Workspace::default();
        let headlines = [
            "Oil prices rise",
            "Oilseed crop",
            "Gold falls",
            "OIL TALKS",
            "Coin",
        ];
        for (i, h) in headlines.iter().enumerate() {
            let mut a = crate::model::test_article(&format!("{i}.txt"), &i.to_string(), "x");
            a.id = ArticleId(i as u64);
            a.headline = (*h).into();
            ws.articles_mut().push(a);
        }
        ws
    }

    fn rows_for(view: &mut LibraryView, ws: &Workspace, filter: &str) -> Vec<usize> {
        view.filter = filter.into();
        view.refresh(ws, 1, &Families::default(), 0);
        view.rows().to_vec()
    }

    /// Typing a filter a letter at a time (which narrows the rows already found), deleting
    /// letters and sorting again give the rows a fresh view gives.
    #[test]
    fn a_filter_typed_letter_by_letter_finds_what_a_fresh_one_finds() {
        let ws = workspace();
        let mut typed = LibraryView {
            sort: SortColumn::Headline,
            ..Default::default()
        };
        for filter in [
            "o", "oi", "oil", "oil ", "oil t", "oil", "oi", "", "g", "gold",
        ] {
            let mut fresh = LibraryView {
                sort: SortColumn::Headline,
                ..Default::default()
            };
            assert_eq!(
                rows_for(&mut typed, &ws, filter),
                rows_for(&mut fresh, &ws, filter),
                "{filter:?}"
            );
        }
        assert_eq!(rows_for(&mut typed, &ws, "oil"), vec![0, 3, 1]);
        typed.ascending = false;
        assert_eq!(rows_for(&mut typed, &ws, "oil"), vec![1, 3, 0]);
        assert_eq!(rows_for(&mut typed, &ws, "OIL T"), vec![3]);
        assert!(contains_folded("Ünïcode OIL", "oil"));
        assert!(contains_folded("ÉCOLE", "école"));
    }

    /// Showing only some articles (an entity's) keeps the sort and the filter, and ignores
    /// ids the workspace no longer holds.
    #[test]
    fn a_restriction_keeps_the_sort_and_the_filter() {
        let ws = workspace();
        let mut view = LibraryView {
            sort: SortColumn::Headline,
            ..Default::default()
        };
        view.restrict_to(Some(vec![
            ArticleId(3),
            ArticleId(1),
            ArticleId(2),
            ArticleId(99),
        ]));
        assert!(view.is_restricted());
        assert_eq!(rows_for(&mut view, &ws, ""), vec![2, 3, 1]);
        assert_eq!(rows_for(&mut view, &ws, "oil"), vec![3, 1]);
        view.ascending = false;
        assert_eq!(rows_for(&mut view, &ws, "oil"), vec![1, 3]);
        view.restrict_to(None);
        assert_eq!(rows_for(&mut view, &ws, "oil"), vec![1, 3, 0]);
    }

    /// With the orders and filter text built off the UI thread, every sort and filter gives
    /// the rows the view finds on its own.
    #[test]
    fn the_index_built_elsewhere_gives_the_same_rows() {
        let mut ws = workspace();
        ws.articles_mut()[2].headline = "Ölpreise: OIL à Genève".into();
        let index = std::sync::Arc::new(super::super::library_index::LibraryIndex::build(
            &ws.articles,
            1,
        ));
        assert_eq!(index.len(), 5);
        for sort in [
            SortColumn::Published,
            SortColumn::Headline,
            SortColumn::Source,
            SortColumn::Dateline,
            SortColumn::Words,
        ] {
            for ascending in [true, false] {
                for filter in ["", "oil", "genève", "0.txt", "x", "talks"] {
                    let mut with = LibraryView {
                        sort,
                        ascending,
                        ..Default::default()
                    };
                    with.set_index(index.clone());
                    let mut without = LibraryView {
                        sort,
                        ascending,
                        ..Default::default()
                    };
                    assert_eq!(
                        rows_for(&mut with, &ws, filter),
                        rows_for(&mut without, &ws, filter),
                        "{sort:?} {ascending} {filter:?}"
                    );
                }
            }
        }
        let mut with = LibraryView::default();
        with.set_index(index);
        assert_eq!(rows_for(&mut with, &ws, "oil").len(), 4);
        assert!(contains_folded("ÉCOLE", "école"));
        assert!(!contains_folded("Coin", "oil"));
    }
}

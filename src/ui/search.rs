//! The Search tab: the query field with its help, what the search found as a
//! keyword-in-context table (virtualised, sortable), "show only results", recent and saved
//! searches, and coding every hit at once. Also the reader's find bar (Ctrl+F).

use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::{ArticleId, Codebook, SavedSearch, TagId, Workspace};
use crate::search::{
    CodeAs, CodePlan, HELP, Outcome, QueryError, SortBy, Unit, counted, hit_text, thousands,
};

/// What coding the hits gives them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodeKind {
    /// A codebook tag.
    #[default]
    Tag,
    /// An entity mention.
    Entity,
    /// A note.
    Note,
}

/// The Search tab's own state.
#[derive(Debug, Default)]
pub struct SearchView {
    /// The query being typed.
    pub query: String,
    /// The column the table is sorted by.
    pub sort: SortBy,
    /// Descending when false.
    pub descending: bool,
    /// What "Code all hits" gives.
    pub code_kind: CodeKind,
    /// The tag it gives.
    pub code_tag: Option<TagId>,
    /// The entity's name or the note's text.
    pub code_text: String,
    /// How much around each hit.
    pub unit: Option<Unit>,
    /// The name typed to save the search.
    pub save_name: String,
    /// Put the keyboard in the query field next frame.
    pub focus: bool,
    /// The hit opened last, marked in the table.
    pub opened: Option<crate::search::Hit>,
    /// The summary line of the last result, for (result by address and size, families by
    /// address): counting reports walks every hit, so it is done once per result, not per
    /// frame.
    pub summary: Option<((usize, usize, usize), String)>,
}

/// The id of the query field.
pub fn field_id() -> egui::Id {
    egui::Id::unique("search_query_field")
}

/// The find bar's state.
#[derive(Debug, Default, Clone)]
pub struct FindState {
    /// Shown.
    pub open: bool,
    /// The words typed.
    pub text: String,
    /// Their byte spans in the open article.
    pub spans: Vec<(usize, usize)>,
    /// The match shown.
    pub current: Option<usize>,
    /// What `spans` was found for: words, article, content version.
    pub computed_for: Option<(String, Option<ArticleId>, u64)>,
    /// Put the keyboard in the field next frame.
    pub focus: bool,
}

/// What the Search tab shows besides its own state.
pub struct SearchPanel<'a> {
    /// The last finished search.
    pub outcome: Option<&'a Outcome>,
    /// The query that cannot be read, and why.
    pub error: Option<&'a (String, QueryError)>,
    /// A search is running.
    pub running: bool,
    /// The index is being built: (articles done, articles).
    pub building: Option<(usize, usize)>,
    /// The user stopped the background work (the index may lack articles until resumed).
    pub stopped: bool,
    /// Searches run, newest first.
    pub recent: &'a [String],
    /// The workspace (headlines, dates, codebook, saved searches).
    pub workspace: &'a Workspace,
    /// "Show only results" is on.
    pub only_results: bool,
    /// Coding waiting for a yes: what with, and what it would do.
    pub pending: Option<(&'a str, &'a CodePlan)>,
    /// The families the hits' articles count by (empty when every copy counts).
    pub families: &'a crate::families::Families,
}

fn sort_header(ui: &mut egui::Ui, view: &mut SearchView, label: &str, by: SortBy) {
    let marker = if view.sort == by {
        if view.descending { " v" } else { " ^" }
    } else {
        ""
    };
    if ui
        .add(egui::Button::new(format!("{label}{marker}")).frame(false))
        .on_hover_text(format!("Sort by {}", label.to_lowercase()))
        .clicked()
    {
        if view.sort == by {
            view.descending = !view.descending;
        } else {
            view.sort = by;
            view.descending = false;
        }
    }
}

/// Draws the Search tab.
pub fn search_ui(
    ui: &mut egui::Ui,
    panel: &SearchPanel<'_>,
    view: &mut SearchView,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Search").on_hover_text(HELP);
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.query)
                .id(field_id())
                .hint_text(
                    "words, \"a phrase\", entity:Name, mentions:2009-11 … (hover Search for help)",
                )
                .desired_width(f32::INFINITY),
        );
        let field = field.labelled_by(label.id).on_hover_text(HELP);
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            commands.push(Command::RunSearch(view.query.trim().to_string()));
        }
        if std::mem::take(&mut view.focus) {
            field.request_focus();
        }
    });
    query_menus(ui, panel, view, commands);
    status_line(ui, panel, view);
    let Some(outcome) = panel.outcome else {
        return;
    };
    ui.horizontal(|ui| {
        let mut only = panel.only_results;
        if ui
            .checkbox(&mut only, "Show only results")
            .on_hover_text(
                "Narrow the library, the entity counts and the timeline to the articles with hits",
            )
            .changed()
        {
            commands.push(Command::ShowOnlyResults(only));
        }
        ui.menu_button("Export these articles", |ui| {
            ui.label("The articles with hits, with your annotations and events:");
            super::menu_bar::export_items(ui, true, commands);
        });
    });
    code_all_ui(ui, panel, outcome, view, commands);
    ui.separator();
    hits_table(ui, panel, outcome, view, commands);
}

fn query_menus(
    ui: &mut egui::Ui,
    panel: &SearchPanel<'_>,
    view: &mut SearchView,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.add_enabled_ui(!panel.recent.is_empty(), |ui| {
            ui.menu_button("Recent", |ui| {
                for q in panel.recent {
                    if ui.button(q).clicked() {
                        view.query = q.clone();
                        ui.close();
                    }
                }
            });
        });
        let saved: &[SavedSearch] = &panel.workspace.saved_searches;
        ui.add_enabled_ui(!saved.is_empty(), |ui| {
            ui.menu_button("Saved", |ui| {
                for (i, s) in saved.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui.button(&s.name).on_hover_text(&s.query).clicked() {
                            view.query = s.query.clone();
                            ui.close();
                        }
                        if ui.small_button("Delete").clicked() {
                            commands.push(Command::DeleteSavedSearch(i));
                        }
                    });
                }
            });
        });
        let label = ui.label("Save as");
        ui.add(
            egui::TextEdit::singleline(&mut view.save_name)
                .hint_text("name")
                .desired_width(110.0),
        )
        .labelled_by(label.id);
        let can_save = !view.query.trim().is_empty() && !view.save_name.trim().is_empty();
        if ui
            .add_enabled(can_save, egui::Button::new("Save search"))
            .on_hover_text("Keep this query in the workspace under the name")
            .clicked()
        {
            commands.push(Command::SaveSearch(
                view.save_name.trim().to_string(),
                view.query.trim().to_string(),
            ));
            view.save_name.clear();
        }
    });
}

fn status_line(ui: &mut egui::Ui, panel: &SearchPanel<'_>, view: &mut SearchView) {
    if let Some((query, error)) = panel.error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Cannot search: {error}"),
        );
        // Point at the column.
        let pointer = format!("{query}\n{}^", " ".repeat(error.column.saturating_sub(1)));
        ui.label(egui::RichText::new(pointer).monospace().weak());
        return;
    }
    // One line whatever happens, so the table below never jumps while a search runs.
    ui.horizontal_wrapped(|ui| {
        match panel.outcome {
            Some(outcome) => {
                let r = &outcome.result;
                let key = (
                    std::ptr::from_ref(r) as usize,
                    r.hits.len(),
                    std::ptr::from_ref(panel.families) as usize,
                );
                if view.summary.as_ref().is_none_or(|(k, _)| *k != key) {
                    view.summary = Some((key, r.summary_counting(panel.families)));
                }
                if let Some((_, summary)) = &view.summary {
                    ui.strong(summary.as_str());
                }
                ui.weak(format!("for {}", outcome.query));
                if r.searched < r.total {
                    let rest = if panel.stopped {
                        "indexing stopped: \u{201c}Find them\u{201d} in the status bar indexes the rest"
                    } else {
                        "the rest are still being indexed"
                    };
                    ui.weak(format!(
                        "(searched {} of {} articles; {rest})",
                        thousands(r.searched),
                        thousands(r.total)
                    ));
                }
            }
            None if !panel.running => {
                ui.weak("Type to search every article; hover Search for the query language.");
            }
            None => {}
        }
        if panel.running {
            ui.weak("searching…");
        }
        if let Some((done, total)) = panel.building {
            ui.weak(format!(
                "indexing {} of {}…",
                thousands(done),
                thousands(total)
            ));
        }
    });
    if let Some(outcome) = panel.outcome {
        for note in &outcome.result.notes {
            ui.colored_label(super::theme::uncertain(ui), note);
        }
    }
}

fn code_all_ui(
    ui: &mut egui::Ui,
    panel: &SearchPanel<'_>,
    outcome: &Outcome,
    view: &mut SearchView,
    commands: &mut Vec<Command>,
) {
    if let Some((label, plan)) = panel.pending {
        ui.group(|ui| {
            ui.label(format!(
                "Code {} in {} with {label}?",
                counted(plan.new, "passage"),
                counted(plan.articles, "article")
            ));
            let mut notes = Vec::new();
            if plan.already > 0 {
                notes.push(format!(
                    "{} already coded so are left alone",
                    thousands(plan.already)
                ));
            }
            if plan.whole_articles > 0 {
                notes.push(format!(
                    "{} whole-article matches have no words to code",
                    thousands(plan.whole_articles)
                ));
            }
            if plan.stale > 0 {
                notes.push(format!(
                    "{} hits are in articles changed since the search",
                    thousands(plan.stale)
                ));
            }
            if !notes.is_empty() {
                ui.weak(notes.join("; "));
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        plan.new > 0,
                        egui::Button::new(format!("Code {}", thousands(plan.new))),
                    )
                    .clicked()
                {
                    commands.push(Command::ConfirmCoding);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelCoding);
                }
            });
        });
        return;
    }
    let book: &Codebook = &panel.workspace.codebook;
    ui.horizontal_wrapped(|ui| {
        ui.label("Code all hits as");
        egui::ComboBox::from_id_salt("code_kind")
            .selected_text(match view.code_kind {
                CodeKind::Tag => "tag",
                CodeKind::Entity => "entity",
                CodeKind::Note => "note",
            })
            .width(70.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.code_kind, CodeKind::Tag, "tag");
                ui.selectable_value(&mut view.code_kind, CodeKind::Entity, "entity");
                ui.selectable_value(&mut view.code_kind, CodeKind::Note, "note");
            });
        let what = match view.code_kind {
            CodeKind::Tag => {
                let shown = view
                    .code_tag
                    .map_or_else(|| "choose a tag".to_string(), |t| book.path(t));
                egui::ComboBox::from_id_salt("code_tag")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (depth, tag) in book.tree() {
                            let label = format!("{}{}", "  ".repeat(depth), tag.name);
                            ui.selectable_value(&mut view.code_tag, Some(tag.id), label);
                        }
                    });
                view.code_tag
                    .filter(|t| book.tag(*t).is_some())
                    .map(|t| Err(CodeAs::Tag(t)))
            }
            CodeKind::Entity | CodeKind::Note => {
                let hint = if view.code_kind == CodeKind::Entity {
                    "entity name"
                } else {
                    "note"
                };
                ui.add(
                    egui::TextEdit::singleline(&mut view.code_text)
                        .hint_text(hint)
                        .desired_width(130.0),
                );
                let text = view.code_text.trim();
                (!text.is_empty()).then(|| match view.code_kind {
                    CodeKind::Note => Err(CodeAs::Note(text.to_string())),
                    _ => Ok(text.to_string()),
                })
            }
        };
        let unit = view.unit.unwrap_or(Unit::Hit);
        egui::ComboBox::from_id_salt("code_unit")
            .selected_text(match unit {
                Unit::Hit => "the hit",
                Unit::Sentence => "its sentence",
                Unit::Paragraph => "its paragraph",
            })
            .width(100.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.unit, Some(Unit::Hit), "the hit");
                ui.selectable_value(&mut view.unit, Some(Unit::Sentence), "its sentence");
                ui.selectable_value(&mut view.unit, Some(Unit::Paragraph), "its paragraph");
            });
        let any = !outcome.result.hits.is_empty();
        if ui
            .add_enabled(what.is_some() && any, egui::Button::new("Code all hits…"))
            .on_hover_text("Shows how many passages it would code first; one step to undo")
            .clicked()
            && let Some(what) = what
        {
            commands.push(match what {
                Err(code) => Command::PreviewCoding(code, unit),
                Ok(entity) => Command::PreviewCodingAsEntity(entity, unit),
            });
        }
    });
}

fn hits_table(
    ui: &mut egui::Ui,
    panel: &SearchPanel<'_>,
    outcome: &Outcome,
    view: &mut SearchView,
    commands: &mut Vec<Command>,
) {
    let hits = &outcome.result.hits;
    let workspace = panel.workspace;
    ui.style_mut().interaction.selectable_labels = false;
    let strong = ui.visuals().strong_text_color();
    let hit_colour = super::theme::search_hit(ui);
    // Columns share the panel's width; the panel (and the columns) can be widened by hand.
    let w = (ui.available_width() - 80.0).max(240.0);
    TableBuilder::new(ui)
        .id_salt("search_hits")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(w * 0.3).at_least(40.0).clip(true))
        .column(Column::initial(w * 0.14).at_least(30.0).clip(true))
        .column(Column::initial(w * 0.3).at_least(40.0).clip(true))
        .column(Column::initial(w * 0.26).at_least(40.0).clip(true))
        .column(Column::remainder().at_least(70.0).clip(true))
        .header(22.0, |mut header| {
            header.col(|ui| sort_header(ui, view, "Left", SortBy::Left));
            header.col(|ui| sort_header(ui, view, "Hit", SortBy::Hit));
            header.col(|ui| sort_header(ui, view, "Right", SortBy::Right));
            header.col(|ui| sort_header(ui, view, "Article", SortBy::Headline));
            header.col(|ui| sort_header(ui, view, "Published", SortBy::Date));
        })
        .body(|body| {
            body.rows(super::theme::ROW_HEIGHT, hits.len(), |mut row| {
                let at = outcome
                    .orders
                    .hit(view.sort, !view.descending, row.index(), hits.len());
                let Some(hit) = hits.get(at) else {
                    return;
                };
                let line = hit_text(&outcome.index, hit, 48);
                let article = workspace.article(hit.article);
                row.set_selected(view.opened == Some(*hit));
                row.col(|ui| {
                    // Right-aligned, keeping the words next to the hit when the column is narrow.
                    let fits = (ui.available_width() / 6.5).max(4.0) as usize;
                    let left = line.as_ref().map_or("", |l| l.left.as_str());
                    let skip = left.chars().count().saturating_sub(fits);
                    let shown: String = left.chars().skip(skip).collect();
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(shown);
                    });
                });
                row.col(|ui| {
                    let text = match (&line, hit.span) {
                        (Some(l), Some(_)) => l.text.clone(),
                        _ => "(article)".into(),
                    };
                    ui.label(
                        egui::RichText::new(text)
                            .color(strong)
                            .background_color(hit_colour),
                    );
                });
                row.col(|ui| {
                    ui.label(line.as_ref().map_or("", |l| l.right.as_str()));
                });
                row.col(|ui| {
                    ui.label(article.map_or("", |a| a.headline.as_str()));
                });
                row.col(|ui| {
                    ui.label(
                        article
                            .and_then(|a| a.published.as_ref())
                            .map_or_else(|| "—".to_string(), |p| p.display_date()),
                    );
                });
                if row.response().clicked() {
                    view.opened = Some(*hit);
                    commands.push(Command::OpenHit(*hit));
                }
            });
        });
}

/// The reader's find bar: words to find in the open article, with next and previous.
pub fn find_bar_ui(ui: &mut egui::Ui, find: &mut FindState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut find.text)
                    .id(egui::Id::unique("find_in_article"))
                    .hint_text("words in this article")
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut find.focus) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            commands.push(Command::FindStep(!back));
            field.request_focus();
        }
        let count = find.spans.len();
        match find.current {
            Some(c) if count > 0 => ui.weak(format!("{} of {count}", c + 1)),
            _ if find.text.trim().is_empty() => ui.weak(""),
            _ => ui.weak(format!("{count} found")),
        };
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .clicked()
        {
            commands.push(Command::FindStep(false));
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .clicked()
        {
            commands.push(Command::FindStep(true));
        }
        if ui.button("Close").clicked() {
            commands.push(Command::CloseFind);
        }
    });
}

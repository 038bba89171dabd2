//! The entity panel: every person, organisation, place and other name in the workspace, with
//! how often and where it appears; selecting one filters the library and colours it in the
//! reader.

use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::{EntityKey, EntityLabel, RegistryEntity};

/// A column the entity table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntitySort {
    /// Name, alphabetically.
    Name,
    /// Kind.
    Kind,
    /// Mention count.
    Mentions,
    /// Article count.
    Articles,
    /// First seen.
    First,
    /// Last seen.
    Last,
}

/// The panel's view state.
#[derive(Debug)]
pub struct EntitiesView {
    /// Case-insensitive filter on names and aliases.
    pub filter: String,
    /// Only this kind, when set.
    pub kind: Option<EntityLabel>,
    /// Sort column.
    pub sort: EntitySort,
    /// Ascending or descending.
    pub ascending: bool,
    /// Show hidden entities too.
    pub show_hidden: bool,
    rows: Vec<usize>,
    cached_for: Option<(u64, String, Option<EntityLabel>, EntitySort, bool, bool)>,
}

impl Default for EntitiesView {
    fn default() -> Self {
        Self {
            filter: String::new(),
            kind: None,
            sort: EntitySort::Mentions,
            ascending: false,
            show_hidden: false,
            rows: Vec::new(),
            cached_for: None,
        }
    }
}

/// The name of a kind for people.
pub fn kind_name(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Person => "Person",
        EntityLabel::Organisation => "Organisation",
        EntityLabel::Place => "Place",
        EntityLabel::Other => "Other",
    }
}

impl EntitiesView {
    /// Recomputes the visible rows when the registry (by `version`) or the view changed.
    pub fn refresh(&mut self, registry: &[RegistryEntity], version: u64) {
        let key = (
            version,
            self.filter.clone(),
            self.kind,
            self.sort,
            self.ascending,
            self.show_hidden,
        );
        if self.cached_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<usize> = (0..registry.len())
            .filter(|&i| {
                let e = &registry[i];
                (self.show_hidden || !e.hidden)
                    && self.kind.is_none_or(|k| k == e.label)
                    && (needle.is_empty()
                        || e.name.to_lowercase().contains(&needle)
                        || e.aliases.iter().any(|a| a.to_lowercase().contains(&needle)))
            })
            .collect();
        let date = |p: &Option<crate::model::PublishedAt>| {
            p.as_ref().map_or((i32::MAX, 13, 0, 0), |p| p.sort_key())
        };
        match self.sort {
            EntitySort::Name => rows.sort_by_cached_key(|&i| registry[i].name.to_lowercase()),
            EntitySort::Kind => rows.sort_by_key(|&i| registry[i].label),
            EntitySort::Mentions => rows.sort_by_key(|&i| registry[i].mentions),
            EntitySort::Articles => rows.sort_by_key(|&i| registry[i].articles.len()),
            EntitySort::First => rows.sort_by_key(|&i| date(&registry[i].first_seen)),
            EntitySort::Last => rows.sort_by_key(|&i| date(&registry[i].last_seen)),
        }
        if !self.ascending {
            rows.reverse();
        }
        self.rows = rows;
        self.cached_for = Some(key);
    }

    /// Indices into the registry in display order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    fn header(&mut self, ui: &mut egui::Ui, label: &str, column: EntitySort) {
        let text = if self.sort == column {
            format!("{label} {}", if self.ascending { "^" } else { "v" })
        } else {
            label.to_string()
        };
        if ui
            .add(egui::Button::new(text).frame(false))
            .on_hover_text("Sort")
            .clicked()
        {
            if self.sort == column {
                self.ascending = !self.ascending;
            } else {
                self.sort = column;
                self.ascending = matches!(
                    column,
                    EntitySort::Name | EntitySort::Kind | EntitySort::First
                );
            }
        }
    }
}

/// Draws the panel. `selected` are the selected entities (the first is the main one).
pub fn entities_ui(
    ui: &mut egui::Ui,
    registry: &[RegistryEntity],
    version: u64,
    busy: bool,
    view: &mut EntitiesView,
    selected: &[EntityKey],
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut view.filter)
                .hint_text("name or alias")
                .desired_width(150.0),
        )
        .labelled_by(label.id);
        let kinds = egui::ComboBox::from_id_salt("entity_kind")
            .selected_text(view.kind.map_or("All kinds", kind_name))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.kind, None, "All kinds");
                for label in EntityLabel::ALL {
                    ui.selectable_value(&mut view.kind, Some(label), kind_name(label));
                }
            });
        super::access_name::name_control(&kinds.response, "Kind of entity");
        ui.checkbox(&mut view.show_hidden, "Hidden");
    });
    view.refresh(registry, version);
    ui.horizontal(|ui| {
        if busy {
            super::busy::busy_mark(ui);
            if registry.is_empty() {
                ui.weak("Finding names…");
            } else {
                ui.weak(format!("Finding names… {} entities so far", registry.len()));
            }
        } else {
            ui.weak(format!(
                "{} of {} entities",
                view.rows.len(),
                registry.len()
            ));
        }
        if selected.len() >= 2
            && ui
                .button("Merge selected")
                .on_hover_text("Make them one entity, keeping the first")
                .clicked()
        {
            commands.push(Command::MergeEntities(selected.to_vec()));
        }
    });
    ui.style_mut().interaction.selectable_labels = false;
    let rows = view.rows.clone();
    let colours = super::theme::entity_colours(ui);
    TableBuilder::new(ui)
        .id_salt("entities")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(90.0).clip(true))
        .column(Column::initial(70.0).clip(true))
        .column(Column::initial(58.0).clip(true))
        .column(Column::initial(52.0).clip(true))
        .column(Column::initial(80.0).clip(true))
        .column(Column::initial(80.0).clip(true))
        .header(22.0, |mut header| {
            header.col(|ui| view.header(ui, "Name", EntitySort::Name));
            header.col(|ui| view.header(ui, "Type", EntitySort::Kind));
            header.col(|ui| view.header(ui, "Mentions", EntitySort::Mentions));
            header.col(|ui| view.header(ui, "Articles", EntitySort::Articles));
            header.col(|ui| view.header(ui, "First", EntitySort::First));
            header.col(|ui| view.header(ui, "Last", EntitySort::Last));
        })
        .body(|body| {
            body.rows(super::theme::ROW_HEIGHT, rows.len(), |mut row| {
                let Some(entity) = rows.get(row.index()).and_then(|&i| registry.get(i)) else {
                    return;
                };
                row.set_selected(selected.contains(&entity.key));
                let colour = colours[EntityLabel::ALL
                    .iter()
                    .position(|l| *l == entity.label)
                    .unwrap_or(3)];
                row.col(|ui| {
                    let text = egui::RichText::new(&entity.name).color(colour);
                    ui.label(if entity.hidden { text.italics() } else { text });
                });
                row.col(|ui| {
                    ui.label(kind_name(entity.label));
                });
                for count in [entity.mentions, entity.articles.len()] {
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(count.to_string());
                        });
                    });
                }
                for date in [&entity.first_seen, &entity.last_seen] {
                    row.col(|ui| {
                        ui.label(date.as_ref().map_or("—".to_string(), |d| d.display_short()));
                    });
                }
                let response = row.response();
                if response.clicked() {
                    let adding = response
                        .ctx
                        .input(|i| i.modifiers.command || i.modifiers.shift);
                    commands.push(Command::SelectEntity(Some(entity.key.clone()), adding));
                }
            });
        });
}

//! The left panel: its tabs (Library, Entities, Tags, Search, Problems, Orphans) and the one
//! shown.

use super::{Command, DatelineApp, LeftTab};
use crate::ui;

impl DatelineApp {
    /// Draws the left panel with the tab the user chose.
    pub(super) fn library_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::left("library_panel")
            .default_size(470.0)
            .size_range(280.0..=1200.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.left_tab, LeftTab::Library, "Library");
                    ui.selectable_value(&mut self.left_tab, LeftTab::Entities, "Entities");
                    ui.selectable_value(&mut self.left_tab, LeftTab::Tags, "Tags");
                    ui.selectable_value(&mut self.left_tab, LeftTab::Search, "Search")
                        .on_hover_text("Search every article (Ctrl+Shift+F)");
                    let problems = format!("Problems ({})", self.workspace.problems.len());
                    ui.selectable_value(&mut self.left_tab, LeftTab::Problems, problems);
                    if !self.workspace.orphans.is_empty() || self.left_tab == LeftTab::Orphans {
                        let orphans = format!("Orphans ({})", self.workspace.orphans.len());
                        ui.selectable_value(&mut self.left_tab, LeftTab::Orphans, orphans);
                    }
                });
                ui.separator();
                match self.left_tab {
                    LeftTab::Library => ui::library::library_ui(
                        ui,
                        &self.workspace,
                        (
                            self.derived.articles,
                            &self.families.current.1,
                            self.families.version,
                        ),
                        &mut self.library,
                        self.selection,
                        commands,
                    ),
                    LeftTab::Problems => ui::problems::problems_ui(ui, &self.workspace.problems),
                    LeftTab::Orphans => ui::orphans::orphans_ui(
                        ui,
                        &self.workspace,
                        self.selection_menu.selection,
                        commands,
                    ),
                    LeftTab::Tags => {
                        let counts = super::annotations::tag_uses(&self.workspace);
                        let uses = |tag| counts.get(&tag).copied().unwrap_or(0);
                        ui::codebook::codebook_ui(
                            ui,
                            &self.workspace.codebook,
                            &uses,
                            &mut self.codebook_view,
                            commands,
                        )
                    }
                    LeftTab::Search => {
                        let counting = self.counting_families();
                        let pending = self
                            .search
                            .pending
                            .as_ref()
                            .map(|p| (p.label.as_str(), &p.plan));
                        let panel = ui::search::SearchPanel {
                            outcome: self.search.outcome.as_deref(),
                            error: self.search.error.as_ref(),
                            running: self.search.running(),
                            building: self.search.building(),
                            stopped: self.extraction_stopped,
                            recent: &self.recent.searches,
                            workspace: &self.workspace,
                            only_results: self.search.only.is_some(),
                            pending,
                            families: &counting,
                        };
                        ui::search::search_ui(ui, &panel, &mut self.search.view, commands);
                    }
                    LeftTab::Entities => {
                        if let Some(only) = &self.search.only {
                            ui.colored_label(
                                ui::theme::uncertain(ui),
                                format!(
                                    "Counted in the {} articles of the search (Show only results)",
                                    only.len()
                                ),
                            );
                        }
                        ui::entities::entities_ui(
                            ui,
                            // Counted in the search results while the panels are narrowed to them.
                            match &self.search.narrowed_registry {
                                Some((_, _, narrowed)) => narrowed,
                                None => &self.registry.1,
                            },
                            match &self.search.narrowed_registry {
                                Some((generation, version, _)) => {
                                    version ^ (generation << 32) ^ (1 << 63)
                                }
                                None => self.registry_generation,
                            },
                            self.mention_task.is_some(),
                            &mut self.entities_view,
                            &self.selected_entities,
                            commands,
                        )
                    }
                }
            });
    }
}

//! The right panel: the inspector of what is selected (an annotation, an event, an entity, the
//! article's suggestions and time expressions).

use super::{Command, DatelineApp};
use crate::ui;

impl DatelineApp {
    /// Draws the inspector; returns how wide it was drawn.
    pub(super) fn inspector_panel(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
    ) -> f32 {
        let event_section = self.event_section_data();
        let annotation_section = self.annotation_section_data();
        let suggestion_section = self.suggestion_section_data();
        let timexes: &[crate::extract::timex::Timex] =
            self.timexes.as_ref().map_or(&[], |(_, _, t)| t.as_slice());
        let article = self.selection.and_then(|id| self.workspace.article(id));
        let inspector = egui::Panel::right("inspector_panel")
            .default_size(320.0)
            .size_range(220.0..=640.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("inspector_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let entity = self
                            .selected_entities
                            .first()
                            .and_then(|k| self.registry.1.iter().find(|e| &e.key == k));
                        if let Some((annotation, overlapping)) = &annotation_section {
                            let context = ui::annotation_inspector::AnnotationContext {
                                overlapping,
                                codebook: &self.workspace.codebook,
                                registry: &self.registry.1,
                            };
                            ui::annotation_inspector::annotation_ui(
                                ui,
                                annotation,
                                &context,
                                &mut self.note_draft,
                                commands,
                            );
                        }
                        if let Some((reference, event, candidates)) = &event_section {
                            let context = ui::event_inspector::EventContext {
                                articles: &self.workspace.articles,
                                registry: &self.registry.1,
                                candidates,
                            };
                            ui::event_inspector::event_ui(
                                ui,
                                reference,
                                event,
                                &context,
                                &mut self.event_draft,
                                commands,
                            );
                            if ui.button("Clear event selection").clicked() {
                                commands.push(Command::SelectEvent(None));
                            }
                            ui.separator();
                        }
                        if let Some(entity) = entity {
                            ui::inspector::entity_ui(
                                ui,
                                entity,
                                &self.appears_with.2,
                                &mut self.inspector,
                                commands,
                            );
                            if ui.button("Clear entity selection").clicked() {
                                commands.push(Command::SelectEntity(None, false));
                            }
                            ui.separator();
                        }
                        if let (Some(article), Some((undecided, selected))) =
                            (article, &suggestion_section)
                        {
                            ui::annotation_inspector::suggestions_ui(
                                ui,
                                article.id,
                                *undecided,
                                selected.as_ref(),
                                commands,
                            );
                        }
                        ui::inspector::inspector_ui(
                            ui,
                            article,
                            timexes,
                            self.selected_timex,
                            &mut self.inspector,
                            commands,
                        );
                    });
            });
        inspector.response.rect.width()
    }
}

//! The centre of the window: the reader with its marks (time expressions, names, annotations,
//! search hits, an event's evidence flashing), the find bar, or the Versions view in its place.

use super::{Command, DatelineApp};
use crate::ui;

impl DatelineApp {
    /// Draws the reader (or the Versions view when two versions are being compared).
    pub(super) fn reader_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let timexes: &[crate::extract::timex::Timex] =
            self.timexes.as_ref().map_or(&[], |(_, _, t)| t.as_slice());
        let article = self.selection.and_then(|id| self.workspace.article(id));
        let now = ui.input(|i| i.time);
        let evidence = self
            .events
            .focus
            .as_ref()
            .filter(|f| Some(f.article) == self.selection)
            .map(|f| {
                // A bright flash that settles to a steady mark while the event is selected.
                let age = (now - f.since).max(0.0) as f32;
                ui::reader::ReaderEvidence {
                    start: f.start,
                    end: f.end,
                    strength: 0.35 + 0.65 * (1.0 - age / 1.5).max(0.0),
                    scroll: !f.scrolled,
                }
            });
        if evidence.is_some_and(|e| e.strength > 0.35) {
            ui.ctx().request_repaint();
        }
        let search_hits = self.hits_in_selection();
        let selected_annotation = self.selected_annotation;
        let reader_annotations: Vec<ui::reader::ReaderAnnotation> = self
            .reader_annotations
            .iter()
            .map(|a| ui::reader::ReaderAnnotation {
                selected: Some(a.id) == selected_annotation,
                ..*a
            })
            .collect();
        let versions = self.families.versions.as_ref().and_then(|v| {
            let a = self.workspace.article(*v.members.get(v.left)?)?;
            let b = self.workspace.article(*v.members.get(v.right)?)?;
            Some(ui::versions::VersionsInput {
                members: &v.members,
                left: v.left,
                right: v.right,
                articles: (a, b),
                diff: v.diff.as_ref().map(|(_, _, d)| &**d),
            })
        });
        if let Some(input) = versions {
            egui::CentralPanel::default().show(ui, |ui| {
                ui::versions::versions_ui(ui, &input, commands);
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                if self.search.find.open {
                    ui::search::find_bar_ui(ui, &mut self.search.find, commands);
                    ui.separator();
                }
                ui::reader::reader_ui(
                    ui,
                    article,
                    &self.reader,
                    ui::reader::ReaderMarks {
                        timexes,
                        names: &self.names,
                        selected_timex: self.selected_timex,
                        evidence,
                        annotations: &reader_annotations,
                        selected_suggestion: self.selected_suggestion,
                        search_hits: &search_hits,
                    },
                    ui::reader::Annotating {
                        menu: ui::selection_menu::MenuContext {
                            article: article.map_or(crate::model::ArticleId(u64::MAX), |a| a.id),
                            body: article.map_or("", |a| &*a.body),
                            codebook: &self.workspace.codebook,
                            registry: &self.registry.1,
                        },
                        state: &mut self.selection_menu,
                    },
                    commands,
                );
            });
        }
    }
}

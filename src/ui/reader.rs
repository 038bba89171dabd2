//! The reader: an article's headline, metadata and body as selectable text, or the original
//! file text.

use crate::app::Command;
use crate::model::Article;

/// The widest the body text gets, in points.
const READING_WIDTH: f32 = 760.0;

/// The reader's own view state.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReaderView {
    /// Show the decoded file as it is instead of the clean body.
    pub show_original: bool,
}

/// The metadata line under the headline, as separate parts: published, byline, dateline,
/// agency.
pub fn metadata_parts(article: &Article) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(p) = &article.published {
        parts.push(p.display_full());
    }
    if let Some(byline) = &article.byline {
        parts.push(format!("By {byline}"));
    }
    if let Some(d) = &article.dateline {
        match &d.date_text {
            Some(date) => parts.push(format!("{}, {date}", d.place)),
            None => parts.push(d.place.clone()),
        }
    }
    if let Some(agency) = &article.agency {
        parts.push(agency.clone());
    }
    parts
}

/// Draws the selected article, or a hint when none is selected.
pub fn reader_ui(
    ui: &mut egui::Ui,
    article: Option<&Article>,
    view: &ReaderView,
    commands: &mut Vec<Command>,
) {
    let Some(article) = article else {
        ui.centered_and_justified(|ui| {
            ui.weak("Select an article in the library, or drop a folder of articles here.");
        });
        return;
    };
    ui.add(egui::Label::new(egui::RichText::new(&article.headline).heading().strong()).wrap());
    ui.horizontal_wrapped(|ui| {
        let parts = metadata_parts(article);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                ui.weak("·");
            }
            if i == 0 && article.published.as_ref().is_some_and(|p| p.uncertain) {
                ui.colored_label(super::theme::uncertain(ui), part)
                    .on_hover_text(
                        "The text gives a month and day but no year; the year is unknown",
                    );
            } else {
                ui.label(part);
            }
        }
        if article.published.is_none() {
            ui.weak("No publication date found");
        }
    });
    ui.horizontal(|ui| {
        ui.weak(article.source.path.display().to_string())
            .on_hover_text(format!(
                "{} · {} bytes · {} · SHA-256 {}",
                match article.source.format {
                    crate::model::SourceFormat::Text => "text",
                    crate::model::SourceFormat::Html => "HTML",
                },
                article.source.byte_len,
                article.source.encoding,
                article.source.content_hash
            ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mut original = view.show_original;
            if ui
                .toggle_value(&mut original, "Original file text")
                .on_hover_text("Show the file as it was read, boilerplate and all")
                .clicked()
            {
                commands.push(Command::ToggleOriginal);
            }
        });
    });
    ui.separator();
    let text = if view.show_original {
        &article.raw_text
    } else {
        &article.body
    };
    egui::ScrollArea::vertical()
        .id_salt(("reader", article.id.0, view.show_original))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut shown: &str = text;
            // Lines longer than about 90 characters are hard to read; keep the measure.
            let width = ui.available_width().min(READING_WIDTH);
            let mut edit = egui::TextEdit::multiline(&mut shown)
                .id_salt("reader_text")
                .desired_width(width)
                .frame(egui::Frame::NONE);
            if view.show_original {
                edit = edit.font(egui::TextStyle::Monospace);
            }
            ui.add(edit);
        });
}

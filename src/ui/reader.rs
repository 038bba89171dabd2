//! The reader: an article's headline, metadata and body as selectable text, or the original
//! file text.

use crate::app::Command;
use crate::extract::timex::Timex;
use crate::model::Article;

/// The widest the body text gets, in points.
const READING_WIDTH: f32 = 760.0;

/// The reader's own view state.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReaderView {
    /// Show the decoded file as it is instead of the clean body.
    pub show_original: bool,
    /// Leave names uncoloured.
    pub hide_names: bool,
}

/// A name in the reader: where, what kind, and the full name it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderName {
    /// First byte in the body.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Person, organisation, place or other.
    pub label: crate::model::EntityLabel,
    /// The canonical name ("Liang Guanglie" for "Liang").
    pub entity: String,
    /// Belongs to the entity selected in the entity panel.
    pub selected: bool,
}

/// A passage the reader shows for an event: byte span, how strongly to flash it (0–1), and
/// whether to scroll it into view this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReaderEvidence {
    /// First byte in the body.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Strength of the flash: 1 when just clicked, fading to a steady 0.35.
    pub strength: f32,
    /// Scroll the passage to the middle of the reader.
    pub scroll: bool,
}

/// What the reader marks in the body: time expressions, names, the selected expression and
/// an event's evidence.
#[derive(Clone, Copy, Debug)]
pub struct ReaderMarks<'a> {
    /// Time expressions (byte spans), in order.
    pub timexes: &'a [Timex],
    /// Names, in order.
    pub names: &'a [ReaderName],
    /// The selected time expression's byte span.
    pub selected_timex: Option<(usize, usize)>,
    /// The evidence of the selected event.
    pub evidence: Option<ReaderEvidence>,
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
    marks: ReaderMarks<'_>,
    commands: &mut Vec<Command>,
) {
    let ReaderMarks {
        timexes,
        names,
        selected_timex,
        evidence,
    } = marks;
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
    ui.add(
        egui::Label::new(egui::RichText::new(article.source.path.display().to_string()).weak())
            .truncate(),
    )
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
    ui.horizontal(|ui| {
        let mut names_on = !view.hide_names;
        if ui
            .toggle_value(&mut names_on, "Names")
            .on_hover_text("Colour people, organisations, places and other names")
            .clicked()
        {
            commands.push(Command::ToggleNames);
        }
        let mut original = view.show_original;
        if ui
            .toggle_value(&mut original, "Original file text")
            .on_hover_text("Show the file as it was read, boilerplate and all")
            .clicked()
        {
            commands.push(Command::ToggleOriginal);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt(("reader", article.id.0, view.show_original))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Lines longer than about 90 characters are hard to read; keep the measure.
            let width = ui.available_width().min(READING_WIDTH);
            if view.show_original {
                let mut shown: &str = &article.raw_text;
                ui.add(
                    egui::TextEdit::multiline(&mut shown)
                        .id_salt("reader_original")
                        .desired_width(width)
                        .font(egui::TextStyle::Monospace)
                        .frame(egui::Frame::NONE),
                );
                return;
            }
            let names: &[ReaderName] = if view.hide_names { &[] } else { names };
            body_ui(
                ui,
                &article.body,
                timexes,
                names,
                selected_timex,
                evidence,
                width,
                commands,
            );
        });
}

/// The body as selectable text with time expressions highlighted; hovering one shows its value
/// and why, clicking one selects it for the inspector.
#[allow(clippy::too_many_arguments)]
fn body_ui(
    ui: &mut egui::Ui,
    body: &str,
    timexes: &[Timex],
    names: &[ReaderName],
    selected: Option<(usize, usize)>,
    evidence: Option<ReaderEvidence>,
    width: f32,
    commands: &mut Vec<Command>,
) {
    let evidence_colour = super::theme::evidence(ui);
    let colours = super::highlight::HighlightColours {
        text: ui.visuals().strong_text_color(),
        timex: super::theme::time_expression(ui),
        manual: super::theme::time_expression_manual(ui),
        selected: super::theme::selected_highlight(ui),
        entities: super::theme::entity_colours(ui),
    };
    let marks: Vec<super::highlight::NameMark> = names
        .iter()
        .map(|n| super::highlight::NameMark {
            start: n.start,
            end: n.end,
            kind: crate::model::EntityLabel::ALL
                .iter()
                .position(|l| *l == n.label)
                .unwrap_or(3),
            emphasis: n.selected,
        })
        .collect();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap: f32| {
        let job = super::highlight::highlighted_job(
            text.as_str(),
            timexes,
            &marks,
            selected,
            evidence.map(|e| {
                let strength = e.strength.clamp(0.0, 1.0);
                (e.start, e.end, evidence_colour.gamma_multiply(strength))
            }),
            font.clone(),
            &colours,
            wrap,
        );
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let mut shown: &str = body;
    let output = egui::TextEdit::multiline(&mut shown)
        .id_salt("reader_text")
        .desired_width(width)
        .frame(egui::Frame::NONE)
        .layouter(&mut layouter)
        .show(ui);
    if let Some(prefix) = evidence
        .filter(|e| e.scroll)
        .and_then(|e| body.get(..e.start))
    {
        let chars = prefix.chars().count();
        let at = output
            .galley
            .pos_from_cursor(egui::text::CCursor::new(chars))
            .translate(output.galley_pos.to_vec2());
        ui.scroll_to_rect(at, Some(egui::Align::Center));
    }
    let Some(pointer) = output.response.hover_pos() else {
        return;
    };
    let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
    let byte = body
        .char_indices()
        .nth(cursor.index.0)
        .map_or(body.len(), |(b, _)| b);
    let timex = timexes.iter().find(|t| t.start <= byte && byte < t.end);
    let name = names.iter().find(|n| n.start <= byte && byte < n.end);
    if timex.is_none() && name.is_none() {
        return;
    }
    egui::Tooltip::for_widget(&output.response)
        .at_pointer()
        .show(|ui| {
            if let Some(timex) = timex {
                ui.strong(timex.value.to_timex());
                ui.label(&timex.explanation);
            }
            if let Some(name) = name {
                let kind = match name.label {
                    crate::model::EntityLabel::Person => "person",
                    crate::model::EntityLabel::Organisation => "organisation",
                    crate::model::EntityLabel::Place => "place",
                    crate::model::EntityLabel::Other => "other name",
                };
                let written = &body[name.start..name.end];
                if written == name.entity {
                    ui.label(format!("{written}: {kind}"));
                } else {
                    ui.label(format!("{written}: {kind}, {}", name.entity));
                }
            }
        });
    if let Some(timex) = timex.filter(|_| output.response.clicked()) {
        commands.push(Command::SelectTimex(Some((timex.start, timex.end))));
    }
}

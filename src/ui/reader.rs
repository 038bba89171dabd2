//! The reader: an article's headline, metadata and body as selectable text, or the original
//! file text.

use crate::command::Command;
use crate::extract::timex::Timex;
use crate::model::Article;

/// The widest the body text gets, in points.
const READING_WIDTH: f32 = 760.0;

/// The reader's own view state.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ReaderView {
    /// Show the decoded file as it is instead of the clean body.
    pub show_original: bool,
    /// Leave names uncoloured.
    pub hide_names: bool,
    /// The body's font size in points (0: the theme's).
    pub font_size: f32,
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
    /// The user accepted this suggestion.
    pub accepted: bool,
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

/// How an annotation looks in the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationStyle {
    /// A name the user marked or accepted, by kind.
    Entity(crate::model::EntityLabel),
    /// A codebook tag, with its colour.
    Tag([u8; 3]),
    /// A note.
    Note,
    /// Evidence of an event.
    Evidence,
    /// A time expression the user accepted.
    AcceptedTime,
}

/// An annotation as the reader draws it: byte span into the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderAnnotation {
    /// Its id, for clicks.
    pub id: crate::model::AnnotationId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// How it looks.
    pub style: AnnotationStyle,
    /// Selected in the inspector.
    pub selected: bool,
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
    /// The user's annotations, in order.
    pub annotations: &'a [ReaderAnnotation],
    /// The selected suggestion (a name or a time expression, byte span).
    pub selected_suggestion: Option<(usize, usize)>,
    /// Hits of the current search and of the find bar in this article (byte spans).
    pub search_hits: &'a [(usize, usize)],
}

/// The metadata line under the headline, as separate parts: published, byline, dateline,
/// agency, and what a database or feed says (outlet, section, stated length, language, the
/// article's place in its file and id).
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
    let meta = &article.meta;
    if let Some(outlet) = &meta.outlet {
        parts.push(outlet.clone());
    }
    if let Some(section) = &meta.section {
        parts.push(section.clone());
    }
    if let Some(words) = meta.stated_words {
        parts.push(format!("{words} words (as stated)"));
    }
    if let Some(language) = &meta.language {
        parts.push(language.clone());
    }
    if meta.summary_only {
        parts.push("summary only (the feed carries no full text)".into());
    }
    if let Some(item) = article.source.item {
        parts.push(match &meta.source_id {
            Some(id) => format!("#{item} in its file, {id}"),
            None => format!("#{item} in its file"),
        });
    }
    parts
}

/// What the selection menu needs: its context and its state.
pub struct Annotating<'a, 'b> {
    /// The article, tags and entities.
    pub menu: super::selection_menu::MenuContext<'a>,
    /// The menu's own state.
    pub state: &'b mut super::selection_menu::SelectionMenuState,
}

/// Draws the selected article, or a hint when none is selected.
pub fn reader_ui(
    ui: &mut egui::Ui,
    article: Option<&Article>,
    view: &ReaderView,
    marks: ReaderMarks<'_>,
    annotating: Annotating<'_, '_>,
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
    ui.add(egui::Label::new(egui::RichText::new(article.source.display_path()).weak()).truncate())
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
        ui.separator();
        // The body's font size, a point at a time (also in Settings).
        let size = if view.font_size > 0.0 {
            view.font_size
        } else {
            egui::TextStyle::Body.resolve(ui.style()).size
        };
        if ui
            .small_button("A-")
            .on_hover_text("Smaller text")
            .clicked()
        {
            commands.push(Command::SetReaderFontSize(size - 1.0));
        }
        if ui.small_button("A+").on_hover_text("Larger text").clicked() {
            commands.push(Command::SetReaderFontSize(size + 1.0));
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
                let Some(original) = article.original_text() else {
                    ui.label("The original text does not fit this article's body any more.");
                    return;
                };
                let mut shown: &str = &original;
                ui.add(
                    egui::TextEdit::multiline(&mut shown)
                        .id_salt("reader_original")
                        .desired_width(width)
                        .font(egui::TextStyle::Monospace)
                        .frame(egui::Frame::NONE),
                );
                return;
            }
            let marks = ReaderMarks {
                names: if view.hide_names { &[] } else { marks.names },
                ..marks
            };
            // The reader's own font size (Settings) for the body, this panel only.
            if view.font_size > 0.0
                && let Some(body) = ui.style_mut().text_styles.get_mut(&egui::TextStyle::Body)
            {
                body.size = view.font_size;
            }
            body_ui(ui, &article.body, marks, annotating, width, commands);
        });
}

/// The body as selectable text with time expressions, names and annotations marked; hovering
/// shows what a mark means, clicking selects it, selecting text opens the annotation menu.
fn body_ui(
    ui: &mut egui::Ui,
    body: &str,
    marks: ReaderMarks<'_>,
    annotating: Annotating<'_, '_>,
    width: f32,
    commands: &mut Vec<Command>,
) {
    let ReaderMarks {
        timexes,
        names,
        selected_timex: selected,
        evidence,
        annotations,
        selected_suggestion,
        search_hits,
    } = marks;
    let evidence_colour = super::theme::evidence(ui);
    let colours = super::highlight::HighlightColours {
        text: ui.visuals().strong_text_color(),
        timex: super::theme::time_expression(ui),
        manual: super::theme::time_expression_manual(ui),
        selected: super::theme::selected_highlight(ui),
        entities: super::theme::entity_colours(ui),
    };
    let name_marks: Vec<super::highlight::NameMark> = names
        .iter()
        .map(|n| super::highlight::NameMark {
            start: n.start,
            end: n.end,
            kind: kind_index(n.label),
            emphasis: n.selected || n.accepted || selected_suggestion == Some((n.start, n.end)),
        })
        .collect();
    let mut layers: Vec<super::highlight::AnnotationMark> = annotations
        .iter()
        .map(|a| annotation_mark(ui, a, &colours))
        .collect();
    let hit_colour = super::theme::search_hit(ui);
    layers.extend(
        search_hits
            .iter()
            .map(|&(start, end)| super::highlight::AnnotationMark {
                start,
                end,
                text: None,
                background: Some(hit_colour),
                underline: None,
            }),
    );
    // The kept selection stays visible while its menu is open.
    if let Some((_, a, b)) = annotating
        .state
        .selection
        .filter(|(id, _, _)| *id == annotating.menu.article)
    {
        let byte = |cp: usize| crate::extract::offsets::byte_offset(body, cp);
        layers.push(super::highlight::AnnotationMark {
            start: byte(a),
            end: byte(b),
            text: None,
            background: Some(colours.selected),
            underline: None,
        });
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let selected = selected.or(selected_suggestion);
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap: f32| {
        let job = super::highlight::highlighted_job(
            text.as_str(),
            super::highlight::Layers {
                timexes,
                names: &name_marks,
                annotations: &layers,
                selected,
                evidence: evidence.map(|e| {
                    let strength = e.strength.clamp(0.0, 1.0);
                    (e.start, e.end, evidence_colour.gamma_multiply(strength))
                }),
            },
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
    let galley_rect = |byte: usize| {
        let chars = body.get(..byte).map_or(0, |p| p.chars().count());
        output
            .galley
            .pos_from_cursor(egui::text::CCursor::new(chars))
            .translate(output.galley_pos.to_vec2())
    };
    if let Some(e) = evidence.filter(|e| e.scroll) {
        ui.scroll_to_rect(galley_rect(e.start), Some(egui::Align::Center));
    }
    // Suggestions nobody decided on yet: a dashed underline, for those in view only (a long
    // article has thousands). Their byte offsets become characters in one pass.
    let dashed = egui::Stroke::new(1.0, colours.text.gamma_multiply(0.6));
    let mut suggestions: Vec<(usize, usize)> = names
        .iter()
        .filter(|n| !n.accepted)
        .map(|n| (n.start, n.end))
        .chain(
            timexes
                .iter()
                .filter(|t| !t.manual)
                .map(|t| (t.start, t.end)),
        )
        .filter(|&(start, end)| !annotations.iter().any(|a| a.start == start && a.end == end))
        .collect();
    suggestions.sort_unstable();
    let clip = ui.clip_rect().translate(-output.galley_pos.to_vec2());
    let first = output
        .galley
        .cursor_from_pos(clip.left_top().to_vec2())
        .index
        .0;
    let last = output
        .galley
        .cursor_from_pos(clip.right_bottom().to_vec2())
        .index
        .0;
    let mut counted = (0, 0); // (byte, chars before it)
    let mut chars_at = |byte: usize| {
        if byte < counted.0 {
            counted = (0, 0);
        }
        let step = body.get(counted.0..byte).map_or(0, |p| p.chars().count());
        counted = (byte, counted.1 + step);
        counted.1
    };
    let cursor_rect = |chars: usize| {
        output
            .galley
            .pos_from_cursor(egui::text::CCursor::new(chars))
            .translate(output.galley_pos.to_vec2())
    };
    for (start, end) in suggestions {
        let (from, to) = (chars_at(start), chars_at(end));
        if to < first || from > last {
            continue;
        }
        let (a, b) = (cursor_rect(from), cursor_rect(to));
        if (a.bottom() - b.bottom()).abs() < 1.0 && b.left() > a.left() {
            ui.painter().add(egui::Shape::dashed_line(
                &[
                    egui::pos2(a.left(), a.bottom()),
                    egui::pos2(b.left(), a.bottom()),
                ],
                dashed,
                3.0,
                2.0,
            ));
        }
    }
    // Selected text: the annotation menu and its keys.
    // The selection is kept in the menu's state, not in the read-only text (which drops its
    // cursor when it is not focused): made by dragging over the text, dropped by a press
    // anywhere but the text or the menu, or by choosing from the menu.
    let article = annotating.menu.article;
    if let Some(origin) = ui.input(|i| {
        i.pointer
            .any_pressed()
            .then(|| i.pointer.press_origin())
            .flatten()
    }) {
        let on_menu = annotating
            .state
            .menu_rect
            .is_some_and(|r| r.contains(origin));
        if !on_menu {
            annotating.state.selection = None;
        }
    }
    if let Some(range) = output.cursor_range.filter(|r| !r.is_empty())
        && ui.input(|i| i.pointer.any_down() || i.pointer.any_released())
        && output.response.rect.contains(
            ui.input(|i| i.pointer.press_origin())
                .unwrap_or(egui::Pos2::new(f32::NAN, f32::NAN)),
        )
    {
        let [a, b] = range.sorted_cursors();
        annotating.state.selection = Some((article, a.index.0, b.index.0));
    }
    let selection = annotating
        .state
        .selection
        .filter(|(id, _, _)| *id == article)
        .map(|(_, a, b)| (a, b));
    if selection.is_none() {
        annotating.state.menu_rect = None;
    }
    let commands_before = commands.len();
    if let Some((start, end)) = selection {
        if let Some(target) =
            crate::model::TextTarget::new(annotating.menu.article, body, start, end)
            && ui.memory(|m| m.focused()) != Some(super::selection_menu::search_id())
        {
            super::selection_menu::selection_keys(ui, &target, annotating.menu.codebook, commands);
        }
        let end_byte = crate::extract::offsets::byte_offset(body, end);
        let at = galley_rect(end_byte).left_bottom() + egui::vec2(0.0, 4.0);
        let menu = super::selection_menu::selection_menu(
            ui.ctx(),
            at,
            (start, end),
            &annotating.menu,
            annotating.state,
            commands,
        );
        annotating.state.menu_rect = menu;
        // Done with this selection: the menu closes until the next one.
        if commands.len() > commands_before {
            annotating.state.selection = None;
            annotating.state.menu_rect = None;
        }
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
    // Overlapping annotations: the shortest is the one clicked.
    let annotation = annotations
        .iter()
        .filter(|a| a.start <= byte && byte < a.end)
        .min_by_key(|a| a.end - a.start);
    if timex.is_none() && name.is_none() && annotation.is_none() {
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
                let kind = kind_word(name.label);
                let written = &body[name.start..name.end];
                let status = if name.accepted {
                    "accepted"
                } else {
                    "suggested"
                };
                if written == name.entity {
                    ui.label(format!("{written}: {kind} ({status})"));
                } else {
                    ui.label(format!("{written}: {kind}, {} ({status})", name.entity));
                }
            }
            if let Some(a) = annotation {
                ui.weak(match a.style {
                    AnnotationStyle::Entity(_) => "Your name annotation: click to edit",
                    AnnotationStyle::Tag(_) => "Your tag: click to edit",
                    AnnotationStyle::Note => "Your note: click to read or edit",
                    AnnotationStyle::Evidence => "Evidence of an event",
                    AnnotationStyle::AcceptedTime => "A time expression you accepted",
                });
            }
        });
    if output.response.clicked() && selection.is_none() {
        if let Some(a) = annotation {
            commands.push(Command::SelectAnnotation(Some(a.id)));
        } else if let Some(timex) = timex {
            commands.push(Command::SelectTimex(Some((timex.start, timex.end))));
            commands.push(Command::SelectSuggestion(Some((timex.start, timex.end))));
        } else if let Some(name) = name {
            commands.push(Command::SelectSuggestion(Some((name.start, name.end))));
        }
    }
}

/// The index of a kind in the colour list: person, organisation, place, other.
fn kind_index(label: crate::model::EntityLabel) -> usize {
    crate::model::EntityLabel::ALL
        .iter()
        .position(|l| *l == label)
        .unwrap_or(3)
}

/// A kind of name in words.
fn kind_word(label: crate::model::EntityLabel) -> &'static str {
    match label {
        crate::model::EntityLabel::Person => "person",
        crate::model::EntityLabel::Organisation => "organisation",
        crate::model::EntityLabel::Place => "place",
        crate::model::EntityLabel::Other => "other name",
    }
}

/// How an annotation is laid over the text.
fn annotation_mark(
    ui: &egui::Ui,
    a: &ReaderAnnotation,
    colours: &super::highlight::HighlightColours,
) -> super::highlight::AnnotationMark {
    let (text, background, underline) = match a.style {
        AnnotationStyle::Entity(label) => {
            let c = colours.entities[kind_index(label)];
            (Some(c), Some(c.gamma_multiply(0.18)), Some(c))
        }
        AnnotationStyle::Tag([r, g, b]) => {
            let c = egui::Color32::from_rgb(r, g, b);
            (None, Some(c.gamma_multiply(0.35)), Some(c))
        }
        AnnotationStyle::Note => {
            let c = super::theme::note(ui);
            (None, Some(c.gamma_multiply(0.25)), Some(c))
        }
        AnnotationStyle::Evidence => (
            None,
            Some(super::theme::evidence(ui).gamma_multiply(0.5)),
            None,
        ),
        AnnotationStyle::AcceptedTime => (None, None, Some(colours.text)),
    };
    super::highlight::AnnotationMark {
        start: a.start,
        end: a.end,
        text,
        background: if a.selected {
            Some(colours.selected)
        } else {
            background
        },
        underline,
    }
}

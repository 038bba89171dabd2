//! The reader's body text as a layout job with time expressions highlighted.

use egui::text::{LayoutJob, TextFormat};

use crate::extract::timex::Timex;

/// Colours for the highlights, taken from the theme once per frame.
pub struct HighlightColours {
    /// Plain text.
    pub text: egui::Color32,
    /// Engine-found time expressions.
    pub timex: egui::Color32,
    /// User-corrected time expressions.
    pub manual: egui::Color32,
    /// The selected expression.
    pub selected: egui::Color32,
}

/// Lays `text` out with a background behind every time expression (byte spans, in order).
pub fn highlighted_job(
    text: &str,
    timexes: &[Timex],
    selected: Option<(usize, usize)>,
    font: egui::FontId,
    colours: &HighlightColours,
    wrap_width: f32,
) -> LayoutJob {
    let plain = TextFormat {
        font_id: font.clone(),
        color: colours.text,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for timex in timexes {
        if timex.start < at
            || timex.end > text.len()
            || !text.is_char_boundary(timex.start)
            || !text.is_char_boundary(timex.end)
        {
            continue;
        }
        job.append(&text[at..timex.start], 0.0, plain.clone());
        let background = if selected == Some((timex.start, timex.end)) {
            colours.selected
        } else if timex.manual {
            colours.manual
        } else {
            colours.timex
        };
        let format = TextFormat {
            background,
            underline: if timex.uncertain_reference {
                egui::Stroke::new(1.0, colours.text)
            } else {
                egui::Stroke::NONE
            },
            ..plain.clone()
        };
        job.append(&text[timex.start..timex.end], 0.0, format);
        at = timex.end;
    }
    job.append(&text[at..], 0.0, plain);
    job.wrap.max_width = wrap_width;
    job
}

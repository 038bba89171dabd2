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
    /// Text colour of names by kind: person, organisation, place, other.
    pub entities: [egui::Color32; 4],
}

/// A named entity to colour: byte span and kind index (person, organisation, place, other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`HighlightColours::entities`].
    pub kind: usize,
    /// Underlined: the entity selected in the panel.
    pub emphasis: bool,
}

/// A user's annotation laid over the text: byte span, and what it changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnnotationMark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Text colour, when it sets one.
    pub text: Option<egui::Color32>,
    /// Background, when it sets one.
    pub background: Option<egui::Color32>,
    /// A solid underline, when it draws one.
    pub underline: Option<egui::Color32>,
}

/// Everything marked in a body, each list in order of start.
#[derive(Clone, Copy, Debug)]
pub struct Layers<'a> {
    /// Time expressions.
    pub timexes: &'a [Timex],
    /// Names.
    pub names: &'a [NameMark],
    /// The user's annotations (may overlap each other).
    pub annotations: &'a [AnnotationMark],
    /// The selected expression or suggestion.
    pub selected: Option<(usize, usize)>,
    /// An event's evidence, with its colour.
    pub evidence: Option<(usize, usize, egui::Color32)>,
}

/// Lays `text` out with a background behind every time expression, names coloured by kind,
/// the user's annotations over both, and the evidence span behind the rest.
pub fn highlighted_job(
    text: &str,
    layers: Layers<'_>,
    font: egui::FontId,
    colours: &HighlightColours,
    wrap_width: f32,
) -> LayoutJob {
    let Layers {
        timexes,
        names,
        annotations,
        selected,
        evidence,
    } = layers;
    let plain = TextFormat {
        font_id: font,
        color: colours.text,
        ..Default::default()
    };
    let valid = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let timexes: Vec<&Timex> = timexes.iter().filter(|t| valid(t.start, t.end)).collect();
    let names: Vec<&NameMark> = names.iter().filter(|n| valid(n.start, n.end)).collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(timexes.iter().flat_map(|t| [t.start, t.end]));
    cuts.extend(names.iter().flat_map(|n| [n.start, n.end]));
    let evidence = evidence.filter(|&(s, e, _)| valid(s, e));
    cuts.extend(evidence.iter().flat_map(|&(s, e, _)| [s, e]));
    let annotations: Vec<&AnnotationMark> = annotations
        .iter()
        .filter(|a| valid(a.start, a.end))
        .collect();
    cuts.extend(annotations.iter().flat_map(|a| [a.start, a.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    let (mut ti, mut ni) = (0, 0);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while ti < timexes.len() && timexes[ti].end <= a {
            ti += 1;
        }
        while ni < names.len() && names[ni].end <= a {
            ni += 1;
        }
        let mut format = plain.clone();
        if let Some((_, _, colour)) = evidence.filter(|&(s, e, _)| s <= a && b <= e) {
            format.background = colour;
        }
        if let Some(t) = timexes.get(ti).filter(|t| t.start <= a) {
            format.background = if selected == Some((t.start, t.end)) {
                colours.selected
            } else if t.manual {
                colours.manual
            } else {
                colours.timex
            };
            if t.uncertain_reference {
                format.underline = egui::Stroke::new(1.0, colours.text);
            }
        }
        if let Some(n) = names.get(ni).filter(|n| n.start <= a) {
            format.color = colours.entities[n.kind.min(3)];
            if n.emphasis {
                format.underline = egui::Stroke::new(2.0, format.color);
            }
        }
        // Annotations may overlap: each one covering this piece applies, shortest last.
        let mut covering: Vec<&&AnnotationMark> = annotations
            .iter()
            .filter(|m| m.start <= a && b <= m.end)
            .collect();
        covering.sort_by_key(|m| std::cmp::Reverse(m.end - m.start));
        for m in covering {
            if let Some(c) = m.text {
                format.color = c;
            }
            if let Some(c) = m.background {
                format.background = c;
            }
            if let Some(c) = m.underline {
                format.underline = egui::Stroke::new(1.5, c);
            }
        }
        job.append(&text[a..b], 0.0, format);
    }
    job.wrap.max_width = wrap_width;
    job
}

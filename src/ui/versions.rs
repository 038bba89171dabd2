//! The Versions view: two versions of one report side by side, the words each added,
//! removed or moved marked, the time between them, and stepping through the family.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use crate::command::Command;
use crate::families::{Change, WordDiff};
use crate::model::{Article, ArticleId, FamilyDecision};

/// What the view shows.
pub struct VersionsInput<'a> {
    /// The family's members in time order.
    pub members: &'a [ArticleId],
    /// Positions of the two versions compared.
    pub left: usize,
    /// See `left`.
    pub right: usize,
    /// The two articles.
    pub articles: (&'a Article, &'a Article),
    /// Their comparison, when ready.
    pub diff: Option<&'a WordDiff>,
}

/// The background of a change, in light and dark themes.
fn change_colour(ui: &egui::Ui, change: Change) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match (change, dark) {
        (Change::Same, _) => Color32::TRANSPARENT,
        (Change::Added, false) => Color32::from_rgb(0xC8, 0xF0, 0xC8),
        (Change::Added, true) => Color32::from_rgb(0x1E, 0x5A, 0x28),
        (Change::Removed, false) => Color32::from_rgb(0xF8, 0xC8, 0xC8),
        (Change::Removed, true) => Color32::from_rgb(0x6E, 0x24, 0x24),
        (Change::Moved, false) => Color32::from_rgb(0xD0, 0xDC, 0xF8),
        (Change::Moved, true) => Color32::from_rgb(0x28, 0x3C, 0x6E),
    }
}

/// A text with its changed stretches marked.
fn marked(ui: &egui::Ui, text: &str, parts: &[(std::ops::Range<usize>, Change)]) -> LayoutJob {
    let mut job = LayoutJob::default();
    let font = FontId::proportional(14.0);
    let colour = ui.visuals().text_color();
    let mut at = 0;
    let push = |job: &mut LayoutJob, range: std::ops::Range<usize>, change: Change| {
        let mut format = TextFormat::simple(font.clone(), colour);
        format.background = change_colour(ui, change);
        if change == Change::Removed {
            format.strikethrough = egui::Stroke::new(1.0, colour);
        }
        job.append(&text[range], 0.0, format);
    };
    for (range, change) in parts {
        if range.start > at {
            push(&mut job, at..range.start, Change::Same);
        }
        push(&mut job, range.clone(), *change);
        at = range.end;
    }
    if at < text.len() {
        push(&mut job, at..text.len(), Change::Same);
    }
    job.wrap.max_width = f32::INFINITY;
    job
}

/// Time between two versions, in words.
fn time_between(a: &Article, b: &Article) -> String {
    let at = |x: &Article| {
        let p = x.published.as_ref()?;
        let date = p.date()?;
        Some(date.and_time(p.time.unwrap_or_default()))
    };
    match (at(a), at(b)) {
        (Some(x), Some(y)) => {
            let minutes = (y - x).num_minutes().abs();
            match minutes {
                0 => "published at the same minute".into(),
                1..60 => format!("{minutes} minutes later"),
                60..2880 => format!("{} h {} min later", minutes / 60, minutes % 60),
                _ => format!("{} days later", minutes / 1440),
            }
        }
        _ => "time between unknown (a version has no date)".into(),
    }
}

/// One version's column: which it is, when, headline, the marked body.
fn column(ui: &mut egui::Ui, n: usize, of: usize, article: &Article, job: LayoutJob) {
    // Not justified: a column's layout is, and egui justifies a label by spreading its
    // letters ("d i s t u r b e d").
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.strong(format!("Version {} of {of}", n + 1));
        ui.label(
            article
                .published
                .as_ref()
                .map_or_else(|| "undated".to_string(), |p| p.display_full()),
        );
        ui.label(egui::RichText::new(&article.headline).heading().size(16.0));
        ui.weak(article.source.display_path());
        ui.separator();
        ui.add(egui::Label::new(job).wrap());
    });
}

/// Draws the view.
pub fn versions_ui(ui: &mut egui::Ui, input: &VersionsInput<'_>, commands: &mut Vec<Command>) {
    let (a, b) = input.articles;
    let of = input.members.len();
    ui.horizontal_wrapped(|ui| {
        ui.heading("Versions");
        if ui
            .button("Close")
            .on_hover_text("Back to the reader")
            .clicked()
        {
            commands.push(Command::CloseVersions);
        }
        if ui
            .add_enabled(input.left > 0, egui::Button::new("< Earlier"))
            .on_hover_text("Compare the pair before")
            .clicked()
        {
            commands.push(Command::CompareVersions(input.left - 1, input.left));
        }
        if ui
            .add_enabled(input.right + 1 < of, egui::Button::new("Later >"))
            .on_hover_text("Compare the pair after")
            .clicked()
        {
            commands.push(Command::CompareVersions(input.right, input.right + 1));
        }
        for (side, at, other) in [
            ("Left", input.left, input.right),
            ("Right", input.right, input.left),
        ] {
            egui::ComboBox::from_id_salt(side)
                .selected_text(format!("{side}: version {}", at + 1))
                .show_ui(ui, |ui| {
                    for n in (0..of).filter(|n| *n != other) {
                        if ui
                            .selectable_label(n == at, format!("Version {}", n + 1))
                            .clicked()
                        {
                            let (l, r) = if side == "Left" {
                                (n, other)
                            } else {
                                (other, n)
                            };
                            commands.push(Command::CompareVersions(l, r));
                        }
                    }
                });
        }
        ui.label(time_between(a, b));
        match input.diff {
            Some(d) => {
                ui.weak(format!(
                    "+{} -{} words, {} moved",
                    d.added, d.removed, d.moved
                ));
            }
            None => {
                super::busy::busy_mark(ui);
                ui.weak("Comparing the versions…");
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Not the same report")
            .on_hover_text("These two are different reports: never in one family (Ctrl+Z undoes)")
            .clicked()
        {
            commands.push(Command::DecideFamily(FamilyDecision::Apart(a.id, b.id)));
        }
        if ui
            .button("Take the right one out")
            .on_hover_text("The right version is a report of its own")
            .clicked()
        {
            commands.push(Command::DecideFamily(FamilyDecision::Alone(b.id)));
        }
        for (from_name, to_name, from, target) in
            [("left", "right", a.id, b.id), ("right", "left", b.id, a.id)]
        {
            if ui
                .button(format!("Copy annotations to the {to_name}"))
                .on_hover_text(format!(
                    "Every annotation of the {from_name} version, on the same words of the {to_name} one"
                ))
                .clicked()
            {
                commands.push(Command::CopyAnnotations {
                    from,
                    to: vec![target],
                });
            }
        }
        if of > 2
            && ui
                .button("Copy the left one's annotations to every version")
                .on_hover_text("One step; Ctrl+Z takes every copy back")
                .clicked()
        {
            commands.push(Command::CopyAnnotations {
                from: a.id,
                to: input.members.to_vec(),
            });
        }
    });
    ui.separator();
    let empty = Vec::new();
    let (before, after) = input
        .diff
        .map_or((&empty, &empty), |d| (&d.before, &d.after));
    let left_job = marked(ui, &a.body, before);
    let right_job = marked(ui, &b.body, after);
    egui::ScrollArea::vertical()
        .id_salt("versions")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                column(&mut cols[0], input.left, of, a, left_job);
                column(&mut cols[1], input.right, of, b, right_job);
            });
        });
}

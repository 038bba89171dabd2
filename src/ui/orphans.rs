//! The Orphans list: work whose words could not be found again after a source changed. Each
//! shows what it was and where, and can be placed on the words selected in the reader or
//! deleted (both undoable).

use crate::command::Command;
use crate::model::{AnnotationBody, ArticleId, Orphan, OrphanItem, Workspace};

/// What an orphan said, in a few words: the note, the tag, the name, the value, the event.
fn what_it_said(workspace: &Workspace, orphan: &Orphan) -> String {
    match &orphan.item {
        OrphanItem::Annotation(a) => match &a.body {
            AnnotationBody::Note(text) => format!("note: {text}"),
            AnnotationBody::Tag(tag) => format!("tag: {}", workspace.codebook.path(*tag)),
            AnnotationBody::Entity(key) => format!("name ({}): {}", key.label.code(), key.name),
            AnnotationBody::Evidence(event) => match workspace.event(*event) {
                Some(e) => format!("evidence of “{}”", e.title),
                None => "evidence of a deleted event".into(),
            },
            AnnotationBody::TimeExpression => {
                if a.is_rejected() {
                    "not a time expression".into()
                } else {
                    "a time expression".into()
                }
            }
        },
        OrphanItem::Correction(c) => format!("time value {}", c.value.to_timex()),
        OrphanItem::Evidence { event, .. } => match workspace.event(*event) {
            Some(e) => format!("evidence of “{}”", e.title),
            None => "evidence of a deleted event".into(),
        },
    }
}

/// Draws the orphans. `selection` is the words selected in the reader (article and code
/// points), the place an orphan can be put.
pub fn orphans_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    selection: Option<(ArticleId, usize, usize)>,
    commands: &mut Vec<Command>,
) {
    if workspace.orphans.is_empty() {
        ui.weak("No orphans: every annotation sits on its words.");
        return;
    }
    let count = workspace.orphans.len();
    let lead = if count == 1 {
        "1 item lost its words".to_string()
    } else {
        format!("{count} items lost their words")
    };
    ui.label(format!(
        "{lead} when an article's file changed. Select the right words in the reader and \
         place each, or delete it."
    ));
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("orphans")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (at, orphan) in workspace.orphans.iter().enumerate() {
                orphan_row(ui, workspace, at, orphan, selection, commands);
                ui.separator();
            }
        });
}

/// The words as they were, with their context, on one wrapped line.
fn context_job(ui: &egui::Ui, orphan: &Orphan) -> egui::text::LayoutJob {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let font = egui::TextStyle::Body.resolve(ui.style());
    let weak = egui::TextFormat::simple(font.clone(), super::theme::weak_text(ui));
    let quote = egui::TextFormat {
        background: super::theme::evidence(ui),
        ..egui::TextFormat::simple(font, ui.visuals().strong_text_color())
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(
        &format!("…{} ", flat(&orphan.target.prefix)),
        0.0,
        weak.clone(),
    );
    job.append(&flat(&orphan.target.quote), 0.0, quote);
    job.append(&format!(" {}…", flat(&orphan.target.suffix)), 0.0, weak);
    job.wrap.max_width = ui.available_width();
    job
}

fn orphan_row(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    at: usize,
    orphan: &Orphan,
    selection: Option<(ArticleId, usize, usize)>,
    commands: &mut Vec<Command>,
) {
    let article = orphan.target.article;
    let headline = workspace
        .article(article)
        .map_or("a removed article", |a| a.headline.as_str());
    ui.horizontal_wrapped(|ui| {
        ui.strong(orphan.item.kind_label());
        ui.label(format!("on “{}”", orphan.target.quote.trim()));
    });
    ui.label(what_it_said(workspace, orphan));
    ui.label(context_job(ui, orphan));
    ui.weak(format!("in {headline}"));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                workspace.article(article).is_some(),
                egui::Button::new("Show article"),
            )
            .clicked()
        {
            commands.push(Command::SelectArticle(Some(article)));
        }
        let event_gone = matches!(&orphan.item, OrphanItem::Evidence { event, .. }
            if workspace.event(*event).is_none());
        let place = ui
            .add_enabled(
                selection.is_some() && !event_gone,
                egui::Button::new("Place on selection"),
            )
            .on_hover_text("Put it on the words selected in the reader")
            .on_disabled_hover_text(if event_gone {
                "Its event was deleted; it can only be deleted"
            } else {
                "Select the words in the reader first"
            });
        if place.clicked()
            && let Some((article, start, end)) = selection
        {
            commands.push(Command::PlaceOrphan(at, article, start, end));
        }
        if ui.button("Delete").clicked() {
            commands.push(Command::DeleteOrphan(at));
        }
    });
}

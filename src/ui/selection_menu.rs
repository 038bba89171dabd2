//! The small menu over selected text in the reader: name it (person, organisation, place,
//! other, or an existing entity found by typing), tag it with a codebook tag, add a note, or
//! make an event of the date it holds. Keys: P, O, L, M for the kinds of name, 1–9 for the
//! first nine tags, N for a note, E for an event.

use crate::command::Command;
use crate::model::{
    AnnotationBody, ArticleId, Codebook, EntityKey, EntityLabel, RegistryEntity, TextTarget,
};

/// What the menu needs besides the selection.
pub struct MenuContext<'a> {
    /// The article.
    pub article: ArticleId,
    /// Its body.
    pub body: &'a str,
    /// The tags.
    pub codebook: &'a Codebook,
    /// The entities, for linking.
    pub registry: &'a [RegistryEntity],
}

/// The menu's own state: the selection it acts on, where it was drawn, the entity search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SelectionMenuState {
    /// The selected words: article and code points.
    pub selection: Option<(ArticleId, usize, usize)>,
    /// Where the menu was drawn last frame.
    pub menu_rect: Option<egui::Rect>,
    /// What the user typed to find an entity.
    pub search: String,
}

/// The entity search field's id: while it has the keyboard, letters are typed, not keys.
pub fn search_id() -> egui::Id {
    egui::Id::unique("selection_menu_search")
}

/// The kinds of name and their keys.
const KINDS: [(EntityLabel, &str, egui::Key); 4] = [
    (EntityLabel::Person, "Person (P)", egui::Key::P),
    (EntityLabel::Organisation, "Organisation (O)", egui::Key::O),
    (EntityLabel::Place, "Place (L)", egui::Key::L),
    (EntityLabel::Other, "Other name (M)", egui::Key::M),
];

const DIGITS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// The command that annotates `target` with `body`.
fn annotate(target: &TextTarget, body: AnnotationBody) -> Command {
    Command::Annotate(target.clone(), body)
}

/// Keys that act on the selection while the reader has it.
pub fn selection_keys(
    ui: &egui::Ui,
    target: &TextTarget,
    codebook: &Codebook,
    commands: &mut Vec<Command>,
) {
    ui.input_mut(|input| {
        for (label, _, key) in KINDS {
            if input.consume_key(egui::Modifiers::NONE, key) {
                let key = EntityKey::new(&target.quote, label);
                commands.push(annotate(target, AnnotationBody::Entity(key)));
            }
        }
        for (tag, key) in codebook.tree().iter().map(|(_, t)| t.id).zip(DIGITS) {
            if input.consume_key(egui::Modifiers::NONE, key) {
                commands.push(annotate(target, AnnotationBody::Tag(tag)));
            }
        }
        if input.consume_key(egui::Modifiers::NONE, egui::Key::N) {
            commands.push(annotate(target, AnnotationBody::Note(String::new())));
        }
        if input.consume_key(egui::Modifiers::NONE, egui::Key::E) {
            commands.push(Command::EventFromText(target.clone()));
        }
    });
}

/// Shows the menu at `at` (below the selection) for code points `start..end`; returns where it
/// was drawn.
pub fn selection_menu(
    ctx: &egui::Context,
    at: egui::Pos2,
    (start, end): (usize, usize),
    menu: &MenuContext<'_>,
    state: &mut SelectionMenuState,
    commands: &mut Vec<Command>,
) -> Option<egui::Rect> {
    let target = TextTarget::new(menu.article, menu.body, start, end)?;
    let shown = egui::Area::new(egui::Id::unique("selection_menu"))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(360.0);
                ui.horizontal_wrapped(|ui| {
                    for (label, text, _) in KINDS {
                        if ui.small_button(text).clicked() {
                            let key = EntityKey::new(&target.quote, label);
                            commands.push(annotate(&target, AnnotationBody::Entity(key)));
                        }
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    for (n, (_, tag)) in menu.codebook.tree().iter().enumerate() {
                        let name = if n < 9 {
                            format!("{} {}", n + 1, menu.codebook.path(tag.id))
                        } else {
                            menu.codebook.path(tag.id)
                        };
                        let [r, g, b] = tag.colour;
                        let button = egui::Button::new(name)
                            .small()
                            .fill(egui::Color32::from_rgba_unmultiplied(r, g, b, 70));
                        if ui.add(button).clicked() {
                            commands.push(annotate(&target, AnnotationBody::Tag(tag.id)));
                        }
                    }
                    if ui.small_button("Note (N)").clicked() {
                        commands.push(annotate(&target, AnnotationBody::Note(String::new())));
                    }
                    if ui
                        .small_button("Event (E)")
                        .on_hover_text("Make a timeline event of the date in the selection")
                        .clicked()
                    {
                        commands.push(Command::EventFromText(target.clone()));
                    }
                });
                let label = ui.label("Link to entity");
                ui.add(
                    egui::TextEdit::singleline(&mut state.search)
                        .id(search_id())
                        .hint_text("type a name")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                let search = state.search.trim().to_lowercase();
                if search.len() >= 2 {
                    for entity in menu
                        .registry
                        .iter()
                        .filter(|e| !e.hidden && e.name.to_lowercase().contains(&search))
                        .take(6)
                    {
                        if ui.small_button(&entity.name).clicked() {
                            commands.push(annotate(
                                &target,
                                AnnotationBody::Entity(entity.key.clone()),
                            ));
                            state.search.clear();
                        }
                    }
                }
            });
        });
    Some(shown.response.rect)
}

//! Every script renders with the fonts Dateline bundles, on a machine with no fonts of its own:
//! the bundled fonts have every character of a line of news in each script (egui's own fonts
//! do not), and the window shows articles in all of them (a missing glyph panics under kittest).

use crate::common::{folder_with, settle, window};

use dateline::app::Command;
use dateline::app::fonts::font_definitions;
use egui_kittest::kittest::Queryable;

/// A line of news in each script, with the diacritics and joined forms it needs.
const LINES: &[(&str, &str)] = &[
    (
        "Vietnamese",
        "Thủ tướng Nguyễn Xuân Phúc phát biểu tại Hà Nội",
    ),
    ("Czech and Polish", "Příliš žluťoučký kůň w Łodzi, Gdańsk"),
    ("Greek", "Η Αθήνα ανακοίνωσε νέα μέτρα τη Δευτέρα"),
    ("Russian", "Москва объявила о переговорах в понедельник"),
    ("Arabic", "أعلنت الحكومة المصرية يوم الاثنين"),
    ("Hebrew", "הממשלה הודיעה ביום שני"),
    ("Hindi", "प्रधानमंत्री ने सोमवार को घोषणा की"),
    ("Korean", "북한은 월요일 성명을 발표했다"),
    ("Chinese", "国务院总理周一在北京宣布"),
    ("Chinese, traditional", "行政院長週一在臺北宣布"),
    ("Japanese", "東京で首相が月曜日に発表した、カタカナ"),
];

#[test]
fn the_bundled_fonts_have_every_character_of_each_script() {
    let ctx = egui::Context::default();
    let missing = |ctx: &egui::Context| -> Vec<&str> {
        ctx.begin_pass(Default::default());
        // The font atlas changes are not drawn anywhere here: dropped on purpose.
        ctx.end_pass().textures_delta.clear();
        LINES
            .iter()
            .filter(|(_, line)| {
                !ctx.fonts_mut(|f| f.has_glyphs(&egui::FontId::proportional(14.0), line))
            })
            .map(|(script, _)| *script)
            .collect()
    };
    let without = missing(&ctx);
    assert!(
        without.contains(&"Arabic") && without.contains(&"Korean"),
        "egui's own fonts lack them: {without:?}"
    );
    ctx.set_fonts(font_definitions(false));
    assert_eq!(
        missing(&ctx),
        Vec::<&str>::new(),
        "the bundled fonts lack these"
    );
}

#[test]
fn articles_in_every_script_show_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = LINES
        .iter()
        .enumerate()
        .map(|(i, (_, line))| (format!("{i:02}.txt"), format!("{line}\n\n{line}.\n")))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let folder = folder_with(dir.path(), "world", &refs);
    let mut h = window(None);
    h.ctx.set_fonts(font_definitions(false));
    h.state_mut().send(Command::Import(vec![folder]));
    settle(&mut h);
    let ids: Vec<_> = h
        .state()
        .workspace()
        .articles
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids.len(), LINES.len());
    for id in ids {
        h.state_mut().send(Command::SelectArticle(Some(id)));
        h.run_steps(2);
        let headline = h.state().workspace().article(id).unwrap().headline.clone();
        assert!(
            h.query_all_by_label(&headline).count() >= 1,
            "{headline} is shown"
        );
    }
}

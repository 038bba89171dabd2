//! Settings, driven headlessly: the window changes the theme and counting, settings read back
//! from storage are brought into range, and the window's zoom keys are kept.

use crate::common::{news_folder, window, window_with_import};

use dateline::app::Command;
use dateline::store::{Settings, ThemeChoice};
use egui_kittest::kittest::Queryable;

#[test]
fn settings_are_changed_in_their_window_and_kept_in_range() {
    let mut h = window(None);
    h.state_mut().send(Command::ShowSettings);
    h.run_steps(3);
    h.get_by_label("Dark").click();
    h.run_steps(2);
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    h.get_by_label("Count each report once").click();
    h.run_steps(2);
    assert!(!h.state().settings().count_once);

    // Read back from storage: untrusted.
    h.state_mut().apply_settings(Settings::from_ron(
        "(theme: Light, zoom: 40.0, reader_font_size: 18.0)",
    ));
    h.run_steps(2);
    assert_eq!(h.state().settings().zoom, 3.0);
    assert_eq!(h.ctx.zoom_factor(), 3.0);
    assert_eq!(h.state().settings().reader_font_size, 18.0);

    // The window's own zoom key is kept as the setting.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run_steps(2);
    assert_eq!(h.state().settings().zoom, 1.0);
}

/// The reader's A+ and A- buttons change its font size a point at a time, kept in range and in
/// the settings.
#[test]
fn the_reader_text_grows_and_shrinks_from_its_toolbar() {
    let dir = tempfile::tempdir().unwrap();
    let folder = news_folder(dir.path());
    let mut h = window_with_import(&folder, None);
    let id = h.state().workspace().articles[0].id;
    h.state_mut().send(Command::SelectArticle(Some(id)));
    h.run_steps(3);
    let default = Settings::default().reader_font_size;
    h.get_by_label("A+").click();
    h.run_steps(2);
    assert_eq!(h.state().settings().reader_font_size, default + 1.0);
    for _ in 0..40 {
        h.get_by_label("A-").click();
        h.run_steps(1);
    }
    assert_eq!(
        h.state().settings().reader_font_size,
        dateline::store::READER_FONT_RANGE.0,
        "never below the smallest"
    );
}

//! The user's settings applied to the window: the theme and zoom to egui each time they
//! change (the window's own Ctrl+Plus/Minus/0 is read back so it is kept too), the reader's
//! font size, counting versions once, and the limits written to limits.ron.

use super::DatelineApp;
use crate::store::{Limits, Settings, ThemeChoice};
use crate::ui::settings::{LimitsInMb, settings_ui};

/// Bytes in a megabyte, as limits.ron counts them.
const MB: u64 = 1024 * 1024;

/// The key the settings are kept under in eframe's storage.
pub const SETTINGS_KEY: &str = "dateline.settings";

impl DatelineApp {
    /// Takes `settings` (read back from storage: untrusted, so brought into range).
    pub fn apply_settings(&mut self, settings: Settings) {
        let settings = settings.sanitised();
        self.set_count_once(settings.count_once);
        self.reader.font_size = settings.reader_font_size;
        self.applied_zoom = None;
        self.applied_theme = None;
        self.settings = settings;
    }

    /// The settings as they are now (what the window keeps when it closes).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Gives egui the theme and zoom when they changed, and keeps a zoom made with the keys.
    pub(super) fn settings_frame(&mut self, ctx: &egui::Context) {
        let keys_zoom = ctx.zoom_factor();
        match self.applied_zoom {
            Some(applied) if (keys_zoom - applied).abs() > f32::EPSILON => {
                // Ctrl+Plus, Ctrl+Minus or Ctrl+0.
                self.settings.zoom = keys_zoom;
                self.applied_zoom = Some(keys_zoom);
            }
            _ => {}
        }
        if self.settings_open {
            self.settings_window(ctx);
        }
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(match self.settings.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.settings.theme);
        }
        if self.applied_zoom != Some(self.settings.zoom) {
            ctx.set_zoom_factor(self.settings.zoom);
            self.applied_zoom = Some(self.settings.zoom);
        }
    }

    /// The Settings window: what it changes is applied as settings read back would be.
    fn settings_window(&mut self, ctx: &egui::Context) {
        let mut open = true;
        let mut edited = self.settings.clone();
        let mut limits = LimitsInMb {
            article: self.limits.max_article_bytes.div_ceil(MB),
            workspace: self.limits.max_workspace_bytes.div_ceil(MB),
        };
        let finished = settings_ui(ctx, &mut open, &mut edited, &mut limits);
        // Used at once (a drag moves on from the new value); written when the edit is done.
        self.limits = Limits {
            max_article_bytes: limits.article * MB,
            max_workspace_bytes: limits.workspace * MB,
        };
        if finished {
            self.save_limits();
        }
        self.settings_open = open;
        if edited != self.settings {
            self.apply_settings(edited);
        }
    }

    /// Writes the size limits to limits.ron, where the command line reads them.
    fn save_limits(&mut self) {
        if let Some(dir) = self.config_dir.as_deref()
            && let Err(e) = self.limits.save(&dir.join("limits.ron"))
        {
            self.message = Some(format!("The limits could not be kept: {e}"));
        }
    }
}

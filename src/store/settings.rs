//! The user's settings: theme, window zoom, the reader's font size, whether a report's
//! versions count once. The window keeps them in eframe's storage as RON; what is read back is
//! untrusted, so anything out of range or unreadable falls back to the default.

use serde::{Deserialize, Serialize};

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, in the order a menu lists them.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The name a menu shows.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// Smallest and largest window zoom.
pub const ZOOM_RANGE: (f32, f32) = (0.5, 3.0);
/// Smallest and largest reader font size, in points.
pub const READER_FONT_RANGE: (f32, f32) = (9.0, 32.0);

/// The settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme.
    pub theme: ThemeChoice,
    /// The window's zoom (Ctrl+Plus, Ctrl+Minus, Ctrl+0).
    pub zoom: f32,
    /// The reader's font size in points (egui's body text is 13).
    pub reader_font_size: f32,
    /// Count a report's versions (re-sends, updates, copies) once.
    pub count_once: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom: 1.0,
            reader_font_size: 13.0,
            count_once: true,
        }
    }
}

impl Settings {
    /// The settings with every number brought into its range (a value that is no number
    /// takes the default).
    pub fn sanitised(mut self) -> Self {
        let defaults = Self::default();
        let within = |value: f32, (low, high): (f32, f32), default: f32| {
            if value.is_finite() {
                value.clamp(low, high)
            } else {
                default
            }
        };
        self.zoom = within(self.zoom, ZOOM_RANGE, defaults.zoom);
        self.reader_font_size = within(
            self.reader_font_size,
            READER_FONT_RANGE,
            defaults.reader_font_size,
        );
        self
    }

    /// Reads settings written by [`Settings::to_ron`]; unreadable text gives the defaults,
    /// missing fields theirs.
    pub fn from_ron(text: &str) -> Self {
        ron::from_str::<Settings>(text)
            .unwrap_or_default()
            .sanitised()
    }

    /// The settings as RON.
    pub fn to_ron(&self) -> String {
        ron::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_bad_input_falls_back() {
        let settings = Settings {
            theme: ThemeChoice::Light,
            zoom: 1.5,
            reader_font_size: 18.0,
            count_once: false,
        };
        assert_eq!(Settings::from_ron(&settings.to_ron()), settings);
        assert_eq!(Settings::from_ron("not ron at all"), Settings::default());
        assert_eq!(
            Settings::from_ron("(theme: Dark)"),
            Settings {
                theme: ThemeChoice::Dark,
                ..Settings::default()
            }
        );
        let wild = Settings::from_ron("(zoom: 40.0, reader_font_size: 1.0)");
        assert_eq!((wild.zoom, wild.reader_font_size), (3.0, 9.0));
        let nan = Settings {
            zoom: f32::NAN,
            ..Settings::default()
        }
        .sanitised();
        assert_eq!(nan.zoom, 1.0);
    }
}

//! Fonts after egui's own (a Latin font and emoji): the subset Noto fonts Dateline bundles, so
//! Latin with every diacritic, Greek, Cyrillic, Arabic, Hebrew, Devanagari, Chinese, Japanese
//! and Korean render on a machine with no fonts of its own (assets/fonts, built by
//! scripts/build_fonts.py, OFL), then well-known system fonts for the characters the subsets
//! leave out (rare ideographs, other scripts). No system font is required.

use std::sync::Arc;

/// The bundled fonts, in the order they are tried.
pub const BUNDLED: &[(&str, &[u8])] = &[
    (
        "Noto Sans (subset)",
        include_bytes!("../../assets/fonts/NotoSans-Subset.ttf"),
    ),
    (
        "Noto Sans Arabic (subset)",
        include_bytes!("../../assets/fonts/NotoSansArabic-Subset.ttf"),
    ),
    (
        "Noto Sans Hebrew (subset)",
        include_bytes!("../../assets/fonts/NotoSansHebrew-Subset.ttf"),
    ),
    (
        "Noto Sans Devanagari (subset)",
        include_bytes!("../../assets/fonts/NotoSansDevanagari-Subset.ttf"),
    ),
    (
        "Noto Sans CJK SC (subset)",
        include_bytes!("../../assets/fonts/NotoSansCJK-Subset.otf"),
    ),
];

/// System font files tried after the bundled ones; every one found is added.
const SYSTEM_CANDIDATES: &[&str] = &[
    // Debian, Ubuntu, Fedora, Arch
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    // macOS
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    // Windows
    "C:\\Windows\\Fonts\\malgun.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\YuGothR.ttc",
    "C:\\Windows\\Fonts\\seguisym.ttf",
];

/// Largest system font file read (CJK collections are about 20 MB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// egui's fonts followed by the bundled fonts (`system`: and the system fonts found).
pub fn font_definitions(system: bool) -> egui::FontDefinitions {
    let mut definitions = egui::FontDefinitions::default();
    let add = |definitions: &mut egui::FontDefinitions, name: String, data: egui::FontData| {
        definitions.font_data.insert(name.clone(), Arc::new(data));
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(name.clone());
        }
    };
    for (name, bytes) in BUNDLED {
        add(
            &mut definitions,
            (*name).to_string(),
            egui::FontData::from_static(bytes),
        );
    }
    if system {
        for path in SYSTEM_CANDIDATES {
            let readable = std::fs::metadata(path).is_ok_and(|m| m.len() <= MAX_FONT_BYTES);
            if let Some(bytes) = readable.then(|| std::fs::read(path).ok()).flatten() {
                add(
                    &mut definitions,
                    format!("system:{path}"),
                    egui::FontData::from_owned(bytes),
                );
            }
        }
    }
    definitions
}

/// Installs egui's fonts, the bundled ones and the system fonts found on this machine.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions(true));
}

//! System fonts as fallbacks after egui's bundled font, so that Korean, Chinese, Japanese,
//! Cyrillic and Greek articles are readable instead of boxes. Only well-known font files are
//! read; none is required.

use std::sync::Arc;

/// Font files tried, in order; every one found is added as a fallback.
const CANDIDATES: &[&str] = &[
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

/// Largest font file read (CJK collections are about 20 MB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// Adds every candidate font found on this machine as a fallback for both font families.
pub fn install_system_fallbacks(ctx: &egui::Context) {
    let mut definitions = egui::FontDefinitions::default();
    let mut added = false;
    for path in CANDIDATES {
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        if meta.len() > MAX_FONT_BYTES {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let name = format!("system:{path}");
        definitions
            .font_data
            .insert(name.clone(), Arc::new(egui::FontData::from_owned(bytes)));
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(name.clone());
        }
        added = true;
    }
    if added {
        ctx.set_fonts(definitions);
    }
}

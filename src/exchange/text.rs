//! Offsets in the units other tools count (code points, UTF-16 code units) and text escaping.

/// UTF-16 offsets of every code point of a text (and of its end), for tools that count in
/// UTF-16 (JavaScript annotators, INCEpTION).
pub struct Utf16 {
    at: Vec<usize>,
}

impl Utf16 {
    /// The table of `text`.
    pub fn new(text: &str) -> Self {
        let mut at = Vec::with_capacity(text.len() + 1);
        let mut n = 0;
        for c in text.chars() {
            at.push(n);
            n += c.len_utf16();
        }
        at.push(n);
        Self { at }
    }

    /// The UTF-16 offset of code point `cp` (the end when past it).
    pub fn of(&self, cp: usize) -> usize {
        self.at[cp.min(self.at.len() - 1)]
    }

    /// The code point at UTF-16 offset `u`, when `u` falls on a code point boundary.
    pub fn code_point(&self, u: usize) -> Option<usize> {
        self.at.binary_search(&u).ok()
    }
}

/// The code points `start..end` of `text`, when inside it.
pub fn slice_cp(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end {
        return None;
    }
    let s: String = text.chars().skip(start).take(end - start).collect();
    (s.chars().count() == end - start).then_some(s)
}

/// Text for XML content and attribute values: `& < > "` escaped, and the characters XML 1.0
/// cannot carry (C0 controls other than tab, line feed and carriage return) replaced by U+FFFD.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A `#rrggbb` or `#rgb` colour.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    let v = u32::from_str_radix(hex, 16).ok()?;
    match hex.len() {
        6 => Some([(v >> 16) as u8, (v >> 8) as u8, v as u8]),
        3 => Some([
            ((v >> 8) & 0xf) as u8 * 17,
            ((v >> 4) & 0xf) as u8 * 17,
            (v & 0xf) as u8 * 17,
        ]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_astral_characters_twice() {
        let text = "a😀b𝐀c";
        let u = Utf16::new(text);
        assert_eq!(
            (0..=5).map(|i| u.of(i)).collect::<Vec<_>>(),
            [0, 1, 3, 4, 6, 7]
        );
        assert_eq!(u.code_point(3), Some(2));
        assert_eq!(u.code_point(2), None);
        assert_eq!(slice_cp(text, 1, 2).as_deref(), Some("😀"));
        assert_eq!(slice_cp(text, 4, 9), None);
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}

//! Byte offsets (for slicing and layout) to Unicode code-point offsets (for files and other
//! tools), converted in this one place.

/// Converts byte offsets into one text to code-point offsets; fastest when asked in order.
pub struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CodePoints<'a> {
    /// A converter over `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text, rounded down to a
    /// character boundary).
    pub fn at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Converts code-point offsets into one text to byte offsets; fastest when asked in order.
pub struct ByteOffsets<'a> {
    text: &'a str,
    cp: usize,
    byte: usize,
}

impl<'a> ByteOffsets<'a> {
    /// A converter over `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            cp: 0,
            byte: 0,
        }
    }

    /// The byte offset of code point `cp` (the end of the text for one past the last);
    /// `None` past the end.
    pub fn at(&mut self, cp: usize) -> Option<usize> {
        if cp < self.cp {
            self.cp = 0;
            self.byte = 0;
        }
        let mut chars = self.text[self.byte..].chars();
        while self.cp < cp {
            self.byte += chars.next()?.len_utf8();
            self.cp += 1;
        }
        Some(self.byte)
    }
}

/// The byte offset of code point `cp` in `text`; the end of the text when past it.
pub fn byte_offset(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

/// Byte spans of many code-point spans of one text, in the order given, reading the text once
/// (each by [`byte_offset`] read it from the start: seconds for thousands of spans of a long
/// article). Offsets past the end become the end of the text.
pub fn byte_spans(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut points: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    points.sort_unstable();
    points.dedup();
    let mut bytes = ByteOffsets::new(text);
    let table: Vec<usize> = points
        .iter()
        .map(|&cp| bytes.at(cp).unwrap_or(text.len()))
        .collect();
    let byte = |cp: usize| table[points.binary_search(&cp).unwrap_or(0)];
    spans.iter().map(|&(s, e)| (byte(s), byte(e))).collect()
}

/// The code-point offset of byte `byte` in `text` (one lookup; use [`CodePoints`] for many).
pub fn code_point_offset(text: &str, byte: usize) -> usize {
    CodePoints::new(text).at(byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_to_code_points() {
        let text = "héllo wörld";
        let mut cp = CodePoints::new(text);
        assert_eq!(cp.at(0), 0);
        assert_eq!(cp.at(3), 2);
        assert_eq!(cp.at(text.len()), 11);
        assert_eq!(cp.at(1), 1);
        assert_eq!(byte_offset(text, 2), 3);
        assert_eq!(byte_offset(text, 99), text.len());
        assert_eq!(code_point_offset(text, 3), 2);
        let spans = [(6, 11), (1, 2), (0, 99), (2, 2)];
        let one_by_one: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(s, e)| (byte_offset(text, s), byte_offset(text, e)))
            .collect();
        assert_eq!(byte_spans(text, &spans), one_by_one);
    }
}

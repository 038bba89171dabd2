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
    }
}

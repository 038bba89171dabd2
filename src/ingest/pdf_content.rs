//! A PDF page's content stream read as operators and their operands, just far enough to find
//! the text: strings, numbers, names and arrays are kept, dictionaries and inline images
//! skipped. A single pass over the bytes (lopdf's own parser is several times slower, and the
//! text is all we need).

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A number.
    Number(f32),
    /// A string's bytes, literal or hex.
    Text(Vec<u8>),
    /// A name without its slash.
    Name(Vec<u8>),
    /// An array.
    Array(Vec<Operand>),
    /// Anything else (dictionaries, booleans, null).
    Other,
}

/// How deep arrays may nest before the rest is skipped.
const MAX_NESTING: usize = 32;
/// Operands kept before an operator; a stream with more is damaged.
const MAX_OPERANDS: usize = 4096;

/// Calls `each` with every operator of a content stream and its operands.
pub fn operations(content: &[u8], mut each: impl FnMut(&[u8], &[Operand])) {
    let mut lexer = Lexer {
        bytes: content,
        at: 0,
    };
    let mut operands: Vec<Operand> = Vec::new();
    let mut arrays: Vec<Vec<Operand>> = Vec::new();
    while let Some(token) = lexer.next() {
        let operand = match token {
            Token::Operand(o) => o,
            Token::ArrayStart => {
                if arrays.len() < MAX_NESTING {
                    arrays.push(Vec::new());
                }
                continue;
            }
            Token::ArrayEnd => match arrays.pop() {
                Some(items) => Operand::Array(items),
                None => continue,
            },
            Token::Keyword(word) => {
                if !arrays.is_empty() {
                    continue;
                }
                if word == b"BI" {
                    lexer.skip_inline_image();
                } else {
                    each(word, &operands);
                }
                operands.clear();
                continue;
            }
        };
        match arrays.last_mut() {
            Some(array) => array.push(operand),
            None => {
                if operands.len() >= MAX_OPERANDS {
                    operands.clear();
                }
                operands.push(operand);
            }
        }
    }
}

enum Token<'a> {
    Operand(Operand),
    ArrayStart,
    ArrayEnd,
    Keyword(&'a [u8]),
}

struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let b = *self.bytes.get(self.at)?;
            match b {
                _ if is_white(b) => self.at += 1,
                b'%' => {
                    while self.at < self.bytes.len()
                        && !matches!(self.bytes[self.at], b'\n' | b'\r')
                    {
                        self.at += 1;
                    }
                }
                b'(' => return Some(Token::Operand(Operand::Text(self.literal()))),
                b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                    self.skip_dictionary();
                    return Some(Token::Operand(Operand::Other));
                }
                b'<' => return Some(Token::Operand(Operand::Text(self.hex()))),
                b'[' => {
                    self.at += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.at += 1;
                    return Some(Token::ArrayEnd);
                }
                b'/' => {
                    self.at += 1;
                    let word = self.word();
                    return Some(Token::Operand(Operand::Name(word.to_vec())));
                }
                b'>' | b')' | b'{' | b'}' => self.at += 1,
                _ => {
                    let word = self.word();
                    if word.is_empty() {
                        self.at += 1;
                        continue;
                    }
                    let first = word[0];
                    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
                        let number = std::str::from_utf8(word)
                            .ok()
                            .and_then(|w| w.parse::<f32>().ok())
                            .unwrap_or(0.0);
                        return Some(Token::Operand(Operand::Number(number)));
                    }
                    if matches!(word, b"true" | b"false" | b"null") {
                        return Some(Token::Operand(Operand::Other));
                    }
                    return Some(Token::Keyword(word));
                }
            }
        }
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.at < self.bytes.len()
            && !is_white(self.bytes[self.at])
            && !is_delimiter(self.bytes[self.at])
        {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// A `( … )` string with its escapes and balanced parentheses.
    fn literal(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.bytes.get(self.at) else {
                        break;
                    };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.bytes.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((value & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.bytes.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// A `< … >` hex string.
    fn hex(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut digits = Vec::new();
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                digits.push(d as u8);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] * 16 + p[1]).collect()
    }

    /// `<< … >>`, nested dictionaries and strings inside included.
    fn skip_dictionary(&mut self) {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            match (self.bytes[self.at], self.bytes.get(self.at + 1)) {
                (b'<', Some(b'<')) => {
                    depth += 1;
                    self.at += 2;
                }
                (b'>', Some(b'>')) => {
                    self.at += 2;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                (b'(', _) => {
                    self.literal();
                }
                _ => self.at += 1,
            }
        }
    }

    /// An inline image, `BI … ID <data> EI`: its data may hold anything.
    fn skip_inline_image(&mut self) {
        let Some(id) = find(&self.bytes[self.at..], b"ID") else {
            self.at = self.bytes.len();
            return;
        };
        let mut i = self.at + id + 2;
        while i + 2 <= self.bytes.len() {
            if &self.bytes[i..i + 2] == b"EI"
                && i > 0
                && is_white(self.bytes[i - 1])
                && self.bytes.get(i + 2).is_none_or(|&b| is_white(b))
            {
                self.at = i + 2;
                return;
            }
            i += 1;
        }
        self.at = self.bytes.len();
    }
}

/// Where `needle` first occurs in `haystack`.
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_operators_and_their_operands() {
        let content = br"BT /F1 10 Tf 14 TL 50 760 Td (Port \(talks\)\040resume) Tj T*
[(A) -250 <4142> 12.5] TJ /Span <</MCID 0 /Alt (x)>> BDC EMC
BI /W 2 /H 2 ID \x00EI\xff EI ET % comment (ignored) Tj
";
        let mut seen: Vec<(String, Vec<Operand>)> = Vec::new();
        operations(content, |op, operands| {
            seen.push((String::from_utf8_lossy(op).into_owned(), operands.to_vec()))
        });
        let ops: Vec<&str> = seen.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(
            ops,
            ["BT", "Tf", "TL", "Td", "Tj", "T*", "TJ", "BDC", "EMC", "ET"]
        );
        assert_eq!(seen[4].1, [Operand::Text(b"Port (talks) resume".to_vec())]);
        assert_eq!(
            seen[6].1,
            [Operand::Array(vec![
                Operand::Text(b"A".to_vec()),
                Operand::Number(-250.0),
                Operand::Text(b"AB".to_vec()),
                Operand::Number(12.5)
            ])]
        );
        assert_eq!(seen[1].1[0], Operand::Name(b"F1".to_vec()));
    }

    #[test]
    fn damaged_streams_never_panic() {
        for bad in [
            &b"(unclosed"[..],
            b"<abc",
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ (x) Tj",
            b"BI /W 1 ID no end",
            b"<< << >>",
            b"(\\",
            b"(\\7",
            b"]]]] >> ) Tj",
        ] {
            operations(bad, |_, _| {});
        }
    }
}

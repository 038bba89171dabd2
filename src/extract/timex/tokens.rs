//! Splitting text into the tokens the time grammar reads: words, numbers and punctuation, with
//! byte spans and whether each touches the one before ("four-day", "1950-53").

use std::borrow::Cow;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with inner apostrophes and abbreviation dots: "a.m.", "Nov.").
    Word,
    /// Digits, with inner ',', '.', ':' or '/' ("2,000", "10:35", "11/23/2009").
    Number,
    /// Any other single character.
    Punct,
}

/// One token, borrowing from the text when it is already lower case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Lower-cased text, abbreviation dot kept.
    pub lower: Cow<'a, str>,
    /// What it is.
    pub kind: Kind,
    /// True when it starts with a capital letter.
    pub capitalised: bool,
    /// True when no space separates it from the token before.
    pub glued: bool,
    /// True when a sentence ends right before it.
    pub sentence_start: bool,
}

/// Abbreviations that keep their final dot.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mr", "mrs", "ms", "dr",
    "st", "gov", "sen", "rep", "gen", "col", "lt", "jr", "sr", "inc", "corp", "co", "ltd", "no",
    "vs", "mt", "ft",
];

/// "'s" followed by a non-letter: the possessive ending, a token of its own ("Friday's").
fn is_possessive(after_apostrophe: &str) -> bool {
    let mut chars = after_apostrophe.chars();
    matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(char::is_alphabetic)
}

/// The lower-case form, borrowed when the text has no capitals (most words).
fn lower_case(raw: &str) -> Cow<'_, str> {
    if raw.bytes().any(|b| b.is_ascii_uppercase()) || !raw.is_ascii() {
        Cow::Owned(raw.to_lowercase())
    } else {
        Cow::Borrowed(raw)
    }
}

/// Tokenises `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut last_end = usize::MAX;
    let mut sentence_start = true;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            if c == '\n' && text[i + 1..].starts_with('\n') {
                sentence_start = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphabetic() {
            let mut j = i;
            while let Some(ch) = text[j..].chars().next() {
                let inner_apostrophe = (ch == '\'' || ch == '’')
                    && text[j + ch.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
                    && !is_possessive(&text[j + ch.len_utf8()..]);
                if ch.is_alphabetic() || inner_apostrophe {
                    j += ch.len_utf8();
                } else if ch == '.'
                    && text[j + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
                    && !text[j + 1..]
                        .chars()
                        .nth(1)
                        .is_some_and(char::is_alphabetic)
                    && text[i..j]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphabetic())
                        .count()
                        == 1
                {
                    // "a.m.", "p.m" and "U.S.": single letters joined by dots.
                    j += 1;
                } else {
                    break;
                }
            }
            // A final abbreviation dot: "Nov.", "a.m.".
            let word = text[i..j].to_lowercase();
            let initial = word.chars().count() == 1 && c.is_uppercase();
            if bytes.get(j) == Some(&b'.')
                && (ABBREVIATIONS.contains(&word.as_str()) || word.contains('.') || initial)
            {
                j += 1;
            }
            i = j;
            kind = Kind::Word;
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < text.len() {
                let b = bytes[j];
                let inner_mark = matches!(b, b',' | b'.' | b':' | b'/')
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
                if b.is_ascii_digit() || inner_mark {
                    j += 1;
                } else {
                    break;
                }
            }
            // "1990s", "19th", "3rd", "5pm": letters glued to digits belong to the number.
            while j < text.len() && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            i = j;
            kind = Kind::Number;
        } else {
            i += c.len_utf8();
            kind = Kind::Punct;
        }
        let raw = &text[start..i];
        tokens.push(Token {
            start,
            end: i,
            lower: lower_case(raw),
            kind,
            capitalised: raw.chars().next().is_some_and(char::is_uppercase),
            glued: last_end == start,
            sentence_start,
        });
        sentence_start = kind == Kind::Punct && matches!(raw, "." | "!" | "?");
        last_end = i;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.lower.into_owned())
            .collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            words("On Nov. 23, at 10:35 a.m. EST"),
            ["on", "nov.", "23", ",", "at", "10:35", "a.m.", "est"]
        );
        assert_eq!(
            words("the 1950-53 war's four-day"),
            [
                "the", "1950", "-", "53", "war", "'", "s", "four", "-", "day"
            ]
        );
        assert_eq!(words("Friday's won't"), ["friday", "'", "s", "won't"]);
        assert_eq!(
            words("the 1990s, 2,000 trucks 11/23/2009"),
            ["the", "1990s", ",", "2,000", "trucks", "11/23/2009"]
        );
        let t = tokenize("four-day");
        assert!(t[1].glued && t[2].glued);
        assert!(tokenize("It rose. Monday")[3].sentence_start);
        assert_eq!(
            words("at 10 p.m Friday, U.S. time"),
            ["at", "10", "p.m", "friday", ",", "u.s.", "time"]
        );
    }
}

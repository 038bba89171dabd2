//! Words as search sees them: a text split into tokens (runs of letters and digits; each Han
//! character or kana on its own), each folded to lower case without accents, so "Société",
//! "SOCIETE" and "société" are one word. The index and the query use this one tokenizer, so a
//! phrase matches whatever punctuation, spacing or line breaks separate its words.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// True for characters written without spaces between words (Han, Hiragana, Katakana): each
/// becomes a token of its own, so a phrase of them matches as a sequence.
fn is_unspaced(c: char) -> bool {
    (c as u32) >= 0x3040
        && matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// True for characters inside a word.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Appends the folded form of `c` to `out`: lower case, accents dropped, a few letters that do
/// not decompose spelled out ("ß" → "ss", "ø" → "o").
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if matches!(c as u32, 0xAC00..=0xD7A3) {
        // Hangul syllables would decompose into their letters; they carry no accents.
        out.push(c);
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            'ς' => out.push('σ'),
            _ => decompose_canonical(lower, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }
}

/// The folded form of a whole string, as one piece ("Société Générale" → "societe generale").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Calls `each(start, end, folded)` for every token of `text`, in order, with byte offsets.
/// `folded` is only valid during the call.
pub fn for_each_token(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let mut folded = String::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_unspaced(c) {
            if let Some(s) = start.take() {
                each(s, i, &folded);
                folded.clear();
            }
            fold_char(c, &mut folded);
            each(i, i + c.len_utf8(), &folded);
            folded.clear();
        } else if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            fold_char(c, &mut folded);
        } else if let Some(s) = start.take() {
            each(s, i, &folded);
            folded.clear();
        }
    }
    if let Some(s) = start {
        each(s, text.len(), &folded);
    }
}

/// The byte offset where the token starting at byte `start` of `text` ends, as
/// [`for_each_token`] cuts it.
pub fn token_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let mut chars = rest.char_indices();
    match chars.next() {
        None => start,
        Some((_, c)) if is_unspaced(c) || !is_word_char(c) => start + c.len_utf8(),
        Some(_) => {
            let end = chars
                .find(|(_, c)| is_unspaced(*c) || !is_word_char(*c))
                .map_or(rest.len(), |(i, _)| i);
            start + end
        }
    }
}

/// The folded tokens of `text` with their byte spans.
pub fn tokens(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for_each_token(text, |s, e, t| out.push((s, e, t.to_string())));
    out
}

/// The folded tokens of `text` joined by single spaces, with a space at each end
/// (" liang guanglie "), so that a phrase is found by a substring search for " a b ".
pub fn spaced(text: &str) -> String {
    let mut out = String::from(" ");
    for_each_token(text, |_, _, t| {
        out.push_str(t);
        out.push(' ');
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.2).collect()
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Société GÉNÉRALE"), "societe generale");
        assert_eq!(fold("Straße Øresund Łódź"), "strasse oresund lodz");
        assert_eq!(fold("Ἀθῆναι"), "αθηναι");
    }

    #[test]
    fn splits_on_punctuation_and_keeps_offsets() {
        let text = "U.S. envoy's\nvisit, 2,000 trucks";
        assert_eq!(
            words(text),
            ["u", "s", "envoy", "s", "visit", "2", "000", "trucks"]
        );
        let t = tokens(text);
        assert_eq!(&text[t[4].0..t[4].1], "visit");
        for (s, e, _) in &t {
            assert_eq!(token_end(text, *s), *e);
        }
        let han = "北京 Seoul";
        for (s, e, _) in tokens(han) {
            assert_eq!(token_end(han, s), e);
        }
    }

    #[test]
    fn han_characters_are_tokens_of_their_own() {
        assert_eq!(words("北京市 Seoul"), ["北", "京", "市", "seoul"]);
        assert_eq!(words("서울에서"), ["서울에서"]);
    }

    #[test]
    fn decomposed_accents_stay_in_the_word() {
        // "é" written as e + combining acute.
        assert_eq!(words("cafe\u{301} noir"), ["cafe", "noir"]);
        assert_eq!(spaced("Café, noir!"), " cafe noir ");
    }
}

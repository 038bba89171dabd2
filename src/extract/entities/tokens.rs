//! Words for the entity tagger: names keep their inner dots, hyphens, apostrophes and
//! ampersands ("U.S.", "Yong-chun", "O'Neill", "AT&T"); other punctuation stands alone.

/// A token with its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The text.
    pub text: &'a str,
    /// True when a line break or a sentence end comes right before it.
    pub sentence_start: bool,
}

fn joins(c: char) -> bool {
    matches!(c, '.' | '-' | '\'' | '’' | '&')
}

/// Splits `text` into words.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut sentence_start = true;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' {
                sentence_start = true;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    end = i + n.len_utf8();
                    chars.next();
                } else if joins(n) {
                    let after = text[i + n.len_utf8()..].chars().next();
                    let apostrophe = n == '\'' || n == '’';
                    let run = &text[start..i];
                    let single_letter = run
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphanumeric())
                        .count()
                        == 1
                        && run.chars().all(|c| c.is_alphabetic() || c == '.');
                    if !apostrophe && after.is_some_and(char::is_alphanumeric)
                        || apostrophe && after.is_some_and(char::is_uppercase)
                    {
                        // "Yong-chun", "U.S", "AT&T", "O'Neill"; not "Germany's" or "don't".
                        end = i + n.len_utf8();
                        chars.next();
                    } else if n == '.' && single_letter {
                        // "U.S." keeps its final dot.
                        end = i + 1;
                        chars.next();
                        break;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
        }
        let word = &text[start..end];
        out.push(Word {
            start,
            end,
            text: word,
            sentence_start,
        });
        sentence_start = matches!(word, "." | "!" | "?");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn names_stay_whole() {
        assert_eq!(
            texts("Kim Yong-chun met U.S. envoys."),
            ["Kim", "Yong-chun", "met", "U.S.", "envoys", "."]
        );
        assert_eq!(
            texts("O'Neill's AT&T deal"),
            ["O'Neill", "'", "s", "AT&T", "deal"]
        );
        assert_eq!(
            texts("Germany 's veterinary committee"),
            ["Germany", "'", "s", "veterinary", "committee"]
        );
        assert_eq!(texts("don't"), ["don", "'", "t"]);
    }
}

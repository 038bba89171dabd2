//! Sentences and paragraphs of a body (for NEAR and for coding a hit's sentence or paragraph),
//! and keyword-in-context text around a hit.

use crate::extract::timex::tokens::tokenize;

/// How much text around a hit a unit takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The hit's own words.
    Hit,
    /// The sentence around the hit.
    Sentence,
    /// The paragraph around the hit.
    Paragraph,
}

/// The byte spans of the sentences of `body`, in order, from their first word to their last
/// (closing punctuation included).
pub fn sentences(body: &str) -> Vec<(usize, usize)> {
    let tokens = tokenize(body);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for t in &tokens {
        match out.last_mut() {
            Some(last) if !t.sentence_start => last.1 = t.end,
            _ => out.push((t.start, t.end)),
        }
    }
    out
}

/// The byte spans of the paragraphs of `body` (separated by blank lines), trimmed.
pub fn paragraphs(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in body.match_indices("\n\n") {
        push_trimmed(body, start, i, &mut out);
        start = i + 2;
    }
    push_trimmed(body, start, body.len(), &mut out);
    out
}

fn push_trimmed(body: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push((start + lead, end - trail));
    }
}

/// The index of the unit of `units` that holds byte `at`, if any.
pub fn unit_index(units: &[(usize, usize)], at: usize) -> Option<usize> {
    let i = units.partition_point(|u| u.1 <= at);
    units.get(i).filter(|u| u.0 <= at).map(|_| i)
}

/// The span a hit at `start..end` grows to: the unit(s) of `units` (sentences or
/// paragraphs) it is in.
pub fn expand_in(units: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let first = unit_index(units, start).map_or(start, |i| units[i].0.min(start));
    let last =
        unit_index(units, end.saturating_sub(1).max(start)).map_or(end, |i| units[i].1.max(end));
    (first, last)
}

/// Up to `width` characters of `body` before byte `start` and after byte `end`, with runs of
/// whitespace shown as one space: the left and right columns of a keyword-in-context line.
pub fn context(body: &str, start: usize, end: usize, width: usize) -> (String, String) {
    let squeeze = |chars: &mut dyn Iterator<Item = char>| -> String {
        let mut out = String::new();
        let mut count = 0;
        let mut space = false;
        for c in chars {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
                count += 1;
            }
            space = false;
            out.push(c);
            count += 1;
            if count >= width {
                break;
            }
        }
        out
    };
    let left_text = &body[..start];
    let mut left: String = squeeze(&mut left_text.chars().rev())
        .chars()
        .rev()
        .collect();
    if left_text.ends_with(char::is_whitespace) && !left.is_empty() {
        left.push(' ');
    }
    let right_text = &body[end..];
    let mut right = squeeze(&mut right_text.chars());
    if right_text.starts_with(char::is_whitespace) && !right.is_empty() {
        right.insert(0, ' ');
    }
    (left, right)
}

/// The words of a hit with runs of whitespace shown as one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_paragraphs() {
        let body = "Mr. Kim arrived on Sunday. He left.\n\nA new day began.";
        let s: Vec<&str> = sentences(body).iter().map(|(a, b)| &body[*a..*b]).collect();
        assert_eq!(
            s,
            ["Mr. Kim arrived on Sunday.", "He left.", "A new day began."]
        );
        let p: Vec<&str> = paragraphs(body)
            .iter()
            .map(|(a, b)| &body[*a..*b])
            .collect();
        assert_eq!(
            p,
            ["Mr. Kim arrived on Sunday. He left.", "A new day began."]
        );
        let at = body.find("Sunday").unwrap_or(0);
        let (a, b) = expand_in(&sentences(body), at, at + 6);
        assert_eq!(&body[a..b], "Mr. Kim arrived on Sunday.");
        let (a, b) = expand_in(&paragraphs(body), at, at + 6);
        assert_eq!(&body[a..b], "Mr. Kim arrived on Sunday. He left.");
    }

    #[test]
    fn context_squeezes_whitespace() {
        let body = "one two\n\nthree FOUR five\nsix";
        let at = body.find("FOUR").unwrap_or(0);
        let (l, r) = context(body, at, at + 4, 9);
        assert_eq!((l.as_str(), r.as_str()), ("two three ", " five six"));
    }
}

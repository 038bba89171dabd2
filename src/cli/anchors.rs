//! `dateline bench anchors`: how well annotations find their words again after realistic edits
//! to their articles (sentences inserted and deleted, typos fixed, whitespace and line endings
//! changed). Each edit is applied to the text and to the known place of the annotated words,
//! so every re-anchoring is judged: right, orphaned (allowed), or wrong (never allowed).

use super::lcg::Lcg;
use crate::model::{Anchored, ArticleId, TextTarget, reanchor};

/// Outcomes of re-anchoring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SimulationCounts {
    /// Found at the words' new place (or unchanged).
    pub right: usize,
    /// Left for the user to place.
    pub orphaned: usize,
    /// Put on other words: a defect.
    pub wrong: usize,
    /// Whose words were deleted by the edits (orphaning them is right).
    pub deleted: usize,
}

/// Marks the annotated span inside the text under edit; edits never write these characters,
/// so where they end up is where the words went (and a lost one means the words were cut).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// A text under edit with the annotated span marked inside it.
struct Tracked {
    text: Vec<char>,
}

impl Tracked {
    fn new(text: &[char], start: usize, end: usize) -> Self {
        let mut marked = Vec::with_capacity(text.len() + 2);
        marked.extend_from_slice(&text[..start]);
        marked.push(OPEN);
        marked.extend_from_slice(&text[start..end]);
        marked.push(CLOSE);
        marked.extend_from_slice(&text[end..]);
        Self { text: marked }
    }

    /// The text without the marks, and where the words are now (`None` when an edit cut into
    /// them beyond a fixed letter).
    fn result(&self) -> (String, Option<(usize, usize)>) {
        let open = self.text.iter().position(|c| *c == OPEN);
        let close = self.text.iter().position(|c| *c == CLOSE);
        let text: String = self
            .text
            .iter()
            .filter(|c| **c != OPEN && **c != CLOSE)
            .collect();
        let span = match (open, close) {
            (Some(a), Some(b)) if a < b => Some((a, b - 1)),
            _ => None,
        };
        (text, span)
    }

    /// Replaces `a..b` with `with`; a range holding a mark keeps the mark (so a deletion across
    /// the words' edge is seen as cutting them).
    fn replace(&mut self, a: usize, b: usize, with: &str) {
        let marks: Vec<char> = self.text[a..b]
            .iter()
            .copied()
            .filter(|c| *c == OPEN || *c == CLOSE)
            .collect();
        let cut_inside = !marks.is_empty() && b - a > marks.len() + 1;
        let mut inserted: Vec<char> = with.chars().collect();
        if cut_inside {
            // The words lose their mark: they were cut.
            self.text.retain(|c| *c != OPEN && *c != CLOSE);
            let b = b.min(self.text.len());
            let a = a.min(b);
            self.text.splice(a..b, inserted);
            return;
        }
        inserted.extend(marks);
        self.text.splice(a..b, inserted);
    }

    /// One realistic edit.
    fn edit(&mut self, rng: &mut Lcg) {
        let len = self.text.len();
        let sentence_ends: Vec<usize> = (0..len)
            .filter(|&i| {
                self.text[i] == '.' && self.text.get(i + 1).is_none_or(|c| c.is_whitespace())
            })
            .map(|i| i + 1)
            .collect();
        match rng.below(5) {
            0 => {
                // A sentence inserted after a sentence.
                let at = sentence_ends
                    .get(rng.below(sentence_ends.len()))
                    .copied()
                    .unwrap_or(0);
                self.replace(at, at, " Officials declined to comment on the matter.");
            }
            1 if sentence_ends.len() > 2 => {
                // A sentence deleted.
                let k = rng.below(sentence_ends.len() - 1);
                let (a, b) = (sentence_ends[k], sentence_ends[k + 1]);
                self.replace(a, b, "");
            }
            2 if len > 0 => {
                // A typo fixed: one letter replaced.
                let at = rng.below(len);
                if self.text[at].is_alphabetic() {
                    let c = if self.text[at] == 'e' { "a" } else { "e" };
                    self.replace(at, at + 1, c);
                }
            }
            3 if len > 0 => {
                // Whitespace: a double space or a line break where a space was.
                let spaces: Vec<usize> = (0..len).filter(|&i| self.text[i] == ' ').collect();
                if let Some(&at) = spaces.get(rng.below(spaces.len())) {
                    let with = if rng.below(2) == 0 { "  " } else { "\n" };
                    self.replace(at, at + 1, with);
                }
            }
            _ => {
                // A line added at the top.
                self.replace(0, 0, "Updated: ");
            }
        }
    }
}

/// Runs `rounds` rounds over `texts`: in each, a random span of words is annotated, the text
/// takes `edits` random edits, and the annotation is re-anchored and judged.
pub fn simulate(texts: &[String], rounds: usize, edits: usize, seed: u64) -> SimulationCounts {
    let mut rng = Lcg(seed);
    let mut counts = SimulationCounts::default();
    for round in 0..rounds {
        let Some(body) = texts.get(round % texts.len().max(1)) else {
            break;
        };
        let chars: Vec<char> = body.chars().collect();
        let words: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i].is_alphabetic() && (i == 0 || !chars[i - 1].is_alphanumeric()))
            .collect();
        if words.len() < 4 {
            continue;
        }
        // One to four words.
        let first = rng.below(words.len() - 3);
        let n = 1 + rng.below(3);
        let start = words[first];
        let mut end = words[first + n];
        while end > start && !chars[end - 1].is_alphanumeric() {
            end -= 1;
        }
        let Some(target) = TextTarget::new(ArticleId(0), body, start, end) else {
            continue;
        };
        let mut tracked = Tracked::new(&chars, start, end);
        for _ in 0..edits {
            tracked.edit(&mut rng);
        }
        let (changed, expected) = tracked.result();
        let found = match reanchor(&target, &changed) {
            Anchored::Unchanged => Some((target.start, target.end)),
            Anchored::Moved { start, end } => Some((start, end)),
            Anchored::Orphaned => None,
        };
        match (expected, found) {
            (None, None) => {
                counts.deleted += 1;
                counts.right += 1;
            }
            (None, Some(_)) => {
                // The words were cut, yet placed somewhere: counted wrong, to be strict.
                counts.deleted += 1;
                counts.wrong += 1;
            }
            (Some(_), None) => counts.orphaned += 1,
            (Some((s, e)), Some((a, b))) => {
                let overlap = e.min(b).saturating_sub(s.max(a));
                if overlap * 2 >= (e - s).max(b - a) {
                    counts.right += 1;
                } else {
                    counts.wrong += 1;
                }
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_follow_the_words() {
        let text: Vec<char> = "One two. Three four.".chars().collect();
        let mut t = Tracked::new(&text, 9, 14);
        t.replace(0, 0, "Zero. ");
        let (changed, span) = t.result();
        assert_eq!(span, Some((15, 20)));
        assert_eq!(&changed[15..20], "Three");
        // A deletion across the words' start cuts them.
        let mut t = Tracked::new(&text, 9, 14);
        t.replace(7, 12, "");
        assert_eq!(t.result().1, None);
    }
}

//! Fuzzy matching for the command palette: the letters typed must appear in the candidate in
//! order, each one either right after the one before or at the start of a word ("opfo" finds
//! "Open folder…", "liang" does not find "leaves thousands without power along"); a match
//! scores higher when the letters start words, run together and come early. Case and accents are ignored (both sides are folded as search
//! folds them), and candidates can be folded once and matched many times.

use super::fold::fold;

/// A query prepared for matching many candidates.
pub struct FuzzyQuery {
    letters: Vec<char>,
}

impl FuzzyQuery {
    /// Prepares `query`: folded, spaces dropped.
    pub fn new(query: &str) -> Self {
        Self {
            letters: fold(query).chars().filter(|c| !c.is_whitespace()).collect(),
        }
    }

    /// True when nothing was typed (everything matches).
    pub fn is_empty(&self) -> bool {
        self.letters.is_empty()
    }

    /// How well a candidate already folded by [`fold`] matches: `None` when the letters do not
    /// all appear in order, else a score (higher is better; 0 for an empty query).
    pub fn score_folded(&self, folded: &str) -> Option<i32> {
        let first = *self.letters.first()?;
        // Most candidates fail here, in one pass and without allocating.
        let mut wanted = self.letters.iter().peekable();
        for c in folded.chars() {
            if wanted.peek() == Some(&&c) {
                wanted.next();
            }
        }
        if wanted.peek().is_some() {
            return None;
        }
        let text: Vec<char> = folded.chars().collect();
        // Greedy from every place the first letter occurs, the best kept: "sa" scores "Save
        // as" at the word's start, not inside "Search".
        text.iter()
            .enumerate()
            .filter(|(_, c)| **c == first)
            .filter_map(|(start, _)| self.score_from(&text, start))
            .max()
    }

    /// How well `candidate` matches (folded here).
    pub fn score(&self, candidate: &str) -> Option<i32> {
        if self.is_empty() {
            return Some(0);
        }
        self.score_folded(&fold(candidate))
    }

    /// The score of matching greedily in `text` from `start`.
    fn score_from(&self, text: &[char], start: usize) -> Option<i32> {
        let mut score = 0;
        let mut at = start;
        let mut previous: Option<usize> = None;
        let word_start = |i: usize| i == 0 || !text[i - 1].is_alphanumeric();
        for &q in &self.letters {
            // Right after the letter before, else at the next word that starts with it.
            let found = if previous.is_some() && text.get(at) == Some(&q) {
                at
            } else {
                (at..text.len()).find(|&i| text[i] == q && (previous.is_none() || word_start(i)))?
            };
            score += 1;
            if word_start(found) {
                score += 8;
            }
            if previous.is_some_and(|p| p + 1 == found) {
                score += 5;
            }
            previous = Some(found);
            at = found + 1;
        }
        // Earlier and shorter is better.
        Some(score * 4 - start as i32 - text.len() as i32 / 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, candidate: &str) -> Option<i32> {
        FuzzyQuery::new(query).score(candidate)
    }

    #[test]
    fn letters_in_order_match_and_word_starts_win() {
        assert!(score("opfo", "Open folder…").is_some());
        assert!(score("liang", "Storm leaves thousands without power along").is_none());
        assert!(
            score("ang", "Liang Guanglie").is_some(),
            "a word may begin inside"
        );
        assert!(score("ofo", "Save as…").is_none());
        assert_eq!(score("", "Anything"), Some(0));
        let open_folder = score("of", "Open folder…").unwrap();
        let profile = score("of", "A profile of it").unwrap();
        assert!(open_folder > profile, "{open_folder} {profile}");
        let save = score("save", "Save").unwrap();
        let saved = score("save", "Delete saved search").unwrap();
        assert!(save > saved);
    }

    #[test]
    fn case_and_accents_are_ignored() {
        assert!(score("sao paulo", "São Paulo").is_some());
        assert!(score("LIANG", "Liang Guanglie").is_some());
        assert!(score("zz", "Liang").is_none());
        let query = FuzzyQuery::new("Societe");
        assert_eq!(
            query.score_folded(&fold("Société Générale")),
            query.score("Société Générale")
        );
    }
}

//! Whether the sentence around a time expression speaks of the past or the future: the cue
//! that decides which Sunday "Sunday" is, and which year "March 15" falls in.

use super::resolve::Tense;
use super::tokens::{Kind, Token};

/// Words that make a sentence speak of the future.
pub(super) const FUTURE_MARKERS: &[&str] = &[
    "will",
    "would",
    "'ll",
    "shall",
    "scheduled",
    "planned",
    "plans",
    "plan",
    "expected",
    "expects",
    "due",
    "until",
    "till",
    "upcoming",
    "begin",
    "begins",
    "starting",
    "going",
    "intends",
    "aims",
    "next",
    "could",
    "might",
    "likely",
    "resume",
    "resumes",
];

/// Words that make a sentence speak of the past.
const PAST_MARKERS: &[&str] = &["ago", "last", "was", "were", "had", "did", "since"];

/// Auxiliaries that put a future marker itself in the past: "was scheduled to expire Friday",
/// "had been due to", "were expected to" speak of what was ahead then and is past by the time
/// the story is printed.
const PAST_AUXILIARIES: &[&str] = &["was", "were", "had", "been"];

/// Words ending in "ed" that are not past participles.
const NOT_PARTICIPLES: &[&str] = &["need", "speed", "proceed", "exceed", "indeed", "united"];

/// What one word says of the tense, if anything.
fn cue(token: &Token<'_>) -> Option<Tense> {
    if token.kind != Kind::Word {
        return None;
    }
    let word = token.lower.as_ref();
    if FUTURE_MARKERS.contains(&word) {
        return Some(Tense::Future);
    }
    if PAST_MARKERS.contains(&word) || is_participle(token) {
        return Some(Tense::Past);
    }
    None
}

/// A past participle or past tense: "announced", "rolled"; not a name ("United") mid-sentence.
fn is_participle(token: &Token<'_>) -> bool {
    let word = token.lower.as_ref();
    word.len() > 4
        && word.ends_with("ed")
        && !NOT_PARTICIPLES.contains(&word)
        && (!token.capitalised || token.sentence_start)
}

/// True when the token ends a sentence or a clause boundary the look-back must not cross.
fn ends_sentence(token: &Token<'_>) -> bool {
    token.kind == Kind::Punct && matches!(token.lower.as_ref(), "." | "!" | "?" | ";")
}

/// The tense of the sentence around the expression at tokens `at..end`.
pub fn tense_around(tokens: &[Token<'_>], at: usize, end: usize) -> Tense {
    // "Wednesday's ruling": a possessive date names what already happened.
    let apostrophe = tokens
        .get(end)
        .is_some_and(|t| t.glued && matches!(t.lower.as_ref(), "'" | "’"));
    if apostrophe
        && tokens
            .get(end + 1)
            .is_some_and(|t| t.glued && t.lower == "s")
    {
        return Tense::Past;
    }
    // "by February", "until Dec. 5", "through the weekend": a deadline ahead, unless the
    // sentence is in the past perfect ("had filed reports by Wednesday").
    let deadline = at > 0
        && matches!(
            tokens[at - 1].lower.as_ref(),
            "by" | "until" | "till" | "through"
        );
    if deadline {
        let past_perfect = sentence_before(tokens, at - 1).any(|t| t.lower == "had");
        let nothing_before = look_back(tokens, at - 1).is_none();
        return if past_perfect || (nothing_before && ahead(tokens, end) == Some(Tense::Past)) {
            Tense::Past
        } else {
            Tense::Future
        };
    }
    let behind = look_back(tokens, at);
    match behind {
        // "A service planned for Saturday was canceled": the plan is in the past.
        Some((Tense::Future, _))
            if tokens
                .get(end)
                .is_some_and(|t| matches!(t.lower.as_ref(), "was" | "were")) =>
        {
            Tense::Past
        }
        Some((tense, _)) => tense,
        // Nothing before it in the sentence ("On Tuesday, officials will meet"): the words
        // after decide.
        None => ahead(tokens, end).unwrap_or(Tense::Past),
    }
}

/// The tokens before `at` back to the start of its sentence, nearest first.
fn sentence_before<'t, 'a>(
    tokens: &'t [Token<'a>],
    at: usize,
) -> impl Iterator<Item = &'t Token<'a>> {
    let mut done = false;
    tokens[..at].iter().rev().take_while(move |t| {
        let keep = !done && !ends_sentence(t);
        done = done || t.sentence_start;
        keep
    })
}

/// The nearest cue before `at` in its sentence, within twelve tokens, with the word that gave
/// it. A future marker under a past auxiliary ("was scheduled") counts as past.
fn look_back<'t>(tokens: &'t [Token<'_>], at: usize) -> Option<(Tense, &'t str)> {
    let mut i = at;
    let mut seen = 0;
    while i > 0 && seen < 12 {
        i -= 1;
        let t = &tokens[i];
        if ends_sentence(t) {
            break;
        }
        if let Some(tense) = cue(t) {
            if tense == Tense::Future && under_past_auxiliary(tokens, i) {
                return Some((Tense::Past, t.lower.as_ref()));
            }
            return Some((tense, t.lower.as_ref()));
        }
        seen += 1;
        if t.sentence_start {
            break;
        }
    }
    None
}

/// True when one of the two words before `i` is "was", "were", "had" or "been".
fn under_past_auxiliary(tokens: &[Token<'_>], i: usize) -> bool {
    tokens[i.saturating_sub(2)..i]
        .iter()
        .any(|t| PAST_AUXILIARIES.contains(&t.lower.as_ref()))
}

/// The first cue in the eight tokens after `end`, within the sentence.
fn ahead(tokens: &[Token<'_>], end: usize) -> Option<Tense> {
    tokens
        .iter()
        .skip(end)
        .take(8)
        .take_while(|t| !ends_sentence(t) && !t.sentence_start)
        .find_map(|t| match t.lower.as_ref() {
            "will" | "'ll" | "would" => Some(Tense::Future),
            _ => cue(t).filter(|&c| c == Tense::Past),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::timex::tokens::tokenize;

    /// The tense around the first occurrence of `word` in `text`.
    fn tense_of(text: &str, word: &str) -> Tense {
        let tokens = tokenize(text);
        let at = tokens
            .iter()
            .position(|t| t.lower == word)
            .unwrap_or(tokens.len());
        tense_around(&tokens, at, at + 1)
    }

    #[test]
    fn markers_before_the_expression() {
        use Tense::*;
        for (text, tense) in [
            ("The king met Bush on thursday.", Past),
            ("The monarch will meet Bush on thursday.", Future),
            (
                "The father would be traveling to the United States thursday.",
                Future,
            ),
            ("Talks are set to resume thursday in Belfast.", Future),
            ("The offer had been scheduled to expire thursday.", Past),
            ("A service planned for thursday was canceled.", Past),
            ("The tour continues until thursday.", Future),
            (
                "Members had filed reports by thursday, officials said.",
                Past,
            ),
            ("They would get around thursday's ruling.", Past),
        ] {
            assert_eq!(tense_of(text, "thursday"), tense, "{text}");
        }
    }

    #[test]
    fn words_after_decide_when_nothing_comes_before() {
        assert_eq!(
            tense_of("On thursday, officials will meet.", "thursday"),
            Tense::Future
        );
        assert_eq!(
            tense_of(
                "Until thursday, they had not called him a suspect.",
                "thursday"
            ),
            Tense::Past
        );
        assert_eq!(tense_of("Thursday was quiet.", "thursday"), Tense::Past);
    }
}

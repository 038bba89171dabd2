//! Finding an annotation's words again after its article's text changed: at the same position,
//! else the same words nearest the old position (context breaking ties), else an approximate
//! match scored on the words, the context around them and the distance moved, as Hypothesis
//! does. When no place is good enough, or two are equally good, the annotation is orphaned:
//! it is never moved to the wrong words silently.

use super::TextTarget;

/// Where an annotation's target ends up in a changed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchored {
    /// Same words at the same code points.
    Unchanged,
    /// Found at other code points (the words may differ slightly when found approximately).
    Moved {
        /// New first code point.
        start: usize,
        /// New end.
        end: usize,
    },
    /// No place is trustworthy.
    Orphaned,
}

/// How alike two strings are, from 0 (nothing shared) to 1 (equal): one minus the edit
/// distance over the longer length.
fn similarity(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    1.0 - previous[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// How well the context around `start..end` of `text` matches the target's. With
/// `lenient_edges`, where the text now begins or ends inside the old context (a sentence
/// deleted at the end), the part compared is scored as usual and the part missing counts as
/// half alike: neither evidence for the place nor against it. Only exact words get that;
/// approximate words need their whole context.
fn context_score(
    text: &[char],
    start: usize,
    end: usize,
    target: &TextTarget,
    lenient_edges: bool,
) -> f64 {
    let prefix: Vec<char> = target.prefix.chars().collect();
    let suffix: Vec<char> = target.suffix.chars().collect();
    let before = &text[start.saturating_sub(prefix.len())..start];
    let after = &text[end..(end + suffix.len()).min(text.len())];
    // `near_end`: the words sit after `expected` (a prefix), so its end is nearest them.
    let side = |expected: &[char], found: &[char], cut_at_text_edge: bool, near_end: bool| {
        if !cut_at_text_edge || found.len() >= expected.len() || expected.is_empty() {
            return similarity(expected, found);
        }
        let shown = found.len() as f64 / expected.len() as f64;
        let near = if near_end {
            &expected[expected.len() - found.len()..]
        } else {
            &expected[..found.len()]
        };
        similarity(near, found) * shown + 0.5 * (1.0 - shown)
    };
    let at_start = lenient_edges && start < prefix.len();
    let at_end = lenient_edges && end + suffix.len() > text.len();
    (side(&prefix, before, at_start, true) + side(&suffix, after, at_end, false)) / 2.0
}

/// The least a match must score to be trusted, and how far ahead of the runner-up it must be.
const ACCEPT: f64 = 0.8;
const MARGIN: f64 = 0.05;
/// How much of the context around words found elsewhere must still match (more for short
/// words).
const MIN_CONTEXT: f64 = 0.7;

/// Finds `target` again in `text` (the article's new body).
pub fn reanchor(target: &TextTarget, text: &str) -> Anchored {
    let chars: Vec<char> = text.chars().collect();
    reanchor_in(target, &chars)
}

/// [`reanchor`] over a text already split into code points (many targets, one text).
pub fn reanchor_in(target: &TextTarget, chars: &[char]) -> Anchored {
    let quote: Vec<char> = target.quote.chars().collect();
    if quote.is_empty() {
        return Anchored::Orphaned;
    }
    let len = quote.len();
    // Short words recur everywhere, often a few characters apart, where their contexts
    // overlap: they need more of their context to match.
    let min_context = match len {
        0..4 => 0.9,
        4..8 => 0.75,
        _ => MIN_CONTEXT,
    };
    // 1. The same words at the same place, in the same surroundings ("a" at the old offset
    //    of a text that grew at its start is another "a").
    if target.start <= target.end
        && target.end <= chars.len()
        && chars[target.start..target.end] == quote[..]
        && context_score(chars, target.start, target.end, target, true) >= min_context
    {
        return Anchored::Unchanged;
    }
    let distance_score = |start: usize| {
        let moved = start.abs_diff(target.start) as f64;
        1.0 / (1.0 + moved / (chars.len().max(1) as f64 / 4.0))
    };
    // 2. The same words elsewhere: context first, then nearness.
    let mut scored: Vec<(f64, usize)> = (0..=chars.len().saturating_sub(len))
        .filter(|&s| chars.len() >= len && chars[s..s + len] == quote[..])
        .filter_map(|s| {
            let context = context_score(chars, s, s + len, target, true);
            (context >= min_context).then(|| (0.8 * context + 0.2 * distance_score(s), s))
        })
        .collect();
    if !scored.is_empty() {
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        if scored.len() > 1 && scored[0].0 - scored[1].0 < MARGIN {
            return Anchored::Orphaned;
        }
        let start = scored[0].1;
        return Anchored::Moved {
            start,
            end: start + len,
        };
    }
    // 3. Approximately the same words: candidates start where the quote's first or last few
    //    characters occur, with lengths near the quote's.
    let k = len.min(3);
    let head = &quote[..k];
    let tail = &quote[len - k..];
    let mut best: Vec<(f64, usize, usize)> = Vec::new();
    let slack = (len / 5).max(2);
    for s in 0..chars.len() {
        let starts_like = chars[s..].starts_with(head);
        let ends_like = s + k <= chars.len() && chars[s..s + k] == *tail;
        if !starts_like && !ends_like {
            continue;
        }
        let lengths = len.saturating_sub(slack).max(1)..=len + slack;
        for l in lengths {
            let (a, b) = if starts_like {
                (s, s + l)
            } else {
                ((s + k).saturating_sub(l), s + k)
            };
            if b > chars.len() || a >= b {
                continue;
            }
            let words = similarity(&quote, &chars[a..b]);
            if words < ACCEPT {
                continue;
            }
            let context = context_score(chars, a, b, target, false);
            if context < min_context {
                continue;
            }
            let score = 0.6 * words + 0.3 * context + 0.1 * distance_score(a);
            best.push((score, a, b));
        }
    }
    best.sort_by(|x, y| y.0.total_cmp(&x.0));
    best.dedup_by(|x, y| x.1 == y.1 && x.2 == y.2);
    match best.as_slice() {
        [] => Anchored::Orphaned,
        [(score, a, b), rest @ ..] => {
            // Overlapping runners-up are the same place measured differently.
            let rival = rest.iter().find(|r| r.2 <= *a || r.1 >= *b);
            if *score >= ACCEPT && rival.is_none_or(|r| score - r.0 >= MARGIN) {
                Anchored::Moved { start: *a, end: *b }
            } else {
                Anchored::Orphaned
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    const BODY: &str = "China's defense minister, Liang Guanglie, arrived in North Korea on \
                        Sunday. Liang paid a visit to Kim Yong-chun.";

    fn target(words: &str) -> TextTarget {
        let start = BODY
            .find(words)
            .map(|b| BODY[..b].chars().count())
            .unwrap_or(0);
        TextTarget::new(ArticleId(0), BODY, start, start + words.chars().count())
            .unwrap_or_else(|| panic!("{words}"))
    }

    fn found(result: &Anchored, text: &str) -> Option<String> {
        match result {
            Anchored::Unchanged => None,
            Anchored::Moved { start, end } => {
                Some(text.chars().skip(*start).take(end - start).collect())
            }
            Anchored::Orphaned => Some("ORPHAN".into()),
        }
    }

    #[test]
    fn unchanged_text_keeps_every_anchor() {
        assert_eq!(
            reanchor(&target("Liang Guanglie"), BODY),
            Anchored::Unchanged
        );
    }

    #[test]
    fn inserted_text_moves_the_anchor() {
        let changed = format!("SEOUL (Yonhap) -- {BODY}");
        let result = reanchor(&target("North Korea"), &changed);
        assert_eq!(found(&result, &changed).as_deref(), Some("North Korea"));
    }

    #[test]
    fn repeated_words_follow_their_context() {
        // "Liang" twice: the second one, after "Sunday. ", is the one annotated.
        let t = {
            let at = BODY.rfind("Liang paid").unwrap_or(0);
            let start = BODY[..at].chars().count();
            TextTarget::new(ArticleId(0), BODY, start, start + 5).unwrap_or_else(|| panic!())
        };
        let changed = BODY.replace("Sunday.", "Sunday night.");
        let result = reanchor(&t, &changed);
        let Anchored::Moved { start, .. } = result else {
            panic!("{result:?}");
        };
        let expected = changed[..changed.rfind("Liang paid").unwrap_or(0)]
            .chars()
            .count();
        assert_eq!(start, expected);
    }

    #[test]
    fn a_fixed_typo_is_found_approximately() {
        let t = target("Liang Guanglie");
        let changed = BODY.replace("Liang Guanglie", "Liang Guang-lie");
        let result = reanchor(&t, &changed);
        assert_eq!(found(&result, &changed).as_deref(), Some("Liang Guang-lie"));
    }

    #[test]
    fn nonsense_offsets_from_a_hostile_file_do_not_panic() {
        for (start, end) in [
            (9, 3),
            (usize::MAX, 2),
            (5, usize::MAX),
            (usize::MAX - 1, usize::MAX),
        ] {
            let t = TextTarget {
                start,
                end,
                ..target("Liang")
            };
            let result = reanchor(&t, BODY);
            assert!(
                matches!(result, Anchored::Moved { .. } | Anchored::Orphaned),
                "{result:?}"
            );
        }
    }

    #[test]
    fn deleted_words_orphan_the_annotation() {
        let t = target("Kim Yong-chun");
        let changed = BODY.replace(" Liang paid a visit to Kim Yong-chun.", "");
        assert_eq!(reanchor(&t, &changed), Anchored::Orphaned);
    }
}

//! Two versions of a report compared word by word: what was added, removed or moved, with byte
//! ranges into each text for highlighting.

use std::ops::Range;

/// Edits searched for before two texts count as rewritten throughout (the rest of the middle
/// is then shown as removed and added whole).
const MAX_EDITS: usize = 4_000;

/// What happened to a stretch of words between two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// In both versions.
    Same,
    /// Only in the later version.
    Added,
    /// Only in the earlier version.
    Removed,
    /// A whole paragraph found in both, at another place.
    Moved,
}

/// The comparison of two texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordDiff {
    /// Stretches of the earlier text: `Same`, `Removed` or `Moved`.
    pub before: Vec<(Range<usize>, Change)>,
    /// Stretches of the later text: `Same`, `Added` or `Moved`.
    pub after: Vec<(Range<usize>, Change)>,
    /// Words added (moved paragraphs not counted).
    pub added: usize,
    /// Words removed (moved paragraphs not counted).
    pub removed: usize,
    /// Words in moved paragraphs.
    pub moved: usize,
}

/// The words of a text (runs of non-space characters) with their byte ranges.
fn tokens(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s..i, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), &text[s..]));
    }
    out
}

/// For each word of `a` and `b`, whether it is in the common subsequence (Myers' O(ND)
/// algorithm, giving up after `MAX_EDITS` edits).
fn common(a: &[&str], b: &[&str]) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    let mut keep_a = vec![false; n];
    let mut keep_b = vec![false; m];
    let max = (n + m).min(MAX_EDITS);
    let offset = max + 1;
    let mut v = vec![0usize; 2 * max + 3];
    let mut trace: Vec<Vec<usize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max {
        trace.push(v.clone());
        let d = d as isize;
        let mut k = -d;
        while k <= d {
            let idx = (k + offset as isize) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = (x as isize - k) as usize;
            while x < n && y < m && a[x] == b[y] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                found = Some(d as usize);
                break 'outer;
            }
            k += 2;
        }
    }
    let Some(edits) = found else {
        return (keep_a, keep_b);
    };
    // Walk back through the trace.
    let (mut x, mut y) = (n, m);
    for d in (1..=edits).rev() {
        let v = &trace[d];
        let k = x as isize - y as isize;
        let d = d as isize;
        let idx = |k: isize| (k + offset as isize) as usize;
        let prev_k = if k == -d || (k != d && v[idx(k - 1)] < v[idx(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[idx(prev_k)];
        let prev_y = (prev_x as isize - prev_k) as usize;
        while x > prev_x && y > prev_y && x > 0 && y > 0 && a[x - 1] == b[y - 1] {
            x -= 1;
            y -= 1;
            keep_a[x] = true;
            keep_b[y] = true;
        }
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        keep_a[x] = true;
        keep_b[y] = true;
    }
    (keep_a, keep_b)
}

/// Stretches of equal change, joined over the spaces between words.
fn stretches(words: &[(Range<usize>, &str)], change: &[Change]) -> Vec<(Range<usize>, Change)> {
    let mut out: Vec<(Range<usize>, Change)> = Vec::new();
    for ((range, _), c) in words.iter().zip(change) {
        match out.last_mut() {
            Some((r, last)) if last == c => r.end = range.end,
            _ => out.push((range.clone(), *c)),
        }
    }
    out
}

/// Paragraph of each word: words are numbered by the blank lines before them.
fn paragraphs(text: &str, words: &[(Range<usize>, &str)]) -> Vec<usize> {
    let mut para = 0;
    let mut last_end = 0;
    words
        .iter()
        .map(|(r, _)| {
            if text[last_end..r.start].contains("\n\n") {
                para += 1;
            }
            last_end = r.end;
            para
        })
        .collect()
}

/// Compare an earlier and a later version of a text.
pub fn word_diff(before: &str, after: &str) -> WordDiff {
    let wa = tokens(before);
    let wb = tokens(after);
    let a: Vec<&str> = wa.iter().map(|(_, w)| *w).collect();
    let b: Vec<&str> = wb.iter().map(|(_, w)| *w).collect();
    // Equal ends are common without search.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = common(&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ca: Vec<Change> = Vec::with_capacity(a.len());
    let mut cb: Vec<Change> = Vec::with_capacity(b.len());
    ca.extend(std::iter::repeat_n(Change::Same, prefix));
    cb.extend(std::iter::repeat_n(Change::Same, prefix));
    ca.extend(
        mid_a
            .iter()
            .map(|k| if *k { Change::Same } else { Change::Removed }),
    );
    cb.extend(
        mid_b
            .iter()
            .map(|k| if *k { Change::Same } else { Change::Added }),
    );
    ca.extend(std::iter::repeat_n(Change::Same, suffix));
    cb.extend(std::iter::repeat_n(Change::Same, suffix));
    mark_moved(before, &wa, &mut ca, after, &wb, &mut cb);
    let count = |c: &[Change], what: Change| c.iter().filter(|x| **x == what).count();
    WordDiff {
        added: count(&cb, Change::Added),
        removed: count(&ca, Change::Removed),
        moved: count(&cb, Change::Moved),
        before: stretches(&wa, &ca),
        after: stretches(&wb, &cb),
    }
}

/// The paragraphs whose every word has this change: their words, and the words' indices.
fn whole_paragraphs<'t>(
    text: &str,
    words: &[(Range<usize>, &'t str)],
    changes: &[Change],
    what: Change,
) -> Vec<(Vec<&'t str>, Vec<usize>)> {
    let para = paragraphs(text, words);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let p = para[i];
        let j = (i..words.len())
            .find(|&j| para[j] != p)
            .unwrap_or(words.len());
        if changes[i..j].iter().all(|c| *c == what) {
            out.push((
                words[i..j].iter().map(|(_, w)| *w).collect(),
                (i..j).collect(),
            ));
        }
        i = j;
    }
    out
}

/// A paragraph removed whole from one place and added whole at another is moved.
fn mark_moved(
    before: &str,
    wa: &[(Range<usize>, &str)],
    ca: &mut [Change],
    after: &str,
    wb: &[(Range<usize>, &str)],
    cb: &mut [Change],
) {
    let removed = whole_paragraphs(before, wa, ca, Change::Removed);
    let mut added = whole_paragraphs(after, wb, cb, Change::Added);
    for (text, at) in removed {
        if let Some(n) = added.iter().position(|(t, _)| *t == text) {
            let (_, there) = added.remove(n);
            at.iter().for_each(|&i| ca[i] = Change::Moved);
            there.iter().for_each(|&i| cb[i] = Change::Moved);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, parts: &[(Range<usize>, Change)], what: Change) -> Vec<String> {
        parts
            .iter()
            .filter(|(_, c)| *c == what)
            .map(|(r, _)| text[r.clone()].to_string())
            .collect()
    }

    #[test]
    fn added_removed_and_the_same() {
        let a = "Talks resumed on Tuesday in Geneva.";
        let b = "Talks resumed on Wednesday in Geneva, officials said.";
        let d = word_diff(a, b);
        assert_eq!(
            show(a, &d.before, Change::Removed),
            vec!["Tuesday", "Geneva."]
        );
        assert_eq!(
            show(b, &d.after, Change::Added),
            vec!["Wednesday", "Geneva, officials said."]
        );
        assert_eq!((d.added, d.removed), (4, 2));
        assert_eq!(word_diff(a, a).added + word_diff(a, a).removed, 0);
    }

    #[test]
    fn a_paragraph_moved_is_moved() {
        let a = "First paragraph here.\n\nSecond one about rain.\n\nThird closes.";
        let b = "Second one about rain.\n\nFirst paragraph here.\n\nThird closes.";
        let d = word_diff(a, b);
        assert_eq!((d.added, d.removed), (0, 0), "{d:?}");
        assert!(d.moved > 0);
    }

    #[test]
    fn unrelated_texts_and_empty_ones() {
        let d = word_diff("", "one two");
        assert_eq!((d.added, d.removed), (2, 0));
        let d = word_diff("alpha beta", "gamma delta epsilon");
        assert_eq!((d.added, d.removed), (3, 2));
    }
}

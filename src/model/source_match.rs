//! Which article of the workspace an article read again from a file that holds many is: by the
//! database's own id, else by the same text, else by the same place in the file. So an export
//! downloaded again with more or fewer articles keeps each article's identity, and the work
//! anchored in it.

use std::collections::{HashMap, HashSet};

use super::Article;

/// For each of `incoming` (articles read from one file), the index in `existing` (the
/// workspace's articles from the same file) of the same article, if any. No existing article
/// is given to two incoming ones.
pub fn match_items(existing: &[&Article], incoming: &[Article]) -> Vec<Option<usize>> {
    let mut matched: Vec<Option<usize>> = vec![None; incoming.len()];
    if existing.is_empty() {
        // A new file: nothing to match (and no word pairs to compute).
        return matched;
    }
    let mut claimed = vec![false; existing.len()];
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_hash: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, article) in existing.iter().enumerate() {
        if let Some(id) = article.meta.source_id.as_deref() {
            by_id.entry(id).or_insert(i);
        }
        by_hash
            .entry(article.source.content_hash.as_str())
            .or_default()
            .push(i);
    }
    // The database's id names the article whatever else changed.
    for (n, article) in incoming.iter().enumerate() {
        if let Some(&i) = article
            .meta
            .source_id
            .as_deref()
            .and_then(|id| by_id.get(id))
            && !claimed[i]
        {
            claimed[i] = true;
            matched[n] = Some(i);
        }
    }
    // The same text is the same article, wherever it now stands in the file.
    for (n, article) in incoming.iter().enumerate() {
        if matched[n].is_some() {
            continue;
        }
        let candidates = by_hash
            .get(article.source.content_hash.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(&i) = candidates
            .iter()
            .find(|&&i| !claimed[i] && ids_agree(existing[i], article))
        {
            claimed[i] = true;
            matched[n] = Some(i);
        }
    }
    // A file that is one article is the same article, whatever its new text.
    if let [only] = incoming
        && only.source.item.is_none()
        && matched[0].is_none()
        && let Some(i) =
            (0..existing.len()).find(|&i| !claimed[i] && existing[i].source.item.is_none())
    {
        claimed[i] = true;
        matched[0] = Some(i);
    }
    // What is left: between two articles found again, an article in the same gap of the old
    // and the new file that shares most of its words, when no id says they differ (a
    // corrected article).
    let mut order: Vec<usize> = (0..existing.len()).collect();
    order.sort_by_key(|&i| existing[i].source.item.unwrap_or(1));
    let mut rank = vec![0; existing.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut n = 0;
    while n < incoming.len() {
        if matched[n].is_some() {
            n += 1;
            continue;
        }
        let run_start = n;
        while n < incoming.len() && matched[n].is_none() {
            n += 1;
        }
        let lo = match run_start.checked_sub(1).and_then(|p| matched[p]) {
            Some(i) => rank[i] + 1,
            None => 0,
        };
        let hi = match matched.get(n).copied().flatten() {
            Some(i) => rank[i],
            None => existing.len(),
        };
        if lo > hi {
            continue;
        }
        let gap: Vec<usize> = order[lo..hi]
            .iter()
            .copied()
            .filter(|&i| !claimed[i] && existing[i].meta.source_id.is_none())
            .collect();
        let run: Vec<usize> = (run_start..n)
            .filter(|&m| incoming[m].meta.source_id.is_none())
            .collect();
        if gap.is_empty() || run.is_empty() {
            continue;
        }
        // The most alike pairs first; an article taken out and another put in its place
        // share little text, a corrected one most of it.
        // Each article's word pairs once, not once per comparison.
        let old_pairs: Vec<WordPairs> = gap.iter().map(|&i| word_pairs(existing[i])).collect();
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for &m in &run {
            let new_pairs = word_pairs(&incoming[m]);
            for (&i, old) in gap.iter().zip(&old_pairs) {
                let score = likeness(old, &new_pairs);
                if score >= MIN_LIKENESS {
                    pairs.push((score, m, i));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, m, i) in pairs {
            if matched[m].is_none() && !claimed[i] {
                claimed[i] = true;
                matched[m] = Some(i);
            }
        }
    }
    matched
}

/// How alike two versions of an article must be to be taken for one corrected article.
const MIN_LIKENESS: f64 = 0.5;

/// The lower-case word bigrams of an article's headline and body.
type WordPairs = HashSet<(String, String)>;

fn word_pairs(article: &Article) -> WordPairs {
    let words: Vec<String> = article
        .headline
        .split_whitespace()
        .chain(article.body.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

/// The share of word pairs two articles' headlines and bodies have in common (Jaccard on
/// the sets of lower-case word bigrams: two reports on one topic share words, a corrected
/// article shares its sentences).
fn likeness(a: &WordPairs, b: &WordPairs) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Two articles whose ids, where both have one, are the same.
fn ids_agree(a: &Article, b: &Article) -> bool {
    match (&a.meta.source_id, &b.meta.source_id) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_article;

    fn item(hash: &str, n: u32, id: Option<&str>) -> Article {
        let mut a = test_article("/x/export.txt", hash, "Text.");
        a.source.item = Some(n);
        a.meta.source_id = id.map(str::to_string);
        a
    }

    #[test]
    fn ids_then_text_then_place() {
        let old = [
            item("h1", 1, None),
            item("h2", 2, None),
            item("h3", 3, None),
        ];
        let existing: Vec<&Article> = old.iter().collect();
        // Re-downloaded: a new article first, the second corrected, the third as it was.
        let new = [
            item("h0", 1, None),
            item("h1", 2, None),
            item("h2x", 3, None),
            item("h3", 4, None),
        ];
        assert_eq!(
            match_items(&existing, &new),
            [None, Some(0), Some(1), Some(2)]
        );
        // The first corrected, the last taken out.
        let new = [item("h1x", 1, None), item("h2", 2, None)];
        assert_eq!(match_items(&existing, &new), [Some(0), Some(1)]);
        // A file that was one article and still is.
        let single = [test_article("/x/a.txt", "old", "Old.")];
        let existing: Vec<&Article> = single.iter().collect();
        let new = [test_article("/x/a.txt", "new", "New.")];
        assert_eq!(match_items(&existing, &new), [Some(0)]);

        let old = [item("a", 1, Some("AN1")), item("b", 2, Some("AN2"))];
        let existing: Vec<&Article> = old.iter().collect();
        let new = [item("b2", 1, Some("AN2")), item("c", 2, Some("AN3"))];
        assert_eq!(match_items(&existing, &new), [Some(1), None]);
    }
}

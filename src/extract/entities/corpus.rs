//! The names of a whole corpus: every article's mention records, article after article, each
//! with its span in the body, and where each article's records lie. One list serves the
//! registry (which counts the records), the events (which look up an article's names) and
//! search (which needs their places), so nothing is held twice; the same name in many
//! articles is one shared string.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::article_mention_records;
use crate::model::{ArticleId, ArticleText, MentionRecord};

/// Every article's names, in the order the articles were given. Cheap to clone (shared).
#[derive(Clone, Debug, Default)]
pub struct CorpusNames {
    /// The records, article after article.
    pub records: Arc<Vec<MentionRecord>>,
    /// Where each article's records lie in `records`.
    ranges: Arc<HashMap<ArticleId, (u32, u32)>>,
}

impl CorpusNames {
    /// The names of one article each, in order, as one list.
    pub fn from_articles(per_article: Vec<Vec<MentionRecord>>) -> CorpusNames {
        let total = per_article.iter().map(Vec::len).sum();
        let mut records = Vec::with_capacity(total);
        let mut ranges = HashMap::with_capacity(per_article.len());
        for names in per_article {
            let Some(first) = names.first() else {
                continue;
            };
            let from = records.len() as u32;
            ranges.insert(first.article, (from, from + names.len() as u32));
            records.extend(names);
        }
        share_strings(&mut records);
        CorpusNames {
            records: Arc::new(records),
            ranges: Arc::new(ranges),
        }
    }

    /// One article's names, in text order; empty for an article without any (or not read).
    pub fn of(&self, article: ArticleId) -> &[MentionRecord] {
        self.ranges
            .get(&article)
            .and_then(|&(from, to)| self.records.get(from as usize..to as usize))
            .unwrap_or(&[])
    }

    /// How many names in all.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when no article has a name.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The names of many articles, in parallel, in the order given.
pub fn all_article_names(bodies: &[ArticleText]) -> CorpusNames {
    let (done, cancel) = (AtomicUsize::new(0), AtomicBool::new(false));
    all_article_names_counted(bodies, &done, &cancel).unwrap_or_default()
}

/// [`all_article_names`], counting the articles done into `done`; `None` as soon as `cancel`
/// is set (articles not yet begun are skipped).
pub fn all_article_names_counted(
    bodies: &[ArticleText],
    done: &AtomicUsize,
    cancel: &AtomicBool,
) -> Option<CorpusNames> {
    all_article_names_in_parts(bodies, done, cancel, bodies.len(), |_| {})
}

/// [`all_article_names_counted`], read `part` articles at a time: after each part but the last,
/// `on_part` gets the names of every article read so far, so that a large corpus shows its
/// names as they come.
pub fn all_article_names_in_parts(
    bodies: &[ArticleText],
    done: &AtomicUsize,
    cancel: &AtomicBool,
    part: usize,
    mut on_part: impl FnMut(CorpusNames),
) -> Option<CorpusNames> {
    use rayon::prelude::*;
    let mut per_article: Vec<Vec<MentionRecord>> = Vec::with_capacity(bodies.len());
    let mut parts = bodies.chunks(part.max(1)).peekable();
    while let Some(chunk) = parts.next() {
        let names: Vec<Vec<MentionRecord>> = chunk
            .par_iter()
            .map(|text| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let names = article_mention_records(text);
                done.fetch_add(1, Ordering::Relaxed);
                Some(names)
            })
            .collect::<Option<_>>()?;
        per_article.extend(names);
        if parts.peek().is_some() {
            on_part(CorpusNames::from_articles(per_article.clone()));
        }
    }
    Some(CorpusNames::from_articles(per_article))
}

/// Makes every copy of the same name one shared string: a corpus names the same people,
/// places and organisations in thousands of articles, and a string per mention would cost
/// more than the text it came from.
fn share_strings(records: &mut [MentionRecord]) {
    let mut pool: HashSet<Arc<str>> = HashSet::new();
    let mut shared = |s: &Arc<str>| match pool.get(s) {
        Some(kept) => kept.clone(),
        None => {
            pool.insert(s.clone());
            s.clone()
        }
    };
    for record in records {
        record.text = shared(&record.text);
        record.canonical = shared(&record.canonical);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read in parts, each part's names are those of every article read so far, and the whole
    /// is what one reading finds.
    #[test]
    fn names_read_in_parts_grow_to_the_whole() {
        let bodies: Vec<ArticleText> = (0..7)
            .map(|i| {
                let text = format!("Liang Guanglie met Gates in Beijing on day {i}.");
                ArticleText::new(ArticleId(i), text.into())
            })
            .collect();
        let whole = all_article_names(&bodies);
        let (done, cancel) = (AtomicUsize::new(0), AtomicBool::new(false));
        let mut seen = Vec::new();
        let last = all_article_names_in_parts(&bodies, &done, &cancel, 3, |part| {
            seen.push(part);
        })
        .unwrap();
        assert_eq!(done.load(Ordering::Relaxed), 7);
        assert_eq!(seen.len(), 2, "parts of 3, 3 and 1: two before the last");
        for (k, part) in seen.iter().enumerate() {
            let read = 3 * (k + 1);
            assert_eq!(*part.records, whole.records[..part.len()]);
            assert_eq!(
                part.of(ArticleId(read as u64 - 1)),
                whole.of(ArticleId(read as u64 - 1))
            );
            assert!(part.of(ArticleId(read as u64)).is_empty(), "not read yet");
        }
        assert_eq!(last.records, whole.records);
        // A cancelled reading gives nothing, whole or in parts.
        cancel.store(true, Ordering::Relaxed);
        assert!(all_article_names_in_parts(&bodies, &done, &cancel, 3, |_| panic!()).is_none());
    }

    /// Each article's names are found by its id, in text order with their spans, and the
    /// same name in two articles is one string.
    #[test]
    fn articles_names_are_looked_up_and_shared() {
        let bodies: Vec<ArticleText> = vec![
            ArticleText::new(ArticleId(7), "Liang Guanglie met Gates in Beijing.".into()),
            ArticleText::new(ArticleId(3), "Nothing here.".into()),
            ArticleText::new(ArticleId(9), "Gates flew to Beijing on Monday.".into()),
        ];
        let names = all_article_names(&bodies);
        let first = names.of(ArticleId(7));
        assert!(!first.is_empty());
        for r in first {
            let body = &bodies[0].body;
            assert_eq!(
                super::super::normalise_name(&body[r.start as usize..r.end as usize]),
                &*r.text
            );
        }
        assert!(names.of(ArticleId(3)).is_empty());
        assert!(
            names.of(ArticleId(42)).is_empty(),
            "an unknown article has none"
        );
        let beijing = |id| {
            names
                .of(id)
                .iter()
                .find(|r| &*r.text == "Beijing")
                .map(|r| r.text.clone())
        };
        let (a, b) = (
            beijing(ArticleId(7)).unwrap(),
            beijing(ArticleId(9)).unwrap(),
        );
        assert!(Arc::ptr_eq(&a, &b), "one string for the same name");
        assert_eq!(
            names.len(),
            first.len() + names.of(ArticleId(9)).len(),
            "every record belongs to one article"
        );
    }
}

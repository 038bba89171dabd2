//! The orders a keyword-in-context table can show its hits in, computed once per search (off
//! the window's thread) so that clicking a column header costs nothing.

use super::fold;
use super::{Hit, SearchIndex, SearchResult, hit_body};
use crate::model::{ArticleId, PublishedAt};

/// A column to sort hits by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Article order, then position (as found).
    #[default]
    Found,
    /// Publication date, undated last.
    Date,
    /// Headline.
    Headline,
    /// The hit's words.
    Hit,
    /// The word before the hit.
    Left,
    /// The word after the hit.
    Right,
}

/// Hit numbers in each order.
#[derive(Clone, Debug, Default)]
pub struct SortOrders {
    date: Vec<u32>,
    headline: Vec<u32>,
    hit: Vec<u32>,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl SortOrders {
    /// The hit shown in row `row` when sorted by `by`, ascending or not.
    pub fn hit(&self, by: SortBy, ascending: bool, row: usize, len: usize) -> usize {
        let row = if ascending { row } else { len - 1 - row };
        let order = match by {
            SortBy::Found => return row,
            SortBy::Date => &self.date,
            SortBy::Headline => &self.headline,
            SortBy::Hit => &self.hit,
            SortBy::Left => &self.left,
            SortBy::Right => &self.right,
        };
        order.get(row).map_or(row, |&i| i as usize)
    }
}

fn word_before(body: &str, at: usize) -> String {
    let before = body[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    fold::fold(&before[start..])
}

fn word_after(body: &str, at: usize) -> String {
    let after = body[at..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    fold::fold(&after[..end])
}

/// Computes every order of `result`'s hits; `article` gives an article's headline and
/// publication date.
pub fn sort_orders<'a>(
    index: &SearchIndex,
    result: &SearchResult,
    article: impl Fn(ArticleId) -> Option<(&'a str, Option<&'a PublishedAt>)>,
) -> SortOrders {
    let hits = &result.hits;
    let span_text = |h: &Hit, f: &dyn Fn(&str, usize, usize) -> String| -> String {
        match (hit_body(index, h), h.span) {
            (Some(body), Some((s, e))) => f(body, s as usize, e as usize),
            _ => String::new(),
        }
    };
    let by_key = |key: &dyn Fn(&Hit) -> String| {
        let mut keyed: Vec<(String, u32)> = hits
            .iter()
            .enumerate()
            .map(|(i, h)| (key(h), i as u32))
            .collect();
        keyed.sort();
        keyed.into_iter().map(|(_, i)| i).collect::<Vec<u32>>()
    };
    let mut date: Vec<u32> = (0..hits.len() as u32).collect();
    let dated = |h: &Hit| {
        article(h.article)
            .and_then(|(_, p)| p)
            .map_or((1, (0, 0, 0, 0)), |p| (0, p.sort_key()))
    };
    date.sort_by_key(|&i| dated(&hits[i as usize]));
    SortOrders {
        date,
        headline: by_key(&|h| article(h.article).map_or_else(String::new, |(t, _)| fold::fold(t))),
        hit: by_key(&|h| span_text(h, &|b, s, e| fold::fold(&b[s..e]))),
        left: by_key(&|h| span_text(h, &|b, s, _| word_before(b, s))),
        right: by_key(&|h| span_text(h, &|b, _, e| word_after(b, e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_a_hit() {
        let body = "the Oil, price";
        assert_eq!(word_before(body, 9), "oil");
        assert_eq!(word_after(body, 3), "oil");
        assert_eq!(word_before(body, 0), "");
    }
}

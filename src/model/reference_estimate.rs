//! A reference date for an article without a publication date, estimated from the dates its
//! own text writes out: what "a year earlier" and "on Sunday" are counted from when nothing
//! better is known.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Article;

/// How much of an estimated reference date the text supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EstimatePrecision {
    /// Only the year ("sales rose in 2004"); the date is a day inside it.
    Year,
    /// The year and month.
    Month,
    /// A day.
    Day,
}

/// A reference date estimated from an article's text, with how sure the estimate is, the
/// bounds the text sets, and the year the rest of the workspace suggests within them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferenceEstimate {
    /// The date relative expressions are counted from, by the text alone.
    pub date: NaiveDate,
    /// How much of `date` the text supports.
    pub precision: EstimatePrecision,
    /// From 0 to 1: how many of the text's clues agree, and how direct they are.
    pub confidence: f32,
    /// Why, in words: "“last year” and 2004 in one sentence".
    pub basis: String,
    /// The latest year the text writes in the past: the story is no older.
    #[serde(default)]
    pub earliest: Option<i32>,
    /// The first year the text writes ahead ("will open in 2008"): the story is no younger.
    #[serde(default)]
    pub latest: Option<i32>,
    /// The year the workspace's other articles suggest within those bounds, when it differs
    /// from the text's (`corpus_changes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<CorpusYear>,
}

/// The year a workspace suggests for an article whose own text only bounds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusYear {
    /// A day in that year (1 July).
    pub date: NaiveDate,
    /// From 0 to 1.
    pub confidence: f32,
    /// Why, in words.
    pub basis: String,
}

/// The estimate in force, whichever made it: the workspace's year, or the text's date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InForce<'a> {
    /// The date relative expressions are counted from.
    pub date: NaiveDate,
    /// How much of it is known.
    pub precision: EstimatePrecision,
    /// From 0 to 1.
    pub confidence: f32,
    /// Why, in words.
    pub basis: &'a str,
}

impl EstimatePrecision {
    /// The word `extract` writes: "year", "month" or "day".
    pub fn code(self) -> &'static str {
        match self {
            EstimatePrecision::Year => "year",
            EstimatePrecision::Month => "month",
            EstimatePrecision::Day => "day",
        }
    }
}

impl ReferenceEstimate {
    /// The estimate in force: the workspace's year when it gave one, else the text's date.
    pub fn in_force(&self) -> InForce<'_> {
        match &self.corpus {
            Some(c) => InForce {
                date: c.date,
                precision: EstimatePrecision::Year,
                confidence: c.confidence,
                basis: &c.basis,
            },
            None => InForce {
                date: self.date,
                precision: self.precision,
                confidence: self.confidence,
                basis: &self.basis,
            },
        }
    }

    /// The estimate as written to the user: "2005", "March 2005", "2005-03-14".
    pub fn describe(&self) -> String {
        let InForce {
            date, precision, ..
        } = self.in_force();
        match precision {
            EstimatePrecision::Year => date.year().to_string(),
            EstimatePrecision::Month => date.format("%B %Y").to_string(),
            EstimatePrecision::Day => date.to_string(),
        }
    }

    /// True when `date` (a file's date, say) agrees with the estimate: in its year, or in the
    /// year after when only the year is known (a story on 2004's figures printed in 2005);
    /// within its month, or the month after; on its day, or within a week after.
    pub fn admits(&self, date: NaiveDate) -> bool {
        let InForce {
            date: own,
            precision,
            ..
        } = self.in_force();
        let days = (date - own).num_days();
        match precision {
            EstimatePrecision::Year => date.year() == own.year() || date.year() == own.year() + 1,
            EstimatePrecision::Month => (0..62).contains(&days),
            EstimatePrecision::Day => (0..=7).contains(&days),
        }
    }
}

/// How much a year's support fades with each year it lies from the text's own estimate: a
/// story that writes 2000 as its latest past year is more likely from 2001 than from 2010,
/// whatever the rest of the workspace holds.
const FADE_PER_YEAR: f32 = 0.8;

/// The weight of a year `gap` years from the text's own: near years fade by `FADE_PER_YEAR`
/// a year; far ones no faster than `TAIL / (1 + gap)`. Stories that write only an old year
/// ("since 1900") are a long tail: among Reuters-21578's dated stories that write a past
/// year, those whose latest is 20 to 100 years back are each as common, relative to those
/// of their own year, as this tail says (0.003 at 20 years, about 0.0006 from 30 to 100),
/// while the exponential alone says 10⁻⁵ at 50 years and 10⁻⁹ at 90. Without the tail, an
/// article whose text stops at 1900 went to whichever supported year was nearest (two dated
/// stories of 1987) against hundreds of its workspace's articles a few years further on.
fn fade(gap: i32) -> f32 {
    const TAIL: f32 = 0.05;
    let gap = gap.abs();
    FADE_PER_YEAR.powi(gap).max(TAIL / (1 + gap) as f32)
}

/// The least support (in articles whose year is known) the workspace must give a year
/// before an article's estimate moves to it.
const LEAST_SUPPORT: f32 = 2.0;

/// Weight of an article whose year is only bounded by its text, next to one whose year is
/// known (published or set by the user).
const BOUNDED_WEIGHT: f32 = 0.25;

/// The year an article is known to be from, for the workspace's histogram.
fn known_year(article: &Article) -> Option<i32> {
    match article.reference_override {
        Some(date) => Some(date.year()),
        None => article.published.as_ref().and_then(|p| p.year),
    }
}

/// How many articles of the workspace are from each year: those whose year is known count 1,
/// those with only an estimate `BOUNDED_WEIGHT`.
fn support_by_year(articles: &[Article]) -> BTreeMap<i32, f32> {
    let mut support: BTreeMap<i32, f32> = BTreeMap::new();
    for article in articles {
        if let Some(year) = known_year(article) {
            *support.entry(year).or_default() += 1.0;
        } else if let Some(estimate) = &article.reference_estimate {
            *support.entry(estimate.date.year()).or_default() += BOUNDED_WEIGHT;
        }
    }
    support
}

/// The year the workspace suggests within an estimate's bounds, fading with distance from
/// the text's own year; `None` when no year there is well supported or it is the text's own.
fn corpus_year(estimate: &ReferenceEstimate, support: &BTreeMap<i32, f32>) -> Option<CorpusYear> {
    let own = estimate.date.year();
    // The article's own vote does not count for it.
    let others = |year: i32| {
        let s = support.get(&year).copied().unwrap_or(0.0);
        if year == own { s - BOUNDED_WEIGHT } else { s }
    };
    let low = estimate.earliest.or(estimate.latest.map(|y| y - 10))?;
    let high = estimate.latest.unwrap_or(i32::MAX).max(low);
    let mut best: Option<(f32, i32)> = None;
    let mut total = 0.0;
    for &year in support.range(low..=high).map(|(year, _)| year) {
        let s = others(year);
        total += s;
        let score = s * fade(year - own);
        if s >= LEAST_SUPPORT && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, year));
        }
    }
    let (_, year) = best.filter(|&(_, year)| year != own)?;
    let date = NaiveDate::from_ymd_opt(year, 7, 1)?;
    let share = others(year) / total.max(1.0);
    let bound = match (estimate.earliest, estimate.latest) {
        (Some(e), Some(l)) => format!("writes no year after {e} in the past nor before {l} ahead"),
        (Some(e), None) => format!("writes no later year than {e}"),
        (None, Some(l)) => format!("writes {l} as ahead of it"),
        (None, None) => String::new(),
    };
    Some(CorpusYear {
        date,
        confidence: (0.3 + 0.4 * share).min(0.7),
        basis: format!(
            "the text {bound}; most of the workspace's articles in that span are from {year}"
        ),
    })
}

/// The articles whose workspace year (`ReferenceEstimate::corpus`) is not what the workspace
/// now suggests, by index, with the year it suggests: every article whose text only bounds its
/// year ("the latest year it writes is 2000") gets the year most of the workspace is from
/// within those bounds, fading with distance from the text's own year; an article whose date
/// is known, or whose bounds hold no well supported year, keeps the text's estimate.
/// Collections are gathered around a time, so the dated articles are the evidence and the
/// others count a quarter. Derived data: it depends only on the articles.
pub fn corpus_changes(articles: &[Article]) -> Vec<(usize, Option<CorpusYear>)> {
    let support = support_by_year(articles);
    articles
        .iter()
        .enumerate()
        .filter_map(|(i, article)| {
            let estimate = article.reference_estimate.as_ref()?;
            let settled = match known_year(article) {
                Some(_) => None,
                None => corpus_year(estimate, &support),
            };
            (settled != estimate.corpus).then_some((i, settled))
        })
        .collect()
}

/// Lays the workspace years `corpus_changes` found over the articles it found them in.
pub fn apply_corpus_changes(articles: &mut [Article], changes: Vec<(usize, Option<CorpusYear>)>) {
    for (i, year) in changes {
        if let Some(estimate) = articles
            .get_mut(i)
            .and_then(|a| a.reference_estimate.as_mut())
        {
            estimate.corpus = year;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle_with_corpus(articles: &mut [Article]) {
        let changes = corpus_changes(articles);
        apply_corpus_changes(articles, changes);
    }

    fn estimate(y: i32, m: u32, d: u32, precision: EstimatePrecision) -> ReferenceEstimate {
        ReferenceEstimate {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            precision,
            confidence: 0.5,
            basis: String::new(),
            earliest: None,
            latest: None,
            corpus: None,
        }
    }

    #[test]
    fn an_estimate_is_written_with_its_precision_and_admits_nearby_dates() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let year = estimate(2004, 12, 31, EstimatePrecision::Year);
        assert_eq!(year.describe(), "2004");
        assert!(year.admits(day(2004, 3, 1)) && year.admits(day(2005, 2, 1)));
        assert!(!year.admits(day(2003, 12, 31)) && !year.admits(day(2026, 11, 30)));
        let month = estimate(2005, 3, 31, EstimatePrecision::Month);
        assert_eq!(month.describe(), "March 2005");
        assert!(month.admits(day(2005, 4, 2)) && !month.admits(day(2005, 3, 1)));
        let exact = estimate(2005, 3, 14, EstimatePrecision::Day);
        assert_eq!(exact.describe(), "2005-03-14");
        assert!(exact.admits(day(2005, 3, 15)) && !exact.admits(day(2005, 4, 15)));
    }

    fn bounded(earliest: i32, latest: Option<i32>) -> ReferenceEstimate {
        ReferenceEstimate {
            earliest: Some(earliest),
            latest,
            ..estimate(earliest + 1, 7, 1, EstimatePrecision::Year)
        }
    }

    /// `n` articles, the first `dated` of them published in `year`.
    fn dated_then_not(n: usize, dated: usize, year: i32) -> Vec<Article> {
        let mut articles: Vec<Article> = (0..n)
            .map(|i| super::super::test_article(&format!("{i}.txt"), &i.to_string(), "Text."))
            .collect();
        for article in &mut articles[..dated] {
            article.published = super::super::PublishedAt::from_ymd(year, 5, 1);
        }
        articles
    }

    #[test]
    fn the_workspace_gives_a_bounded_article_its_year_and_leaves_a_lone_one_alone() {
        // Three dated articles of 2004 and one whose text writes nothing after 2000.
        let mut articles = dated_then_not(4, 3, 2004);
        articles[3].reference_estimate = Some(bounded(2000, None));
        settle_with_corpus(&mut articles);
        let settled = articles[3].reference_estimate.as_ref().unwrap();
        assert_eq!(settled.in_force().date.to_string(), "2004-07-01");
        assert_eq!(settled.describe(), "2004");
        assert!(
            settled.in_force().basis.contains("2000"),
            "{}",
            settled.in_force().basis
        );
        // Settling again changes nothing.
        let before = articles.clone();
        settle_with_corpus(&mut articles);
        assert_eq!(articles, before);
        // A year the text rules out is never taken: the story is from before 2003.
        articles[3].reference_estimate = Some(bounded(2000, Some(2002)));
        settle_with_corpus(&mut articles);
        let kept = articles[3].reference_estimate.as_ref().unwrap();
        assert_eq!(kept.in_force().date.to_string(), "2001-07-01");
        // Alone, an article keeps its own estimate.
        let mut alone = vec![articles[3].clone()];
        alone[0].reference_estimate = Some(bounded(2000, None));
        settle_with_corpus(&mut alone);
        assert!(
            alone[0]
                .reference_estimate
                .as_ref()
                .unwrap()
                .corpus
                .is_none()
        );
    }

    #[test]
    fn a_text_that_stops_long_ago_takes_the_workspaces_year_not_the_nearest_one() {
        // Two dated wire stories of 1987 and forty undated stories of 2004, one of which writes
        // no year after 1900: the two 1987 stories are nearer, but stories that write only an
        // old year are a long tail, and the workspace is mostly from 2004.
        let mut articles = dated_then_not(43, 2, 1987);
        for article in &mut articles[2..42] {
            article.reference_estimate = Some(estimate(2004, 7, 1, EstimatePrecision::Year));
        }
        articles[42].reference_estimate = Some(bounded(1900, None));
        settle_with_corpus(&mut articles);
        let settled = articles[42].reference_estimate.as_ref().unwrap();
        assert_eq!(settled.describe(), "2004");
        // A text that stops two years before 1987 still takes 1987: near years fade slowly.
        articles[42].reference_estimate = Some(bounded(1985, None));
        settle_with_corpus(&mut articles);
        let near = articles[42].reference_estimate.as_ref().unwrap();
        assert_eq!(near.describe(), "1987");
        // The weight never rises with distance and never reaches zero.
        assert!((0..200).all(|gap| fade(gap + 1) <= fade(gap) && fade(gap + 1) > 0.0));
    }
}

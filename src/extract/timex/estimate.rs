//! A reference date for an article that has none, estimated from the dates its text writes
//! out. The latest date written with its year in a sentence about the past is a lower bound
//! (a story says "sales fell on 14 March 2005" on that day or after) and the estimate, at the
//! precision it is written with; a year written whole ("profits rose in 2004") reads as over,
//! so the estimate is the year after. Dates ahead ("will open in 2008") are an upper bound and
//! never raise the estimate, and dates in sentences that also forecast, hope or plan bound
//! nothing unless nothing plainer does. An article whose only dates are ahead of it gets the
//! year before the first of them, with little confidence; one that writes no year gets no
//! estimate rather than a wrong one. The text alone often only bounds the year:
//! `Workspace::settle_reference_estimates` then asks the rest of the workspace. Sentences naming a year
//! both ways ("last year", "2004") were tried as anchors and left out: on Reuters-21578 they
//! mostly compare two years ("up from 1985"), and they added nothing on three corpora.
//! Only paragraphs that hold a four-digit year are read, so the estimate costs little next to
//! the extraction.

use chrono::NaiveDate;

use super::expr::Expr;
use super::resolve::Tense;
use super::{grammar, tense, tokens};
use crate::model::{EstimatePrecision, ReferenceEstimate};

/// A date the text writes with its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Written {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    /// A year written alone ("in 2004"), not a part of it ("the 2004 first quarter").
    whole: bool,
}

/// A date written with its year, where it stands and in which tense.
#[derive(Clone, Copy, Debug)]
struct Clue {
    date: Written,
    /// The sentence speaks of it as ahead ("will open in 2008").
    future: bool,
    /// The sentence has words of the future elsewhere ("rose in 2004 and is forecast to…"):
    /// the date bounds nothing.
    mixed: bool,
}

/// Words that put a sentence's dates in doubt as evidence of when it was written, besides
/// the tense markers of the time grammar: forecasts, hopes and targets.
const AHEAD_WORDS: &[&str] = &[
    "forecast",
    "forecasts",
    "predicted",
    "predicts",
    "predict",
    "projected",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "target",
    "targets",
    "ahead",
    "expect",
    "expecting",
    "outlook",
    "deadline",
];

/// True when a word speaks of what is ahead.
fn speaks_ahead(word: &str) -> bool {
    tense::FUTURE_MARKERS.contains(&word) || AHEAD_WORDS.contains(&word)
}

/// Years outside this range are not dates a news story is written in.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;

/// The date an expression writes out with its year: what the time engine takes as the last
/// date the story named (`super::named_date`), and a year's parts and ranges.
fn written(expr: &Expr) -> Option<Written> {
    let (year, month, day) = super::named_date(expr).or(match *expr {
        Expr::Month(m, Some(y)) => Some((y, Some(m), None)),
        Expr::Quarter { year: Some(y), .. }
        | Expr::Half(_, Some(y))
        | Expr::Season(_, Some(y), _) => Some((y, None, None)),
        // "the 2004-05 season", "1950-53": the later year.
        Expr::YearRange(_, y) => Some((y, None, None)),
        _ => None,
    })?;
    YEARS.contains(&year).then_some(Written {
        year,
        month,
        day,
        whole: matches!(expr, Expr::Year(_) | Expr::YearRange(..)),
    })
}

/// True when the text holds a four-digit number that could be a year.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().chain(std::iter::once(&b' ')).enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run == 4 {
            let digits = &text[i - 4..i];
            if digits.parse::<i32>().is_ok_and(|y| YEARS.contains(&y)) {
                return true;
            }
        }
        run = 0;
    }
    false
}

/// Reads the clues of every paragraph that writes a year.
fn clues(text: &str) -> Vec<Clue> {
    let mut found = Vec::new();
    for paragraph in text.split('\n').filter(|p| has_year(p)) {
        let tokens = tokens::tokenize(paragraph);
        // For each token its sentence, and for each sentence whether it speaks of the future.
        let mut sentence_of = Vec::with_capacity(tokens.len());
        let mut ahead: Vec<bool> = vec![false];
        for token in &tokens {
            if token.sentence_start {
                ahead.push(false);
            }
            sentence_of.push(ahead.len() - 1);
            if speaks_ahead(&token.lower)
                && let Some(last) = ahead.last_mut()
            {
                *last = true;
            }
        }
        for candidate in grammar::find_candidates(&tokens) {
            if let Some(date) = written(&candidate.expr) {
                let future =
                    tense::tense_around(&tokens, candidate.start, candidate.end) == Tense::Future;
                found.push(Clue {
                    date,
                    future,
                    mixed: !future && ahead[sentence_of[candidate.start]],
                });
            }
        }
    }
    found
}

/// The last day of a month.
fn month_end(year: i32, month: u8) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, u32::from(month) + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The latest date of the clues in `year` that are not ahead of the story, as a reference
/// date with its precision: a day as it is, a month at its end, the year at 1 July.
fn within_year(clues: &[Clue], year: i32) -> Option<(NaiveDate, EstimatePrecision)> {
    let latest = clues
        .iter()
        .filter(|c| !c.future && !c.mixed && c.date.year == year)
        .map(|c| c.date)
        .max();
    match latest {
        Some(Written {
            month: Some(m),
            day: Some(d),
            ..
        }) => NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d))
            .map(|date| (date, EstimatePrecision::Day)),
        Some(Written {
            month: Some(m),
            day: None,
            ..
        }) => month_end(year, m).map(|date| (date, EstimatePrecision::Month)),
        _ => NaiveDate::from_ymd_opt(year, 7, 1).map(|date| (date, EstimatePrecision::Year)),
    }
}

/// The reference date an article's text suggests when it has no full publication date; the
/// one place import and the loader of older workspaces ask.
pub fn estimate_if_undated(
    published: Option<&crate::model::PublishedAt>,
    body: &str,
) -> Option<ReferenceEstimate> {
    match published.and_then(|p| p.date()) {
        Some(_) => None,
        None => estimate_reference(body),
    }
}

/// Estimates the reference date of an undated article from its text; `None` when the text
/// writes no year to go by.
pub fn estimate_reference(text: &str) -> Option<ReferenceEstimate> {
    let clues = clues(text);
    // Dates in sentences that also speak of the future bound the story only when nothing
    // plainer does, and with less confidence.
    let plain = |c: &&Clue| !c.future && !c.mixed;
    let (latest_past, base_confidence) = match clues.iter().filter(plain).max_by_key(|c| c.date) {
        Some(latest) => (Some(latest), 0.25),
        None => (
            clues.iter().filter(|c| !c.future).max_by_key(|c| c.date),
            0.15,
        ),
    };
    let first_ahead = clues.iter().filter(|c| c.future).map(|c| c.date.year).min();
    if let Some(latest) = latest_past {
        let year = latest.date.year;
        let (mut date, precision) = within_year(&clues, year)?;
        // A year written whole in the past ("profits rose in 2004") is most often over: the
        // story is from the year after (Reuters-21578's 1987 stories write 1986 so; so do the
        // 1990s stories of TimeBank).
        let mut basis = format!(
            "the latest date it writes in the past: {}",
            date_words(latest.date)
        );
        if precision == EstimatePrecision::Year && latest.date.whole {
            date = NaiveDate::from_ymd_opt(year + 1, 7, 1)?;
            basis = format!("the latest year it writes in the past, {year}, reads as over");
        }
        let near = clues
            .iter()
            .filter(|c| !c.future && (year - 1..=year).contains(&c.date.year))
            .count();
        let confidence = base_confidence
            + 0.05 * (near.min(4) - 1) as f32
            + if precision == EstimatePrecision::Day {
                0.1
            } else {
                0.0
            };
        return Some(ReferenceEstimate {
            date,
            precision,
            confidence,
            basis,
            earliest: Some(year),
            latest: first_ahead.filter(|&y| y >= year),
            corpus: None,
        });
    }
    let first_ahead = first_ahead?;
    let date = NaiveDate::from_ymd_opt(first_ahead - 1, 7, 1)?;
    Some(ReferenceEstimate {
        date,
        precision: EstimatePrecision::Year,
        confidence: 0.15,
        basis: format!("the year before the first date it writes ahead: {first_ahead}"),
        earliest: None,
        latest: Some(first_ahead),
        corpus: None,
    })
}

/// A written date in words: "2004", "2004-03", "2004-03-14".
fn date_words(date: Written) -> String {
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", date.year),
        (Some(m), None) => format!("{}-{m:02}", date.year),
        _ => date.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(text: &str) -> Option<(String, EstimatePrecision)> {
        estimate_reference(text).map(|e| (e.date.to_string(), e.precision))
    }

    #[test]
    fn the_latest_date_in_the_past_is_the_estimate_and_dates_ahead_are_not() {
        let found = estimate_reference(
            "The company was founded in 1998.\n\nIt reported on 14 March 2005 that sales had \
             fallen.\n\nA new plant will open in 2008.",
        )
        .unwrap();
        assert_eq!(found.date.to_string(), "2005-03-14");
        assert_eq!(found.precision, EstimatePrecision::Day);
        assert_eq!((found.earliest, found.latest), (Some(2005), Some(2008)));
        assert_eq!(
            estimate("Sales fell in December 2004, the firm said."),
            Some(("2004-12-31".into(), EstimatePrecision::Month))
        );
    }

    #[test]
    fn a_whole_year_in_the_past_is_over_and_a_part_of_one_is_not() {
        let found = estimate_reference("Profits rose 10% in 2004, the bank said.").unwrap();
        assert_eq!(found.date.to_string(), "2005-07-01");
        assert_eq!(found.precision, EstimatePrecision::Year);
        assert_eq!(found.earliest, Some(2004));
        assert!(found.basis.contains("2004"), "{}", found.basis);
        assert_eq!(
            estimate("Profits rose in the third quarter of 2004."),
            Some(("2004-07-01".into(), EstimatePrecision::Year))
        );
    }

    #[test]
    fn forecasts_bound_nothing_and_dates_only_ahead_give_the_year_before() {
        // The sentence speaks of 2006 as a forecast: the story is not from 2006.
        let found = estimate_reference("Sales rose in 2003.\n\nGrowth of 5% is forecast for 2006.")
            .unwrap();
        assert_eq!(found.date.to_string(), "2004-07-01");
        assert_eq!(
            estimate("The stadium will be ready for the 2012 Olympics."),
            Some(("2011-07-01".into(), EstimatePrecision::Year))
        );
    }

    #[test]
    fn no_year_no_estimate() {
        assert_eq!(
            estimate("Shares rose on Tuesday, a year after the merger."),
            None
        );
        assert_eq!(estimate("He paid 2,000 pounds for 1500 shares."), None);
        assert_eq!(estimate(""), None);
    }
}

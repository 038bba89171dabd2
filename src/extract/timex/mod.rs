//! Time expressions: found in English news text and normalised against the article's own
//! publication date. `find_timexes` is the entry point.

mod estimate;
mod expr;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
pub(crate) mod tokens;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use estimate::{estimate_if_undated, estimate_reference};
pub use resolve::Tense;

use crate::model::{Article, TimePoint, TimeValue, TimexCorrection, TimexType};

/// A time expression found in a text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte offset of the first character in the text.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The words as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// What it means.
    pub value: TimeValue,
    /// Why it means that, in words.
    pub explanation: String,
    /// True when the reference date itself was uncertain or assumed.
    pub uncertain_reference: bool,
    /// True when a person set the value (a correction), not the engine.
    pub manual: bool,
}

/// A lower-case month name or abbreviation ("nov.", "sept", "march") as 1–12.
pub fn month_number(word: &str) -> Option<u32> {
    lexicon::month(word).map(u32::from)
}

/// The date an expression writes out with its year, as (year, month, day).
fn named_date(expr: &expr::Expr) -> Option<(i32, Option<u8>, Option<u8>)> {
    match *expr {
        expr::Expr::FullDate(y, m, d) => Some((y, Some(m), Some(d))),
        expr::Expr::Date {
            year: Some(y),
            month,
            day,
        } => Some((y, Some(month), day)),
        expr::Expr::Year(y) => Some((y, None, None)),
        _ => None,
    }
}

/// Finds and normalises the time expressions in `text` against `reference` (the publication
/// date). Without a reference, relative expressions keep unknown parts ("XXXX-WXX-5").
pub fn find_timexes(text: &str, reference: Option<NaiveDate>) -> Vec<Timex> {
    let tokens = tokens::tokenize(text);
    let mut context = resolve::Context::default();
    grammar::find_candidates(&tokens)
        .into_iter()
        .filter_map(|c| {
            let tense = tense::tense_around(&tokens, c.start, c.end);
            let resolved = resolve::resolve(&c.expr, c.modifier, reference, tense, context)?;
            // Only a quarter the text names becomes what later "the quarter" refers to; one
            // derived from "a year ago" does not.
            if let (
                TimeValue::Point(TimePoint::Quarter(Some(y), q), _),
                expr::Expr::Quarter { shift: 0, .. },
            ) = (&resolved.value, &c.expr)
            {
                context.last_quarter = Some((*y, *q));
            }
            if let Some(named) = named_date(&c.expr) {
                context.last_named = Some(named);
            } else if let (
                TimeValue::Point(TimePoint::Day(Some(y), Some(m), Some(d)), _),
                expr::Expr::Date { .. } | expr::Expr::Weekday(..) | expr::Expr::RelDay(..),
            ) = (&resolved.value, &c.expr)
            {
                // A day the story names without its year ("March 3", "on Monday",
                // "yesterday") is what a later "that day" refers back to.
                context.last_named = Some((*y, Some(*m), Some(*d)));
            }
            let (start, end) = (tokens[c.start].start, tokens[c.end - 1].end);
            let written = &text[start..end];
            let mut explanation = format!(
                "{written} is {}: {}",
                resolved.value.to_timex(),
                resolved.explanation
            );
            if let Some(m) = resolved.value.modifier() {
                explanation.push_str(&format!(" ({})", m.describe()));
            }
            Some(Timex {
                start,
                end,
                text: written.to_string(),
                kind: resolved.kind,
                value: resolved.value,
                explanation,
                uncertain_reference: false,
                manual: false,
            })
        })
        .collect()
}

/// The time expressions an earlier extraction kept (resolved against the same reference
/// date), each span checked against the body.
fn stored_timexes(stored: &crate::model::StoredExtraction, body: &str) -> Vec<Timex> {
    stored
        .timexes
        .iter()
        .filter_map(|t| {
            let text = crate::model::StoredExtraction::words(body, t.start, t.end)?;
            Some(Timex {
                start: t.start as usize,
                end: t.end as usize,
                text: text.to_string(),
                kind: t.kind,
                value: t.value.clone(),
                explanation: match stored.reference {
                    Some(date) => format!(
                        "{text}: found by {} against {date} (kept from its output)",
                        stored.extractor
                    ),
                    None => format!(
                        "{text}: found by {} (kept from its output)",
                        stored.extractor
                    ),
                },
                uncertain_reference: false,
                manual: false,
            })
        })
        .collect()
}

/// The time expressions of an article: found in its body against its reference date (or kept
/// from an earlier extraction against the same date), marked uncertain when that date is
/// assumed, with the user's corrections applied over them.
pub fn article_timexes(article: &Article, corrections: &[TimexCorrection]) -> Vec<Timex> {
    let reference = article.reference_date();
    let mut found = match article
        .stored_extraction()
        .filter(|s| s.reference == reference.map(|(d, _)| d))
    {
        Some(stored) => stored_timexes(stored, &article.body),
        None => find_timexes(&article.body, reference.map(|(d, _)| d)),
    };
    if let Some((date, source)) = reference.filter(|(_, s)| s.is_uncertain()) {
        for timex in &mut found {
            timex.uncertain_reference = true;
            timex.explanation.push_str(&format!(
                " (reference date {date} is the {}, so this is uncertain)",
                source.describe()
            ));
        }
    }
    let mut bytes = crate::extract::offsets::ByteOffsets::new(&article.body);
    for correction in corrections.iter().filter(|c| c.article == article.id) {
        let (Some(start), Some(end)) = (bytes.at(correction.start), bytes.at(correction.end))
        else {
            continue;
        };
        if article.body.get(start..end) != Some(correction.text.as_str()) {
            // The text moved; re-anchoring is the store's work, never a silent guess here.
            continue;
        }
        let manual = Timex {
            start,
            end,
            text: correction.text.clone(),
            kind: correction.kind,
            value: correction.value.clone(),
            explanation: format!(
                "{} is {}: set by you",
                correction.text,
                correction.value.to_timex()
            ),
            uncertain_reference: false,
            manual: true,
        };
        found.retain(|t| t.end <= start || t.start >= end);
        let at = found.partition_point(|t| t.start < start);
        found.insert(at, manual);
    }
    found
}

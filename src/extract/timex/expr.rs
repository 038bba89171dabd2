//! What the grammar understood, before it is anchored to a reference date.

use crate::model::{Modifier, PartOfDay, Reference, Season, SetPeriod, Unit};

/// Holidays with a date rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    /// On a fixed month and day.
    Fixed(u8, u8),
    /// The `n`th (or last, when `n` is 0) weekday `wd` of a month: Thanksgiving, Labor Day.
    NthWeekday(u8, u8, u8),
}

/// The meaning of a time expression relative to an unknown reference date.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A calendar date, complete or partial ("Nov. 23", "March 3, 1987", "Tuesday, April 25").
    Date {
        /// Year, when written.
        year: Option<i32>,
        /// Month.
        month: u8,
        /// Day, when written.
        day: Option<u8>,
    },
    /// A numeric date "11/23/2009".
    FullDate(i32, u8, u8),
    /// A year.
    Year(i32),
    /// A decade: 199 for the 1990s.
    Decade(i32),
    /// A century: 19 for the 1900s.
    Century(i32),
    /// "1950-53".
    YearRange(i32, i32),
    /// "the third quarter", "the 1988 second quarter", "the year-ago quarter" (shift -1 year).
    Quarter {
        /// 1–4, or `None` for "the quarter" / "the latest quarter".
        n: Option<u8>,
        /// The year when written.
        year: Option<i32>,
        /// Years to shift ("year-ago" = -1).
        shift: i32,
    },
    /// "the first half".
    Half(u8, Option<i32>),
    /// "last summer", "the summer of 1998".
    Season(Season, Option<i32>, i32),
    /// "last March", "this December"; `None` means nearest by tense.
    Month(u8, Option<i32>),
    /// "January this year" (0), "December last year" (-1).
    MonthOfYear(u8, i32),
    /// "Friday", "last Friday", "Friday morning".
    Weekday(u8, Option<i32>, Option<PartOfDay>),
    /// today (0), yesterday (-1), tomorrow (1), with a part of day ("tonight", "this morning").
    RelDay(i32, Option<PartOfDay>),
    /// "this week" (0), "last month" (-1), "next year" (1).
    ThisUnit(Unit, i32),
    /// "the following year" (1), "the previous day" (-1), "that year" (0): counted from the
    /// last date the story named, not from its publication date.
    Narrative(Unit, i32),
    /// "this weekend" (0), "last weekend" (-1), "the weekend" (nearest by tense).
    Weekend(Option<i32>),
    /// A named holiday: "Christmas", "Thanksgiving Day".
    Holiday(Holiday),
    /// "a year ago" (-1), "two weeks later" (+1), with the amount.
    Ago(f64, Unit, i32),
    /// "now", "recently", "the future".
    Ref(Reference),
    /// "two days", "years".
    Duration(Option<f64>, Unit),
    /// "daily", "every Monday".
    Set(SetPeriod),
    /// A clock time, maybe anchored to a day expression.
    Clock(u8, Option<u8>, Option<Box<Expr>>),
    /// "year-end", "the fiscal year": the reference year.
    RefYear,
}

/// A match of the grammar: tokens `start..end` and what they mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The meaning.
    pub expr: Expr,
    /// "about", "more than", "early", "late"…
    pub modifier: Option<Modifier>,
}

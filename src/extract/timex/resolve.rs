//! Anchoring what the grammar understood to the article's reference date (its publication
//! date), with the tense around the expression deciding between past and future, and an
//! explanation in words for every value.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::expr::Expr;
use crate::model::{
    Modifier, PartOfDay, Reference, Season, SetPeriod, TimePoint, TimeValue, TimexType, Unit,
};

/// Whether the sentence around an expression speaks of the past or the future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// The default in news: what happened.
    Past,
    /// "will", "is scheduled to", "next".
    Future,
}

/// A resolved value with its type and explanation.
pub struct Resolved {
    /// TIMEX3 type.
    pub kind: TimexType,
    /// The value.
    pub value: TimeValue,
    /// Why, in words.
    pub explanation: String,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn weekday_name(n: u8) -> &'static str {
    WEEKDAYS[usize::from(n.clamp(1, 7) - 1)]
}

fn describe(date: NaiveDate) -> String {
    format!(
        "{} {}",
        weekday_name(date.weekday().number_from_monday() as u8),
        date.format("%Y-%m-%d")
    )
}

fn day_point(d: NaiveDate) -> TimePoint {
    TimePoint::Day(Some(d.year()), Some(d.month() as u8), Some(d.day() as u8))
}

fn shift_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months as u32))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

/// The weekday `wd` (1 = Monday) nearest the reference in the direction the tense says; the
/// reference day itself when it is that weekday and no shift is given.
fn resolve_weekday(
    reference: NaiveDate,
    wd: u8,
    shift: Option<i32>,
    tense: Tense,
) -> (NaiveDate, String) {
    let today = reference.weekday().number_from_monday() as i64;
    let wd = i64::from(wd);
    let back = (today - wd).rem_euclid(7);
    let ahead = (wd - today).rem_euclid(7);
    let name = weekday_name(wd as u8);
    let (days, why) = match shift {
        Some(-1) => {
            let b = if back == 0 { 7 } else { back };
            (-b, format!("the {name} before"))
        }
        Some(1) => {
            let a = if ahead == 0 { 7 } else { ahead };
            (a, format!("the {name} after"))
        }
        Some(_) => {
            let monday = -(today - 1);
            (monday + wd - 1, format!("{name} of the same week as"))
        }
        None if back == 0 => (0, "the same day as".to_string()),
        None if tense == Tense::Future => (
            ahead,
            format!("the {name} after (the sentence speaks of the future)"),
        ),
        None => (-back, format!("the {name} before")),
    };
    let date = reference + Duration::days(days);
    (
        date,
        format!("{why} the reference date, {}", describe(reference)),
    )
}

/// The year for a month (and day) written without one: the reference year, moved back a year
/// when the sentence is in the past and the month is more than a month after the reference (or
/// forward when it is in the future and the month already passed).
fn nearest_year(
    reference: NaiveDate,
    month: u8,
    day: Option<u8>,
    tense: Tense,
) -> (i32, &'static str) {
    // The year that puts the date nearest the reference date, with a season's worth of
    // preference for the side the sentence's tense points to.
    const TENSE_BIAS: i64 = 150;
    let y = reference.year();
    let cost = |year: i32| -> Option<i64> {
        let d =
            NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day.unwrap_or(15)).min(28))?;
        let days = (d - reference).num_days();
        let against = match tense {
            Tense::Past => days > 0,
            Tense::Future => days < 0,
        };
        Some(days.abs() + if against { TENSE_BIAS } else { 0 })
    };
    let best = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|year| cost(year).map(|c| (c, year)))
        .min()
        .map_or(y, |(_, year)| year);
    let why = match best.cmp(&y) {
        std::cmp::Ordering::Less => {
            "the year before the reference date, nearest in the sentence's tense"
        }
        std::cmp::Ordering::Greater => {
            "the year after the reference date, nearest in the sentence's tense"
        }
        std::cmp::Ordering::Equal => "the year of the reference date",
    };
    (best, why)
}

fn quarter_of(date: NaiveDate) -> u8 {
    ((date.month() - 1) / 3 + 1) as u8
}

/// The season a date falls in, with the year it is counted in (January's winter began the
/// year before).
fn season_of(date: NaiveDate) -> (Season, i32) {
    match date.month() {
        3..=5 => (Season::Spring, date.year()),
        6..=8 => (Season::Summer, date.year()),
        9..=11 => (Season::Fall, date.year()),
        12 => (Season::Winter, date.year()),
        _ => (Season::Winter, date.year() - 1),
    }
}

fn season_index(s: Season) -> i32 {
    match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    }
}

/// What the document said before an expression that later ones may refer to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    /// The last quarter mentioned, as (year, quarter).
    pub last_quarter: Option<(i32, u8)>,
    /// The last date the text wrote out with its year ("May 22, 1995", "in 1995"): the anchor
    /// of "the following year" and "that day"; the day is `None` when only a year or month was
    /// written.
    pub last_named: Option<(i32, Option<u8>, Option<u8>)>,
}

/// The date of a holiday in a year.
fn holiday_in(h: super::expr::Holiday, year: i32) -> Option<NaiveDate> {
    use super::expr::Holiday;
    match h {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m.into(), d.into()),
        Holiday::NthWeekday(m, wd, n) => {
            let weekday = chrono::Weekday::try_from(wd - 1).ok()?;
            if n == 0 {
                // The last such weekday: step back from the first of the next month.
                let next = NaiveDate::from_ymd_opt(year, u32::from(m), 1)?
                    .checked_add_months(Months::new(1))?;
                let mut d = next - Duration::days(1);
                while d.weekday() != weekday {
                    d -= Duration::days(1);
                }
                Some(d)
            } else {
                NaiveDate::from_weekday_of_month_opt(year, m.into(), weekday, n)
            }
        }
    }
}

/// A day, or a part of it ("Sunday night" is a TIME).
fn day_or_part(
    d: NaiveDate,
    part: Option<PartOfDay>,
    modifier: Option<Modifier>,
    why: String,
) -> Resolved {
    let (kind, point) = match part {
        Some(p) => (TimexType::Time, TimePoint::DayPart(d, p)),
        None => (TimexType::Date, day_point(d)),
    };
    Resolved {
        kind,
        value: TimeValue::Point(point, modifier),
        explanation: why,
    }
}

/// Resolves an expression against a reference date. `None` when it cannot be resolved.
pub fn resolve(
    expr: &Expr,
    modifier: Option<Modifier>,
    reference: Option<NaiveDate>,
    tense: Tense,
    context: Context,
) -> Option<Resolved> {
    let date = |value: TimePoint, explanation: String| Resolved {
        kind: TimexType::Date,
        value: TimeValue::Point(value, modifier),
        explanation,
    };
    let refd = reference;
    Some(match expr {
        Expr::FullDate(y, m, d) => date(
            TimePoint::Day(Some(*y), Some(*m), Some(*d)),
            "a date written in full".into(),
        ),
        Expr::Date {
            year: Some(y),
            month,
            day,
        } => match day {
            Some(d) => date(
                TimePoint::Day(Some(*y), Some(*month), Some(*d)),
                "a date written in full".into(),
            ),
            None => date(
                TimePoint::Month(Some(*y), *month),
                "a month and year written in full".into(),
            ),
        },
        Expr::Date {
            year: None,
            month,
            day,
        } => match refd {
            Some(r) => {
                let (y, why) = nearest_year(r, *month, *day, tense);
                let point = match day {
                    Some(d) => TimePoint::Day(Some(y), Some(*month), Some(*d)),
                    None => TimePoint::Month(Some(y), *month),
                };
                date(point, format!("no year written: {why}, {}", describe(r)))
            }
            None => date(
                TimePoint::Day(None, Some(*month), *day),
                "no year written and no reference date".into(),
            ),
        },
        Expr::Month(m, shift) => match (refd, shift) {
            (Some(r), None) => {
                let (y, why) = nearest_year(r, *m, None, tense);
                date(
                    TimePoint::Month(Some(y), *m),
                    format!("no year written: {why}, {}", describe(r)),
                )
            }
            (Some(r), Some(s)) => {
                // "last March": the latest March before this month; "next March": the next one.
                let rm = r.month() as u8;
                let y = r.year()
                    + match s {
                        -1 if *m >= rm => -1,
                        1 if *m <= rm => 1,
                        _ => 0,
                    };
                date(
                    TimePoint::Month(Some(y), *m),
                    format!("counted from the reference date, {}", describe(r)),
                )
            }
            (None, _) => date(
                TimePoint::Month(None, *m),
                "no year written and no reference date".into(),
            ),
        },
        Expr::MonthOfYear(m, shift) => {
            let r = refd?;
            date(
                TimePoint::Month(Some(r.year() + shift), *m),
                format!("counted from the reference date, {}", describe(r)),
            )
        }
        Expr::Year(y) => date(TimePoint::Year(Some(*y)), "a year".into()),
        Expr::Decade(d) => date(TimePoint::Decade(*d), format!("the decade {}0–{}9", d, d)),
        Expr::Century(c) => date(TimePoint::Century(*c), format!("the years {}00–{}99", c, c)),
        Expr::YearRange(a, b) => Resolved {
            kind: TimexType::Date,
            value: TimeValue::Range(
                Some(TimePoint::Year(Some(*a))),
                Some(TimePoint::Year(Some(*b))),
            ),
            explanation: format!("the years {a} to {b}"),
        },
        Expr::RefYear => {
            let r = refd?;
            date(
                TimePoint::Year(Some(r.year())),
                format!("the year of the reference date, {}", describe(r)),
            )
        }
        Expr::Quarter { n, year, shift } => {
            let (q, y, why) = match (n, year, refd) {
                (Some(q), Some(y), _) => (*q, *y, "written in full".to_string()),
                (Some(q), None, Some(r)) => {
                    // A quarter still ahead of the reference date, spoken of in the past, is
                    // last year's.
                    let back = i32::from(*q > quarter_of(r) && tense == Tense::Past);
                    (
                        *q,
                        r.year() + shift - back,
                        format!(
                            "the latest such quarter at the reference date, {}",
                            describe(r)
                        ),
                    )
                }
                (None, y, Some(r)) => {
                    // "the quarter", "the latest quarter": the one the story spoke of, else the
                    // one just ended.
                    let (qy, q) = context.last_quarter.unwrap_or_else(|| {
                        let current = quarter_of(r);
                        if current == 1 {
                            (r.year() - 1, 4)
                        } else {
                            (r.year(), current - 1)
                        }
                    });
                    (
                        q,
                        y.unwrap_or(qy) + shift,
                        "the quarter the story speaks of".to_string(),
                    )
                }
                (_, _, None) => return None,
            };
            date(
                TimePoint::Quarter(Some(y), q),
                format!("quarter {q} of {y}: {why}"),
            )
        }
        Expr::Half(h, year) => {
            let y = match (year, refd) {
                (Some(y), _) => *y,
                (None, Some(r)) => r.year(),
                _ => return None,
            };
            date(TimePoint::Half(Some(y), *h), format!("half {h} of {y}"))
        }
        Expr::Season(s, year, shift) => {
            let r = refd;
            let y = match (year, r) {
                (Some(y), _) => *y,
                (None, Some(r)) => {
                    let (current, current_year) = season_of(r);
                    let now = current_year * 4 + season_index(current);
                    let target = season_index(*s);
                    // The nearest such season before (last), after (next) or in the current
                    // year's cycle (this).
                    let index = match shift {
                        -1 => (now - 1 - target).div_euclid(4) * 4 + target,
                        1 => (now + 4 - target).div_euclid(4) * 4 + target,
                        _ => current_year * 4 + target,
                    };
                    index.div_euclid(4)
                }
                _ => return None,
            };
            date(
                TimePoint::Season(Some(y), *s),
                "the season counted from the reference date".into(),
            )
        }
        Expr::Weekday(wd, shift, part) => match refd {
            Some(r) => {
                let (d, why) = resolve_weekday(r, *wd, *shift, tense);
                day_or_part(d, *part, modifier, why)
            }
            None => date(
                TimePoint::AnyWeekday(*wd),
                "a weekday with no reference date".into(),
            ),
        },
        Expr::RelDay(offset, part) => {
            let r = refd?;
            let d = r + Duration::days(i64::from(*offset));
            let word = match offset {
                -1 => "the day before",
                1 => "the day after",
                _ => "the same day as",
            };
            let why = format!("{word} the reference date, {}", describe(r));
            day_or_part(d, *part, modifier, why)
        }
        Expr::Narrative(unit, shift) => {
            let (y, m, d) = context
                .last_named
                .or_else(|| refd.map(|r| (r.year(), Some(r.month() as u8), Some(r.day() as u8))))?;
            let why = match context.last_named {
                Some(_) => "counted from the last date the story named".to_string(),
                None => format!(
                    "counted from the reference date (the story named no date before), {}",
                    refd.map(describe).unwrap_or_default()
                ),
            };
            let anchor = || NaiveDate::from_ymd_opt(y, u32::from(m?), u32::from(d?));
            let point = match unit {
                Unit::Year => TimePoint::Year(Some(y + shift)),
                Unit::Month => {
                    let first = NaiveDate::from_ymd_opt(y, u32::from(m?), 1)?;
                    let d = shift_months(first, *shift)?;
                    TimePoint::Month(Some(d.year()), d.month() as u8)
                }
                Unit::Week => {
                    let w = (anchor()? + Duration::weeks(i64::from(*shift))).iso_week();
                    TimePoint::Week(w.year(), w.week() as u8)
                }
                Unit::Day => day_point(anchor()? + Duration::days(i64::from(*shift))),
                _ => return None,
            };
            date(point, why)
        }
        Expr::ThisUnit(unit, shift) => {
            let r = refd?;
            let why = format!("counted from the reference date, {}", describe(r));
            let point = match unit {
                Unit::Day => day_point(r + Duration::days(i64::from(*shift))),
                Unit::Week => {
                    let d = r + Duration::weeks(i64::from(*shift));
                    let w = d.iso_week();
                    TimePoint::Week(w.year(), w.week() as u8)
                }
                Unit::Month => {
                    let d = shift_months(r.with_day(1)?, *shift)?;
                    TimePoint::Month(Some(d.year()), d.month() as u8)
                }
                Unit::Year => TimePoint::Year(Some(r.year() + shift)),
                Unit::Decade => TimePoint::Decade(r.year() / 10 + shift),
                Unit::Century => TimePoint::Century(r.year() / 100 + shift),
                Unit::Quarter => {
                    let d = shift_months(r.with_day(1)?, shift * 3)?;
                    TimePoint::Quarter(Some(d.year()), quarter_of(d))
                }
                _ => return None,
            };
            date(point, why)
        }
        Expr::Weekend(shift) => {
            let r = refd?;
            let shift = match shift {
                Some(s) => i64::from(*s),
                // "the weekend": the one just past, unless the sentence looks ahead or the
                // reference date is itself on a weekend.
                None if r.weekday().number_from_monday() >= 6 || tense == Tense::Future => 0,
                None => -1,
            };
            let d = r + Duration::weeks(shift);
            let w = d.iso_week();
            date(
                TimePoint::Weekend(w.year(), w.week() as u8),
                format!("counted from the reference date, {}", describe(r)),
            )
        }
        Expr::Ago(n, unit, direction)
            if *unit == Unit::Year
                && *n == 1.0
                && *direction < 0
                && context.last_quarter.is_some() =>
        {
            // In a story about a quarter, "a year ago" is the same quarter a year before.
            let (y, q) = context.last_quarter?;
            date(
                TimePoint::Quarter(Some(y - 1), q),
                format!("the quarter the story speaks of, {y} Q{q}, a year before"),
            )
        }
        Expr::Holiday(h) => {
            let r = refd?;
            let this = holiday_in(*h, r.year())?;
            let days = (this - r).num_days();
            let y = match tense {
                Tense::Past if days > 0 => r.year() - 1,
                Tense::Future if days < 0 => r.year() + 1,
                _ => r.year(),
            };
            let d = holiday_in(*h, y)?;
            date(
                day_point(d),
                format!(
                    "the nearest one in the direction of the sentence from the reference date, {}",
                    describe(r)
                ),
            )
        }
        Expr::Ago(n, unit, direction) => {
            let r = refd?;
            let sign = i64::from(*direction);
            let whole = n.round() as i64;
            let point = match unit {
                Unit::Year => TimePoint::Year(Some(r.year() + (sign * whole) as i32)),
                Unit::Decade => TimePoint::Year(Some(r.year() + (sign * whole * 10) as i32)),
                Unit::Century => TimePoint::Century((r.year() + (sign * whole * 100) as i32) / 100),
                Unit::Month => {
                    let d = shift_months(r.with_day(1)?, (sign * whole) as i32)?;
                    TimePoint::Month(Some(d.year()), d.month() as u8)
                }
                Unit::Quarter => {
                    let d = shift_months(r.with_day(1)?, (sign * whole * 3) as i32)?;
                    TimePoint::Quarter(Some(d.year()), quarter_of(d))
                }
                Unit::Week => {
                    let d = r + Duration::weeks(sign * whole);
                    let w = d.iso_week();
                    TimePoint::Week(w.year(), w.week() as u8)
                }
                Unit::Day => day_point(r + Duration::days(sign * whole)),
                Unit::Hour | Unit::Minute | Unit::Second => day_point(r),
                Unit::Millennium => return None,
            };
            Resolved {
                kind: TimexType::Date,
                value: TimeValue::Point(point, modifier),
                explanation: format!(
                    "{} {}s {} the reference date, {}",
                    n,
                    format!("{unit:?}").to_lowercase(),
                    if sign < 0 { "before" } else { "after" },
                    describe(r)
                ),
            }
        }
        Expr::Ref(reference) => Resolved {
            kind: TimexType::Date,
            value: TimeValue::Reference(*reference),
            explanation: match reference {
                Reference::Past => "some time before the reference date".into(),
                Reference::Present => "at the reference date".into(),
                Reference::Future => "some time after the reference date".into(),
            },
        },
        Expr::Duration(n, unit) => Resolved {
            kind: TimexType::Duration,
            value: TimeValue::Duration(*n, *unit, modifier),
            explanation: match n {
                Some(n) => format!("a length of {n} {:?}(s)", unit).to_lowercase(),
                None => format!("an unspecified number of {:?}s", unit).to_lowercase(),
            },
        },
        Expr::Set(period) => Resolved {
            kind: TimexType::Set,
            value: TimeValue::Set(period.clone()),
            explanation: match period {
                SetPeriod::Every(n, unit) => format!("every {n} {:?}(s)", unit).to_lowercase(),
                SetPeriod::EveryPoint(p) => format!("every {}", p.to_timex()),
            },
        },
        Expr::Clock(h, m, anchor) => {
            let (day, why) = match anchor.as_deref() {
                Some(a) => {
                    let inner = resolve(a, None, reference, tense, context)?;
                    let TimeValue::Point(TimePoint::Day(Some(y), Some(mo), Some(d)), _) =
                        inner.value
                    else {
                        return None;
                    };
                    (
                        NaiveDate::from_ymd_opt(y, mo.into(), d.into())?,
                        inner.explanation,
                    )
                }
                None => (refd?, format!("on the reference date, {}", describe(refd?))),
            };
            Resolved {
                kind: TimexType::Time,
                value: TimeValue::Point(TimePoint::Clock(day, *h, *m), modifier),
                explanation: why,
            }
        }
    })
}

//! Time values as the time engine normalises them: a point with its precision (century down to
//! minute), a range, a duration, a set or a vague reference; each converts to and from a
//! TIMEX3 value string and gives an interval on the real time axis for the timeline.

use chrono::{Datelike, Duration as ChronoDuration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimexType {
    /// A calendar date or vague reference.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
}

impl TimexType {
    /// "DATE", "TIME", "DURATION", "SET".
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl TimexType {
    /// Reads "DATE", "TIME", "DURATION" or "SET".
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => return None,
        })
    }
}

/// A season of the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Season {
    /// Spring, "SP".
    Spring,
    /// Summer, "SU".
    Summer,
    /// Autumn or fall, "FA".
    Fall,
    /// Winter, "WI".
    Winter,
}

/// A part of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartOfDay {
    /// Morning, "MO".
    Morning,
    /// Midday, "MI".
    Midday,
    /// Afternoon, "AF".
    Afternoon,
    /// Evening, "EV".
    Evening,
    /// Night, "NI".
    Night,
    /// Daytime, "DT".
    Daytime,
}

/// A calendar unit for durations and sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters of a year.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
    /// Millennia.
    Millennium,
}

/// A vague reference: "recently", "now", "in the future".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reference {
    /// Some time before the reference time.
    Past,
    /// At the reference time.
    Present,
    /// Some time after the reference time.
    Future,
}

/// A point in time, with the precision the text gives. `None` parts are unknown ("XX").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimePoint {
    /// A century: 19 is 1900–1999.
    Century(i32),
    /// A decade: 199 is the 1990s.
    Decade(i32),
    /// A year.
    Year(Option<i32>),
    /// A quarter, 1–4.
    Quarter(Option<i32>, u8),
    /// A half year, 1–2.
    Half(Option<i32>, u8),
    /// A season.
    Season(Option<i32>, Season),
    /// A month, 1–12.
    Month(Option<i32>, u8),
    /// An ISO week, 1–53.
    Week(i32, u8),
    /// The weekend of an ISO week.
    Weekend(i32, u8),
    /// A day; unknown parts are `None`.
    Day(Option<i32>, Option<u8>, Option<u8>),
    /// A weekday of no particular week (1 = Monday), for sets such as "every Monday".
    AnyWeekday(u8),
    /// A part of no particular day, for sets such as "every morning".
    AnyDayPart(PartOfDay),
    /// A part of a known day.
    DayPart(NaiveDate, PartOfDay),
    /// An hour and maybe a minute of a known day.
    Clock(NaiveDate, u8, Option<u8>),
}

/// How a value relates to what the text says: "about", "more than", "early", "mid", "late".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Modifier {
    /// "about", "around", "some".
    Approximate,
    /// "more than", "over".
    MoreThan,
    /// "less than", "under".
    LessThan,
    /// "nearly", "almost".
    Nearly,
    /// "early", "the start of".
    Start,
    /// "mid", "the middle of".
    Mid,
    /// "late", "the end of".
    End,
}

/// What a time expression means, normalised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TimeValue {
    /// A date or time.
    Point(TimePoint, Option<Modifier>),
    /// From one point to another: "1950-53"; `None` is an open end ("since 2006": 2006/..).
    Range(Option<TimePoint>, Option<TimePoint>),
    /// A length of time; `None` amount means unspecified ("years").
    Duration(Option<f64>, Unit, Option<Modifier>),
    /// A recurrence: every `amount` `unit`s, or every such point ("every Monday").
    Set(SetPeriod),
    /// A vague reference to past, present or future.
    Reference(Reference),
}

/// What a set recurs on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SetPeriod {
    /// Every `n` units: "daily" (1 day), "every two weeks".
    Every(f64, Unit),
    /// Every such point: "every Monday", "each July".
    EveryPoint(TimePoint),
}

fn year_text(year: Option<i32>) -> String {
    match year {
        Some(y) if (0..=9999).contains(&y) => format!("{y:04}"),
        Some(y) => format!("{y:+05}"),
        None => "XXXX".into(),
    }
}

fn two(n: Option<u8>) -> String {
    n.map_or_else(|| "XX".into(), |n| format!("{n:02}"))
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

impl PartOfDay {
    fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }

    /// Start and end hour of the part of day on the time axis.
    fn hours(self) -> (u32, u32) {
        match self {
            PartOfDay::Morning => (6, 12),
            PartOfDay::Midday => (11, 14),
            PartOfDay::Afternoon => (12, 18),
            PartOfDay::Evening => (18, 22),
            PartOfDay::Night => (20, 24),
            PartOfDay::Daytime => (8, 18),
        }
    }
}

impl Unit {
    /// The unit in words, as a precision: "day", "month", "century".
    pub fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
            Unit::Decade => "decade",
            Unit::Century => "century",
            Unit::Millennium => "millennium",
        }
    }

    /// The TIMEX3 duration letter; date units before `T`, time units after.
    fn code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
            Unit::Millennium => ("ML", false),
        }
    }

    /// Approximate length in days, for ordering and the time axis.
    pub fn days(self) -> f64 {
        match self {
            Unit::Second => 1.0 / 86_400.0,
            Unit::Minute => 1.0 / 1_440.0,
            Unit::Hour => 1.0 / 24.0,
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 30.44,
            Unit::Quarter => 91.31,
            Unit::Year => 365.25,
            Unit::Decade => 3_652.5,
            Unit::Century => 36_525.0,
            Unit::Millennium => 365_250.0,
        }
    }
}

fn amount_text(amount: Option<f64>) -> String {
    match amount {
        None => "X".into(),
        Some(a) if a.fract() == 0.0 => format!("{}", a as i64),
        Some(a) => format!("{a}"),
    }
}

/// The next smaller unit a fraction of `unit` is written in ("P2Y6M" for two and a half
/// years), with how many of it make one `unit`.
fn smaller_unit(unit: Unit) -> Option<(Unit, f64)> {
    Some(match unit {
        Unit::Year => (Unit::Month, 12.0),
        Unit::Week => (Unit::Day, 7.0),
        Unit::Day => (Unit::Hour, 24.0),
        Unit::Hour => (Unit::Minute, 60.0),
        Unit::Minute => (Unit::Second, 60.0),
        _ => return None,
    })
}

fn duration_text(amount: Option<f64>, unit: Unit) -> String {
    let (code, time) = unit.code();
    if let (Some(a), Some((small, per))) = (amount, smaller_unit(unit)) {
        let whole = a.trunc();
        let part = (a - whole) * per;
        if whole >= 1.0 && part > 0.0 && part.fract() == 0.0 {
            let (small_code, small_time) = small.code();
            let t = if small_time && !time { "T" } else { "" };
            return format!(
                "P{}{}{code}{t}{}{small_code}",
                if time { "T" } else { "" },
                whole as i64,
                part as i64
            );
        }
    }
    format!(
        "P{}{}{}",
        if time { "T" } else { "" },
        amount_text(amount),
        code
    )
}

impl TimePoint {
    /// The TIMEX3 value: "1998-03-04", "XXXX-07", "1989-Q3", "199", "1998-W12-WE", "1998-03-04TMO".
    pub fn to_timex(&self) -> String {
        match *self {
            TimePoint::Century(c) => format!("{c:02}"),
            TimePoint::Decade(d) => format!("{d:03}"),
            TimePoint::Year(y) => year_text(y),
            TimePoint::Quarter(y, q) => format!("{}-Q{q}", year_text(y)),
            TimePoint::Half(y, h) => format!("{}-H{h}", year_text(y)),
            TimePoint::Season(y, s) => format!("{}-{}", year_text(y), s.code()),
            TimePoint::Month(y, m) => format!("{}-{m:02}", year_text(y)),
            TimePoint::Week(y, w) => format!("{}-W{w:02}", year_text(Some(y))),
            TimePoint::Weekend(y, w) => format!("{}-W{w:02}-WE", year_text(Some(y))),
            TimePoint::Day(y, m, d) => format!("{}-{}-{}", year_text(y), two(m), two(d)),
            TimePoint::AnyWeekday(d) => format!("XXXX-WXX-{d}"),
            TimePoint::AnyDayPart(p) => format!("XXXX-XX-XXT{}", p.code()),
            TimePoint::DayPart(date, p) => format!("{}T{}", date.format("%Y-%m-%d"), p.code()),
            TimePoint::Clock(date, h, Some(m)) => {
                format!("{}T{h:02}:{m:02}", date.format("%Y-%m-%d"))
            }
            TimePoint::Clock(date, h, None) => format!("{}T{h:02}", date.format("%Y-%m-%d")),
        }
    }

    /// Reads a TIMEX3 date or time value; `None` for anything else.
    pub fn from_timex(value: &str) -> Option<Self> {
        let num = |s: &str| -> Option<Option<i32>> {
            if s.chars().all(|c| c == 'X') {
                Some(None)
            } else {
                s.parse().ok().map(Some)
            }
        };
        if let Some((date, time)) = value.split_once('T') {
            let any_day = date == "XXXX-XX-XX";
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
            let part = match time {
                "MO" => Some(PartOfDay::Morning),
                "MI" => Some(PartOfDay::Midday),
                "AF" => Some(PartOfDay::Afternoon),
                "EV" => Some(PartOfDay::Evening),
                "NI" => Some(PartOfDay::Night),
                "DT" => Some(PartOfDay::Daytime),
                _ => None,
            };
            if let (true, Some(part)) = (any_day, part) {
                return Some(TimePoint::AnyDayPart(part));
            }
            let date = date?;
            if let Some(part) = part {
                return Some(TimePoint::DayPart(date, part));
            }
            let (h, m) = match time.split_once(':') {
                Some((h, m)) => (h.parse().ok()?, Some(m.parse().ok()?)),
                None => (time.parse().ok()?, None),
            };
            return Some(TimePoint::Clock(date, h, m));
        }
        if let Some(d) = value.strip_prefix("XXXX-WXX-") {
            return Some(TimePoint::AnyWeekday(d.parse().ok()?));
        }
        let parts: Vec<&str> = value.split('-').collect();
        match parts.as_slice() {
            [c] if c.len() == 2 => Some(TimePoint::Century(c.parse().ok()?)),
            [d] if d.len() == 3 => Some(TimePoint::Decade(d.parse().ok()?)),
            [y] if y.len() == 4 => Some(TimePoint::Year(num(y)?)),
            [y, rest] => {
                let year = num(y)?;
                if let Some(q) = rest.strip_prefix('Q') {
                    Some(TimePoint::Quarter(year, q.parse().ok()?))
                } else if let Some(h) = rest.strip_prefix('H') {
                    Some(TimePoint::Half(year, h.parse().ok()?))
                } else if let Some(w) = rest.strip_prefix('W') {
                    Some(TimePoint::Week(year?, w.parse().ok()?))
                } else {
                    let season = match *rest {
                        "SP" => Some(Season::Spring),
                        "SU" => Some(Season::Summer),
                        "FA" => Some(Season::Fall),
                        "WI" => Some(Season::Winter),
                        _ => None,
                    };
                    match season {
                        Some(s) => Some(TimePoint::Season(year, s)),
                        None => Some(TimePoint::Month(year, rest.parse().ok()?)),
                    }
                }
            }
            [y, w, "WE"] => Some(TimePoint::Weekend(
                num(y)??,
                w.strip_prefix('W')?.parse().ok()?,
            )),
            [y, m, d] => {
                let part = |s: &str| -> Option<Option<u8>> {
                    if s == "XX" {
                        Some(None)
                    } else {
                        s.parse().ok().map(Some)
                    }
                };
                Some(TimePoint::Day(num(y)?, part(m)?, part(d)?))
            }
            _ => None,
        }
    }

    /// The stretch of real time the point covers, when its year is known.
    pub fn interval(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
        let span = |a: NaiveDate, b: NaiveDate| {
            Some((a.and_time(NaiveTime::MIN), b.and_time(NaiveTime::MIN)))
        };
        match *self {
            TimePoint::Century(c) => span(day(c * 100, 1, 1)?, day(c * 100 + 100, 1, 1)?),
            TimePoint::Decade(d) => span(day(d * 10, 1, 1)?, day(d * 10 + 10, 1, 1)?),
            TimePoint::Year(y) => span(day(y?, 1, 1)?, day(y? + 1, 1, 1)?),
            TimePoint::Quarter(y, q) => {
                let start = day(y?, u32::from(q) * 3 - 2, 1)?;
                span(start, start.checked_add_months(chrono::Months::new(3))?)
            }
            TimePoint::Half(y, h) => {
                let start = day(y?, if h == 1 { 1 } else { 7 }, 1)?;
                span(start, start.checked_add_months(chrono::Months::new(6))?)
            }
            TimePoint::Season(y, s) => {
                let month = match s {
                    Season::Spring => 3,
                    Season::Summer => 6,
                    Season::Fall => 9,
                    Season::Winter => 12,
                };
                let start = day(y?, month, 1)?;
                span(start, start.checked_add_months(chrono::Months::new(3))?)
            }
            TimePoint::Month(y, m) => {
                let start = day(y?, u32::from(m), 1)?;
                span(start, start.checked_add_months(chrono::Months::new(1))?)
            }
            TimePoint::Week(y, w) => {
                let start = NaiveDate::from_isoywd_opt(y, u32::from(w), chrono::Weekday::Mon)?;
                span(start, start + ChronoDuration::days(7))
            }
            TimePoint::Weekend(y, w) => {
                let start = NaiveDate::from_isoywd_opt(y, u32::from(w), chrono::Weekday::Sat)?;
                span(start, start + ChronoDuration::days(2))
            }
            TimePoint::Day(y, m, d) => {
                let start = day(y?, u32::from(m?), u32::from(d?))?;
                span(start, start + ChronoDuration::days(1))
            }
            TimePoint::AnyWeekday(_) | TimePoint::AnyDayPart(_) => None,
            TimePoint::DayPart(date, part) => {
                let (a, b) = part.hours();
                let start = date.and_hms_opt(a, 0, 0)?;
                Some((start, start + ChronoDuration::hours(i64::from(b - a))))
            }
            TimePoint::Clock(date, h, m) => {
                let start = date.and_hms_opt(u32::from(h), u32::from(m.unwrap_or(0)), 0)?;
                let len = if m.is_some() {
                    ChronoDuration::minutes(1)
                } else {
                    ChronoDuration::hours(1)
                };
                Some((start, start + len))
            }
        }
    }

    /// The year the point falls in, when known.
    pub fn year(&self) -> Option<i32> {
        match *self {
            TimePoint::Year(y)
            | TimePoint::Quarter(y, _)
            | TimePoint::Half(y, _)
            | TimePoint::Season(y, _)
            | TimePoint::Month(y, _)
            | TimePoint::Day(y, _, _) => y,
            TimePoint::Week(y, _) | TimePoint::Weekend(y, _) => Some(y),
            TimePoint::DayPart(d, _) | TimePoint::Clock(d, _, _) => Some(d.year()),
            TimePoint::Century(_)
            | TimePoint::Decade(_)
            | TimePoint::AnyWeekday(_)
            | TimePoint::AnyDayPart(_) => None,
        }
    }
}

impl Modifier {
    /// The modifier in words, for explanations: "more than", "early".
    pub fn describe(self) -> &'static str {
        match self {
            Modifier::Approximate => "approximately",
            Modifier::MoreThan => "more than",
            Modifier::LessThan => "less than",
            Modifier::Nearly => "nearly",
            Modifier::Start => "the early part",
            Modifier::Mid => "the middle",
            Modifier::End => "the late part",
        }
    }
}

impl TimeValue {
    /// The modifier of a point or duration.
    pub fn modifier(&self) -> Option<Modifier> {
        match self {
            TimeValue::Point(_, m) | TimeValue::Duration(_, _, m) => *m,
            _ => None,
        }
    }

    /// The length of a range from `from` to `to`, both included, as a TIMEX3 duration: "P2Y"
    /// for 1957–58, "P3M" for March to May 2005, "P5D" for 1–5 June; with an open end or ends
    /// of different kinds the number is unknown ("PXY").
    pub fn range_length(from: Option<&TimePoint>, to: Option<&TimePoint>) -> String {
        use TimePoint::{Century, Day, Decade, Month, Year};
        let counted = match (from, to) {
            (Some(Year(Some(a))), Some(Year(Some(b)))) => Some((i64::from(b - a), "Y")),
            (Some(Decade(a)), Some(Decade(b))) => Some((i64::from(b - a), "DE")),
            (Some(Century(a)), Some(Century(b))) => Some((i64::from(b - a), "CE")),
            (Some(Month(Some(ya), ma)), Some(Month(Some(yb), mb))) => Some((
                i64::from(yb * 12 + i32::from(*mb)) - i64::from(ya * 12 + i32::from(*ma)),
                "M",
            )),
            (Some(Day(Some(ya), Some(ma), Some(da))), Some(Day(Some(yb), Some(mb), Some(db)))) => {
                let day =
                    |y: i32, m: u8, d: u8| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d));
                day(*ya, *ma, *da)
                    .zip(day(*yb, *mb, *db))
                    .map(|(a, b)| ((b - a).num_days(), "D"))
            }
            _ => None,
        };
        match counted {
            Some((gap, unit)) if gap >= 0 => format!("P{}{unit}", gap + 1),
            _ => {
                let unit = match from.or(to) {
                    Some(Decade(_)) => "DE",
                    Some(Century(_)) => "CE",
                    Some(Month(..)) => "M",
                    Some(Day(..)) => "D",
                    _ => "Y",
                };
                format!("PX{unit}")
            }
        }
    }

    /// The TIMEX3 `value` attribute.
    pub fn to_timex(&self) -> String {
        match self {
            TimeValue::Point(p, _) => p.to_timex(),
            TimeValue::Range(a, b) => {
                let end = |p: &Option<TimePoint>| {
                    p.as_ref()
                        .map_or_else(|| "..".to_string(), TimePoint::to_timex)
                };
                format!("{}/{}", end(a), end(b))
            }
            TimeValue::Duration(amount, unit, _) => duration_text(*amount, *unit),
            TimeValue::Set(SetPeriod::Every(n, unit)) => duration_text(Some(*n), *unit),
            TimeValue::Set(SetPeriod::EveryPoint(p)) => p.to_timex(),
            TimeValue::Reference(Reference::Past) => "PAST_REF".into(),
            TimeValue::Reference(Reference::Present) => "PRESENT_REF".into(),
            TimeValue::Reference(Reference::Future) => "FUTURE_REF".into(),
        }
    }

    /// Reads a TIMEX3 value of the given type ("DATE", "TIME", "DURATION", "SET").
    pub fn from_timex(timex_type: &str, value: &str) -> Option<Self> {
        match value {
            "PAST_REF" => return Some(TimeValue::Reference(Reference::Past)),
            "PRESENT_REF" => return Some(TimeValue::Reference(Reference::Present)),
            "FUTURE_REF" => return Some(TimeValue::Reference(Reference::Future)),
            _ => {}
        }
        if let Some(rest) = value.strip_prefix('P') {
            let (amount, unit) = parse_duration(rest)?;
            return Some(match timex_type {
                "SET" => TimeValue::Set(SetPeriod::Every(amount?, unit)),
                _ => TimeValue::Duration(amount, unit, None),
            });
        }
        if let Some((a, b)) = value.split_once('/') {
            let end = |s: &str| -> Option<Option<TimePoint>> {
                if s == ".." {
                    Some(None)
                } else {
                    TimePoint::from_timex(s).map(Some)
                }
            };
            let (a, b) = (end(a)?, end(b)?);
            if a.is_none() && b.is_none() {
                return None;
            }
            return Some(TimeValue::Range(a, b));
        }
        let point = TimePoint::from_timex(value)?;
        Some(match timex_type {
            "SET" => TimeValue::Set(SetPeriod::EveryPoint(point)),
            _ => TimeValue::Point(point, None),
        })
    }

    /// The stretch of real time the value covers, for the timeline; durations, sets and vague
    /// references have none.
    pub fn interval(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        match self {
            TimeValue::Point(p, _) => p.interval(),
            // An open end reaches as far as the other end's own stretch: the timeline draws
            // the known part and fades the rest.
            TimeValue::Range(a, b) => {
                let start = a.as_ref().and_then(TimePoint::interval);
                let end = b.as_ref().and_then(TimePoint::interval);
                match (start, end) {
                    (Some(s), Some(e)) => Some((s.0, e.1)),
                    (Some(s), None) => Some(s),
                    (None, Some(e)) => Some(e),
                    (None, None) => None,
                }
            }
            _ => None,
        }
    }
}

/// Reads the body of a TIMEX3 duration after "P": "2Y", "T5H", "X.5D", or a whole amount with
/// a fraction in the next smaller unit ("2Y6M", "1DT12H", "T1M30S").
fn parse_duration(rest: &str) -> Option<(Option<f64>, Unit)> {
    let (first, first_len) = duration_part(rest, false)?;
    if first_len == rest.len() {
        return Some(first);
    }
    let (Some(whole), unit) = first else {
        return None;
    };
    let ((Some(part), small), second_len) = duration_part(&rest[first_len..], unit.code().1)?
    else {
        return None;
    };
    let (expected, per) = smaller_unit(unit)?;
    let valid = small == expected
        && first_len + second_len == rest.len()
        && whole.fract() == 0.0
        && part.fract() == 0.0
        && part > 0.0
        && part < per;
    valid.then_some((Some(whole + part / per), unit))
}

/// One amount and unit at the start of `text` ("2Y", "T5H", "6M"), with the bytes it took.
/// `in_time` says a "T" was already read, so "M" means minutes.
fn duration_part(text: &str, in_time: bool) -> Option<((Option<f64>, Unit), usize)> {
    let (time, body, skipped) = match text.strip_prefix('T') {
        Some(b) => (true, b, 1),
        None => (in_time, text, 0),
    };
    let split = body.find(|c: char| c.is_ascii_uppercase() && c != 'X')?;
    let (amount, rest) = body.split_at(split);
    let code_len = rest
        .find(|c: char| !c.is_ascii_uppercase() || c == 'T')
        .unwrap_or(rest.len());
    let code = &rest[..code_len];
    // A code is one letter except the two-letter DE, CE and ML.
    let code = if matches!(code.get(..2), Some("DE" | "CE" | "ML")) {
        &code[..2]
    } else {
        code.get(..1)?
    };
    let amount = if amount == "X" {
        None
    } else {
        Some(amount.parse().ok()?)
    };
    let unit = match (code, time) {
        ("S", true) => Unit::Second,
        ("M", true) => Unit::Minute,
        ("H", true) => Unit::Hour,
        ("D", false) => Unit::Day,
        ("W", false) => Unit::Week,
        ("M", false) => Unit::Month,
        ("Q", false) => Unit::Quarter,
        ("Y", false) => Unit::Year,
        ("DE", false) => Unit::Decade,
        ("CE", false) => Unit::Century,
        ("ML", false) => Unit::Millennium,
        _ => return None,
    };
    Some(((amount, unit), skipped + split + code.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_any_day_reads_back_as_it_is_written() {
        let every_morning = TimeValue::Set(SetPeriod::EveryPoint(TimePoint::AnyDayPart(
            PartOfDay::Morning,
        )));
        assert_eq!(every_morning.to_timex(), "XXXX-XX-XXTMO");
        assert_eq!(
            TimeValue::from_timex("SET", "XXXX-XX-XXTMO"),
            Some(every_morning)
        );
    }

    #[test]
    fn a_range_has_its_length_in_its_own_unit_and_an_open_one_none() {
        use TimePoint::{Day, Month, Year};
        let length = |a, b| TimeValue::range_length(Some(&a), Some(&b));
        assert_eq!(length(Year(Some(1957)), Year(Some(1958))), "P2Y");
        assert_eq!(length(Month(Some(2004), 11), Month(Some(2005), 2)), "P4M");
        assert_eq!(
            length(
                Day(Some(2005), Some(6), Some(1)),
                Day(Some(2005), Some(6), Some(5))
            ),
            "P5D"
        );
        assert_eq!(length(Year(Some(1960)), Year(Some(1950))), "PXY");
        assert_eq!(length(Year(Some(2004)), Month(Some(2005), 3)), "PXY");
        assert_eq!(
            TimeValue::range_length(Some(&Month(Some(2005), 3)), None),
            "PXM"
        );
    }

    #[test]
    fn timex_strings_round_trip() {
        for (t, v) in [
            ("DATE", "1998-03-04"),
            ("DATE", "XXXX-07"),
            ("DATE", "1989-Q3"),
            ("DATE", "199"),
            ("DATE", "19"),
            ("DATE", "1998-W12"),
            ("DATE", "1998-W12-WE"),
            ("DATE", "1998-XX-XX"),
            ("DATE", "1998-SU"),
            ("DATE", "1950/1953"),
            ("DATE", "2006/.."),
            ("DATE", "../2009-11"),
            ("TIME", "1998-03-04TMO"),
            ("TIME", "1998-03-04T17:30"),
            ("TIME", "1989-11-06T17"),
            ("DURATION", "P2Y"),
            ("DURATION", "PT16H"),
            ("DURATION", "PXY"),
            ("DURATION", "P2DE"),
            ("DURATION", "P2Y6M"),
            ("DURATION", "PT5H30M"),
            ("DURATION", "PT1M30S"),
            ("DURATION", "P1DT12H"),
            ("DURATION", "P1W3D"),
            ("SET", "P1W"),
            ("SET", "XXXX-WXX-1"),
            ("DATE", "PAST_REF"),
        ] {
            let value = TimeValue::from_timex(t, v).unwrap_or_else(|| panic!("{v}"));
            assert_eq!(value.to_timex(), v);
        }
    }

    #[test]
    fn intervals_follow_precision() {
        let month = TimePoint::Month(Some(2009), 12).interval().unwrap();
        assert_eq!(month.0.to_string(), "2009-12-01 00:00:00");
        assert_eq!(month.1.to_string(), "2010-01-01 00:00:00");
        let range = TimeValue::Range(
            Some(TimePoint::Year(Some(1950))),
            Some(TimePoint::Year(Some(1953))),
        );
        let (a, b) = range.interval().unwrap();
        assert_eq!((a.year(), b.year()), (1950, 1954));
        assert!(TimePoint::Month(None, 3).interval().is_none());
    }
}

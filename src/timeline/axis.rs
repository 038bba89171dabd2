//! The timeline's horizontal axis: time ↔ x as a pure transform, zoom about a point, pan, fit,
//! and calendar ticks that adapt from centuries down to minutes.
//!
//! Times are seconds since 1970-01-01T00:00 on the article's own clock (no zone), as `f64`, so
//! the axis reaches from antiquity to far futures without overflow.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// Seconds in a day.
pub const DAY: f64 = 86_400.0;
/// The closest zoom: seconds per point.
pub const MIN_SECONDS_PER_POINT: f64 = 0.5;
/// The widest zoom: about forty years per point (millennia fit in a window).
pub const MAX_SECONDS_PER_POINT: f64 = 40.0 * 365.25 * DAY;
/// The earliest and latest years the axis shows.
pub const YEAR_LIMITS: (i32, i32) = (-9_999, 9_999);

/// A moment on the axis from a date and time.
pub fn seconds(at: NaiveDateTime) -> f64 {
    at.and_utc().timestamp() as f64
}

/// The date and time at a moment on the axis, clamped to the years the axis shows.
pub fn moment(seconds: f64) -> NaiveDateTime {
    let lo = limit(YEAR_LIMITS.0);
    let hi = limit(YEAR_LIMITS.1);
    let s = seconds.clamp(lo, hi);
    chrono::DateTime::from_timestamp(s as i64, 0)
        .map(|d| d.naive_utc())
        .unwrap_or_default()
}

fn limit(year: i32) -> f64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .map(|d| seconds(d.and_time(chrono::NaiveTime::MIN)))
        .unwrap_or(0.0)
}

/// The visible stretch of time: the moment at the left edge and the seconds one point spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeAxis {
    /// Seconds at the left edge.
    pub start: f64,
    /// Seconds per point.
    pub per_point: f64,
}

impl TimeAxis {
    /// An axis that shows `from..to` across `width` points with a small margin on each side.
    pub fn fit(from: f64, to: f64, width: f32) -> Self {
        let width = f64::from(width.max(1.0));
        let (from, to) = if to - from < DAY {
            // A single moment: show the week around it.
            (from - 3.5 * DAY, from + 3.5 * DAY)
        } else {
            (from, to)
        };
        let margin = (to - from) * 0.04;
        let per_point = ((to - from + 2.0 * margin) / width)
            .clamp(MIN_SECONDS_PER_POINT, MAX_SECONDS_PER_POINT);
        let middle = (from + to) / 2.0;
        Self {
            start: middle - per_point * width / 2.0,
            per_point,
        }
    }

    /// The x of moment `t`, counted from the left edge.
    pub fn x(&self, t: f64) -> f32 {
        ((t - self.start) / self.per_point) as f32
    }

    /// The moment at `x` points from the left edge.
    pub fn time(&self, x: f32) -> f64 {
        self.start + f64::from(x) * self.per_point
    }

    /// The moment at the right edge of a view `width` wide.
    pub fn end(&self, width: f32) -> f64 {
        self.time(width)
    }

    /// Zooms by `factor` (below 1 zooms in) keeping the moment under `x` where it is.
    pub fn zoom_about(&mut self, x: f32, factor: f64) {
        let anchor = self.time(x);
        self.per_point =
            (self.per_point * factor).clamp(MIN_SECONDS_PER_POINT, MAX_SECONDS_PER_POINT);
        self.start = anchor - f64::from(x) * self.per_point;
    }

    /// Moves the view by `dx` points (dragging right shows earlier times).
    pub fn pan(&mut self, dx: f32) {
        self.start -= f64::from(dx) * self.per_point;
    }

    /// The ticks for a view `width` wide, labels at least `spacing` points apart.
    pub fn ticks(&self, width: f32, spacing: f32) -> Ticks {
        let step = TickStep::for_spacing(self.per_point * f64::from(spacing.max(1.0)));
        let (from, to) = (self.time(0.0), self.end(width));
        let mut list = Vec::new();
        let mut at = step.floor(moment(from));
        // Bounded: at most one tick per `spacing` points, plus the edges.
        let most = (width / spacing.max(1.0)) as usize + 3;
        while list.len() < most {
            let t = seconds(at);
            if t > to {
                break;
            }
            if t >= from {
                list.push(Tick {
                    at: t,
                    label: step.label(at),
                    major: step.is_major(at),
                });
            }
            match step.next(at) {
                Some(next) if next > at => at = next,
                _ => break,
            }
        }
        Ticks { step, list }
    }
}

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The moment.
    pub at: f64,
    /// What it says: "1950", "Nov 2009", "23", "08:00".
    pub label: String,
    /// Starts the next larger unit (a year among months, a month among days): drawn stronger.
    pub major: bool,
}

/// The ticks of a view and the step between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// The step.
    pub step: TickStep,
    /// The ticks, left to right.
    pub list: Vec<Tick>,
}

/// The distance between ticks: a calendar unit and a count of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Every `n` years (100 is a century, 10 a decade).
    Years(i32),
    /// Every `n` months.
    Months(u32),
    /// Every `n` days.
    Days(i64),
    /// Every `n` hours.
    Hours(i64),
    /// Every `n` minutes.
    Minutes(i64),
}

/// The steps from the widest to the finest.
const STEPS: [TickStep; 21] = [
    TickStep::Years(1000),
    TickStep::Years(500),
    TickStep::Years(200),
    TickStep::Years(100),
    TickStep::Years(50),
    TickStep::Years(20),
    TickStep::Years(10),
    TickStep::Years(5),
    TickStep::Years(2),
    TickStep::Years(1),
    TickStep::Months(6),
    TickStep::Months(3),
    TickStep::Months(1),
    TickStep::Days(7),
    TickStep::Days(1),
    TickStep::Hours(6),
    TickStep::Hours(3),
    TickStep::Hours(1),
    TickStep::Minutes(15),
    TickStep::Minutes(5),
    TickStep::Minutes(1),
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl TickStep {
    /// The finest step at least `seconds` long (the widest when none is).
    pub fn for_spacing(seconds: f64) -> Self {
        STEPS
            .iter()
            .rev()
            .find(|s| s.approx_seconds() >= seconds)
            .copied()
            .unwrap_or(STEPS[0])
    }

    /// About how long the step is.
    pub fn approx_seconds(self) -> f64 {
        match self {
            TickStep::Years(n) => f64::from(n) * 365.25 * DAY,
            TickStep::Months(n) => f64::from(n) * 30.44 * DAY,
            TickStep::Days(n) => n as f64 * DAY,
            TickStep::Hours(n) => n as f64 * 3_600.0,
            TickStep::Minutes(n) => n as f64 * 60.0,
        }
    }

    /// The unit in words: "century", "decade", "year", "month", "week", "day", "hour",
    /// "minute".
    pub fn unit_name(self) -> &'static str {
        match self {
            TickStep::Years(n) if n >= 100 => "century",
            TickStep::Years(n) if n >= 10 => "decade",
            TickStep::Years(_) => "year",
            TickStep::Months(_) => "month",
            TickStep::Days(7) => "week",
            TickStep::Days(_) => "day",
            TickStep::Hours(_) => "hour",
            TickStep::Minutes(_) => "minute",
        }
    }

    /// The tick at or before `at`.
    fn floor(self, at: NaiveDateTime) -> NaiveDateTime {
        let date = at.date();
        let midnight = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN);
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).map(midnight);
        match self {
            TickStep::Years(n) => ymd(date.year().div_euclid(n) * n, 1).unwrap_or(at),
            TickStep::Months(n) => {
                let m0 = date.month0() / n * n;
                ymd(date.year(), m0 + 1).unwrap_or(at)
            }
            TickStep::Days(7) => {
                let back = i64::from(date.weekday().num_days_from_monday());
                midnight(date) - Duration::days(back)
            }
            TickStep::Days(_) => midnight(date),
            TickStep::Hours(n) => {
                let h = i64::from(at.hour()) / n * n;
                midnight(date) + Duration::hours(h)
            }
            TickStep::Minutes(n) => {
                let m = i64::from(at.minute()) / n * n;
                midnight(date) + Duration::hours(i64::from(at.hour())) + Duration::minutes(m)
            }
        }
    }

    /// The tick after `at`.
    fn next(self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        match self {
            TickStep::Years(n) => {
                let y = at.year().checked_add(n)?;
                if y > YEAR_LIMITS.1 {
                    return None;
                }
                NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.and_time(chrono::NaiveTime::MIN))
            }
            TickStep::Months(n) => at.checked_add_months(chrono::Months::new(n)),
            TickStep::Days(n) => at.checked_add_signed(Duration::days(n)),
            TickStep::Hours(n) => at.checked_add_signed(Duration::hours(n)),
            TickStep::Minutes(n) => at.checked_add_signed(Duration::minutes(n)),
        }
    }

    /// The tick's label.
    fn label(self, at: NaiveDateTime) -> String {
        match self {
            TickStep::Years(_) => format!("{}", at.year()),
            TickStep::Months(_) if at.month() == 1 => format!("{}", at.year()),
            TickStep::Months(_) => MONTHS[at.month0() as usize].to_string(),
            TickStep::Days(_) if at.day() == 1 || self == TickStep::Days(7) && at.day() <= 7 => {
                format!("{} {}", MONTHS[at.month0() as usize], at.year())
            }
            TickStep::Days(_) => format!("{}", at.day()),
            TickStep::Hours(_) | TickStep::Minutes(_) if at.hour() == 0 && at.minute() == 0 => {
                format!(
                    "{} {} {}",
                    at.day(),
                    MONTHS[at.month0() as usize],
                    at.year()
                )
            }
            TickStep::Hours(_) | TickStep::Minutes(_) => at.format("%H:%M").to_string(),
        }
    }

    /// True when the tick starts the next larger unit.
    fn is_major(self, at: NaiveDateTime) -> bool {
        match self {
            TickStep::Years(n) => at.year().rem_euclid(n * 10) == 0,
            TickStep::Months(_) => at.month() == 1,
            TickStep::Days(7) => at.day() <= 7,
            TickStep::Days(_) => at.day() == 1,
            TickStep::Hours(_) | TickStep::Minutes(_) => at.hour() == 0 && at.minute() == 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> f64 {
        seconds(
            NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or_default(),
        )
    }

    #[test]
    fn x_and_time_are_inverse() {
        let axis = TimeAxis::fit(at(1950, 1, 1), at(2009, 12, 31), 1000.0);
        for x in [0.0f32, 1.0, 333.3, 999.0] {
            assert!((axis.x(axis.time(x)) - x).abs() < 1e-3);
        }
        assert!(axis.x(at(1950, 1, 1)) > 0.0 && axis.x(at(2009, 12, 31)) < 1000.0);
    }

    #[test]
    fn zoom_keeps_the_moment_under_the_cursor() {
        let mut axis = TimeAxis::fit(at(2000, 1, 1), at(2010, 1, 1), 800.0);
        let before = axis.time(300.0);
        axis.zoom_about(300.0, 0.25);
        assert!((axis.time(300.0) - before).abs() < 1.0);
        axis.zoom_about(300.0, 1e-12);
        assert_eq!(axis.per_point, MIN_SECONDS_PER_POINT);
        axis.zoom_about(300.0, 1e30);
        assert_eq!(axis.per_point, MAX_SECONDS_PER_POINT);
    }

    #[test]
    fn pan_moves_by_the_drag() {
        let mut axis = TimeAxis::fit(at(2009, 11, 1), at(2009, 12, 1), 600.0);
        let t = axis.time(100.0);
        axis.pan(50.0);
        assert!((axis.time(150.0) - t).abs() < 1e-6);
    }

    #[test]
    fn ticks_adapt_from_centuries_to_minutes() {
        let width = 1000.0;
        let cases = [
            (at(1000, 1, 1), at(2000, 1, 1), "century"),
            (at(1900, 1, 1), at(2000, 1, 1), "decade"),
            (at(1990, 1, 1), at(2010, 1, 1), "year"),
            (at(2009, 1, 1), at(2010, 1, 1), "month"),
            (at(2009, 11, 1), at(2009, 12, 1), "week"),
            (at(2009, 11, 15), at(2009, 11, 25), "day"),
            (at(2009, 11, 23), at(2009, 11, 24), "hour"),
        ];
        for (from, to, unit) in cases {
            let axis = TimeAxis::fit(from, to, width);
            let ticks = axis.ticks(width, 70.0);
            assert_eq!(ticks.step.unit_name(), unit, "{from}..{to}");
            assert!(ticks.list.len() >= 4, "{unit}: {:?}", ticks.list);
            assert!(ticks.list.windows(2).all(|w| w[0].at < w[1].at));
            // Labels never crowd: neighbours are at least the spacing apart (allowing for the
            // calendar's uneven months).
            for w in ticks.list.windows(2) {
                assert!(axis.x(w[1].at) - axis.x(w[0].at) >= 70.0 * 0.9, "{unit}");
            }
        }
        let mut axis = TimeAxis::fit(at(2009, 11, 23), at(2009, 11, 24), width);
        axis.zoom_about(500.0, 0.05);
        assert_eq!(axis.ticks(width, 70.0).step.unit_name(), "minute");
    }

    #[test]
    fn tick_labels_read_like_a_calendar() {
        let axis = TimeAxis::fit(at(2009, 10, 15), at(2010, 3, 15), 1000.0);
        let ticks = axis.ticks(1000.0, 70.0);
        let labels: Vec<&str> = ticks.list.iter().map(|t| t.label.as_str()).collect();
        assert!(
            labels.contains(&"Nov") && labels.contains(&"2010"),
            "{labels:?}"
        );
        assert!(ticks.list.iter().any(|t| t.major && t.label == "2010"));
    }

    #[test]
    fn ticks_stay_bounded_at_the_ends_of_time() {
        let axis = TimeAxis {
            start: at(-9_990, 1, 1),
            per_point: MAX_SECONDS_PER_POINT,
        };
        let ticks = axis.ticks(2000.0, 70.0);
        assert!(ticks.list.len() <= 2000 / 70 + 3);
        let axis = TimeAxis {
            start: at(9_998, 12, 31),
            per_point: MIN_SECONDS_PER_POINT,
        };
        assert!(axis.ticks(2000.0, 70.0).list.len() <= 2000 / 70 + 3);
    }
}

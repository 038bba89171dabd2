//! Moving a time value along the time axis while keeping its precision: what dragging an event
//! on the timeline does. A day stays a day, a month a month; the result snaps to the unit.

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};

use super::{Season, TimePoint, TimeValue, Unit};

/// The season a month falls in, and the year it is counted in (December belongs to the winter
/// of the year it starts in).
fn season_at(month: u32) -> Season {
    match month {
        3..=5 => Season::Spring,
        6..=8 => Season::Summer,
        9..=11 => Season::Fall,
        _ => Season::Winter,
    }
}

impl TimePoint {
    /// The point of the same precision that contains `at`; `None` for points that are not on
    /// the axis ("every Monday", a year left unknown).
    pub fn moved_to(&self, at: NaiveDateTime) -> Option<TimePoint> {
        self.interval()?;
        let date = at.date();
        let (y, m) = (date.year(), date.month());
        Some(match *self {
            TimePoint::Century(_) => TimePoint::Century(y.div_euclid(100)),
            TimePoint::Decade(_) => TimePoint::Decade(y.div_euclid(10)),
            TimePoint::Year(_) => TimePoint::Year(Some(y)),
            TimePoint::Quarter(..) => TimePoint::Quarter(Some(y), ((m - 1) / 3 + 1) as u8),
            TimePoint::Half(..) => TimePoint::Half(Some(y), if m <= 6 { 1 } else { 2 }),
            TimePoint::Season(..) => {
                // January and February belong to the winter that began the December before.
                let year = if m <= 2 { y - 1 } else { y };
                TimePoint::Season(Some(year), season_at(m))
            }
            TimePoint::Month(..) => TimePoint::Month(Some(y), m as u8),
            TimePoint::Week(..) => {
                let w = date.iso_week();
                TimePoint::Week(w.year(), w.week() as u8)
            }
            TimePoint::Weekend(..) => {
                let w = date.iso_week();
                TimePoint::Weekend(w.year(), w.week() as u8)
            }
            TimePoint::Day(..) => TimePoint::Day(Some(y), Some(m as u8), Some(date.day() as u8)),
            TimePoint::DayPart(_, part) => TimePoint::DayPart(date, part),
            TimePoint::Clock(_, _, minute) => {
                TimePoint::Clock(date, at.hour() as u8, minute.map(|_| at.minute() as u8))
            }
            TimePoint::AnyWeekday(_) | TimePoint::AnyDayPart(_) => return None,
        })
    }

    /// The point moved by `by`, snapped to its precision: the unit containing its start plus
    /// `by`.
    pub fn shifted(&self, by: Duration) -> Option<TimePoint> {
        let (start, end) = self.interval()?;
        // Aim at the middle of the unit so that a week's shift of a month lands in that month
        // and rounding never skips a unit.
        let middle = start + (end - start) / 2;
        self.moved_to(middle.checked_add_signed(by)?)
    }
}

/// The precisions an event's time can be given in, widest first.
pub const PRECISIONS: [Unit; 9] = [
    Unit::Century,
    Unit::Decade,
    Unit::Year,
    Unit::Quarter,
    Unit::Month,
    Unit::Week,
    Unit::Day,
    Unit::Hour,
    Unit::Minute,
];

impl TimePoint {
    /// The point of precision `unit` that contains `at`; `None` for units a point cannot have.
    pub fn at_precision(unit: Unit, at: NaiveDateTime) -> Option<TimePoint> {
        let date = at.date();
        let template = match unit {
            Unit::Century => TimePoint::Century(0),
            Unit::Decade => TimePoint::Decade(0),
            Unit::Year => TimePoint::Year(Some(0)),
            Unit::Quarter => TimePoint::Quarter(Some(0), 1),
            Unit::Month => TimePoint::Month(Some(0), 1),
            Unit::Week => TimePoint::Week(2000, 1),
            Unit::Day => TimePoint::Day(Some(2000), Some(1), Some(1)),
            Unit::Hour => TimePoint::Clock(date, 0, None),
            Unit::Minute => TimePoint::Clock(date, 0, Some(0)),
            _ => return None,
        };
        template.moved_to(at)
    }

    /// The precision of the point, as a unit.
    pub fn precision(&self) -> Unit {
        match self {
            TimePoint::Century(_) => Unit::Century,
            TimePoint::Decade(_) => Unit::Decade,
            TimePoint::Year(_) => Unit::Year,
            TimePoint::Quarter(..) | TimePoint::Half(..) | TimePoint::Season(..) => Unit::Quarter,
            TimePoint::Month(..) => Unit::Month,
            TimePoint::Week(..) | TimePoint::Weekend(..) => Unit::Week,
            TimePoint::Day(..)
            | TimePoint::AnyWeekday(_)
            | TimePoint::AnyDayPart(_)
            | TimePoint::DayPart(..) => Unit::Day,
            TimePoint::Clock(_, _, None) => Unit::Hour,
            TimePoint::Clock(_, _, Some(_)) => Unit::Minute,
        }
    }
}

impl TimeValue {
    /// The value with each end given at precision `unit`, keeping where it starts; `None` when
    /// it is not on the axis.
    pub fn with_precision(&self, unit: Unit) -> Option<TimeValue> {
        let at = |p: &TimePoint| TimePoint::at_precision(unit, p.interval()?.0);
        Some(match self {
            TimeValue::Point(p, m) => TimeValue::Point(at(p)?, *m),
            TimeValue::Range(a, b) => {
                let a = match a {
                    Some(p) => Some(at(p)?),
                    None => None,
                };
                let b = match b {
                    Some(p) => Some(at(p)?),
                    None => None,
                };
                match (a, b) {
                    // Both ends in one unit: that unit.
                    (Some(a), Some(b)) if a == b => TimeValue::Point(a, None),
                    (a, b) => TimeValue::Range(a, b),
                }
            }
            _ => return None,
        })
    }

    /// The value moved by `by` with its precision kept; `None` when it is not on the axis.
    pub fn shifted(&self, by: Duration) -> Option<TimeValue> {
        Some(match self {
            TimeValue::Point(p, m) => TimeValue::Point(p.shifted(by)?, *m),
            TimeValue::Range(a, b) => {
                let a = match a {
                    Some(p) => Some(p.shifted(by)?),
                    None => None,
                };
                let b = match b {
                    Some(p) => Some(p.shifted(by)?),
                    None => None,
                };
                if a.is_none() && b.is_none() {
                    return None;
                }
                TimeValue::Range(a, b)
            }
            _ => return None,
        })
    }

    /// A range with one end moved by `by` (the start when `start_end` is true), or a point
    /// stretched into a range. The ends never cross: the moved end stops at the other one.
    pub fn with_end_shifted(&self, start_end: bool, by: Duration) -> Option<TimeValue> {
        let (a, b) = match self {
            TimeValue::Point(p, _) => (Some(p.clone()), Some(p.clone())),
            TimeValue::Range(a, b) => (a.clone(), b.clone()),
            _ => return None,
        };
        let (a, b) = if start_end {
            let moved = a.as_ref().or(b.as_ref())?.shifted(by)?;
            (Some(moved), b)
        } else {
            let moved = b.as_ref().or(a.as_ref())?.shifted(by)?;
            (a, Some(moved))
        };
        let starts = |p: &Option<TimePoint>| p.as_ref().and_then(TimePoint::interval);
        if let (Some(sa), Some(sb)) = (starts(&a), starts(&b))
            && sa.0 > sb.0
        {
            return None;
        }
        if a == b {
            return a.map(|p| TimeValue::Point(p, None));
        }
        Some(TimeValue::Range(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> TimeValue {
        TimeValue::from_timex("DATE", text).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn a_drag_keeps_the_precision_and_snaps() {
        for (start, days, moved) in [
            ("2009-11-22", 3, "2009-11-25"),
            ("2009-11-22", -22, "2009-10-31"),
            ("2009-11", 20, "2009-12"),
            ("2009-11", 10, "2009-11"),
            ("2009", 200, "2010"),
            ("2009-Q4", -50, "2009-Q3"),
            ("195", 3660, "196"),
            ("2009-W48", 7, "2009-W49"),
            ("2009-11-22TNI", 1, "2009-11-23TNI"),
            ("2009-11-22T08:43", 1, "2009-11-23T08:43"),
            ("1950/1953", 366, "1951/1954"),
        ] {
            let shifted = value(start)
                .shifted(Duration::days(days))
                .map(|v| v.to_timex());
            assert_eq!(shifted.as_deref(), Some(moved), "{start} + {days} days");
        }
        assert_eq!(value("XXXX-WXX-1").shifted(Duration::days(1)), None);
    }

    #[test]
    fn precision_changes_keep_the_start() {
        let day = value("2009-11-22");
        for (unit, expected) in [
            (Unit::Century, "20"),
            (Unit::Decade, "200"),
            (Unit::Year, "2009"),
            (Unit::Quarter, "2009-Q4"),
            (Unit::Month, "2009-11"),
            (Unit::Week, "2009-W47"),
            (Unit::Day, "2009-11-22"),
            (Unit::Hour, "2009-11-22T00"),
            (Unit::Minute, "2009-11-22T00:00"),
        ] {
            let changed = day.with_precision(unit).map(|v| v.to_timex());
            assert_eq!(changed.as_deref(), Some(expected), "{unit:?}");
        }
        assert_eq!(
            value("1950/1953")
                .with_precision(Unit::Decade)
                .map(|v| v.to_timex())
                .as_deref(),
            Some("195")
        );
    }

    #[test]
    fn range_ends_move_alone_and_never_cross() {
        let war = value("1950/1953");
        let longer = war.with_end_shifted(false, Duration::days(366));
        assert_eq!(longer.map(|v| v.to_timex()).as_deref(), Some("1950/1954"));
        let day = value("2009-11-22");
        let stretched = day.with_end_shifted(false, Duration::days(2));
        assert_eq!(
            stretched.map(|v| v.to_timex()).as_deref(),
            Some("2009-11-22/2009-11-24")
        );
        assert_eq!(war.with_end_shifted(true, Duration::days(365 * 5)), None);
    }
}

//! The publication date of an article, with exactly the precision the source gives.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// When an article was published, as far as its text or source tells.
///
/// A wire dateline such as "SEOUL, Nov. 23" gives a month and day but no year: that is kept as a
/// partial date (`year: None`) marked uncertain, never completed with an invented year.
///
/// ```
/// use dateline::model::PublishedAt;
///
/// let partial = PublishedAt::from_month_day(11, 23).unwrap();
/// assert_eq!(partial.to_iso(), "--11-23");
/// assert!(partial.uncertain);
///
/// let time = chrono::NaiveTime::from_hms_opt(8, 43, 0).unwrap();
/// let full = PublishedAt::from_ymd(2009, 11, 23).unwrap().with_time(time).with_zone("KST", 540, false);
/// assert_eq!(full.to_iso(), "2009-11-23T08:43:00+09:00");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedAt {
    /// The year, when the source states it.
    pub year: Option<i32>,
    /// The month, 1–12.
    pub month: Option<u32>,
    /// The day of the month; only present together with a month.
    pub day: Option<u32>,
    /// Local time of publication, when given.
    pub time: Option<NaiveTime>,
    /// Offset from UTC in minutes, when the source gives or implies a zone.
    pub utc_offset_minutes: Option<i32>,
    /// The zone as named or implied: "EST", "Asia/Seoul".
    pub zone: Option<String>,
    /// True when the zone was inferred (from the agency, say) rather than written.
    pub zone_inferred: bool,
    /// True when part of the date had to be guessed or is missing (no year in the text).
    pub uncertain: bool,
}

impl PublishedAt {
    /// A full calendar date without time; `None` if the date does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day)?;
        Some(Self {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            ..Self::empty()
        })
    }

    /// A month and day with no year (from a dateline); marked uncertain.
    /// `None` if no year could have that day (February 30).
    pub fn from_month_day(month: u32, day: u32) -> Option<Self> {
        // 2000 is a leap year, so 29 February is accepted.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(Self {
            month: Some(month),
            day: Some(day),
            uncertain: true,
            ..Self::empty()
        })
    }

    /// A year and month without day.
    pub fn from_year_month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then(|| Self {
            year: Some(year),
            month: Some(month),
            ..Self::empty()
        })
    }

    fn empty() -> Self {
        Self {
            year: None,
            month: None,
            day: None,
            time: None,
            utc_offset_minutes: None,
            zone: None,
            zone_inferred: false,
            uncertain: false,
        }
    }

    /// The same date with a local time of day.
    pub fn with_time(mut self, time: NaiveTime) -> Self {
        self.time = Some(time);
        self
    }

    /// The same date with a zone: its name, its offset, and whether it was inferred.
    pub fn with_zone(mut self, name: &str, offset_minutes: i32, inferred: bool) -> Self {
        self.zone = Some(name.to_string());
        self.utc_offset_minutes = Some(offset_minutes);
        self.zone_inferred = inferred;
        self
    }

    /// The calendar date, when year, month and day are all known.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    /// ISO 8601: `2009-11-23T08:43:00+09:00`, `1987-03-03T09:17:32`, `2009-11-23`, `2009-11`,
    /// `2009`, or `--11-23` for a month and day without year.
    pub fn to_iso(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => {
                let mut s = format!("{}-{m:02}-{d:02}", iso_year(y));
                if let Some(t) = self.time {
                    s.push_str(&format!(
                        "T{:02}:{:02}:{:02}",
                        t.hour(),
                        t.minute(),
                        t.second()
                    ));
                    if let Some(off) = self.utc_offset_minutes {
                        s.push_str(&format_offset(off));
                    }
                }
                s
            }
            (Some(y), Some(m), None) => format!("{}-{m:02}", iso_year(y)),
            (Some(y), None, _) => iso_year(y),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, _) => String::new(),
        }
    }

    /// Reads what [`to_iso`](Self::to_iso) writes, and the usual variants of it: `2009`,
    /// `2009-11`, `2009-11-23`, `--11-23`, `--11`, and a date with a time (`T` or a space, with or
    /// without seconds and fractions) and an optional zone (`Z`, `+09:00`, `+0900`). `None` for
    /// anything else, or for a day that does not exist.
    ///
    /// ```
    /// use dateline::model::PublishedAt;
    ///
    /// let p = PublishedAt::from_iso("2009-11-23T08:43:00+09:00").unwrap();
    /// assert_eq!(p.to_iso(), "2009-11-23T08:43:00+09:00");
    /// assert_eq!(PublishedAt::from_iso("1987-02").unwrap().to_iso(), "1987-02");
    /// assert!(PublishedAt::from_iso("1987-02-30").is_none());
    /// ```
    pub fn from_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("--") {
            let mut parts = rest.split('-');
            let month = parts.next()?.parse().ok()?;
            return match (parts.next(), parts.next()) {
                (None, _) => (1..=12).contains(&month).then(|| Self {
                    month: Some(month),
                    uncertain: true,
                    ..Self::empty()
                }),
                (Some(day), None) => Self::from_month_day(month, day.parse().ok()?),
                _ => None,
            };
        }
        let (date, time) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let fields: Vec<&str> = date.splitn(3, '-').collect();
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let year = i32::try_from(number(fields[0]).filter(|_| fields[0].len() == 4)?).ok()?;
        let published = match fields.as_slice() {
            [_] => Self {
                year: Some(year),
                ..Self::empty()
            },
            [_, month] => Self::from_year_month(year, number(month)?)?,
            [_, month, day] => Self::from_ymd(year, number(month)?, number(day)?)?,
            _ => return None,
        };
        let Some(time) = time else {
            return Some(published);
        };
        published.date()?;
        let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
        let (clock, zone) = time.split_at(zone_at);
        let clock = NaiveTime::parse_from_str(clock, "%H:%M:%S%.f")
            .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
            .ok()?;
        let clock = clock.with_nanosecond(0)?;
        let published = published.with_time(clock);
        Some(match zone {
            "" => published,
            "Z" | "z" => published.with_zone("UTC", 0, false),
            _ => {
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let hours: i32 = digits[..2].parse().ok()?;
                let minutes: i32 = digits[2..].parse().ok()?;
                if hours > 14 || minutes > 59 {
                    return None;
                }
                let offset = sign * (hours * 60 + minutes);
                published.with_zone(&format!("UTC{}", format_offset(offset)), offset, false)
            }
        })
    }

    /// A key that orders dates chronologically; dates without a year sort after all others.
    pub fn sort_key(&self) -> (i32, u32, u32, u32) {
        let seconds = self.time.map_or(0, |t| t.num_seconds_from_midnight());
        (
            self.year.unwrap_or(i32::MAX),
            self.month.unwrap_or(0),
            self.day.unwrap_or(0),
            seconds,
        )
    }

    /// A short human reading: "23 Nov 2009", "23 Nov (year unknown)".
    pub fn display_date(&self) -> String {
        let month = self.month.and_then(month_abbrev);
        match (self.year, month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{d} {m} {y}"),
            (Some(y), Some(m), None) => format!("{m} {y}"),
            (Some(y), None, _) => y.to_string(),
            (None, Some(m), Some(d)) => format!("{d} {m} (year unknown)"),
            (None, Some(m), None) => format!("{m} (year unknown)"),
            _ => String::new(),
        }
    }

    /// The shortest reading for a table cell: "23 Nov 2009", "23 Nov ?" when the year is unknown.
    pub fn display_short(&self) -> String {
        if self.year.is_none()
            && let (Some(m), Some(d)) = (self.month.and_then(month_abbrev), self.day)
        {
            return format!("{d} {m} ?");
        }
        self.display_date()
    }

    /// The full human reading: date, time, zone and offset, and "(zone implied)" where inferred.
    pub fn display_full(&self) -> String {
        let mut s = self.display_date();
        if let Some(t) = self.time {
            s.push_str(&format!(", {:02}:{:02}", t.hour(), t.minute()));
        }
        if let Some(off) = self.utc_offset_minutes {
            match &self.zone {
                Some(zone) => s.push_str(&format!(" {zone} (UTC{})", format_offset(off))),
                None => s.push_str(&format!(" UTC{}", format_offset(off))),
            }
            if self.zone_inferred {
                s.push_str(", zone implied by the source");
            }
        }
        s
    }

    /// The weekday, when the full date is known.
    pub fn weekday(&self) -> Option<chrono::Weekday> {
        self.date().map(|d| d.weekday())
    }
}

fn iso_year(year: i32) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// "+09:00", "-05:00".
fn format_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
}

fn month_abbrev(month: u32) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES.get(month.checked_sub(1)? as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_text_reads_back_at_its_own_precision() {
        for text in [
            "2009",
            "2009-11",
            "2009-11-23",
            "--11-23",
            "--11",
            "1987-03-03T09:17:32",
            "2009-11-23T08:43:00+09:00",
            "2009-11-23T08:43:00-05:30",
            "2009-11-23T08:43:00+00:00",
        ] {
            let read = PublishedAt::from_iso(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(read.to_iso(), text);
        }
        let z = PublishedAt::from_iso("2009-11-23 08:43Z").unwrap();
        assert_eq!(z.to_iso(), "2009-11-23T08:43:00+00:00");
        assert_eq!(z.zone.as_deref(), Some("UTC"));
        let fraction = PublishedAt::from_iso("2009-11-23T08:43:00.250+0900").unwrap();
        assert_eq!(fraction.to_iso(), "2009-11-23T08:43:00+09:00");
        for bad in [
            "",
            "yesterday",
            "09-11-23",
            "2009-13",
            "2009-02-30",
            "2009-11-23T25:00",
            "2009-11T08:00",
            "2009-11-23T08:00+9",
            "--13",
            "2009-11-23-01",
        ] {
            assert!(PublishedAt::from_iso(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn iso_forms_follow_precision() {
        let t = NaiveTime::from_hms_opt(8, 43, 0).unwrap();
        let full = PublishedAt::from_ymd(2009, 11, 23)
            .unwrap()
            .with_time(t)
            .with_zone("Asia/Seoul", 540, true);
        assert_eq!(full.to_iso(), "2009-11-23T08:43:00+09:00");
        let est = PublishedAt::from_ymd(2009, 1, 2)
            .unwrap()
            .with_time(t)
            .with_zone("EST", -300, false);
        assert_eq!(est.to_iso(), "2009-01-02T08:43:00-05:00");
        assert_eq!(
            PublishedAt::from_month_day(11, 2).unwrap().to_iso(),
            "--11-02"
        );
        assert_eq!(
            PublishedAt::from_year_month(1998, 3).unwrap().to_iso(),
            "1998-03"
        );
        assert!(PublishedAt::from_month_day(2, 30).is_none());
        assert!(PublishedAt::from_ymd(2009, 2, 29).is_none());
    }

    #[test]
    fn dates_without_year_sort_last_and_say_so() {
        let partial = PublishedAt::from_month_day(12, 5).unwrap();
        let full = PublishedAt::from_ymd(2020, 1, 1).unwrap();
        assert!(full.sort_key() < partial.sort_key());
        assert!(partial.uncertain);
        assert_eq!(partial.display_date(), "5 Dec (year unknown)");
        assert_eq!(partial.display_short(), "5 Dec ?");
        assert_eq!(
            full.clone()
                .with_time(NaiveTime::from_hms_opt(9, 5, 0).unwrap())
                .with_zone("EST", -300, false)
                .display_full(),
            "1 Jan 2020, 09:05 EST (UTC-05:00)"
        );
    }
}

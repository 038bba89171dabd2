//! Publication date lines: " 3-MAR-1987 09:17:32.30", "All Headlines 08:43 November 23, 2009",
//! "Published: Monday, 23 November 2009, 08:43 GMT", "2009-11-23T08:43:00+09:00".

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::zones;
use crate::model::PublishedAt;

/// Words that may stand on a date line beside the date itself.
const FILLER_WORDS: &[&str] = &[
    "all",
    "headlines",
    "headline",
    "published",
    "updated",
    "posted",
    "last",
    "on",
    "at",
    "date",
    "time",
    "filed",
    "created",
    "modified",
    "local",
    "first",
    "edition",
    "issued",
    "|",
    "-",
    "--",
    "—",
    "–",
    "/",
    "·",
    "•",
    "of",
    "page",
    "story",
    "article",
    "print",
    "edition",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "kst",
    "est",
];

/// A month name or abbreviation ("Nov.", "Sept", "March", "MAR") as 1–12: the time
/// engine's lexicon, case-insensitive.
pub fn month_from_name(word: &str) -> Option<u32> {
    crate::extract::timex::month_number(&word.trim_end_matches(['.', ',']).to_ascii_lowercase())
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    matches!(
        w.as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

/// A day of the month with an optional ordinal suffix: "23", "3rd".
fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']);
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1700..=2200).contains(y))
}

/// "08:43", "9:41PM", "09:17:32.30", "9.41" is not accepted (it reads as a number).
fn clock_time(word: &str) -> Option<(u32, u32, u32, Option<bool>)> {
    let lower = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    let (core, pm) = if let Some(c) = lower
        .strip_suffix("pm")
        .or_else(|| lower.strip_suffix("p.m"))
    {
        (c, Some(true))
    } else if let Some(c) = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("a.m"))
    {
        (c, Some(false))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = core.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(sec) => sec.split('.').next()?.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some((h, m, s.min(59), pm))
}

/// What a line says about a date and time, token by token.
#[derive(Default)]
struct Found {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<NaiveTime>,
    zone: Option<(String, i32)>,
}

/// Reads a line that is a publication date and nothing much else. Returns `None` for a line
/// that is prose, so that "On March 3 the company said…" is never taken for a date line.
pub fn parse_date_line(line: &str) -> Option<PublishedAt> {
    let line = line.trim();
    if line.len() < 6 || line.len() > 120 {
        return None;
    }
    let line = strip_label(line);
    if let Some(found) = parse_wire_stamp(line).or_else(|| parse_machine_stamp(line)) {
        return Some(found);
    }
    let mut found = Found::default();
    let mut other_words = 0;
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let lower = word.to_ascii_lowercase();
        if let Some(m) = month_from_name(word).filter(|_| found.month.is_none()) {
            found.month = Some(m);
        } else if let Some(y) = year_number(word).filter(|_| found.year.is_none()) {
            found.year = Some(y);
        } else if let Some(d) = day_number(word).filter(|_| found.day.is_none()) {
            found.day = Some(d);
        } else if let Some((h, m, s, mut pm)) = clock_time(word).filter(|_| found.time.is_none()) {
            if pm.is_none() {
                match words.get(i + 1).map(|w| w.to_ascii_lowercase()) {
                    Some(w) if w.starts_with("pm") || w.starts_with("p.m") => pm = Some(true),
                    Some(w) if w.starts_with("am") || w.starts_with("a.m") => pm = Some(false),
                    _ => {}
                }
                if pm.is_some() {
                    i += 1;
                }
            }
            let h = match pm {
                Some(true) if h < 12 => h + 12,
                Some(false) if h == 12 => 0,
                _ => h,
            };
            found.time = NaiveTime::from_hms_opt(h, m, s);
        } else if let Some(date) = numeric_date(word).filter(|_| found.month.is_none()) {
            found.year = Some(date.year());
            found.month = Some(date.month());
            found.day = Some(date.day());
        } else if let Some(off) = zones::abbreviation_offset(word.trim_matches(['(', ')', '.']))
            .filter(|_| word.len() <= 6 && word.chars().any(|c| c.is_ascii_uppercase()))
        {
            found.zone = Some((word.trim_matches(['(', ')', '.']).to_string(), off));
        } else if let Some(off) = zones::numeric_offset(word.trim_matches(['(', ')'])) {
            found.zone = Some((word.trim_matches(['(', ')']).to_string(), off));
        } else if is_weekday(word) || FILLER_WORDS.contains(&lower.trim_end_matches(':')) {
        } else {
            other_words += 1;
        }
        i += 1;
    }
    // A line with a day but no year ("Tuesday, 1 March" above a match preview) is more often
    // the date of an event than of publication; only a wire dateline may give a yearless date.
    if other_words > 1 || found.month.is_none() || found.day.is_none() || found.year.is_none() {
        return None;
    }
    build(found)
}

fn build(found: Found) -> Option<PublishedAt> {
    let published = PublishedAt::from_ymd(found.year?, found.month?, found.day?)?;
    Some(match (found.time, found.zone) {
        (Some(time), Some((name, offset))) => {
            published.with_time(time).with_zone(&name, offset, false)
        }
        (Some(time), None) => published.with_time(time),
        (None, _) => published,
    })
}

/// "Published:", "Updated -" and similar labels before the date.
fn strip_label(line: &str) -> &str {
    match line.find(':') {
        Some(i) if i < 16 && line[..i].chars().all(|c| c.is_alphabetic() || c == ' ') => {
            line[i + 1..].trim_start()
        }
        _ => line,
    }
}

/// The raw wire stamp " 3-MAR-1987 09:17:32.30", tolerant of the feed's quirks (extra spaces,
/// a broken hour, a trailing note).
fn parse_wire_stamp(line: &str) -> Option<PublishedAt> {
    let mut words = line.split_whitespace();
    let date = words.next()?;
    let mut parts = date.split('-');
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_from_name(parts.next()?)?;
    let year_text = parts.next()?;
    if parts.next().is_some() || year_text.len() != 4 {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let published = PublishedAt::from_ymd(year, month, day)?;
    let time = words
        .next()
        .and_then(clock_time)
        .and_then(|(h, m, s, _)| NaiveTime::from_hms_opt(h, m, s));
    Some(match time {
        Some(t) => published.with_time(t),
        None => published,
    })
}

/// ISO 8601 / RFC 3339 ("2009-11-23T08:43:00+09:00", "2009-11-23 08:43") and RFC 2822
/// ("Mon, 23 Nov 2009 08:43:00 +0900") stamps.
fn parse_machine_stamp(line: &str) -> Option<PublishedAt> {
    if let Ok(dt) =
        DateTime::parse_from_rfc3339(line).or_else(|_| DateTime::parse_from_rfc2822(line))
    {
        let offset = dt.offset().local_minus_utc() / 60;
        let zone = if line.ends_with('Z') || line.ends_with("GMT") || line.ends_with("UT") {
            "UTC".to_string()
        } else {
            dt.offset().to_string()
        };
        return published_from_naive(dt.naive_local()).map(|p| p.with_zone(&zone, offset, false));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(line, fmt) {
            return published_from_naive(naive);
        }
    }
    let date = NaiveDate::parse_from_str(line, "%Y-%m-%d").ok()?;
    PublishedAt::from_ymd(date.year(), date.month(), date.day())
}

fn published_from_naive(naive: NaiveDateTime) -> Option<PublishedAt> {
    let time = NaiveTime::from_hms_opt(naive.hour(), naive.minute(), naive.second())?;
    Some(PublishedAt::from_ymd(naive.year(), naive.month(), naive.day())?.with_time(time))
}

/// "2009-11-23", "2009/11/23", "11/23/2009" (month first, as US sites write it), "23.11.2009".
fn numeric_date(word: &str) -> Option<NaiveDate> {
    let w = word.trim_end_matches([',', '.']);
    ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|fmt| NaiveDate::parse_from_str(w, fmt).ok())
}

/// Any date or date-time string as found in HTML metadata; `None` when nothing is recognised.
pub fn parse_any_date(text: &str) -> Option<PublishedAt> {
    parse_date_line(text).or_else(|| {
        let head = text.trim().get(..10)?;
        numeric_date(head).and_then(|d| PublishedAt::from_ymd(d.year(), d.month(), d.day()))
    })
}

/// A dateline's date: "Nov. 23", "March 4", "Feb 26", "23 November", "March 3, 1987".
pub fn parse_month_day(text: &str) -> Option<(u32, u32, Option<i32>)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (month, day) = match words.as_slice() {
        [m, d, ..] if month_from_name(m).is_some() => (month_from_name(m)?, day_number(d)?),
        [d, m, ..] if month_from_name(m).is_some() => (month_from_name(m)?, day_number(d)?),
        _ => return None,
    };
    let year = match words.len() {
        2 => None,
        3 => Some(year_number(words[2])?),
        _ => return None,
    };
    Some((month, day, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        let p = parse_date_line(" 3-MAR-1987 09:17:32.30").unwrap();
        assert_eq!(p.to_iso(), "1987-03-03T09:17:32");
        assert_eq!(
            parse_date_line("31-MAR-1987 605:12:19.12")
                .unwrap()
                .to_iso(),
            "1987-03-31"
        );
        let guess =
            parse_date_line(" 9-APR-1987 00:00:00.00    # date added by S Finch as guesswork ");
        assert_eq!(guess.unwrap().to_iso(), "1987-04-09T00:00:00");
        let yonhap = parse_date_line("All Headlines 08:43 November 23, 2009").unwrap();
        assert_eq!(yonhap.to_iso(), "2009-11-23T08:43:00");
        let bbc = parse_date_line("Last Updated: Monday, 23 November 2009, 08:43 GMT").unwrap();
        assert_eq!(bbc.to_iso(), "2009-11-23T08:43:00+00:00");
        let us = parse_date_line("Published Nov. 23, 2009 9:41 PM EST").unwrap();
        assert_eq!(us.to_iso(), "2009-11-23T21:41:00-05:00");
        assert_eq!(
            parse_date_line("2009-11-23T08:43:00+09:00")
                .unwrap()
                .to_iso(),
            "2009-11-23T08:43:00+09:00"
        );
        assert_eq!(
            parse_date_line("Updated: 11/23/2009").unwrap().to_iso(),
            "2009-11-23"
        );
        assert!(parse_date_line("November 23").is_none());
        assert!(parse_date_line("Tuesday, 1 March").is_none());
    }

    #[test]
    fn prose_is_not_a_date_line() {
        assert!(parse_date_line("On March 3 the company said it would sell its stake").is_none());
        assert!(parse_date_line("March 2009").is_none());
        assert!(parse_date_line("Ad sales boost Time Warner profit").is_none());
        assert!(parse_date_line("February 30, 2009").is_none());
        assert!(parse_date_line("CANADIAN METALS - April 7").is_none());
    }

    #[test]
    fn month_days() {
        assert_eq!(parse_month_day("Nov. 23"), Some((11, 23, None)));
        assert_eq!(parse_month_day("23 November"), Some((11, 23, None)));
        assert_eq!(parse_month_day("March 3, 1987"), Some((3, 3, Some(1987))));
        assert_eq!(parse_month_day("Maine"), None);
    }
}

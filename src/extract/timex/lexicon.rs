//! The words of time: months, weekdays, units, seasons, parts of day, number words, ordinals.

use crate::model::{PartOfDay, Season, Unit};

/// "Nov.", "november", "sept" → 11, 11, 9.
pub fn month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    Some(match w {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// True for a full month name (abbreviations are ambiguous without a day: "Mar", "Jan").
pub fn is_full_month_name(word: &str) -> bool {
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Weekday as ISO number, 1 = Monday; plural forms count ("Mondays").
pub fn weekday(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    let w = w
        .strip_suffix('s')
        .filter(|s| s.ends_with("day"))
        .unwrap_or(w);
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// A unit word, singular or plural: "day", "years", "centuries".
pub fn unit(word: &str) -> Option<(Unit, bool)> {
    let (unit, plural) = match word {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        "millennium" => (Unit::Millennium, false),
        "millennia" | "millenniums" => (Unit::Millennium, true),
        _ => return None,
    };
    Some((unit, plural))
}

/// "spring", "summer", "fall", "autumn", "winter".
pub fn season(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// "morning", "afternoon", "evening", "night".
pub fn part_of_day(word: &str) -> Option<PartOfDay> {
    Some(match word {
        "morning" => PartOfDay::Morning,
        "afternoon" => PartOfDay::Afternoon,
        "evening" => PartOfDay::Evening,
        "night" | "overnight" => PartOfDay::Night,
        "midday" => PartOfDay::Midday,
        "daytime" => PartOfDay::Daytime,
        _ => return None,
    })
}

/// Number words up to ninety-nine plus "hundred" and "thousand" handled by the caller.
pub fn small_number(word: &str) -> Option<f64> {
    Some(match word {
        "zero" => 0.0,
        "one" | "a" | "an" | "single" => 1.0,
        "two" | "couple" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "half" => 0.5,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// Ordinals: "first" → 1, "third" → 3, "19th" → 19.
pub fn ordinal(word: &str) -> Option<u32> {
    let n = match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => {
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &word[digits.len()..];
            if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            return digits.parse().ok();
        }
    };
    Some(n)
}

/// Vague amounts: "several", "few", "many", "some" → unspecified.
pub fn is_vague_amount(word: &str) -> bool {
    matches!(
        word,
        "several" | "few" | "many" | "some" | "numerous" | "multiple" | "recent"
    )
}

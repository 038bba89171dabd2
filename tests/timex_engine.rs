//! The time engine, family by family: absolute dates, weekdays against every weekday, relative
//! days, weeks, months and years, across month, year and leap-year boundaries, partial and
//! fuzzy expressions, durations, sets and times. Every expectation below was worked out by
//! hand from a calendar, not computed.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use dateline::extract::timex::find_timexes;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Checks that `text`, read against `reference`, yields `words` with TIMEX3 `value` and `kind`.
fn check(reference: NaiveDate, text: &str, words: &str, kind: &str, value: &str) {
    let found = find_timexes(text, Some(reference));
    let hit = found.iter().find(|t| t.text == words).unwrap_or_else(|| {
        let all: Vec<(&str, String)> = found
            .iter()
            .map(|t| (t.text.as_str(), t.value.to_timex()))
            .collect();
        panic!("{reference} {text:?}: no {words:?} among {all:?}")
    });
    assert_eq!(
        (hit.kind.as_str(), hit.value.to_timex().as_str()),
        (kind, value),
        "{reference} {text:?}: {words:?} ({})",
        hit.explanation
    );
}

#[test]
fn absolute_dates() {
    let r = day(2009, 11, 23);
    for (text, words, value) in [
        (
            "It happened on Nov. 23, 2009, officials said.",
            "Nov. 23, 2009",
            "2009-11-23",
        ),
        (
            "It happened on 23 November 2009.",
            "23 November 2009",
            "2009-11-23",
        ),
        ("Filed 2009-11-23 in Seoul.", "2009-11-23", "2009-11-23"),
        ("The form is dated 11/23/2009.", "11/23/2009", "2009-11-23"),
        ("Prices peaked in March 2021.", "March 2021", "2021-03"),
        ("The law dates from 1998.", "1998", "1998"),
        (
            "On Tuesday, April 25, 2006, the vote was held.",
            "Tuesday, April 25, 2006",
            "2006-04-25",
        ),
    ] {
        check(r, text, words, "DATE", value);
    }
}

#[test]
fn weekdays_against_every_weekday_of_a_week() {
    // "arrived on Sunday": the latest Sunday up to the reference date.
    for (reference, expected) in [
        (day(2009, 11, 23), "2009-11-22"), // Monday
        (day(2009, 11, 24), "2009-11-22"), // Tuesday
        (day(2009, 11, 25), "2009-11-22"), // Wednesday
        (day(2009, 11, 26), "2009-11-22"), // Thursday
        (day(2009, 11, 27), "2009-11-22"), // Friday
        (day(2009, 11, 28), "2009-11-22"), // Saturday
        (day(2009, 11, 29), "2009-11-29"), // Sunday: the same day
    ] {
        check(
            reference,
            "The minister arrived on Sunday.",
            "Sunday",
            "DATE",
            expected,
        );
    }
    // "will visit on Sunday": the next Sunday from the reference date.
    for (reference, expected) in [
        (day(2009, 11, 23), "2009-11-29"),
        (day(2009, 11, 26), "2009-11-29"),
        (day(2009, 11, 28), "2009-11-29"),
    ] {
        check(
            reference,
            "The minister will visit on Sunday.",
            "Sunday",
            "DATE",
            expected,
        );
    }
    let monday = day(2009, 11, 23);
    check(
        monday,
        "Talks ended last Friday.",
        "last Friday",
        "DATE",
        "2009-11-20",
    );
    check(
        monday,
        "Talks resume next Friday.",
        "next Friday",
        "DATE",
        "2009-11-27",
    );
    check(
        monday,
        "Pyongyang's media said Monday.",
        "Monday",
        "DATE",
        "2009-11-23",
    );
    check(
        monday,
        "A reception followed Sunday night.",
        "Sunday night",
        "TIME",
        "2009-11-22TNI",
    );
    check(
        monday,
        "The vote came late on Wednesday.",
        "late on Wednesday",
        "DATE",
        "2009-11-18",
    );
}

#[test]
fn relative_days_weeks_months_and_years() {
    let r = day(2009, 11, 23);
    for (text, words, kind, value) in [
        ("He left yesterday.", "yesterday", "DATE", "2009-11-22"),
        ("He left today.", "today", "DATE", "2009-11-23"),
        ("He leaves tomorrow.", "tomorrow", "DATE", "2009-11-24"),
        ("He speaks tonight.", "tonight", "TIME", "2009-11-23TNI"),
        (
            "A delegation visited last week.",
            "last week",
            "DATE",
            "2009-W47",
        ),
        ("Prices rise next month.", "next month", "DATE", "2009-12"),
        (
            "The allies mark 60 years this year.",
            "this year",
            "DATE",
            "2009",
        ),
        (
            "Sales rose earlier this month.",
            "earlier this month",
            "DATE",
            "2009-11",
        ),
        ("It opened a year ago.", "a year ago", "DATE", "2008"),
        (
            "He served there more than 50 years ago.",
            "more than 50 years ago",
            "DATE",
            "1959",
        ),
        (
            "Elections are due early next year.",
            "early next year",
            "DATE",
            "2010",
        ),
        (
            "Growth slowed in the third quarter.",
            "the third quarter",
            "DATE",
            "2009-Q3",
        ),
        (
            "He rested over the weekend.",
            "the weekend",
            "DATE",
            "2009-W47-WE",
        ),
        (
            "The plant closed last summer.",
            "last summer",
            "DATE",
            "2009-SU",
        ),
    ] {
        check(r, text, words, kind, value);
    }
}

#[test]
fn dates_without_a_year_follow_the_tense() {
    let r = day(2009, 11, 23);
    check(
        r,
        "The tour continues until Dec. 5.",
        "Dec. 5",
        "DATE",
        "2009-12-05",
    );
    check(
        r,
        "Bosworth will visit Pyongyang on Dec. 8.",
        "Dec. 8",
        "DATE",
        "2009-12-08",
    );
    check(
        r,
        "The plant opened on March 15.",
        "March 15",
        "DATE",
        "2009-03-15",
    );
    check(
        r,
        "The plant will open on March 15.",
        "March 15",
        "DATE",
        "2010-03-15",
    );
    // In early January, December is last month.
    check(
        day(2010, 1, 4),
        "The deal was signed on Dec. 28.",
        "Dec. 28",
        "DATE",
        "2009-12-28",
    );
}

#[test]
fn month_year_and_leap_year_boundaries() {
    let new_year = day(2010, 1, 1); // a Friday
    check(
        new_year,
        "He left yesterday.",
        "yesterday",
        "DATE",
        "2009-12-31",
    );
    check(
        new_year,
        "They met on Thursday.",
        "Thursday",
        "DATE",
        "2009-12-31",
    );
    check(
        new_year,
        "Sales fell last month.",
        "last month",
        "DATE",
        "2009-12",
    );
    check(
        new_year,
        "Sales fell last year.",
        "last year",
        "DATE",
        "2009",
    );
    check(
        new_year,
        "A delegation visited last week.",
        "last week",
        "DATE",
        "2009-W52",
    );
    let leap_day = day(2008, 2, 29); // a Friday
    check(
        leap_day,
        "He leaves tomorrow.",
        "tomorrow",
        "DATE",
        "2008-03-01",
    );
    check(
        leap_day,
        "He left yesterday.",
        "yesterday",
        "DATE",
        "2008-02-28",
    );
    check(
        leap_day,
        "It opened a year ago.",
        "a year ago",
        "DATE",
        "2007",
    );
    let march_first = day(2009, 3, 1); // a Sunday
    check(
        march_first,
        "He left yesterday.",
        "yesterday",
        "DATE",
        "2009-02-28",
    );
    check(
        march_first,
        "They met on Saturday.",
        "Saturday",
        "DATE",
        "2009-02-28",
    );
    check(
        march_first,
        "Sales fell last month.",
        "last month",
        "DATE",
        "2009-02",
    );
}

#[test]
fn partial_fuzzy_and_ranges() {
    let r = day(2009, 11, 23);
    for (text, words, value) in [
        ("China fought in the 1950-53 war.", "1950-53", "1950/1953"),
        ("Prices were lower in the 1990s.", "1990s", "199"),
        (
            "The city grew in the 19th century.",
            "the 19th century",
            "18",
        ),
        ("Output peaked in mid-2009.", "mid-2009", "2009"),
        ("Profit rose in fiscal 1998.", "fiscal 1998", "1998"),
        ("Work began in the late 1970s.", "the late 1970s", "197"),
    ] {
        check(r, text, words, "DATE", value);
    }
}

#[test]
fn durations_sets_and_times() {
    let r = day(2009, 11, 23);
    for (text, words, kind, value) in [
        (
            "The allies mark 60 years of ties.",
            "60 years",
            "DURATION",
            "P60Y",
        ),
        ("The talks lasted two days.", "two days", "DURATION", "P2D"),
        (
            "The siege lasted more than 14 hours.",
            "more than 14 hours",
            "DURATION",
            "PT14H",
        ),
        ("It was a four-day visit.", "four-day", "DURATION", "P4D"),
        (
            "They lived in camps for 2 1/2 years.",
            "2 1/2 years",
            "DURATION",
            "P2Y6M",
        ),
        (
            "The jet landed a minute and a half later.",
            "a minute and a half",
            "DURATION",
            "PT1M30S",
        ),
        (
            "The strike lasted two and a half days.",
            "two and a half days",
            "DURATION",
            "P2DT12H",
        ),
        ("Prices rose for decades.", "decades", "DURATION", "PXDE"),
        (
            "The border passes 2,000 trucks a week.",
            "a week",
            "SET",
            "P1W",
        ),
        (
            "The market opens every Monday.",
            "every Monday",
            "SET",
            "XXXX-WXX-1",
        ),
        (
            "The report is published annually.",
            "annually",
            "SET",
            "P1Y",
        ),
        ("The shops open daily.", "daily", "SET", "P1D"),
        (
            "The flight left at 08:43 local time.",
            "08:43",
            "TIME",
            "2009-11-23T08:43",
        ),
        (
            "The quake struck at 9:41 PM EST.",
            "9:41 PM EST",
            "TIME",
            "2009-11-23T21:41",
        ),
        (
            "He spoke at 10 p.m. Wednesday.",
            "10 p.m. Wednesday",
            "TIME",
            "2009-11-18T22:00",
        ),
    ] {
        check(r, text, words, kind, value);
    }
}

#[test]
fn narrative_dates_count_from_the_last_date_named() {
    let r = day(1998, 4, 18);
    let text = "On May 22, 1995, Farkas was made a general, and the following year he was \
                appointed attache. Later that year he left; the previous day he had resigned.";
    let found = find_timexes(text, Some(r));
    let values: Vec<(&str, String)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.value.to_timex()))
        .collect();
    assert_eq!(
        values,
        [
            ("May 22, 1995", "1995-05-22".to_string()),
            ("the following year", "1996".to_string()),
            ("that year", "1995".to_string()),
            ("the previous day", "1995-05-21".to_string()),
        ]
    );
    // With no date named before, the publication date is the anchor.
    check(
        r,
        "The following month he resigned.",
        "The following month",
        "DATE",
        "1998-05",
    );
}

#[test]
fn vague_references() {
    let r = day(2009, 11, 23);
    check(r, "Prices are now higher.", "now", "DATE", "PRESENT_REF");
    check(r, "Prices rose recently.", "recently", "DATE", "PAST_REF");
    check(
        r,
        "Prices may rise in the future.",
        "the future",
        "DATE",
        "FUTURE_REF",
    );
}

#[test]
fn without_a_reference_date_relative_parts_stay_unknown() {
    let found = find_timexes("They met on Sunday and again on March 3.", None);
    let values: Vec<String> = found.iter().map(|t| t.value.to_timex()).collect();
    assert_eq!(values, ["XXXX-WXX-7", "XXXX-03-03"]);
}

#[test]
fn modifiers_are_kept_and_explained() {
    let found = find_timexes(
        "He served there more than 50 years ago.",
        Some(day(2009, 11, 23)),
    );
    assert_eq!(
        found[0].value.modifier(),
        Some(dateline::model::Modifier::MoreThan)
    );
    assert!(
        found[0].explanation.ends_with("(more than)"),
        "{}",
        found[0].explanation
    );
}

#[test]
fn every_value_explains_itself() {
    let found = find_timexes("The minister arrived on Sunday.", Some(day(2009, 11, 23)));
    assert_eq!(
        found[0].explanation,
        "Sunday is 2009-11-22: the Sunday before the reference date, Monday 2009-11-23"
    );
}

#[test]
fn words_that_only_look_like_dates_are_left_alone() {
    let r = day(2009, 11, 23);
    for text in [
        "She may visit Seoul.",
        "He is 52 years old.",
        "An 8-month-old truce held.",
        "They won three-quarters of the seats.",
        "Shares rose to 2000 points.",
        "The march to the capital began.",
    ] {
        let found = find_timexes(text, Some(r));
        assert!(
            found.is_empty(),
            "{text:?}: {:?}",
            found.iter().map(|t| &t.text).collect::<Vec<_>>()
        );
    }
}

#[test]
fn sets_of_parts_of_days_seasons_and_rates() {
    let r = day(2005, 6, 15);
    for (text, words, value) in [
        (
            "The club trains every morning.",
            "every morning",
            "XXXX-XX-XXTMO",
        ),
        ("Guards patrol each night.", "each night", "XXXX-XX-XXTNI"),
        ("The lake freezes each winter.", "each winter", "XXXX-WI"),
        ("The side plays each season.", "each season", "P1Y"),
        ("Rents rose 5% a year.", "a year", "P1Y"),
        ("The council meets twice a year.", "a year", "P1Y"),
    ] {
        check(r, text, words, "SET", value);
    }
}

#[test]
fn that_day_refers_back_to_a_day_named_without_its_year() {
    let r = day(2005, 6, 15);
    check(
        r,
        "He arrived on March 3. That day, he met the minister.",
        "That day",
        "DATE",
        "2005-03-03",
    );
    check(
        r,
        "The talks broke down on Monday. Later that day the envoy left.",
        "that day",
        "DATE",
        "2005-06-13",
    );
    check(
        r,
        "Five years from now the plant will close.",
        "Five years from now",
        "DATE",
        "2010",
    );
}

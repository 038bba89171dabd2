//! The grammar of English time expressions in news text: at each token, every rule is tried and
//! the longest match wins.

use super::expr::{Candidate, Expr};
use super::lexicon::{
    is_full_month_name, is_vague_amount, month, ordinal, part_of_day, season, small_number, unit,
    weekday,
};
use super::tokens::{Kind, Token};
use crate::model::{Modifier, PartOfDay, Reference, SetPeriod, TimePoint, Unit};

/// Reading position over the tokens.
struct Toks<'a> {
    t: &'a [Token<'a>],
}

impl Toks<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.lower.as_ref())
    }

    fn number(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Number)
            .map(|t| t.lower.as_ref())
    }

    fn is(&self, i: usize, text: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.lower == text)
    }

    fn glued_hyphen(&self, i: usize) -> bool {
        self.is(i, "-") && self.t[i].glued && self.t.get(i + 1).is_some_and(|t| t.glued)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.capitalised)
    }
}

fn year_of(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (1000..=2199).contains(y))
}

fn day_of(text: &str) -> Option<u8> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &text[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// An amount: "two", "2", "twenty-four", "a few" (vague), "several" (vague), "a couple of".
/// Returns the amount (`None` for vague) and the next index.
fn amount(t: &Toks, i: usize) -> Option<(Option<f64>, usize)> {
    if let Some(n) = t.number(i) {
        let n: f64 = n.replace(',', "").parse().ok()?;
        // "2 1/2 years"
        if let Some(f) = t.number(i + 1).and_then(fraction) {
            return Some((Some(n + f), i + 2));
        }
        return Some((Some(n), i + 1));
    }
    let w = t.word(i)?;
    if w == "a" && (t.is(i + 1, "few") || t.is(i + 1, "couple")) {
        let after = if t.is(i + 2, "of") { i + 3 } else { i + 2 };
        let n = if t.is(i + 1, "couple") {
            Some(2.0)
        } else {
            None
        };
        return Some((n, after));
    }
    if is_vague_amount(w) && w != "recent" {
        return Some((None, i + 1));
    }
    let first = small_number(w)?;
    if w == "half" {
        // "half a year"
        if t.is(i + 1, "a") || t.is(i + 1, "an") {
            return Some((Some(0.5), i + 2));
        }
        return None;
    }
    // "two and a half years"
    if t.is(i + 1, "and") && t.is(i + 2, "a") && t.is(i + 3, "half") {
        return Some((Some(first + 0.5), i + 4));
    }
    let mut value = first;
    let mut next = i + 1;
    if (20.0..100.0).contains(&first) && first % 10.0 == 0.0 {
        let (j, dash) = if t.glued_hyphen(next) {
            (next + 1, true)
        } else {
            (next, false)
        };
        if let Some(u) = t
            .word(j)
            .and_then(small_number)
            .filter(|u| *u < 10.0 && *u >= 1.0)
            && (dash || t.word(j) != Some("a"))
        {
            value += u;
            next = j + 1;
        }
    }
    for (word, factor) in [("hundred", 100.0), ("thousand", 1000.0), ("million", 1e6)] {
        if t.is(next, word) {
            value *= factor;
            next += 1;
        }
    }
    Some((Some(value), next))
}

/// A written fraction below one: "1/2", "3/4".
fn fraction(text: &str) -> Option<f64> {
    let (a, b) = text.split_once('/')?;
    let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
    (matches!(b as u8, 2 | 4) && a >= 1.0 && a < b).then(|| a / b)
}

/// A modifier before a core expression: "about", "more than", "nearly", "early", "mid-", "late",
/// "the end of". Returns the modifier and the index of the core.
fn modifier(t: &Toks, i: usize) -> Option<(Modifier, usize)> {
    let w = t.word(i)?;
    let two = |a: &str, b: &str| w == a && t.is(i + 1, b);
    if two("more", "than") || two("at", "least") {
        return Some((Modifier::MoreThan, i + 2));
    }
    if two("less", "than") || two("fewer", "than") || two("up", "to") {
        return Some((Modifier::LessThan, i + 2));
    }
    if ["the", "at"].contains(&w)
        && ["end", "beginning", "start", "middle"]
            .iter()
            .any(|x| t.is(i + 1, x))
        && t.is(i + 2, "of")
    {
        let m = match t.word(i + 1) {
            Some("end") => Modifier::End,
            Some("middle") => Modifier::Mid,
            _ => Modifier::Start,
        };
        return Some((m, i + 3));
    }
    // "the late 1970s", "the early 1980s": the article belongs to the expression.
    if w == "the" && matches!(t.word(i + 1), Some("early" | "late" | "mid")) {
        let (m, next) = modifier(t, i + 1)?;
        return Some((m, next));
    }
    // Prepositions that read as modifiers only before an amount: "over 20 years", not
    // "over the past 20 years".
    if matches!(w, "over" | "under" | "some") && amount(t, i + 1).is_none() {
        return None;
    }
    let m = match w {
        "about" | "around" | "approximately" | "roughly" | "some" | "almost" => {
            if w == "almost" {
                Modifier::Nearly
            } else {
                Modifier::Approximate
            }
        }
        "over" => Modifier::MoreThan,
        "nearly" | "under" => Modifier::Nearly,
        "early" => Modifier::Start,
        "late" => Modifier::End,
        "mid" => Modifier::Mid,
        _ => return None,
    };
    let mut next = if t.glued_hyphen(i + 1) { i + 2 } else { i + 1 };
    // "late on Wednesday", "early in the year".
    if matches!(m, Modifier::Start | Modifier::End) && matches!(t.word(next), Some("on" | "in")) {
        next += 1;
    }
    Some((m, next))
}

/// Finds every time expression in the tokens, longest match first, without overlaps.
pub fn find_candidates(tokens: &[Token<'_>]) -> Vec<Candidate> {
    let t = Toks { t: tokens };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match best_at(&t, i) {
            Some(c) => {
                i = c.end.max(i + 1);
                found.push(c);
            }
            None => i += 1,
        }
    }
    found
}

/// Whether a token can begin a time expression at all; most words cannot, and skipping them
/// keeps the engine fast.
fn may_start(token: &Token<'_>) -> bool {
    match token.kind {
        Kind::Number => true,
        Kind::Punct => matches!(token.lower.as_ref(), "'" | "’"),
        Kind::Word => {
            let w = token.lower.as_ref();
            month(w).is_some()
                || weekday(w).is_some()
                || unit(w).is_some()
                || season(w).is_some()
                || small_number(w).is_some()
                || ordinal(w).is_some()
                || matches!(
                    w,
                    "the"
                        | "a"
                        | "an"
                        | "fiscal"
                        | "earlier"
                        | "later"
                        | "this"
                        | "current"
                        | "last"
                        | "past"
                        | "previous"
                        | "preceding"
                        | "next"
                        | "coming"
                        | "following"
                        | "several"
                        | "few"
                        | "many"
                        | "some"
                        | "numerous"
                        | "multiple"
                        | "recent"
                        | "latest"
                        | "same"
                        | "that"
                        | "daily"
                        | "weekly"
                        | "monthly"
                        | "annually"
                        | "yearly"
                        | "hourly"
                        | "nightly"
                        | "every"
                        | "each"
                        | "per"
                        | "noon"
                        | "midday"
                        | "midnight"
                        | "today"
                        | "yesterday"
                        | "tomorrow"
                        | "tonight"
                        | "overnight"
                        | "now"
                        | "currently"
                        | "nowadays"
                        | "recently"
                        | "lately"
                        | "these"
                        | "christmas"
                        | "new"
                        | "thanksgiving"
                        | "independence"
                        | "halloween"
                        | "valentine"
                        | "labor"
                        | "labour"
                        | "memorial"
                        | "more"
                        | "at"
                        | "less"
                        | "fewer"
                        | "up"
                        | "about"
                        | "around"
                        | "approximately"
                        | "roughly"
                        | "almost"
                        | "over"
                        | "under"
                        | "nearly"
                        | "early"
                        | "late"
                        | "mid"
                        | "nineteen"
                        | "eighteen"
                )
        }
    }
}

fn best_at(t: &Toks, i: usize) -> Option<Candidate> {
    if !may_start(&t.t[i]) {
        return None;
    }
    let plain = core_at(t, i).map(|(end, expr)| Candidate {
        start: i,
        end,
        expr,
        modifier: None,
    });
    let modified = modifier(t, i).and_then(|(m, j)| {
        let (end, expr) = core_at(t, j)?;
        // "some" and "over" read as modifiers only before amounts of time.
        let word = t.word(i).unwrap_or("");
        let fits = match m {
            Modifier::Start | Modifier::Mid | Modifier::End => !matches!(expr, Expr::Duration(..)),
            Modifier::Approximate
                if matches!(word, "about" | "around" | "approximately" | "roughly") =>
            {
                true
            }
            _ => matches!(expr, Expr::Duration(..) | Expr::Ago(..)),
        };
        fits.then_some(Candidate {
            start: i,
            end,
            expr,
            modifier: Some(m),
        })
    });
    match (plain, modified) {
        (Some(p), Some(m)) => Some(if m.end > p.end { m } else { p }),
        (p, m) => p.or(m),
    }
}

/// A grammar rule: the end of its match at a token, and what it means.
type Rule = fn(&Toks, usize) -> Option<(usize, Expr)>;

/// The longest core expression starting at `i`.
fn core_at(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let rules: [Rule; 13] = [
        season_of_year,
        numeric_date,
        month_date,
        day_month,
        year_forms,
        relative,
        ago,
        quarter,
        duration,
        set,
        clock,
        single_words,
        weekday_rule,
    ];
    rules
        .iter()
        .filter_map(|rule| rule(t, i))
        .max_by_key(|(end, _)| *end)
}

/// "11/23/2009", "2009-11-23", "1998-01-08".
fn numeric_date(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let n = t.number(i)?;
    let parts: Vec<&str> = n.split('/').collect();
    if let [m, d, y] = parts.as_slice() {
        let y: i32 = match y.len() {
            4 => y.parse().ok()?,
            2 => 1900 + y.parse::<i32>().ok()?,
            _ => return None,
        };
        let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
        chrono::NaiveDate::from_ymd_opt(y, m.into(), d.into())?;
        return Some((i + 1, Expr::FullDate(y, m, d)));
    }
    let y = year_of(n)?;
    if t.glued_hyphen(i + 1) && t.glued_hyphen(i + 3) {
        let m: u8 = t.number(i + 2)?.parse().ok()?;
        let d: u8 = t.number(i + 4)?.parse().ok()?;
        if t.number(i + 2)?.len() == 2 && t.number(i + 4)?.len() == 2 {
            chrono::NaiveDate::from_ymd_opt(y, m.into(), d.into())?;
            return Some((i + 5, Expr::FullDate(y, m, d)));
        }
    }
    None
}

/// Words after which "May" is the month.
const MONTH_LEAD_INS: &[&str] = &[
    "in", "by", "since", "until", "till", "through", "early", "late", "mid", "of", "from",
    "before", "after", "last", "next", "this", "during", "end", "between", "and", "or", "to",
];

/// Nouns after which a four-digit number is a count, not a year: "2000 points".
const QUANTITY_NOUNS: &[&str] = &[
    "percent",
    "pct",
    "tons",
    "tonnes",
    "people",
    "dlrs",
    "dollars",
    "shares",
    "mln",
    "billion",
    "million",
    "barrels",
    "feet",
    "meters",
    "metres",
    "miles",
    "km",
    "kilometres",
    "kilometers",
    "points",
    "cents",
    "yen",
    "euros",
    "pounds",
    "units",
    "cars",
    "jobs",
    "troops",
    "soldiers",
    "votes",
    "seats",
    "homes",
    "workers",
    "members",
    "residents",
    "refugees",
    "vehicles",
    "trucks",
    "tanks",
    "rounds",
    "acres",
    "hectares",
    "copies",
    "calls",
    "cases",
    "deaths",
];

/// Whether a month word at `i` may be a month: "May" must look like a date, abbreviations need
/// a capital, a full name without a day must be capitalised.
fn month_at(t: &Toks, i: usize, has_day: bool) -> Option<u8> {
    let w = t.word(i)?;
    let m = month(w)?;
    if !t.capitalised(i) {
        return None;
    }
    if !has_day && !is_full_month_name(w.trim_end_matches('.')) {
        return None;
    }
    if !has_day && w == "may" {
        // "May" alone is a month only after a word that takes a date: "in May", "by May".
        let prev = i.checked_sub(1).and_then(|p| t.word(p));
        if !prev.is_some_and(|p| MONTH_LEAD_INS.contains(&p)) {
            return None;
        }
    }
    Some(m)
}

/// "[Tuesday,] Nov. 23[, 2009]", "March 2009", "December".
fn month_date(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let mut j = i;
    if t.word(j).and_then(weekday).is_some() && t.capitalised(j) {
        j += 1;
        if t.is(j, ",") {
            j += 1;
        }
        t.word(j).and_then(month)?;
    }
    let day_follows = t.number(j + 1).and_then(day_of).is_some()
        && !t
            .t
            .get(j + 2)
            .is_some_and(|x| x.kind == Kind::Word && unit(&x.lower).is_some());
    let year_follows = t.number(j + 1).and_then(year_of).is_some();
    let m = month_at(t, j, day_follows || year_follows)?;
    j += 1;
    if day_follows {
        let day = t.number(j).and_then(day_of)?;
        let (end, year) = year_after(t, j + 1);
        return Some((
            end,
            Expr::Date {
                year,
                month: m,
                day: Some(day),
            },
        ));
    }
    if let Some(y) = t.number(j).and_then(year_of) {
        return Some((
            j + 1,
            Expr::Date {
                year: Some(y),
                month: m,
                day: None,
            },
        ));
    }
    // "December last year", "January this year", "March next year".
    if let Some(s) = t.word(j).and_then(shift_word)
        && t.is(j + 1, "year")
    {
        return Some((j + 2, Expr::MonthOfYear(m, s)));
    }
    if let Some((end, Expr::Year(y))) = spoken_year(t, j) {
        return Some((
            end,
            Expr::Date {
                year: Some(y),
                month: m,
                day: None,
            },
        ));
    }
    Some((j, Expr::Month(m, None)))
}

/// A year after a month and day ("Nov. 23, 2009", "23 November 2009"), comma allowed:
/// where the date ends, and the year if there is one.
fn year_after(t: &Toks, j: usize) -> (usize, Option<i32>) {
    let k = if t.is(j, ",") { j + 1 } else { j };
    match t.number(k).and_then(year_of) {
        Some(y) => (k + 1, Some(y)),
        None => (j, None),
    }
}

/// "23 November 2009", "5th of May".
fn day_month(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let day = t.number(i).and_then(day_of)?;
    let mut j = i + 1;
    if t.is(j, "of") {
        j += 1;
    }
    let m = month_at(t, j, true)?;
    let (end, year) = year_after(t, j + 1);
    Some((
        end,
        Expr::Date {
            year,
            month: m,
            day: Some(day),
        },
    ))
}

/// "1998", "fiscal 1998", "the year 2000", "1950-53", "the 1990s", "the '90s", "the 19th century".
fn year_forms(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let w = t.t.get(i)?;
    if let Some(found) = spoken_year(t, i) {
        return Some(found);
    }
    if w.lower == "fiscal" {
        let (end, expr) = year_forms(t, i + 1)?;
        return matches!(expr, Expr::Year(_)).then_some((end, expr));
    }
    if w.lower == "the" && t.is(i + 1, "year") {
        if let Some(y) = t.number(i + 2).and_then(year_of) {
            return Some((i + 3, Expr::Year(y)));
        }
        if let Some(found) = spoken_year(t, i + 2) {
            return Some(found);
        }
    }
    // Centuries: "the 19th century", "the nineteenth century".
    let ord_at = if w.lower == "the" { i + 1 } else { i };
    if let Some(n) = t.t.get(ord_at).and_then(|x| ordinal(&x.lower))
        && t.is(ord_at + 1, "century")
        && (1..=21).contains(&n)
    {
        return Some((ord_at + 2, Expr::Century(n as i32 - 1)));
    }
    // Decades: "1990s", "the '90s", "the nineties".
    if let Some(n) = t.number(i)
        && let Some(d) = n.strip_suffix('s').and_then(year_of)
        && d % 10 == 0
    {
        return Some((i + 1, Expr::Decade(d / 10)));
    }
    if (t.is(i, "'") || t.is(i, "’")) && t.t.get(i + 1).is_some_and(|x| x.glued) {
        let n = t.number(i + 1)?;
        let d: i32 = n.strip_suffix('s')?.parse().ok()?;
        if n.len() == 3 && d % 10 == 0 {
            return Some((i + 2, Expr::Decade(190 + d / 10)));
        }
    }
    let y = t.number(i).and_then(year_of)?;
    // A year followed by a unit or a percent is a quantity: "1998 people" is rare, "2000 tons"
    // is not; keep years plausible for news.
    if !(1800..=2099).contains(&y) {
        return None;
    }
    if t.t.get(i + 1).is_some_and(|x| {
        x.lower == "%"
            || (x.kind == Kind::Word
                && (unit(&x.lower).is_some() || QUANTITY_NOUNS.contains(&x.lower.as_ref())))
    }) {
        return None;
    }
    if t.glued_hyphen(i + 1)
        && let Some(end) = t.number(i + 2)
    {
        let end_year = match end.len() {
            2 => Some(y / 100 * 100 + end.parse::<i32>().ok()?),
            4 => year_of(end),
            _ => None,
        };
        if let Some(e) = end_year.filter(|e| *e > y && e - y < 100) {
            return Some((i + 3, Expr::YearRange(y, e)));
        }
    }
    Some((i + 1, Expr::Year(y)))
}

fn shift_word(w: &str) -> Option<i32> {
    Some(match w {
        "this" | "current" => 0,
        "last" | "past" | "previous" | "preceding" => -1,
        "next" | "coming" | "following" => 1,
        _ => return None,
    })
}

/// "this week", "last year", "next month", "last Friday", "last summer", "earlier this year",
/// "the past year", "the latest quarter", "this morning", "the weekend".
fn relative(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let mut j = i;
    // "earlier this month", "later this year": the span includes the adverb.
    if matches!(t.word(j), Some("earlier" | "later")) && t.is(j + 1, "this") {
        j += 1;
    }
    let the = t.is(j, "the");
    if the {
        j += 1;
    }
    // "that year", "that same day", "the following month", "the previous year".
    let narrative = match t.word(j)? {
        "that" | "same" if !the || t.is(j, "same") => Some(0),
        "following" | "previous" | "preceding" if the => shift_word(t.word(j)?),
        _ => None,
    };
    if let Some(shift) = narrative {
        let k = if t.is(j, "that") && t.is(j + 1, "same") {
            j + 2
        } else {
            j + 1
        };
        if let Some(u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year)) = t
            .word(k)
            .and_then(unit)
            .filter(|(_, plural)| !plural)
            .map(|(u, _)| u)
        {
            return Some((k + 1, Expr::Narrative(u, shift)));
        }
    }
    let shift = shift_word(t.word(j)?)?;
    if t.is(j + 1, "fiscal") && t.is(j + 2, "year") {
        return Some((j + 3, Expr::ThisUnit(Unit::Year, shift)));
    }
    let w = t.word(j + 1)?;
    if the && shift == 0 && t.word(j) == Some("this") {
        return None;
    }
    if let Some((u, false)) = unit(w) {
        if t.is(j + 1, "quarter") {
            return None; // handled by the quarter rule
        }
        return Some((j + 2, Expr::ThisUnit(u, shift)));
    }
    if w == "weekend" {
        return Some((j + 2, Expr::Weekend(Some(shift))));
    }
    if let Some(wd) = weekday(w) {
        let part = t.word(j + 2).and_then(part_of_day);
        let end = if part.is_some() { j + 3 } else { j + 2 };
        return Some((end, Expr::Weekday(wd, Some(shift), part)));
    }
    if let Some(s) = season(w) {
        return Some((j + 2, Expr::Season(s, None, shift)));
    }
    if let Some(m) = month(w).filter(|_| t.capitalised(j + 1)) {
        return Some((j + 2, Expr::Month(m, Some(shift))));
    }
    if shift == 0
        && t.word(j) == Some("this")
        && let Some(p) = part_of_day(w)
    {
        return Some((j + 2, Expr::RelDay(0, Some(p))));
    }
    if shift == -1 && w == "night" && !the {
        return Some((j + 2, Expr::RelDay(-1, Some(PartOfDay::Night))));
    }
    None
}

/// "a year ago", "two weeks earlier", "three days later", "a year earlier", "two years from now".
fn ago(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let (n, j) = amount(t, i).or_else(|| unit(t.word(i)?).map(|_| (None, i)))?;
    let Some(n) = n else {
        // "several years ago", "months ago": some time before.
        unit(t.word(j)?)?;
        return t
            .is(j + 1, "ago")
            .then_some((j + 2, Expr::Ref(Reference::Past)));
    };
    let (u, _) = unit(t.word(j)?)?;
    let direction = match t.word(j + 1)? {
        "ago" | "earlier" | "before" | "back" => -1,
        "later" | "hence" => 1,
        "from" if t.is(j + 2, "now") => return Some((j + 3, Expr::Ago(n, u, 1))),
        _ => return None,
    };
    // "two days before the vote" is relative to the vote, not to the reference date.
    if t.word(j + 1) == Some("before") {
        return None;
    }
    Some((j + 2, Expr::Ago(n, u, direction)))
}

/// "the third quarter", "third-quarter", "the fourth quarter of 1998", "the 1988 second quarter",
/// "the year-ago quarter", "the latest quarter", "the first half".
fn quarter(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let mut j = i;
    let article = t.is(j, "the") || t.is(j, "a");
    if article {
        j += 1;
    }
    let mut year = None;
    let mut shift = 0;
    if let Some(y) = t.number(j).and_then(year_of) {
        year = Some(y);
        j += 1;
    }
    // "this year's third quarter", "last year's quarter".
    if let Some(s) = t.word(j).and_then(shift_word)
        && t.is(j + 1, "year")
        && (t.is(j + 2, "'") || t.is(j + 2, "’"))
        && t.is(j + 3, "s")
    {
        shift = s;
        j += 4;
    }
    if t.is(j, "fiscal") {
        j += 1;
    }
    if (t.is(j, "year") && t.glued_hyphen(j + 1) && (t.is(j + 2, "ago") || t.is(j + 2, "earlier")))
        || (t.is(j, "year") && t.is(j + 1, "ago"))
    {
        shift = -1;
        j += if t.is(j + 1, "-") { 3 } else { 2 };
    }
    let w = t.word(j)?;
    let (n, next) = if let Some(n) = ordinal(w).filter(|n| (1..=4).contains(n)) {
        let hyphen = t.glued_hyphen(j + 1);
        if hyphen && article && j == i + 1 {
            // "a third-quarter loss": the article belongs to the noun, not the date.
            return None;
        }
        let k = if hyphen { j + 2 } else { j + 1 };
        (Some(n as u8), k)
    } else if matches!(w, "latest" | "current" | "recent" | "last" | "same") && i != j {
        (None, j + 1)
    } else {
        (None, j)
    };
    let q = t.word(next)?;
    if q == "half" {
        let n = n.filter(|n| *n <= 2)?;
        let mut end = next + 1;
        if t.is(end, "of")
            && let Some(y) = t.number(end + 1).and_then(year_of)
        {
            year = Some(y);
            end += 2;
        }
        return Some((end, Expr::Half(n, year)));
    }
    // "the 1988 period": the year.
    if q == "period"
        && n.is_none()
        && shift == 0
        && let Some(y) = year
    {
        return Some((next + 1, Expr::Year(y)));
    }
    // "the latest period", "the year-earlier period": a reporting quarter.
    let period = q == "period" && (shift != 0 || n.is_none() && next > j);
    if q != "quarter" && !period {
        return None;
    }
    if n.is_none() && i == j && shift == 0 {
        return None; // a bare "quarter" is a coin or a district
    }
    let mut end = next + 1;
    if t.is(end, "of")
        && let Some(y) = t.number(end + 1).and_then(year_of)
    {
        year = Some(y);
        end += 2;
    }
    Some((end, Expr::Quarter { n, year, shift }))
}

/// "two days", "60 years", "four-day", "years", "several years", "the past two weeks",
/// "recent years", "the first nine months", "a minute and a half".
fn duration(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let mut j = i;
    let lead = t.is(j, "the")
        && matches!(
            t.word(j + 1),
            Some("past" | "last" | "next" | "first" | "previous" | "coming" | "latest")
        );
    if lead {
        j += 2;
    } else if t.is(j, "the") {
        j += 1;
    }
    if matches!(t.word(j), Some("recent" | "coming" | "past")) && !lead {
        let (u, plural) = unit(t.word(j + 1)?)?;
        return plural.then_some((j + 2, Expr::Duration(None, u)));
    }
    if let Some((n, k)) = amount(t, j) {
        // "20 more years", "two additional days".
        let k = if matches!(
            t.word(k),
            Some(
                "more"
                    | "additional"
                    | "other"
                    | "straight"
                    | "consecutive"
                    | "full"
                    | "long"
                    | "trading"
                    | "business"
                    | "working"
                    | "calendar"
            )
        ) {
            k + 1
        } else {
            k
        };
        let k_unit = if t.glued_hyphen(k) { k + 1 } else { k };
        let (u, plural) = unit(t.word(k_unit)?)?;
        let hyphenated = k_unit == k + 1;
        if hyphenated && j > i && !lead {
            // "the eight-year term": the article belongs to the noun.
            return None;
        }
        // "a year-earlier loss", "year-end": the unit starts a compound adjective.
        if t.glued_hyphen(k_unit + 1) && !t.is(k_unit + 2, "long") {
            return None;
        }
        if plural && (n == Some(1.0) || hyphenated) {
            // "one years" is no duration; "three-quarters" is a fraction.
            return None;
        }
        // Ages: "52 years old", "an 8-month-old".
        if t.is(k_unit + 1, "old") || t.glued_hyphen(k_unit + 1) && t.is(k_unit + 2, "old") {
            return None;
        }
        // "the 1988 quarter" is a year and a noun, not 1988 quarters.
        if !plural && !hyphenated && n.is_some_and(|n| n > 1.0) {
            return None;
        }
        let (n, u) = match (n, u) {
            (Some(n), Unit::Decade) => (Some(n * 10.0), Unit::Year),
            other => other,
        };
        // "one day" at the start of a story is usually "one day he left": keep it anyway.
        let end = k_unit + 1;
        // "a minute and a half"
        if t.is(end, "and") && t.is(end + 1, "a") && t.is(end + 2, "half") {
            let half = n.map(|v| v + 0.5);
            return Some((end + 3, Expr::Duration(half, u)));
        }
        if !lead && t.is(i, "the") && n.is_none() {
            return None;
        }
        if hyphenated || !t.is(end, "ago") {
            return Some((end, Expr::Duration(n, u)));
        }
        return None;
    }
    if lead || t.is(i, "the") {
        return None;
    }
    // Bare plurals: "years", "decades", "months"; not the tail of an age ("52 years old").
    let (u, plural) = unit(t.word(j)?)?;
    let after_amount = j
        .checked_sub(1)
        .is_some_and(|p| amount(t, p).is_some() || t.is(p, "-") && t.t[j].glued);
    if plural && !matches!(u, Unit::Second) && !after_amount && !t.is(j + 1, "old") {
        // "decades-long"
        let end = if t.glued_hyphen(j + 1) && t.is(j + 2, "long") {
            j + 3
        } else {
            j + 1
        };
        return Some((end, Expr::Duration(None, u)));
    }
    None
}

/// "daily", "weekly", "annually", "every day", "each Thursday", "every morning", "each summer",
/// "each season", "every two weeks", "a week" after a quantity ("2,000 trucks a week", "5% a
/// year", "twice a year"), "per year".
fn set(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let w = t.word(i)?;
    let every = |u: Unit| Expr::Set(SetPeriod::Every(1.0, u));
    match w {
        "daily" => return Some((i + 1, every(Unit::Day))),
        "weekly" => return Some((i + 1, every(Unit::Week))),
        "monthly" => return Some((i + 1, every(Unit::Month))),
        "annually" | "yearly" => return Some((i + 1, every(Unit::Year))),
        "hourly" => return Some((i + 1, every(Unit::Hour))),
        "nightly" => return Some((i + 1, Expr::Set(SetPeriod::Every(1.0, Unit::Day)))),
        _ => {}
    }
    if matches!(w, "every" | "each" | "per") {
        let (n, j) = amount(t, i + 1)
            .map(|(n, j)| (n.unwrap_or(1.0), j))
            .unwrap_or((1.0, i + 1));
        if let Some((u, _)) = t.word(j).and_then(unit) {
            return Some((j + 1, Expr::Set(SetPeriod::Every(n, u))));
        }
        if let Some(wd) = t.word(i + 1).and_then(weekday) {
            return Some((
                i + 2,
                Expr::Set(SetPeriod::EveryPoint(TimePoint::AnyWeekday(wd))),
            ));
        }
        if w != "per" {
            // "every morning", "each summer", "each season" (of a sport: a year).
            let next = t.word(i + 1);
            if let Some(part) = next.and_then(part_of_day) {
                return Some((
                    i + 2,
                    Expr::Set(SetPeriod::EveryPoint(TimePoint::AnyDayPart(part))),
                ));
            }
            if let Some(s) = next.and_then(season) {
                return Some((
                    i + 2,
                    Expr::Set(SetPeriod::EveryPoint(TimePoint::Season(None, s))),
                ));
            }
            if next == Some("season") {
                return Some((i + 2, every(Unit::Year)));
            }
        }
        if let Some(m) = t
            .word(i + 1)
            .and_then(month)
            .filter(|_| t.capitalised(i + 1))
        {
            return Some((
                i + 2,
                Expr::Set(SetPeriod::EveryPoint(TimePoint::Month(None, m))),
            ));
        }
        return None;
    }
    if w == "a" {
        // "2,000 trucks a week", "twice a day": after a quantity, not after a preposition.
        let (u, false) = t.word(i + 1).and_then(unit)? else {
            return None;
        };
        let prev = i.checked_sub(1).and_then(|p| t.t.get(p))?;
        let quantity_before = prev.kind == Kind::Number
            || matches!(
                prev.lower.as_ref(),
                "once" | "twice" | "times" | "thrice" | "%" | "percent" | "pct"
            )
            || (prev.kind == Kind::Word
                && prev.lower.ends_with('s')
                && i >= 2
                && t.t
                    .get(i - 2)
                    .is_some_and(|x| x.kind == Kind::Number || small_number(&x.lower).is_some()));
        if quantity_before {
            return Some((i + 2, every(u)));
        }
    }
    None
}

/// "10:35 a.m.", "5 p.m. EST", "noon", "midnight", "9:41 PM", with a day after it
/// ("10 p.m. Wednesday", "noon Thursday").
fn clock(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let (hour, minute, mut j) = if t.is(i, "noon") || t.is(i, "midday") {
        (12, Some(0), i + 1)
    } else if t.is(i, "midnight") {
        (24, None, i + 1)
    } else {
        let n = t.number(i)?;
        let (core, suffix) = match n.find(|c: char| c.is_ascii_alphabetic()) {
            Some(k) => (&n[..k], Some(&n[k..])),
            None => (n, None),
        };
        let (h, m) = match core.split_once(':') {
            Some((h, m)) => (h.parse::<u8>().ok()?, Some(m.parse::<u8>().ok()?)),
            None => (core.parse::<u8>().ok()?, None),
        };
        if h > 24 || m.is_some_and(|m| m > 59) {
            return None;
        }
        let mut j = i + 1;
        let meridiem = match suffix {
            Some("am") => Some(false),
            Some("pm") => Some(true),
            Some(_) => return None,
            None => match t.word(j) {
                Some("a.m." | "a.m" | "am") => {
                    j += 1;
                    Some(false)
                }
                Some("p.m." | "p.m" | "pm") => {
                    j += 1;
                    Some(true)
                }
                _ => None,
            },
        };
        if meridiem.is_none() && m.is_none() {
            return None;
        }
        let h = match meridiem {
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
        (h, m.or(Some(0)), j)
    };
    // A zone: "EST", "GMT".
    if t.word(j).is_some_and(|w| {
        matches!(
            w,
            "est"
                | "edt"
                | "cst"
                | "cdt"
                | "mst"
                | "pdt"
                | "pst"
                | "gmt"
                | "utc"
                | "bst"
                | "kst"
                | "jst"
        )
    }) {
        j += 1;
    }
    let mut anchor = None;
    let k = if t.is(j, ",") { j + 1 } else { j };
    if let Some((end, day)) = day_anchor(t, k) {
        anchor = Some(Box::new(day));
        j = end;
    }
    Some((j, Expr::Clock(hour, minute, anchor)))
}

/// A day a clock time or part of day hangs on: "Wednesday", "yesterday", "Nov. 9", "today".
fn day_anchor(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    if let Some((end, expr)) = month_date(t, i)
        && matches!(expr, Expr::Date { day: Some(_), .. })
    {
        return Some((end, expr));
    }
    let w = t.word(i)?;
    if let Some(wd) = weekday(w).filter(|_| t.capitalised(i)) {
        return Some((i + 1, Expr::Weekday(wd, None, None)));
    }
    match w {
        "today" => Some((i + 1, Expr::RelDay(0, None))),
        "yesterday" => Some((i + 1, Expr::RelDay(-1, None))),
        "tomorrow" => Some((i + 1, Expr::RelDay(1, None))),
        _ => None,
    }
}

/// "today", "yesterday", "tomorrow", "tonight", "now", "currently", "recently", "the future",
/// "year-end", "yesterday morning", "late yesterday", "overnight".
fn single_words(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let w = t.word(i)?;
    let day = match w {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(offset) = day {
        if let Some(p) = t.word(i + 1).and_then(part_of_day) {
            return Some((i + 2, Expr::RelDay(offset, Some(p))));
        }
        return Some((i + 1, Expr::RelDay(offset, None)));
    }
    let expr = match w {
        "tonight" => Expr::RelDay(0, Some(PartOfDay::Night)),
        "overnight" => Expr::RelDay(-1, Some(PartOfDay::Night)),
        "now" | "currently" | "nowadays" => Expr::Ref(Reference::Present),
        "current" if t.word(i + 1).is_none_or(|n| unit(n).is_none()) => {
            Expr::Ref(Reference::Present)
        }
        "recently" | "lately" => Expr::Ref(Reference::Past),
        "the" if t.is(i + 1, "future") => return Some((i + 2, Expr::Ref(Reference::Future))),
        "the"
            if t.is(i + 1, "past")
                && !t
                    .word(i + 2)
                    .is_some_and(|n| unit(n).is_some() || amount(t, i + 2).is_some()) =>
        {
            return Some((i + 2, Expr::Ref(Reference::Past)));
        }
        "the" if t.is(i + 1, "weekend") => return Some((i + 2, Expr::Weekend(None))),
        // "the year ended June 30" is a twelve-month period; "for the year" is this year.
        "the" if t.is(i + 1, "year") && matches!(t.word(i + 2), Some("ended" | "ending")) => {
            return Some((i + 2, Expr::Duration(Some(1.0), Unit::Year)));
        }
        "the"
            if t.is(i + 1, "year")
                && !t
                    .t
                    .get(i + 2)
                    .is_some_and(|n| n.kind == Kind::Number || n.lower == "-")
                && spoken_year(t, i + 2).is_none() =>
        {
            return Some((i + 2, Expr::RefYear));
        }
        "the"
            if t.is(i + 1, "fiscal")
                && t.is(i + 2, "year")
                && !t.t.get(i + 3).is_some_and(|n| n.kind == Kind::Number) =>
        {
            return Some((i + 3, Expr::Duration(Some(1.0), Unit::Year)));
        }
        "the" if t.is(i + 1, "full") && t.is(i + 2, "year") => return Some((i + 3, Expr::RefYear)),
        "these" if t.is(i + 1, "days") => return Some((i + 2, Expr::Ref(Reference::Present))),
        "year" if t.glued_hyphen(i + 1) && t.is(i + 2, "end") => {
            return Some((i + 3, Expr::RefYear));
        }
        "year" if t.glued_hyphen(i + 1) && (t.is(i + 2, "earlier") || t.is(i + 2, "ago")) => {
            return Some((i + 3, Expr::Ago(1.0, Unit::Year, -1)));
        }
        "year" if t.is(i + 1, "end") => return Some((i + 2, Expr::RefYear)),
        _ => return holiday(t, i),
    };
    Some((i + 1, expr))
}

/// "Friday", "Friday morning", "Wednesday night".
fn weekday_rule(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let w = t.word(i)?;
    let wd = weekday(w)?;
    if !t.capitalised(i) || w.ends_with('s') && w.len() > 6 || w.len() <= 4 && !w.ends_with('.') {
        // "Sun" the newspaper, "Mondays" (a set, handled elsewhere).
        if !(w.ends_with("days") && t.capitalised(i)) {
            return None;
        }
        return Some((
            i + 1,
            Expr::Set(SetPeriod::EveryPoint(TimePoint::AnyWeekday(wd))),
        ));
    }
    if let Some(p) = t.word(i + 1).and_then(part_of_day) {
        return Some((i + 2, Expr::Weekday(wd, None, Some(p))));
    }
    Some((i + 1, Expr::Weekday(wd, None, None)))
}

/// "Christmas", "Christmas Eve", "New Year's Day", "Thanksgiving", "Independence Day".
fn holiday(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    use super::expr::Holiday;
    if !t.capitalised(i) {
        return None;
    }
    let w = t.word(i)?;
    let next_is = |k: usize, s: &str| t.is(i + k, s);
    let (len, h) = match w {
        "christmas" if next_is(1, "eve") => (2, Holiday::Fixed(12, 24)),
        "christmas" => (
            if next_is(1, "day") { 2 } else { 1 },
            Holiday::Fixed(12, 25),
        ),
        "new"
            if next_is(1, "year")
                && next_is(2, "'")
                && next_is(3, "s")
                && (next_is(4, "day") || next_is(4, "eve")) =>
        {
            if next_is(4, "eve") {
                (5, Holiday::Fixed(12, 31))
            } else {
                (5, Holiday::Fixed(1, 1))
            }
        }
        "thanksgiving" => (
            if next_is(1, "day") { 2 } else { 1 },
            Holiday::NthWeekday(11, 4, 4),
        ),
        "independence" if next_is(1, "day") => (2, Holiday::Fixed(7, 4)),
        "halloween" => (1, Holiday::Fixed(10, 31)),
        "valentine" if next_is(1, "'") && next_is(2, "s") && next_is(3, "day") => {
            (4, Holiday::Fixed(2, 14))
        }
        "labor" | "labour" if next_is(1, "day") => (2, Holiday::NthWeekday(9, 1, 1)),
        "memorial" if next_is(1, "day") => (2, Holiday::NthWeekday(5, 1, 0)),
        _ => return None,
    };
    Some((i + len, Expr::Holiday(h)))
}

/// Years read aloud, as broadcast transcripts write them: "nineteen ninety-six",
/// "nineteen hundred", "two thousand".
fn spoken_year(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let century = match t.word(i)? {
        "nineteen" => 1900,
        "eighteen" => 1800,
        "two" if t.is(i + 1, "thousand") => {
            let mut end = i + 2;
            if t.is(end, "and") {
                end += 1;
            }
            let extra = t
                .word(end)
                .and_then(small_number)
                .filter(|n| *n >= 1.0 && *n < 20.0);
            return Some(match extra {
                Some(n) => (end + 1, Expr::Year(2000 + n as i32)),
                None => (i + 2, Expr::Year(2000)),
            });
        }
        _ => return None,
    };
    if t.is(i + 1, "hundred") {
        return Some((i + 2, Expr::Year(century)));
    }
    let tens = t
        .word(i + 1)
        .and_then(small_number)
        .filter(|n| *n >= 10.0 && *n < 100.0)?;
    let mut year = century + tens as i32;
    let mut end = i + 2;
    if tens >= 20.0
        && t.glued_hyphen(end)
        && let Some(u) = t
            .word(end + 1)
            .and_then(small_number)
            .filter(|n| *n >= 1.0 && *n < 10.0)
    {
        year += u as i32;
        end += 2;
    }
    Some((end, Expr::Year(year)))
}

/// "the summer of 1998", "the winter of nineteen ninety-four", "summer 1998".
fn season_of_year(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let j = if t.is(i, "the") { i + 1 } else { i };
    let s = season(t.word(j)?)?;
    let k = if t.is(j + 1, "of") { j + 2 } else { j + 1 };
    if let Some(y) = t.number(k).and_then(year_of) {
        return Some((k + 1, Expr::Season(s, Some(y), 0)));
    }
    match spoken_year(t, k)? {
        (end, Expr::Year(y)) => Some((end, Expr::Season(s, Some(y), 0))),
        _ => None,
    }
}

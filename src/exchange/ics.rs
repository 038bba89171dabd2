//! iCalendar (RFC 5545) of the stored events: all-day events from the first day to the day
//! after the last (DTEND is exclusive), a month or a year as that whole stretch with the exact
//! value kept in `X-DATELINE-TIMEX` and `X-DATELINE-PRECISION` and said in the description;
//! times in UTC; CRLF lines folded at 75 octets without splitting a character.

use super::csv::precision_name;
use super::ids::uuid;
use super::{ExportData, ExportReport};
use crate::model::TimePoint;
use crate::model::TimeValue;

/// TEXT escaping: backslash, semicolon, comma, and line breaks as `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets (continuations start with a space).
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// True when the value has a time of day.
fn has_time(value: &TimeValue) -> bool {
    matches!(
        value,
        TimeValue::Point(TimePoint::Clock(..) | TimePoint::DayPart(..), _)
    )
}

/// The calendar of the exported events.
pub fn export(data: &ExportData<'_>) -> (String, ExportReport) {
    let mut report = ExportReport {
        articles: data.articles.len(),
        files: 1,
        ..Default::default()
    };
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//Dateline//Dateline {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "X-WR-CALNAME:Dateline events");
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut skipped = 0;
    for e in data.events() {
        let Some((start, end)) = e.value.interval() else {
            skipped += 1;
            continue;
        };
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}@dateline", uuid("event", &e.id.0.to_string())),
        );
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        if has_time(&e.value) {
            line(
                &mut out,
                &format!("DTSTART:{}", start.format("%Y%m%dT%H%M%SZ")),
            );
            line(&mut out, &format!("DTEND:{}", end.format("%Y%m%dT%H%M%SZ")));
        } else {
            line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
            );
            line(
                &mut out,
                &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
            );
        }
        line(&mut out, &format!("SUMMARY:{}", escape(&e.title)));
        let precision = precision_name(&e.value);
        let mut description = format!("When: {} ({precision})", e.value.to_timex());
        if precision != "day" && !has_time(&e.value) {
            description.push_str(". The calendar shows the whole stretch; the text says no more");
        }
        for ev in &e.evidence {
            let headline = data
                .workspace
                .article(ev.article)
                .map_or("", |a| a.headline.as_str());
            description.push_str(&format!("\n\n\"{}\" — {headline}", ev.quote));
        }
        if !e.notes.is_empty() {
            description.push_str(&format!("\n\nNotes: {}", e.notes));
        }
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        if !e.tags.is_empty() {
            let tags: Vec<String> = e.tags.iter().map(|t| escape(t)).collect();
            line(&mut out, &format!("CATEGORIES:{}", tags.join(",")));
        }
        line(
            &mut out,
            &format!("X-DATELINE-TIMEX:{}", escape(&e.value.to_timex())),
        );
        line(&mut out, &format!("X-DATELINE-PRECISION:{precision}"));
        line(&mut out, "END:VEVENT");
        report.events += 1;
    }
    line(&mut out, "END:VCALENDAR");
    if skipped > 0 {
        report.lost.push(format!(
            "{skipped} events with no place on the calendar (durations, repeats, vague times) were left out"
        ));
    }
    (out, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}

//! TimelineJS JSON of the stored events: dates only to their real precision (a month is
//! `{year, month}`, so TimelineJS does not show a day the text never gave), quarters, weeks and
//! approximate dates with a `display_date` that says so, ranges with an end, the evidence as
//! the slide's text.

use serde_json::{Value, json};

use super::ids::uuid;
use super::text::xml_escape;
use super::{ExportData, ExportReport};
use crate::model::{Modifier, TimePoint, TimeValue};

/// The date object of a point, with only the parts it has, and a display text when the parts
/// alone would say more or less than it means.
fn date(point: &TimePoint) -> Option<Value> {
    let (start, _) = point.interval()?;
    use chrono::{Datelike, Timelike};
    Some(match point {
        TimePoint::Century(_) | TimePoint::Decade(_) => {
            json!({"year": start.year(), "display_date": point.to_timex_display()})
        }
        TimePoint::Year(_) => json!({"year": start.year()}),
        TimePoint::Quarter(..)
        | TimePoint::Half(..)
        | TimePoint::Season(..)
        | TimePoint::Week(..)
        | TimePoint::Weekend(..) => {
            json!({"year": start.year(), "month": start.month(), "day": start.day(), "display_date": point.to_timex_display()})
        }
        TimePoint::Month(..) => json!({"year": start.year(), "month": start.month()}),
        TimePoint::Day(..) | TimePoint::AnyWeekday(_) | TimePoint::AnyDayPart(_) => {
            json!({"year": start.year(), "month": start.month(), "day": start.day()})
        }
        TimePoint::DayPart(..) | TimePoint::Clock(..) => json!({
            "year": start.year(), "month": start.month(), "day": start.day(),
            "hour": start.hour(), "minute": start.minute()
        }),
    })
}

/// The word before a date that a modifier stands for: "about 1987", "early March 1987".
fn modifier_word(m: Modifier) -> &'static str {
    match m {
        Modifier::Approximate => "about",
        Modifier::MoreThan => "more than",
        Modifier::LessThan => "less than",
        Modifier::Nearly => "nearly",
        Modifier::Start => "early",
        Modifier::Mid => "mid",
        Modifier::End => "late",
    }
}

trait Display {
    fn to_timex_display(&self) -> String;
}

impl Display for TimePoint {
    /// What a reader should see for periods TimelineJS has no unit for: "1987-Q1", "1950s".
    fn to_timex_display(&self) -> String {
        match self {
            TimePoint::Decade(d) => format!("{}0s", d),
            TimePoint::Century(c) => format!("{}00s", c),
            other => TimeValue::Point(other.clone(), None).to_timex(),
        }
    }
}

/// The timeline of the exported events.
pub fn export(data: &ExportData<'_>) -> (String, ExportReport) {
    let mut report = ExportReport {
        articles: data.articles.len(),
        files: 1,
        ..Default::default()
    };
    let mut events = Vec::new();
    let mut skipped = 0;
    for e in data.events() {
        let (start, end, modifier) = match &e.value {
            TimeValue::Point(p, m) => (date(p), None, *m),
            TimeValue::Range(a, b) => (a.as_ref().and_then(date), b.as_ref().and_then(date), None),
            _ => (None, None, None),
        };
        let Some(mut start) = start else {
            skipped += 1;
            continue;
        };
        if let Some(m) = modifier {
            let shown = start
                .get("display_date")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| e.value.to_timex());
            start["display_date"] = json!(format!("{} {shown}", modifier_word(m)));
        }
        let mut text = String::new();
        for ev in &e.evidence {
            let article = data.workspace.article(ev.article);
            text.push_str(&format!(
                "<p>“{}”<br><small>{}</small></p>",
                xml_escape(&ev.quote),
                xml_escape(article.map_or("", |a| a.headline.as_str()))
            ));
        }
        if !e.notes.is_empty() {
            text.push_str(&format!("<p>{}</p>", xml_escape(&e.notes)));
        }
        let mut slide = json!({
            "unique_id": format!("event-{}", uuid("event", &e.id.0.to_string())),
            "start_date": start,
            "text": {"headline": xml_escape(&e.title), "text": text},
        });
        if let Some(end) = end {
            slide["end_date"] = end;
        }
        if let Some(first) = e.participants.first() {
            slide["group"] = json!(data.entity(first).1);
        }
        events.push(slide);
        report.events += 1;
    }
    if skipped > 0 {
        report.lost.push(format!(
            "{skipped} events with no place on a timeline (durations, repeats, vague times) were left out"
        ));
    }
    if report.events > 100 {
        report.lost.push(format!(
            "{} events: TimelineJS becomes hard to use past about 100; export a search to narrow it",
            report.events
        ));
    }
    let timeline = json!({
        "title": {"text": {"headline": "Dateline events", "text": format!("{} events from {} articles", report.events, report.articles)}},
        "events": events,
    });
    (
        serde_json::to_string_pretty(&timeline).unwrap_or_default(),
        report,
    )
}

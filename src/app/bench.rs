//! `dateline bench timeline`: frames of the timeline panel driven headlessly on a generated
//! workspace of N articles and N events, next to empty frames run the same way (the baseline),
//! reported as median and 99th percentile.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{Datelike, Duration as Days, NaiveDate};

use crate::cli::Lcg;
use crate::model::{
    Article, ArticleId, EntityKey, EntityLabel, Event, EventId, Evidence, PublishedAt,
    SourceFormat, SourceInfo, TimePoint, TimeValue,
};
use crate::timeline::lanes::{EventRef, LaneMode, LaneNames, article_lane, build_lanes};
use crate::ui::timeline::{TimelineData, TimelineView, timeline_ui};

/// N articles over 1987 and N events around them: most on a day, some a month or a year, a
/// few ranges and decades, with participants from a pool of 300 names.
fn generated(size: usize) -> (Vec<Article>, Vec<Event>) {
    let mut rng = Lcg(7);
    let start = NaiveDate::from_ymd_opt(1987, 1, 1).unwrap_or_default();
    let articles: Vec<Article> = (0..size)
        .map(|i| {
            let day = start + Days::days(rng.below(365) as i64);
            Article {
                id: ArticleId(i as u64),
                source: SourceInfo {
                    path: format!("/bench/{i}.txt").into(),
                    content_hash: String::new(),
                    byte_len: 0,
                    encoding: "UTF-8".into(),
                    format: SourceFormat::Text,
                    modified: None,
                    item: None,
                },
                original: Default::default(),
                headline: format!("Generated story {i}"),
                published: PublishedAt::from_ymd(day.year(), day.month(), day.day()),
                byline: None,
                dateline: None,
                agency: None,
                body: "".into(),
                reference_override: None,
                reference_estimate: None,
                meta: Default::default(),
                extracted: None,
            }
        })
        .collect();
    let events = (0..size)
        .map(|i| {
            let day = start + Days::days(rng.below(365) as i64 - 30);
            let point = match rng.below(20) {
                0 => TimePoint::Year(Some(1987 - rng.below(40) as i32)),
                1 => TimePoint::Month(Some(1987), (rng.below(12) + 1) as u8),
                2 => TimePoint::Decade(195 + rng.below(4) as i32),
                _ => TimePoint::Day(
                    Some(day.year()),
                    Some(day.month() as u8),
                    Some(day.day() as u8),
                ),
            };
            let value = if rng.below(50) == 0 {
                TimeValue::Range(Some(point.clone()), point.shifted(Days::days(400)))
            } else {
                TimeValue::Point(point, None)
            };
            let participants = (0..rng.below(4))
                .map(|_| EntityKey::new(&format!("name {}", rng.below(300)), EntityLabel::Person))
                .collect();
            Event {
                id: EventId(i as u64),
                participants,
                evidence: vec![Evidence {
                    article: ArticleId(rng.below(size) as u64),
                    start: 0,
                    end: 10,
                    quote: "".into(),
                }],
                ..Event::manual(format!("Event {i} happened"), value)
            }
        })
        .collect();
    (articles, events)
}

/// Frames run headlessly at one size and timed: egui's pass and tessellation, as the window
/// pays for them.
pub(super) struct FrameClock {
    ctx: egui::Context,
    size: egui::Vec2,
}

impl FrameClock {
    /// A clock for frames of `size` points.
    pub(super) fn new(size: egui::Vec2) -> Self {
        Self {
            ctx: egui::Context::default(),
            size,
        }
    }

    /// One frame at time `t` with these input events: how long it took and how many shapes
    /// it drew.
    pub(super) fn frame(
        &self,
        t: f64,
        events: Vec<egui::Event>,
        body: &mut dyn FnMut(&mut egui::Ui),
    ) -> (Duration, usize) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(t),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let output = self.ctx.run_ui(input, |ui| body(ui));
        let shapes = output.shapes.len();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        (start.elapsed(), shapes)
    }
}

/// Median and 99th percentile of frame times.
pub(super) fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99))
}

/// A duration in milliseconds.
pub(super) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the benchmark and prints its table.
pub fn bench_timeline(size: usize) -> ExitCode {
    let (articles, events) = generated(size);
    let refs: Vec<&Event> = events.iter().collect();
    let entity = |k: &EntityKey| Some((k.clone(), k.name.clone()));
    let article = |a: ArticleId| format!("story {}", a.0);
    let names = LaneNames {
        entity: &entity,
        article: &article,
    };
    let build = Instant::now();
    let lanes_all = build_lanes(&refs, LaneMode::All, None, &names);
    let lanes_entity = build_lanes(&refs, LaneMode::Entity, None, &names);
    let articles_lane = article_lane(&articles, None);
    let build_time = build.elapsed();
    let event_ref = |i: usize| EventRef::Stored(EventId(i as u64));
    let clock = FrameClock::new(egui::vec2(1400.0, 320.0));
    let frame = |t, events, body: &mut dyn FnMut(&mut egui::Ui)| clock.frame(t, events, body);
    let frames = 300;
    let mut baseline = Vec::with_capacity(frames);
    let mut t = 0.0;
    for _ in 0..frames {
        t += 1.0 / 60.0;
        baseline.push(
            frame(t, Vec::new(), &mut |ui| {
                ui.label("Timeline");
            })
            .0,
        );
    }
    let mut table = Vec::new();
    for (label, lanes, zooming) in [
        ("one lane, all in view", &lanes_all, false),
        ("one lane, zooming in and out", &lanes_all, true),
        ("by entity, all in view", &lanes_entity, false),
        ("by entity, zooming in and out", &lanes_entity, true),
    ] {
        let mut view = TimelineView::default();
        let data = TimelineData {
            events: &refs,
            event_ref: &event_ref,
            lanes,
            articles_lane: &articles_lane,
            articles: &articles,
            selected: Some(0),
            version: 1,
        };
        let mut times = Vec::with_capacity(frames);
        let mut commands = Vec::new();
        let mut drawn = 0usize;
        for k in 0..frames {
            t += 1.0 / 60.0;
            // Hover across the panel, zoom in for a third of the frames, then out, so views
            // from everything-at-once down to single days are measured.
            let x = 200.0 + (k as f32 * 3.7) % 1100.0;
            let pos = egui::pos2(x, 150.0);
            let mut events = vec![egui::Event::PointerMoved(pos)];
            if zooming && k % 3 == 0 {
                events.push(egui::Event::Zoom(if k < frames / 2 { 1.08 } else { 0.93 }));
            }
            let (time, shapes) = frame(t, events, &mut |ui| {
                timeline_ui(ui, &mut view, &data, &mut commands);
            });
            times.push(time);
            drawn += shapes;
        }
        table.push((label, summary(times), drawn / frames));
    }
    let (base_median, base_p99) = summary(baseline);
    println!(
        "Timeline frames: {size} articles, {size} events, {frames} frames per view, 1400x320 \
         points; lanes built in {:.1} ms",
        ms(build_time)
    );
    println!("| view | median ms | p99 ms | median / empty frame | shapes per frame |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| empty frame (baseline) | {:.3} | {:.3} | 1.0 | |",
        ms(base_median),
        ms(base_p99)
    );
    for (label, (median, p99), shapes) in table {
        println!(
            "| {label} | {:.3} | {:.3} | {:.1} | {shapes} |",
            ms(median),
            ms(p99),
            median.as_secs_f64() / base_median.as_secs_f64().max(1e-9)
        );
    }
    ExitCode::SUCCESS
}

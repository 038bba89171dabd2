//! `dateline bench search-tab [N]`: frames of the Search tab with N hits (default 100,000) in
//! its keyword-in-context table, still, scrolling and re-sorted, next to empty frames run the
//! same way (the baseline), reported as median and 99th percentile.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::Lcg;
use crate::model::{Article, ArticleId, PublishedAt, SourceFormat, SourceInfo, Workspace};
use crate::search::{Context, Outcome, SortBy, build_index_now, parse, search, sort_orders};
use crate::ui::search::{SearchPanel, SearchView, search_ui};

const WORDS: &[&str] = &[
    "the", "minister", "said", "prices", "would", "rise", "in", "March", "after", "talks", "with",
    "bankers", "and", "traders", "on", "Monday", "while", "output", "fell",
];

/// Articles of generated sentences, each naming "oil" five times.
fn generated(articles: usize) -> Vec<Article> {
    let mut rng = Lcg(11);
    (0..articles)
        .map(|i| {
            let mut body = String::new();
            for s in 0..5 {
                for _ in 0..(6 + rng.below(10)) {
                    body.push_str(WORDS[rng.below(WORDS.len())]);
                    body.push(' ');
                }
                body.push_str(if s % 2 == 0 { "oil " } else { "Oil " });
                for _ in 0..(4 + rng.below(8)) {
                    body.push_str(WORDS[rng.below(WORDS.len())]);
                    body.push(' ');
                }
                body.push_str(".\n\n");
            }
            let day = 1 + rng.below(28) as u32;
            Article {
                id: ArticleId(i as u64),
                source: SourceInfo {
                    path: format!("/bench/{i}.txt").into(),
                    content_hash: String::new(),
                    byte_len: body.len() as u64,
                    encoding: "UTF-8".into(),
                    format: SourceFormat::Text,
                    modified: None,
                    item: None,
                },
                original: Default::default(),
                headline: format!("Generated story {i}"),
                published: PublishedAt::from_ymd(1987, 3, day),
                byline: None,
                dateline: None,
                agency: None,
                body: body.into(),
                reference_override: None,
                reference_estimate: None,
                meta: Default::default(),
                extracted: None,
            }
        })
        .collect()
}

use super::bench::{FrameClock, ms, summary};

/// Runs the benchmark and prints its table.
pub fn bench_search_tab(hits: usize) -> ExitCode {
    let articles = generated(hits.div_ceil(5).max(1));
    let index = Arc::new(build_index_now(&articles, &[]));
    let workspace = Workspace {
        articles: Arc::new(articles),
        ..Default::default()
    };
    let Ok(query) = parse("oil") else {
        return ExitCode::FAILURE;
    };
    let ctx = Context::without_names(&index, &workspace);
    let started = Instant::now();
    let result = search(&query, &ctx);
    let searched = started.elapsed();
    let orders = sort_orders(&index, &result, |id| {
        workspace
            .article(id)
            .map(|a| (a.headline.as_str(), a.published.as_ref()))
    });
    let sorted = started.elapsed();
    let outcome = Outcome {
        query: "oil".into(),
        result,
        index: Arc::clone(&index),
        orders,
    };
    let clock = FrameClock::new(egui::vec2(700.0, 800.0));
    let frame = |t, events, body: &mut dyn FnMut(&mut egui::Ui)| clock.frame(t, events, body).0;
    let frames = 300;
    let mut t = 0.0;
    let mut baseline = Vec::with_capacity(frames);
    for _ in 0..frames {
        t += 1.0 / 60.0;
        baseline.push(frame(t, Vec::new(), &mut |ui| {
            ui.label("Search");
        }));
    }
    let mut table = Vec::new();
    for (label, scrolling, sort) in [
        ("still, in found order", false, SortBy::Found),
        ("scrolling, in found order", true, SortBy::Found),
        ("scrolling, sorted by hit's right word", true, SortBy::Right),
        ("scrolling, sorted by date", true, SortBy::Date),
    ] {
        let mut view = SearchView {
            query: "oil".into(),
            sort,
            ..Default::default()
        };
        let panel = SearchPanel {
            outcome: Some(&outcome),
            error: None,
            running: false,
            building: None,
            stopped: false,
            recent: &[],
            workspace: &workspace,
            only_results: false,
            pending: None,
            families: &crate::families::Families::default(),
        };
        let mut commands = Vec::new();
        let mut times = Vec::with_capacity(frames);
        for k in 0..frames {
            t += 1.0 / 60.0;
            let mut events = vec![egui::Event::PointerMoved(egui::pos2(300.0, 400.0))];
            if scrolling {
                // A long fling down, then back up.
                let dy = if k < frames / 2 { -240.0 } else { 240.0 };
                events.push(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, dy),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: egui::Modifiers::NONE,
                });
            }
            times.push(frame(t, events, &mut |ui| {
                search_ui(ui, &panel, &mut view, &mut commands);
            }));
        }
        table.push((label, summary(times)));
    }
    let (base_median, base_p99) = summary(baseline);
    println!(
        "Search tab frames: {} hits in {} articles, {frames} frames per view, 700x800 points; \
         search {:.1} ms, table orders {:.1} ms more (both off the UI thread in the window)",
        outcome.result.hits.len(),
        outcome.result.articles,
        ms(searched),
        ms(sorted - searched)
    );
    println!("| view | median ms | p99 ms | median / empty frame |");
    println!("|---|---:|---:|---:|");
    println!(
        "| empty frame (baseline) | {:.3} | {:.3} | 1.0 |",
        ms(base_median),
        ms(base_p99)
    );
    for (label, (median, p99)) in table {
        println!(
            "| {label} | {:.3} | {:.3} | {:.1} |",
            ms(median),
            ms(p99),
            median.as_secs_f64() / base_median.as_secs_f64().max(1e-9)
        );
    }
    ExitCode::SUCCESS
}

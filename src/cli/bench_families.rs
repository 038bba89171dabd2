//! `dateline bench families`: family detection, whole and after one edit, next to
//! `cat | wc -w` over the same files.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::bench::{baseline, copied_articles, files_and_articles, median};
use crate::families::{FamilyIndex, families};

/// Runs the benchmark and prints its table.
pub fn bench_families(inputs: &[PathBuf], copies: usize) -> Result<(), String> {
    let (files, outcome) = files_and_articles(inputs)?;
    let mut articles = copied_articles(&outcome.articles, copies);
    let files: Vec<PathBuf> = (0..copies).flat_map(|_| files.iter().cloned()).collect();
    let (words, cat_time) = baseline(&files)?;
    let body_bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let threads = rayon::current_num_threads();
    println!(
        "articles: {}  bodies: {:.1} MB  words (wc -w): {words}  threads: {threads}",
        articles.len(),
        body_bytes as f64 / 1e6
    );
    let whole = |articles: &[crate::model::Article]| {
        let started = Instant::now();
        let mut index = FamilyIndex::new();
        index.update(articles);
        let found = families(articles, index.links(), &[]);
        (started.elapsed(), index, found)
    };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let (t, index, found) = whole(&articles);
        times.push(t);
        last = Some((index, found));
    }
    let detect = median(times);
    let (mut index, found) = last.ok_or("no run")?;
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    let mut one_times = Vec::new();
    for _ in 0..3 {
        one_times.push(one.install(|| whole(&articles).0));
    }
    let detect_one = median(one_times);
    // One article edited (a word added), then the index brought up to date.
    let mut edits = Vec::new();
    for n in 0..5 {
        let i = (n * 7919) % articles.len();
        let a = &mut articles[i];
        a.body = Arc::from(format!("{} Updated.", a.body));
        let started = Instant::now();
        let report = index.update(&articles);
        let _ = families(&articles, index.links(), &[]);
        edits.push(started.elapsed());
        if report.rebuilt {
            return Err("an edit of one article rebuilt the whole index".into());
        }
    }
    let edit = median(edits);
    let mb = body_bytes as f64 / 1e6;
    let per_core = |t: Duration| mb / t.as_secs_f64();
    println!(
        "families: {}  articles in them: {}  copies counted once: {}",
        found.len(),
        found.iter().map(|f| f.members.len()).sum::<usize>(),
        found.copies()
    );
    println!(
        "{:<34} {:>10} {:>10} {:>10}",
        "", "median s", "MB/s", "× cat|wc"
    );
    let row = |name: &str, t: Duration, rate: f64| {
        println!(
            "{name:<34} {:>10.3} {:>10.1} {:>10.2}",
            t.as_secs_f64(),
            rate,
            t.as_secs_f64() / cat_time.as_secs_f64()
        );
    };
    row("cat | wc -w", cat_time, mb / cat_time.as_secs_f64());
    row(
        &format!("detection, {threads} threads"),
        detect,
        per_core(detect),
    );
    row(
        "detection, 1 thread (per core)",
        detect_one,
        per_core(detect_one),
    );
    row("after one edited article", edit, per_core(edit));
    Ok(())
}

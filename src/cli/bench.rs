//! `dateline bench import`: import throughput next to `cat | wc -w` over the same files, both
//! run from this process so that the ratio is measured under the same conditions.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::ingest::{ImportProgress, IngestOptions, collect_sources, import_paths};

const RUNS: usize = 3;

/// The middle of some timings.
pub(super) fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Times `cat FILES | wc -w` through `xargs`, returning the word count and the median time.
pub(super) fn baseline(files: &[PathBuf]) -> Result<(u64, Duration), String> {
    let mut list = Vec::new();
    for f in files {
        list.extend_from_slice(f.as_os_str().as_encoded_bytes());
        list.push(0);
    }
    let mut times = Vec::new();
    let mut words = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut child = Command::new("sh")
            .args(["-c", "xargs -0 cat | wc -w"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not run sh for the baseline: {e}"))?;
        child
            .stdin
            .take()
            .ok_or("no stdin for the baseline")?
            .write_all(&list)
            .map_err(|e| format!("baseline: {e}"))?;
        let output = child
            .wait_with_output()
            .map_err(|e| format!("baseline: {e}"))?;
        times.push(started.elapsed());
        words = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
    }
    Ok((words, median(times)))
}

/// The size of these files together (files that cannot be read count nothing).
pub(super) fn total_bytes(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// The article files under `inputs` and what importing them gives; an error when there are none.
pub(super) fn files_and_articles(
    inputs: &[PathBuf],
) -> Result<(Vec<PathBuf>, crate::ingest::ImportOutcome), String> {
    let list = collect_sources(inputs);
    if list.files.is_empty() {
        return Err("no article files found to benchmark".into());
    }
    let outcome = import_paths(
        inputs,
        IngestOptions::default(),
        &ImportProgress::default(),
        &|| {},
    );
    Ok((list.files, outcome))
}

/// The articles repeated `copies` times with fresh ids; each copy's body is a new text, as
/// that many copies of the files would give.
pub(super) fn copied_articles(
    articles: &[crate::model::Article],
    copies: usize,
) -> Vec<crate::model::Article> {
    let mut out = Vec::with_capacity(articles.len() * copies);
    for copy in 0..copies {
        for a in articles {
            let mut a = a.clone();
            a.id = crate::model::ArticleId(out.len() as u64);
            if copy > 0 {
                a.body = std::sync::Arc::from(&*a.body);
            }
            out.push(a);
        }
    }
    out
}

/// Runs the import benchmark and prints a table.
pub fn bench_import(inputs: &[PathBuf]) -> Result<(), String> {
    let list = collect_sources(inputs);
    if list.files.is_empty() {
        return Err("no article files found to benchmark".into());
    }
    let bytes = total_bytes(&list.files);
    let (words, cat_time) = baseline(&list.files)?;
    let mut times = Vec::new();
    let mut articles = 0;
    let mut problems = 0;
    for _ in 0..RUNS {
        let outcome = import_paths(
            inputs,
            IngestOptions::default(),
            &ImportProgress::default(),
            &|| {},
        );
        times.push(outcome.elapsed);
        articles = outcome.articles.len();
        problems = outcome.problems.len();
    }
    let import_time = median(times);
    // Import followed by time-expression extraction of every article, in parallel, as a user
    // with extraction turned on waits for it.
    let mut full_times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let outcome = import_paths(
            inputs,
            IngestOptions::default(),
            &ImportProgress::default(),
            &|| {},
        );
        let found: usize = {
            use rayon::prelude::*;
            outcome
                .articles
                .par_iter()
                .map(|a| crate::extract::timex::article_timexes(a, &[]).len())
                .sum()
        };
        std::hint::black_box(found);
        full_times.push(started.elapsed());
    }
    let full_time = median(full_times);
    let mb = bytes as f64 / 1e6;
    let files = list.files.len() as f64;
    println!(
        "files: {}  bytes: {bytes}  words (wc -w): {words}  threads: {}",
        list.files.len(),
        rayon::current_num_threads()
    );
    println!("articles: {articles}  skipped: {problems}");
    println!(
        "{:<22} {:>10} {:>12} {:>10}",
        "", "median s", "files/s", "MB/s"
    );
    for (name, t) in [
        ("cat | wc -w", cat_time),
        ("dateline import", import_time),
        ("import + time extraction", full_time),
    ] {
        let s = t.as_secs_f64();
        println!("{name:<26} {s:>10.3} {:>12.0} {:>10.1}", files / s, mb / s);
    }
    println!(
        "import / baseline time ratio: {:.2}x; with time extraction: {:.2}x (median of {RUNS} runs each)",
        import_time.as_secs_f64() / cat_time.as_secs_f64(),
        full_time.as_secs_f64() / cat_time.as_secs_f64()
    );
    Ok(())
}

/// Times the time-expression engine and the entity tagger, each alone, over the bodies of the articles under `inputs`, on
/// one thread, next to `cat | wc -w` over the same files.
pub fn bench_extract(inputs: &[PathBuf]) -> Result<(), String> {
    let (files, outcome) = files_and_articles(inputs)?;
    let bodies: Vec<(std::sync::Arc<str>, Option<chrono::NaiveDate>)> = outcome
        .articles
        .iter()
        .map(|a| (a.body.clone(), a.reference_date().map(|(d, _)| d)))
        .collect();
    let text_bytes: usize = bodies.iter().map(|(b, _)| b.len()).sum();
    let file_bytes: u64 = outcome.articles.iter().map(|a| a.source.byte_len).sum();
    let (words, cat_time) = baseline(&files)?;
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        found = bodies
            .iter()
            .map(|(body, reference)| crate::extract::timex::find_timexes(body, *reference).len())
            .sum::<usize>();
        times.push(started.elapsed());
    }
    let engine = median(times).as_secs_f64();
    let mut entity_times = Vec::new();
    let mut names = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        names = bodies
            .iter()
            .map(|(body, _)| crate::extract::entities::find_entities(body).len())
            .sum::<usize>();
        entity_times.push(started.elapsed());
    }
    let entities = median(entity_times).as_secs_f64();
    let cat = cat_time.as_secs_f64();
    println!(
        "articles: {}  body text: {text_bytes} bytes  files: {file_bytes} bytes  words (wc -w): {words}",
        bodies.len()
    );
    println!("time expressions found: {found}  entity mentions found: {names}");
    println!("{:<28} {:>10} {:>10}", "", "median s", "MB/s");
    println!(
        "{:<28} {:>10.3} {:>10.1}",
        "cat | wc -w (files)",
        cat,
        file_bytes as f64 / 1e6 / cat
    );
    println!(
        "{:<28} {:>10.3} {:>10.1}",
        "time engine, 1 thread (text)",
        engine,
        text_bytes as f64 / 1e6 / engine
    );
    println!(
        "{:<28} {:>10.3} {:>10.1}",
        "entity tagger, 1 thread (text)",
        entities,
        text_bytes as f64 / 1e6 / entities
    );
    println!(
        "time engine / baseline: {:.2}x; entity tagger / baseline: {:.2}x (median of {RUNS} runs each)",
        engine / cat,
        entities / cat
    );
    Ok(())
}

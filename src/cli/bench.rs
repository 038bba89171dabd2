//! `dateline bench import`: import throughput next to `cat | wc -w` over the same files, both
//! run from this process so that the ratio is measured under the same conditions.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::ingest::{ImportProgress, IngestOptions, collect_sources, import_paths};

const RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Times `cat FILES | wc -w` through `xargs`, returning the word count and the median time.
fn baseline(files: &[PathBuf]) -> Result<(u64, Duration), String> {
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

/// Runs the import benchmark and prints a table.
pub fn bench_import(inputs: &[PathBuf]) -> Result<(), String> {
    let list = collect_sources(inputs);
    if list.files.is_empty() {
        return Err("no article files found to benchmark".into());
    }
    let bytes: u64 = list
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
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
    for (name, t) in [("cat | wc -w", cat_time), ("dateline import", import_time)] {
        let s = t.as_secs_f64();
        println!("{name:<22} {s:>10.3} {:>12.0} {:>10.1}", files / s, mb / s);
    }
    println!(
        "import / baseline time ratio: {:.2}x (median of {RUNS} runs each)",
        import_time.as_secs_f64() / cat_time.as_secs_f64()
    );
    Ok(())
}

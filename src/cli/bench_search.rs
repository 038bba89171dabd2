//! `dateline bench search DIR… [--copies N]`: how fast the search index is built and how long
//! queries of each kind take, next to `cat | wc -w` over the same files in the same process.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::bench::{baseline, median};
use crate::model::{ArticleId, Workspace};
use crate::search::{self, BuildProgress, build_index, build_index_now};

/// The queries timed, by kind. They are general news words, not fitted to one corpus.
const QUERIES: &[(&str, &[&str])] = &[
    ("word", &["oil", "government", "said", "minister"]),
    (
        "phrase",
        &[
            "\"interest rates\"",
            "\"prime minister\"",
            "\"the company said\"",
            "\"united states\"",
        ],
    ),
    ("prefix", &["negotiat*", "econom*", "\"oil pri\"*"]),
    (
        "boolean",
        &[
            "(oil OR gas) AND NOT opec",
            "bank -england",
            "trade (japan OR china)",
            "price NEAR oil",
        ],
    ),
    (
        "field filter",
        &[
            "headline:oil",
            "place:london",
            "agency:reuters",
            "published:1987-03..1987-04",
        ],
    ),
    (
        "mentions range",
        &[
            "mentions:1987-03",
            "mentions:1987-03-01..1987-03-07",
            "mentions:1986",
            "mentions:1987-Q2",
        ],
    ),
    (
        "regex",
        &[
            "/\\b[Oo]il (price|minister)s?\\b/",
            "/\\d+ pct/",
            "/(?i)saudi\\w*/",
            "/(?i)\\b(opec|oil minister)\\b/",
        ],
    ),
];

const QUERY_RUNS: usize = 15;

fn percentile(mut times: Vec<Duration>, p: f64) -> Duration {
    times.sort();
    let at = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[at.min(times.len() - 1)]
}

/// Runs the search benchmark and prints its tables.
pub fn bench_search(inputs: &[PathBuf], copies: usize) -> Result<(), String> {
    let (files, outcome) = super::bench::files_and_articles(inputs)?;
    let articles = super::bench::copied_articles(&outcome.articles, copies);
    let files: Vec<PathBuf> = (0..copies).flat_map(|_| files.iter().cloned()).collect();
    let (words, cat_time) = baseline(&files)?;
    let file_bytes = super::bench::total_bytes(&files);
    let body_bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let threads = rayon::current_num_threads();
    println!(
        "articles: {}  files: {} ({} MB)  bodies: {:.1} MB  words (wc -w): {words}  threads: {threads}",
        articles.len(),
        files.len(),
        file_bytes / 1_000_000,
        body_bytes as f64 / 1e6
    );
    let mut builds = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        std::hint::black_box(build_index_now(&articles, &[]));
        builds.push(started.elapsed());
    }
    let build = median(builds);
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| format!("no thread pool: {e}"))?;
    let single = one_thread.install(|| {
        let started = Instant::now();
        build_index(&articles, &[], None, &BuildProgress::default(), &|s| {
            std::hint::black_box(s);
        });
        started.elapsed()
    });
    let index = build_index_now(&articles, &[]);
    let mb = body_bytes as f64 / 1e6;
    println!(
        "{:<34} {:>9} {:>9} {:>12}",
        "", "seconds", "MB/s", "÷ cat|wc -w"
    );
    let cat = cat_time.as_secs_f64();
    for (name, t) in [
        ("cat | wc -w (baseline)", cat_time),
        (&*format!("index build, {threads} threads"), build),
        ("index build, 1 thread", single),
    ] {
        let s = t.as_secs_f64();
        println!("{name:<34} {s:>9.3} {:>9.1} {:>11.2}x", mb / s, s / cat);
    }
    println!(
        "index size: {:.1} MB (bodies shared with the workspace, not counted) = {:.2}x the body text",
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / body_bytes as f64
    );
    let workspace = Workspace {
        articles: std::sync::Arc::new(articles),
        ..Default::default()
    };
    println!();
    println!(
        "{:<16} {:>9} {:>9} {:>10} {:>9}",
        "kind", "p50 ms", "p95 ms", "hits", "articles"
    );
    for (kind, queries) in QUERIES {
        let mut times = Vec::new();
        let (mut hits, mut docs) = (0, 0);
        for q in *queries {
            let parsed = search::parse(q).map_err(|e| format!("{q}: {e}"))?;
            for _ in 0..QUERY_RUNS {
                let started = Instant::now();
                let result = super::search::search_workspace(&workspace, &index, &parsed);
                times.push(started.elapsed());
                hits = result.hits.len();
                docs = result.articles;
            }
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let mine = &times[times.len() - QUERY_RUNS..];
            println!(
                "  {q:<40} {:>7.2} ms {hits:>9} hits {docs:>7} articles",
                ms(median(mine.to_vec()))
            );
        }
        println!(
            "{kind:<16} {:>9.2} {:>9.2}",
            percentile(times.clone(), 0.5).as_secs_f64() * 1e3,
            percentile(times, 0.95).as_secs_f64() * 1e3,
        );
    }
    println!(
        "(each query run {QUERY_RUNS} times; p50 and p95 over all runs of the kind; hits computed, not printed)"
    );
    recall(&workspace, &index)
}

/// Phrases checked for recall: everything a scan finds must be a hit.
const RECALL_PHRASES: &[&str] = &[
    "interest rates",
    "prime minister",
    "the company said",
    "united states",
    "oil prices",
    "per share",
    "central bank",
    "last year",
];

/// For each phrase, the occurrences a whitespace-normalised, case-insensitive scan finds at
/// word boundaries, and how many of them start a hit of the phrase query.
fn recall(workspace: &Workspace, index: &search::SearchIndex) -> Result<(), String> {
    println!();
    println!(
        "recall of phrases against a scan (case-insensitive, any whitespace, word boundaries):"
    );
    let (mut found_all, mut scanned_all) = (0usize, 0usize);
    for phrase in RECALL_PHRASES {
        let pattern = format!(
            r"(?i)\b{}\b",
            phrase
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        );
        let re = regex::Regex::new(&pattern).map_err(|e| e.to_string())?;
        let parsed = search::parse(&format!("\"{phrase}\"")).map_err(|e| e.to_string())?;
        let result = super::search::search_workspace(workspace, index, &parsed);
        let starts: std::collections::HashSet<(ArticleId, u32)> = result
            .hits
            .iter()
            .filter_map(|h| h.span.map(|(s, _)| (h.article, s)))
            .collect();
        let (mut scanned, mut found) = (0usize, 0usize);
        for a in workspace.articles.iter() {
            for m in re.find_iter(&a.body) {
                scanned += 1;
                found += usize::from(starts.contains(&(a.id, m.start() as u32)));
            }
        }
        println!(
            "  \"{phrase}\": scan {scanned}, of them hits {found}; hits in all {}",
            result.hits.len()
        );
        found_all += found;
        scanned_all += scanned;
    }
    println!(
        "recall: {found_all} of {scanned_all} ({:.2} %)",
        100.0 * found_all as f64 / scanned_all.max(1) as f64
    );
    Ok(())
}

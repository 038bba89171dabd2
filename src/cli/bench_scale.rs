//! `dateline bench scale`: what a large corpus costs end to end — import and save, open, the
//! file's size and the memory an open workspace holds — next to `cat | wc -w` over the same
//! files.

use std::path::PathBuf;
use std::time::Instant;

use super::bench::{baseline, files_and_articles, total_bytes};
use crate::model::Workspace;
use crate::store;

/// Resident memory of this process in bytes (Linux; 0 where /proc is missing).
pub fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Bytes the allocator has handed out and not had back: jemalloc's own count, which the
/// `dateline` binary allocates with; what a structure holds, unlike resident memory, which
/// freed memory not yet returned blurs. 0 where jemalloc is not built (MSVC).
pub fn allocated_bytes() -> u64 {
    #[cfg(not(target_env = "msvc"))]
    {
        if tikv_jemalloc_ctl::epoch::advance().is_ok()
            && let Ok(bytes) = tikv_jemalloc_ctl::stats::allocated::read()
        {
            return bytes as u64;
        }
    }
    0
}

/// Runs the benchmark and prints its table.
pub fn bench_scale(inputs: &[PathBuf]) -> Result<(), String> {
    // The file list only: the import is timed below.
    let files = crate::ingest::collect_sources(inputs).files;
    if files.is_empty() {
        return Err("no article files found to benchmark".into());
    }
    let (words, cat_time) = baseline(&files)?;
    let file_bytes = total_bytes(&files);
    let dir = std::env::temp_dir().join(format!("dateline-bench-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("scale.ron");
    let started = Instant::now();
    let (_, outcome) = files_and_articles(inputs)?;
    let imported = started.elapsed();
    let mut workspace = Workspace::default();
    workspace.merge_import(outcome.articles, outcome.problems);
    let merged = started.elapsed();
    store::save_workspace(&path, &workspace).map_err(|e| e.to_string())?;
    let saved = started.elapsed();
    let articles = workspace.articles.len();
    let text_bytes: usize = workspace
        .articles
        .iter()
        .map(|a| a.original_text().map_or(0, |t| t.len()).max(a.body.len()))
        .sum();
    drop(workspace);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let before = allocated_bytes();
    let started = Instant::now();
    let opened = store::load_workspace(&path).map_err(|e| e.to_string())?;
    let open_time = started.elapsed();
    let held = allocated_bytes().saturating_sub(before);
    let count = opened.articles.len();
    // What the window does in the background once a workspace is open.
    // Each structure's memory is what the allocator holds more once it is built (and kept).
    let mut mark = allocated_bytes();
    let mut grew = || {
        let now = allocated_bytes();
        let delta = now.saturating_sub(mark);
        mark = now;
        delta
    };
    let started = Instant::now();
    let names = crate::extract::entities::all_article_names(&opened.bodies());
    let names_time = started.elapsed();
    let names_bytes = grew();
    let published: std::collections::HashMap<_, _> = opened
        .articles
        .iter()
        .filter_map(|a| a.published.clone().map(|p| (a.id, p)))
        .collect();
    let registry = crate::model::build_registry(&names.records, &opened.entity_decisions, |id| {
        published.get(&id).cloned()
    });
    drop(published);
    let registry_bytes = grew();
    let started = Instant::now();
    let events = crate::extract::events::all_article_events(&opened.articles, &[], &names);
    let events_time = started.elapsed();
    let events_bytes = grew();
    let started = Instant::now();
    let index = crate::search::build_index_now(&opened.articles, &[]);
    let index_time = started.elapsed();
    let index_bytes = grew();
    let started = Instant::now();
    let found = crate::families::detect(&opened);
    let families_time = started.elapsed();
    let families_bytes = grew();
    let background = names_time + events_time + index_time + families_time;
    let suggested = events.len();
    if std::env::var_os("DATELINE_BENCH_DETAIL").is_some() {
        let quotes: usize = events
            .iter()
            .flat_map(|e| &e.evidence)
            .map(|v| v.quote.len())
            .sum();
        let titles: usize = events.iter().map(|e| e.title.len()).sum();
        let parts: usize = events.iter().map(|e| e.participants.len()).sum();
        let part_bytes: usize = events
            .iter()
            .flat_map(|e| &e.participants)
            .map(|p| p.name.len())
            .sum();
        eprintln!(
            "events {suggested} size {} quotes {quotes} titles {titles} participants {parts} ({part_bytes} bytes); records {} size {}",
            std::mem::size_of::<crate::model::Event>(),
            names.len(),
            std::mem::size_of::<crate::model::MentionRecord>(),
        );
    }
    drop((index, events, names, found, registry));
    drop(opened);
    let _ = std::fs::remove_dir_all(&dir);
    if count != articles {
        return Err(format!("saved {articles} articles, opened {count}"));
    }
    let ratio = |t: std::time::Duration| t.as_secs_f64() / cat_time.as_secs_f64();
    println!(
        "files: {}  bytes: {file_bytes}  words (wc -w): {words}  articles: {articles}  threads: {}",
        files.len(),
        rayon::current_num_threads()
    );
    println!("{:<34} {:>10} {:>10}", "", "s", "× cat|wc");
    let row = |name: &str, t: std::time::Duration| {
        println!("{name:<34} {:>10.3} {:>10.2}", t.as_secs_f64(), ratio(t));
    };
    row("cat | wc -w", cat_time);
    row("import (read and parse)", imported);
    row("import + merge", merged);
    row("import + merge + save", saved);
    row("save alone", saved - merged);
    row("open (parse the file)", open_time);
    row("names (background)", names_time);
    row("suggested events (background)", events_time);
    row("search index (background)", index_time);
    row("families (background)", families_time);
    row("all background work", background);
    println!("suggested events: {suggested}");
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "workspace file: {:.1} MB ({:.2}× the files); memory allocated for the open workspace: {:.1} MB ({:.2}× the article text, {:.1} MB)",
        mb(size),
        size as f64 / file_bytes.max(1) as f64,
        mb(held),
        held as f64 / text_bytes.max(1) as f64,
        mb(text_bytes as u64)
    );
    println!(
        "memory of the derived data: names {:.1} MB, registry {:.1} MB, events {:.1} MB, search index {:.1} MB, families {:.1} MB",
        mb(names_bytes),
        mb(registry_bytes),
        mb(events_bytes),
        mb(index_bytes),
        mb(families_bytes)
    );
    Ok(())
}

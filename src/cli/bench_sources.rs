//! `dateline bench sources [N] [--keep DIR]`: one made-up export of N articles (500 unless
//! given) written in every container the databases deliver (Nexis Uni text, Word, RTF and PDF;
//! Factiva RTF and HTML; an RSS feed), then each read to its articles five times; the median
//! time of each, and its ratio to the Nexis text file read in the same process.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::sample_exports::{
    docx_bytes, factiva_html, factiva_rows, nexis_uni_lines, pdf_bytes, rtf_bytes, rtf_table_bytes,
    sample_articles,
};
use crate::ingest::{IngestOptions, read_source_file};

/// Writes the sample exports of `n` articles into `keep` (or a temporary folder) and times
/// reading each.
pub fn bench_sources(n: usize, keep: Option<&Path>) -> Result<(), String> {
    let samples = sample_articles(n, 400, 42);
    let lines = nexis_uni_lines(&samples);
    let rows = factiva_rows(&samples);
    let rss = rss_feed(&samples);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("nexis.txt", lines.join("\n").into_bytes()),
        ("nexis.docx", docx_bytes(&lines)),
        ("nexis.rtf", rtf_bytes(&lines)),
        ("nexis.pdf", pdf_bytes(&lines)),
        ("factiva.rtf", rtf_table_bytes(&rows)),
        ("factiva.html", factiva_html(&rows).into_bytes()),
        ("feed.rss", rss.into_bytes()),
    ];
    let temp;
    let folder: PathBuf = match keep {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            dir.to_path_buf()
        }
        None => {
            temp =
                std::env::temp_dir().join(format!("dateline-bench-sources-{}", std::process::id()));
            std::fs::create_dir_all(&temp).map_err(|e| format!("{}: {e}", temp.display()))?;
            temp
        }
    };
    let options = IngestOptions {
        max_file_bytes: 512 * 1024 * 1024,
    };
    println!("Reading one export of {n} made-up articles in each container (median of 5 reads)");
    println!("| file | size | articles | time | per article | × Nexis text |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut baseline: Option<Duration> = None;
    for (name, bytes) in &files {
        let path = folder.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let read = read_source_file(&path, options).map_err(|e| format!("{name}: {e}"))?;
            times.push(started.elapsed());
            found = read.articles.len();
        }
        times.sort();
        let median = times[2];
        let base = *baseline.get_or_insert(median);
        println!(
            "| {name} | {:.1} MB | {found} | {:.1} ms | {:.0} µs | {:.2} |",
            bytes.len() as f64 / 1e6,
            median.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e6 / found.max(1) as f64,
            median.as_secs_f64() / base.as_secs_f64().max(1e-9),
        );
        if found != n {
            return Err(format!("{name}: {found} articles found, {n} written"));
        }
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&folder);
    }
    Ok(())
}

/// The sample articles as an RSS 2.0 feed with full content.
fn rss_feed(samples: &[super::sample_exports::SampleArticle]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Sample feed</title>",
    );
    for (i, a) in samples.iter().enumerate() {
        let paragraphs: String = a.paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        out.push_str(&format!(
            "<item><title>{}</title><guid>sample-{i}</guid><pubDate>Mon, 05 Mar 2012 10:30:00 +0000</pubDate><content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>",
            a.headline
        ));
    }
    out.push_str("</channel></rss>");
    out
}

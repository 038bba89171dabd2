//! Dateline's search index next to tantivy 0.27 on the same article bodies, in one process:
//! index build time and the latency of the same queries (tantivy counts matching documents;
//! Dateline finds every hit with its span, which is what the Search tab needs).
//!
//! cargo run --release -- DIR… [--copies N]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dateline::ingest::{ImportProgress, IngestOptions, import_paths};
use dateline::model::{Article, ArticleId, Workspace};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

/// The same query for Dateline, for tantivy, and the scan that finds the hits' offsets in
/// the articles tantivy returns (the design the issue proposed: tantivy for documents, a scan
/// for keyword-in-context offsets).
const QUERIES: &[(&str, &str, &str, &str)] = &[
    ("word", "oil", "oil", r"(?i)\boil\b"),
    ("word", "said", "said", r"(?i)\bsaid\b"),
    (
        "phrase",
        "\"interest rates\"",
        "\"interest rates\"",
        r"(?i)\binterest\W+rates\b",
    ),
    (
        "phrase",
        "\"the company said\"",
        "\"the company said\"",
        r"(?i)\bthe\W+company\W+said\b",
    ),
    (
        "boolean",
        "(oil OR gas) -opec",
        "+(oil gas) -opec",
        r"(?i)\b(oil|gas)\b",
    ),
    (
        "boolean",
        "bank -england",
        "+bank -england",
        r"(?i)\bbank\b",
    ),
    (
        "boolean",
        "trade (japan OR china)",
        "+trade +(japan china)",
        r"(?i)\b(trade|japan|china)\b",
    ),
];

/// Lower case and ASCII folding, as close as tantivy comes to Dateline's folding.
fn register_folding(index: &Index) {
    index.tokenizers().register(
        "fold",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}

/// tantivy's index of the bodies, built with `threads` writer threads.
fn tantivy_index(
    schema: &Schema,
    body: tantivy::schema::Field,
    articles: &[Article],
    threads: usize,
) -> Result<Index, String> {
    let index = Index::create_in_ram(schema.clone());
    register_folding(&index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, 500_000_000 * threads)
        .map_err(|e| e.to_string())?;
    for a in articles {
        let mut doc = TantivyDocument::default();
        doc.add_text(body, &*a.body);
        writer.add_document(doc).map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    Ok(index)
}

fn median(mut t: Vec<Duration>) -> Duration {
    t.sort();
    t[t.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> Result<(), String> {
    let mut dirs = Vec::new();
    let mut copies = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--copies" {
            copies = args
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or("--copies N")?;
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    let outcome = import_paths(
        &dirs,
        IngestOptions::default(),
        &ImportProgress::default(),
        &|| {},
    );
    let mut articles: Vec<Article> = Vec::new();
    for _ in 0..copies {
        for a in &outcome.articles {
            let mut a = a.clone();
            a.id = ArticleId(articles.len() as u64);
            a.body = std::sync::Arc::from(&*a.body);
            articles.push(a);
        }
    }
    let mb = articles.iter().map(|a| a.body.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB of body text, {} threads",
        articles.len(),
        rayon::current_num_threads()
    );

    // Dateline.
    let mut builds = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(dateline::search::build_index_now(&articles, &[]));
        builds.push(t.elapsed());
    }
    let dl_build = median(builds);
    let dl_index = dateline::search::build_index_now(&articles, &[]);

    // tantivy: positions, lower case and ASCII folding (Dateline folds accents too).
    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("fold")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let body = schema.add_text_field(
        "body",
        TextOptions::default().set_indexing_options(indexing),
    );
    let schema = schema.build();
    let mut builds = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(tantivy_index(&schema, body, &articles, 2)?);
        builds.push(t.elapsed());
    }
    let tv_build = median(builds);
    // For the hits, one segment so that a document's number is its article's position.
    let index = tantivy_index(&schema, body, &articles, 1)?;
    // Dateline's build also finds and normalises every time expression (for mentions:).
    let t = Instant::now();
    {
        use rayon::prelude::*;
        let n: usize = articles
            .par_iter()
            .map(|a| dateline::extract::timex::article_timexes(a, &[]).len())
            .sum();
        std::hint::black_box(n);
    }
    let timex_time = t.elapsed();
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    if searcher.segment_readers().len() != 1 {
        return Err(
            "tantivy made more than one segment; doc numbers would not be positions".into(),
        );
    }
    let parser = QueryParser::for_index(&index, vec![body]);

    println!("| | Dateline | tantivy | Dateline ÷ tantivy |");
    println!("|---|---:|---:|---:|");
    println!(
        "| index build | {:.3} s ({:.1} MB/s) | {:.3} s ({:.1} MB/s) | {:.2} |",
        dl_build.as_secs_f64(),
        mb / dl_build.as_secs_f64(),
        tv_build.as_secs_f64(),
        mb / tv_build.as_secs_f64(),
        dl_build.as_secs_f64() / tv_build.as_secs_f64()
    );
    let words_only = dl_build.saturating_sub(timex_time);
    println!(
        "| index build without the time expressions ({:.3} s of it) | {:.3} s ({:.1} MB/s) | | {:.2} |",
        timex_time.as_secs_f64(),
        words_only.as_secs_f64(),
        mb / words_only.as_secs_f64(),
        words_only.as_secs_f64() / tv_build.as_secs_f64()
    );
    let workspace = Workspace {
        articles: std::sync::Arc::new(articles),
        ..Default::default()
    };
    println!(
        "| query | Dateline: every hit with its span | tantivy: matching articles (Count) | tantivy + scan: every hit with its span | Dateline ÷ tantivy + scan |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (kind, ours, theirs, scan) in QUERIES {
        let scan = regex::Regex::new(scan).map_err(|e| e.to_string())?;
        let parsed = dateline::search::parse(ours).map_err(|e| e.to_string())?;
        let ctx = dateline::search::Context::without_names(&dl_index, &workspace);
        let (mut dl, mut tv, mut tvs) = (Vec::new(), Vec::new(), Vec::new());
        let (mut dl_docs, mut dl_hits, mut tv_docs, mut tv_hits) = (0, 0, 0, 0);
        for _ in 0..21 {
            let t = Instant::now();
            let r = dateline::search::search(&parsed, &ctx);
            dl.push(t.elapsed());
            dl_docs = r.articles;
            dl_hits = r.hits.len();
            let t = Instant::now();
            let q = parser.parse_query(theirs).map_err(|e| e.to_string())?;
            tv_docs = searcher.search(&q, &Count).map_err(|e| e.to_string())?;
            tv.push(t.elapsed());
            // The proposed design: tantivy's documents, then a scan of each for the offsets.
            let t = Instant::now();
            let q = parser.parse_query(theirs).map_err(|e| e.to_string())?;
            let docs = searcher
                .search(&q, &DocSetCollector)
                .map_err(|e| e.to_string())?;
            let mut numbers: Vec<u32> = docs.into_iter().map(|d| d.doc_id).collect();
            numbers.sort_unstable();
            let mut spans: Vec<(u32, usize, usize)> = Vec::new();
            for n in numbers {
                let text = &workspace.articles[n as usize].body;
                spans.extend(scan.find_iter(text).map(|m| (n, m.start(), m.end())));
            }
            tv_hits = spans.len();
            tvs.push(t.elapsed());
        }
        let (d, t, ts) = (median(dl), median(tv), median(tvs));
        println!(
            "| {kind}: {ours} | {:.2} ms ({dl_hits} hits in {dl_docs} articles) | {:.2} ms ({tv_docs} articles) | {:.2} ms ({tv_hits} hits) | {:.2} |",
            ms(d),
            ms(t),
            ms(ts),
            d.as_secs_f64() / ts.as_secs_f64()
        );
    }
    Ok(())
}

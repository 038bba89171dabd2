//! `dateline extract --jsonl`: the extraction as a strict streaming filter, for a step of a
//! Spark job (`RDD.pipe`, SQL `TRANSFORM`), GNU parallel or a shell pipe.
//!
//! The contract: exactly one compact JSON line out for every line in, in the same order; a
//! record that cannot be read or extracted is one `{"id", "error"}` line and the stream goes
//! on; a failure to read the input or to write the output (a closed pipe) ends the run with
//! an error, so the caller sees a non-zero exit. Nothing depends on the clock or on the other
//! records: the output for a line is the same byte for byte on every run, with any number of
//! threads. Memory stays bounded whatever the stream's length: lines are read a batch at a
//! time, and a line longer than the article size limit is refused without being held.

use std::io::{BufRead, Write};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::ingest::IngestOptions;
use crate::ingest::jsonl::{LineReader, input_article, record_id};
use crate::model::{Article, PublishedAt};

/// The version every output record carries, so results of different engines never mix
/// unnoticed.
pub const EXTRACTOR: &str = concat!("dateline ", env!("CARGO_PKG_VERSION"));

/// What the input lines are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamInput {
    /// `{"id", "text"}` objects, with optional `"published"`, `"source"` and `"html"`.
    Records,
    /// One file path per line (an article file, or an export or feed that holds many).
    Paths,
}

/// How the filter runs.
#[derive(Clone, Debug)]
pub struct StreamOptions {
    /// What the lines are.
    pub input: StreamInput,
    /// Worker threads (1: the calling thread only).
    pub threads: usize,
    /// The reference date for articles without a full publication date.
    pub reference: Option<NaiveDate>,
    /// The size limit of one article (a longer line is an error record).
    pub ingest: IngestOptions,
    /// With paths: the folder each path's records are written to, a file per path, so that
    /// the bulk of the text never passes through the caller's pipe; the line out then says
    /// where they went.
    pub out_dir: Option<std::path::PathBuf>,
}

/// Counts of a finished run, for the caller's message on stderr.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Lines read.
    pub lines: u64,
    /// Lines answered with an error record.
    pub errors: u64,
}

/// Lines handed to the workers at a time, per thread: enough to keep them busy, few enough
/// that memory does not grow with the stream.
const BATCH_PER_THREAD: usize = 32;

/// Runs the filter from `input` to `output`. `Err` only for the stream itself: reading the
/// input or writing the output failed.
pub fn run_stream(
    input: impl BufRead,
    mut output: impl Write,
    options: &StreamOptions,
) -> Result<StreamSummary, String> {
    let threads = options.threads.max(1);
    let pool = if threads > 1 {
        Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("dateline-extract-{i}"))
                .build()
                .map_err(|e| format!("could not start {threads} threads: {e}"))?,
        )
    } else {
        None
    };
    let mut lines = LineReader::new(input, options.ingest.max_file_bytes);
    let mut summary = StreamSummary::default();
    let mut batch: Vec<(usize, Result<String, String>)> = Vec::new();
    loop {
        batch.clear();
        while batch.len() < BATCH_PER_THREAD * threads {
            match lines.next_line() {
                Ok(Some(line)) => {
                    summary.lines += 1;
                    batch.push(line);
                }
                Ok(None) => break,
                Err(e) => return Err(format!("reading the input failed: {e}")),
            }
        }
        if batch.is_empty() {
            break;
        }
        let answer = |(n, line): &(usize, Result<String, String>)| answer_line(*n, line, options);
        let answers: Vec<(String, bool)> = match &pool {
            Some(pool) => pool.install(|| batch.par_iter().map(answer).collect()),
            None => batch.iter().map(answer).collect(),
        };
        for (text, failed) in answers {
            summary.errors += u64::from(failed);
            output
                .write_all(text.as_bytes())
                .and_then(|()| output.write_all(b"\n"))
                .map_err(|e| format!("writing the output failed: {e}"))?;
        }
        output
            .flush()
            .map_err(|e| format!("writing the output failed: {e}"))?;
    }
    Ok(summary)
}

/// The output line for input line `n`, and whether it is an error record. A panic inside the
/// engine becomes an error record too: one bad article never ends a partition.
fn answer_line(n: usize, line: &Result<String, String>, options: &StreamOptions) -> (String, bool) {
    let record = match line {
        Err(reason) => Err((Value::Null, format!("line {n}: {reason}"))),
        Ok(text) => std::panic::catch_unwind(|| match options.input {
            StreamInput::Records => record_line(n, text, options),
            StreamInput::Paths => path_line(n, text, options),
        })
        .unwrap_or_else(|_| {
            Err((
                Value::Null,
                format!("line {n}: the extractor failed on this record (an internal error)"),
            ))
        }),
    };
    match record {
        Ok(value) => (value.to_string(), false),
        Err((id, error)) => (json!({"id": id, "error": error}).to_string(), true),
    }
}

type Answer = Result<Value, (Value, String)>;

/// An article given as `{"id", "text", "published"?, "source"?, "html"?}`.
fn record_line(n: usize, line: &str, options: &StreamOptions) -> Answer {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| (Value::Null, format!("line {n}: not a JSON object: {e}")))?;
    let Value::Object(fields) = value else {
        return Err((Value::Null, format!("line {n}: not a JSON object")));
    };
    let id = match fields.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(_) => {
            return Err((
                Value::Null,
                format!("line {n}: \"id\" is not a string or number"),
            ));
        }
        None => return Err((Value::Null, format!("line {n}: no \"id\""))),
    };
    let name = record_id(&fields).unwrap_or_default();
    let article = input_article(&fields, &name).map_err(|e| (id.clone(), e))?;
    Ok(article_record(id, &article, options))
}

/// A file given by its path: one record for an article file, a `"records"` list for a file
/// that holds many (each with the id `path#N`).
fn path_line(n: usize, path: &str, options: &StreamOptions) -> Answer {
    let id = Value::String(path.to_string());
    if path.trim().is_empty() {
        return Err((id, format!("line {n}: an empty path")));
    }
    if let Some(folder) = &options.out_dir {
        return written_to(folder, path, options).map_err(|e| (id, e));
    }
    let found = crate::ingest::read_source_file(Path::new(path), options.ingest)
        .map_err(|e| (id.clone(), e.to_string()))?;
    let mut records: Vec<Value> = found
        .articles
        .iter()
        .map(|article| {
            let own = if article.source.item.is_some() {
                Value::String(article.source.display_path())
            } else {
                id.clone()
            };
            article_record(own, article, options)
        })
        .collect();
    let problems: Vec<Value> = found
        .problems
        .iter()
        .map(|p| json!({"id": p.path.to_string_lossy(), "error": p.reason}))
        .collect();
    if records.len() == 1 && problems.is_empty() && found.articles[0].source.item.is_none() {
        return Ok(records.remove(0));
    }
    records.extend(problems);
    Ok(json!({"id": id, "extractor": EXTRACTOR, "records": records}))
}

/// A path's records written to a file of their own in `folder` (to a temporary name, then
/// renamed: a file there is always whole): a JSON Lines file of records is filtered line for
/// line, exactly as on stdin; any other file gives one line per article and per problem. The
/// answer says where they went and how many there are.
fn written_to(folder: &Path, path: &str, options: &StreamOptions) -> Result<Value, String> {
    use sha2::{Digest, Sha256};
    let source = Path::new(path);
    let stem = source
        .file_stem()
        .map_or_else(|| "input".into(), |s| s.to_string_lossy().into_owned());
    let digest = Sha256::digest(path.as_bytes());
    let tag: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let target = folder.join(format!("{stem}-{tag}.jsonl"));
    let temp = folder.join(format!(".{stem}-{tag}.jsonl.part"));
    let write = || -> Result<(u64, u64), String> {
        let file = std::fs::File::create(&temp)
            .map_err(|e| format!("{} could not be written: {e}", temp.display()))?;
        let mut out = std::io::BufWriter::new(file);
        let counts = if crate::ingest::jsonl::is_jsonl_path(source) {
            let input =
                std::fs::File::open(source).map_err(|e| format!("could not be read: {e}"))?;
            let records = StreamOptions {
                input: StreamInput::Records,
                threads: 1,
                out_dir: None,
                ..options.clone()
            };
            let summary = run_stream(std::io::BufReader::new(input), &mut out, &records)?;
            (summary.lines, summary.errors)
        } else {
            let answer = path_line(
                0,
                path,
                &StreamOptions {
                    out_dir: None,
                    ..options.clone()
                },
            );
            let lines: Vec<Value> = match answer {
                Ok(Value::Object(mut fields)) => match fields.remove("records") {
                    Some(Value::Array(records)) => records,
                    _ => vec![Value::Object(fields)],
                },
                Ok(other) => vec![other],
                Err((id, error)) => vec![json!({"id": id, "error": error})],
            };
            let errors = lines.iter().filter(|v| v.get("error").is_some()).count();
            for line in &lines {
                writeln!(out, "{line}").map_err(|e| format!("writing failed: {e}"))?;
            }
            (lines.len() as u64, errors as u64)
        };
        let file = out
            .into_inner()
            .map_err(|e| format!("writing failed: {e}"))?;
        file.sync_all()
            .map_err(|e| format!("writing failed: {e}"))?;
        Ok(counts)
    };
    let (lines, errors) = write().inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })?;
    std::fs::rename(&temp, &target)
        .map_err(|e| format!("{} could not be written: {e}", target.display()))?;
    Ok(json!({
        "id": path,
        "extractor": EXTRACTOR,
        "output": target.to_string_lossy(),
        "lines": lines,
        "errors": errors,
    }))
}

/// The fields of `dateline extract` for one article, with its id and the extractor's version.
fn article_record(id: Value, article: &Article, options: &StreamOptions) -> Value {
    let mut article = std::borrow::Cow::Borrowed(article);
    if let Some(date) = options.reference
        && article
            .published
            .as_ref()
            .and_then(PublishedAt::date)
            .is_none()
    {
        article.to_mut().reference_override = Some(date);
    }
    let record = super::extract_record(&article, None);
    let mut out = Map::new();
    out.insert("id".into(), id);
    out.insert("extractor".into(), EXTRACTOR.into());
    if let Value::Object(fields) = record {
        out.extend(fields);
    }
    Value::Object(out)
}

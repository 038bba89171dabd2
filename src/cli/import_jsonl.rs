//! `dateline import --from-jsonl OUT.jsonl [--query Q] [--ids FILE] -o WS.ron`: a slice of an
//! archive's extraction output (a cluster's `dateline extract --jsonl`) pulled into a
//! workspace, with the names and time expressions the run found kept, so the window opens
//! without finding them again.
//!
//! The output can be larger than memory: it is read a line at a time and narrowed a batch at a
//! time (the query is a predicate on each article, so batches give the same slice as the
//! whole). The lines kept are written, as they were, to a file of their own beside the
//! workspace (`WS-OUT-1.jsonl`, a new number each pull): that file is the articles' source, so
//! a rescan reads exactly the slice again, never the whole output.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::ingest::jsonl::{LineReader, visit_jsonl};
use crate::model::{ArticleId, Workspace};
use crate::search::{self, build_index_now};

/// Lines narrowed at a time: enough for the index to be worth building, few enough to keep
/// memory to a batch of the output.
const BATCH_LINES: usize = 10_000;

/// What narrows the output.
pub struct Narrowing<'a> {
    /// A search query every kept article matches.
    pub query: Option<&'a str>,
    /// A file of record ids, one a line, that are kept.
    pub ids: Option<&'a Path>,
}

/// Runs the import and prints its summary.
pub fn import_from_jsonl(
    input: &Path,
    narrowing: Narrowing<'_>,
    output: &Path,
) -> Result<(), String> {
    let query = narrowing
        .query
        .map(|q| search::parse(q).map_err(|e| format!("the query cannot be read: {e}")))
        .transpose()?;
    let ids = narrowing.ids.map(read_ids).transpose()?;
    let mut workspace = if output.exists() {
        super::commands::open_workspace(output)
            .map_err(|e| format!("{e}\nNothing was imported."))?
    } else {
        Workspace::default()
    };
    let options = super::commands::configured_ingest();
    let source = if query.is_none() && ids.is_none() && !input.is_dir() {
        input.to_path_buf()
    } else {
        let mut slice = Slice::default();
        for file in output_files(input)? {
            let reader = std::fs::File::open(&file)
                .map_err(|e| format!("{} could not be read: {e}", file.display()))?;
            narrow(
                std::io::BufReader::new(reader),
                &file,
                query.as_ref(),
                ids.as_ref(),
                options,
                &mut slice,
            )?;
        }
        if slice.lines == 0 {
            return Err(format!(
                "no article of {} matches; nothing was imported",
                input.display()
            ));
        }
        let path = slice_path(output, input);
        crate::store::write_atomically(&path, &slice.bytes, None).map_err(|e| e.to_string())?;
        println!(
            "Kept {} of {} lines of {} in {}.",
            slice.lines,
            slice.read,
            input.display(),
            path.display()
        );
        path
    };
    let source = std::path::absolute(&source).unwrap_or(source);
    let found = crate::ingest::read_source_file(&source, options)
        .map_err(|e| format!("{}: {e}", source.display()))?;
    let articles = found.articles.len();
    let merge = workspace.merge_import(found.articles, found.problems.clone());
    // The file is the source, not its folder: a rescan of the folder would take in the whole
    // output the slice was cut from.
    workspace.remember_sources(std::slice::from_ref(&source));
    crate::store::save_workspace(output, &workspace).map_err(|e| e.to_string())?;
    println!(
        "Imported {articles} articles with their names and time expressions into {} ({} added, {} updated, {} unchanged).",
        output.display(),
        merge.added,
        merge.updated,
        merge.unchanged
    );
    println!("The workspace holds {} articles.", workspace.articles.len());
    if !found.problems.is_empty() {
        println!("Skipped {} records:", found.problems.len());
        for problem in &found.problems {
            println!("  {}: {}", problem.path.display(), problem.reason);
        }
    }
    Ok(())
}

fn read_ids(path: &Path) -> Result<HashSet<String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{} could not be read: {e}", path.display()))?;
    let ids: HashSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        return Err(format!("{} lists no ids", path.display()));
    }
    Ok(ids)
}

/// The files of extraction output: the file itself, or a folder's JSON Lines and part files
/// (what Spark writes: `part-00000`…, its `_SUCCESS` and checksums left out), in name order.
fn output_files(input: &Path) -> Result<Vec<PathBuf>, String> {
    if !input.is_dir() {
        return Ok(vec![input.to_path_buf()]);
    }
    let entries = std::fs::read_dir(input)
        .map_err(|e| format!("{} could not be read: {e}", input.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            !name.starts_with(['.', '_'])
                && !name.ends_with(".crc")
                && (name.starts_with("part-") || crate::ingest::jsonl::is_jsonl_path(p))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{} holds no JSON Lines (.jsonl) or part files",
            input.display()
        ));
    }
    Ok(files)
}

/// The lines kept, as they were.
#[derive(Default)]
struct Slice {
    bytes: Vec<u8>,
    lines: usize,
    read: usize,
}

/// The lines of `input` with an article that the ids and the query keep, added to `slice`.
fn narrow(
    input: impl BufRead,
    name: &Path,
    query: Option<&search::Query>,
    ids: Option<&HashSet<String>>,
    options: crate::ingest::IngestOptions,
    slice: &mut Slice,
) -> Result<(), String> {
    let mut lines = LineReader::new(input, options.max_file_bytes);
    let mut batch: Vec<String> = Vec::new();
    let fail = |e: std::io::Error| format!("{} could not be read: {e}", name.display());
    loop {
        let line = lines.next_line().map_err(fail)?;
        let end = line.is_none();
        if let Some((_, Ok(text))) = line
            && !text.trim().is_empty()
        {
            slice.read += 1;
            batch.push(text);
        }
        if batch.len() >= BATCH_LINES || (end && !batch.is_empty()) {
            for kept in kept_lines(&batch, name, query, ids, options)? {
                slice.bytes.extend_from_slice(batch[kept].as_bytes());
                slice.bytes.push(b'\n');
                slice.lines += 1;
            }
            batch.clear();
        }
        if end {
            return Ok(());
        }
    }
}

/// Which lines of a batch hold an article the ids and the query keep.
fn kept_lines(
    batch: &[String],
    name: &Path,
    query: Option<&search::Query>,
    ids: Option<&HashSet<String>>,
    options: crate::ingest::IngestOptions,
) -> Result<Vec<usize>, String> {
    let keep = |id: &str| ids.is_none_or(|ids| ids.contains(id));
    let mut workspace = Workspace::default();
    let mut line_of: Vec<usize> = Vec::new();
    for (k, line) in batch.iter().enumerate() {
        let mut articles = Vec::new();
        visit_jsonl(name, line.as_bytes(), options, &keep, |found| {
            if let Ok(article) = found {
                articles.push(article);
            }
        })
        .map_err(|e| e.to_string())?;
        for mut article in articles {
            article.id = ArticleId(line_of.len() as u64);
            line_of.push(k);
            workspace.articles_mut().push(article);
        }
    }
    let matched: HashSet<ArticleId> = match query {
        None => workspace.articles.iter().map(|a| a.id).collect(),
        Some(query) => {
            let index = build_index_now(&workspace.articles, &[]);
            super::search::search_workspace(&workspace, &index, query)
                .hits
                .iter()
                .map(|h| h.article)
                .collect()
        }
    };
    let mut kept: Vec<usize> = matched.iter().map(|id| line_of[id.0 as usize]).collect();
    kept.sort_unstable();
    kept.dedup();
    Ok(kept)
}

/// `WS-OUT-N.jsonl` beside the workspace, with the first N not taken.
fn slice_path(workspace: &Path, input: &Path) -> PathBuf {
    let folder = workspace
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stem = |p: &Path| {
        p.file_stem()
            .map_or_else(|| "slice".into(), |s| s.to_string_lossy().into_owned())
    };
    let base = format!("{}-{}", stem(workspace), stem(input));
    (1..)
        .map(|n| folder.join(format!("{base}-{n}.jsonl")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| folder.join(format!("{base}.jsonl")))
}

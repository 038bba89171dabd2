//! `dateline export` and the annotation files `dateline import` lays over a workspace.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::exchange::{self, ExportData, ExportFormat};
use crate::model::{ArticleId, Workspace};

/// `dateline export WORKSPACE --format F -o PATH [--query QUERY]`.
pub fn export_command(
    workspace_path: &Path,
    format: ExportFormat,
    output: &Path,
    query: Option<&str>,
) -> Result<(), String> {
    // A bad query is refused before anything is read.
    let parsed = query
        .map(|q| crate::search::parse(q).map_err(|e| format!("the query cannot be read: {e}")))
        .transpose()?;
    let workspace = super::commands::open_workspace(workspace_path)
        .map_err(|e| format!("{e}\nNothing was exported."))?;
    let only: Option<HashSet<ArticleId>> = parsed.map(|q| {
        let index =
            crate::search::build_index_now(&workspace.articles, &workspace.timex_corrections);
        super::search::search_workspace(&workspace, &index, &q)
            .article_ids()
            .into_iter()
            .collect()
    });
    let started = std::time::Instant::now();
    let data = ExportData::new(&workspace, only.as_ref());
    let report = exchange::export(&data, format, output).map_err(|e| e.to_string())?;
    println!(
        "Exported {} articles, {} annotations and {} events as {} to {} in {:.2} s.",
        report.articles,
        report.annotations,
        report.events,
        format.name(),
        output.display(),
        started.elapsed().as_secs_f64()
    );
    for lost in &report.lost {
        eprintln!("dateline: not in the export: {lost}");
    }
    Ok(())
}

/// Lays the annotation files over `workspace` (after its articles were imported; a REFI-QDA
/// project's sources are added as articles first) and says what happened.
pub fn import_annotations(workspace: &mut Workspace, files: &[PathBuf]) -> Result<(), String> {
    for file in files {
        let read = exchange::AnnotationFile::read(file).map_err(|e| e.to_string())?;
        let (articles, problems) =
            read.new_articles(workspace, super::commands::configured_ingest());
        if !articles.is_empty() || !problems.is_empty() {
            let merged = workspace.merge_import(articles, problems);
            println!(
                "{}: {} new articles from its sources",
                file.display(),
                merged.added
            );
        }
        let (edit, report) = read.plan(workspace);
        if let Some(edit) = edit {
            edit.apply(workspace)
                .map_err(|e| format!("{}: {e}", file.display()))?;
        }
        println!("{}: {}.", file.display(), report.summary());
        let mut skipped = report.skipped.clone();
        skipped.sort();
        skipped.dedup();
        for s in skipped {
            println!("  not kept: {s}");
        }
    }
    Ok(())
}

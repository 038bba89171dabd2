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

/// True for what `dateline import` reads as annotations rather than articles: W3C `.jsonld`
/// files, brat `.ann` files and brat folders (with an `annotation.conf`).
pub fn is_annotation_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonld") || e.eq_ignore_ascii_case("qdpx"))
        || exchange::brat_import::is_brat(path)
}

/// Lays the annotation files over `workspace` (after its articles were imported) and says
/// what happened.
pub fn import_annotations(workspace: &mut Workspace, files: &[PathBuf]) -> Result<(), String> {
    for file in files {
        let is_qdpx = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"));
        let (edit, report) = if is_qdpx {
            let project = exchange::qdpx_import::read(file).map_err(|e| e.to_string())?;
            let (articles, problems) = exchange::qdpx_import::new_articles(
                workspace,
                &project,
                super::commands::configured_ingest(),
            );
            let merged = workspace.merge_import(articles, problems);
            println!(
                "{}: {} sources, {} new articles",
                file.display(),
                project.sources.len(),
                merged.added
            );
            exchange::qdpx_import::import(workspace, &project)
        } else if exchange::brat_import::is_brat(file) {
            let folder = exchange::brat_import::read(file).map_err(|e| e.to_string())?;
            exchange::brat_import::import(workspace, &folder)
        } else {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("{}: reading failed: {e}", file.display()))?;
            let root = exchange::w3c::read(file, &text).map_err(|e| e.to_string())?;
            exchange::w3c::import(workspace, &root)
        };
        if let Some(edit) = edit {
            edit.apply(workspace)
                .map_err(|e| format!("{}: {e}", file.display()))?;
        }
        println!(
            "{}: {} annotations placed ({} found by their words, {} counted in UTF-16), {} events, {} tags added, {} already there, {} orphaned, {} for texts not in the workspace.",
            file.display(),
            report.placed,
            report.reanchored,
            report.utf16,
            report.events,
            report.tags_added,
            report.already,
            report.orphaned,
            report.unmatched
        );
        let mut skipped = report.skipped.clone();
        skipped.sort();
        skipped.dedup();
        for s in skipped {
            println!("  not kept: {s}");
        }
    }
    Ok(())
}

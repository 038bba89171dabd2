//! `dateline rescan WORKSPACE.ron [--json]`: reads the workspace's sources again, re-anchors
//! the work in changed articles, saves the workspace and reports every annotation.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde_json::json;

use crate::ingest::{ImportProgress, IngestOptions, scan_sources};
use crate::model::{AnchorStatus, RescanReport, Workspace};
use crate::store;

/// Reads the sources of `workspace` again and lays what changed over it; `Err` with a message
/// when not one source is reachable (nothing is changed then).
pub fn rescan_workspace(
    workspace: &mut Workspace,
    options: IngestOptions,
) -> Result<RescanReport, String> {
    let paths = workspace.rescan_paths();
    let articles = workspace.source_files();
    let known = workspace.source_hashes();
    let scan = scan_sources(
        &paths,
        &articles,
        &known,
        options,
        &ImportProgress::default(),
        &|| {},
    );
    if scan.offline {
        return Err(format!(
            "none of the {} source files and folders exists (a disk not mounted, or the \
             workspace moved without its articles?); nothing was changed",
            scan.gone.len()
        ));
    }
    let complete = !scan.outcome.cancelled;
    let unchanged = scan.outcome.files_unchanged;
    let mut report = workspace.apply_rescan(
        scan.outcome.articles,
        scan.outcome.problems,
        &scan.gone,
        complete,
    );
    report.unchanged += unchanged;
    Ok(report)
}

/// The command: rescan, save (only when something changed), report.
pub fn rescan(path: &Path, as_json: bool, options: IngestOptions) -> Result<(), String> {
    let mut workspace = super::commands::open_workspace(path)
        .map_err(|e| format!("{e}\nNothing was rescanned."))?;
    let report = rescan_workspace(&mut workspace, options)?;
    if report.changed_anything() {
        store::save_workspace(path, &workspace)
            .map_err(|e| format!("{e}\nThe workspace file was not changed."))?;
    }
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = if as_json {
        write_json(&mut out, &workspace, &report)
    } else {
        write_text(&mut out, path, &workspace, &report)
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| format!("writing the report: {e}"))
}

fn article_name(workspace: &Workspace, id: crate::model::ArticleId) -> String {
    workspace
        .article(id)
        .map(|a| a.source.path.display().to_string())
        .unwrap_or_else(|| format!("article {}", id.0))
}

fn write_json(
    out: &mut impl Write,
    workspace: &Workspace,
    report: &RescanReport,
) -> io::Result<()> {
    for a in report.annotations.iter() {
        let line = json!({
            "article": article_name(workspace, a.article),
            "annotation": a.annotation.0,
            "status": a.status,
            "old": [a.old.0, a.old.1],
            "new": a.new.map(|(s, e)| [s, e]),
            "quote": a.quote,
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    path: &Path,
    workspace: &Workspace,
    report: &RescanReport,
) -> io::Result<()> {
    writeln!(out, "{}.", report.summary())?;
    for moved in &report.moved {
        writeln!(
            out,
            "  moved: {} -> {}",
            moved.from.display(),
            moved.to.display()
        )?;
    }
    for gone in &report.missing {
        writeln!(out, "  gone: {} (article kept)", gone.display())?;
    }
    for a in report.annotations.iter() {
        let place = |(s, e): (usize, usize)| format!("{s}..{e}");
        let detail = match (a.status, a.new) {
            (AnchorStatus::Unchanged, _) => continue,
            (AnchorStatus::Moved, Some(new)) => format!("moved {} -> {}", place(a.old), place(new)),
            _ => format!("orphaned (was {})", place(a.old)),
        };
        writeln!(
            out,
            "  annotation {} in {}: {detail}: {:?}",
            a.annotation.0,
            article_name(workspace, a.article),
            a.quote
        )?;
    }
    if report.changed_anything() {
        writeln!(out, "Saved {}.", path.display())?;
    } else {
        writeln!(out, "Nothing changed; {} was not written.", path.display())?;
    }
    if !workspace.orphans.is_empty() {
        writeln!(
            out,
            "{} orphaned items wait in the workspace to be placed or deleted (Orphans tab).",
            workspace.orphans.len()
        )?;
    }
    Ok(())
}

//! `dateline search WORKSPACE.ron QUERY`: every hit of a query as a keyword-in-context line, or
//! as JSON, or counted.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde_json::json;

use crate::extract::entities::{CorpusNames, all_article_names};
use crate::model::{Workspace, build_registry};
use crate::search::{self, Context, SearchIndex, SearchResult, build_index_now, hit_text};

/// How `dateline search` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchOutput {
    /// At most this many hits.
    pub limit: Option<usize>,
    /// JSON lines instead of text.
    pub json: bool,
    /// Only the numbers of hits and articles.
    pub count: bool,
}

/// The names of every article of `workspace`, found in parallel.
pub fn workspace_names(workspace: &Workspace) -> CorpusNames {
    all_article_names(&workspace.bodies())
}

/// Runs a query over a workspace as the window would (names found only when the query asks
/// for an entity).
pub fn search_workspace(
    workspace: &Workspace,
    index: &SearchIndex,
    query: &search::Query,
) -> SearchResult {
    let names = if search::query::uses_entities(query) {
        workspace_names(workspace)
    } else {
        CorpusNames::default()
    };
    let registry = build_registry(&names.records, &workspace.entity_decisions, |id| {
        workspace.article(id).and_then(|a| a.published.clone())
    });
    let ctx = Context {
        index,
        annotations: &workspace.annotations,
        codebook: &workspace.codebook,
        names: &names.records,
        decisions: &workspace.entity_decisions,
        registry: &registry,
    };
    search::search(query, &ctx)
}

/// `dateline search`: parse the query (a bad one is refused before the workspace is read),
/// open the workspace, index it and print the hits.
pub fn search_command(path: &Path, query: &str, output: SearchOutput) -> Result<(), String> {
    let parsed = search::parse(query).map_err(|e| format!("the query cannot be read: {e}"))?;
    let workspace =
        super::commands::open_workspace(path).map_err(|e| format!("{e}\nNothing was searched."))?;
    let index = build_index_now(&workspace.articles, &workspace.timex_corrections);
    let result = search_workspace(&workspace, &index, &parsed);
    for note in &result.notes {
        eprintln!("dateline: {note}");
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let write_err = |e: io::Error| format!("could not write the results: {e}");
    if output.count {
        let found = crate::families::detect(&workspace);
        writeln!(
            out,
            "{} (of {})",
            result.summary_counting(&found),
            result.total
        )
        .map_err(write_err)?;
        return out.flush().map_err(write_err);
    }
    let limit = output.limit.unwrap_or(usize::MAX);
    for hit in result.hits.iter().take(limit) {
        let Some(article) = workspace.article(hit.article) else {
            continue;
        };
        let Some(line) = hit_text(&index, hit, 60) else {
            continue;
        };
        let source = article.source.path.to_string_lossy();
        if output.json {
            let (start, end) = match hit.span {
                Some(_) => (json!(line.start), json!(line.end)),
                None => (json!(null), json!(null)),
            };
            let record = json!({
                "article": source,
                "headline": article.headline,
                "published": article.published.as_ref().map(|p| p.to_iso()),
                "start": start,
                "end": end,
                "text": line.text,
                "left": line.left,
                "right": line.right,
            });
            writeln!(out, "{record}").map_err(write_err)?;
        } else if hit.span.is_some() {
            writeln!(
                out,
                "{source}:{}-{}: {}[{}]{}",
                line.start, line.end, line.left, line.text, line.right
            )
            .map_err(write_err)?;
        } else {
            writeln!(out, "{source}: (whole article) {}", article.headline).map_err(write_err)?;
        }
    }
    out.flush().map_err(write_err)
}

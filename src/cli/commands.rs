//! Running the headless commands.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::{Invocation, bench};
use std::collections::HashMap;

use crate::extract::entities::{all_article_names, article_mention_records};
use crate::extract::events::article_events;
use crate::extract::offsets::CodePoints;
use crate::extract::timex::article_timexes;
use crate::ingest::{ImportOutcome, ImportProgress, IngestOptions, import_paths};
use crate::model::{
    Article, EntityKey, EntityResolver, Event, EventOrigin, ImportProblem, MentionRecord,
    SuggestionKey, TimexCorrection, Workspace, build_registry,
};
use crate::store;
use crate::timeline::lanes::{EventRef, visible_events};

/// Runs a headless invocation and returns the process exit status: 0 on success, 1 when the
/// work failed (the message is on stderr), 2 for a usage error.
pub fn run(invocation: Invocation) -> ExitCode {
    let result = match invocation {
        Invocation::Completions { shell } => {
            super::spec::print_completions(shell);
            Ok(())
        }
        Invocation::Import { inputs, output } => import(&inputs, &output),
        Invocation::ImportJsonl {
            input,
            query,
            ids,
            output,
        } => super::import_jsonl::import_from_jsonl(
            &input,
            super::import_jsonl::Narrowing {
                query: query.as_deref(),
                ids: ids.as_deref(),
            },
            &output,
        ),
        Invocation::Extract { paths } => extract(&paths),
        Invocation::ExtractStream {
            input,
            paths,
            threads,
            reference,
            out_dir,
        } => extract_stream(input.as_deref(), paths, threads, reference, out_dir),
        Invocation::EntitiesMerge { inputs } => entities_merge(&inputs),
        Invocation::ExtractTimeml { input } => super::timeml::extract_timeml(&input),
        Invocation::ExtractConll { input } => super::ner::extract_conll(&input),
        Invocation::TrainNer {
            input,
            output,
            epochs,
            orders,
        } => super::ner::train_ner(&input, &output, epochs, orders),
        Invocation::TrainClasses {
            inputs,
            output,
            grains,
            passes,
        } => super::ner::train_classes(&inputs, &output, &grains, passes),
        Invocation::Info { path } => info(&path),
        Invocation::Families { paths, output } => super::families::families_command(&paths, output),
        Invocation::BenchScale { inputs } => super::bench_scale::bench_scale(&inputs),
        Invocation::BenchFamilies { inputs, copies } => {
            super::bench_families::bench_families(&inputs, copies)
        }
        Invocation::Rescan { path, json } => {
            super::rescan::rescan(&path, json, configured_ingest())
        }
        Invocation::Search {
            path,
            query,
            output,
        } => super::search::search_command(&path, &query, output),
        Invocation::BenchExport { inputs } => super::bench_export::bench_export(&inputs),
        Invocation::BenchSources { articles, keep } => {
            super::bench_sources::bench_sources(articles, keep.as_deref())
        }
        Invocation::BenchSearch { inputs, copies } => {
            super::bench_search::bench_search(&inputs, copies)
        }
        Invocation::BenchImport { inputs } => bench::bench_import(&inputs),
        Invocation::BenchExtract { inputs } => bench::bench_extract(&inputs),
        Invocation::BenchAnchors { inputs } => bench_anchors(&inputs),
        Invocation::Export {
            workspace,
            format,
            output,
            query,
        } => super::exchange::export_command(&workspace, format, &output, query.as_deref()),
        Invocation::BenchSearchTab { .. } => {
            Err("bench search-tab needs the window build (the default features)".into())
        }
        Invocation::BenchPanels { .. } => {
            Err("bench panels needs the window build (the default features)".into())
        }
        Invocation::BenchTimeline { .. } => {
            Err("bench timeline needs the window build (the default features)".into())
        }
        Invocation::Window { .. } => Err("this build of dateline has no window (built without the gui feature); use a subcommand, see --help".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dateline: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The configured size limits (`limits.ron`), read once; a broken file is reported on
/// stderr and the defaults are used.
pub fn configured_limits() -> store::Limits {
    static LIMITS: std::sync::OnceLock<store::Limits> = std::sync::OnceLock::new();
    *LIMITS.get_or_init(|| {
        let (limits, warning) = store::Limits::configured();
        if let Some(warning) = warning {
            eprintln!("dateline: {warning}");
        }
        limits
    })
}

/// Article-reading options under the configured limits.
pub fn configured_ingest() -> IngestOptions {
    IngestOptions {
        max_file_bytes: configured_limits().max_article_bytes,
    }
}

/// Opens a workspace under the configured size limit.
pub fn open_workspace(path: &Path) -> Result<Workspace, store::StoreError> {
    store::load_workspace_limited(path, configured_limits().max_workspace_bytes)
}

pub(super) fn import_quietly(paths: &[PathBuf]) -> ImportOutcome {
    import_paths(
        paths,
        configured_ingest(),
        &ImportProgress::default(),
        &|| {},
    )
}

pub(super) fn is_workspace_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        && path.is_file()
}

fn import(inputs: &[PathBuf], output: &Path) -> Result<(), String> {
    let mut workspace = if output.exists() {
        open_workspace(output).map_err(|e| format!("{e}\nNothing was imported."))?
    } else {
        Workspace::default()
    };
    let (annotation_files, sources): (Vec<PathBuf>, Vec<PathBuf>) = inputs
        .iter()
        .cloned()
        .partition(|p| crate::exchange::is_annotation_input(p));
    let outcome = if sources.is_empty() {
        ImportOutcome::default()
    } else {
        import_quietly(&sources)
    };
    let files = outcome.files_summary(outcome.articles.len());
    let problems = outcome.problems.clone();
    let merge = workspace.merge_import(outcome.articles, outcome.problems);
    workspace.remember_sources(&outcome.roots);
    super::exchange::import_annotations(&mut workspace, &annotation_files)?;
    store::save_workspace(output, &workspace).map_err(|e| e.to_string())?;
    let secs = outcome.elapsed.as_secs_f64();
    println!(
        "Imported {files} into {} in {secs:.2} s ({} added, {} updated, {} unchanged; {} other files ignored).",
        output.display(),
        merge.added,
        merge.updated,
        merge.unchanged,
        outcome.ignored,
    );
    println!("The workspace holds {} articles.", workspace.articles.len());
    if merge.rebased.orphaned() > 0 {
        println!(
            "{} annotations, corrections or evidence lost their words in changed files; they \
             wait in the workspace's orphans to be placed or deleted.",
            merge.rebased.orphaned()
        );
    }
    if !problems.is_empty() {
        let noun = if problems.len() == 1 { "file" } else { "files" };
        println!("Skipped {} {noun}:", problems.len());
        for ImportProblem { path, reason } in &problems {
            println!("  {}: {reason}", path.display());
        }
    }
    Ok(())
}

/// The user's decisions as `extract` applies them to a workspace: which entity each mention
/// belongs to, and that entity's name.
pub struct EntityNaming {
    resolver: EntityResolver,
    names: HashMap<EntityKey, String>,
}

impl EntityNaming {
    /// Builds the workspace's registry to name entities as the app shows them.
    pub fn for_workspace(workspace: &Workspace) -> Self {
        let bodies = workspace.bodies();
        let records = all_article_names(&bodies).records;
        let registry = build_registry(&records, &workspace.entity_decisions, |id| {
            workspace.article(id).and_then(|a| a.published.clone())
        });
        Self {
            resolver: EntityResolver::new(&workspace.entity_decisions),
            names: registry.into_iter().map(|e| (e.key, e.name)).collect(),
        }
    }

    fn name(&self, record: &MentionRecord) -> Option<String> {
        let (key, _) = self.resolver.key_of(record);
        self.names.get(&key).cloned()
    }

    fn key_name(&self, key: &EntityKey) -> Option<String> {
        self.names.get(&self.resolver.resolve(key)).cloned()
    }
}

/// What a workspace adds to `extract`: the user's corrections, entity decisions and events.
pub struct WorkspaceExtras<'a> {
    /// Time expression corrections.
    pub corrections: &'a [TimexCorrection],
    /// Entity names after the user's decisions.
    pub naming: &'a EntityNaming,
    /// The user's events.
    pub events: &'a [Event],
    /// Suggestions the user deleted.
    pub dismissed: &'a [SuggestionKey],
}

/// The JSON object `dateline extract` prints for an article: its fields, time expressions,
/// names and events; for a workspace, with the user's corrections, entity names and events.
pub fn extract_record(
    article: &Article,
    extras: Option<&WorkspaceExtras<'_>>,
) -> serde_json::Value {
    let corrections = extras.map_or(&[][..], |x| x.corrections);
    let naming = extras.map(|x| x.naming);
    let mut code_points = CodePoints::new(&article.body);
    let timexes: Vec<serde_json::Value> = article_timexes(article, corrections)
        .iter()
        .map(|t| {
            json!({
                "start": code_points.at(t.start),
                "end": code_points.at(t.end),
                "text": t.text,
                "type": t.kind.as_str(),
                "value": t.value.to_timex(),
                "uncertain": t.uncertain_reference,
                "manual": t.manual,
            })
        })
        .collect();
    let spans = article_mention_records(&article.text());
    let mut code_points = CodePoints::new(&article.body);
    let entities: Vec<serde_json::Value> = spans
        .iter()
        .map(|n| {
            let (start, end) = (n.start as usize, n.end as usize);
            let text = &article.body[start..end];
            let entity = naming
                .and_then(|naming| naming.name(n))
                .unwrap_or_else(|| n.canonical.to_string());
            json!({
                "start": code_points.at(start),
                "end": code_points.at(end),
                "text": text,
                "label": n.label.code(),
                "entity": entity,
            })
        })
        .collect();
    let suggested = article_events(article, corrections, &spans);
    let shown: Vec<&Event> = match extras {
        Some(x) => {
            let mine = x
                .events
                .iter()
                .filter(|e| e.evidence.first().is_some_and(|v| v.article == article.id));
            visible_events(x.events, &suggested, x.dismissed)
                .into_iter()
                .filter(|(r, _)| matches!(r, EventRef::Suggested(_)))
                .map(|(_, e)| e)
                .chain(mine)
                .collect()
        }
        None => suggested.iter().collect(),
    };
    let events: Vec<serde_json::Value> = shown
        .iter()
        .map(|e| {
            let participants: Vec<String> = e
                .participants
                .iter()
                .map(|k| {
                    naming
                        .and_then(|n| n.key_name(k))
                        .unwrap_or_else(|| display_key(&spans, k))
                })
                .collect();
            let evidence: Vec<serde_json::Value> = e
                .evidence
                .iter()
                .filter(|v| v.article == article.id)
                .map(|v| json!({"start": v.start, "end": v.end}))
                .collect();
            json!({
                "title": e.title,
                "value": e.value.to_timex(),
                "participants": participants,
                "evidence": evidence,
                "origin": match (&e.origin, e.id == Event::UNSTORED) {
                    (EventOrigin::Manual, _) => "manual",
                    (EventOrigin::Suggested { .. }, true) => "suggested",
                    (EventOrigin::Suggested { .. }, false) => "kept",
                },
            })
        })
        .collect();
    json!({
        "path": article.source.display_path(),
        "title": article.headline,
        "outlet": article.meta.outlet,
        "section": article.meta.section,
        "language": article.meta.language,
        "source_id": article.meta.source_id,
        "published": article.published.as_ref().map(|p| p.to_iso()),
        "byline": article.byline,
        "dateline": article.dateline.as_ref().map(|d| d.place.clone()),
        "agency": article.agency,
        "text": article.body,
        "reference": reference_record(article),
        "timexes": timexes,
        "entities": entities,
        "events": events,
    })
}

/// `{"date", "source", "confidence"}` of the article's reference date, with the estimate's
/// precision and reasons when the date was estimated from the text.
fn reference_record(article: &Article) -> serde_json::Value {
    let Some((date, source)) = article.reference_date() else {
        return serde_json::Value::Null;
    };
    // Two decimals: the confidence is a rough grade, and the output stays byte-stable.
    let confidence =
        (f64::from(article.reference_confidence().unwrap_or(0.0)) * 100.0).round() / 100.0;
    let mut record = json!({
        "date": date.to_string(),
        "source": source.code(),
        "confidence": confidence,
    });
    if let (crate::model::ReferenceSource::Estimated, Some(estimate)) =
        (source, &article.reference_estimate)
    {
        let in_force = estimate.in_force();
        record["precision"] = in_force.precision.code().into();
        record["basis"] = in_force.basis.into();
    }
    record
}

/// A participant's name as the text writes its canonical form (keys are lower case).
fn display_key(spans: &[MentionRecord], key: &EntityKey) -> String {
    spans
        .iter()
        .find(|n| n.label == key.label && n.canonical.to_lowercase() == key.name)
        .map_or_else(|| key.name.clone(), |n| n.canonical.to_string())
}

/// The record with its `"family"`: the id its versions share, null for a single article.
fn with_family(
    mut record: serde_json::Value,
    found: &crate::families::Families,
    article: &Article,
) -> serde_json::Value {
    record["family"] = found
        .of(article.id)
        .map_or(serde_json::Value::Null, |f| json!(f.id.to_string()));
    record
}

fn extract(paths: &[PathBuf]) -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (workspaces, sources): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| is_workspace_file(p));
    let mut failed = false;
    let mut write = |value: serde_json::Value| -> Result<(), String> {
        writeln!(out, "{value}").map_err(|e| format!("writing the output failed: {e}"))
    };
    for path in workspaces {
        match open_workspace(&path) {
            Ok(workspace) => {
                let naming = EntityNaming::for_workspace(&workspace);
                let extras = WorkspaceExtras {
                    corrections: &workspace.timex_corrections,
                    naming: &naming,
                    events: &workspace.events,
                    dismissed: &workspace.dismissed_suggestions,
                };
                let found = crate::families::detect(&workspace);
                for article in workspace.articles.iter() {
                    write(with_family(
                        extract_record(article, Some(&extras)),
                        &found,
                        article,
                    ))?;
                }
            }
            Err(e) => {
                failed = true;
                write(json!({"path": path.to_string_lossy(), "error": e.to_string()}))?;
            }
        }
    }
    if !sources.is_empty() {
        let outcome = import_quietly(&sources);
        let mut workspace = Workspace::default();
        workspace.merge_import(outcome.articles, Vec::new());
        let found = crate::families::detect(&workspace);
        for article in workspace.articles.iter() {
            write(with_family(extract_record(article, None), &found, article))?;
        }
        for problem in &outcome.problems {
            write(json!({"path": problem.path.to_string_lossy(), "error": problem.reason}))?;
        }
    }
    out.flush()
        .map_err(|e| format!("writing the output failed: {e}"))?;
    if failed {
        return Err("some workspaces could not be read (see the error lines)".into());
    }
    Ok(())
}

fn extract_stream(
    input: Option<&Path>,
    paths: bool,
    threads: usize,
    reference: Option<chrono::NaiveDate>,
    out_dir: Option<PathBuf>,
) -> Result<(), String> {
    use super::extract_stream::{StreamInput, StreamOptions, run_stream};
    if let Some(folder) = &out_dir {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("{} could not be made: {e}", folder.display()))?;
    }
    let options = StreamOptions {
        input: if paths {
            StreamInput::Paths
        } else {
            StreamInput::Records
        },
        threads,
        reference,
        ingest: configured_ingest(),
        out_dir,
    };
    let stdout = io::stdout();
    let output = BufWriter::new(stdout.lock());
    let summary = match input {
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| format!("{} could not be read: {e}", path.display()))?;
            run_stream(io::BufReader::new(file), output, &options)?
        }
        None => run_stream(io::stdin().lock(), output, &options)?,
    };
    if summary.errors > 0 {
        eprintln!(
            "extract: {} of {} lines were error records",
            summary.errors, summary.lines
        );
    }
    Ok(())
}

/// `dateline entities --merge`: every input line into one registry, written in key order. A
/// line that is neither an article record, an error record nor a registry line fails the run
/// (after every such line is named), since a registry that silently lost names is wrong.
fn entities_merge(inputs: &[PathBuf]) -> Result<(), String> {
    use crate::exchange::corpus_registry::{CorpusRegistry, LineKind};
    use std::io::BufRead;
    let mut registry = CorpusRegistry::new();
    let (mut articles, mut errors, mut bad) = (0usize, 0usize, 0usize);
    let mut read = |name: &str, reader: &mut dyn BufRead| -> Result<(), String> {
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| format!("{name}: reading failed: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            match registry.add_line(&line) {
                Ok(LineKind::Articles(k)) => articles += k,
                Ok(LineKind::Entity) => {}
                Ok(LineKind::Error) => errors += 1,
                Err(e) => {
                    bad += 1;
                    eprintln!("{name}:{}: {e}", n + 1);
                }
            }
        }
        Ok(())
    };
    if inputs.is_empty() {
        read("stdin", &mut io::stdin().lock())?;
    }
    for path in inputs {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("{} could not be read: {e}", path.display()))?;
        read(&path.display().to_string(), &mut io::BufReader::new(file))?;
    }
    if bad > 0 {
        return Err(format!(
            "entities --merge: {bad} lines were not extraction records or registry lines"
        ));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for entity in registry.entities() {
        let line = serde_json::to_string(entity).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(|e| format!("writing the output failed: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("writing the output failed: {e}"))?;
    eprintln!(
        "entities: {} entities from {articles} articles{}",
        registry.len(),
        if errors > 0 {
            format!(" ({errors} error records passed over)")
        } else {
            String::new()
        }
    );
    Ok(())
}

fn bench_anchors(inputs: &[PathBuf]) -> Result<(), String> {
    let outcome = import_quietly(inputs);
    let texts: Vec<String> = outcome
        .articles
        .into_iter()
        .map(|a| a.body.to_string())
        .collect();
    if texts.is_empty() {
        return Err("no articles to edit in those folders".into());
    }
    println!(
        "Re-anchoring after random edits ({} articles, 2,000 annotations per row)",
        texts.len()
    );
    println!(
        "| edits per article | right | orphaned | wrongly placed | words deleted by the edits |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for edits in [1, 3, 10] {
        let c = super::anchors::simulate(&texts, 2_000, edits, 7 + edits as u64);
        let total = (c.right + c.orphaned + c.wrong).max(1) as f64;
        println!(
            "| {edits} | {:.1} % | {:.1} % | {} | {} |",
            100.0 * c.right as f64 / total,
            100.0 * c.orphaned as f64 / total,
            c.wrong,
            c.deleted
        );
    }
    Ok(())
}

fn info(path: &Path) -> Result<(), String> {
    let (workspace, version) =
        store::load_workspace_versioned(path, configured_limits().max_workspace_bytes)
            .map_err(|e| e.to_string())?;
    println!("Workspace: {}", path.display());
    println!("Format: {} version {version}", store::FORMAT_NAME);
    println!("Articles: {}", workspace.articles.len());
    let mut dated: Vec<_> = workspace
        .articles
        .iter()
        .filter_map(|a| a.published.as_ref().filter(|p| p.year.is_some()))
        .collect();
    dated.sort_by_key(|p| p.sort_key());
    if let (Some(first), Some(last)) = (dated.first(), dated.last()) {
        println!(
            "Published: {} to {} ({} of {} articles dated)",
            first.display_date(),
            last.display_date(),
            dated.len(),
            workspace.articles.len()
        );
    }
    let words: usize = workspace.articles.iter().map(Article::word_count).sum();
    println!("Words: {words}");
    println!("Problems: {} skipped files", workspace.problems.len());
    println!("Time corrections: {}", workspace.timex_corrections.len());
    println!("Entity decisions: {}", workspace.entity_decisions.len());
    println!("Annotations: {}", workspace.annotations.len());
    println!("Tags: {}", workspace.codebook.tags.len());
    println!("Kept events: {}", workspace.events.len());
    println!("Orphans: {}", workspace.orphans.len());
    Ok(())
}

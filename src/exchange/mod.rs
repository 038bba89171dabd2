//! Carrying research out of Dateline and back in: exports to the formats other tools read
//! (CSV tables, W3C Web Annotation, iCalendar, TimelineJS, TimeML) and imports of annotation
//! formats onto the workspace's articles. No egui: the command line and the window share it.
//!
//! Every exporter writes Dateline's stored body text and counts offsets in its code points
//! (UTF-16 where a format's readers count so), names things with stable UUIDs ([`ids`]), writes
//! nothing half (a file is written to a temporary name and renamed; a folder is built beside
//! its place and moved there), and reports what the format could not carry.

pub mod annotation_file;
pub mod brat;
pub mod brat_import;
pub mod corpus_registry;
pub mod csv;
pub mod ics;
pub mod ids;
pub mod import_plan;
pub mod qdpx;
pub mod qdpx_import;
pub mod text;
pub mod timelinejs;
pub mod timeml;
pub mod w3c;
pub mod w3c_import;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use annotation_file::{AnnotationFile, is_annotation_input};
pub use import_plan::ImportReport;

use crate::extract::entities::all_article_names;
use crate::model::{Article, ArticleId, EntityKey, RegistryEntity, Workspace, build_registry};

/// The formats Dateline exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// A folder of CSV tables.
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// iCalendar events.
    Ics,
    /// TimelineJS JSON.
    TimelineJs,
    /// A folder of TimeML files, one per article.
    Timeml,
    /// A folder of brat standoff files, one pair per article, with the configuration.
    Brat,
    /// brat files as INCEpTION's importer reads them (UTF-16 offsets, T/R/A lines).
    BratInception,
    /// A REFI-QDA project.
    Qdpx,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Csv,
        ExportFormat::Qdpx,
        ExportFormat::W3c,
        ExportFormat::Brat,
        ExportFormat::BratInception,
        ExportFormat::TimelineJs,
        ExportFormat::Ics,
        ExportFormat::Timeml,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::W3c => "w3c",
            ExportFormat::Ics => "ics",
            ExportFormat::TimelineJs => "timelinejs",
            ExportFormat::Timeml => "timeml",
            ExportFormat::Brat => "brat",
            ExportFormat::BratInception => "brat-inception",
            ExportFormat::Qdpx => "qdpx",
        }
    }

    /// The format named so on the command line.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What it is for, in words for menus and help.
    pub fn describe(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV tables for R, pandas, Stata and Excel (a folder)",
            ExportFormat::W3c => "W3C Web Annotation JSON-LD (.jsonld)",
            ExportFormat::Ics => "iCalendar events for calendars (.ics)",
            ExportFormat::TimelineJs => "TimelineJS timeline (.json)",
            ExportFormat::Timeml => "TimeML with TIMEX3 tags, one file per article (a folder)",
            ExportFormat::Brat => "brat standoff for brat (a folder)",
            ExportFormat::BratInception => "brat standoff for INCEpTION's importer (a folder)",
            ExportFormat::Qdpx => "REFI-QDA project for MAXQDA, NVivo, ATLAS.ti, QualCoder (.qdpx)",
        }
    }
}

/// How far an export is, shared with the thread that runs it; Cancel stops it and nothing
/// is written.
#[derive(Debug, Default)]
pub struct ExportProgress {
    /// Articles done.
    pub done: std::sync::atomic::AtomicUsize,
    /// Articles in all.
    pub total: std::sync::atomic::AtomicUsize,
    cancel: std::sync::atomic::AtomicBool,
}

impl ExportProgress {
    /// Asks the export to stop.
    pub fn cancel(&self) {
        self.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// True once Cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Why an export or import failed.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The user cancelled the export; nothing was written.
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
    /// Writing or reading a file failed.
    #[error("{path}: {action} failed: {message}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What was being done: "writing".
        action: &'static str,
        /// The system's message.
        message: String,
    },
    /// A file to import is not what its format says.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        message: String,
    },
}

impl ExchangeError {
    fn io(path: &Path, action: &'static str, e: impl std::fmt::Display) -> Self {
        ExchangeError::Io {
            path: path.to_path_buf(),
            action,
            message: e.to_string(),
        }
    }
}

/// What an export wrote and what the format could not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Files written.
    pub files: usize,
    /// Articles exported.
    pub articles: usize,
    /// Annotations exported.
    pub annotations: usize,
    /// Events exported.
    pub events: usize,
    /// What was left out or approximated, in words.
    pub lost: Vec<String>,
}

/// Everything an exporter reads: the workspace, the articles in scope (all, or a search's),
/// and the entity registry with each annotation's entity name.
pub struct ExportData<'a> {
    /// The workspace.
    pub workspace: &'a Workspace,
    /// The articles to export, in workspace order.
    pub articles: Vec<&'a Article>,
    /// The entities of those articles (with the user's decisions).
    pub registry: Vec<RegistryEntity>,
    registry_names: HashMap<EntityKey, usize>,
    resolver: crate::model::EntityResolver,
    in_scope: HashSet<ArticleId>,
    progress: std::sync::Arc<ExportProgress>,
}

impl<'a> ExportData<'a> {
    /// The data of `workspace`, limited to `only` when given. Finds the names of the articles
    /// (for the entity tables and bodies).
    pub fn new(workspace: &'a Workspace, only: Option<&HashSet<ArticleId>>) -> Self {
        Self::with_progress(workspace, only, std::sync::Arc::default(), None)
    }

    /// [`ExportData::new`], counting the articles written into `progress` (and stopping when
    /// it is cancelled); `names`, the tagger's names of every article when the caller has them
    /// already (the window does), spares finding them again.
    pub fn with_progress(
        workspace: &'a Workspace,
        only: Option<&HashSet<ArticleId>>,
        progress: std::sync::Arc<ExportProgress>,
        names: Option<&[crate::model::MentionRecord]>,
    ) -> Self {
        let articles: Vec<&Article> = workspace
            .articles
            .iter()
            .filter(|a| only.is_none_or(|set| set.contains(&a.id)))
            .collect();
        let records: Vec<crate::model::MentionRecord> = match names {
            Some(all) => all
                .iter()
                .filter(|m| only.is_none_or(|set| set.contains(&m.article)))
                .cloned()
                .collect(),
            None => {
                let bodies: Vec<crate::model::ArticleText> =
                    articles.iter().map(|a| a.text()).collect();
                std::sync::Arc::unwrap_or_clone(all_article_names(&bodies).records)
            }
        };
        let registry = build_registry(&records, &workspace.entity_decisions, |id| {
            workspace.article(id).and_then(|a| a.published.clone())
        });
        let registry_names = registry
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        let in_scope = articles.iter().map(|a| a.id).collect();
        progress
            .total
            .store(articles.len(), std::sync::atomic::Ordering::Relaxed);
        Self {
            workspace,
            articles,
            registry,
            registry_names,
            resolver: crate::model::EntityResolver::new(&workspace.entity_decisions),
            in_scope,
            progress,
        }
    }

    /// Counts `n` more articles written; an error when the export was cancelled.
    pub fn advance(&self, n: usize) -> Result<(), ExchangeError> {
        self.progress
            .done
            .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        if self.progress.is_cancelled() {
            Err(ExchangeError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// True when the article is exported.
    pub fn has(&self, id: ArticleId) -> bool {
        self.in_scope.contains(&id)
    }

    /// The annotations on exported articles, rejected suggestions left out.
    pub fn annotations(&self) -> impl Iterator<Item = &'a crate::model::Annotation> + '_ {
        self.workspace
            .annotations
            .iter()
            .filter(|a| self.has(a.target.article) && !a.is_rejected())
    }

    /// The stored events with evidence in an exported article (all of them when nothing is
    /// left out).
    pub fn events(&self) -> impl Iterator<Item = &'a crate::model::Event> + '_ {
        let all = self.in_scope.len() == self.workspace.articles.len();
        self.workspace
            .events
            .iter()
            .filter(move |e| all || e.evidence.iter().any(|ev| self.has(ev.article)))
    }

    /// The entity a key now stands for (after merges) and its name as shown.
    pub fn entity(&self, key: &EntityKey) -> (EntityKey, String) {
        let key = self.resolver.resolve(key);
        let name = self
            .registry_names
            .get(&key)
            .map_or_else(|| key.name.clone(), |&i| self.registry[i].name.clone());
        (key, name)
    }
}

/// Exports `data` as `format` to `path` (a file, or a folder for the folder formats).
pub fn export(
    data: &ExportData<'_>,
    format: ExportFormat,
    path: &Path,
) -> Result<ExportReport, ExchangeError> {
    data.progress
        .done
        .store(0, std::sync::atomic::Ordering::Relaxed);
    match format {
        ExportFormat::Csv => write_folder(path, |dir| csv::export(data, dir)),
        ExportFormat::Timeml => write_folder(path, |dir| timeml::export(data, dir)),
        ExportFormat::Brat => {
            write_folder(path, |dir| brat::export(data, dir, brat::Profile::Brat))
        }
        ExportFormat::BratInception => write_folder(path, |dir| {
            brat::export(data, dir, brat::Profile::Inception)
        }),
        ExportFormat::W3c => {
            let (text, report) = w3c::export(data);
            data.advance(data.articles.len())?;
            write_file(path, text.as_bytes())?;
            Ok(report)
        }
        ExportFormat::Qdpx => {
            let (bytes, report) = qdpx::export(data)?;
            data.advance(0)?;
            write_file(path, &bytes)?;
            Ok(report)
        }
        ExportFormat::Ics => {
            let (text, report) = ics::export(data);
            data.advance(data.articles.len())?;
            write_file(path, text.as_bytes())?;
            Ok(report)
        }
        ExportFormat::TimelineJs => {
            let (text, report) = timelinejs::export(data);
            data.advance(data.articles.len())?;
            write_file(path, text.as_bytes())?;
            Ok(report)
        }
    }
}

/// Writes a file under a temporary name and renames it into place.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExchangeError> {
    crate::store::write_atomically(path, bytes, None).map_err(|e| ExchangeError::Io {
        path: path.to_path_buf(),
        action: "writing",
        message: e.to_string(),
    })
}

/// Builds a folder beside `path` with `fill`, then moves it to `path` (replacing an earlier
/// export there only once the new one is complete).
fn write_folder(
    path: &Path,
    fill: impl FnOnce(&Path) -> Result<ExportReport, ExchangeError>,
) -> Result<ExportReport, ExchangeError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| ExchangeError::io(parent, "creating", e))?;
    if path.is_file() {
        return Err(ExchangeError::io(
            path,
            "exporting",
            "a file is there; this format writes a folder",
        ));
    }
    let building = parent.join(format!(".{name}.part-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    std::fs::create_dir_all(&building).map_err(|e| ExchangeError::io(&building, "creating", e))?;
    let report = match fill(&building) {
        Ok(report) => report,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&building);
            return Err(e);
        }
    };
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if path.exists() {
        std::fs::rename(path, &old).map_err(|e| ExchangeError::io(path, "replacing", e))?;
    }
    if let Err(e) = std::fs::rename(&building, path) {
        // Put the earlier export back rather than leave nothing.
        let _ = std::fs::rename(&old, path);
        return Err(ExchangeError::io(path, "moving into place", e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(report)
}

/// Writes one file of a folder export.
fn write_in(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), ExchangeError> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| ExchangeError::io(&path, "writing", e))
}

/// The path of the article's source file relative to the common folder of the export (or
/// its file name), for the formats that name documents.
pub fn document_name(article: &Article) -> String {
    let stem = article
        .source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{:06}_{safe}", article.id.0)
}

//! An annotation file to lay over a workspace, whatever its format: W3C JSON-LD (`.jsonld`),
//! a brat folder or `.ann` file, or a REFI-QDA project (`.qdpx`, whose sources may add
//! articles). The command line and the window both read them through this.

use std::path::Path;

use super::{ExchangeError, brat_import, qdpx_import, w3c};
use crate::ingest::IngestOptions;
use crate::model::{Article, Edit, ImportProblem, Workspace};

/// A file read, ready to be laid over a workspace.
pub enum AnnotationFile {
    /// W3C Web Annotation JSON-LD.
    W3c(serde_json::Value),
    /// A brat folder.
    Brat(brat_import::BratFolder),
    /// A REFI-QDA project.
    Qdpx(qdpx_import::Project),
}

/// True for what is read as annotations rather than articles: `.jsonld` and `.qdpx` files,
/// brat `.ann` files and folders with an `annotation.conf`.
pub fn is_annotation_input(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonld") || e.eq_ignore_ascii_case("qdpx"))
        || brat_import::is_brat(path)
}

impl AnnotationFile {
    /// Reads `path` by its kind.
    pub fn read(path: &Path) -> Result<Self, ExchangeError> {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
        {
            return qdpx_import::read(path).map(AnnotationFile::Qdpx);
        }
        if brat_import::is_brat(path) {
            return brat_import::read(path).map(AnnotationFile::Brat);
        }
        let text = std::fs::read_to_string(path).map_err(|e| ExchangeError::Io {
            path: path.to_path_buf(),
            action: "reading",
            message: e.to_string(),
        })?;
        w3c::read(path, &text).map(AnnotationFile::W3c)
    }

    /// The articles the file brings that the workspace lacks (a project's sources), and the
    /// sources that could not be read.
    pub fn new_articles(
        &self,
        workspace: &Workspace,
        options: IngestOptions,
    ) -> (Vec<Article>, Vec<ImportProblem>) {
        match self {
            AnnotationFile::Qdpx(project) => qdpx_import::new_articles(workspace, project, options),
            _ => (Vec::new(), Vec::new()),
        }
    }

    /// The edit that lays the annotations over `workspace` (one undoable step), and what
    /// happened.
    pub fn plan(&self, workspace: &Workspace) -> (Option<Edit>, super::ImportReport) {
        match self {
            AnnotationFile::W3c(root) => w3c::import(workspace, root),
            AnnotationFile::Brat(folder) => brat_import::import(workspace, folder),
            AnnotationFile::Qdpx(project) => qdpx_import::import(workspace, project),
        }
    }
}

impl super::ImportReport {
    /// In words, for the status line and the command line.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} annotations placed", self.placed)];
        if self.reanchored > 0 {
            parts.push(format!("{} found by their words", self.reanchored));
        }
        if self.utf16 > 0 {
            parts.push(format!("{} counted in UTF-16", self.utf16));
        }
        for (n, what) in [
            (self.events, "events"),
            (self.tags_added, "tags added"),
            (self.already, "already there"),
            (self.orphaned, "orphaned (see the Orphans tab)"),
            (self.unmatched, "for texts not in the workspace"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(", ")
    }
}

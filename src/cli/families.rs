//! `dateline families`: the wire-story families of a folder of articles or of a workspace.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::commands::{import_quietly, is_workspace_file, open_workspace};
use crate::families::{FamilyIndex, families};
use crate::model::Workspace;

/// How `dateline families` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FamiliesOutput {
    /// A summary and each family with its versions.
    Summary,
    /// `family_id<TAB>path` for every article in a family of two or more.
    Tsv,
    /// Every candidate pair checked, with its measures and the verdict.
    Pairs,
}

/// The articles of one workspace file, or of the folders and files given.
pub(super) fn workspace_of(paths: &[PathBuf]) -> Result<Workspace, String> {
    let workspaces = paths.iter().filter(|p| is_workspace_file(p)).count();
    match (workspaces, paths.len()) {
        (0, _) => {
            let outcome = import_quietly(paths);
            for problem in &outcome.problems {
                eprintln!("skipped {}: {}", problem.path.display(), problem.reason);
            }
            let mut workspace = Workspace::default();
            workspace.merge_import(outcome.articles, outcome.problems);
            Ok(workspace)
        }
        (1, 1) => open_workspace(&paths[0]).map_err(|e| e.to_string()),
        _ => Err("give one workspace file, or folders and article files".into()),
    }
}

/// Runs `dateline families`.
pub fn families_command(paths: &[PathBuf], output: FamiliesOutput) -> Result<(), String> {
    let workspace = workspace_of(paths)?;
    let mut index = FamilyIndex::new();
    index.update(&workspace.articles);
    let found = families(
        &workspace.articles,
        index.links(),
        &workspace.family_decisions,
    );
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let path_of = |id| {
        workspace
            .article(id)
            .map_or_else(String::new, |a| a.source.display_path())
    };
    let written = match output {
        FamiliesOutput::Tsv => found.iter().try_for_each(|f| {
            f.members
                .iter()
                .try_for_each(|m| writeln!(out, "{}\t{}", f.id, path_of(*m)))
        }),
        FamiliesOutput::Pairs => {
            writeln!(
                out,
                "path_a\tpath_b\tresemblance\tcontainment\theadline\tnumbers\tlength_ratio\tshorter_words\tdays_apart\tnumbers_swapped\tnames_swapped\theadline_swapped\tmarked\tsame"
            )
            .and_then(|()| {
                index.links().iter().try_for_each(|l| {
                    let f = &l.features;
                    writeln!(
                        out,
                        "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        path_of(l.a),
                        path_of(l.b),
                        f.resemblance,
                        f.containment,
                        f.headline,
                        f.numbers,
                        f.length_ratio,
                        f.shorter_words,
                        f.days_apart,
                        u8::from(f.numbers_swapped),
                        u8::from(f.names_swapped),
                        u8::from(f.headline_swapped),
                        u8::from(f.marked),
                        u8::from(l.same)
                    )
                })
            })
        }
        FamiliesOutput::Summary => {
            let members: usize = found.iter().map(|f| f.members.len()).sum();
            writeln!(
                out,
                "{} articles; {} families hold {} of them ({} copies counted once)",
                workspace.articles.len(),
                found.len(),
                members,
                found.copies()
            )
            .and_then(|()| {
                found.iter().try_for_each(|f| {
                    writeln!(out, "\n{} ({} versions)", f.id, f.members.len())?;
                    f.members.iter().try_for_each(|m| {
                        let a = workspace.article(*m);
                        writeln!(
                            out,
                            "  {}  {}  {}",
                            a.and_then(|a| a.published.as_ref())
                                .map_or_else(|| "undated".to_string(), |p| p.to_iso()),
                            path_of(*m),
                            a.map_or("", |a| a.headline.as_str())
                        )
                    })
                })
            })
        }
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| format!("writing the output failed: {e}"))
}

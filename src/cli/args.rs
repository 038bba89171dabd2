//! Command-line arguments: clap parses them (`spec`), then this module checks what clap cannot
//! (which options go together, a mistyped subcommand that names no file) and says what to run.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use super::spec::{BenchSub, Cli, ExportArgs, ExtractArgs, ImportArgs, Sub};

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// Open the window with these paths (none: the bundled samples).
    Window {
        /// Folders, article files or a workspace file.
        paths: Vec<PathBuf>,
    },
    /// A slice of extraction output imported with what was found in it.
    ImportJsonl {
        /// The output of `extract --jsonl`.
        input: PathBuf,
        /// A query every kept article matches.
        query: Option<String>,
        /// A file of the record ids to keep.
        ids: Option<PathBuf>,
        /// The workspace to write.
        output: PathBuf,
    },
    /// Headless import into a workspace file.
    Import {
        /// Folders and files to import.
        inputs: Vec<PathBuf>,
        /// The workspace to write.
        output: PathBuf,
    },
    /// JSON lines for each article under the paths.
    Extract {
        /// Folders, files or workspace files.
        paths: Vec<PathBuf>,
    },
    /// The extraction as a streaming filter over JSON lines or paths.
    ExtractStream {
        /// The input file; `None` for stdin.
        input: Option<PathBuf>,
        /// Whether the lines are file paths rather than `{"id", "text"}` records.
        paths: bool,
        /// Worker threads.
        threads: usize,
        /// The reference date for articles without a full publication date.
        reference: Option<chrono::NaiveDate>,
        /// With paths: the folder every path's records are written to.
        out_dir: Option<PathBuf>,
    },
    /// The corpus registry reduced from extraction output or registries.
    EntitiesMerge {
        /// Input files; empty for stdin.
        inputs: Vec<PathBuf>,
    },
    /// Time expressions for each document of a TimeML-style JSONL file.
    ExtractTimeml {
        /// Lines of {"doc_id", "dct", "text"}.
        input: PathBuf,
    },
    /// The wire-story families of articles or a workspace.
    Families {
        /// Folders, article files, or one workspace file.
        paths: Vec<PathBuf>,
        /// How to print them.
        output: crate::cli::families::FamiliesOutput,
    },
    /// Corpus-scale benchmark: import and save, open, file size, memory.
    BenchScale {
        /// Folders of articles.
        inputs: Vec<PathBuf>,
    },
    /// Family detection benchmark against `cat | wc -w`.
    BenchFamilies {
        /// Folders of articles.
        inputs: Vec<PathBuf>,
        /// Times every article is repeated.
        copies: usize,
    },
    /// Describe a workspace file.
    Info {
        /// The workspace.
        path: PathBuf,
    },
    /// Read a workspace's sources again and save it.
    Rescan {
        /// The workspace.
        path: PathBuf,
        /// One JSON object per annotation instead of text.
        json: bool,
    },
    /// Export a workspace.
    Export {
        /// The workspace.
        workspace: PathBuf,
        /// The format.
        format: crate::exchange::ExportFormat,
        /// The file or folder to write.
        output: PathBuf,
        /// Only the articles this query finds.
        query: Option<String>,
    },
    /// Search a workspace.
    Search {
        /// The workspace.
        path: PathBuf,
        /// The query as typed.
        query: String,
        /// How to print.
        output: crate::cli::search::SearchOutput,
    },
    /// Every panel's frames and the edits' UI-thread time on this workspace (needs the window
    /// build).
    BenchPanels {
        /// The workspace file.
        workspace: PathBuf,
    },
    /// Search tab frame benchmark with this many hits (needs the window build).
    BenchSearchTab {
        /// Hits in the table.
        hits: usize,
    },
    /// Reading one export of this many articles in every container.
    BenchSources {
        /// Articles in the export.
        articles: usize,
        /// Where to keep the files written, if anywhere.
        keep: Option<PathBuf>,
    },
    /// Export benchmark with 50,000 annotations against `cat | wc -w`.
    BenchExport {
        /// Folders of articles.
        inputs: Vec<PathBuf>,
    },
    /// Search benchmark against `cat | wc -w`.
    BenchSearch {
        /// Folders to index.
        inputs: Vec<PathBuf>,
        /// Times the articles are repeated (as that many copies of the files).
        copies: usize,
    },
    /// Import benchmark against `cat | wc -w`.
    BenchImport {
        /// Folders to import.
        inputs: Vec<PathBuf>,
    },
    /// Entities for each document of a CoNLL-style JSONL file.
    ExtractConll {
        /// Lines of {"doc_id", "text"}.
        input: PathBuf,
    },
    /// Train the entity model.
    TrainNer {
        /// CoNLL-style JSONL with gold entities.
        input: PathBuf,
        /// Where to write the model.
        output: PathBuf,
        /// Passes over the data.
        epochs: usize,
        /// Orders of the data whose models are averaged.
        orders: usize,
    },
    /// Learn word classes from unlabelled text.
    TrainClasses {
        /// Folders of text files and JSONL files with a "text" field.
        inputs: Vec<PathBuf>,
        /// Where to write the table.
        output: PathBuf,
        /// Number of classes at each grain, coarse to fine.
        grains: Vec<usize>,
        /// Most passes over the vocabulary per grain.
        passes: usize,
    },
    /// Time-expression engine benchmark against `cat | wc -w`.
    BenchExtract {
        /// Folders to read.
        inputs: Vec<PathBuf>,
    },
    /// Re-anchoring after random edits of the articles in these folders.
    BenchAnchors {
        /// Folders of articles.
        inputs: Vec<PathBuf>,
    },
    /// Timeline frame benchmark on a generated workspace (needs the window build).
    BenchTimeline {
        /// Articles, and as many events.
        size: usize,
    },
    /// Print a completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Why the command line was not run: clap's help, version or usage error, or a usage error
/// found after clap, with the usage of the subcommand it concerns.
#[derive(Debug)]
pub enum ArgsError {
    /// Help or the version (printed to stdout, exit 0) or clap's usage error (exit 2).
    Clap(clap::Error),
    /// A usage error clap could not see.
    Usage {
        /// What is wrong, one line.
        message: String,
        /// The subcommand it concerns (empty: the top level).
        subcommand: &'static str,
    },
}

impl ArgsError {
    /// The one-line message (for tests and logs).
    pub fn message(&self) -> String {
        match self {
            ArgsError::Clap(error) => error.to_string(),
            ArgsError::Usage { message, .. } => message.clone(),
        }
    }

    /// Prints the error as the user should see it and returns the exit status: 0 for help
    /// and the version, 2 for a usage error.
    pub fn report(self) -> ExitCode {
        match self {
            ArgsError::Clap(error) => {
                let code = error.exit_code();
                let _ = error.print();
                ExitCode::from(u8::try_from(code).unwrap_or(2))
            }
            ArgsError::Usage {
                message,
                subcommand,
            } => {
                let mut command = Cli::command();
                command.build();
                let (usage, help) = match command.find_subcommand_mut(subcommand) {
                    Some(sub) => (
                        sub.render_usage().to_string(),
                        format!("dateline {subcommand} --help"),
                    ),
                    None => (command.render_usage().to_string(), "dateline --help".into()),
                };
                eprintln!("dateline: {message}\n\n{usage}\n\nFor more, try '{help}'.");
                ExitCode::from(2)
            }
        }
    }
}

/// Parses the arguments after the program name.
pub fn parse_args(args: Vec<OsString>) -> Result<Invocation, ArgsError> {
    let mut command = Cli::command();
    let matches = command
        .try_get_matches_from_mut(std::iter::once(OsString::from("dateline")).chain(args))
        .map_err(ArgsError::Clap)?;
    let cli = Cli::from_arg_matches(&matches).map_err(ArgsError::Clap)?;
    invocation(cli)
}

/// A usage error about `subcommand`.
fn usage(subcommand: &'static str, message: impl Into<String>) -> ArgsError {
    ArgsError::Usage {
        message: message.into(),
        subcommand,
    }
}

fn invocation(cli: Cli) -> Result<Invocation, ArgsError> {
    let Some(command) = cli.command else {
        return window(cli.paths);
    };
    Ok(match command {
        Sub::Import(args) => import(args)?,
        Sub::Export(args) => export(args)?,
        Sub::Extract(args) => extract(args)?,
        Sub::Entities(args) => {
            if !args.merge {
                return Err(usage(
                    "entities",
                    "entities needs --merge: dateline entities --merge [IN…|-]",
                ));
            }
            Invocation::EntitiesMerge {
                inputs: args
                    .inputs
                    .into_iter()
                    .filter(|p| p != Path::new("-"))
                    .collect(),
            }
        }
        Sub::Search(args) => Invocation::Search {
            path: args.workspace,
            query: args.query,
            output: crate::cli::search::SearchOutput {
                limit: args.limit,
                json: args.json,
                count: args.count,
            },
        },
        Sub::Families(args) => {
            use crate::cli::families::FamiliesOutput;
            let output = if args.tsv {
                FamiliesOutput::Tsv
            } else if args.pairs {
                FamiliesOutput::Pairs
            } else {
                FamiliesOutput::Summary
            };
            Invocation::Families {
                paths: args.paths,
                output,
            }
        }
        Sub::Info(args) => Invocation::Info {
            path: args.workspace,
        },
        Sub::Rescan(args) => Invocation::Rescan {
            path: args.workspace,
            json: args.json,
        },
        Sub::TrainNer(args) => Invocation::TrainNer {
            input: args.input,
            output: args.output,
            epochs: args.epochs,
            orders: args.orders,
        },
        Sub::TrainClasses(args) => Invocation::TrainClasses {
            inputs: args.inputs,
            output: args.output,
            grains: args.classes.0,
            passes: args.passes,
        },
        Sub::Bench(bench) => match bench {
            BenchSub::Import(f) => Invocation::BenchImport { inputs: f.inputs },
            BenchSub::Extract(f) => Invocation::BenchExtract { inputs: f.inputs },
            BenchSub::Search(f) => Invocation::BenchSearch {
                inputs: f.inputs,
                copies: f.copies,
            },
            BenchSub::Export(f) => Invocation::BenchExport { inputs: f.inputs },
            BenchSub::Sources { articles, keep } => Invocation::BenchSources { articles, keep },
            BenchSub::SearchTab { hits } => Invocation::BenchSearchTab { hits },
            BenchSub::Panels(w) => Invocation::BenchPanels {
                workspace: w.workspace,
            },
            BenchSub::Families(f) => Invocation::BenchFamilies {
                inputs: f.inputs,
                copies: f.copies,
            },
            BenchSub::Scale(f) => Invocation::BenchScale { inputs: f.inputs },
            BenchSub::Anchors(f) => Invocation::BenchAnchors { inputs: f.inputs },
            BenchSub::Timeline { size } => Invocation::BenchTimeline { size },
        },
        Sub::Completions { shell } => Invocation::Completions { shell },
    })
}

/// The window on these paths, unless the first is a mistyped subcommand that names no file
/// (`dateline improt news`): then a usage error that suggests the subcommand.
fn window(paths: Vec<PathBuf>) -> Result<Invocation, ArgsError> {
    if let Some(first) = paths.first().and_then(|p| p.to_str())
        && !Path::new(first).exists()
        && let Some(meant) = suggestion(first)
    {
        return Err(usage(
            "",
            format!("no command and no file is called \"{first}\"; did you mean {meant}?"),
        ));
    }
    Ok(Invocation::Window { paths })
}

fn import(args: ImportArgs) -> Result<Invocation, ArgsError> {
    let output = args
        .output
        .ok_or_else(|| usage("import", "import needs -o WORKSPACE.ron"))?;
    if let Some(input) = args.from_jsonl {
        if !args.inputs.is_empty() {
            return Err(usage(
                "import",
                "import --from-jsonl reads one file; import the others apart",
            ));
        }
        return Ok(Invocation::ImportJsonl {
            input,
            query: args.query,
            ids: args.ids,
            output,
        });
    }
    if args.query.is_some() || args.ids.is_some() {
        return Err(usage(
            "import",
            "import: --query and --ids narrow --from-jsonl OUT.jsonl",
        ));
    }
    if args.inputs.is_empty() {
        return Err(usage("import", "import needs at least one folder or file"));
    }
    Ok(Invocation::Import {
        inputs: args.inputs,
        output,
    })
}

fn export(args: ExportArgs) -> Result<Invocation, ArgsError> {
    use crate::exchange::ExportFormat;
    let name = args.format.ok_or_else(|| {
        usage(
            "export",
            "export needs --format (csv, qdpx, w3c, brat, brat-inception, timelinejs, ics or timeml)",
        )
    })?;
    let format = ExportFormat::from_name(&name).ok_or_else(|| {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        usage(
            "export",
            format!(
                "export: there is no format \"{name}\"; the formats are {}",
                names.join(", ")
            ),
        )
    })?;
    Ok(Invocation::Export {
        workspace: args
            .workspace
            .ok_or_else(|| usage("export", "export needs a workspace file"))?,
        format,
        output: args
            .output
            .ok_or_else(|| usage("export", "export needs -o PATH"))?,
        query: args.query,
    })
}

fn extract(args: ExtractArgs) -> Result<Invocation, ArgsError> {
    let streaming = args.path_lines
        || args.out_dir.is_some()
        || args.threads.is_some()
        || args.reference_date.is_some();
    let scoring = match (args.timeml_jsonl, args.conll_jsonl) {
        (Some(input), _) => Some(Invocation::ExtractTimeml { input }),
        (None, Some(input)) => Some(Invocation::ExtractConll { input }),
        (None, None) => None,
    };
    if let Some(invocation) = scoring {
        if !args.paths.is_empty() || streaming {
            return Err(usage(
                "extract",
                "extract --timeml-jsonl and --conll-jsonl take one input file and no other option",
            ));
        }
        return Ok(invocation);
    }
    if args.jsonl {
        if args.paths.len() > 1 {
            return Err(usage("extract", "extract --jsonl reads one input"));
        }
        if args.out_dir.is_some() && !args.path_lines {
            return Err(usage(
                "extract",
                "extract --jsonl: --out-dir writes the records of --paths",
            ));
        }
        return Ok(Invocation::ExtractStream {
            input: args
                .paths
                .into_iter()
                .next()
                .filter(|p| p != Path::new("-")),
            paths: args.path_lines,
            threads: args.threads.unwrap_or(1),
            reference: args.reference_date,
            out_dir: args.out_dir,
        });
    }
    if streaming {
        return Err(usage(
            "extract",
            "extract: --paths, --out-dir, --threads and --reference-date go with --jsonl",
        ));
    }
    if args.paths.is_empty() {
        return Err(usage("extract", "extract needs at least one path"));
    }
    Ok(Invocation::Extract { paths: args.paths })
}

/// The subcommand a mistyped word most likely meant ("improt" → "import"): one within two
/// edits (one for words of four letters or fewer), if any.
fn suggestion(word: &str) -> Option<String> {
    let word = word.to_lowercase();
    let most = if word.chars().count() <= 4 { 1 } else { 2 };
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .chain(std::iter::once("help".to_string()))
        .map(|c| (edit_distance(&word, &c), c))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, replace, swap two neighbours) between two words.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Invocation, String> {
        parse_args(args.iter().map(OsString::from).collect()).map_err(|e| e.message())
    }

    #[test]
    fn a_mistyped_command_is_suggested_not_opened() {
        let err = parse(&["improt", "news"]).unwrap_err();
        assert!(err.contains("did you mean import?"), "{err}");
        assert_eq!(suggestion("extarct").as_deref(), Some("extract"));
        assert_eq!(suggestion("infp").as_deref(), Some("info"));
        assert_eq!(suggestion("completoins").as_deref(), Some("completions"));
        assert_eq!(suggestion("newsroom"), None);
        assert_eq!(suggestion("news"), None, "a folder's name is not a typo");
        // A word that is a file or folder opens, typo-like or not.
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("improt");
        std::fs::create_dir(&folder).unwrap();
        let opened = parse_args(vec![folder.clone().into()]).unwrap();
        assert_eq!(
            opened,
            Invocation::Window {
                paths: vec![folder]
            }
        );
    }

    #[test]
    fn subcommands_and_paths() {
        assert_eq!(parse(&[]), Ok(Invocation::Window { paths: vec![] }));
        assert_eq!(
            parse(&["import", "a", "b", "-o", "w.ron"]),
            Ok(Invocation::Import {
                inputs: vec!["a".into(), "b".into()],
                output: "w.ron".into()
            })
        );
        assert_eq!(
            parse(&["news", "w.ron"]),
            Ok(Invocation::Window {
                paths: vec!["news".into(), "w.ron".into()]
            })
        );
        assert_eq!(
            parse(&["info", "w.ron"]),
            Ok(Invocation::Info {
                path: "w.ron".into()
            })
        );
        assert_eq!(
            parse(&["bench", "import", "d"]),
            Ok(Invocation::BenchImport {
                inputs: vec!["d".into()]
            })
        );
        assert_eq!(
            parse(&["bench", "timeline"]),
            Ok(Invocation::BenchTimeline { size: 20_000 })
        );
        assert_eq!(
            parse(&["extract", "--jsonl", "--threads", "4", "-"]),
            Ok(Invocation::ExtractStream {
                input: None,
                paths: false,
                threads: 4,
                reference: None,
                out_dir: None
            })
        );
        assert_eq!(
            parse(&["extract", "--conll-jsonl", "dev.jsonl"]),
            Ok(Invocation::ExtractConll {
                input: "dev.jsonl".into()
            })
        );
        assert_eq!(
            parse(&["search", "w.ron", "-oil", "--count"]),
            Ok(Invocation::Search {
                path: "w.ron".into(),
                query: "-oil".into(),
                output: crate::cli::search::SearchOutput {
                    limit: None,
                    json: false,
                    count: true
                }
            }),
            "a query may start with a hyphen"
        );
        assert_eq!(
            parse(&["completions", "fish"]),
            Ok(Invocation::Completions {
                shell: clap_complete::Shell::Fish
            })
        );
    }

    #[test]
    fn usage_errors_say_what_is_wrong() {
        assert_eq!(
            parse(&["import", "a"]),
            Err("import needs -o WORKSPACE.ron".into())
        );
        let err = parse(&["import", "-o"]).unwrap_err();
        assert!(err.contains("a value is required for '--output"), "{err}");
        let err = parse(&["--frobnicate"]).unwrap_err();
        assert!(err.contains("unexpected argument '--frobnicate'"), "{err}");
        let err = parse(&["extract", "--jsonl", "--threads", "0"]).unwrap_err();
        assert!(err.contains("0 is not in 1..=256"), "{err}");
        assert_eq!(
            parse(&["extract", "a", "--threads", "2"]),
            Err(
                "extract: --paths, --out-dir, --threads and --reference-date go with --jsonl"
                    .into()
            )
        );
        assert!(parse(&["info"]).is_err());
        assert!(parse(&["extract"]).is_err());
        assert!(parse(&["bench"]).is_err());
        assert!(parse(&["families", "a", "--tsv", "--pairs"]).is_err());
        assert!(parse(&["completions", "tcsh"]).is_err());
    }

    #[test]
    fn help_and_version_are_not_errors_of_use() {
        for args in [
            &["--help"][..],
            &["import", "--help"],
            &["help", "export"],
            &["-V"],
        ] {
            match parse_args(args.iter().map(OsString::from).collect()) {
                Err(ArgsError::Clap(e)) => assert_eq!(e.exit_code(), 0, "{args:?}"),
                other => panic!("{args:?}: {other:?}"),
            }
        }
        let Err(ArgsError::Clap(help)) = parse_args(vec!["export".into(), "--help".into()]) else {
            panic!("export --help is help");
        };
        let help = help.to_string();
        assert!(help.contains("--format <FORMAT>"), "{help}");
        assert!(help.contains("qdpx"), "{help}");
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}

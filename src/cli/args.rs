//! Command-line arguments, parsed by hand: a handful of subcommands does not need a framework.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The help text.
pub const USAGE: &str = "\
Usage:
  dateline [PATH…]                      open the window; PATH is a folder, article files or a
                                        workspace (.ron); with no PATH the bundled samples open
  dateline import DIR… -o WORKSPACE.ron import without a window and save (adds to an existing
                                        workspace), then print a summary; .jsonld files (W3C)
                                        and brat folders or .ann files are laid over the
                                        workspace's articles as annotations
  dateline import --from-jsonl OUT [--query QUERY] [--ids FILE] -o WORKSPACE.ron
                                        the articles of `extract --jsonl` output (a .jsonl,
                                        or the folder a Spark job wrote) that match QUERY or
                                        are listed in FILE, with the names and time
                                        expressions found, kept in WORKSPACE-OUT-N.jsonl
  dateline export WORKSPACE.ron --format F -o PATH [--query QUERY]
                                        export as csv (a folder of tables), qdpx (REFI-QDA),
                                        w3c (JSON-LD),
                                        brat or brat-inception (folders), timelinejs, ics or
                                        timeml (a folder); --query limits it to the articles a
                                        search finds
  dateline extract PATH…                print one JSON object per article (or workspace article)
  dateline extract --jsonl [--paths [--out-dir DIR]] [--threads N]
                   [--reference-date YYYY-MM-DD] [IN|-]
                                        a streaming filter: one JSON line out for every line in
                                        ({\"id\", \"text\"} with optional \"published\",
                                        \"source\", \"html\": true; with --paths a file
                                        path), in order, a bad record one {\"id\", \"error\"}
                                        line; stdin by default; with --out-dir each path's
                                        records go to a file in DIR (a .jsonl of records
                                        filtered line for line) and the line out says where
  dateline entities --merge [IN…|-]     the corpus registry (one JSON line per entity: name,
                                        type, aliases with counts, articles, first and last
                                        seen) from `extract` output or other registries; the
                                        registries of two halves merge into that of the whole
  dateline extract --timeml-jsonl IN    time expressions for lines of {doc_id, dct, text}
  dateline extract --conll-jsonl IN     named entities for lines of {doc_id, text}
  dateline train-ner TRAIN.jsonl -o MODEL.bin [--epochs N]
                                        train the entity model (see scripts/train_ner.sh)
  dateline train-classes PATH… -o CLASSES.txt [--classes 64,256,1024] [--passes N]
                                        learn word classes from unlabelled text (folders of
                                        .txt files, JSONL with \"text\"; see
                                        scripts/train_classes.sh)
  dateline families PATH…|WORKSPACE.ron [--tsv | --pairs]
                                        the wire-story families: versions of one report
                                        (re-sends, corrections, updates, copies); --tsv prints
                                        family_id<TAB>path for every member, --pairs every
                                        candidate pair checked, with its measures
  dateline info WORKSPACE.ron           print what a workspace holds, or why it cannot be read
  dateline rescan WORKSPACE.ron [--json]
                                        read the sources again (new, changed, moved, gone files),
                                        re-anchor annotations, save; report every annotation
  dateline search WORKSPACE.ron QUERY [--limit N] [--json] [--count]
                                        every hit of QUERY as a keyword-in-context line
                                        (see the README for the query language)
  dateline bench import DIR…            time an import next to `cat | wc -w` over the same files
  dateline bench extract DIR…           time the time-expression engine next to `cat | wc -w`
  dateline bench search DIR… [--copies N]
                                        time the search index and queries of each kind
  dateline bench export DIR…            time every export with 50,000 annotations
  dateline bench sources [N] [--keep DIR]
                                        time reading one export of N articles in every container
  dateline bench search-tab [N]         time Search tab frames with N hits (default 100000)
  dateline bench panels WS.ron          time the window's panels and edits on a workspace, with
                                        300,000 annotations and a 50,000-word article added
  dateline bench families DIR… [--copies N]
                                        time family detection (whole and after one edit) next
                                        to `cat | wc -w`; N copies of every article (default 1)
  dateline bench scale DIR…             time import and save, open, the file's size and the
                                        memory an open workspace holds, next to `cat | wc -w`
  dateline bench anchors DIR…           re-anchor annotations after random edits of the articles
  dateline bench timeline [N]           time timeline frames with N articles and N events
                                        (default 20000) next to an empty frame
  dateline --help | --version

Any command with --verbose also writes its log to stderr (the log is always kept in
dateline.log in Dateline's config folder).

Subcommand names win over paths: open a folder called \"import\" as ./import.";

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
    /// Print the help text.
    Help,
    /// Print the version.
    Version,
}

/// Parses the arguments after the program name. The error is a one-line message for stderr.
pub fn parse_args(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(Invocation::Window { paths: Vec::new() });
    };
    let rest: Vec<OsString> = args.collect();
    match first.to_str() {
        Some("-h" | "--help" | "help") => Ok(Invocation::Help),
        Some("-V" | "--version") => Ok(Invocation::Version),
        Some("import") => parse_import(rest),
        Some("extract") => {
            if rest.first().and_then(|a| a.to_str()) == Some("--conll-jsonl") {
                let mut files = positional(rest[1..].to_vec(), "extract --conll-jsonl")?;
                if files.len() != 1 {
                    return Err("extract --conll-jsonl takes one input file".into());
                }
                return Ok(Invocation::ExtractConll {
                    input: files.remove(0),
                });
            }
            if rest.first().and_then(|a| a.to_str()) == Some("--timeml-jsonl") {
                let mut files = positional(rest[1..].to_vec(), "extract --timeml-jsonl")?;
                if files.len() != 1 {
                    return Err("extract --timeml-jsonl takes one input file".into());
                }
                return Ok(Invocation::ExtractTimeml {
                    input: files.remove(0),
                });
            }
            if rest.iter().any(|a| a == "--jsonl") {
                return parse_extract_stream(rest);
            }
            let paths = positional(rest, "extract")?;
            Ok(Invocation::Extract { paths })
        }
        Some("entities") => {
            if rest.first().and_then(|a| a.to_str()) != Some("--merge") {
                return Err("entities needs --merge: dateline entities --merge [IN…|-]".into());
            }
            let inputs: Vec<PathBuf> = rest[1..]
                .iter()
                .filter(|a| *a != "-")
                .map(PathBuf::from)
                .collect();
            if let Some(option) = inputs
                .iter()
                .filter_map(|p| p.to_str())
                .find(|a| a.starts_with('-'))
            {
                return Err(format!("entities --merge: unknown option {option}"));
            }
            Ok(Invocation::EntitiesMerge { inputs })
        }
        Some("train-ner") => parse_train_ner(rest),
        Some("train-classes") => parse_train_classes(rest),
        Some("families") => {
            use crate::cli::families::FamiliesOutput;
            let tsv = rest.iter().any(|a| a == "--tsv");
            let pairs = rest.iter().any(|a| a == "--pairs");
            if tsv && pairs {
                return Err("families: give --tsv or --pairs, not both".into());
            }
            let rest: Vec<OsString> = rest
                .into_iter()
                .filter(|a| a != "--tsv" && a != "--pairs")
                .collect();
            let paths = positional(rest, "families")?;
            let output = if tsv {
                FamiliesOutput::Tsv
            } else if pairs {
                FamiliesOutput::Pairs
            } else {
                FamiliesOutput::Summary
            };
            Ok(Invocation::Families { paths, output })
        }
        Some("search") => parse_search(rest),
        Some("export") => parse_export(rest),
        Some("info") => {
            let mut paths = positional(rest, "info")?;
            if paths.len() != 1 {
                return Err("info takes exactly one workspace file".into());
            }
            Ok(Invocation::Info {
                path: paths.remove(0),
            })
        }
        Some("rescan") => {
            let json = rest.iter().any(|a| a == "--json");
            let rest: Vec<OsString> = rest.into_iter().filter(|a| a != "--json").collect();
            let mut paths = positional(rest, "rescan")?;
            if paths.len() != 1 {
                return Err("rescan takes exactly one workspace file".into());
            }
            Ok(Invocation::Rescan {
                path: paths.remove(0),
                json,
            })
        }
        Some("bench") => {
            let mut rest = rest.into_iter();
            match rest.next().as_ref().and_then(|s| s.to_str()) {
                Some("import") => Ok(Invocation::BenchImport {
                    inputs: positional(rest.collect(), "bench import")?,
                }),
                Some("extract") => Ok(Invocation::BenchExtract {
                    inputs: positional(rest.collect(), "bench extract")?,
                }),
                Some("search") => parse_bench_search(rest.collect()),
                Some("scale") => Ok(Invocation::BenchScale {
                    inputs: positional(rest.collect(), "bench scale")?,
                }),
                Some("families") => {
                    let (inputs, copies) = parse_copies(rest.collect(), "bench families")?;
                    Ok(Invocation::BenchFamilies { inputs, copies })
                }
                Some("export") => Ok(Invocation::BenchExport {
                    inputs: positional(rest.collect(), "bench export")?,
                }),
                Some("panels") => {
                    let mut inputs = positional(rest.collect(), "bench panels")?;
                    if inputs.len() != 1 {
                        return Err("bench panels takes one workspace file".into());
                    }
                    Ok(Invocation::BenchPanels {
                        workspace: inputs.remove(0),
                    })
                }
                Some("search-tab") => {
                    let hits = match rest.next() {
                        None => 100_000,
                        Some(n) => n
                            .to_str()
                            .and_then(|n| n.parse::<usize>().ok())
                            .filter(|n| (1..=5_000_000).contains(n))
                            .ok_or("bench search-tab: the number of hits must be 1 to 5000000")?,
                    };
                    Ok(Invocation::BenchSearchTab { hits })
                }
                Some("sources") => {
                    let mut articles = 500;
                    let mut keep = None;
                    while let Some(arg) = rest.next() {
                        if arg == "--keep" {
                            keep = Some(PathBuf::from(
                                rest.next().ok_or("bench sources: --keep needs a folder")?,
                            ));
                        } else {
                            articles = arg
                                .to_str()
                                .and_then(|n| n.parse::<usize>().ok())
                                .filter(|n| (1..=100_000).contains(n))
                                .ok_or(
                                    "bench sources: the number of articles must be 1 to 100000",
                                )?;
                        }
                    }
                    Ok(Invocation::BenchSources { articles, keep })
                }
                Some("anchors") => Ok(Invocation::BenchAnchors {
                    inputs: positional(rest.collect(), "bench anchors")?,
                }),
                Some("timeline") => {
                    let size = match rest.next() {
                        None => 20_000,
                        Some(n) => n
                            .to_str()
                            .and_then(|n| n.parse::<usize>().ok())
                            .filter(|n| (1..=1_000_000).contains(n))
                            .ok_or_else(|| {
                                format!(
                                    "bench timeline: {} is not a size from 1 to 1000000",
                                    n.to_string_lossy()
                                )
                            })?,
                    };
                    if rest.next().is_some() {
                        return Err("bench timeline takes at most one size".into());
                    }
                    Ok(Invocation::BenchTimeline { size })
                }
                _ => Err(
                    "bench needs a benchmark name: bench import DIR…, bench extract DIR…, \
                     bench search DIR…, bench anchors DIR… or bench timeline [N]"
                        .into(),
                ),
            }
        }
        Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
            Err(format!("unknown option {flag}"))
        }
        Some(word) if !Path::new(word).exists() && suggestion(word).is_some() => Err(format!(
            "no command and no file is called \"{word}\"; did you mean {}?",
            suggestion(word).unwrap_or_default()
        )),
        _ => {
            let mut paths = vec![PathBuf::from(first)];
            for arg in rest {
                if arg
                    .to_str()
                    .is_some_and(|a| a.starts_with('-') && a.len() > 1)
                {
                    return Err(format!("unknown option {}", arg.to_string_lossy()));
                }
                paths.push(PathBuf::from(arg));
            }
            Ok(Invocation::Window { paths })
        }
    }
}

/// The subcommands, for suggestions.
const SUBCOMMANDS: &[&str] = &[
    "import",
    "export",
    "extract",
    "entities",
    "search",
    "families",
    "info",
    "rescan",
    "bench",
    "train-ner",
    "train-classes",
    "help",
];

/// The subcommand a mistyped word most likely meant ("improt" → "import"): one within two
/// edits (one for words of four letters or fewer), if any.
fn suggestion(word: &str) -> Option<&'static str> {
    let word = word.to_lowercase();
    let most = if word.chars().count() <= 4 { 1 } else { 2 };
    SUBCOMMANDS
        .iter()
        .map(|c| (edit_distance(&word, c), *c))
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

fn positional(args: Vec<OsString>, command: &str) -> Result<Vec<PathBuf>, String> {
    let mut paths = Vec::new();
    for arg in args {
        if arg
            .to_str()
            .is_some_and(|a| a.starts_with('-') && a.len() > 1)
        {
            return Err(format!(
                "{command}: unknown option {}",
                arg.to_string_lossy()
            ));
        }
        paths.push(PathBuf::from(arg));
    }
    if paths.is_empty() {
        return Err(format!("{command} needs at least one path"));
    }
    Ok(paths)
}

fn parse_extract_stream(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut input = None;
    let mut paths = false;
    let mut threads = 1;
    let mut reference = None;
    let mut out_dir = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg
            .to_str()
            .ok_or("extract --jsonl: the arguments must be text (UTF-8)")?
            .to_string();
        match text.as_str() {
            "--jsonl" => {}
            "--out-dir" => {
                let value = args
                    .next()
                    .ok_or("extract --jsonl: --out-dir needs a folder")?;
                out_dir = Some(PathBuf::from(value));
            }
            "--paths" => paths = true,
            "--threads" => {
                let value = args
                    .next()
                    .ok_or("extract --jsonl: --threads needs a number")?;
                threads = value
                    .to_str()
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|n| (1..=256).contains(n))
                    .ok_or("extract --jsonl: --threads needs a number from 1 to 256")?;
            }
            "--reference-date" => {
                let value = args
                    .next()
                    .ok_or("extract --jsonl: --reference-date needs a date (YYYY-MM-DD)")?;
                reference = Some(
                    value
                        .to_str()
                        .and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
                        .ok_or("extract --jsonl: --reference-date needs a date (YYYY-MM-DD)")?,
                );
            }
            "-" => {
                if input.replace(None).is_some() {
                    return Err("extract --jsonl reads one input".into());
                }
            }
            a if a.starts_with('-') => {
                return Err(format!("extract --jsonl: unknown option {a}"));
            }
            _ => {
                if input.replace(Some(PathBuf::from(text))).is_some() {
                    return Err("extract --jsonl reads one input".into());
                }
            }
        }
    }
    if out_dir.is_some() && !paths {
        return Err("extract --jsonl: --out-dir writes the records of --paths".into());
    }
    Ok(Invocation::ExtractStream {
        input: input.flatten(),
        paths,
        threads,
        reference,
        out_dir,
    })
}

fn parse_import(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut inputs = Vec::new();
    let mut output = None;
    let (mut jsonl, mut query, mut ids) = (None, None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--from-jsonl") => {
                let value = args
                    .next()
                    .ok_or("import: --from-jsonl needs the output of extract --jsonl")?;
                if jsonl.replace(PathBuf::from(value)).is_some() {
                    return Err("import: --from-jsonl given twice".into());
                }
            }
            Some("--query") => {
                let value = args.next().ok_or("import: --query needs a query")?;
                let value = value
                    .into_string()
                    .map_err(|_| "import: the query must be text (UTF-8)")?;
                if query.replace(value).is_some() {
                    return Err("import: --query given twice".into());
                }
            }
            Some("--ids") => {
                let value = args
                    .next()
                    .ok_or("import: --ids needs a file of ids, one a line")?;
                if ids.replace(PathBuf::from(value)).is_some() {
                    return Err("import: --ids given twice".into());
                }
            }
            Some("-o" | "--output") => {
                let value = args
                    .next()
                    .ok_or("import: -o needs a workspace file name")?;
                if output.replace(PathBuf::from(value)).is_some() {
                    return Err("import: -o given twice".into());
                }
            }
            Some(a) if a.starts_with('-') && a.len() > 1 => {
                return Err(format!("import: unknown option {a}"));
            }
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    let output = output.ok_or("import needs -o WORKSPACE.ron")?;
    if let Some(input) = jsonl {
        if !inputs.is_empty() {
            return Err("import --from-jsonl reads one file; import the others apart".into());
        }
        return Ok(Invocation::ImportJsonl {
            input,
            query,
            ids,
            output,
        });
    }
    if query.is_some() || ids.is_some() {
        return Err("import: --query and --ids narrow --from-jsonl OUT.jsonl".into());
    }
    if inputs.is_empty() {
        return Err("import needs at least one folder or file".into());
    }
    Ok(Invocation::Import { inputs, output })
}

fn parse_search(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut output = crate::cli::search::SearchOutput::default();
    let mut words: Vec<String> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg
            .to_str()
            .ok_or("search: the arguments must be text (UTF-8)")?
            .to_string();
        match text.as_str() {
            "--json" => output.json = true,
            "--count" => output.count = true,
            "--limit" => {
                output.limit = Some(
                    args.next()
                        .and_then(|n| n.to_str()?.parse().ok())
                        .ok_or("search: --limit needs a number of hits")?,
                )
            }
            _ => words.push(text),
        }
    }
    if words.len() != 2 {
        return Err(
            "search takes a workspace and one query (quote it: dateline search w.ron 'oil AND price')"
                .into(),
        );
    }
    let query = words.remove(1);
    Ok(Invocation::Search {
        path: PathBuf::from(words.remove(0)),
        query,
        output,
    })
}

fn parse_export(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut workspace = None;
    let mut format = None;
    let mut output = None;
    let mut query = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--format" | "-f") => {
                let name = args
                    .next()
                    .and_then(|n| n.to_str().map(str::to_string))
                    .ok_or("export: --format needs a format")?;
                format = Some(crate::exchange::ExportFormat::from_name(&name).ok_or_else(
                    || {
                        format!(
                            "export: there is no format \"{name}\"; the formats are {}",
                            crate::exchange::ExportFormat::ALL
                                .iter()
                                .map(|f| f.name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                )?);
            }
            Some("-o" | "--output") => {
                output = Some(PathBuf::from(
                    args.next()
                        .ok_or("export: -o needs a file or folder name")?,
                ))
            }
            Some("--query") => {
                query = Some(
                    args.next()
                        .and_then(|q| q.to_str().map(str::to_string))
                        .ok_or("export: --query needs a query")?,
                )
            }
            Some(a) if a.starts_with('-') && a.len() > 1 => {
                return Err(format!("export: unknown option {a}"));
            }
            _ => {
                if workspace.replace(PathBuf::from(arg)).is_some() {
                    return Err("export takes one workspace".into());
                }
            }
        }
    }
    Ok(Invocation::Export {
        workspace: workspace.ok_or("export needs a workspace file")?,
        format: format.ok_or(
            "export needs --format (csv, qdpx, w3c, brat, brat-inception, timelinejs, ics or timeml)",
        )?,
        output: output.ok_or("export needs -o PATH")?,
        query,
    })
}

fn parse_bench_search(args: Vec<OsString>) -> Result<Invocation, String> {
    let (inputs, copies) = parse_copies(args, "bench search")?;
    Ok(Invocation::BenchSearch { inputs, copies })
}

/// Folders and `--copies N` of a benchmark that repeats its articles.
fn parse_copies(args: Vec<OsString>, what: &str) -> Result<(Vec<PathBuf>, usize), String> {
    let mut copies = 1;
    let mut paths = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--copies" {
            copies = args
                .next()
                .and_then(|n| n.to_str()?.parse().ok())
                .filter(|n| (1..=100).contains(n))
                .ok_or_else(|| format!("{what}: --copies needs a number from 1 to 100"))?;
        } else {
            paths.push(arg);
        }
    }
    Ok((positional(paths, what)?, copies))
}

fn parse_train_ner(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut input = None;
    let mut output = None;
    let mut epochs = 12;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => {
                output = Some(PathBuf::from(
                    args.next().ok_or("train-ner: -o needs a file name")?,
                ))
            }
            Some("--epochs") => {
                epochs = args
                    .next()
                    .and_then(|e| e.to_str()?.parse().ok())
                    .filter(|e| (1..=100).contains(e))
                    .ok_or("train-ner: --epochs needs a number from 1 to 100")?;
            }
            Some(a) if a.starts_with('-') && a.len() > 1 => {
                return Err(format!("train-ner: unknown option {a}"));
            }
            _ => input = Some(PathBuf::from(arg)),
        }
    }
    Ok(Invocation::TrainNer {
        input: input.ok_or("train-ner needs a training file (CoNLL JSONL)")?,
        output: output.ok_or("train-ner needs -o MODEL.bin")?,
        epochs,
    })
}

fn parse_train_classes(args: Vec<OsString>) -> Result<Invocation, String> {
    let mut inputs = Vec::new();
    let mut output = None;
    let mut grains = vec![64, 256, 1024];
    let mut passes = 15;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => {
                output = Some(PathBuf::from(
                    args.next().ok_or("train-classes: -o needs a file name")?,
                ))
            }
            Some("--classes") => {
                grains = args
                    .next()
                    .and_then(|g| {
                        g.to_str()?
                            .split(',')
                            .map(|n| n.trim().parse().ok().filter(|n| (2..=4096).contains(n)))
                            .collect::<Option<Vec<usize>>>()
                    })
                    .filter(|g| g.len() == crate::extract::entities::CLASS_GRAINS)
                    .ok_or(format!(
                        "train-classes: --classes needs {} numbers from 2 to 4096, such as 64,256,1024",
                        crate::extract::entities::CLASS_GRAINS
                    ))?;
            }
            Some("--passes") => {
                passes = args
                    .next()
                    .and_then(|e| e.to_str()?.parse().ok())
                    .filter(|e| (1..=100).contains(e))
                    .ok_or("train-classes: --passes needs a number from 1 to 100")?;
            }
            Some(a) if a.starts_with('-') && a.len() > 1 => {
                return Err(format!("train-classes: unknown option {a}"));
            }
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    if inputs.is_empty() {
        return Err("train-classes needs folders or JSONL files of text".into());
    }
    Ok(Invocation::TrainClasses {
        inputs,
        output: output.ok_or("train-classes needs -o CLASSES.txt")?,
        grains,
        passes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_command_is_suggested_not_opened() {
        let err = parse_args(vec!["improt".into(), "news".into()]).unwrap_err();
        assert!(err.contains("did you mean import?"), "{err}");
        assert_eq!(suggestion("extarct"), Some("extract"));
        assert_eq!(suggestion("infp"), Some("info"));
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

    fn parse(args: &[&str]) -> Result<Invocation, String> {
        parse_args(args.iter().map(OsString::from).collect())
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
    }

    #[test]
    fn usage_errors_say_what_is_wrong() {
        assert_eq!(
            parse(&["import", "a"]),
            Err("import needs -o WORKSPACE.ron".into())
        );
        assert_eq!(
            parse(&["import", "-o"]),
            Err("import: -o needs a workspace file name".into())
        );
        assert_eq!(
            parse(&["--frobnicate"]),
            Err("unknown option --frobnicate".into())
        );
        assert!(parse(&["info"]).is_err());
        assert!(parse(&["extract"]).is_err());
        assert!(parse(&["bench"]).is_err());
    }
}

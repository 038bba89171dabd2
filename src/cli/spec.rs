//! The command line as clap sees it: every subcommand, option and help text. `args` turns what
//! clap parsed into an [`Invocation`](super::Invocation), checking what clap cannot.

use std::path::PathBuf;

use clap::builder::RangedU64ValueParser;
use clap::{Args, Parser, Subcommand, ValueHint};

/// `dateline`: open the window, or run one headless command.
#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    about = "A research workbench for people who study the news: open articles in the window, \
             or import, extract, search and export them from the command line.",
    override_usage = "dateline [PATH…]                       open the window (no PATH: the bundled samples)\n       \
                      dateline import DIR… -o WORKSPACE.ron  import without a window\n       \
                      dateline COMMAND --help                a command's options",
    after_help = "Any command with --verbose also writes its log to stderr (the log is always kept \
                  in dateline.log in Dateline's config folder).\n\
                  Subcommand names win over paths: open a folder called \"import\" as ./import.\n\
                  Exit codes: 0 done, 1 the work failed (the message says why), 2 a usage error.",
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Folders, article files or a workspace (.ron) to open in the window.
    #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Also write the log to stderr, with more detail.
    #[arg(long, global = true)]
    pub verbose: bool,
    /// The headless command, if any.
    #[command(subcommand)]
    pub command: Option<Sub>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Import folders and files without a window and save them in a workspace.
    #[command(
        long_about = "Import folders and files without a window and save them in a workspace \
                      (added to it when it exists), then print a summary. JSON-LD files (W3C) \
                      and brat folders or .ann files are laid over the workspace's articles as \
                      annotations.\n\nWith --from-jsonl: the articles of `extract --jsonl` \
                      output (a .jsonl, or the folder a Spark job wrote) that match --query or \
                      are listed in --ids, with the names and time expressions found."
    )]
    Import(ImportArgs),
    /// Export a workspace in an exchange format.
    #[command(
        long_about = "Export a workspace: csv (a folder of tables), qdpx (REFI-QDA), w3c \
                      (JSON-LD), brat or brat-inception (folders), timelinejs, ics or timeml (a \
                      folder). --query limits it to the articles a search finds."
    )]
    Export(ExportArgs),
    /// Print one JSON object per article, or run as a streaming filter over JSON lines.
    #[command(
        long_about = "Print one JSON object per article (or workspace article) under the paths.\n\n\
                      With --jsonl: a streaming filter, one JSON line out for every line in \
                      ({\"id\", \"text\"} with optional \"published\", \"source\", \"html\": \
                      true; with --paths a file path), in order; a bad record gives one \
                      {\"id\", \"error\"} line. Reads stdin by default. With --out-dir each \
                      path's records go to a file in DIR and the line out says where.\n\n\
                      With --timeml-jsonl or --conll-jsonl: the time expressions or names of \
                      each document of a scoring file."
    )]
    Extract(ExtractArgs),
    /// The corpus registry of entities, merged from extraction output or other registries.
    #[command(
        long_about = "The corpus registry (one JSON line per entity: name, type, aliases with \
                      counts, articles, first and last seen) from `extract` output or other \
                      registries; the registries of two halves merge into that of the whole."
    )]
    Entities(EntitiesArgs),
    /// Every hit of a query as a keyword-in-context line.
    #[command(
        long_about = "Every hit of QUERY in a workspace as a keyword-in-context line \
                            (see the README for the query language)."
    )]
    Search(SearchArgs),
    /// The wire-story families: versions of one report.
    #[command(
        long_about = "The wire-story families: versions of one report (re-sends, \
                            corrections, updates, copies) among articles or in a workspace."
    )]
    Families(FamiliesArgs),
    /// Print what a workspace holds, or why it cannot be read.
    Info(WorkspaceArg),
    /// Read a workspace's sources again, re-anchor its annotations and save it.
    #[command(
        long_about = "Read the sources again (new, changed, moved, gone files), re-anchor \
                            annotations, save; report every annotation."
    )]
    Rescan(RescanArgs),
    /// Train the entity model (see scripts/train_ner.sh).
    TrainNer(TrainNerArgs),
    /// Learn word classes from unlabelled text (see scripts/train_classes.sh).
    TrainClasses(TrainClassesArgs),
    /// Measure: every benchmark runs next to a baseline in the same process.
    #[command(subcommand)]
    Bench(BenchSub),
    /// Print a completion script for a shell.
    #[command(long_about = "Print a completion script for a shell, for example:\n  \
                            dateline completions bash > ~/.local/share/bash-completion/completions/dateline\n  \
                            dateline completions zsh > ~/.zfunc/_dateline\n  \
                            dateline completions fish > ~/.config/fish/completions/dateline.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `dateline import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Folders and files to import.
    #[arg(value_name = "DIR", value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<PathBuf>,
    /// The workspace to write (added to when it exists).
    #[arg(short, long, value_name = "WORKSPACE.ron", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// The output of `extract --jsonl` to import articles from.
    #[arg(long, value_name = "OUT", value_hint = ValueHint::AnyPath)]
    pub from_jsonl: Option<PathBuf>,
    /// With --from-jsonl: only the articles this query finds.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// With --from-jsonl: only the records whose ids this file lists, one a line.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub ids: Option<PathBuf>,
}

/// `dateline export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The workspace to export.
    #[arg(value_name = "WORKSPACE.ron", value_hint = ValueHint::FilePath)]
    pub workspace: Option<PathBuf>,
    /// csv, qdpx, w3c, brat, brat-inception, timelinejs, ics or timeml.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The file or folder to write.
    #[arg(short, long, value_name = "PATH", value_hint = ValueHint::AnyPath)]
    pub output: Option<PathBuf>,
    /// Only the articles this query finds.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
}

/// `dateline extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Folders, article files or workspaces; with --jsonl one input file, or - for stdin.
    #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// A streaming filter over JSON lines.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: the lines are file paths, not {"id", "text"} records.
    #[arg(long = "paths")]
    pub path_lines: bool,
    /// With --jsonl --paths: write each path's records to a file in this folder.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out_dir: Option<PathBuf>,
    /// With --jsonl: worker threads (1 to 256).
    #[arg(long, value_name = "N",
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=256))]
    pub threads: Option<usize>,
    /// With --jsonl: the reference date for articles without a full publication date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Time expressions for lines of {"doc_id", "dct", "text"}.
    #[arg(long, value_name = "IN", value_hint = ValueHint::FilePath,
          conflicts_with_all = ["jsonl", "conll_jsonl"])]
    pub timeml_jsonl: Option<PathBuf>,
    /// Named entities for lines of {"doc_id", "text"}.
    #[arg(long, value_name = "IN", value_hint = ValueHint::FilePath, conflicts_with = "jsonl")]
    pub conll_jsonl: Option<PathBuf>,
}

/// `dateline entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Merge extraction output or registries into one registry.
    #[arg(long)]
    pub merge: bool,
    /// Input files; none or - for stdin.
    #[arg(value_name = "IN", value_hint = ValueHint::FilePath)]
    pub inputs: Vec<PathBuf>,
}

/// `dateline search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The workspace to search.
    #[arg(value_name = "WORKSPACE.ron", value_hint = ValueHint::FilePath)]
    pub workspace: PathBuf,
    /// The query, quoted: 'oil AND price'.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// At most this many hits.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
    /// Only the numbers of hits and articles.
    #[arg(long)]
    pub count: bool,
}

/// `dateline families`.
#[derive(Debug, Args)]
pub struct FamiliesArgs {
    /// Folders, article files, or one workspace file.
    #[arg(value_name = "PATH", required = true, value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// family_id<TAB>path for every member of a family.
    #[arg(long, conflicts_with = "pairs")]
    pub tsv: bool,
    /// Every candidate pair checked, with its measures.
    #[arg(long)]
    pub pairs: bool,
}

/// A command that takes one workspace file.
#[derive(Debug, Args)]
pub struct WorkspaceArg {
    /// The workspace file.
    #[arg(value_name = "WORKSPACE.ron", value_hint = ValueHint::FilePath)]
    pub workspace: PathBuf,
}

/// `dateline rescan`.
#[derive(Debug, Args)]
pub struct RescanArgs {
    /// The workspace file.
    #[arg(value_name = "WORKSPACE.ron", value_hint = ValueHint::FilePath)]
    pub workspace: PathBuf,
    /// One JSON object per annotation instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `dateline train-ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// CoNLL-style JSONL with gold entities.
    #[arg(value_name = "TRAIN.jsonl", value_hint = ValueHint::FilePath)]
    pub input: PathBuf,
    /// Where to write the model.
    #[arg(short, long, value_name = "MODEL.bin", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,
    /// Passes over the data (1 to 100).
    #[arg(long, value_name = "N", default_value_t = 12,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=100))]
    pub epochs: usize,
    /// Models trained on the data read in different orders, whose weights are averaged into
    /// the one written (1 to 20): less dependent on the luck of one order.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=20))]
    pub orders: usize,
}

/// `dateline train-classes`.
#[derive(Debug, Args)]
pub struct TrainClassesArgs {
    /// Folders of .txt files and JSONL files with a "text" field.
    #[arg(value_name = "PATH", required = true, value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<PathBuf>,
    /// Where to write the table.
    #[arg(short, long, value_name = "CLASSES.txt", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,
    /// Classes at each grain, coarse to fine.
    #[arg(long, value_name = "N,N,N", default_value = "64,256,1024", value_parser = parse_grains)]
    pub classes: Grains,
    /// Most passes over the vocabulary per grain (1 to 100).
    #[arg(long, value_name = "N", default_value_t = 15,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=100))]
    pub passes: usize,
}

/// The class counts of `train-classes --classes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grains(pub Vec<usize>);

/// The benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchSub {
    /// Time an import next to `cat | wc -w` over the same files.
    Import(Folders),
    /// Time the time-expression and name engines next to `cat | wc -w`.
    Extract(Folders),
    /// Time the search index and queries of each kind.
    Search(FoldersCopies),
    /// Time every export with 50,000 annotations.
    Export(Folders),
    /// Time reading one export of N articles in every container.
    Sources {
        /// Articles in the export (1 to 100000).
        #[arg(value_name = "N", default_value_t = 500,
              value_parser = RangedU64ValueParser::<usize>::new().range(1..=100_000))]
        articles: usize,
        /// Keep the files written in this folder.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        keep: Option<PathBuf>,
    },
    /// Time Search tab frames with N hits.
    SearchTab {
        /// Hits in the table (1 to 5000000).
        #[arg(value_name = "N", default_value_t = 100_000,
              value_parser = RangedU64ValueParser::<usize>::new().range(1..=5_000_000))]
        hits: usize,
    },
    /// Time the window's panels and edits on a workspace, with 300,000 annotations and a
    /// 50,000-word article added.
    Panels(WorkspaceArg),
    /// Time family detection (whole and after one edit) next to `cat | wc -w`.
    Families(FoldersCopies),
    /// Time import and save, open, the file's size and the memory an open workspace holds.
    Scale(Folders),
    /// Re-anchor annotations after random edits of the articles.
    Anchors(Folders),
    /// Time timeline frames with N articles and N events next to an empty frame.
    Timeline {
        /// Articles, and as many events (1 to 1000000).
        #[arg(value_name = "N", default_value_t = 20_000,
              value_parser = RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
        size: usize,
    },
}

/// Folders of articles for a benchmark.
#[derive(Debug, Args)]
pub struct Folders {
    /// Folders of articles.
    #[arg(value_name = "DIR", required = true, value_hint = ValueHint::DirPath)]
    pub inputs: Vec<PathBuf>,
}

/// Folders of articles, repeated.
#[derive(Debug, Args)]
pub struct FoldersCopies {
    /// Folders of articles.
    #[arg(value_name = "DIR", required = true, value_hint = ValueHint::DirPath)]
    pub inputs: Vec<PathBuf>,
    /// Copies of every article (1 to 100).
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=100))]
    pub copies: usize,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "--reference-date needs a date (YYYY-MM-DD)".to_string())
}

fn parse_grains(text: &str) -> Result<Grains, String> {
    let grains = crate::extract::entities::CLASS_GRAINS;
    text.split(',')
        .map(|n| n.trim().parse().ok().filter(|n| (2..=4096).contains(n)))
        .collect::<Option<Vec<usize>>>()
        .filter(|g| g.len() == grains)
        .map(Grains)
        .ok_or(format!(
            "--classes needs {grains} numbers from 2 to 4096, such as 64,256,1024"
        ))
}

/// Prints the completion script for `shell` to stdout.
pub fn print_completions(shell: clap_complete::Shell) {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "dateline", &mut std::io::stdout());
}

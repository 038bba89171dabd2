//! brat standoff import: a folder of `NAME.txt` + `NAME.ann` (brat's, INCEpTION's, or
//! Dateline's own export) laid over the workspace's articles. A document is the article with
//! the same text, else the same file name; spans are placed in code points, else UTF-16 units,
//! else by their words; what cannot be placed becomes an orphan. Types become names (PER, ORG,
//! LOC, MISC), notes (`Note` with its `AnnotatorNotes`) or tags (by the hierarchy of
//! `annotation.conf`, the names and colours of `visual.conf`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ExchangeError;
use super::import_plan::{ImportPlan, ImportReport, Placement, place};
use super::text::Utf16;
use crate::model::{AnnotationBody, AnnotationOrigin, Article, EntityKey, EntityLabel, Workspace};

/// One document of a brat folder.
pub struct BratDocument {
    /// The `.ann` file.
    pub path: PathBuf,
    /// The text of the `.txt` beside it (line endings normalised), when there is one.
    pub text: Option<String>,
    /// The `.ann` file's lines.
    pub ann: String,
}

/// A brat folder read: its documents and configuration.
pub struct BratFolder {
    /// The documents.
    pub documents: Vec<BratDocument>,
    /// Tag path of each type, from `annotation.conf` and `visual.conf`.
    pub paths: HashMap<String, String>,
    /// Colour of each type, from `visual.conf`.
    pub colours: HashMap<String, [u8; 3]>,
}

/// True for a folder holding brat annotations (an `annotation.conf` or `.ann` files), or an
/// `.ann` file.
pub fn is_brat(path: &Path) -> bool {
    if path.is_file() {
        return path.extension().is_some_and(|e| e == "ann");
    }
    path.join("annotation.conf").is_file()
}

fn io(path: &Path, e: std::io::Error) -> ExchangeError {
    ExchangeError::Io {
        path: path.to_path_buf(),
        action: "reading",
        message: e.to_string(),
    }
}

/// Reads a brat folder (or one `.ann` file and the `.txt` beside it).
pub fn read(path: &Path) -> Result<BratFolder, ExchangeError> {
    let (folder, anns): (PathBuf, Vec<PathBuf>) = if path.is_file() {
        (
            path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            vec![path.to_path_buf()],
        )
    } else {
        let mut anns: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| io(path, e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ann"))
            .collect();
        anns.sort();
        (path.to_path_buf(), anns)
    };
    let mut documents = Vec::new();
    for ann_path in anns {
        let ann = std::fs::read_to_string(&ann_path).map_err(|e| io(&ann_path, e))?;
        let text = std::fs::read_to_string(ann_path.with_extension("txt"))
            .ok()
            .map(|t| t.replace("\r\n", "\n"));
        documents.push(BratDocument {
            path: ann_path,
            text,
            ann,
        });
    }
    let conf = std::fs::read_to_string(folder.join("annotation.conf")).unwrap_or_default();
    let visual = std::fs::read_to_string(folder.join("visual.conf")).unwrap_or_default();
    let (paths, colours) = configuration(&conf, &visual);
    Ok(BratFolder {
        documents,
        paths,
        colours,
    })
}

/// Tag paths and colours of the entity types: the hierarchy of `annotation.conf`'s
/// `[entities]` (TAB-indented), the display names of `visual.conf`'s `[labels]` and the
/// `bgColor` of its `[drawing]`.
fn configuration(conf: &str, visual: &str) -> (HashMap<String, String>, HashMap<String, [u8; 3]>) {
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut colours: HashMap<String, [u8; 3]> = HashMap::new();
    let mut section = "";
    for line in visual.lines() {
        let line = line.trim_end();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        match section {
            "[labels]" => {
                let mut parts = line.split('|').map(str::trim);
                if let (Some(kind), Some(label)) = (parts.next(), parts.next()) {
                    labels.insert(kind.to_string(), label.to_string());
                }
            }
            "[drawing]" => {
                let mut parts = line.split('\t');
                let (Some(kind), Some(style)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let colour = style
                    .split(',')
                    .find_map(|s| s.trim().strip_prefix("bgColor:"))
                    .and_then(super::text::parse_colour);
                if let Some(c) = colour {
                    colours.insert(kind.trim().to_string(), c);
                }
            }
            _ => {}
        }
    }
    let mut paths: HashMap<String, String> = HashMap::new();
    let mut stack: Vec<String> = Vec::new();
    let mut in_entities = false;
    for line in conf.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_entities = trimmed == "[entities]";
            continue;
        }
        if !in_entities || trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = line.chars().take_while(|c| *c == '\t').count();
        let kind = trimmed.trim_start_matches('!').to_string();
        stack.truncate(depth);
        let own = labels
            .get(&kind)
            .and_then(|l| l.rsplit(['›', '>']).next().map(|s| s.trim().to_string()))
            .unwrap_or_else(|| kind.clone());
        stack.push(own);
        let path = labels
            .get(&kind)
            .cloned()
            .unwrap_or_else(|| stack.join(" › "));
        paths.insert(kind, path);
    }
    (paths, colours)
}

/// The article a document is a copy of: the one Dateline's file name says (when its text
/// agrees), the same text, else the same file name.
fn find_article<'w>(
    articles: &super::import_plan::ArticleFinder<'w>,
    doc: &BratDocument,
) -> Option<&'w Article> {
    let stem = doc.path.file_stem()?.to_string_lossy().into_owned();
    articles.document(&stem, doc.text.as_deref())
}

/// A T line: id, type, fragments, text.
struct Span {
    id: String,
    kind: String,
    fragments: Vec<(usize, usize)>,
    text: String,
}

fn parse_span(line: &str) -> Option<Span> {
    let mut fields = line.splitn(3, '\t');
    let id = fields.next()?.to_string();
    let middle = fields.next()?;
    let text = fields.next().unwrap_or("").to_string();
    let (kind, offsets) = middle.split_once(' ')?;
    let fragments: Option<Vec<(usize, usize)>> = offsets
        .split(';')
        .map(|f| {
            let (s, e) = f.trim().split_once(' ')?;
            Some((s.parse().ok()?, e.parse().ok()?))
        })
        .collect();
    Some(Span {
        id,
        kind: kind.to_string(),
        fragments: fragments.filter(|f| !f.is_empty())?,
        text,
    })
}

/// Places a span: its fragments' words (joined by a space) in code points, else in UTF-16
/// units, else the words found by the re-anchoring engine.
fn place_span(article: &Article, span: &Span) -> Result<Placement, crate::model::TextTarget> {
    let chars: Vec<char> = article.body.chars().collect();
    let words = |frags: &[(usize, usize)]| -> Option<String> {
        let parts: Option<Vec<String>> = frags
            .iter()
            .map(|&(s, e)| (s <= e && e <= chars.len()).then(|| chars[s..e].iter().collect()))
            .collect();
        Some(parts?.join(" "))
    };
    let first = span.fragments[0].0;
    let last = span.fragments[span.fragments.len() - 1].1;
    if words(&span.fragments).as_deref() == Some(span.text.as_str()) {
        return Ok(Placement {
            article: article.id,
            start: first,
            end: last,
            reanchored: false,
            utf16: false,
        });
    }
    let units = Utf16::new(&article.body);
    let converted: Option<Vec<(usize, usize)>> = span
        .fragments
        .iter()
        .map(|&(s, e)| Some((units.code_point(s)?, units.code_point(e)?)))
        .collect();
    if let Some(frags) = converted
        && words(&frags).as_deref() == Some(span.text.as_str())
    {
        return Ok(Placement {
            article: article.id,
            start: frags[0].0,
            end: frags[frags.len() - 1].1,
            reanchored: false,
            utf16: true,
        });
    }
    place(article, None, &span.text, "", "")
}

/// Lays a brat folder over `workspace`: one undoable edit, and what happened.
pub fn import(
    workspace: &Workspace,
    folder: &BratFolder,
) -> (Option<crate::model::Edit>, ImportReport) {
    let mut plan = ImportPlan::new(workspace);
    for (kind, colour) in &folder.colours {
        if let Some(path) = folder.paths.get(kind) {
            plan.colour(path, *colour);
        }
    }
    let mut timexes = 0;
    let mut events = 0;
    for doc in &folder.documents {
        let Some(article) = find_article(&plan.articles, doc) else {
            plan.report.unmatched += doc.ann.lines().filter(|l| l.starts_with('T')).count();
            continue;
        };
        // Notes and attributes by the T line they belong to.
        let mut notes: HashMap<String, String> = HashMap::new();
        for line in doc.ann.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') && fields.len() >= 3 {
                if let Some(target) = fields[1].strip_prefix("AnnotatorNotes ") {
                    notes.insert(target.trim().to_string(), fields[2].to_string());
                }
            } else if line.starts_with('A') && fields.len() >= 2 {
                let parts: Vec<&str> = fields[1].splitn(3, ' ').collect();
                if let [_, target, value] = parts[..] {
                    notes.insert(target.to_string(), value.replace('_', " "));
                }
            }
        }
        for line in doc.ann.lines().filter(|l| l.starts_with('T')) {
            let Some(span) = parse_span(line) else {
                plan.report.skipped.push(format!(
                    "{}: a T line brat would refuse: {line}",
                    doc.path.display()
                ));
                continue;
            };
            let body = match span.kind.as_str() {
                "PER" | "ORG" | "LOC" | "MISC" => {
                    let name = notes
                        .get(&span.id)
                        .cloned()
                        .unwrap_or_else(|| span.text.clone());
                    let label = EntityLabel::from_code(&span.kind).unwrap_or(EntityLabel::Other);
                    AnnotationBody::Entity(EntityKey::new(&name, label))
                }
                "Note" => match notes.get(&span.id) {
                    Some(text) => AnnotationBody::Note(text.clone()),
                    None => continue,
                },
                k if k.starts_with("TIMEX3_") => {
                    timexes += 1;
                    continue;
                }
                "Event" => {
                    events += 1;
                    continue;
                }
                other => {
                    let path = folder
                        .paths
                        .get(other)
                        .cloned()
                        .unwrap_or_else(|| other.to_string());
                    AnnotationBody::Tag(plan.tag(&path))
                }
            };
            match place_span(article, &span) {
                Ok(p) => plan.annotate(&p, body, AnnotationOrigin::Manual),
                Err(said) => plan.orphan(&said, body, AnnotationOrigin::Manual),
            }
        }
    }
    if timexes > 0 {
        plan.report.skipped.push(format!(
            "{timexes} time expressions: Dateline finds them again in the text"
        ));
    }
    if events > 0 {
        plan.report.skipped.push(format!(
            "{events} event spans: events come back with their dates through W3C files"
        ));
    }
    plan.finish()
}

//! REFI-QDA project import (`.qdpx` from MAXQDA, NVivo, ATLAS.ti, QualCoder or Dateline):
//! text sources become articles (or are matched to the workspace's, by their text), the
//! codebook the codebook (hierarchy and colours), coded selections annotations, notes notes
//! (a selection's description, as MAXQDA and QualCoder write them, and `NoteRef`s to project
//! notes, as NVivo does). The tools disagree on line ends: sources may have a byte-order mark
//! and CRLF, and positions may count CRLF as one character (ATLAS.ti) or two (NVivo); a
//! selection's name (its words, when the tool writes them) decides which reading is right.
//! Selections are then placed in the article's body (which lacks the headline and dateline
//! the source text may hold) by offset, else by their words; what cannot be placed is kept
//! as an orphan.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::ExchangeError;
use super::import_plan::{ImportPlan, ImportReport, place};
use super::qdpx::{EVENTS_MARK, NAMES_MARK};
use super::xml::{Element, parse};
use crate::model::{
    AnnotationBody, AnnotationOrigin, Article, EntityKey, EntityLabel, Event, EventId, Evidence,
    TextTarget, TimeValue, Workspace,
};

/// What a code stands for.
#[derive(Clone, Debug, PartialEq)]
enum Meaning {
    /// A tag at this path.
    Tag(String),
    /// An entity (Dateline's "Names" codes).
    Entity(EntityLabel, String),
    /// An event (Dateline's "Events" codes).
    Event(String, String),
}

/// A coded passage of a source.
#[derive(Clone, Debug)]
struct Selection {
    start: usize,
    end: usize,
    name: Option<String>,
    codes: Vec<String>,
    notes: Vec<String>,
}

/// A text source of the project.
#[derive(Clone, Debug)]
pub struct Source {
    /// Its name in the project.
    pub name: String,
    /// Its text with line ends made LF and no byte-order mark.
    pub text: String,
    /// The text as stored, CR included (for positions that count CRLF as two).
    raw: String,
    selections: Vec<Selection>,
}

/// A REFI-QDA project read.
pub struct Project {
    /// The file.
    pub path: PathBuf,
    /// Its text sources.
    pub sources: Vec<Source>,
    codes: HashMap<String, Meaning>,
    colours: Vec<(String, [u8; 3])>,
    /// Positions count CRLF as two characters (NVivo), unless a selection's words say not.
    crlf_two: bool,
}

fn format_error(path: &Path, message: impl Into<String>) -> ExchangeError {
    ExchangeError::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// How deeply codes may nest.
const MAX_DEPTH: usize = 64;

/// The largest file read out of a project (a source, or project.qde).
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

/// Which part of the codebook a code sits in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Branch {
    /// The user's codes: tags.
    Tags,
    /// Under Dateline's "Names" code: kinds, then entities.
    Names,
    /// Under Dateline's "Events" code: events.
    Events,
}

/// Walks the codebook: tags by their path, and (in a project Dateline wrote) names and
/// events under the codes marked so.
fn read_codes(
    codes: &Element,
    path: &[String],
    branch: Branch,
    meanings: &mut HashMap<String, Meaning>,
    colours: &mut Vec<(String, [u8; 3])>,
) {
    // A hostile file could nest codes deeper than any codebook; no stack is that deep.
    if path.len() > MAX_DEPTH {
        return;
    }
    for code in codes.all("Code") {
        let name = code.attr("name").unwrap_or("").to_string();
        let guid = code.attr("guid").unwrap_or("").to_lowercase();
        let description = code.child("Description").map(|d| d.text.trim().to_string());
        let codable = code.attr("isCodable") != Some("false");
        match (branch, description.as_deref()) {
            (Branch::Tags, Some(NAMES_MARK)) => {
                read_codes(code, &[], Branch::Names, meanings, colours)
            }
            (Branch::Tags, Some(EVENTS_MARK)) => {
                read_codes(code, &[], Branch::Events, meanings, colours)
            }
            (Branch::Tags, _) => {
                let mut own = path.to_vec();
                own.push(name);
                let joined = own.join(" › ");
                if let Some(c) = code.attr("color").and_then(super::text::parse_colour) {
                    colours.push((joined.clone(), c));
                }
                meanings.insert(guid, Meaning::Tag(joined));
                read_codes(code, &own, Branch::Tags, meanings, colours);
            }
            // A kind (PER, ORG, …): its entities sit under it.
            (Branch::Names, _) if !codable => {
                read_codes(code, &[name], Branch::Names, meanings, colours)
            }
            (Branch::Names, _) => {
                let label = path
                    .last()
                    .and_then(|k| EntityLabel::from_code(k))
                    .unwrap_or(EntityLabel::Other);
                meanings.insert(guid, Meaning::Entity(label, name));
            }
            (Branch::Events, value) => {
                if codable {
                    let value = value.unwrap_or_default().to_string();
                    meanings.insert(guid, Meaning::Event(name, value));
                }
            }
        }
    }
}

/// Reads a `.qdpx` file.
pub fn read(path: &Path) -> Result<Project, ExchangeError> {
    let file = std::fs::File::open(path).map_err(|e| ExchangeError::Io {
        path: path.to_path_buf(),
        action: "reading",
        message: e.to_string(),
    })?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        format_error(
            path,
            format!("not a REFI-QDA project (not a ZIP file: {e})"),
        )
    })?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let mut entry = |wanted: &str| -> Option<Vec<u8>> {
        // MAXQDA writes "sources/", NVivo "Sources/": names are matched ignoring case.
        let name = names.iter().find(|n| n.eq_ignore_ascii_case(wanted))?;
        let f = zip.by_name(name).ok()?;
        let mut bytes = Vec::new();
        // Never more than the limit, whatever the file says of its size.
        f.take(MAX_ENTRY_BYTES).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    let qde_name = names
        .iter()
        .find(|n| n.to_lowercase().ends_with(".qde") && !n.contains('/'))
        .cloned()
        .ok_or_else(|| format_error(path, "no project.qde in it: not a REFI-QDA project"))?;
    let qde = entry(&qde_name).ok_or_else(|| format_error(path, "project.qde cannot be read"))?;
    let qde = String::from_utf8(qde).map_err(|_| format_error(path, "project.qde is not UTF-8"))?;
    let root = parse(qde.trim_start_matches('\u{FEFF}'))
        .map_err(|e| format_error(path, format!("project.qde: {e}")))?;
    if root.name != "Project" {
        return Err(format_error(
            path,
            format!("project.qde holds a {}, not a Project", root.name),
        ));
    }
    let mut codes = HashMap::new();
    let mut colours = Vec::new();
    if let Some(list) = root.child("CodeBook").and_then(|b| b.child("Codes")) {
        read_codes(list, &[], Branch::Tags, &mut codes, &mut colours);
    }
    let notes: HashMap<String, String> = root
        .child("Notes")
        .into_iter()
        .flat_map(|n| n.all("Note"))
        .filter_map(|n| {
            Some((
                n.attr("guid")?.to_lowercase(),
                n.child("PlainTextContent")?.text.clone(),
            ))
        })
        .collect();
    // NVivo counts CRLF as two characters; it names itself in `origin` and writes `Sources/`.
    let crlf_two = root
        .attr("origin")
        .is_some_and(|o| o.to_lowercase().contains("nvivo"))
        || names.iter().any(|n| n.starts_with("Sources/"));
    let mut sources = Vec::new();
    for source in root
        .child("Sources")
        .into_iter()
        .flat_map(|s| s.all("TextSource"))
    {
        let name = source.attr("name").unwrap_or("source").to_string();
        let raw = match (
            source.attr("plainTextPath"),
            source.child("PlainTextContent"),
        ) {
            (_, Some(content)) => content.text.clone(),
            (Some(p), None) => {
                let file = p.trim_start_matches("internal://");
                let bytes = entry(&format!("sources/{file}")).ok_or_else(|| {
                    format_error(
                        path,
                        format!("the text of \"{name}\" ({p}) is not in the project"),
                    )
                })?;
                String::from_utf8_lossy(&bytes).into_owned()
            }
            (None, None) => continue,
        };
        let raw = raw.trim_start_matches('\u{FEFF}').to_string();
        let selections = source
            .all("PlainTextSelection")
            .filter_map(|s| selection(s, &notes))
            .collect();
        sources.push(Source {
            name,
            text: raw.replace("\r\n", "\n").replace('\r', "\n"),
            raw,
            selections,
        });
    }
    Ok(Project {
        path: path.to_path_buf(),
        sources,
        codes,
        colours,
        crlf_two,
    })
}

/// A selection with its codes and notes: its description (MAXQDA, QualCoder) and the notes
/// it refers to (NVivo), each text once.
fn selection(s: &Element, notes: &HashMap<String, String>) -> Option<Selection> {
    let mut texts: Vec<String> = Vec::new();
    let description = s.child("Description").map(|d| d.text.trim().to_string());
    texts.extend(description.filter(|t| !t.is_empty()));
    for r in s.all("NoteRef") {
        if let Some(text) = r
            .attr("targetGUID")
            .and_then(|g| notes.get(&g.to_lowercase()))
            .map(|t| t.trim().to_string())
            && !text.is_empty()
            && !texts.contains(&text)
        {
            texts.push(text);
        }
    }
    Some(Selection {
        start: s.attr("startPosition")?.trim().parse().ok()?,
        end: s.attr("endPosition")?.trim().parse().ok()?,
        name: s.attr("name").map(str::to_string),
        codes: s
            .all("Coding")
            .filter_map(|c| c.child("CodeRef")?.attr("targetGUID"))
            .map(str::to_lowercase)
            .collect(),
        notes: texts,
    })
}

/// The article each source is: one of the workspace's with the same text, else a new one
/// made from the text (its headline, date and dateline found as for any article file).
pub fn new_articles(
    workspace: &Workspace,
    project: &Project,
    options: crate::ingest::IngestOptions,
) -> (Vec<Article>, Vec<crate::model::ImportProblem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let finder = super::import_plan::ArticleFinder::new(workspace);
    for source in &project.sources {
        if find_article(&finder, source).is_some() {
            continue;
        }
        let path = source_path(project, source);
        match crate::ingest::ingest_bytes(&path, source.text.as_bytes(), options) {
            Ok(a) => articles.push(a),
            Err(e) => problems.push(crate::model::ImportProblem {
                path,
                reason: e.to_string(),
            }),
        }
    }
    (articles, problems)
}

/// The path an article made from a source gets: the project's, with the source's name.
fn source_path(project: &Project, source: &Source) -> PathBuf {
    let name: String = source
        .name
        .chars()
        .map(|c| if c == '/' || c == '\\' { '_' } else { c })
        .collect();
    project.path.join(format!("{name}.txt"))
}

/// The workspace's article a source is: the one Dateline's source name says (when its text
/// agrees), the same body, or the same whole text (an article made from it).
fn find_article<'w>(
    articles: &super::import_plan::ArticleFinder<'w>,
    source: &Source,
) -> Option<&'w Article> {
    articles
        .document(&source.name, Some(&source.text))
        .or_else(|| articles.text(&source.text))
        .or_else(|| articles.raw_text(&source.text))
}

/// The selection's span in the LF text of its source: positions counting CRLF as one (most
/// tools) or as two (NVivo on Windows), whichever gives the selection's words.
fn lf_span(source: &Source, sel: &Selection, crlf_two: bool) -> Option<(usize, usize, String)> {
    let lf: Vec<char> = source.text.chars().collect();
    let slice = |s: usize, e: usize| -> Option<String> {
        (s <= e && e <= lf.len()).then(|| lf[s..e].iter().collect())
    };
    let agrees = |words: &str| {
        sel.name.as_deref().is_none_or(|name| {
            let name = name.trim();
            name.is_empty() || words.starts_with(name) || name.starts_with(words.trim())
        })
    };
    // Positions in the stored text, CR included: each CR before them is one too many.
    let raw: Vec<char> = source.raw.chars().collect();
    let down = |p: usize| {
        p.checked_sub(
            raw[..p.min(raw.len())]
                .iter()
                .filter(|c| **c == '\r')
                .count(),
        )
    };
    let direct = slice(sel.start, sel.end).map(|w| (sel.start, sel.end, w));
    let counted = match (source.raw.contains('\r'), down(sel.start), down(sel.end)) {
        (true, Some(s), Some(e)) => slice(s, e).map(|w| (s, e, w)),
        _ => None,
    };
    let (first, second) = if crlf_two {
        (counted, direct)
    } else {
        (direct, counted)
    };
    [first.clone(), second]
        .into_iter()
        .flatten()
        .find(|(_, _, w)| agrees(w))
        .or(first)
}

/// Lays the project's codes, selections and notes over `workspace` (whose articles include
/// the sources: see [`new_articles`]): one undoable edit, and what happened.
pub fn import(
    workspace: &Workspace,
    project: &Project,
) -> (Option<crate::model::Edit>, ImportReport) {
    let mut plan = ImportPlan::new(workspace);
    for (path, colour) in &project.colours {
        plan.colour(path, *colour);
    }
    let mut events: HashMap<String, Event> = HashMap::new();
    for source in &project.sources {
        let Some(article) = find_article(&plan.articles, source) else {
            plan.report.unmatched += source.selections.len();
            continue;
        };
        let lf: Vec<char> = source.text.chars().collect();
        // Where the body starts in the source text, when it is a piece of it.
        let shift = source
            .text
            .find(&*article.body)
            .map(|b| source.text[..b].chars().count());
        for sel in &source.selections {
            let Some((s, e, words)) = lf_span(source, sel, project.crlf_two) else {
                plan.report.skipped.push(format!(
                    "a selection of \"{}\" lies outside its text",
                    source.name
                ));
                continue;
            };
            let context = |a: usize, b: usize| -> String {
                lf[a.min(lf.len())..b.min(lf.len())].iter().collect()
            };
            let prefix = context(s.saturating_sub(32), s);
            let suffix = context(e, e + 32);
            let span = shift.and_then(|k| Some((s.checked_sub(k)?, e.checked_sub(k)?)));
            let placed = place(article, span, &words, &prefix, &suffix);
            let mut bodies: Vec<AnnotationBody> = Vec::new();
            for code in &sel.codes {
                match project.codes.get(code) {
                    Some(Meaning::Tag(path)) => bodies.push(AnnotationBody::Tag(plan.tag(path))),
                    Some(Meaning::Entity(label, name)) => {
                        bodies.push(AnnotationBody::Entity(EntityKey::new(name, *label)))
                    }
                    Some(Meaning::Event(title, value)) => {
                        let Some(value) = TimeValue::from_timex("DATE", value) else {
                            plan.report
                                .skipped
                                .push(format!("the event \"{title}\" has no date Dateline reads"));
                            continue;
                        };
                        let id = match events.get(code) {
                            Some(e) => e.id,
                            None => plan.event_id(),
                        };
                        let event = events.entry(code.clone()).or_insert_with(|| {
                            let mut e = Event::manual(title.clone(), value);
                            e.id = id;
                            e
                        });
                        if let Ok(p) = &placed
                            && let Some(target) =
                                TextTarget::new(article.id, &article.body, p.start, p.end)
                        {
                            event.evidence.push(Evidence::from(target));
                        }
                    }
                    None => plan
                        .report
                        .skipped
                        .push("a coding refers to no code".into()),
                }
            }
            bodies.extend(sel.notes.iter().map(|n| AnnotationBody::Note(n.clone())));
            for body in bodies {
                match &placed {
                    Ok(p) => plan.annotate(p, body, AnnotationOrigin::Manual),
                    Err(said) => plan.orphan(said, body, AnnotationOrigin::Manual),
                }
            }
        }
    }
    let mut made: Vec<(EventId, Event)> = events.into_values().map(|e| (e.id, e)).collect();
    made.sort_by_key(|(id, _)| *id);
    for (_, event) in made {
        plan.event(event);
    }
    plan.finish()
}

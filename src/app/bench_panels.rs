//! `dateline bench panels WS.ron`: the whole window, driven headlessly on a real workspace with
//! 300,000 annotations and a 50,000-word article added: how long it takes to open and settle,
//! frames of every panel (still, scrolled, sorted, filtered, panned and zoomed) as median and
//! 99th percentile next to empty frames, and the UI thread's time for each kind of edit,
//! including the frames after it while what the edit invalidated is rebuilt.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::bench::{FrameClock, ms, summary};
use super::{AppOptions, Command, DatelineApp, LeftTab};
use crate::cli::Lcg;
use crate::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, Article,
    ArticleId, EntityLabel, Tag, TagId, TextTarget, Workspace,
};
use crate::ui::library::SortColumn;

/// Annotations added to the workspace.
const ANNOTATIONS: usize = 300_000;
/// Words of the long article added.
const LONG_WORDS: usize = 50_000;
/// Frames per view.
const FRAMES: usize = 120;

/// The workspace at `path` with ten tags, [`ANNOTATIONS`] tag annotations spread over its
/// articles, and one article of [`LONG_WORDS`] words made of its first articles' bodies.
fn prepared(path: &Path) -> Result<(Workspace, ArticleId), String> {
    let mut workspace = crate::store::load_workspace(path).map_err(|e| e.to_string())?;
    if workspace.articles.is_empty() {
        return Err(format!("{}: the workspace has no articles", path.display()));
    }
    let mut body = String::new();
    let mut words = 0;
    for a in workspace.articles.iter().cycle() {
        if words >= LONG_WORDS {
            break;
        }
        words += a.body.split_whitespace().count();
        body.push_str(&a.body);
        body.push_str("\n\n");
    }
    let long_id = ArticleId(workspace.next_article_id);
    let mut long: Article = workspace.articles[0].clone();
    long.id = long_id;
    long.headline = format!("A long article of {words} words");
    long.source.path = path.with_extension("long.txt");
    long.source.item = None;
    long.original = crate::model::OriginalText::encode(&body, &body);
    long.body = body.into();
    workspace.next_article_id += 1;
    workspace.articles_mut().push(long);
    for t in 0..10u64 {
        workspace.codebook.tags.push(Tag {
            id: TagId(t),
            name: format!("Code {t}"),
            colour: crate::model::TAG_COLOURS[t as usize % 8],
            parent: None,
        });
    }
    workspace.codebook.next_id = 10;
    let mut rng = Lcg(5);
    let count = workspace.articles.len();
    let mut annotations = Vec::with_capacity(ANNOTATIONS);
    while annotations.len() < ANNOTATIONS {
        let article = &workspace.articles[rng.below(count)];
        let chars: Vec<char> = article.body.chars().collect();
        // Several per article, as a coder works through one.
        for _ in 0..8 {
            if chars.len() < 40 || annotations.len() == ANNOTATIONS {
                break;
            }
            let start = rng.below(chars.len() - 30);
            let Some(target) = TextTarget::in_chars(article.id, &chars, start, start + 12) else {
                continue;
            };
            annotations.push(Annotation {
                id: AnnotationId(annotations.len() as u64),
                target,
                body: AnnotationBody::Tag(TagId(rng.below(10) as u64)),
                origin: AnnotationOrigin::Manual,
                status: AnnotationStatus::Accepted,
            });
        }
    }
    workspace.next_annotation_id = annotations.len() as u64;
    workspace.annotations = annotations.into();
    Ok((workspace, long_id))
}

/// The window and its clock.
struct Window {
    app: DatelineApp,
    clock: FrameClock,
    t: f64,
}

impl Window {
    /// One frame with these input events; its time.
    fn frame(&mut self, events: Vec<egui::Event>) -> Duration {
        self.t += 1.0 / 60.0;
        let app = &mut self.app;
        self.clock.frame(self.t, events, &mut |ui| app.show(ui)).0
    }

    /// Frames until no background work is left (at most `limit`); how long it took.
    fn settle(&mut self, limit: Duration) -> Duration {
        let started = Instant::now();
        let mut quiet = 0;
        while started.elapsed() < limit && quiet < 3 {
            self.frame(Vec::new());
            if self.app.is_busy() {
                quiet = 0;
                std::thread::sleep(Duration::from_millis(5));
            } else {
                quiet += 1;
            }
        }
        started.elapsed()
    }

    /// [`FRAMES`] frames, each with the events `input` gives for its number; their times.
    fn view(&mut self, mut input: impl FnMut(usize) -> Vec<egui::Event>) -> Vec<Duration> {
        (0..FRAMES).map(|k| self.frame(input(k))).collect()
    }

    /// The UI thread's time for one edit: the frame that applies it, then the slowest frame
    /// until what it invalidated is rebuilt.
    fn edit(&mut self, command: Command) -> (Duration, Duration) {
        self.app.send(command);
        let applied = self.frame(Vec::new());
        let mut slowest = Duration::ZERO;
        let started = Instant::now();
        let mut quiet = 0;
        while started.elapsed() < Duration::from_secs(60) && quiet < 5 {
            slowest = slowest.max(self.frame(Vec::new()));
            if self.app.is_busy() {
                quiet = 0;
                std::thread::sleep(Duration::from_millis(2));
            } else {
                quiet += 1;
            }
        }
        (applied, slowest)
    }
}

fn wheel(pos: egui::Pos2, dy: f32) -> Vec<egui::Event> {
    vec![
        egui::Event::PointerMoved(pos),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        },
    ]
}

/// Runs the benchmark on the workspace at `path` and prints its tables.
pub fn bench_panels(path: &Path) -> ExitCode {
    match run(path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dateline: bench panels: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &Path) -> Result<(), String> {
    // As in the window: the background work below the thread that draws.
    crate::jobs::lower_pool_priority();
    let (workspace, long_id) = prepared(path)?;
    let articles = workspace.articles.len() - 1;
    let dir = std::env::temp_dir().join(format!("dateline-bench-panels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file: PathBuf = dir.join("panels.ron");
    crate::store::save_workspace(&file, &workspace).map_err(|e| e.to_string())?;
    drop(workspace);
    let result = measure(&file, long_id, articles);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure(file: &Path, long_id: ArticleId, articles: usize) -> Result<(), String> {
    let mut window = Window {
        app: DatelineApp::new(AppOptions {
            recent_file: None,
            config_dir: None,
        }),
        clock: FrameClock::new(egui::vec2(1400.0, 900.0)),
        t: 0.0,
    };
    let baseline = {
        let clock = FrameClock::new(egui::vec2(1400.0, 900.0));
        (0..FRAMES)
            .map(|k| {
                clock
                    .frame(k as f64 / 60.0, Vec::new(), &mut |ui| {
                        ui.label("Dateline");
                    })
                    .0
            })
            .collect::<Vec<_>>()
    };
    let before = crate::cli::resident_bytes();
    let heap_before = crate::cli::allocated_bytes();
    window.app.send(Command::OpenWorkspace(file.to_path_buf()));
    let mut opened = Duration::ZERO;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        window.frame(Vec::new());
        if window.app.workspace.articles.len() > articles {
            opened = started.elapsed();
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    if opened.is_zero() {
        return Err("the workspace did not open within a minute".into());
    }
    let settled = opened + window.settle(Duration::from_secs(300));
    if window.app.is_busy() {
        return Err("the background work did not finish within five minutes".into());
    }
    let memory = crate::cli::resident_bytes().saturating_sub(before) as f64 / 1e6;
    let heap = crate::cli::allocated_bytes().saturating_sub(heap_before) as f64 / 1e6;
    let events = window.app.events.suggestions.1.len();
    let annotations = window.app.workspace.annotations.len();
    let entities = window.app.registry().len();

    let library = egui::pos2(220.0, 450.0);
    let reader = egui::pos2(750.0, 400.0);
    let timeline = egui::pos2(800.0, 790.0);
    let mut views: Vec<(&str, Vec<Duration>)> = Vec::new();
    views.push(("library, still", window.view(|_| Vec::new())));
    views.push((
        "library, scrolling",
        window.view(|k| wheel(library, if k < FRAMES / 2 { -120.0 } else { 120.0 })),
    ));
    {
        let view = window.app.library_view();
        view.sort = SortColumn::Headline;
        view.ascending = false;
    }
    views.push((
        "library, sorted by headline (first frame sorts)",
        window.view(|k| wheel(library, if k % 2 == 0 { -60.0 } else { 60.0 })),
    ));
    window.app.library_view().filter = "oil".into();
    views.push((
        "library, filtered (first frame filters)",
        window.view(|k| wheel(library, if k % 2 == 0 { -60.0 } else { 60.0 })),
    ));
    window.app.library_view().filter.clear();
    window.app.left_tab = LeftTab::Entities;
    views.push((
        "entities, scrolling",
        window.view(|k| wheel(library, if k < FRAMES / 2 { -120.0 } else { 120.0 })),
    ));
    window.app.left_tab = LeftTab::Library;
    views.push((
        "timeline, zooming in and out",
        window.view(|k| {
            let mut events = vec![egui::Event::PointerMoved(timeline)];
            events.push(egui::Event::Zoom(if k < FRAMES / 2 { 1.08 } else { 0.93 }));
            events
        }),
    ));
    views.push((
        "timeline, panning",
        window.view(|k| {
            vec![
                egui::Event::PointerMoved(timeline),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(if k < FRAMES / 2 { 40.0 } else { -40.0 }, 0.0),
                    phase: egui::TouchPhase::Move,
                    modifiers: egui::Modifiers::NONE,
                    source: egui::MouseWheelSource::Wheel,
                },
            ]
        }),
    ));
    window.app.send(Command::SelectArticle(Some(long_id)));
    window.settle(Duration::from_secs(60));
    views.push((
        "reader, 50,000-word article, scrolling",
        window.view(|k| wheel(reader, if k < FRAMES / 2 { -200.0 } else { 200.0 })),
    ));

    // Edits, each as a user makes it.
    let mut edits: Vec<(&str, (Duration, Duration))> = Vec::new();
    let first = window.app.workspace.articles[0].clone();
    window.app.send(Command::SelectArticle(Some(first.id)));
    window.settle(Duration::from_secs(60));
    if let Some(target) = TextTarget::new(first.id, &first.body, 0, 8) {
        edits.push((
            "tag words",
            window.edit(Command::Annotate(
                target.clone(),
                AnnotationBody::Tag(TagId(1)),
            )),
        ));
        edits.push((
            "accept a suggested time expression",
            window.edit(Command::Decide(
                target,
                AnnotationBody::TimeExpression,
                AnnotationStatus::Accepted,
            )),
        ));
    }
    let people: Vec<_> = window
        .app
        .registry()
        .iter()
        .filter(|e| e.key.label == EntityLabel::Person)
        .take(2)
        .map(|e| e.key.clone())
        .collect();
    if people.len() == 2 {
        edits.push((
            "merge two people",
            window.edit(Command::MergeEntities(people.clone())),
        ));
        edits.push((
            "rename a person",
            window.edit(Command::RenameEntity(
                people[0].clone(),
                "Renamed Person".into(),
            )),
        ));
    }
    if let Some(event) = window.app.events.suggestions.1.first().cloned()
        && let crate::model::EventOrigin::Suggested { key, .. } = &event.origin
    {
        let mut moved = event.clone();
        if let Some(value) = event.value.shifted(chrono::Duration::days(1)) {
            moved.value = value;
        }
        edits.push((
            "drag a suggested event a day later",
            window.edit(Command::UpdateEvent(
                crate::timeline::lanes::EventRef::Suggested(key.clone()),
                Box::new(moved),
            )),
        ));
    }
    edits.push(("undo", window.edit(Command::Undo)));

    let (base_median, base_p99) = summary(baseline);
    println!(
        "Panels: {articles} articles and one of 50,000 words, {events} suggested events, \
         {annotations} annotations, {entities} entities; window 1400x900 points, {FRAMES} \
         frames per view"
    );
    println!(
        "Open to library shown: {:.2} s; to every background task done: {:.1} s; memory held \
         by the open window: {memory:.0} MB resident, {heap:.0} MB allocated",
        opened.as_secs_f64(),
        settled.as_secs_f64()
    );
    println!("| view | median ms | p99 ms | slowest ms | median / empty frame |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| empty frame (baseline) | {:.3} | {:.3} | | 1.0 |",
        ms(base_median),
        ms(base_p99)
    );
    for (label, times) in views {
        let slowest = times.iter().max().copied().unwrap_or_default();
        let (median, p99) = summary(times);
        println!(
            "| {label} | {:.2} | {:.2} | {:.2} | {:.1} |",
            ms(median),
            ms(p99),
            ms(slowest),
            median.as_secs_f64() / base_median.as_secs_f64().max(1e-9)
        );
    }
    println!("| edit | frame applying it, ms | slowest frame after, ms |");
    println!("|---|---:|---:|");
    for (label, (applied, after)) in edits {
        println!("| {label} | {:.2} | {:.2} |", ms(applied), ms(after));
    }
    println!("| what the window holds | MB allocated |");
    println!("|---|---:|");
    for (label, bytes) in held_by_part(&mut window.app) {
        println!("| {label} | {:.1} |", bytes as f64 / 1e6);
    }
    Ok(())
}

/// What each part of the window holds: the allocator's count as each is let go, in an order
/// where what parts share (the bodies the index points into) is counted with its owner.
fn held_by_part(app: &mut DatelineApp) -> Vec<(&'static str, u64)> {
    let mut mark = crate::cli::allocated_bytes();
    let mut freed = |label: &'static str, out: &mut Vec<(&'static str, u64)>| {
        let now = crate::cli::allocated_bytes();
        out.push((label, mark.saturating_sub(now)));
        mark = now;
    };
    let mut out = Vec::new();
    drop(std::mem::take(&mut app.search));
    freed("search index and results", &mut out);
    app.events.cache = None;
    freed("the timeline's lanes", &mut out);
    drop(std::mem::take(&mut app.events));
    freed("suggested events", &mut out);
    drop(std::mem::take(&mut app.families));
    freed("wire-story families and their index", &mut out);
    drop(std::mem::take(&mut app.library));
    freed("library orders and filter text", &mut out);
    app.registry = Default::default();
    app.entities_view = Default::default();
    app.appears_with = Default::default();
    freed("entity registry", &mut out);
    app.mentions = Default::default();
    freed("names (mention records)", &mut out);
    app.history = Default::default();
    app.workspace.annotations = Default::default();
    freed("annotations and undo history", &mut out);
    app.timexes = None;
    app.names = Vec::new();
    app.extracted = Default::default();
    app.reader_annotations = Vec::new();
    freed("the reader's marks", &mut out);
    app.workspace = Default::default();
    freed("the workspace (articles, bodies, originals)", &mut out);
    out
}

//! Search without a window: the query language over a small corpus written here, entity and
//! tag filters after merges and renames, time ranges, coding all hits, recall against a plain
//! scan, and the `dateline search` command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use dateline::cli::search::{search_workspace, workspace_names};
use dateline::extract::entities::CorpusNames;
use dateline::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, ArticleId,
    Codebook, EntityDecision, Tag, TagId, TextTarget, Workspace, build_registry,
};
use dateline::search::{
    CodeAs, Context, SearchIndex, SearchResult, Unit, build_index_now, hit_text, parse, plan_coding,
};

const SEED: &str = "N. Korea, China vow to further military alliance\n\n\
All Headlines 08:43 November 23, 2009\n\n\
SEOUL, Nov. 23 (Yonhap) -- North Korea and China vowed to further their military alliance, \
Pyongyang's media said Monday. China's defense minister, Liang Guanglie, arrived in North \
Korea on Sunday as the first leg of his three-nation tour.\n\n\
Liang paid a visit to Kim Yong-chun, minister of the People's Armed Forces. The Korean \
Central News Agency (KCNA) said the talks were friendly.\n\n\
U.S. special representative Stephen Bosworth will visit Pyongyang on Dec. 8, Obama said \
last week.\n";

const MARKETS: &str = "Oil prices climb\n\nMarch 3, 1987\n\n\
NEW YORK, March 3 - Oil prices rose on Tuesday as OPEC ministers met. Interest\nrates \
were steady, and the Société Générale desk said crude was firm.\n\n\
Traders expect interest rates to fall next month.\nReuter\n";

const WEATHER: &str = "Storm hits coast\n\nThe storm brought wind and rain. Nobody spoke of \
oil or interest here; the société nationale was closed.\n";

fn corpus() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let folder = common::folder_with(
        dir.path(),
        "news",
        &[
            ("seed.txt", SEED),
            ("markets.txt", MARKETS),
            ("weather.txt", WEATHER),
        ],
    );
    let path = common::import_into(dir.path(), folder.to_str().unwrap(), "w.ron");
    let workspace = dateline::store::load_workspace(&path).unwrap();
    (dir, workspace)
}

fn headline_of(workspace: &Workspace, id: ArticleId) -> String {
    workspace.article(id).unwrap().headline.clone()
}

fn run(workspace: &Workspace, index: &SearchIndex, query: &str) -> SearchResult {
    search_workspace(workspace, index, &parse(query).unwrap())
}

/// The hits' words, as written in the bodies.
fn texts(workspace: &Workspace, index: &SearchIndex, query: &str) -> Vec<String> {
    let result = run(workspace, index, query);
    result
        .hits
        .iter()
        .map(|h| hit_text(index, h, 10).unwrap().text)
        .collect()
}

fn article_count(workspace: &Workspace, index: &SearchIndex, query: &str) -> usize {
    run(workspace, index, query).articles
}

#[test]
fn words_phrases_prefixes_and_accents() {
    let (_dir, ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    assert!(index.is_complete());
    assert_eq!(texts(&ws, &index, "OIL"), ["Oil", "oil"]);
    // The phrase is broken by a line break in the markets story: still one hit.
    assert_eq!(
        texts(&ws, &index, "\"interest rates\""),
        ["Interest rates", "interest rates"]
    );
    assert_eq!(texts(&ws, &index, "societe"), ["Société", "société"]);
    assert_eq!(
        texts(&ws, &index, "\"SOCIÉTÉ générale\""),
        ["Société Générale"]
    );
    assert_eq!(
        texts(&ws, &index, "minist*"),
        ["ministers", "minister", "minister"]
    );
    assert_eq!(texts(&ws, &index, "U.S."), ["U.S"]);
    assert!(texts(&ws, &index, "petroleum").is_empty());
}

#[test]
fn boolean_operators_near_and_regex() {
    let (_dir, ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    assert_eq!(article_count(&ws, &index, "oil interest"), 2);
    assert_eq!(article_count(&ws, &index, "oil AND opec"), 1);
    assert_eq!(article_count(&ws, &index, "opec OR storm"), 2);
    assert_eq!(article_count(&ws, &index, "oil -opec"), 1);
    assert_eq!(article_count(&ws, &index, "oil NOT (opec OR wind)"), 0);
    assert_eq!(
        article_count(&ws, &index, "(korea OR storm) AND NOT pyongyang"),
        1
    );
    // NEAR: oil and interest share a sentence only in the weather story.
    assert_eq!(texts(&ws, &index, "oil NEAR interest"), ["oil", "interest"]);
    // In one paragraph, the markets story counts too.
    assert_eq!(article_count(&ws, &index, "oil NEAR/p interest"), 2);
    assert_eq!(
        texts(&ws, &index, "/[Ii]nterest\\s+rates?/"),
        ["Interest\nrates", "interest rates"]
            .iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
    );
    assert_eq!(texts(&ws, &index, "/PYONGYANG/i").len(), 2);
    assert!(texts(&ws, &index, "/PYONGYANG/").is_empty());
}

#[test]
fn fields_and_publication_dates() {
    let (_dir, ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    let only = |q: &str| {
        run(&ws, &index, q)
            .article_ids()
            .iter()
            .map(|id| headline_of(&ws, *id))
            .collect::<Vec<_>>()
    };
    assert_eq!(only("headline:storm"), ["Storm hits coast"]);
    assert_eq!(only("place:\"new york\""), ["Oil prices climb"]);
    assert_eq!(only("agency:yonhap").len(), 1);
    assert_eq!(only("source:markets"), ["Oil prices climb"]);
    assert_eq!(only("published:1987"), ["Oil prices climb"]);
    assert_eq!(only("published:2009-11..2009-12").len(), 1);
    assert!(only("published:1990..1999").is_empty());
    // A field filter matches the whole article: one hit with no span.
    let result = run(&ws, &index, "headline:storm");
    assert_eq!(result.hits.len(), 1);
    assert_eq!(result.hits[0].span, None);
    // With words, the words are the hits.
    assert_eq!(texts(&ws, &index, "headline:oil crude"), ["crude"]);
}

/// "mentions:2009-11-22" finds the Sunday the seed story means, whatever words it used; a
/// range finds what overlaps it ("last week" is the week of 16–22 November).
#[test]
fn mentions_finds_passages_by_the_time_they_mean() {
    let (_dir, ws) = corpus();
    let index = build_index_now(&ws.articles, &ws.timex_corrections);
    assert_eq!(
        texts(&ws, &index, "mentions:2009-11-22"),
        ["Sunday", "last week"]
    );
    let sunday = run(&ws, &index, "mentions:2009-11-22").hits[0];
    let line = hit_text(&index, &sunday, 40).unwrap();
    assert!(
        line.left.ends_with("arrived in North Korea on "),
        "{line:?}"
    );
    assert_eq!(texts(&ws, &index, "mentions:2009-12-08"), ["Dec. 8"]);
    // The dateline's "March 3" is not body text; the story's "Tuesday" is that day.
    assert_eq!(texts(&ws, &index, "mentions:1987-03-03"), ["Tuesday"]);
    assert_eq!(texts(&ws, &index, "mentions:1987-04"), ["next month"]);
    assert!(texts(&ws, &index, "mentions:1950..1960").is_empty());
    // Combined with words in one sentence.
    assert_eq!(
        texts(&ws, &index, "Liang NEAR mentions:2009-11-22..2009-11-28"),
        ["Liang", "Sunday"]
    );
}

fn names_context<'a>(
    ws: &'a Workspace,
    index: &'a SearchIndex,
    names: &'a CorpusNames,
    registry: &'a [dateline::model::RegistryEntity],
) -> Context<'a> {
    Context {
        index,
        annotations: &ws.annotations,
        codebook: &ws.codebook,
        names: &names.records,
        decisions: &ws.entity_decisions,
        registry,
    }
}

#[test]
fn entity_filter_follows_aliases_merges_and_renames() {
    let (_dir, mut ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    // "Liang" alone is the same person.
    assert_eq!(
        texts(&ws, &index, "entity:\"Liang Guanglie\""),
        ["Liang Guanglie", "Liang"]
    );
    // An alias finds the entity, with every way it is written.
    assert_eq!(
        texts(&ws, &index, "entity:KCNA"),
        ["Korean Central News Agency", "KCNA"]
    );
    // Merge KCNA into North Korea (a researcher's choice) and rename it.
    let names = workspace_names(&ws);
    let registry = build_registry(&names.records, &ws.entity_decisions, |_| None);
    let key_of = |name: &str| {
        registry
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| {
                panic!(
                    "no {name} in {:?}",
                    registry.iter().map(|e| &e.name).collect::<Vec<_>>()
                )
            })
            .key
            .clone()
    };
    let korea = key_of("North Korea");
    let kcna = key_of("Korean Central News Agency");
    ws.entity_decisions.push(EntityDecision::Merge {
        from: kcna,
        into: korea.clone(),
    });
    ws.entity_decisions.push(EntityDecision::Rename {
        key: korea,
        name: "DPRK".into(),
    });
    let found = texts(&ws, &index, "entity:DPRK");
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found.contains(&"KCNA".to_string()), "{found:?}");
    assert!(
        texts(&ws, &index, "entity:\"North Korea\"").len() == 4,
        "an alias still finds it"
    );
    let result = run(&ws, &index, "entity:\"Nobody Atall\"");
    assert!(result.hits.is_empty());
    assert!(
        result.notes[0].contains("no entity is called so"),
        "{:?}",
        result.notes
    );
    // The names context works the same when built by hand.
    let registry = build_registry(&names.records, &ws.entity_decisions, |_| None);
    let ctx = names_context(&ws, &index, &names, &registry);
    let direct = dateline::search::search(&parse("entity:DPRK").unwrap(), &ctx);
    assert_eq!(direct.hits.len(), 4);
}

fn tag_annotation(ws: &Workspace, id: u64, words: &str, tag: TagId) -> Annotation {
    let article = ws.articles.iter().find(|a| a.body.contains(words)).unwrap();
    Annotation {
        id: AnnotationId(id),
        target: common::target_of(article, words),
        body: AnnotationBody::Tag(tag),
        origin: AnnotationOrigin::Manual,
        status: AnnotationStatus::Accepted,
    }
}

#[test]
fn tag_and_note_filters_follow_the_codebook() {
    let (_dir, mut ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    ws.codebook = Codebook {
        tags: vec![
            Tag {
                id: TagId(0),
                name: "Diplomacy".into(),
                colour: [1, 2, 3],
                parent: None,
            },
            Tag {
                id: TagId(1),
                name: "Visit".into(),
                colour: [1, 2, 3],
                parent: Some(TagId(0)),
            },
        ],
        ..Default::default()
    };
    let first_words = ws.articles[0]
        .body
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let tagged = tag_annotation(&ws, 0, &first_words, TagId(1));
    ws.annotations_mut().push(tagged);
    let mut note = tag_annotation(&ws, 1, &first_words, TagId(0));
    note.body = AnnotationBody::Note("Check the date with KCNA".into());
    ws.annotations_mut().push(note);
    // The parent finds its child's passages.
    assert_eq!(
        texts(&ws, &index, "tag:Diplomacy"),
        std::slice::from_ref(&first_words)
    );
    assert_eq!(
        texts(&ws, &index, "tag:\"Diplomacy › Visit\""),
        std::slice::from_ref(&first_words)
    );
    assert_eq!(
        texts(&ws, &index, "note:kcna"),
        std::slice::from_ref(&first_words)
    );
    assert!(texts(&ws, &index, "note:pyongyang").is_empty());
    // Renamed, the tag is found by its new name only.
    ws.codebook.tags[0].name = "Foreign affairs".into();
    assert_eq!(texts(&ws, &index, "tag:\"foreign affairs\""), [first_words]);
    let gone = run(&ws, &index, "tag:Diplomacy");
    assert!(gone.hits.is_empty());
    assert!(
        gone.notes[0].contains("Foreign affairs"),
        "{:?}",
        gone.notes
    );
    // A rejected annotation is not a hit.
    ws.annotations_mut()[0].status = AnnotationStatus::Rejected;
    assert!(texts(&ws, &index, "tag:Visit").is_empty());
}

#[test]
fn coding_all_hits_codes_each_passage_once() {
    let (_dir, mut ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    let result = run(&ws, &index, "oil");
    let plan = plan_coding(&ws, &index, &result.hits, &CodeAs::Tag(TagId(7)), Unit::Hit);
    assert_eq!((plan.new, plan.articles, plan.already), (2, 2, 0));
    let edit = plan.edit.unwrap();
    let undo = edit.apply(&mut ws).unwrap();
    assert_eq!(ws.annotations.len(), 2);
    assert!(
        ws.annotations
            .iter()
            .all(|a| a.target.quote.eq_ignore_ascii_case("oil"))
    );
    // Again: nothing new.
    let again = plan_coding(&ws, &index, &result.hits, &CodeAs::Tag(TagId(7)), Unit::Hit);
    assert_eq!((again.new, again.already), (0, 2));
    assert!(again.edit.is_none());
    // Sentences: the two hits of one sentence make one passage.
    let rates = run(&ws, &index, "oil OR opec");
    let sentences = plan_coding(
        &ws,
        &index,
        &rates.hits,
        &CodeAs::Note("energy".into()),
        Unit::Sentence,
    );
    assert_eq!(sentences.new, 2, "two sentences, three hits");
    undo.apply(&mut ws).unwrap();
    assert!(ws.annotations.is_empty());
}

#[test]
fn hits_in_a_changed_article_are_stale_until_searched_again() {
    let (_dir, mut ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    let result = run(&ws, &index, "oil");
    let article = ws
        .articles_mut()
        .iter_mut()
        .find(|a| a.body.contains("Oil prices"))
        .unwrap();
    article.body = Arc::from(format!("A new first line.\n\n{}", article.body));
    let plan = plan_coding(&ws, &index, &result.hits, &CodeAs::Tag(TagId(1)), Unit::Hit);
    assert_eq!((plan.new, plan.stale), (1, 1));
    let fresh = build_index_now(&ws.articles, &[]);
    let again = run(&ws, &fresh, "oil");
    for hit in &again.hits {
        let (s, e) = hit.span.unwrap();
        let body = &ws.article(hit.article).unwrap().body;
        assert!(body[s as usize..e as usize].eq_ignore_ascii_case("oil"));
    }
}

/// Every occurrence a whitespace-normalised, case-insensitive scan finds (at word
/// boundaries) is a hit, for phrases of the corpus's own words.
#[test]
fn phrases_recall_everything_a_scan_finds() {
    let (_dir, ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    for article in ws.articles.iter() {
        let words: Vec<&str> = article
            .body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2).step_by(3) {
            let phrase = format!("{} {}", pair[0], pair[1]);
            let pattern = format!(
                r"(?i)\b{}\b",
                pair.iter()
                    .map(|w| regex::escape(w))
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            );
            let re = regex::Regex::new(&pattern).unwrap();
            let expected: usize = ws
                .articles
                .iter()
                .map(|a| re.find_iter(&a.body).count())
                .sum();
            let found = run(&ws, &index, &format!("\"{phrase}\"")).hits.len();
            assert!(
                found >= expected,
                "{phrase}: {found} hits, the scan finds {expected}"
            );
        }
    }
}

#[test]
fn the_search_command_prints_hits_json_and_counts() {
    let (dir, _ws) = corpus();
    let out = common::dateline(
        &["search", "w.ron", "\"interest rates\"", "--json"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let lines: Vec<serde_json::Value> = common::stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["headline"], "Oil prices climb");
    assert_eq!(lines[0]["text"], "Interest rates");
    let extract = common::dateline(&["extract", "w.ron"], dir.path());
    let body = common::stdout(&extract)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["title"] == "Oil prices climb")
        .unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    let chars: Vec<char> = body.chars().collect();
    let (s, e) = (
        lines[1]["start"].as_u64().unwrap() as usize,
        lines[1]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "interest rates",
        "code points into the body"
    );
    let count = common::dateline(&["search", "w.ron", "oil OR storm", "--count"], dir.path());
    assert_eq!(common::stdout(&count).trim(), "3 hits in 2 articles (of 3)");
    let limited = common::dateline(&["search", "w.ron", "the", "--limit", "2"], dir.path());
    assert_eq!(common::stdout(&limited).lines().count(), 2);
    let bad = common::dateline(&["search", "w.ron", "oil AND (price"], dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        common::stderr(&bad).contains("column 9: this parenthesis is never closed"),
        "{}",
        common::stderr(&bad)
    );
}

#[test]
fn annotations_pointing_nowhere_are_ignored() {
    let (_dir, mut ws) = corpus();
    let index = build_index_now(&ws.articles, &[]);
    ws.codebook.tags.push(Tag {
        id: TagId(0),
        name: "T".into(),
        colour: [0, 0, 0],
        parent: None,
    });
    ws.annotations_mut().push(Annotation {
        id: AnnotationId(0),
        target: TextTarget {
            article: ArticleId(999),
            start: 0,
            end: 3,
            quote: "abc".into(),
            prefix: String::new(),
            suffix: String::new(),
        },
        body: AnnotationBody::Tag(TagId(0)),
        origin: AnnotationOrigin::Manual,
        status: AnnotationStatus::Accepted,
    });
    let mut far = tag_annotation(&ws, 1, "North Korea", TagId(0));
    far.target.start = 1_000_000;
    far.target.end = 1_000_010;
    ws.annotations_mut().push(far);
    assert!(run(&ws, &index, "tag:T").hits.is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever is typed, the parser answers with a query or a message whose column is inside
    /// the text, and a query that parses runs without panicking.
    #[test]
    fn any_text_parses_or_says_where(text in "[a-zA-Z0-9 ()\"*/:.\\-]{0,40}|(AND|OR|NOT|NEAR|NEAR/p|tag:|entity:|mentions:|published:|/|\"|\\(|\\)| |oil|x\\*|1987-03|\\.\\.){0,12}") {
        match parse(&text) {
            Ok(query) => {
                let mut ws = Workspace::default();
                let mut a = dateline::model::Article {
                    id: ArticleId(0),
                    source: dateline::model::SourceInfo {
                        path: "/a.txt".into(),
                        content_hash: String::new(),
                        byte_len: 0,
                        encoding: "UTF-8".into(),
                        format: dateline::model::SourceFormat::Text,
                        modified: None,
                        item: None,
                    },
                    original: Default::default(),
                    headline: "Oil".into(),
                    published: dateline::model::PublishedAt::from_ymd(1987, 3, 4),
                    byline: None,
                    dateline: None,
                    agency: None,
                    body: "Oil rose on Monday. x1987 and gas.\n\nNo oil here.".into(),
                    reference_override: None,
                    reference_estimate: None,
                    meta: Default::default(),
                    extracted: None,
                };
                a.id = ArticleId(0);
                ws.articles = Arc::new(vec![a]);
                let index = build_index_now(&ws.articles, &[]);
                let result = run(&ws, &index, &text);
                for hit in &result.hits {
                    proptest::prop_assert!(hit_text(&index, hit, 20).is_some());
                }
                let _ = query;
            }
            Err(e) => {
                proptest::prop_assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{e} for {text:?}");
                proptest::prop_assert!(!e.message.is_empty());
            }
        }
    }
}

/// The seed story itself, when `../shared` is there: "mentions:2009-11-22" finds the sentence
/// of Liang Guanglie's arrival "on Sunday".
#[test]
fn the_seed_story_is_found_by_the_day_it_means() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/000_93a18633a1bf3e6d.txt");
    if !seed.exists() {
        eprintln!("skipped: {} is not here", seed.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("seed");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(&seed, folder.join("seed.txt")).unwrap();
    let path = common::import_into(dir.path(), "seed", "w.ron");
    let ws = dateline::store::load_workspace(&path).unwrap();
    let index = build_index_now(&ws.articles, &ws.timex_corrections);
    let result = run(&ws, &index, "mentions:2009-11-22");
    let sunday = result
        .hits
        .iter()
        .map(|h| hit_text(&index, h, 60).unwrap())
        .find(|l| l.text == "Sunday")
        .expect("the Sunday of the arrival");
    assert!(
        sunday.left.contains("arrived in North Korea on"),
        "{sunday:?}"
    );
}

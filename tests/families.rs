//! Wire-story families: re-sends, write-throughs and copies found, templated stories and
//! daily series kept apart, the user's decisions applied, and incremental updates equal to a
//! detection from scratch. Stories are written for these tests in the Reuters wire layout.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Arc;

use dateline::families::{FamilyIndex, detect, families};
use dateline::ingest::{IngestOptions, ingest_bytes};
use dateline::model::{Article, ArticleId, FamilyDecision, Workspace};

/// A wire story: headline, stamp, dateline and body.
fn story(id: u64, headline: &str, stamp: &str, body: &str) -> Article {
    let text = format!("{headline}\n\n{stamp}\n\n{body}\n Reuter\n");
    let mut article = ingest_bytes(
        Path::new(&format!("{id}.txt")),
        text.as_bytes(),
        IngestOptions::default(),
    )
    .unwrap();
    article.id = ArticleId(id);
    article
}

const TALKS: &str = "GENEVA, March 3 - Negotiators from both sides resumed talks on \
the disputed border on Tuesday after a break of three weeks, officials said. The delegations \
met for four hours at the lakeside villa and agreed to meet again on Thursday, a spokesman for \
the mediators said.\n    Neither side gave details of the proposals put forward.";

const TALKS_UPDATE: &str = "GENEVA, March 3 - Negotiators from both sides resumed talks on \
the disputed border on Tuesday after a break of three weeks, officials said. The delegations \
met for four hours at the lakeside villa and agreed to meet again on Thursday, a spokesman for \
the mediators said.\n    Neither side gave details of the proposals put forward.\n    \
Diplomats said the mediators hoped to present a draft agreement before the end of the month, \
and that both governments had been briefed on its outline by their envoys.\n    The talks \
broke down last month over the sharing of water from the river that forms the border.";

fn corpus() -> Vec<Article> {
    vec![
        story(
            0,
            "BORDER TALKS RESUME IN GENEVA",
            " 3-MAR-1987 10:02:11.00",
            TALKS,
        ),
        // A re-send under a new headline an hour later.
        story(
            1,
            "TALKS ON BORDER RESUME AFTER BREAK",
            " 3-MAR-1987 11:15:40.00",
            TALKS,
        ),
        // A write-through that adds two paragraphs.
        story(
            2,
            "BORDER TALKS RESUME, DRAFT EXPECTED",
            " 3-MAR-1987 16:40:00.00",
            TALKS_UPDATE,
        ),
        // Dividend notices of two companies: the same words, other companies.
        story(
            3,
            "QUAKER OATS CO <OAT> REGULAR DIVIDEND",
            "11-MAR-1987 12:38:56.81",
            "CHICAGO, March 11 - Qtly div 20 cts vs 20 cts previously\n    Pay April 15\n    Record March 23",
        ),
        story(
            4,
            "UNIBANCORP <UBCP> REGULAR DIVIDEND",
            "11-MAR-1987 15:02:10.00",
            "CHICAGO, March 11 - Qtly div 20 cts vs 20 cts previously\n    Pay April 15\n    Record March 23",
        ),
        // A daily series: the same report of another day, with another figure.
        story(
            5,
            "FED ADDS RESERVES VIA CUSTOMER REPURCHASES",
            "17-MAR-1987 11:45:10.92",
            "NEW YORK, March 17 - The Federal Reserve entered the U.S. Government securities \
market to arrange two billion dlrs of customer repurchase agreements, a Fed spokesman said.\n    \
Dealers said Federal funds were trading at 6-1/16 pct when the Fed began its temporary and \
indirect supply of reserves to the banking system.",
        ),
        story(
            6,
            "FED ADDS RESERVES VIA CUSTOMER REPURCHASES",
            "18-MAR-1987 11:45:00.26",
            "NEW YORK, March 18 - The Federal Reserve entered the U.S. Government securities \
market to arrange 1.5 billion dlrs of customer repurchase agreements, a Fed spokesman said.\n    \
Dealers said Federal funds were trading at 6-1/16 pct when the Fed began its temporary and \
indirect supply of reserves to the banking system.",
        ),
        // The talks story again, word for word, but three weeks later: not a version.
        story(
            7,
            "BORDER TALKS RESUME IN GENEVA",
            "24-MAR-1987 10:02:11.00",
            TALKS,
        ),
        // An unrelated story.
        story(
            8,
            "RAIN FLOODS LOW-LYING DISTRICTS",
            " 3-MAR-1987 09:00:00.00",
            "DHAKA, March 3 - Heavy rain flooded low-lying districts of the capital overnight, \
cutting power to thousands of homes and closing schools, the city's disaster office said.",
        ),
    ]
}

fn workspace(articles: Vec<Article>) -> Workspace {
    Workspace {
        next_article_id: articles.len() as u64,
        articles: Arc::new(articles),
        ..Workspace::default()
    }
}

fn members(found: &dateline::families::Families) -> Vec<Vec<u64>> {
    let mut out: Vec<Vec<u64>> = found
        .iter()
        .map(|f| {
            let mut m: Vec<u64> = f.members.iter().map(|a| a.0).collect();
            m.sort_unstable();
            m
        })
        .collect();
    out.sort();
    out
}

#[test]
fn resends_and_write_throughs_are_one_family_templates_and_series_are_not() {
    let ws = workspace(corpus());
    let found = detect(&ws);
    assert_eq!(members(&found), vec![vec![0, 1, 2]]);
    let family = found.of(ArticleId(2)).unwrap();
    assert_eq!(
        family.original(),
        ArticleId(0),
        "the earliest version comes first"
    );
    assert_eq!(
        family.members,
        vec![ArticleId(0), ArticleId(1), ArticleId(2)]
    );
    assert!(found.counts(ArticleId(0)) && !found.counts(ArticleId(1)));
    assert!(found.counts(ArticleId(8)), "a single article counts");
    assert_eq!(found.original_of(ArticleId(2)), ArticleId(0));
    assert_eq!(found.copies(), 2);
}

#[test]
fn the_users_decisions_win_and_the_last_one_counts() {
    let mut ws = workspace(corpus());
    ws.family_decisions
        .push(FamilyDecision::Apart(ArticleId(1), ArticleId(0)));
    let found = detect(&ws);
    let fams = members(&found);
    assert_eq!(fams.len(), 1);
    assert!(
        !(fams[0].contains(&0) && fams[0].contains(&1)),
        "articles set apart never share a family: {fams:?}"
    );
    ws.family_decisions
        .push(FamilyDecision::Together(ArticleId(3), ArticleId(4)));
    ws.family_decisions
        .push(FamilyDecision::Alone(ArticleId(2)));
    let fams = members(&detect(&ws));
    assert!(fams.contains(&vec![3, 4]), "{fams:?}");
    assert!(fams.iter().all(|f| !f.contains(&2)), "{fams:?}");
    ws.family_decisions
        .push(FamilyDecision::Together(ArticleId(0), ArticleId(1)));
    let fams = members(&detect(&ws));
    assert!(
        fams.iter().any(|f| f.contains(&0) && f.contains(&1)),
        "{fams:?}"
    );
}

#[test]
fn an_incremental_update_equals_a_detection_from_scratch() {
    let mut articles = corpus();
    let mut index = FamilyIndex::new();
    let first = index.update(&articles);
    assert!(first.rebuilt);
    assert_eq!(first.fingerprinted, articles.len());
    let again = index.update(&articles);
    assert_eq!(
        (again.fingerprinted, again.verified),
        (0, 0),
        "nothing changed"
    );
    // The unrelated story becomes another re-send of the talks; the write-through is removed;
    // a new copy of the dividend notice arrives.
    articles[8] = story(
        8,
        "BORDER TALKS RESUME IN GENEVA",
        " 3-MAR-1987 10:30:00.00",
        TALKS,
    );
    articles.remove(2);
    articles.push(story(9, "QUAKER OATS CO <OAT> REGULAR DIVIDEND", "11-MAR-1987 13:00:00.00",
        "CHICAGO, March 11 - Qtly div 20 cts vs 20 cts previously\n    Pay April 15\n    Record March 23"));
    let report = index.update(&articles);
    assert!(!report.rebuilt);
    assert_eq!(report.fingerprinted, 2);
    assert_eq!(report.removed, 1);
    let incremental = families(&articles, index.links(), &[]);
    let mut fresh = FamilyIndex::new();
    fresh.update(&articles);
    let whole = families(&articles, fresh.links(), &[]);
    assert_eq!(incremental, whole);
    assert_eq!(members(&whole), vec![vec![0, 1, 8], vec![3, 9]]);
}

#[test]
fn undated_copies_are_found_whatever_their_dates() {
    let mut a = story(
        0,
        "Ink maker's profits rise",
        "",
        "Profits at the ink maker rose by a \
third last year as demand from printers in Asia recovered, the company said on Monday.",
    );
    let mut b = a.clone();
    b.id = ArticleId(1);
    a.published = None;
    b.published = None;
    let c = story(
        2,
        "Printers buy more ink",
        "",
        "Demand for printing ink fell.",
    );
    let found = detect(&workspace(vec![a, b, c]));
    assert_eq!(members(&found), vec![vec![0, 1]]);
}

/// The labelled development set (Reuters-21578, 1987-02-26..03-31), when ../shared is there:
/// pairwise precision and F1 over all its stories, as the set's scorer computes them.
#[test]
fn development_set_pairwise_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let gold = root.join("reuters21578-dedup/clusters-dev.tsv");
    let corpus = root.join("reuters21578");
    if !gold.is_file() || !corpus.is_dir() {
        eprintln!(
            "NOTICE: ../shared/corpora/reuters21578-dedup not present; development-set check not run"
        );
        return;
    }
    let outcome = dateline::ingest::import_paths(
        &[corpus.join("1987-02"), corpus.join("1987-03")],
        IngestOptions::default(),
        &dateline::ingest::ImportProgress::default(),
        &|| {},
    );
    let mut ws = Workspace::default();
    ws.merge_import(outcome.articles, outcome.problems);
    let key = |p: &Path| {
        let parts: Vec<_> = p.iter().rev().take(2).collect();
        format!(
            "{}/{}",
            parts[1].to_string_lossy(),
            parts[0].to_string_lossy()
        )
    };
    let in_split = |a: &Article| {
        a.published
            .as_ref()
            .and_then(|p| p.date())
            .is_some_and(|d| d >= chrono::NaiveDate::from_ymd_opt(1987, 2, 26).unwrap())
    };
    let split: std::collections::HashSet<String> = ws
        .articles
        .iter()
        .filter(|a| in_split(a))
        .map(|a| key(&a.source.path))
        .collect();
    let mut gold_of = std::collections::HashMap::new();
    for line in std::fs::read_to_string(&gold).unwrap().lines().skip(1) {
        let (c, f) = line.split_once('\t').unwrap();
        gold_of.insert(f.to_string(), c.to_string());
    }
    let found = detect(&ws);
    let mut system_of = std::collections::HashMap::new();
    for f in found.iter() {
        for m in &f.members {
            let k = key(&ws.article(*m).unwrap().source.path);
            if split.contains(&k) {
                system_of.insert(k, f.id.to_string());
            }
        }
    }
    let pairs = |of: &std::collections::HashMap<String, String>| {
        let mut groups: std::collections::HashMap<&String, Vec<&String>> = Default::default();
        for (k, c) in of {
            groups.entry(c).or_default().push(k);
        }
        let mut out = std::collections::HashSet::new();
        for g in groups.values() {
            for (i, a) in g.iter().enumerate() {
                for b in &g[i + 1..] {
                    out.insert(if a < b {
                        (a.to_string(), b.to_string())
                    } else {
                        (b.to_string(), a.to_string())
                    });
                }
            }
        }
        out
    };
    let gold_pairs = pairs(&gold_of);
    let system_pairs = pairs(&system_of);
    let tp = gold_pairs.intersection(&system_pairs).count() as f64;
    let precision = tp / system_pairs.len() as f64;
    let recall = tp / gold_pairs.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    eprintln!("development set: pairwise P {precision:.4} R {recall:.4} F1 {f1:.4}");
    assert_eq!(gold_pairs.len(), 535);
    assert!(precision >= 0.97, "precision {precision:.4}");
    assert!(f1 >= 0.92, "F1 {f1:.4}");
}

#[test]
fn names_count_once_per_report_and_a_name_only_an_update_added_still_counts() {
    use dateline::families::mentions_once;
    use dateline::model::{EntityLabel, MentionRecord};
    let ws = workspace(corpus());
    let found = detect(&ws);
    let record = |article: u64, name: &str, label| MentionRecord {
        article: ArticleId(article),
        text: name.into(),
        canonical: name.into(),
        label,
        start: 0,
        end: name.len() as u32,
    };
    let records = vec![
        record(0, "Geneva", EntityLabel::Place),
        record(0, "Geneva", EntityLabel::Place),
        record(1, "Geneva", EntityLabel::Place),
        record(2, "Geneva", EntityLabel::Place),
        record(2, "Diplomats", EntityLabel::Organisation),
        record(8, "Dhaka", EntityLabel::Place),
    ];
    let once = mentions_once(&records, &found);
    let kept: Vec<(u64, &str)> = once.iter().map(|r| (r.article.0, &*r.canonical)).collect();
    assert_eq!(
        kept,
        vec![(0, "Geneva"), (0, "Geneva"), (2, "Diplomats"), (8, "Dhaka")],
        "the first version's mentions, the update's new name, the single article's"
    );
    assert_eq!(
        mentions_once(&records, &dateline::families::Families::default()),
        records,
        "counting every copy changes nothing"
    );
}

#[test]
fn an_event_suggested_by_several_versions_is_one_event_with_every_versions_evidence() {
    use dateline::extract::events::all_article_events;
    use dateline::families::merge_versions_events;
    let ws = workspace(corpus());
    let found = detect(&ws);
    let events = all_article_events(&ws.articles, &[], &Default::default());
    let thursday = |events: &[dateline::model::Event]| -> Vec<Vec<u64>> {
        events
            .iter()
            .filter(|e| e.title.contains("meet again") && e.evidence[0].article.0 <= 2)
            .map(|e| e.evidence.iter().map(|v| v.article.0).collect())
            .collect()
    };
    assert_eq!(thursday(&events).len(), 3, "each version suggests it");
    let merged = merge_versions_events(events.clone(), &found);
    assert_eq!(thursday(&merged), vec![vec![0, 1, 2]]);
    assert!(merged.len() < events.len());
    // Versions quoting the same sentence hold its text once.
    let shared = merged
        .iter()
        .flat_map(|e| e.evidence.iter().skip(1).map(move |v| (&e.evidence[0], v)))
        .filter(|(first, v)| first.quote == v.quote)
        .collect::<Vec<_>>();
    assert!(!shared.is_empty());
    assert!(
        shared
            .iter()
            .all(|(first, v)| std::sync::Arc::ptr_eq(&first.quote, &v.quote))
    );
    // Events of single articles pass unchanged.
    let single = |events: &[dateline::model::Event]| {
        events
            .iter()
            .filter(|e| e.evidence[0].article == ArticleId(7))
            .count()
    };
    assert_eq!(single(&merged), single(&events));
}

#[test]
fn annotations_are_copied_to_the_same_words_of_another_version_once() {
    use dateline::families::copy_annotations;
    use dateline::model::{
        Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, TextTarget,
    };
    let mut ws = workspace(corpus());
    let body = ws.article(ArticleId(0)).unwrap().body.clone();
    let chars: Vec<char> = body.chars().collect();
    let find = |words: &str| {
        let at = body.find(words).unwrap();
        let start = body[..at].chars().count();
        (start, start + words.chars().count())
    };
    let note = |id, (s, e): (usize, usize), text: &str| Annotation {
        id: AnnotationId(id),
        target: TextTarget::in_chars(ArticleId(0), &chars, s, e).unwrap(),
        body: AnnotationBody::Note(text.into()),
        origin: AnnotationOrigin::Manual,
        status: AnnotationStatus::Accepted,
    };
    ws.annotations_mut()
        .push(note(0, find("lakeside villa"), "Where exactly?"));
    ws.annotations_mut()
        .push(note(1, find("three weeks"), "Since 10 February"));
    ws.next_annotation_id = 2;
    // Copied to the write-through, which has both passages further on.
    let plan = copy_annotations(&ws, ArticleId(0), ArticleId(2));
    assert_eq!((plan.copied, plan.not_found, plan.already_there), (2, 0, 0));
    let mut history = dateline::model::History::default();
    history.apply(plan.edit.unwrap(), &mut ws).unwrap();
    let copies: Vec<&Annotation> = ws
        .annotations
        .iter()
        .filter(|a| a.target.article == ArticleId(2))
        .collect();
    assert_eq!(copies.len(), 2);
    let to = ws.article(ArticleId(2)).unwrap();
    for c in &copies {
        let words: String = to
            .body
            .chars()
            .skip(c.target.start)
            .take(c.target.end - c.target.start)
            .collect();
        assert_eq!(words, c.target.quote);
    }
    // Again: nothing twice. Undo takes both back.
    let again = copy_annotations(&ws, ArticleId(0), ArticleId(2));
    assert_eq!((again.copied, again.already_there), (0, 2));
    history.undo(&mut ws).unwrap();
    assert!(
        ws.annotations
            .iter()
            .all(|a| a.target.article != ArticleId(2))
    );
    // An unrelated story has neither passage.
    let none = copy_annotations(&ws, ArticleId(0), ArticleId(8));
    assert_eq!((none.copied, none.not_found), (0, 2));
    assert!(none.edit.is_none());
    // To every version at once, as one step (the version copied from is skipped).
    let all = dateline::families::copy_annotations_to(
        &ws,
        ArticleId(0),
        &[ArticleId(0), ArticleId(1), ArticleId(2), ArticleId(8)],
    );
    assert_eq!((all.copied, all.not_found, all.already_there), (4, 2, 0));
    history.apply(all.edit.unwrap(), &mut ws).unwrap();
    let ids: std::collections::HashSet<_> = ws.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids.len(), 6, "every copy has its own id");
    history.undo(&mut ws).unwrap();
    assert_eq!(ws.annotations.len(), 2);
}

//! Undo and redo as properties: any sequence of edits, undone step by step, gives back the
//! workspace it started from; redone, the one it reached; and a RON round trip keeps it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use dateline::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, Article,
    ArticleId, Edit, EntityDecision, EntityKey, EntityLabel, Event, History, SourceFormat,
    SourceInfo, SuggestionKey, TAG_COLOURS, Tag, TagId, TextTarget, TimeValue, TimexCorrection,
    TimexType, Workspace,
};
use proptest::prelude::*;

const BODY: &str = "Liang Guanglie arrived in North Korea on Sunday. Bosworth will visit \
                    Pyongyang on Dec. 8, officials said.";

fn workspace() -> Workspace {
    let article = |id: u64| Article {
        id: ArticleId(id),
        source: SourceInfo {
            path: format!("/news/{id}.txt").into(),
            content_hash: format!("{id:064}"),
            byte_len: BODY.len() as u64,
            encoding: "UTF-8".into(),
            format: SourceFormat::Text,
            modified: None,
            item: None,
        },
        original: dateline::model::OriginalText::encode(BODY, BODY),
        headline: format!("Story {id}"),
        published: None,
        byline: None,
        dateline: None,
        agency: None,
        body: BODY.into(),
        reference_override: None,
        reference_estimate: None,
        meta: Default::default(),
        extracted: None,
    };
    Workspace {
        articles: vec![article(0), article(1)].into(),
        next_article_id: 2,
        ..Default::default()
    }
}

/// An edit described independently of the ids it will meet; turned into an `Edit` against
/// the workspace as it is when its turn comes.
#[derive(Clone, Debug)]
enum Op {
    Annotate(u64, usize, usize, u8),
    RemoveAnnotation(usize),
    ChangeNote(usize, String),
    AddTag(String, bool),
    Decide(usize, bool),
    Rename(String),
    PopDecision,
    Correct(usize, u8),
    Reference(u64, Option<u16>),
    Headline(u64, String),
    AddEvent(u16),
    MoveEvent(usize, i64),
    RemoveEvent(usize),
    Dismiss(usize),
    SaveSearch(String),
    CodeHits(String, u8),
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-zA-Z ]{0,12}";
    prop_oneof![
        (0..2u64, 0..80usize, 1..20usize, 0..4u8).prop_map(|(a, s, l, k)| Op::Annotate(
            a,
            s,
            s + l,
            k
        )),
        (0..8usize).prop_map(Op::RemoveAnnotation),
        (0..8usize, text).prop_map(|(i, t)| Op::ChangeNote(i, t)),
        (text, any::<bool>()).prop_map(|(t, nested)| Op::AddTag(t, nested)),
        (0..80usize, any::<bool>()).prop_map(|(s, accept)| Op::Decide(s, accept)),
        text.prop_map(Op::Rename),
        Just(Op::PopDecision),
        (0..80usize, 1..28u8).prop_map(|(s, d)| Op::Correct(s, d)),
        (0..2u64, proptest::option::of(0..3000u16)).prop_map(|(a, d)| Op::Reference(a, d)),
        (0..2u64, text).prop_map(|(a, t)| Op::Headline(a, t)),
        (0..3000u16).prop_map(Op::AddEvent),
        (0..4usize, -400..400i64).prop_map(|(i, d)| Op::MoveEvent(i, d)),
        (0..4usize).prop_map(Op::RemoveEvent),
        (0..80usize).prop_map(Op::Dismiss),
        text.prop_map(Op::SaveSearch),
        ("[a-z]{1,3}\\*?", 0..3u8).prop_map(|(q, u)| Op::CodeHits(q, u)),
    ]
}

fn day(n: u16) -> TimeValue {
    let date =
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(i64::from(n));
    TimeValue::from_timex("DATE", &date.format("%Y-%m-%d").to_string()).unwrap()
}

/// The edit an op stands for in this workspace, if it makes sense there.
fn edit(op: &Op, w: &Workspace) -> Option<Edit> {
    let len = BODY.chars().count();
    Some(match op {
        Op::Annotate(article, start, end, kind) => {
            let target = TextTarget::new(ArticleId(*article), BODY, *start, (*end).min(len))?;
            let body = match kind {
                0 => AnnotationBody::Entity(EntityKey::new(&target.quote, EntityLabel::Person)),
                1 => AnnotationBody::Note("see also".into()),
                2 => AnnotationBody::Tag(w.codebook.tags.first()?.id),
                _ => AnnotationBody::Evidence(w.events.first()?.id),
            };
            Edit::add_annotation(
                w,
                Annotation {
                    id: AnnotationId(0),
                    target,
                    body,
                    origin: AnnotationOrigin::Manual,
                    status: AnnotationStatus::Accepted,
                },
            )
        }
        Op::RemoveAnnotation(i) => {
            Edit::remove_annotation(w, w.annotations.get(i % w.annotations.len().max(1))?.id)
        }
        Op::ChangeNote(i, text) => {
            let mut a = w.annotations.get(i % w.annotations.len().max(1))?.clone();
            a.body = AnnotationBody::Note(text.clone());
            Edit::ReplaceAnnotation(a)
        }
        Op::AddTag(name, nested) => {
            let mut book = w.codebook.clone();
            let parent = if *nested {
                book.tags.last().map(|t| t.id)
            } else {
                None
            };
            book.tags.push(Tag {
                id: TagId(book.next_id),
                name: name.clone(),
                colour: TAG_COLOURS[book.tags.len() % TAG_COLOURS.len()],
                parent,
            });
            book.next_id += 1;
            Edit::SetCodebook(book)
        }
        Op::Decide(start, accept) => Edit::add_annotation(
            w,
            Annotation {
                id: AnnotationId(0),
                target: TextTarget::new(ArticleId(0), BODY, *start, (*start + 6).min(len))?,
                body: AnnotationBody::TimeExpression,
                origin: AnnotationOrigin::Suggested("timex-1".into()),
                status: if *accept {
                    AnnotationStatus::Accepted
                } else {
                    AnnotationStatus::Rejected
                },
            },
        ),
        Op::Rename(name) => Edit::PushEntityDecision(EntityDecision::Rename {
            key: EntityKey::new("Liang Guanglie", EntityLabel::Person),
            name: name.clone(),
        }),
        Op::PopDecision if w.entity_decisions.is_empty() => return None,
        Op::PopDecision => Edit::PopEntityDecision,
        Op::Correct(start, d) => {
            let target = TextTarget::new(ArticleId(0), BODY, *start, (*start + 6).min(len))?;
            let mut corrections = w.timex_corrections.clone();
            corrections.push(TimexCorrection {
                article: ArticleId(0),
                start: target.start,
                end: target.end,
                text: target.quote,
                kind: TimexType::Date,
                value: day(u16::from(*d)),
            });
            Edit::SetCorrections(corrections)
        }
        Op::Reference(article, d) => Edit::SetReferenceDate(
            ArticleId(*article),
            d.map(|d| {
                chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
                    + chrono::Duration::days(i64::from(d))
            }),
        ),
        Op::Headline(article, text) => Edit::SetHeadline(ArticleId(*article), text.clone()),
        Op::AddEvent(d) => Edit::add_event(w, Event::manual("Met", day(*d))),
        Op::MoveEvent(i, days) => {
            let mut e = w.events.get(i % w.events.len().max(1))?.clone();
            e.value = e.value.shifted(chrono::Duration::days(*days))?;
            Edit::ReplaceEvent(e)
        }
        Op::RemoveEvent(i) => Edit::remove_event(w, w.events.get(i % w.events.len().max(1))?.id),
        Op::Dismiss(start) => Edit::DismissSuggestion(SuggestionKey {
            article: ArticleId(1),
            start: *start,
            text: "Sunday".into(),
        }),
        Op::SaveSearch(name) => {
            let mut list = w.saved_searches.clone();
            list.push(dateline::model::SavedSearch {
                name: name.clone(),
                query: "sunday".into(),
            });
            Edit::SetSavedSearches(list)
        }
        Op::CodeHits(query, unit) => {
            // Code every hit of a search, as the Search tab does: one batch.
            let index = dateline::search::build_index_now(&w.articles, &[]);
            let parsed = dateline::search::parse(query).ok()?;
            let ctx = dateline::search::Context::without_names(&index, w);
            let hits = dateline::search::search(&parsed, &ctx).hits;
            let unit = [
                dateline::search::Unit::Hit,
                dateline::search::Unit::Sentence,
                dateline::search::Unit::Paragraph,
            ][usize::from(*unit)];
            let what = dateline::search::CodeAs::Note("coded".into());
            dateline::search::plan_coding(w, &index, &hits, &what, unit).edit?
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undo_all_gives_the_start_and_redo_all_the_end(ops in proptest::collection::vec(op(), 1..40)) {
        let start = workspace();
        let mut w = start.clone();
        let mut history = History::default();
        let mut applied = 0;
        for op in &ops {
            if let Some(edit) = edit(op, &w) {
                history.apply(edit, &mut w).unwrap();
                applied += 1;
            }
        }
        let end = w.clone();
        for _ in 0..applied {
            prop_assert!(history.undo(&mut w).unwrap().is_some());
        }
        prop_assert!(history.undo(&mut w).unwrap().is_none());
        prop_assert_eq!(&w, &start);
        for _ in 0..applied {
            prop_assert!(history.redo(&mut w).unwrap().is_some());
        }
        prop_assert_eq!(&w, &end);

        // The state reached survives a save and a load.
        let dir = Path::new("/news");
        let text = dateline::store::workspace_to_ron(&end, dir, &dir.join("w.ron")).unwrap();
        let back = dateline::store::load_workspace_text(&text, &dir.join("w.ron"), dir).unwrap();
        prop_assert_eq!(back, end);
    }
}

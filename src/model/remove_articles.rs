//! Removing articles from a workspace as one undoable step: the user's work on them goes with
//! them (annotations, corrections, dismissed suggestions, the evidence they give events) and
//! comes back on undo.

use std::collections::HashSet;

use super::{ArticleId, Edit, Workspace};

impl Edit {
    /// The edit that removes these articles (ids not in the workspace are passed over) with
    /// everything of the user's tied to them: their annotations, time-expression corrections
    /// and dismissed suggestions; an event loses the evidence they gave it, and goes when it
    /// had no other. Applied through the history, one undo brings all of it back. Entity and
    /// family decisions stay: they name articles only to say how to merge what is there.
    pub fn remove_articles(workspace: &Workspace, ids: &[ArticleId]) -> Edit {
        let mut gone: HashSet<ArticleId> = HashSet::new();
        let ids: Vec<ArticleId> = ids
            .iter()
            .copied()
            .filter(|id| workspace.article(*id).is_some() && gone.insert(*id))
            .collect();
        // Whole lists are taken out and put back in one pass each (removing 50,000 listed
        // articles one at a time would move the rest of the list 50,000 times).
        let annotations: Vec<_> = workspace
            .annotations
            .iter()
            .filter(|a| gone.contains(&a.target.article))
            .map(|a| a.id)
            .collect();
        let mut edits = Vec::new();
        if !annotations.is_empty() {
            edits.push(Edit::RemoveAnnotations(annotations));
        }
        let gave = |event: &super::Event| event.evidence.iter().any(|e| gone.contains(&e.article));
        if workspace.events.iter().any(gave) {
            // An event loses the evidence the removed articles gave it, and goes when that was
            // all it had.
            let events = workspace
                .events
                .iter()
                .filter_map(|event| {
                    let mut kept = event.clone();
                    if gave(event) {
                        kept.evidence.retain(|e| !gone.contains(&e.article));
                        if kept.evidence.is_empty() {
                            return None;
                        }
                    }
                    Some(kept)
                })
                .collect();
            edits.push(Edit::SetEvents(events));
        }
        if let Some(corrections) =
            without(&workspace.timex_corrections, |c| gone.contains(&c.article))
        {
            edits.push(Edit::SetCorrections(corrections));
        }
        if let Some(keys) = without(&workspace.dismissed_suggestions, |k| {
            gone.contains(&k.article)
        }) {
            edits.push(Edit::SetDismissedSuggestions(keys));
        }
        if !ids.is_empty() {
            edits.push(Edit::RemoveArticles(ids));
        }
        Edit::Batch(edits)
    }

    /// The number of articles this edit removes (for messages: "3 articles removed").
    pub fn articles_removed(&self) -> usize {
        match self {
            Edit::RemoveArticles(ids) => ids.len(),
            Edit::Batch(edits) => edits.iter().map(Edit::articles_removed).sum(),
            _ => 0,
        }
    }
}

/// The list without the items `gone` picks, when it picks any.
fn without<T: Clone>(list: &[T], gone: impl Fn(&T) -> bool) -> Option<Vec<T>> {
    list.iter()
        .any(&gone)
        .then(|| list.iter().filter(|x| !gone(x)).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, Event,
        EventId, Evidence, History, SuggestionKey, TextTarget, TimexCorrection,
    };

    fn workspace() -> Workspace {
        let mut ws = Workspace::default();
        for (i, name) in ["a.txt", "b.txt", "c.txt"].iter().enumerate() {
            let mut article = crate::model::test_article(name, &format!("h{i}"), "Talks began.");
            article.id = ArticleId(i as u64);
            ws.articles_mut().push(article);
        }
        ws.next_article_id = 3;
        ws
    }

    fn evidence(article: u64) -> Evidence {
        Evidence {
            article: ArticleId(article),
            start: 0,
            end: 5,
            quote: "Talks".into(),
        }
    }

    #[test]
    fn removal_takes_the_work_on_the_articles_and_undo_brings_it_back() {
        let mut ws = workspace();
        let note = Annotation {
            id: AnnotationId(0),
            target: TextTarget::new(ArticleId(1), "Talks began.", 0, 5).unwrap(),
            body: AnnotationBody::Note("key passage".into()),
            origin: AnnotationOrigin::Manual,
            status: AnnotationStatus::Accepted,
        };
        ws.annotations_mut().push(note.clone());
        ws.next_annotation_id = 1;
        let day = crate::model::TimeValue::from_timex("DATE", "1987-03-02").unwrap();
        let mut only_b = Event::manual("Talks", day.clone());
        only_b.id = EventId(0);
        only_b.evidence = vec![evidence(1)];
        let mut both = only_b.clone();
        both.id = EventId(1);
        both.evidence = vec![evidence(0), evidence(1)];
        ws.events = vec![only_b.clone(), both.clone()];
        ws.next_event_id = 2;
        ws.dismissed_suggestions.push(SuggestionKey {
            article: ArticleId(1),
            start: 0,
            text: "Talks".into(),
        });
        ws.timex_corrections.push(TimexCorrection {
            article: ArticleId(1),
            start: 0,
            end: 5,
            text: "Talks".into(),
            kind: crate::model::TimexType::Date,
            value: day,
        });
        let before = ws.clone();

        let edit = Edit::remove_articles(&ws, &[ArticleId(1), ArticleId(1), ArticleId(9)]);
        assert_eq!(
            edit.articles_removed(),
            1,
            "repeated and unknown ids are passed over"
        );
        assert!(edit.scope(&ws).article_list);
        let mut history = History::default();
        history.apply(edit, &mut ws).unwrap();
        let ids: Vec<ArticleId> = ws.articles.iter().map(|a| a.id).collect();
        assert_eq!(ids, [ArticleId(0), ArticleId(2)]);
        assert!(ws.annotations.is_empty());
        assert_eq!(ws.events.len(), 1, "the event with no other evidence went");
        assert_eq!(ws.events[0].evidence, vec![evidence(0)]);
        assert!(ws.dismissed_suggestions.is_empty());
        assert!(ws.timex_corrections.is_empty());
        assert_eq!(ws.removed_sources, [ws_source(&before, 1)]);
        assert_eq!(ws.next_article_id, 3, "ids are never reused");

        history.undo(&mut ws).unwrap();
        assert_eq!(ws, before, "undo restores everything, in place");
        history.redo(&mut ws).unwrap();
        assert_eq!(ws.articles.len(), 2);
    }

    fn ws_source(ws: &Workspace, id: u64) -> std::path::PathBuf {
        ws.article(ArticleId(id)).unwrap().source.item_path()
    }

    #[test]
    fn several_removed_at_once_come_back_in_their_places() {
        let mut ws = workspace();
        for k in 0..6 {
            let target = TextTarget::new(ArticleId(k % 3), "Talks began.", 0, 5).unwrap();
            let note = Annotation {
                id: AnnotationId(k),
                target,
                body: AnnotationBody::Note(format!("note {k}")),
                origin: AnnotationOrigin::Manual,
                status: AnnotationStatus::Accepted,
            };
            ws.annotations_mut().push(note);
        }
        ws.next_annotation_id = 6;
        let before = ws.clone();
        let edit = Edit::remove_articles(&ws, &[ArticleId(2), ArticleId(0)]);
        let inverse = edit.apply(&mut ws).unwrap();
        let left: Vec<u64> = ws.articles.iter().map(|a| a.id.0).collect();
        assert_eq!(left, [1]);
        let notes: Vec<u64> = ws.annotations.iter().map(|a| a.id.0).collect();
        assert_eq!(notes, [1, 4], "the notes on the removed articles went");
        inverse.apply(&mut ws).unwrap();
        assert_eq!(ws, before);
    }

    #[test]
    fn undo_puts_dismissed_suggestions_and_events_back_in_their_order() {
        let mut ws = workspace();
        let day = crate::model::TimeValue::from_timex("DATE", "1987-03-02").unwrap();
        for (k, article) in [0, 1, 2, 1, 0, 2].into_iter().enumerate() {
            ws.dismissed_suggestions.push(SuggestionKey {
                article: ArticleId(article),
                start: k,
                text: format!("s{k}"),
            });
            let mut event = Event::manual(format!("e{k}"), day.clone());
            event.id = EventId(k as u64);
            event.evidence = vec![evidence(article)];
            ws.events.push(event);
        }
        ws.next_event_id = 6;
        let before = ws.clone();
        let edit = Edit::remove_articles(&ws, &[ArticleId(1)]);
        let inverse = edit.apply(&mut ws).unwrap();
        let left: Vec<usize> = ws.dismissed_suggestions.iter().map(|k| k.start).collect();
        assert_eq!(left, [0, 2, 4, 5]);
        let events: Vec<u64> = ws.events.iter().map(|e| e.id.0).collect();
        assert_eq!(events, [0, 2, 4, 5]);
        inverse.apply(&mut ws).unwrap();
        assert_eq!(ws, before, "each in its place again");
    }

    #[test]
    fn putting_back_an_article_whose_id_is_there_fails_and_changes_nothing() {
        let mut ws = workspace();
        let inverse = Edit::RemoveArticles(vec![ArticleId(0)])
            .apply(&mut ws)
            .unwrap();
        let twin = ws.articles[0].clone();
        let clash = Edit::Batch(vec![inverse, Edit::InsertArticles(vec![(0, twin)])]);
        let before = ws.clone();
        assert!(clash.apply(&mut ws).is_err());
        assert_eq!(ws, before);
    }
}

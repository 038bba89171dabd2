//! Counting each report once: the names and suggested events of a family's versions reduced
//! to one report's worth, with nothing found only in a later version lost.

use std::collections::HashMap;

use super::Families;
use crate::model::{ArticleId, Event, EventOrigin, MentionRecord};

/// The mentions with each name counted in one version per report: for every family and name
/// (canonical form and kind), only the mentions of the first version that has it are kept. A
/// name only a write-through added still counts, from that version.
pub fn mentions_once(records: &[MentionRecord], families: &Families) -> Vec<MentionRecord> {
    if families.is_empty() {
        return records.to_vec();
    }
    let mut chosen: HashMap<(ArticleId, String, crate::model::EntityLabel), ArticleId> =
        HashMap::new();
    let rank = |id: ArticleId| {
        families
            .of(id)
            .and_then(|f| f.members.iter().position(|m| *m == id))
            .unwrap_or(0)
    };
    for r in records {
        if families.of(r.article).is_none() {
            continue;
        }
        let key = (
            families.original_of(r.article),
            r.canonical.to_lowercase(),
            r.label,
        );
        chosen
            .entry(key)
            .and_modify(|a| {
                if rank(r.article) < rank(*a) {
                    *a = r.article;
                }
            })
            .or_insert(r.article);
    }
    records
        .iter()
        .filter(|r| {
            families.of(r.article).is_none()
                || chosen.get(&(
                    families.original_of(r.article),
                    r.canonical.to_lowercase(),
                    r.label,
                )) == Some(&r.article)
        })
        .cloned()
        .collect()
}

/// Suggested events of a family's versions made one: events of versions of one report with
/// the same time value and title become the first version's event, with every version's
/// passage as evidence. Manual events and events of single articles pass unchanged.
pub fn merge_versions_events(events: Vec<Event>, families: &Families) -> Vec<Event> {
    if families.is_empty() {
        return events;
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut at: HashMap<(ArticleId, String, String), usize> = HashMap::new();
    // Earlier versions first, so the event kept is the first version's.
    let mut order: Vec<(usize, Event)> = events
        .into_iter()
        .map(|e| {
            let rank = e
                .evidence
                .first()
                .and_then(|v| {
                    families
                        .of(v.article)
                        .and_then(|f| f.members.iter().position(|m| *m == v.article))
                })
                .unwrap_or(0);
            (rank, e)
        })
        .collect();
    order.sort_by_key(|(rank, _)| *rank);
    for (_, e) in order {
        let report = match (&e.origin, e.evidence.first()) {
            (EventOrigin::Suggested { .. }, Some(v)) if families.of(v.article).is_some() => {
                Some(families.original_of(v.article))
            }
            _ => None,
        };
        let Some(report) = report else {
            out.push(e);
            continue;
        };
        let key = (report, e.value.to_timex(), e.title.to_lowercase());
        match at.get(&key) {
            Some(&i) => {
                let kept = &mut out[i];
                for mut v in e.evidence {
                    if kept.evidence.contains(&v) {
                        continue;
                    }
                    // A copy quotes the same sentence: one text for all (at 95,000 articles
                    // in families of five, 32 MB of quotes held once instead of five times).
                    if let Some(same) = kept.evidence.iter().find(|k| k.quote == v.quote) {
                        v.quote = std::sync::Arc::clone(&same.quote);
                    }
                    kept.evidence.push(v);
                }
                for p in e.participants {
                    if !kept.participants.contains(&p) {
                        kept.participants.push(p);
                    }
                }
            }
            None => {
                at.insert(key, out.len());
                out.push(e);
            }
        }
    }
    out
}

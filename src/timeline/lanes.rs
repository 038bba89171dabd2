//! What the timeline shows, before any pixels: the events (stored ones and the suggestions the
//! user has not replaced or dismissed) placed on the axis, grouped into lanes by entity, article
//! or tag, and the articles' publication markers.

use std::collections::{HashMap, HashSet};

use super::axis::seconds;
use crate::model::{
    Article, ArticleId, EntityKey, Event, EventId, Modifier, SuggestionKey, TimePoint, TimeValue,
};

/// The most lanes shown; the rest share an "Other" lane.
pub const MAX_LANES: usize = 40;

/// Which event an item stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventRef {
    /// An event stored in the workspace.
    Stored(EventId),
    /// A suggestion that is still only derived from the text.
    Suggested(SuggestionKey),
}

/// The events on the timeline: the stored ones, then every suggestion that no stored event
/// replaces and the user did not dismiss.
pub fn visible_events<'e>(
    stored: &'e [Event],
    suggestions: &'e [Event],
    dismissed: &[SuggestionKey],
) -> Vec<(EventRef, &'e Event)> {
    let replaced: HashSet<&SuggestionKey> = stored
        .iter()
        .filter_map(Event::suggestion_key)
        .chain(dismissed)
        .collect();
    let mut out: Vec<(EventRef, &Event)> =
        stored.iter().map(|e| (EventRef::Stored(e.id), e)).collect();
    for s in suggestions {
        if let Some(key) = s.suggestion_key()
            && !replaced.contains(key)
        {
            out.push((EventRef::Suggested(key.clone()), s));
        }
    }
    out
}

/// How events are grouped into lanes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LaneMode {
    /// One lane for all events.
    #[default]
    All,
    /// A lane per participant (an event appears in the lane of each).
    Entity,
    /// A lane per article the evidence comes from.
    Article,
    /// A lane per tag.
    Tag,
}

impl LaneMode {
    /// Every mode, in menu order.
    pub const ALL: [LaneMode; 4] = [
        LaneMode::All,
        LaneMode::Entity,
        LaneMode::Article,
        LaneMode::Tag,
    ];

    /// The label in the lane chooser.
    pub fn label(self) -> &'static str {
        match self {
            LaneMode::All => "One lane",
            LaneMode::Entity => "By entity",
            LaneMode::Article => "By article",
            LaneMode::Tag => "By tag",
        }
    }
}

/// One event placed on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Index into the event list the lanes were built from.
    pub event: usize,
    /// Start, in axis seconds.
    pub start: f64,
    /// End, in axis seconds.
    pub end: f64,
    /// The start is approximate or open: drawn faded.
    pub soft_start: bool,
    /// The end is approximate or open: drawn faded.
    pub soft_end: bool,
    /// Derived from an uncertain reference date or year: drawn hatched.
    pub uncertain: bool,
}

/// A row of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The name at the left: an entity, an article's headline, a tag, "Events".
    pub label: String,
    /// Its items, by start.
    pub items: Vec<Item>,
    /// The longest item, in seconds: how far back a search for visible items must reach.
    pub longest: f64,
}

impl Lane {
    fn new(label: String, mut items: Vec<Item>) -> Self {
        items.sort_by(|a, b| a.start.total_cmp(&b.start));
        let longest = items.iter().map(|i| i.end - i.start).fold(0.0, f64::max);
        Self {
            label,
            items,
            longest,
        }
    }

    /// The items that may overlap `from..to`, as a range of indices.
    pub fn visible(&self, from: f64, to: f64) -> std::ops::Range<usize> {
        let a = self
            .items
            .partition_point(|i| i.start < from - self.longest);
        let b = self.items.partition_point(|i| i.start <= to);
        a..b.max(a)
    }
}

/// Places an event's time value on the axis; `None` when it has no place there.
pub fn place(event_index: usize, event: &Event) -> Option<Item> {
    let (a, b) = event.value.interval()?;
    let modifier = event.value.modifier();
    let approximate = matches!(
        modifier,
        Some(Modifier::Approximate | Modifier::MoreThan | Modifier::LessThan | Modifier::Nearly)
    );
    let (open_start, open_end) = match &event.value {
        TimeValue::Range(a, b) => (a.is_none(), b.is_none()),
        _ => (false, false),
    };
    let unknown_year = matches!(
        &event.value,
        TimeValue::Point(TimePoint::Day(None, ..) | TimePoint::Year(None), _)
    );
    Some(Item {
        event: event_index,
        start: seconds(a),
        end: seconds(b),
        soft_start: approximate || open_start,
        soft_end: approximate || open_end,
        uncertain: event.uncertain || unknown_year,
    })
}

/// What lanes need to know about names: the entity a participant now belongs to (after the
/// user's merges) and how to show it, and how to show an article.
pub struct LaneNames<'a> {
    /// The participant's current entity and display name; `None` when hidden.
    pub entity: &'a dyn Fn(&EntityKey) -> Option<(EntityKey, String)>,
    /// An article's short name.
    pub article: &'a dyn Fn(ArticleId) -> String,
}

/// Groups events into lanes: the `MAX_LANES` busiest groups by name, then "Other". With
/// `only`, just the events of that entity (the shared selection).
pub fn build_lanes(
    events: &[&Event],
    mode: LaneMode,
    only: Option<&EntityKey>,
    names: &LaneNames<'_>,
) -> Vec<Lane> {
    let mut groups: HashMap<String, Vec<Item>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut push = |label: String, item: Item| {
        if !groups.contains_key(&label) {
            order.push(label.clone());
        }
        groups.entry(label).or_default().push(item);
    };
    for (i, event) in events.iter().enumerate() {
        let participants: Vec<(EntityKey, String)> = event
            .participants
            .iter()
            .filter_map(|k| (names.entity)(k))
            .collect();
        if let Some(only) = only
            && !participants.iter().any(|(k, _)| k == only)
        {
            continue;
        }
        let Some(item) = place(i, event) else {
            continue;
        };
        match mode {
            LaneMode::All => push("Events".into(), item),
            LaneMode::Entity if participants.is_empty() => push("No names".into(), item),
            LaneMode::Entity => {
                let mut seen = HashSet::new();
                for (key, name) in participants {
                    if seen.insert(key) {
                        push(name, item.clone());
                    }
                }
            }
            LaneMode::Article => match event.evidence.first() {
                Some(e) => push((names.article)(e.article), item),
                None => push("Made by you".into(), item),
            },
            LaneMode::Tag if event.tags.is_empty() => push("Untagged".into(), item),
            LaneMode::Tag => {
                for tag in &event.tags {
                    push(tag.clone(), item.clone());
                }
            }
        }
    }
    // Named groups busiest first (ties by name, so the order is stable), then the catch-alls.
    let catch_all = |label: &str| matches!(label, "No names" | "Untagged" | "Made by you");
    order.sort_by(|a, b| {
        catch_all(a)
            .cmp(&catch_all(b))
            .then_with(|| groups[b].len().cmp(&groups[a].len()))
            .then_with(|| a.to_lowercase().cmp(&b.to_lowercase()))
    });
    let mut lanes = Vec::new();
    let mut other = Vec::new();
    for (n, label) in order.into_iter().enumerate() {
        let items = groups.remove(&label).unwrap_or_default();
        if n < MAX_LANES {
            lanes.push(Lane::new(label, items));
        } else {
            other.extend(items);
        }
    }
    if !other.is_empty() {
        lanes.push(Lane::new("Other".into(), other));
    }
    lanes
}

/// The articles' publication markers as one lane (index = position in `articles`); with `only`,
/// just those articles.
pub fn article_lane(articles: &[Article], only: Option<&HashSet<ArticleId>>) -> Lane {
    let items = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| only.is_none_or(|set| set.contains(&a.id)))
        .filter_map(|(i, a)| {
            let p = a.published.as_ref()?;
            let date = p.date()?;
            let start = date.and_time(p.time.unwrap_or(chrono::NaiveTime::MIN));
            let t = seconds(start);
            Some(Item {
                event: i,
                start: t,
                end: t + if p.time.is_some() { 60.0 } else { 86_400.0 },
                soft_start: false,
                soft_end: false,
                uncertain: p.uncertain,
            })
        })
        .collect();
    Lane::new("Articles".into(), items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventOrigin, TimeValue};

    fn event(value: &str, who: &[&str], tags: &[&str]) -> Event {
        let time = TimeValue::from_timex("DATE", value)
            .unwrap_or(TimeValue::Reference(crate::model::Reference::Past));
        Event {
            id: EventId(0),
            participants: who
                .iter()
                .map(|n| EntityKey::new(n, crate::model::EntityLabel::Person))
                .collect(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Event::manual(value, time)
        }
    }

    fn entity_name(k: &EntityKey) -> Option<(EntityKey, String)> {
        (k.name != "hidden").then(|| (k.clone(), k.name.clone()))
    }

    fn article_name(a: ArticleId) -> String {
        format!("article {}", a.0)
    }

    #[test]
    fn lanes_group_by_entity_and_tag_busiest_first() {
        let events = [
            event("2009-11-22", &["liang", "kim"], &["Visit"]),
            event("2009-12-05", &["liang"], &[]),
            event("1950/1953", &[], &["War"]),
            event("PAST_REF", &["liang"], &[]),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let names = LaneNames {
            entity: &entity_name,
            article: &article_name,
        };
        let by_entity = build_lanes(&refs, LaneMode::Entity, None, &names);
        let labels: Vec<&str> = by_entity.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["liang", "kim", "No names"]);
        assert_eq!(
            by_entity[0].items.len(),
            2,
            "PAST_REF has no place on the axis"
        );
        let by_tag = build_lanes(&refs, LaneMode::Tag, None, &names);
        let labels: Vec<&str> = by_tag.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["Visit", "War", "Untagged"]);
        let only_kim = build_lanes(
            &refs,
            LaneMode::All,
            Some(&EntityKey::new("kim", crate::model::EntityLabel::Person)),
            &names,
        );
        assert_eq!(only_kim[0].items.len(), 1);
    }

    #[test]
    fn visible_finds_long_items_that_start_before_the_view() {
        let events = [event("1950/1953", &[], &[]), event("2009-11-22", &[], &[])];
        let refs: Vec<&Event> = events.iter().collect();
        let names = LaneNames {
            entity: &entity_name,
            article: &article_name,
        };
        let lane = &build_lanes(&refs, LaneMode::All, None, &names)[0];
        let in_1952 = lane.visible(
            seconds(
                chrono::NaiveDate::from_ymd_opt(1952, 1, 1)
                    .unwrap_or_default()
                    .into(),
            ),
            seconds(
                chrono::NaiveDate::from_ymd_opt(1952, 2, 1)
                    .unwrap_or_default()
                    .into(),
            ),
        );
        assert!(lane.items[in_1952].iter().any(|i| i.event == 0));
    }

    #[test]
    fn suggestions_kept_or_dismissed_are_not_shown_twice() {
        let key = SuggestionKey {
            article: ArticleId(1),
            start: 10,
            text: "Sunday".into(),
        };
        let mut suggestion = event("2009-11-22", &[], &[]);
        suggestion.origin = EventOrigin::Suggested {
            extractor: "clause-1".into(),
            key: key.clone(),
        };
        let mut kept = suggestion.clone();
        kept.id = EventId(7);
        let shown = visible_events(
            std::slice::from_ref(&kept),
            std::slice::from_ref(&suggestion),
            &[],
        );
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].0, EventRef::Stored(EventId(7)));
        let shown = visible_events(
            &[],
            std::slice::from_ref(&suggestion),
            std::slice::from_ref(&key),
        );
        assert!(shown.is_empty());
    }
}

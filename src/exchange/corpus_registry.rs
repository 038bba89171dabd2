//! The corpus registry of entities as a map and a reduce over extraction output: what
//! `dateline entities --merge` reads and writes, so that a cluster can count the names of a
//! billion articles in pieces.
//!
//! Mentions group as the window's registry groups them: by canonical name (lower-cased) and
//! kind ([`EntityKey`]). Every figure an entry holds merges by a law that does not care about
//! order or grouping (sums of counts, unions of article ids, the earliest and the latest
//! date, the most frequent written form as the name), so merging the registries of two halves
//! of a corpus gives exactly the registry of the whole.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{EntityKey, EntityLabel, PublishedAt};

/// One entity of the corpus: a line of the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusEntity {
    /// The grouping key: kind and lower-cased canonical name, `PER:liang guanglie`.
    pub key: String,
    /// The name shown: the canonical form written most often (the first in order on a tie).
    pub name: String,
    /// The kind: PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub label: String,
    /// Mentions in all articles.
    pub mentions: u64,
    /// How many articles mention it.
    pub article_count: u64,
    /// The ids of those articles, in order.
    pub articles: BTreeSet<String>,
    /// Every form as written, with its number of mentions.
    pub aliases: BTreeMap<String, u64>,
    /// Every canonical form (within an article) with its number of mentions: what the name is
    /// chosen from.
    pub names: BTreeMap<String, u64>,
    /// The earliest publication date of those articles (ISO 8601, at its own precision).
    pub first_seen: Option<String>,
    /// The latest.
    pub last_seen: Option<String>,
}

impl CorpusEntity {
    fn merge(&mut self, other: CorpusEntity) {
        self.mentions += other.mentions;
        self.articles.extend(other.articles);
        self.article_count = self.articles.len() as u64;
        for (alias, n) in other.aliases {
            *self.aliases.entry(alias).or_default() += n;
        }
        for (name, n) in other.names {
            *self.names.entry(name).or_default() += n;
        }
        self.first_seen = earliest(self.first_seen.take(), other.first_seen);
        self.last_seen = latest(self.last_seen.take(), other.last_seen);
        self.name = most_written(&self.names).unwrap_or_else(|| self.name.clone());
    }
}

/// The order of two dates: chronological by what they state (a date without a year last, as
/// everywhere in Dateline), then by their text, so that the order is total.
fn date_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| PublishedAt::from_iso(s).map(|p| p.sort_key());
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if date_order(&b, &a).is_lt() { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if date_order(&b, &a).is_gt() { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn most_written(names: &BTreeMap<String, u64>) -> Option<String> {
    // Ties go to the first name in order: max_by_key keeps the last maximum, so reverse.
    names
        .iter()
        .rev()
        .max_by_key(|(_, n)| **n)
        .map(|(name, _)| name.clone())
}

/// What one line of input added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// An article record of `dateline extract` (or a file's records).
    Articles(usize),
    /// A line of a registry.
    Entity,
    /// An error record of the extraction, passed over.
    Error,
}

/// The registry being reduced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusRegistry {
    entities: BTreeMap<String, CorpusEntity>,
}

impl CorpusRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one line of input: an article record of `dateline extract` (its `"entities"`), a
    /// path line's `"records"`, a registry line, or an error record (passed over). `Err` says
    /// what is wrong with the line.
    pub fn add_line(&mut self, line: &str) -> Result<LineKind, String> {
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
        let Value::Object(fields) = &value else {
            return Err("not a JSON object".into());
        };
        if fields.contains_key("key") && fields.contains_key("mentions") {
            let entity: CorpusEntity =
                serde_json::from_value(value).map_err(|e| format!("not a registry line: {e}"))?;
            self.add_entity(entity)?;
            return Ok(LineKind::Entity);
        }
        if let Some(records) = fields.get("records") {
            let Value::Array(records) = records else {
                return Err("\"records\" is not a list".into());
            };
            let mut added = 0;
            for record in records {
                if self.add_record(record)? {
                    added += 1;
                }
            }
            return Ok(LineKind::Articles(added));
        }
        if fields.contains_key("error") {
            return Ok(LineKind::Error);
        }
        self.add_record(&value)?;
        Ok(LineKind::Articles(1))
    }

    /// Adds the names of one article record; `false` for an error record.
    fn add_record(&mut self, record: &Value) -> Result<bool, String> {
        if record.get("error").is_some() {
            return Ok(false);
        }
        let id = match record.get("id").or_else(|| record.get("path")) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err("an article record without an \"id\" or \"path\"".into()),
        };
        let published = match record.get("published") {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        };
        let Some(Value::Array(entities)) = record.get("entities") else {
            return Err(format!("article {id}: no \"entities\" list"));
        };
        let mut found = Vec::with_capacity(entities.len());
        for mention in entities {
            let field = |name: &str| {
                mention
                    .get(name)
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("article {id}: a name without \"{name}\""))
            };
            let (text, canonical, code) = (field("text")?, field("entity")?, field("label")?);
            let label = EntityLabel::from_code(code)
                .ok_or_else(|| format!("article {id}: an unknown kind of name {code:?}"))?;
            let key = EntityKey::new(canonical, label);
            let key = format!("{}:{}", label.code(), key.name);
            let one = CorpusEntity {
                key: key.clone(),
                name: canonical.to_string(),
                label: label.code().to_string(),
                mentions: 1,
                article_count: 1,
                articles: BTreeSet::from([id.clone()]),
                aliases: BTreeMap::from([(text.to_string(), 1)]),
                names: BTreeMap::from([(canonical.to_string(), 1)]),
                first_seen: published.clone(),
                last_seen: published.clone(),
            };
            found.push(one);
        }
        // Only a record read whole counts: a bad name leaves the registry as it was.
        for one in found {
            self.insert(one);
        }
        Ok(true)
    }

    /// Merges one entity (a line of another registry).
    pub fn add_entity(&mut self, mut entity: CorpusEntity) -> Result<(), String> {
        let label = EntityLabel::from_code(&entity.label)
            .ok_or_else(|| format!("an unknown kind of name {:?}", entity.label))?;
        if !entity.key.starts_with(&format!("{}:", label.code())) {
            return Err(format!(
                "the key {:?} does not go with the kind {}",
                entity.key, entity.label
            ));
        }
        entity.article_count = entity.articles.len() as u64;
        self.insert(entity);
        Ok(())
    }

    fn insert(&mut self, entity: CorpusEntity) {
        match self.entities.get_mut(&entity.key) {
            Some(existing) => existing.merge(entity),
            None => {
                self.entities.insert(entity.key.clone(), entity);
            }
        }
    }

    /// Merges another registry into this one.
    pub fn merge(&mut self, other: CorpusRegistry) {
        for (_, entity) in other.entities {
            self.insert(entity);
        }
    }

    /// The entities in key order.
    pub fn entities(&self) -> impl Iterator<Item = &CorpusEntity> {
        self.entities.values()
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, published: &str, names: &[(&str, &str, &str)]) -> String {
        let entities: Vec<Value> = names
            .iter()
            .map(|(text, entity, label)| {
                serde_json::json!({"start": 0, "end": 1, "text": text, "entity": entity, "label": label})
            })
            .collect();
        serde_json::json!({"id": id, "published": published, "entities": entities}).to_string()
    }

    fn lines() -> Vec<String> {
        vec![
            record(
                "a",
                "2009-11-23",
                &[
                    ("Liang Guanglie", "Liang Guanglie", "PER"),
                    ("Liang", "Liang Guanglie", "PER"),
                    ("KCNA", "Korean Central News Agency", "ORG"),
                ],
            ),
            record(
                "b",
                "1987-02-26T15:01:01",
                &[("LIANG GUANGLIE", "LIANG GUANGLIE", "PER")],
            ),
            record(
                "c",
                "--11-23",
                &[("Liang Guanglie", "Liang Guanglie", "PER")],
            ),
            serde_json::json!({"id": "d", "error": "empty"}).to_string(),
            record("e", "2009-11", &[("Pyongyang", "Pyongyang", "LOC")]),
        ]
    }

    fn reduce<'a>(lines: impl IntoIterator<Item = &'a String>) -> CorpusRegistry {
        let mut registry = CorpusRegistry::new();
        for line in lines {
            registry.add_line(line).unwrap();
        }
        registry
    }

    fn registry_lines(registry: &CorpusRegistry) -> Vec<String> {
        registry
            .entities()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect()
    }

    #[test]
    fn names_group_by_canonical_name_and_kind_with_counts_and_dates() {
        let registry = reduce(&lines());
        assert_eq!(registry.len(), 3);
        let liang = registry
            .entities()
            .find(|e| e.key == "PER:liang guanglie")
            .unwrap();
        assert_eq!(liang.name, "Liang Guanglie");
        assert_eq!(liang.mentions, 4);
        assert_eq!(liang.article_count, 3);
        assert_eq!(liang.aliases["Liang"], 1);
        assert_eq!(liang.aliases["Liang Guanglie"], 2);
        assert_eq!(liang.first_seen.as_deref(), Some("1987-02-26T15:01:01"));
        // A date without a year sorts last, as in the window.
        assert_eq!(liang.last_seen.as_deref(), Some("--11-23"));
    }

    #[test]
    fn merging_the_registries_of_two_halves_gives_the_registry_of_the_whole() {
        let all = lines();
        let whole = reduce(&all);
        for cut in 0..=all.len() {
            let (first, second) = all.split_at(cut);
            let mut merged = CorpusRegistry::new();
            for half in [first, second] {
                for line in registry_lines(&reduce(half)) {
                    merged.add_line(&line).unwrap();
                }
            }
            assert_eq!(merged, whole, "cut at {cut}");
            // And in the other order.
            let mut swapped = reduce(second);
            swapped.merge(reduce(first));
            assert_eq!(swapped, whole, "cut at {cut}, swapped");
        }
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let mut registry = CorpusRegistry::new();
        assert!(registry.add_line("nonsense").is_err());
        assert!(registry.add_line("[1]").is_err());
        assert!(
            registry
                .add_line(r#"{"id": "a"}"#)
                .unwrap_err()
                .contains("entities")
        );
        let unknown = record("a", "2009", &[("X", "X", "THING")]);
        assert!(registry.add_line(&unknown).unwrap_err().contains("THING"));
        let mismatched = r#"{"key": "ORG:x", "name": "X", "type": "PER", "mentions": 1, "article_count": 1, "articles": ["a"], "aliases": {}, "names": {}, "first_seen": null, "last_seen": null}"#;
        assert!(registry.add_line(mismatched).is_err());
        assert!(registry.is_empty());
    }
}

//! The workspace-wide entity registry: every name found in the articles, merged across
//! articles by canonical name and kind, with the user's decisions (merge, rename, retype, hide)
//! laid over it. Decisions name entities by their automatic key, so they survive re-extraction.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{ArticleId, EntityLabel, PublishedAt};

/// How the machine names an entity: its canonical name, lower-cased, and its kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityKey {
    /// Canonical name, lower-cased.
    pub name: String,
    /// Kind.
    pub label: EntityLabel,
}

impl EntityKey {
    /// The key of a canonical name of a kind.
    pub fn new(name: &str, label: EntityLabel) -> Self {
        Self {
            name: name.to_lowercase(),
            label,
        }
    }
}

/// A person's decision about entities, kept in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntityDecision {
    /// `from` is the same entity as `into`.
    Merge {
        /// The entity that disappears into the other.
        from: EntityKey,
        /// The entity that stays.
        into: EntityKey,
    },
    /// Show the entity under another name.
    Rename {
        /// The entity.
        key: EntityKey,
        /// The name to show.
        name: String,
    },
    /// The entity is of another kind.
    Retype {
        /// The entity.
        key: EntityKey,
        /// Its kind.
        label: EntityLabel,
    },
    /// Mentions written as `alias` are not this entity but one of their own (two people
    /// named "Kim", say).
    Split {
        /// The entity.
        key: EntityKey,
        /// The written form to split off.
        alias: String,
    },
    /// Hide the entity from lists and highlights (or show it again).
    Hide {
        /// The entity.
        key: EntityKey,
        /// Hidden or not.
        hidden: bool,
    },
}

/// One mention as the registry needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionRecord {
    /// The article.
    pub article: ArticleId,
    /// The words as written (shared: the same name in many articles is one string).
    pub text: std::sync::Arc<str>,
    /// The canonical name within the article (shared likewise).
    pub canonical: std::sync::Arc<str>,
    /// The kind.
    pub label: EntityLabel,
    /// First byte of the words in the article's body.
    pub start: u32,
    /// One past their last byte.
    pub end: u32,
}

/// An entity with its statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct RegistryEntity {
    /// The key the decisions use (of the entity that absorbed the others).
    pub key: EntityKey,
    /// The name to show.
    pub name: String,
    /// Its kind.
    pub label: EntityLabel,
    /// Every written form, canonical names included (shared with the mention records).
    pub aliases: BTreeSet<std::sync::Arc<str>>,
    /// Mentions in all articles.
    pub mentions: usize,
    /// Articles that mention it, in id order.
    pub articles: Vec<ArticleId>,
    /// Earliest publication date of those articles.
    pub first_seen: Option<PublishedAt>,
    /// Latest publication date of those articles.
    pub last_seen: Option<PublishedAt>,
    /// Hidden by the user.
    pub hidden: bool,
}

/// Follows merges to the entity that stays, guarding against cycles.
fn resolve(key: &EntityKey, merges: &HashMap<EntityKey, EntityKey>) -> EntityKey {
    let mut current = key.clone();
    for _ in 0..64 {
        match merges.get(&current) {
            Some(next) if *next != current => current = next.clone(),
            _ => break,
        }
    }
    current
}

/// The key an automatic key ends up under after the user's merges.
pub fn resolve_key(key: &EntityKey, decisions: &[EntityDecision]) -> EntityKey {
    resolve(key, &merge_map(decisions))
}

fn merge_map(decisions: &[EntityDecision]) -> HashMap<EntityKey, EntityKey> {
    let mut merges: HashMap<EntityKey, EntityKey> = HashMap::new();
    for decision in decisions {
        if let EntityDecision::Merge { from, into } = decision {
            let target = resolve(into, &merges);
            let source = resolve(from, &merges);
            if source != target {
                merges.insert(source, target);
            }
        }
    }
    merges
}

/// Maps mentions to the entity they belong to after the user's merges and splits.
pub struct EntityResolver {
    merges: HashMap<EntityKey, EntityKey>,
    /// (entity as it stood when split, written form) → the form's own key.
    splits: HashMap<(EntityKey, String), EntityKey>,
}

impl EntityResolver {
    /// A resolver for these decisions.
    pub fn new(decisions: &[EntityDecision]) -> Self {
        Self::with_merges(decisions, merge_map(decisions))
    }

    fn with_merges(decisions: &[EntityDecision], merges: HashMap<EntityKey, EntityKey>) -> Self {
        let splits = decisions
            .iter()
            .filter_map(|d| match d {
                EntityDecision::Split { key, alias } => Some((
                    (resolve(key, &merges), alias.clone()),
                    EntityKey::new(alias, key.label),
                )),
                _ => None,
            })
            .collect();
        Self { merges, splits }
    }

    /// The entity a key now belongs to, after merges.
    pub fn resolve(&self, key: &EntityKey) -> EntityKey {
        resolve(key, &self.merges)
    }

    /// The entity a mention belongs to, and the canonical name it contributes.
    pub fn key_of(&self, m: &MentionRecord) -> (EntityKey, std::sync::Arc<str>) {
        let key = resolve(&EntityKey::new(&m.canonical, m.label), &self.merges);
        let split = if self.splits.is_empty() {
            None
        } else {
            self.splits.get(&(key.clone(), m.text.to_string()))
        };
        match split {
            Some(own) => {
                // A split undoes the merge that brought the form in; later merges still count.
                let target = resolve(own, &self.merges);
                (
                    if target == key { own.clone() } else { target },
                    m.text.clone(),
                )
            }
            None => (key, m.canonical.clone()),
        }
    }
}

/// Builds the registry from the mentions of every article and the user's decisions, applied in
/// order. `published` gives each article's publication date.
pub fn build_registry(
    mentions: &[MentionRecord],
    decisions: &[EntityDecision],
    published: impl Fn(ArticleId) -> Option<PublishedAt>,
) -> Vec<RegistryEntity> {
    let merges = merge_map(decisions);
    let mut names: HashMap<EntityKey, String> = HashMap::new();
    let mut labels: HashMap<EntityKey, EntityLabel> = HashMap::new();
    let mut hidden: HashMap<EntityKey, bool> = HashMap::new();
    for decision in decisions {
        match decision {
            EntityDecision::Merge { .. } | EntityDecision::Split { .. } => {}
            EntityDecision::Rename { key, name } => {
                names.insert(resolve(key, &merges), name.clone());
            }
            EntityDecision::Retype { key, label } => {
                labels.insert(resolve(key, &merges), *label);
            }
            EntityDecision::Hide { key, hidden: h } => {
                hidden.insert(resolve(key, &merges), *h);
            }
        }
    }
    struct Acc {
        name: std::sync::Arc<str>,
        label: EntityLabel,
        aliases: BTreeSet<std::sync::Arc<str>>,
        mentions: usize,
        articles: BTreeSet<ArticleId>,
    }
    let mut entities: BTreeMap<EntityKey, Acc> = BTreeMap::new();
    let resolver = EntityResolver::with_merges(decisions, merges);
    for m in mentions {
        let (key, canonical) = resolver.key_of(m);
        let acc = entities.entry(key.clone()).or_insert_with(|| Acc {
            name: canonical.clone(),
            label: m.label,
            aliases: BTreeSet::new(),
            mentions: 0,
            articles: BTreeSet::new(),
        });
        // The entity that stays keeps its own canonical name as its name.
        if EntityKey::new(&canonical, m.label) == key {
            acc.name = canonical.clone();
        }
        acc.aliases.insert(m.text.clone());
        acc.aliases.insert(canonical);
        acc.mentions += 1;
        acc.articles.insert(m.article);
    }
    entities
        .into_iter()
        .map(|(key, acc)| {
            let dates: Vec<PublishedAt> =
                acc.articles.iter().filter_map(|a| published(*a)).collect();
            let first_seen = dates.iter().min_by_key(|p| p.sort_key()).cloned();
            let last_seen = dates.iter().max_by_key(|p| p.sort_key()).cloned();
            RegistryEntity {
                name: names
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| acc.name.to_string()),
                label: labels.get(&key).copied().unwrap_or(acc.label),
                hidden: hidden.get(&key).copied().unwrap_or(false),
                aliases: acc.aliases,
                mentions: acc.mentions,
                articles: acc.articles.into_iter().collect(),
                first_seen,
                last_seen,
                key,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(article: u64, text: &str, canonical: &str, label: EntityLabel) -> MentionRecord {
        MentionRecord {
            article: ArticleId(article),
            text: text.into(),
            canonical: canonical.into(),
            label,
            start: 0,
            end: text.len() as u32,
        }
    }

    fn sample() -> Vec<MentionRecord> {
        use EntityLabel::*;
        vec![
            m(0, "Liang Guanglie", "Liang Guanglie", Person),
            m(0, "Liang", "Liang Guanglie", Person),
            m(1, "Liang Guanglie", "Liang Guanglie", Person),
            m(1, "KCNA", "Korean Central News Agency", Organisation),
            m(2, "Pyongyang", "Pyongyang", Place),
            m(2, "Gen. Liang", "Gen. Liang", Person),
        ]
    }

    fn dates(id: ArticleId) -> Option<PublishedAt> {
        PublishedAt::from_ymd(2009, 11, 20 + id.0 as u32)
    }

    #[test]
    fn mentions_merge_by_canonical_name_across_articles() {
        let registry = build_registry(&sample(), &[], dates);
        let liang = registry
            .iter()
            .find(|e| e.name == "Liang Guanglie")
            .unwrap();
        assert_eq!(liang.mentions, 3);
        assert_eq!(liang.articles, [ArticleId(0), ArticleId(1)]);
        assert_eq!(
            liang.aliases.iter().map(|a| &**a).collect::<Vec<_>>(),
            ["Liang", "Liang Guanglie"]
        );
        assert_eq!(liang.first_seen.as_ref().unwrap().to_iso(), "2009-11-20");
        assert_eq!(liang.last_seen.as_ref().unwrap().to_iso(), "2009-11-21");
        assert_eq!(registry.len(), 4);
    }

    #[test]
    fn decisions_merge_rename_retype_and_hide() {
        use EntityLabel::*;
        let decisions = [
            EntityDecision::Merge {
                from: EntityKey::new("Gen. Liang", Person),
                into: EntityKey::new("Liang Guanglie", Person),
            },
            EntityDecision::Rename {
                key: EntityKey::new("Liang Guanglie", Person),
                name: "Liang Guanglie (defence minister)".into(),
            },
            EntityDecision::Retype {
                key: EntityKey::new("Pyongyang", Place),
                label: Organisation,
            },
            EntityDecision::Hide {
                key: EntityKey::new("Korean Central News Agency", Organisation),
                hidden: true,
            },
        ];
        let registry = build_registry(&sample(), &decisions, dates);
        assert_eq!(registry.len(), 3);
        let liang = registry
            .iter()
            .find(|e| e.key == EntityKey::new("Liang Guanglie", Person))
            .unwrap();
        assert_eq!(liang.name, "Liang Guanglie (defence minister)");
        assert_eq!(liang.mentions, 4);
        assert!(liang.aliases.contains("Gen. Liang"));
        assert_eq!(liang.articles.len(), 3);
        assert_eq!(
            registry
                .iter()
                .find(|e| e.name == "Pyongyang")
                .unwrap()
                .label,
            Organisation
        );
        assert!(
            registry
                .iter()
                .find(|e| e.name == "Korean Central News Agency")
                .unwrap()
                .hidden
        );
    }

    #[test]
    fn a_split_gives_a_written_form_its_own_entity() {
        use EntityLabel::*;
        let decisions = [EntityDecision::Split {
            key: EntityKey::new("Liang Guanglie", Person),
            alias: "Liang".into(),
        }];
        let registry = build_registry(&sample(), &decisions, dates);
        let full = registry
            .iter()
            .find(|e| e.name == "Liang Guanglie")
            .unwrap();
        assert_eq!(full.mentions, 2);
        assert!(!full.aliases.contains("Liang"));
        let short = registry.iter().find(|e| e.name == "Liang").unwrap();
        assert_eq!(
            (short.mentions, short.articles.as_slice()),
            (1, [ArticleId(0)].as_slice())
        );
    }

    #[test]
    fn merge_cycles_do_not_hang() {
        use EntityLabel::*;
        let a = EntityKey::new("Liang Guanglie", Person);
        let b = EntityKey::new("Gen. Liang", Person);
        let decisions = [
            EntityDecision::Merge {
                from: b.clone(),
                into: a.clone(),
            },
            EntityDecision::Merge { from: a, into: b },
        ];
        let registry = build_registry(&sample(), &decisions, dates);
        assert_eq!(registry.iter().filter(|e| e.label == Person).count(), 1);
    }
}

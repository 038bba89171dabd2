//! Families from verified links and the user's decisions: union of the same-report links,
//! strongest first, never joining two articles the user set apart.

use std::collections::{HashMap, HashSet};

use super::index::Link;
use crate::model::{Article, ArticleId, FamilyDecision};

/// A family's identity: the lowest article id among its members, so it stays the same while
/// that article stays in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FamilyId(pub u64);

impl std::fmt::Display for FamilyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "F{}", self.0)
    }
}

/// Versions of one report: two or more articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// Its identity.
    pub id: FamilyId,
    /// The members in time order (publication, then id); the first is the family's original.
    pub members: Vec<ArticleId>,
}

impl Family {
    /// The first version: the one counted when the family counts once.
    pub fn original(&self) -> ArticleId {
        self.members[0]
    }
}

/// A hasher for article ids (already unique numbers): one multiply, not SipHash, because
/// the map of a large corpus is rebuilt after every edit.
#[derive(Clone, Copy, Debug, Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = super::text::mix(n);
    }
}

/// Every family of two or more articles in a workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Families {
    families: Vec<Family>,
    of: HashMap<ArticleId, usize, std::hash::BuildHasherDefault<IdHasher>>,
}

impl Families {
    /// The families, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Family> {
        self.families.iter()
    }

    /// How many families there are.
    pub fn len(&self) -> usize {
        self.families.len()
    }

    /// True when no article has another version.
    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
    }

    /// The family an article belongs to, if it has other versions.
    pub fn of(&self, id: ArticleId) -> Option<&Family> {
        self.of.get(&id).map(|&i| &self.families[i])
    }

    /// True when the article counts when each report counts once: it is its family's
    /// original, or has no other version.
    pub fn counts(&self, id: ArticleId) -> bool {
        self.of(id).is_none_or(|f| f.original() == id)
    }

    /// The article standing for this one when each report counts once.
    pub fn original_of(&self, id: ArticleId) -> ArticleId {
        self.of(id).map_or(id, Family::original)
    }

    /// Articles that are copies (members other than their family's original).
    pub fn copies(&self) -> usize {
        self.families.iter().map(|f| f.members.len() - 1).sum()
    }
}

/// Union-find over article positions, with the set-apart articles of each root.
struct Components {
    parent: Vec<usize>,
    apart: Vec<Vec<usize>>,
}

impl Components {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join the components of `a` and `b` unless one holds an article set apart from one in
    /// the other; true when they are (now) one.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !self.apart.is_empty() {
            let partners: Vec<usize> = self.apart[ra].clone();
            for p in partners {
                if self.find(p) == rb {
                    return false;
                }
            }
            let moved = std::mem::take(&mut self.apart[rb]);
            self.apart[ra].extend(moved);
        }
        self.parent[rb] = ra;
        true
    }
}

/// The families of `articles` from the verified links and the user's decisions. `articles` is
/// the list the links were found in (their positions point into it); the work follows the
/// links, and the articles are looked through only for those the decisions name.
pub fn families(articles: &[Article], links: &[Link], decisions: &[FamilyDecision]) -> Families {
    // The last decision on a pair (or an article) wins.
    let mut pair_decision: HashMap<(ArticleId, ArticleId), bool> = HashMap::new();
    let mut alone: HashSet<ArticleId> = HashSet::new();
    for d in decisions {
        match *d {
            FamilyDecision::Apart(a, b) => {
                pair_decision.insert((a.min(b), a.max(b)), false);
            }
            FamilyDecision::Together(a, b) => {
                pair_decision.insert((a.min(b), a.max(b)), true);
                alone.remove(&a);
                alone.remove(&b);
            }
            FamilyDecision::Alone(a) => {
                alone.insert(a);
                pair_decision.retain(|(x, y), together| !(*together && (*x == a || *y == a)));
            }
        }
    }
    let at = |id: ArticleId, pos: u32| {
        articles
            .get(pos as usize)
            .is_some_and(|a| a.id == id)
            .then_some(pos as usize)
    };
    let mut detected: Vec<(usize, usize, f64)> = links
        .iter()
        .filter(|l| l.same)
        .filter(|l| {
            decisions.is_empty()
                || (!alone.contains(&l.a)
                    && !alone.contains(&l.b)
                    && !pair_decision.contains_key(&(l.a, l.b)))
        })
        .filter_map(|l| {
            Some((
                at(l.a, l.positions.0)?,
                at(l.b, l.positions.1)?,
                l.features.resemblance,
            ))
        })
        .collect();
    let mut parts = Components {
        parent: (0..articles.len()).collect(),
        apart: Vec::new(),
    };
    // Every article a join touched: the only ones that can be in a family.
    let mut joined = Vec::new();
    if !pair_decision.is_empty() {
        let named: HashSet<ArticleId> = pair_decision.keys().flat_map(|(a, b)| [*a, *b]).collect();
        let position: HashMap<ArticleId, usize> = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| named.contains(&a.id))
            .map(|(i, a)| (a.id, i))
            .collect();
        parts.apart = vec![Vec::new(); articles.len()];
        let mut manual = Vec::new();
        for (&(a, b), &together) in &pair_decision {
            if let (Some(&i), Some(&j)) = (position.get(&a), position.get(&b)) {
                if together {
                    manual.push((i.min(j), i.max(j)));
                } else {
                    parts.apart[i].push(j);
                    parts.apart[j].push(i);
                }
            }
        }
        manual.sort_unstable();
        for (i, j) in manual {
            parts.join(i, j);
            joined.push(i);
            joined.push(j);
        }
        // With articles set apart, the strongest links decide first.
        detected.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    }
    for &(i, j, _) in &detected {
        parts.join(i, j);
    }
    // The articles joined, each once, grouped by their component's root: linear in the links.
    let n = articles.len();
    let mut seen = vec![false; n];
    let mut head = vec![usize::MAX; n];
    let mut next = vec![usize::MAX; n];
    let mut roots = Vec::new();
    for i in joined
        .into_iter()
        .chain(detected.iter().flat_map(|&(i, j, _)| [i, j]))
    {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let root = parts.find(i);
        if head[root] == usize::MAX {
            roots.push(root);
        }
        next[i] = head[root];
        head[root] = i;
    }
    let mut out: Vec<Family> = roots
        .into_iter()
        .filter_map(|root| {
            let mut g = Vec::new();
            let mut at = head[root];
            while at != usize::MAX {
                g.push(at);
                at = next[at];
            }
            (g.len() > 1).then_some(g)
        })
        .map(|mut g| {
            g.sort_by_key(|&i| {
                let a = &articles[i];
                let when = a.published.as_ref().map(|p| p.sort_key());
                (when.is_none(), when, a.id)
            });
            let members: Vec<ArticleId> = g.iter().map(|&i| articles[i].id).collect();
            Family {
                id: FamilyId(members.iter().map(|m| m.0).min().unwrap_or(0)),
                members,
            }
        })
        .collect();
    out.sort_by_key(|f| f.id);
    let of = out
        .iter()
        .enumerate()
        .flat_map(|(n, f)| f.members.iter().map(move |m| (*m, n)))
        .collect();
    Families { families: out, of }
}

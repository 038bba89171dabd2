//! The detector's state between runs: a fingerprint per article and every verified candidate
//! pair, brought up to date incrementally when articles are added, changed or removed.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::candidates::{all_pairs, pairs_of};
use super::fingerprint::Fingerprint;
use super::verify::{PairFeatures, Profile, same_report};
use crate::model::{Article, ArticleId};

/// A candidate pair after verification.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The article with the lower id.
    pub a: ArticleId,
    /// The other article.
    pub b: ArticleId,
    /// How alike they are.
    pub features: PairFeatures,
    /// True when the verification found them to be the same report.
    pub same: bool,
    /// Where `a` and `b` are in the article list the index was last brought up to date with.
    pub positions: (u32, u32),
}

/// What one update did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UpdateReport {
    /// Articles fingerprinted (new or changed).
    pub fingerprinted: usize,
    /// Articles gone since the last update.
    pub removed: usize,
    /// True when every pair was found again rather than only the changed articles'.
    pub rebuilt: bool,
    /// Candidate pairs verified.
    pub verified: usize,
}

/// Fingerprints and verified pairs, kept between runs.
#[derive(Clone, Debug, Default)]
pub struct FamilyIndex {
    entries: Vec<Fingerprint>,
    links: Vec<Link>,
}

impl FamilyIndex {
    /// An empty index.
    pub fn new() -> FamilyIndex {
        FamilyIndex::default()
    }

    /// Every verified candidate pair, the same reports and the others.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Bring the index up to date with `articles`: new and changed articles are fingerprinted
    /// and paired with the others; when many changed, every pair is found again.
    pub fn update(&mut self, articles: &[Article]) -> UpdateReport {
        let same_places = self.entries.len() == articles.len()
            && self
                .entries
                .iter()
                .zip(articles)
                .all(|(fp, a)| fp.id == a.id);
        if same_places {
            return self.update_in_place(articles);
        }
        // Articles usually keep their places: compare in place, and look up by id only the
        // fingerprints of articles that moved.
        let previous_len = self.entries.len();
        let mut previous: Vec<Option<Fingerprint>> = self.entries.drain(..).map(Some).collect();
        let mut changed = Vec::new();
        let mut moved: Option<HashMap<ArticleId, usize>> = None;
        let mut entries: Vec<Option<Fingerprint>> = Vec::with_capacity(articles.len());
        for (i, a) in articles.iter().enumerate() {
            let in_place = previous
                .get(i)
                .and_then(Option::as_ref)
                .is_some_and(|fp| fp.id == a.id);
            let at = if in_place {
                Some(i)
            } else {
                moved
                    .get_or_insert_with(|| {
                        previous
                            .iter()
                            .enumerate()
                            .filter_map(|(n, fp)| fp.as_ref().map(|fp| (fp.id, n)))
                            .collect()
                    })
                    .get(&a.id)
                    .copied()
            };
            match at.and_then(|n| previous[n].take()) {
                Some(fp) if fp.describes(a) => entries.push(Some(fp)),
                _ => {
                    changed.push(i);
                    entries.push(None);
                }
            }
        }
        let old: Vec<ArticleId> = previous.into_iter().flatten().map(|fp| fp.id).collect();
        let removed: HashSet<ArticleId> = old.into_iter().collect();
        let fresh: Vec<(usize, Fingerprint)> = changed
            .par_iter()
            .map(|&i| (i, Fingerprint::of(&articles[i])))
            .collect();
        for (i, fp) in fresh {
            entries[i] = Some(fp);
        }
        let reordered = moved.is_some() || !removed.is_empty() || articles.len() != previous_len;
        self.entries = entries.into_iter().flatten().collect();
        if reordered {
            let at: HashMap<ArticleId, u32> = self
                .entries
                .iter()
                .enumerate()
                .map(|(n, fp)| (fp.id, n as u32))
                .collect();
            for l in &mut self.links {
                if let (Some(&x), Some(&y)) = (at.get(&l.a), at.get(&l.b)) {
                    l.positions = (x, y);
                }
            }
        }
        self.relink(&changed, &removed)
    }

    /// The update when every article is where it was: changed texts are fingerprinted again
    /// in place, nothing moves.
    fn update_in_place(&mut self, articles: &[Article]) -> UpdateReport {
        let changed: Vec<usize> = self
            .entries
            .par_iter()
            .zip(articles)
            .enumerate()
            .filter(|(_, (fp, a))| !fp.describes(a))
            .map(|(i, _)| i)
            .collect();
        let fresh: Vec<(usize, Fingerprint)> = changed
            .par_iter()
            .map(|&i| (i, Fingerprint::of(&articles[i])))
            .collect();
        for (i, fp) in fresh {
            self.entries[i] = fp;
        }
        self.relink(&changed, &HashSet::new())
    }

    /// Find the links again: all of them when many articles changed, else those of the
    /// changed articles (at these positions) and without the removed ones.
    fn relink(&mut self, changed: &[usize], removed: &HashSet<ArticleId>) -> UpdateReport {
        let mut report = UpdateReport {
            fingerprinted: changed.len(),
            removed: removed.len(),
            ..UpdateReport::default()
        };
        let incremental_limit = 32.max(self.entries.len() / 50);
        let was_empty = self.links.is_empty() && report.fingerprinted == self.entries.len();
        if was_empty || changed.len() > incremental_limit {
            let pairs = all_pairs(&self.entries);
            report.rebuilt = true;
            report.verified = pairs.len();
            self.links = verify(&self.entries, &pairs);
        } else if !changed.is_empty() || !removed.is_empty() {
            let touched: HashSet<ArticleId> = changed
                .iter()
                .map(|&i| self.entries[i].id)
                .chain(removed.iter().copied())
                .collect();
            self.links
                .retain(|l| !touched.contains(&l.a) && !touched.contains(&l.b));
            let changed_set: HashSet<usize> = changed.iter().copied().collect();
            let mut pairs = Vec::new();
            for &i in changed {
                for j in pairs_of(&self.entries, i) {
                    let j = j as usize;
                    if !changed_set.contains(&j) || i < j {
                        pairs.push((i.min(j) as u32, i.max(j) as u32));
                    }
                }
            }
            report.verified = pairs.len();
            self.links.extend(verify(&self.entries, &pairs));
            self.links.sort_by_key(|l| (l.a, l.b));
        }
        report
    }
}

/// Verify pairs of entries: each article involved is profiled once.
fn verify(entries: &[Fingerprint], pairs: &[(u32, u32)]) -> Vec<Link> {
    let identical = |i: u32, j: u32| {
        let (a, b) = (&entries[i as usize], &entries[j as usize]);
        a.exact == b.exact && a.headline_key == b.headline_key
    };
    let mut involved: Vec<u32> = pairs
        .iter()
        .filter(|(a, b)| !identical(*a, *b))
        .flat_map(|(a, b)| [*a, *b])
        .collect();
    involved.sort_unstable();
    involved.dedup();
    let profiles: Vec<Profile> = involved
        .par_iter()
        .map(|&i| Profile::of(&entries[i as usize]))
        .collect();
    let profile = |i: u32| &profiles[involved.binary_search(&i).unwrap_or(0)];
    let mut links: Vec<Link> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let (a, b) = (&entries[i as usize], &entries[j as usize]);
            let features = if identical(i, j) {
                PairFeatures::identical(a, b)
            } else {
                PairFeatures::of((a, profile(i)), (b, profile(j)))
            };
            let (a, b, positions) = if a.id < b.id {
                (a.id, b.id, (i, j))
            } else {
                (b.id, a.id, (j, i))
            };
            Link {
                a,
                b,
                positions,
                features,
                same: same_report(&features),
            }
        })
        .collect();
    links.sort_by_key(|l| (l.a, l.b));
    links
}

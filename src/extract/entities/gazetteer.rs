//! Lists of names shipped in assets/gazetteers: countries, cities, nationalities,
//! organisations, given names. The tagger reads membership as features.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Which list a name is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// Countries and regions.
    Country,
    /// Cities, states and provinces.
    City,
    /// Nationalities and other adjectives of place.
    Demonym,
    /// Organisations and agencies.
    Organisation,
    /// Given names.
    FirstName,
}

impl List {
    /// A short code for feature names.
    pub fn code(self) -> &'static str {
        match self {
            List::Country => "country",
            List::City => "city",
            List::Demonym => "demonym",
            List::Organisation => "org",
            List::FirstName => "first",
        }
    }
}

/// FNV-1a: the keys are short words, so a simple hash beats SipHash here.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    /// A key that is already a hash (a word's, [`super::features::word_hash`]) needs one
    /// multiply to spread it, not eight rounds over its bytes.
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Builds FNV-1a hashers, for maps keyed by short words or by hashes already made.
pub(super) type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// All lists, by lower-cased word sequence.
pub struct Gazetteer {
    names: HashMap<Vec<u64>, Vec<List>, FnvBuild>,
    /// For each first word of a name, the lengths (in words) of the names it begins, as bits:
    /// the tagger tries only those at a word ("San" begins hundreds of places, "the" none).
    first_words: HashMap<u64, u64, FnvBuild>,
}

fn parse(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// The lists bundled with Dateline.
    pub fn bundled() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| {
            let mut g = Gazetteer {
                names: HashMap::default(),
                first_words: HashMap::default(),
            };
            let lists: [(List, &str); 5] = [
                (
                    List::Country,
                    include_str!("../../../assets/gazetteers/countries.txt"),
                ),
                (
                    List::City,
                    include_str!("../../../assets/gazetteers/cities.txt"),
                ),
                (
                    List::Demonym,
                    include_str!("../../../assets/gazetteers/demonyms.txt"),
                ),
                (
                    List::Organisation,
                    include_str!("../../../assets/gazetteers/organisations.txt"),
                ),
                (
                    List::FirstName,
                    include_str!("../../../assets/gazetteers/first_names.txt"),
                ),
            ];
            for (list, text) in lists {
                for name in parse(text) {
                    let key: Vec<u64> = super::tokens::words(name)
                        .iter()
                        .map(|w| super::features::word_hash(&w.text.to_lowercase()))
                        .collect();
                    // Names of over 63 words are no names a text writes.
                    if let (Some(first), 1..=63) = (key.first(), key.len()) {
                        *g.first_words.entry(*first).or_default() |= 1 << key.len();
                    }
                    g.names.entry(key).or_default().push(list);
                }
            }
            g
        })
    }

    /// For each word, the lists of the longest name covering it, and whether it begins it.
    pub fn mark(&self, lower: &[u64]) -> Vec<Vec<(List, bool)>> {
        let mut marks = vec![Vec::new(); lower.len()];
        let mut i = 0;
        while i < lower.len() {
            let Some(&lengths) = self.first_words.get(&lower[i]) else {
                i += 1;
                continue;
            };
            let mut matched = 0;
            let room = lower.len() - i;
            for len in (1..=room.min(63))
                .rev()
                .filter(|len| lengths & (1 << len) != 0)
            {
                if let Some(lists) = self.names.get(&lower[i..i + len]) {
                    for (k, mark) in marks[i..i + len].iter_mut().enumerate() {
                        mark.extend(lists.iter().map(|l| (*l, k == 0)));
                    }
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::features::word_hash;

    fn hashes(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| word_hash(&w.to_lowercase())).collect()
    }

    #[test]
    fn longest_names_are_marked() {
        let g = Gazetteer::bundled();
        let marks = g.mark(&hashes(&[
            "troops", "left", "North", "Korea", "for", "Seoul",
        ]));
        assert!(marks[0].is_empty() && marks[1].is_empty() && marks[4].is_empty());
        assert_eq!(marks[2], vec![(List::Country, true)]);
        assert_eq!(marks[3], vec![(List::Country, false)]);
        assert_eq!(marks[5], vec![(List::City, true)]);
        let agency = g.mark(&hashes(&["Korean", "Central", "News", "Agency"]));
        assert!(
            agency
                .iter()
                .all(|m| m.contains(&(List::Organisation, false))
                    || m.contains(&(List::Organisation, true)))
        );
        assert_eq!(
            g.mark(&hashes(&["Chinese"]))[0],
            vec![(List::Demonym, true)]
        );
    }
}

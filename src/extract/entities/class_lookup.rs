//! The word classes shipped in assets/ner/classes.txt (learned by `dateline train-classes`
//! from unlabelled news; see `class_learning`): each known word's class at a coarse, a middle
//! and a fine grain, looked up by a hash of the word as written with its digits read as 0.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::gazetteer::Fnv;

/// How many grains each word has a class at (coarse to fine).
pub const GRAINS: usize = 3;

/// The class value of a word the table does not know.
pub const UNKNOWN: u16 = u16::MAX;

/// The form a word is learned and looked up by: as written, ASCII digits as 0.
pub fn class_key(word: &str) -> String {
    word.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// FNV-1a of [`class_key`] of `word`, without building it.
pub fn class_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        let b = if b.is_ascii_digit() { b'0' } else { b };
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Word classes by word hash.
pub struct WordClasses {
    by_word: HashMap<u64, [u16; GRAINS], std::hash::BuildHasherDefault<Fnv>>,
}

impl WordClasses {
    /// Reads the table: `#` lines are comments; other lines are the word, a tab, and its
    /// classes separated by spaces. Lines that do not read are skipped.
    pub fn parse(text: &str) -> Self {
        let mut by_word = HashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, classes)) = line.split_once('\t') else {
                continue;
            };
            let mut grains = [UNKNOWN; GRAINS];
            let mut parts = classes.split(' ');
            let complete = grains.iter_mut().all(|g| {
                parts
                    .next()
                    .and_then(|p| p.parse::<u16>().ok())
                    .filter(|c| *c != UNKNOWN)
                    .map(|c| *g = c)
                    .is_some()
            });
            if complete {
                by_word.insert(class_hash(word), grains);
            }
        }
        Self { by_word }
    }

    /// The table shipped with Dateline.
    pub fn bundled() -> &'static Self {
        static CLASSES: OnceLock<WordClasses> = OnceLock::new();
        CLASSES.get_or_init(|| Self::parse(include_str!("../../../assets/ner/classes.txt")))
    }

    /// The classes of `word` as written ([`UNKNOWN`] at every grain for words not learned).
    pub fn of(&self, word: &str) -> [u16; GRAINS] {
        self.by_word
            .get(&class_hash(word))
            .copied()
            .unwrap_or([UNKNOWN; GRAINS])
    }

    /// The classes of `word` as written, else of its lower-case form `lower` (a sentence's
    /// first word, a headline's capitals: "Forecasters" reads as "forecasters" when only that
    /// is known), and whether only the lower-case form was known: the unlabelled text wrote
    /// the word as a common word, never capitalised often enough to learn.
    pub fn of_either(&self, word: &str, lower: &str) -> ([u16; GRAINS], bool) {
        match self.of(word) {
            [UNKNOWN, ..] if word != lower => {
                let found = self.of(lower);
                (found, found[0] != UNKNOWN)
            }
            found => (found, false),
        }
    }

    /// How many words the table knows.
    pub fn len(&self) -> usize {
        self.by_word.len()
    }

    /// Whether the table knows no word.
    pub fn is_empty(&self) -> bool {
        self.by_word.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_as_written_with_digits_as_zero() {
        let table = WordClasses::parse("# comment\nTuesday\t3 17 200\n0000\t1 2 3\nbad line\n");
        assert_eq!(table.len(), 2);
        assert_eq!(table.of("Tuesday"), [3, 17, 200]);
        assert_eq!(table.of("tuesday"), [UNKNOWN; GRAINS]);
        assert_eq!(table.of("1987"), [1, 2, 3]);
        let both = WordClasses::parse("envoys\t1 2 3\nEnvoy\t4 5 6\n");
        assert_eq!(both.of_either("Envoys", "envoys"), ([1, 2, 3], true));
        assert_eq!(
            both.of_either("Envoy", "envoy"),
            ([4, 5, 6], false),
            "as written first"
        );
        assert_eq!(
            both.of_either("Zhwang", "zhwang"),
            ([UNKNOWN; GRAINS], false)
        );
        assert_eq!(class_hash("1987"), class_hash(&class_key("1987")));
    }

    #[test]
    fn the_bundled_table_knows_common_news_words() {
        let table = WordClasses::bundled();
        assert!(table.len() > 10_000, "{} words", table.len());
        let [_, _, monday] = table.of("Monday");
        let [_, _, friday] = table.of("Friday");
        assert_ne!(monday, UNKNOWN);
        assert_eq!(monday, friday, "weekdays share a fine class");
    }
}

//! Features of a word in context, hashed into a fixed table without allocating: the word and
//! its neighbours, shapes, affixes, capitalisation, gazetteer membership, previous tags.

use super::class_lookup::{GRAINS, WordClasses};
use super::gazetteer::List;
use super::history::{KINDS, history_parts};

/// Rows in the weight table.
pub const FEATURE_BITS: u32 = 18;
const MASK: u64 = (1 << FEATURE_BITS) - 1;

/// A word prepared once: hashes of its lower-case form, shape and affixes, capitalisation,
/// word classes, gazetteer marks. No strings are kept, so preparing allocates nothing per word.
pub struct Prepared {
    /// Hash of the lower-case form ([`word_hash`]), as the gazetteer keys names.
    pub word: u64,
    shape: u64,
    affixes: [u64; 7],
    flags: u64,
    /// Whether the word starts with a capital.
    pub(super) title: bool,
    /// Whether the word starts with a small letter.
    pub(super) lower_case: bool,
    lower_only: bool,
    lists: Vec<u64>,
    classes: [u64; GRAINS],
}

impl Prepared {
    /// Prepares `text` (first of its sentence or not) with the word classes of `classes`;
    /// `lower` is a reusable buffer. Gazetteer marks come after, by [`Prepared::mark`].
    pub fn new(
        text: &str,
        sentence_start: bool,
        lower: &mut String,
        classes: &WordClasses,
    ) -> Self {
        lower.clear();
        if text.is_ascii() {
            lower.push_str(text);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(text.chars().flat_map(char::to_lowercase));
        }
        let mut affixes = [0u64; 7];
        for n in 1..=4 {
            affixes[n - 1] = hash_bytes(affix(lower, n, false).as_bytes());
        }
        for n in 1..=3 {
            affixes[3 + n - 1] = hash_bytes(affix(lower, n, true).as_bytes());
        }
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let title = text.starts_with(char::is_uppercase);
        let caps = letters >= 2 && !text.chars().any(char::is_lowercase);
        let (classes, lower_only) = classes.of_either(text, lower);
        Self {
            word: hash_bytes(lower.as_bytes()),
            shape: shape_hash(text),
            affixes,
            flags: u64::from(title) | u64::from(caps) << 1 | u64::from(sentence_start) << 2,
            lower_only,
            title,
            lower_case: text.starts_with(char::is_lowercase),
            classes: classes.map(u64::from),
            lists: Vec::new(),
        }
    }

    /// Whether the word begins its sentence.
    pub(super) fn sentence_start(&self) -> bool {
        self.flags & 4 != 0
    }

    /// Records the gazetteer lists the word is on (and whether it begins the name).
    pub fn mark(&mut self, lists: &[(List, bool)]) {
        self.lists = lists
            .iter()
            .map(|(l, begins)| hash_bytes(l.code().as_bytes()) ^ u64::from(*begins))
            .collect();
    }
}

/// Hash of the lower-cased form of a word, as the gazetteer keys names.
pub fn word_hash(lower: &str) -> u64 {
    hash_bytes(lower.as_bytes())
}

/// The shape class of a character: X for capitals, x for small letters, d for digits.
fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else {
        c
    }
}

/// The shape classes of a word with runs of letters and digits collapsed.
fn shape_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = '\0';
    word.chars().map(shape_char).filter(move |&s| {
        let keep = s != last || !matches!(s, 'X' | 'x' | 'd');
        last = s;
        keep
    })
}

/// Hash of a word's shape, without building the shape.
fn shape_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for s in shape_chars(word) {
        let mut buf = [0u8; 4];
        for &b in s.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The shape of a word: X for capitals, x for small letters, d for digits, runs collapsed.
#[cfg(test)]
fn shape(word: &str) -> String {
    shape_chars(word).collect()
}

/// FNV-1a of some bytes.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combines a template number and up to three part hashes into a table row.
fn row(template: u64, a: u64, b: u64, c: u64) -> u32 {
    // splitmix64 over a sequential combination.
    let mut z = template
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(a)
        .rotate_left(17)
        .wrapping_add(b.wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .rotate_left(23)
        .wrapping_add(c.wrapping_mul(0x94D0_49BB_1331_11EB));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z & MASK) as u32
}

fn affix(word: &str, n: usize, prefix: bool) -> &str {
    if word.is_ascii() {
        let n = n.min(word.len());
        return if prefix {
            &word[..n]
        } else {
            &word[word.len() - n..]
        };
    }
    let count = word.chars().count();
    if count <= n {
        return word;
    }
    if prefix {
        let end = word.char_indices().nth(n).map_or(word.len(), |(b, _)| b);
        &word[..end]
    } else {
        let start = word.char_indices().nth(count - n).map_or(0, |(b, _)| b);
        &word[start..]
    }
}

/// What the rest of the document says of a word: the kinds given to its earlier occurrences,
/// whether it is written in small letters elsewhere, and (at a sentence's start) whether it is
/// capitalised mid-sentence elsewhere.
#[derive(Clone, Copy, Default)]
pub struct InDocument {
    /// Counts of the kinds given to the word before ([`super::history::PredictionHistory::of`]).
    pub history: Option<[u16; KINDS]>,
    /// The word is capitalised here and written in small letters elsewhere in the document.
    pub lower_elsewhere: bool,
    /// The word begins its sentence here and is capitalised mid-sentence elsewhere.
    pub capitalised_elsewhere: bool,
}

/// The feature rows of word `i` given the two previous tags (0 = O, then B-/I- per label) and
/// what the rest of its document says of it.
pub fn features(
    words: &[Prepared],
    i: usize,
    (prev, prev2): (u8, u8),
    document: InDocument,
    out: &mut Vec<u32>,
) {
    const NONE: u64 = 0x5555_5555_5555_5555;
    out.clear();
    let w = &words[i];
    let at = |k: isize| -> Option<&Prepared> { i.checked_add_signed(k).and_then(|j| words.get(j)) };
    let word_of = |k: isize| at(k).map_or(NONE, |p| p.word);
    let shape_of = |k: isize| at(k).map_or(NONE, |p| p.shape);
    let class_of = |k: isize, g: usize| at(k).map_or(NONE, |p| p.classes[g]);
    let (prev, prev2) = (u64::from(prev), u64::from(prev2));
    out.push(row(0, 0, 0, 0));
    out.push(row(1, w.word, 0, 0));
    out.push(row(2, word_of(-1), 0, 0));
    out.push(row(3, word_of(1), 0, 0));
    out.push(row(4, word_of(-2), 0, 0));
    out.push(row(5, word_of(2), 0, 0));
    out.push(row(6, w.shape, 0, 0));
    out.push(row(7, shape_of(-1), w.shape, 0));
    out.push(row(8, w.shape, shape_of(1), 0));
    for (k, h) in w.affixes.iter().enumerate() {
        out.push(row(10 + k as u64, *h, 0, 0));
    }
    out.push(row(30, w.flags, 0, 0));
    out.push(row(31, prev, 0, 0));
    out.push(row(32, prev, prev2, 0));
    out.push(row(33, prev, w.word, 0));
    out.push(row(34, prev, w.shape, 0));
    out.push(row(35, word_of(-1), w.word, 0));
    out.push(row(36, w.word, word_of(1), 0));
    // Words the classes do not know share a value: rare words are mostly names.
    for (g, class) in w.classes.iter().enumerate() {
        out.push(row(50 + g as u64, *class, 0, 0));
    }
    out.push(row(53, class_of(-1, 1), 0, 0));
    out.push(row(54, class_of(1, 1), 0, 0));
    out.push(row(55, prev, w.classes[1], 0));
    out.push(row(56, w.classes[2], w.flags, 0));
    out.push(row(57, class_of(-1, 1), w.classes[1], 0));
    out.push(row(58, w.classes[1], class_of(1, 1), 0));
    out.push(row(59, class_of(-1, 2), 0, 0));
    out.push(row(60, class_of(1, 2), 0, 0));
    if w.lower_only {
        out.push(row(61, w.classes[1], 0, 0));
    }
    for list in &w.lists {
        out.push(row(40, *list, 0, 0));
        out.push(row(41, *list, u64::from(w.title), 0));
    }
    if let Some(counts) = &document.history {
        history_parts(counts, |kind, share| {
            out.push(row(70, kind, share, 0));
            out.push(row(71, kind, share, w.flags));
        });
    }
    if document.lower_elsewhere {
        out.push(row(72, w.flags, 0, 0));
        out.push(row(73, w.flags, w.classes[1], 0));
    }
    if document.capitalised_elsewhere {
        out.push(row(74, w.flags, 0, 0));
        out.push(row(75, w.flags, w.classes[1], 0));
    }
    for (k, template) in [(-1isize, 42u64), (1, 43)] {
        if let Some(p) = at(k) {
            for list in &p.lists {
                out.push(row(template, *list, 0, 0));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Liang"), "Xx");
        assert_eq!(shape("KCNA"), "X");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1950-53"), "d-d");
        assert_eq!(shape("Yong-chun"), "Xx-x");
        for word in ["Liang", "KCNA", "U.S.", "1950-53", "Yong-chun", "서울"] {
            assert_eq!(
                shape_hash(word),
                hash_bytes(shape(word).as_bytes()),
                "{word}"
            );
        }
    }
}

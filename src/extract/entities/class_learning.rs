//! Word classes learned from unlabelled text by the exchange algorithm (Kneser and Ney 1993;
//! Martin, Liermann and Ney 1998): each word is moved, in turn, to the class that most raises
//! the likelihood of a class bigram model of the text, until no move helps. Words that occur in
//! the same contexts ("Tuesday"/"Friday", "Smith"/"Jones", "Corp"/"Inc") end in the same class,
//! which lets the tagger generalise from names it was trained on to names it never saw.
//! Run by `dateline train-classes`; the result ships as assets/ner/classes.txt.

use std::collections::HashMap;

use super::class_lookup::class_key;
use super::tokens;

/// Words seen fewer times than this are one "rare word" token while learning.
const MIN_COUNT: u32 = 3;

/// Text turned into word ids, a boundary id between sentences.
pub struct ClassCorpus {
    /// The vocabulary: word forms (digits written as 0) by id; id 0 is the sentence boundary,
    /// id 1 the rare word.
    pub words: Vec<String>,
    /// How often each word occurs.
    pub counts: Vec<u32>,
    /// The text as ids.
    ids: Vec<u32>,
}

impl ClassCorpus {
    /// Reads texts into ids, keeping words seen at least [`MIN_COUNT`] times.
    pub fn new<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut words = vec!["</s>".to_string(), "<rare>".to_string()];
        let mut raw: Vec<u32> = Vec::new();
        for text in texts {
            for w in tokens::words(text) {
                if w.sentence_start {
                    raw.push(0);
                }
                let key = class_key(w.text);
                let next = words.len() as u32;
                let id = *index.entry(key).or_insert_with_key(|k| {
                    words.push(k.clone());
                    next
                });
                raw.push(id);
            }
            raw.push(0);
        }
        let mut counts = vec![0u32; words.len()];
        for &id in &raw {
            counts[id as usize] += 1;
        }
        // Keep frequent words, most frequent first (the classes' first members).
        let mut kept: Vec<u32> = (2..words.len() as u32)
            .filter(|&i| counts[i as usize] >= MIN_COUNT)
            .collect();
        kept.sort_by(|a, b| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b)));
        let mut renumber = vec![1u32; words.len()];
        renumber[0] = 0;
        let mut new_words = vec![words[0].clone(), words[1].clone()];
        for (n, &old) in kept.iter().enumerate() {
            renumber[old as usize] = n as u32 + 2;
            new_words.push(std::mem::take(&mut words[old as usize]));
        }
        let ids: Vec<u32> = raw.iter().map(|&i| renumber[i as usize]).collect();
        let mut counts = vec![0u32; new_words.len()];
        for &id in &ids {
            counts[id as usize] += 1;
        }
        Self {
            words: new_words,
            counts,
            ids,
        }
    }

    /// Number of tokens read (boundaries included).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no text was read.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// x ln x, from a table for small counts.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(size: usize) -> Self {
        Self(
            (0..size)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    fn at(&self, x: u64) -> f64 {
        match self.0.get(x as usize) {
            Some(v) => *v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Each word's neighbours with counts, as compressed rows.
struct Neighbours {
    starts: Vec<usize>,
    entries: Vec<(u32, u32)>,
}

impl Neighbours {
    fn of(&self, w: usize) -> &[(u32, u32)] {
        &self.entries[self.starts[w]..self.starts[w + 1]]
    }
}

fn neighbours(pairs: &HashMap<(u32, u32), u32>, vocabulary: usize, right: bool) -> Neighbours {
    let mut rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); vocabulary];
    for (&(a, b), &n) in pairs {
        if right {
            rows[a as usize].push((b, n));
        } else {
            rows[b as usize].push((a, n));
        }
    }
    let mut starts = Vec::with_capacity(vocabulary + 1);
    let mut entries = Vec::new();
    for mut row in rows {
        row.sort_unstable();
        starts.push(entries.len());
        entries.extend(row);
    }
    starts.push(entries.len());
    Neighbours { starts, entries }
}

/// Learns `classes` word classes over `corpus` with at most `passes` passes over the
/// vocabulary; `on_pass` hears the pass number and how many words moved. Returns each word's
/// class. The boundary and the rare word stay in class 0 and 1 with the other words.
pub fn learn_classes(
    corpus: &ClassCorpus,
    classes: usize,
    passes: usize,
    mut on_pass: impl FnMut(usize, usize),
) -> Vec<u32> {
    let v = corpus.words.len();
    let k = classes.max(2);
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    for pair in corpus.ids.windows(2) {
        *pairs.entry((pair[0], pair[1])).or_default() += 1;
    }
    let right = neighbours(&pairs, v, true);
    let left = neighbours(&pairs, v, false);
    drop(pairs);
    // Words by frequency rank into classes in turn.
    let mut class_of: Vec<u32> = (0..v).map(|w| (w % k) as u32).collect();
    let mut bigram = vec![0u64; k * k];
    let mut as_left = vec![0u64; k];
    let mut as_right = vec![0u64; k];
    for w in 0..v {
        for &(u, n) in right.of(w) {
            let (a, b) = (class_of[w] as usize, class_of[u as usize] as usize);
            bigram[a * k + b] += u64::from(n);
            as_left[a] += u64::from(n);
            as_right[b] += u64::from(n);
        }
    }
    let xlogx = XLogX::new(1 << 20);
    let mut r = vec![0u64; k];
    let mut l = vec![0u64; k];
    let mut r_nz: Vec<usize> = Vec::new();
    let mut l_nz: Vec<usize> = Vec::new();
    for pass in 0..passes {
        let mut moved = 0;
        for w in 0..v {
            // The word's neighbours by class, its own bigram apart.
            let mut own = 0u64;
            for (row, dense, nz) in [(&right, &mut r, &mut r_nz), (&left, &mut l, &mut l_nz)] {
                for c in nz.drain(..) {
                    dense[c] = 0;
                }
                for &(u, n) in row.of(w) {
                    if u as usize == w {
                        own = u64::from(n);
                        continue;
                    }
                    let c = class_of[u as usize] as usize;
                    if dense[c] == 0 {
                        nz.push(c);
                    }
                    dense[c] += u64::from(n);
                }
            }
            let total_right = r_nz.iter().map(|&c| r[c]).sum::<u64>() + own;
            let total_left = l_nz.iter().map(|&c| l[c]).sum::<u64>() + own;
            let from = class_of[w] as usize;
            // Take the word out of its class.
            for &c in &r_nz {
                bigram[from * k + c] -= r[c];
            }
            for &c in &l_nz {
                bigram[c * k + from] -= l[c];
            }
            bigram[from * k + from] -= own;
            as_left[from] -= total_right;
            as_right[from] -= total_left;
            // The class that gains most by taking it.
            let mut best = (from, f64::NEG_INFINITY);
            for b in 0..k {
                let mut gain = 0.0;
                for &c in &r_nz {
                    if c != b {
                        let now = bigram[b * k + c];
                        gain += xlogx.at(now + r[c]) - xlogx.at(now);
                    }
                }
                for &c in &l_nz {
                    if c != b {
                        let now = bigram[c * k + b];
                        gain += xlogx.at(now + l[c]) - xlogx.at(now);
                    }
                }
                let now = bigram[b * k + b];
                gain += xlogx.at(now + r[b] + l[b] + own) - xlogx.at(now);
                gain -= xlogx.at(as_left[b] + total_right) - xlogx.at(as_left[b]);
                gain -= xlogx.at(as_right[b] + total_left) - xlogx.at(as_right[b]);
                if gain > best.1 + 1e-9 || (b == from && gain >= best.1 - 1e-9) {
                    best = (b, gain);
                }
            }
            let to = best.0;
            for &c in &r_nz {
                bigram[to * k + c] += r[c];
            }
            for &c in &l_nz {
                bigram[c * k + to] += l[c];
            }
            bigram[to * k + to] += own;
            as_left[to] += total_right;
            as_right[to] += total_left;
            if to != from {
                class_of[w] = to as u32;
                moved += 1;
            }
        }
        on_pass(pass, moved);
        if moved == 0 {
            break;
        }
    }
    class_of
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        // Days follow "on" and precede "the"; names follow "Mr" and precede "said".
        let mut text = String::new();
        let days = ["Monday", "Tuesday", "Friday"];
        let names = ["Smith", "Jones", "Brown"];
        for i in 0..60 {
            let day = days[i % 3];
            let name = names[(i / 3) % 3];
            text.push_str(&format!("Mr {name} said on {day} the talks ended.\n"));
        }
        let corpus = ClassCorpus::new(std::iter::once(text.as_str()));
        let classes = learn_classes(&corpus, 4, 20, |_, _| {});
        let class = |w: &str| classes[corpus.words.iter().position(|x| x == w).unwrap_or(0)];
        assert_eq!(class("Monday"), class("Friday"));
        assert_eq!(class("Tuesday"), class("Friday"));
        assert_eq!(class("Smith"), class("Jones"));
        assert_eq!(class("Brown"), class("Jones"));
        assert_ne!(class("Smith"), class("Monday"));
    }

    #[test]
    fn rare_words_share_one_token_and_digits_read_as_zero() {
        let corpus = ClassCorpus::new(["a 1987 b 1986 c 2004 once"].into_iter());
        assert!(corpus.words.iter().any(|w| w == "0000"));
        assert!(!corpus.words.iter().any(|w| w == "once"));
        assert_eq!(corpus.counts[1], 4, "a, b, c and once are rare");
    }
}

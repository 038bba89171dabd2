//! The words of a body as the detector sees them: runs of letters and digits, folded to
//! lower case, hashed without allocating; word 5-shingles over them; the numbers a text states.

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// A 64-bit mix (the finaliser of SplitMix64): spreads every input bit over the output.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One word of a text: its hash and whether it holds a digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// The hash of the word folded to lower case.
    pub hash: u64,
    /// The word holds a digit ("20", "1987", "4th") or is a number word ("two").
    pub numeric: bool,
    /// The word starts with a capital letter (a name, or a sentence's first word).
    pub capital: bool,
}

/// Number words that state figures as digits do ("two billion dlrs").
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "half", "quarter",
];

/// Hashes of the number words, folded like every word, with a 64-bit filter of their low
/// bits that rules out most other words in one test.
fn number_word_hashes() -> &'static (u64, Vec<u64>) {
    static HASHES: std::sync::OnceLock<(u64, Vec<u64>)> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let hashes: Vec<u64> = NUMBER_WORDS
            .iter()
            .map(|w| {
                let mut h = 0;
                raw_words(w, |x| h = x.hash);
                h
            })
            .collect();
        let filter = hashes.iter().fold(0u64, |f, h| f | 1 << (h & 63));
        (filter, hashes)
    })
}

/// Calls `f` for every word of `text`, in order.
pub fn for_each_word(text: &str, mut f: impl FnMut(Word)) {
    let (filter, numbers) = number_word_hashes();
    raw_words(text, |mut w| {
        if !w.numeric && filter >> (w.hash & 63) & 1 == 1 {
            w.numeric = numbers.contains(&w.hash);
        }
        f(w)
    });
}

/// The words of `text` with digits marking numbers, number words not yet known. ASCII is
/// read byte by byte; other characters are decoded, and count as letters when Unicode says so
/// (folded to lower case).
fn raw_words(text: &str, mut f: impl FnMut(Word)) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let mut hash: u64 = START;
    let mut len = 0usize;
    let mut numeric = false;
    let mut capital = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut emit = |hash: &mut u64, len: &mut usize, numeric: &mut bool, capital: bool| {
        if *len > 0 {
            f(Word {
                hash: mix(*hash),
                numeric: *numeric,
                capital,
            });
        }
        *hash = START;
        *len = 0;
        *numeric = false;
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                if len == 0 {
                    capital = b.is_ascii_uppercase();
                }
                hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
                len += 1;
                numeric |= b.is_ascii_digit();
            } else {
                emit(&mut hash, &mut len, &mut numeric, capital);
            }
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        i += c.len_utf8().max(1);
        if c.is_alphanumeric() {
            if len == 0 {
                capital = c.is_uppercase();
            }
            let folded = c.to_lowercase().next().unwrap_or(c);
            hash = (hash ^ u64::from(u32::from(folded))).wrapping_mul(0x0100_0000_01b3);
            len += 1;
            numeric |= c.is_numeric();
        } else {
            emit(&mut hash, &mut len, &mut numeric, capital);
        }
    }
    emit(&mut hash, &mut len, &mut numeric, capital);
}

/// The words of `text`, hashed.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |w| out.push(w));
    out
}

/// The hash of the shingle made of these words (order matters).
pub fn shingle_hash(words: &[Word]) -> u64 {
    words.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, w| {
        mix(h.rotate_left(17) ^ w.hash)
    })
}

/// Calls `f` with the hash of every word 5-shingle of `words`; a text of fewer words is one
/// shingle, an empty one none.
pub fn for_each_shingle(words: &[Word], mut f: impl FnMut(u64)) {
    if words.is_empty() {
        return;
    }
    if words.len() < SHINGLE_WORDS {
        f(shingle_hash(words));
        return;
    }
    for window in words.windows(SHINGLE_WORDS) {
        f(shingle_hash(window));
    }
}

/// The distinct shingle hashes of `words`, sorted.
pub fn shingle_set(words: &[Word]) -> Vec<u64> {
    let mut set = Vec::with_capacity(words.len());
    for_each_shingle(words, |h| set.push(h));
    set.sort_unstable();
    set.dedup();
    set
}

/// The distinct hashes of the numbers among `words`, sorted.
pub fn number_set(words: &[Word]) -> Vec<u64> {
    let mut set: Vec<u64> = words.iter().filter(|w| w.numeric).map(|w| w.hash).collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// The distinct hashes of the capitalised words among `words` that are no numbers, sorted.
pub fn name_set(words: &[Word]) -> Vec<u64> {
    let mut set: Vec<u64> = words
        .iter()
        .filter(|w| w.capital && !w.numeric)
        .map(|w| w.hash)
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// The distinct word hashes, sorted.
pub fn word_set(words: &[Word]) -> Vec<u64> {
    let mut set: Vec<u64> = words.iter().map(|w| w.hash).collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// How many elements two sorted, distinct lists share.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The hash of a whole text's words in order (case, punctuation and spacing ignored): equal
/// for texts that say the same words.
pub fn words_hash(words: &[Word]) -> u64 {
    shingle_hash(words) ^ (words.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_punctuation() {
        let a = words("Qtly div 20 cts, vs 20 cts.");
        let b = words("QTLY DIV 20 CTS VS 20 CTS");
        assert_eq!(
            a.iter().map(|w| w.hash).collect::<Vec<_>>(),
            b.iter().map(|w| w.hash).collect::<Vec<_>>()
        );
        assert_eq!(a.len(), 7);
        assert!(words("two")[0].numeric && a[0].capital && !a[1].capital);
        assert!(a[2].numeric && !a[0].numeric);
        assert_eq!(words_hash(&a), words_hash(&b));
        assert_ne!(
            words_hash(&a),
            words_hash(&words("Qtly div 25 cts vs 20 cts"))
        );
    }

    #[test]
    fn shingles_of_short_and_long_texts() {
        assert!(shingle_set(&words("")).is_empty());
        assert_eq!(shingle_set(&words("one two")).len(), 1);
        assert_eq!(shingle_set(&words("a b c d e f g")).len(), 3);
        let a = shingle_set(&words("a b c d e f g"));
        let b = shingle_set(&words("a b c d e f x"));
        assert_eq!(shared(&a, &b), 2);
    }

    #[test]
    fn other_scripts_stay_whole() {
        let w = words("Пётр Первый — 北京");
        assert_eq!(w.len(), 3);
        assert_eq!(words("ПЁТР")[0].hash, w[0].hash);
        assert!(w[0].capital);
    }
}

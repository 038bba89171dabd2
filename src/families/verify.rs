//! Checking a candidate pair exactly: resemblance and containment of the shingle sets, and the
//! signs that tell a re-send or an update from another story written from the same template.

use super::fingerprint::{Fingerprint, headline_words};
use super::text;

/// What the verification needs of one article, computed once per detection run.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// Distinct shingle hashes, sorted.
    pub shingles: Vec<u64>,
    /// Distinct numbers of the body, sorted.
    pub numbers: Vec<u64>,
    /// Distinct capitalised words of the body (names, mostly), sorted.
    pub names: Vec<u64>,
    /// Distinct words of the headline without version markers, sorted.
    pub headline: Vec<u64>,
    /// The headline marks a correction or a repeat ("CORRECTED", "RPT").
    pub marked: bool,
    /// Words in the body.
    pub words: usize,
}

impl Profile {
    /// The profile of a fingerprinted article.
    pub fn of(fp: &Fingerprint) -> Profile {
        let words = text::words(&fp.body);
        let headline = headline_words(&fp.headline);
        let mut numbers = text::number_set(&words);
        numbers.extend(text::number_set(&headline));
        numbers.sort_unstable();
        numbers.dedup();
        Profile {
            shingles: text::shingle_set(&words),
            numbers,
            names: text::name_set(&words),
            marked: text::words(&fp.headline).len() != headline.len(),
            headline: text::word_set(&headline),
            words: words.len(),
        }
    }
}

/// How alike two articles are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairFeatures {
    /// Jaccard resemblance of the shingle sets.
    pub resemblance: f64,
    /// Shared shingles over the smaller set.
    pub containment: f64,
    /// Shared headline words over the smaller headline (1 when either has none).
    pub headline: f64,
    /// The smaller body's numbers found in the other body, as a share (1 when it has none).
    pub numbers: f64,
    /// Words of the shorter body over words of the longer.
    pub length_ratio: f64,
    /// Words of the shorter body.
    pub shorter_words: usize,
    /// Days between the publication dates (0 when either is undated).
    pub days_apart: i32,
    /// Each text states a number the other does not: a changed figure.
    pub numbers_swapped: bool,
    /// Each body has capitalised words the other lacks: other names.
    pub names_swapped: bool,
    /// Each headline has words the other lacks.
    pub headline_swapped: bool,
    /// Either headline marks a correction or a repeat.
    pub marked: bool,
}

/// True when each sorted list has an element the other lacks.
fn swapped(a: &[u64], b: &[u64]) -> bool {
    let n = text::shared(a, b);
    a.len() > n && b.len() > n
}

/// Share of `shared` over `of`, 1 when `of` is 0.
fn share(shared: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        shared as f64 / of as f64
    }
}

impl PairFeatures {
    /// The measures of two articles with the same words under the same headline.
    pub fn identical(a: &Fingerprint, b: &Fingerprint) -> PairFeatures {
        PairFeatures {
            resemblance: 1.0,
            containment: 1.0,
            headline: 1.0,
            numbers: 1.0,
            length_ratio: 1.0,
            shorter_words: a.words.min(b.words) as usize,
            days_apart: a.days_apart(b),
            numbers_swapped: false,
            names_swapped: false,
            headline_swapped: false,
            marked: false,
        }
    }

    /// Compare two profiled articles.
    pub fn of(a: (&Fingerprint, &Profile), b: (&Fingerprint, &Profile)) -> PairFeatures {
        let (fa, pa) = a;
        let (fb, pb) = b;
        let inter = text::shared(&pa.shingles, &pb.shingles);
        let union = pa.shingles.len() + pb.shingles.len() - inter;
        let smaller = pa.shingles.len().min(pb.shingles.len());
        let (short, long) = if pa.words <= pb.words {
            (pa, pb)
        } else {
            (pb, pa)
        };
        PairFeatures {
            resemblance: if union == 0 {
                0.0
            } else {
                inter as f64 / union as f64
            },
            containment: if smaller == 0 {
                0.0
            } else {
                inter as f64 / smaller as f64
            },
            headline: share(
                text::shared(&pa.headline, &pb.headline),
                pa.headline.len().min(pb.headline.len()),
            ),
            numbers: share(
                text::shared(&short.numbers, &long.numbers),
                short.numbers.len(),
            ),
            length_ratio: share(short.words, long.words),
            shorter_words: short.words,
            days_apart: fa.days_apart(fb),
            numbers_swapped: swapped(&pa.numbers, &pb.numbers),
            names_swapped: swapped(&pa.names, &pb.names),
            headline_swapped: swapped(&pa.headline, &pb.headline),
            marked: pa.marked || pb.marked,
        }
    }
}

/// Words below which a body is a template's (a dividend notice, a price line): its headline,
/// not its body, says which company or market it is about.
const TEMPLATE_WORDS: usize = 40;

/// True when a verified pair is the same report.
///
/// - A figure changed between texts published on different days is the series' next issue
///   (the Fed's daily operations, a weekly balance), not a version, unless a headline marks a
///   correction or a repeat.
/// - Short bodies under headlines that each have words the other lacks are one template
///   written for two companies: the same report only when the bodies are near-identical and
///   the headlines mostly the same (a re-send under a retouched headline).
/// - Otherwise: most shingles shared (resemblance ≥ 0.6), or the shorter text contained in the
///   longer (containment ≥ 0.8, at least 30% of its length: an update that added paragraphs),
///   or the same headline over a shared part (≥ 0.6 of the headline words, containment ≥ 0.3)
///   with the shorter text's figures found in the longer (a write-through).
pub fn same_report(f: &PairFeatures) -> bool {
    if !f.marked && f.numbers_swapped && f.days_apart >= 1 {
        return false;
    }
    if !f.marked && f.headline_swapped && f.shorter_words < TEMPLATE_WORDS {
        return f.resemblance >= 0.9 && f.headline >= 0.7;
    }
    f.resemblance >= 0.6
        || (f.containment >= 0.8 && f.length_ratio >= 0.3)
        || (f.headline >= 0.6 && f.containment >= 0.3 && f.numbers >= 0.7)
}

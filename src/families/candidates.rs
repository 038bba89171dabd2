//! Candidate pairs: articles published close together that share a band key of their MinHash
//! signatures, their words exactly, their headline, their lead or a whole paragraph.

use rayon::prelude::*;

use super::fingerprint::Fingerprint;
use super::text::mix;

/// Days two versions of one report may lie apart.
pub const WINDOW_DAYS: i32 = 3;
/// A key shared by more articles than this inside one window is a template's or boilerplate's,
/// not a report's: it proposes no pairs (the band keys still do).
const MAX_BUCKET: usize = 256;

/// Every key an article is filed under, tagged with its kind so kinds never meet.
fn keys(fp: &Fingerprint, mut f: impl FnMut(u64)) {
    f(mix(fp.exact ^ 0x1000));
    if fp.headline_key != 0 {
        f(mix(fp.headline_key ^ 0x2000));
    }
    if fp.lead_key != 0 {
        f(mix(fp.lead_key ^ 0x3000));
    }
    for p in &fp.paragraphs {
        f(mix(p ^ 0x4000));
    }
    if let Some(bands) = &fp.bands {
        for (b, key) in bands.iter().enumerate() {
            f(mix(u64::from(*key) ^ ((0x100 + b as u64) << 40)));
        }
    }
}

/// Pairs `(i, j)`, `i < j`, of every group of articles that share a key, within the window.
pub fn all_pairs(entries: &[Fingerprint]) -> Vec<(u32, u32)> {
    let mut filed: Vec<(u64, u32)> = entries
        .par_iter()
        .enumerate()
        .fold(Vec::new, |mut out, (i, fp)| {
            keys(fp, |k| out.push((k, i as u32)));
            out
        })
        .flatten()
        .collect();
    filed.par_sort_unstable();
    let runs: Vec<&[(u64, u32)]> = filed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .collect();
    let mut pairs: Vec<(u32, u32)> = runs
        .par_iter()
        .fold(Vec::new, |mut out, run| {
            let members: Vec<u32> = run.iter().map(|(_, i)| *i).collect();
            pair_within_window(entries, members, &mut out);
            out
        })
        .flatten()
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The pairs of one group of articles that lie within the window, unless the group is a
/// template's.
fn pair_within_window(entries: &[Fingerprint], mut members: Vec<u32>, out: &mut Vec<(u32, u32)>) {
    // Undated articles first: they pair with everything after them.
    members.sort_by_key(|i| entries[*i as usize].day.map_or(i64::MIN, i64::from));
    let start = out.len();
    for (n, &i) in members.iter().enumerate() {
        let a = &entries[i as usize];
        let mut close = 0;
        for &j in &members[n + 1..] {
            let b = &entries[j as usize];
            if !a.within(b, WINDOW_DAYS) {
                break;
            }
            close += 1;
            if close > MAX_BUCKET {
                out.truncate(start);
                return;
            }
            out.push((i.min(j), i.max(j)));
        }
    }
}

/// True when two articles share any key (compared field by field, without hashing).
fn share_a_key(a: &Fingerprint, b: &Fingerprint) -> bool {
    let bands = match (&a.bands, &b.bands) {
        (Some(x), Some(y)) => x.iter().zip(y.iter()).any(|(p, q)| p == q),
        _ => false,
    };
    bands
        || a.exact == b.exact
        || (a.headline_key != 0 && a.headline_key == b.headline_key)
        || (a.lead_key != 0 && a.lead_key == b.lead_key)
        || super::text::shared(&a.paragraphs, &b.paragraphs) > 0
}

/// The indices of the articles that share a key with article `i`, within the window: the
/// candidates of one changed article, found by one pass over the others.
pub fn pairs_of(entries: &[Fingerprint], i: usize) -> Vec<u32> {
    let me = &entries[i];
    entries
        .par_iter()
        .enumerate()
        .filter(|(j, other)| *j != i && me.within(other, WINDOW_DAYS) && share_a_key(me, other))
        .map(|(j, _)| j as u32)
        .collect()
}

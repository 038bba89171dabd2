//! MinHash signatures of shingle sets and their locality-sensitive band keys.
//!
//! 128 hash functions (multiply-add on 32 bits, then an xor-shift) with fixed seeds (so results never vary
//! between runs), folded into 32 bands of 4 rows: two texts share at least one band key with
//! probability `1 - (1 - J^4)^32`, about 0.56 at Jaccard 0.4, 0.87 at 0.5 and 0.999 at 0.8.

use super::text::mix;

/// Hash functions per signature.
pub const PERMUTATIONS: usize = 128;
/// Bands of the LSH index.
pub const BANDS: usize = 32;
/// Rows (hash functions) per band.
pub const ROWS: usize = PERMUTATIONS / BANDS;

/// The multipliers (odd) and offsets of the hash functions, from a fixed seed.
struct Seeds {
    mul: [u32; PERMUTATIONS],
    add: [u32; PERMUTATIONS],
}

fn seeds() -> &'static Seeds {
    static SEEDS: std::sync::OnceLock<Seeds> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Seeds {
            mul: [0; PERMUTATIONS],
            add: [0; PERMUTATIONS],
        };
        let mut state = 0x5eed_da7e_11e0_0001u64;
        for i in 0..PERMUTATIONS {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let r = mix(state);
            out.mul[i] = (r as u32) | 1;
            out.add[i] = (r >> 32) as u32;
        }
        out
    })
}

/// Lower `mins` by the hash functions' values of one shingle. Written as plain lanes of u32
/// so that the compiler turns it into vector instructions.
#[inline(always)]
fn fold_shingle(mins: &mut [u32; PERMUTATIONS], seeds: &Seeds, shingle: u64) {
    let x = (shingle ^ (shingle >> 32)) as u32;
    for ((m, mul), add) in mins.iter_mut().zip(&seeds.mul).zip(&seeds.add) {
        let h = mul.wrapping_mul(x).wrapping_add(*add);
        let h = h ^ (h >> 15);
        *m = (*m).min(h);
    }
}

/// The minima over all shingles.
fn fold_all(mins: &mut [u32; PERMUTATIONS], seeds: &Seeds, shingles: &[u64]) {
    for &s in shingles {
        fold_shingle(mins, seeds, s);
    }
}

/// A MinHash signature: the least value of each hash function over the shingles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; PERMUTATIONS]);

impl Signature {
    /// The signature of a set of shingle hashes (duplicates do not matter); `None` when empty.
    pub fn of(shingles: &[u64]) -> Option<Signature> {
        if shingles.is_empty() {
            return None;
        }
        let seeds = seeds();
        let mut mins = [u32::MAX; PERMUTATIONS];
        fold_all(&mut mins, seeds, shingles);
        Some(Signature(mins))
    }

    /// The key of each band: a hash of its rows.
    pub fn band_keys(&self) -> [u32; BANDS] {
        let mut keys = [0u32; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let rows = &self.0[band * ROWS..(band + 1) * ROWS];
            let h = rows.iter().fold(band as u64, |h, r| mix(h ^ u64::from(*r)));
            *key = (h >> 32) as u32;
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{shared, shingle_set, words};
    use super::*;
    use proptest::prelude::*;

    /// The estimated Jaccard resemblance of the two sets: the share of equal minima.
    fn estimate(a: &Signature, b: &Signature) -> f64 {
        let equal = a.0.iter().zip(b.0.iter()).filter(|(x, y)| x == y).count();
        equal as f64 / PERMUTATIONS as f64
    }

    fn text(seed: u64, n: usize, vocabulary: u64) -> String {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = mix(s.wrapping_add(0x9e37_79b9_7f4a_7c15));
                format!("w{}", s % vocabulary)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn equal_sets_give_equal_signatures_and_bands() {
        let a = Signature::of(&shingle_set(&words("the cat sat on the mat today"))).unwrap();
        let b = Signature::of(&shingle_set(&words("The cat sat on the mat, today."))).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.band_keys(), b.band_keys());
        assert!(Signature::of(&[]).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The estimate stays within 0.22 of the exact resemblance (128 functions: the
        /// standard error is at most 0.045, so that is five of them; 0.15 failed about one
        /// run in twenty on random seeds).
        #[test]
        fn estimate_is_close_to_exact(seed in 0u64..10_000, keep in 0usize..300) {
            let base = text(seed, 300, 5_000);
            let other = format!("{} {}", &base[..base.len() * keep / 300], text(seed + 1, 300 - keep, 5_000));
            let a = shingle_set(&words(&base));
            let b = shingle_set(&words(&other));
            let inter = shared(&a, &b) as f64;
            let exact = inter / (a.len() as f64 + b.len() as f64 - inter);
            let est = estimate(&Signature::of(&a).unwrap(), &Signature::of(&b).unwrap());
            prop_assert!((est - exact).abs() <= 0.22, "estimate {est} exact {exact}");
        }
    }
}

//! Wire-story families: the re-sends, corrections, write-throughs and copies of one report,
//! found without a window.
//!
//! Each article's body is reduced to words (letters and digits, case folded) and word
//! 5-shingles (`text`); a `Fingerprint` keeps the exact hash of its words, its headline and
//! lead keys, its paragraphs' hashes and the band keys of a 128-function MinHash signature
//! (`minhash`). Articles published at most three days apart that share any key are candidates
//! (`candidates`); each candidate pair is verified exactly (`verify`: resemblance,
//! containment, headline and numbers, which keep apart stories written from one template), and
//! the same-report links are joined into `Families` with the user's decisions (`cluster`).
//! `FamilyIndex` keeps the fingerprints and links between runs, so an edit or a rescan
//! re-verifies only the changed articles. `diff` compares two versions word by word, `count`
//! counts each report once (names, suggested events) and `copy` carries annotations from one
//! version to the same words of another.

mod candidates;
mod cluster;
mod copy;
mod count;
mod diff;
mod fingerprint;
mod index;
mod minhash;
mod text;
mod verify;

pub use cluster::{Families, Family, FamilyId, families};
pub use copy::{CopyPlan, copy_annotations, copy_annotations_to};
pub use count::{mentions_once, merge_versions_events};
pub use diff::{Change, WordDiff, word_diff};
pub use index::{FamilyIndex, Link, UpdateReport};
pub use verify::PairFeatures;

use crate::model::Workspace;

/// Detect the families of a workspace from scratch (the command line's way; the window keeps a
/// `FamilyIndex` and updates it).
pub fn detect(workspace: &Workspace) -> Families {
    let mut index = FamilyIndex::new();
    index.update(&workspace.articles);
    families(
        &workspace.articles,
        index.links(),
        &workspace.family_decisions,
    )
}

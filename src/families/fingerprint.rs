//! What the detector keeps of each article: its text's hashes, MinHash band keys and date.

use std::sync::Arc;

use chrono::Datelike;

use super::minhash::{BANDS, Signature};
use super::text::{self, Word};
use crate::model::{Article, ArticleId};

/// Words a paragraph needs before two articles sharing it become candidates.
const PARAGRAPH_MIN_WORDS: usize = 8;
/// Words of the lead compared as one key.
const LEAD_WORDS: usize = 12;

/// Headline words that mark a version, not a report: "CORRECTED - …", "RPT - …", "UPDATE 2".
const VERSION_MARKERS: &[&str] = &[
    "corrected",
    "correction",
    "correcting",
    "rpt",
    "repeat",
    "repeated",
    "refile",
    "refiled",
    "update",
    "updated",
];

/// One article as the detector sees it. Holds the article's body so that the body's address
/// identifies its text for as long as the fingerprint lives.
#[derive(Clone, Debug)]
pub struct Fingerprint {
    /// The article.
    pub id: ArticleId,
    /// The body read (shared with the article).
    pub body: Arc<str>,
    /// The headline as read.
    pub headline: String,
    /// The publication day (days from the common era), when the article has one.
    pub day: Option<i32>,
    /// Hash of the body's words in order: equal for the same words.
    pub exact: u64,
    /// Hash of the headline's words without version markers; 0 when it has none.
    pub headline_key: u64,
    /// Hash of the body's first words; 0 when the body is shorter.
    pub lead_key: u64,
    /// Hashes of the paragraphs long enough to identify a report, sorted.
    pub paragraphs: Vec<u64>,
    /// MinHash band keys; `None` for a body without words.
    pub bands: Option<[u32; BANDS]>,
    /// Words in the body.
    pub words: u32,
}

impl Fingerprint {
    /// The fingerprint of an article.
    pub fn of(article: &Article) -> Fingerprint {
        let (words, paragraphs) = words_and_paragraphs(&article.body);
        let mut shingles = Vec::with_capacity(words.len());
        text::for_each_shingle(&words, |h| shingles.push(h));
        let signature = Signature::of(&shingles);
        let headline_words = headline_words(&article.headline);
        Fingerprint {
            id: article.id,
            body: Arc::clone(&article.body),
            headline: article.headline.clone(),
            day: publication_day(article),
            exact: text::words_hash(&words),
            headline_key: if headline_words.is_empty() {
                0
            } else {
                text::words_hash(&headline_words)
            },
            lead_key: if words.len() >= LEAD_WORDS {
                text::words_hash(&words[..LEAD_WORDS])
            } else {
                0
            },
            paragraphs,
            bands: signature.map(|s| s.band_keys()),
            words: words.len() as u32,
        }
    }

    /// True when this fingerprint still describes the article: same body (by address), same
    /// headline and same day.
    pub fn describes(&self, article: &Article) -> bool {
        self.id == article.id
            && Arc::ptr_eq(&self.body, &article.body)
            && self.headline == article.headline
            && self.day == publication_day(article)
    }

    /// True when the two articles were published close enough to be versions of one report
    /// (an undated article is close to every other).
    pub fn within(&self, other: &Fingerprint, days: i32) -> bool {
        self.days_apart(other) <= days
    }

    /// Days between the two publication dates; 0 when either is undated.
    pub fn days_apart(&self, other: &Fingerprint) -> i32 {
        match (self.day, other.day) {
            (Some(a), Some(b)) => (a - b).abs(),
            _ => 0,
        }
    }
}

/// The publication day of an article, when its date has one.
fn publication_day(article: &Article) -> Option<i32> {
    article
        .published
        .as_ref()
        .and_then(|p| p.date())
        .map(|d| d.num_days_from_ce())
}

/// The words of a headline without the markers of a version ("CORRECTED", "RPT").
pub fn headline_words(headline: &str) -> Vec<Word> {
    static MARKERS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        VERSION_MARKERS
            .iter()
            .map(|m| text::words(m)[0].hash)
            .collect()
    });
    text::words(headline)
        .into_iter()
        .filter(|w| !markers.contains(&w.hash))
        .collect()
}

/// The body's words, and the hashes of its paragraphs of at least eight words (sorted and
/// distinct), in one pass.
fn words_and_paragraphs(body: &str) -> (Vec<Word>, Vec<u64>) {
    let mut words = Vec::with_capacity(body.len() / 6);
    let mut keys = Vec::new();
    for paragraph in body.split("\n\n") {
        let start = words.len();
        text::for_each_word(paragraph, |w| words.push(w));
        if words.len() - start >= PARAGRAPH_MIN_WORDS {
            keys.push(text::words_hash(&words[start..]));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    (words, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_markers_leave_the_headline_key() {
        let a = text::words_hash(&headline_words("CORRECTED - BAKER SAYS DOLLAR STABLE"));
        let b = text::words_hash(&headline_words("Baker says dollar stable"));
        assert_eq!(a, b);
    }

    #[test]
    fn paragraphs_need_eight_words() {
        let (words, keys) = words_and_paragraphs(
            "Too short here.\n\nThis paragraph has quite enough words to count here.",
        );
        assert_eq!(keys.len(), 1);
        assert_eq!(words.len(), 12);
    }
}

//! Names and time expressions an earlier run of the extractor found for an article (a step of
//! a Spark job over an archive), kept with the article so that a workspace built from that
//! output opens without finding them again, and shows what the run found.
//!
//! Derived data, never the source of truth: kept only for the very body it was found in (a
//! changed source replaces the article, and with it this), its spans checked against that body
//! wherever they are used, and its time expressions used only while the article's reference
//! date is the one they were resolved against.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ArticleId, EntityLabel, TimeValue, TimexType};

/// What an earlier extraction found in an article's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredExtraction {
    /// The extractor and its version, as its output named it ("dateline 0.1.0").
    pub extractor: String,
    /// The date the time expressions were resolved against.
    pub reference: Option<NaiveDate>,
    /// Length of the body it was found in, in bytes: a cheap check that it still fits.
    pub body_len: u32,
    /// The time expressions.
    pub timexes: Vec<StoredTimex>,
    /// The names.
    pub names: Vec<StoredName>,
}

/// A time expression found by an earlier extraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredTimex {
    /// First byte in the body.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// What it means.
    pub value: TimeValue,
}

/// A name found by an earlier extraction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredName {
    /// First byte in the body.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Its kind.
    pub label: EntityLabel,
    /// The canonical name within the article (a short form's full name).
    pub canonical: String,
}

impl StoredExtraction {
    /// Whether this was found in a body like `body`: of the same length (its spans are checked
    /// one by one where they are used).
    pub fn fits(&self, body: &str) -> bool {
        self.body_len as usize == body.len()
    }

    /// The words of a span in `body`, when the span lies on character boundaries inside it.
    pub fn words(body: &str, start: u32, end: u32) -> Option<&str> {
        (start < end)
            .then(|| body.get(start as usize..end as usize))
            .flatten()
    }
}

/// What the name finder reads of an article: its id, its body, and the names an earlier
/// extraction kept for it, if any.
#[derive(Clone, Debug)]
pub struct ArticleText {
    /// The article.
    pub id: ArticleId,
    /// Its body.
    pub body: Arc<str>,
    /// What an earlier extraction found in it.
    pub stored: Option<Arc<StoredExtraction>>,
}

impl ArticleText {
    /// A body with nothing kept from an earlier extraction.
    pub fn new(id: ArticleId, body: Arc<str>) -> Self {
        Self {
            id,
            body,
            stored: None,
        }
    }

    /// The kept extraction, when it fits the body.
    pub fn stored(&self) -> Option<&StoredExtraction> {
        self.stored.as_deref().filter(|s| s.fits(&self.body))
    }
}

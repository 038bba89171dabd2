//! Events on the research timeline: what happened, when (a time value with its precision), who
//! took part, and the sentences that say so.

use serde::{Deserialize, Serialize};

use super::{ArticleId, EntityKey, TextTarget, TimeValue};

/// An event's identity in the workspace; never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventId(pub u64);

/// A span of an article that supports an event: code points into the article's body, with the
/// words quoted so a changed source can be noticed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The article.
    pub article: ArticleId,
    /// First code point in the body.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The words at that span when the evidence was made; shared between the copies of a
    /// wire story counted once, whose evidence quotes the same sentence.
    pub quote: std::sync::Arc<str>,
}

/// Where an event came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventOrigin {
    /// Found by the machine around a time expression, then kept by the user (moved, edited,
    /// merged); `key` names the suggestion it replaces.
    Suggested {
        /// Which extractor and version suggested it: "clause-1".
        extractor: String,
        /// The suggestion it came from.
        key: SuggestionKey,
    },
    /// Made by the user.
    Manual,
}

/// Names a suggestion independently of the run that made it: the article and the time
/// expression (code points and words) it grew from. Stable across re-extraction while the text
/// stays the same.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SuggestionKey {
    /// The article.
    pub article: ArticleId,
    /// First code point of the time expression.
    pub start: usize,
    /// The expression's words.
    pub text: String,
}

/// Something that happened, placed in time, with who took part and where the text says so.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identity; suggestions not yet kept have `EventId(u64::MAX)`.
    pub id: EventId,
    /// A short title: who did what.
    pub title: String,
    /// When: a point or range with its precision and modifier.
    pub value: TimeValue,
    /// People, organisations and places involved.
    pub participants: Vec<EntityKey>,
    /// The spans of text that support it; several when articles were merged into one event.
    pub evidence: Vec<Evidence>,
    /// The user's notes.
    #[serde(default)]
    pub notes: String,
    /// Codebook tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Suggested by extraction, or made by the user.
    pub origin: EventOrigin,
    /// Its date was resolved against an assumed reference date (the file's date, or none).
    #[serde(default)]
    pub uncertain: bool,
}

impl From<TextTarget> for Evidence {
    /// The words a target points at, as evidence.
    fn from(target: TextTarget) -> Self {
        Self {
            article: target.article,
            start: target.start,
            end: target.end,
            quote: target.quote.into(),
        }
    }
}

impl Event {
    /// The id given to suggestions that are not (yet) stored in the workspace.
    pub const UNSTORED: EventId = EventId(u64::MAX);

    /// An event made by hand, not yet stored: a title and a time, nothing else yet.
    pub fn manual(title: impl Into<String>, value: TimeValue) -> Self {
        Self {
            id: Self::UNSTORED,
            title: title.into(),
            value,
            participants: Vec::new(),
            evidence: Vec::new(),
            notes: String::new(),
            tags: Vec::new(),
            origin: EventOrigin::Manual,
            uncertain: false,
        }
    }

    /// The suggestion this event is or replaces.
    pub fn suggestion_key(&self) -> Option<&SuggestionKey> {
        match &self.origin {
            EventOrigin::Suggested { key, .. } => Some(key),
            EventOrigin::Manual => None,
        }
    }

    /// The articles its evidence comes from, each once, in order.
    pub fn articles(&self) -> Vec<ArticleId> {
        let mut ids: Vec<ArticleId> = Vec::new();
        for e in &self.evidence {
            if !ids.contains(&e.article) {
                ids.push(e.article);
            }
        }
        ids
    }
}

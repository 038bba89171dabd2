//! One news article as Dateline holds it: where it came from, its text, and the structure that
//! ingest found in it.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PublishedAt;

/// Stable identity of an article inside one workspace. Never reused after a deletion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleId(pub u64);

/// The file format an article was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceFormat {
    /// Plain text as saved from a news site or delivered by a wire feed.
    Text,
    /// An HTML page.
    Html,
}

/// Where an article's text came from and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Path of the source file. Absolute in memory; the store writes it relative to the
    /// workspace file so that a workspace folder can move to another machine.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, lower-case hex: finds moved and changed sources.
    pub content_hash: String,
    /// Size of the source file in bytes.
    pub byte_len: u64,
    /// Name of the character encoding the bytes were decoded from ("UTF-8", "windows-1252", …).
    pub encoding: String,
    /// Text or HTML.
    pub format: SourceFormat,
    /// The day the file was last modified, a fallback reference date for undated articles.
    #[serde(default)]
    pub modified: Option<NaiveDate>,
}

/// The dateline that opens a wire story: "SEOUL, Nov. 23 (Yonhap) --".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place as written: "SEOUL", "PORTLAND, Maine".
    pub place: String,
    /// The date as written in the dateline, if any: "Nov. 23".
    pub date_text: Option<String>,
    /// The agency in parentheses, if any: "Yonhap", "AP".
    pub agency: Option<String>,
}

/// A news article: its source, its decoded text and its structure.
///
/// `raw_text` is the whole decoded file (line endings normalised) and never changes; `body` is
/// the clean article text without headline, date lines and site boilerplate. Offsets of later
/// annotations point into `body`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Identity inside the workspace.
    pub id: ArticleId,
    /// Where the text came from.
    pub source: SourceInfo,
    /// The decoded file text, boilerplate included.
    pub raw_text: std::sync::Arc<str>,
    /// The headline; the file name when the text has none.
    pub headline: String,
    /// When the article was published, as far as the text or the source tells.
    pub published: Option<PublishedAt>,
    /// The author line without its "By".
    pub byline: Option<String>,
    /// The dateline opening the story.
    pub dateline: Option<Dateline>,
    /// The news agency or publisher: "Yonhap", "Reuters", "AP", a site name.
    pub agency: Option<String>,
    /// The clean body text: paragraphs separated by one blank line.
    pub body: std::sync::Arc<str>,
    /// A reference date the user set for relative dates ("on Sunday") when the publication
    /// date is missing, partial or wrong.
    #[serde(default)]
    pub reference_override: Option<NaiveDate>,
}

/// Where an article's reference date for relative expressions comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceSource {
    /// The publication date in the text.
    Published,
    /// A date the user set.
    UserSet,
    /// The source file's modification date: a guess, so values derived from it are uncertain.
    FileDate,
}

impl ReferenceSource {
    /// True when values derived from this reference should be marked uncertain.
    pub fn is_uncertain(self) -> bool {
        self == ReferenceSource::FileDate
    }

    /// Words for the reader: "publication date".
    pub fn describe(self) -> &'static str {
        match self {
            ReferenceSource::Published => "publication date",
            ReferenceSource::UserSet => "date set by you",
            ReferenceSource::FileDate => "file date, assumed",
        }
    }
}

impl Article {
    /// The date relative expressions are resolved against: the user's date, else a full
    /// publication date, else the file's date (uncertain).
    pub fn reference_date(&self) -> Option<(NaiveDate, ReferenceSource)> {
        if let Some(date) = self.reference_override {
            return Some((date, ReferenceSource::UserSet));
        }
        if let Some(date) = self.published.as_ref().and_then(|p| p.date()) {
            return Some((date, ReferenceSource::Published));
        }
        self.source.modified.map(|d| (d, ReferenceSource::FileDate))
    }

    /// Words in the body, counted as `wc -w` counts them.
    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }

    /// The body split into its paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").filter(|p| !p.is_empty())
    }
}

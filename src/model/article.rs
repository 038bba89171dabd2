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
    /// The article's place (1-based) in a file that holds many (a database export, a feed):
    /// `export.rtf#3`. None for a file that is one article. `content_hash` and `byte_len`
    /// then describe the article's own part of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
}

impl SourceInfo {
    /// The path as a user names the article: `export.txt#3` for the third article of a file
    /// that holds many, the plain path otherwise.
    pub fn display_path(&self) -> String {
        self.item_path().display().to_string()
    }

    /// The path with `#N` for the Nth article of a file that holds many: how problems with
    /// single articles of such a file are listed.
    pub fn item_path(&self) -> PathBuf {
        match self.item {
            Some(n) => item_path(&self.path, n),
            None => self.path.clone(),
        }
    }
}

/// `path#n`: the Nth article of a file that holds many.
pub fn item_path(path: &std::path::Path, n: u32) -> PathBuf {
    let mut text = path.as_os_str().to_os_string();
    text.push(format!("#{n}"));
    PathBuf::from(text)
}

/// The file part of a path that may name one article of a file (`export.txt#3` gives
/// `export.txt`): how problems are tied to the file they came from.
pub fn item_file(path: &std::path::Path) -> &std::path::Path {
    let Some(text) = path.to_str() else {
        return path;
    };
    match text.rsplit_once('#') {
        Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            std::path::Path::new(file)
        }
        _ => path,
    }
}

/// What a news database or feed says about an article beyond its text: the outlet that
/// published it, its section, the word count it states, its language, the database's own id.
/// All empty for an article read from a plain text or HTML file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleMeta {
    /// The newspaper, site or programme: "The Guardian (London)", "Financial Times".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The section and page as the database gives them: "World; Pg. 4".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The language as the source names it: "English".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The database's own id: Factiva's accession number, a feed entry's guid, a Nexis
    /// document's content id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// The length the database states ("LENGTH: 612 words", "WC 612 words").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_words: Option<u32>,
    /// A feed entry that carries only a summary, not the article.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
}

impl ArticleMeta {
    /// True when nothing is known beyond the text.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// Nothing known beyond the text: what an article without [`ArticleMeta`] reads as.
static NO_META: ArticleMeta = ArticleMeta {
    outlet: None,
    section: None,
    language: None,
    source_id: None,
    stated_words: None,
    summary_only: false,
};

/// An article's [`ArticleMeta`], held on the heap only when there is some: plain text and HTML
/// files have none, and 112 bytes of nothing in each of 100,000 articles were 10 MB. Reads and
/// writes go through it as through the meta itself (`article.meta.outlet`); it is written to
/// and read from a workspace file exactly as the meta.
#[derive(Clone, Debug, Default)]
pub struct MetaSlot(Option<Box<ArticleMeta>>);

impl MetaSlot {
    /// True when nothing is known beyond the text.
    pub fn is_empty(&self) -> bool {
        ArticleMeta::is_empty(self)
    }
}

impl std::ops::Deref for MetaSlot {
    type Target = ArticleMeta;

    fn deref(&self) -> &ArticleMeta {
        self.0.as_deref().unwrap_or(&NO_META)
    }
}

impl std::ops::DerefMut for MetaSlot {
    fn deref_mut(&mut self) -> &mut ArticleMeta {
        self.0.get_or_insert_with(Box::default)
    }
}

impl PartialEq for MetaSlot {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl From<ArticleMeta> for MetaSlot {
    fn from(meta: ArticleMeta) -> Self {
        if meta.is_empty() {
            Self(None)
        } else {
            Self(Some(Box::new(meta)))
        }
    }
}

impl Serialize for MetaSlot {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ArticleMeta::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for MetaSlot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ArticleMeta::deserialize(deserializer).map(Self::from)
    }
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
/// `original` is the whole decoded file (line endings normalised) and never changes; `body` is
/// the clean article text without headline, date lines and site boilerplate. Offsets of later
/// annotations point into `body`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Identity inside the workspace.
    pub id: ArticleId,
    /// Where the text came from.
    pub source: SourceInfo,
    /// The decoded file text, boilerplate included, kept as its differences from `body`
    /// ([`Article::original_text`]). Workspace files before format 9 hold the text whole under
    /// `raw_text`; the loader encodes it.
    #[serde(alias = "raw_text")]
    pub original: super::OriginalText,
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
    /// For an article without a full publication date, the reference date its text suggests
    /// (`extract::timex::estimate_reference`), found when it was read; `None` when it has a
    /// date or its text names no year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_estimate: Option<super::ReferenceEstimate>,
    /// What a database export or feed says of the article (outlet, section, language, id).
    #[serde(default, skip_serializing_if = "MetaSlot::is_empty")]
    pub meta: MetaSlot,
    /// The names and time expressions an earlier extraction found in this body (an archive's
    /// batch run), kept so that they need not be found again; `None` for most articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted: Option<std::sync::Arc<super::StoredExtraction>>,
}

/// Where an article's reference date for relative expressions comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceSource {
    /// The publication date in the text.
    Published,
    /// A date the user set.
    UserSet,
    /// Estimated from the dates the text writes out (`Article::reference_estimate`): values
    /// derived from it are uncertain.
    Estimated,
    /// The source file's modification date: a guess, so values derived from it are uncertain.
    FileDate,
}

impl ReferenceSource {
    /// The word the command line's JSON uses: "published", "user", "estimated" or "file".
    pub fn code(self) -> &'static str {
        match self {
            ReferenceSource::Published => "published",
            ReferenceSource::UserSet => "user",
            ReferenceSource::Estimated => "estimated",
            ReferenceSource::FileDate => "file",
        }
    }

    /// True when values derived from this reference should be marked uncertain.
    pub fn is_uncertain(self) -> bool {
        matches!(self, ReferenceSource::FileDate | ReferenceSource::Estimated)
    }

    /// Words for the reader: "publication date".
    pub fn describe(self) -> &'static str {
        match self {
            ReferenceSource::Published => "publication date",
            ReferenceSource::UserSet => "date set by you",
            ReferenceSource::Estimated => "estimated from the text",
            ReferenceSource::FileDate => "file date, assumed",
        }
    }
}

impl Article {
    /// The date relative expressions are resolved against: the user's date, else a full
    /// publication date, else the file's date when the text's estimate admits it (or there is
    /// no estimate), else the estimate. The last two are uncertain.
    pub fn reference_date(&self) -> Option<(NaiveDate, ReferenceSource)> {
        if let Some(date) = self.reference_override {
            return Some((date, ReferenceSource::UserSet));
        }
        if let Some(date) = self.published.as_ref().and_then(|p| p.date()) {
            return Some((date, ReferenceSource::Published));
        }
        let file = self.source.modified;
        match &self.reference_estimate {
            Some(estimate) if !file.is_some_and(|d| estimate.admits(d)) => {
                Some((estimate.in_force().date, ReferenceSource::Estimated))
            }
            _ => file.map(|d| (d, ReferenceSource::FileDate)),
        }
    }

    /// How far the reference date can be trusted, from 0 to 1: a publication date or the
    /// user's 1; an estimate its own confidence; a file's date the estimate's confidence when
    /// the estimate admits it, else 0.1 (nothing in the text supports it).
    pub fn reference_confidence(&self) -> Option<f32> {
        let (_, source) = self.reference_date()?;
        Some(match source {
            ReferenceSource::Published | ReferenceSource::UserSet => 1.0,
            ReferenceSource::Estimated | ReferenceSource::FileDate => self
                .reference_estimate
                .as_ref()
                .map_or(0.1, |estimate| estimate.in_force().confidence),
        })
    }

    /// What the name finder reads of the article: id, body (shared) and kept extraction.
    pub fn text(&self) -> super::ArticleText {
        super::ArticleText {
            id: self.id,
            body: std::sync::Arc::clone(&self.body),
            stored: self.extracted.clone(),
        }
    }

    /// The kept extraction, when it fits the body.
    pub fn stored_extraction(&self) -> Option<&super::StoredExtraction> {
        self.extracted.as_deref().filter(|s| s.fits(&self.body))
    }

    /// The decoded file text, boilerplate included; `None` when the stored differences do not
    /// fit the body (a hand-edited workspace file).
    pub fn original_text(&self) -> Option<String> {
        self.original.decode(&self.body)
    }

    /// Words in the body, counted as `wc -w` counts them.
    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }

    /// Where the article was published, for the library's source column: the outlet a
    /// database names, else the agency or site.
    pub fn source_name(&self) -> Option<&str> {
        self.meta.outlet.as_deref().or(self.agency.as_deref())
    }

    /// The body split into its paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").filter(|p| !p.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_is_held_only_when_there_is_some() {
        let mut slot = MetaSlot::default();
        assert!(slot.0.is_none() && slot.is_empty());
        assert_eq!(slot.outlet, None);
        slot.outlet = Some("Harbour Gazette".into());
        assert!(slot.0.is_some() && !slot.is_empty());
        assert_eq!(slot.outlet.as_deref(), Some("Harbour Gazette"));
        // A slot emptied by hand equals one that never held anything.
        let mut emptied = slot.clone();
        emptied.outlet = None;
        assert_eq!(emptied, MetaSlot::default());
        assert!(MetaSlot::from(ArticleMeta::default()).0.is_none());
        assert!(std::mem::size_of::<MetaSlot>() < std::mem::size_of::<ArticleMeta>() / 8);
    }

    #[test]
    fn meta_is_written_and_read_as_the_meta_itself() {
        let meta = ArticleMeta {
            section: Some("World; Pg. 4".into()),
            stated_words: Some(612),
            ..Default::default()
        };
        let slot = MetaSlot::from(meta.clone());
        let text = ron::to_string(&slot).unwrap();
        assert_eq!(text, ron::to_string(&meta).unwrap());
        let back: MetaSlot = ron::from_str(&text).unwrap();
        assert_eq!(*back, meta);
        let none: MetaSlot = ron::from_str("()").unwrap();
        assert!(none.0.is_none());
    }
}

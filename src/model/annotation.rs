//! Stand-off annotations: a span of an article (code points, with the quoted words and some
//! context, as the W3C Web Annotation text position and quote selectors) and what the
//! researcher says of it: a name, a codebook tag, a note, or evidence of an event. Machine
//! suggestions the researcher accepted or rejected are kept the same way, so re-extraction
//! never undoes a decision.

use serde::{Deserialize, Serialize};

use super::{ArticleId, EntityKey, EventId};

/// An annotation's identity in the workspace; never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AnnotationId(pub u64);

/// A codebook tag's identity; never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TagId(pub u64);

/// How many characters of context a target keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// Where an annotation points: code points into an article's body, the words there, and the
/// words around them (to find the span again when the source changes).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextTarget {
    /// The article.
    pub article: ArticleId,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The words at the span.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after.
    pub suffix: String,
}

impl TextTarget {
    /// The target of code points `start..end` of `body`, quote and context taken from it;
    /// `None` when the span is empty or outside the body.
    pub fn new(article: ArticleId, body: &str, start: usize, end: usize) -> Option<Self> {
        let chars: Vec<char> = body.chars().collect();
        Self::in_chars(article, &chars, start, end)
    }

    /// [`TextTarget::new`] over a body already split into code points.
    pub fn in_chars(article: ArticleId, chars: &[char], start: usize, end: usize) -> Option<Self> {
        if start >= end || end > chars.len() {
            return None;
        }
        Some(Self {
            article,
            start,
            end,
            quote: chars[start..end].iter().collect(),
            prefix: chars[start.saturating_sub(CONTEXT_CHARS)..start]
                .iter()
                .collect(),
            suffix: chars[end..(end + CONTEXT_CHARS).min(chars.len())]
                .iter()
                .collect(),
        })
    }

    /// True when the spans share at least one code point.
    pub fn overlaps(&self, other: &TextTarget) -> bool {
        self.article == other.article && self.start < other.end && other.start < self.end
    }

    /// True when the code point `at` falls inside.
    pub fn contains(&self, article: ArticleId, at: usize) -> bool {
        self.article == article && self.start <= at && at < self.end
    }
}

/// What an annotation says of its span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnnotationBody {
    /// The words name this entity.
    Entity(EntityKey),
    /// A codebook tag.
    Tag(TagId),
    /// A note.
    Note(String),
    /// The words are evidence of this event.
    Evidence(EventId),
    /// The words are (accepted) or are not (rejected) a time expression: a decision on the
    /// engine's suggestion. Values the user gives live in `Workspace::timex_corrections`.
    TimeExpression,
}

/// Who made an annotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnnotationOrigin {
    /// Suggested by an extractor ("ner-1"), then decided on by the user.
    Suggested(String),
    /// Made by the user.
    Manual,
}

/// Where a suggestion stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AnnotationStatus {
    /// Not decided yet (suggestions the user has not touched are not stored at all).
    Suggested,
    /// The user agrees.
    Accepted,
    /// The user disagrees: it is not shown or counted, now or after re-extraction.
    Rejected,
}

/// A stand-off annotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Identity.
    pub id: AnnotationId,
    /// The span.
    pub target: TextTarget,
    /// What it says.
    pub body: AnnotationBody,
    /// Suggested or manual.
    pub origin: AnnotationOrigin,
    /// Accepted, rejected, or (for manual ones) accepted.
    pub status: AnnotationStatus,
}

impl Annotation {
    /// True for a rejected suggestion.
    pub fn is_rejected(&self) -> bool {
        self.status == AnnotationStatus::Rejected
    }
}

/// A tag of the codebook, in a hierarchy ("Diplomacy › Visit").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Identity.
    pub id: TagId,
    /// Its name within its parent.
    pub name: String,
    /// Its colour, RGB.
    pub colour: [u8; 3],
    /// The tag it sits under.
    pub parent: Option<TagId>,
}

/// The user's tags.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    /// Every tag, in the order made.
    pub tags: Vec<Tag>,
    /// The id the next tag gets.
    pub next_id: u64,
}

/// Colours given to new tags in turn: distinct in light and dark themes.
pub const TAG_COLOURS: [[u8; 3]; 8] = [
    [0xD9, 0x5F, 0x02],
    [0x1B, 0x9E, 0x77],
    [0x75, 0x70, 0xB3],
    [0xE7, 0x29, 0x8A],
    [0x66, 0xA6, 0x1E],
    [0xE6, 0xAB, 0x02],
    [0xA6, 0x76, 0x1D],
    [0x1F, 0x78, 0xB4],
];

impl Codebook {
    /// The tag with this id.
    pub fn tag(&self, id: TagId) -> Option<&Tag> {
        self.tags.iter().find(|t| t.id == id)
    }

    /// The tag's full name: "Diplomacy › Visit".
    pub fn path(&self, id: TagId) -> String {
        let mut parts = Vec::new();
        let mut at = self.tag(id);
        // Bounded: a damaged file with a parent cycle cannot loop forever.
        while let Some(tag) = at {
            parts.push(tag.name.as_str());
            if parts.len() > self.tags.len() {
                break;
            }
            at = tag.parent.and_then(|p| self.tag(p));
        }
        parts.reverse();
        parts.join(" › ")
    }

    /// True when `tag` is `ancestor` or sits below it.
    pub fn is_within(&self, tag: TagId, ancestor: TagId) -> bool {
        let mut at = Some(tag);
        for _ in 0..=self.tags.len() {
            match at {
                Some(t) if t == ancestor => return true,
                Some(t) => at = self.tag(t).and_then(|t| t.parent),
                None => return false,
            }
        }
        false
    }

    /// The tags in display order: each parent followed by its children, with their depth.
    pub fn tree(&self) -> Vec<(usize, &Tag)> {
        let mut out = Vec::new();
        fn walk<'a>(
            book: &'a Codebook,
            parent: Option<TagId>,
            depth: usize,
            out: &mut Vec<(usize, &'a Tag)>,
        ) {
            if depth > book.tags.len() {
                return;
            }
            for tag in book.tags.iter().filter(|t| t.parent == parent) {
                out.push((depth, tag));
                walk(book, Some(tag.id), depth + 1, out);
            }
        }
        walk(self, None, 0, &mut out);
        // Tags whose parent is missing (a damaged file) still show, at the top level.
        for tag in &self.tags {
            if !out.iter().any(|(_, t)| t.id == tag.id) {
                out.push((0, tag));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_quotes_its_words_and_context() {
        let body = "Liang arrived in Pyongyang on Sunday.";
        let t = TextTarget::new(ArticleId(1), body, 17, 26).unwrap_or_else(|| panic!());
        assert_eq!(t.quote, "Pyongyang");
        assert_eq!(t.prefix, "Liang arrived in ");
        assert_eq!(t.suffix, " on Sunday.");
        assert!(TextTarget::new(ArticleId(1), body, 5, 5).is_none());
        assert!(TextTarget::new(ArticleId(1), body, 5, 500).is_none());
    }

    #[test]
    fn codebook_paths_and_tree() {
        let tag = |id, name: &str, parent: Option<u64>| Tag {
            id: TagId(id),
            name: name.into(),
            colour: TAG_COLOURS[0],
            parent: parent.map(TagId),
        };
        let book = Codebook {
            tags: vec![
                tag(0, "Diplomacy", None),
                tag(1, "Visit", Some(0)),
                tag(2, "Military", None),
                tag(3, "Orphan", Some(99)),
            ],
            next_id: 4,
        };
        assert_eq!(book.path(TagId(1)), "Diplomacy › Visit");
        assert!(book.is_within(TagId(1), TagId(0)));
        assert!(!book.is_within(TagId(0), TagId(1)));
        let names: Vec<(usize, &str)> = book
            .tree()
            .iter()
            .map(|(d, t)| (*d, t.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (0, "Diplomacy"),
                (1, "Visit"),
                (0, "Military"),
                (0, "Orphan")
            ]
        );
    }
}

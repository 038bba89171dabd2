//! The domain as pure data: articles, their publication dates, import problems, events, edits
//! and the workspace aggregate. No egui, no files, no threads: everything here is tested as plain values.

mod anchor;
mod annotation;
mod article;
mod edit;
mod entities;
mod entity;
mod event;
mod family;
mod history;
mod original;
mod orphan;
mod published;
mod rebase;
mod reference_estimate;
mod remove_articles;
mod rescan;
mod source_match;
mod stored_extraction;
mod time_move;
pub use time_move::PRECISIONS;
mod time_value;
mod timex_correction;
mod workspace;

pub use anchor::{Anchored, reanchor, reanchor_in};
pub use annotation::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, CONTEXT_CHARS,
    Codebook, TAG_COLOURS, Tag, TagId, TextTarget,
};
pub use article::{
    Article, ArticleId, ArticleMeta, Dateline, MetaSlot, ReferenceSource, SourceFormat, SourceInfo,
    item_file, item_path,
};
pub use edit::{Edit, EditError, EditScope};
pub use entities::{
    EntityDecision, EntityKey, EntityResolver, MentionRecord, RegistryEntity, build_registry,
    resolve_key,
};
pub use entity::EntityLabel;
pub use event::{Event, EventId, EventOrigin, Evidence, SuggestionKey};
pub use family::FamilyDecision;
pub use history::{DEFAULT_DEPTH, History};
pub use original::OriginalText;
pub use orphan::{Orphan, OrphanItem, PlaceError};
pub use published::PublishedAt;
pub use rebase::{AnchorCounts, AnchorStatus, AnnotationAnchoring, Rebased, rebase_article};
pub use reference_estimate::{
    CorpusYear, EstimatePrecision, InForce, ReferenceEstimate, apply_corpus_changes, corpus_changes,
};
pub use rescan::{GONE_REASON, MovedSource, RescanReport, source_files, source_hashes};
pub use stored_extraction::{ArticleText, StoredExtraction, StoredName, StoredTimex};
pub use time_value::{
    Modifier, PartOfDay, Reference, Season, SetPeriod, TimePoint, TimeValue, TimexType, Unit,
};
pub use timex_correction::TimexCorrection;
pub use workspace::{ImportProblem, LEFT_OUT_REASON, MergeSummary, SavedSearch, Workspace};

/// An article with this source path, content hash and body, for unit tests.
#[cfg(test)]
pub(crate) fn test_article(path: &str, hash: &str, body: &str) -> Article {
    Article {
        id: ArticleId(0),
        source: SourceInfo {
            path: std::path::PathBuf::from(path),
            content_hash: hash.into(),
            byte_len: body.len() as u64,
            encoding: "UTF-8".into(),
            format: SourceFormat::Text,
            modified: None,
            item: None,
        },
        original: OriginalText::encode(body, body),
        headline: "x".into(),
        published: None,
        byline: None,
        dateline: None,
        agency: None,
        body: body.into(),
        reference_override: None,
        reference_estimate: None,
        meta: Default::default(),
        extracted: None,
    }
}

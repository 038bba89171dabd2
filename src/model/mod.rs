//! The domain as pure data: articles, their publication dates, import problems and the workspace
//! aggregate. No egui, no files, no threads: everything here is tested as plain values.

mod article;
mod entities;
mod entity;
mod published;
mod time_value;
mod timex_correction;
mod workspace;

pub use article::{Article, ArticleId, Dateline, ReferenceSource, SourceFormat, SourceInfo};
pub use entities::{
    EntityDecision, EntityKey, EntityResolver, MentionRecord, RegistryEntity, build_registry,
    resolve_key,
};
pub use entity::EntityLabel;
pub use published::PublishedAt;
pub use time_value::{
    Modifier, PartOfDay, Reference, Season, SetPeriod, TimePoint, TimeValue, TimexType, Unit,
};
pub use timex_correction::TimexCorrection;
pub use workspace::{ImportProblem, MergeSummary, Workspace};

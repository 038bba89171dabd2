//! The domain as pure data: articles, their publication dates, import problems and the workspace
//! aggregate. No egui, no files, no threads: everything here is tested as plain values.

mod article;
mod published;
mod time_value;
mod workspace;

pub use article::{Article, ArticleId, Dateline, SourceFormat, SourceInfo};
pub use published::PublishedAt;
pub use time_value::{
    Modifier, PartOfDay, Reference, Season, SetPeriod, TimePoint, TimeValue, Unit,
};
pub use workspace::{ImportProblem, MergeSummary, Workspace};

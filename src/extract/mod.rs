//! Article → suggestions. Pure functions over text, no files and no egui: time expressions
//! normalised against the publication date, names, and the events suggested from both.

pub mod entities;
pub mod events;
pub mod offsets;
pub mod timex;

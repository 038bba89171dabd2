//! Article → suggestions. Pure functions over text, no files and no egui: time expressions
//! normalised against the publication date (this issue), entities and events (later).

pub mod entities;
pub mod offsets;
pub mod timex;

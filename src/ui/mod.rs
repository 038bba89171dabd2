//! The panels. Each reads state, keeps only its own view state, and returns what the user asked
//! for as [`crate::command::Command`]s; none does IO.

pub mod access_name;
pub mod annotation_inspector;
pub mod busy;
pub mod codebook;
pub mod entities;
pub mod event_inspector;
pub mod file_browser;
pub mod focus_ring;
pub mod highlight;
pub mod inspector;
pub mod library;
pub mod library_index;
pub mod menu_bar;
pub mod orphans;
pub mod palette;
pub mod problems;
pub mod reader;
pub mod search;
pub mod selection_menu;
pub mod settings;
pub mod shortcuts;
pub mod status_bar;
pub mod theme;
pub mod timeline;
mod timeline_access;
pub mod versions;

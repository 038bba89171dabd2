//! Dateline: a desktop research workbench for people who study the news.
//!
//! # Module map
//! - [`model`]: the domain as pure data (articles, publication dates, the workspace).
//! - [`ingest`]: bytes and folders to articles: decoding, text/HTML/wire formats, structure.
//! - [`families`]: wire-story families (re-sends, updates and copies of one report), found by
//!   MinHash and verified exactly, with the user's decisions.
//! - [`search`]: the search index derived from the articles, the query language, hits with
//!   exact spans, keyword-in-context text and coding every hit.
//! - [`exchange`]: exports (CSV, REFI-QDA, W3C Web Annotation, brat, TimelineJS, iCalendar,
//!   TimeML) and annotation imports (REFI-QDA, W3C, brat).
//! - [`store`]: the RON workspace file: versioned format, atomic save, backups, recent list.
//! - [`jobs`]: background work with progress, cancel and a wake-up callback.
//! - [`cli`]: the headless commands (`import`, `extract`, `info`, `bench`).
//! - `app` and `ui` (feature `gui`): the eframe application and its panels.
//!
//! # Dependency rules
//! `model` depends on nothing else in the crate; `ingest` and `store` depend on `model`;
//! `search` on `model` and `extract`; `exchange` on `model`, `extract`, `ingest` and `store`;
//! `jobs` on `ingest` and `model`; `cli` on all of those; `app`/`ui` on everything. Only `app`
//! and `ui` know egui, so `cargo test --no-default-features` proves the core never touches it.
//!
//! # Failure handling
//! Every input from outside (files, workspace RON, command-line arguments) is untrusted:
//! problems become typed errors ([`ingest::IngestError`], [`store::StoreError`]) whose
//! `Display` is the message a user sees, with the path. Partial failures (one bad file in a
//! folder) are collected and the work goes on. Nothing panics on bad input.

pub mod browse;
pub mod cli;
pub mod exchange;
pub mod extract;
pub mod families;
pub mod ingest;
pub mod jobs;
pub mod logging;
pub mod model;
pub mod search;
pub mod store;
pub mod timeline;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod command;
#[cfg(feature = "gui")]
pub mod ui;

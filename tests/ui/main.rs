//! The real app driven headlessly through egui_kittest, by its widgets' labels: every window
//! test in one test binary, a module each. Each test binary links the whole window stack, so
//! fourteen of them made a clean `cargo test` take minutes of linking and gigabytes of disk.
#![cfg(feature = "gui")]
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod access;
mod annotate;
mod app;
mod exchange;
mod families;
mod file_browser;
mod palette;
mod recovery;
mod remove;
mod rescan;
mod scripts;
mod search;
mod settings;
mod timeline;

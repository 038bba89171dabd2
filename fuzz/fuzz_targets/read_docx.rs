//! Any bytes as a source file of one family (see `fuzz/checks/sources.rs`): read to its
//! articles and their names. Nothing may panic, and reading stays bounded.
#![no_main]

#[path = "../checks/sources.rs"]
mod sources;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| sources::read_as("read_docx", data));

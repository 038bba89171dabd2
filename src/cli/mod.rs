//! The headless commands: `import`, `extract`, `families`, `info`, `rescan` and `bench`, for batch users and for
//! measurement. They print to stdout and return an exit status; none needs a window.

pub mod anchors;
mod args;
mod bench;
mod bench_export;
mod bench_families;
mod bench_scale;
mod bench_search;
mod bench_sources;
mod commands;
pub mod exchange;
pub mod extract_stream;
pub mod families;
mod import_jsonl;
mod lcg;
mod ner;
pub mod rescan;
pub mod sample_exports;
pub mod search;
mod spec;
mod timeml;

pub use args::{ArgsError, Invocation, parse_args};
pub use bench_scale::{allocated_bytes, resident_bytes};
pub use commands::{EntityNaming, WorkspaceExtras, extract_record, run};
pub use lcg::Lcg;

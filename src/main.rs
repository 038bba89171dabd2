//! The `dateline` binary: parses the command line, then runs a headless command or the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match dateline::cli::parse_args(args) {
        Err(message) => {
            eprintln!("dateline: {message}\n\n{}", dateline::cli::USAGE);
            ExitCode::from(2)
        }
        #[cfg(feature = "gui")]
        Ok(dateline::cli::Invocation::Window { paths }) => dateline::app::run_window(paths),
        #[cfg(feature = "gui")]
        Ok(dateline::cli::Invocation::BenchTimeline { size }) => {
            dateline::app::bench_timeline(size)
        }
        #[cfg(feature = "gui")]
        Ok(dateline::cli::Invocation::BenchPanels { workspace }) => {
            dateline::app::bench_panels(&workspace)
        }
        #[cfg(feature = "gui")]
        Ok(dateline::cli::Invocation::BenchSearchTab { hits }) => {
            dateline::app::bench_search_tab(hits)
        }
        Ok(invocation) => dateline::cli::run(invocation),
    }
}

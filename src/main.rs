//! The `dateline` binary: parses the command line, then runs a headless command or the window.

use std::process::ExitCode;

/// jemalloc, whose background thread returns freed memory to the system (see `main`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    // Memory freed by the window's background rebuilds (names, events, the index) goes back
    // to the system within seconds, not at the next allocation that happens to purge it:
    // at Reuters ×5 the settled window holds 724 MB instead of 904. Best effort.
    #[cfg(not(target_env = "msvc"))]
    {
        let _ = tikv_jemalloc_ctl::max_background_threads::write(1);
        let _ = tikv_jemalloc_ctl::background_thread::write(true);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    // --verbose, anywhere (clap accepts it on every command): the log to stderr too, with more
    // detail, from before the arguments are parsed.
    let verbose = args.iter().any(|a| a == "--verbose");
    let config_dir = dateline::store::RecentWorkspaces::default_file()
        .and_then(|file| file.parent().map(std::path::Path::to_path_buf));
    dateline::logging::init(config_dir.as_deref(), verbose);
    match dateline::cli::parse_args(args) {
        Err(error) => error.report(),
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

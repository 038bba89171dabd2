//! Logs: `tracing` events go to `dateline.log` in Dateline's config folder (rotated by size:
//! past 2 MB at start it becomes `dateline.log.1`, and so on to `.5`) and, with `--verbose`,
//! to stderr as well. A panic, should one ever happen, is written there with the version and
//! where it happened. No egui: the window and the command line start it the same way.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::prelude::*;

/// A log file grows to this before the next start rotates it.
const ROTATE_AT_BYTES: u64 = 2 * 1024 * 1024;
/// Older logs kept: `dateline.log.1` … `dateline.log.5`.
const KEPT: usize = 5;

/// The log file in use, once [`init`] has run.
static LOG_FILE: OnceLock<PathBuf> = OnceLock::new();

/// Where the log is written, when it is.
pub fn log_file() -> Option<&'static Path> {
    LOG_FILE.get().map(PathBuf::as_path)
}

/// " (details in PATH)" naming the log, for messages about something that went wrong; empty
/// when there is no log.
pub fn see_log() -> String {
    log_file().map_or_else(String::new, |f| format!(" (details in {})", f.display()))
}

/// Moves `file` to `file.1` (and each older one up) when it has grown past `limit`.
pub fn rotate(file: &Path, limit: u64, kept: usize) {
    if std::fs::metadata(file).map_or(true, |m| m.len() <= limit) {
        return;
    }
    let numbered = |n: usize| {
        let mut name = file.as_os_str().to_os_string();
        name.push(format!(".{n}"));
        PathBuf::from(name)
    };
    let _ = std::fs::remove_file(numbered(kept));
    for n in (1..kept).rev() {
        let _ = std::fs::rename(numbered(n), numbered(n + 1));
    }
    let _ = std::fs::rename(file, numbered(1));
}

/// The log file shared by every thread.
#[derive(Clone)]
struct SharedFile(Arc<Mutex<File>>);

/// Writes through the lock.
struct Locked<'a>(&'a Mutex<File>);

impl Write for Locked<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut file) => file.write(bytes),
            Err(_) => Ok(bytes.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.lock() {
            Ok(mut file) => file.flush(),
            Err(_) => Ok(()),
        }
    }
}

impl<'a> MakeWriter<'a> for SharedFile {
    type Writer = Locked<'a>;
    fn make_writer(&'a self) -> Self::Writer {
        Locked(&self.0)
    }
}

/// Starts logging to `dateline.log` in `config_dir` (when given and writable) and, when
/// `verbose`, to stderr; installs the panic hook. Returns the log file. Calling it again does
/// nothing.
pub fn init(config_dir: Option<&Path>, verbose: bool) -> Option<PathBuf> {
    if let Some(file) = LOG_FILE.get() {
        return Some(file.clone());
    }
    let file = config_dir.and_then(|dir| {
        std::fs::create_dir_all(dir).ok()?;
        let path = dir.join("dateline.log");
        rotate(&path, ROTATE_AT_BYTES, KEPT);
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .ok()?;
        Some((path, SharedFile(Arc::new(Mutex::new(file)))))
    });
    let level = if verbose {
        tracing::Level::DEBUG
    } else {
        tracing::Level::INFO
    };
    let filter = tracing_subscriber::filter::Targets::new()
        .with_target("dateline", level)
        .with_default(tracing::Level::WARN);
    let file_layer = file.as_ref().map(|(_, writer)| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(writer.clone())
    });
    let stderr_layer =
        verbose.then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr));
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(file_layer)
        .with(stderr_layer)
        .try_init();
    install_panic_hook();
    let path = file.map(|(path, _)| path)?;
    let _ = LOG_FILE.set(path.clone());
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Dateline started");
    Some(path)
}

/// Writes a panic to the log with the version and place, then does what Rust does by default
/// (the message on stderr).
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_string();
        tracing::error!(
            version = env!("CARGO_PKG_VERSION"),
            thread,
            place,
            "panic: {message}"
        );
        default(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_log_is_rotated_and_the_oldest_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("dateline.log");
        for round in 0..4 {
            std::fs::write(&log, format!("round {round} {}", "x".repeat(100))).unwrap();
            rotate(&log, 50, 2);
        }
        assert!(!log.exists(), "moved aside");
        let read = |n: usize| std::fs::read_to_string(dir.path().join(format!("dateline.log.{n}")));
        assert!(read(1).unwrap().starts_with("round 3"));
        assert!(read(2).unwrap().starts_with("round 2"));
        assert!(read(3).is_err(), "only two kept");
        std::fs::write(&log, "small").unwrap();
        rotate(&log, 50, 2);
        assert!(log.exists(), "a small log stays");
    }
}

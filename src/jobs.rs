//! Background work: a named thread per job, shared progress counters, a cancel flag, and a
//! wake-up callback so the window redraws when something changed. The worker never touches the
//! workspace; its result is handed back and applied by the owner.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use crate::ingest::{
    ImportOutcome, ImportProgress, IngestOptions, SourceScan, import_paths, scan_sources,
};

/// Something to call when a job made progress: the window's `request_repaint`.
pub type WakeUp = Arc<dyn Fn() + Send + Sync>;

/// An import, or a rescan of a workspace's sources, running on its own thread.
pub struct ImportJob {
    progress: Arc<ImportProgress>,
    receiver: Receiver<SourceScan>,
    handle: Option<JoinHandle<()>>,
    /// What is being imported, for the status line.
    pub paths: Vec<PathBuf>,
    /// True for a rescan: its outcome is laid over the workspace with `apply_rescan`.
    pub rescan: bool,
}

/// A snapshot of an import's progress for drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportStatus {
    /// Files finished.
    pub done: usize,
    /// Files found; 0 while folders are still being listed.
    pub total: usize,
    /// The file being read.
    pub current: PathBuf,
    /// Cancel was asked for.
    pub cancelling: bool,
    /// A rescan rather than an import.
    pub rescan: bool,
}

impl ImportJob {
    /// Starts importing `paths` on a thread named "dateline-import".
    pub fn start(
        paths: Vec<PathBuf>,
        options: IngestOptions,
        wake: WakeUp,
    ) -> std::io::Result<Self> {
        let worker_paths = paths.clone();
        Self::spawn(paths, false, wake, move |progress, on_progress| {
            SourceScan {
                outcome: import_paths(&worker_paths, options, progress, on_progress),
                gone: Vec::new(),
                offline: false,
            }
        })
    }

    /// Starts reading a workspace's sources again: `paths` from `Workspace::rescan_paths`,
    /// `articles` the workspace's articles (to tell which files are gone, and which are
    /// unchanged: both listed on the import thread, not the UI thread).
    pub fn start_rescan(
        paths: Vec<PathBuf>,
        articles: Arc<Vec<crate::model::Article>>,
        options: IngestOptions,
        wake: WakeUp,
    ) -> std::io::Result<Self> {
        let worker_paths = paths.clone();
        Self::spawn(paths, true, wake, move |progress, on_progress| {
            let files = crate::model::source_files(&articles);
            let known = crate::model::source_hashes(&articles);
            scan_sources(
                &worker_paths,
                &files,
                &known,
                options,
                progress,
                on_progress,
            )
        })
    }

    fn spawn(
        paths: Vec<PathBuf>,
        rescan: bool,
        wake: WakeUp,
        work: impl FnOnce(&ImportProgress, &(dyn Fn() + Sync)) -> SourceScan + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Arc::new(ImportProgress::default());
        let (sender, receiver) = mpsc::channel();
        let worker_progress = Arc::clone(&progress);
        let handle = spawn_below_window("import", move || {
            let wake_inner = Arc::clone(&wake);
            let scan = work(&worker_progress, &move || wake_inner());
            // The receiver may be gone if the window closed; nothing to do then.
            let _ = sender.send(scan);
            wake();
        })?;
        Ok(Self {
            progress,
            receiver,
            handle: Some(handle),
            paths,
            rescan,
        })
    }

    /// Asks the import to stop; the files already read are still handed back.
    pub fn cancel(&self) {
        self.progress.request_cancel();
    }

    /// Current progress.
    pub fn status(&self) -> ImportStatus {
        ImportStatus {
            done: self.progress.done.load(Ordering::Relaxed),
            total: self.progress.total.load(Ordering::Relaxed),
            current: self.progress.current_file(),
            cancelling: self.progress.is_cancelled(),
            rescan: self.rescan,
        }
    }

    /// The outcome once the work finished; `None` while it runs. A worker that died yields
    /// a cancelled outcome with a problem saying so (so a rescan takes nothing for gone).
    pub fn try_finish(&mut self) -> Option<SourceScan> {
        match self.receiver.try_recv() {
            Ok(scan) => {
                if let Some(handle) = self.handle.take() {
                    let _ = handle.join();
                }
                Some(scan)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(SourceScan {
                outcome: ImportOutcome {
                    problems: vec![crate::model::ImportProblem {
                        path: self.paths.first().cloned().unwrap_or_default(),
                        reason: "the import stopped unexpectedly".into(),
                    }],
                    cancelled: true,
                    ..Default::default()
                },
                gone: Vec::new(),
                offline: false,
            }),
        }
    }
}

/// How far a counted task got, and the user's wish to stop it; shared with the work.
#[derive(Debug, Default)]
pub struct TaskProgress {
    /// Items done.
    pub done: std::sync::atomic::AtomicUsize,
    /// Items in all.
    pub total: usize,
    /// Set to stop: the work checks it before each item.
    pub cancel: std::sync::atomic::AtomicBool,
}

/// A one-off piece of work on a named thread (opening or saving a workspace) whose result is
/// collected by polling.
pub struct BackgroundTask<T> {
    receiver: Receiver<T>,
    /// What the task does, for the status line: "Saving research.ron".
    pub label: String,
    /// For a counted task, its progress and cancel flag.
    pub progress: Option<Arc<TaskProgress>>,
}

/// Niceness of background threads: a tenth of the weight of the thread drawing the window
/// when both want a core, yet not so low that other programs starve the work.
const BACKGROUND_NICENESS_PERCENT: u8 = 23;

/// The niceness [`BACKGROUND_NICENESS_PERCENT`] gives on Linux.
#[cfg(target_os = "linux")]
const BACKGROUND_NICENESS: i32 = 9;

/// The niceness of the calling thread, from /proc (`None` where it cannot be read).
#[cfg(target_os = "linux")]
fn niceness() -> Option<i32> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(16)?.parse().ok()
}

/// Lowers the calling thread's priority below the window's (to niceness 9 on Linux), so that
/// on a laptop's two cores the frames stay short while names, events, the index and the
/// families are found. Only ever lowers: Dateline started already niced (`nice dateline`, a
/// batch queue) keeps its background threads where they are. Best effort: a system that
/// refuses leaves the priority as it was.
pub fn lower_priority() {
    #[cfg(target_os = "linux")]
    if niceness().is_some_and(|n| n >= BACKGROUND_NICENESS) {
        return;
    }
    if let Ok(value) = thread_priority::ThreadPriorityValue::try_from(BACKGROUND_NICENESS_PERCENT) {
        let _ = thread_priority::set_current_thread_priority(
            thread_priority::ThreadPriority::Crossplatform(value),
        );
    }
}

/// Makes rayon's pool, which the background work runs its parallel parts on, start its threads
/// at [`lower_priority`]. Called once, before the first parallel work; a pool already built
/// is left as it is.
pub fn lower_pool_priority() {
    let _ = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("dateline-pool-{i}"))
        .start_handler(|_| lower_priority())
        .build_global();
}

impl<T: Send + 'static> BackgroundTask<T> {
    /// Runs `work` on a thread named `dateline-NAME`, calling `wake` when it is done.
    pub fn start(
        name: &str,
        label: String,
        wake: WakeUp,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        spawn_below_window(name, move || {
            let _ = sender.send(work());
            wake();
        })?;
        Ok(Self {
            receiver,
            label,
            progress: None,
        })
    }

    /// [`BackgroundTask::start`] for work over `total` items that counts them and can be
    /// cancelled: `work` gets the shared [`TaskProgress`].
    pub fn start_counted(
        name: &str,
        label: String,
        wake: WakeUp,
        total: usize,
        work: impl FnOnce(&TaskProgress) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Arc::new(TaskProgress {
            total,
            ..Default::default()
        });
        let shared = Arc::clone(&progress);
        let mut task = Self::start(name, label, wake, move || work(&shared))?;
        task.progress = Some(progress);
        Ok(task)
    }

    /// Asks a counted task to stop (it returns what it does when cancelled).
    pub fn cancel(&self) {
        if let Some(p) = &self.progress {
            p.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

impl<T> BackgroundTask<T> {
    /// Whether the work is done.
    pub fn poll(&self) -> TaskPoll<T> {
        match self.receiver.try_recv() {
            Ok(value) => TaskPoll::Done(value),
            Err(TryRecvError::Empty) => TaskPoll::Pending,
            Err(TryRecvError::Disconnected) => TaskPoll::Lost,
        }
    }
}

/// The state of a [`BackgroundTask`].
pub enum TaskPoll<T> {
    /// Still running.
    Pending,
    /// Finished with this result.
    Done(T),
    /// The worker ended without a result (it panicked).
    Lost,
}

/// Runs `work` on a thread named `dateline-NAME` below the window's priority: how every
/// background thread of Dateline starts (tasks with one result, the import, the search index
/// handing over its segments as they are built).
pub fn spawn_below_window(
    name: &str,
    work: impl FnOnce() + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name(format!("dateline-{name}"))
        .spawn(move || {
            lower_priority();
            work();
        })
}

/// Drops a large value on a thread of its own: freeing fifty thousand events takes longer
/// than a frame.
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    // If no thread can be made, the value goes with the closure that could not run.
    let _ = spawn_below_window("drop", move || drop(value));
}

#[cfg(test)]
mod tests {
    /// The niceness of the calling thread, from /proc.
    #[cfg(target_os = "linux")]
    fn niceness() -> i32 {
        super::niceness().unwrap_or(i32::MIN)
    }

    /// A background thread runs below the thread that draws: its niceness goes up (or stays
    /// at the lowest priority there is), and other threads keep theirs.
    #[cfg(target_os = "linux")]
    #[test]
    fn background_threads_run_below_the_window() {
        let before = niceness();
        assert_ne!(before, i32::MIN, "the niceness is read");
        let after = std::thread::spawn(|| {
            let own = niceness();
            super::lower_priority();
            (own, niceness())
        })
        .join()
        .unwrap_or((0, 0));
        // Lowered, or left where it was when already as low as the background goes.
        assert!(
            after.1 > after.0 || (after.0 >= 9 && after.1 == after.0),
            "{after:?}"
        );
        assert_eq!(niceness(), before, "the calling thread keeps its priority");
        // Every background thread starts through the same door.
        let (send, receive) = std::sync::mpsc::channel();
        super::spawn_below_window("probe", move || {
            let name = std::thread::current().name().map(str::to_string);
            let _ = send.send((name, niceness()));
        })
        .and_then(|h| h.join().map_err(|_| std::io::Error::other("panicked")))
        .unwrap_or_default();
        let (name, nice) = receive.recv().unwrap_or_default();
        assert_eq!(name.as_deref(), Some("dateline-probe"));
        assert!(
            nice > before || (before >= 9 && nice == before),
            "{nice} after {before}"
        );
    }
}

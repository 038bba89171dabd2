//! Native file dialogs. They block while open, so each runs on its own thread and its answer
//! comes back as a command through a channel; the window keeps drawing meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::Command;
use crate::jobs::WakeUp;

/// Which dialog to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a workspace file to open.
    OpenWorkspace,
    /// Pick a folder of articles.
    OpenFolder,
    /// Pick article files.
    AddFiles,
    /// Choose where to save the workspace.
    SaveAs,
    /// Choose where to export the timeline.
    ExportTimeline(crate::timeline::PictureFormat),
    /// Choose where to export research in a format; `true` for the search's articles only.
    Export(crate::exchange::ExportFormat, bool),
}

/// A dialog that answered in less than this was never shown: no one cancels that fast, and
/// rfd answers "cancelled" at once when the desktop has no xdg-desktop-portal.
const QUICKEST_ANSWER: std::time::Duration = std::time::Duration::from_millis(250);

/// What a closed dialog said.
#[derive(Debug)]
pub enum DialogReply {
    /// The user's answer: the command to run, or `None` when cancelled.
    Answer(Option<Command>),
    /// The system's dialog could not be shown: Dateline's own browser should open instead,
    /// for this kind, starting in this folder.
    Unavailable(DialogKind, Option<PathBuf>),
}

/// Runs dialogs off the UI thread and hands back their answers.
pub struct Dialogs {
    sender: Sender<DialogReply>,
    receiver: Receiver<DialogReply>,
    open: bool,
    /// Use Dateline's own browser without trying the system's dialog
    /// (`DATELINE_FILE_DIALOG=builtin`, and the tests).
    pub builtin_only: bool,
    /// The folder of the last pick, where the next dialog starts.
    pub last_folder: Option<PathBuf>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            open: false,
            builtin_only: std::env::var("DATELINE_FILE_DIALOG").is_ok_and(|v| v == "builtin"),
            last_folder: None,
        }
    }
}

/// The command a pick of `paths` in a `kind` dialog sends (`None` for an empty pick).
pub fn command_for(kind: DialogKind, mut paths: Vec<PathBuf>) -> Option<Command> {
    if paths.is_empty() {
        return None;
    }
    let first = paths.swap_remove(0);
    Some(match kind {
        DialogKind::OpenWorkspace => Command::OpenWorkspace(first),
        DialogKind::OpenFolder => Command::Import(vec![first]),
        DialogKind::AddFiles => {
            paths.insert(0, first);
            Command::Import(paths)
        }
        DialogKind::SaveAs => Command::SaveTo(with_ron_extension(first)),
        DialogKind::ExportTimeline(format) => {
            Command::ExportTimelineTo(super::with_export_extension(first, format), format)
        }
        DialogKind::Export(format, results) => Command::ExportTo(first, format, results),
    })
}

/// The title of a `kind` dialog.
pub fn title_of(kind: DialogKind) -> String {
    match kind {
        DialogKind::OpenWorkspace => "Open workspace".into(),
        DialogKind::OpenFolder => "Open a folder of articles".into(),
        DialogKind::AddFiles => "Add article files, exports, feeds or annotations".into(),
        DialogKind::SaveAs => "Save workspace as".into(),
        DialogKind::ExportTimeline(_) => "Export the timeline".into(),
        DialogKind::Export(format, _) => format.describe().into(),
    }
}

/// The file extensions a `kind` dialog offers (empty: every file).
pub fn extensions_of(kind: DialogKind) -> Vec<&'static str> {
    match kind {
        DialogKind::OpenWorkspace | DialogKind::SaveAs => vec!["ron"],
        DialogKind::AddFiles => [
            crate::ingest::ARTICLE_EXTENSIONS,
            &["jsonld", "qdpx", "ann"],
        ]
        .concat(),
        DialogKind::ExportTimeline(crate::timeline::PictureFormat::Svg) => vec!["svg"],
        DialogKind::ExportTimeline(crate::timeline::PictureFormat::Png) => vec!["png"],
        DialogKind::OpenFolder | DialogKind::Export(..) => Vec::new(),
    }
}

/// The file name a save dialog suggests.
pub fn suggested_name(kind: DialogKind) -> Option<String> {
    match kind {
        DialogKind::SaveAs => Some("research.ron".into()),
        DialogKind::ExportTimeline(format) => Some(super::export_file_name(format).to_string()),
        DialogKind::Export(format, _) => Some(super::exchange::export_name(format).to_string()),
        _ => None,
    }
}

impl Dialogs {
    /// Shows a dialog (or, with [`Dialogs::builtin_only`], asks for Dateline's own browser).
    /// Returns an error message when the dialog thread could not start.
    pub fn show(
        &mut self,
        kind: DialogKind,
        start_in: Option<PathBuf>,
        wake: WakeUp,
    ) -> Result<(), String> {
        if self.open {
            return Ok(());
        }
        let start_in = start_in.or_else(|| self.last_folder.clone());
        if self.builtin_only {
            let _ = self.sender.send(DialogReply::Unavailable(kind, start_in));
            self.open = true;
            wake();
            return Ok(());
        }
        let sender = self.sender.clone();
        std::thread::Builder::new()
            .name("dateline-dialog".into())
            .spawn(move || {
                let asked = std::time::Instant::now();
                let mut dialog = rfd::FileDialog::new().set_title(title_of(kind));
                if let Some(folder) = &start_in {
                    dialog = dialog.set_directory(folder);
                }
                let extensions = extensions_of(kind);
                if !extensions.is_empty() {
                    dialog = dialog.add_filter(title_of(kind), &extensions);
                }
                if let Some(name) = suggested_name(kind) {
                    dialog = dialog.set_file_name(name);
                }
                let picked: Option<Vec<PathBuf>> = match kind {
                    DialogKind::OpenWorkspace => dialog.pick_file().map(|p| vec![p]),
                    DialogKind::OpenFolder => dialog.pick_folder().map(|p| vec![p]),
                    DialogKind::AddFiles => dialog.pick_files(),
                    DialogKind::SaveAs | DialogKind::ExportTimeline(_) | DialogKind::Export(..) => {
                        dialog.save_file().map(|p| vec![p])
                    }
                };
                let reply = match picked {
                    Some(paths) => DialogReply::Answer(command_for(kind, paths)),
                    None if asked.elapsed() < QUICKEST_ANSWER => {
                        DialogReply::Unavailable(kind, start_in)
                    }
                    // Cancelled: the app still hears that the dialog closed.
                    None => DialogReply::Answer(None),
                };
                let _ = sender.send(reply);
                wake();
            })
            .map_err(|e| format!("could not show the file dialog: {e}"))?;
        self.open = true;
        Ok(())
    }

    /// The reply of a closed dialog, if one arrived.
    pub fn poll(&mut self) -> Option<DialogReply> {
        let reply = self.receiver.try_recv().ok()?;
        self.open = false;
        Some(reply)
    }

    /// Remembers the folder of a pick, for the next dialog.
    pub fn remember(&mut self, command: &Command) {
        let path = match command {
            Command::OpenWorkspace(p) | Command::SaveTo(p) => Some(p),
            Command::Import(paths) => paths.first(),
            Command::ExportTimelineTo(p, _) | Command::ExportTo(p, ..) => Some(p),
            _ => None,
        };
        if let Some(path) = path {
            self.last_folder = if path.is_dir() {
                Some(path.clone())
            } else {
                path.parent().map(std::path::Path::to_path_buf)
            };
        }
    }
}

fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".ron");
        path.with_file_name(name)
    }
}

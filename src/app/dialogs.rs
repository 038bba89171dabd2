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

/// Runs dialogs off the UI thread and hands back their answers.
pub struct Dialogs {
    sender: Sender<Option<Command>>,
    receiver: Receiver<Option<Command>>,
    open: bool,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            open: false,
        }
    }
}

impl Dialogs {
    /// Shows a dialog. Returns an error message when the dialog thread could not start.
    pub fn show(
        &mut self,
        kind: DialogKind,
        start_in: Option<PathBuf>,
        wake: WakeUp,
    ) -> Result<(), String> {
        if self.open {
            return Ok(());
        }
        let sender = self.sender.clone();
        std::thread::Builder::new()
            .name("dateline-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = start_in {
                    dialog = dialog.set_directory(folder);
                }
                let command = match kind {
                    DialogKind::OpenWorkspace => dialog
                        .set_title("Open workspace")
                        .add_filter("Dateline workspace", &["ron"])
                        .pick_file()
                        .map(Command::OpenWorkspace),
                    DialogKind::OpenFolder => dialog
                        .set_title("Open a folder of articles")
                        .pick_folder()
                        .map(|p| Command::Import(vec![p])),
                    DialogKind::AddFiles => dialog
                        .set_title("Add article files, exports, feeds or annotations")
                        .add_filter(
                            "Articles, exports, feeds and annotations",
                            &[
                                crate::ingest::ARTICLE_EXTENSIONS,
                                &["jsonld", "qdpx", "ann"],
                            ]
                            .concat(),
                        )
                        .pick_files()
                        .map(Command::Import),
                    DialogKind::SaveAs => dialog
                        .set_title("Save workspace as")
                        .add_filter("Dateline workspace", &["ron"])
                        .set_file_name("research.ron")
                        .save_file()
                        .map(|p| Command::SaveTo(with_ron_extension(p))),
                    DialogKind::ExportTimeline(format) => {
                        let (name, ext) = match format {
                            crate::timeline::PictureFormat::Svg => ("SVG image", "svg"),
                            crate::timeline::PictureFormat::Png => ("PNG image", "png"),
                        };
                        dialog
                            .set_title("Export the timeline")
                            .add_filter(name, &[ext])
                            .set_file_name(super::export_file_name(format))
                            .save_file()
                            .map(|p| {
                                Command::ExportTimelineTo(
                                    super::with_export_extension(p, format),
                                    format,
                                )
                            })
                    }
                    DialogKind::Export(format, results) => {
                        let dialog = dialog
                            .set_title(format.describe())
                            .set_file_name(super::exchange::export_name(format));
                        let dialog = match format {
                            crate::exchange::ExportFormat::W3c => {
                                dialog.add_filter("JSON-LD", &["jsonld"])
                            }
                            crate::exchange::ExportFormat::Ics => {
                                dialog.add_filter("iCalendar", &["ics"])
                            }
                            crate::exchange::ExportFormat::Qdpx => {
                                dialog.add_filter("REFI-QDA project", &["qdpx"])
                            }
                            crate::exchange::ExportFormat::TimelineJs => {
                                dialog.add_filter("JSON", &["json"])
                            }
                            // Folder formats: the name is the folder to make.
                            _ => dialog,
                        };
                        dialog
                            .save_file()
                            .map(|p| Command::ExportTo(p, format, results))
                    }
                };
                // `None` (cancelled, or no dialog service) still tells the app the dialog closed.
                let _ = sender.send(command);
                wake();
            })
            .map_err(|e| format!("could not show the file dialog: {e}"))?;
        self.open = true;
        Ok(())
    }

    /// The answer of a closed dialog, if one arrived: `Some(None)` when it was cancelled.
    pub fn poll(&mut self) -> Option<Option<Command>> {
        let answer = self.receiver.try_recv().ok()?;
        self.open = false;
        Some(answer)
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

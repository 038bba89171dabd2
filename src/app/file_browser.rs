//! Dateline's own file browser in place of the system's dialog when that cannot open (no
//! xdg-desktop-portal): opened for the dialog asked for, it lists folders with
//! `browse::list_folder` and sends the same command the system's dialog would have.

use std::path::PathBuf;

use super::DatelineApp;
use super::dialogs::{DialogKind, command_for, extensions_of, suggested_name, title_of};
use crate::browse::{list_folder, start_folder};
use crate::ui::file_browser::{BrowserAction, BrowserPick, FileBrowserView, file_browser_ui};

/// Said above the browser when the system's dialog did not open.
const NO_PORTAL: &str = "The system's file dialog did not open (is xdg-desktop-portal \
                         running?), so this is Dateline's own.";

impl DatelineApp {
    /// Opens Dateline's browser for a `kind` dialog, in `start_in` if it is a folder.
    pub(super) fn open_file_browser(&mut self, kind: DialogKind, start_in: Option<PathBuf>) {
        let folder = start_folder(start_in.as_deref());
        let pick = match kind {
            DialogKind::OpenFolder => BrowserPick::Folder,
            DialogKind::OpenWorkspace => BrowserPick::Files { multiple: false },
            DialogKind::AddFiles => BrowserPick::Files { multiple: true },
            DialogKind::SaveAs | DialogKind::ExportTimeline(_) | DialogKind::Export(..) => {
                BrowserPick::Save
            }
        };
        let listing = list_folder(&folder, &extensions_of(kind));
        let mut view = FileBrowserView::new(title_of(kind), pick, folder, listing);
        view.name = suggested_name(kind).unwrap_or_default();
        if !self.dialogs.builtin_only {
            view.note = NO_PORTAL.into();
        }
        self.file_browser = Some((kind, view));
    }

    /// Draws the browser when it is open and acts on what was asked of it.
    pub(super) fn file_browser_frame(&mut self, ctx: &egui::Context) {
        let Some((kind, view)) = self.file_browser.as_mut() else {
            return;
        };
        let kind = *kind;
        match file_browser_ui(ctx, view) {
            None => {}
            Some(BrowserAction::Open(folder)) => {
                let listing = list_folder(&folder, &extensions_of(kind));
                view.show_folder(folder, listing);
            }
            Some(BrowserAction::Choose(paths)) => {
                self.file_browser = None;
                if let Some(command) = command_for(kind, paths) {
                    self.dialogs.remember(&command);
                    self.queue.push(command);
                }
            }
            Some(BrowserAction::Cancel) => {
                self.file_browser = None;
                // A cancelled "Save as…" also cancels what was waiting for the save.
                self.after_save = None;
            }
        }
    }

    /// Where the next file dialog starts (until a pick moves it).
    pub fn remember_folder(&mut self, folder: PathBuf) {
        self.dialogs.last_folder = Some(folder);
    }

    /// Use Dateline's own file browser without trying the system's dialog (as
    /// `DATELINE_FILE_DIALOG=builtin` does).
    pub fn use_builtin_file_browser(&mut self) {
        self.dialogs.builtin_only = true;
    }
}

//! Everything the user can ask the app to do, as values, and the action table that names them
//! for menus, shortcuts and the command palette. Panels, menus, shortcuts, drops and the
//! command line all push these onto one queue, drained once per frame by the app. It sits
//! below both `ui` (which sends commands) and `app` (which carries them out), so neither
//! panel imports the app.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use chrono::NaiveDate;

use crate::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationStatus, ArticleId, EntityKey, EntityLabel,
    Event, Evidence, Tag, TagId, TextTarget, TimexCorrection,
};
use crate::timeline::PictureFormat;
use crate::timeline::lanes::EventRef;

/// A request from the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start an empty workspace (asks about unsaved changes first).
    NewWorkspace,
    /// Show the open-workspace dialog.
    OpenWorkspaceDialog,
    /// Show the folder dialog and import the chosen folder.
    OpenFolderDialog,
    /// Show the file dialog and import the chosen article files.
    AddFilesDialog,
    /// Save to the current file, or ask for one.
    Save,
    /// Ask for a file and save there.
    SaveAsDialog,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Open paths as given on the command line or dropped: a `.ron` file opens as the
    /// workspace, anything else is imported.
    OpenPaths(Vec<PathBuf>),
    /// Open this workspace file (asks about unsaved changes first).
    OpenWorkspace(PathBuf),
    /// Open a backup of the workspace file in its place (unsaved until saved).
    OpenBackup(PathBuf),
    /// Look for unsaved work of this workspace (or of an untitled one) left by a run that
    /// ended in a crash, and offer it back; say so when there is none.
    RecoverUnsavedWork,
    /// Import these folders and files into the workspace.
    Import(Vec<PathBuf>),
    /// Stop the running import.
    CancelImport,
    /// Read the workspace's source folders again: new, changed, moved and gone files.
    RescanSources,
    /// Put an orphan (by its position) back on code points `start..end` of an article.
    PlaceOrphan(usize, ArticleId, usize, usize),
    /// Delete orphan number `.0`.
    DeleteOrphan(usize),
    /// Select an article, or clear the selection.
    SelectArticle(Option<ArticleId>),
    /// Select the next article in the library's order.
    SelectNext,
    /// Select the previous article in the library's order.
    SelectPrevious,
    /// Show the original file text instead of the clean body, or back.
    ToggleOriginal,
    /// Count each report once (a family's versions as one), or every copy.
    SetCountOnce(bool),
    /// Open the Versions view on this article's family.
    OpenVersions(crate::model::ArticleId),
    /// Compare these two versions (positions in the family: left, right).
    CompareVersions(usize, usize),
    /// Close the Versions view.
    CloseVersions,
    /// Record a decision on which articles are the same report.
    DecideFamily(crate::model::FamilyDecision),
    /// Remove these articles from the workspace, with the work on them (undoable).
    RemoveArticles(Vec<crate::model::ArticleId>),
    /// Remove the selected article from the workspace (undoable).
    RemoveSelectedArticle,
    /// Copy one version's annotations to the same words of others, as one undoable step.
    CopyAnnotations {
        /// The version annotated.
        from: crate::model::ArticleId,
        /// The versions to copy to.
        to: Vec<crate::model::ArticleId>,
    },
    /// Colour names in the reader, or not.
    ToggleNames,
    /// Close the window (asks about unsaved changes first).
    Quit,
    /// Select a time expression of the current article by its byte span, or clear.
    SelectTimex(Option<(usize, usize)>),
    /// Keep the user's value for a time expression.
    CorrectTimex(TimexCorrection),
    /// Drop the user's value for the expression at these code points of an article's body.
    RevertTimex(ArticleId, usize, usize),
    /// Correct an article's headline.
    SetHeadline(ArticleId, String),
    /// Set or clear the date an article's relative expressions are resolved against.
    SetReferenceDate(ArticleId, Option<NaiveDate>),
    /// Select an entity (or clear); with `true`, add it to the selection instead.
    SelectEntity(Option<EntityKey>, bool),
    /// Make these entities one, keeping the first.
    MergeEntities(Vec<EntityKey>),
    /// Show an entity under another name.
    RenameEntity(EntityKey, String),
    /// Change an entity's kind.
    RetypeEntity(EntityKey, EntityLabel),
    /// Give the mentions written this way their own entity.
    SplitEntity(EntityKey, String),
    /// Hide an entity, or show it again.
    HideEntity(EntityKey, bool),
    /// Select an event (opens its evidence in the reader), or clear.
    SelectEvent(Option<EventRef>),
    /// Open an article at a passage of evidence and flash it.
    OpenEvidence(Evidence),
    /// Give an event new contents (a drag, an edit in the inspector); a suggestion is kept as
    /// the user's event.
    UpdateEvent(EventRef, Box<Event>),
    /// Add a new event made by the user and select it.
    CreateEvent(Box<Event>),
    /// Delete an event; a suggestion is dismissed and stays away after re-extraction.
    DeleteEvent(EventRef),
    /// Make these events one: the first keeps its title and value and gains the others'
    /// evidence, participants and tags.
    MergeEvents(Vec<EventRef>),
    /// Annotate a span: a name, a tag, a note or evidence.
    Annotate(TextTarget, AnnotationBody),
    /// Make a timeline event of the date in a span (or the article's reference date).
    EventFromText(TextTarget),
    /// Select an annotation for the inspector, or clear.
    SelectAnnotation(Option<AnnotationId>),
    /// Give an annotation new contents (a note's text, another tag).
    UpdateAnnotation(Annotation),
    /// Delete an annotation.
    DeleteAnnotation(AnnotationId),
    /// Accept or reject a machine suggestion (a name or a time expression) at a span.
    Decide(TextTarget, AnnotationBody, AnnotationStatus),
    /// Accept or reject every undecided suggestion of an article.
    DecideAll(ArticleId, AnnotationStatus),
    /// Select a suggested name or time expression in the reader (byte span), or clear.
    SelectSuggestion(Option<(usize, usize)>),
    /// Make a codebook tag under a parent.
    CreateTag(String, Option<TagId>),
    /// Rename, recolour or move a tag.
    UpdateTag(Tag),
    /// Put every use of the first tag on the second and delete the first.
    MergeTags(TagId, TagId),
    /// Delete a tag, its children and every annotation with them (the panel asks first).
    DeleteTag(TagId),
    /// Undo the last change to the workspace.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Ask where to export the timeline's current view.
    ExportTimelineDialog(PictureFormat),
    /// Export the timeline's current view to this file.
    ExportTimelineTo(PathBuf, PictureFormat),
    /// Show the Search tab with the keyboard in its field.
    FocusSearch,
    /// Search for this query (the Search tab shows it).
    RunSearch(String),
    /// Open a hit in the reader, scrolled to and selected.
    OpenHit(crate::search::Hit),
    /// Narrow the library, entity counts and timeline to the search results, or widen them.
    ShowOnlyResults(bool),
    /// Show how many passages coding every hit would touch, and ask.
    PreviewCoding(crate::search::CodeAs, crate::search::Unit),
    /// The same, coding the hits as mentions of the entity with this name.
    PreviewCodingAsEntity(String, crate::search::Unit),
    /// Code every hit as previewed (one undoable step).
    ConfirmCoding,
    /// Drop the previewed coding.
    CancelCoding,
    /// Keep a search in the workspace: name, query.
    SaveSearch(String, String),
    /// Delete saved search number `.0`.
    DeleteSavedSearch(usize),
    /// Open the find bar over the reader (Ctrl+F).
    OpenFind,
    /// Ask where to export in a format (`true`: only the search's articles).
    ExportDialog(crate::exchange::ExportFormat, bool),
    /// Export in a format to this file or folder (`true`: only the search's articles).
    ExportTo(PathBuf, crate::exchange::ExportFormat, bool),
    /// Stop the running export; nothing is written.
    CancelExport,
    /// Stop finding names and events in the background (until resumed).
    StopExtraction,
    /// Find names and events again after they were stopped.
    ResumeExtraction,
    /// Show the next (true) or previous match of the find bar.
    FindStep(bool),
    /// Close the find bar.
    CloseFind,
    /// Open the command palette (Ctrl+Shift+P, F1).
    OpenPalette,
    /// Show every keyboard shortcut (Help › Keyboard shortcuts).
    ShowShortcuts,
    /// Show the Settings window.
    ShowSettings,
    /// Set the reader's font size in points (kept in range).
    SetReaderFontSize(f32),
}

/// A menu action: its label, its shortcut, and the command it sends. Menus and keyboard
/// handling read the same table, so they cannot disagree.
pub struct Action {
    /// Menu label, sentence case, "…" when a dialog follows.
    pub label: &'static str,
    /// The keyboard shortcut.
    pub shortcut: Option<KeyboardShortcut>,
    /// What it does.
    pub command: Command,
}

const fn shortcut(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const COMMAND_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// The File menu, in order.
pub fn file_actions() -> Vec<Action> {
    vec![
        Action {
            label: "New workspace",
            shortcut: shortcut(Modifiers::COMMAND, Key::N),
            command: Command::NewWorkspace,
        },
        Action {
            label: "Open workspace…",
            shortcut: shortcut(Modifiers::COMMAND, Key::O),
            command: Command::OpenWorkspaceDialog,
        },
        Action {
            label: "Open folder…",
            shortcut: shortcut(COMMAND_SHIFT, Key::O),
            command: Command::OpenFolderDialog,
        },
        Action {
            label: "Add files…",
            shortcut: None,
            command: Command::AddFilesDialog,
        },
        Action {
            label: "Rescan sources",
            shortcut: shortcut(Modifiers::NONE, Key::F5),
            command: Command::RescanSources,
        },
        Action {
            label: "Recover unsaved work…",
            shortcut: None,
            command: Command::RecoverUnsavedWork,
        },
        Action {
            label: "Save",
            shortcut: shortcut(Modifiers::COMMAND, Key::S),
            command: Command::Save,
        },
        Action {
            label: "Save as…",
            shortcut: shortcut(COMMAND_SHIFT, Key::S),
            command: Command::SaveAsDialog,
        },
    ]
}

/// The Edit menu, in order. Its shortcuts work only when no text field has the keyboard (a
/// text field's own Ctrl+Z undoes typing).
pub fn edit_actions() -> Vec<Action> {
    vec![
        Action {
            label: "Undo",
            shortcut: shortcut(Modifiers::COMMAND, Key::Z),
            command: Command::Undo,
        },
        Action {
            label: "Redo",
            shortcut: shortcut(COMMAND_SHIFT, Key::Z),
            command: Command::Redo,
        },
        Action {
            label: "Remove article from workspace",
            shortcut: None,
            command: Command::RemoveSelectedArticle,
        },
    ]
}

/// The Search menu, in order.
pub fn search_actions() -> Vec<Action> {
    vec![
        Action {
            label: "Search all articles",
            shortcut: shortcut(COMMAND_SHIFT, Key::F),
            command: Command::FocusSearch,
        },
        Action {
            label: "Find in article",
            shortcut: shortcut(Modifiers::COMMAND, Key::F),
            command: Command::OpenFind,
        },
    ]
}

/// The View menu's actions and the others no menu lists with a shortcut.
pub fn view_actions() -> Vec<Action> {
    vec![
        Action {
            label: "Command palette…",
            shortcut: shortcut(COMMAND_SHIFT, Key::P),
            command: Command::OpenPalette,
        },
        Action {
            label: "Keyboard shortcuts",
            shortcut: None,
            command: Command::ShowShortcuts,
        },
        Action {
            label: "Settings…",
            shortcut: shortcut(Modifiers::COMMAND, Key::Comma),
            command: Command::ShowSettings,
        },
        Action {
            label: "Next article",
            shortcut: shortcut(Modifiers::NONE, Key::J),
            command: Command::SelectNext,
        },
        Action {
            label: "Previous article",
            shortcut: shortcut(Modifiers::NONE, Key::K),
            command: Command::SelectPrevious,
        },
        Action {
            label: "Show the original file text, or the clean body",
            shortcut: None,
            command: Command::ToggleOriginal,
        },
        Action {
            label: "Colour names in the reader, or not",
            shortcut: None,
            command: Command::ToggleNames,
        },
        Action {
            label: "Stop finding names and events",
            shortcut: None,
            command: Command::StopExtraction,
        },
        Action {
            label: "Find names and events again",
            shortcut: None,
            command: Command::ResumeExtraction,
        },
        Action {
            label: "Cancel the import",
            shortcut: None,
            command: Command::CancelImport,
        },
        Action {
            label: "Quit",
            shortcut: shortcut(Modifiers::COMMAND, Key::Q),
            command: Command::Quit,
        },
    ]
}

/// Every action, for the command palette and Help › Keyboard shortcuts: the menus' tables,
/// the view actions, and one export per format.
pub fn all_actions() -> Vec<Action> {
    let mut actions = file_actions();
    actions.extend(edit_actions());
    actions.extend(search_actions());
    actions.extend(view_actions());
    for format in crate::exchange::ExportFormat::ALL {
        actions.push(Action {
            label: export_label(format),
            shortcut: None,
            command: Command::ExportDialog(format, false),
        });
    }
    actions
}

/// The palette's name for exporting every article in `format`.
fn export_label(format: crate::exchange::ExportFormat) -> &'static str {
    use crate::exchange::ExportFormat;
    match format {
        ExportFormat::Csv => "Export CSV tables for R, pandas, Stata and Excel…",
        ExportFormat::W3c => "Export W3C Web Annotation JSON-LD…",
        ExportFormat::Ics => "Export iCalendar events…",
        ExportFormat::TimelineJs => "Export a TimelineJS timeline…",
        ExportFormat::Timeml => "Export TimeML…",
        ExportFormat::Brat => "Export brat standoff…",
        ExportFormat::BratInception => "Export brat standoff for INCEpTION…",
        ExportFormat::Qdpx => "Export a REFI-QDA project (MAXQDA, NVivo, ATLAS.ti)…",
    }
}

/// Keys that act on what is selected or open, with what they do, for Help › Keyboard
/// shortcuts (the window's keyboard handling reads the same keys).
pub const CONTEXT_KEYS: &[(&str, &str)] = &[
    ("F1", "Command palette"),
    (
        "Left, Right",
        "Timeline: the event before or after the selected one in time",
    ),
    ("Enter", "Timeline: open the selected event's evidence"),
    ("Delete", "Delete the selected annotation or event"),
    (
        "Enter",
        "Accept the selected suggestion (a name or a date in the reader)",
    ),
    ("Backspace", "Reject the selected suggestion"),
    (
        "Escape",
        "Clear the selection; close the palette or the find bar",
    ),
    ("Up, Down, Enter", "In the palette: move, then run"),
    (
        "Ctrl+Plus, Ctrl+Minus, Ctrl+0",
        "Zoom the window in, out, back",
    ),
];

/// Shortcuts that work only when no text field has the keyboard.
pub fn navigation_keys() -> [(Key, Command); 2] {
    [
        (Key::J, Command::SelectNext),
        (Key::K, Command::SelectPrevious),
    ]
}

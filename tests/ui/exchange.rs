//! Annotation files opened in the window: a W3C file and a REFI-QDA project dropped on it
//! (as `Command::OpenPaths` from a drop) land on the articles as one undoable step.

use crate::common::{folder_with, settle, window_with_import};

use dateline::command::Command;
use dateline::exchange::{ExportData, ExportFormat, export};
use dateline::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, Codebook, Tag,
    TagId,
};

const STORY: &str = "Port talks resume\n\nMay 2, 2022\n\nBUSAN, May 2 (Yonhap) -- Talks on the port \
resumed on Monday. The unions agreed on wages.\n";

#[test]
fn dropped_annotation_files_land_on_the_articles_and_undo_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder_with(dir.path(), "news", &[("busan.txt", STORY)]);
    let mut harness = window_with_import(&folder, Some(1.0 / 60.0));
    // Another copy of the research: the same article, coded, exported as W3C and REFI-QDA.
    let mut other = harness.state().workspace().clone();
    other.codebook = Codebook {
        tags: vec![Tag {
            id: TagId(0),
            name: "Labour".into(),
            colour: [0x11, 0x22, 0x33],
            parent: None,
        }],
        next_id: 1,
    };
    let article = other.articles[0].clone();
    other.annotations_mut().push(Annotation {
        id: AnnotationId(0),
        target: crate::common::target_of(&article, "agreed on wages"),
        body: AnnotationBody::Tag(TagId(0)),
        origin: AnnotationOrigin::Manual,
        status: AnnotationStatus::Accepted,
    });
    other.next_annotation_id = 1;
    let data = ExportData::new(&other, None);
    let w3c = dir.path().join("coded.jsonld");
    let qdpx = dir.path().join("coded.qdpx");
    export(&data, ExportFormat::W3c, &w3c).unwrap();
    export(&data, ExportFormat::Qdpx, &qdpx).unwrap();

    harness.state_mut().send(Command::OpenPaths(vec![w3c]));
    harness.step();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.workspace().annotations.len(), 1);
    assert_eq!(
        app.workspace().annotations[0].target.quote,
        "agreed on wages"
    );
    assert_eq!(app.workspace().codebook.tags[0].colour, [0x11, 0x22, 0x33]);
    assert!(
        app.status_message()
            .unwrap()
            .contains("1 annotations placed"),
        "{:?}",
        app.status_message()
    );
    assert!(app.document().is_unsaved());

    // The same coding from the project is already there: nothing is added twice.
    harness.state_mut().send(Command::OpenPaths(vec![qdpx]));
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().workspace().annotations.len(), 1);
    assert!(
        harness
            .state()
            .status_message()
            .unwrap()
            .contains("1 already there")
    );

    // One undo takes the W3C import back, tag and all.
    harness.state_mut().send(Command::Undo);
    harness.run_steps(2);
    assert!(harness.state().workspace().annotations.is_empty());
    assert!(harness.state().workspace().codebook.tags.is_empty());
    assert_eq!(
        harness.state().workspace().articles.len(),
        1,
        "the articles stay"
    );
}

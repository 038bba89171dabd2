//! A save killed part-way (the `dateline` process itself, killed while it writes) leaves the
//! previous workspace file exactly as it was, and it still loads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_save_killed_mid_write_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    std::fs::create_dir_all(&small).unwrap();
    std::fs::write(
        small.join("a.txt"),
        "Envoys meet\n\nSEOUL, May 2 (Yonhap) -- Envoys met on Monday.\n",
    )
    .unwrap();
    let path = dir.path().join("research.ron");
    let status = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["import", "small", "-o", "research.ron"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let before = std::fs::read(&path).unwrap();

    // A big import into the same workspace: its save takes long enough to be caught writing.
    let big = dir.path().join("big");
    std::fs::create_dir_all(&big).unwrap();
    let paragraph = "The delegation met officials in the capital on Monday and talks went on. ";
    for n in 0..200 {
        std::fs::write(
            big.join(format!("{n}.txt")),
            format!("Story {n}\n\n{}", paragraph.repeat(2_000)),
        )
        .unwrap();
    }
    let mut caught = 0;
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["import", "big", "-o", "research.ron"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let temp = dir.path().join(format!(".research.ron.tmp-{}", child.id()));
        let deadline = Instant::now() + Duration::from_secs(120);
        while !temp.exists() && Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let writing = temp.exists();
        child.kill().ok();
        child.wait().unwrap();
        if !writing {
            // It finished before we saw it write: start again from the small file.
            std::fs::write(&path, &before).unwrap();
            continue;
        }
        caught += 1;
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the file was touched"
        );
        let loaded = dateline::store::load_workspace(&path).unwrap();
        assert_eq!(loaded.articles.len(), 1);
        let _ = std::fs::remove_file(&temp);
        break;
    }
    assert!(caught > 0, "never caught a save in the middle of writing");
}

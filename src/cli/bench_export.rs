//! `dateline bench export DIR…`: every export format of the articles under DIR with 50,000
//! tag annotations (the hits of a common word, coded as the Search tab codes them), timed,
//! next to `cat | wc -w` over the same files run from the same process.

use std::path::PathBuf;
use std::time::Instant;

use super::bench::{baseline, files_and_articles};
use crate::exchange::{ExportData, ExportFormat, export};
use crate::model::{Codebook, Tag, TagId, Workspace};
use crate::search::{CodeAs, Context, Unit, build_index_now, parse, plan_coding, search};

/// Annotations the benchmark makes.
const ANNOTATIONS: usize = 50_000;

/// Runs the benchmark and prints its table.
pub fn bench_export(inputs: &[PathBuf]) -> Result<(), String> {
    let (files, outcome) = files_and_articles(inputs)?;
    let (_, cat_time) = baseline(&files)?;
    let mut workspace = Workspace::default();
    workspace.merge_import(outcome.articles, Vec::new());
    workspace.codebook = Codebook {
        tags: vec![Tag {
            id: TagId(0),
            name: "Said".into(),
            colour: [0xD9, 0x5F, 0x02],
            parent: None,
        }],
        next_id: 1,
    };
    let index = build_index_now(&workspace.articles, &[]);
    let query = parse("said OR says OR told").map_err(|e| e.to_string())?;
    let mut hits = search(&query, &Context::without_names(&index, &workspace)).hits;
    hits.truncate(ANNOTATIONS);
    let plan = plan_coding(&workspace, &index, &hits, &CodeAs::Tag(TagId(0)), Unit::Hit);
    if let Some(edit) = plan.edit {
        edit.apply(&mut workspace).map_err(|e| e.to_string())?;
    }
    println!(
        "{} articles, {} annotations; cat | wc -w over the files: {:.3} s",
        workspace.articles.len(),
        workspace.annotations.len(),
        cat_time.as_secs_f64()
    );
    let dir = std::env::temp_dir().join(format!("dateline-bench-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let data = ExportData::new(&workspace, None);
    let prepared = started.elapsed();
    println!(
        "finding the names for the entity tables: {:.3} s ({:.2}x cat | wc -w)",
        prepared.as_secs_f64(),
        prepared.as_secs_f64() / cat_time.as_secs_f64()
    );
    println!("| format | seconds | ÷ cat \\| wc -w | size |");
    println!("|---|---:|---:|---:|");
    for format in ExportFormat::ALL {
        let path = dir.join(format!("export.{}", format.name()));
        let started = Instant::now();
        export(&data, format, &path).map_err(|e| e.to_string())?;
        let took = started.elapsed();
        let size = du(&path);
        println!(
            "| {} | {:.3} | {:.2}x | {:.1} MB |",
            format.name(),
            took.as_secs_f64(),
            took.as_secs_f64() / cat_time.as_secs_f64(),
            size as f64 / 1e6
        );
    }
    // Reading the exports back onto the same articles without their annotations.
    let bare = Workspace {
        articles: workspace.articles.clone(),
        next_article_id: workspace.next_article_id,
        ..Default::default()
    };
    println!("| read back onto the articles | seconds | placed | orphaned |");
    println!("|---|---:|---:|---:|");
    for format in [ExportFormat::W3c, ExportFormat::Qdpx, ExportFormat::Brat] {
        let path = dir.join(format!("export.{}", format.name()));
        let started = Instant::now();
        let file = crate::exchange::AnnotationFile::read(&path).map_err(|e| e.to_string())?;
        let (_, report) = file.plan(&bare);
        println!(
            "| {} | {:.3} | {} | {} |",
            format.name(),
            started.elapsed().as_secs_f64(),
            report.placed,
            report.orphaned
        );
    }
    // The folder formats write one file per article: what that alone costs on this disk.
    let copy = dir.join("files-alone");
    std::fs::create_dir_all(&copy).map_err(|e| e.to_string())?;
    let timeml = dir.join("export.timeml");
    let texts: Vec<(String, Vec<u8>)> = std::fs::read_dir(&timeml)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .filter_map(|e| {
            Some((
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).ok()?,
            ))
        })
        .collect();
    let started = Instant::now();
    for (name, bytes) in &texts {
        std::fs::write(copy.join(name), bytes).map_err(|e| e.to_string())?;
    }
    let alone = started.elapsed();
    println!(
        "writing the same {} TimeML files with nothing else to do: {:.3} s",
        texts.len(),
        alone.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Bytes of a file, or of the files in a folder.
fn du(path: &std::path::Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}

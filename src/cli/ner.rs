//! `dateline train-ner` (the script that makes the shipped entity model from CoNLL-2003) and
//! `dateline extract --conll-jsonl` (entities for measurement).

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

use serde_json::{Value, json};

use crate::extract::entities::{TrainingDocument, find_entities, train};
use crate::extract::offsets::CodePoints;
use crate::model::EntityLabel;

fn read_jsonl(input: &Path) -> Result<Vec<Value>, String> {
    let file = std::fs::File::open(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        docs.push(
            serde_json::from_str(&line)
                .map_err(|e| format!("{}:{}: not JSON: {e}", input.display(), n + 1))?,
        );
    }
    Ok(docs)
}

/// Byte offset of code point `index` in `text`.
fn byte_of(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// Trains the entity model on CoNLL-style JSONL, `epochs` passes in each of `orders` orders
/// of the data, and writes it to `output`.
pub fn train_ner(input: &Path, output: &Path, epochs: usize, orders: usize) -> Result<(), String> {
    let docs: Vec<TrainingDocument> = read_jsonl(input)?
        .iter()
        .map(|d| {
            let text = d["text"].as_str().unwrap_or_default().to_string();
            let entities = d["entities"]
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(|e| {
                            let label = EntityLabel::from_code(e["label"].as_str()?)?;
                            let start = byte_of(&text, e["start"].as_u64()? as usize);
                            let end = byte_of(&text, e["end"].as_u64()? as usize);
                            Some((start, end, label))
                        })
                        .collect()
                })
                .unwrap_or_default();
            TrainingDocument { text, entities }
        })
        .collect();
    eprintln!(
        "training on {} documents from {}",
        docs.len(),
        input.display()
    );
    let model = train(&docs, epochs, orders, |order, epoch, accuracy| {
        eprintln!(
            "order {}, epoch {:>2}: training accuracy {accuracy:.4}",
            order + 1,
            epoch + 1
        );
    });
    let bytes = model.to_bytes();
    crate::store::write_atomically(output, &bytes, None).map_err(|e| e.to_string())?;
    eprintln!("wrote {} ({} bytes)", output.display(), bytes.len());
    Ok(())
}

/// Prints {"doc_id", "entities": [{"start","end","label"}]} per input line {"doc_id","text"}.
pub fn extract_conll(input: &Path) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for doc in read_jsonl(input)? {
        let text = doc["text"].as_str().unwrap_or_default();
        let mut code_points = CodePoints::new(text);
        let entities: Vec<Value> = find_entities(text)
            .iter()
            .map(|m| json!({"start": code_points.at(m.start), "end": code_points.at(m.end), "label": m.label.code()}))
            .collect();
        writeln!(
            out,
            "{}",
            json!({"doc_id": doc["doc_id"], "entities": entities})
        )
        .map_err(|e| format!("writing the output failed: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("writing the output failed: {e}"))
}

/// The texts of `inputs`: every .txt file under a folder, every "text" of a JSONL file.
fn unlabelled_texts(inputs: &[std::path::PathBuf]) -> Result<Vec<String>, String> {
    let mut texts = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(input)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for file in files {
                let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        } else {
            for doc in read_jsonl(input)? {
                texts.push(doc["text"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    Ok(texts)
}

/// Learns word classes at each of `grains` from unlabelled text and writes the table that
/// ships as assets/ner/classes.txt.
pub fn train_classes(
    inputs: &[std::path::PathBuf],
    output: &Path,
    grains: &[usize],
    passes: usize,
) -> Result<(), String> {
    use crate::extract::entities::{ClassCorpus, learn_classes};
    use rayon::prelude::*;
    let texts = unlabelled_texts(inputs)?;
    let corpus = ClassCorpus::new(texts.iter().map(String::as_str));
    drop(texts);
    eprintln!("{} tokens, {} words kept", corpus.len(), corpus.words.len());
    let started = std::time::Instant::now();
    let learned: Vec<Vec<u32>> = grains
        .par_iter()
        .map(|&k| {
            learn_classes(&corpus, k, passes, |pass, moved| {
                eprintln!(
                    "{k} classes, pass {:>2}: {moved} words moved ({:.0} s)",
                    pass + 1,
                    started.elapsed().as_secs_f64()
                );
            })
        })
        .collect();
    let names: Vec<String> = inputs
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let mut out = format!(
        "# Dateline word classes (the exchange algorithm; `dateline train-classes`): {} classes\n\
         # learned from {} ({} tokens). A word as written, digits as 0, a tab, its classes.\n",
        grains
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        names.join(", "),
        corpus.len()
    );
    let mut rows: Vec<(&str, Vec<u32>)> = (2..corpus.words.len())
        .map(|w| {
            (
                corpus.words[w].as_str(),
                learned.iter().map(|c| c[w]).collect(),
            )
        })
        .collect();
    rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (word, classes) in rows {
        let classes: Vec<String> = classes.iter().map(u32::to_string).collect();
        out.push_str(&format!("{word}\t{}\n", classes.join(" ")));
    }
    crate::store::write_atomically(output, out.as_bytes(), None).map_err(|e| e.to_string())?;
    eprintln!("wrote {} ({} bytes)", output.display(), out.len());
    Ok(())
}

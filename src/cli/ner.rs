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

/// Trains the entity model on CoNLL-style JSONL and writes it to `output`.
pub fn train_ner(input: &Path, output: &Path, epochs: usize) -> Result<(), String> {
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
    let model = train(&docs, epochs, |epoch, accuracy| {
        eprintln!("epoch {:>2}: training accuracy {accuracy:.4}", epoch + 1);
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

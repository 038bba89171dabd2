//! `dateline extract --timeml-jsonl IN.jsonl`: time expressions for the TempEval-3 style
//! measurement, one output line {"doc_id", "timexes": [{"start","end","type","value"}]} per
//! input line {"doc_id", "dct", "text"}, offsets in code points.

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::extract::offsets::CodePoints;
use crate::extract::timex::find_timexes;

/// Reads the JSONL input and prints the time expressions of every document.
pub fn extract_timeml(input: &Path) -> Result<(), String> {
    let file = std::fs::File::open(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: not JSON: {e}", input.display(), n + 1))?;
        let text = doc["text"]
            .as_str()
            .ok_or_else(|| format!("{}:{}: no \"text\"", input.display(), n + 1))?;
        let dct = doc["dct"]
            .as_str()
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        let mut code_points = CodePoints::new(text);
        let timexes: Vec<Value> = find_timexes(text, dct)
            .iter()
            .map(|t| {
                json!({
                    "start": code_points.at(t.start),
                    "end": code_points.at(t.end),
                    "type": t.kind.as_str(),
                    "value": t.value.to_timex(),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            json!({"doc_id": doc["doc_id"], "timexes": timexes})
        )
        .map_err(|e| format!("writing the output failed: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("writing the output failed: {e}"))
}

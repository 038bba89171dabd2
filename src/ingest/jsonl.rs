//! Articles as JSON Lines: the input of `dateline extract --jsonl` (`{"id", "text"}` records,
//! read as an article file would be) and its output (the article's fields with the names and
//! time expressions found in it, which are kept with the article so that a workspace built
//! from a cluster's output opens without finding them again). One article a line; a file of
//! them is a source that holds many, like a database export.

use std::io::BufRead;
use std::path::Path;

use serde_json::{Map, Value};

use super::{IngestError, IngestOptions, SourceArticles};
use crate::extract::offsets::ByteOffsets;
use crate::model::{
    Article, ArticleMeta, Dateline, EntityLabel, ImportProblem, OriginalText, PublishedAt,
    SourceFormat, StoredExtraction, StoredName, StoredTimex, TimeValue, TimexType, item_path,
};

/// `.jsonl` and `.ndjson` files.
pub fn is_jsonl_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "jsonl" | "ndjson"))
}

/// The id of a record: a string as it is, a number as written; `None` for anything else.
pub fn record_id(fields: &Map<String, Value>) -> Option<String> {
    match fields.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// An optional string field; `Err` when it is there and not a string.
fn text_field<'a>(fields: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, String> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("\"{name}\" is not a string")),
    }
}

fn published_field(fields: &Map<String, Value>) -> Result<Option<PublishedAt>, String> {
    text_field(fields, "published")?
        .filter(|s| !s.is_empty())
        .map(|s| {
            PublishedAt::from_iso(s).ok_or_else(|| {
                format!(
                    "\"published\" is not an ISO 8601 date (2009-11-23, 2009-11-23T08:43:00+09:00): {s:?}"
                )
            })
        })
        .transpose()
}

/// An article given as `{"id", "text", "published"?, "source"?, "html"?}`: the text read as
/// an article file with that content would be (headline, dateline, byline, body), named by
/// `"source"` or else by its id; a given `"published"` wins over what the text says.
pub fn input_article(fields: &Map<String, Value>, id: &str) -> Result<Article, String> {
    let text = text_field(fields, "text")?.ok_or("no \"text\"")?;
    let html = match fields.get("html") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("\"html\" is not true or false".into()),
    };
    let published = published_field(fields)?;
    let source = text_field(fields, "source")?.unwrap_or(id);
    let format = if html {
        SourceFormat::Html
    } else {
        SourceFormat::Text
    };
    let mut article = super::finish(
        Path::new(source),
        text.as_bytes(),
        text.to_string(),
        "UTF-8",
        format,
    )
    .map_err(|e| match e {
        IngestError::Empty => "\"text\" is empty".to_string(),
        other => other.to_string(),
    })?;
    if published.is_some() {
        article.published = published;
    }
    Ok(article)
}

/// Whether a record is extraction output (it carries what was found) rather than input.
pub fn is_output_record(fields: &Map<String, Value>) -> bool {
    fields.contains_key("timexes") || fields.contains_key("entities")
}

/// An article of extraction output: its fields as the output gives them (the `"text"` is the
/// body), the reference date the run used (a date the user gave it stays the article's), and
/// the names and time expressions found, kept where their words still stand at their spans.
pub fn output_article(fields: &Map<String, Value>, id: &str) -> Result<Article, String> {
    let body = text_field(fields, "text")?.ok_or("no \"text\"")?;
    if body.trim().is_empty() {
        return Err("\"text\" is empty".into());
    }
    let mut article = Article {
        id: crate::model::ArticleId(0),
        source: super::source_info(
            Path::new(text_field(fields, "path")?.unwrap_or(id)),
            body.as_bytes(),
            "UTF-8",
            SourceFormat::Text,
            None,
        ),
        original: OriginalText::encode(body, body),
        headline: text_field(fields, "title")?
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(id)
            .to_string(),
        reference_estimate: None,
        published: published_field(fields)?,
        byline: text_field(fields, "byline")?.map(str::to_string),
        dateline: text_field(fields, "dateline")?.map(|place| Dateline {
            place: place.to_string(),
            date_text: None,
            agency: None,
        }),
        agency: text_field(fields, "agency")?.map(str::to_string),
        body: body.into(),
        reference_override: None,
        meta: ArticleMeta {
            outlet: text_field(fields, "outlet")?.map(str::to_string),
            section: text_field(fields, "section")?.map(str::to_string),
            language: text_field(fields, "language")?.map(str::to_string),
            source_id: Some(text_field(fields, "source_id")?.unwrap_or(id).to_string()),
            ..Default::default()
        }
        .into(),
        extracted: None,
    };
    article.reference_estimate =
        crate::extract::timex::estimate_if_undated(article.published.as_ref(), &article.body);
    let reference = match fields.get("reference") {
        Some(Value::Object(r)) => {
            let date = text_field(r, "date")?
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .map_err(|_| format!("\"reference\" has no date: {d:?}"))
                })
                .transpose()?;
            if text_field(r, "source")? == Some("user") {
                article.reference_override = date;
            }
            date
        }
        None | Some(Value::Null) => article.reference_date().map(|(d, _)| d),
        Some(_) => return Err("\"reference\" is not an object".into()),
    };
    let extractor = text_field(fields, "extractor")?
        .unwrap_or("an unnamed extractor")
        .to_string();
    let (timexes, names) = found_in(fields, &article.body)?;
    article.extracted = Some(std::sync::Arc::new(StoredExtraction {
        extractor,
        reference,
        body_len: u32::try_from(article.body.len()).map_err(|_| "the text is over 4 GB")?,
        timexes,
        names,
    }));
    Ok(article)
}

/// The time expressions and names of an output record, as byte spans of `body` (the output
/// counts code points); an item whose words are not at its span is left out.
fn found_in(
    fields: &Map<String, Value>,
    body: &str,
) -> Result<(Vec<StoredTimex>, Vec<StoredName>), String> {
    let list = |name: &str| -> Result<&[Value], String> {
        match fields.get(name) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(format!("\"{name}\" is not a list")),
        }
    };
    let span = |item: &Value, bytes: &mut ByteOffsets<'_>| -> Option<(u32, u32)> {
        let cp = |k: &str| item.get(k)?.as_u64().and_then(|n| usize::try_from(n).ok());
        let (start, end) = (bytes.at(cp("start")?)?, bytes.at(cp("end")?)?);
        let words = item.get("text")?.as_str()?;
        (body.get(start..end) == Some(words)).then_some((start as u32, end as u32))
    };
    let mut bytes = ByteOffsets::new(body);
    let mut timexes = Vec::new();
    for item in list("timexes")? {
        if item.get("manual").and_then(Value::as_bool) == Some(true) {
            // A person's correction in a workspace's output, not the engine's finding.
            continue;
        }
        let Some((start, end)) = span(item, &mut bytes) else {
            continue;
        };
        let kind = item.get("type").and_then(Value::as_str);
        let value = item.get("value").and_then(Value::as_str);
        let (Some(kind), Some(value)) = (kind, value) else {
            continue;
        };
        let (Some(kind_parsed), Some(value)) =
            (TimexType::parse(kind), TimeValue::from_timex(kind, value))
        else {
            continue;
        };
        timexes.push(StoredTimex {
            start,
            end,
            kind: kind_parsed,
            value,
        });
    }
    let mut bytes = ByteOffsets::new(body);
    let mut names = Vec::new();
    for item in list("entities")? {
        let Some((start, end)) = span(item, &mut bytes) else {
            continue;
        };
        let label = item
            .get("label")
            .and_then(Value::as_str)
            .and_then(EntityLabel::from_code);
        let canonical = item.get("entity").and_then(Value::as_str);
        if let (Some(label), Some(canonical)) = (label, canonical) {
            names.push(StoredName {
                start,
                end,
                label,
                canonical: canonical.to_string(),
            });
        }
    }
    Ok((timexes, names))
}

/// Reads a JSON Lines file of articles, a line at a time (a line over the article size limit
/// is a problem, never held whole): each article named `file.jsonl#N` (N counts the records of
/// the file, so a slice names its articles as the whole file does) and hashed by its own line,
/// so a rescan sees which lines changed. A line that is not an article (an error record of the
/// extraction, a bad line) is listed as a problem.
pub fn read_jsonl(
    path: &Path,
    input: impl BufRead,
    options: IngestOptions,
) -> Result<SourceArticles, IngestError> {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    visit_jsonl(path, input, options, &|_| true, |found| match found {
        Ok(article) => articles.push(article),
        Err(problem) => problems.push(problem),
    })
    .map_err(|e| IngestError::Unreadable(e.to_string()))?;
    if articles.is_empty() {
        return Err(IngestError::Document(match problems.first() {
            Some(first) => format!("no article in any line ({})", first.reason),
            None => "no article in any line".into(),
        }));
    }
    Ok(SourceArticles { articles, problems })
}

/// [`read_jsonl`] one article at a time, for files larger than memory: `each` gets every
/// article whose record id `keep` accepts (others are never built), and every problem.
pub fn visit_jsonl(
    path: &Path,
    input: impl BufRead,
    options: IngestOptions,
    keep: &dyn Fn(&str) -> bool,
    mut each: impl FnMut(Result<Article, ImportProblem>),
) -> std::io::Result<()> {
    let mut record: u32 = 0;
    let mut lines = LineReader::new(input, options.max_file_bytes);
    while let Some((n, line)) = lines.next_line()? {
        let line = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => line,
            Err(reason) => {
                record += 1;
                each(Err(problem(path, record, n, reason)));
                continue;
            }
        };
        for (fields, id) in line_records(&line) {
            record += 1;
            let result = match (fields, id) {
                (Ok(_), Some(id)) if !keep(&id) => continue,
                (Ok(fields), Some(id)) => one_article(&fields, &id),
                (Ok(_), None) => Err("no \"id\" (a string or a number)".to_string()),
                (Err(reason), _) => Err(reason),
            };
            each(match result {
                Ok(mut article) => {
                    article.source = super::source_info(
                        path,
                        line.as_bytes(),
                        "UTF-8",
                        SourceFormat::Text,
                        Some(record),
                    );
                    Ok(article)
                }
                Err(reason) => Err(problem(path, record, n, reason)),
            });
        }
    }
    Ok(())
}

fn problem(path: &Path, record: u32, line: usize, reason: String) -> ImportProblem {
    ImportProblem {
        path: item_path(path, record),
        reason: format!("line {line}: {reason}"),
    }
}

type Fields = Map<String, Value>;

/// The records of one line, each with its id: one, or a path line's `"records"`.
fn line_records(line: &str) -> Vec<(Result<Fields, String>, Option<String>)> {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return vec![(Err(format!("not a JSON object: {e}")), None)],
    };
    let Value::Object(fields) = value else {
        return vec![(Err("not a JSON object".into()), None)];
    };
    let with_id = |f: Fields| {
        let id = record_id(&f);
        (Ok(f), id)
    };
    if let Some(Value::Array(records)) = fields.get("records") {
        return records
            .iter()
            .map(|r| match r {
                Value::Object(f) => with_id(f.clone()),
                _ => (Err("a record that is not a JSON object".into()), None),
            })
            .collect();
    }
    vec![with_id(fields)]
}

fn one_article(fields: &Fields, id: &str) -> Result<Article, String> {
    if let Some(error) = fields.get("error") {
        return Err(format!(
            "{id}: the extraction reported {}",
            error
                .as_str()
                .map_or_else(|| error.to_string(), str::to_string)
        ));
    }
    if is_output_record(fields) {
        output_article(fields, id)
    } else {
        input_article(fields, id)
    }
    .map_err(|e| format!("{id}: {e}"))
}

/// Lines of a reader, numbered from 1, each as text or why it is not: over `limit` bytes
/// (skipped to its end without being held) or not UTF-8.
pub struct LineReader<R> {
    input: R,
    limit: u64,
    number: usize,
}

impl<R: BufRead> LineReader<R> {
    /// Lines of `input`, none longer than `limit` bytes.
    pub fn new(input: R, limit: u64) -> Self {
        Self {
            input,
            limit,
            number: 0,
        }
    }

    /// The next line without its end (`\n` or `\r\n`); `None` at the end of the input; `Err`
    /// when reading fails.
    #[allow(clippy::type_complexity)]
    pub fn next_line(&mut self) -> std::io::Result<Option<(usize, Result<String, String>)>> {
        let mut bytes = Vec::new();
        let mut length: u64 = 0;
        let mut any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            any = true;
            let (part, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..i], Some(i + 1)),
                None => (available, None),
            };
            length += part.len() as u64;
            if length <= self.limit {
                bytes.extend_from_slice(part);
            } else if !bytes.is_empty() {
                bytes = Vec::new();
            }
            let used = done.unwrap_or(part.len());
            self.input.consume(used);
            if done.is_some() {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.number += 1;
        if length > self.limit {
            return Ok(Some((
                self.number,
                Err(format!(
                    "{length} bytes, over the article limit of {} bytes",
                    self.limit
                )),
            )));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some((
            self.number,
            String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string()),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::{article_mention_records, article_named_spans};
    use crate::extract::timex::article_timexes;

    /// An output record whose body has characters of several bytes before its spans: the
    /// output counts code points, the article bytes.
    fn output_line() -> String {
        serde_json::json!({
            "id": "seoul-1",
            "extractor": "dateline 9.9.9",
            "title": "Envoys meet",
            "published": "2022-05-02",
            "reference": {"date": "2022-05-02", "source": "published"},
            "text": "Envoys in Séoul (서울) met Zyx Corp on Monday.",
            "entities": [
                {"start": 25, "end": 33, "text": "Zyx Corp", "label": "ORG", "entity": "Zyx Corporation"},
                {"start": 0, "end": 3, "text": "Nope", "label": "PER", "entity": "Not at its span"},
                {"start": 10, "end": 15, "text": "Séoul", "label": "LOC", "entity": "Seoul"}
            ],
            "timexes": [
                {"start": 37, "end": 43, "text": "Monday", "type": "DATE", "value": "1999-01-04"},
                {"start": 37, "end": 43, "text": "Monday", "type": "DATE", "value": "2022-05-02", "manual": true},
                {"start": 37, "end": 43, "text": "Monday", "type": "NONSENSE", "value": "x"}
            ]
        })
        .to_string()
    }

    fn read(text: &str) -> SourceArticles {
        read_jsonl(
            Path::new("/data/out.jsonl"),
            text.as_bytes(),
            IngestOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn kept_names_and_times_are_placed_in_bytes_and_used_instead_of_the_engines() {
        let found = read(&output_line());
        let article = &found.articles[0];
        assert_eq!(article.source.display_path(), "/data/out.jsonl#1");
        assert_eq!(article.meta.source_id.as_deref(), Some("seoul-1"));
        let stored = article.stored_extraction().unwrap();
        assert_eq!(stored.extractor, "dateline 9.9.9");
        // The name off its span and the unknown type are left out; the manual one too.
        assert_eq!(stored.names.len(), 2);
        assert_eq!(stored.timexes.len(), 1);
        let names = article_named_spans(article);
        let zyx = names
            .iter()
            .find(|n| &*n.canonical == "Zyx Corporation")
            .unwrap();
        assert_eq!(&article.body[zyx.start..zyx.end], "Zyx Corp");
        let records = article_mention_records(&article.text());
        assert!(
            records
                .iter()
                .any(|r| &*r.text == "Séoul" && &*r.canonical == "Seoul")
        );
        let timexes = article_timexes(article, &[]);
        assert_eq!(timexes.len(), 1);
        assert_eq!(
            timexes[0].value.to_timex(),
            "1999-01-04",
            "kept, not found again"
        );
        assert!(timexes[0].explanation.contains("dateline 9.9.9"));
    }

    #[test]
    fn a_new_reference_date_or_a_changed_body_finds_them_again() {
        let mut article = read(&output_line()).articles.remove(0);
        article.reference_override = chrono::NaiveDate::from_ymd_opt(2022, 5, 20);
        let timexes = article_timexes(&article, &[]);
        assert_eq!(timexes[0].value.to_timex(), "2022-05-16", "resolved anew");
        let names = article_named_spans(&article);
        assert!(
            names.iter().any(|n| &*n.canonical == "Zyx Corporation"),
            "names still kept"
        );
        article.body = format!("{} More.", article.body).into();
        assert!(article.stored_extraction().is_none());
        assert!(
            !article_named_spans(&article)
                .iter()
                .any(|n| &*n.canonical == "Zyx Corporation")
        );
    }

    #[test]
    fn input_records_are_read_as_articles_and_bad_lines_are_problems() {
        let text = format!(
            "{}\n\n{}\nnot json\n{}\n{}\n",
            serde_json::json!({"id": 5, "text": "Talks resume\n\nGENEVA, Nov. 2 (Reuters) - Talks resumed."}),
            output_line(),
            serde_json::json!({"id": "x", "error": "empty file"}),
            serde_json::json!({"records": [{"id": "a#1", "text": "One\n\nFirst."}, {"text": "no id"}]}),
        );
        let found = read(&text);
        let titles: Vec<&str> = found.articles.iter().map(|a| a.headline.as_str()).collect();
        assert_eq!(titles, ["Talks resume", "Envoys meet", "One"]);
        assert!(found.articles[0].extracted.is_none());
        assert_eq!(found.articles[0].dateline.as_ref().unwrap().place, "GENEVA");
        // Items count records, problems included, so a slice names them as the whole does.
        let items: Vec<u32> = found
            .articles
            .iter()
            .map(|a| a.source.item.unwrap())
            .collect();
        assert_eq!(items, [1, 2, 5]);
        let reasons: Vec<String> = found.problems.iter().map(|p| p.reason.clone()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(
            reasons[0].starts_with("line 4: not a JSON object"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].contains("x: the extraction reported empty file"),
            "{reasons:?}"
        );
        assert!(reasons[2].starts_with("line 6: no \"id\""), "{reasons:?}");
        let none = read_jsonl(
            Path::new("e.jsonl"),
            &b"nonsense\n"[..],
            IngestOptions::default(),
        );
        assert!(
            none.unwrap_err()
                .to_string()
                .contains("no article in any line")
        );
    }
}

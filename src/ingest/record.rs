//! One article of a file that holds many (a database export, a feed), as its reader found it,
//! and how a file's records become articles: numbered by their place in the file, the same
//! article delivered twice imported once and the second listed as a problem.

use std::collections::HashMap;
use std::path::Path;

use super::source_info;
use super::structure::ArticleStructure;
use crate::model::{Article, ArticleMeta, ImportProblem, PublishedAt, SourceFormat, item_path};

/// An article as a database export or a feed delivers it, before it becomes an [`Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The headline.
    pub headline: Option<String>,
    /// The publication date and time.
    pub published: Option<PublishedAt>,
    /// The author line without "By".
    pub byline: Option<String>,
    /// The wire that wrote it, when the database names one apart from the outlet.
    pub agency: Option<String>,
    /// The body paragraphs, furniture already left out.
    pub paragraphs: Vec<String>,
    /// Outlet, section, language, word count, the database's id.
    pub meta: ArticleMeta,
    /// The record's own text in the file, headers and all: the article's raw text and what
    /// its content hash is taken of.
    pub raw: String,
}

/// The lines of a text grouped into paragraphs: runs of non-blank lines joined by a space.
pub fn blocks<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// "612 words", "LENGTH: 1,204 words", "WC 98 words" as a number.
pub fn stated_words(text: &str) -> Option<u32> {
    let digits: String = text
        .split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A value as a reader would write it: "ENGLISH" becomes "English"; mixed case stays.
pub fn tidy_value(value: &str) -> Option<String> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return None;
    }
    if value.chars().any(char::is_lowercase) {
        return Some(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut start = true;
    for c in value.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    Some(out)
}

/// What the records of one file became.
#[derive(Debug, Default)]
pub struct FileArticles {
    /// The articles, numbered by their place in the file.
    pub articles: Vec<Article>,
    /// Records that are not articles: duplicates, empty ones.
    pub problems: Vec<ImportProblem>,
}

/// The articles of a file's records. `encoding` and `format` describe the file.
pub fn records_to_articles(
    path: &Path,
    records: Vec<Record>,
    encoding: &str,
    format: SourceFormat,
) -> FileArticles {
    let mut out = FileArticles::default();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (i, record) in records.into_iter().enumerate() {
        let item = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(id) = &record.meta.source_id {
            if let Some(first) = seen.get(id) {
                out.problems.push(ImportProblem {
                    path: item_path(path, item),
                    reason: format!(
                        "the same article ({id}) delivered again in this file; imported once, as #{first}"
                    ),
                });
                continue;
            }
            seen.insert(id.clone(), item);
        }
        match record_article(path, item, record, encoding, format) {
            Some(article) => out.articles.push(article),
            None => out.problems.push(ImportProblem {
                path: item_path(path, item),
                reason: "no article text in this part of the file".into(),
            }),
        }
    }
    out
}

fn record_article(
    path: &Path,
    item: u32,
    record: Record,
    encoding: &str,
    format: SourceFormat,
) -> Option<Article> {
    let mut structure = ArticleStructure {
        headline: record.headline,
        published: record.published,
        byline: record.byline,
        dateline: None,
        agency: record.agency,
        paragraphs: record.paragraphs,
    };
    structure.finish();
    let body = structure.body();
    if body.trim().is_empty() {
        return None;
    }
    let source = source_info(path, record.raw.as_bytes(), encoding, format, Some(item));
    Some(structure.into_article(
        source,
        record.raw,
        body,
        || format!("Article {item}"),
        record.meta,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_counts() {
        assert_eq!(tidy_value("ENGLISH").as_deref(), Some("English"));
        assert_eq!(
            tidy_value("THE GUARDIAN (LONDON)").as_deref(),
            Some("The Guardian (London)")
        );
        assert_eq!(
            tidy_value("Financial Times").as_deref(),
            Some("Financial Times")
        );
        assert_eq!(stated_words("1,204 words"), Some(1204));
        assert_eq!(stated_words("words"), None);
        assert_eq!(
            blocks(["a", "b", "", "", "c"]),
            vec!["a b".to_string(), "c".to_string()]
        );
    }

    #[test]
    fn a_second_delivery_is_a_problem_and_items_keep_their_place() {
        let record = |id: &str, text: &str| Record {
            headline: Some(text.into()),
            paragraphs: vec![format!("{text} happened.")],
            meta: ArticleMeta {
                source_id: Some(id.into()),
                ..Default::default()
            },
            raw: text.into(),
            ..Default::default()
        };
        let got = records_to_articles(
            Path::new("/x/export.rtf"),
            vec![
                record("A1", "One"),
                record("A2", "Two"),
                record("A1", "One"),
            ],
            "UTF-8",
            SourceFormat::Text,
        );
        assert_eq!(got.articles.len(), 2);
        assert_eq!(got.articles[1].source.item, Some(2));
        assert_eq!(got.problems.len(), 1);
        assert_eq!(got.problems[0].path, Path::new("/x/export.rtf#3"));
        assert!(got.problems[0].reason.contains("imported once, as #1"));
    }
}

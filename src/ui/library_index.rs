//! The library's orders and filter text for a large workspace, built off the UI thread once
//! per version of the articles: every column's order of every article, and every article's
//! filtered fields lower-cased into one text, so that sorting is a lookup and a filter one
//! scan of contiguous memory (reading each article's fields where they lie took 60 ms at
//! 95,000 articles).

use crate::model::Article;

use super::library::{SortColumn, filter_fields, sorted_order};

/// The columns, in the order their orders are kept.
const COLUMNS: [SortColumn; 5] = [
    SortColumn::Published,
    SortColumn::Headline,
    SortColumn::Source,
    SortColumn::Dateline,
    SortColumn::Words,
];

/// Orders and filter text of the articles at one version.
#[derive(Debug)]
pub struct LibraryIndex {
    /// The version of the articles it was built for.
    pub version: u64,
    /// Each column's order of every article (indices into the articles), ascending.
    orders: Vec<Vec<usize>>,
    /// Every article's filtered fields, lower case, one per line, article after article.
    text: String,
    /// Where each article's lines start in `text`.
    starts: Vec<usize>,
}

impl LibraryIndex {
    /// The index of `articles` at `version`.
    pub fn build(articles: &[Article], version: u64) -> Self {
        let orders = COLUMNS.iter().map(|&c| sorted_order(articles, c)).collect();
        let mut text = String::new();
        let mut starts = Vec::with_capacity(articles.len());
        for article in articles {
            starts.push(text.len());
            for field in filter_fields(article) {
                text.push_str(&field.to_lowercase());
                text.push('\n');
            }
        }
        Self {
            version,
            orders,
            text,
            starts,
        }
    }

    /// How many articles it covers.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when it covers no article.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Every article in `column`'s order, ascending.
    pub fn order(&self, column: SortColumn) -> &[usize] {
        let at = COLUMNS.iter().position(|&c| c == column).unwrap_or(0);
        &self.orders[at]
    }

    /// For each article, whether one of its fields contains `needle` (lower case, one line).
    pub fn matching(&self, needle: &str) -> Vec<bool> {
        let mut found = vec![false; self.starts.len()];
        if needle.is_empty() || needle.contains('\n') {
            return found;
        }
        for at in memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes()) {
            let article = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            if let Some(slot) = found.get_mut(article) {
                *slot = true;
            }
        }
        found
    }
}

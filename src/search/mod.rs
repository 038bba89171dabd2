//! Search across the corpus: an index derived from the workspace ([`index`]), a query language
//! ([`query`]) and its evaluation into hits with exact spans ([`eval`]), keyword-in-context
//! text and sentence or paragraph units ([`units`]), and coding every hit at once
//! ([`code`]). No egui: the window and the command line use the same functions.

pub mod code;
pub mod eval;
pub mod fold;
pub mod fuzzy;
pub mod index;
pub mod places;
pub mod query;
pub mod sort;
pub mod units;

pub use code::{CodeAs, CodePlan, plan_coding};
pub use eval::{Context, Evaluator, Matches};
pub use index::{BuildProgress, SearchIndex, Segment, build_index, build_index_now};
pub use query::{HELP, Query, QueryError, parse};
pub use sort::{SortBy, SortOrders, sort_orders};
pub use units::Unit;

use crate::model::ArticleId;

/// One hit: an article and, unless the whole article matched (a field filter), the byte span
/// of the passage in its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hit {
    /// Global article number in the index.
    pub doc: u32,
    /// The article.
    pub article: ArticleId,
    /// Byte span in the body the index holds; `None` for a whole-article match.
    pub span: Option<(u32, u32)>,
}

/// What a search found.
#[derive(Clone, Debug, Default)]
pub struct SearchResult {
    /// Hits in article order, then position.
    pub hits: Vec<Hit>,
    /// Articles with at least one hit.
    pub articles: usize,
    /// Articles searched (fewer than `total` while the index is built).
    pub searched: usize,
    /// Articles in the workspace.
    pub total: usize,
    /// Why parts of the query found nothing (an unknown entity or tag).
    pub notes: Vec<String>,
}

impl SearchResult {
    /// "3 hits in 2 articles", "1 hit in 1 article".
    pub fn summary(&self) -> String {
        format!(
            "{} in {}",
            counted(self.hits.len(), "hit"),
            counted(self.articles, "article")
        )
    }

    /// The summary with the reports the articles hold, when some are versions of one report:
    /// "5 hits in 3 articles (2 reports)".
    pub fn summary_counting(&self, families: &crate::families::Families) -> String {
        if families.is_empty() {
            return self.summary();
        }
        let reports = self.reports(families);
        if reports == self.articles {
            self.summary()
        } else {
            format!("{} ({})", self.summary(), counted(reports, "report"))
        }
    }

    /// The reports the articles with hits hold: versions of one report count once.
    pub fn reports(&self, families: &crate::families::Families) -> usize {
        let mut reports: Vec<ArticleId> = self
            .article_ids()
            .into_iter()
            .map(|id| families.original_of(id))
            .collect();
        reports.sort_unstable();
        reports.dedup();
        reports.len()
    }

    /// The articles with hits, in order.
    pub fn article_ids(&self) -> Vec<ArticleId> {
        let mut ids: Vec<ArticleId> = self.hits.iter().map(|h| h.article).collect();
        ids.dedup();
        ids
    }
}

/// A finished search as the window keeps it, with the index its hits point into and the
/// orders its table can show.
pub struct Outcome {
    /// The query as typed.
    pub query: String,
    /// What it found.
    pub result: SearchResult,
    /// The index the hits point into.
    pub index: std::sync::Arc<SearchIndex>,
    /// The table's orders.
    pub orders: SortOrders,
}

/// A number and a noun in the right number, thousands separated: "1 hit", "12,345 hits".
pub fn counted(n: usize, word: &str) -> String {
    format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// "12345" as "12,345".
pub fn thousands(n: usize) -> String {
    let mut digits = n.to_string();
    let mut at = digits.len();
    while at > 3 {
        at -= 3;
        digits.insert(at, ',');
    }
    digits
}

/// Runs a parsed query.
pub fn search(query: &Query, ctx: &Context<'_>) -> SearchResult {
    let mut evaluator = Evaluator::new(ctx);
    let matches = evaluator.eval(query, None);
    let mut hits = Vec::with_capacity(matches.spans.len().max(matches.docs.len()));
    let mut spans = matches.spans.iter().peekable();
    for &doc in &matches.docs {
        let Some((seg, local)) = evaluator.locate(doc) else {
            continue;
        };
        let article = seg.docs[local as usize].id;
        let mut any = false;
        while let Some(&&(d, s, e)) = spans.peek() {
            if d != doc {
                break;
            }
            spans.next();
            any = true;
            hits.push(Hit {
                doc,
                article,
                span: Some((s, e)),
            });
        }
        if !any {
            hits.push(Hit {
                doc,
                article,
                span: None,
            });
        }
    }
    SearchResult {
        articles: matches.docs.len(),
        hits,
        searched: ctx.index.ready_docs(),
        total: ctx.index.total_docs,
        notes: evaluator.notes,
    }
}

/// Parses and runs a query.
pub fn run(text: &str, ctx: &Context<'_>) -> Result<SearchResult, QueryError> {
    Ok(search(&parse(text)?, ctx))
}

/// A hit as a keyword-in-context line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitText {
    /// Text before the hit, whitespace squeezed.
    pub left: String,
    /// The hit's words, whitespace squeezed.
    pub text: String,
    /// Text after the hit, whitespace squeezed.
    pub right: String,
    /// First code point of the hit in the body.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
}

/// The keyword-in-context line of `hit`, with `width` characters on each side. A
/// whole-article hit shows the opening of the body as its right context.
pub fn hit_text(index: &SearchIndex, hit: &Hit, width: usize) -> Option<HitText> {
    let (seg, local) = eval::locate(index, hit.doc)?;
    let body = &seg.docs[local as usize].body;
    let (s, e) = match hit.span {
        Some((s, e)) => (s as usize, e as usize),
        None => (0, 0),
    };
    let text = body.get(s..e)?;
    let (left, right) = units::context(body, s, e, width);
    let start = crate::extract::offsets::code_point_offset(body, s);
    Some(HitText {
        left,
        text: units::one_line(text),
        right,
        start,
        end: start + text.chars().count(),
    })
}

/// The body a hit's offsets point into.
pub fn hit_body<'a>(index: &'a SearchIndex, hit: &Hit) -> Option<&'a std::sync::Arc<str>> {
    let (seg, local) = eval::locate(index, hit.doc)?;
    Some(&seg.docs[local as usize].body)
}

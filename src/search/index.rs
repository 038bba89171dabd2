//! The search index: derived from the workspace's articles, never saved, never the source of
//! truth. The articles are cut into segments of [`SEGMENT_DOCS`]; each segment holds, for its
//! articles, the bodies it indexed (shared, not copied), every word's positions (sorted terms
//! over varint-coded postings), where each word stands in the text, the normalised time
//! expressions with their spans, and the article's own fields folded for filtering. Segments
//! are built in parallel and can be used as soon as each is done; a rebuild keeps every
//! segment whose articles did not change.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDateTime;

use super::fold;
use super::places::WordPlaces;
use crate::extract::timex::article_timexes;
use crate::model::{Article, ArticleId, PublishedAt, TimexCorrection};

/// Articles per segment.
pub const SEGMENT_DOCS: usize = 4096;

/// Seconds since 1970 of a moment, for comparing time stretches.
pub fn seconds(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// A time expression as the index keeps it: byte span in the body and the stretch of time its
/// normalised value covers, in seconds (`[start, end)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeEntry {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Start of the stretch of time.
    pub from: i64,
    /// End of the stretch (exclusive).
    pub to: i64,
}

/// One article's own fields, folded and spaced for phrase matching (see [`fold::spaced`]).
#[derive(Clone, Debug)]
pub struct DocFields {
    /// The article.
    pub id: ArticleId,
    /// The body the positions point into.
    pub body: Arc<str>,
    /// Folded fields: headline, byline, agency, place, outlet and source path.
    pub fields: [Box<str>; 5],
    /// The stretch of time the publication date covers, in seconds.
    pub published: Option<(i64, i64)>,
}

/// A segment of the index: [`SEGMENT_DOCS`] articles or fewer.
pub struct Segment {
    /// The global number of its first article.
    pub first_doc: u32,
    fingerprint: u64,
    /// The articles, in order.
    pub docs: Vec<DocFields>,
    term_text: String,
    term_offsets: Vec<u32>,
    posting_offsets: Vec<u32>,
    postings: Vec<u8>,
    token_base: Vec<u32>,
    /// Where each word stands in its body.
    places: WordPlaces,
    time_base: Vec<u32>,
    times: Vec<TimeEntry>,
}

/// Progress of a build, shared with the thread that runs it.
#[derive(Debug, Default)]
pub struct BuildProgress {
    /// Articles done (kept segments count at once).
    pub done: AtomicUsize,
    /// Articles in all.
    pub total: AtomicUsize,
    cancel: AtomicBool,
}

impl BuildProgress {
    /// Asks the build to stop after the segments under way.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True once cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    value
}

/// Postings of one term while a segment is built.
#[derive(Default)]
struct PostingWriter {
    bytes: Vec<u8>,
    last_doc_plus1: u32,
    last_pos: u32,
}

impl PostingWriter {
    fn push(&mut self, doc: u32, pos: u32) {
        if doc + 1 != self.last_doc_plus1 {
            write_varint(&mut self.bytes, doc + 1 - self.last_doc_plus1);
            write_varint(&mut self.bytes, pos);
            self.last_doc_plus1 = doc + 1;
        } else {
            write_varint(&mut self.bytes, 0);
            write_varint(&mut self.bytes, pos - self.last_pos);
        }
        self.last_pos = pos;
    }
}

/// Packs a document and a word position into one sortable number.
pub fn pack(doc: u32, pos: u32) -> u64 {
    (u64::from(doc) << 32) | u64::from(pos)
}

/// The document and position of a packed number.
pub fn unpack(packed: u64) -> (u32, u32) {
    ((packed >> 32) as u32, packed as u32)
}

fn fields_of(article: &Article) -> [Box<str>; 5] {
    let opt = |s: Option<&str>| fold::spaced(s.unwrap_or("")).into_boxed_str();
    [
        fold::spaced(&article.headline).into_boxed_str(),
        opt(article.byline.as_deref()),
        opt(article
            .agency
            .as_deref()
            .or_else(|| article.dateline.as_ref().and_then(|d| d.agency.as_deref()))),
        opt(article.dateline.as_ref().map(|d| d.place.as_str())),
        fold::spaced(&format!(
            "{} {}",
            article.meta.outlet.as_deref().unwrap_or(""),
            article.source.path.to_string_lossy()
        ))
        .into_boxed_str(),
    ]
}

/// The stretch of time a publication date covers (a day, or the month or year it gives).
pub fn published_span(published: &PublishedAt) -> Option<(i64, i64)> {
    use crate::model::TimePoint;
    let year = published.year?;
    let point = match (published.month, published.day) {
        (Some(m), Some(d)) => TimePoint::Day(Some(year), Some(m as u8), Some(d as u8)),
        (Some(m), None) => TimePoint::Month(Some(year), m as u8),
        _ => TimePoint::Year(Some(year)),
    };
    point.interval().map(|(a, b)| (seconds(a), seconds(b)))
}

/// A fingerprint of everything a segment derives from its articles.
fn fingerprint(
    articles: &[Article],
    corrections: &HashMap<ArticleId, Vec<&TimexCorrection>>,
) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for a in articles {
        a.id.hash(&mut h);
        // The segment holds the body, so its address cannot be reused by another text.
        (Arc::as_ptr(&a.body) as *const u8 as usize).hash(&mut h);
        a.body.len().hash(&mut h);
        a.headline.hash(&mut h);
        a.byline.hash(&mut h);
        a.agency.hash(&mut h);
        a.dateline
            .as_ref()
            .map(|d| (&d.place, &d.agency))
            .hash(&mut h);
        a.source.path.hash(&mut h);
        a.meta.outlet.hash(&mut h);
        a.published.as_ref().map(PublishedAt::to_iso).hash(&mut h);
        a.reference_override.hash(&mut h);
        a.source.modified.hash(&mut h);
        if let Some(list) = corrections.get(&a.id) {
            for c in list {
                format!("{c:?}").hash(&mut h);
            }
        }
    }
    h.finish()
}

impl Segment {
    /// Indexes `articles`, whose first is global article number `first_doc`.
    fn build(
        articles: &[Article],
        first_doc: u32,
        corrections: &HashMap<ArticleId, Vec<&TimexCorrection>>,
        fingerprint: u64,
    ) -> Self {
        let mut dict: HashMap<String, u32> = HashMap::new();
        let mut writers: Vec<PostingWriter> = Vec::new();
        let mut token_base = Vec::with_capacity(articles.len() + 1);
        let mut places = WordPlaces::default();
        let mut time_base = Vec::with_capacity(articles.len() + 1);
        let mut times = Vec::new();
        let mut docs = Vec::with_capacity(articles.len());
        for (d, article) in articles.iter().enumerate() {
            let doc = d as u32;
            token_base.push(places.len() as u32);
            places.begin_article();
            let mut pos = 0u32;
            fold::for_each_token(&article.body, |s, e, term| {
                places.push(s as u32, e as u32);
                let id = match dict.get(term) {
                    Some(&id) => id,
                    None => {
                        let id = writers.len() as u32;
                        dict.insert(term.to_string(), id);
                        writers.push(PostingWriter::default());
                        id
                    }
                };
                writers[id as usize].push(doc, pos);
                pos += 1;
            });
            time_base.push(times.len() as u32);
            let own: Vec<TimexCorrection> = corrections
                .get(&article.id)
                .map(|l| l.iter().map(|c| (*c).clone()).collect())
                .unwrap_or_default();
            for t in article_timexes(article, &own) {
                if let Some((from, to)) = t.value.interval() {
                    times.push(TimeEntry {
                        start: t.start as u32,
                        end: t.end as u32,
                        from: seconds(from),
                        to: seconds(to),
                    });
                }
            }
            docs.push(DocFields {
                id: article.id,
                body: Arc::clone(&article.body),
                fields: fields_of(article),
                published: article.published.as_ref().and_then(published_span),
            });
        }
        token_base.push(places.len() as u32);
        time_base.push(times.len() as u32);
        let mut terms: Vec<(String, u32)> = dict.into_iter().collect();
        terms.sort_unstable();
        let mut term_text = String::new();
        let mut term_offsets = vec![0u32];
        let mut posting_offsets = vec![0u32];
        let mut postings = Vec::new();
        for (term, id) in terms {
            term_text.push_str(&term);
            term_offsets.push(term_text.len() as u32);
            postings.extend_from_slice(&writers[id as usize].bytes);
            posting_offsets.push(postings.len() as u32);
        }
        term_text.shrink_to_fit();
        postings.shrink_to_fit();
        places.shrink_to_fit();
        times.shrink_to_fit();
        Segment {
            first_doc,
            fingerprint,
            docs,
            term_text,
            term_offsets,
            posting_offsets,
            postings,
            token_base,
            places,
            time_base,
            times,
        }
    }

    fn term(&self, i: usize) -> &str {
        &self.term_text[self.term_offsets[i] as usize..self.term_offsets[i + 1] as usize]
    }

    fn terms_len(&self) -> usize {
        self.term_offsets.len() - 1
    }

    /// The first term not less than `key`.
    fn lower_bound(&self, key: &str) -> usize {
        let (mut lo, mut hi) = (0, self.terms_len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn decode(&self, term: usize, out: &mut Vec<u64>) {
        let bytes = &self.postings
            [self.posting_offsets[term] as usize..self.posting_offsets[term + 1] as usize];
        let mut at = 0;
        let (mut doc, mut pos) = (0u32, 0u32);
        let mut doc_plus1 = 0u32;
        while at < bytes.len() {
            let delta = read_varint(bytes, &mut at);
            let value = read_varint(bytes, &mut at);
            if delta == 0 {
                pos += value;
            } else {
                doc_plus1 += delta;
                doc = doc_plus1 - 1;
                pos = value;
            }
            out.push(pack(doc, pos));
        }
    }

    /// Where a word (or, with `prefix`, every word starting so) stands: packed (local
    /// document, position), sorted.
    pub fn positions(&self, term: &str, prefix: bool) -> Vec<u64> {
        let mut out = Vec::new();
        let first = self.lower_bound(term);
        if !prefix {
            if first < self.terms_len() && self.term(first) == term {
                self.decode(first, &mut out);
            }
            return out;
        }
        let mut runs = 0;
        let mut i = first;
        while i < self.terms_len() && self.term(i).starts_with(term) {
            self.decode(i, &mut out);
            runs += 1;
            i += 1;
        }
        if runs > 1 {
            out.sort_unstable();
        }
        out
    }

    /// The byte span of words `pos..pos + len` of local document `doc`. The text is read only
    /// for a last word of 255 bytes or more; reading it for every hit would cost a cache miss
    /// each (measured: a query with 264,580 hits took 38 ms instead of 10). The places are
    /// walked from a mark instead (see [`WordPlaces`]): `said` with 52,916 hits in 1.76 ms
    /// against 1.38 with five bytes a word kept whole, at under half their memory.
    pub fn word_span(&self, doc: u32, pos: u32, len: u32) -> (u32, u32) {
        let base = self.token_base[doc as usize] as usize;
        let first = base + pos as usize;
        let last = (first + len.max(1) as usize - 1).min(self.places.len() - 1);
        let start = self.places.start(last);
        let end = match self.places.len_of(last) {
            None => fold::token_end(&self.docs[doc as usize].body, start as usize) as u32,
            Some(n) => start + n,
        };
        let first_start = if first == last {
            start
        } else {
            self.places.start(first)
        };
        (first_start, end)
    }

    /// The time expressions of local document `doc`.
    pub fn times(&self, doc: u32) -> &[TimeEntry] {
        &self.times
            [self.time_base[doc as usize] as usize..self.time_base[doc as usize + 1] as usize]
    }

    /// Bytes this segment holds, the bodies it shares not counted.
    pub fn heap_bytes(&self) -> usize {
        self.term_text.len()
            + self.term_offsets.len() * 4
            + self.posting_offsets.len() * 4
            + self.postings.len()
            + self.token_base.len() * 4
            + self.places.heap_bytes()
            + self.time_base.len() * 4
            + self.times.len() * std::mem::size_of::<TimeEntry>()
            + self
                .docs
                .iter()
                .map(|d| d.fields.iter().map(|f| f.len()).sum::<usize>() + 96)
                .sum::<usize>()
    }
}

/// The index over a workspace's articles; possibly partial while it is built.
#[derive(Clone, Default)]
pub struct SearchIndex {
    /// The segments ready so far, in article order (gaps while building).
    pub segments: Vec<Arc<Segment>>,
    /// The number of articles the index is for.
    pub total_docs: usize,
}

impl SearchIndex {
    /// Articles the ready segments cover.
    pub fn ready_docs(&self) -> usize {
        self.segments.iter().map(|s| s.docs.len()).sum()
    }

    /// True when every article is indexed.
    pub fn is_complete(&self) -> bool {
        self.ready_docs() == self.total_docs
    }

    /// Puts a finished segment in its place.
    pub fn insert(&mut self, segment: Arc<Segment>) {
        let at = self
            .segments
            .partition_point(|s| s.first_doc < segment.first_doc);
        if self
            .segments
            .get(at)
            .is_some_and(|s| s.first_doc == segment.first_doc)
        {
            self.segments[at] = segment;
        } else {
            self.segments.insert(at, segment);
        }
    }

    /// Bytes the index holds, the article texts it shares with the workspace not counted.
    pub fn heap_bytes(&self) -> usize {
        self.segments.iter().map(|s| s.heap_bytes()).sum()
    }
}

/// Builds the index of `articles`, keeping the segments of `previous` whose articles did not
/// change, and hands each segment to `ready` as soon as it is done (in any order). Stops early
/// when `progress` is cancelled; the segments handed over until then stay valid.
pub fn build_index(
    articles: &[Article],
    corrections: &[TimexCorrection],
    previous: Option<&SearchIndex>,
    progress: &BuildProgress,
    ready: &(dyn Fn(Arc<Segment>) + Sync),
) {
    use rayon::prelude::*;
    progress.total.store(articles.len(), Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);
    let mut by_article: HashMap<ArticleId, Vec<&TimexCorrection>> = HashMap::new();
    for c in corrections {
        by_article.entry(c.article).or_default().push(c);
    }
    let old: HashMap<(u32, u64), &Arc<Segment>> = previous
        .map(|p| {
            p.segments
                .iter()
                .map(|s| ((s.first_doc, s.fingerprint), s))
                .collect()
        })
        .unwrap_or_default();
    let chunks: Vec<(usize, &[Article])> = articles.chunks(SEGMENT_DOCS).enumerate().collect();
    chunks.par_iter().for_each(|(i, chunk)| {
        if progress.is_cancelled() {
            return;
        }
        let first_doc = (i * SEGMENT_DOCS) as u32;
        let print = fingerprint(chunk, &by_article);
        let segment = match old.get(&(first_doc, print)) {
            Some(kept) => Arc::clone(kept),
            None => Arc::new(Segment::build(chunk, first_doc, &by_article, print)),
        };
        progress.done.fetch_add(chunk.len(), Ordering::Relaxed);
        ready(segment);
    });
}

/// Builds the whole index at once (the command line and tests).
pub fn build_index_now(articles: &[Article], corrections: &[TimexCorrection]) -> SearchIndex {
    let segments = std::sync::Mutex::new(Vec::new());
    build_index(
        articles,
        corrections,
        None,
        &BuildProgress::default(),
        &|s| {
            if let Ok(mut list) = segments.lock() {
                list.push(s);
            }
        },
    );
    let mut index = SearchIndex {
        segments: Vec::new(),
        total_docs: articles.len(),
    };
    for s in segments.into_inner().unwrap_or_default() {
        index.insert(s);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_article;

    #[test]
    fn varints_round_trip() {
        let mut bytes = Vec::new();
        for v in [0, 1, 127, 128, 300, 1 << 20, u32::MAX] {
            write_varint(&mut bytes, v);
        }
        let mut at = 0;
        let back: Vec<u32> = (0..7).map(|_| read_varint(&bytes, &mut at)).collect();
        assert_eq!(back, [0, 1, 127, 128, 300, 1 << 20, u32::MAX]);
    }

    #[test]
    fn positions_and_spans_of_words() {
        let mut a = test_article(
            "/a.txt",
            "a",
            "Oil prices rose.\n\nOil fell, then oil rose.",
        );
        a.id = ArticleId(1);
        let mut b = test_article("/b.txt", "b", "No crude here; oily rags.");
        b.id = ArticleId(2);
        let index = build_index_now(&[a.clone(), b], &[]);
        let seg = &index.segments[0];
        let oil = seg.positions("oil", false);
        assert_eq!(
            oil.iter().map(|p| unpack(*p)).collect::<Vec<_>>(),
            [(0, 0), (0, 3), (0, 6)]
        );
        let (s, e) = seg.word_span(0, 6, 2);
        assert_eq!(&a.body[s as usize..e as usize], "oil rose");
        let prefixed: Vec<(u32, u32)> = seg
            .positions("oil", true)
            .iter()
            .map(|p| unpack(*p))
            .collect();
        assert_eq!(prefixed, [(0, 0), (0, 3), (0, 6), (1, 3)]);
        assert!(seg.positions("gas", false).is_empty());
        assert!(index.is_complete());
    }

    #[test]
    fn very_long_words_are_measured_in_the_text() {
        let long = "x".repeat(300);
        let body = format!("a {long} b");
        let index = build_index_now(&[test_article("/l.txt", "l", &body)], &[]);
        let seg = &index.segments[0];
        let at = seg.positions(&long, false);
        let (doc, pos) = unpack(at[0]);
        let (s, e) = seg.word_span(doc, pos, 1);
        assert_eq!(&body[s as usize..e as usize], long);
        let (s, e) = seg.word_span(doc, pos, 2);
        assert_eq!(&body[s as usize..e as usize], format!("{long} b"));
    }

    #[test]
    fn unchanged_segments_are_kept() {
        let mut articles: Vec<Article> = (0..3)
            .map(|i| {
                let mut a = test_article(&format!("/{i}.txt"), "h", "text");
                a.id = ArticleId(i);
                a
            })
            .collect();
        let first = build_index_now(&articles, &[]);
        let kept = std::sync::Mutex::new(0);
        let check = |index: Option<&SearchIndex>, articles: &[Article]| {
            *kept.lock().unwrap_or_else(|e| e.into_inner()) = 0;
            build_index(articles, &[], index, &BuildProgress::default(), &|s| {
                if Arc::ptr_eq(&s, &first.segments[0]) {
                    *kept.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                }
            });
            *kept.lock().unwrap_or_else(|e| e.into_inner())
        };
        assert_eq!(check(Some(&first), &articles), 1);
        articles[1].headline = "Changed".into();
        assert_eq!(check(Some(&first), &articles), 0);
    }
}

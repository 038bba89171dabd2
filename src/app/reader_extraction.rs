//! The time expressions and names of the article the reader shows, as extracted, before the
//! user's decisions are laid over them. Kept until the article or the extraction's inputs
//! change (a tag changes neither); a long article is read off the UI thread, so opening it
//! never holds a frame (a 50,000-word article took 150 ms).

use std::sync::Arc;

use crate::extract::entities::article_named_spans;
use crate::extract::timex::{Timex, article_timexes};
use crate::jobs::{BackgroundTask, TaskPoll, WakeUp};
use crate::model::{Article, ArticleId, TimexCorrection};
use crate::ui::reader::ReaderName;

/// Bodies at least this long (bytes) are read on a thread of their own: about 10 ms of
/// extraction on this machine.
pub(super) const BACKGROUND_BYTES: usize = 20_000;

/// What one article's extraction is for: the article, and the version of the extraction's
/// inputs (corrections, reference dates, accepted time expressions, the texts).
pub(super) type ExtractionKey = (ArticleId, u64);

/// Time expressions and names, found in one body.
type Found = (Vec<Timex>, Vec<ReaderName>);

/// The reader's extraction: the last one done, and one under way, each with the body it reads.
#[derive(Default)]
pub(super) struct ReaderExtraction {
    done: Option<(ExtractionKey, Arc<str>, Found)>,
    task: Option<(ExtractionKey, Arc<str>, BackgroundTask<Found>)>,
}

impl ReaderExtraction {
    /// Takes a finished background extraction; true when one arrived, and what was derived
    /// from the extraction should be derived again (asking with the key of the moment, which
    /// starts another if the inputs changed meanwhile).
    pub(super) fn poll(&mut self) -> bool {
        let Some((for_key, body, task)) = &self.task else {
            return false;
        };
        match task.poll() {
            TaskPoll::Pending => false,
            TaskPoll::Done(found) => {
                self.done = Some((*for_key, Arc::clone(body), found));
                self.task = None;
                true
            }
            TaskPoll::Lost => {
                self.task = None;
                false
            }
        }
    }

    /// The time expressions and names for `key`, extracted now for a short article; for a
    /// long one read on a thread (which calls `wake` when done), meanwhile what was found in
    /// the same text before the inputs changed, else `None`: the marks stay while they are
    /// found again (names arriving for the corpus change the inputs), never on another text.
    pub(super) fn get(
        &mut self,
        key: ExtractionKey,
        article: &Article,
        corrections: &[TimexCorrection],
        wake: &WakeUp,
    ) -> Option<&Found> {
        if self.done.as_ref().is_some_and(|(k, _, _)| *k == key) {
            return self.found();
        }
        if article.body.len() < BACKGROUND_BYTES {
            let found = extract(article, corrections);
            self.done = Some((key, Arc::clone(&article.body), found));
            return self.found();
        }
        if self.task.as_ref().is_some_and(|(k, _, _)| *k == key) {
            return self.found_in(article);
        }
        let owned = article.clone();
        let own: Vec<TimexCorrection> = corrections
            .iter()
            .filter(|c| c.article == article.id)
            .cloned()
            .collect();
        let label = format!("Finding names and dates in “{}”…", article.headline);
        let work = move || extract(&owned, &own);
        match BackgroundTask::start("reader", label, Arc::clone(wake), work) {
            Ok(task) => {
                self.task = Some((key, Arc::clone(&article.body), task));
                self.found_in(article)
            }
            // No thread to be had: extract here rather than show nothing.
            Err(_) => {
                let found = extract(article, corrections);
                self.done = Some((key, Arc::clone(&article.body), found));
                self.found()
            }
        }
    }

    fn found(&self) -> Option<&Found> {
        self.done.as_ref().map(|(_, _, found)| found)
    }

    /// The last extraction, if it read this article's very text.
    fn found_in(&self, article: &Article) -> Option<&Found> {
        self.done
            .as_ref()
            .filter(|(k, body, _)| k.0 == article.id && Arc::ptr_eq(body, &article.body))
            .map(|(_, _, found)| found)
    }

    /// What the status bar says while a long article is read.
    pub(super) fn busy(&self) -> Option<&str> {
        self.task.as_ref().map(|(_, _, t)| t.label.as_str())
    }
}

fn extract(article: &Article, corrections: &[TimexCorrection]) -> Found {
    (article_timexes(article, corrections), reader_names(article))
}

/// The names in an article with the full names they stand for.
fn reader_names(article: &Article) -> Vec<ReaderName> {
    article_named_spans(article)
        .into_iter()
        .map(|n| ReaderName {
            start: n.start,
            end: n.end,
            label: n.label,
            entity: n.canonical.to_string(),
            selected: false,
            accepted: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: usize) -> Article {
        let text = "Kim Jong-gak led a delegation to China on Monday. ".repeat(paragraphs);
        let mut a = crate::model::test_article("long.txt", "h", &text);
        a.published = crate::model::PublishedAt::from_ymd(2009, 11, 23);
        a
    }

    #[test]
    fn a_short_article_is_read_at_once_and_kept_until_its_inputs_change() {
        let a = article(3);
        let wake: WakeUp = Arc::new(|| {});
        let mut reader = ReaderExtraction::default();
        let (timexes, names) = reader.get((a.id, 1), &a, &[], &wake).cloned().unwrap();
        assert_eq!(timexes, article_timexes(&a, &[]));
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(reader.busy().is_none());
        // The same key gives what was kept, without reading the text again.
        let kept = reader.found().map(|f| f.0.as_ptr());
        reader.get((a.id, 1), &a, &[], &wake).unwrap();
        assert_eq!(reader.found().map(|f| f.0.as_ptr()), kept);
        reader.get((a.id, 2), &a, &[], &wake).unwrap();
        assert_eq!(reader.done.as_ref().map(|(k, _, _)| *k), Some((a.id, 2)));
    }

    #[test]
    fn a_long_article_is_read_on_a_thread_and_arrives_whole() {
        let a = article(BACKGROUND_BYTES / 40);
        assert!(a.body.len() >= BACKGROUND_BYTES);
        let woken = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&woken);
        let wake: WakeUp = Arc::new(move || flag.store(true, std::sync::atomic::Ordering::SeqCst));
        let mut reader = ReaderExtraction::default();
        let key = (a.id, 1);
        assert!(reader.get(key, &a, &[], &wake).is_none());
        assert!(reader.busy().unwrap().contains("Finding names and dates"));
        // Asking again while it runs starts nothing new.
        assert!(reader.get(key, &a, &[], &wake).is_none());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !reader.poll() {
            assert!(
                std::time::Instant::now() < deadline,
                "the extraction never came"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(woken.load(std::sync::atomic::Ordering::SeqCst));
        assert!(reader.busy().is_none());
        let (timexes, names) = reader.get(key, &a, &[], &wake).cloned().unwrap();
        assert_eq!(timexes, article_timexes(&a, &[]));
        assert_eq!(
            names.len(),
            crate::extract::entities::named_spans(&a.body).len()
        );
        assert!(names.len() >= 2 * (BACKGROUND_BYTES / 40));
        // The inputs change: while it is read again, the marks found in this text stay.
        let again = (a.id, 2);
        let stale = reader.get(again, &a, &[], &wake).cloned().unwrap();
        assert_eq!(stale.1.len(), names.len());
        assert!(reader.busy().is_some());
        // Another text of the same article never gets them.
        let mut changed = a.clone();
        changed.body = format!("{} More.", a.body).into();
        assert!(reader.get((a.id, 3), &changed, &[], &wake).is_none());
    }
}

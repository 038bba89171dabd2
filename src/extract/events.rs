//! Suggested events: every DATE or TIME expression that sits on the time axis becomes an event
//! whose title is the clause around it (who did what), whose participants are the names in its
//! sentence, and whose evidence is that sentence.
//!
//! No parser: the clause is cut at punctuation and at clause words ("that", "who", "as"),
//! the words before the date are preferred ("arrived in North Korea on Sunday"), and a clause
//! that starts with its verb borrows the nearest name before it as its subject.

use super::entities::CorpusNames;
use super::offsets::CodePoints;
use super::timex::tokens::{Kind, Token, tokenize};
use super::timex::{Timex, article_timexes};
use crate::model::MentionRecord;
use crate::model::{
    Article, ArticleId, EntityKey, EntityLabel, Event, EventOrigin, Evidence, SuggestionKey,
    TimexCorrection, TimexType,
};

/// Names the extractor and its version in every suggestion it makes.
pub const EXTRACTOR: &str = "clause-1";

/// The most words a title keeps.
const TITLE_WORDS: usize = 12;

/// Words that start a new clause inside a sentence.
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "when", "where", "as", "while", "after", "before", "because",
    "since", "although", "though", "if", "unless", "said", "says", "say",
];

/// Prepositions and articles that do not end a title.
const DANGLING: &[&str] = &[
    "on", "in", "at", "by", "until", "till", "since", "from", "during", "for", "of", "before",
    "after", "through", "to", "the", "a", "an", "and", "or", "but", "last", "this", "next",
    "early", "late", "mid", "around", "about", "between", "within", "over", "into", "with",
];

/// Prepositions that make a clause the tail of another.
const PREPOSITIONS: &[&str] = &[
    "to", "in", "at", "from", "with", "for", "into", "on", "against", "toward", "towards",
];

/// Words that may open a clause without being its verb: determiners and pronouns.
const NOUN_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "you",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "several",
    "two",
    "three",
    "four",
    "five",
    "officials",
    "police",
    "troops",
];

/// Determiners that start the noun phrase before "that".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
];

/// Possessive determiners that the subject's name can replace ("his tour" → "Liang's tour").
const POSSESSIVES: &[&str] = &["his", "her", "its", "their"];

/// The suggested events of an article: its time expressions (with the user's corrections)
/// and its names.
pub fn article_events(
    article: &Article,
    corrections: &[TimexCorrection],
    names: &[MentionRecord],
) -> Vec<Event> {
    let timexes = article_timexes(article, corrections);
    suggest_events(article.id, &article.body, &timexes, names)
}

/// The suggested events of many articles, in parallel, in article order; `names` holds each
/// article's names (an article missing from it gets events without participants).
pub fn all_article_events(
    articles: &[Article],
    corrections: &[TimexCorrection],
    names: &CorpusNames,
) -> Vec<Event> {
    let (done, cancel) = (
        std::sync::atomic::AtomicUsize::new(0),
        std::sync::atomic::AtomicBool::new(false),
    );
    all_article_events_counted(articles, corrections, names, &done, &cancel).unwrap_or_default()
}

/// [`all_article_events`], counting the articles done into `done`; `None` as soon as `cancel`
/// is set (articles not yet begun are skipped).
pub fn all_article_events_counted(
    articles: &[Article],
    corrections: &[TimexCorrection],
    names: &CorpusNames,
    done: &std::sync::atomic::AtomicUsize,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<Vec<Event>> {
    use rayon::prelude::*;
    use std::sync::atomic::Ordering;
    let per_article: Option<Vec<Vec<Event>>> = articles
        .par_iter()
        .map(|a| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let spans = names.of(a.id);
            let events = article_events(a, corrections, spans);
            done.fetch_add(1, Ordering::Relaxed);
            Some(events)
        })
        .collect();
    // Moved, not copied, into one list.
    let per_article = per_article?;
    let mut all = Vec::with_capacity(per_article.iter().map(Vec::len).sum());
    for events in per_article {
        all.extend(events);
    }
    Some(all)
}

/// The suggested events of one article body, in text order.
pub fn suggest_events(
    article: ArticleId,
    body: &str,
    timexes: &[Timex],
    names: &[MentionRecord],
) -> Vec<Event> {
    let tokens = tokenize(body);
    let mut points = CodePoints::new(body);
    let mut events = Vec::new();
    for timex in timexes {
        if !matches!(timex.kind, TimexType::Date | TimexType::Time)
            || timex.value.interval().is_none()
        {
            continue;
        }
        let Some(at) = tokens.iter().position(|t| t.start >= timex.start) else {
            continue;
        };
        let until = tokens[at..]
            .iter()
            .position(|t| t.start >= timex.end)
            .map_or(tokens.len(), |n| at + n);
        let (s0, s1) = sentence_bounds(&tokens, at, until);
        let sentence = (tokens[s0].start, tokens[s1 - 1].end);
        let title = title(body, &tokens, (s0, s1), (at, until), names)
            .unwrap_or_else(|| timex.text.clone());
        let mut participants: Vec<EntityKey> = Vec::new();
        for n in names
            .iter()
            .filter(|n| n.start as usize >= sentence.0 && n.end as usize <= sentence.1)
        {
            let key = EntityKey::new(&n.canonical, n.label);
            if !participants.contains(&key) {
                participants.push(key);
            }
        }
        let (start, end) = (points.at(sentence.0), points.at(sentence.1));
        let timex_start = points.at(timex.start);
        events.push(Event {
            id: Event::UNSTORED,
            title,
            value: timex.value.clone(),
            participants,
            evidence: vec![Evidence {
                article,
                start,
                end,
                quote: body[sentence.0..sentence.1].into(),
            }],
            notes: String::new(),
            tags: Vec::new(),
            uncertain: timex.uncertain_reference,
            origin: EventOrigin::Suggested {
                extractor: EXTRACTOR.to_string(),
                key: SuggestionKey {
                    article,
                    start: timex_start,
                    text: timex.text.clone(),
                },
            },
        });
    }
    events
}

/// The tokens of the sentence around `at..until`.
fn sentence_bounds(tokens: &[Token<'_>], at: usize, until: usize) -> (usize, usize) {
    let mut s0 = at;
    while s0 > 0 && !tokens[s0].sentence_start {
        s0 -= 1;
    }
    let mut s1 = until.max(at + 1).min(tokens.len());
    while s1 < tokens.len() && !tokens[s1].sentence_start {
        s1 += 1;
    }
    // Leave the closing full stop out of the quote's end only when it is the last token.
    (s0, s1)
}

/// True for punctuation that ends a clause: , ; : ( ) quotes and dashes.
fn clause_punct(t: &Token<'_>) -> bool {
    t.kind == Kind::Punct
        && matches!(
            t.lower.as_ref(),
            "," | ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—" | "–" | "." | "!" | "?"
        )
        || t.lower == "-" && !t.glued
}

/// The title for the expression at tokens `at..until` in the sentence `s0..s1`.
fn title(
    body: &str,
    tokens: &[Token<'_>],
    (s0, s1): (usize, usize),
    (at, until): (usize, usize),
    names: &[MentionRecord],
) -> Option<String> {
    // The clause before the expression, back to punctuation or a clause word.
    let mut c0 = at;
    let mut opener: Option<&str> = None;
    while c0 > s0 {
        let t = &tokens[c0 - 1];
        if clause_punct(t) {
            break;
        }
        if t.kind == Kind::Word && CLAUSE_WORDS.contains(&t.lower.as_ref()) {
            // "the media said Monday", "the first since 2006": a word right before the
            // date belongs to it, not to a new clause.
            let attached = matches!(
                t.lower.as_ref(),
                "said" | "says" | "say" | "since" | "after" | "before" | "when" | "as"
            );
            if !(attached && c0 == at) {
                opener = Some(t.lower.as_ref());
                break;
            }
        }
        // "and" or "but" before a verb starts a new clause ("and said"), not before a name.
        if matches!(t.lower.as_ref(), "and" | "but")
            && tokens.get(c0).is_some_and(|n| {
                n.kind == Kind::Word && !n.capitalised && !NOUN_OPENERS.contains(&n.lower.as_ref())
            })
            && c0 < at
        {
            opener = Some("and");
            break;
        }
        c0 -= 1;
    }
    let before = trim(tokens, c0, at);
    let (from, to, subject_search) = if before.1 > before.0 + 1 {
        (before.0, before.1, c0)
    } else {
        // The expression opens its clause ("On Tuesday, the allies conferred"): the words
        // after it, skipping one comma.
        let mut k = until;
        if tokens.get(k).is_some_and(|t| t.lower == ",") {
            k += 1;
        }
        let mut e = k;
        while e < s1 && !clause_punct(&tokens[e]) && e - k < TITLE_WORDS + 4 {
            e += 1;
        }
        let after = trim(tokens, k, e);
        if after.1 <= after.0 {
            return None;
        }
        (after.0, after.1, k)
    };
    // At most TITLE_WORDS words (punctuation does not count).
    let mut to_capped = from;
    let mut words_seen = 0;
    while to_capped < to && words_seen < TITLE_WORDS {
        if tokens[to_capped].kind != Kind::Punct {
            words_seen += 1;
        }
        to_capped += 1;
    }
    let to = to_capped;
    let (from, to) = trim(tokens, from, to);
    if to <= from {
        return None;
    }
    let words = &body[tokens[from].start..tokens[to - 1].end];
    let first = &tokens[from];
    // "…, led by Kim, to China last week": a phrase that continues the sentence's main clause
    // ("North Korea sent a military delegation") after an aside.
    if PREPOSITIONS.contains(&first.lower.as_ref()) && c0 > s0 {
        let mut m = s0;
        while m < c0 && !clause_punct(&tokens[m]) {
            m += 1;
        }
        let (m0, m1) = trim(tokens, s0, m.min(s0 + 8));
        if m1 > m0 + 1 && m < c0 {
            let main = &body[tokens[m0].start..tokens[m1 - 1].end];
            return Some(format!("{main} {words}"));
        }
    }
    let starts_with_verb = first.kind == Kind::Word
        && !first.capitalised
        && !NOUN_OPENERS.contains(&first.lower.as_ref());
    let subject = |prefer_person: bool| {
        nearest_name(
            names,
            tokens[s0].start,
            tokens[subject_search.max(s0)].start,
            prefer_person,
        )
    };
    let title = match opener {
        // "his three-nation tour that continues in Japan": the noun before "that".
        Some("that" | "which") if starts_with_verb => {
            let noun = noun_before(body, tokens, c0 - 1, s0, names);
            match noun {
                Some(noun) => format!("{noun} {words}"),
                None => words.to_string(),
            }
        }
        _ if starts_with_verb => match subject(opener == Some("who")) {
            Some(name) => format!("{name} {words}"),
            None => words.to_string(),
        },
        _ => words.to_string(),
    };
    Some(title.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Drops dangling prepositions, articles and punctuation from both ends of `a..b`.
fn trim(tokens: &[Token<'_>], mut a: usize, mut b: usize) -> (usize, usize) {
    let dangling = |t: &Token<'_>| t.kind == Kind::Punct || DANGLING.contains(&t.lower.as_ref());
    while b > a && dangling(&tokens[b - 1]) {
        b -= 1;
    }
    while a < b
        && (tokens[a].kind == Kind::Punct || matches!(tokens[a].lower.as_ref(), "and" | "but"))
    {
        a += 1;
    }
    (a, b)
}

/// The canonical name of the nearest name in `from..to` (bytes), people first when asked.
fn nearest_name(names: &[MentionRecord], from: usize, to: usize, person: bool) -> Option<String> {
    let mut inside = names
        .iter()
        .filter(|n| n.start as usize >= from && n.end as usize <= to);
    if person && let Some(n) = inside.clone().rfind(|n| n.label == EntityLabel::Person) {
        return Some(n.canonical.to_string());
    }
    inside
        .rfind(|n| n.label != EntityLabel::Place)
        .map(|n| n.canonical.to_string())
}

/// Up to three words before token `k` (exclusive) back to a determiner: "his three-nation
/// tour" → "Liang Guanglie's three-nation tour" when the sentence names a person before it.
fn noun_before(
    body: &str,
    tokens: &[Token<'_>],
    k: usize,
    s0: usize,
    names: &[MentionRecord],
) -> Option<String> {
    let mut a = k;
    let mut determiner = None;
    while a > s0 && k - a < 5 {
        let t = &tokens[a - 1];
        if t.kind == Kind::Punct && t.lower != "-" {
            break;
        }
        if DETERMINERS.contains(&t.lower.as_ref()) {
            determiner = Some(t.lower.to_string());
            break;
        }
        a -= 1;
    }
    if a >= k {
        return None;
    }
    let noun = &body[tokens[a].start..tokens[k - 1].end];
    let owner = determiner
        .filter(|d| POSSESSIVES.contains(&d.as_str()))
        .and_then(|_| nearest_name(names, tokens[s0].start, tokens[a].start, true));
    Some(match owner {
        Some(name) => format!("{name}'s {noun}"),
        None => noun.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::mention_records;
    use crate::extract::timex::find_timexes;
    use chrono::NaiveDate;

    fn events(text: &str) -> Vec<(String, String)> {
        let reference = NaiveDate::from_ymd_opt(2009, 11, 23);
        let timexes = find_timexes(text, reference);
        let names = mention_records(ArticleId(1), text);
        suggest_events(ArticleId(1), text, &timexes, &names)
            .into_iter()
            .map(|e| (e.value.to_timex(), e.title))
            .collect()
    }

    /// Names and events over many articles count each article once and stop when asked:
    /// a cancel set before the work finds nothing and says so (`None`), not an empty result.
    #[test]
    fn names_and_events_are_counted_and_stop_when_cancelled() {
        use crate::extract::entities::all_article_names_counted;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let articles: Vec<Article> = (0..50)
            .map(|i| {
                let mut a = crate::model::test_article(
                    &format!("{i}.txt"),
                    &i.to_string(),
                    "Liang Guanglie arrived in North Korea on Sunday, officials said.",
                );
                a.id = ArticleId(i);
                a.published = crate::model::PublishedAt::from_ymd(2009, 11, 23);
                a
            })
            .collect();
        let bodies: Vec<crate::model::ArticleText> = articles.iter().map(|a| a.text()).collect();
        let (done, go) = (AtomicUsize::new(0), AtomicBool::new(false));
        let names = all_article_names_counted(&bodies, &done, &go).unwrap();
        let named = (0..50)
            .filter(|&i| !names.of(ArticleId(i)).is_empty())
            .count();
        assert_eq!((named, done.load(Ordering::Relaxed)), (50, 50));
        let spans = names;
        let done = AtomicUsize::new(0);
        let events = all_article_events_counted(&articles, &[], &spans, &done, &go).unwrap();
        assert_eq!(events.len(), 50, "one event, on Sunday, per article");
        assert_eq!(done.load(Ordering::Relaxed), 50);
        assert_eq!(events, all_article_events(&articles, &[], &spans));

        let (done, stop) = (AtomicUsize::new(0), AtomicBool::new(true));
        assert!(all_article_names_counted(&bodies, &done, &stop).is_none());
        assert!(all_article_events_counted(&articles, &[], &spans, &done, &stop).is_none());
        assert_eq!(
            done.load(Ordering::Relaxed),
            0,
            "nothing begun after the cancel"
        );
    }

    #[test]
    fn titles_are_who_did_what() {
        let found = events(
            "China's defense minister, Liang Guanglie, arrived in North Korea on Sunday as the \
             first leg of his three-nation tour that continues in Japan and Thailand until \
             Dec. 5. On Tuesday, the allies conferred in Washington.",
        );
        assert_eq!(
            found,
            [
                (
                    "2009-11-22".to_string(),
                    "Liang Guanglie arrived in North Korea".to_string()
                ),
                (
                    "2009-12-05".to_string(),
                    "Liang Guanglie's three-nation tour continues in Japan and Thailand"
                        .to_string()
                ),
                (
                    "2009-11-17".to_string(),
                    "the allies conferred in Washington".to_string()
                ),
            ]
        );
    }

    #[test]
    fn durations_and_sets_make_no_events() {
        assert!(events("The talks lasted two days and were held every Monday.").is_empty());
    }
}

//! Named entities: people, organisations, places and other names (nationalities, events),
//! found by an averaged perceptron over word, shape, affix and gazetteer features. The model is
//! trained by `dateline train-ner` from CoNLL-2003 and shipped in assets/ner/model.bin.

mod aliases;
mod class_learning;
mod class_lookup;
mod consistency;
mod corpus;
mod features;
mod function_words;
mod gazetteer;
mod history;
mod perceptron;
mod suffixes;
mod titles;
mod tokens;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::EntityLabel;
pub use aliases::{canonical_names, normalise_name};
pub use class_learning::{ClassCorpus, learn_classes};
pub use class_lookup::GRAINS as CLASS_GRAINS;
use class_lookup::WordClasses;
pub use corpus::{
    CorpusNames, all_article_names, all_article_names_counted, all_article_names_in_parts,
};
use features::Prepared;
use gazetteer::Gazetteer;
pub use perceptron::Perceptron;
use perceptron::{tag_label, tag_of};

/// A name found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The words as written.
    pub text: String,
    /// Person, organisation, place or other.
    pub label: EntityLabel,
}

/// The model shipped with Dateline.
pub fn bundled_model() -> &'static Perceptron {
    static MODEL: OnceLock<Perceptron> = OnceLock::new();
    MODEL.get_or_init(|| {
        Perceptron::from_bytes(include_bytes!("../../../assets/ner/model.bin"))
            .unwrap_or_else(Perceptron::empty)
    })
}

/// Longest sentence tagged at once; longer runs (tables, lists) are cut.
const MAX_SENTENCE: usize = 150;

/// A sentence prepared for the tagger.
struct Sentence {
    /// The words with their features' inputs.
    words: Vec<Prepared>,
    /// Byte span of each word.
    spans: Vec<(usize, usize)>,
}

/// Words grouped into sentences, prepared for the tagger, with their byte spans.
fn sentences(text: &str) -> Vec<Sentence> {
    let words = tokens::words(text);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        if i == words.len() || words[i].sentence_start || i - start >= MAX_SENTENCE {
            let slice = &words[start..i];
            let mut lower = String::new();
            let classes = WordClasses::bundled();
            let mut prepared: Vec<Prepared> = slice
                .iter()
                .enumerate()
                .map(|(k, w)| Prepared::new(w.text, k == 0, &mut lower, classes))
                .collect();
            let hashes: Vec<u64> = prepared.iter().map(|p| p.word).collect();
            let marks = Gazetteer::bundled().mark(&hashes);
            for (p, lists) in prepared.iter_mut().zip(marks) {
                if !lists.is_empty() {
                    p.mark(&lists);
                }
            }
            out.push(Sentence {
                words: prepared,
                spans: slice.iter().map(|w| (w.start, w.end)).collect(),
            });
            start = i;
        }
    }
    out
}

/// Finds the named entities in `text` with `model`, a sentence at a time, then makes them
/// agree across the document (a function word alone is no name, nor ends one:
/// `function_words`; titles taken off: `titles`; companies' names that read as people's:
/// `suffixes`; one reading of a name throughout: `consistency`).
pub fn find_entities_with(model: &Perceptron, text: &str) -> Vec<EntityMention> {
    let mut found = Vec::new();
    let mut all_words: Vec<(usize, usize)> = Vec::new();
    let sentences = sentences(text);
    let mut history =
        history::PredictionHistory::for_document(sentences.iter().map(|s| s.words.as_slice()));
    for Sentence { words, spans } in sentences {
        all_words.extend_from_slice(&spans);
        let tags = model.tag(&words, &mut history);
        let mut open: Option<(usize, usize, EntityLabel)> = None;
        for (k, tag) in tags.iter().enumerate() {
            let current = tag_label(*tag);
            match (open, current) {
                (Some((s, _, label)), Some((l, false))) if l == label => {
                    open = Some((s, spans[k].1, label))
                }
                _ => {
                    if let Some((s, e, label)) = open.take() {
                        found.push(EntityMention {
                            start: s,
                            end: e,
                            text: text[s..e].to_string(),
                            label,
                        });
                    }
                    if let Some((label, _)) = current {
                        open = Some((spans[k].0, spans[k].1, label));
                    }
                }
            }
        }
        if let Some((s, e, label)) = open {
            found.push(EntityMention {
                start: s,
                end: e,
                text: text[s..e].to_string(),
                label,
            });
        }
    }
    function_words::drop_function_words(text, &mut found);
    titles::take_off_titles(text, &mut found);
    suffixes::people_named_as_bodies(&mut found);
    consistency::agree_within_document(text, &all_words, &mut found);
    // The model learned names from capitalised English: in a text written mostly in a script
    // without capitals (Arabic, Hebrew, Devanagari, Chinese, Japanese, Korean) it has no
    // evidence, and what it marks there is noise (that may split a letter from its marks). A
    // name without a capital is kept only in a text mostly in cased letters ("Seoul (서울)").
    let uncased = |m: &EntityMention| !m.text.chars().any(char::is_uppercase);
    if found.iter().any(uncased) && mostly_uncased(text) {
        found.retain(|m| !uncased(m));
    }
    found
}

/// True when most of the letters of `text` belong to scripts without capitals.
fn mostly_uncased(text: &str) -> bool {
    let (mut cased, mut uncased) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() || c.is_lowercase() {
            cased += 1;
        } else {
            uncased += 1;
        }
    }
    uncased > cased
}

/// Finds the named entities in `text` with the bundled model.
pub fn find_entities(text: &str) -> Vec<EntityMention> {
    find_entities_with(bundled_model(), text)
}

/// Training material: a text and its entities as byte spans.
pub struct TrainingDocument {
    /// The text.
    pub text: String,
    /// Gold entities: start and end bytes and label.
    pub entities: Vec<(usize, usize, EntityLabel)>,
}

/// Trains a tagger on documents, `epochs` passes in each of `orders` orders of the data
/// ([`Perceptron::train`]); `on_epoch` hears the order, the pass and its training accuracy.
pub fn train(
    documents: &[TrainingDocument],
    epochs: usize,
    orders: usize,
    on_epoch: impl FnMut(usize, usize, f64),
) -> Perceptron {
    let mut material = Vec::new();
    for doc in documents {
        let mut document = Vec::new();
        for Sentence { words, spans } in sentences(&doc.text) {
            let mut tags = vec![0u8; words.len()];
            for &(s, e, label) in &doc.entities {
                let mut first = true;
                for (k, &(ws, we)) in spans.iter().enumerate() {
                    if ws >= s && we <= e {
                        tags[k] = tag_of(label, first);
                        first = false;
                    }
                }
            }
            document.push((words, tags));
        }
        material.push(document);
    }
    Perceptron::train(&material, epochs, orders, on_epoch)
}

/// A name in the text with the full name it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The canonical name ("Liang Guanglie" for "Liang"), shared with the article's mention
    /// records.
    pub canonical: std::sync::Arc<str>,
    /// The kind.
    pub label: EntityLabel,
}

/// The names in a body with the canonical names they stand for.
pub fn named_spans(body: &str) -> Vec<NamedSpan> {
    with_canonical_names(body)
        .map(|(m, canonical)| NamedSpan {
            start: m.start,
            end: m.end,
            canonical: canonical.into(),
            label: m.label,
        })
        .collect()
}

/// The names of an article: those an earlier extraction kept for this very body (each span
/// checked against it), else those found now.
pub fn article_named_spans(article: &crate::model::Article) -> Vec<NamedSpan> {
    match article.stored_extraction() {
        Some(stored) => stored_names(stored, &article.body)
            .map(|(n, _)| NamedSpan {
                start: n.start as usize,
                end: n.end as usize,
                canonical: n.canonical.as_str().into(),
                label: n.label,
            })
            .collect(),
        None => named_spans(&article.body),
    }
}

/// The mentions of an article as the registry records them: kept from an earlier extraction
/// when there is one for this body, else found now ([`mention_records`]).
pub fn article_mention_records(
    text: &crate::model::ArticleText,
) -> Vec<crate::model::MentionRecord> {
    match text.stored() {
        Some(stored) => stored_names(stored, &text.body)
            .map(|(n, words)| crate::model::MentionRecord {
                article: text.id,
                text: normalise_name(words).into(),
                canonical: n.canonical.as_str().into(),
                label: n.label,
                start: n.start,
                end: n.end,
            })
            .collect(),
        None => mention_records(text.id, &text.body),
    }
}

/// The kept names whose spans lie inside the body, with their words.
fn stored_names<'a>(
    stored: &'a crate::model::StoredExtraction,
    body: &'a str,
) -> impl Iterator<Item = (&'a crate::model::StoredName, &'a str)> {
    stored.names.iter().filter_map(move |n| {
        crate::model::StoredExtraction::words(body, n.start, n.end).map(|words| (n, words))
    })
}

/// The mentions of one article's body as the registry records them: the names of
/// [`named_spans`], with the words as written.
pub fn mention_records(
    article: crate::model::ArticleId,
    body: &str,
) -> Vec<crate::model::MentionRecord> {
    with_canonical_names(body)
        .map(|(m, canonical)| crate::model::MentionRecord {
            article,
            text: normalise_name(&m.text).into(),
            canonical: canonical.into(),
            label: m.label,
            start: m.start as u32,
            end: m.end as u32,
        })
        .collect()
}

/// Every name the tagger finds in a body, with the canonical name it stands for: the one
/// pipeline the reader's names and the corpus' records share.
fn with_canonical_names(body: &str) -> impl Iterator<Item = (EntityMention, String)> {
    let mentions = find_entities(body);
    let canonical = canonical_names(&mentions);
    mentions.into_iter().zip(canonical)
}

/// The mention of the first `words` in `text` as `label`, for the passes' tests.
#[cfg(test)]
pub(crate) fn test_mention(text: &str, words: &str, label: EntityLabel) -> EntityMention {
    let start = text.find(words).expect("the words are in the text");
    EntityMention {
        start,
        end: start + words.len(),
        text: words.to_string(),
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader's names and the corpus' records are the same names, spans and kinds.
    #[test]
    fn the_reader_and_the_registry_see_the_same_names() {
        let body = "China's defense minister, Liang Guanglie, arrived in Pyongyang on Sunday. \
                    Liang met Kim Jong-il, the North Korean leader, and KCNA said so.";
        let spans = named_spans(body);
        let records = mention_records(crate::model::ArticleId(4), body);
        assert!(spans.len() >= 4, "{spans:?}");
        assert_eq!(spans.len(), records.len());
        for (s, r) in spans.iter().zip(&records) {
            assert_eq!((s.start, s.end), (r.start as usize, r.end as usize));
            assert_eq!((&s.canonical, s.label), (&r.canonical, r.label));
            assert_eq!(&*r.text, normalise_name(&body[s.start..s.end]));
        }
        assert!(
            spans
                .iter()
                .any(|s| &body[s.start..s.end] == "Liang" && &*s.canonical == "Liang Guanglie")
        );
    }
}

#[cfg(test)]
mod script_tests {
    use super::*;

    #[test]
    fn names_in_a_script_without_capitals_are_not_guessed() {
        // A Hindi story: whatever the English model would mark in it is dropped.
        let hindi =
            "प्रधानमंत्री ने सोमवार को नई योजना की घोषणा की। मंत्री ने कहा कि योजना अगले साल शुरू होगी।";
        assert!(
            find_entities(hindi)
                .iter()
                .all(|m| m.text.chars().any(char::is_uppercase))
        );
        assert!(mostly_uncased(hindi));
        // An English story with a Korean gloss keeps the gloss's name.
        let english = "Envoys met on Monday in Seoul (서울), officials said.";
        assert!(!mostly_uncased(english));
    }
}

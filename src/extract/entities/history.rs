//! Extended prediction history (Ratinov and Roth 2009): the kinds the tagger gave a
//! capitalised word's earlier occurrences in the same document, read as features of its next
//! occurrence. "Parnevik" tagged as a person twice makes a person of the third "Parnevik" whose
//! own sentence says little. Training keeps the history of the model's own guesses, not the
//! gold tags, so that it learns how far to trust them. Beside it, what the whole document
//! writes of a word (Chieu and Ng 2002): whether it also writes it in small letters, and
//! whether it capitalises a sentence's first word mid-sentence too.

use std::collections::{HashMap, HashSet};

use super::features::{InDocument, Prepared};
use super::gazetteer::FnvBuild;
use super::perceptron::tag_label;
use crate::model::EntityLabel;

/// Kinds counted: outside any name, then each entity label.
pub const KINDS: usize = 1 + EntityLabel::ALL.len();

/// How often each kind was given to each capitalised word so far in one document, and the
/// words the document writes in small letters somewhere.
#[derive(Clone, Default)]
pub struct PredictionHistory {
    /// Keyed by the word's hash ([`Prepared::word`]), hashed again cheaply.
    counts: HashMap<u64, [u16; KINDS], FnvBuild>,
    /// The hashes of the words written without a capital anywhere in the document (Chieu and
    /// Ng 2002): a sentence's first "Envoys" is a common noun when the text also writes
    /// "envoys"; a name is hardly ever written so.
    lower: HashSet<u64, FnvBuild>,
    /// The hashes of the words capitalised somewhere other than at a sentence's start: a
    /// sentence's first word is a name when the text capitalises it mid-sentence too.
    capitalised: HashSet<u64, FnvBuild>,
}

impl PredictionHistory {
    /// An empty history for a document of these sentences, knowing the words it writes in
    /// small letters and those it capitalises mid-sentence.
    pub fn for_document<'a>(sentences: impl IntoIterator<Item = &'a [Prepared]>) -> Self {
        let mut history = Self::default();
        for words in sentences {
            for word in words {
                if word.lower_case {
                    history.lower.insert(word.word);
                } else if word.title && !word.sentence_start() {
                    history.capitalised.insert(word.word);
                }
            }
        }
        history
    }

    /// Whether `word` is capitalised here and written in small letters elsewhere in the
    /// document.
    pub fn lower_elsewhere(&self, word: &Prepared) -> bool {
        word.title && self.lower.contains(&word.word)
    }

    /// The kinds given to `word`'s earlier occurrences, if it is capitalised and was seen.
    pub fn of(&self, word: &Prepared) -> Option<[u16; KINDS]> {
        if !word.title {
            return None;
        }
        self.counts.get(&word.word).copied()
    }

    /// What the document says of `word` so far, as the features read it.
    pub fn in_document(&self, word: &Prepared) -> InDocument {
        InDocument {
            history: self.of(word),
            lower_elsewhere: self.lower_elsewhere(word),
            capitalised_elsewhere: word.title
                && word.sentence_start()
                && self.capitalised.contains(&word.word),
        }
    }

    /// Records the tag given to `word`.
    pub fn record(&mut self, word: &Prepared, tag: u8) {
        if !word.title {
            return;
        }
        let kind = tag_label(tag).map_or(0, |(label, _)| {
            1 + EntityLabel::ALL
                .iter()
                .position(|l| *l == label)
                .unwrap_or(0)
        });
        let counts = self.counts.entry(word.word).or_default();
        counts[kind] = counts[kind].saturating_add(1);
    }
}

/// The history as feature parts: each kind seen, with whether it was all, most or some of
/// the word's earlier tags.
pub fn history_parts(counts: &[u16; KINDS], mut push: impl FnMut(u64, u64)) {
    let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
    for (kind, &c) in counts.iter().enumerate() {
        if c == 0 {
            continue;
        }
        let c = u32::from(c);
        let share = if c == total {
            2
        } else if c * 2 > total {
            1
        } else {
            0
        };
        push(kind as u64, share);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::class_lookup::WordClasses;
    use crate::extract::entities::perceptron::tag_of;

    #[test]
    fn counts_only_capitalised_words_and_reads_shares() {
        let mut lower = String::new();
        let classes = WordClasses::bundled();
        let parnevik = Prepared::new("Parnevik", false, &mut lower, classes);
        let said = Prepared::new("said", false, &mut lower, classes);
        let mut history = PredictionHistory::default();
        assert_eq!(history.of(&parnevik), None);
        history.record(&parnevik, tag_of(EntityLabel::Person, true));
        history.record(&parnevik, tag_of(EntityLabel::Person, false));
        history.record(&parnevik, tag_of(EntityLabel::Organisation, true));
        history.record(&said, 0);
        assert_eq!(history.of(&said), None);
        let counts = history.of(&parnevik).expect("seen");
        let mut parts = Vec::new();
        history_parts(&counts, |kind, share| parts.push((kind, share)));
        // Person (kind 1) most of the time, organisation (kind 2) some of it.
        assert_eq!(parts, [(1, 1), (2, 0)]);
        let mut once = PredictionHistory::default();
        once.record(&parnevik, 0);
        let mut parts = Vec::new();
        history_parts(&once.of(&parnevik).expect("seen"), |k, s| {
            parts.push((k, s))
        });
        assert_eq!(parts, [(0, 2)]);
    }

    /// Made-up names: unknown to the word classes and the gazetteers, so a model can tell
    /// their kind only from the words around them.
    fn made_up_name(n: usize) -> String {
        const SYLLABLES: [&str; 12] = [
            "ka", "ro", "mi", "tse", "van", "lo", "dru", "pe", "zan", "qui", "bo", "fel",
        ];
        let mut name = String::new();
        let mut k = n + 7;
        for _ in 0..3 {
            name.push_str(SYLLABLES[k % SYLLABLES.len()]);
            k = k / SYLLABLES.len() + 5 * k + 3;
        }
        let mut chars = name.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }

    /// A document that says first, with a clear cue, whether `name` is a person or a company,
    /// then mentions it where nothing but that earlier mention tells which.
    fn document(name: &str, person: bool) -> Written {
        let first = if person {
            format!("Mr {name} spoke .")
        } else {
            format!("{name} Corp shares rose .")
        };
        let text = format!("{first}\nLater {name} won .");
        let label = if person {
            EntityLabel::Person
        } else {
            EntityLabel::Organisation
        };
        let spans = text
            .match_indices(name)
            .map(|(at, _)| (at, at + name.len(), label))
            .collect();
        (text, spans)
    }

    /// A made-up document's text with its gold names.
    type Written = (String, Vec<(usize, usize, EntityLabel)>);

    /// A tagger trained on 160 documents `make` writes, two for each made-up name (a person's
    /// and the other kind).
    fn trained_on(make: fn(&str, bool) -> Written) -> crate::extract::entities::Perceptron {
        use crate::extract::entities::{TrainingDocument, train};
        let documents: Vec<TrainingDocument> = (0..160)
            .map(|n| {
                let (text, entities) = make(&made_up_name(n / 2), n % 2 == 0);
                TrainingDocument { text, entities }
            })
            .collect();
        train(&documents, 6, 2, |_, _, _| {})
    }

    #[test]
    fn a_trained_tagger_reads_a_name_by_the_kinds_it_gave_it_before() {
        use crate::extract::entities::sentences;
        // Every name is a person in one document and a company in another, so that the name
        // itself says nothing of its kind.
        let model = trained_on(document);
        // The same training gives the same model.
        assert_eq!(model.to_bytes(), trained_on(document).to_bytes());
        // Names the model never saw, each as a person and as a company: in "Later X won ." the
        // words are the same for both, so only the history can tell them apart.
        for n in 1000..1010 {
            let name = made_up_name(n);
            for (person, label) in [
                (true, EntityLabel::Person),
                (false, EntityLabel::Organisation),
            ] {
                let (text, _) = document(&name, person);
                let mut history = PredictionHistory::default();
                let mut tags = Vec::new();
                for sentence in sentences(&text) {
                    tags = model.tag(&sentence.words, &mut history);
                }
                assert_eq!(tags, [0, tag_of(label, true), 0, 0], "{text}");
            }
        }
    }

    #[test]
    fn a_document_knows_the_words_it_writes_small_and_capitalised_mid_sentence() {
        use crate::extract::entities::sentences;
        let text =
            "Envoys met in Geneva .\nThe envoys spoke .\nGeneva was calm .\nSOCCER - IT IS CALM .";
        let sentences = sentences(text);
        let history = PredictionHistory::for_document(sentences.iter().map(|s| s.words.as_slice()));
        // What the document says of the word written `word` in sentence `s`.
        let at = |s: usize, word: &str| {
            let k = sentences[s]
                .spans
                .iter()
                .position(|&(a, b)| &text[a..b] == word)
                .expect("the word is in the sentence");
            history.in_document(&sentences[s].words[k])
        };
        // "Envoys" opens a sentence, and the text writes "envoys" too.
        assert!(at(0, "Envoys").lower_elsewhere);
        assert!(!at(0, "Envoys").capitalised_elsewhere);
        // "Geneva" opens a sentence, and the text capitalises it mid-sentence; mid-sentence
        // that is not asked.
        assert!(at(2, "Geneva").capitalised_elsewhere);
        assert!(!at(2, "Geneva").lower_elsewhere);
        assert!(!at(0, "Geneva").capitalised_elsewhere);
        // A headline in capitals writes the same words ("CALM" is "calm").
        assert!(at(3, "CALM").lower_elsewhere);
        assert!(!at(3, "SOCCER").lower_elsewhere);
    }

    /// A document whose first sentence opens with `name`, which a later sentence writes either
    /// capitalised mid-sentence (a person's name) or in small letters (a common word).
    fn written_later(name: &str, person: bool) -> Written {
        let later = if person {
            format!("Yesterday {name} spoke .")
        } else {
            format!("Yesterday the {} spoke .", name.to_lowercase())
        };
        let text = format!("{name} won .\n{later}");
        let spans = if person {
            text.match_indices(name)
                .map(|(at, _)| (at, at + name.len(), EntityLabel::Person))
                .collect()
        } else {
            Vec::new()
        };
        (text, spans)
    }

    #[test]
    fn a_trained_tagger_reads_a_sentences_first_word_by_how_the_document_writes_it_elsewhere() {
        use crate::extract::entities::sentences;
        let model = trained_on(written_later);
        // "X won ." is the same in both kinds of document, and nothing has been tagged before
        // it: only what the rest of the document writes can tell them apart.
        for n in 1000..1010 {
            let name = made_up_name(n);
            for (person, first) in [(true, tag_of(EntityLabel::Person, true)), (false, 0)] {
                let (text, _) = written_later(&name, person);
                let sentences = sentences(&text);
                let mut history =
                    PredictionHistory::for_document(sentences.iter().map(|s| s.words.as_slice()));
                let tags = model.tag(&sentences[0].words, &mut history);
                assert_eq!(tags, [first, 0, 0], "{text}");
            }
        }
    }
}

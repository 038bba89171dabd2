//! English function words (articles, pronouns, prepositions, conjunctions, auxiliaries): a
//! mention of one such word alone is no name. The tagger sometimes takes a sentence's first word
//! for one ("The" before "JSE had risen"), and the agreement passes would then mark every
//! "The" of the article; a word written in capitals ("US", "IT") is an abbreviation, not the
//! function word, and stays. Where a text lost a full stop ("said analyst Vadim Mitroshin The
//! dispute…") the tagger runs the name on into the next sentence's "The", which the surname
//! pass would then take for the man's surname: such words come off the end of a name.

use super::EntityMention;

/// Closed-class English words, lower case, sorted. Modal verbs that are also names ("May",
/// "Will") are left out.
const WORDS: &[&str] = &[
    "a", "about", "above", "after", "against", "all", "along", "also", "although", "am", "among",
    "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each",
    "either", "every", "for", "from", "had", "has", "have", "he", "her", "hers", "herself", "him",
    "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "many", "me",
    "more", "most", "much", "my", "neither", "no", "nor", "not", "of", "on", "once", "or", "other",
    "our", "ours", "over", "shall", "she", "should", "since", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "though", "through",
    "to", "under", "until", "up", "upon", "us", "was", "we", "were", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "whose", "why", "with", "within", "without",
    "would", "yet", "you", "your",
];

/// True when `mention` is one function word written as one: in lower case or with only its
/// first letter capitalised ("The", "the", "It"; not "US" nor "IT", and not "The Who").
pub fn is_function_word(mention: &str) -> bool {
    written_as_one_of(mention, WORDS)
}

/// True when `word` is one of the sorted lower-case `list`, written in lower case or with only
/// its first letter capitalised.
fn written_as_one_of(word: &str, list: &[&str]) -> bool {
    let mut chars = word.chars();
    let as_a_word = chars.next().is_some() && chars.all(char::is_lowercase);
    as_a_word && list.binary_search(&word.to_lowercase().as_str()).is_ok()
}

/// Words that never end a name ("Vadim Mitroshin The dispute…", where the text lost its full
/// stop): articles, the commonest prepositions and conjunctions. "Who" ends "The Who" and is
/// not among them.
const NEVER_LAST: &[&str] = &[
    "a", "an", "and", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Takes off the words at the end of each mention of several words that never end a name, and
/// the mentions that are one function word alone. `text` is the text the mentions are of.
pub fn drop_function_words(text: &str, mentions: &mut Vec<EntityMention>) {
    for m in mentions.iter_mut() {
        while let Some(space) = m.text.rfind(char::is_whitespace) {
            if !written_as_one_of(m.text[space..].trim_start(), NEVER_LAST) {
                break;
            }
            let kept = m.text[..space].trim_end().len();
            m.end = m.start + kept;
            m.text = text[m.start..m.end].to_string();
        }
    }
    mentions.retain(|m| !is_function_word(&m.text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_for_their_search() {
        assert!(WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(NEVER_LAST.windows(2).all(|w| w[0] < w[1]));
        assert!(NEVER_LAST.iter().all(|w| WORDS.contains(w)));
    }

    #[test]
    fn a_name_loses_the_words_that_never_end_one_and_a_function_word_alone_goes() {
        use crate::model::EntityLabel::*;
        let text = "said analyst Vadim Mitroshin The dispute. The firm met The Who and Anna of.";
        let mention = super::super::test_mention;
        let mut mentions = vec![
            mention(text, "Vadim Mitroshin The", Person),
            mention(text, "The", Organisation),
            mention(text, "The Who", Organisation),
            mention(text, "Anna of", Person),
        ];
        drop_function_words(text, &mut mentions);
        let kept: Vec<(&str, usize, usize)> = mentions
            .iter()
            .map(|m| (m.text.as_str(), m.start, m.end))
            .collect();
        let at = |words: &str| text.find(words).unwrap();
        assert_eq!(
            kept,
            [
                ("Vadim Mitroshin", at("Vadim"), at("Vadim") + 15),
                ("The Who", at("The Who"), at("The Who") + 7),
                ("Anna", at("Anna"), at("Anna") + 4),
            ]
        );
    }

    #[test]
    fn function_words_are_no_names_but_abbreviations_and_names_are() {
        for none in ["The", "the", "A", "I", "It", "They", "Since"] {
            assert!(is_function_word(none), "{none}");
        }
        for name in [
            "US",
            "IT",
            "WHO",
            "May",
            "Will",
            "The Who",
            "Theresa May",
            "Ths",
            "",
        ] {
            assert!(!is_function_word(name), "{name}");
        }
    }
}

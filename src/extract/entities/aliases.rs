//! Within one article, short and other forms of a name resolve to its full form:
//! "Liang" → "Liang Guanglie", "KCNA" → "Korean Central News Agency", "DPRK" → "North Korea",
//! "Kim" → the nearest earlier Kim whose name fits.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::EntityMention;
use crate::model::EntityLabel;

/// The bundled alias table, keyed by lower-cased alias.
fn alias_table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../../assets/gazetteers/aliases.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once(" = "))
            .map(|(alias, canonical)| (alias.trim().to_lowercase(), canonical.trim().to_string()))
            .collect()
    })
}

/// The canonical form of a name as written: whitespace folded, possessive dropped.
pub fn normalise_name(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix("’s"))
        .unwrap_or(&folded)
        .to_string()
}

/// Initials of the capitalised words: "Korean Central News Agency" → "KCNA".
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "de" | "&"))
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

fn is_acronym(text: &str) -> bool {
    let letters: String = text.chars().filter(|c| *c != '.').collect();
    (2..=8).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// Words of a state body's name that say what it is but not whose: "Foreign Ministry",
/// "Interior Ministry", "Embassy", "Army".
const STATE_BODY_WORDS: &[&str] = &[
    "Army",
    "Cabinet",
    "Consulate",
    "Embassy",
    "Force",
    "Government",
    "Ministry",
    "Navy",
    "Office",
    "Parliament",
    "Police",
];

/// True when `name` is a state body's that does not say whose it is ("Foreign Ministry",
/// "Ministry of Trade"), unlike "Ministry of Defence of Japan" or "Bank of England".
fn is_state_body(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| STATE_BODY_WORDS.contains(&w))
}

/// The canonical name of a state body written after its country's adjective, as the news
/// annotation splits it ("French" "Foreign Ministry" → "French Foreign Ministry"), so that the
/// ministries of two countries are not one entity; or the nearest earlier such name of the
/// same words ("Foreign Ministry" later in the article).
fn whose_body(
    mentions: &[EntityMention],
    names: &[String],
    out: &[String],
    i: usize,
) -> Option<String> {
    let m = &mentions[i];
    if m.label != EntityLabel::Organisation || !is_state_body(&names[i]) {
        return None;
    }
    if let Some(before) = i.checked_sub(1).map(|j| &mentions[j])
        && before.label == EntityLabel::Other
        && m.start == before.end + 1
        && !before.text.contains(char::is_whitespace)
    {
        return Some(format!("{} {}", names[i - 1], names[i]));
    }
    (0..i)
        .rev()
        .find(|&j| names[j] == names[i] && out[j] != names[j])
        .map(|j| out[j].clone())
}

/// The canonical name of every mention, in order.
pub fn canonical_names(mentions: &[EntityMention]) -> Vec<String> {
    let names: Vec<String> = mentions.iter().map(|m| normalise_name(&m.text)).collect();
    let mut out = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let name = &names[i];
        if let Some(canonical) = alias_table().get(&name.to_lowercase()) {
            out.push(canonical.clone());
            continue;
        }
        if let Some(whose) = whose_body(mentions, &names, &out, i) {
            out.push(whose);
            continue;
        }
        // An acronym whose expansion appears in the article, before or after.
        if is_acronym(name) && m.label != EntityLabel::Person {
            let letters: String = name.chars().filter(|c| *c != '.').collect();
            if let Some(full) = names
                .iter()
                .find(|n| n.split_whitespace().count() >= 2 && initials(n) == letters)
            {
                out.push(full.clone());
                continue;
            }
        }
        // A short form of a longer name of the same kind: the nearest earlier one, else the
        // nearest later one.
        let words: Vec<&str> = name.split_whitespace().collect();
        if m.label == EntityLabel::Person && words.len() == 1
            || m.label == EntityLabel::Organisation && words.len() <= 2
        {
            let fits = |j: &usize| {
                let other: Vec<&str> = names[*j].split_whitespace().collect();
                mentions[*j].label == m.label
                    && other.len() > words.len()
                    && (other.starts_with(&words) || other.ends_with(&words))
            };
            let earlier = (0..i).rev().find(fits);
            let later = || (i + 1..mentions.len()).find(fits);
            if let Some(j) = earlier.or_else(later) {
                // The full form may itself be an alias of something longer.
                out.push(out.get(j).cloned().unwrap_or_else(|| names[j].clone()));
                continue;
            }
        }
        out.push(name.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, label: EntityLabel) -> EntityMention {
        EntityMention {
            start: 0,
            end: text.len(),
            text: text.into(),
            label,
        }
    }

    #[test]
    fn short_forms_acronyms_and_aliases() {
        use EntityLabel::*;
        let mentions = [
            mention("Liang Guanglie", Person),
            mention("Kim Yong-chun", Person),
            mention("Korean Central News Agency", Organisation),
            mention("KCNA", Organisation),
            mention("DPRK", Place),
            mention("Kim", Person),
            mention("Liang", Person),
            mention("Barack Obama", Person),
            mention("Obama", Person),
            mention("U.S.", Place),
            mention("Kim Jong-gak", Person),
            mention("Kim", Person),
        ];
        assert_eq!(
            canonical_names(&mentions),
            [
                "Liang Guanglie",
                "Kim Yong-chun",
                "Korean Central News Agency",
                "Korean Central News Agency",
                "North Korea",
                "Kim Yong-chun",
                "Liang Guanglie",
                "Barack Obama",
                "Barack Obama",
                "United States",
                "Kim Jong-gak",
                "Kim Jong-gak",
            ]
        );
    }

    #[test]
    fn possessives_and_spacing() {
        assert_eq!(normalise_name("Pyongyang's"), "Pyongyang");
        assert_eq!(normalise_name("North  Korea"), "North Korea");
    }

    #[test]
    fn a_state_body_written_after_its_countrys_adjective_is_that_countrys() {
        use EntityLabel::*;
        let text = "The French Foreign Ministry and the Chinese Foreign Ministry met. Later the \
                    Foreign Ministry said no. Russian Gazprom sold.";
        // Each mention is the next occurrence of its words.
        let mut from = 0;
        let mentions: Vec<EntityMention> = [
            ("French", Other),
            ("Foreign Ministry", Organisation),
            ("Chinese", Other),
            ("Foreign Ministry", Organisation),
            ("Foreign Ministry", Organisation),
            ("Russian", Other),
            ("Gazprom", Organisation),
        ]
        .into_iter()
        .map(|(words, label)| {
            let start = text[from..].find(words).unwrap() + from;
            from = start + words.len();
            EntityMention {
                start,
                end: from,
                text: words.into(),
                label,
            }
        })
        .collect();
        assert_eq!(
            canonical_names(&mentions),
            [
                "French",
                "French Foreign Ministry",
                "Chinese",
                "Chinese Foreign Ministry",
                "Chinese Foreign Ministry",
                "Russian",
                "Gazprom",
            ]
        );
    }
}

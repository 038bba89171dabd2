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
}

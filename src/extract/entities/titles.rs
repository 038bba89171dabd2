//! Titles and honorifics are cues, not names: "Sen. Ann Smith" is the person "Ann Smith", and
//! "Treasurer" or "Lt. Col." alone is no one. Only words that are never a surname are taken
//! as titles ("Major", "King", "Judge" and "General" are surnames too, so they stay).

use super::EntityMention;
use crate::model::EntityLabel;

/// Abbreviated titles, written with or without their period.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Atty", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Gen", "Gov", "Hon", "Lt", "Maj", "Mr",
    "Mrs", "Ms", "Prof", "Rep", "Rev", "Sen", "Sgt", "Supt",
];

/// Offices written out.
const OFFICES: &[&str] = &[
    "Ambassador",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Chancellor",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Councillor",
    "Councilman",
    "Councilwoman",
    "Governor",
    "Lieutenant",
    "Mayor",
    "Minister",
    "Premier",
    "President",
    "Prime",
    "Secretary",
    "Senator",
    "Sergeant",
    "Treasurer",
    "Vice",
];

/// Whether a word is a title (with any trailing period).
pub fn is_title(word: &str) -> bool {
    let bare = word.strip_suffix('.').unwrap_or(word);
    ABBREVIATIONS.contains(&bare) || OFFICES.contains(&bare)
}

/// Drops mentions made only of titles, and takes the titles off the front of a person's name.
pub(super) fn take_off_titles(text: &str, mentions: &mut Vec<EntityMention>) {
    mentions.retain(|m| !m.text.split_whitespace().all(is_title));
    for m in mentions
        .iter_mut()
        .filter(|m| m.label == EntityLabel::Person)
    {
        let mut start = m.start;
        loop {
            let rest = &text[start..m.end];
            let Some(first) = rest.split_whitespace().next() else {
                break;
            };
            let after = rest.find(first).map_or(0, |i| i + first.len());
            let remainder = rest[after..].trim_start();
            if !is_title(first) || remainder.is_empty() {
                break;
            }
            start = m.end - remainder.len();
        }
        if start != m.start {
            m.start = start;
            m.text = text[start..m.end].to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::test_mention as mention;

    #[test]
    fn titles_alone_go_and_a_persons_titles_come_off_the_front() {
        use EntityLabel::*;
        let text = "Lt. Col. John Brown and Treasurer Jim Chalmers met Sen. Ann Smith, Prime Minister \
                    Anthony Albanese and John Major.";
        let mut mentions = vec![
            mention(text, "Lt. Col. John Brown", Person),
            mention(text, "Treasurer", Person),
            mention(text, "Jim Chalmers", Person),
            mention(text, "Sen. Ann Smith", Person),
            mention(text, "Prime Minister Anthony Albanese", Person),
            mention(text, "John Major", Person),
        ];
        take_off_titles(text, &mut mentions);
        let names: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            names,
            [
                "John Brown",
                "Jim Chalmers",
                "Ann Smith",
                "Anthony Albanese",
                "John Major"
            ]
        );
        for m in &mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }

    #[test]
    fn a_title_is_a_title_with_or_without_its_period_and_surnames_are_not() {
        assert!(is_title("Gov.") && is_title("Gov") && is_title("Chairman"));
        assert!(!is_title("Major") && !is_title("King") && !is_title("Smith"));
    }
}

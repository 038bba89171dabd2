//! A name that ends in the word of a company or a body ("Hindustan Copper Ltd", "Jeans Mate
//! Corp", "Abu Dhabi Ports", "Heart Foundation") is no person, whatever its first words look
//! like: the tagger, reading "Jones" or "Roosevelt", takes such names for people. Only that
//! mistake is mended: a place ending in such a word ("West Bank", "Soviet Union") stays a place.

use super::EntityMention;
use crate::model::EntityLabel;

/// Last words of organisations' names.
const BODIES: &[&str] = &[
    "Agency",
    "Airlines",
    "Airways",
    "Associates",
    "Association",
    "Authority",
    "Bank",
    "Bureau",
    "Capital",
    "Co",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Corporation",
    "Council",
    "Federation",
    "Foundation",
    "Fund",
    "Group",
    "Holdings",
    "Inc",
    "Industries",
    "Institute",
    "International",
    "Ltd",
    "Ministry",
    "Motors",
    "Partners",
    "Party",
    "Plc",
    "Ports",
    "Securities",
    "Society",
    "Systems",
    "Technologies",
    "Union",
    "University",
];

/// Whether a name's last word names a company or a body.
fn ends_as_a_body(name: &str) -> bool {
    name.split_whitespace().count() >= 2
        && name.split_whitespace().last().is_some_and(|last| {
            let bare = last.strip_suffix('.').unwrap_or(last);
            BODIES.contains(&bare) || bare == "PLC" || bare == "LTD" || bare == "INC"
        })
}

/// Takes "people" whose names end as a company's or a body's for organisations.
pub(super) fn people_named_as_bodies(mentions: &mut [EntityMention]) {
    for m in mentions.iter_mut() {
        if m.label == EntityLabel::Person && ends_as_a_body(&m.text) {
            m.label = EntityLabel::Organisation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str) -> EntityMention {
        super::super::test_mention(text, text, EntityLabel::Person)
    }

    #[test]
    fn people_named_as_companies_are_organisations_and_places_stay() {
        let mut mentions = vec![
            person("Hindustan Copper Ltd"),
            person("Abu Dhabi Ports"),
            person("Bear Stearns & Co."),
            person("Ann Group"),
            person("Group"),
            person("Ann Smith"),
        ];
        let mut place = person("West Bank");
        place.label = EntityLabel::Place;
        mentions.push(place);
        people_named_as_bodies(&mut mentions);
        let kinds: Vec<EntityLabel> = mentions.iter().map(|m| m.label).collect();
        use EntityLabel::*;
        assert_eq!(
            kinds,
            [
                Organisation,
                Organisation,
                Organisation,
                Organisation,
                Person,
                Person,
                Place
            ]
        );
    }
}

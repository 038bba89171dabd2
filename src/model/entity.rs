//! Kinds of named entities.

use serde::{Deserialize, Serialize};

/// What a named entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    /// A person: "Liang Guanglie".
    Person,
    /// An organisation: "Korean Central News Agency".
    Organisation,
    /// A place: "Pyongyang", "North Korea".
    Place,
    /// Anything else named: nationalities, events ("Korean War").
    Other,
}

impl EntityLabel {
    /// The CoNLL code: PER, ORG, LOC, MISC.
    pub fn code(self) -> &'static str {
        match self {
            EntityLabel::Person => "PER",
            EntityLabel::Organisation => "ORG",
            EntityLabel::Place => "LOC",
            EntityLabel::Other => "MISC",
        }
    }

    /// Reads a CoNLL code.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "PER" => EntityLabel::Person,
            "ORG" => EntityLabel::Organisation,
            "LOC" => EntityLabel::Place,
            "MISC" => EntityLabel::Other,
            _ => return None,
        })
    }

    /// All labels, in tag order.
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Person,
        EntityLabel::Organisation,
        EntityLabel::Place,
        EntityLabel::Other,
    ];
}

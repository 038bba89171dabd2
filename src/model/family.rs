//! The user's decisions on wire-story families (which articles are versions of one report).
//! Families themselves are derived (`crate::families`); only these decisions are saved.

use serde::{Deserialize, Serialize};

use super::ArticleId;

/// One decision on which articles are the same report. Later decisions win over earlier ones
/// on the same articles; undo takes the last one back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FamilyDecision {
    /// The two articles are not the same report: never in one family.
    Apart(ArticleId, ArticleId),
    /// The two articles are the same report, whatever the detector says.
    Together(ArticleId, ArticleId),
    /// The article is a report of its own: no detected link holds it in a family (links the
    /// user made still do).
    Alone(ArticleId),
}

impl FamilyDecision {
    /// The articles the decision is about.
    pub fn articles(&self) -> Vec<ArticleId> {
        match self {
            FamilyDecision::Apart(a, b) | FamilyDecision::Together(a, b) => vec![*a, *b],
            FamilyDecision::Alone(a) => vec![*a],
        }
    }
}

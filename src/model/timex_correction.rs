//! A person's correction of a time expression's value: kept in the workspace and applied over
//! whatever the engine finds, now and after any re-extraction.

use serde::{Deserialize, Serialize};

use super::{ArticleId, TimeValue, TimexType};

/// The value a researcher gave a time expression, marked as manual.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimexCorrection {
    /// The article.
    pub article: ArticleId,
    /// First code point of the expression in the article's body.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The words, to verify the span still holds them.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The corrected value.
    pub value: TimeValue,
}

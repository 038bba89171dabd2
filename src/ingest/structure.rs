//! The structure shared by every format: headline, publication date, byline, dateline, agency
//! and clean body paragraphs, with the rules that turn header lines and paragraphs into them.

use super::boilerplate::{ENDING_HEADINGS, is_boilerplate_line, strip_end_marker};
use super::dateline::parse_dateline;
use super::zones;
use crate::model::{Article, ArticleId, ArticleMeta, Dateline, PublishedAt, SourceInfo};

/// What ingest found in an article's text, before it becomes a model `Article`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleStructure {
    /// The headline, when one was found.
    pub headline: Option<String>,
    /// Publication date and time.
    pub published: Option<PublishedAt>,
    /// Author line without "By".
    pub byline: Option<String>,
    /// Dateline at the start of the story.
    pub dateline: Option<Dateline>,
    /// Agency or publisher.
    pub agency: Option<String>,
    /// Clean body paragraphs.
    pub paragraphs: Vec<String>,
}

impl ArticleStructure {
    /// Takes the dateline off the first paragraph, drops boilerplate paragraphs and end markers,
    /// and settles agency and publication date from everything found.
    pub fn finish(&mut self) {
        // A heading of a links box standing alone in the last part of the page ends the story.
        let len = self.paragraphs.len();
        if let Some(end) = self
            .paragraphs
            .iter()
            .enumerate()
            .position(|(i, p)| i > 0 && i * 2 >= len.saturating_sub(1) && ends_story(p))
        {
            self.paragraphs.truncate(end);
        }
        self.paragraphs.retain(|p| !is_boilerplate_line(p));
        // A correction or editor's note may stand before the story; the dateline opens the
        // story itself.
        let opening = self
            .paragraphs
            .iter()
            .position(|p| !is_editorial_note(p))
            .unwrap_or(0);
        if let Some(first) = self.paragraphs.get_mut(opening)
            && let Some(found) = parse_dateline(first)
        {
            *first = first[found.text_start..].to_string();
            if self.published.is_none() {
                self.published = found.month_day.and_then(|(m, d, y)| match y {
                    Some(y) => PublishedAt::from_ymd(y, m, d),
                    None => PublishedAt::from_month_day(m, d),
                });
            }
            // The wire that wrote the story outranks the site that carried it.
            if found.dateline.agency.is_some() {
                self.agency = found.dateline.agency.clone();
            }
            self.dateline = Some(found.dateline);
        }
        if let Some(last) = self.paragraphs.last_mut() {
            let stripped = strip_end_marker(last);
            if stripped.len() != last.len() {
                *last = stripped.to_string();
            }
        }
        self.paragraphs.retain(|p| !p.trim().is_empty());
        self.agency = self.agency.take().map(|a| canonical_agency(&a));
        if let (Some(published), Some(agency)) = (self.published.as_mut(), self.agency.as_deref())
            && published.time.is_some()
            && published.utc_offset_minutes.is_none()
            && let Some((zone, offset)) = zones::agency_home_zone(agency)
        {
            *published = published.clone().with_zone(zone, offset, true);
        }
        if self.headline.is_none() {
            self.headline = self.paragraphs.first().map(|p| first_sentence(p, 120));
        }
    }

    /// The body text: paragraphs separated by one blank line.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// The article this structure describes: `raw` is the text it was found in, `body` its
    /// [`ArticleStructure::body`], and `untitled` names an article without a headline.
    pub fn into_article(
        self,
        source: SourceInfo,
        raw: String,
        body: String,
        untitled: impl FnOnce() -> String,
        meta: ArticleMeta,
    ) -> Article {
        Article {
            id: ArticleId(0),
            source,
            original: crate::model::OriginalText::encode(&raw, &body),
            headline: self
                .headline
                .filter(|h| !h.is_empty())
                .unwrap_or_else(untitled),
            byline: self.byline,
            dateline: self.dateline,
            agency: self.agency,
            reference_estimate: crate::extract::timex::estimate_if_undated(
                self.published.as_ref(),
                &body,
            ),
            published: self.published,
            body: body.into(),
            reference_override: None,
            meta: meta.into(),
            extracted: None,
        }
    }
}

/// "Related coverage:", "More on this story", "Read Next": what follows is links.
fn ends_story(paragraph: &str) -> bool {
    ENDING_HEADINGS.contains(&paragraph.trim().to_lowercase().as_str())
}

/// "Correction: …", "Clarification: …", "Editor's note: …": a note about the story placed
/// before it.
fn is_editorial_note(paragraph: &str) -> bool {
    let lower = paragraph.trim_start().to_lowercase();
    [
        "correction:",
        "clarification:",
        "editor's note:",
        "editor’s note:",
        "correction appended",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// The usual spelling of an agency name: the wire's own "Reuter" sign-off means Reuters.
fn canonical_agency(agency: &str) -> String {
    match agency.trim().to_ascii_lowercase().as_str() {
        "reuter" | "reuters" => "Reuters".into(),
        "ap" | "associated press" | "the associated press" => "AP".into(),
        "afp" | "agence france-presse" => "AFP".into(),
        "yonhap" | "yonhap news agency" => "Yonhap".into(),
        _ => agency.trim().to_string(),
    }
}

/// An author line: "By Kim Hyun", "BY JANIE GABBETT, REUTERS", "By: Jane Doe | AP".
/// Returns the name and, when it follows the name, the agency.
pub fn parse_byline(line: &str) -> Option<(String, Option<String>)> {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    let rest = ["by:", "by ", "written by ", "story by ", "posted by "]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| trimmed[p.len()..].trim()))?;
    let (name, agency) = match rest.find([',', '|']) {
        Some(i) => (rest[..i].trim(), Some(rest[i + 1..].trim())),
        None => (rest, None),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let joiners = [
        "and", "de", "van", "von", "der", "la", "al", "bin", "da", "del", "di", "le",
    ];
    let name_like = !words.is_empty()
        && words.len() <= 7
        && !name.chars().any(|c| c.is_ascii_digit())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || joiners.contains(w));
    if !name_like {
        return None;
    }
    let agency = agency
        .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 4)
        .map(str::to_string);
    Some((name.to_string(), agency))
}

/// The first sentence of a paragraph, cut at `max` characters with an ellipsis.
fn first_sentence(paragraph: &str, max: usize) -> String {
    let end = paragraph
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| i > 20)
        .unwrap_or(paragraph.len());
    let sentence = &paragraph[..end];
    if sentence.chars().count() <= max {
        sentence.to_string()
    } else {
        let cut: String = sentence.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("By Kim Hyun"), Some(("Kim Hyun".into(), None)));
        assert_eq!(
            parse_byline("By Janie Gabbett, Reuters"),
            Some(("Janie Gabbett".into(), Some("Reuters".into())))
        );
        assert_eq!(
            parse_byline("By: Jane van Dyke | AP").unwrap().0,
            "Jane van Dyke"
        );
        assert!(parse_byline("By 2010 the plan had failed").is_none());
        assert!(parse_byline("by the time the troops arrived").is_none());
    }

    #[test]
    fn finishing_takes_dateline_and_infers_zone() {
        let mut s = ArticleStructure {
            published: crate::ingest::pubdate::parse_date_line(
                "All Headlines 08:43 November 23, 2009",
            ),
            paragraphs: vec![
                "SEOUL, Nov. 23 (Yonhap) -- Top officials met.".into(),
                "Send Feedback".into(),
                "They left. (END)".into(),
            ],
            ..Default::default()
        };
        s.finish();
        assert_eq!(s.body(), "Top officials met.\n\nThey left.");
        assert_eq!(s.agency.as_deref(), Some("Yonhap"));
        let published = s.published.unwrap();
        assert_eq!(published.to_iso(), "2009-11-23T08:43:00+09:00");
        assert!(published.zone_inferred);
        assert_eq!(s.headline.as_deref(), Some("Top officials met."));
    }

    #[test]
    fn a_dateline_without_year_gives_an_uncertain_partial_date() {
        let mut s = ArticleStructure {
            paragraphs: vec!["GENEVA, March 4 (Reuters) - Talks resumed.".into()],
            ..Default::default()
        };
        s.finish();
        let published = s.published.unwrap();
        assert_eq!(published.to_iso(), "--03-04");
        assert!(published.uncertain);
    }
}

//! TimeML: one `.tml` file per article, the body with its time expressions as inline TIMEX3
//! tags (corrections applied, rejected ones left out) and the publication date as the DCT
//! (`t0`). Removing the tags gives back the body exactly; overlapping expressions cannot both
//! be tags, so the later one is left out and reported.

use std::path::Path;

use super::text::xml_escape;
use super::{ExchangeError, ExportData, ExportReport, document_name, write_in};
use crate::extract::timex::article_timexes;
use crate::model::{AnnotationBody, Modifier, ReferenceSource, TimePoint, TimeValue};

fn mod_attribute(m: Modifier) -> &'static str {
    match m {
        Modifier::Approximate | Modifier::Nearly => "APPROX",
        Modifier::MoreThan => "MORE_THAN",
        Modifier::LessThan => "LESS_THAN",
        Modifier::Start => "START",
        Modifier::Mid => "MID",
        Modifier::End => "END",
    }
}

/// A range ("1957-58", "2009-2010", "from March to May") as TIMEX3 readers take it: a
/// DURATION over the words, its length in `value`, anchored by `beginPoint` and `endPoint` to
/// two DATE TIMEX3s that consume no text (TimeML 1.2.1); an open end has no anchor.
fn range_tags(
    from: Option<&TimePoint>,
    to: Option<&TimePoint>,
    written: &str,
    next_id: &mut usize,
) -> String {
    let id = *next_id;
    *next_id += 1;
    let mut anchors = String::new();
    let mut attributes = format!(
        "tid=\"t{id}\" type=\"DURATION\" value=\"{}\"",
        TimeValue::range_length(from, to)
    );
    for (point, attribute) in [(from, "beginPoint"), (to, "endPoint")] {
        if let Some(point) = point {
            let anchor = *next_id;
            *next_id += 1;
            attributes.push_str(&format!(" {attribute}=\"t{anchor}\""));
            anchors.push_str(&format!(
                "<TIMEX3 tid=\"t{anchor}\" type=\"DATE\" value=\"{}\"/>",
                xml_escape(&point.to_timex())
            ));
        }
    }
    format!("<TIMEX3 {attributes}>{written}</TIMEX3>{anchors}")
}

/// The `.tml` text of one article, and how many expressions overlapped another.
pub fn document(
    data: &ExportData<'_>,
    article: &crate::model::Article,
    rejected: &[(usize, usize)],
) -> (String, usize) {
    let body = &article.body;
    let mut points = crate::extract::offsets::CodePoints::new(body);
    let mut timexes = article_timexes(article, &data.workspace.timex_corrections);
    timexes.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n");
    out.push_str(&format!(
        "<DOCID>{}</DOCID>\n",
        xml_escape(&document_name(article))
    ));
    if let Some((date, source)) = article.reference_date().filter(|(_, s)| !s.is_uncertain()) {
        let function = if source == ReferenceSource::Published {
            "CREATION_TIME"
        } else {
            "NONE"
        };
        let value = date.format("%Y-%m-%d");
        out.push_str(&format!(
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{value}\" temporalFunction=\"false\" functionInDocument=\"{function}\">{value}</TIMEX3></DCT>\n"
        ));
    }
    out.push_str(&format!(
        "<TITLE>{}</TITLE>\n",
        xml_escape(&article.headline)
    ));
    out.push_str("<TEXT>");
    let mut at = 0usize;
    let mut next_id = 1;
    let mut overlapped = 0;
    for t in timexes {
        let span = (points.at(t.start), points.at(t.end));
        if !t.manual && rejected.contains(&span) {
            continue;
        }
        if t.start < at {
            overlapped += 1;
            continue;
        }
        out.push_str(&xml_escape(&body[at..t.start]));
        let written = xml_escape(&body[t.start..t.end]);
        if let TimeValue::Range(from, to) = &t.value {
            out.push_str(&range_tags(
                from.as_ref(),
                to.as_ref(),
                &written,
                &mut next_id,
            ));
            at = t.end;
            continue;
        }
        let mut attributes = format!(
            "tid=\"t{next_id}\" type=\"{}\" value=\"{}\"",
            t.kind.as_str(),
            xml_escape(&t.value.to_timex())
        );
        if let Some(m) = t.value.modifier() {
            attributes.push_str(&format!(" mod=\"{}\"", mod_attribute(m)));
        }
        out.push_str(&format!("<TIMEX3 {attributes}>{written}</TIMEX3>"));
        next_id += 1;
        at = t.end;
    }
    out.push_str(&xml_escape(&body[at..]));
    out.push_str("</TEXT>\n</TimeML>\n");
    (out, overlapped)
}

/// Writes one `.tml` per exported article into `dir`.
pub fn export(data: &ExportData<'_>, dir: &Path) -> Result<ExportReport, ExchangeError> {
    let mut report = ExportReport {
        articles: data.articles.len(),
        ..Default::default()
    };
    let mut overlapped = 0;
    let mut undated = 0;
    // The user's rejected time expressions, by article (looked up once, not per article).
    let mut rejected: std::collections::HashMap<crate::model::ArticleId, Vec<(usize, usize)>> =
        std::collections::HashMap::new();
    for a in data.workspace.annotations.iter() {
        if a.body == AnnotationBody::TimeExpression && a.is_rejected() {
            rejected
                .entry(a.target.article)
                .or_default()
                .push((a.target.start, a.target.end));
        }
    }
    // Made in parallel, written one by one (parallel file creation only contends for the
    // folder's lock; with one file per article the disk sets the pace).
    use rayon::prelude::*;
    let documents: Vec<(String, usize)> = data
        .articles
        .par_iter()
        .map(|article| {
            let refused = rejected.get(&article.id).map_or(&[][..], Vec::as_slice);
            document(data, article, refused)
        })
        .collect();
    for (article, (text, lost)) in data.articles.iter().zip(documents) {
        data.advance(1)?;
        overlapped += lost;
        undated += usize::from(!text.contains("<DCT>"));
        write_in(
            dir,
            &format!("{}.tml", document_name(article)),
            text.as_bytes(),
        )?;
        report.files += 1;
    }
    if overlapped > 0 {
        report.lost.push(format!(
            "{overlapped} time expressions inside another could not be tags of their own"
        ));
    }
    if undated > 0 {
        report.lost.push(format!(
            "{undated} articles have no publication or reference date: no DCT"
        ));
    }
    Ok(report)
}

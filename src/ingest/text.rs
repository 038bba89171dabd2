//! Plain-text articles as scraped from news sites or delivered by wire feeds: a headline, header
//! lines (date, byline), then the body, hard-wrapped or one paragraph per line.

use super::boilerplate::{is_boilerplate_line, is_wire_signoff};
use super::dateline::parse_dateline;
use super::pubdate::parse_date_line;
use super::structure::{ArticleStructure, parse_byline};
use crate::model::PublishedAt;

/// Longest line taken for a headline.
const MAX_HEADLINE_LEN: usize = 300;
/// Lines this short or shorter in a block mean the text is hard-wrapped.
const WRAP_WIDTH: usize = 100;

/// Finds the structure of a plain-text article.
pub fn parse_text(text: &str) -> ArticleStructure {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let last_content = lines.iter().rposition(|l| !l.trim().is_empty());
    let mut structure = ArticleStructure::default();

    let mut body_start = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || is_furniture(line) {
            continue;
        }
        if let Some(published) = parse_date_line(trimmed) {
            keep_better_date(&mut structure.published, published);
            continue;
        }
        if structure.byline.is_none()
            && let Some((name, agency)) = parse_byline(trimmed)
        {
            structure.byline = Some(name);
            structure.agency = structure.agency.take().or(agency);
            continue;
        }
        if structure.headline.is_none()
            && trimmed.len() <= MAX_HEADLINE_LEN
            && !opens_story(trimmed)
            && Some(i) != last_content
        {
            structure.headline = Some(trimmed.to_string());
            continue;
        }
        body_start = i;
        break;
    }

    // The wire's sign-off may stand on one or more closing lines ("REUTER", then " Reuter").
    let mut end = last_content.map_or(0, |i| i + 1);
    while end > body_start && (lines[end - 1].trim().is_empty() || is_wire_signoff(lines[end - 1]))
    {
        if lines[end - 1].to_lowercase().contains("reut") {
            structure.agency.get_or_insert_with(|| "Reuters".into());
        }
        end -= 1;
    }
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(body_start) {
        if line.trim().is_empty() || is_furniture(line) {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            continue;
        }
        let line = if i + 1 == end {
            strip_trailing_signoff(line, &mut structure.agency)
        } else {
            line
        };
        current.push(line);
    }
    if !current.is_empty() {
        blocks.push(current);
    }

    for block in blocks {
        if block.len() == 1
            && let Some(published) = parse_date_line(block[0])
        {
            keep_better_date(&mut structure.published, published);
            continue;
        }
        structure.paragraphs.extend(block_paragraphs(&block));
    }
    structure.finish();
    structure
}

/// A later date line replaces an earlier one only when it knows the year and the earlier one
/// does not.
fn keep_better_date(slot: &mut Option<PublishedAt>, found: PublishedAt) {
    match slot {
        Some(old) if old.year.is_some() || found.year.is_none() => {}
        _ => *slot = Some(found),
    }
}

/// "total 55.8 (33.7).        REUTER": the wire's sign-off at the end of the last line.
fn strip_trailing_signoff<'a>(line: &'a str, agency: &mut Option<String>) -> &'a str {
    let trimmed = line.trim_end();
    for word in ["REUTER", "Reuter"] {
        if let Some(head) = trimmed.strip_suffix(word)
            && head.ends_with(char::is_whitespace)
        {
            agency.get_or_insert_with(|| "Reuters".into());
            return head.trim_end();
        }
    }
    line
}

/// A line that starts with a dateline and goes on with a sentence opens the story; it is not a
/// headline ("CANADIAN METALS - April 7" is).
fn opens_story(line: &str) -> bool {
    parse_dateline(line).is_some_and(|m| line[m.text_start..].split_whitespace().count() >= 5)
}

/// A line that is boilerplate on its own. Openings such as "Copyright" count only when the line
/// begins like a line of its own, so a wrapped sentence that goes on "copyright claims" stays.
fn is_furniture(line: &str) -> bool {
    let trimmed = line.trim();
    is_boilerplate_line(trimmed) && trimmed.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// Turns a block of consecutive lines into paragraphs: hard-wrapped text is joined, with a new
/// paragraph at each indented line (the wire feed's four-space indent); otherwise each line is
/// a paragraph.
fn block_paragraphs(block: &[&str]) -> Vec<String> {
    let wrapped = block.len() > 1 && block.iter().all(|l| l.chars().count() <= WRAP_WIDTH);
    if !wrapped {
        return block.iter().map(|l| collapse_spaces(l)).collect();
    }
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in block {
        let indented = line.starts_with("  ") || line.starts_with('\t');
        if indented && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line.trim());
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.iter().map(|p| collapse_spaces(p)).collect()
}

/// Trims and folds runs of spaces and tabs into one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split([' ', '\t']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const YONHAP: &str = "Go to Contents Go to Navigation\n\nTroops hold drill near border\n\nAll Headlines 10:15 March 2, 2010\n\nBy Lee Min-ji\n\nSEOUL, March 2 (Yonhap) -- South Korean troops held a drill on Tuesday.\n\nThe drill lasted two hours.\n\n(END)\n\nSend Feedback\nHow can we improve?\nThanks for your feedback!\n";

    #[test]
    fn yonhap_page_text() {
        let s = parse_text(YONHAP);
        assert_eq!(s.headline.as_deref(), Some("Troops hold drill near border"));
        assert_eq!(s.byline.as_deref(), Some("Lee Min-ji"));
        assert_eq!(s.agency.as_deref(), Some("Yonhap"));
        assert_eq!(s.published.unwrap().to_iso(), "2010-03-02T10:15:00+09:00");
        let d = s.dateline.unwrap();
        assert_eq!(
            (d.place.as_str(), d.date_text.as_deref()),
            ("SEOUL", Some("March 2"))
        );
        assert_eq!(
            s.paragraphs,
            vec![
                "South Korean troops held a drill on Tuesday.",
                "The drill lasted two hours."
            ]
        );
    }

    const WIRE: &str = "GRAIN SHIPS WAITING AT PORT\n\n 5-MAR-1987 11:02:09.10\n\nBUENOS AIRES, March 5 - Eleven grain ships were waiting\nto load at the port on Thursday, officials said.\n    The wait was caused by a strike of\ndock workers.\n Reuter\n";

    #[test]
    fn raw_wire_feed() {
        let s = parse_text(WIRE);
        assert_eq!(s.headline.as_deref(), Some("GRAIN SHIPS WAITING AT PORT"));
        assert_eq!(s.published.unwrap().to_iso(), "1987-03-05T11:02:09");
        assert_eq!(s.dateline.unwrap().place, "BUENOS AIRES");
        assert_eq!(s.agency.as_deref(), Some("Reuters"));
        assert_eq!(
            s.paragraphs,
            vec![
                "Eleven grain ships were waiting to load at the port on Thursday, officials said.",
                "The wait was caused by a strike of dock workers."
            ]
        );
    }

    #[test]
    fn signoff_at_the_end_of_a_line_and_dates_in_headlines() {
        let text = "CANADIAN METALS - April 7\n\n 7-APR-1987 15:22:59.22\n\nLEAD - VIRGIN    34.00/34.50\n    ZINC - PRIME WESTERN   50.00/56.50\nJun 13.0, total 55.8 (33.7).        REUTER\n";
        let s = parse_text(text);
        assert_eq!(s.headline.as_deref(), Some("CANADIAN METALS - April 7"));
        assert_eq!(s.published.unwrap().to_iso(), "1987-04-07T15:22:59");
        assert_eq!(s.agency.as_deref(), Some("Reuters"));
        assert!(s.paragraphs.last().unwrap().ends_with("total 55.8 (33.7)."));
    }

    #[test]
    fn one_paragraph_per_line_without_dates() {
        let text = "Ad sales boost profit\n\nQuarterly profits rose 76% to $1.13bn (\u{a3}600m) for the three months to December, from $639m year-earlier, the firm said on Wednesday in a statement to investors.\n\nThe firm said it would buy back shares over the coming year as sales grew.\n";
        let s = parse_text(text);
        assert_eq!(s.headline.as_deref(), Some("Ad sales boost profit"));
        assert!(s.published.is_none());
        assert_eq!(s.paragraphs.len(), 2);
    }

    #[test]
    fn wrapped_credit_lines_are_removed() {
        let text = "Talks resume\n\nGENEVA, March 4 (Reuters) - Talks resumed on Tuesday.\n\n(Reporting by Jane Doe;\nEditing by John Roe)\n";
        let s = parse_text(text);
        assert_eq!(s.paragraphs, vec!["Talks resumed on Tuesday."]);
    }
}

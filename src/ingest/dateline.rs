//! The dateline that opens a wire story: "SEOUL, Nov. 23 (Yonhap) --", "PORTLAND, Maine (AP) —",
//! "GENEVA, March 4 (Reuters) -", "NEW YORK, March 3 -".

use super::pubdate::parse_month_day;
use crate::model::Dateline;

/// Separators between a dateline and the story, longest first so "--" wins over "-".
/// "Feb 26- Shr" (no space before the dash) is common in the raw wire feed.
const SEPARATORS: &[&str] = &[
    " -- ", " --", "--", " — ", "—", " – ", ".- ", " - ", "- ", " _ ",
];

/// A dateline found at the start of a paragraph, and where the story text after it begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatelineMatch {
    /// The parsed dateline.
    pub dateline: Dateline,
    /// Month, day and (rarely) year of the dateline's date.
    pub month_day: Option<(u32, u32, Option<i32>)>,
    /// Byte offset in the paragraph where the story text starts.
    pub text_start: usize,
}

/// Reads the dateline at the start of `paragraph`, if there is one: also the agency-first
/// form of ANSA and others, "(ANSA) - ROME, MARCH 18 -".
pub fn parse_dateline(paragraph: &str) -> Option<DatelineMatch> {
    if let Some(rest) = paragraph.strip_prefix('(')
        && let Some((agency, after)) = rest.split_once(") - ")
        && (1..=12).contains(&agency.len())
        && agency
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && let Some(mut found) = parse_plain_dateline(after)
    {
        found.dateline.agency = Some(agency.to_string());
        found.text_start += paragraph.len() - after.len();
        return Some(found);
    }
    parse_plain_dateline(paragraph)
}

/// A dateline with the place first.
fn parse_plain_dateline(paragraph: &str) -> Option<DatelineMatch> {
    let window_end = floor_char_boundary(paragraph, 160);
    let window = &paragraph[..window_end];
    let (sep_at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| window.find(s).map(|i| (i, *s)))
        .min_by_key(|(i, s)| (*i, usize::MAX - s.len()))?;
    let mut prefix = paragraph[..sep_at].trim();
    let text_start = sep_at + sep.len();
    let rest = &paragraph[text_start..];
    let text_start = text_start + (rest.len() - rest.trim_start().len());
    if text_start >= paragraph.len() || prefix.len() < 2 {
        return None;
    }
    let mut agency = None;
    if prefix.ends_with(')') {
        let open = prefix.rfind('(')?;
        let name = prefix[open + 1..prefix.len() - 1].trim();
        if name.is_empty()
            || name.split_whitespace().count() > 4
            || name.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        agency = Some(name.to_string());
        prefix = prefix[..open].trim_end().trim_end_matches(',').trim_end();
    }
    // The raw feed has stray marks before the place ("****LONDON", "c    CHICAGO").
    let prefix = strip_leading_junk(prefix);
    let mut parts = prefix
        .split(',')
        .map(|p| p.trim().trim_start_matches(['.', ',', ' ']))
        .filter(|p| !p.is_empty());
    let first = parts.next()?;
    let mut date_text: Option<String> = None;
    let core = if is_place(first) {
        first
    } else {
        // "JOHANNESBURG March 13": place and date with no comma between them.
        let (place, date) = split_qualifier_and_date(first).filter(|(p, _)| is_place(p))?;
        date_text = Some(date.to_string());
        place
    };
    let mut place = core.to_string();
    for part in parts {
        if date_text.is_some() && agency.is_none() && is_agency_word(part) {
            // "WASHINGTON, March 12, Reuter -"
            agency = Some(part.to_string());
            continue;
        }
        // "Va. Feb 26": a state and the date with no comma between them.
        if date_text.is_none()
            && !is_date_like(part)
            && let Some((qualifier, date)) = split_qualifier_and_date(part)
        {
            place.push_str(", ");
            place.push_str(qualifier);
            date_text = Some(date.to_string());
            continue;
        }
        if let Some(date) = date_text.as_mut() {
            // "March 3, 1987": a year after the month and day.
            if part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()) {
                date.push_str(", ");
                date.push_str(part);
                continue;
            }
            return None;
        }
        if is_date_like(part) {
            date_text = Some(part.to_string());
        } else if is_place_qualifier(part) {
            place.push_str(", ");
            place.push_str(part);
        } else {
            return None;
        }
    }
    // "CHEVY CHASE, Md., - March 4 - Geico": the date after a stray dash.
    let mut text_start = text_start;
    if date_text.is_none()
        && let Some(next) = parse_dateline_date_only(&paragraph[text_start..])
    {
        date_text = Some(next.0);
        text_start += next.1;
    }
    // Title case ("Portland", "New York") is a place only next to an agency or a date, where
    // the pattern is unambiguous; without them only capitals ("NEW YORK") are.
    if agency.is_none() && date_text.is_none() && core.chars().any(char::is_lowercase) {
        return None;
    }
    // A lower-case place ("peoria, april 7 -") only with a date that parses.
    if core.starts_with(char::is_lowercase)
        && date_text
            .as_deref()
            .is_none_or(|d| parse_month_day(d).is_none())
    {
        return None;
    }
    let month_day = date_text.as_deref().and_then(parse_month_day);
    Some(DatelineMatch {
        dateline: Dateline {
            place,
            date_text,
            agency,
        },
        month_day,
        text_start,
    })
}

/// "SEOUL", "NEW YORK", "DALLAS/FORT WORTH", "La paz": a capitalised first word, no digits,
/// mostly letters.
fn is_place(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if text.len() > 40 || words == 0 || words > 5 {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    letters >= 2
        && letters * 10 >= chars * 7
        && text.starts_with(char::is_alphabetic)
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ':' | ';' | '"' | '(' | ')'))
}

/// A date part of a dateline: "Nov. 23", and the feed's misspellings ("Macrh 31", "March 2O")
/// as long as it is a word and then a number.
fn is_date_like(part: &str) -> bool {
    if parse_month_day(part).is_some() {
        return true;
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    matches!(words.as_slice(), [m, d] if m.chars().all(char::is_alphabetic)
        && m.len() <= 9
        && d.len() <= 4
        && d.starts_with(|c: char| c.is_ascii_digit()))
}

fn is_agency_word(part: &str) -> bool {
    matches!(
        part.to_ascii_lowercase().as_str(),
        "reuter" | "reuters" | "ap" | "afp" | "upi" | "yonhap" | "xinhua" | "kyodo"
    )
}

/// Drops marks before the place: asterisks, spaces, a stray lower-case letter.
fn strip_leading_junk(text: &str) -> &str {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut words = text.splitn(2, char::is_whitespace);
    match (words.next(), words.next()) {
        (Some(w), Some(rest)) if w.len() == 1 && w.chars().all(|c| c.is_lowercase()) => {
            rest.trim_start()
        }
        _ => text,
    }
}

/// A month and day followed by a separator at the start of `text`: returns the date text and
/// the bytes to skip.
fn parse_dateline_date_only(text: &str) -> Option<(String, usize)> {
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| {
            text.get(..24.min(text.len()))
                .and_then(|w| w.find(s))
                .map(|i| (i, *s))
        })
        .min_by_key(|(i, _)| *i)?;
    let date = text[..at].trim().trim_end_matches(',');
    parse_month_day(date)?;
    let after = &text[at + sep.len()..];
    Some((
        date.to_string(),
        at + sep.len() + (after.len() - after.trim_start().len()),
    ))
}

/// Splits "Va. Feb 26" into the place qualifier "Va." and the date "Feb 26".
fn split_qualifier_and_date(part: &str) -> Option<(&str, &str)> {
    let (at, _) = part
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i > 0)
        .find(|&(i, _)| is_date_like(part[i + 1..].trim()))?;
    let qualifier = part[..at].trim();
    (is_place_qualifier(qualifier) || is_place(qualifier))
        .then(|| (qualifier, part[at + 1..].trim()))
}

/// The state or country after a city: "Maine", "Calif.", "the Netherlands", "N.Y".
fn is_place_qualifier(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && text.chars().next().is_some_and(char::is_alphabetic)
        && words.iter().any(|w| w.starts_with(char::is_uppercase))
        && text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'))
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(p: &str) -> (String, Option<String>, Option<String>, String) {
        let m = parse_dateline(p).unwrap();
        (
            m.dateline.place,
            m.dateline.date_text,
            m.dateline.agency,
            p[m.text_start..].to_string(),
        )
    }

    #[test]
    fn wire_datelines() {
        assert_eq!(
            parsed("SEOUL, Nov. 23 (Yonhap) -- Top military officials met."),
            (
                "SEOUL".into(),
                Some("Nov. 23".into()),
                Some("Yonhap".into()),
                "Top military officials met.".into()
            )
        );
        assert_eq!(
            parsed("PORTLAND, Maine (AP) \u{2014} The storm hit."),
            (
                "PORTLAND, Maine".into(),
                None,
                Some("AP".into()),
                "The storm hit.".into()
            )
        );
        assert_eq!(
            parsed("GENEVA, March 4 (Reuters) - Talks resumed."),
            (
                "GENEVA".into(),
                Some("March 4".into()),
                Some("Reuters".into()),
                "Talks resumed.".into()
            )
        );
        assert_eq!(
            parsed("NEW YORK, March 3 - Viacom International Inc said"),
            (
                "NEW YORK".into(),
                Some("March 3".into()),
                None,
                "Viacom International Inc said".into()
            )
        );
        assert_eq!(parsed("Portland, Ore. (AP) -- Rain.").0, "Portland, Ore.");
        assert_eq!(
            parsed("INDIANAPOLIS, IND., March 4- Shr loss 2.03 dlrs").0,
            "INDIANAPOLIS, IND."
        );
        assert_eq!(
            parse_dateline("SEOUL, Nov. 23 (Yonhap) -- x")
                .unwrap()
                .month_day,
            Some((11, 23, None))
        );
        assert_eq!(
            parsed("New York, Feb 26 - American Express Co").0,
            "New York"
        );
        assert_eq!(
            parsed("Caracas, feb 26 - venezuela is seeking")
                .1
                .as_deref(),
            Some("feb 26")
        );
        for line in [
            "BRUSSELS, March 27, Reuter - Greece and Turkey",
            "GRONINGEN, the Netherlands, March 31 - European countries",
            "ROSEMONT, Ill., Macrh 31 - LyphoMed Inc said",
            "****SANTO DOMINGO, March 4 - The Dominican Republic sold",
            "CHEVY CHASE, Md., - March 4 - Geico Corp said",
            "CHICAGO, March 4, - South Korea's record",
            "La paz, march 4 - about 1,000 bolivian",
            "c    CHICAGO, March 9 - Johnson Products",
            "DALLAS/FORT WORTH AIRPORT, Texas, March 9 - Singer Co said",
            "JOHANNESBURG March 13 - Shr 516 cts vs 347",
            "Hauppauge, N.Y,. March 13 - Walker Telecommunications",
            "BELGRADE, March 2O - The government said",
            "ST. JOHN'S, Newfoundland, March 9 - Petro-Canada, Canada's",
            "peoria, april 7 - barrow and gilt prices rose",
        ] {
            let m = parse_dateline(line).unwrap_or_else(|| panic!("{line}"));
            assert!(m.dateline.date_text.is_some(), "{line}");
        }
        assert_eq!(
            parsed("CHEVY CHASE, Md., - March 4 - Geico Corp said").3,
            "Geico Corp said"
        );
        let richmond = parsed("RICHMOND, Va. Feb 26 - Qtly div eights cts");
        assert_eq!(
            (richmond.0.as_str(), richmond.1.as_deref()),
            ("RICHMOND, Va.", Some("Feb 26"))
        );
    }

    #[test]
    fn prose_and_tables_have_no_dateline() {
        assert!(parse_dateline("The minister said - in a rare move - that").is_none());
        assert!(parse_dateline("MAR8  --     -- MINNEAPOLIS WHEAT").is_none());
        assert!(parse_dateline("Shares rose 5 pct - the most in a year").is_none());
        assert!(parse_dateline("Ad sales boost Time Warner profit").is_none());
        assert!(parse_dateline("Yesterday, in Seoul - a city of ten million - people").is_none());
        assert!(parse_dateline("Officials said - quietly - that").is_none());
        assert!(parse_dateline("overnight      4 1/2 - 4").is_none());
        assert!(parse_dateline("us        7.8015 - 7.8035").is_none());
    }
}

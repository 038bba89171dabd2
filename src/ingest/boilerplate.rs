//! Site and wire boilerplate: navigation, feedback boxes, copyright and cookie lines, share
//! buttons, "(END)", "Reporting by …; Editing by …", the wire's "Reuter" sign-off.

/// Whole lines that are site furniture, compared case-insensitively after trimming.
const EXACT_LINES: &[&str] = &[
    "go to contents go to navigation",
    "go to contents",
    "go to navigation",
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "send feedback",
    "how can we improve?",
    "thanks for your feedback!",
    "(end)",
    "advertisement",
    "advertising",
    "back to top",
    "print",
    "email",
    "e-mail",
    "share",
    "tweet",
    "share this article",
    "share this",
    "print this article",
    "email this article",
    "related articles",
    "related stories",
    "related news",
    "most read",
    "most popular",
    "comments",
    "menu",
    "search",
    "close",
    "loading...",
    "accept",
    "accept all",
    "accept cookies",
    "read more",
    "related",
    "related content",
    "related coverage",
    "more on this story",
    "image caption",
    "image source",
    "media caption",
    "share this with",
    "copy link",
    "copy link to clipboard",
    "link copied",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "listen to this article",
    "save article",
    "gift this article",
    "purchase licensing rights",
    "copy link copied",
    "supported by",
    "skip advertisement",
    "send any friend a story",
    "share full article",
    "listen",
    "comment",
    "gift article",
    "democracy dies in darkness",
    "video playerclose",
    "video player",
    "explore more on these topics",
    "reuse this content",
    "related topics",
    "related stories",
    "read next",
    "share this:",
    "like this:",
    "like loading...",
    "leave a reply",
    "efe-epa",
    "home",
];

/// Line openings that mark boilerplate whatever follows.
const LINE_PREFIXES: &[&str] = &[
    "copyright",
    "©",
    "(c) ",
    "subscribe to",
    "subscribe now",
    "sign up for",
    "sign up to",
    "follow us on",
    "share on ",
    "share this on",
    "click here",
    "read more:",
    "read more at",
    "more news:",
    "reporting by",
    "(reporting by",
    "additional reporting by",
    "(additional reporting by",
    "editing by",
    "(editing by",
    "writing by",
    "(writing by",
    "compiled by",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "by continuing to use",
    "by using this site",
    "download our app",
    "get the app",
    "our standards:",
    "image caption,",
    "image source,",
    "media caption,",
    "photo:",
    "photograph:",
    "(photo",
    "file photo",
    "read more:",
    "related:",
    "see also:",
    "sign up here",
    "sign up to our",
    "get our newsletter",
    "newsletter sign-up",
    "this article is for subscribers",
    "to continue reading",
    "already a subscriber",
    "log in to continue",
    "subscribe for full access",
    "you have reached your limit",
    "a version of this article appears in print",
    "save articles to read later",
    "click here to share",
    "reporting from ",
    "associated press writer",
    "credit...",
    "source: xinhua",
    "source: al jazeera",
    "all rights reserved",
];

/// Phrases that end a short line of site furniture: a photo credit ("… /AFP via Getty
/// Images"), an update stamp ("Updated 2 hours ago").
const LINE_ENDINGS: &[&str] = &[
    "getty images",
    "via getty images",
    "/ reuters",
    "/reuters",
    "/ afp",
    "/afp",
    "(ap photo)",
    "/ ap",
    "/ap",
    "/ epa",
    "/epa",
    "(yonhap)",
    "/xinhua",
    "(xinhua)",
    "/ kyodo",
    "(kyodo)",
    "hours ago",
    "minutes ago",
    "mins ago",
    "hour ago",
    "min read",
    "minute read",
    "contributed to this report.",
    "contributed to this report",
    "and news agencies",
];

/// Headings that open a box of links or widgets, not a part of the story: the HTML reader
/// leaves out the box they head.
pub const BOX_HEADINGS: &[&str] = &[
    "related",
    "related topics",
    "related stories",
    "related articles",
    "related coverage",
    "related coverage:",
    "more on this story",
    "read next",
    "read more",
    "explore more on these topics",
    "share this:",
    "like this:",
    "leave a reply",
    "most read",
    "most popular",
    "more from",
    "you may also like",
    "recommended",
];

/// Headings after which, standing alone in the last half of a story, only links follow
/// ("Related coverage:", "More on this story").
pub const ENDING_HEADINGS: &[&str] = &[
    "related coverage:",
    "related coverage",
    "more on this story",
    "related topics",
    "related stories",
    "read next",
    "explore more on these topics",
    "leave a reply",
];

/// Phrases that make a short line boilerplate wherever they stand in it.
const CONTAINED: &[&str] = &[
    "all rights reserved",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "unauthorized reproduction",
    "reproduction prohibited",
];

/// Longest line that can be boilerplate: a real paragraph that mentions copyright stays.
const MAX_BOILERPLATE_LEN: usize = 240;

/// True when a whole line is site boilerplate.
pub fn is_boilerplate_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > MAX_BOILERPLATE_LEN {
        return false;
    }
    let lower = trimmed.to_lowercase();
    EXACT_LINES.contains(&lower.as_str())
        || LINE_PREFIXES.iter().any(|p| lower.starts_with(p))
        || CONTAINED.iter().any(|p| lower.contains(p))
        || (trimmed.len() <= 160 && LINE_ENDINGS.iter().any(|p| lower.ends_with(p)))
        || is_update_stamp(&lower)
        || is_contact_or_initials(trimmed)
        || is_read_time(&lower)
}

/// A line that is only an e-mail address ("khyun@yna.co.kr"), the desk's initials
/// ("oh/js"), or a wire's closing mark ("==Kyodo").
fn is_contact_or_initials(line: &str) -> bool {
    let email = !line.contains(' ')
        && line.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.ends_with('.')
        });
    let initials = line.len() <= 12
        && line.contains('/')
        && line
            .split('/')
            .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()));
    let closing = line.starts_with("==")
        && line.len() <= 20
        && line
            .trim_start_matches('=')
            .chars()
            .all(char::is_alphabetic);
    email || initials || closing
}

/// "4 min", "4 min listen": how long a page takes to read or hear; "Read 123 Comments".
fn is_read_time(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b',');
    match words.as_slice() {
        ["read" | "see", n, "comments" | "comment"] => number(n),
        [n, unit] | [n, unit, _] => {
            number(n) && matches!(*unit, "min" | "mins" | "minutes" | "comments")
        }
        _ => false,
    }
}

/// "Updated 2 hours ago", "Last updated: March 5, 2012 10:30", "Updated 10:30 GMT": a short
/// line that names when the page changed, never a sentence of the story.
fn is_update_stamp(lower: &str) -> bool {
    (lower.starts_with("updated")
        || lower.starts_with("last updated")
        || lower.starts_with("published on"))
        && lower.len() <= 80
        && (lower.contains("ago") || lower.chars().any(|c| c.is_ascii_digit()))
        && !lower.ends_with('.')
}

/// The wire service sign-off that ends a raw feed story: "Reuter", "REUTER", "REUTER...",
/// "REUTER^M", "reuter", misspellings such as "REUETER", and a bare "MORE".
pub fn is_wire_signoff(line: &str) -> bool {
    let word: String = line
        .trim()
        .trim_end_matches("^M")
        .trim_end_matches(['.', '^', ' '])
        .to_lowercase();
    matches!(
        word.as_str(),
        "reuter"
            | "reuters"
            | "reueter"
            | "reuetr"
            | "reutr"
            | "reuterr"
            | "more"
            | "ap"
            | "upi"
            | "afp"
    )
}

/// Strips a trailing "(END)" or "(MORE)" marker from the last paragraph of a story.
pub fn strip_end_marker(paragraph: &str) -> &str {
    let trimmed = paragraph.trim_end();
    for marker in ["(END)", "(MORE)", "(More)", "/END/"] {
        if let Some(rest) = trimmed.strip_suffix(marker) {
            return rest.trim_end();
        }
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_lines() {
        for line in [
            "Go to Contents Go to Navigation",
            "Send Feedback",
            "How can we improve?",
            "Thanks for your feedback!",
            "(END)",
            "Copyright 2009 Yonhap News Agency",
            "(c) 2009 Reuters. All Rights Reserved.",
            "(Reporting by Jane Doe; Editing by John Roe)",
            "Subscribe to our newsletter",
            "We use cookies to improve your experience.",
            "Share on Facebook",
            "Updated 2 hours ago",
            "Our Standards: The Thomson Reuters Trust Principles.",
            "Read more:",
            "Related",
            "Image caption, Officials at the port on Monday",
            "Dock workers at the port in Busan. Photo: Jane Doe/AFP via Getty Images",
            "(Photo by Jane Doe/AP)",
            "Sign up to our morning newsletter",
            "Subscribe to continue reading",
            "This article is for subscribers only.",
            "5 min read",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
        for line in [
            "The court ruled on copyright claims brought by three publishers, a decision that legal experts said would reshape the industry and that all rights reserved by the authors would be honoured in full, as the judges explained at length in a ruling of more than one hundred pages that followed a hearing lasting weeks.",
            "Liang expressed deep thanks for the hospitality.",
            "Sharing the burden",
            "The mayor said the budget was updated on Monday.",
            "Related talks are planned for next week, the ministry said.",
            "Officials said the strike ended two hours ago.",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn signoffs_and_end_markers() {
        for line in [
            " Reuter",
            "REUTER",
            "REUTER...",
            "REUTER^M",
            "reuter",
            "REUETER",
            " MORE",
        ] {
            assert!(is_wire_signoff(line), "{line}");
        }
        assert!(!is_wire_signoff("Reuters reported"));
        assert_eq!(strip_end_marker("He left. (END)"), "He left.");
    }
}

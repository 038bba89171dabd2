//! HTML pages: metadata from `<meta>`, JSON-LD and `<time>`, the body from `<article>` or the
//! main content, with scripts, navigation, headers, footers and asides dropped.

use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::boilerplate::{BOX_HEADINGS, is_boilerplate_line};
use super::pubdate::{parse_any_date, parse_date_line};
use super::structure::{ArticleStructure, parse_byline};

/// Elements whose whole subtree is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "canvas", "video", "audio", "object", "figure", "menu",
    "dialog", "address",
];

/// Class or id fragments that mark site furniture inside the content.
const SKIPPED_CLASSES: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "cookie",
    "advert",
    "promo",
    "subscribe",
    "comment",
    "breadcrumb",
    "byline",
    "author",
    "dateline-meta",
    "toolbar",
    "tags",
    "read-next",
    "readnext",
    "links-block",
    "standfirst",
    "subhead",
    "summary",
    "enhancement",
    "pagelist",
    "sharedaddy",
    "jp-relatedposts",
    "recirc",
    "video",
    "feedback",
];

/// Elements that end a paragraph.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "figcaption",
    "address",
    "time",
];

/// The encoding an HTML file declares in its first bytes (`<meta charset="euc-kr">`).
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let text: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let at = text.find("charset=")? + "charset=".len();
    let label: String = text[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Finds the structure of an HTML article.
pub fn parse_html(source: &str) -> ArticleStructure {
    let document = Html::parse_document(source);
    let ld = json_ld_article(&document);
    let mut structure = ArticleStructure::default();

    let site_name = meta(&document, &["og:site_name", "application-name"]);
    structure.headline = meta(&document, &["og:title", "twitter:title"])
        .or_else(|| ld_str(&ld, "headline"))
        .or_else(|| first_text(&document, "article h1, h1"))
        .or_else(|| {
            first_text(&document, "title").map(|t| strip_site_suffix(&t, site_name.as_deref()))
        });
    structure.published = meta(
        &document,
        &[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "publishedDate",
            "publishDate",
        ],
    )
    .or_else(|| ld_str(&ld, "datePublished"))
    .or_else(|| attr_of(&document, "time[datetime]", "datetime"))
    .or_else(|| attr_of(&document, "[data-published-time]", "data-published-time"))
    .and_then(|d| parse_any_date(&d))
    .or_else(|| date_in_stamps(&document));
    structure.byline = meta(&document, &["author", "article:author", "byl"])
        .filter(|a| !a.starts_with("http"))
        .map(|a| parse_byline(&a).map_or(a, |(name, _)| name))
        .or_else(|| ld.as_ref().and_then(|v| author_name(v.get("author")?)))
        .or_else(|| {
            first_block(
                &document,
                "[rel=author], .byline, .author, [itemprop=author], [class*=byline], [class*=authors], [data-component*=byline], [data-qa*=byline], [data-testid*=byline]",
            )
            .map(|t| parse_byline(&t).map_or(t, |(name, _)| name))
        })
        .filter(|b| !b.is_empty() && b.len() < 120);
    structure.agency = ld
        .as_ref()
        .and_then(|v| {
            v.get("publisher")?
                .get("name")?
                .as_str()
                .map(str::to_string)
        })
        .or(site_name);

    let mut blocks = Vec::new();
    if let Some(root) = content_root(&document) {
        let mut current = String::new();
        collect_blocks(root, &mut current, &mut blocks);
        flush(&mut current, &mut blocks);
    }
    if blocks.is_empty()
        && let Some(body) = ld_str(&ld, "articleBody")
    {
        blocks = body
            .split("\n")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    let site = structure.agency.clone().unwrap_or_default().to_lowercase();
    let mut story = 0;
    for block in blocks {
        if structure.headline.as_deref() == Some(block.as_str()) {
            continue;
        }
        // The site's own name standing alone ("AFP", "BBC News") is a label, not the story.
        if !site.is_empty() && block.to_lowercase() == site {
            continue;
        }
        if let Some(published) = date_stamp(&block) {
            structure.published.get_or_insert(published);
            continue;
        }
        if is_boilerplate_line(&block) {
            continue;
        }
        if story < 4
            && let Some((name, _)) = parse_byline(&block)
        {
            structure.byline.get_or_insert(name);
            continue;
        }
        story += 1;
        structure.paragraphs.push(block);
    }
    structure.finish();
    structure
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// The first `<meta>` content among the given property/name/itemprop keys, in key order.
fn meta(document: &Html, keys: &[&str]) -> Option<String> {
    let metas = selector("meta")?;
    keys.iter().find_map(|key| {
        document.select(&metas).find_map(|m| {
            let el = m.value();
            let named = ["property", "name", "itemprop"]
                .iter()
                .any(|a| el.attr(a).is_some_and(|v| v.eq_ignore_ascii_case(key)));
            named
                .then(|| el.attr("content").map(|c| c.trim().to_string()))
                .flatten()
                .filter(|c| !c.is_empty())
        })
    })
}

fn first_text(document: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    document
        .select(&sel)
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// The first paragraph of text in the first element matching `css`: "By Ines Kowal" of a
/// byline box that also names the desk.
fn first_block(document: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    document.select(&sel).find_map(|e| {
        let mut blocks = Vec::new();
        let mut current = String::new();
        walk_blocks(e, &mut current, &mut blocks, false, 0);
        flush(&mut current, &mut blocks);
        blocks.into_iter().next()
    })
}

fn attr_of(document: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = selector(css)?;
    document
        .select(&sel)
        .find_map(|e| e.value().attr(attr).map(str::to_string))
}

fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        for sep in [" | ", " - ", " — ", " :: "] {
            if let Some(rest) = title.strip_suffix(&format!("{sep}{site}")) {
                return rest.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// The JSON-LD object describing the article (NewsArticle, Article, BlogPosting…), searched
/// through arrays and `@graph`.
fn json_ld_article(document: &Html) -> Option<Value> {
    let sel = selector(r#"script[type="application/ld+json"]"#)?;
    document.select(&sel).find_map(|script| {
        let text: String = script.text().collect();
        let value: Value = serde_json::from_str(text.trim()).ok()?;
        find_article(&value).cloned()
    })
}

fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) => {
            let is_article = |t: &Value| {
                t.as_str()
                    .is_some_and(|s| s.ends_with("Article") || s == "BlogPosting")
            };
            let typed = match map.get("@type") {
                Some(Value::Array(types)) => types.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                Some(value)
            } else {
                map.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

fn ld_str(ld: &Option<Value>, key: &str) -> Option<String> {
    let s = ld.as_ref()?.get(key)?.as_str()?.trim();
    (!s.is_empty()).then(|| collapse(s))
}

fn author_name(author: &Value) -> Option<String> {
    match author {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(map) => map.get("name")?.as_str().map(|s| s.trim().to_string()),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(author_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// `<article>`, then `[itemprop=articleBody]`, `<main>`, `[role=main]`, then `<body>`.
/// A short line that gives the publication date: a date line, or a stamp of parts split by
/// `|` or " - " ("Source: Xinhua| 2012-03-14 16:02:31|Editor: huaxia", "KYODO NEWS - Mar 15,
/// 2012 - 09:05 | All, Japan").
fn date_stamp(block: &str) -> Option<crate::model::PublishedAt> {
    if let Some(found) = parse_date_line(block) {
        return Some(found);
    }
    if block.len() > 120 {
        return None;
    }
    let parts: Vec<&str> = block.split('|').map(str::trim).collect();
    for part in &parts {
        if let Some(found) = parse_date_line(part).or_else(|| parse_any_date(part)) {
            return Some(found);
        }
        // "KYODO NEWS - Mar 15, 2012 - 09:05": the label, then the date and time.
        if let Some((_, rest)) = part.split_once(" - ")
            && let Some(found) = parse_date_line(&rest.replace(" - ", " "))
        {
            return Some(found);
        }
    }
    None
}

/// A date in a short element whose class names a date or time, anywhere on the page: the
/// stamp of sites that keep it outside the article.
fn date_in_stamps(document: &Html) -> Option<crate::model::PublishedAt> {
    let sel = selector("[class*=date], [class*=time], [class*=Date], [class*=Time]")?;
    document
        .select(&sel)
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| t.len() <= 120)
        .find_map(|t| date_stamp(&t))
}

/// The deepest element nesting a page may have. Real pages stay under a hundred; a parser
/// takes time that grows with the square of the depth, so a hostile page nested 200,000
/// deep would take hours.
pub const MAX_NESTING: usize = 5_000;

/// Refuses markup nested deeper than [`MAX_NESTING`], estimated in one pass over the bytes:
/// start tags open (void, self-closed and implicitly closed elements do not), end tags close.
pub fn check_nesting(source: &str) -> Result<(), String> {
    const NOT_NESTING: &[&str] = &[
        "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param",
        "source", "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd",
    ];
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| start + n);
        if end == start || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = source[start..end].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = memchr::memchr(b'>', &bytes[end..]).map_or(bytes.len(), |n| end + n);
        if tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/') {
            continue;
        }
        depth += 1;
        if depth > MAX_NESTING {
            return Err(format!(
                "HTML nested more than {MAX_NESTING} elements deep; refused as damaged or hostile"
            ));
        }
    }
    Ok(())
}

/// The paragraphs of an HTML fragment (a feed entry's content), furniture left out; nothing
/// for a fragment nested past [`MAX_NESTING`].
pub fn fragment_blocks(source: &str) -> Vec<String> {
    if check_nesting(source).is_err() {
        return Vec::new();
    }
    let fragment = Html::parse_fragment(source);
    let mut blocks = Vec::new();
    let mut current = String::new();
    collect_blocks(fragment.root_element(), &mut current, &mut blocks);
    flush(&mut current, &mut blocks);
    blocks
}

/// The text of a whole HTML page line by line, nothing skipped: block elements end lines, and
/// the cells of a table row are joined by tabs (`HD<TAB>headline` in a Factiva export).
pub fn page_lines(source: &str) -> String {
    let document = Html::parse_document(source);
    let mut out = String::new();
    let mut line = String::new();
    page_text(document.root_element(), &mut line, &mut out, 0);
    end_line(&mut line, &mut out);
    out
}

/// How deep [`page_lines`] walks; deeper content is read as flat text.
const MAX_PAGE_DEPTH: usize = 200;

fn page_text(element: ElementRef, line: &mut String, out: &mut String, depth: usize) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => line.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                if matches!(name, "script" | "style" | "noscript" | "template" | "head") {
                    continue;
                }
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if depth >= MAX_PAGE_DEPTH {
                    line.extend(child_el.text());
                    continue;
                }
                let cell = matches!(name, "td" | "th");
                let block = !cell && BLOCK_ELEMENTS.contains(&name);
                if block {
                    end_line(line, out);
                }
                page_text(child_el, line, out, depth + 1);
                if cell {
                    line.push('\t');
                } else if block {
                    end_line(line, out);
                    if matches!(name, "p" | "div" | "br" | "tr" | "table") {
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
}

fn end_line(line: &mut String, out: &mut String) {
    let cells: Vec<String> = line.split('\t').map(collapse).collect();
    let text = cells.join("\t");
    let text = text.trim_end_matches('\t');
    if !text.is_empty() {
        out.push_str(text);
        out.push('\n');
    }
    line.clear();
}

fn content_root(document: &Html) -> Option<ElementRef<'_>> {
    [
        "[itemprop=articleBody]",
        "article",
        "main",
        "[role=main]",
        "body",
    ]
    .iter()
    .filter_map(|css| selector(css))
    .find_map(|sel| {
        document
            .select(&sel)
            .max_by_key(|e| e.text().map(str::len).sum::<usize>())
    })
}

fn is_furniture_element(element: &ElementRef) -> bool {
    let el = element.value();
    if SKIPPED_ELEMENTS.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = [
        "class",
        "id",
        "data-component",
        "data-testid",
        "data-qa",
        "data-gu-name",
    ]
    .iter()
    .filter_map(|a| el.attr(a))
    .collect::<Vec<_>>()
    .join(" ")
    .to_ascii_lowercase();
    SKIPPED_CLASSES.iter().any(|c| marks.contains(c)) || opens_with_furniture_heading(element)
}

/// A box whose first heading is "Related", "More on this story", "Read next"…
fn opens_with_furniture_heading(element: &ElementRef) -> bool {
    if !matches!(
        element.value().name(),
        "section" | "div" | "aside" | "nav" | "ul"
    ) {
        return false;
    }
    let Some(heading) = element.children().filter_map(ElementRef::wrap).find(|c| {
        matches!(
            c.value().name(),
            "h2" | "h3" | "h4" | "h5" | "p" | "span" | "strong"
        )
    }) else {
        return false;
    };
    if !matches!(heading.value().name(), "h2" | "h3" | "h4" | "h5") {
        return false;
    }
    let text = collapse(&heading.text().collect::<String>()).to_lowercase();
    BOX_HEADINGS.contains(&text.as_str())
}

/// Walks the content, gathering text into paragraphs at block boundaries.
fn collect_blocks(element: ElementRef, current: &mut String, blocks: &mut Vec<String>) {
    walk_blocks(element, current, blocks, true, 0);
}

/// Gathers text into paragraphs at block boundaries, leaving site furniture out when
/// `skip_furniture`. Past [`MAX_PAGE_DEPTH`] an element's text is taken flat, so that a
/// hostile page nested 200,000 deep cannot overflow the stack.
fn walk_blocks(
    element: ElementRef,
    current: &mut String,
    blocks: &mut Vec<String>,
    skip_furniture: bool,
    depth: usize,
) {
    if depth >= MAX_PAGE_DEPTH {
        current.extend(element.text());
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(el) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if skip_furniture && is_furniture_element(&child_el) {
                    continue;
                }
                let block = BLOCK_ELEMENTS.contains(&el.name());
                if block {
                    flush(current, blocks);
                }
                walk_blocks(child_el, current, blocks, skip_furniture, depth + 1);
                if block {
                    flush(current, blocks);
                }
            }
            _ => {}
        }
    }
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let text = collapse(current);
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Port strike ends | Harbour Times</title>
<meta property="og:title" content="Port strike ends after nine days">
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2021-06-14T18:05:00+01:00">
<meta name="author" content="Ana Lima">
<script>var x = "<p>not text</p>";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><p>Subscribe today</p></header>
<article><h1>Port strike ends after nine days</h1>
<p class="byline">By Ana Lima</p>
<p>LISBON (Reuters) - Dock workers voted to return on Monday &amp; ships began to move.</p>
<p>The union said talks would go on.<br>Wages rose 4&nbsp;percent.</p>
<div class="share-tools"><p>Share on Twitter</p></div>
<aside><p>Related: other strikes</p></aside></article>
<footer><p>&copy; 2021 Harbour Times. All rights reserved.</p></footer></body></html>"#;

    #[test]
    fn html_meta_and_article_body() {
        let s = parse_html(PAGE);
        assert_eq!(
            s.headline.as_deref(),
            Some("Port strike ends after nine days")
        );
        assert_eq!(s.published.unwrap().to_iso(), "2021-06-14T18:05:00+01:00");
        assert_eq!(s.byline.as_deref(), Some("Ana Lima"));
        assert_eq!(s.agency.as_deref(), Some("Reuters"));
        assert_eq!(s.dateline.unwrap().place, "LISBON");
        assert_eq!(
            s.paragraphs,
            vec![
                "Dock workers voted to return on Monday & ships began to move.",
                "The union said talks would go on.",
                "Wages rose 4 percent."
            ]
        );
    }

    #[test]
    fn json_ld_news_article() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
{"@type":"NewsArticle","headline":"Election called","datePublished":"2019-10-29T09:00:00Z",
"author":[{"@type":"Person","name":"Sam Roe"}],"publisher":{"@type":"Organization","name":"The Courier"}}]}
</script></head><body><main><p>The prime minister called an election.</p></main></body></html>"#;
        let s = parse_html(page);
        assert_eq!(s.headline.as_deref(), Some("Election called"));
        assert_eq!(s.published.unwrap().to_iso(), "2019-10-29T09:00:00+00:00");
        assert_eq!(s.byline.as_deref(), Some("Sam Roe"));
        assert_eq!(s.agency.as_deref(), Some("The Courier"));
        assert_eq!(s.paragraphs, vec!["The prime minister called an election."]);
    }

    #[test]
    fn charset_declaration() {
        assert_eq!(
            declared_charset(b"<meta charset=\"EUC-KR\">").as_deref(),
            Some("euc-kr")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>"
            )
            .as_deref(),
            Some("windows-1252")
        );
    }
}

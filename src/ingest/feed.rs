//! News feeds: RSS 2.0 (and RSS 1.0/RDF), Atom and JSON Feed. Each entry is an article: its
//! title, link or id, date, author and content; the feed's title is the outlet and its
//! language the articles'. An entry with only a summary (most feeds) is marked so.

use quick_xml::events::Event;
use serde_json::Value;

use super::docx::entity_char;
use super::html::fragment_blocks;
use super::pubdate::parse_any_date;
use super::record::{Record, blocks, tidy_value};

/// The deepest element nesting read.
const MAX_DEPTH: usize = 256;

/// True when a text is an RSS, Atom or JSON feed.
pub fn is_feed(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return head.contains("jsonfeed.org/version");
    }
    trimmed.starts_with('<')
        && (head.contains("<rss") || head.contains("<rdf:RDF") || head.contains("<feed"))
        && !head.to_ascii_lowercase().contains("<html")
}

/// The entries of a feed, or why it cannot be read.
pub fn feed_records(text: &str) -> Result<Vec<Record>, String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        json_feed(trimmed)
    } else {
        xml_feed(text)
    }
}

/// The parts of an entry being read.
#[derive(Default)]
struct Entry {
    title: String,
    link: String,
    id: String,
    date: String,
    updated: String,
    author: String,
    summary: String,
    content: String,
    start: usize,
}

fn xml_feed(text: &str) -> Result<Vec<Record>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut outlet = String::new();
    let mut language = String::new();
    let mut entry: Option<Entry> = None;
    let mut records = Vec::new();
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged feed: {e} (near byte {before})"))?;
        match event {
            Event::Start(e) => {
                let name = local(e.name().as_ref());
                if path.len() >= MAX_DEPTH {
                    return Err(format!("feed nested more than {MAX_DEPTH} deep; refused"));
                }
                if matches!(name.as_str(), "item" | "entry") && entry.is_none() {
                    entry = Some(Entry {
                        start: before,
                        ..Default::default()
                    });
                }
                if let Some(entry) = entry.as_mut() {
                    if name == "link" && entry.link.is_empty() {
                        entry.link = href(&e).unwrap_or_default();
                    }
                    let inside_content = path.iter().any(|p| p == "content" || p == "summary");
                    if inside_content && matches!(name.as_str(), "p" | "div" | "li" | "br") {
                        push_text(entry, &path, "\n\n");
                    }
                }
                path.push(name);
            }
            Event::Empty(e) => {
                let name = local(e.name().as_ref());
                if let Some(entry) = entry.as_mut() {
                    if name == "link" && entry.link.is_empty() {
                        entry.link = href(&e).unwrap_or_default();
                    } else if name == "br" {
                        push_text(entry, &path, "\n\n");
                    }
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if matches!(name.as_str(), "item" | "entry")
                    && let Some(done) = entry.take()
                {
                    let end = usize::try_from(reader.buffer_position()).unwrap_or(text.len());
                    let raw = text.get(done.start..end).unwrap_or("").trim().to_string();
                    records.push(entry_record(done, raw, &outlet, &language));
                }
            }
            Event::Text(t) => {
                let value = t
                    .decode()
                    .map(|d| {
                        quick_xml::escape::unescape(&d)
                            .map(|u| u.into_owned())
                            .unwrap_or_else(|_| html_entities(&d))
                    })
                    .unwrap_or_default();
                take_text(&mut entry, &path, &value, &mut outlet, &mut language);
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                // XML's own entities and character references directly; HTML's (`&nbsp;`)
                // through the HTML parser.
                let value = entity_char(&name)
                    .map(String::from)
                    .unwrap_or_else(|| html_entities(&format!("&{name};")));
                take_text(&mut entry, &path, &value, &mut outlet, &mut language);
            }
            Event::CData(c) => {
                let value = String::from_utf8_lossy(c.as_ref()).into_owned();
                take_text(&mut entry, &path, &value, &mut outlet, &mut language);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(records)
}

/// Text met at `path`: an entry's part, or the feed's own title and language.
fn take_text(
    entry: &mut Option<Entry>,
    path: &[String],
    value: &str,
    outlet: &mut String,
    language: &mut String,
) {
    match entry {
        Some(entry) => push_text(entry, path, value),
        None => match path.last().map(String::as_str) {
            Some("title") if path.len() <= 3 && outlet.is_empty() => outlet.push_str(value),
            Some("language") => language.push_str(value),
            _ => {}
        },
    }
}

fn push_text(entry: &mut Entry, path: &[String], value: &str) {
    let at = path
        .iter()
        .rposition(|p| matches!(p.as_str(), "item" | "entry"))
        .map_or(0, |i| i + 1);
    let inner = &path[at.min(path.len())..];
    let Some(first) = inner.first() else {
        return;
    };
    let field = match first.as_str() {
        "title" => &mut entry.title,
        "link" => &mut entry.link,
        "guid" | "id" => &mut entry.id,
        "pubDate" | "published" | "date" | "issued" => &mut entry.date,
        "updated" | "modified" => &mut entry.updated,
        "creator" | "author" => &mut entry.author,
        "description" | "summary" => &mut entry.summary,
        "encoded" | "content" => &mut entry.content,
        _ => return,
    };
    if first == "author" && inner.get(1).is_some_and(|n| n != "name") {
        return;
    }
    field.push_str(value);
}

fn entry_record(entry: Entry, raw: String, outlet: &str, language: &str) -> Record {
    let summary_only = entry.content.trim().is_empty();
    let body = if summary_only {
        &entry.summary
    } else {
        &entry.content
    };
    let mut record = Record {
        headline: tidy_value(&html_text(&entry.title)),
        published: parse_any_date(entry.date.trim())
            .or_else(|| parse_any_date(entry.updated.trim())),
        byline: tidy_value(&entry.author),
        paragraphs: paragraphs(body),
        raw,
        ..Default::default()
    };
    record.meta.outlet = tidy_value(outlet);
    record.meta.language = tidy_value(language);
    record.meta.summary_only = summary_only;
    record.meta.source_id = [entry.id, entry.link]
        .into_iter()
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty());
    record
}

/// An entry's content as paragraphs: HTML when it holds tags, else plain text.
fn paragraphs(content: &str) -> Vec<String> {
    if content.contains('<') && content.contains('>') {
        fragment_blocks(content)
    } else {
        blocks(content.lines())
    }
}

/// A title that may hold markup or entities, as text.
fn html_text(text: &str) -> String {
    if text.contains('<') || text.contains('&') {
        fragment_blocks(text).join(" ")
    } else {
        text.to_string()
    }
}

/// HTML entities that XML does not know (`&nbsp;`), resolved by the HTML parser.
fn html_entities(text: &str) -> String {
    fragment_blocks(text).join(" ")
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_string(),
        None => name.into_owned(),
    }
}

fn href(e: &quick_xml::events::BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == b"href")
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn json_feed(text: &str) -> Result<Vec<Record>, String> {
    let feed: Value = serde_json::from_str(text).map_err(|e| format!("damaged JSON Feed: {e}"))?;
    let outlet = feed.get("title").and_then(Value::as_str).unwrap_or("");
    let language = feed.get("language").and_then(Value::as_str).unwrap_or("");
    let items = feed
        .get("items")
        .and_then(Value::as_array)
        .ok_or("a JSON Feed without items")?;
    let text_of = |item: &Value, key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    Ok(items
        .iter()
        .map(|item| {
            let author = item
                .get("authors")
                .and_then(|a| a.get(0))
                .or_else(|| item.get("author"))
                .and_then(|a| a.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let html = text_of(item, "content_html");
            let content = if html.is_empty() {
                text_of(item, "content_text")
            } else {
                html
            };
            let entry = Entry {
                title: text_of(item, "title"),
                link: text_of(item, "url"),
                id: text_of(item, "id"),
                date: text_of(item, "date_published"),
                updated: text_of(item, "date_modified"),
                author,
                summary: text_of(item, "summary"),
                content,
                start: 0,
            };
            entry_record(entry, item.to_string(), outlet, language)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_atom_and_json() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbour Gazette</title><language>en</language>
<item><title>Port strike ends</title><link>https://example.org/a</link><guid>tag:example.org,2012:a</guid><pubDate>Mon, 05 Mar 2012 10:30:00 +0900</pubDate><dc:creator>Mina Park</dc:creator><description>Workers return.</description><content:encoded><![CDATA[<p>Dock workers returned on Sunday.</p><p>Talks resume&nbsp;Friday.</p>]]></content:encoded></item>
<item><title>Budget &amp; tax</title><link>https://example.org/b</link><description>The council met.</description></item></channel></rss>"#;
        assert!(is_feed(rss));
        let records = feed_records(rss).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].headline.as_deref(), Some("Port strike ends"));
        assert_eq!(records[0].meta.outlet.as_deref(), Some("Harbour Gazette"));
        assert_eq!(records[0].byline.as_deref(), Some("Mina Park"));
        assert_eq!(
            records[0].paragraphs,
            ["Dock workers returned on Sunday.", "Talks resume Friday."]
        );
        assert!(!records[0].meta.summary_only);
        assert_eq!(
            records[0].published.as_ref().unwrap().to_iso(),
            "2012-03-05T10:30:00+09:00"
        );
        assert_eq!(records[1].headline.as_deref(), Some("Budget & tax"));
        assert!(records[1].meta.summary_only);
        assert_eq!(
            records[1].meta.source_id.as_deref(),
            Some("https://example.org/b")
        );
        assert!(records[0].raw.starts_with("<item>") && records[0].raw.ends_with("</item>"));

        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title><entry><title type="html">Council &lt;b&gt;approves&lt;/b&gt;</title><id>urn:uuid:1</id><updated>2012-03-06T08:00:00Z</updated><author><name>Ana Ruiz</name><email>a@example.org</email></author><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The council approved the budget.</p><p>It passed 5-2.</p></div></content></entry></feed>"#;
        let records = feed_records(atom).unwrap();
        assert_eq!(records[0].headline.as_deref(), Some("Council approves"));
        assert_eq!(records[0].byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            records[0].paragraphs,
            ["The council approved the budget.", "It passed 5-2."]
        );

        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Blog","items":[{"id":"1","title":"Hello","content_text":"First line.\n\nSecond.","date_published":"2012-03-07T09:00:00-05:00","authors":[{"name":"Lee"}]}]}"#;
        assert!(is_feed(json));
        let records = feed_records(json).unwrap();
        assert_eq!(records[0].paragraphs, ["First line.", "Second."]);
        assert_eq!(records[0].byline.as_deref(), Some("Lee"));
    }
}

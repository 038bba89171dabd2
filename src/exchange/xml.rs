//! A small XML tree read with quick-xml: elements by local name (namespaces ignored), their
//! attributes and text, enough to read REFI-QDA projects from any tool.

use quick_xml::XmlVersion;
use quick_xml::events::Event;

/// An element: its local name, attributes and children, and the text directly inside it.
#[derive(Clone, Debug, Default)]
pub struct Element {
    /// Local name ("Code", not "qda:Code").
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// Child elements in order.
    pub children: Vec<Element>,
    /// The text directly inside, unescaped and joined.
    pub text: String,
}

impl Element {
    /// The attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The children with this name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    name.rsplit(':').next().unwrap_or("").to_string()
}

fn start(e: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut attributes = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attributes.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attributes,
        ..Default::default()
    })
}

use crate::ingest::docx::entity_char as reference;

/// How deeply elements may nest.
const MAX_DEPTH: usize = 256;

/// Parses a document into its root element; the error says where.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {at}: {e}"))?;
        match event {
            Event::Start(e) => {
                // No real project nests this deep; a deeper tree would not even drop safely.
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "at byte {at}: elements nest deeper than {MAX_DEPTH}"
                    ));
                }
                stack.push(start(&e).map_err(|m| format!("at byte {at}: {m}"))?)
            }
            Event::Empty(e) => {
                let element = start(&e).map_err(|m| format!("at byte {at}: {m}"))?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(element);
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(format!("at byte {at}: an end tag closes nothing"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Err(format!("at byte {at}: an end tag closes nothing")),
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content().map_err(|e| e.to_string())?;
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&content);
                }
            }
            Event::CData(t) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let c = reference(&name)
                    .ok_or_else(|| format!("at byte {at}: unknown entity &{name};"))?;
                if let Some(current) = stack.last_mut() {
                    current.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("the document ends inside an element".into());
    }
    stack
        .pop()
        .and_then(|root| root.children.into_iter().next())
        .ok_or_else(|| "no root element".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_attributes_and_text() {
        let root = parse(
            "<?xml version=\"1.0\"?><p:Project xmlns:p=\"urn:x\" name=\"A &amp; B\"><Note>x &lt; y &#233;<Empty/></Note></p:Project>",
        )
        .unwrap_or_default();
        assert_eq!(root.name, "Project");
        assert_eq!(root.attr("name"), Some("A & B"));
        let note = root.child("Note").cloned().unwrap_or_default();
        assert_eq!(note.text, "x < y é");
        assert_eq!(note.children.len(), 1);
        assert!(parse("<a><b></a>").is_err());
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        assert!(parse(&deep).unwrap_err().contains("nest deeper"));
    }
}

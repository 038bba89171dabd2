//! The query language: words, "phrases", prefix*, AND / OR / NOT / -word, parentheses,
//! /regex/, NEAR (same sentence) and NEAR/p (same paragraph), and field filters. Parsed into a
//! [`Query`] tree; a bad query is a [`QueryError`] that says where (a column, counted in
//! characters from 1) and why.

use chrono::NaiveDateTime;

use super::fold;
use crate::model::TimePoint;

/// Words to match, folded: one word, or a phrase of several in a row. With `prefix`, the last
/// word may be the start of a longer one ("negotiat*").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    /// Folded tokens in order.
    pub tokens: Vec<String>,
    /// True when the last token is a prefix.
    pub prefix: bool,
}

/// An article's own fields that a query can filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `headline:`
    Headline,
    /// `byline:`
    Byline,
    /// `agency:`
    Agency,
    /// `place:` (the dateline's place).
    Place,
    /// `source:` (the file path).
    Source,
}

impl Field {
    /// The name as written in queries.
    pub fn name(self) -> &'static str {
        match self {
            Field::Headline => "headline",
            Field::Byline => "byline",
            Field::Agency => "agency",
            Field::Place => "place",
            Field::Source => "source",
        }
    }
}

/// A stretch of time asked for: `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRange {
    /// First instant.
    pub start: NaiveDateTime,
    /// First instant after.
    pub end: NaiveDateTime,
}

impl TimeRange {
    /// True when the stretch `[start, end)` shares time with this range.
    pub fn overlaps(&self, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        start < self.end && self.start < end.max(start + chrono::Duration::seconds(1))
    }
}

/// How close NEAR asks two matches to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// In the same sentence.
    Sentence,
    /// In the same paragraph.
    Paragraph,
}

/// A parsed query.
#[derive(Clone, Debug)]
pub enum Query {
    /// Words or a phrase in the body.
    Text(Words),
    /// A regular expression over the body text.
    Regex(regex::Regex),
    /// Words in one of the article's own fields (the whole article matches).
    Field(Field, Words),
    /// Words in the user's notes (the noted passages match).
    Note(Words),
    /// Mentions of an entity, every alias and merged name included.
    Entity(String),
    /// Passages coded with a tag or any tag under it.
    Tag(String),
    /// Articles published in the range.
    Published(TimeRange),
    /// Time expressions whose normalised value overlaps the range.
    Mentions(TimeRange),
    /// Everything matches.
    And(Vec<Query>),
    /// Anything matches.
    Or(Vec<Query>),
    /// Articles without a match.
    Not(Box<Query>),
    /// Matches of the left side with a match of the right side in the same sentence or
    /// paragraph (both are hits).
    Near(Box<Query>, Box<Query>, Scope),
}

/// Why a query could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    /// Column of the problem, counted in characters from 1.
    pub column: usize,
    /// What is wrong, and what to write instead.
    pub message: String,
}

/// The field names a query may use.
pub const FIELD_NAMES: &[&str] = &[
    "headline",
    "byline",
    "agency",
    "place",
    "source",
    "entity",
    "tag",
    "note",
    "published",
    "mentions",
];

/// The help shown next to the search field and in the README.
pub const HELP: &str = "\
words            every word, any case and accent (société = Societe)
\"a phrase\"       the words in a row, across line breaks and punctuation
negotiat*        words starting so
a OR b, a AND b  either / both (space between words means AND)
NOT a, -a        articles without a
( … )            grouping
/regex/  /re/i   a regular expression over the text (i: any case)
a NEAR b         a and b in one sentence;  a NEAR/p b: in one paragraph
headline: byline: agency: place: source:   the article's own fields
entity:\"Liang Guanglie\"   every mention of the entity, aliases included
tag:Diplomacy    passages coded with the tag or a tag under it
note:word        passages with a note saying so
published:2009-11..2009-12   articles published then
mentions:2009-11-22          passages whose dates fall in that time,
                 however written (\"Sunday\", \"last week\", \"Nov. 22\")
dates: 1987, 1987-03, 1987-03-05, 1987-W10, 1987-Q1; a..b, a.., ..b";

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Phrase(String),
    Regex(String, bool),
    Field(String),
    LParen,
    RParen,
    And,
    Or,
    Not,
    Minus,
    Near(Scope),
}

struct Lexed {
    tok: Tok,
    column: usize,
}

fn err<T>(column: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        column,
        message: message.into(),
    })
}

fn lex(input: &str) -> Result<Vec<Lexed>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push(Lexed {
                    tok: Tok::LParen,
                    column,
                });
                i += 1;
            }
            ')' => {
                out.push(Lexed {
                    tok: Tok::RParen,
                    column,
                });
                i += 1;
            }
            '"' | '“' | '”' => {
                let mut j = i + 1;
                while j < chars.len() && !matches!(chars[j], '"' | '“' | '”') {
                    j += 1;
                }
                if j == chars.len() {
                    return err(
                        column,
                        "this quote is never closed: add a \" after the phrase",
                    );
                }
                let mut phrase: String = chars[i + 1..j].iter().collect();
                j += 1;
                if chars.get(j) == Some(&'*') {
                    phrase.push('*');
                    j += 1;
                }
                out.push(Lexed {
                    tok: Tok::Phrase(phrase),
                    column,
                });
                i = j;
            }
            '/' => {
                let mut j = i + 1;
                let mut pattern = String::new();
                while j < chars.len() && chars[j] != '/' {
                    if chars[j] == '\\' && chars.get(j + 1) == Some(&'/') {
                        pattern.push('/');
                        j += 2;
                        continue;
                    }
                    pattern.push(chars[j]);
                    j += 1;
                }
                if j == chars.len() {
                    return err(
                        column,
                        "this regular expression is never closed: end it with /",
                    );
                }
                j += 1;
                let insensitive = chars.get(j) == Some(&'i')
                    && chars
                        .get(j + 1)
                        .is_none_or(|c| c.is_whitespace() || *c == ')');
                if insensitive {
                    j += 1;
                }
                out.push(Lexed {
                    tok: Tok::Regex(pattern, insensitive),
                    column,
                });
                i = j;
            }
            '-' if chars.get(i + 1).is_some_and(|c| !c.is_whitespace()) => {
                out.push(Lexed {
                    tok: Tok::Minus,
                    column,
                });
                i += 1;
            }
            _ => {
                let mut j = i;
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !matches!(chars[j], '(' | ')' | '"' | '“' | '”')
                {
                    if chars[j] == ':' {
                        break;
                    }
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                if chars.get(j) == Some(&':') {
                    out.push(Lexed {
                        tok: Tok::Field(word),
                        column,
                    });
                    i = j + 1;
                    continue;
                }
                let tok = match word.as_str() {
                    "AND" => Tok::And,
                    "OR" => Tok::Or,
                    "NOT" => Tok::Not,
                    "NEAR" | "NEAR/s" => Tok::Near(Scope::Sentence),
                    "NEAR/p" => Tok::Near(Scope::Paragraph),
                    _ => Tok::Word(word),
                };
                out.push(Lexed { tok, column });
                i = j;
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Lexed>,
    at: usize,
    end_column: usize,
    depth: usize,
}

/// How deeply parentheses and NOTs may nest.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.tok)
    }

    fn column(&self) -> usize {
        self.toks.get(self.at).map_or(self.end_column, |t| t.column)
    }

    fn or(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            let column = self.column();
            self.at += 1;
            if self.starts_operand() {
                parts.push(self.and()?);
            } else {
                return err(column, "OR needs something to search for after it");
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    fn starts_operand(&self) -> bool {
        matches!(
            self.peek(),
            Some(
                Tok::Word(_)
                    | Tok::Phrase(_)
                    | Tok::Regex(..)
                    | Tok::Field(_)
                    | Tok::LParen
                    | Tok::Not
                    | Tok::Minus
            )
        )
    }

    fn and(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.near()?];
        loop {
            if self.peek() == Some(&Tok::And) {
                let column = self.column();
                self.at += 1;
                if !self.starts_operand() {
                    return err(column, "AND needs something to search for after it");
                }
            } else if !self.starts_operand() {
                break;
            }
            parts.push(self.near()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::And(parts)
        })
    }

    fn near(&mut self) -> Result<Query, QueryError> {
        let mut left = self.unary()?;
        while let Some(Tok::Near(scope)) = self.peek().cloned() {
            let column = self.column();
            self.at += 1;
            if !self.starts_operand() {
                return err(column, "NEAR needs something to search for after it");
            }
            let right = self.unary()?;
            if matches!(left, Query::Not(_)) || matches!(right, Query::Not(_)) {
                return err(column, "NEAR cannot take NOT: a missing word is nowhere");
            }
            left = Query::Near(Box::new(left), Box::new(right), scope);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Query, QueryError> {
        let column = self.column();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(
                column,
                format!("the query nests deeper than {MAX_DEPTH} parentheses or NOTs"),
            );
        }
        let result = match self.peek() {
            Some(Tok::Not | Tok::Minus) => {
                self.at += 1;
                if !self.starts_operand() {
                    return err(column, "NOT needs something to leave out after it");
                }
                self.unary().map(|q| Query::Not(Box::new(q)))
            }
            _ => self.primary(),
        };
        self.depth -= 1;
        result
    }

    fn primary(&mut self) -> Result<Query, QueryError> {
        let column = self.column();
        let Some(lexed) = self.toks.get(self.at) else {
            return err(column, "the query ends where words were expected");
        };
        let tok = lexed.tok.clone();
        self.at += 1;
        match tok {
            Tok::LParen => {
                if self.peek() == Some(&Tok::RParen) {
                    return err(column, "these parentheses are empty");
                }
                let inner = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return err(
                        column,
                        "this parenthesis is never closed: add a ) after what it groups",
                    );
                }
                self.at += 1;
                Ok(inner)
            }
            Tok::RParen => err(column, "this ) closes no ( before it"),
            Tok::And | Tok::Or | Tok::Near(_) => err(
                column,
                "an operator cannot start here: write words before it (use lower case to search for the word itself)",
            ),
            Tok::Not | Tok::Minus => err(column, "NOT needs something after it"),
            Tok::Word(w) => words_query(&w, column).map(Query::Text),
            Tok::Phrase(p) => words_query(&p, column).map(Query::Text),
            Tok::Regex(pattern, insensitive) => regex_query(&pattern, insensitive, column),
            Tok::Field(name) => self.field(&name, column),
        }
    }

    fn field(&mut self, name: &str, column: usize) -> Result<Query, QueryError> {
        let value_column = self.column();
        let value = match self.toks.get(self.at).map(|t| &t.tok) {
            Some(Tok::Word(w)) => w.clone(),
            Some(Tok::Phrase(p)) => p.clone(),
            _ => {
                return err(
                    value_column,
                    format!(
                        "{name}: needs a value right after the colon, as {name}:word or {name}:\"some words\""
                    ),
                );
            }
        };
        self.at += 1;
        let words = || words_query(&value, value_column);
        match name.to_lowercase().as_str() {
            "headline" => Ok(Query::Field(Field::Headline, words()?)),
            "byline" => Ok(Query::Field(Field::Byline, words()?)),
            "agency" => Ok(Query::Field(Field::Agency, words()?)),
            "place" | "dateline" => Ok(Query::Field(Field::Place, words()?)),
            "source" => Ok(Query::Field(Field::Source, words()?)),
            "note" => Ok(Query::Note(words()?)),
            "entity" => Ok(Query::Entity(value)),
            "tag" => Ok(Query::Tag(value)),
            "published" => time_range(&value, value_column).map(Query::Published),
            "mentions" => time_range(&value, value_column).map(Query::Mentions),
            _ => err(
                column,
                format!(
                    "there is no field \"{name}:\"; the fields are {}",
                    FIELD_NAMES.join(", ")
                ),
            ),
        }
    }
}

fn words_query(text: &str, column: usize) -> Result<Words, QueryError> {
    let (body, prefix) = match text.strip_suffix('*') {
        Some(body) => (body, true),
        None => (text, false),
    };
    let tokens: Vec<String> = fold::tokens(body).into_iter().map(|t| t.2).collect();
    if tokens.is_empty() {
        return err(
            column,
            format!("\"{text}\" has no letters or digits to search for"),
        );
    }
    if prefix && body.ends_with(|c: char| !c.is_alphanumeric()) {
        return err(column, "* must follow the start of a word: negotiat*");
    }
    if body.contains('*') {
        return err(
            column,
            "* works only at the end of a word; for more, use a /regex/",
        );
    }
    Ok(Words { tokens, prefix })
}

fn regex_query(pattern: &str, insensitive: bool, column: usize) -> Result<Query, QueryError> {
    if pattern.is_empty() {
        return err(column, "this regular expression is empty");
    }
    regex::RegexBuilder::new(pattern)
        .case_insensitive(insensitive)
        .size_limit(1 << 22)
        .build()
        .map(Query::Regex)
        .or_else(|e| {
            let detail = e.to_string();
            let last = detail
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .unwrap_or(detail.as_str())
                .trim_start_matches("error: ")
                .to_string();
            err(
                column,
                format!("this regular expression cannot be read: {last}"),
            )
        })
}

/// One end of a range: a TIMEX3-style date ("2009", "2009-11", "2009-11-22", "2009-W47",
/// "2009-Q4") as the stretch of time it covers.
fn time_point(text: &str, column: usize) -> Result<(NaiveDateTime, NaiveDateTime), QueryError> {
    TimePoint::from_timex(text)
        .and_then(|p| p.interval())
        .map_or_else(
            || {
                err(
                    column,
                    format!(
                        "\"{text}\" is not a date: write 2009, 2009-11, 2009-11-22, 2009-W47 or 2009-Q4"
                    ),
                )
            },
            Ok,
        )
}

/// A date or a range of dates: "2009-11-22", "2009-11..2009-12", "2009..", "..1987-03".
pub fn time_range(text: &str, column: usize) -> Result<TimeRange, QueryError> {
    let (start, end) = match text.split_once("..") {
        None => {
            let (start, end) = time_point(text, column)?;
            (start, end)
        }
        Some((a, b)) => {
            if a.is_empty() && b.is_empty() {
                return err(
                    column,
                    "a range needs at least one end: 2009-11.. or ..2009-12",
                );
            }
            let start = if a.is_empty() {
                NaiveDateTime::MIN
            } else {
                time_point(a, column)?.0
            };
            let end = if b.is_empty() {
                NaiveDateTime::MAX
            } else {
                time_point(b, column + a.chars().count() + 2)?.1
            };
            (start, end)
        }
    };
    if end <= start {
        return err(column, format!("the range {text} ends before it starts"));
    }
    Ok(TimeRange { start, end })
}

/// Parses a query.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return err(1, "type something to search for");
    }
    let mut parser = Parser {
        toks,
        at: 0,
        end_column: input.chars().count() + 1,
        depth: 0,
    };
    let query = parser.or()?;
    if parser.at < parser.toks.len() {
        let column = parser.column();
        return match parser.peek() {
            Some(Tok::RParen) => err(column, "this ) closes no ( before it"),
            _ => err(column, "this cannot follow what comes before it"),
        };
    }
    if only_negative(&query) {
        return err(
            1,
            "a query cannot only leave things out: say what to search for, then NOT what to leave out",
        );
    }
    Ok(query)
}

/// The kinds of annotation a query reads: codebook tags, notes, names, decisions on time
/// expressions (so that a search copies only those from the workspace).
pub fn annotation_kinds(query: &Query, out: &mut [bool; 4]) {
    match query {
        Query::Tag(_) => out[0] = true,
        Query::Note(_) => out[1] = true,
        Query::Entity(_) => out[2] = true,
        Query::Mentions(_) => out[3] = true,
        Query::And(parts) | Query::Or(parts) => {
            for p in parts {
                annotation_kinds(p, out);
            }
        }
        Query::Not(inner) => annotation_kinds(inner, out),
        Query::Near(a, b, _) => {
            annotation_kinds(a, out);
            annotation_kinds(b, out);
        }
        _ => {}
    }
}

/// True when the query asks for an entity, so the names of every article are needed.
pub fn uses_entities(query: &Query) -> bool {
    match query {
        Query::Entity(_) => true,
        Query::And(parts) | Query::Or(parts) => parts.iter().any(uses_entities),
        Query::Not(inner) => uses_entities(inner),
        Query::Near(a, b, _) => uses_entities(a) || uses_entities(b),
        _ => false,
    }
}

/// True when a query names nothing to find, only things to leave out ("NOT a", "-a -b").
fn only_negative(query: &Query) -> bool {
    match query {
        Query::Not(_) => true,
        Query::And(parts) => parts.iter().all(only_negative),
        Query::Or(parts) => parts.iter().any(only_negative),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(q: &str) -> QueryError {
        match parse(q) {
            Err(e) => e,
            Ok(parsed) => unreachable!("{q} parsed as {parsed:?}"),
        }
    }

    fn shape(q: &str) -> String {
        fn show(q: &Query) -> String {
            match q {
                Query::Text(w) => {
                    format!("{}{}", w.tokens.join("_"), if w.prefix { "*" } else { "" })
                }
                Query::Regex(r) => format!("/{}/", r.as_str()),
                Query::Field(f, w) => format!("{}:{}", f.name(), w.tokens.join("_")),
                Query::Note(w) => format!("note:{}", w.tokens.join("_")),
                Query::Entity(e) => format!("entity:{e}"),
                Query::Tag(t) => format!("tag:{t}"),
                Query::Published(_) => "published".into(),
                Query::Mentions(_) => "mentions".into(),
                Query::And(p) => {
                    format!("(AND {})", p.iter().map(show).collect::<Vec<_>>().join(" "))
                }
                Query::Or(p) => {
                    format!("(OR {})", p.iter().map(show).collect::<Vec<_>>().join(" "))
                }
                Query::Not(q) => format!("(NOT {})", show(q)),
                Query::Near(a, b, s) => format!(
                    "(NEAR{} {} {})",
                    if *s == Scope::Paragraph { "/p" } else { "" },
                    show(a),
                    show(b)
                ),
            }
        }
        match parse(q) {
            Ok(parsed) => show(&parsed),
            Err(e) => format!("error {e}"),
        }
    }

    #[test]
    fn words_phrases_and_prefixes() {
        assert_eq!(shape("Pyongyang"), "pyongyang");
        assert_eq!(shape("\"Interest  Rates\""), "interest_rates");
        assert_eq!(shape("U.S."), "u_s");
        assert_eq!(shape("negotiat*"), "negotiat*");
        assert_eq!(shape("\"oil pri\"*"), "oil_pri*");
        assert_eq!(shape("Société"), "societe");
    }

    #[test]
    fn operators_and_precedence() {
        assert_eq!(shape("a b"), "(AND a b)");
        assert_eq!(shape("a AND b OR c"), "(OR (AND a b) c)");
        assert_eq!(shape("a (b OR c)"), "(AND a (OR b c))");
        assert_eq!(shape("a -b"), "(AND a (NOT b))");
        assert_eq!(shape("a NOT b"), "(AND a (NOT b))");
        assert_eq!(shape("a NEAR b"), "(NEAR a b)");
        assert_eq!(shape("a NEAR/p b c"), "(AND (NEAR/p a b) c)");
        // Lower-case operators are words.
        assert_eq!(shape("war and peace"), "(AND war and peace)");
        assert_eq!(shape("well-known"), "well_known");
    }

    #[test]
    fn fields_and_ranges() {
        assert_eq!(shape("headline:oil"), "headline:oil");
        assert_eq!(shape("entity:\"Liang Guanglie\""), "entity:Liang Guanglie");
        assert_eq!(shape("tag:Diplomacy"), "tag:Diplomacy");
        assert_eq!(shape("note:check"), "note:check");
        assert_eq!(
            shape("/oil (price|minister)s?/i"),
            "/oil (price|minister)s?/"
        );
        let Ok(Query::Mentions(r)) = parse("mentions:2009-11-22..2009-11-28") else {
            unreachable!()
        };
        assert_eq!(r.start.to_string(), "2009-11-22 00:00:00");
        assert_eq!(r.end.to_string(), "2009-11-29 00:00:00");
        let Ok(Query::Published(r)) = parse("published:2009-11..2009-12") else {
            unreachable!()
        };
        assert_eq!(r.end.to_string(), "2010-01-01 00:00:00");
        assert!(
            matches!(parse("published:1987.."), Ok(Query::Published(r)) if r.end == NaiveDateTime::MAX)
        );
    }

    #[test]
    fn errors_say_where_and_why() {
        let e = error("oil AND (price OR");
        assert_eq!(e.column, 16, "{e}");
        assert!(e.message.contains("OR needs"), "{e}");
        let e = error("(oil price");
        assert_eq!(
            (e.column, e.message.contains("never closed")),
            (1, true),
            "{e}"
        );
        let e = error("oil \"price");
        assert_eq!(e.column, 5, "{e}");
        let e = error("oil)");
        assert_eq!(e.column, 4, "{e}");
        let e = error("colour:red");
        assert!(e.message.contains("no field \"colour:\""), "{e}");
        let e = error("mentions:2009-13");
        assert_eq!(e.column, 10, "{e}");
        assert!(e.message.contains("not a date"), "{e}");
        let e = error("published:2010..2009");
        assert!(e.message.contains("ends before it starts"), "{e}");
        let e = error("/oil(/");
        assert!(
            e.message.contains("regular expression cannot be read"),
            "{e}"
        );
        let e = error("NOT oil");
        assert!(e.message.contains("only leave things out"), "{e}");
        let e = error("AND oil");
        assert_eq!(e.column, 1, "{e}");
        let e = error("tag:");
        assert!(e.message.contains("needs a value"), "{e}");
        let e = error("   ");
        assert!(e.message.contains("type something"), "{e}");
        let e = error("a NEAR NOT b");
        assert!(e.message.contains("NEAR cannot take NOT"), "{e}");
        let e = error("--");
        assert!(e.message.contains("no letters"), "{e}");
        let e = error("neg*tiate");
        assert!(e.message.contains("only at the end"), "{e}");
        let deep = format!("{}oil{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(error(&deep).message.contains("nests deeper"));
        let nots = format!("oil {}gas", "NOT ".repeat(10_000));
        assert!(error(&nots).message.contains("nests deeper"));
    }
}

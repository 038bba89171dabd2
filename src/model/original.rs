//! An article's original text (the file as decoded), kept as its differences from the clean
//! body: most of a wire story's file *is* its body, so storing both whole held every text twice
//! in memory and in the workspace file.
//!
//! The differences are one compact string of operations over the body, read left to right:
//! `=N` copies the next N bytes of the body, `-N` skips N bytes of the body, `+N:` is followed
//! by N bytes of text the body does not have (a headline, a date line, a line break where the
//! body has a space, the markup of a web page). Lengths are in bytes.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Bytes of the body that must agree before the encoder takes two places as the same text.
const SYNC: usize = 12;
/// Characters of the body the encoder may skip to find such a place.
const MAX_SKIP: usize = 24;
/// How far ahead in the original the encoder looks first, then at most.
const NEAR: usize = 512;
const FAR: usize = 1 << 20;

/// The original text of an article as operations over its body (see the module's doc).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OriginalText(Arc<str>);

impl OriginalText {
    /// The original `raw` text kept as its differences from `body`; never larger than `raw`
    /// whole with its length in front.
    pub fn encode(raw: &str, body: &str) -> Self {
        let ops = diff_ops(raw, body);
        if ops.len() <= raw.len() + 16 && apply(&ops, body).as_deref() == Some(raw) {
            Self(ops.into())
        } else {
            Self::whole(raw)
        }
    }

    /// The original text kept whole (when there is no body to take it from).
    pub fn whole(raw: &str) -> Self {
        let mut ops = String::with_capacity(raw.len() + 12);
        push_insert(&mut ops, raw);
        Self(ops.into())
    }

    /// The original text, given the body it was encoded against; `None` when the operations do
    /// not fit that body (a hand-edited file, or a body changed without its original).
    pub fn decode(&self, body: &str) -> Option<String> {
        apply(&self.0, body)
    }

    /// The operations as stored.
    pub fn as_ops(&self) -> &str {
        &self.0
    }

    /// Bytes held for the operations.
    pub fn stored_len(&self) -> usize {
        self.0.len()
    }
}

fn push_insert(ops: &mut String, text: &str) {
    if !text.is_empty() {
        ops.push('+');
        ops.push_str(&text.len().to_string());
        ops.push(':');
        ops.push_str(text);
    }
}

fn push_op(ops: &mut String, op: char, n: usize) {
    if n > 0 {
        ops.push(op);
        ops.push_str(&n.to_string());
    }
}

/// The operations turning `body` into `raw`: common runs copied, and at each difference the
/// nearest place where the two agree again for [`SYNC`] bytes.
fn diff_ops(raw: &str, body: &str) -> String {
    let (r, b) = (raw.as_bytes(), body.as_bytes());
    let mut ops = String::with_capacity(body.len() / 8 + 32);
    let (mut i, mut j) = (0, 0);
    loop {
        let mut k = r[i..]
            .iter()
            .zip(&b[j..])
            .take_while(|(x, y)| x == y)
            .count();
        // Equal bytes of both texts: a boundary in one is a boundary in the other.
        while !raw.is_char_boundary(i + k) {
            k -= 1;
        }
        push_op(&mut ops, '=', k);
        i += k;
        j += k;
        if j == b.len() {
            push_insert(&mut ops, &raw[i..]);
            return ops;
        }
        if i == r.len() {
            push_op(&mut ops, '-', b.len() - j);
            return ops;
        }
        match resync(raw, body, i, j) {
            Some((a, s)) => {
                push_insert(&mut ops, &raw[i..i + a]);
                push_op(&mut ops, '-', s);
                i += a;
                j += s;
            }
            None => {
                push_insert(&mut ops, &raw[i..]);
                push_op(&mut ops, '-', b.len() - j);
                return ops;
            }
        }
    }
}

/// From a difference at `raw[i]`/`body[j]`: how many bytes of the original to insert and of the
/// body to skip before the two agree again, the fewest in all; first looking near, then far.
fn resync(raw: &str, body: &str, i: usize, j: usize) -> Option<(usize, usize)> {
    // Most differences are white space: a line break where the body has a space, an indented
    // paragraph where it has a blank line. Runs of it on both sides followed by the same byte
    // need no search.
    let space = |t: &[u8]| t.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let (a, s) = (space(&raw.as_bytes()[i..]), space(&body.as_bytes()[j..]));
    if (a > 0 || s > 0)
        && raw
            .as_bytes()
            .get(i + a)
            .is_some_and(|x| body.as_bytes().get(j + s) == Some(x))
    {
        return Some((a, s));
    }
    for reach in [NEAR, FAR] {
        let end = (i + reach).min(raw.len());
        let hay = &raw.as_bytes()[i..end];
        let mut best: Option<(usize, usize)> = None;
        for (skipped, (s, _)) in body[j..].char_indices().take(MAX_SKIP).enumerate() {
            if best.is_some_and(|(a, s)| a + s <= skipped) {
                break;
            }
            let from = j + s;
            let mut to = (from + SYNC).min(body.len());
            while !body.is_char_boundary(to) {
                to += 1;
            }
            let needle = &body.as_bytes()[from..to];
            if let Some(a) = memchr::memmem::find(hay, needle)
                && best.is_none_or(|(ba, bs)| a + s < ba + bs)
            {
                best = Some((a, s));
            }
        }
        if best.is_some() {
            return best;
        }
    }
    None
}

/// Applies operations to a body; `None` when they do not fit it.
fn apply(ops: &str, body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len() + ops.len());
    let mut rest = ops;
    let mut j: usize = 0;
    while let Some(&op) = rest.as_bytes().first() {
        if !matches!(op, b'=' | b'-' | b'+') {
            return None;
        }
        rest = &rest[1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n: usize = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        match op {
            b'=' => {
                out.push_str(body.get(j..j.checked_add(n)?)?);
                j += n;
            }
            b'-' => {
                body.get(j..j.checked_add(n)?)?;
                j += n;
            }
            b'+' => {
                rest = rest.strip_prefix(':')?;
                out.push_str(rest.get(..n)?);
                rest = &rest[n..];
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(raw: &str, body: &str) -> OriginalText {
        let encoded = OriginalText::encode(raw, body);
        assert_eq!(encoded.decode(body).as_deref(), Some(raw), "{encoded:?}");
        encoded
    }

    #[test]
    fn a_wire_story_is_kept_as_its_header_and_line_breaks() {
        let raw = "VIACOM BID RAISED\n\n 3-MAR-1987 09:17:32.30\n\nNEW YORK, March 3 - Viacom said\nits board would meet later today to consider\nthe offer.\n    A spokeswoman was unable to say more.\n Reuter\n";
        let body = "Viacom said its board would meet later today to consider the offer.\n\nA spokeswoman was unable to say more.";
        let encoded = round_trip(raw, body);
        assert!(
            encoded.stored_len() < raw.len() - body.len() / 2,
            "{encoded:?}"
        );
    }

    #[test]
    fn texts_with_nothing_in_common_are_kept_whole() {
        let encoded = round_trip("Ωμέγα — ünïcödé\n", "entirely different");
        assert_eq!(encoded.as_ops(), "+27:Ωμέγα — ünïcödé\n-18");
        round_trip("", "a body without its file");
        round_trip("a file without a body", "");
        round_trip("same", "same");
    }

    #[test]
    fn operations_that_do_not_fit_the_body_are_refused() {
        let encoded = OriginalText::encode("head\nbody text here", "body text here");
        assert_eq!(encoded.decode("short"), None);
        for ops in ["=99", "+5:ab", "?1", "=x", "+2x", "-1=999"] {
            let text = OriginalText(ops.into());
            assert_eq!(text.decode("body"), None, "{ops}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_original_comes_back_from_its_body(
            raw in "(\\PC|[\n ]){0,200}",
            cuts in proptest::collection::vec((0usize..200, 0usize..8, "[ a-zé\n]{0,3}"), 0..8),
        ) {
            // A body made from the original as ingest makes one: parts cut, spaces changed.
            let mut body: Vec<char> = raw.chars().collect();
            for (at, len, with) in cuts {
                let at = at.min(body.len());
                let end = (at + len).min(body.len());
                body.splice(at..end, with.chars());
            }
            let body: String = body.into_iter().collect();
            let encoded = OriginalText::encode(&raw, &body);
            proptest::prop_assert_eq!(encoded.decode(&body), Some(raw.clone()));
            proptest::prop_assert!(encoded.stored_len() <= raw.len() + 16 + 2);
        }
    }
}

//! Where each word of a segment stands in its article's body, in about two and a quarter
//! bytes a word instead of five: the gap before each word and its length, one byte each, with
//! the exact start of every [`MARK_EVERY`]th word, and of the few words a byte cannot reach
//! (the first of each article, after a gap or a word of 255 bytes or more). A word's start is
//! found by walking at most [`MARK_EVERY`] words from the mark before it, without reading the
//! text.

/// Words between two marked starts.
pub const MARK_EVERY: usize = 16;
/// A gap or length byte that does not hold the value.
const WIDE: u8 = u8::MAX;

/// The places of a segment's words, in order, article after article.
#[derive(Debug, Default)]
pub struct WordPlaces {
    /// Bytes between the word before and this one; [`WIDE`] when the start is in `far`.
    gaps: Vec<u8>,
    /// Bytes of the word; [`WIDE`] for 255 or more (then measured in the text).
    lens: Vec<u8>,
    /// Start of words 0, MARK_EVERY, 2·MARK_EVERY, …
    marks: Vec<u32>,
    /// (word, start) of the words whose gap is [`WIDE`], in word order.
    far: Vec<(u32, u32)>,
    /// End of the last word pushed, and whether its length fit a byte.
    last_end: Option<u32>,
}

impl WordPlaces {
    /// How many words.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Tells that the next word begins an article (its start is kept whole).
    pub fn begin_article(&mut self) {
        self.last_end = None;
    }

    /// Adds the next word, at bytes `start..end` of its article.
    pub fn push(&mut self, start: u32, end: u32) {
        let word = self.lens.len() as u32;
        if (word as usize).is_multiple_of(MARK_EVERY) {
            self.marks.push(start);
        }
        let gap = self
            .last_end
            .and_then(|e| start.checked_sub(e))
            .filter(|&g| g < u32::from(WIDE));
        match gap {
            Some(g) => self.gaps.push(g as u8),
            None => {
                self.gaps.push(WIDE);
                self.far.push((word, start));
            }
        }
        let len = end.saturating_sub(start);
        if len < u32::from(WIDE) {
            self.lens.push(len as u8);
            self.last_end = Some(end);
        } else {
            self.lens.push(WIDE);
            self.last_end = None;
        }
    }

    /// Gives back the room the pushes left over.
    pub fn shrink_to_fit(&mut self) {
        self.gaps.shrink_to_fit();
        self.lens.shrink_to_fit();
        self.marks.shrink_to_fit();
        self.far.shrink_to_fit();
    }

    /// The start of word `word` (the index given by the pushes).
    pub fn start(&self, word: usize) -> u32 {
        let mark = word / MARK_EVERY * MARK_EVERY;
        let mut at = self.marks[word / MARK_EVERY];
        for w in mark + 1..=word {
            at = match self.gaps[w] {
                WIDE => self.far_start(w),
                gap => at + u32::from(self.lens[w - 1]) + u32::from(gap),
            };
        }
        at
    }

    /// The length of word `word`, `None` when it is 255 bytes or more.
    pub fn len_of(&self, word: usize) -> Option<u32> {
        match self.lens[word] {
            WIDE => None,
            n => Some(u32::from(n)),
        }
    }

    fn far_start(&self, word: usize) -> u32 {
        let word = word as u32;
        let i = self.far.partition_point(|&(w, _)| w < word);
        self.far.get(i).map_or(0, |&(_, start)| start)
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.gaps.len() + self.lens.len() + self.marks.len() * 4 + self.far.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every word's start and length come back as pushed, whatever the gaps and lengths:
        /// small, at the byte's edge, wide, across articles.
        #[test]
        fn every_place_comes_back(
            articles in prop::collection::vec(
                prop::collection::vec((0u32..600, 1u32..600), 0..80),
                1..6,
            )
        ) {
            let mut places = WordPlaces::default();
            let mut expected = Vec::new();
            for words in &articles {
                places.begin_article();
                let mut at = 0u32;
                for &(gap, len) in words {
                    let start = at + gap;
                    places.push(start, start + len);
                    expected.push((start, len));
                    at = start + len;
                }
            }
            prop_assert_eq!(places.len(), expected.len());
            for (w, &(start, len)) in expected.iter().enumerate() {
                prop_assert_eq!(places.start(w), start);
                prop_assert_eq!(places.len_of(w), (len < 255).then_some(len));
            }
        }
    }

    /// Ordinary prose costs under half of the five bytes a word a start and a length byte
    /// would.
    #[test]
    fn prose_costs_under_half_of_five_bytes_a_word() {
        let mut places = WordPlaces::default();
        places.begin_article();
        for k in 0..10_000u32 {
            places.push(k * 7, k * 7 + 5);
        }
        assert!(
            places.heap_bytes() < 10_000 * 5 / 2,
            "{}",
            places.heap_bytes()
        );
        assert_eq!(places.start(9_999), 9_999 * 7);
    }
}

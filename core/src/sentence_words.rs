//! Every content sentence's words, split once per article ([`words::split`]) and shared by
//! attribution and the stance rules, which both read each sentence word by word. Each word
//! carries an id, equal for equal text, so a pass's per-word facts are looked up once per
//! distinct word (words repeat: Zipf) and kept in a table by id; the word index
//! ([`words::index`]) is probed here, once per distinct word, for every pass that reads it.

use crate::structure::{RawBlock, RawSentence};
use crate::text::sub;
use crate::words::{self, WordInfo};
use crate::BlockKind;

/// A word's hash for its id: its length and its first and last eight bytes (the whole of most
/// words), mixed by one multiply.
#[inline]
fn word_hash(w: &[u8]) -> u32 {
    let load = crate::text::le_prefix8;
    let n = w.len();
    let tail = if n > 8 { load(&w[n - 8..]) } else { 0 };
    let x = (load(w) ^ tail.rotate_left(23) ^ (n as u64).rotate_left(59)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x >> 32) as u32
}

/// `slots` rehashed into twice as many.
fn grown(slots: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = vec![(0u32, 0u32); slots.len() * 2];
    let mask = out.len() - 1;
    for &(h, slot) in slots.iter().filter(|s| s.1 != 0) {
        let mut i = h as usize & mask;
        while out[i].1 != 0 {
            i = (i + 1) & mask;
        }
        out[i] = (h, slot);
    }
    out
}

/// The words of an article's content sentences (furniture has none).
pub struct SentenceWords {
    /// Byte ranges of the words, sentence after sentence.
    spans: Vec<(usize, usize)>,
    /// The id of each word of `spans`.
    ids: Vec<u32>,
    /// Per sentence: its range of `spans` and [`words::split`]'s mask of marked words.
    sentences: Vec<(usize, usize, u64)>,
    /// Per id: the byte range of the word's first occurrence.
    first: Vec<(usize, usize)>,
    /// Per id: the word index's answer ([`words::index`]), with [`words::NEGATOR`] and
    /// [`words::CAPITAL`].
    infos: Vec<WordInfo>,
}

/// One sentence's words: byte ranges of the text, their ids, the marked-word mask.
#[derive(Clone, Copy)]
pub(crate) struct Words<'a> {
    pub(crate) spans: &'a [(usize, usize)],
    pub(crate) ids: &'a [u32],
    pub(crate) marked: u64,
}

impl SentenceWords {
    /// Split every content sentence of `text` into words and give each distinct word an id.
    pub fn read(text: &str, blocks: &[RawBlock], sentences: &[RawSentence]) -> SentenceWords {
        let mut sw = SentenceWords {
            spans: Vec::with_capacity(text.len() / 5),
            ids: Vec::with_capacity(text.len() / 5),
            sentences: Vec::with_capacity(sentences.len()),
            first: Vec::new(),
            infos: Vec::new(),
        };
        let idx = words::index();
        let bytes = text.as_bytes();
        // Open addressing over (hash, id + 1), 0 for an empty slot; a word is compared with
        // the first occurrence of its id on a hash match. Kept under half full.
        let mut slots: Vec<(u32, u32)> = vec![(0, 0); 1024];
        let mut ws = Vec::new();
        for s in sentences {
            let w0 = sw.spans.len();
            if blocks.get(s.block).map_or(BlockKind::Furniture, |b| b.kind) == BlockKind::Furniture {
                sw.sentences.push((w0, w0, 0));
                continue;
            }
            let marked = words::split(text, s.start, s.end, &mut ws);
            for &(a, b) in &ws {
                let w = &bytes[a..b];
                let h = word_hash(w);
                let mask = slots.len() - 1;
                let mut i = h as usize & mask;
                let id = loop {
                    let (sh, slot) = slots[i];
                    if slot == 0 {
                        let id = sw.first.len() as u32;
                        sw.first.push((a, b));
                        let word = sub(text, a, b);
                        let mut info = idx.get(word).unwrap_or_default();
                        if words::negator(word) {
                            info.flags |= words::NEGATOR;
                        }
                        if words::capitalised(word) {
                            info.flags |= words::CAPITAL;
                        }
                        sw.infos.push(info);
                        slots[i] = (h, id + 1);
                        if sw.first.len() * 2 > slots.len() {
                            slots = grown(&slots);
                        }
                        break id;
                    }
                    if sh == h {
                        let (fa, fb) = sw.first[slot as usize - 1];
                        // Most words are at most eight bytes: compared as one load each
                        // (`le_prefix8` holds every byte of them), not by a `memcmp` call.
                        let f = &bytes[fa..fb];
                        let same = f.len() == w.len()
                            && if w.len() <= 8 { crate::text::le_prefix8(f) == crate::text::le_prefix8(w) } else { f == w };
                        if same {
                            break slot - 1;
                        }
                    }
                    i = (i + 1) & mask;
                };
                sw.ids.push(id);
            }
            sw.spans.extend_from_slice(&ws);
            sw.sentences.push((w0, sw.spans.len(), marked));
        }
        sw
    }

    /// Sentence `si`'s words (none for furniture or a sentence out of range).
    pub(crate) fn of(&self, si: usize) -> Words<'_> {
        let (a, b, marked) = self.sentences.get(si).copied().unwrap_or_default();
        Words {
            spans: &self.spans[a..b],
            ids: &self.ids[a..b],
            marked,
        }
    }

    /// How many distinct words: ids run from 0 to this.
    pub(crate) fn distinct(&self) -> usize {
        self.first.len()
    }

    /// The text of word `id`.
    pub(crate) fn word<'t>(&self, text: &'t str, id: u32) -> &'t str {
        let (a, b) = self.first[id as usize];
        sub(text, a, b)
    }

    /// The word index's answer for word `id`.
    pub(crate) fn info(&self, id: u32) -> WordInfo {
        self.infos[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure;

    #[test]
    fn equal_words_share_an_id_across_sentences() {
        let t = "A title of the article\n\nThe board said no on Monday after the vote. The Board’s chair said yes to it.";
        let blocks = structure::blocks(t);
        let sentences = structure::sentences(t, &blocks);
        let sw = SentenceWords::read(t, &blocks, &sentences);
        let read: Vec<Words> = (0..sentences.len()).map(|si| sw.of(si)).filter(|w| !w.spans.is_empty()).collect();
        assert_eq!(read.len(), 3, "the title and two sentences");
        let (a, b) = (read[1], read[2]);
        let text = |w: Words, k: usize| &t[w.spans[k].0..w.spans[k].1];
        assert_eq!((text(a, 0), text(b, 0)), ("The", "The"));
        assert_eq!(a.ids[0], b.ids[0], "the same word, the same id");
        assert_eq!(a.ids[2], b.ids[3], "said");
        assert_ne!(a.ids[1], b.ids[1], "board is not Board’s");
        assert_eq!(b.marked, 0b10, "Board’s joins runs with a mark");
        assert_eq!(sw.word(t, b.ids[1]), "Board’s");
        assert!(sw.info(a.ids[2]).reporting());
        assert!(sw.distinct() < sw.spans.len(), "repeats share ids");
        assert!(sw.of(sentences.len()).spans.is_empty());
    }

    #[test]
    fn ids_are_equal_exactly_for_equal_words_past_the_table_growing() {
        // Thousands of distinct words (the table grows several times), long ones sharing their
        // first and last eight bytes, each written twice.
        let mut t = String::from("A title\n\n");
        for k in 0..3000 {
            t.push_str(&format!("w{k} internationalisation{k}abcdefgh w{k} internationalisation{k}abcdefgh. "));
        }
        let blocks = structure::blocks(&t);
        let sentences = structure::sentences(&t, &blocks);
        let sw = SentenceWords::read(&t, &blocks, &sentences);
        let mut by_text = std::collections::HashMap::new();
        for si in 0..sentences.len() {
            let w = sw.of(si);
            for (&(a, b), &id) in w.spans.iter().zip(w.ids) {
                assert_eq!(*by_text.entry(&t[a..b]).or_insert(id), id, "{}", &t[a..b]);
                assert_eq!(sw.word(&t, id), &t[a..b]);
            }
        }
        assert_eq!(sw.distinct(), by_text.len());
        assert_eq!(sw.distinct(), 2 + 6000, "A, title and two words per k");
    }
}

//! An article's [`Analysis`] as the analysis worker sends it to the page (`analysis-worker/`,
//! `src/analysis_client.rs`): compact bytes, posted as a transferred `ArrayBuffer`, so that
//! receiving a long article's analysis on the page's main thread is a copy and one linear read —
//! no JSON to parse, no string per offset.
//!
//! Version 1, every number little-endian:
//! ```text
//! "ANLY"  magic, u8 version (1)
//! str     text          (str = u32 byte length, then UTF-8)
//! str     title
//! u32     blocks,    each: u32 start, u32 end, u8 kind (0 title, 1 heading, 2 paragraph, 3 furniture)
//! u32     sentences, each: u32 start, u32 end, u32 block, u8 flags (1 content, 2 claim),
//!                          u8 claim kind (0 none, 1 attributed, 2 factual),
//!                          opt speaker, u8 suggestion (0 none, else 1 + label: 0 official,
//!                          1 criticism, 2 speculation) then f32 confidence, u32 cues, str per
//!                          cue, opt reason
//! u32     entities,  each: u32 start, u32 end, u8 kind (0 person, 1 organization, 2 place,
//!                          3 group), u32 canonical (an index into the names below)
//! u32     names,     each: str                      (each canonical name once)
//! ```
//! `opt` is a u8 0 (none) or 1 followed by a str. Offsets are code points, as in [`Analysis`].
//! The reader checks every length and index against what is there: damaged bytes are refused
//! with a message, never read wrong, never a panic.

use std::collections::HashMap;

use crate::{Analysis, Block, BlockKind, ClaimKind, Entity, EntityKind, Label, Sentence, Suggestion};

const MAGIC: &[u8; 4] = b"ANLY";
pub const ANALYSIS_MESSAGE_VERSION: u8 = 1;

const BLOCK_KINDS: [BlockKind; 4] = [BlockKind::Title, BlockKind::Heading, BlockKind::Paragraph, BlockKind::Furniture];
const ENTITY_KINDS: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Group];
const LABELS: [Label; 3] = [Label::Official, Label::Criticism, Label::Speculation];
const CONTENT: u8 = 1;
const CLAIM: u8 = 2;

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u8 {
    all.iter().position(|y| y == x).unwrap_or(0) as u8
}

struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    fn u32(&mut self, x: usize) {
        // Offsets and counts of an article that fits in a browser's memory fit in 32 bits.
        self.0.extend_from_slice(&(x.min(u32::MAX as usize) as u32).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
}

/// The bytes the worker posts for `a`.
pub fn encode(a: &Analysis) -> Vec<u8> {
    let mut o = Out(Vec::with_capacity(a.text.len() + 16 * (a.blocks.len() + a.sentences.len() + a.entities.len()) + 64));
    o.0.extend_from_slice(MAGIC);
    o.u8(ANALYSIS_MESSAGE_VERSION);
    o.str(&a.text);
    o.str(&a.title);
    o.u32(a.blocks.len());
    for b in &a.blocks {
        o.u32(b.start);
        o.u32(b.end);
        o.u8(index_of(&BLOCK_KINDS, &b.kind));
    }
    o.u32(a.sentences.len());
    for s in &a.sentences {
        o.u32(s.start);
        o.u32(s.end);
        o.u32(s.block);
        o.u8(if s.content { CONTENT } else { 0 } | if s.claim { CLAIM } else { 0 });
        o.u8(match s.claim_kind {
            None => 0,
            Some(ClaimKind::Attributed) => 1,
            Some(ClaimKind::Factual) => 2,
        });
        o.opt(s.speaker.as_deref());
        match &s.suggestion {
            None => o.u8(0),
            Some(g) => {
                o.u8(1 + index_of(&LABELS, &g.label));
                o.0.extend_from_slice(&g.confidence.to_le_bytes());
                o.u32(g.cues.len());
                for c in &g.cues {
                    o.str(c);
                }
                o.opt(g.reason.as_deref());
            }
        }
    }
    // Each canonical name once: an article mentions the same few names over and over.
    let mut names: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    o.u32(a.entities.len());
    for e in &a.entities {
        let i = *index.entry(&e.canonical).or_insert_with(|| {
            names.push(&e.canonical);
            names.len() - 1
        });
        o.u32(e.start);
        o.u32(e.end);
        o.u8(index_of(&ENTITY_KINDS, &e.kind));
        o.u32(i);
    }
    o.u32(names.len());
    for n in names {
        o.str(n);
    }
    o.0
}

const DAMAGED: &str = "The analysis arrived damaged";

struct In<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or_else(|| format!("{DAMAGED} (cut off)."))?;
        let out = &self.b[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<usize, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn f32(&mut self) -> Result<f32, String> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.u32()?;
        let b = self.take(n)?;
        std::str::from_utf8(b).map(str::to_owned).map_err(|_| format!("{DAMAGED} (text that is not UTF-8)."))
    }
    fn opt(&mut self) -> Result<Option<String>, String> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }
    /// A count of items at least `min_bytes` long each, checked against what is left, so a
    /// damaged count cannot make the reader reserve gigabytes.
    fn count(&mut self, min_bytes: usize) -> Result<usize, String> {
        let n = self.u32()?;
        if n.saturating_mul(min_bytes) > self.b.len() - self.at {
            return Err(format!("{DAMAGED} (a count past its end)."));
        }
        Ok(n)
    }
    fn kind<T: Copy>(&mut self, all: &[T]) -> Result<T, String> {
        let i = self.u8()? as usize;
        all.get(i).copied().ok_or_else(|| format!("{DAMAGED} (an unknown kind)."))
    }
}

/// Read what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<Analysis, String> {
    let mut d = Decoding::new(bytes.to_vec());
    loop {
        if let Some(a) = d.step(usize::MAX)? {
            return Ok(a);
        }
    }
}

/// Where a [`Decoding`] is: the part it reads next.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Head,
    Blocks,
    Sentences,
    Entities,
    Names,
    /// The entities' names looked up, once all are read.
    Link,
}

/// [`decode`] a slice at a time: each [`Decoding::step`] reads a bounded number of items, so the
/// page can read a long article's analysis in short tasks and draw or take keys between them
/// (src/analysis_client.rs).
pub struct Decoding {
    bytes: Vec<u8>,
    at: usize,
    part: Part,
    /// Items of the current part still to read.
    left: usize,
    text: String,
    title: String,
    blocks: Vec<Block>,
    sentences: Vec<Sentence>,
    raw: Vec<(usize, usize, EntityKind, usize)>,
    names: Vec<String>,
    entities: Vec<Entity>,
}

impl Decoding {
    pub fn new(bytes: Vec<u8>) -> Self {
        Decoding {
            bytes,
            at: 0,
            part: Part::Head,
            left: 0,
            text: String::new(),
            title: String::new(),
            blocks: Vec::new(),
            sentences: Vec::new(),
            raw: Vec::new(),
            names: Vec::new(),
            entities: Vec::new(),
        }
    }

    /// Read up to about `items` more items (blocks, sentences, entities, names); the analysis once
    /// everything is read, `None` while there is more. An error ends the decoding.
    pub fn step(&mut self, items: usize) -> Result<Option<Analysis>, String> {
        let mut r = In { b: &self.bytes, at: self.at };
        let mut budget = items.max(1);
        while budget > 0 {
            if self.part != Part::Head && self.part != Part::Link && self.left == 0 {
                // The next part's count, or the end.
                self.part = match self.part {
                    Part::Blocks => Part::Sentences,
                    Part::Sentences => Part::Entities,
                    Part::Entities => Part::Names,
                    _ => Part::Link,
                };
                self.left = match self.part {
                    Part::Sentences => r.count(15)?,
                    Part::Entities => r.count(13)?,
                    Part::Names => r.count(4)?,
                    _ => self.raw.len(),
                };
                match self.part {
                    Part::Sentences => self.sentences.reserve(self.left),
                    Part::Entities => self.raw.reserve(self.left),
                    Part::Names => self.names.reserve(self.left),
                    _ => self.entities.reserve(self.left),
                }
                continue;
            }
            match self.part {
                Part::Head => {
                    if r.take(4)? != MAGIC {
                        return Err(format!("{DAMAGED} (not an analysis)."));
                    }
                    let v = r.u8()?;
                    if v != ANALYSIS_MESSAGE_VERSION {
                        return Err(format!("The analysis came in version {v}, which this page does not read (reload the page)."));
                    }
                    self.text = r.str()?;
                    self.title = r.str()?;
                    self.part = Part::Blocks;
                    self.left = r.count(9)?;
                    self.blocks.reserve(self.left);
                    continue;
                }
                Part::Blocks => self.blocks.push(Block { start: r.u32()?, end: r.u32()?, kind: r.kind(&BLOCK_KINDS)? }),
                Part::Sentences => self.sentences.push(sentence(&mut r, self.blocks.len())?),
                Part::Entities => self.raw.push((r.u32()?, r.u32()?, r.kind(&ENTITY_KINDS)?, r.u32()?)),
                Part::Names => self.names.push(r.str()?),
                Part::Link => {
                    if self.left == 0 {
                        if r.at != self.bytes.len() {
                            return Err(format!("{DAMAGED} (bytes after its end)."));
                        }
                        let entities = std::mem::take(&mut self.entities);
                        return Ok(Some(Analysis {
                            text: std::mem::take(&mut self.text),
                            title: std::mem::take(&mut self.title),
                            blocks: std::mem::take(&mut self.blocks),
                            sentences: std::mem::take(&mut self.sentences),
                            entities,
                        }));
                    }
                    let (start, end, kind, i) = self.raw[self.raw.len() - self.left];
                    let canonical = self.names.get(i).cloned().ok_or_else(|| format!("{DAMAGED} (a name past the list)."))?;
                    self.entities.push(Entity { start, end, kind, canonical });
                }
            }
            self.left -= 1;
            budget -= 1;
        }
        self.at = r.at;
        Ok(None)
    }
}

/// One sentence; `blocks`, how many blocks there are.
fn sentence(r: &mut In, blocks: usize) -> Result<Sentence, String> {
    let (start, end, block, flags) = (r.u32()?, r.u32()?, r.u32()?, r.u8()?);
    let claim_kind = match r.u8()? {
        0 => None,
        1 => Some(ClaimKind::Attributed),
        2 => Some(ClaimKind::Factual),
        _ => return Err(format!("{DAMAGED} (an unknown kind).")),
    };
    let speaker = r.opt()?;
    let suggestion = match r.u8()? {
        0 => None,
        l => {
            let label = *LABELS.get(l as usize - 1).ok_or_else(|| format!("{DAMAGED} (an unknown label)."))?;
            let confidence = r.f32()?;
            let n = r.count(4)?;
            let cues = (0..n).map(|_| r.str()).collect::<Result<_, _>>()?;
            Some(Suggestion { label, confidence, cues, reason: r.opt()? })
        }
    };
    if block >= blocks {
        return Err(format!("{DAMAGED} (a sentence outside the blocks)."));
    }
    Ok(Sentence { start, end, block, content: flags & CONTENT != 0, claim: flags & CLAIM != 0, claim_kind, speaker, suggestion })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Analysis {
        Analysis {
            text: "Títle\n\n“We object,” said Ana Ruiz. Ruiz left.".into(),
            title: "Títle".into(),
            blocks: vec![Block { start: 0, end: 5, kind: BlockKind::Title }, Block { start: 7, end: 45, kind: BlockKind::Paragraph }],
            sentences: vec![
                Sentence {
                    start: 7,
                    end: 34,
                    block: 1,
                    content: true,
                    claim: true,
                    claim_kind: Some(ClaimKind::Attributed),
                    speaker: Some("Ana Ruiz".into()),
                    suggestion: Some(Suggestion { label: Label::Criticism, confidence: 0.75, cues: vec!["object".into()], reason: None }),
                },
                Sentence {
                    start: 35,
                    end: 45,
                    block: 1,
                    content: true,
                    claim: false,
                    claim_kind: None,
                    speaker: None,
                    suggestion: Some(Suggestion { label: Label::Speculation, confidence: 0.5, cues: vec![], reason: Some("continues".into()) }),
                },
            ],
            entities: vec![
                Entity { start: 25, end: 33, kind: EntityKind::Person, canonical: "Ana Ruiz".into() },
                Entity { start: 35, end: 39, kind: EntityKind::Person, canonical: "Ana Ruiz".into() },
                Entity { start: 0, end: 1, kind: EntityKind::Group, canonical: "T".into() },
            ],
        }
    }

    #[test]
    fn an_analysis_comes_back_as_it_was_sent() {
        let a = sample();
        assert_eq!(decode(&encode(&a)), Ok(a));
        let empty = Analysis { text: String::new(), title: String::new(), blocks: vec![], sentences: vec![], entities: vec![] };
        assert_eq!(decode(&encode(&empty)), Ok(empty));
    }

    #[test]
    fn a_seed_article_s_analysis_comes_back_whole() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds/001_f568121c8c4498b2.txt")).unwrap();
        let a = crate::analyze(&text);
        assert!(!a.entities.is_empty() && a.sentences.iter().any(|s| s.suggestion.is_some()));
        assert_eq!(decode(&encode(&a)), Ok(a));
    }

    #[test]
    fn read_a_few_items_at_a_time_it_comes_back_the_same() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds/001_f568121c8c4498b2.txt")).unwrap();
        let a = crate::analyze(&text);
        let bytes = encode(&a);
        for items in [1, 7, 1000] {
            let mut d = Decoding::new(bytes.clone());
            let mut steps = 1;
            let read = loop {
                match d.step(items).unwrap() {
                    Some(read) => break read,
                    None => steps += 1,
                }
            };
            assert_eq!(read, a);
            // Bounded steps: about one per `items` items, plus one per part.
            let all = a.blocks.len() + a.sentences.len() + 2 * a.entities.len() + 64;
            assert!(steps <= all / items + 8, "{items} per step: {steps} steps");
        }
        // A cut is refused step by step too.
        let mut d = Decoding::new(bytes[..bytes.len() - 1].to_vec());
        assert!(std::iter::repeat_with(|| d.step(5)).find(|r| !matches!(r, Ok(None))).unwrap().is_err());
    }

    #[test]
    fn damaged_bytes_are_refused_never_misread() {
        let bytes = encode(&sample());
        // Every cut and every changed byte is either refused or read as some analysis, and
        // never panics; cuts and trailing bytes are always refused.
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "cut at {n}");
            for x in [0u8, 0x7f, 0xff] {
                let mut b = bytes.clone();
                b[n] = x;
                let _ = decode(&b);
            }
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
        let mut newer = bytes;
        newer[4] = 2;
        assert!(decode(&newer).unwrap_err().contains("version 2"));
    }
}

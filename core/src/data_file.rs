//! The analysis' data files (`core/data/*.bin`, the entity model's own format apart): one
//! container the app fetches beside the wasm, the CLI compiles in (feature `embedded-weights`),
//! and the trainers write. The one place that reads and writes it.
//!
//! ```text
//! "ANDF"   magic
//! u8       format version (1)
//! sections until the end, each:
//!   u8       name length, then the name (ASCII)
//!   u8       kind: 0 = numbers, 1 = words
//!   u8       columns: numbers per row
//!   u32 LE   rows
//!   numbers: rows × columns f32 LE
//!   words:   per row, u8 length and the word (UTF-8), then its columns' f32 LE
//! ```
//! Little-endian whatever the machine; a reader asks for each section by name, kind and
//! columns, so a file made for another build is refused with its reason, never misread.

const MAGIC: &[u8; 4] = b"ANDF";
const FORMAT: u8 = 1;
const NUMBERS: u8 = 0;
const WORDS: u8 = 1;

/// Builds a data file section by section.
pub struct Writer {
    out: Vec<u8>,
}

impl Default for Writer {
    fn default() -> Self {
        let mut out = MAGIC.to_vec();
        out.push(FORMAT);
        Writer { out }
    }
}

impl Writer {
    fn header(&mut self, name: &str, kind: u8, cols: usize, rows: usize) {
        assert!(name.len() < 256 && cols < 256, "data file: section {name} too wide");
        self.out.push(name.len() as u8);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&[kind, cols as u8]);
        self.out.extend_from_slice(&(rows as u32).to_le_bytes());
    }

    /// A section of plain numbers, one row.
    pub fn numbers(mut self, name: &str, xs: &[f32]) -> Self {
        self.header(name, NUMBERS, xs.len(), 1);
        for x in xs {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
        self
    }

    /// A section of words, each with `C` numbers.
    pub fn words<const C: usize>(mut self, name: &str, rows: &[(&str, [f32; C])]) -> Self {
        self.header(name, WORDS, C, rows.len());
        for (w, xs) in rows {
            assert!(w.len() < 256, "data file: word {w:?} too long");
            self.out.push(w.len() as u8);
            self.out.extend_from_slice(w.as_bytes());
            for x in xs {
                self.out.extend_from_slice(&x.to_le_bytes());
            }
        }
        self
    }

    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// A parsed data file: its sections, borrowed from the bytes.
pub struct DataFile<'a> {
    /// What the file holds, for messages ("attribution weights").
    what: &'static str,
    sections: Vec<Section<'a>>,
}

struct Section<'a> {
    name: &'a str,
    kind: u8,
    cols: usize,
    rows: usize,
    body: &'a [u8],
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| format!("{}: truncated at byte {}", self.what, self.at))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn f32(&mut self) -> Result<f32, String> {
        let x = f32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default());
        if x.is_finite() {
            Ok(x)
        } else {
            Err(format!("{}: a number that is not finite at byte {}", self.what, self.at - 4))
        }
    }
    fn word(&mut self) -> Result<&'a str, String> {
        let n = usize::from(self.u8()?);
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| format!("{}: a word that is not UTF-8 at byte {}", self.what, self.at - n))
    }
}

impl<'a> DataFile<'a> {
    /// Read the sections of `bytes`; `what` names the file in every error.
    pub fn parse(bytes: &'a [u8], what: &'static str) -> Result<DataFile<'a>, String> {
        let mut r = Reader { b: bytes, at: 0, what };
        if r.take(4)? != MAGIC {
            return Err(format!("{what}: not a data file (bad magic)"));
        }
        let format = r.u8()?;
        if format != FORMAT {
            return Err(format!("{what}: format {format}, expected {FORMAT}"));
        }
        let mut sections = Vec::new();
        while r.at < bytes.len() {
            let name = r.word()?;
            let (kind, cols) = (r.u8()?, usize::from(r.u8()?));
            let rows = u32::from_le_bytes(r.take(4)?.try_into().unwrap_or_default()) as usize;
            let start = r.at;
            match kind {
                NUMBERS => {
                    r.take(rows.saturating_mul(cols).saturating_mul(4))?;
                }
                WORDS => {
                    for _ in 0..rows {
                        r.word()?;
                        r.take(cols * 4)?;
                    }
                }
                _ => return Err(format!("{what}: section {name} of unknown kind {kind}")),
            }
            sections.push(Section { name, kind, cols, rows, body: &bytes[start..r.at] });
        }
        Ok(DataFile { what, sections })
    }

    fn section(&self, name: &str, kind: u8, cols: usize) -> Result<&Section<'a>, String> {
        let s = self
            .sections
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| format!("{}: no section {name}", self.what))?;
        if s.kind != kind || s.cols != cols {
            return Err(format!(
                "{}: section {name} has {} columns of kind {}, this build reads {cols} of kind {kind}; rebuild the file",
                self.what, s.cols, s.kind
            ));
        }
        Ok(s)
    }

    /// The numbers of section `name`, exactly `N` of them.
    pub fn numbers<const N: usize>(&self, name: &str) -> Result<[f32; N], String> {
        let s = self.section(name, NUMBERS, N)?;
        if s.rows != 1 {
            return Err(format!("{}: section {name} has {} rows, expected 1", self.what, s.rows));
        }
        let mut r = Reader { b: s.body, at: 0, what: self.what };
        let mut out = [0.0; N];
        for x in &mut out {
            *x = r.f32()?;
        }
        Ok(out)
    }

    /// The words of section `name` with their `C` numbers each, in file order.
    pub fn words<const C: usize>(&self, name: &str) -> Result<Vec<(&'a str, [f32; C])>, String> {
        let s = self.section(name, WORDS, C)?;
        let mut r = Reader { b: s.body, at: 0, what: self.what };
        let mut out = Vec::with_capacity(s.rows);
        for _ in 0..s.rows {
            let w = r.word()?;
            let mut xs = [0.0; C];
            for x in &mut xs {
                *x = r.f32()?;
            }
            out.push((w, xs));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        Writer::default()
            .numbers("bias", &[1.5, -2.25])
            .words("words", &[("a", [0.5, 0.0]), ("naïve", [-1.0, 3.0])])
            .finish()
    }

    #[test]
    fn round_trip() {
        let b = sample();
        let f = DataFile::parse(&b, "test data").unwrap();
        assert_eq!(f.numbers::<2>("bias").unwrap(), [1.5, -2.25]);
        assert_eq!(f.words::<2>("words").unwrap(), vec![("a", [0.5, 0.0]), ("naïve", [-1.0, 3.0])]);
    }

    #[test]
    fn every_cut_and_every_mismatch_is_refused_with_a_reason() {
        let b = sample();
        for cut in 0..b.len() {
            // A cut at a section boundary leaves a valid file with fewer sections.
            match DataFile::parse(&b[..cut], "test data") {
                Err(e) => assert!(e.starts_with("test data: "), "{e}"),
                Ok(f) => assert!(f.words::<2>("words").is_err()),
            }
        }
        let f = DataFile::parse(&b, "test data").unwrap();
        assert!(f.numbers::<3>("bias").unwrap_err().contains("rebuild the file"));
        assert!(f.numbers::<2>("words").is_err());
        assert!(f.words::<2>("nothing").unwrap_err().contains("no section nothing"));
        assert!(DataFile::parse(b"NERW\x01", "test data").err().unwrap().contains("bad magic"));
        let mut nan = Writer::default().numbers("x", &[f32::NAN]).finish();
        assert!(DataFile::parse(&nan, "t").unwrap().numbers::<1>("x").is_err());
        nan[4] = 9;
        assert!(DataFile::parse(&nan, "t").err().unwrap().contains("format 9"));
    }
}

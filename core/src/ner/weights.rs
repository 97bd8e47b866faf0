//! The weights file (`core/data/entities.bin`): the one place that reads and writes it.
//!
//! ```text
//! "NERW"  magic
//! u8      format version (2)
//! u8      feature-set version (features::VERSION): weights are hashes of those templates
//! u8      bits per weight (8 or 16)
//! u8      number of tags (17)
//! f32 LE  scale: a weight is its integer times this
//! u32 LE  number of features n
//! (tags+1)·tags  f32 LE  transition weights (from each tag, then from the start), unscaled
//! n       varint  feature hashes, ascending, each as the difference from the previous
//! n rows  a bitmask of the tags with a non-zero weight (3 bytes, LE), then those weights
//!         (i8, or i16 LE), in tag order
//! ...     word clusters (format in `clusters`; no leaves when none were trained with)
//! ```
//! Rows are sparse because pruning leaves most of a feature's tags at zero; the file is
//! little-endian whatever the machine.

use super::clusters::Clusters;
use super::features;
use super::tags::NT;
use super::varint;

const MAGIC: &[u8; 4] = b"NERW";
const FORMAT: u8 = 2;

/// Weights in integer form, as stored.
pub struct Quantised {
    pub scale: f32,
    pub bits: u8,
    pub tr: Vec<f32>,
    /// Ascending feature hashes.
    pub keys: Vec<u32>,
    /// `NT` weights per key.
    pub w: Vec<i16>,
    /// The word clusters the features read.
    pub clusters: Clusters,
}

pub fn encode(q: &Quantised) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[FORMAT, features::VERSION, q.bits, NT as u8]);
    out.extend_from_slice(&q.scale.to_le_bytes());
    out.extend_from_slice(&(q.keys.len() as u32).to_le_bytes());
    for t in &q.tr {
        out.extend_from_slice(&t.to_le_bytes());
    }
    let mut prev = 0u32;
    for &k in &q.keys {
        varint::put(&mut out, k - prev);
        prev = k;
    }
    for row in q.w.chunks(NT) {
        let mut mask = 0u32;
        for (t, &x) in row.iter().enumerate() {
            if x != 0 {
                mask |= 1 << t;
            }
        }
        out.extend_from_slice(&mask.to_le_bytes()[..3]);
        for &x in row.iter().filter(|&&x| x != 0) {
            if q.bits == 8 {
                out.push(x as i8 as u8);
            } else {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
    }
    q.clusters.encode(&mut out);
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| format!("entity weights: truncated at byte {}", self.at))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
}

pub fn decode(bytes: &[u8]) -> Result<Quantised, String> {
    let mut r = Reader { b: bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err("entity weights: not a weights file (bad magic)".into());
    }
    let (format, version, bits, nt) = (r.u8()?, r.u8()?, r.u8()?, r.u8()?);
    if format != FORMAT {
        return Err(format!("entity weights: format {format}, expected {FORMAT}"));
    }
    if version != features::VERSION {
        return Err(format!(
            "entity weights: made for feature set {version}, this build has {}; retrain",
            features::VERSION
        ));
    }
    if usize::from(nt) != NT || !(bits == 8 || bits == 16) {
        return Err(format!("entity weights: {nt} tags, {bits} bits: unsupported"));
    }
    let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
    let n = u32::from_le_bytes(r.take(4)?.try_into().unwrap()) as usize;
    if !scale.is_finite() || n > bytes.len() {
        return Err("entity weights: corrupt header".into());
    }
    let mut tr = Vec::with_capacity((NT + 1) * NT);
    for _ in 0..(NT + 1) * NT {
        let t = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        if !t.is_finite() {
            return Err("entity weights: corrupt transitions".into());
        }
        tr.push(t);
    }
    let mut keys = Vec::with_capacity(n);
    let mut prev = 0u32;
    for _ in 0..n {
        let d = varint::read(r.b, &mut r.at).map_err(|e| format!("entity weights: {e}"))?;
        prev = prev
            .checked_add(d)
            .filter(|&k| k != 0 && (keys.is_empty() || d != 0))
            .ok_or("entity weights: keys not ascending")?;
        keys.push(prev);
    }
    let mut w = vec![0i16; n * NT];
    // Tens of thousands of rows, read on every start: a row's values are taken at once and
    // placed by the mask's set bits (bits past `NT` are ignored, as no value follows them).
    let width = usize::from(bits / 8);
    for row in w.chunks_mut(NT) {
        let m = r.take(3)?;
        let mut mask = (u32::from(m[0]) | u32::from(m[1]) << 8 | u32::from(m[2]) << 16) & ((1 << NT) - 1);
        let values = r.take(mask.count_ones() as usize * width)?;
        for v in values.chunks_exact(width) {
            let t = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            row[t] = if width == 1 { i16::from(v[0] as i8) } else { i16::from_le_bytes([v[0], v[1]]) };
        }
    }
    let clusters = Clusters::decode(bytes, &mut r.at).map_err(|e| format!("entity weights: {e}"))?;
    if r.at != bytes.len() {
        return Err("entity weights: trailing bytes".into());
    }
    Ok(Quantised { scale, bits, tr, keys, w, clusters })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_corruption() {
        let mut w = vec![0i16; 3 * NT];
        w[1] = -5;
        w[NT + 16] = 127;
        w[2 * NT] = -128;
        for bits in [8, 16] {
            let q = Quantised {
                scale: 0.25,
                bits,
                tr: (0..(NT + 1) * NT).map(|i| i as f32 - 100.5).collect(),
                keys: vec![3, 1000, 4_000_000_000],
                w: w.clone(),
                clusters: Clusters::new(vec![0b10, 0b11], [(9, 1), (12, 0)]).unwrap(),
            };
            let b = encode(&q);
            let d = decode(&b).unwrap();
            assert_eq!((d.keys, d.w, d.tr, d.scale, d.clusters), (q.keys, q.w, q.tr, q.scale, q.clusters));
            for cut in 0..b.len() {
                assert!(decode(&b[..cut]).is_err());
            }
        }
    }
}

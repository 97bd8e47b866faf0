//! Word clusters from unlabelled text (`annotate train-clusters`; docs/entities.md, "Clusters"):
//! which cluster a word belongs to and the cluster's path in the binary merge tree, so that
//! words that occur in like contexts share features even when one of them was never seen in
//! the labelled data (Brown et al. 1992; as features: Miller et al. 2004, Ratinov & Roth 2009).
//!
//! Shipped as a section of the weights file ([`super::weights`]), keyed by the upper 32 bits of
//! [`super::features::lower_hash`]: no word list, only hashes, leaf numbers and paths.
//!
//! ```text
//! varint  number of leaves L
//! L ×     varint  path (the root is 1, each step down appends a bit: a depth-d path is
//!                 d bits under a leading 1; cut at depth 30)
//!         varint  number of words k
//!         k × varint  word keys, ascending, each as the difference from the previous (from 0)
//! ```

use super::varint;
use crate::lexicon::FnvMap;

/// Deepest path kept (the leading 1 and 30 bits fit a `u32`).
pub const MAX_DEPTH: u32 = 30;

/// Path prefixes used as features: the lengths of Ratinov & Roth (2009).
pub const PREFIXES: [u32; 4] = [4, 6, 10, 20];

/// Word clusters: each word's leaf, and each leaf's path.
#[derive(Clone, Default, Debug, PartialEq)]
pub struct Clusters {
    /// Word key ([`key`]) → leaf index.
    words: FnvMap<u32, u32>,
    /// Per leaf, its path ([`MAX_DEPTH`] at most).
    paths: Vec<u32>,
}

/// The key a word's [`super::features::lower_hash`] is stored under.
#[inline]
pub fn key(lower_hash: u64) -> u32 {
    (lower_hash >> 32) as u32
}

/// A path's depth (the root's is 0).
#[inline]
pub fn depth(path: u32) -> u32 {
    31 - path.leading_zeros()
}

/// The first `len` steps of `path` (all of it when shorter).
#[inline]
pub fn prefix(path: u32, len: u32) -> u32 {
    let d = depth(path);
    if d > len {
        path >> (d - len)
    } else {
        path
    }
}

impl Clusters {
    /// Clusters from leaf paths and (key, leaf) pairs. Errors on a path that is not one or a
    /// leaf out of range; a key given twice keeps its first leaf.
    pub fn new(paths: Vec<u32>, words: impl IntoIterator<Item = (u32, u32)>) -> Result<Clusters, String> {
        if paths.iter().any(|&p| p == 0 || depth(p) > MAX_DEPTH) {
            return Err("clusters: bad path".into());
        }
        let mut map = FnvMap::default();
        for (k, leaf) in words {
            if leaf as usize >= paths.len() {
                return Err(format!("clusters: leaf {leaf} of {}", paths.len()));
            }
            map.entry(k).or_insert(leaf);
        }
        Ok(Clusters { words: map, paths })
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    /// Number of leaves.
    pub fn leaves(&self) -> usize {
        self.paths.len()
    }

    /// The cluster of the word whose [`super::features::lower_hash`] is `h`, as the features
    /// read it: (leaf + 1) in the upper 32 bits and the path in the lower; 0 for none.
    #[inline]
    pub fn of(&self, h: u64) -> u64 {
        if self.words.is_empty() {
            return 0;
        }
        match self.words.get(&key(h)) {
            Some(&leaf) => (u64::from(leaf) + 1) << 32 | u64::from(self.paths[leaf as usize]),
            None => 0,
        }
    }

    /// The section's bytes (format above): the same clusters give the same bytes.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut by_leaf: Vec<Vec<u32>> = vec![Vec::new(); self.paths.len()];
        for (&k, &leaf) in &self.words {
            by_leaf[leaf as usize].push(k);
        }
        varint::put(out, self.paths.len() as u32);
        for (path, keys) in self.paths.iter().zip(&mut by_leaf) {
            keys.sort_unstable();
            varint::put(out, *path);
            varint::put(out, keys.len() as u32);
            let mut prev = 0;
            for &k in keys.iter() {
                varint::put(out, k - prev);
                prev = k;
            }
        }
    }

    /// Read a section written by [`Clusters::encode`] from `b` at `*at`, moving `*at` past it.
    pub fn decode(b: &[u8], at: &mut usize) -> Result<Clusters, String> {
        let read = |b: &[u8], at: &mut usize| varint::read(b, at).map_err(|e| format!("clusters: {e}"));
        let n = read(b, at)? as usize;
        if n > b.len() {
            return Err("clusters: corrupt leaf count".into());
        }
        let mut paths = Vec::with_capacity(n);
        let mut words = Vec::new();
        for leaf in 0..n as u32 {
            paths.push(read(b, at)?);
            let k = read(b, at)? as usize;
            if k > b.len() {
                return Err("clusters: corrupt word count".into());
            }
            let mut prev = 0u32;
            for i in 0..k {
                let d = read(b, at)?;
                prev = prev
                    .checked_add(d)
                    .filter(|_| i == 0 || d != 0)
                    .ok_or("clusters: keys not ascending")?;
                words.push((prev, leaf));
            }
        }
        let c = Clusters::new(paths, words.iter().copied())?;
        if c.words.len() != words.len() {
            return Err("clusters: a key in two leaves".into());
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_a_path() {
        // Root 1, then 0,1,1,0,1 (depth 5).
        let p = 0b1_01101;
        assert_eq!(depth(p), 5);
        assert_eq!(prefix(p, 4), 0b1_0110);
        assert_eq!(prefix(p, 6), p);
        assert_eq!(depth(1), 0);
    }

    #[test]
    fn round_trip_and_corruption() {
        let c = Clusters::new(vec![0b10, 0b110, 0b111], [(5, 0), (900_000, 0), (7, 2), (u32::MAX, 1)]).unwrap();
        let mut b = Vec::new();
        c.encode(&mut b);
        let mut at = 0;
        assert_eq!(Clusters::decode(&b, &mut at).unwrap(), c);
        assert_eq!(at, b.len());
        let h = |k: u32| u64::from(k) << 32 | 0xdead;
        assert_eq!(c.of(h(7)), 3 << 32 | 0b111);
        assert_eq!(c.of(h(8)), 0);
        for cut in 0..b.len() {
            assert!(Clusters::decode(&b[..cut], &mut 0).is_err(), "cut {cut}");
        }
        assert!(Clusters::new(vec![0], []).is_err());
        assert!(Clusters::new(vec![1], [(1, 1)]).is_err());
    }
}

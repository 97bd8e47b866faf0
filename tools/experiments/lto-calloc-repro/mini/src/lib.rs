pub fn myers_search(pattern: &[char], text: impl Iterator<Item = char>, max_errors: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    let mut out = Vec::new();
    if m == 0 {
        return out;
    }
    let blocks = m.div_ceil(64);
    let mut alphabet: Vec<char> = pattern.to_vec();
    alphabet.sort_unstable();
    alphabet.dedup();
    let mut peq = vec![0u64; alphabet.len() * blocks];
    for (i, ch) in pattern.iter().enumerate() {
        peq[i] = *ch as u64;
    }
    let zeros = vec![0u64; blocks];
    let mut pv = vec![u64::MAX; blocks];
    let mut score = m;
    for (j, ch) in text.enumerate() {
        let sym = alphabet.binary_search(&ch).ok();
        let row = sym.map_or(&zeros[..], |a| &peq[a * blocks..(a + 1) * blocks]);
        let mut hin: i32 = 0;
        for (p, &eq0) in pv.iter_mut().zip(row) {
            *p ^= eq0;
            hin = (*p & 1) as i32;
        }
        score = (score as i64 + hin as i64) as usize;
        if score <= max_errors {
            out.push((j + 1, score));
        }
    }
    out
}

#[inline(never)]
pub fn search(p: &str, t: &str, k: usize) -> usize {
    let pattern: Vec<char> = p.chars().collect();
    myers_search(&pattern, t.chars(), k).len()
}

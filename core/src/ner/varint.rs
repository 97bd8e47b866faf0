//! The variable-length integers of the entity model's file ([`super::weights`]) and its word
//! clusters ([`super::clusters`]): seven bits a byte, lowest first, the high bit set on every
//! byte but the last.

/// Append `d`.
pub fn put(out: &mut Vec<u8>, mut d: u32) {
    loop {
        let b = (d & 0x7f) as u8;
        d >>= 7;
        if d == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Read one from `b` at `*at`, moving `*at` past it. Errors on the end of `b` and on more
/// than five bytes.
pub fn read(b: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut d = 0u32;
    let mut shift = 0;
    loop {
        let x = *b.get(*at).ok_or_else(|| format!("truncated at byte {at}"))?;
        *at += 1;
        if shift > 28 {
            return Err("bad varint".into());
        }
        d |= u32::from(x & 0x7f) << shift;
        shift += 7;
        if x & 0x80 == 0 {
            return Ok(d);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip_and_bounds() {
        for d in [0, 1, 127, 128, 16_383, 16_384, u32::MAX] {
            let mut b = Vec::new();
            super::put(&mut b, d);
            let mut at = 0;
            assert_eq!(super::read(&b, &mut at), Ok(d));
            assert_eq!(at, b.len());
            assert!(super::read(&b[..b.len() - 1], &mut 0).is_err());
        }
        assert!(super::read(&[0x80; 6], &mut 0).is_err());
    }
}

//! Bytes of a saved page → text. Pages saved by a browser keep the site's encoding: UTF-8 mostly,
//! but also windows-1252, ISO-8859-x, Shift_JIS, GB18030 or UTF-16.
//!
//! [`sniff`] decides which encoding by the HTML standard's order — a byte order mark, then a
//! `<meta charset>` (or `http-equiv` content type) near the start, then: UTF-8 if the bytes are
//! valid UTF-8, else windows-1252 (what browsers assume for an undeclared Western page). It is
//! pure, so the browser runs the same rules and decodes with its own `TextDecoder` (no decoding
//! tables in the worker), while the CLI decodes with `encoding_rs` ([`decode`], feature `decode`).
//! Both decode strictly: bytes that are not valid in the page's encoding are reported, not turned
//! into replacement marks.

/// How far into the file a `<meta charset>` is looked for. The standard says 1024 bytes; saved
/// pages sometimes carry a long comment or "saved from" line first, so look a little further.
const PRESCAN_BYTES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A byte order mark.
    Bom,
    /// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
    Meta,
    /// Nothing declared: valid UTF-8, or else windows-1252.
    Guess,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    /// A WHATWG encoding label, lower case (as `TextDecoder` and `encoding_rs` accept it).
    pub label: String,
    /// Bytes of byte order mark to skip.
    pub bom: usize,
    pub evidence: Evidence,
}

fn sniffed(label: &str, bom: usize, evidence: Evidence) -> Sniffed {
    Sniffed { label: label.to_owned(), bom, evidence }
}

/// UTF-16 without a byte order mark: every other byte of ASCII markup is zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let n = bytes.len().min(512) & !1;
    if n < 8 {
        return None;
    }
    let pairs = bytes[..n].chunks_exact(2);
    let (mut le, mut be) = (0, 0);
    for p in pairs {
        if p[1] == 0 && p[0] != 0 {
            le += 1;
        } else if p[0] == 0 && p[1] != 0 {
            be += 1;
        }
    }
    let half = n / 2;
    if le * 10 >= half * 9 {
        Some("utf-16le")
    } else if be * 10 >= half * 9 {
        Some("utf-16be")
    } else {
        None
    }
}

/// The value after `charset=` in `s` (lower-cased ASCII), without quotes.
fn charset_value(s: &str) -> Option<String> {
    let at = s.find("charset")?;
    let rest = s[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let v: String = rest.chars().take_while(|c| !matches!(c, '"' | '\'' | ';' | ' ' | '>' | '/' | '\t' | '\n' | '\r')).collect();
    (!v.is_empty()).then_some(v)
}

/// The encoding declared by a `<meta>` in the first [`PRESCAN_BYTES`] (lower-cased ASCII view).
fn meta_charset(head: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = head[from..].find("<meta") {
        let start = from + i;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        // `<meta charset=…>` or the content type of `<meta http-equiv content="…; charset=…">`.
        if let Some(v) = charset_value(tag) {
            return Some(v);
        }
        from = end.max(start + 5);
    }
    None
}

/// Decide the encoding of a saved page's bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return sniffed("utf-8", 3, Evidence::Bom);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return sniffed("utf-16be", 2, Evidence::Bom);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return sniffed("utf-16le", 2, Evidence::Bom);
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(utf16) = utf16_without_bom(head) {
        return sniffed(utf16, 0, Evidence::Guess);
    }
    let ascii: String = head.iter().map(|&b| if b.is_ascii() { b.to_ascii_lowercase() as char } else { ' ' }).collect();
    if let Some(label) = meta_charset(&ascii) {
        // A declaration read as ASCII cannot be UTF-16 (the standard's rule), and a page that
        // names an encoding no decoder knows is read as if it named none.
        let label = if label.starts_with("utf-16") { "utf-8".to_owned() } else { label };
        if is_known_label(&label) {
            return Sniffed { label, bom: 0, evidence: Evidence::Meta };
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => sniffed("utf-8", 0, Evidence::Guess),
        // A file cut in the middle of its last character is still UTF-8.
        Err(e) if e.error_len().is_none() => sniffed("utf-8", 0, Evidence::Guess),
        Err(_) => sniffed("windows-1252", 0, Evidence::Guess),
    }
}

/// Labels of the WHATWG Encoding Standard that pages use (the common ones and their aliases);
/// an unknown label is ignored, as browsers do.
fn is_known_label(label: &str) -> bool {
    const KNOWN: &[&str] = &[
        "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii", "windows-1252", "cp1252", "latin1", "iso-8859-1",
        "iso8859-1", "l1", "x-cp1252", "windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1255",
        "windows-1256", "windows-1257", "windows-1258", "cp1250", "cp1251", "cp1253", "cp1254", "cp1256", "koi8-r",
        "koi8-u", "koi8", "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "ms932", "windows-31j", "euc-jp",
        "iso-2022-jp", "gb18030", "gbk", "gb2312", "x-gbk", "chinese", "big5", "big5-hkscs", "euc-kr", "ks_c_5601-1987",
        "windows-949", "tis-620", "windows-874", "iso-8859-11", "macintosh", "x-mac-roman", "utf-16le", "utf-16be",
        "utf-16",
    ];
    KNOWN.contains(&label)
        || label.strip_prefix("iso-8859-").or_else(|| label.strip_prefix("iso8859-")).or_else(|| label.strip_prefix("iso_8859-")).is_some_and(|n| {
            n.split(':').next().is_some_and(|n| n.parse::<u8>().is_ok_and(|n| (1..=16).contains(&n) && n != 12))
        })
}

/// The message for bytes that are not valid in the encoding the page declares (or was guessed).
pub fn undecodable(label: &str) -> String {
    format!(
        "This page's bytes are not valid {label}, the encoding it declares, so its text cannot be read reliably. \
         Open the page in a browser and save it again (\"Web page, HTML only\"), or copy the article's text and paste it."
    )
}

/// Decode a saved page's bytes to text by [`sniff`]'s rules, strictly.
#[cfg(feature = "decode")]
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let s = sniff(bytes);
    let enc = encoding_rs::Encoding::for_label(s.label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252);
    enc.decode_without_bom_handling_and_without_replacement(&bytes[s.bom..])
        .map(|t| t.into_owned())
        .ok_or_else(|| undecodable(enc.name()))
}

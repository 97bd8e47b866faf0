//! Extraction on a page built like a real news page (fixtures below), and decoding real bytes of
//! each encoding (byte strings as the encoders write them, not re-encoded by the test).

use super::*;
use crate::charset::{sniff, Evidence};
use crate::tree::{self, Tree};

/// A news page (also the end-to-end test's saved page) with the furniture a saved page carries: cookie banner, menus, share bar, byline
/// and time stamp, a photo with caption and credit, a "related" list, a newsletter box, a comment
/// form and comments, a "back to top" button and a footer.
pub const NEWS_PAGE: &str = include_str!("../fixtures/news-page.html");

fn extract_ok(html: &str) -> Extracted {
    extract(html).unwrap_or_else(|e| panic!("no extraction: {e}"))
}

#[test]
fn a_news_page_becomes_its_article_without_furniture() {
    let e = extract_ok(NEWS_PAGE);
    assert!(e.is_article);
    assert_eq!(e.title, "Council approves new river bridge");
    assert_eq!(e.byline.as_deref(), Some("Maria Lopez"));
    assert_eq!(e.date.as_deref(), Some("2024-03-05T09:30:00Z"));
    let body = e.body();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 5, "{body}");
    assert!(lines[0].starts_with("The town council voted on Tuesday evening"));
    assert_eq!(lines[2], "Costs questioned");
    assert_eq!(e.blocks[2].kind, BlockKind::Heading);
    assert!(lines[4].starts_with("Work is expected to begin next spring"));
    for furniture in [
        "cookie", "Accept", "Sport", "Share", "Photo", "Related", "newsletter", "Subscribe", "comment", "Leave a Reply",
        "reCAPTCHA", "Back to top", "Most read", "©", "Privacy", "Finally", "tracking", "color",
    ] {
        assert!(!body.contains(furniture), "{furniture:?} left in:\n{body}");
    }
    let text = e.to_text();
    assert!(text.starts_with("Council approves new river bridge\nThe town council voted"));
}

#[test]
fn a_home_page_has_no_article_and_offers_its_plain_text() {
    let mut page = String::from("<html><head><title>The Valley Courier — Home</title></head><body><nav><a href='/'>Home</a></nav>");
    for i in 0..30 {
        page.push_str(&format!("<div class='teaser'><h3><a href='/s{i}'>Headline number {i} about the valley</a></h3></div>"));
    }
    page.push_str("</body></html>");
    let e = extract_ok(&page);
    assert!(!e.is_article);
    assert_eq!(e.title, "The Valley Courier — Home");
    assert!(e.body().contains("Headline number 7 about the valley"));
}

#[test]
fn a_short_page_gives_its_text_once_with_its_title() {
    let page = "<html><head><title>Dam inquiry opens</title><style>p{color:red}</style></head><body>\
        <nav>Home | News</nav><h1>Dam inquiry opens</h1><p>The Water Board said on Monday that the\n   inquiry would start in May.</p>\
        <script>window.x = 3</script><p>Residents <b>condemned</b> the delay.<img src=x onerror=\"window.x = 4\"></p></body></html>";
    let e = extract_ok(page);
    assert_eq!(e.to_text(), "Dam inquiry opens\nThe Water Board said on Monday that the inquiry would start in May.\nResidents condemned the delay.");
}

#[test]
fn broken_markup_still_gives_the_text() {
    let mut page = String::from("<html><body><div><p>Unclosed <b>bold <i>and italic");
    for i in 0..20 {
        page.push_str(&format!("<p>Sentence {i} of a page whose markup was never closed properly, as old sites often are.</td></span>"));
    }
    let e = extract_ok(&page);
    assert!(e.body().contains("Sentence 19 of a page"), "{}", e.body());
}

#[test]
fn bad_input_gets_a_reason_not_a_result() {
    assert_eq!(extract(""), Err(Problem::Empty));
    assert_eq!(extract("   \n "), Err(Problem::Empty));
    assert_eq!(extract("\u{0}\u{1}PK\u{3}\u{4}binary"), Err(Problem::NotHtml));
    let huge = "<p>x</p>".repeat(MAX_HTML_BYTES / 8 + 1);
    assert!(matches!(extract(&huge), Err(Problem::TooLarge { .. })));
    assert!(Problem::TooLarge { bytes: 20 << 20 }.to_string().contains("20.0 MB"));
}

#[test]
fn scripts_are_never_text() {
    let page = NEWS_PAGE.replace("<p>The town council", "<p><script>alert('x')</script><img src=x onerror=alert(1)>The town council");
    let body = extract_ok(&page).body();
    assert!(!body.contains("alert"));
    assert!(body.contains("The town council voted"));
}

// ---------------------------------------------------------------------------------------------
// Encodings

fn page_bytes(head: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("<html><head>{head}</head><body><p>").into_bytes();
    b.extend_from_slice(body);
    b.extend_from_slice(b"</p></body></html>");
    b
}

#[test]
fn encodings_are_detected_by_bom_meta_or_content() {
    let check = |bytes: &[u8], label: &str, evidence: Evidence| {
        let s = sniff(bytes);
        assert_eq!((s.label.as_str(), s.evidence), (label, evidence), "{bytes:?}");
    };
    check(&page_bytes(r#"<meta charset="windows-1252">"#, b"caf\xe9"), "windows-1252", Evidence::Meta);
    check(
        &page_bytes(r#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">"#, b"\xa3\xf3d\xbc"),
        "iso-8859-2",
        Evidence::Meta,
    );
    check(&page_bytes("<meta charset='Shift_JIS' />", b"\x93\x8c"), "shift_jis", Evidence::Meta);
    check(b"\xef\xbb\xbf<p>x</p>", "utf-8", Evidence::Bom);
    check(b"\xff\xfe<\x00p\x00>\x00", "utf-16le", Evidence::Bom);
    check(b"\xfe\xff\x00<\x00p\x00>", "utf-16be", Evidence::Bom);
    check(&page_bytes("", "naïve".as_bytes()), "utf-8", Evidence::Guess);
    check(&page_bytes("", b"na\xefve"), "windows-1252", Evidence::Guess);
    // A declaration no decoder knows is ignored, as browsers do.
    check(&page_bytes(r#"<meta charset="klingon">"#, b"plain"), "utf-8", Evidence::Guess);
    // A UTF-16 declaration readable as ASCII cannot be right: the standard reads it as UTF-8.
    check(&page_bytes(r#"<meta charset="utf-16">"#, b"plain"), "utf-8", Evidence::Meta);
}

#[cfg(feature = "decode")]
#[test]
fn real_bytes_of_each_encoding_become_the_right_text() {
    use crate::charset::decode;
    let cases: &[(&str, &[u8], &str)] = &[
        (r#"<meta charset="windows-1252">"#, b"caf\xe9 \x93quoted\x94 \x96 na\xefve", "café “quoted” – naïve"),
        (r#"<meta charset="iso-8859-1">"#, b"Gr\xfc\xdfe aus K\xf6ln", "Grüße aus Köln"),
        (r#"<meta http-equiv="content-type" content="text/html;charset=iso-8859-2">"#, b"\xa3\xf3d\xbc i Krak\xf3w", "Łódź i Kraków"),
        (r#"<meta charset="koi8-r">"#, b"\xf0\xd2\xc9\xd7\xc5\xd4", "Привет"),
        (r#"<meta charset="Shift_JIS">"#, b"\x93\x8c\x8b\x9e\x82\xcc\x93V\x8bC", "東京の天気"),
        (r#"<meta charset="gb18030">"#, b"\xb1\xb1\xbe\xa9\xd0\xc2\xce\xc5", "北京新闻"),
        (r#"<meta charset="GB2312">"#, b"\xb1\xb1\xbe\xa9\xd0\xc2\xce\xc5", "北京新闻"),
        ("", b"caf\xe9 sans d\xe9claration", "café sans déclaration"),
    ];
    for (head, body, want) in cases {
        let html = decode(&page_bytes(head, body)).unwrap();
        assert!(html.contains(&format!("<p>{want}</p>")), "{head}: {html}");
    }
    // UTF-16 with a byte order mark, both byte orders: "<p>Hé</p>".
    let le = b"\xff\xfe<\x00p\x00>\x00H\x00\xe9\x00<\x00/\x00p\x00>\x00";
    assert_eq!(decode(le).unwrap(), "<p>Hé</p>");
    let be = b"\xfe\xff\x00<\x00p\x00>\x00H\x00\xe9\x00<\x00/\x00p\x00>";
    assert_eq!(decode(be).unwrap(), "<p>Hé</p>");
    // UTF-16 without a mark, declared in its own markup.
    let mut no_bom = Vec::new();
    for u in r#"<meta charset="utf-16le"><p>Hé</p>"#.encode_utf16() {
        no_bom.extend_from_slice(&u.to_le_bytes());
    }
    assert!(decode(&no_bom).unwrap().ends_with("<p>Hé</p>"));
}

#[cfg(feature = "decode")]
#[test]
fn undecodable_bytes_get_a_clear_message() {
    use crate::charset::decode;
    // Declared UTF-8, but windows-1252 bytes inside.
    let e = decode(&page_bytes(r#"<meta charset="utf-8">"#, b"caf\xe9")).unwrap_err();
    assert!(e.contains("not valid UTF-8"), "{e}");
    // Shift_JIS with a lead byte and no trail byte.
    let e = decode(&page_bytes(r#"<meta charset="shift_jis">"#, b"\x93")).unwrap_err();
    assert!(e.contains("Shift_JIS"), "{e}");
}

#[cfg(feature = "decode")]
#[test]
fn a_windows_1252_page_is_extracted_with_its_accents() {
    let page = NEWS_PAGE.replace(r#"<meta charset="utf-8">"#, r#"<meta charset="windows-1252">"#).replace("ageing", "age\u{ef}ng");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let html = crate::charset::decode(&bytes).unwrap();
    assert!(extract_ok(&html).body().contains("replace the ageïng river bridge"));
}

#[test]
fn the_compact_tree_the_browser_sends_gives_the_same_article() {
    let native = crate::parse::parse(NEWS_PAGE);
    let sent = Tree::from_compact(&native.to_compact());
    assert_eq!(sent.to_compact(), native.to_compact());
    assert_eq!(extract_tree(&sent), extract(NEWS_PAGE));
    // The markers never come from a page: its text loses them.
    let marked = format!("<p>a{}b</p>", tree::OPEN);
    assert!(!crate::parse::parse(&marked).to_compact().contains("a\u{1}b"));
}

#[test]
fn any_compact_input_reads_without_panic() {
    for s in ["", "\u{4}\u{4}\u{4}", "\u{2}x\u{3}y", "\u{1}", "\u{5}text\u{1}p\u{3}\u{5}", "\u{1}body\u{1}p\u{5}Hello"] {
        let t = Tree::from_compact(s);
        let _ = extract_tree(&t);
    }
}

#[test]
fn deep_nesting_neither_overflows_nor_loses_the_text() {
    let depth = 3_000;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    for i in 0..10 {
        page.push_str(&format!("<p>Paragraph {i} of a page nested far too deep, as a broken or hostile page may be, and still read.</p>"));
    }
    let e = extract_ok(&page);
    assert!(e.body().contains("Paragraph 9 of a page"), "{}", e.body());
    let sent = Tree::from_compact(&crate::parse::parse(&page).to_compact());
    assert!(extract_tree(&sent).unwrap().body().contains("Paragraph 9 of a page"));
}

#[test]
fn json_ld_gives_the_date_and_author() {
    let mut page = String::from(
        r#"<html><head><title>Floods close the ring road | Daily</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Floods close the ring road","datePublished":"2023-11-02T07:00:00Z","author":{"@type":"Person","name":"Sam O\u2019Neil"}}</script></head><body><article>"#,
    );
    for i in 0..6 {
        page.push_str(&format!("<p>Paragraph {i}: the council said the road would stay closed until the water had gone down, and that buses would run.</p>"));
    }
    page.push_str("</article></body></html>");
    let e = extract_ok(&page);
    assert_eq!(e.title, "Floods close the ring road");
    assert_eq!(e.date.as_deref(), Some("2023-11-02T07:00:00Z"));
    assert_eq!(e.byline.as_deref(), Some("Sam O’Neil"));
    assert!(!e.body().contains("schema.org"));
}

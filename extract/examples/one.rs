fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(p).unwrap();
    let h = annotator_extract::charset::decode(&b).unwrap();
    let e = annotator_extract::extract(&h).unwrap();
    println!("{}", e.to_text());
}

#[no_mangle]
pub extern "C" fn m1() -> u32 {
    mini::search("abc", "xyz xyz abd", 1) as u32
}

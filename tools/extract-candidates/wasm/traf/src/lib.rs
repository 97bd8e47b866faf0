#[no_mangle] pub extern "C" fn alloc(n: usize) -> *mut u8 { let mut v = Vec::<u8>::with_capacity(n); let p = v.as_mut_ptr(); std::mem::forget(v); p }
#[no_mangle] pub unsafe extern "C" fn run(p: *const u8, n: usize) -> usize { let s = std::str::from_utf8_unchecked(std::slice::from_raw_parts(p, n)); rs_trafilatura::extract(s).map(|r| r.content_text.len()).unwrap_or(0) }

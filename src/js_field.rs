//! Reading a field of a plain JS object a worker posted (its messages are objects, not classes).

use wasm_bindgen::JsValue;

/// The field `key` of `o`, or `undefined` when `o` is no object or has no such field: a worker's
/// message that lacks a field reads as absent, never as an error.
pub fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

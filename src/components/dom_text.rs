//! Writing an article's text into the DOM without copying every piece of it across the wasm
//! boundary: each string passed to a `web_sys` method is re-encoded into a new JS string, and
//! for the tens of thousands of short segments, classes and offsets of a long article that
//! decoding costs more than building the elements. So a piece's text crosses once, as one JS
//! string, and its segments are slices of it made on the JS side; class and attribute names
//! cross once per distinct value; offsets cross as numbers.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[wasm_bindgen]
extern "C" {
    /// An element, with the DOM methods `web_sys` declares with `&str` declared with JS values.
    #[wasm_bindgen(extends = Element)]
    type El;
    #[wasm_bindgen(method, js_name = append)]
    fn append_value(this: &El, text: &JsValue);
    #[wasm_bindgen(method, setter, js_name = textContent)]
    fn set_text_value(this: &El, text: &JsValue);
    #[wasm_bindgen(method, setter, js_name = className)]
    fn set_class_value(this: &El, class: &JsValue);
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute_number(this: &El, name: &JsValue, value: f64);
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute_value(this: &El, name: &JsValue, value: &JsValue);
    /// The document, with `createElement` declared with a JS value for the tag name.
    #[wasm_bindgen(extends = web_sys::Document)]
    type Doc;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element_value(this: &Doc, tag: &JsValue) -> Element;
}

fn el(e: &Element) -> &El {
    e.unchecked_ref()
}

/// Distinct strings kept as JS strings; cleared when it grows past this (names of many articles).
const INTERNED_MAX: usize = 20_000;

thread_local! {
    static INTERNED: RefCell<HashMap<String, JsValue>> = RefCell::new(HashMap::new());
}

/// `s` as a JS string, made once per distinct value.
pub fn interned(s: &str) -> JsValue {
    INTERNED.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(v) = m.get(s) {
            return v.clone();
        }
        if m.len() >= INTERNED_MAX {
            m.clear();
        }
        let v = JsValue::from_str(s);
        m.insert(s.to_owned(), v.clone());
        v
    })
}

/// A stretch of the article's text as one JS string, sliced by code-point offsets.
pub struct Text {
    js: JsString,
    /// Code-point offset of the first character.
    base: usize,
    /// UTF-16 offset of every code point, and of the end.
    utf16: Vec<u32>,
}

impl Text {
    /// The text `s`, which starts at code point `base` of the article.
    pub fn new(s: &str, base: usize) -> Self {
        let mut utf16 = Vec::with_capacity(s.len() + 1);
        let mut at = 0u32;
        for c in s.chars() {
            utf16.push(at);
            at += c.len_utf16() as u32;
        }
        utf16.push(at);
        Self { js: JsString::from(s), base, utf16 }
    }

    fn slice(&self, start: usize, end: usize) -> JsString {
        let at = |x: usize| self.utf16[(x.saturating_sub(self.base)).min(self.utf16.len() - 1)];
        self.js.slice(at(start), at(end))
    }

    /// Append the text between two code-point offsets to `e`, as text.
    pub fn append(&self, e: &Element, start: usize, end: usize) {
        el(e).append_value(&self.slice(start, end));
    }

    /// Set `e`'s text to the text between two code-point offsets.
    pub fn set(&self, e: &Element, start: usize, end: usize) {
        el(e).set_text_value(&self.slice(start, end));
    }
}

/// A new element of a fixed tag name (`span`, `mark`, `p`), the name crossing once.
pub fn element(doc: &web_sys::Document, tag: &'static str) -> Element {
    doc.unchecked_ref::<Doc>().create_element_value(&interned(tag))
}

pub fn set_class(e: &Element, class: &str) {
    el(e).set_class_value(&interned(class));
}

pub fn set_number(e: &Element, name: &str, value: usize) {
    el(e).set_attribute_number(&interned(name), value as f64);
}

/// An attribute whose values repeat (names of people and places).
pub fn set_repeated(e: &Element, name: &str, value: &str) {
    el(e).set_attribute_value(&interned(name), &interned(value));
}

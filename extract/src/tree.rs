//! The page as the extraction sees it: an arena of elements and text, fed by any HTML parser.
//!
//! The same algorithm runs in the CLI and in the browser, over this tree. Natively, html5ever
//! fills it ([`crate::parse`], feature `html`); in the browser the page's own `DOMParser` parses
//! (an inert document: nothing runs or is fetched) and `src/extract_dom.js` hands the tree over in the
//! compact form [`Tree::from_compact`] reads. Both feeds keep the same things : elements (names
//! lower-cased) with the attributes in [`KEEP_ATTRS`], and text; the content of [`DROP`] elements
//! is left out (JSON-LD scripts excepted: the page's metadata).

/// Attributes the extraction reads; others are not carried.
pub const KEEP_ATTRS: &[&str] =
    &["class", "id", "role", "hidden", "aria-hidden", "aria-modal", "style", "rel", "itemprop", "href", "name", "property", "content", "type", "datetime"];

/// Elements whose content is never read (a JSON-LD `script` excepted).
pub const DROP: &[&str] = &["script", "style", "noscript", "template", "svg", "math", "iframe"];

/// Deeper elements are attached to their ancestor at this depth: every walk over the tree is then
/// bounded, whatever the markup's nesting.
pub const MAX_DEPTH: usize = 200;

/// Markers of the compact form: they never occur in a page's text (they are control characters,
/// which the feeds strip).
pub const OPEN: char = '\u{1}';
pub const ATTR: char = '\u{2}';
pub const VALUE: char = '\u{3}';
pub const CLOSE: char = '\u{4}';
pub const TEXT: char = '\u{5}';

pub type Id = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Element { name: String, attrs: Vec<(String, String)> },
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<Id>,
    pub children: Vec<Id>,
    pub data: Data,
}

/// Node 0 is the document; its element children follow.
#[derive(Debug, Clone)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

/// Whether a feed keeps an element's content: `type` is its `type` attribute.
pub fn keeps_content(name: &str, type_attr: Option<&str>) -> bool {
    if name == "script" {
        return type_attr.is_some_and(|t| t.contains("ld+json"));
    }
    !DROP.contains(&name)
}

/// A page's text without the compact form's markers.
pub fn clean(s: &str) -> String {
    s.chars().filter(|&c| !matches!(c, OPEN | ATTR | VALUE | CLOSE | TEXT)).collect()
}

impl Default for Tree {
    fn default() -> Self {
        Tree::new()
    }
}

impl Tree {
    pub fn new() -> Self {
        Tree { nodes: vec![Node { parent: None, children: Vec::new(), data: Data::Element { name: "#document".into(), attrs: Vec::new() } }] }
    }

    pub const ROOT: Id = 0;

    /// Append a node under `parent` (or under its ancestor at [`MAX_DEPTH`]).
    pub fn append(&mut self, parent: Id, depth: usize, data: Data) -> Id {
        let mut parent = parent;
        if depth > MAX_DEPTH {
            // Deeper nesting is flattened; the caller keeps passing its own depth.
            while self.depth(parent) > MAX_DEPTH {
                parent = self.nodes[parent].parent.unwrap_or(Self::ROOT);
            }
        }
        let id = self.nodes.len();
        self.nodes.push(Node { parent: Some(parent), children: Vec::new(), data });
        self.nodes[parent].children.push(id);
        id
    }

    fn depth(&self, mut id: Id) -> usize {
        let mut d = 0;
        while let Some(p) = self.nodes[id].parent {
            d += 1;
            id = p;
        }
        d
    }

    /// Read the compact form: `OPEN name (ATTR key VALUE value)* children CLOSE`, `TEXT text`.
    pub fn from_compact(s: &str) -> Tree {
        let mut tree = Tree::new();
        let mut stack = vec![Self::ROOT];
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            let end = rest.find([OPEN, ATTR, VALUE, CLOSE, TEXT]).unwrap_or(rest.len());
            let (token, after) = rest.split_at(end);
            rest = after;
            let top = *stack.last().unwrap_or(&Self::ROOT);
            match c {
                OPEN => {
                    let id = tree.append(top, stack.len(), Data::Element { name: token.to_ascii_lowercase(), attrs: Vec::new() });
                    stack.push(id);
                }
                ATTR => {
                    let mut value = "";
                    if rest.starts_with(VALUE) {
                        let v = &rest[1..];
                        let end = v.find([OPEN, ATTR, VALUE, CLOSE, TEXT]).unwrap_or(v.len());
                        value = &v[..end];
                        rest = &v[end..];
                    }
                    if let Data::Element { attrs, .. } = &mut tree.nodes[top].data {
                        attrs.push((token.to_ascii_lowercase(), value.to_owned()));
                    }
                }
                CLOSE if stack.len() > 1 => {
                    stack.pop();
                }
                TEXT => {
                    tree.append(top, stack.len(), Data::Text(token.to_owned()));
                }
                _ => {}
            }
        }
        tree
    }

    /// Write the compact form (what `src/extract_dom.js` writes from the browser's DOM).
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        for &c in &self.nodes[Self::ROOT].children {
            self.write_compact(c, &mut out);
        }
        out
    }

    fn write_compact(&self, id: Id, out: &mut String) {
        match &self.nodes[id].data {
            Data::Text(t) => {
                out.push(TEXT);
                out.push_str(t);
            }
            Data::Element { name, attrs } => {
                out.push(OPEN);
                out.push_str(name);
                for (k, v) in attrs {
                    out.push(ATTR);
                    out.push_str(k);
                    out.push(VALUE);
                    out.push_str(v);
                }
                for &c in &self.nodes[id].children {
                    self.write_compact(c, out);
                }
                out.push(CLOSE);
            }
        }
    }

    pub fn name(&self, id: Id) -> &str {
        match &self.nodes[id].data {
            Data::Element { name, .. } => name,
            Data::Text(_) => "#text",
        }
    }

    pub fn is_element(&self, id: Id) -> bool {
        matches!(self.nodes[id].data, Data::Element { .. })
    }

    pub fn attr(&self, id: Id, key: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            Data::Text(_) => None,
        }
    }

    pub fn parent(&self, id: Id) -> Option<Id> {
        self.nodes[id].parent
    }

    pub fn children(&self, id: Id) -> &[Id] {
        &self.nodes[id].children
    }

    pub fn element_children(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        self.nodes[id].children.iter().copied().filter(|&c| self.is_element(c))
    }

    /// The node and everything under it, in document order.
    pub fn descendants(&self, id: Id) -> Vec<Id> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// Descendant elements named `name` (not the node itself).
    pub fn find(&self, id: Id, names: &[&str]) -> Vec<Id> {
        self.descendants(id).into_iter().skip(1).filter(|&n| names.contains(&self.name(n))).collect()
    }

    /// All text under a node, as the page has it.
    pub fn text(&self, id: Id) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[n].data {
                out.push_str(t);
            }
        }
        out
    }

    /// Take a node out of its parent (it stays in the arena, unreachable).
    pub fn detach(&mut self, id: Id) {
        if let Some(p) = self.nodes[id].parent.take() {
            self.nodes[p].children.retain(|&c| c != id);
        }
    }

    /// Move a node to the end of `parent`'s children.
    pub fn move_to(&mut self, id: Id, parent: Id) {
        self.detach(id);
        self.nodes[id].parent = Some(parent);
        self.nodes[parent].children.push(id);
    }

    /// A new element, not yet in the tree.
    pub fn create(&mut self, name: &str) -> Id {
        let id = self.nodes.len();
        self.nodes.push(Node { parent: None, children: Vec::new(), data: Data::Element { name: name.into(), attrs: Vec::new() } });
        id
    }

    pub fn rename(&mut self, id: Id, new: &str) {
        if let Data::Element { name, .. } = &mut self.nodes[id].data {
            *name = new.into();
        }
    }

    pub fn ancestors(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&p| self.nodes[p].parent)
    }

    pub fn has_ancestor(&self, id: Id, name: &str) -> bool {
        self.ancestors(id).any(|a| self.name(a) == name)
    }

    /// The first element named `name` in the document.
    pub fn first(&self, name: &str) -> Option<Id> {
        self.descendants(Self::ROOT).into_iter().find(|&n| self.name(n) == name)
    }
}

impl Tree {
    /// Put `new` (taken from wherever it was) in `old`'s place; `old` leaves the tree.
    pub fn replace(&mut self, old: Id, new: Id) {
        self.detach(new);
        if let Some(p) = self.nodes[old].parent.take() {
            if let Some(slot) = self.nodes[p].children.iter_mut().find(|c| **c == old) {
                *slot = new;
            }
            self.nodes[new].parent = Some(p);
        }
    }

    /// The element after `id` in document order, skipping `id`'s own content when `skip_kids`.
    pub fn next_element(&self, id: Id, skip_kids: bool) -> Option<Id> {
        if !skip_kids {
            if let Some(c) = self.element_children(id).next() {
                return Some(c);
            }
        }
        let mut n = id;
        loop {
            let p = self.nodes[n].parent?;
            let sibs = &self.nodes[p].children;
            let at = sibs.iter().position(|&c| c == n)?;
            if let Some(&s) = sibs[at + 1..].iter().find(|&&c| self.is_element(c)) {
                return Some(s);
            }
            n = p;
        }
    }
}

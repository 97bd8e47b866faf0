//! The native feed of the tree: html5ever (through dom_query), the HTML standard's parser, so
//! the CLI and the benchmark see the tree a browser's `DOMParser` builds from the same bytes.

use dom_query::{Document, NodeRef};

use crate::tree::{clean, keeps_content, Data, Id, Tree, KEEP_ATTRS};

/// Parse a page into the extraction's tree, keeping what `src/extract_dom.js` keeps in the browser.
pub fn parse(html: &str) -> Tree {
    let doc = Document::from(html);
    let mut tree = Tree::new();
    // Iterative, so that no nesting depth can overflow the stack.
    let mut stack: Vec<(NodeRef, Id, usize)> = vec![(doc.root(), Tree::ROOT, 1)];
    while let Some((node, parent, depth)) = stack.pop() {
        let mut kids: Vec<(NodeRef, Id, usize)> = Vec::new();
        for child in node.children_it(false) {
            if child.is_text() {
                tree.append(parent, depth, Data::Text(clean(&child.text())));
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
            let attrs: Vec<(String, String)> = child
                .attrs()
                .iter()
                .map(|a| (a.name.local.to_ascii_lowercase().to_string(), clean(&a.value)))
                .filter(|(k, _)| KEEP_ATTRS.contains(&k.as_str()))
                .collect();
            let type_attr = attrs.iter().find(|(k, _)| k == "type").map(|(_, v)| v.as_str());
            let keep = keeps_content(&name, type_attr);
            let id = tree.append(parent, depth, Data::Element { name, attrs });
            if keep {
                kids.push((child, id, depth + 1));
            }
        }
        // Children are appended in order above; their own content follows, in any order, under
        // each one's id.
        stack.extend(kids);
    }
    tree
}

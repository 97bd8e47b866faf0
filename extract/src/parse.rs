//! The native feed of the tree: html5ever (through dom_query), the HTML standard's parser, so
//! the CLI and the benchmark see the tree a browser's `DOMParser` builds from the same bytes.

use dom_query::{Document, NodeRef};

use crate::tree::{clean, keeps_content, Data, Id, Tree, KEEP_ATTRS};

/// Parse a page into the extraction's tree, keeping what `dom_tree.js` keeps in the browser.
pub fn parse(html: &str) -> Tree {
    let doc = Document::from(html);
    let mut tree = Tree::new();
    add_children(&doc.root(), &mut tree, Tree::ROOT, 1);
    tree
}

fn add_children(node: &NodeRef, tree: &mut Tree, parent: Id, depth: usize) {
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
            add_children(&child, tree, id, depth + 1);
        }
    }
}

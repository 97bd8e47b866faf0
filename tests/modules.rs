//! The module graphs of both crates, read from their sources: no import circles in the app or in
//! the core (each a stack, so any module can be read knowing only the ones below it), and app
//! components reach neither the root component nor the effects (they render props and emit
//! actions). Checked here because the compiler allows both.
//!
//! The crate root (`lib.rs`) is a node too, `crate`: a path under `crate::` that names no module
//! names the root. Its `mod` declarations and `pub use` re-exports are the crate's face, not
//! dependencies, so the core's root (its public data types) sits at the bottom of the stack.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The root of the module graph: `lib.rs`.
const ROOT: &str = "crate";

/// Every module under `src` by path (`state`, `components::tag_bar`, `crate` for `lib.rs`) with
/// the source of its file; `bin/` (other crates) is left out.
fn modules(src: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            if path.is_dir() {
                if !(prefix.is_empty() && stem == "bin") {
                    walk(&path, &format!("{prefix}{stem}::"), out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = match stem.as_str() {
                    "lib" if prefix.is_empty() => ROOT.to_owned(),
                    "main" => continue,
                    "mod" => prefix.trim_end_matches(':').to_owned(),
                    _ => format!("{prefix}{stem}"),
                };
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, "", &mut out);
    out
}

/// The source without its `#[cfg(test)]` module (tests may reach anywhere), comments, and the
/// module's face: its declarations of its children and re-exports of their items (`mod rules;`,
/// `pub use pass::annotate;`), which make it no dependent of theirs.
fn code(source: &str, children: &[&str]) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap();
    let face = |l: &str| {
        let l = l.strip_prefix("pub(crate) ").or_else(|| l.strip_prefix("pub ")).unwrap_or(l);
        l.starts_with("mod ") || l.strip_prefix("use ").is_some_and(|u| children.iter().any(|c| u.starts_with(&format!("{c}::"))))
    };
    source
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//") && !face(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names of a module's children (`rules` for `stance::rules`).
fn children<'a>(module: &str, modules: &'a BTreeMap<String, String>) -> Vec<&'a str> {
    let own = if module == ROOT { String::new() } else { format!("{module}::") };
    modules.keys().filter_map(|m| m.strip_prefix(own.as_str())).filter(|c| !c.contains("::") && *c != ROOT).collect()
}

/// The paths a module's source names: after `crate::` or `super::`, and its children's (or, in
/// the root, the top modules') bare names (`features::NC`); braced groups expanded one level.
fn named_paths(module: &str, source: &str, names: &BTreeMap<String, String>) -> Vec<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let own = if module == ROOT { String::new() } else { format!("{module}::") };
    let mut roots = vec![
        ("crate::".to_owned(), String::new()),
        ("super::".to_owned(), if parent.is_empty() { String::new() } else { format!("{parent}::") }),
    ];
    for child in children(module, names) {
        roots.push((format!("{child}::"), format!("{own}{child}::")));
    }
    let mut out = Vec::new();
    for (root, base) in &roots {
        for (i, _) in source.match_indices(root.as_str()) {
            // A bare name must start a path (not `x::features::`, nor `my_features::`).
            let before = source[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &source[i + root.len()..];
            let head = path_of(rest);
            let after = &rest[head.len()..];
            let head = if head.is_empty() { base.clone() } else { format!("{base}{head}::") };
            match after.strip_prefix("::{").or_else(|| after.strip_prefix('{')) {
                Some(group) => {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    out.extend(group.split(',').map(|p| format!("{head}{}", path_of(p.trim()))));
                }
                None => out.push(head.trim_end_matches(':').to_owned()),
            }
        }
    }
    out
}

fn path_of(s: &str) -> String {
    s.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect::<String>().trim_end_matches(':').to_owned()
}

/// The graph of the crate under `src`: module → the modules it names (the longest module path a
/// named path starts with; the root when none).
fn graph(src: &str) -> Graph {
    let modules = modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join(src));
    let resolve = |path: &str| {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| modules.contains_key(m)).unwrap_or_else(|| ROOT.to_owned())
    };
    modules
        .iter()
        .map(|(m, src)| {
            let to = named_paths(m, &code(src, &children(m, &modules)), &modules).iter().map(|p| resolve(p)).filter(|t| t != m).collect();
            (m.clone(), to)
        })
        .collect()
}

/// The first import circle of a graph, as its modules in order, if there is one.
fn circle(g: &Graph) -> Option<String> {
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit<'a>(m: &'a str, g: &'a Graph, path: &mut Vec<&'a str>, done: &mut BTreeSet<&'a str>) -> Option<String> {
        if let Some(at) = path.iter().position(|p| *p == m) {
            return Some(format!("{} → {m}", path[at..].join(" → ")));
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for to in &g[m] {
            if let Some(c) = visit(to, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    g.keys().find_map(|m| visit(m, g, &mut Vec::new(), &mut done))
}

#[test]
fn the_app_has_no_import_circles() {
    let g = graph("src");
    assert!(g.contains_key("state") && g["app"].contains("effects::loading"), "the reader of paths works: {g:?}");
    assert_eq!(circle(&g), None);
}

#[test]
fn the_core_has_no_import_circles() {
    let g = graph("core/src");
    // The reader sees `mod.rs` modules, children named bare, and the root's code.
    assert!(g["attribution"].contains("attribution::features"), "the reader of paths works: {g:?}");
    assert!(g["stance::rules"].contains("words") && g[ROOT].contains("text"), "the reader of paths works: {g:?}");
    assert_eq!(circle(&g), None);
}

#[test]
fn the_circle_finder_finds_circles() {
    let g: Graph = [("a", &["b"][..]), ("b", &["c"]), ("c", &["a"]), ("d", &[])]
        .iter()
        .map(|(m, to)| (m.to_string(), to.iter().map(|t| t.to_string()).collect()))
        .collect();
    assert_eq!(circle(&g).as_deref(), Some("a → b → c → a"));
}

#[test]
fn components_reach_neither_the_root_nor_the_effects() {
    for (m, to) in graph("src").iter().filter(|(m, _)| m.starts_with("components::")) {
        let bad: Vec<_> = to.iter().filter(|t| *t == "app" || t.starts_with("effects")).collect();
        assert!(bad.is_empty(), "{m} names {bad:?}");
    }
}

//! The app's module graph, read from its sources: no import circles, and components reach
//! neither the root component nor the effects (they render props and emit actions). Checked here
//! because the compiler allows both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` by path (`state`, `components::tag_bar`) with the source of its file.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{stem}::"), out);
            } else if path.extension().is_some_and(|e| e == "rs") && !matches!(stem.as_str(), "lib" | "main") {
                out.insert(format!("{prefix}{stem}"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "", &mut out);
    out
}

/// The source without its `#[cfg(test)]` module (tests may reach anywhere) and comments.
fn code(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap();
    source.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The paths a source names after `crate::` or `super::` (braced groups expanded one level).
fn named_paths(module: &str, source: &str) -> Vec<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = Vec::new();
    for (root, base) in [("crate::", String::new()), ("super::", if parent.is_empty() { String::new() } else { format!("{parent}::") })] {
        for (i, _) in source.match_indices(root) {
            // `super::` inside a longer path (`x::super::`) does not occur; `crate::` may follow `$`.
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

/// The graph: module → the modules it names (the longest module path a named path starts with).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let resolve = |path: &str| {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| modules.contains_key(m))
    };
    modules
        .iter()
        .map(|(m, src)| {
            let to = named_paths(m, &code(src)).iter().filter_map(|p| resolve(p)).filter(|t| t != m).collect();
            (m.clone(), to)
        })
        .collect()
}

#[test]
fn the_app_has_no_import_circles() {
    let g = graph();
    assert!(g.contains_key("state") && g["app"].contains("effects::loading"), "the reader of paths works: {g:?}");
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit<'a>(m: &'a str, g: &'a BTreeMap<String, BTreeSet<String>>, path: &mut Vec<&'a str>, done: &mut BTreeSet<&'a str>) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            panic!("import circle: {} → {m}", path[at..].join(" → "));
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for to in &g[m] {
            visit(to, g, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        visit(m, &g, &mut Vec::new(), &mut done);
    }
}

#[test]
fn components_reach_neither_the_root_nor_the_effects() {
    for (m, to) in graph().iter().filter(|(m, _)| m.starts_with("components::")) {
        let bad: Vec<_> = to.iter().filter(|t| *t == "app" || t.starts_with("effects")).collect();
        assert!(bad.is_empty(), "{m} names {bad:?}");
    }
}

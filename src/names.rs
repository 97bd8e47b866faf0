//! The names the reader sees: the analysis' entities with the reader's corrections applied. A
//! correction (an annotation with an `entity` mark) replaces every entity it overlaps, with a
//! name of the kind the reader chose or with nothing. Pure, so it is tested natively.

use annotator_core::{Entity, EntityKind};

use crate::annotations::{Annotation, EntityMark, Placement};

/// A correction where it sits now: (start, end, what the reader says it names).
pub type Correction = (usize, usize, EntityMark);

/// The live, placed corrections of a list of annotations, in text order.
pub fn corrections<A: std::borrow::Borrow<Annotation>>(annotations: &[A], placements: &[Placement]) -> Vec<Correction> {
    let mut out: Vec<Correction> = annotations
        .iter()
        .map(|a| a.borrow())
        .zip(placements)
        .filter(|(a, _)| !a.deleted)
        .filter_map(|(a, p)| Some(((*p)?, a.entity?)))
        .map(|((s, e), m)| (s, e, m))
        .collect();
    out.sort_by_key(|c| (c.0, c.1));
    out
}

/// `entities` (in text order) with `corrections` applied; `slice` gives a corrected name its
/// text, which is also its canonical form.
pub fn apply<'t>(entities: &[Entity], corrections: &[Correction], slice: impl Fn(usize, usize) -> &'t str) -> Vec<Entity> {
    let overlaps = |e: &Entity| corrections.iter().any(|c| c.0 < e.end && e.start < c.1);
    let mut out: Vec<Entity> = entities.iter().filter(|e| !overlaps(e)).cloned().collect();
    for &(start, end, mark) in corrections {
        if let EntityMark::Named(kind) = mark {
            out.push(Entity { start, end, kind, canonical: slice(start, end).to_owned() });
        }
    }
    out.sort_by_key(|e| (e.start, e.end));
    out
}

/// The name a selection stands for: the one it lies inside, or the one it overlaps within a
/// word (a double click on "China’s" selects the possessive too) — so a double click on
/// "Micron" corrects "Micron Technology".
fn name_at<'e, 't>(span: (usize, usize), shown: &'e [Entity], slice: impl Fn(usize, usize) -> &'t str) -> Option<&'e Entity> {
    shown.iter().find(|e| {
        let outside = |a: usize, b: usize| a >= b || !slice(a, b).chars().any(char::is_whitespace);
        e.start < span.1 && span.0 < e.end && outside(span.0, e.start) && outside(e.end, span.1)
    })
}

/// What a correction of the selection `span` applies to: the name it stands for, else the
/// selection itself (the reader marks a new name).
pub fn target<'t>(span: (usize, usize), shown: &[Entity], slice: impl Fn(usize, usize) -> &'t str) -> (usize, usize) {
    name_at(span, shown, slice).map_or(span, |e| (e.start, e.end))
}

/// The kind of the name a selection stands for, if any.
pub fn kind_at<'t>(span: (usize, usize), shown: &[Entity], slice: impl Fn(usize, usize) -> &'t str) -> Option<EntityKind> {
    name_at(span, shown, slice).map(|e| e.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Micron Technology met Chinese officials in Beijing.";

    fn ent(start: usize, end: usize, kind: EntityKind) -> Entity {
        Entity { start, end, kind, canonical: TEXT[start..end].to_owned() }
    }

    #[test]
    fn corrections_replace_remove_and_add_names() {
        let found = [ent(0, 17, EntityKind::Place), ent(22, 29, EntityKind::Group), ent(43, 50, EntityKind::Place)];
        let slice = |s: usize, e: usize| &TEXT[s..e];
        let fixes = [
            (0, 17, EntityMark::Named(EntityKind::Organization)),
            (22, 29, EntityMark::NotAName),
            (30, 39, EntityMark::Named(EntityKind::Group)),
        ];
        let shown = apply(&found, &fixes, slice);
        let got: Vec<(&str, EntityKind)> = shown.iter().map(|e| (slice(e.start, e.end), e.kind)).collect();
        assert_eq!(got, [
            ("Micron Technology", EntityKind::Organization),
            ("officials", EntityKind::Group),
            ("Beijing", EntityKind::Place),
        ]);
        assert_eq!(apply(&found, &[], slice), found);
    }

    #[test]
    fn a_selection_inside_a_name_corrects_the_whole_name() {
        let slice = |s: usize, e: usize| &TEXT[s..e];
        let shown = [ent(0, 17, EntityKind::Place), ent(22, 29, EntityKind::Group)];
        assert_eq!(target((0, 6), &shown, slice), (0, 17));
        assert_eq!(kind_at((7, 17), &shown, slice), Some(EntityKind::Place));
        // Within a word: "Chinese" selected as "Chinese" plus nothing, or a longer word.
        assert_eq!(target((22, 29), &shown, slice), (22, 29));
        // A selection reaching past the name into other words is a new name.
        assert_eq!(target((0, 21), &shown, slice), (0, 21));
        assert_eq!(kind_at((0, 21), &shown, slice), None);
    }
}

//! What the text highlights: entities by kind, demonyms, claims, suggestions and their cue
//! words. The reader switches each on or off in the Highlights menu; the choice is kept. Hiding
//! is a class on the page (`hide-…`), so switching re-renders no paragraph.

/// One kind of highlight the reader can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Highlight {
    People,
    Organizations,
    Places,
    Groups,
    /// "Chinese", "American": group entities named by a nationality, dozens in a news story.
    Demonyms,
    Claims,
    Suggestions,
    Cues,
}

pub const ALL: [Highlight; 8] = [
    Highlight::People,
    Highlight::Organizations,
    Highlight::Places,
    Highlight::Groups,
    Highlight::Demonyms,
    Highlight::Claims,
    Highlight::Suggestions,
    Highlight::Cues,
];

impl Highlight {
    fn bit(self) -> u16 {
        1 << ALL.iter().position(|&h| h == self).unwrap_or(0)
    }

    pub fn name(self) -> &'static str {
        match self {
            Highlight::People => "People",
            Highlight::Organizations => "Organizations",
            Highlight::Places => "Places",
            Highlight::Groups => "Groups",
            Highlight::Demonyms => "Nationalities (Chinese, American…)",
            Highlight::Claims => "Claims",
            Highlight::Suggestions => "Suggested tags",
            Highlight::Cues => "Cue words of suggestions",
        }
    }

    /// The class the page carries while this highlight is off (see style.css).
    pub fn hidden_class(self) -> &'static str {
        match self {
            Highlight::People => "hide-person",
            Highlight::Organizations => "hide-organization",
            Highlight::Places => "hide-place",
            Highlight::Groups => "hide-group",
            Highlight::Demonyms => "hide-demonym",
            Highlight::Claims => "hide-claim",
            Highlight::Suggestions => "hide-sugg",
            Highlight::Cues => "hide-cue",
        }
    }
}

/// The highlights shown: a set of `Highlight`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlights(u16);

impl Default for Highlights {
    /// Everything but demonyms, which would underline a nationality dozens of times per story.
    fn default() -> Self {
        Highlights(ALL.iter().filter(|&&h| h != Highlight::Demonyms).fold(0, |b, h| b | h.bit()))
    }
}

impl Highlights {
    pub fn shows(self, h: Highlight) -> bool {
        self.0 & h.bit() != 0
    }

    pub fn with(self, h: Highlight, on: bool) -> Self {
        Highlights(if on { self.0 | h.bit() } else { self.0 & !h.bit() })
    }

    /// The page's classes for the highlights that are off.
    pub fn hidden_classes(self) -> Vec<&'static str> {
        ALL.iter().filter(|&&h| !self.shows(h)).map(|h| h.hidden_class()).collect()
    }

    /// Stored as the number of its bit set (`storage::save_highlights`).
    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn from_bits(bits: u16) -> Self {
        Highlights(bits & ((1 << ALL.len()) - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonyms_are_off_by_default_and_choices_round_trip() {
        let d = Highlights::default();
        assert!(!d.shows(Highlight::Demonyms));
        assert!(ALL.iter().filter(|&&h| h != Highlight::Demonyms).all(|&h| d.shows(h)));
        assert_eq!(d.hidden_classes(), ["hide-demonym"]);
        let c = d.with(Highlight::Cues, false).with(Highlight::Demonyms, true);
        assert_eq!(Highlights::from_bits(c.bits()), c);
        assert_eq!(c.hidden_classes(), ["hide-cue"]);
        assert_eq!(Highlights::from_bits(u16::MAX).hidden_classes(), Vec::<&str>::new());
    }
}

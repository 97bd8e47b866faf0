//! Word lists: general English and world knowledge, never names taken from particular articles.
//!
//! Every list is a sorted `const` slice searched with binary search (a test checks the order), so
//! lookups cost `O(log n)` without a hash table, a build script or a `phf` dependency, and the
//! lists add only a few kilobytes to the WebAssembly file. [`contains_lower`], asked a few
//! dozen lists per word by every pass, answers ASCII words from a hash table per list built on
//! its first use (the binary search's answer exactly: the table is used only for a strictly
//! sorted list).
//!
//! Case conventions: lists of *names* (places, demonyms, organisations) hold the exact written
//! form and are matched case-sensitively, because in running text names are capitalised and a
//! lowercase "turkey" or "china" is not the country. Lists of *ordinary words* (common words,
//! titles, cues) are lowercase and matched case-insensitively.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Compare a lowercase lexicon entry with a word of any case, as if the word were lowercased,
/// without allocating.
pub fn cmp_lower(entry: &str, word: &str) -> Ordering {
    let mut w = word.chars().flat_map(char::to_lowercase);
    let mut e = entry.chars();
    loop {
        match (e.next(), w.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(a), Some(b)) => match a.cmp(&b) {
                Ordering::Equal => continue,
                o => return o,
            },
        }
    }
}

/// [`contains_lower`]'s hash tables, one per list, found by the list's address and length
/// (a dozen passes ask a few dozen lists per word; a probe costs less than a binary search).
#[derive(Default)]
struct ListTables {
    /// Open addressing over (address, length, index + 1 into `tables`); 0 for an empty slot.
    slots: Vec<(usize, usize, u32)>,
    /// Per list: its ASCII lowercase entries, or `None` when the list is not strictly sorted
    /// (the binary search's answer is then kept as it is).
    tables: Vec<Option<Table<()>>>,
}

impl ListTables {
    /// Membership of ASCII `word` (non-empty), lowercased, in `list`; `None`: ask the binary search.
    fn contains(&mut self, list: &'static [&'static str], word: &str) -> Option<bool> {
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, 0); 128];
        }
        let (addr, len) = (list.as_ptr() as usize, list.len());
        let mask = self.slots.len() - 1;
        let mut i = ((addr as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask;
        let k = loop {
            let (a, l, k) = self.slots[i];
            if k == 0 {
                if self.tables.len() * 2 >= self.slots.len() {
                    return None; // more lists than this cache was sized for
                }
                self.tables.push(Self::table(list));
                self.slots[i] = (addr, len, self.tables.len() as u32);
                break self.tables.len() - 1;
            }
            if a == addr && l == len {
                break k as usize - 1;
            }
            i = (i + 1) & mask;
        };
        let t = self.tables[k].as_ref()?;
        Some(t.probe(word, hash8(word.as_bytes(), true), true).is_some())
    }

    /// The entries an ASCII word lowercased can equal (ASCII, lowercase, non-empty); `None`
    /// when the list is not strictly sorted by bytes.
    fn table(list: &'static [&'static str]) -> Option<Table<()>> {
        if !list.windows(2).all(|p| p[0].as_bytes() < p[1].as_bytes()) {
            return None;
        }
        let mut t = Table::new(list.len(), true);
        for &e in list {
            if !e.is_empty() && e.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                t.entry(e);
            }
        }
        Some(t)
    }
}

thread_local! {
    static LIST_TABLES: std::cell::RefCell<ListTables> = std::cell::RefCell::new(ListTables::default());
}

/// Case-insensitive membership in a sorted lowercase list.
pub fn contains_lower(list: &'static [&'static str], word: &str) -> bool {
    if word.is_ascii() {
        if !word.is_empty() {
            if let Some(found) = LIST_TABLES.with(|t| t.borrow_mut().contains(list, word)) {
                return found;
            }
        }
        // Fast path: ASCII comparison without the char iterator.
        return list
            .binary_search_by(|e| {
                let (a, b) = (e.as_bytes(), word.as_bytes());
                let n = a.len().min(b.len());
                for i in 0..n {
                    let o = a[i].cmp(&b[i].to_ascii_lowercase());
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            })
            .is_ok();
    }
    list.binary_search_by(|e| cmp_lower(e, word)).is_ok()
}

/// Exact lookup in a sorted `(form, canonical)` list.
pub fn lookup<'a>(list: &'a [(&'a str, &'a str)], word: &str) -> Option<&'a str> {
    list.binary_search_by(|(k, _)| k.cmp(&word))
        .ok()
        .map(|i| list[i].1)
}

/// FNV-1a hashing: a few instructions per byte, plenty for a few thousand short keys.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    /// A `u64` key is already a word's hash (the entity model's document maps): one multiply
    /// and shift spread it over the bits the table reads, instead of a byte loop.
    #[inline]
    fn write_u64(&mut self, x: u64) {
        let h = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 32);
    }
}

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A 32-bit hash of the length and the first 8 bytes of `b` (enough to spread a few thousand
/// lexicon keys; slots keep the full hash and compare the whole key), ASCII-lowercased when
/// `lower`: hashing a word for a case-insensitive lookup needs no lowercased copy. The 8 bytes
/// are read as one `u64`, folded and mixed by one multiply, not byte by byte (every pass looks
/// words up here).
#[inline(always)]
fn hash8(b: &[u8], lower: bool) -> u32 {
    let n = b.len();
    let mut x = crate::text::le_prefix8(b);
    if lower {
        x = ascii_lower8(x);
    }
    let m = (x ^ (n as u64).rotate_left(59)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (m ^ (m >> 32)) as u32
}

/// The 8 bytes of `x` with each ASCII upper-case letter lowercased (`| 0x20`), every other byte
/// (non-ASCII ones included) unchanged: `u8::to_ascii_lowercase` on all eight at once.
#[inline(always)]
fn ascii_lower8(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HI;
    // Bit 7 of each byte: its low seven bits are >= 'A' (0x41), and >= '[' (0x5B); no carry
    // crosses a byte (at most 0x7F + 0x3F).
    let ge_a = low7.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let ge_z1 = low7.wrapping_add(0x2525_2525_2525_2525);
    let upper = ge_a & !ge_z1 & !x & HI;
    x | (upper >> 2)
}

/// A read-mostly string table with open addressing, built once from the sorted lists.
///
/// Unlike `HashMap<&str, _>` it hashes and compares a word **without allocating or copying**:
/// with `lower` set, keys are lowercase and a word of any case is hashed with ASCII lowercasing
/// inline and compared with `eq_ignore_ascii_case`; only non-ASCII words (rare in news text)
/// are lowercased into a temporary `String`. Each slot keeps the full hash, so a probe compares
/// strings only on a hash match. (`std`'s SipHash/hashbrown path is a call chain per lookup in
/// the browser's baseline compiler, and `to_lowercase` per word dominated WebAssembly profiles.)
pub struct Table<V> {
    slots: Vec<(u32, &'static str, V)>,
    mask: usize,
    lower: bool,
    len: usize,
}

impl<V: Default + Copy> Table<V> {
    /// A table for about `n` keys; `lower`: keys are lowercase and lookups ignore case.
    pub fn new(n: usize, lower: bool) -> Self {
        let cap = (n.max(4) * 2).next_power_of_two();
        Table {
            slots: vec![(0, "", V::default()); cap],
            mask: cap - 1,
            lower,
            len: 0,
        }
    }

    /// The value for `key` (inserted as default if new). Keys must be non-empty.
    pub fn entry(&mut self, key: &'static str) -> &mut V {
        debug_assert!(!key.is_empty());
        if self.len * 2 >= self.slots.len() {
            let mut bigger = Table::new(self.slots.len(), self.lower);
            for &(_, k, v) in self.slots.iter().filter(|s| !s.1.is_empty()) {
                *bigger.entry(k) = v;
            }
            *self = bigger;
        }
        let h = hash8(key.as_bytes(), false);
        let mut i = h as usize & self.mask;
        loop {
            let s = &self.slots[i];
            if s.1.is_empty() {
                self.slots[i] = (h, key, V::default());
                self.len += 1;
                return &mut self.slots[i].2;
            }
            if s.0 == h && s.1 == key {
                return &mut self.slots[i].2;
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn probe(&self, w: &str, h: u32, fold: bool) -> Option<V> {
        let mut i = h as usize & self.mask;
        loop {
            let s = &self.slots[i];
            if s.1.is_empty() {
                return None;
            }
            if s.0 == h
                && if fold {
                    s.1.eq_ignore_ascii_case(w)
                } else {
                    s.1 == w
                }
            {
                return Some(s.2);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Look `w` up (case-insensitively for a `lower` table).
    pub fn get(&self, w: &str) -> Option<V> {
        let h = hash8(w.as_bytes(), self.lower);
        if !self.lower || w.is_ascii() {
            return self.probe(w, h, self.lower);
        }
        if w.len() > 64 {
            return None;
        }
        // Most non-ASCII words have no char that lowercasing changes ("China’s", "café"): for
        // them the ASCII-folded hash and comparison answer as the lowercased copy would.
        if w.chars().all(|c| c.is_ascii() || unchanged_by_lowercase(c)) {
            return self.probe(w, h, true);
        }
        let l = w.to_lowercase();
        self.probe(&l, hash8(l.as_bytes(), false), false)
    }
}

/// `c.to_lowercase()` is `c` itself.
fn unchanged_by_lowercase(c: char) -> bool {
    let mut l = c.to_lowercase();
    l.next() == Some(c) && l.next().is_none()
}

/// `w` lowercased equals the lowercase `key`, without allocating.
#[inline]
pub fn eq_lower(w: &str, key: &str) -> bool {
    if w.is_ascii() {
        w.eq_ignore_ascii_case(key)
    } else {
        w.chars().flat_map(char::to_lowercase).eq(key.chars())
    }
}

/// Everything the exact-case name lists say about one string.
#[derive(Clone, Copy, Default)]
struct NameInfo {
    place: Option<&'static str>,
    demonym: Option<&'static str>,
    org: Option<&'static str>,
    org_head: bool,
    place_head: bool,
    corporate: bool,
    place_prefix: bool,
    town_body: bool,
    civic: bool,
    expert: bool,
}

/// Everything the lowercase word lists say about one word.
#[derive(Clone, Copy, Default)]
struct WordInfo {
    common: bool,
    title: bool,
    actor: bool,
    reporting: bool,
}

/// Hash indexes over the sorted lists, built once on first use: one lookup answers every list,
/// where binary searches would cost a dozen string comparisons per list in the hot loop.
fn name_index() -> &'static Table<NameInfo> {
    static INDEX: OnceLock<Table<NameInfo>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let n = PLACES.len()
            + DEMONYMS.len()
            + ORGANIZATIONS.len()
            + ORG_HEADS.len()
            + PLACE_HEADS.len()
            + CORPORATE_SUFFIXES.len()
            + PLACE_PREFIXES.len()
            + TOWN_BODY_HEADS.len()
            + CIVIC_NAME_WORDS.len()
            + EXPERT_NAME_WORDS.len();
        let mut m: Table<NameInfo> = Table::new(n, false);
        for (k, v) in PLACES {
            m.entry(k).place = Some(v);
        }
        for (k, v) in DEMONYMS {
            m.entry(k).demonym = Some(v);
        }
        for (k, v) in ORGANIZATIONS {
            m.entry(k).org = Some(v);
        }
        for k in ORG_HEADS {
            m.entry(k).org_head = true;
        }
        for k in PLACE_HEADS {
            m.entry(k).place_head = true;
        }
        for k in CORPORATE_SUFFIXES {
            m.entry(k).corporate = true;
        }
        for k in PLACE_PREFIXES {
            m.entry(k).place_prefix = true;
        }
        for k in TOWN_BODY_HEADS {
            m.entry(k).town_body = true;
        }
        for k in CIVIC_NAME_WORDS {
            m.entry(k).civic = true;
        }
        for k in EXPERT_NAME_WORDS {
            m.entry(k).expert = true;
        }
        m
    })
}

fn word_index() -> &'static Table<WordInfo> {
    static INDEX: OnceLock<Table<WordInfo>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: Table<WordInfo> = Table::new(
            COMMON.len() + TITLES.len() + OFFICIAL_ACTORS.len() + REPORTING_VERBS.len(),
            true,
        );
        for k in COMMON {
            m.entry(k).common = true;
        }
        for k in TITLES {
            m.entry(k).title = true;
        }
        for k in OFFICIAL_ACTORS {
            m.entry(k).actor = true;
        }
        for k in REPORTING_VERBS {
            m.entry(k).reporting = true;
        }
        m
    })
}

fn name(s: &str) -> NameInfo {
    name_index().get(s).unwrap_or_default()
}

/// Look a word up in the lowercase lists, case-insensitively and without copying it.
fn word(w: &str) -> WordInfo {
    word_index().get(w).unwrap_or_default()
}

/// (place, demonym, known organisation) canonical names of `s`, with one lookup.
pub fn gazetteer(
    s: &str,
) -> (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
) {
    let n = name(s);
    (n.place, n.demonym, n.org)
}
/// Bits of [`name_flags`]: what the exact-case name lists say about a string (one lookup), for
/// the entity model's lexicon features.
pub mod name_bit {
    pub const PLACE: u16 = 1;
    pub const DEMONYM: u16 = 1 << 1;
    pub const ORG: u16 = 1 << 2;
    pub const ORG_HEAD: u16 = 1 << 3;
    pub const PLACE_HEAD: u16 = 1 << 4;
    pub const CORPORATE: u16 = 1 << 5;
    pub const PLACE_PREFIX: u16 = 1 << 6;
    pub const TOWN_BODY: u16 = 1 << 7;
    pub const CIVIC: u16 = 1 << 8;
    pub const EXPERT: u16 = 1 << 9;
}

/// Every exact-case name list's answer for `s` as [`name_bit`] flags.
pub fn name_flags(s: &str) -> u16 {
    use name_bit::*;
    let n = name(s);
    let b = |x: bool, bit: u16| if x { bit } else { 0 };
    b(n.place.is_some(), PLACE)
        | b(n.demonym.is_some(), DEMONYM)
        | b(n.org.is_some(), ORG)
        | b(n.org_head, ORG_HEAD)
        | b(n.place_head, PLACE_HEAD)
        | b(n.corporate, CORPORATE)
        | b(n.place_prefix, PLACE_PREFIX)
        | b(n.town_body, TOWN_BODY)
        | b(n.civic, CIVIC)
        | b(n.expert, EXPERT)
}

/// Whether `s` is the first word of a place, demonym or organisation name of several words
/// ("New" of "New York", exact case): the entity model's gazetteer features look a longer
/// name up only after one.
pub fn opens_long_name(s: &str) -> bool {
    static FIRSTS: OnceLock<Table<bool>> = OnceLock::new();
    FIRSTS
        .get_or_init(|| {
            let mut t = Table::new(256, false);
            for (k, _) in PLACES.iter().chain(DEMONYMS).chain(ORGANIZATIONS) {
                if let Some((first, _)) = k.split_once(' ') {
                    *t.entry(first) = true;
                }
            }
            t
        })
        .get(s)
        .unwrap_or(false)
}

/// (common word, title, official actor, reporting verb) for `w`, case-insensitively, one lookup.
pub fn word_flags(w: &str) -> (bool, bool, bool, bool) {
    let i = word(w);
    (i.common, i.title || is_ologist(w), i.actor, i.reporting)
}
pub fn place(s: &str) -> Option<&'static str> {
    name(s).place
}
pub fn demonym(s: &str) -> Option<&'static str> {
    name(s).demonym
}
pub fn known_org(s: &str) -> Option<&'static str> {
    name(s).org
}
pub fn is_org_head(s: &str) -> bool {
    name(s).org_head
}
pub fn is_place_head(s: &str) -> bool {
    name(s).place_head
}
pub fn is_corporate_suffix(s: &str) -> bool {
    name(s).corporate
}
pub fn is_town_body(s: &str) -> bool {
    name(s).town_body
}
pub fn is_place_prefix(s: &str) -> bool {
    name(s).place_prefix
}
pub fn is_civic_name_word(s: &str) -> bool {
    name(s).civic
}
pub fn is_expert_name_word(s: &str) -> bool {
    name(s).expert
}
pub fn is_title(w: &str) -> bool {
    word(w).title || is_ologist(w)
}
/// Occupations named "-ologist" (meteorologist, epidemiologist, virologist): a productive
/// suffix, so a rule instead of a list.
#[inline]
pub fn is_ologist(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() > 8
        && (b[b.len() - 7..].eq_ignore_ascii_case(b"ologist")
            || b[b.len() - 8..].eq_ignore_ascii_case(b"ologists"))
}
pub fn is_common(w: &str) -> bool {
    word(w).common
}
pub fn is_reporting_verb(w: &str) -> bool {
    word(w).reporting
}
pub fn is_official_actor(w: &str) -> bool {
    actor_or_last_part(w, |x| word(x).actor)
}
// "Vice-Chancellor", "Deputy-Mayor": the role is the last part.
fn actor_or_last_part(w: &str, actor: impl Fn(&str) -> bool) -> bool {
    actor(w) || (w.as_bytes().contains(&b'-') && w.rsplit_once('-').is_some_and(|(_, r)| actor(r)))
}

/// `is_official_actor` from its own list alone, for the app, which asks about a suggestion's few
/// cue words: going through the word index would link every lowercase word list into its wasm.
pub fn is_official_actor_listed(w: &str) -> bool {
    actor_or_last_part(w, |x| OFFICIAL_ACTORS.iter().any(|k| eq_lower(x, k)))
}

/// `demonym` from its own (sorted) list alone, for the app, which asks it about the names it
/// draws: going through the name index would link every name list (places, organisations…) into
/// its wasm.
pub fn demonym_listed(s: &str) -> Option<&'static str> {
    DEMONYMS.binary_search_by(|(k, _)| (*k).cmp(s)).ok().map(|i| DEMONYMS[i].1)
}

/// Places: ISO 3166-1 English short names (in their everyday form: "South Korea", not "Korea,
/// Republic of"), common aliases, the 50 US states, world capitals and large cities (Wikipedia
/// "List of national capitals", "List of largest cities"), continents and regions. Canonical form
/// is the everyday country/city name.
pub const PLACES: &[(&str, &str)] = &[
    ("Abu Dhabi", "Abu Dhabi"),
    ("Accra", "Accra"),
    ("Addis Ababa", "Addis Ababa"),
    ("Afghanistan", "Afghanistan"),
    ("Africa", "Africa"),
    ("Alabama", "Alabama"),
    ("Alaska", "Alaska"),
    ("Albania", "Albania"),
    ("Algeria", "Algeria"),
    ("Algiers", "Algiers"),
    ("America", "United States"),
    ("Amman", "Amman"),
    ("Amsterdam", "Amsterdam"),
    ("Andorra", "Andorra"),
    ("Angola", "Angola"),
    ("Ankara", "Ankara"),
    ("Antarctica", "Antarctica"),
    ("Argentina", "Argentina"),
    ("Arizona", "Arizona"),
    ("Arkansas", "Arkansas"),
    ("Armenia", "Armenia"),
    ("Asia", "Asia"),
    ("Athens", "Athens"),
    ("Atlanta", "Atlanta"),
    ("Australia", "Australia"),
    ("Austria", "Austria"),
    ("Azerbaijan", "Azerbaijan"),
    ("Baghdad", "Baghdad"),
    ("Bahamas", "Bahamas"),
    ("Bahrain", "Bahrain"),
    ("Baku", "Baku"),
    ("Bangkok", "Bangkok"),
    ("Bangladesh", "Bangladesh"),
    ("Barbados", "Barbados"),
    ("Barcelona", "Barcelona"),
    ("Beijing", "Beijing"),
    ("Beirut", "Beirut"),
    ("Belarus", "Belarus"),
    ("Belgium", "Belgium"),
    ("Belgrade", "Belgrade"),
    ("Belize", "Belize"),
    ("Benin", "Benin"),
    ("Berlin", "Berlin"),
    ("Bern", "Bern"),
    ("Bhutan", "Bhutan"),
    ("Bogotá", "Bogotá"),
    ("Bolivia", "Bolivia"),
    ("Bosnia and Herzegovina", "Bosnia and Herzegovina"),
    ("Boston", "Boston"),
    ("Botswana", "Botswana"),
    ("Brasília", "Brasília"),
    ("Bratislava", "Bratislava"),
    ("Brazil", "Brazil"),
    ("Britain", "United Kingdom"),
    ("Brunei", "Brunei"),
    ("Brussels", "Brussels"),
    ("Bucharest", "Bucharest"),
    ("Budapest", "Budapest"),
    ("Buenos Aires", "Buenos Aires"),
    ("Bulgaria", "Bulgaria"),
    ("Burkina Faso", "Burkina Faso"),
    ("Burundi", "Burundi"),
    ("Cairo", "Cairo"),
    ("California", "California"),
    ("Cambodia", "Cambodia"),
    ("Cameroon", "Cameroon"),
    ("Canada", "Canada"),
    ("Canberra", "Canberra"),
    ("Cape Town", "Cape Town"),
    ("Caracas", "Caracas"),
    ("Chad", "Chad"),
    ("Chicago", "Chicago"),
    ("Chile", "Chile"),
    ("China", "China"),
    ("Colombia", "Colombia"),
    ("Colorado", "Colorado"),
    ("Congo", "Congo"),
    ("Connecticut", "Connecticut"),
    ("Copenhagen", "Copenhagen"),
    ("Costa Rica", "Costa Rica"),
    ("Croatia", "Croatia"),
    ("Cuba", "Cuba"),
    ("Cyprus", "Cyprus"),
    ("Czech Republic", "Czech Republic"),
    ("Czechia", "Czech Republic"),
    ("Dakar", "Dakar"),
    ("Dallas", "Dallas"),
    ("Damascus", "Damascus"),
    ("Delaware", "Delaware"),
    ("Delhi", "Delhi"),
    ("Denmark", "Denmark"),
    ("Dhaka", "Dhaka"),
    ("Djibouti", "Djibouti"),
    ("Doha", "Doha"),
    ("Dominican Republic", "Dominican Republic"),
    ("Dubai", "Dubai"),
    ("Dublin", "Dublin"),
    ("Ecuador", "Ecuador"),
    ("Edinburgh", "Edinburgh"),
    ("Egypt", "Egypt"),
    ("El Salvador", "El Salvador"),
    ("England", "England"),
    ("Eritrea", "Eritrea"),
    ("Estonia", "Estonia"),
    ("Eswatini", "Eswatini"),
    ("Ethiopia", "Ethiopia"),
    ("Europe", "Europe"),
    ("Fiji", "Fiji"),
    ("Finland", "Finland"),
    ("Florida", "Florida"),
    ("France", "France"),
    ("Frankfurt", "Frankfurt"),
    ("Gabon", "Gabon"),
    ("Gambia", "Gambia"),
    ("Gaza", "Gaza"),
    ("Geneva", "Geneva"),
    ("Georgia", "Georgia"),
    ("Germany", "Germany"),
    ("Ghana", "Ghana"),
    ("Great Britain", "United Kingdom"),
    ("Greece", "Greece"),
    ("Guatemala", "Guatemala"),
    ("Guinea", "Guinea"),
    ("Guyana", "Guyana"),
    ("Haiti", "Haiti"),
    ("Hamburg", "Hamburg"),
    ("Hanoi", "Hanoi"),
    ("Havana", "Havana"),
    ("Hawaii", "Hawaii"),
    ("Helsinki", "Helsinki"),
    ("Honduras", "Honduras"),
    ("Hong Kong", "Hong Kong"),
    ("Houston", "Houston"),
    ("Hungary", "Hungary"),
    ("Iceland", "Iceland"),
    ("Idaho", "Idaho"),
    ("Illinois", "Illinois"),
    ("India", "India"),
    ("Indiana", "Indiana"),
    ("Indonesia", "Indonesia"),
    ("Iowa", "Iowa"),
    ("Iran", "Iran"),
    ("Iraq", "Iraq"),
    ("Ireland", "Ireland"),
    ("Islamabad", "Islamabad"),
    ("Israel", "Israel"),
    ("Istanbul", "Istanbul"),
    ("Italy", "Italy"),
    ("Ivory Coast", "Ivory Coast"),
    ("Jakarta", "Jakarta"),
    ("Jamaica", "Jamaica"),
    ("Japan", "Japan"),
    ("Jerusalem", "Jerusalem"),
    ("Jordan", "Jordan"),
    ("Kabul", "Kabul"),
    ("Kansas", "Kansas"),
    ("Kazakhstan", "Kazakhstan"),
    ("Kentucky", "Kentucky"),
    ("Kenya", "Kenya"),
    ("Khartoum", "Khartoum"),
    ("Kinshasa", "Kinshasa"),
    ("Kosovo", "Kosovo"),
    ("Kuala Lumpur", "Kuala Lumpur"),
    ("Kuwait", "Kuwait"),
    ("Kyiv", "Kyiv"),
    ("Kyrgyzstan", "Kyrgyzstan"),
    ("Lagos", "Lagos"),
    ("Laos", "Laos"),
    ("Latvia", "Latvia"),
    ("Lebanon", "Lebanon"),
    ("Lesotho", "Lesotho"),
    ("Liberia", "Liberia"),
    ("Libya", "Libya"),
    ("Liechtenstein", "Liechtenstein"),
    ("Lima", "Lima"),
    ("Lisbon", "Lisbon"),
    ("Lithuania", "Lithuania"),
    ("London", "London"),
    ("Los Angeles", "Los Angeles"),
    ("Louisiana", "Louisiana"),
    ("Luxembourg", "Luxembourg"),
    ("Lyon", "Lyon"),
    ("Madagascar", "Madagascar"),
    ("Madrid", "Madrid"),
    ("Maine", "Maine"),
    ("Malawi", "Malawi"),
    ("Malaysia", "Malaysia"),
    ("Maldives", "Maldives"),
    ("Mali", "Mali"),
    ("Malta", "Malta"),
    ("Manila", "Manila"),
    ("Marseille", "Marseille"),
    ("Maryland", "Maryland"),
    ("Massachusetts", "Massachusetts"),
    ("Mauritania", "Mauritania"),
    ("Mauritius", "Mauritius"),
    ("Melbourne", "Melbourne"),
    ("Mexico", "Mexico"),
    ("Mexico City", "Mexico City"),
    ("Miami", "Miami"),
    ("Michigan", "Michigan"),
    ("Middle East", "Middle East"),
    ("Milan", "Milan"),
    ("Minnesota", "Minnesota"),
    ("Minsk", "Minsk"),
    ("Mississippi", "Mississippi"),
    ("Missouri", "Missouri"),
    ("Moldova", "Moldova"),
    ("Monaco", "Monaco"),
    ("Mongolia", "Mongolia"),
    ("Montana", "Montana"),
    ("Montenegro", "Montenegro"),
    ("Montreal", "Montreal"),
    ("Morocco", "Morocco"),
    ("Moscow", "Moscow"),
    ("Mozambique", "Mozambique"),
    ("Mumbai", "Mumbai"),
    ("Munich", "Munich"),
    ("Myanmar", "Myanmar"),
    ("Nairobi", "Nairobi"),
    ("Namibia", "Namibia"),
    ("Nebraska", "Nebraska"),
    ("Nepal", "Nepal"),
    ("Netherlands", "Netherlands"),
    ("Nevada", "Nevada"),
    ("New Delhi", "New Delhi"),
    ("New Hampshire", "New Hampshire"),
    ("New Jersey", "New Jersey"),
    ("New Mexico", "New Mexico"),
    ("New York", "New York"),
    ("New York City", "New York"),
    ("New Zealand", "New Zealand"),
    ("Nicaragua", "Nicaragua"),
    ("Niger", "Niger"),
    ("Nigeria", "Nigeria"),
    ("North America", "North America"),
    ("North Carolina", "North Carolina"),
    ("North Dakota", "North Dakota"),
    ("North Korea", "North Korea"),
    ("North Macedonia", "North Macedonia"),
    ("Northern Ireland", "Northern Ireland"),
    ("Norway", "Norway"),
    ("Ohio", "Ohio"),
    ("Oklahoma", "Oklahoma"),
    ("Oman", "Oman"),
    ("Oregon", "Oregon"),
    ("Osaka", "Osaka"),
    ("Oslo", "Oslo"),
    ("Ottawa", "Ottawa"),
    ("Pakistan", "Pakistan"),
    ("Palestine", "Palestine"),
    ("Panama", "Panama"),
    ("Papua New Guinea", "Papua New Guinea"),
    ("Paraguay", "Paraguay"),
    ("Paris", "Paris"),
    ("Pennsylvania", "Pennsylvania"),
    ("Peru", "Peru"),
    ("Philadelphia", "Philadelphia"),
    ("Philippines", "Philippines"),
    ("Poland", "Poland"),
    ("Portugal", "Portugal"),
    ("Prague", "Prague"),
    ("Pretoria", "Pretoria"),
    ("Pyongyang", "Pyongyang"),
    ("Qatar", "Qatar"),
    ("Quebec", "Quebec"),
    ("Rabat", "Rabat"),
    ("Rhode Island", "Rhode Island"),
    ("Riga", "Riga"),
    ("Rio de Janeiro", "Rio de Janeiro"),
    ("Riyadh", "Riyadh"),
    ("Romania", "Romania"),
    ("Rome", "Rome"),
    ("Russia", "Russia"),
    ("Rwanda", "Rwanda"),
    ("San Francisco", "San Francisco"),
    ("Santiago", "Santiago"),
    ("Saudi Arabia", "Saudi Arabia"),
    ("Scotland", "Scotland"),
    ("Seattle", "Seattle"),
    ("Senegal", "Senegal"),
    ("Seoul", "Seoul"),
    ("Serbia", "Serbia"),
    ("Shanghai", "Shanghai"),
    ("Shenzhen", "Shenzhen"),
    ("Sierra Leone", "Sierra Leone"),
    ("Silicon Valley", "Silicon Valley"),
    ("Singapore", "Singapore"),
    ("Slovakia", "Slovakia"),
    ("Slovenia", "Slovenia"),
    ("Somalia", "Somalia"),
    ("South Africa", "South Africa"),
    ("South America", "South America"),
    ("South Carolina", "South Carolina"),
    ("South Dakota", "South Dakota"),
    ("South Korea", "South Korea"),
    ("South Sudan", "South Sudan"),
    ("Spain", "Spain"),
    ("Sri Lanka", "Sri Lanka"),
    ("Stockholm", "Stockholm"),
    ("Sudan", "Sudan"),
    ("Suriname", "Suriname"),
    ("Sweden", "Sweden"),
    ("Switzerland", "Switzerland"),
    ("Sydney", "Sydney"),
    ("Syria", "Syria"),
    ("Taipei", "Taipei"),
    ("Taiwan", "Taiwan"),
    ("Tajikistan", "Tajikistan"),
    ("Tallinn", "Tallinn"),
    ("Tanzania", "Tanzania"),
    ("Tehran", "Tehran"),
    ("Tel Aviv", "Tel Aviv"),
    ("Tennessee", "Tennessee"),
    ("Texas", "Texas"),
    ("Thailand", "Thailand"),
    ("Togo", "Togo"),
    ("Tokyo", "Tokyo"),
    ("Toronto", "Toronto"),
    ("Tunisia", "Tunisia"),
    ("Turkey", "Turkey"),
    ("Turkmenistan", "Turkmenistan"),
    ("U.K.", "United Kingdom"),
    ("U.S.", "United States"),
    ("U.S.A.", "United States"),
    ("UAE", "United Arab Emirates"),
    ("UK", "United Kingdom"),
    ("US", "United States"),
    ("USA", "United States"),
    ("Uganda", "Uganda"),
    ("Ukraine", "Ukraine"),
    ("United Arab Emirates", "United Arab Emirates"),
    ("United Kingdom", "United Kingdom"),
    ("United States", "United States"),
    ("United States of America", "United States"),
    ("Uruguay", "Uruguay"),
    ("Utah", "Utah"),
    ("Uzbekistan", "Uzbekistan"),
    ("Vancouver", "Vancouver"),
    ("Venezuela", "Venezuela"),
    ("Vermont", "Vermont"),
    ("Vienna", "Vienna"),
    ("Vietnam", "Vietnam"),
    ("Virginia", "Virginia"),
    ("Wales", "Wales"),
    ("Warsaw", "Warsaw"),
    ("Washington", "Washington"),
    ("Washington, D.C.", "Washington"),
    ("West Virginia", "West Virginia"),
    ("Wisconsin", "Wisconsin"),
    ("Wyoming", "Wyoming"),
    ("Yemen", "Yemen"),
    ("Zagreb", "Zagreb"),
    ("Zambia", "Zambia"),
    ("Zimbabwe", "Zimbabwe"),
    ("Zurich", "Zurich"),
];

/// Demonyms and group nouns (Wikipedia "List of adjectival and demonymic forms for countries and
/// nations"; a few religious and political groups). Plural nouns map to the adjective, which is
/// the canonical form: "Americans" and "American" are one group.
pub const DEMONYMS: &[(&str, &str)] = &[
    ("Afghan", "Afghan"),
    ("Afghans", "Afghan"),
    ("African", "African"),
    ("Africans", "African"),
    ("Albanian", "Albanian"),
    ("Albanians", "Albanian"),
    ("Algerian", "Algerian"),
    ("Algerians", "Algerian"),
    ("American", "American"),
    ("Americans", "American"),
    ("Arab", "Arab"),
    ("Arabs", "Arab"),
    ("Argentine", "Argentine"),
    ("Argentinian", "Argentine"),
    ("Armenian", "Armenian"),
    ("Armenians", "Armenian"),
    ("Asian", "Asian"),
    ("Asians", "Asian"),
    ("Australian", "Australian"),
    ("Australians", "Australian"),
    ("Austrian", "Austrian"),
    ("Austrians", "Austrian"),
    ("Azerbaijani", "Azerbaijani"),
    ("Azerbaijanis", "Azerbaijani"),
    ("Bangladeshi", "Bangladeshi"),
    ("Belarusian", "Belarusian"),
    ("Belarusians", "Belarusian"),
    ("Belgian", "Belgian"),
    ("Belgians", "Belgian"),
    ("Bolivian", "Bolivian"),
    ("Bolivians", "Bolivian"),
    ("Bosnian", "Bosnian"),
    ("Bosnians", "Bosnian"),
    ("Brazilian", "Brazilian"),
    ("Brazilians", "Brazilian"),
    ("British", "British"),
    ("Britons", "British"),
    ("Bulgarian", "Bulgarian"),
    ("Bulgarians", "Bulgarian"),
    ("Californian", "Californian"),
    ("Californians", "Californian"),
    ("Cambodian", "Cambodian"),
    ("Cambodians", "Cambodian"),
    ("Cameroonian", "Cameroonian"),
    ("Cameroonians", "Cameroonian"),
    ("Canadian", "Canadian"),
    ("Canadians", "Canadian"),
    ("Catholic", "Catholic"),
    ("Catholics", "Catholic"),
    ("Chilean", "Chilean"),
    ("Chileans", "Chilean"),
    ("Chinese", "Chinese"),
    ("Christian", "Christian"),
    ("Christians", "Christian"),
    ("Colombian", "Colombian"),
    ("Colombians", "Colombian"),
    ("Croatian", "Croatian"),
    ("Croatians", "Croatian"),
    ("Cuban", "Cuban"),
    ("Cubans", "Cuban"),
    ("Cypriot", "Cypriot"),
    ("Cypriots", "Cypriot"),
    ("Czech", "Czech"),
    ("Danish", "Danish"),
    ("Democrat", "Democrat"),
    ("Democrats", "Democrat"),
    ("Dutch", "Dutch"),
    ("Ecuadorian", "Ecuadorian"),
    ("Ecuadorians", "Ecuadorian"),
    ("Egyptian", "Egyptian"),
    ("Egyptians", "Egyptian"),
    ("Emirati", "Emirati"),
    ("English", "English"),
    ("Estonian", "Estonian"),
    ("Estonians", "Estonian"),
    ("Ethiopian", "Ethiopian"),
    ("Ethiopians", "Ethiopian"),
    ("European", "European"),
    ("Europeans", "European"),
    ("Filipino", "Filipino"),
    ("Filipinos", "Filipino"),
    ("Finnish", "Finnish"),
    ("French", "French"),
    ("Georgian", "Georgian"),
    ("Georgians", "Georgian"),
    ("German", "German"),
    ("Germans", "German"),
    ("Ghanaian", "Ghanaian"),
    ("Ghanaians", "Ghanaian"),
    ("Greek", "Greek"),
    ("Greeks", "Greek"),
    ("Hindu", "Hindu"),
    ("Hindus", "Hindu"),
    ("Hungarian", "Hungarian"),
    ("Hungarians", "Hungarian"),
    ("Icelandic", "Icelandic"),
    ("Indian", "Indian"),
    ("Indians", "Indian"),
    ("Indonesian", "Indonesian"),
    ("Indonesians", "Indonesian"),
    ("Iranian", "Iranian"),
    ("Iranians", "Iranian"),
    ("Iraqi", "Iraqi"),
    ("Iraqis", "Iraqi"),
    ("Irish", "Irish"),
    ("Israeli", "Israeli"),
    ("Israelis", "Israeli"),
    ("Italian", "Italian"),
    ("Italians", "Italian"),
    ("Japanese", "Japanese"),
    ("Jewish", "Jewish"),
    ("Jews", "Jewish"),
    ("Jordanian", "Jordanian"),
    ("Jordanians", "Jordanian"),
    ("Kazakh", "Kazakh"),
    ("Kazakhs", "Kazakh"),
    ("Kenyan", "Kenyan"),
    ("Kenyans", "Kenyan"),
    ("Korean", "Korean"),
    ("Koreans", "Korean"),
    ("Kurdish", "Kurdish"),
    ("Kurds", "Kurdish"),
    ("Latino", "Latino"),
    ("Latinos", "Latino"),
    ("Latvian", "Latvian"),
    ("Latvians", "Latvian"),
    ("Lebanese", "Lebanese"),
    ("Libyan", "Libyan"),
    ("Libyans", "Libyan"),
    ("Lithuanian", "Lithuanian"),
    ("Lithuanians", "Lithuanian"),
    ("Luxembourgish", "Luxembourgish"),
    ("Macedonian", "Macedonian"),
    ("Macedonians", "Macedonian"),
    ("Malaysian", "Malaysian"),
    ("Malaysians", "Malaysian"),
    ("Maltese", "Maltese"),
    ("Mexican", "Mexican"),
    ("Mexicans", "Mexican"),
    ("Moldovan", "Moldovan"),
    ("Moldovans", "Moldovan"),
    ("Mongolian", "Mongolian"),
    ("Mongolians", "Mongolian"),
    ("Montenegrin", "Montenegrin"),
    ("Montenegrins", "Montenegrin"),
    ("Moroccan", "Moroccan"),
    ("Moroccans", "Moroccan"),
    ("Muslim", "Muslim"),
    ("Muslims", "Muslim"),
    ("Nepalese", "Nepalese"),
    ("Nepali", "Nepali"),
    ("Nigerian", "Nigerian"),
    ("Nigerians", "Nigerian"),
    ("North Korean", "North Korean"),
    ("North Koreans", "North Korean"),
    ("Norwegian", "Norwegian"),
    ("Norwegians", "Norwegian"),
    ("Pakistani", "Pakistani"),
    ("Pakistanis", "Pakistani"),
    ("Palestinian", "Palestinian"),
    ("Palestinians", "Palestinian"),
    ("Paraguayan", "Paraguayan"),
    ("Paraguayans", "Paraguayan"),
    ("Peruvian", "Peruvian"),
    ("Peruvians", "Peruvian"),
    ("Polish", "Polish"),
    ("Portuguese", "Portuguese"),
    ("Republican", "Republican"),
    ("Republicans", "Republican"),
    ("Romanian", "Romanian"),
    ("Romanians", "Romanian"),
    ("Russian", "Russian"),
    ("Russians", "Russian"),
    ("Saudi", "Saudi"),
    ("Saudis", "Saudi"),
    ("Scottish", "Scottish"),
    ("Senegalese", "Senegalese"),
    ("Serbian", "Serbian"),
    ("Serbians", "Serbian"),
    ("Singaporean", "Singaporean"),
    ("Singaporeans", "Singaporean"),
    ("Slovak", "Slovak"),
    ("Slovenian", "Slovenian"),
    ("Slovenians", "Slovenian"),
    ("South African", "South African"),
    ("South Africans", "South African"),
    ("South Korean", "South Korean"),
    ("South Koreans", "South Korean"),
    ("Spanish", "Spanish"),
    ("Sri Lankan", "Sri Lankan"),
    ("Sri Lankans", "Sri Lankan"),
    ("Swedish", "Swedish"),
    ("Swiss", "Swiss"),
    ("Syrian", "Syrian"),
    ("Syrians", "Syrian"),
    ("Taiwanese", "Taiwanese"),
    ("Tanzanian", "Tanzanian"),
    ("Tanzanians", "Tanzanian"),
    ("Thai", "Thai"),
    ("Tibetan", "Tibetan"),
    ("Tibetans", "Tibetan"),
    ("Tunisian", "Tunisian"),
    ("Tunisians", "Tunisian"),
    ("Turkish", "Turkish"),
    ("Ugandan", "Ugandan"),
    ("Ugandans", "Ugandan"),
    ("Ukrainian", "Ukrainian"),
    ("Ukrainians", "Ukrainian"),
    ("Uruguayan", "Uruguayan"),
    ("Uruguayans", "Uruguayan"),
    ("Uyghur", "Uyghur"),
    ("Uyghurs", "Uyghur"),
    ("Uzbek", "Uzbek"),
    ("Uzbeks", "Uzbek"),
    ("Venezuelan", "Venezuelan"),
    ("Venezuelans", "Venezuelan"),
    ("Vietnamese", "Vietnamese"),
    ("Welsh", "Welsh"),
    ("Yemeni", "Yemeni"),
    ("Zambian", "Zambian"),
    ("Zambians", "Zambian"),
    ("Zimbabwean", "Zimbabwean"),
    ("Zimbabweans", "Zimbabwean"),
];

/// International organisations and news agencies whose names carry no organisation head word
/// (Wikipedia "List of intergovernmental organizations"; the major wire services).
pub const ORGANIZATIONS: &[(&str, &str)] = &[
    ("AFP", "Agence France-Presse"),
    ("ASEAN", "ASEAN"),
    ("Agence France-Presse", "Agence France-Presse"),
    ("Associated Press", "Associated Press"),
    ("BBC", "BBC"),
    ("Bloomberg", "Bloomberg"),
    ("CNN", "CNN"),
    ("Congress", "Congress"),
    ("EU", "European Union"),
    ("European Union", "European Union"),
    ("FBI", "FBI"),
    ("G20", "G20"),
    ("G7", "G7"),
    ("IMF", "International Monetary Fund"),
    ("Interpol", "Interpol"),
    ("NATO", "NATO"),
    ("OPEC", "OPEC"),
    ("Pentagon", "Pentagon"),
    ("Reuters", "Reuters"),
    ("UN", "United Nations"),
    ("United Nations", "United Nations"),
    ("WHO", "World Health Organization"),
    ("WTO", "World Trade Organization"),
    ("White House", "White House"),
    ("Xinhua", "Xinhua"),
];

/// Head words that make a capitalised sequence an organisation ("Cyberspace *Administration* of
/// China", "Micron *Technology*", "Wall Street *Journal*"): institution nouns, legal suffixes and
/// the industry descriptors that end registered company names ("Semiconductors", "Research",
/// "Therapeutics"; more from the sector and industry names of the Global Industry Classification
/// Standard, GICS: "Utilities", "Water", "Power", "Metals", "Retail", "Transport"), the
/// traditional suffixes of football club names ("Rovers", "Athletic", "Albion", "FC") and the
/// "Friends of …" of campaign groups. Exact case.
pub const ORG_HEADS: &[&str] = &[
    "Abogados",
    "Academy",
    "Administration",
    "Advogados",
    "Aerospace",
    "Agency",
    "Aggregates",
    "Airlines",
    "Airport",
    "Airports",
    "Airways",
    "Albion",
    "Alliance",
    "Analytics",
    "Assembly",
    "Association",
    "Athletic",
    "Authority",
    "Automotive",
    "Bank",
    "Beverages",
    "Biosciences",
    "Biotech",
    "Board",
    "Brands",
    "Bureau",
    "Cabinet",
    "Capital",
    "Center",
    "Centre",
    "Chamber",
    "Chemicals",
    "Chronicle",
    "Church",
    "Club",
    "Co",
    "Co.",
    "Coalition",
    "Collective",
    "College",
    "Commission",
    "Committee",
    "Communications",
    "Company",
    "Confederation",
    "Congress",
    "Consulting",
    "Cooperative",
    "Corp",
    "Corp.",
    "Corporation",
    "Corriere",
    "Council",
    "Courant",
    "Courier",
    "Court",
    "Dagbladet",
    "Department",
    "Diario",
    "Directorate",
    "Dispatch",
    "Diário",
    "Electronics",
    "Energy",
    "Engineering",
    "Enterprises",
    "Entertainment",
    "Equipment",
    "Examiner",
    "FC",
    "Farms",
    "Federation",
    "Foods",
    "Forum",
    "Foundation",
    "Freight",
    "Friends",
    "Fund",
    "Gazette",
    "Gazzetta",
    "Group",
    "Guild",
    "Herald",
    "Holdings",
    "Homes",
    "Hospital",
    "Hotels",
    "Inc",
    "Inc.",
    "Industries",
    "Infirmary",
    "Initiative",
    "Inquirer",
    "Institute",
    "Institution",
    "Insurance",
    "Investments",
    "Journal",
    "LLC",
    "Laboratories",
    "Labs",
    "League",
    "Ledger",
    "Legislature",
    "Logistics",
    "Ltd",
    "Ltd.",
    "Machinery",
    "Materials",
    "Media",
    "Metals",
    "Mining",
    "Ministry",
    "Motors",
    "Network",
    "Networks",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Packaging",
    "Parliament",
    "Partners",
    "Party",
    "Petroleum",
    "Pharma",
    "Pharmaceuticals",
    "Police",
    "Post",
    "Posten",
    "Power",
    "Press",
    "Properties",
    "Rail",
    "Railways",
    "Rangers",
    "Regulator",
    "Research",
    "Reserve",
    "Retail",
    "Robotics",
    "Rovers",
    "School",
    "Secretariat",
    "Securities",
    "Semiconductor",
    "Semiconductors",
    "Senate",
    "Sentinel",
    "Service",
    "Services",
    "Shipping",
    "Society",
    "Software",
    "Solutions",
    "Studios",
    "Systems",
    "Technologies",
    "Technology",
    "Telecom",
    "Therapeutics",
    "Tidende",
    "Times",
    "Tobacco",
    "Transport",
    "Tribunal",
    "Tribune",
    "Trust",
    "Union",
    "University",
    "Utilities",
    "Ventures",
    "Wanderers",
    "Water",
    "Wireless",
    "Zeitung",
];

/// Final words that make a capitalised sequence a place ("Mill Road", "Lake Varen").
pub const PLACE_HEADS: &[&str] = &[
    "Avenue",
    "Bay",
    "Boulevard",
    "Bridge",
    "Coast",
    "County",
    "Delta",
    "Desert",
    "District",
    "Estuary",
    "Forest",
    "Harbor",
    "Harbour",
    "Heights",
    "Highlands",
    "Hills",
    "Island",
    "Islands",
    "Lake",
    "Lane",
    "Marshes",
    "Moor",
    "Mountain",
    "Mountains",
    "Park",
    "Peninsula",
    "Plateau",
    "Province",
    "Region",
    "River",
    "Road",
    "Square",
    "Street",
    "Valley",
    "Wetlands",
    "Woods",
];

/// Lowercase nouns that, right after an unknown name, make it a place ("the Kestrel Mills site",
/// "Holmfirth prison", "the Santa Irene market", "the Vallund basin"): areas, landforms, and
/// facilities named after their town.
pub const PLACE_NOUNS_AFTER: &[&str] = &[
    "airport",
    "area",
    "basin",
    "city",
    "coast",
    "commune",
    "council",
    "county",
    "delta",
    "district",
    "estate",
    "estuary",
    "forest",
    "glacier",
    "highlands",
    "hills",
    "island",
    "islands",
    "lowlands",
    "market",
    "marshes",
    "mountains",
    "municipality",
    "neighborhood",
    "neighbourhood",
    "plateau",
    "police",
    "prefecture",
    "prison",
    "province",
    "region",
    "river",
    "site",
    "suburb",
    "valley",
    "volcano",
    "wetlands",
];

/// Heads of institutions conventionally named after their town or area ("Brackenford City
/// Council", "Kelderwick University", "Ashby Hospital"): the word before them is a place name.
/// Exact case, sorted.
pub const TOWN_BODY_HEADS: &[&str] = &[
    "Airport",
    "Cathedral",
    "College",
    "Constabulary",
    "Council",
    "Hospital",
    "Infirmary",
    "Library",
    "Museum",
    "Observatory",
    "Police",
    "Prison",
    "University",
];

/// First words that make a capitalised sequence a place ("Port of Valmara", "Mount Kenya",
/// "Gulf of Aden"): the generic terms that precede the specific name in English geographic names
/// (gazetteer feature terms), and their Spanish, Portuguese and Italian counterparts ("Santa
/// Irene", "Porto Marena", "Serra Grande"). "Port", "Gulf", "Isle", "Bay" also join across "of".
/// Exact case.
pub const PLACE_PREFIXES: &[&str] = &[
    "Bay", "Cape", "Fort", "Gulf", "Ilha", "Isla", "Isle", "Lake", "Las", "Les", "Los", "Monte",
    "Mount", "Nueva", "Nuevo", "Port", "Porto", "Puerto", "Punta", "River", "Saint", "Sainte",
    "San", "Santa", "Santo", "Serra", "Sierra", "São", "Val", "Vila",
];

/// Lowercase nouns that, right before an unknown name, name the kind of organisation it is
/// ("the farmers’ association Campo Unido", "prison reform charity Open Doors", "the messaging
/// app Chatterly"): the descriptive appositive of news style, which introduces an organisation by
/// its type. A title before a name ("spokesperson Jane Doe") is a person instead.
pub const ORG_NOUNS_BEFORE: &[&str] = &[
    "agency",
    "airline",
    "app",
    "association",
    "bank",
    "brand",
    "broadcaster",
    "campaign",
    "carrier",
    "chain",
    "charity",
    "club",
    "coalition",
    "company",
    "conglomerate",
    "consultancy",
    "contractor",
    "cooperative",
    "developer",
    "firm",
    "group",
    "insurer",
    "lender",
    "maker",
    "manufacturer",
    "movement",
    "network",
    "newspaper",
    "nonprofit",
    "operator",
    "organisation",
    "organization",
    "outlet",
    "party",
    "platform",
    "publisher",
    "regulator",
    "retailer",
    "startup",
    "subcontractor",
    "supplier",
    "union",
    "utility",
    "watchdog",
];

/// Lowercase words that, right before an unknown name, make it a place ("based in Bergen",
/// "neighbouring Moravon", "the town of Drummel"). "of" only counts after a settlement noun or a noun for a place's
/// people or parts ("residents of Brennick", "the mayor of X", "the outskirts of X"); see the
/// entity module.
pub const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "neighboring", "neighbouring", "outside"];
pub const SETTLEMENT_NOUNS: &[&str] = &[
    "capital",
    "citizens",
    "city",
    "county",
    "government",
    "inhabitants",
    "island",
    "kingdom",
    "mayor",
    "municipality",
    "outskirts",
    "parts",
    "port",
    "province",
    "region",
    "republic",
    "residents",
    "suburbs",
    "town",
    "township",
    "village",
];

/// Words inside an organisation's name that make it an interest group rather than an
/// institution: advocacy heads ("Coalition", "Campaign", "Friends") and the constituencies such
/// groups are named for ("Consumers’ Federation", "Harbour Workers Federation", "Parents
/// Alliance"), trade associations included ("Automotive Manufacturers Association"), the interest-group source category of news sourcing studies (Sigal 1973; Gans
/// 1979, *Deciding What's News*). Exact case, possessive marks removed.
pub const CIVIC_NAME_WORDS: &[&str] = &[
    "Action",
    "Advocates",
    "Alliance",
    "Campaign",
    "Citizens",
    "Coalition",
    "Consumers",
    "Drivers",
    "Employees",
    "Employers",
    "Exporters",
    "Families",
    "Farmers",
    "Friends",
    "Growers",
    "Landlords",
    "Manufacturers",
    "Movement",
    "Neighbors",
    "Neighbours",
    "Nurses",
    "Owners",
    "Parents",
    "Passengers",
    "Patients",
    "Pensioners",
    "Producers",
    "Residents",
    "Retailers",
    "Students",
    "Taxpayers",
    "Teachers",
    "Tenants",
    "Trades",
    "Victims",
    "Workers",
];

/// Words inside an organisation's name that make it an expert source (research institutes,
/// universities, think tanks: Sigal's expert sources): their statements are assessments, not
/// official positions. Exact case.
pub const EXPERT_NAME_WORDS: &[&str] = &[
    "Academy",
    "College",
    "Institute",
    "Observatory",
    "Research",
    "University",
];

/// Organisation-type nouns before a name that introduce an interest group ("prison reform
/// charity Open Doors"); "group", "association" and "union" only after a possessive or one of
/// [`ADVOCACY_MODIFIERS`] ("parents’ group", "rights group"): a "mining group" is a company.
pub const CIVIC_ORG_NOUNS: &[&str] = &[
    "association",
    "campaign",
    "charity",
    "coalition",
    "group",
    "movement",
    "nonprofit",
    "union",
];
pub const ADVOCACY_MODIFIERS: &[&str] = &[
    "activist",
    "advocacy",
    "campaign",
    "consumer",
    "environmental",
    "lobby",
    "patient",
    "pressure",
    "protest",
    "rights",
];

/// Legal suffixes written in lower case after a company's name ("Northway Bank plc"): part of
/// the name though not capitalised.
pub const LOWER_CASE_LEGAL_SUFFIXES: &[&str] = &["plc"];

pub fn is_lower_case_legal_suffix(w: &str) -> bool {
    LOWER_CASE_LEGAL_SUFFIXES.contains(&w)
}

/// Heads that are only legal/corporate suffixes: "Micron Technology" can later be called "Micron".
pub const CORPORATE_SUFFIXES: &[&str] = &[
    "AG",
    "Aerospace",
    "Aggregates",
    "Airlines",
    "Airport",
    "Airports",
    "Analytics",
    "Automotive",
    "Beverages",
    "Biosciences",
    "Biotech",
    "Brands",
    "Capital",
    "Chemicals",
    "Co",
    "Co.",
    "Consulting",
    "Corp",
    "Corp.",
    "Corporation",
    "Electronics",
    "Energy",
    "Engineering",
    "Entertainment",
    "Equipment",
    "Farms",
    "Foods",
    "Freight",
    "Group",
    "Holdings",
    "Homes",
    "Hotels",
    "Inc",
    "Inc.",
    "Industries",
    "Insurance",
    "Investments",
    "LLC",
    "Labs",
    "Logistics",
    "Ltd",
    "Ltd.",
    "Machinery",
    "Materials",
    "Metals",
    "Mining",
    "Motors",
    "Networks",
    "PLC",
    "Packaging",
    "Petroleum",
    "Pharma",
    "Pharmaceuticals",
    "Properties",
    "Retail",
    "Robotics",
    "SA",
    "Securities",
    "Semiconductor",
    "Semiconductors",
    "Shipping",
    "Software",
    "Solutions",
    "Studios",
    "Systems",
    "Technologies",
    "Technology",
    "Telecom",
    "Therapeutics",
    "Tobacco",
    "Ventures",
    "Wireless",
];

/// Religions among [`DEMONYMS`] (the rules read "Muslim leaders" like "French leaders"): the
/// guide labels nationalities as groups, not believers. Sorted.
pub const RELIGIONS: &[&str] = &["Catholic", "Catholics", "Christian", "Christians", "Hindu", "Hindus", "Muslim", "Muslims"];

/// Lower-case particles inside names of people and places ("Vilanova do Mar", "Ludwig van
/// Beethoven", "Valcourt-sur-Lène"). Sorted.
pub const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du", "la",
    "le", "sur", "van", "von",
];

/// Titles, honorifics and roles that precede a person's name ("Minister Ana Lopez", "spokesperson
/// Jane Doe", "Mr. Smith"). Lowercase; matched case-insensitively.
pub const TITLES: &[&str] = &[
    "activist",
    "adm.",
    "admiral",
    "adviser",
    "advisor",
    "ambassador",
    "analyst",
    "archbishop",
    "attorney",
    "author",
    "bishop",
    "capt.",
    "captain",
    "cardinal",
    "ceo",
    "cfo",
    "chairman",
    "chairwoman",
    "chancellor",
    "chef",
    "chief",
    "coach",
    "col.",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "constable",
    "coo",
    "councillor",
    "councilman",
    "councilor",
    "councilwoman",
    "counsel",
    "cto",
    "dame",
    "deputy",
    "detective",
    "director",
    "doctor",
    "dr",
    "dr.",
    "economist",
    "editor",
    "executive",
    "founder",
    "gen.",
    "general",
    "gov.",
    "governor",
    "historian",
    "inspector",
    "journalist",
    "judge",
    "justice",
    "king",
    "lady",
    "lawmaker",
    "lawyer",
    "leader",
    "lieutenant",
    "lord",
    "lt.",
    "manager",
    "mayor",
    "mep",
    "minister",
    "mp",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "officer",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "principal",
    "prof.",
    "professor",
    "prosecutor",
    "queen",
    "rep.",
    "representative",
    "researcher",
    "rev.",
    "reverend",
    "scientist",
    "secretary",
    "sen.",
    "senator",
    "sergeant",
    "sgt.",
    "sheriff",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "superintendent",
    "treasurer",
    "vice",
];

/// Capitalised words that are not names: function words, discourse markers, months and days,
/// generic nouns that start sentences ("Officials", "Critics", "Sources"), and acronyms that are
/// not organisations. Drawn from the most frequent English words (general frequency lists) and
/// news-style sentence openers. Lowercase; matched case-insensitively.
pub const COMMON: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "additionally",
    "after",
    "afterwards",
    "again",
    "against",
    "ai",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "amid",
    "among",
    "an",
    "analysts",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "api",
    "april",
    "are",
    "around",
    "as",
    "at",
    "august",
    "authorities",
    "back",
    "be",
    "because",
    "before",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "both",
    "breaking",
    "but",
    "by",
    "can",
    "celsius",
    "ceo",
    "certainly",
    "christmas",
    "clearly",
    "companies",
    "consequently",
    "consumers",
    "could",
    "covid",
    "critics",
    "currently",
    "customers",
    "december",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "easter",
    "either",
    "else",
    "elsewhere",
    "email",
    "even",
    "eventually",
    "ever",
    "every",
    "everyone",
    "everything",
    "exclusive",
    "experts",
    "fahrenheit",
    "faq",
    "february",
    "few",
    "finally",
    "first",
    "firstly",
    "following",
    "for",
    "former",
    "friday",
    "from",
    "further",
    "furthermore",
    "gdp",
    "given",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hence",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "id",
    "if",
    "importantly",
    "in",
    "including",
    "indeed",
    "instead",
    "interestingly",
    "internet",
    "into",
    "investors",
    "is",
    "it",
    "its",
    "itself",
    "january",
    "july",
    "june",
    "just",
    "last",
    "lastly",
    "later",
    "latest",
    "least",
    "less",
    "let",
    "like",
    "likewise",
    "many",
    "march",
    "may",
    "maybe",
    "meanwhile",
    "members",
    "might",
    "monday",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "near",
    "neither",
    "never",
    "nevertheless",
    "new",
    "next",
    "ngo",
    "ngos",
    "no",
    "none",
    "nonetheless",
    "nor",
    "not",
    "notably",
    "nothing",
    "november",
    "now",
    "october",
    "of",
    "officials",
    "often",
    "ok",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "opponents",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "out",
    "over",
    "overall",
    "people",
    "per",
    "perhaps",
    "pm",
    "previously",
    "proponents",
    "ramadan",
    "rather",
    "recently",
    "regardless",
    "regulators",
    "residents",
    "saturday",
    "second",
    "secondly",
    "september",
    "several",
    "she",
    "should",
    "similarly",
    "since",
    "so",
    "some",
    "someone",
    "something",
    "sometimes",
    "soon",
    "sources",
    "specifically",
    "still",
    "such",
    "sunday",
    "supporters",
    "thanksgiving",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "through",
    "throughout",
    "thursday",
    "thus",
    "to",
    "today",
    "together",
    "tomorrow",
    "too",
    "toward",
    "towards",
    "tuesday",
    "tv",
    "two",
    "ultimately",
    "under",
    "unless",
    "unlike",
    "until",
    "up",
    "upon",
    "us",
    "users",
    "usually",
    "very",
    "via",
    "was",
    "we",
    "wednesday",
    "were",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Nouns naming an official actor ("officials said", "the regulator ruled"), for the `official`
/// stance: a position or decision stated by a government, regulator, company or spokesperson.
pub const OFFICIAL_ACTORS: &[&str] = &[
    "administration",
    "agency",
    "association",
    "authorities",
    "authority",
    "board",
    "bureau",
    "cabinet",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "commission",
    "commissioner",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "director",
    "director-general",
    "directors",
    "executive",
    "federation",
    "firm",
    "government",
    "governor",
    "judge",
    "leader",
    "league",
    "mayor",
    "minister",
    "ministry",
    "office",
    "officer",
    "officials",
    "police",
    "premier",
    "president",
    "regulator",
    "regulators",
    "ruling",
    "secretary",
    "senator",
    "service",
    "services",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "utility",
    "vice-chancellor",
];

/// Non-official sources: experts quoted for an assessment and citizens or campaigners quoted
/// for a reaction, rather than an institution's position (news sourcing studies separate
/// official, expert and citizen sources, e.g. Sigal 1973, *Reporters and Officials*). Lowercase.
pub const NON_OFFICIAL_SOURCES: &[&str] = &[
    "academics",
    "activists",
    "analyst",
    "analysts",
    "campaigners",
    "economist",
    "economists",
    "expert",
    "experts",
    "protesters",
    "researcher",
    "researchers",
    "residents",
    "scientist",
    "scientists",
];

/// Citizen and interest-group sources (a subset of the non-official ones, plus the constituencies
/// unions and campaigns speak for): quoted for reactions, which in news are mostly objections
/// (Sigal 1973; Gans 1979). A criticism cue in their statement counts more. Lowercase.
pub const CITIZEN_SOURCES: &[&str] = &[
    "activists",
    "advocates",
    "campaigners",
    "consumers",
    "customers",
    "families",
    "farmers",
    "parents",
    "passengers",
    "patients",
    "protesters",
    "residents",
    "shopkeepers",
    "supporters",
    "tenants",
    "union",
    "unions",
    "workers",
];

/// Reporting verbs: the verbs that introduce what a source said (Thompson & Ye 1991, "Evaluation
/// in the reporting verbs used in academic papers"; Hyland 2002 reporting-verb taxonomy; news
/// attribution verbs such as "told", "announced"). Inflected forms are listed explicitly so a
/// lookup is one binary search. "according" stands for "according to".
pub const REPORTING_VERBS: &[&str] = &[
    "according",
    "accuse",
    "accused",
    "accuses",
    "acknowledged",
    "acknowledges",
    "added",
    "adds",
    "admits",
    "admitted",
    "alleged",
    "alleges",
    "announced",
    "announces",
    "apologised",
    "apologized",
    "argue",
    "argued",
    "argues",
    "assert",
    "asserted",
    "asserts",
    "called",
    "claim",
    "claimed",
    "claims",
    "commented",
    "concluded",
    "concludes",
    "condemned",
    "confirmed",
    "confirms",
    "contend",
    "contended",
    "contends",
    "criticised",
    "criticized",
    "declared",
    "declares",
    "defended",
    "defends",
    "denied",
    "denies",
    "described",
    "determined",
    "emphasise",
    "emphasised",
    "emphasises",
    "emphasize",
    "emphasized",
    "emphasizes",
    "explained",
    "explains",
    "expressed",
    "feared",
    "fears",
    "insisted",
    "insists",
    "maintained",
    "maintains",
    "noted",
    "notes",
    "pledged",
    "predicted",
    "promised",
    "rejected",
    "replied",
    "reported",
    "reports",
    "responded",
    "revealed",
    "reveals",
    "said",
    "say",
    "says",
    "signaled",
    "signalled",
    "signals",
    "stated",
    "states",
    "stating",
    "stressed",
    "stresses",
    "suggested",
    "suggests",
    "tell",
    "tells",
    "testified",
    "told",
    "urged",
    "urges",
    "vowed",
    "warn",
    "warned",
    "warning",
    "warns",
    "wrote",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted(name: &str, xs: &[&str]) {
        for w in xs.windows(2) {
            assert!(
                w[0] < w[1],
                "{name}: {:?} must come before {:?}",
                w[1],
                w[0]
            );
        }
    }

    /// The eight-at-once fold lowercases exactly what `to_ascii_lowercase` does, byte by byte:
    /// every byte value in every position.
    #[test]
    fn ascii_lower8_is_to_ascii_lowercase_per_byte() {
        for v in 0..=255u8 {
            for pos in 0..8 {
                let mut b = [b'a', b'Z', 0x80, b'@', b'[', 0xC3, b'q', b'M'];
                b[pos] = v;
                let want = b.map(|c| c.to_ascii_lowercase());
                assert_eq!(ascii_lower8(u64::from_le_bytes(b)).to_le_bytes(), want, "{b:?}");
            }
        }
    }

    /// `contains_lower` agrees with lowercasing the word and comparing: every list entry as it is
    /// and upper-cased, near misses, long and non-ASCII words.
    #[test]
    fn contains_lower_is_lowercase_membership() {
        for list in [COMMON, TITLES, OFFICIAL_ACTORS, REPORTING_VERBS, NON_OFFICIAL_SOURCES] {
            let mut words: Vec<String> = vec!["".into(), "a".into(), "zzzz".into(), "x".repeat(40), "Caf\u{E9}".into(), "\u{212A}ing".into()];
            for w in list {
                words.extend([w.to_string(), w.to_uppercase(), format!("{w}s"), w[..w.len() - 1].to_string(), format!("{w}{}", "q".repeat(30))]);
            }
            for w in &words {
                let want = list.contains(&w.chars().flat_map(char::to_lowercase).collect::<String>().as_str());
                assert_eq!(contains_lower(list, w), want, "{w}");
            }
        }
    }

    #[test]
    fn lower_table_answers_as_lowercasing_does() {
        let keys = ["café", "china’s", "king", "straße", "σας", "internationally", "spokeswoman"];
        let mut t: Table<u8> = Table::new(8, true);
        for (i, k) in keys.iter().enumerate() {
            *t.entry(k) = i as u8 + 1;
        }
        for w in ["CAFÉ", "Café", "café", "CHINA’S", "China’s", "\u{212A}ing", "KING", "Straße", "ΣΑΣ", "σας", "caf", "China's", "ÇAFÉ", "INTERNATIONALLY", "Internationallz", "internationall", "Spokeswoman", "SPOKESWOMAN", "spokeswomen"] {
            let want = keys.iter().position(|k| *k == w.to_lowercase()).map(|i| i as u8 + 1);
            assert_eq!(t.get(w), want, "{w}");
        }
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        let keys = |l: &[(&'static str, &'static str)]| l.iter().map(|p| p.0).collect::<Vec<_>>();
        assert_sorted("PLACES", &keys(PLACES));
        assert_sorted("DEMONYMS", &keys(DEMONYMS));
        assert_sorted("ORGANIZATIONS", &keys(ORGANIZATIONS));
        assert_sorted("ORG_HEADS", ORG_HEADS);
        assert_sorted("CORPORATE_SUFFIXES", CORPORATE_SUFFIXES);
        assert_sorted("PLACE_HEADS", PLACE_HEADS);
        assert_sorted("PLACE_NOUNS_AFTER", PLACE_NOUNS_AFTER);
        assert_sorted("PLACE_PREFIXES", PLACE_PREFIXES);
        assert_sorted("TOWN_BODY_HEADS", TOWN_BODY_HEADS);
        assert_sorted("ORG_NOUNS_BEFORE", ORG_NOUNS_BEFORE);
        assert_sorted("CIVIC_NAME_WORDS", CIVIC_NAME_WORDS);
        assert_sorted("EXPERT_NAME_WORDS", EXPERT_NAME_WORDS);
        assert_sorted("CIVIC_ORG_NOUNS", CIVIC_ORG_NOUNS);
        assert_sorted("ADVOCACY_MODIFIERS", ADVOCACY_MODIFIERS);
        assert_sorted("PLACE_PREPOSITIONS", PLACE_PREPOSITIONS);
        assert_sorted("SETTLEMENT_NOUNS", SETTLEMENT_NOUNS);
        assert_sorted("TITLES", TITLES);
        assert_sorted("COMMON", COMMON);
        assert_sorted("OFFICIAL_ACTORS", OFFICIAL_ACTORS);
        assert_sorted("REPORTING_VERBS", REPORTING_VERBS);
        assert_sorted("NON_OFFICIAL_SOURCES", NON_OFFICIAL_SOURCES);
        assert_sorted("CITIZEN_SOURCES", CITIZEN_SOURCES);
    }

    #[test]
    fn listed_lookups_answer_as_the_indexes_do() {
        let probes = ["Chinese", "chinese", "China", "Ministry", "ministry", "Vice-Chancellor", "deputy-mayor",
            "spokesperson", "SPOKESPERSON", "Micron", "", "-", "Britons", "British"];
        let all = DEMONYMS.iter().map(|p| p.0).chain(OFFICIAL_ACTORS.iter().copied()).chain(PLACES.iter().map(|p| p.0))
            .chain(COMMON.iter().copied()).chain(TITLES.iter().copied()).chain(probes);
        for w in all {
            assert_eq!(demonym_listed(w), demonym(w), "{w}");
            assert_eq!(is_official_actor_listed(w), is_official_actor(w), "{w}");
            let upper = w.to_uppercase();
            assert_eq!(is_official_actor_listed(&upper), is_official_actor(&upper), "{upper}");
        }
        assert!(demonym_listed("Chinese").is_some() && is_official_actor_listed("Deputy-Minister"));
    }

    #[test]
    fn lookups() {
        fn check(got: bool, expected: bool, what: &str) {
            assert_eq!(got, expected, "{what}");
        }
        check(place("China").is_some(), true, "China");
        check(place("china").is_some(), false, "lowercase china");
        check(place("U.S.") == Some("United States"), true, "U.S.");
        check(demonym("Chinese").is_some(), true, "Chinese");
        check(is_common("However"), true, "However");
        check(is_common("FOLLOWING"), true, "FOLLOWING");
        check(is_common("Micron"), false, "Micron");
        check(is_title("Mr."), true, "Mr.");
        check(is_title("spokesperson"), true, "spokesperson");
        check(is_org_head("Department"), true, "Department");
        check(is_reporting_verb("Told"), true, "Told");
    }
}

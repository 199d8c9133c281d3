//! The gazetteer's entries and the indexes that find them by any spelling.

use super::cues::word_key;
use super::normalise::{edit_distance, fold, normalise};
use rustc_hash::FxHashSet;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher: the index holds a few hundred thousand short
/// keys built at every start, where the default SipHash is the slow part.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// FNV-1a over the bytes of a fold, extendable word by word: the hash of
/// the fold of a span grows as the span does.
#[derive(Debug, Clone, Copy)]
pub struct PrefixHash(u64);

impl Default for PrefixHash {
    fn default() -> Self {
        PrefixHash(0xcbf2_9ce4_8422_2325)
    }
}

impl PrefixHash {
    pub fn push_str(&mut self, s: &str) {
        for b in s.bytes() {
            self.push(b);
        }
    }

    fn push(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }

    /// The hash, its bits mixed (FNV leaves the high bits weak).
    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

/// A Bloom filter of every prefix of every folded alias. Recognition tries
/// spans of up to fifteen words after `la` or `de`: a span whose fold starts
/// no alias is not one, nor is any longer span, and the filter says so from
/// two bits of one word (1 MB, in cache) instead of a miss in the
/// big hash table. It may say "maybe" wrongly (1.5 % of the time for the
/// half million prefixes of the bundled aliases), never
/// "no" wrongly.
#[derive(Debug, Clone, Default)]
pub struct Prefixes {
    bits: Vec<u64>,
}

const PREFIX_BITS: u64 = 1 << 23;

impl Prefixes {
    fn insert(&mut self, key: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (PREFIX_BITS / 64) as usize];
        }
        let mut h = PrefixHash::default();
        for b in key.bytes() {
            h.push(b);
            let (word, mask) = Self::bits_of(h.finish());
            self.bits[word] |= mask;
        }
    }

    /// Whether some alias may start with the fold whose hash is `h`.
    pub fn may_start(&self, h: PrefixHash) -> bool {
        let (word, mask) = Self::bits_of(h.finish());
        self.bits.get(word).is_some_and(|w| w & mask == mask)
    }

    /// Two bits in one word, so a test costs one memory access.
    fn bits_of(h: u64) -> (usize, u64) {
        let word = (h % (PREFIX_BITS / 64)) as usize;
        (word, 1 << ((h >> 32) % 64) | 1 << ((h >> 40) % 64))
    }
}

/// The shapes (first byte, last byte, length) of a small set of words,
/// as bits of an 8 KB table: a test in one load, in cache, that rules out
/// most words before a hash lookup in the set. The last byte matters:
/// `le` and `du` have the shapes of `la` and `de` by first byte and length
/// alone, and they are among the commonest words of French.
#[derive(Debug, Clone, Default)]
pub struct WordShapes {
    bits: Vec<u64>,
}

/// Bits of a shape's slot in [`WordShapes`].
const SHAPE_BITS: u32 = 16;

impl WordShapes {
    fn insert(&mut self, w: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; 1 << (SHAPE_BITS - 6)];
        }
        if let Some((word, mask)) = Self::slot(w) {
            self.bits[word] |= mask;
        }
    }

    /// Whether the set may hold `w` (no when it surely does not).
    pub fn may_hold(&self, w: &str) -> bool {
        match (Self::slot(w), self.bits.is_empty()) {
            (Some((word, mask)), false) => self.bits[word] & mask != 0,
            // The empty word, or no words at all: let the set answer.
            _ => true,
        }
    }

    /// The word of the table and the bit in it of `w`'s shape.
    fn slot(w: &str) -> Option<(usize, u64)> {
        let b = w.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        let len = b.len().min(255) as u32;
        let shape = u32::from(first) | u32::from(last) << 8 | len << 16;
        let h = shape.wrapping_mul(0x9e37_79b1) >> (32 - SHAPE_BITS);
        Some(((h / 64) as usize, 1 << (h % 64)))
    }
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Place,
    Organisation,
    Person,
}

impl EntityKind {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "place" | "lieu" | "p" => Some(EntityKind::Place),
            "organisation" | "organization" | "org" | "o" => Some(EntityKind::Organisation),
            "person" | "personne" | "people" | "h" => Some(EntityKind::Person),
            _ => None,
        }
    }
}

/// Where an entry comes from; a later source overrides an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Generated = 0,
    Curated = 1,
    User = 2,
}

#[derive(Debug, Clone)]
pub struct Alias {
    pub text: String,
    /// A common word, or a far spelling: counts only with context.
    pub needs_context: bool,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntityKind,
    pub canonical: String,
    pub aliases: Vec<Alias>,
    pub weight: u64,
    pub source: Source,
}

/// A reference to one alias of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    pub alias: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// fold(alias) → hits.
    pub by_fold: FastMap<String, Vec<Hit>>,
    /// normalise(alias) → hits.
    pub by_key: FastMap<String, Vec<Hit>>,
    /// fold and normalise of the first word of every alias of two words or
    /// more, with the most words such an alias has: longer spans are tried
    /// only from these, and only that long.
    pub first_words: FastMap<String, usize>,
    /// fold of the first word of aliases written in lowercase (`armée syrienne`).
    pub lower_first: FastSet<String>,
    /// The same words of up to 16 bytes by `cues::word_key`: nearly every
    /// word of a text is asked, and an integer hashes and compares faster.
    pub lower_first_keys: FxHashSet<u128>,
    /// The first bytes and lengths of `lower_first`, asked first.
    pub lower_first_shapes: WordShapes,
    /// Every prefix of the keys of `by_fold`.
    pub prefixes: Prefixes,
}

/// Parses gazetteer lines: `kind <TAB> canonical <TAB> alias|alias… [<TAB> weight]`.
/// A kind written `-place` removes the names from that kind instead.
pub fn parse_lines(text: &str, source: Source) -> (Vec<Entry>, Vec<(EntityKind, String)>) {
    let mut entries = Vec::new();
    let mut removals = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(kind_col), Some(canonical)) = (cols.first(), cols.get(1).map(|c| c.trim()))
        else {
            continue;
        };
        let (remove, kind_col) = match kind_col.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, *kind_col),
        };
        let Some(kind) = EntityKind::parse(kind_col) else {
            continue;
        };
        let listed = cols.get(2).map_or("", |c| c.trim());
        let mut names: Vec<&str> = vec![canonical];
        names.extend(listed.split('|').map(str::trim).filter(|a| !a.is_empty()));
        if remove {
            removals.extend(
                names
                    .iter()
                    .map(|n| (kind, n.trim_start_matches('~').to_string())),
            );
            continue;
        }
        let mut aliases: Vec<Alias> = Vec::new();
        for n in names {
            let needs_context = n.starts_with('~');
            let text = n.trim_start_matches('~').to_string();
            if text.is_empty() {
                continue;
            }
            match aliases.iter_mut().find(|a| a.text == text) {
                // The canonical is listed first without `~`; a later `~` says it is a common word.
                Some(a) => a.needs_context |= needs_context,
                None => aliases.push(Alias {
                    text,
                    needs_context,
                }),
            }
        }
        let weight = cols.get(3).and_then(|w| w.trim().parse().ok()).unwrap_or(0);
        entries.push(Entry {
            kind,
            canonical: canonical.trim_start_matches('~').to_string(),
            aliases,
            weight,
            source,
        });
    }
    (entries, removals)
}

impl Index {
    /// Adds entries and indexes their aliases.
    pub fn add(&mut self, entries: Vec<Entry>) {
        for e in entries {
            let id = self.entries.len() as u32;
            for (a, alias) in e.aliases.iter().enumerate() {
                let hit = Hit {
                    entry: id,
                    alias: a as u32,
                };
                let words: Vec<&str> = alias
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.len() > 1 {
                    for key in [fold(words[0]), normalise(words[0])] {
                        let n = self.first_words.entry(key).or_insert(0);
                        *n = (*n).max(words.len());
                    }
                }
                if alias.text.starts_with(char::is_lowercase) {
                    if let Some(w) = words.first() {
                        let f = fold(w);
                        self.lower_first_shapes.insert(&f);
                        if let Some(k) = word_key(&f) {
                            self.lower_first_keys.insert(k);
                        }
                        self.lower_first.insert(f);
                    }
                }
                let f = fold(&alias.text);
                if f.is_empty() {
                    continue;
                }
                self.prefixes.insert(&f);
                self.by_fold.entry(f).or_default().push(hit);
                // Far spellings of generated places (foreign and historical names)
                // are matched exactly only: a third of the aliases, half the load time.
                if alias.needs_context && e.source == Source::Generated {
                    continue;
                }
                let k = normalise(&alias.text);
                if !k.is_empty() {
                    self.by_key.entry(k).or_default().push(hit);
                }
            }
            self.entries.push(e);
        }
    }

    /// Forgets a name of a kind (a user's `-kind` line).
    pub fn remove(&mut self, kind: EntityKind, name: &str) {
        let entries = &self.entries;
        let keep = |h: &Hit| entries[h.entry as usize].kind != kind;
        if let Some(v) = self.by_fold.get_mut(&fold(name)) {
            v.retain(keep);
        }
        if let Some(v) = self.by_key.get_mut(&normalise(name)) {
            v.retain(keep);
        }
    }

    /// Whether a folded word is the first word of a lowercase alias; the
    /// shapes first, since nearly every word of a text is asked.
    pub fn starts_lowercase_alias(&self, folded: &str) -> bool {
        self.lower_first_shapes.may_hold(folded)
            && match word_key(folded) {
                Some(k) => self.lower_first_keys.contains(&k),
                None => self.lower_first.contains(folded),
            }
    }

    pub fn entry(&self, h: Hit) -> &Entry {
        &self.entries[h.entry as usize]
    }

    pub fn alias(&self, h: Hit) -> &Alias {
        &self.entry(h).aliases[h.alias as usize]
    }

    /// Hits for a name: exact (folded) spellings first, else transliteration variants.
    pub fn lookup(&self, name: &str) -> &[Hit] {
        self.lookup_exact(name).0
    }

    /// Hits for a key already folded.
    pub fn hits_of_fold(&self, folded: &str) -> &[Hit] {
        let mut h = PrefixHash::default();
        h.push_str(folded);
        if !self.prefixes.may_start(h) {
            return &[];
        }
        self.by_fold.get(folded).map_or(&[], Vec::as_slice)
    }

    /// [`Index::hits_of_fold`] for a fold whose hash the caller has found
    /// in `prefixes` already.
    pub fn hits_of_checked_fold(&self, folded: &str) -> &[Hit] {
        self.by_fold.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Hits for a name, and whether they are exact spellings rather than variants.
    pub fn lookup_exact(&self, name: &str) -> (&[Hit], bool) {
        self.lookup_exact_folded(name, &fold(name), None)
    }

    /// [`Index::lookup_exact`] for a name whose fold the caller has, and
    /// maybe its normalised key: recognition asks about every capitalised word.
    pub fn lookup_exact_folded(
        &self,
        name: &str,
        folded: &str,
        key: Option<&str>,
    ) -> (&[Hit], bool) {
        let exact = self.hits_of_fold(folded);
        if !exact.is_empty() {
            return (exact, true);
        }
        (self.lookup_variant(name, folded, key), false)
    }

    /// Hits for transliteration variants of a name (its normalised key),
    /// given its fold and maybe its key.
    pub fn lookup_variant(&self, name: &str, folded: &str, key: Option<&str>) -> &[Hit] {
        // Short keys meet too many unrelated names. A key is never longer
        // than the fold, so a short fold spares normalising.
        if folded.chars().count() < 5 {
            return &[];
        }
        let owned;
        let key = match key {
            Some(k) => k,
            None => {
                owned = normalise(name);
                &owned
            }
        };
        if key.chars().count() < 5 {
            return &[];
        }
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The best of several hits: a user's entry over a curated one over a
    /// generated one, then the weightier (population).
    pub fn best(&self, hits: &[Hit], kind: Option<EntityKind>) -> Option<Hit> {
        hits.iter()
            .copied()
            .filter(|h| kind.is_none_or(|k| self.entry(*h).kind == k))
            .max_by_key(|h| {
                let e = self.entry(*h);
                let plain = !self.alias(*h).needs_context;
                (e.source, e.weight, std::cmp::Reverse(h.entry), plain)
            })
    }

    pub fn resolve(&self, kind: EntityKind, name: &str) -> Option<&str> {
        let hits = self.lookup(name.trim());
        self.best(hits, Some(kind))
            .map(|h| self.entry(h).canonical.as_str())
    }

    pub fn aliases(&self, kind: EntityKind, canonical: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let want = fold(canonical);
        // The canonical name is one of its own aliases, so the entries are
        // among the hits of its folded form: no scan of every entry (this
        // runs for each entity of each document indexed).
        let mut entries: Vec<u32> = self
            .by_fold
            .get(&want)
            .map(|hits| hits.iter().map(|h| h.entry).collect())
            .unwrap_or_default();
        entries.sort_unstable();
        entries.dedup();
        for e in entries
            .into_iter()
            .map(|i| &self.entries[i as usize])
            .filter(|e| e.kind == kind && fold(&e.canonical) == want)
        {
            for a in &e.aliases {
                if !out.contains(&a.text) {
                    out.push(a.text.clone());
                }
            }
        }
        out
    }

    pub fn suggest(&self, kind: EntityKind, name: &str, n: usize) -> Vec<String> {
        let key = normalise(name);
        let mut scored: Vec<(usize, std::cmp::Reverse<u64>, &str)> = Vec::new();
        for (k, hits) in &self.by_key {
            // Keys whose length differs a lot cannot be close.
            if k.len().abs_diff(key.len()) > 3 {
                continue;
            }
            let d = edit_distance(k, &key);
            for h in hits {
                let e = self.entry(*h);
                if e.kind == kind {
                    scored.push((d, std::cmp::Reverse(e.weight), e.canonical.as_str()));
                }
            }
        }
        scored.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, _, c) in scored {
            if out.len() >= n {
                break;
            }
            if !out.iter().any(|o| o == c) {
                out.push(c.to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> Index {
        let mut i = Index::default();
        i.add(parse_lines(text, Source::Curated).0);
        i
    }

    #[test]
    fn lowercase_first_words_are_found_short_or_long() {
        let i = index(
            "organisation\tArmée syrienne libre\tarmée syrienne libre\n\
             place\tQuartier\tabcdéfghijklmnopqrs quartier\n",
        );
        // Up to 16 bytes the integer keys answer, beyond them the strings.
        assert!(i.starts_lowercase_alias("armee"));
        assert!(i.starts_lowercase_alias("abcdefghijklmnopqrs"));
        assert!(!i.starts_lowercase_alias("armees"));
        assert!(!i.starts_lowercase_alias("arme"));
        assert!(!i.starts_lowercase_alias("abcdefghijklmnopqrt"));
        assert!(!i.starts_lowercase_alias("syrienne"));
        // Within reach of the prefix filter, the table answers as
        // `hits_of_fold` does.
        for f in ["armeesyriennelibre", "armee", "quartier"] {
            assert_eq!(i.hits_of_checked_fold(f), i.hits_of_fold(f), "{f}");
        }
    }

    #[test]
    fn parses_kinds_aliases_and_context_marks() {
        let (e, r) = parse_lines(
            "# c\nplace\tNice\t~Nice|Nizza\t340000\n-place\tOrange\norg\tONU\tNations unies\n",
            Source::User,
        );
        assert_eq!(e.len(), 2);
        assert!(e[0].aliases[0].needs_context && !e[0].aliases[1].needs_context);
        assert_eq!(e[0].weight, 340000);
        assert_eq!(e[1].kind, EntityKind::Organisation);
        assert_eq!(r, vec![(EntityKind::Place, "Orange".to_string())]);
    }

    #[test]
    fn resolves_variants_and_suggests() {
        let i = index("place\tAl-Qaryatayn\tQaryatayn\nplace\tPalmyre\tTadmor\n");
        assert_eq!(
            i.resolve(EntityKind::Place, "al-Qarytayn"),
            Some("Al-Qaryatayn")
        );
        assert_eq!(i.resolve(EntityKind::Place, "Tadmor"), Some("Palmyre"));
        assert_eq!(i.resolve(EntityKind::Person, "Tadmor"), None);
        assert!(!i.lookup_exact("Qarytayn").1, "a variant");
        assert_eq!(i.lookup_exact("Qarytayn").0.len(), 2, "both aliases");
        assert!(i.lookup_exact_folded("Tadmr", "tadmr", None).0.is_empty());
        assert_eq!(
            i.suggest(EntityKind::Place, "Qaryatyn", 1),
            ["Al-Qaryatayn"]
        );
        assert_eq!(
            i.aliases(EntityKind::Place, "Palmyre"),
            ["Palmyre", "Tadmor"]
        );
    }

    #[test]
    fn word_shapes_rule_out_words() {
        let mut s = WordShapes::default();
        assert!(s.may_hold("la"));
        s.insert("armee");
        s.insert("la");
        assert!(s.may_hold("la") && s.may_hold("armee"));
        assert!(s.may_hold("azure"), "the shape of armee");
        assert!(!s.may_hold("le") && !s.may_hold("les") && !s.may_hold("arme"));
        assert!(!s.may_hold("mer") && !s.may_hold("ab"));
        assert!(s.may_hold(""));
    }

    #[test]
    fn prefixes_of_aliases_may_start_names() {
        let i = index("place\tDeir ez-Zor\nplace\tLe Mans\n");
        let may = |s: &str| {
            let mut h = PrefixHash::default();
            h.push_str(s);
            i.prefixes.may_start(h)
        };
        assert!(may("deir") && may("deirez") && may("deirezzor") && may("lem"));
        // Word by word, the same hash.
        let mut h = PrefixHash::default();
        h.push_str("le");
        h.push_str("mans");
        assert!(i.prefixes.may_start(h));
        assert!(!may("lemansx") && !may("zor") && !may("paris"));
        assert!(!Index::default().prefixes.may_start(PrefixHash::default()));
    }
}

//! Entities: places, organisations and people under one canonical name each.
//!
//! Names come from the gazetteer (GeoNames and CLDR places, a curated list of
//! organisations and people, a user's file) and from the text itself
//! (acronym definitions, titled people, places introduced as such).

mod cues;
mod detect;
mod gazetteer;
mod normalise;
mod tokens;
mod unseen;

use crate::article::Entity;
use gazetteer::{parse_lines, Hit, Index, PrefixHash, Source};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tokens::{tokenise, Token};

pub use gazetteer::EntityKind;
pub use normalise::{fold, fold_char, normalise};

/// Entities found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub places: Vec<Entity>,
    pub organisations: Vec<Entity>,
    pub people: Vec<Entity>,
}

/// Generated from GeoNames and CLDR by scripts/build-gazetteer.py.
const PLACES: &str = include_str!("../../data/places.tsv");
/// Hand-curated organisations, people and regions.
const CURATED: &str = include_str!("../../data/curated.tsv");

/// The gazetteer: canonical names, types and aliases. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    index: Arc<Index>,
}

impl Gazetteer {
    /// The gazetteer bundled with fouille, built once per process.
    pub fn bundled() -> Self {
        static BUNDLED: OnceLock<Arc<Index>> = OnceLock::new();
        let index = BUNDLED.get_or_init(|| {
            let mut index = Index::default();
            index.add(parse_lines(PLACES, Source::Generated).0);
            index.add(parse_lines(CURATED, Source::Curated).0);
            Arc::new(index)
        });
        Gazetteer {
            index: index.clone(),
        }
    }

    /// Adds or overrides entries from a user file (same format as data/curated.tsv).
    pub fn with_file(self, path: impl AsRef<Path>) -> anyhow::Result<Gazetteer> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read gazetteer {}: {e}", path.display()))?;
        Ok(self.with_text(&text))
    }

    /// Same as [`Gazetteer::with_file`], for a file already read.
    pub fn with_text(self, text: &str) -> Gazetteer {
        let (entries, removals) = parse_lines(text, Source::User);
        let mut index = Arc::unwrap_or_clone(self.index);
        for (kind, name) in removals {
            index.remove(kind, &name);
        }
        index.add(entries);
        Gazetteer {
            index: Arc::new(index),
        }
    }

    /// Alias of [`Gazetteer::with_file`].
    pub fn load_user_file(self, path: impl AsRef<Path>) -> anyhow::Result<Gazetteer> {
        self.with_file(path)
    }

    /// The canonical name of any alias or spelling variant of `name`.
    pub fn resolve(&self, kind: EntityKind, name: &str) -> Option<&str> {
        self.index.resolve(kind, name)
    }

    /// Every known surface name of a canonical entity.
    pub fn aliases(&self, kind: EntityKind, canonical: &str) -> Vec<String> {
        self.index.aliases(kind, canonical)
    }

    /// The `n` canonical names closest to `name` (edit distance on normalised keys).
    pub fn suggest(&self, kind: EntityKind, name: &str, n: usize) -> Vec<String> {
        self.index.suggest(kind, name, n)
    }

    /// Finds the entities of an article.
    pub fn recognise(&self, title: &str, body: &str) -> Found {
        let mut text = String::with_capacity(title.len() + 2 + body.len());
        for part in [title, "\n\n", body] {
            text.push_str(part);
        }
        let toks = tokenise(&text);
        let mut doc = Doc::new(&text, &toks);
        unseen::program_keys(&mut doc);
        detect::acronym_definitions(&self.index, &mut doc);
        unseen::civility_people(&self.index, &mut doc);
        // Before the gazetteer: `Jassim, un habitant` is a person, not the town of Jasim.
        detect::titled_people(&self.index, &mut doc);
        self.scan_gazetteer(&mut doc);
        detect::introduced_places(&self.index, &mut doc);
        detect::ministries(&mut doc);
        // Last: names no list holds, over the words the others left.
        unseen::unseen_names(&self.index, &mut doc);
        doc.into_found()
    }

    /// Longest gazetteer names, left to right, over the tokens not yet taken.
    fn scan_gazetteer(&self, doc: &mut Doc) {
        let mut bufs = KeyBufs::default();
        let mut i = 0;
        while i < doc.toks.len() {
            match self.match_at(doc, i, &mut bufs) {
                Some((end, m)) => {
                    doc.add(m, i, end);
                    i = end + 1;
                }
                None => i += 1,
            }
        }
    }

    /// The longest acceptable name starting at token `i`: its last token and mention.
    fn match_at(&self, doc: &Doc, i: usize, bufs: &mut KeyBufs) -> Option<(usize, Mention)> {
        let idx = &self.index;
        let toks = doc.toks;
        let t = toks[i];
        if doc.taken[i] {
            return None;
        }
        let f = doc.folded(i, i);
        // Most words are lowercase: only the first words of lowercase aliases
        // (`armée syrienne`, `mer Noire`) and articles (`al-Koum`) can start a name.
        // The hash lookup last, for the words the cheap tests leave.
        if !t.capitalised()
            && !t.all_caps()
            && !doc.is(i, cues::ARTICLE_PARTICLE)
            && !idx.starts_lowercase_alias(f)
        {
            return None;
        }
        // The word's transliteration key, for names of this word alone and
        // their spelling variants.
        let KeyBufs {
            joined,
            word_key,
            span_key,
        } = bufs;
        let key = t.capitalised().then(|| {
            normalise::normalise_folded_word(f, word_key);
            word_key.as_str()
        });
        // Longer spans only as long as the longest alias starting with this word
        // (counted with an Arabic article, which may be written or not).
        let longest = idx.first_words.get(f).copied().unwrap_or(1).max(
            key.and_then(|k| idx.first_words.get(k))
                .copied()
                .unwrap_or(1),
        ) + 1;
        let mut last = i;
        while last + 1 < toks.len()
            && last + 1 - i < longest
            && !toks[last + 1].break_before
            && !doc.taken[last + 1]
        {
            last += 1;
        }
        // Spans ending after `reach` start no alias's fold: only a spelling
        // variant or a name the document defined can match them.
        let reach = fold_reach(idx, doc, i, last);
        for end in (i..=last).rev() {
            let n = end - i + 1;
            if n == 1 && !t.all_caps() && doc.is(i, cues::FUNCTION) {
                continue;
            }
            let span = &doc.text[t.start..toks[end].end];
            let folded = doc.folded(i, end);
            if let Some(m) = doc.local.get(folded) {
                return Some((
                    end,
                    Mention {
                        surface: span.to_string(),
                        confirmed: true,
                        ..m.clone()
                    },
                ));
            }
            // Spelling variants are for proper names: every word capitalised or an article.
            let name_like =
                (i..=end).all(|k| toks[k].capitalised() || doc.is(k, cues::NAME_PARTICLE));
            let may_be_alias = reach.is_some_and(|r| end <= r);
            // As `Index::lookup_exact_folded` and `Index::lookup_variant`,
            // with the keys normalised into the reused buffers.
            // `fold_reach` has asked the prefix filter about this very fold:
            // within reach the table answers, beyond it no alias can.
            let exact_hits = if may_be_alias {
                idx.hits_of_checked_fold(folded)
            } else {
                &[]
            };
            let (hits, exact) = if n == 1 || (name_like && may_be_alias) {
                match exact_hits {
                    [] => {
                        let key = if n == 1 { key } else { None };
                        (
                            variant_hits(idx, span, folded, key, joined, span_key),
                            false,
                        )
                    }
                    exact => (exact, true),
                }
            } else if name_like {
                (
                    variant_hits(idx, span, folded, None, joined, span_key),
                    false,
                )
            } else if may_be_alias {
                (exact_hits, true)
            } else {
                continue;
            };
            let hits: Vec<Hit> = hits
                .iter()
                .copied()
                .filter(|h| exact || close_spelling(folded, &idx.alias(*h).text))
                .filter(|h| self.case_fits(doc, *h, i, end, span))
                .collect();
            let Some(h) = idx.best(&hits, None) else {
                continue;
            };
            let e = idx.entry(h);
            let alias = idx.alias(h);
            let name_words = (i..=end)
                .filter(|&k| !cues::is_article_particle(toks[k].text))
                .count();
            if name_words == 1
                && e.kind != EntityKind::Person
                && !t.all_caps()
                && doc.in_capitalised_run(i, end)
            {
                return None;
            }
            let compound_follows =
                end + 1 < toks.len() && toks[end + 1].hyphen_before && toks[end + 1].capitalised();
            if e.kind == EntityKind::Place
                && (self.inside_compound(doc, i)
                    || doc.in_institution_name(i)
                    || (compound_follows && !self.joined_to_place(doc, end)))
            {
                return None;
            }
            // `Saint-Potin`, `Château-Thierry`: a person's name hyphen-joined
            // after a capitalised word is a piece of another name (a
            // nickname, a town), which the scan did not know whole; not
            // after another person (`le duel Macron-Le Pen`).
            if e.kind == EntityKind::Person
                && doc.hyphen_glued(i)
                && toks[i - 1].capitalised()
                && !doc.person_token[i - 1]
            {
                return None;
            }
            // `Maj+F10`, `la touche Maj`: a key or a program's control.
            if e.kind == EntityKind::Person
                && (unseen::in_key_combination(doc, i, end)
                    || (i > 0 && !t.break_before && unseen::is_interface_noun(doc.lower(i - 1))))
            {
                return None;
            }
            // A variant spelling of one word at a sentence start is too weak alone (`Raison`).
            let weak_variant = !exact && name_words == 1 && t.sentence_start;
            let confirmed = (!alias.needs_context && !weak_variant)
                || doc.place_context(i, end)
                || self.joined_to_place(doc, end)
                || (e.kind == EntityKind::Place && e.weight >= 1_000_000 && !t.sentence_start);
            // `Anna`, `Estelle`: a small place named like a person is the
            // person, unless the words around say a place.
            if e.kind == EntityKind::Place
                && name_words == 1
                && (e.weight < 1_000_000 || fold(&e.canonical) != folded)
                && unseen::is_given_name(folded)
                && !doc.place_context(i, end)
            {
                return None;
            }
            return Some((
                end,
                Mention {
                    kind: e.kind,
                    canonical: e.canonical.clone(),
                    surface: span.to_string(),
                    confirmed,
                },
            ));
        }
        None
    }

    /// `Haut-Rhin`, `Hauts-de-Seine`: the end of a compound name is not the
    /// place it ends with, unless the compound joins two places (`Palmyre-Deir`).
    fn inside_compound(&self, doc: &Doc, i: usize) -> bool {
        let toks = doc.toks;
        let mut k = i;
        while k > 0 && (toks[k].hyphen_before || (toks[k].elided_before && !toks[k].break_before)) {
            k -= 1;
            if toks[k].capitalised() {
                let hits = self.index.hits_of_fold(doc.folded(k, k));
                let place = self
                    .index
                    .best(hits, None)
                    .is_some_and(|h| self.index.entry(h).kind == EntityKind::Place);
                return !place;
            }
            if !cues::is_function_word(toks[k].text) && !cues::is_article_particle(toks[k].text) {
                return false;
            }
        }
        false
    }

    /// `Palmyre-Deir ez-Zor`: a name hyphen-joined to a known place is a place.
    fn joined_to_place(&self, doc: &Doc, end: usize) -> bool {
        let toks = doc.toks;
        let k = end + 1;
        if k >= toks.len() || !toks[k].hyphen_before || !toks[k].capitalised() {
            return false;
        }
        (k..(k + 3).min(toks.len())).any(|last| {
            let hits = self.index.lookup(doc.span(k, last));
            self.index
                .best(hits, None)
                .is_some_and(|h| self.index.entry(h).kind == EntityKind::Place)
        })
    }

    /// Whether the way the text writes a span allows the alias it matched.
    fn case_fits(&self, doc: &Doc, h: Hit, i: usize, end: usize, span: &str) -> bool {
        let e = self.index.entry(h);
        let alias = &self.index.alias(h).text;
        let toks = doc.toks;
        let t = toks[i];
        if !same_words(alias, &toks[i..=end], e.kind) {
            return false;
        }
        let alias_acronym = alias.chars().count() <= 6
            && alias
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit());
        if alias_acronym {
            // `EI`, `ONU`: the text writes them in capitals, outside shouted headings;
            // `Unesco`, `Osdh` from four letters on.
            let shouted = (i > 0 && toks[i - 1].all_caps() && !toks[i].break_before)
                || (end + 1 < toks.len()
                    && toks[end + 1].all_caps()
                    && !toks[end + 1].break_before);
            let written_as_word = alias.chars().count() >= 4 && t.capitalised();
            return (span == alias && !shouted) || written_as_word;
        }
        let alias_lower = alias.chars().next().is_some_and(char::is_lowercase);
        if alias_lower {
            return true;
        }
        if t.capitalised() {
            return true;
        }
        // `al-Koum`, `el-Assad`: a lowercase article before a capitalised name.
        if cues::is_article_particle(t.text) && end > i && toks[i + 1].capitalised() {
            return true;
        }
        // `armée syrienne libre`: organisations of several words are written either way.
        end > i && e.kind != EntityKind::Place
    }
}

/// Buffers for the keys `match_at` normalises, reused over a document:
/// the scratch of `normalise_into`, the key of the word a name starts
/// with (from the word's fold), and the key of a longer span.
#[derive(Default)]
struct KeyBufs {
    joined: String,
    word_key: String,
    span_key: String,
}

/// `Index::lookup_variant` of a span, its key normalised into `span_key`
/// when the caller has none.
fn variant_hits<'i>(
    idx: &'i Index,
    span: &str,
    folded: &str,
    key: Option<&str>,
    joined: &mut String,
    span_key: &mut String,
) -> &'i [Hit] {
    if key.is_some() {
        return idx.lookup_variant(span, folded, key);
    }
    // The same early exit as `lookup_variant`'s, before normalising.
    if folded.chars().count() < 5 {
        return &[];
    }
    normalise::normalise_into(span, joined, span_key);
    idx.lookup_variant(span, folded, Some(span_key))
}

/// The last token up to `last` such that the fold of the span from token `i`
/// to it may start an alias (checked word by word, and none further once a
/// span fails), or None when not even token `i` may.
fn fold_reach(idx: &Index, doc: &Doc, i: usize, last: usize) -> Option<usize> {
    let mut h = PrefixHash::default();
    let mut reach = None;
    for k in i..=last {
        h.push_str(doc.folded(k, k));
        if !idx.prefixes.may_start(h) {
            break;
        }
        reach = Some(k);
    }
    reach
}

/// A spelling variant close enough to the alias it met through the
/// normalised key: `Qarytayn` for `Qaryatayn`, not `Longueau` for `Longgu`.
/// The span comes folded.
fn close_spelling(span: &str, alias: &str) -> bool {
    let b = fold(alias);
    normalise::edit_distance(span, &b) <= (span.chars().count() / 4).max(2)
}

/// Whether the span's words line up with the alias's words: as many (Arabic
/// articles aside), and, except for organisations, capitalised alike, so that
/// `Si le` is not `Sile` and `Pour lui` is not `Port Louis`.
fn same_words(alias: &str, span: &[Token], kind: EntityKind) -> bool {
    // Side by side in one pass, no list of either: asked of every hit.
    let mut alias_words = alias
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !cues::lowercase_is(w, cues::is_article_particle));
    let mut span_words = span
        .iter()
        .filter(|t| !cues::lowercase_is(t.text, cues::is_article_particle));
    let mut first = true;
    let mut cased_alike = true;
    loop {
        match (alias_words.next(), span_words.next()) {
            (None, None) => return kind == EntityKind::Organisation || cased_alike,
            (Some(a), Some(t)) => {
                if !first {
                    cased_alike &=
                        a.chars().next().is_some_and(char::is_uppercase) == t.capitalised();
                }
                first = false;
            }
            _ => return false,
        }
    }
}

/// `cues::word_key` of the word of `len` bytes at `from` in `buf`, read in
/// one load: `buf` holds 16 bytes from `from` on (NUL padding at its end).
fn padded_word_key(buf: &[u8], from: usize, len: usize) -> Option<u128> {
    if len > 16 {
        return None;
    }
    let bytes: [u8; 16] = buf.get(from..from + 16)?.try_into().ok()?;
    let all = u128::from_le_bytes(bytes);
    Some(match len {
        16 => all,
        _ => all & ((1u128 << (8 * len)) - 1),
    })
}

/// The classes of word `w` given those of its lowercase: the case-sensitive
/// lists keep only the words written as listed.
fn exact_classes(w: &str, lower_classes: cues::Classes) -> cues::Classes {
    let mut c = lower_classes;
    for (class, listed) in [
        (cues::HONORIFIC, cues::is_honorific as fn(&str) -> bool),
        (cues::NAME_PARTICLE, cues::is_name_particle),
        (cues::ARTICLE_PARTICLE, cues::is_article_particle),
    ] {
        if c & class != 0 && !listed(w) {
            c &= !class;
        }
    }
    c
}

/// Appends `w.to_lowercase()` to `out`, without the allocation. Character
/// by character is the same but for a final sigma, so that word goes the long way.
fn push_lowercase(w: &str, out: &mut String) {
    let from = out.len();
    for c in w.chars() {
        match c {
            // French text is mostly Latin-1, where the table lookup is plain
            // arithmetic: capitals sit 32 below their small letters.
            'a'..='z' | '0'..='9' | 'ß'..='ÿ' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'À'..='Þ' if c != '×' => out.extend(char::from_u32(u32::from(c) + 32)),
            'Σ' => {
                out.truncate(from);
                out.push_str(&w.to_lowercase());
                return;
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// One mention of an entity in the text.
#[derive(Debug, Clone)]
struct Mention {
    kind: EntityKind,
    canonical: String,
    surface: String,
    /// False when the name is also a common word and nothing around it says
    /// it is a name: it counts only if the entity is confirmed elsewhere.
    confirmed: bool,
}

/// The state of recognition over one document.
struct Doc<'a> {
    text: &'a str,
    toks: &'a [Token<'a>],
    taken: Vec<bool>,
    mentions: Vec<Mention>,
    /// Names this document defines (an acronym in parentheses), by fold.
    local: FxHashMap<String, Mention>,
    /// The folds of all tokens end to end, and where each token's is: the
    /// fold of a span is then a slice, since separators fold to nothing.
    folded: String,
    fold_at: Vec<(usize, usize)>,
    /// The lowercase of every token, the same way: the word lists ask for it.
    lowered: String,
    lower_at: Vec<(usize, usize)>,
    /// Which of the big word lists each token is in.
    classes: Vec<cues::Classes>,
    /// Whether each token can be a word of a person's or place's name
    /// (asked of the same tokens by several passes).
    name_word: Vec<bool>,
    /// Whether each token is in a confirmed place's name: a list's items
    /// are of one kind (`Rochefort, Wianden, Houffalize`).
    place_token: Vec<bool>,
    /// Whether each token is in a confirmed person's name, likewise
    /// (`Ian Jackson, Ben Collins, Bdale Garbee`).
    person_token: Vec<bool>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, toks: &'a [Token<'a>]) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut lowered = String::with_capacity(text.len());
        let mut fold_at = Vec::with_capacity(toks.len());
        let mut lower_at = Vec::with_capacity(toks.len());
        for t in toks {
            let (f, l) = (folded.len(), lowered.len());
            if t.is_ascii() {
                // A token is letters and digits only: its fold is its lowercase.
                lowered.push_str(t.text);
                lowered[l..].make_ascii_lowercase();
                folded.push_str(&lowered[l..]);
            } else {
                normalise::fold_into(t.text, &mut folded);
                push_lowercase(t.text, &mut lowered);
            }
            fold_at.push((f, folded.len()));
            lower_at.push((l, lowered.len()));
        }
        // Padding, so that 16 bytes can be read from any token's start.
        lowered.push_str(&"\0".repeat(16));
        let classes: Vec<cues::Classes> = toks
            .iter()
            .zip(&lower_at)
            .map(|(t, &(from, to))| {
                let lower_classes = padded_word_key(lowered.as_bytes(), from, to - from)
                    .map_or(0, cues::classes_of_key);
                exact_classes(t.text, lower_classes)
            })
            .collect();
        lowered.truncate(lowered.len() - 16);
        let name_word = toks
            .iter()
            .zip(&lower_at)
            .zip(&classes)
            .map(|((t, &(from, to)), &c)| detect::usable_name_word(t, &lowered[from..to], c))
            .collect();
        Doc {
            text,
            toks,
            taken: vec![false; toks.len()],
            mentions: Vec::new(),
            local: FxHashMap::default(),
            folded,
            fold_at,
            lowered,
            lower_at,
            classes,
            name_word,
            place_token: vec![false; toks.len()],
            person_token: vec![false; toks.len()],
        }
    }

    /// Whether token `i` is in one of the word lists `classes`.
    fn is(&self, i: usize, classes: cues::Classes) -> bool {
        self.classes[i] & classes != 0
    }

    /// Token `i` lowercased.
    fn lower(&self, i: usize) -> &str {
        let (from, to) = self.lower_at[i];
        &self.lowered[from..to]
    }

    /// `fold` of the span from token `start` to token `end`.
    fn folded(&self, start: usize, end: usize) -> &str {
        &self.folded[self.fold_at[start].0..self.fold_at[end].1]
    }

    fn add(&mut self, m: Mention, start: usize, end: usize) {
        // `la France`, `la Maheude`: the article the text writes before a
        // place or a nickname is one more way the text names it.
        if start > 0
            && !self.toks[start].break_before
            && m.kind != EntityKind::Organisation
            && (matches!(self.lower(start - 1), "la" | "le" | "les" | "l")
                && (m.kind == EntityKind::Place || self.lower(start - 1) == "la"))
        {
            let surface = self.span(start - 1, end).to_string();
            self.mentions.push(Mention {
                surface,
                ..m.clone()
            });
        }
        // An unconfirmed mention leaves its words to the other detectors (`Jassim, un habitant`).
        if m.confirmed {
            for t in &mut self.taken[start..=end] {
                *t = true;
            }
            let kind_token = match m.kind {
                EntityKind::Place => Some(&mut self.place_token),
                EntityKind::Person => Some(&mut self.person_token),
                EntityKind::Organisation => None,
            };
            if let Some(kind_token) = kind_token {
                for t in &mut kind_token[start..=end] {
                    *t = true;
                }
            }
        }
        self.mentions.push(m);
    }

    fn span(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.toks[start].start..self.toks[end].end]
    }

    /// Whether token `i` is glued to the one before by a hyphen, with no
    /// space: a compound word (`Saint-Potin`), not a dash (`Hulot - et`).
    fn hyphen_glued(&self, i: usize) -> bool {
        i > 0 && matches!(self.gap_before(i), "-" | "‐")
    }

    /// The gap of characters before token `i`.
    fn gap_before(&self, i: usize) -> &'a str {
        let from = if i == 0 { 0 } else { self.toks[i - 1].end };
        &self.text[from..self.toks[i].start]
    }

    /// A single name inside a longer run of capitalised words belongs to that
    /// run (`Washington Post`, `Jean Moulin`): not this entity.
    fn in_capitalised_run(&self, start: usize, end: usize) -> bool {
        let joined_name = |j: usize, k: usize| {
            let t = self.toks[j];
            let joint = self.toks[k];
            !joint.break_before
                && !joint.hyphen_before
                && t.capitalised()
                && !t.all_caps()
                && !cues::is_function_word(t.text)
                && !cues::is_honorific(t.text)
        };
        // `Souheil al-Hassan`: look past a lowercase article.
        let start = if start > 0
            && self.toks[start].hyphen_before
            && cues::is_article_particle(self.toks[start - 1].text)
        {
            start - 1
        } else {
            start
        };
        let before = start > 0 && !self.toks[start].sentence_start && joined_name(start - 1, start);
        let before = before
            || (start > 0
                && !self.toks[start].break_before
                && cues::is_honorific(self.toks[start - 1].text));
        let after = end + 1 < self.toks.len() && joined_name(end + 1, end + 1);
        before || after
    }

    /// `Électricité de France`, `Tour de France`: a place closing the name of
    /// an institution or an event is not tagged as the place.
    fn in_institution_name(&self, i: usize) -> bool {
        let toks = self.toks;
        if i < 2 || toks[i].break_before || toks[i - 1].break_before {
            return false;
        }
        let de = matches!(toks[i - 1].text, "de" | "du" | "des" | "d");
        let head = toks[i - 2];
        de && head.capitalised()
            && !head.all_caps()
            && !head.sentence_start
            && !self.taken[i - 2]
            && !cues::is_function_word(head.text)
    }

    /// Whether the words around a span say it is a place: `à Nice`,
    /// `la ville de Sens`, `au sud de Tours`, `Orange (Vaucluse)`, `Sokhné, ville`.
    fn place_context(&self, start: usize, end: usize) -> bool {
        let toks = self.toks;
        if start > 0 && !toks[start].break_before {
            let prev = toks[start - 1];
            if cues::is_locative_preposition(prev.text)
                && (prev.text != "a" && prev.text != "A" || prev.sentence_start)
            {
                return true;
            }
            if cues::is_settlement_noun(prev.text) {
                return true;
            }
            let de = matches!(prev.text.to_lowercase().as_str(), "de" | "d" | "du");
            if de && start > 1 && cues::is_place_noun(toks[start - 2].text) {
                return true;
            }
            // `rue Jean-Bart`, `lac de Côme`: a street or a lake named
            // after someone is still a place.
            if unseen::is_street_noun(self.lower(start - 1))
                || (de && start > 1 && unseen::is_street_noun_before_de(self.lower(start - 2)))
            {
                return true;
            }
        }
        if end + 1 < toks.len() {
            let gap = self.gap_before(end + 1);
            let next = toks[end + 1].text.to_lowercase();
            if gap.contains('(') && toks[end + 1].capitalised() {
                return true;
            }
            if gap.contains(',')
                && (cues::is_settlement_noun(&next) || next == "capitale" || next == "à")
            {
                return true;
            }
            if !gap.contains([',', '.', ';'])
                && next == "au"
                && end + 2 < toks.len()
                && cues::is_compass(toks[end + 2].text)
            {
                return true;
            }
        }
        false
    }

    /// `M. Abdel Rahmane` after `Rami Abdel Rahmane` is the same person:
    /// a name whose words end a longer person's name takes that name.
    fn merge_short_person_names(&mut self) {
        // A civility is no word of the name: `M. Benhalla` is `Karim Benhalla`.
        let words = |s: &str| -> Vec<String> {
            let mut w: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(fold)
                .collect();
            let civility = w.first().is_some_and(|f| {
                cues::HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(f))
                    || unseen::written_civility(f).is_some()
            });
            if civility && w.len() > 1 {
                w.remove(0);
            }
            w
        };
        // Each distinct name once: a document names its people many times.
        let mut names: Vec<&str> = self
            .mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| m.canonical.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        let people: Vec<(&str, Vec<String>)> = names.iter().map(|n| (*n, words(n))).collect();
        let merged: FxHashMap<String, String> = people
            .iter()
            .filter_map(|(name, mine)| {
                let longer = people
                    .iter()
                    .filter(|(_, w)| w.len() > mine.len() && w.ends_with(mine))
                    .max_by_key(|(_, w)| w.len())?;
                Some((name.to_string(), longer.0.to_string()))
            })
            .collect();
        if merged.is_empty() {
            return;
        }
        for m in self
            .mentions
            .iter_mut()
            .filter(|m| m.kind == EntityKind::Person)
        {
            if let Some(c) = merged.get(&m.canonical) {
                m.canonical = c.clone();
            }
        }
    }

    /// Groups mentions by entity, keeping unconfirmed ones only for entities
    /// confirmed elsewhere in the document.
    fn into_found(mut self) -> Found {
        self.merge_short_person_names();
        // Each mention's key once: folding allocates.
        let keys: Vec<(EntityKind, String)> = self
            .mentions
            .iter()
            .map(|m| (m.kind, fold(&m.canonical)))
            .collect();
        let confirmed: FxHashSet<&(EntityKind, String)> = keys
            .iter()
            .zip(&self.mentions)
            .filter(|(_, m)| m.confirmed)
            .map(|(k, _)| k)
            .collect();
        let mut found = Found::default();
        let mut slot: FxHashMap<&(EntityKind, String), usize> = FxHashMap::default();
        for (m, key) in self.mentions.into_iter().zip(&keys) {
            if !confirmed.contains(key) {
                continue;
            }
            let list = match m.kind {
                EntityKind::Place => &mut found.places,
                EntityKind::Organisation => &mut found.organisations,
                EntityKind::Person => &mut found.people,
            };
            let at = *slot.entry(key).or_insert_with(|| {
                list.push(Entity {
                    name: m.canonical.clone(),
                    mentions: Vec::new(),
                });
                list.len() - 1
            });
            if !list[at].mentions.contains(&m.surface) {
                list[at].mentions.push(m.surface);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[Entity]) -> Vec<&str> {
        list.iter().map(|e| e.name.as_str()).collect()
    }

    fn places(text: &str) -> Vec<String> {
        Gazetteer::bundled()
            .recognise("", text)
            .places
            .into_iter()
            .map(|e| e.name)
            .collect()
    }

    #[test]
    fn common_words_are_not_places_without_context() {
        assert!(places("Nice. Il a fait un tour en ville avec une orange.").is_empty());
        assert!(places("Orange a annoncé ses résultats. Tours et détours du dossier.").is_empty());
        assert!(places("Sens interdit, dit-il.").is_empty());
        assert_eq!(places("Il habite à Nice depuis dix ans."), ["Nice"]);
        assert_eq!(places("La ville de Tours a voté."), ["Tours"]);
        assert_eq!(places("Le festival d'Orange (Vaucluse) ouvre."), ["Orange"]);
    }

    #[test]
    fn variants_resolve_to_one_place() {
        let f = Gazetteer::bundled().recognise(
            "",
            "Ils ont quitté Deir ez-Zor pour Deir Ezzor puis Dayr az-Zawr.",
        );
        assert_eq!(f.places.len(), 1, "{:?}", f.places);
        assert_eq!(f.places[0].mentions.len(), 3);
        let g = Gazetteer::bundled();
        assert_eq!(
            g.resolve(EntityKind::Place, "Tadmor"),
            g.resolve(EntityKind::Place, "Palmyre")
        );
        assert_eq!(
            g.resolve(EntityKind::Organisation, "Daesh"),
            Some("Etat islamique")
        );
        assert_eq!(
            g.resolve(EntityKind::Organisation, "Daêch"),
            Some("Etat islamique")
        );
    }

    #[test]
    fn acronym_definition_makes_an_alias() {
        let f = Gazetteer::bundled().recognise(
            "",
            "Le Comité de défense des riverains du canal (CDRC) proteste. Le CDRC demande un débat.",
        );
        let org = f
            .organisations
            .iter()
            .find(|e| e.name == "Comité de défense des riverains du canal");
        let org = org.unwrap_or_else(|| panic!("{:?}", f.organisations));
        assert!(org.mentions.contains(&"CDRC".to_string()));
    }

    #[test]
    fn word_keys_read_in_one_load() {
        let words = [
            "a",
            "selon",
            "général",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
        ];
        let mut buf = words.join(" ");
        buf.push_str(&"\0".repeat(16));
        let mut from = 0;
        for w in words {
            let key = padded_word_key(buf.as_bytes(), from, w.len());
            assert_eq!(key, cues::word_key(w), "{w}");
            from += w.len() + 1;
        }
    }

    #[test]
    fn lowercase_by_hand_is_the_library_lowercase() {
        let all: String = (0..0x600u32)
            .chain(0x1E00..0x2000)
            .filter_map(char::from_u32)
            .filter(|c| c.is_alphanumeric())
            .collect();
        for w in [all.as_str(), "ÉTÉ Ça", "ΟΔΟΣ"] {
            let mut out = String::from("x");
            push_lowercase(w, &mut out);
            assert_eq!(out, format!("x{}", w.to_lowercase()));
        }
    }

    #[test]
    fn titled_person_is_found() {
        let f = Gazetteer::bundled().recognise(
            "",
            "Le général Karim Benhalla a visité la base. Selon M. Benhalla, tout va bien.",
        );
        assert_eq!(names(&f.people), ["Karim Benhalla"]);
        // The civility stays in the mention, the name is the full one.
        assert!(f.people[0].mentions.contains(&"M. Benhalla".to_string()));
    }

    #[test]
    fn reporting_verb_and_apposition_find_people() {
        let f = Gazetteer::bundled().recognise(
            "",
            "« C'est fini », a déclaré Paulette Durandal, porte-parole du collectif. Pour Jean Vornier, chercheur au CNRS, rien n'est joué.",
        );
        assert_eq!(names(&f.people), ["Paulette Durandal", "Jean Vornier"]);
    }

    #[test]
    fn user_file_adds_and_overrides() {
        let g = Gazetteer::bundled()
            .with_text("place\tCentre-bourg\tle Bourg|Bourg-Centre\n-place\tParis\n");
        assert_eq!(
            g.resolve(EntityKind::Place, "Bourg-Centre"),
            Some("Centre-bourg")
        );
        assert_eq!(g.resolve(EntityKind::Place, "Paris"), None);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.tsv");
        std::fs::write(
            &path,
            "organisation\tEtat islamique\tOrganisation EI\nplace\tTours\tTours\n",
        )
        .unwrap();
        let g = Gazetteer::bundled().with_file(&path).unwrap();
        assert_eq!(
            g.resolve(EntityKind::Organisation, "Organisation EI"),
            Some("Etat islamique")
        );
        // The user's entry has no context mark: Tours is now a place anywhere.
        let f = g.recognise("", "Tours a voté.");
        assert_eq!(names(&f.places), ["Tours"]);
    }

    #[test]
    fn suggest_finds_close_spellings() {
        let g = Gazetteer::bundled();
        assert!(g
            .suggest(EntityKind::Place, "Qaryatyn", 3)
            .iter()
            .any(|s| s.contains("Qaryatayn")));
    }
}

//! Near-duplicate detection: which articles are copies of one text (a wire
//! dispatch reprinted by several outlets, a blog re-posting it, an outlet
//! updating its own article).
//!
//! Each body gets a small sketch at indexing: one-permutation MinHash over
//! its shingles of [`SHINGLE`] words, [`BINS`] bins of 16 bits (256 bytes).
//! Sketches of two bodies agree in about the share of bins that their
//! shingle sets' Jaccard similarity says, so the share estimates how much
//! text they share, and with the sizes of both sets, how much of the shorter
//! one the longer contains (a dispatch cut short, or one with a paragraph
//! added, is contained in its full version but not similar by Jaccard alone).
//!
//! Clustering reads every sketch once, finds candidate pairs by locality
//! sensitive hashing (pairs of bins as band keys: two copies almost always
//! agree on one band, unrelated texts almost never), checks each candidate on
//! the whole sketch and joins the copies with a union-find. Words rather than
//! characters, and runs of five of them: two reporters writing about one
//! event share names and set phrases, but seldom five words in a row.

// Fx: a look-up per document when a searcher lays the clusters out
// (crate::stories); keys are already hashes.
use rustc_hash::FxHashMap as HashMap;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Bins of a sketch.
pub const BINS: usize = 128;
/// Bins per band for the candidate search: two bins make a band that a pair
/// sharing a fifth of its text meets in one of its 64 bands nine times in
/// ten, and two unrelated texts in almost none.
const BAND: usize = 2;
/// Fewer distinct shingles than this (about 25 words) and a text is too
/// short to tell a copy from a set phrase: it is left out of clustering.
pub const MIN_SHINGLES: usize = 20;
/// Estimated Jaccard similarity from which two texts are copies.
const SIMILAR: f64 = 0.5;
/// Estimated share of the shorter text found in the longer one from which
/// two texts are copies (a truncated dispatch, a paragraph added, a blog
/// re-posting a dispatch with its own sentences between the agency's: the
/// seeds' blog keeps about half of the dispatch's runs of five words, while
/// two reports of one event share under a twentieth)…
const CONTAINED: f64 = 0.4;
/// …provided they agree on this share of the bins at least (below it, the
/// containment estimate of a short text against a long one is noise)…
const CONTAINED_FLOOR: f64 = 0.1;
/// …and share this many shingles, some forty words in a row: a formula
/// two short legal articles both use is not a copy.
const MIN_SHARED: f64 = 40.0;
/// Estimated share of the shorter representative found in the longer from
/// which two groups of copies may join (see [`Sketch::is_related`]). On the
/// benchmark corpus with injected copies (examples/copies_eval.rs), 0.3
/// keeps 95 % or more of each kind of copy with its original and judged on
/// exact shingles lifts pair precision from 0.42 (no guard) to 0.95; 0.4
/// (the copy rule itself) 0.98 but loses a seventh of the copies that are
/// cut, edited and padded at once.
const RELATED: f64 = 0.3;
/// A band key shared by more sketches than this is a set phrase (a legal
/// formula, a site's footer the cleaner left), not a sign of copies: its
/// pairs are not compared (a true copy agrees on other bands too).
const MAX_BUCKET: usize = 400;
/// Bytes of an encoded sketch: the number of shingles, then the bins.
pub const ENCODED_BYTES: usize = 4 + 2 * BINS;

/// The sketch of one body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    /// Distinct shingles of the text.
    pub shingles: u32,
    /// The 16-bit fingerprint of the smallest shingle hash of each bin.
    pub bins: [u16; BINS],
}

/// A 64-bit finaliser (SplitMix64's): spreads the bits of a combined hash.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One step of a word's hash (FNV-1a's, on characters).
fn step(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Each ASCII byte's lowercase if it is a letter or digit, else 0.
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Calls `f` with the hash of each word of `text` in order: runs of
/// letters and digits, lowercased. Punctuation, spacing and case are
/// chrome, not text. Sketching is on the indexing path: an ASCII word is
/// hashed in a tight loop of table look-ups until its end (a third
/// quicker than asking of each byte what it is and whether a word is
/// open), and the characters beyond ASCII that French uses most are
/// answered without Unicode's tables ([`latin_word_char`]).
fn each_word_hash(text: &str, mut f: impl FnMut(u64)) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = text.as_bytes();
    let (mut h, mut in_word, mut i) = (START, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let letter = if b < 0x80 {
            let mut lower = ASCII_WORD[usize::from(b)];
            if lower != 0 {
                // The rest of the ASCII run, up to a byte that is no
                // ASCII letter or digit.
                loop {
                    h = step(h, u32::from(lower));
                    i += 1;
                    lower = match bytes.get(i) {
                        Some(&n) if n < 0x80 => ASCII_WORD[usize::from(n)],
                        _ => 0,
                    };
                    if lower == 0 {
                        break;
                    }
                }
                in_word = true;
                continue;
            }
            i += 1;
            false
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            match latin_word_char(c) {
                Some(Some(lower)) => {
                    h = step(h, lower as u32);
                    true
                }
                Some(None) => false,
                None if c.is_alphanumeric() => {
                    for l in c.to_lowercase() {
                        h = step(h, l as u32);
                    }
                    true
                }
                None => false,
            }
        };
        if letter {
            in_word = true;
        } else if in_word {
            f(mix(h));
            (h, in_word) = (START, false);
        }
    }
    if in_word {
        f(mix(h));
    }
}

/// For the characters beyond ASCII that French news is mostly written
/// with (Latin-1, and the punctuation block of ’ « … and the narrow
/// no-break space): `Some(Some(lowercase))` for a letter or digit,
/// `Some(None)` for anything else, as `char::is_alphanumeric` and
/// `char::to_lowercase` say, without their tables (a search each, on
/// every accented letter of every body); `None` beyond.
fn latin_word_char(c: char) -> Option<Option<char>> {
    Some(match c {
        '×' | '÷' => None,
        // À..Þ: the capital's small letter is 0x20 further.
        '\u{c0}'..='\u{de}' => char::from_u32(c as u32 + 0x20),
        '\u{df}'..='\u{ff}' => Some(c),
        'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾' => Some(c),
        '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' => None,
        _ => return None,
    })
}

/// Calls `f` with the hash of each shingle of `text` in order, repeats
/// included: one pass, no vector of every word. The fold of a window
/// (`acc.rotate_left(13) ^ word`, oldest word first) is kept from one
/// window to the next: the oldest word, rotated by 13 for each of the
/// four words after it, is taken out, and the newest comes in.
fn each_shingle_hash(text: &str, mut f: impl FnMut(u64)) {
    const OLDEST: u32 = 13 * (SHINGLE as u32 - 1);
    let mut window = [0u64; SHINGLE];
    let (mut words, mut acc) = (0usize, 0u64);
    each_word_hash(text, |w| {
        if words >= SHINGLE {
            acc ^= window[0].rotate_left(OLDEST);
        }
        window.copy_within(1.., 0);
        window[SHINGLE - 1] = w;
        acc = acc.rotate_left(13) ^ w;
        words += 1;
        if words >= SHINGLE {
            f(mix(acc.wrapping_add(SHINGLE as u64)));
        }
    });
}

/// The distinct hashes of the shingles of `text`, sorted: the exact sets
/// a sketch estimates, for judging a pair without estimation.
pub fn shingle_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    each_shingle_hash(text, |h| out.push(h));
    out.sort_unstable();
    out.dedup();
    out
}

/// One-permutation hashing: the top bits of a shingle hash choose its bin,
/// the rest rank it within the bin.
const BIN_SHIFT: u32 = 57;
const RANK: u64 = (1 << BIN_SHIFT) - 1;

/// The number of distinct shingles of `hashes` (in any order, repeats
/// included) and the smallest rank in each bin (`u64::MAX` for an empty
/// one). Hashes are spread over the bins by a counting sort first, so only
/// the few of one bin are sorted to count repeats: cheaper than sorting
/// the whole body's.
fn distinct_and_minima(hashes: &[u64]) -> (usize, [u64; BINS]) {
    let mut starts = [0usize; BINS + 1];
    for h in hashes {
        starts[(h >> BIN_SHIFT) as usize + 1] += 1;
    }
    for b in 0..BINS {
        starts[b + 1] += starts[b];
    }
    let mut next = starts;
    let mut by_bin = vec![0u64; hashes.len()];
    for &h in hashes {
        let b = (h >> BIN_SHIFT) as usize;
        by_bin[next[b]] = h;
        next[b] += 1;
    }
    let (mut distinct, mut mins) = (0, [u64::MAX; BINS]);
    for (b, min) in mins.iter_mut().enumerate() {
        let bin = &mut by_bin[starts[b]..starts[b + 1]];
        if let Some(&least) = bin.iter().min() {
            *min = least & RANK;
        }
        distinct += distinct_in(bin);
    }
    (distinct, mins)
}

/// The number of distinct values of `bin` (reordered). A bin of an
/// article holds a few hashes: each is compared with those before it,
/// cheaper than a call to sort them; a long text's bins are sorted.
fn distinct_in(bin: &mut [u64]) -> usize {
    const SMALL: usize = 12;
    if bin.len() <= SMALL {
        let repeated = (1..bin.len()).filter(|&k| bin[..k].contains(&bin[k]));
        return bin.len() - repeated.count();
    }
    bin.sort_unstable();
    bin.len() - bin.windows(2).filter(|w| w[0] == w[1]).count()
}

/// The sketch of a body, or `None` when it is too short to judge.
pub fn sketch(body: &str) -> Option<Sketch> {
    let mut hashes = Vec::with_capacity(body.len() / 6);
    each_shingle_hash(body, |h| hashes.push(h));
    let (distinct, mins) = distinct_and_minima(&hashes);
    if distinct < MIN_SHINGLES {
        return None;
    }
    // Empty bins (short texts) borrow from the next full one to the right,
    // marked by the distance, so that two sketches agree on an empty bin as
    // often as on the bin it borrows from (densification by rotation).
    let mut bins = [0u16; BINS];
    for (i, slot) in bins.iter_mut().enumerate() {
        let (dist, min) = (0..BINS)
            .map(|d| (d, mins[(i + d) % BINS]))
            .find(|(_, m)| *m != u64::MAX)
            .expect("at least one shingle");
        *slot = (mix(min.wrapping_add(dist as u64)) >> 48) as u16;
    }
    Some(Sketch {
        shingles: u32::try_from(distinct).unwrap_or(u32::MAX),
        bins,
    })
}

impl Sketch {
    /// The bytes stored in the index.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(ENCODED_BYTES);
        out.extend_from_slice(&self.shingles.to_le_bytes());
        for b in self.bins {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }

    /// The sketch of stored bytes; `None` for anything else (no sketch).
    pub fn decode(bytes: &[u8]) -> Option<Sketch> {
        if bytes.len() != ENCODED_BYTES {
            return None;
        }
        let shingles = u32::from_le_bytes(bytes[..4].try_into().ok()?);
        let mut bins = [0u16; BINS];
        for (i, b) in bins.iter_mut().enumerate() {
            *b = u16::from_le_bytes([bytes[4 + 2 * i], bytes[5 + 2 * i]]);
        }
        Some(Sketch { shingles, bins })
    }

    /// How many bins the two sketches agree on.
    fn agreeing(&self, other: &Sketch) -> u8 {
        // Summed as bytes (128 bins at most: no overflow) rather than
        // counted in a usize: the compiler then compares eight bins per
        // instruction, where `filter().count()` widened each to 64 bits
        // (four times slower). Clustering compares millions of pairs after
        // the commit.
        let pairs = self.bins.iter().zip(&other.bins);
        pairs.map(|(a, b)| u8::from(a == b)).sum()
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Sketch) -> f64 {
        f64::from(self.agreeing(other)) / BINS as f64
    }

    /// Whether two groups of copies whose representatives these are may
    /// become one: the representatives share a real part of their text,
    /// estimated as [`Sketch::is_copy`] does, with a lower bar. Groups that
    /// a short text links but whose long texts share nothing stay apart.
    pub fn is_related(&self, other: &Sketch) -> bool {
        self.is_related_by(other, RELATED)
    }

    /// [`Sketch::is_related`] with another bar for the share of the shorter
    /// text in the longer (to weigh the rule against others).
    pub fn is_related_by(&self, other: &Sketch, share: f64) -> bool {
        let j = self.jaccard(other);
        if j >= SIMILAR {
            return true;
        }
        if j < CONTAINED_FLOOR {
            return false;
        }
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let shared = j * (a + b) / (1.0 + j);
        shared / a.min(b) >= share
    }

    /// Whether the two texts are copies of one another, whole or in part.
    pub fn is_copy(&self, other: &Sketch) -> bool {
        let j = self.jaccard(other);
        if j >= SIMILAR {
            return true;
        }
        if j < CONTAINED_FLOOR {
            return false;
        }
        // |A ∩ B| = J (|A| + |B|) / (1 + J), over the smaller set, from J
        // less one standard error of its estimate: a short text against a
        // long one turns a little noise in J into much containment, and the
        // leftover furniture two pages of one site share (a footer, share
        // buttons) must not make their articles copies.
        let j = j - (j * (1.0 - j) / BINS as f64).sqrt();
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let shared = j * (a + b) / (1.0 + j);
        shared >= MIN_SHARED && shared / a.min(b) >= CONTAINED
    }
}

/// How much text two sets of shingles (sorted, distinct, as
/// [`shingle_hashes`] gives them) share, counted exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Shingles both hold.
    pub shared: usize,
    /// Shared over the union: Jaccard similarity.
    pub jaccard: f64,
    /// Shared over the smaller set: the share of the shorter text that the
    /// longer one contains.
    pub contained: f64,
}

impl Overlap {
    /// The exact overlap of two sorted, distinct shingle sets.
    pub fn of(a: &[u64], b: &[u64]) -> Overlap {
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        Overlap::new(shared, a.len(), b.len())
    }

    /// The overlap of two sets of `a` and `b` shingles sharing `shared`.
    pub fn new(shared: usize, a: usize, b: usize) -> Overlap {
        let union = a + b - shared.min(a + b);
        let smaller = a.min(b);
        Overlap {
            shared,
            jaccard: shared as f64 / union.max(1) as f64,
            contained: shared as f64 / smaller.max(1) as f64,
        }
    }

    /// Whether the two texts are copies by the rule that
    /// [`Sketch::is_copy`] estimates, here on the exact sets: most text in
    /// common, or most of the shorter one in the longer, some forty words
    /// in a row at least.
    pub fn is_copy(&self) -> bool {
        self.jaccard >= SIMILAR || (self.shared as f64 >= MIN_SHARED && self.contained >= CONTAINED)
    }
}

/// Groups of copies: each document in a group of two or more gets the
/// group's id; a document alone has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Document key → cluster id (the smallest key of its members, so the
    /// id stays while that member stays).
    of: HashMap<u64, u64>,
    /// Cluster id → its members' keys, sorted.
    members: HashMap<u64, Vec<u64>>,
}

impl Clusters {
    /// The groups of `(key, sketch)` pairs that are copies of one another.
    pub fn build(docs: &[(u64, Sketch)]) -> Clusters {
        Clusters::build_with(docs, &Sketch::is_related, true)
    }

    /// The groups of copies, two groups joining only when `related` holds
    /// between their representatives (each group's longest member).
    ///
    /// A plain union-find of the copy pairs chains: a short text that is
    /// contained in two long ones joins them though they share nothing (a
    /// legal article's stock sentence, quoted by two different articles).
    /// So the pairs are joined strongest first, and a pair whose groups'
    /// representatives are not related leaves its groups apart: the weak
    /// link goes to the group it resembles most. With `attach`, a group
    /// also joins when its own representative is a copy of the member it
    /// is linked to and no longer than it: the group is part of that text
    /// (a dispatch cut short, whose full version went into a group with a
    /// longer text it shares little with). A long text linked through a
    /// short member is not part of it, so the chaining stays out. The bands are shared out
    /// between threads that find the copy pairs; the joining is in one, in
    /// an order of keys, so that the groups do not depend on the order of
    /// `docs` (an index's segments), nor on the number of threads.
    pub fn build_with(
        docs: &[(u64, Sketch)],
        related: &(dyn Fn(&Sketch, &Sketch) -> bool + Sync),
        attach: bool,
    ) -> Clusters {
        Clusters::join(docs, &Links::find(docs).pairs, related, attach)
    }

    /// The groups of `docs` that the copy pairs `pairs` (by key) make,
    /// joined strongest first under the guard `related`.
    fn join(
        docs: &[(u64, Sketch)],
        pairs: &[CopyPair],
        related: &(dyn Fn(&Sketch, &Sketch) -> bool + Sync),
        attach: bool,
    ) -> Clusters {
        let n = docs.len();
        let at: HashMap<u64, usize> = docs.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect();
        let mut pairs: Vec<CopyPair> = pairs.to_vec();
        // Strongest first; between equals, by keys (not by position).
        pairs.sort_unstable_by_key(|p| (std::cmp::Reverse(p.agree), p.a, p.b));
        pairs.dedup_by_key(|p| (p.a, p.b));
        let mut parent: Vec<usize> = (0..n).collect();
        // The representative of each root: its group's longest member.
        let mut rep: Vec<usize> = (0..n).collect();
        let longer = |x: usize, y: usize| {
            let (sx, sy) = (&docs[x], &docs[y]);
            if (sx.1.shingles, std::cmp::Reverse(sx.0)) >= (sy.1.shingles, std::cmp::Reverse(sy.0))
            {
                x
            } else {
                y
            }
        };
        for p in &pairs {
            let (Some(&a), Some(&b)) = (at.get(&p.a), at.get(&p.b)) else {
                continue;
            };
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra == rb {
                continue;
            }
            let (xa, xb) = (rep[ra], rep[rb]);
            // A pair of two lone texts is its own proof.
            let alone = xa == a && xb == b || xa == b && xb == a;
            let attached = attach
                && (is_part_of(&docs[xa].1, &docs[b].1) || is_part_of(&docs[xb].1, &docs[a].1));
            if !alone && !attached && !related(&docs[xa].1, &docs[xb].1) {
                continue;
            }
            let (keep, gone) = (ra.min(rb), ra.max(rb));
            parent[gone] = keep;
            rep[keep] = longer(xa, xb);
        }
        let mut groups: HashMap<usize, Vec<u64>> = HashMap::default();
        for (i, (key, _)) in docs.iter().enumerate() {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(*key);
        }
        Clusters::from_groups(groups.into_values())
    }

    /// Clusters from groups of keys (groups of one are dropped).
    pub fn from_groups(groups: impl IntoIterator<Item = Vec<u64>>) -> Clusters {
        let mut c = Clusters::default();
        for mut g in groups {
            if g.len() < 2 {
                continue;
            }
            g.sort_unstable();
            g.dedup();
            let id = g[0];
            for &k in &g {
                c.of.insert(k, id);
            }
            c.members.insert(id, g);
        }
        c
    }

    /// The cluster of a document, `None` when it has no copy.
    pub fn of(&self, key: u64) -> Option<u64> {
        self.of.get(&key).copied()
    }

    /// The story a document belongs to: its cluster, else itself.
    pub fn story(&self, key: u64) -> u64 {
        self.of(key).unwrap_or(key)
    }

    /// The members of a cluster (keys), empty for an unknown id.
    pub fn members(&self, id: u64) -> &[u64] {
        self.members.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Whether no document has a copy.
    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// The groups, each sorted, smallest id first.
    pub fn groups(&self) -> Vec<&[u64]> {
        let mut g: Vec<&[u64]> = self.members.values().map(Vec::as_slice).collect();
        g.sort_unstable();
        g
    }

    /// The file form: a header line, then (key, cluster) pairs as
    /// little-endian u64, sorted by key.
    pub fn encode(&self, opstamp: u64) -> Vec<u8> {
        let mut pairs: Vec<(u64, u64)> = self.of.iter().map(|(k, c)| (*k, *c)).collect();
        pairs.sort_unstable();
        let mut out = Vec::with_capacity(HEADER.len() + 8 + 16 * pairs.len());
        out.extend_from_slice(HEADER);
        out.extend_from_slice(&opstamp.to_le_bytes());
        for (k, c) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Clusters and the opstamp of the commit they were computed for, from
    /// the file form; `None` for anything else.
    pub fn decode(bytes: &[u8]) -> Option<(Clusters, u64)> {
        let rest = bytes.strip_prefix(HEADER)?;
        if rest.len() < 8 || (rest.len() - 8) % 16 != 0 {
            return None;
        }
        let u64_at = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
        let opstamp = u64_at(&rest[..8]);
        let mut groups: HashMap<u64, Vec<u64>> = HashMap::default();
        for pair in rest[8..].chunks_exact(16) {
            groups
                .entry(u64_at(&pair[8..]))
                .or_default()
                .push(u64_at(&pair[..8]));
        }
        Some((Clusters::from_groups(groups.into_values()), opstamp))
    }
}

/// Whether a group whose representative (longest member) is `rep` may
/// join the group of `other` through a copy pair with it: `rep` is a copy
/// of `other` and no longer, so the whole group is part of that text.
fn is_part_of(rep: &Sketch, other: &Sketch) -> bool {
    rep.shingles <= other.shingles && rep.is_copy(other)
}

/// The root of `i` in a union-find, halving the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Two documents (keys, `a < b`) that are copies, and how many bins their
/// sketches agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyPair {
    a: u64,
    b: u64,
    agree: u8,
}

impl CopyPair {
    fn new(x: &(u64, Sketch), y: &(u64, Sketch)) -> CopyPair {
        CopyPair {
            a: x.0.min(y.0),
            b: x.0.max(y.0),
            agree: x.1.agreeing(&y.1),
        }
    }
}

/// The band key of `band` in a sketch (the band's number in the top bits,
/// so that keys of different bands never meet).
fn band_key(s: &Sketch, band: usize) -> u64 {
    ((band as u64) << (16 * BAND)) | bins_of_band(s, band)
}

// A band's bins fill the 32 bits that `copy_pairs` packs above a position.
const _: () = assert!(16 * BAND == 32);
// `Sketch::agreeing` sums its bins in a byte.
const _: () = assert!(BINS < 256);

/// The bins of `band` in a sketch, side by side (the band key without the
/// band's number: 32 bits).
fn bins_of_band(s: &Sketch, band: usize) -> u64 {
    let mut k = 0;
    for b in &s.bins[band * BAND..(band + 1) * BAND] {
        k = (k << 16) | u64::from(*b);
    }
    k
}

/// What clustering found among a set of sketches, kept so that the next
/// update compares only the documents it adds ([`Links::update`]): which
/// documents (key and a hash of the sketch), the copy pairs, and the band
/// keys shared by too many sketches to be compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    docs: Vec<(u64, u64)>,
    pairs: Vec<CopyPair>,
    crowded: Vec<u64>,
}

/// A hash of a sketch: an edited article's sketch changes, its key not.
fn sketch_hash(s: &Sketch) -> u64 {
    s.bins
        .iter()
        .fold(mix(u64::from(s.shingles)), |h, &b| mix(h ^ u64::from(b)))
}

impl Links {
    /// The copy pairs among `docs`, comparing all that meet in a band. The
    /// bands are shared out between threads.
    pub fn find(docs: &[(u64, Sketch)]) -> Links {
        let threads = std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .clamp(1, 4);
        let bands: Vec<usize> = (0..BINS / BAND).collect();
        let per = bands.len().div_ceil(threads);
        let found: Vec<(Vec<CopyPair>, Vec<u64>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = bands
                .chunks(per)
                .map(|mine| scope.spawn(move || copy_pairs(docs, mine)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("clustering thread"))
                .collect()
        });
        let (mut pairs, mut crowded) = (Vec::new(), Vec::new());
        for (p, c) in found {
            pairs.extend(p);
            crowded.extend(c);
        }
        Links::new(docs, pairs, crowded)
    }

    fn new(docs: &[(u64, Sketch)], mut pairs: Vec<CopyPair>, mut crowded: Vec<u64>) -> Links {
        pairs.sort_unstable_by_key(|p| (p.a, p.b));
        pairs.dedup();
        crowded.sort_unstable();
        crowded.dedup();
        let mut docs: Vec<(u64, u64)> = docs.iter().map(|(k, s)| (*k, sketch_hash(s))).collect();
        docs.sort_unstable();
        Links {
            docs,
            pairs,
            crowded,
        }
    }

    /// The links of `docs` from those of an earlier set of documents,
    /// comparing only the documents added or changed since; `None` when
    /// that would not give what [`Links::find`] gives (a band key crossed
    /// the crowding bar, so pairs of unchanged documents appear or go; a
    /// key twice), or would not be quicker (much changed).
    pub fn update(&self, docs: &[(u64, Sketch)]) -> Option<Links> {
        let old: HashMap<u64, u64> = self.docs.iter().copied().collect();
        let mut keys: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        let mut fresh: Vec<usize> = Vec::new();
        for (i, (k, s)) in docs.iter().enumerate() {
            if !keys.insert(*k) {
                return None;
            }
            if old.get(k) != Some(&sketch_hash(s)) {
                fresh.push(i);
            }
        }
        let kept = docs.len() - fresh.len();
        let gone = self.docs.len() - kept;
        if (fresh.len() + gone) * 10 > docs.len().max(1) {
            return None;
        }
        // The band keys to count: those of the fresh documents, and the
        // crowded ones (which may have thinned out).
        let crowded: rustc_hash::FxHashSet<u64> = self.crowded.iter().copied().collect();
        let mut buckets: HashMap<u64, Vec<u32>> = HashMap::default();
        for &i in &fresh {
            for band in 0..BINS / BAND {
                buckets.entry(band_key(&docs[i].1, band)).or_default();
            }
        }
        for &k in &self.crowded {
            buckets.entry(k).or_default();
        }
        for (i, (_, s)) in docs.iter().enumerate() {
            for band in 0..BINS / BAND {
                if let Some(b) = buckets.get_mut(&band_key(s, band)) {
                    b.push(i as u32);
                }
            }
        }
        let is_fresh: rustc_hash::FxHashSet<u32> = fresh.iter().map(|&i| i as u32).collect();
        let mut seen: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        let fresh_keys: rustc_hash::FxHashSet<u64> = fresh.iter().map(|&i| docs[i].0).collect();
        // Pairs of documents that stay as they were stay; a changed one is
        // compared again.
        let live = |k: u64| keys.contains(&k) && !fresh_keys.contains(&k);
        let mut pairs: Vec<CopyPair> = self
            .pairs
            .iter()
            .filter(|p| live(p.a) && live(p.b))
            .copied()
            .collect();
        let mut now_crowded = Vec::new();
        for (&key, members) in &buckets {
            // A bucket crowded before and not now (or the reverse) adds or
            // drops pairs of documents that did not change.
            if (members.len() > MAX_BUCKET) != crowded.contains(&key) {
                return None;
            }
            if members.len() > MAX_BUCKET {
                now_crowded.push(key);
                continue;
            }
            for &f in members.iter().filter(|m| is_fresh.contains(m)) {
                for &m in members {
                    let (lo, hi) = (f.min(m), f.max(m));
                    if m == f || !seen.insert((u64::from(lo) << 32) | u64::from(hi)) {
                        continue;
                    }
                    let (x, y) = (&docs[f as usize], &docs[m as usize]);
                    if x.1.is_copy(&y.1) {
                        pairs.push(CopyPair::new(x, y));
                    }
                }
            }
        }
        Some(Links::new(docs, pairs, now_crowded))
    }

    /// How many band keys were too crowded to compare: each is shared by
    /// more than [`MAX_BUCKET`] sketches, a set phrase rather than a sign
    /// of copies (at 108k, comparing them all as well found the same
    /// clusters for twice the time and 110 MB more: see docs/copies.md).
    pub fn crowded(&self) -> usize {
        self.crowded.len()
    }

    /// Keeps only the copy pairs (by key) that `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(u64, u64) -> bool) {
        self.pairs.retain(|p| keep(p.a, p.b));
    }

    /// The clusters these links make of `docs` (the documents they were
    /// found for).
    pub fn clusters(&self, docs: &[(u64, Sketch)]) -> Clusters {
        Clusters::join(docs, &self.pairs, &Sketch::is_related, true)
    }

    /// The file form: a header line, then counts and little-endian fields.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            LINKS_HEADER.len()
                + 24
                + 16 * self.docs.len()
                + 17 * self.pairs.len()
                + 8 * self.crowded.len(),
        );
        out.extend_from_slice(LINKS_HEADER);
        for n in [self.docs.len(), self.pairs.len(), self.crowded.len()] {
            out.extend_from_slice(&(n as u64).to_le_bytes());
        }
        for (k, h) in &self.docs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&h.to_le_bytes());
        }
        for p in &self.pairs {
            out.extend_from_slice(&p.a.to_le_bytes());
            out.extend_from_slice(&p.b.to_le_bytes());
            out.push(p.agree);
        }
        for k in &self.crowded {
            out.extend_from_slice(&k.to_le_bytes());
        }
        out
    }

    /// Links from the file form; `None` for anything else.
    pub fn decode(bytes: &[u8]) -> Option<Links> {
        let mut r = Reader(bytes.strip_prefix(LINKS_HEADER)?);
        let mut count = || usize::try_from(r.u64()?).ok();
        let (docs, pairs, crowded) = (count()?, count()?, count()?);
        // Sizes checked before allocating: a damaged file is not trusted.
        if r.0.len() != 16 * docs + 17 * pairs + 8 * crowded {
            return None;
        }
        let mut links = Links::default();
        for _ in 0..docs {
            links.docs.push((r.u64()?, r.u64()?));
        }
        for _ in 0..pairs {
            let (a, b) = (r.u64()?, r.u64()?);
            let agree = r.byte()?;
            links.pairs.push(CopyPair { a, b, agree });
        }
        for _ in 0..crowded {
            links.crowded.push(r.u64()?);
        }
        Some(links)
    }
}

/// Little-endian fields read off the front of bytes.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u64(&mut self) -> Option<u64> {
        let (head, tail) = self.0.split_first_chunk::<8>()?;
        self.0 = tail;
        Some(u64::from_le_bytes(*head))
    }

    fn byte(&mut self) -> Option<u8> {
        let (head, tail) = self.0.split_first()?;
        self.0 = tail;
        Some(*head)
    }
}

/// First bytes of the links file, with its version.
const LINKS_HEADER: &[u8] = b"fouille copy links 1\n";

/// The pairs of copies that meet in one of `bands`, each once, and the
/// band keys too crowded to compare.
fn copy_pairs(docs: &[(u64, Sketch)], bands: &[usize]) -> (Vec<CopyPair>, Vec<u64>) {
    // A band's key and a document's position packed in one u64 (the key's
    // band number is the same for all, its two bins fit in the high half):
    // sorting plain integers is quicker than sorting pairs, in the order
    // (key, position) all the same.
    let mut keys: Vec<u64> = Vec::with_capacity(docs.len());
    // Copies meet in many bands: each is given once. Only copies are
    // remembered: judging a pair again (128 bins compared) costs less than
    // remembering every pair met, a set of millions whose inserts missed
    // the cache and took two thirds of clustering's time at 108k.
    let mut seen: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
    let (mut out, mut crowded) = (Vec::new(), Vec::new());
    for &band in bands {
        keys.clear();
        keys.extend(
            docs.iter()
                .enumerate()
                .map(|(i, (_, s))| (bins_of_band(s, band) << 32) | i as u64),
        );
        keys.sort_unstable();
        let position = |k: u64| (k & u64::from(u32::MAX)) as u32;
        for run in keys.chunk_by(|a, b| a >> 32 == b >> 32) {
            if run.len() > MAX_BUCKET {
                crowded.push(((band as u64) << 32) | run[0] >> 32);
                continue;
            }
            for (x, i) in run.iter().map(|&k| position(k)).enumerate() {
                for j in run[x + 1..].iter().map(|&k| position(k)) {
                    let (di, dj) = (&docs[i as usize], &docs[j as usize]);
                    // Sorted by key then position: i < j.
                    if di.1.is_copy(&dj.1) && seen.insert((u64::from(i) << 32) | u64::from(j)) {
                        out.push(CopyPair::new(di, dj));
                    }
                }
            }
        }
    }
    (out, crowded)
}

/// First bytes of the clusters file, with its version.
const HEADER: &[u8] = b"fouille clusters 1\n";

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `n` words drawn from a long vocabulary by a seeded generator.
    fn text(seed: u64, n: usize) -> String {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = mix(s.wrapping_add(0x9e37_79b9_7f4a_7c15));
                format!("mot{}", s % 5000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn sk(t: &str) -> Sketch {
        sketch(t).expect("long enough")
    }

    #[test]
    fn chrome_case_and_punctuation_do_not_count() {
        let a = "Le président a déclaré, lundi à Paris, que la réforme serait votée avant l'été.";
        let b = "LE PRÉSIDENT a déclaré lundi à Paris que la réforme serait votée avant l'été !";
        assert_eq!(shingle_hashes(a), shingle_hashes(b));
    }

    /// The word hashes as first written, with Unicode's tables for every
    /// character beyond ASCII.
    fn word_hashes_by_tables(text: &str) -> Vec<u64> {
        const START: u64 = 0xcbf2_9ce4_8422_2325;
        let mut out = Vec::new();
        let mut h = START;
        let mut in_word = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    h = step(h, l as u32);
                }
                in_word = true;
            } else if in_word {
                out.push(mix(h));
                (h, in_word) = (START, false);
            }
        }
        if in_word {
            out.push(mix(h));
        }
        out
    }

    /// The sketch as first written: every shingle hash sorted and made
    /// distinct, then the minimum of each bin. The quicker path must give
    /// the very same bytes (sketches are stored in indexes).
    fn sketch_by_sorting(body: &str) -> Option<Sketch> {
        let words = word_hashes_by_tables(body);
        let mut hashes: Vec<u64> = words
            .windows(SHINGLE)
            .map(|w| {
                let acc = w.iter().fold(0u64, |acc, &x| acc.rotate_left(13) ^ x);
                mix(acc.wrapping_add(SHINGLE as u64))
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        if hashes.len() < MIN_SHINGLES {
            return None;
        }
        let mut mins = [u64::MAX; BINS];
        for h in &hashes {
            let bin = (h >> 57) as usize;
            mins[bin] = mins[bin].min(h & RANK);
        }
        let mut bins = [0u16; BINS];
        for (i, slot) in bins.iter_mut().enumerate() {
            let (dist, min) = (0..BINS)
                .map(|d| (d, mins[(i + d) % BINS]))
                .find(|(_, m)| *m != u64::MAX)
                .unwrap();
            *slot = (mix(min.wrapping_add(dist as u64)) >> 48) as u16;
        }
        Some(Sketch {
            shingles: hashes.len() as u32,
            bins,
        })
    }

    #[test]
    fn sketches_are_those_of_the_sorted_shingles() {
        // Short and long, with repeated runs (a paragraph twice) and
        // accented words, around the bar of MIN_SHINGLES.
        for n in [0, 4, 5, 22, 24, 25, 30, 60, 300, 3000] {
            for seed in 0..4 {
                let t = text(seed, n);
                let twice =
                    format!("{t} À l’ÉLYSÉE, « ÇA » Œuvre… µ² ½ N°{n}\u{202f}: Straße ÿ×÷ {t}");
                for body in [t.as_str(), twice.as_str()] {
                    assert_eq!(
                        sketch(body),
                        sketch_by_sorting(body),
                        "{n} words, seed {seed}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_hashes_are_those_of_unicode_tables() {
        let all: String = (0x20..0x3000).filter_map(char::from_u32).collect();
        let mixed = "L’ÉTAT d'Œdipe: « À ÇA » — İstanbul ΣΟΦΙΑ Straße 2e ½µ…";
        for t in [all.as_str(), mixed] {
            let mut fast = Vec::new();
            each_word_hash(t, |h| fast.push(h));
            assert_eq!(fast, word_hashes_by_tables(t), "{t}");
        }
    }

    #[test]
    fn latin_characters_are_words_and_lowercase_as_unicode_says() {
        for c in (0x80..0x3000).filter_map(char::from_u32) {
            let Some(fast) = latin_word_char(c) else {
                continue;
            };
            let lower: Vec<char> = c.to_lowercase().collect();
            let unicode = c.is_alphanumeric().then(|| lower[0]);
            assert_eq!(fast, unicode, "{c:?}");
            assert!(fast.is_none() || lower.len() == 1, "{c:?}");
        }
        assert_eq!(latin_word_char('É'), Some(Some('é')));
        assert_eq!(latin_word_char('’'), Some(None));
        assert_eq!(latin_word_char('Œ'), None);
    }

    #[test]
    fn distinct_values_are_counted_in_small_and_large_bins() {
        for n in [0usize, 1, 2, 5, 12, 13, 40] {
            let mut bin: Vec<u64> = (0..n as u64).map(|k| mix(k % 7)).collect();
            let mut sorted = bin.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(distinct_in(&mut bin), sorted.len(), "{n}");
        }
    }

    #[test]
    fn agreeing_counts_equal_bins() {
        let a = sk(&text(1, 400));
        let mut b = a.clone();
        assert_eq!(a.agreeing(&b), 128);
        for i in (0..BINS).step_by(3) {
            b.bins[i] = b.bins[i].wrapping_add(1);
        }
        let naive = a.bins.iter().zip(&b.bins).filter(|(x, y)| x == y).count();
        assert_eq!(usize::from(a.agreeing(&b)), naive);
        assert_eq!(naive, 128 - 43);
    }

    #[test]
    fn short_texts_have_no_sketch() {
        assert!(sketch("Trois mots seulement").is_none());
        assert!(sketch(&text(1, 30)).is_some());
    }

    #[test]
    fn sketches_round_trip() {
        let s = sk(&text(3, 400));
        assert_eq!(Sketch::decode(&s.encode()), Some(s));
        assert_eq!(Sketch::decode(b"short"), None);
    }

    #[test]
    fn partial_and_edited_copies_are_copies() {
        let full = text(7, 600);
        let words: Vec<&str> = full.split(' ').collect();
        let truncated = words[..250].join(" ");
        let added = format!("{full} {}", text(8, 150));
        let mut edited = words.clone();
        for i in (10..600).step_by(90) {
            edited[i] = "autre";
        }
        let edited = edited.join(" ");
        let original = sk(&full);
        for copy in [&truncated, &added, &edited] {
            assert!(original.is_copy(&sk(copy)), "{}", &copy[..40]);
        }
    }

    #[test]
    fn texts_sharing_words_but_not_runs_of_them_are_not_copies() {
        // The same vocabulary in another order: what two reports of one
        // event share.
        let a = text(11, 500);
        let mut words: Vec<&str> = a.split(' ').collect();
        words.reverse();
        let b = words.join(" ");
        assert!(!sk(&a).is_copy(&sk(&b)));
        assert!(!sk(&a).is_copy(&sk(&text(12, 500))));
    }

    #[test]
    fn a_short_text_quoted_by_two_long_ones_does_not_join_them() {
        // Two long texts that share one passage (a stock legal sentence, a
        // quotation) and the passage alone: it is a copy of both, the two
        // are not copies of each other.
        let passage = text(31, 100);
        let a = format!("{passage} {}", text(32, 500));
        let b = format!("{} {passage}", text(33, 500));
        let docs: Vec<(u64, Sketch)> = vec![(1, sk(&a)), (2, sk(&b)), (3, sk(&passage))];
        assert!(docs[2].1.is_copy(&docs[0].1) && docs[2].1.is_copy(&docs[1].1));
        assert!(!docs[0].1.is_copy(&docs[1].1));
        let c = Clusters::build(&docs);
        assert_eq!(c.groups().len(), 1, "{c:?}");
        assert_ne!(c.story(1), c.story(2), "{c:?}");
        assert_eq!(c.members(c.story(3)).len(), 2);
        // A plain union of the copy pairs chains them into one.
        let chained = Clusters::build_with(&docs, &|_, _| true, false);
        assert_eq!(chained.groups(), vec![&[1u64, 2, 3][..]]);
    }

    #[test]
    fn a_part_of_a_member_joins_its_group_whatever_the_longest() {
        // An article A and a longer version R that kept most of it but not
        // its last part; a brief that is that last part of A alone. The
        // brief copies A, not R, the group's longest member: it joins
        // through A.
        let (p, q, z) = (text(71, 300), text(72, 100), text(73, 150));
        let a = format!("{p} {q}");
        let r = format!("{p} {z}");
        let docs: Vec<(u64, Sketch)> = vec![(1, sk(&a)), (2, sk(&r)), (3, sk(&q))];
        assert!(docs[2].1.is_copy(&docs[0].1) && !docs[2].1.is_related(&docs[1].1));
        assert!(docs[0].1.jaccard(&docs[1].1) > docs[2].1.jaccard(&docs[0].1));
        let c = Clusters::build(&docs);
        assert_eq!(c.groups(), vec![&[1u64, 2, 3][..]], "{c:?}");
        // Without the rule, the group's longest member keeps it out.
        let kept_out = Clusters::build_with(&docs, &Sketch::is_related, false);
        assert_eq!(kept_out.groups(), vec![&[1u64, 2][..]], "{kept_out:?}");
    }

    #[test]
    fn groups_do_not_depend_on_the_order_of_documents() {
        let dispatch = text(41, 400);
        let words: Vec<&str> = dispatch.split(' ').collect();
        let mut docs: Vec<(u64, Sketch)> = vec![
            (1, sk(&dispatch)),
            (2, sk(&words[..200].join(" "))),
            (3, sk(&format!("{dispatch} {}", text(42, 100)))),
            (4, sk(&text(43, 300))),
            (
                5,
                sk(&format!("{} {}", words[150..].join(" "), text(44, 200))),
            ),
        ];
        let first = Clusters::build(&docs);
        docs.reverse();
        assert_eq!(Clusters::build(&docs), first);
        docs.swap(0, 2);
        assert_eq!(Clusters::build(&docs), first);
    }

    #[test]
    fn exact_overlap_counts_shared_shingles() {
        let a = shingle_hashes(&text(51, 200));
        let half = shingle_hashes(
            &text(51, 200)
                .split(' ')
                .take(100)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let o = Overlap::of(&a, &half);
        assert_eq!(o.shared, half.len());
        assert!((o.contained - 1.0).abs() < 1e-9 && o.jaccard < 0.6, "{o:?}");
        assert!(o.is_copy());
        assert!(!Overlap::of(&a, &shingle_hashes(&text(52, 200))).is_copy());
    }

    /// Documents with copies of several kinds, keyed from `first`.
    fn archive(first: u64, seed: u64, originals: usize) -> Vec<(u64, Sketch)> {
        let mut out = Vec::new();
        let mut key = first;
        for o in 0..originals as u64 {
            let t = text(seed * 1000 + o, 200 + 10 * o as usize);
            let words: Vec<&str> = t.split(' ').collect();
            let versions = [
                t.clone(),
                words[..words.len() / 2].join(" "),
                format!("{t} {}", text(seed * 1000 + 500 + o, 60)),
            ];
            for v in versions.iter().take(1 + (o as usize % 3)) {
                out.push((key, sk(v)));
                key += 1;
            }
        }
        out
    }

    #[test]
    fn updated_links_make_the_clusters_a_rebuild_makes() {
        let mut docs = archive(1, 60, 40);
        let links = Links::find(&docs);
        assert_eq!(Links::decode(&links.encode()), Some(links.clone()));
        assert!(Links::decode(b"fouille copy links 1\n\x01").is_none());
        // Copies arrive: of an original already there, and a new story.
        let dispatch = text(60_000, 200);
        let extra = vec![
            (1000, sk(&format!("Par Info Matin. {dispatch}"))),
            (1001, sk(&dispatch)),
            (1002, docs[0].1.clone()),
        ];
        docs.extend(extra);
        let updated = links.update(&docs).expect("a few documents added");
        assert_eq!(updated, Links::find(&docs));
        assert_eq!(updated.clusters(&docs), Clusters::build(&docs));
        assert_eq!(
            Clusters::build(&docs).of(1002),
            Clusters::build(&docs).of(docs[0].0)
        );
        // Copies go, one article is edited into another text.
        docs.retain(|(k, _)| *k != 1001 && *k != 2);
        docs[5].1 = sk(&text(61_000, 300));
        let again = updated.update(&docs).expect("a few documents changed");
        assert_eq!(again, Links::find(&docs));
        assert_eq!(again.clusters(&docs), Clusters::build(&docs));
        // Much changed: a rebuild is as quick.
        assert!(again.update(&archive(5000, 61, 40)).is_none());
    }

    #[test]
    fn clusters_join_copies_and_leave_the_rest_alone() {
        let dispatch = text(21, 500);
        let half: String = dispatch.split(' ').take(260).collect::<Vec<_>>().join(" ");
        let docs: Vec<(u64, Sketch)> = vec![
            (30, sk(&dispatch)),
            (10, sk(&text(22, 500))),
            (20, sk(&half)),
            (40, sk(&text(23, 300))),
        ];
        let c = Clusters::build(&docs);
        assert_eq!(c.groups(), vec![&[20u64, 30][..]]);
        assert_eq!(c.of(30), Some(20));
        assert_eq!(c.story(10), 10);
        assert_eq!(c.members(20), [20, 30]);
        let (back, stamp) = Clusters::decode(&c.encode(9)).expect("decodes");
        assert_eq!((back, stamp), (c, 9));
        assert!(Clusters::decode(b"other").is_none());
    }
}

//! Names no list holds, found from their form and their context: a
//! capitalised run of words inside a sentence is a name; what precedes it
//! (a civility, a place preposition, an organisation's head word) and a list
//! of given names tell its kind; the document itself settles the rest (once
//! `Christophe Castaner` is a person, `Castaner` at a sentence start is too).
//! Runs after the gazetteer and the other detectors, over the tokens they
//! left, in a few passes over the tokens with no per-token allocation.

use super::cues;
use super::detect::capitalise;
use super::gazetteer::Index;
use super::normalise::fold;
use super::tokens::Token;
use super::{Doc, EntityKind, Mention};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, OnceCell};
use std::sync::OnceLock;

/// Given names of many languages, by fold (see data/README.md for the source).
const GIVEN_NAMES: &str = include_str!("../../data/given-names.txt");

fn given_names() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        GIVEN_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty() && french_letters(l))
            .map(fold)
            .collect()
    })
}

/// Whether a word is written with the letters of French only: unaccented,
/// or with accents French writes. The fold of `Müret` or `Şahin` is a
/// French place or word (`Muret`), which the text would write without the
/// mark; the name, written with it, is rare in French news.
fn french_letters(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii() || "éèêëàâîïôûùçœæÿÉÈÊËÀÂÎÏÔÛÙÇŒÆ".contains(c))
}

/// French common words, lowercase (see data/README.md for the source).
const COMMON_WORDS: &str = include_str!("../../data/common-words.txt");

fn common_words() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Whether a lowercase word is a French common word or one of its plural
/// or feminine forms (`Académies`, `Bretonne`, `Normands`): the dictionary
/// lists stems, and names are not in it.
pub fn is_common_word(lower: &str) -> bool {
    let set = common_words();
    set.contains(lower)
        || ["s", "x", "e", "es", "ne", "nes"].iter().any(|s| {
            lower
                .strip_suffix(s)
                .is_some_and(|w| w.len() > 2 && set.contains(w))
        })
        // `Cristaux`, `Journaux`: plurals in -aux of nouns in -al.
        || lower
            .strip_suffix("aux")
            .is_some_and(|w| w.len() > 2 && set.contains(format!("{w}al").as_str()))
}

/// Whether a folded word is a given name.
pub fn is_given_name(folded: &str) -> bool {
    given_names().contains(folded)
}

/// Civilities written in full, which the text may write lowercase:
/// `madame Grandet`, `Monsieur de Rênal`. Their canonical abbreviation.
pub fn written_civility(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "monsieur" => "M.",
        "madame" => "Mme",
        "mademoiselle" => "Mlle",
        "messieurs" => "MM.",
        "mesdames" => "Mmes",
        "sir" => "Sir",
        "lord" | "milord" => "Lord",
        "lady" | "milady" => "Lady",
        _ => return None,
    })
}

/// The civility of token `i`, as its canonical abbreviation.
fn civility_at(doc: &Doc, i: usize) -> Option<&'static str> {
    if doc.is(i, cues::HONORIFIC) {
        return Some(match doc.toks[i].text {
            "M" => "M.",
            "MM" => "MM.",
            "Mr" => "M.",
            other => cues::HONORIFICS
                .iter()
                .find(|h| **h == other)
                .copied()
                .unwrap_or("M."),
        });
    }
    written_civility(doc.lower(i))
}

/// Heads of organisation names: `Parti socialiste`, `Société générale`.
fn is_organisation_head(lower: &str) -> bool {
    matches!(
        lower,
        "parti"
            | "syndicat"
            | "société"
            | "compagnie"
            | "banque"
            | "université"
            | "association"
            | "fédération"
            | "confédération"
            | "union"
            | "ministère"
            | "institut"
            | "académie"
            | "fondation"
            | "mouvement"
            | "front"
            | "ligue"
            | "collectif"
            | "comité"
            | "conseil"
            | "assemblée"
            | "tribunal"
            | "cour"
            | "groupe"
            | "agence"
            | "office"
            | "caisse"
            | "chambre"
            | "église"
            | "ordre"
            | "lycée"
            | "collège"
            | "école"
            | "hôpital"
            | "journal"
            | "club"
            | "centre"
            | "observatoire"
            | "musée"
            | "commission"
            | "sénat"
            | "état"
            | "etat"
    )
}

/// The same before `de`, but for `place`: `à la place de Jean` is instead
/// of someone.
pub(super) fn is_street_noun_before_de(lower: &str) -> bool {
    lower != "place" && is_street_noun(lower)
}

/// Nouns before a name that make it a place: `rue Saint-Denis`, `île de Ré`.
pub(super) fn is_street_noun(lower: &str) -> bool {
    matches!(
        lower,
        "rue"
            | "allée"
            | "chemin"
            | "square"
            | "passage"
            | "golfe"
            | "baie"
            | "canal"
            | "étang"
            | "place"
            | "boulevard"
            | "avenue"
            | "quai"
            | "pont"
            | "impasse"
            | "faubourg"
            | "île"
            | "mont"
            | "lac"
            | "forêt"
            | "bois"
            | "château"
            | "abbaye"
            | "cathédrale"
            | "fleuve"
            | "rivière"
            | "villa"
            // `les monts Géraniens`, `la sierra Madre`, `le col Agnel`.
            | "monts"
            | "montagne"
            | "sierra"
            | "col"
            | "vallée"
            | "cap"
            | "détroit"
            | "îles"
            | "pic"
            | "massif"
    )
}

/// Nouns of things named after someone or something (`le restaurant
/// Messonnier`, `la lanterne Jeffrey`, `le journal Figaro`): the name
/// that follows is the thing's, no one's, unless the document names a
/// person so elsewhere.
fn is_thing_noun(lower: &str) -> bool {
    matches!(
        lower,
        "restaurant"
            | "café"
            | "brasserie"
            | "auberge"
            | "cabaret"
            | "hôtel"
            | "lycée"
            | "collège"
            | "hôpital"
            | "gare"
            | "navire"
            | "bateau"
            | "vaisseau"
            | "paquebot"
            | "yacht"
            | "journal"
            | "lanterne"
            | "théâtre"
            | "salle"
            | "magasin"
    )
}

/// Nouns of the parts of a program's interface (`la touche Maj`, `le
/// bouton Valider`, `l'onglet Affichage`): what follows is a label,
/// wherever else the document writes it.
pub(crate) fn is_interface_noun(lower: &str) -> bool {
    matches!(
        lower,
        "touche" | "touches" | "bouton" | "onglet" | "menu" | "icône" | "raccourci"
    )
}

/// Takes every mention of a word that the document joins to a `+`
/// somewhere (`Maj+F10` in a table of shortcuts) or tells the reader to
/// press (`appuyez sur Maj`, `maintenez Maj`): once a word is a key,
/// `appuyez sur Maj` in the same manual is the key too, whatever list of
/// given names holds it. Runs before the passes that look for names.
pub fn program_keys(doc: &mut Doc) {
    let toks = doc.toks;
    // `appuyez sur Maj`, `maintenez Maj enfoncée`: pressed, so a key.
    let pressed = |i: usize| {
        let joined = |k: usize| !toks[k + 1].break_before;
        (i > 1
            && joined(i - 1)
            && joined(i - 2)
            && doc.lower(i - 1) == "sur"
            && doc.lower(i - 2).starts_with("appuy"))
            || (i > 0 && joined(i - 1) && matches!(doc.lower(i - 1), "maintenez" | "maintenir"))
    };
    let keys: Vec<&str> = (0..toks.len())
        .filter(|&i| toks[i].capitalised() && (in_key_combination(doc, i, i) || pressed(i)))
        .map(|i| doc.folded(i, i))
        .collect();
    if keys.is_empty() {
        return;
    }
    let marked: Vec<usize> = (0..toks.len())
        .filter(|&i| keys.contains(&doc.folded(i, i)))
        .collect();
    for i in marked {
        doc.taken[i] = true;
    }
}

/// True when the run `i..=end` is joined to a `+` (`Maj+F10`,
/// `Ctrl + Alt + Suppr`): a key of a key combination, never a name.
pub(crate) fn in_key_combination(doc: &Doc, i: usize, end: usize) -> bool {
    let (start, stop) = (doc.toks[i].start, doc.toks[end].end);
    let before = doc.text[..start].trim_end_matches([' ', '\u{a0}']);
    let after = doc.text[stop..].trim_start_matches([' ', '\u{a0}']);
    before.ends_with('+') || after.starts_with('+')
}

/// Last words of English names of streets and parks (`Fleet Street`,
/// `Islington Gardens`), which a French text leaves as they are.
fn is_english_place_tail(lower: &str) -> bool {
    matches!(
        lower,
        "street" | "road" | "gardens" | "square" | "avenue" | "bridge" | "terrace"
    )
}

/// Capitalised words that are not names on their own: institutions written
/// with a capital, abstractions, religious feasts, points of the compass.
pub(crate) fn is_capitalised_common_word(lower: &str) -> bool {
    matches!(
        lower,
        "état"
            | "etat"
            | "états"
            | "etats"
            | "république"
            | "gouvernement"
            | "assemblée"
            | "sénat"
            | "parlement"
            | "constitution"
            | "internet"
            | "web"
            | "bourse"
            | "noël"
            | "pâques"
            | "toussaint"
            | "nord"
            | "sud"
            | "est"
            | "ouest"
            | "ancien"
            | "nouveau"
            | "grand"
            | "grande"
            | "saint"
            | "sainte"
            | "oui"
            | "non"
            | "ok"
            | "covid"
            | "président"
            | "premier"
            | "monsieur"
            | "madame"
            | "mademoiselle"
            | "messieurs"
            | "mesdames"
            | "ah"
            | "oh"
            | "eh"
            | "hé"
            | "bah"
            | "bon"
            | "bien"
            | "voici"
            | "voilà"
            | "allons"
            | "tiens"
            | "mon"
            | "dieu"
            | "cela"
            | "ceci"
            | "éminence"
            | "majesté"
            | "altesse"
            | "excellence"
            | "sainteté"
            | "monseigneur"
            | "sire"
            | "ier"
            | "ière"
            | "article"
            | "chapitre"
            | "titre"
            | "section"
            | "annexe"
            | "bulletin"
            | "haut"
            | "haute"
            | "bas"
            | "basse"
            | "armée"
            | "midi"
            | "canton"
            | "cantons"
    )
}

/// What a candidate run turned out to be, before document consistency.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Guess {
    Person,
    Place,
    Organisation,
    /// A capitalised common noun (`la Défense`, `Arc de triomphe`): nothing.
    Nothing,
}

/// A run inside a sentence and what its context says.
struct Candidate {
    start: usize,
    end: usize,
    guess: Guess,
    /// Said by a cue (a place preposition, a given name, a head word), not
    /// by default: the other mentions of the same name follow it.
    strong: bool,
}

/// Finds the names the other passes left: capitalised runs inside
/// sentences, typed by their context and, where that says nothing, by the
/// other mentions of the same name; then runs at sentence starts that the
/// document names elsewhere or that start with a given name.
pub fn unseen_names(idx: &Index, doc: &mut Doc) {
    // Words of people's names in this document, by fold, with the full name.
    let mut person_words: FxHashMap<String, String> = FxHashMap::default();
    let mut typed: FxHashMap<String, Guess> = FxHashMap::default();
    // Each name once: a document repeats its names, and folding allocates.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for m in doc.mentions.iter().filter(|m| m.confirmed) {
        match m.kind {
            EntityKind::Person if seen.insert(&m.canonical) => {
                note_person(&mut person_words, &m.canonical)
            }
            EntityKind::Place if seen.insert(&m.surface) => {
                typed.insert(fold(&m.surface), Guess::Place);
            }
            _ => {}
        }
    }
    let toks = doc.toks;
    let mut deferred = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((start, end)) = candidate_at(doc, i) else {
            i += 1;
            continue;
        };
        // `D'Artagnan répondit`: a sentence cannot start with `de` and a
        // name then a verb, so the `d'` belongs to the name.
        let elided_start = start > 0 && toks[start].elided_before && toks[start - 1].sentence_start;
        if elided_start && matches!(toks[start - 1].text, "d" | "D") {
            let verb_follows = end + 1 < toks.len()
                && !toks[end + 1].break_before
                && !toks[end + 1].capitalised()
                && !doc.is(end + 1, cues::FUNCTION);
            if verb_follows {
                found.push(Candidate {
                    start: start - 1,
                    end,
                    guess: Guess::Person,
                    strong: true,
                });
            }
        } else if !mid_sentence(doc, start) {
            deferred.push((start, end));
        } else {
            let (guess, strong) = guess_kind(doc, &person_words, start, end);
            let end = match guess {
                Guess::Organisation => organisation_end(doc, end),
                _ => end,
            };
            found.push(Candidate {
                start,
                end,
                guess,
                strong,
            });
        }
        i = end + 1;
    }
    // Strong evidence types every mention of the same name.
    for c in found.iter().filter(|c| c.strong) {
        let name = doc.span(c.start, c.end);
        let key = doc.folded(c.start, c.end);
        if !typed.contains_key(key) {
            typed.insert(key.to_string(), c.guess);
        }
        if c.guess == Guess::Person && !person_words.contains_key(key) {
            note_person(&mut person_words, name);
        }
    }
    // `balbutia Maheu` makes `Maheu` someone, and `dit-il à Maheu` then
    // speaks to him rather than of a town.
    for c in found.iter().filter(|c| !c.strong) {
        let key = doc.folded(c.start, c.end);
        if !typed.contains_key(key) && said_or_introduced(doc, c.start, c.end) {
            typed.insert(key.to_string(), Guess::Person);
            note_person(&mut person_words, doc.span(c.start, c.end));
        }
    }
    // Built for the first name that needs it: most documents have none.
    let mut used: Option<WordUse> = None;
    for c in found {
        let (mut start, end) = (c.start, c.end);
        // `d'Artagnan` once the document wrote it so at a sentence start.
        if start > 0 && toks[start].elided_before && matches!(toks[start - 1].text, "d" | "D") {
            let with_d = doc.folded(start - 1, end);
            if typed.get(with_d) == Some(&Guess::Person) {
                start -= 1;
            }
        }
        let guess =
            if c.strong && c.guess == Guess::Person && in_list_mostly_of_places(doc, start, end) {
                Guess::Place
            } else if c.strong {
                c.guess
            } else if let Some(g) = typed.get(doc.folded(start, end)) {
                *g
            } else if person_words.contains_key(doc.folded(end, end)) {
                Guess::Person
            } else if c.guess == Guess::Person && in_list_of_places(doc, start, end) {
                Guess::Place
            } else if c.guess == Guess::Person {
                // A person by default only: the text must say so some other way.
                let words = used.get_or_insert_with(|| word_use(doc));
                if person_evidence(doc, words, start, end) {
                    Guess::Person
                } else {
                    Guess::Nothing
                }
            } else {
                c.guess
            };
        if guess == Guess::Nothing {
            continue;
        }
        let added = add_guess(idx, doc, guess, start, end);
        if added == Some(EntityKind::Person) && !person_words.contains_key(doc.folded(start, end)) {
            note_person(&mut person_words, doc.span(start, end));
        }
    }
    // At sentence starts: only what the document or the given names confirm.
    for (i, end) in deferred {
        // `Maj+Entrée` at the start of a line: a key, not a given name.
        if doc.taken[i..=end].iter().any(|t| *t) || in_key_combination(doc, i, end) {
            continue;
        }
        // `Jamais Frédéric ne vint`, `Pauvre Henri !`: a sentence capitalises
        // its first word, and a word the text also writes in lowercase is
        // no part of the name that follows it.
        let first = i;
        let i = if i < end && !toks[i + 1].hyphen_before {
            let words = used.get_or_insert_with(|| word_use(doc));
            let lower = doc.lower(i);
            // `Pauvre Lecoq !`, `Seule Marthe restait`, `Vraiment Petit
            // Pierre`: a common word of the dictionary too, unless it is
            // also a given name (`Rose Thévenin`, left out of the list).
            if words.writes_lowercase(doc, lower)
                || doc.is(i, cues::FUNCTION)
                || is_capitalised_common_word(lower)
                || is_common_word(lower)
            {
                i + 1
            } else {
                i
            }
        } else {
            i
        };
        // `Antenne de Muret`, `Cantons de Bois-Guillaume`: past the dropped
        // word come its particles, which start no one's name; what follows
        // them is the thing's place or owner, a person only if the document
        // said so with a strong cue.
        let mut i = i;
        while i < end && !toks[i].capitalised() {
            i += 1;
        }
        let of_thing = i > first + 1;
        let whole = doc.folded(i, end);
        let last = doc.folded(end, end);
        let guess = match typed.get(whole) {
            Some(g) => *g,
            None if of_thing => continue,
            None if person_words.contains_key(whole)
                || person_words.contains_key(last)
                || is_given_name(doc.folded(i, i)) =>
            {
                Guess::Person
            }
            None if says_at_start(doc, &mut used, i, end) => Guess::Person,
            None => continue,
        };
        if guess != Guess::Nothing {
            add_guess(idx, doc, guess, i, end);
        }
    }
}

/// `Montaigu, Rochefort, Wianden, Houffalize`: a name between commas
/// next to a place the document knows is one more item of a list of places.
fn in_list_of_places(doc: &Doc, start: usize, end: usize) -> bool {
    let toks = doc.toks;
    let comma = |k: usize| doc.gap_before(k).trim() == ",";
    let before = start > 0 && comma(start) && doc.place_token[start - 1];
    let after = end + 1 < toks.len() && comma(end + 1) && doc.place_token[end + 1];
    // `Dunkerque et Mardick`, `Mardick ou Dunkerque`: the last item too.
    let and = |k: usize| matches!(doc.lower(k), "et" | "ou") && !toks[k].break_before;
    let and_before =
        start > 1 && !toks[start].break_before && and(start - 1) && doc.place_token[start - 2];
    let and_after = end + 2 < toks.len()
        && !toks[end + 1].break_before
        && and(end + 1)
        && !toks[end + 2].break_before
        && doc.place_token[end + 2];
    before || after || and_before || and_after || place_further_in_list(doc, start, end)
}

/// `Cantons de Boos, Buchy, Cany-Barville, Caudebec, Clères`: an item of a
/// list of three names or more of which another item, however far, is a
/// place the document knows. Items are short capitalised runs between commas.
fn place_further_in_list(doc: &Doc, start: usize, end: usize) -> bool {
    let (items, places) = list_around(doc, start, end);
    items >= 3 && places > 0
}

/// `les communes d'Aston, Bram, Charly, Lagarde, Margaux`: in a list whose
/// items are places (two at least that the document knows, a third), a
/// given name is one more commune rather than a person.
fn in_list_mostly_of_places(doc: &Doc, start: usize, end: usize) -> bool {
    // `Bruno Podalydès, Jane Birkin`: a given name and a surname name a
    // person whatever the list; a commune is one word or hyphen-joined.
    if (start + 1..=end).any(|k| !doc.hyphen_glued(k)) {
        return false;
    }
    let (items, places) = list_around(doc, start, end);
    items >= 4 && places >= 2 && places * 3 >= items
}

/// The items of the list of names around the run (itself included) and
/// how many of them are places the document knows. Items are short
/// capitalised runs between commas.
fn list_around(doc: &Doc, start: usize, end: usize) -> (usize, usize) {
    let toks = doc.toks;
    let comma = |k: usize| doc.gap_before(k).trim() == ",";
    // A list item: at most four tokens, the first capitalised, joined.
    let item_places = |from: usize, to: usize| {
        toks[from].capitalised() && to - from < 4 && doc.place_token[from..=to].iter().any(|p| *p)
    };
    let (mut items, mut places) = (1, 0);
    // Leftwards: each item ends before a comma and starts after the previous break.
    let mut k = start;
    while items < 8 && k > 0 && comma(k) {
        let to = k - 1;
        let mut from = to;
        while from > 0 && !toks[from].break_before && to - from < 4 {
            from -= 1;
        }
        places += usize::from(item_places(from, to));
        items += 1;
        k = from;
    }
    // Rightwards likewise.
    let mut k = end + 1;
    while items < 16 && k < toks.len() && comma(k) {
        let from = k;
        let mut to = from;
        while to + 1 < toks.len() && !toks[to + 1].break_before && to - from < 4 {
            to += 1;
        }
        places += usize::from(item_places(from, to));
        items += 1;
        k = to + 1;
    }
    (items, places)
}

/// Whether the capital of token `i` says a name: inside a sentence, after a
/// word (`1° Lorsque`, `a) Abrogé` start clauses of a list).
fn mid_sentence(doc: &Doc, i: usize) -> bool {
    let toks = doc.toks;
    if i == 0 || toks[i].sentence_start {
        return false;
    }
    let prev = toks[i - 1];
    // `<br/>Aisne`, `<p>Produits`: markup ends a line as a newline does.
    !doc.gap_before(i).contains([')', '°', '•', '*', '|', '>'])
        && prev.text.chars().next().is_some_and(char::is_alphabetic)
}

/// The words the document writes in lowercase: a capitalised word that is
/// also one of them (`Produits`, `Trésor`, `Conseil`) is a common noun
/// written with a capital, at the head of a line or of an institution.
/// With them, whether the document reads as a story or a report.
struct WordUse<'a> {
    /// The lowercase words, hashed only once the document has been asked
    /// about [`SCANS_BEFORE_SET`] words: most documents ask about one or
    /// two, and a scan of the tokens costs less than hashing half of them.
    lowercase: OnceCell<FxHashSet<&'a str>>,
    asked: Cell<usize>,
    /// Verbs of saying and of the imperfect: the document tells a story or
    /// reports words, where capitals mid-sentence are mostly people.
    narrative: bool,
    /// English function words in one word of a hundred or more: a manual
    /// or a page in English, whose capitalised runs are mostly the names of
    /// software, menus and commands (`Mersenne Twister`, `Undo Steps`).
    english: bool,
}

/// Questions answered by a scan of the tokens before [`WordUse`] builds
/// its set: a scan is about as dear as hashing a sixth of the words.
const SCANS_BEFORE_SET: usize = 4;

impl<'a> WordUse<'a> {
    /// Whether the document writes `w` as a lowercase word of content.
    fn writes_lowercase(&self, doc: &Doc<'a>, w: &str) -> bool {
        if let Some(set) = self.lowercase.get() {
            return set.contains(w);
        }
        let asked = self.asked.get();
        if asked < SCANS_BEFORE_SET {
            self.asked.set(asked + 1);
            let toks = doc.toks.iter().enumerate();
            return toks
                .filter(|(_, t)| t.text == w)
                .any(|(i, t)| lowercase_word(doc, i, t));
        }
        let set = self.lowercase.get_or_init(|| {
            let toks = doc.toks.iter().enumerate();
            toks.filter(|&(i, t)| lowercase_word(doc, i, t))
                .map(|(_, t)| t.text)
                .collect()
        });
        set.contains(w)
    }
}

/// A word written in lowercase, other than a function word: function
/// words (`de`, `la`, `pour`), half of the text, are no capitalised
/// name's lowercase.
fn lowercase_word(doc: &Doc, i: usize, t: &Token) -> bool {
    !t.capitalised()
        && t.text.chars().next().is_some_and(char::is_lowercase)
        && !doc.is(i, cues::FUNCTION)
}

fn word_use<'a>(doc: &Doc<'a>) -> WordUse<'a> {
    let mut words = WordUse {
        lowercase: OnceCell::new(),
        asked: Cell::new(0),
        narrative: false,
        english: false,
    };
    let (mut telling, mut english) = (0, 0);
    for (i, t) in doc.toks.iter().enumerate() {
        if lowercase_word(doc, i, t) {
            // `était`, `avait`; not `extrait`, `satisfait`, nor the
            // conditional (`serait`) of rules.
            let w = t.text;
            let imperfect = w.len() > 4
                && (w.ends_with("ait") || w.ends_with("aient"))
                && !["rait", "fait", "hait", "raient"]
                    .iter()
                    .any(|s| w.ends_with(s));
            if imperfect || doc.is(i, cues::REPORTING) || is_narrative_saying(t.text) {
                telling += 1;
            }
            english += usize::from(is_english_function_word(w));
        }
    }
    // A few in a long text are chance: a story has them in every paragraph.
    words.narrative = telling >= 3 && telling * 60 >= doc.toks.len();
    // A French text quotes an English title now and then; a few in every
    // hundred words is English prose or code.
    words.english = english >= 4 && english * 100 >= doc.toks.len();
    words
}

/// Whether anything but its capitals says that the run `start..=end` is a
/// person's name: legal codes, manuals and tables capitalise the heads of
/// their lines and lists (`Aisne`, `Trésor`, `Haut Conseil`), and their
/// capitalised words are no people unless the text says so.
fn person_evidence<'a>(doc: &Doc<'a>, words_used: &WordUse<'a>, start: usize, end: usize) -> bool {
    if short_line(doc, start, end) {
        return false;
    }
    let toks = doc.toks;
    if end == start && of_a_thing(doc, start) {
        return said_or_introduced(doc, start, end);
    }
    // `Château-Renault`, `Bois-Guillaume`, `Arrière-Plan`: a common noun
    // hyphen-joined to a name makes a place or a thing; a given name
    // (`Jean-Bart`, which is also a cloth) was typed before.
    let compound_of_noun = start < end
        && toks[start + 1].hyphen_before
        && is_common_word(doc.lower(start))
        && !is_given_name(doc.folded(start, start));
    if compound_of_noun {
        return false;
    }
    let words = (start..=end)
        .filter(|&k| toks[k].capitalised() && !toks[k].hyphen_before)
        .count();
    // `Haut Conseil`, `Organisation du Haut Conseil`: the words of
    // institutions, not of names.
    let common = (start..=end).any(|k| {
        toks[k].capitalised()
            && (words_used.writes_lowercase(doc, doc.lower(k))
                || is_organisation_head(doc.lower(k))
                || is_capitalised_common_word(doc.lower(k)))
    });
    if common || english_around(doc, start, end) || acronym_expansion(doc, start) {
        return false;
    }
    // `au Cirque`, `Année de naissance`, `les nobles Académies`: capitalised
    // words that are all French common words name someone only when a verb
    // of saying or a role says so (`poursuivit Fortune`).
    let lexical = (start..=end)
        .filter(|&k| toks[k].capitalised())
        .all(|k| is_common_word(doc.lower(k)));
    if lexical {
        return said_or_introduced(doc, start, end);
    }
    // `Gaspard Trévillon`: two capitalised words, neither a common noun;
    // in English, where every word of a title or a menu takes a capital,
    // only if a verb of saying or a role says so.
    if words >= 2 {
        return !words_used.english
            || said_or_introduced(doc, start, end)
            || after_a_person_in_list(doc, start);
    }
    // A story or a report: a capitalised word inside its sentences is
    // mostly someone; a list of cantons or of software is not.
    words_used.narrative || said_or_introduced(doc, start, end)
}

/// `Ian Jackson, Ben Collins, Bdale Garbee`: the item of a list after a
/// person is one more person.
fn after_a_person_in_list(doc: &Doc, start: usize) -> bool {
    start > 0 && doc.person_token[start - 1] && doc.gap_before(start).trim() == ","
}

/// `le roi de Thuringe`, `la futaie de Franchard`: one word after a common
/// noun and `de` says where or what the thing is of, mostly a place; not
/// after a word of kinship (`la femme de Duroy`), which names a person.
fn of_a_thing(doc: &Doc, i: usize) -> bool {
    let toks = doc.toks;
    if i < 2 || toks[i].break_before || toks[i - 1].break_before {
        return false;
    }
    let noun = i - 2;
    matches!(doc.lower(i - 1), "de" | "d" | "du")
        && !toks[noun].capitalised()
        && toks[noun].text.chars().count() > 2
        && !doc.is(noun, cues::FUNCTION | cues::ROLE)
        && !is_kin_noun(doc.lower(noun))
}

/// Words of kinship and company, after which `de` names a person.
fn is_kin_noun(lower: &str) -> bool {
    matches!(
        lower,
        "femme"
            | "mari"
            | "fils"
            | "fille"
            | "filles"
            | "père"
            | "mère"
            | "frère"
            | "frères"
            | "sœur"
            | "soeur"
            | "sœurs"
            | "ami"
            | "amie"
            | "amis"
            | "cousin"
            | "cousine"
            | "oncle"
            | "tante"
            | "neveu"
            | "nièce"
            | "veuve"
            | "enfant"
            | "enfants"
            | "épouse"
            | "époux"
            | "maîtresse"
            | "amant"
            | "parents"
            | "famille"
            | "compagnon"
            | "compagne"
            | "avocat"
            | "avocate"
            | "secrétaire"
            | "valet"
            | "domestique"
            | "servante"
    )
}

/// Words of English that French does not write: a run among them
/// (`Guess as Variant`, `Writers, Artists and Their Copyright Holders`) is
/// the English name of a thing, not a person.
fn is_english_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "of"
            | "and"
            | "as"
            | "their"
            | "with"
            | "for"
            | "from"
            | "is"
            | "are"
            | "this"
            | "that"
            | "your"
            | "our"
            | "its"
            | "by"
            | "to"
    )
}

/// Whether an English function word is inside the run or next to it.
fn english_around(doc: &Doc, start: usize, end: usize) -> bool {
    let toks = doc.toks;
    let from = start.saturating_sub(2);
    let to = (end + 2).min(toks.len() - 1);
    (from..=to).any(|k| {
        // Only words of the same stretch of text as the run.
        let joined = (k.min(start) + 1..=k.max(end).min(to)).all(|j| !toks[j].break_before);
        joined && !toks[k].capitalised() && is_english_function_word(doc.lower(k))
    })
}

/// `AGL (Above Ground Level)`, `ARROW (Accessible Registries …)`: the words
/// an acronym stands for, in parentheses after it.
fn acronym_expansion(doc: &Doc, start: usize) -> bool {
    start > 0 && doc.toks[start - 1].all_caps() && doc.gap_before(start).contains('(')
}

/// `répondit Homais`, `Homais s'écria`, `selon Dupont`, `Dupont, porte-parole
/// du parti`: a verb of saying or a role next to the name.
fn said_or_introduced(doc: &Doc, start: usize, end: usize) -> bool {
    let toks = doc.toks;
    let saying = |k: usize| doc.is(k, cues::REPORTING) || is_narrative_saying(doc.lower(k));
    if start > 0
        && !toks[start].break_before
        && (saying(start - 1) || doc.lower(start - 1) == "selon")
    {
        return true;
    }
    let next = end + 1;
    if next < toks.len() && !toks[next].break_before {
        // `Homais dit`, `Homais a déclaré`, `Homais s'écria`.
        let after = |k: usize| k < toks.len() && !toks[k].break_before && saying(k);
        if saying(next) || (matches!(doc.lower(next), "a" | "avait" | "s") && after(next + 1)) {
            return true;
        }
    }
    // Apposition: `Dupont, porte-parole`, `Dupont, le maire`.
    if next < toks.len() && doc.gap_before(next).trim() == "," {
        let role = |k: usize| k < toks.len() && doc.is(k, cues::ROLE);
        let article = matches!(
            doc.lower(next),
            "le" | "la" | "l" | "un" | "une" | "ancien" | "ancienne"
        );
        return role(next) || (article && role(next + 1));
    }
    false
}

/// `Duroy répondit`, `Castaner a déclaré`, `Dettinger, le boxeur, …`: a
/// name no list holds, opening a sentence, that says something in person
/// or is introduced by a role. Only for words the dictionary and the rest
/// of the text do not write as common words (`Rien`, `Chacun`), and with
/// verbs of people rather than of institutions (`a annoncé`, `précise`).
fn says_at_start<'a>(doc: &Doc<'a>, used: &mut Option<WordUse<'a>>, i: usize, end: usize) -> bool {
    let toks = doc.toks;
    let common = (i..=end).any(|k| {
        let lower = doc.lower(k);
        is_common_word(lower) || is_capitalised_common_word(lower) || doc.is(k, cues::FUNCTION)
    });
    if common || !(i..=end).all(|k| toks[k].capitalised()) {
        return false;
    }
    let words = used.get_or_insert_with(|| word_use(doc));
    if (i..=end).any(|k| words.writes_lowercase(doc, doc.lower(k))) {
        return false;
    }
    let next = end + 1;
    let joined = |k: usize| k < toks.len() && !toks[k].break_before;
    if joined(next) {
        let personal = |k: usize| joined(k) && is_personal_saying(doc.lower(k));
        return personal(next)
            || (matches!(doc.lower(next), "a" | "avait" | "s") && personal(next + 1));
    }
    // Apposition: `Dettinger, le boxeur, …`.
    if next < toks.len() && doc.gap_before(next).trim() == "," {
        let role = |k: usize| k < toks.len() && doc.is(k, cues::ROLE);
        let article = matches!(doc.lower(next), "le" | "la" | "l" | "ancien" | "ancienne");
        return role(next) || (article && role(next + 1));
    }
    false
}

/// Verbs of saying that only people use: a company announces and
/// specifies, it neither tells nor answers.
pub(crate) fn is_personal_saying(lower: &str) -> bool {
    is_narrative_saying(lower)
        || matches!(
            lower,
            "déclaré"
                | "raconté"
                | "raconte"
                | "confié"
                | "confie"
                | "témoigné"
                | "témoigne"
                | "répondu"
                | "répond"
                | "sourit"
                | "souri"
                | "murmure"
                | "écrié"
                | "exclame"
                | "exclama"
        )
}

/// Verbs of saying of narrative French, in the simple past a story tells
/// its dialogues with (news use the compound past of [`cues::REPORTING`]).
fn is_narrative_saying(lower: &str) -> bool {
    matches!(
        lower,
        "dit"
            | "répondit"
            | "demanda"
            | "reprit"
            | "murmura"
            | "écria"
            | "cria"
            | "ajouta"
            | "continua"
            | "répliqua"
            | "balbutia"
            | "soupira"
            | "interrompit"
            | "fit"
            | "pensa"
            | "déclara"
            | "s'écria"
            | "riposta"
            | "objecta"
    )
}

/// Whether the run stands on a short line of its own, with no sentence
/// around it: a heading, a cell of a table, an item of a list.
fn short_line(doc: &Doc, start: usize, end: usize) -> bool {
    let text = doc.text.as_bytes();
    let is_edge = |b: &u8| matches!(b, b'\n' | b'<' | b'>' | b'|');
    let from = text[..doc.toks[start].start]
        .iter()
        .rposition(is_edge)
        .map_or(0, |p| p + 1);
    let to = text[doc.toks[end].end..]
        .iter()
        .position(is_edge)
        .map_or(text.len(), |p| doc.toks[end].end + p);
    let line = doc.text[from..to].trim();
    let words = line.split_whitespace().count();
    let sentence = line.ends_with(['.', '!', '?', '»', '"']);
    words < 6 || (words < 12 && !sentence)
}

/// Records the words of a person's name for the consistency rules.
fn note_person(words: &mut FxHashMap<String, String>, name: &str) {
    words.entry(fold(name)).or_insert_with(|| name.to_string());
    let parts: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    // `Castaner` for `Christophe Castaner`; a civility is no word of the name.
    if let Some(last) = parts.last() {
        if parts.len() > 1 || !cues::is_honorific(last) {
            words.entry(fold(last)).or_insert_with(|| name.to_string());
        }
    }
}

/// A run of name words starting at `i` that no pass has taken and that
/// is not the tail of a longer name: its last token.
fn candidate_at(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    let toks = doc.toks;
    // Most words: lowercase, or taken by the gazetteer.
    if !toks[i].capitalised() || doc.taken[i] {
        return None;
    }
    // `Du Roy`, `De Gaulle`: a capitalised particle inside a sentence starts a name.
    if matches!(toks[i].text, "Du" | "De" | "Des")
        && !toks[i].sentence_start
        && !doc.taken[i]
        && i + 1 < toks.len()
        && !toks[i + 1].break_before
    {
        return name_at(doc, i + 1).map(|end| (i, end));
    }
    if doc.taken[i] || !doc.name_word[i] || toks[i].hyphen_before {
        return None;
    }
    // The rest of a name another pass took (`Saint-Lazare`, `Washington Post`).
    if i > 0 && !toks[i].break_before && doc.taken[i - 1] && toks[i - 1].capitalised() {
        return None;
    }
    // `dans Le Monde`, `L'Express`: a capitalised article inside a sentence
    // starts the title of a paper or a work, which is no person.
    if i > 0 && !toks[i].break_before && matches!(toks[i - 1].text, "Le" | "La" | "Les" | "L") {
        return None;
    }
    let end = name_at(doc, i)?;
    // `les Syriens`, `des Parisiens`: a plural noun of people, not a name.
    if end == i
        && i > 0
        && toks[i].text.ends_with('s')
        && !toks[i].break_before
        && matches!(
            doc.lower(i - 1),
            "les" | "des" | "aux" | "ces" | "vos" | "nos" | "leurs" | "mes" | "tes" | "ses"
        )
    {
        return None;
    }
    if end == i && is_capitalised_common_word(doc.lower(i)) {
        return None;
    }
    // `le Libyen`, `une Parisienne`, `les Nivernais`: a noun of the people
    // of a place, which French capitalises, after an article.
    let article_before = i > 0
        && !toks[i].break_before
        && matches!(
            doc.lower(i - 1),
            "le" | "la" | "les" | "un" | "une" | "des" | "du" | "aux"
        );
    if end == i && article_before && is_demonym_form(doc.lower(i)) {
        return None;
    }
    // `Bnou-ak-el-Milik`, `Contrefais-tu`: a run that a hyphen glues to the
    // next word is a piece of a longer word (a name written with lowercase
    // links, a verb and its subject), not a name by itself.
    // `Montlouis-sur-Loire` when the gazetteer took the river stays for
    // the place joints of [`guess_kind`].
    if end + 1 < toks.len() && doc.hyphen_glued(end + 1) && !is_place_joint(doc.lower(end + 1)) {
        // `Moon Jae-in`, `Tsai Ing-wen`: a short lowercase last syllable
        // ends the given names of Korea, Taiwan and Hong Kong.
        let n = end + 1;
        let syllable = end > i
            && !toks[n].capitalised()
            && (2..=4).contains(&toks[n].text.chars().count())
            && toks[n].text.chars().all(|c| c.is_ascii_lowercase())
            && !is_inverted_subject(doc.lower(n))
            && !(n + 1 < toks.len() && (doc.hyphen_glued(n + 1) || toks[n + 1].elided_before));
        return syllable.then_some((i, n));
    }
    if numbered_thing(doc, i, end) {
        return None;
    }
    // `in April 2015`, `18 June`: an English month beside a number is a
    // date, though `April` and `June` are given names too.
    let digit = |k: usize| toks[k].text.bytes().all(|b| b.is_ascii_digit());
    let dated = (i > 0 && digit(i - 1)) || (end + 1 < toks.len() && digit(end + 1));
    if end == i && dated && is_english_month(doc.lower(i)) {
        return None;
    }
    Some((i, end))
}

/// `dit-il`, `Contrefais-tu`, `vois-tu`: the subject pronoun a hyphen
/// joins after its verb, and the pronouns of `donne-le-moi`, `est-ce`.
fn is_inverted_subject(lower: &str) -> bool {
    matches!(
        lower,
        "je" | "tu"
            | "il"
            | "elle"
            | "on"
            | "nous"
            | "vous"
            | "ils"
            | "elles"
            | "t"
            | "moi"
            | "toi"
            | "lui"
            | "le"
            | "la"
            | "les"
            | "leur"
            | "y"
            | "en"
            | "ce"
            | "ci"
            | "là"
            | "même"
    )
}

/// The endings of nouns of peoples (`Libyen`, `Normande`, `Nivernais`).
fn is_demonym_form(lower: &str) -> bool {
    [
        "ien", "iens", "ienne", "iennes", "ais", "aise", "aises", "ois", "oise", "oises",
    ]
    .iter()
    .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
}

/// Whether a token is a Roman number as titles and divisions write them.
fn is_roman_number(t: &Token) -> bool {
    t.all_caps() && t.text.len() <= 5 && t.text.bytes().all(|b| b"IVXLC".contains(&b))
}

/// `Volume II`, `Annexe IV`, `Paris-VIII`, `Nancy-II`: a common word or a
/// town numbered like a book's parts or a university; a king's number
/// follows his given name with a space (`Louis XIV`, `Henri IV`).
fn numbered_thing(doc: &Doc, start: usize, end: usize) -> bool {
    let toks = doc.toks;
    (start + 1..=end).any(|k| {
        is_roman_number(&toks[k])
            && (toks[k].hyphen_before
                || (is_common_word(doc.lower(k - 1)) && !is_given_name(doc.folded(k - 1, k - 1))))
    })
}

fn is_english_month(lower: &str) -> bool {
    matches!(
        lower,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// The last token of a run of name words from `i`, with particles inside
/// (`Norbert de Varenne`) and hyphenated parts (`Jean-Luc`).
fn name_at(doc: &Doc, i: usize) -> Option<usize> {
    let toks = doc.toks;
    if i >= toks.len() || doc.taken[i] || !doc.name_word[i] {
        return None;
    }
    let mut end = i;
    let mut words = 1;
    while end + 1 < toks.len() && words < 5 {
        let n = end + 1;
        if toks[n].break_before || doc.taken[n] {
            break;
        }
        if doc.name_word[n] {
            end = n;
            words += 1;
        } else if toks[n].hyphen_before
            && n + 1 < toks.len()
            && toks[n + 1].hyphen_before
            && doc.name_word[n + 1]
            && !doc.taken[n + 1]
        {
            // `Fontenelle-sur-Aube`, `Saint-Rémy-de-Provence`.
            end = n + 1;
        } else if (doc.is(n, cues::NAME_PARTICLE) || matches!(toks[n].text, "d" | "la" | "La"))
            && n + 1 < toks.len()
            && !toks[n + 1].break_before
            && !doc.taken[n + 1]
            && doc.name_word[n + 1]
            && !toks[n + 1].sentence_start
        {
            end = n + 1;
            words += 1;
        } else {
            break;
        }
    }
    // `Louis XIV`: a regnal number closes the name.
    let n = end + 1;
    if n < toks.len() && !toks[n].break_before && is_roman_number(&toks[n]) {
        end = n;
    }
    Some(end)
}

/// `Mme Bovary`, `madame de Rênal`, `M. Hennebeau`: a civility, maybe a
/// particle, a name. The civility is part of the mention: `Mme Grandet` and
/// `M. Grandet` are two people.
/// Runs before the gazetteer, so that `M. Nice` is a person, not the town.
pub fn civility_people(idx: &Index, doc: &mut Doc) {
    let toks = doc.toks;
    let mut i = 0;
    while i + 1 < toks.len() {
        // An abbreviated civility is in the word classes, one array read;
        // a written one starts with one of these letters and has three
        // letters or more: `de`, `la`, `des`, `pour` stop here.
        let t = toks[i];
        let first = t.text.as_bytes()[0] | 0x20;
        let may_be = doc.is(i, cues::HONORIFIC)
            || (t.text.len() >= 3 && matches!(first, b'm' | b's' | b'l'));
        if doc.taken[i] || !may_be {
            i += 1;
            continue;
        }
        let Some(civility) = civility_at(doc, i) else {
            i += 1;
            continue;
        };
        // `S. M. Britannique`, `LL. MM.`: Sa Majesté, no monsieur.
        let majesty =
            i > 0 && matches!(toks[i - 1].text, "S" | "LL") && doc.gap_before(i).trim() == ".";
        if majesty {
            i += 1;
            continue;
        }
        let raw_gap = doc.gap_before(i + 1);
        let gap = raw_gap.trim();
        // `M. Hennebeau`, but not `Oui, Monsieur. Quelques minutes après`:
        // only an abbreviation takes a dot, and a name stays on its line.
        let abbreviated = written_civility(doc.lower(i)).is_none();
        let joined = (gap == "." && abbreviated && !raw_gap.contains('\n'))
            || (gap.is_empty() && !toks[i + 1].break_before);
        if !joined {
            i += 1;
            continue;
        }
        let mut k = i + 1;
        if matches!(toks[k].text, "de" | "des" | "du" | "d" | "De")
            && k + 1 < toks.len()
            && !toks[k + 1].break_before
        {
            k += 1;
        }
        let Some(end) = name_at(doc, k) else {
            i += 1;
            continue;
        };
        let name = doc.span(i + 1, end);
        let canonical = match idx
            .best(idx.lookup(doc.span(k, end)), None)
            .map(|h| idx.entry(h))
        {
            Some(e) if e.kind == EntityKind::Person => e.canonical.clone(),
            _ => format!("{civility} {name}"),
        };
        doc.add(
            Mention {
                kind: EntityKind::Person,
                canonical,
                surface: doc.span(i, end).to_string(),
                confirmed: true,
            },
            i,
            end,
        );
        i = end + 1;
    }
}

/// The kind of the run `i..=end` from its context, and whether a cue said it.
fn guess_kind(
    doc: &Doc,
    person_words: &FxHashMap<String, String>,
    i: usize,
    end: usize,
) -> (Guess, bool) {
    let toks = doc.toks;
    if is_organisation_head(doc.lower(i)) {
        return (Guess::Organisation, true);
    }
    // `European Food Safety Authority`, `Debian Project`: English names
    // of bodies end with their head word.
    if end > i && is_english_organisation_tail(doc.lower(end)) {
        return (Guess::Organisation, true);
    }
    // `Saulxures-lès-Nancy`, `Villeneuve-sur-Lot`: the joints of French
    // place names, which no person's name has.
    // Also right after the run: `Montlouis-sur-Loire` when the gazetteer
    // took the river.
    let place_joint = (i + 1..(end + 2).min(toks.len()))
        .any(|k| toks[k].hyphen_before && is_place_joint(doc.lower(k)));
    if place_joint {
        return (Guess::Place, true);
    }
    // `Chaumont-Nord`, `Albi-Nord Ouest`: a canton, a town's part.
    let compass_part = |k: usize| k > i && cues::is_compass(toks[k].text);
    // `Évry Nord`: written without the hyphen too; `Caroline du Sud`
    // whatever its first word.
    let compass_of = end > i + 1 && matches!(doc.lower(end - 1), "du" | "de");
    if compass_part(end) && (compass_of || !is_given_name(doc.folded(i, i))) {
        return (Guess::Place, true);
    }
    let joined = |k: usize| k < i && !toks[k + 1].break_before;
    let street = i > 0 && joined(i - 1) && is_street_noun(doc.lower(i - 1));
    let street_de = i > 1
        && joined(i - 1)
        && joined(i - 2)
        && matches!(doc.lower(i - 1), "de" | "d" | "du")
        && is_street_noun_before_de(doc.lower(i - 2));
    // `rue Jean-Bart`, `lac de Côme`: streets and lakes are named after
    // people, so the noun before the name wins over its given name.
    if street || street_de || (end > i && is_english_place_tail(doc.lower(end))) {
        return (Guess::Place, true);
    }
    if i > 0 && joined(i - 1) && is_thing_noun(doc.lower(i - 1)) {
        return (Guess::Nothing, false);
    }
    if (i > 0 && joined(i - 1) && is_interface_noun(doc.lower(i - 1)))
        || in_key_combination(doc, i, end)
    {
        return (Guess::Nothing, true);
    }
    let known_person = person_words.contains_key(doc.folded(i, end))
        || person_words.contains_key(doc.folded(end, end));
    if known_person || is_given_name(doc.folded(i, i)) {
        return (Guess::Person, true);
    }
    let article = i > 0 && joined(i - 1) && matches!(doc.lower(i - 1), "le" | "la" | "les" | "l");
    // `à la Bastille`.
    let to_the =
        article && i > 1 && joined(i - 2) && cues::is_locative_preposition(toks[i - 2].text);
    // `Département de Mayotte`, `Province de Québec`: a place noun heads it.
    let headed = end > i && cues::is_settlement_noun(toks[i].text);
    // `à Nanon`: one word no list holds after `à` is a place or the person
    // spoken or given to; the other mentions of the name decide.
    let dative = end == i && i > 0 && !toks[i].break_before && toks[i - 1].text == "à";
    if dative && !to_the && !headed && !place_noun_before(doc, i) {
        return (Guess::Place, false);
    }
    if to_the || headed || doc.place_context(i, end) || place_noun_before(doc, i) {
        return (Guess::Place, true);
    }
    // `la Défense`, `l'Humanité`: a person's name takes no article.
    if article {
        return (Guess::Nothing, false);
    }
    // `Arc de triomphe`, `Cour de cassation`: a capitalised common noun.
    let k = end + 1;
    if end == i
        && k + 1 < toks.len()
        && !toks[k].break_before
        && !toks[k + 1].break_before
        && matches!(doc.lower(k), "de" | "d" | "du" | "des")
        && !toks[k + 1].capitalised()
        && !doc.is(k + 1, cues::FUNCTION)
    {
        return (Guess::Nothing, false);
    }
    // `Yonville`, `Vaucourt`: the endings of French place names.
    let lower = doc.lower(end);
    if ["ville", "court", "bourg", "ières"]
        .iter()
        .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
    {
        return (Guess::Place, false);
    }
    (Guess::Person, false)
}

/// The joints of French place names (`Saulxures-lès-Nancy`,
/// `Villeneuve-sur-Lot`), which no person's name has.
fn is_place_joint(lower: &str) -> bool {
    matches!(lower, "lès" | "lez" | "sur" | "sous" | "en" | "aux")
}

/// Whether a run is written as a place's name, never a person's: a
/// hyphen-joined point of the compass (`Nancy-Nord`, `Cahors-Nord-Est`,
/// whatever given name it starts with), or three capitalised parts or more
/// joined by hyphens (`Plesguen-Escaldas-Gairlance`) unless a given name
/// leads them (`Jean-Marie-Benoît Durand`).
fn place_form(doc: &Doc, start: usize, end: usize) -> bool {
    let toks = doc.toks;
    let compass =
        (start + 1..=end).any(|k| toks[k].hyphen_before && cues::is_compass(toks[k].text));
    if compass {
        return true;
    }
    // The longest chain of capitalised parts each joined to the one before.
    let (mut chain, mut longest) = (1, 1);
    for k in start + 1..=end {
        if toks[k].hyphen_before && toks[k].capitalised() && toks[k - 1].capitalised() {
            chain += 1;
            longest = longest.max(chain);
        } else {
            chain = 1;
        }
    }
    longest >= 3 && !is_given_name(doc.folded(start, start))
}

/// `la ville de`, `le village de`: a place noun, then `de`.
fn place_noun_before(doc: &Doc, i: usize) -> bool {
    let toks = doc.toks;
    i > 1
        && !toks[i].break_before
        && !toks[i - 1].break_before
        && matches!(doc.lower(i - 1), "de" | "d" | "du")
        && (cues::is_settlement_noun(toks[i - 2].text) || is_battle_noun(doc.lower(i - 2)))
}

/// Last words of the English names of bodies.
fn is_english_organisation_tail(lower: &str) -> bool {
    matches!(
        lower,
        "authority"
            | "agency"
            | "foundation"
            | "association"
            | "institute"
            | "council"
            | "committee"
            | "organization"
            | "organisation"
            | "project"
            | "society"
            | "university"
            | "corporation"
            | "company"
            | "inc"
            | "ltd"
            | "bank"
            | "board"
            | "commission"
            // `New York Herald`, `Chicago Tribune`: the papers' names.
            | "herald"
            | "tribune"
            | "gazette"
            | "chronicle"
            | "times"
            | "post"
            | "news"
    )
}

/// `la bataille de Coutras`, `le siège de Metz`: a battle is named after
/// the place where it was fought.
fn is_battle_noun(lower: &str) -> bool {
    matches!(
        lower,
        "bataille" | "batailles" | "siège" | "combat" | "combats"
    )
}

/// `Parti socialiste`, `Confédération générale du travail`: after the head,
/// lowercase adjectives and `de`-complements, up to a few words.
fn organisation_end(doc: &Doc, end: usize) -> usize {
    let toks = doc.toks;
    let mut last = end;
    let mut k = end + 1;
    while k < toks.len() && k <= end + 5 && !toks[k].break_before && !doc.taken[k] {
        let lower = doc.lower(k);
        if matches!(lower, "de" | "des" | "du" | "d" | "la" | "l") {
            k += 1;
            continue;
        }
        // `des meuniers`: the complement's noun.
        let complement = matches!(doc.lower(k - 1), "de" | "des" | "du" | "d" | "la" | "l")
            && !doc.is(k, cues::FUNCTION);
        let adjective = !toks[k].capitalised()
            && !doc.is(k, cues::FUNCTION)
            && (lower.ends_with("al")
                || lower.ends_with("ale")
                || lower.ends_with("aux")
                || lower.ends_with("ique")
                || lower.ends_with("aire")
                || lower.ends_with("iste")
                || lower.ends_with("ien")
                || lower.ends_with("ienne")
                || lower.ends_with("ais")
                || lower.ends_with("aise")
                || lower.ends_with("ée")
                || lower == "travail");
        if toks[k].capitalised() || adjective || complement {
            last = k;
            k += 1;
        } else {
            break;
        }
    }
    last
}

/// Records a guessed name, typed by the gazetteer when it knows the name
/// (a person's canonical spelling, a place's), else as guessed.
fn add_guess(
    idx: &Index,
    doc: &mut Doc,
    guess: Guess,
    start: usize,
    end: usize,
) -> Option<EntityKind> {
    let span = doc.span(start, end);
    // The exact fold only: the gazetteer scan tried the spelling variants.
    let known = idx
        .best(idx.hits_of_fold(doc.folded(start, end)), None)
        .map(|h| idx.entry(h));
    // A place the gazetteer left for its context (`Arc de triomphe de
    // Palmyre`) is no person by default.
    // Nor by a given name alone (`Nancy`, `Paris`).
    if let (Some(e), Guess::Person) = (known, guess) {
        let small_namesake = e.weight < 100_000 && is_given_name(doc.folded(start, start));
        if e.kind == EntityKind::Place && !small_namesake {
            return None;
        }
    }
    // `Nancy-Nord`, `Plesguen-Escaldas-Gairlance`: the forms of cantons
    // and communes, whichever pass guessed a person.
    let guess = if guess == Guess::Person && place_form(doc, start, end) {
        Guess::Place
    } else {
        guess
    };
    let (kind, canonical) = match (known, guess) {
        (Some(e), _) if e.kind != EntityKind::Place || guess != Guess::Person => {
            (e.kind, e.canonical.clone())
        }
        (_, Guess::Person) => (EntityKind::Person, span.to_string()),
        (_, Guess::Place) => (EntityKind::Place, capitalise(span)),
        (_, Guess::Organisation) => (EntityKind::Organisation, capitalise(span)),
        (_, Guess::Nothing) => return None,
    };
    doc.add(
        Mention {
            kind,
            canonical,
            surface: span.to_string(),
            confirmed: true,
        },
        start,
        end,
    );
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::{lowercase_word, word_use, Doc, SCANS_BEFORE_SET};
    use crate::entities::Gazetteer;
    use rustc_hash::FxHashSet;

    #[test]
    fn lowercase_words_are_answered_alike_by_scan_and_by_set() {
        let text = "Le Conseil se réunit. Le conseil décide, dit-il. Pour Paris, \
                    rien de neuf : un iPhone, une Avait et la paris.";
        let toks = crate::entities::tokens::tokenise(text);
        let doc = Doc::new(text, &toks);
        let expected: FxHashSet<&str> = toks
            .iter()
            .enumerate()
            .filter(|&(i, t)| lowercase_word(&doc, i, t))
            .map(|(_, t)| t.text)
            .collect();
        let words = word_use(&doc);
        // More questions than scans, so that the set answers the last ones.
        let asks = [
            "conseil", "Conseil", "le", "de", "iPhone", "iphone", "paris", "décide", "avait",
            "rien", "neuf", "conseil", "Paris",
        ];
        assert!(asks.len() > SCANS_BEFORE_SET);
        for w in asks {
            assert_eq!(words.writes_lowercase(&doc, w), expected.contains(w), "{w}");
        }
        assert!(words.lowercase.get().is_some(), "the set was built");
        assert!(expected.contains("conseil") && !expected.contains("Conseil"));
    }

    fn people(text: &str) -> Vec<String> {
        let f = Gazetteer::bundled().recognise("", text);
        f.people.into_iter().map(|e| e.name).collect()
    }

    fn kinds(text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        let f = Gazetteer::bundled().recognise("", text);
        let n = |v: Vec<crate::article::Entity>| v.into_iter().map(|e| e.name).collect();
        (n(f.people), n(f.places), n(f.organisations))
    }

    #[test]
    fn given_names_with_foreign_marks_do_not_fold_onto_french_words() {
        assert!(super::french_letters("Hélène") && !super::french_letters("Müret"));
        assert!(super::is_given_name("helene") && !super::is_given_name("muret"));
    }

    #[test]
    fn no_person_starts_with_a_lowercase_particle() {
        let text =
            "Le juge Pascal Truffaut a parlé.\n\nAntenne de Truffaut.\n\nAntenne de Dardilly-Sud.";
        let (people, _, _) = kinds(text);
        assert!(people.iter().all(|p| !p.starts_with("de ")), "{people:?}");
    }

    #[test]
    fn a_piece_of_a_hyphenated_word_is_no_one() {
        let text = "Le peuple proclama roi un homme nommé Bnou-ak-el-Milik. \
            Ou toucher à ton beau sein, Contrefais-tu la nonnain ? \
            Il descendit au bourg de Saint-Potin, puis à Château-Thierry.";
        assert!(people(text).is_empty(), "{:?}", people(text));
        assert_eq!(
            people("Le juge Jean-Luc Durand a parlé."),
            ["Jean-Luc Durand"]
        );
    }

    #[test]
    fn given_names_with_a_lowercase_last_syllable_are_whole() {
        let text = "Le président sud-coréen Moon Jae-in a reçu Tsai Ing-wen à Séoul.";
        let found = people(text);
        assert!(found.contains(&"Moon Jae-in".to_string()), "{found:?}");
        assert!(found.contains(&"Tsai Ing-wen".to_string()), "{found:?}");
    }

    #[test]
    fn things_streets_and_peoples_named_like_people_are_no_one() {
        let text = "Ils dînèrent au restaurant Messonnier, puis marchèrent dans Fleet Street \
            jusqu'aux monts Géraniens. Son horreur pour le Libyen diminuait.";
        let (people, places, _) = kinds(text);
        assert!(people.is_empty(), "{people:?}");
        assert!(places.contains(&"Fleet Street".to_string()), "{places:?}");
    }

    #[test]
    fn keys_and_buttons_of_a_program_are_no_one() {
        let text = "Maintenez la touche Maj enfoncée pendant que vous cliquez. Ouvrez le menu \
            avec Maj+F10, puis Ctrl + Maj + P.\n\nMaj+Entrée\n\nInsère une ligne. Le bouton Valider confirme le choix, \
            l'onglet Affichage le montre, explique Marie Durand.";
        assert_eq!(people(text), ["Marie Durand"]);
    }

    #[test]
    fn a_key_pressed_once_is_a_key_in_the_whole_document() {
        let text = "Appuyez sur Maj puis cliquez sur l'objet. Si Maj reste enfoncée, \
            Maj ajoute l'objet à la sélection, a expliqué Pierre Martin.";
        assert_eq!(people(text), ["Pierre Martin"]);
    }

    #[test]
    fn numbered_divisions_are_no_people() {
        let text = "Le Volume II et l'Annexe IV du code fixent les droits. \
            Les universités Paris-VIII et Nancy-II ouvrent. Sous Louis XIV la cour dansait.";
        assert_eq!(people(text), ["Louis XIV"]);
    }

    #[test]
    fn given_names_in_a_list_of_communes_are_communes() {
        let text = "Zone faible : les communes d'Ambacourt, Lyon, Aston, Bram, Charly, \
            Carcassonne, Toulouse, Margaux, Nancy et Arzens. Le maire Pierre Martin a signé.";
        let (people, places, _) = kinds(text);
        assert_eq!(people, ["Pierre Martin"]);
        assert!(places.contains(&"Margaux".to_string()), "{places:?}");
    }

    #[test]
    fn capitalised_runs_of_an_english_text_need_a_cue() {
        let text = "Ce guide explique comment lancer Google Chrome et Apple Safari. \
            The browser is the default for this system and the tool is installed by the \
            package, with its settings. Les auteurs sont Ian Jackson, Bdale Garbee et d'autres.";
        let found = people(text);
        assert!(
            !found
                .iter()
                .any(|p| p.contains("Chrome") || p.contains("Safari")),
            "{found:?}"
        );
        assert!(found.contains(&"Bdale Garbee".to_string()), "{found:?}");
        // The same runs in French prose are people's names by default.
        let french = "Ensuite vinrent Gaspard Trévillon et Basile Arnoux, qui parlaient fort.";
        assert_eq!(people(french).len(), 2, "{:?}", people(french));
    }

    #[test]
    fn cantons_and_hyphen_chains_are_places() {
        let (people, places, _) =
            kinds("Le tribunal couvre Nancy-Nord et Plesguen-Escaldas-Gairlance, dit le préfet.");
        assert!(people.is_empty(), "{people:?}");
        assert!(places.contains(&"Nancy-Nord".to_string()), "{places:?}");
        assert_eq!(
            kinds("Le juge Jean-Marie-Benoît Durand a parlé.").0,
            ["Jean-Marie-Benoît Durand"]
        );
    }

    #[test]
    fn an_item_of_a_list_of_places_is_a_place() {
        let (people, _, _) = kinds(
            "Ressort : Cantons de Rouen, Boos, Buchy, Cany-Barville, Caudebrun, Clères, Darnétal.",
        );
        assert!(people.is_empty(), "{people:?}");
    }

    #[test]
    fn museums_villas_and_states_are_no_people() {
        let (people, places, orgs) = kinds(
            "Il visita le Musée Grévin, puis la villa Borsetti, et parla des Etats Schengen.",
        );
        assert!(people.is_empty(), "{people:?}");
        assert!(orgs.iter().any(|o| o.starts_with("Musée")), "{orgs:?}");
        assert!(places.iter().any(|p| p == "Borsetti"), "{places:?}");
    }

    #[test]
    fn dates_majesties_and_papers_are_no_people() {
        let (people, _, orgs) = kinds(
            "Debian shipped it in April 2015, selon le Bexwick Herald. Il écrit à S. M. Britannique.",
        );
        assert!(people.iter().all(|p| !p.starts_with("M.")), "{people:?}");
        assert!(!people.iter().any(|p| p.contains("April")), "{people:?}");
        assert!(orgs.contains(&"Bexwick Herald".to_string()), "{orgs:?}");
    }

    #[test]
    fn a_name_inside_a_sentence_is_a_person() {
        assert_eq!(
            people("Hier soir, la police a interpellé Gaspard Trévillon près du stade."),
            ["Gaspard Trévillon"]
        );
    }

    #[test]
    fn civilities_lead_names_and_stay_in_the_mention() {
        let p = people("Il salua madame de Varonne, puis M. Lhermitte. Mme Lhermitte sourit.");
        assert_eq!(p, ["Mme de Varonne", "M. Lhermitte", "Mme Lhermitte"]);
    }

    #[test]
    fn a_surname_alone_takes_the_full_name() {
        let f = Gazetteer::bundled().recognise(
            "",
            "La députée Amandine Corbaz a voté contre. Corbaz ne regrette rien, dit-on de Corbaz.",
        );
        assert_eq!(f.people.len(), 1, "{:?}", f.people);
        assert_eq!(f.people[0].name, "Amandine Corbaz");
        assert!(f.people[0].mentions.contains(&"Corbaz".to_string()));
    }

    #[test]
    fn sentence_starts_need_a_given_name_or_the_document() {
        assert!(people("Parfois le vent tourne. Voilà tout.").is_empty());
        assert_eq!(people("Sophie entra. Il avait froid."), ["Sophie"]);
    }

    #[test]
    fn place_cues_make_places() {
        let (p, places, _) = kinds("Il vivait à Fontenelle-sur-Aube, rue Grenetat, avec Lucien.");
        assert_eq!(places, ["Fontenelle-sur-Aube", "Grenetat"]);
        assert_eq!(p, ["Lucien"]);
    }

    #[test]
    fn organisation_heads_make_organisations() {
        let (_, _, orgs) = kinds("Elle a rejoint le Syndicat national des meuniers en mars.");
        assert_eq!(orgs, ["Syndicat national des meuniers"]);
    }

    #[test]
    fn lines_of_codes_and_tables_name_nobody() {
        // Markup ends a line; a line of a few words is a heading or a cell.
        assert!(people("<p>Vallorbe </p><br/>Vicennes-Basses <br/>").is_empty());
        // Words the text also writes in lowercase are common nouns.
        assert!(people(
            "Les produits sont versés au Trésor. Il rend compte au Trésor public des produits encaissés."
        )
        .is_empty());
        // A list of cantons inside a rule is no list of people.
        assert!(people(
            "Le tribunal est compétent pour les cantons de Vallorbe, Marnouville et Tressac, sauf exception."
        )
        .is_empty());
    }

    #[test]
    fn a_story_or_a_report_keeps_its_single_names() {
        let p = people(
            "Il pleuvait. La porte grinçait et le chien aboyait quand Trévillon entrait dans la cour.",
        );
        assert_eq!(p, ["Trévillon"]);
        assert_eq!(
            people("Le projet est nécessaire, a déclaré Trévillon devant le conseil municipal."),
            ["Trévillon"]
        );
    }

    #[test]
    fn capitalised_common_words_need_a_verb_of_saying() {
        assert!(people("Elle pensait au jeune homme qui la regardait au Cirque hier.").is_empty());
        assert!(
            people("Le délai court à compter de la date fixée par arrêté, Année comprise.")
                .is_empty()
        );
        assert_eq!(
            people("Le délai court encore, répondit Fortune avec un sourire."),
            ["Fortune"]
        );
        assert!(super::is_common_word("académies") && super::is_common_word("bretonne"));
        assert!(!super::is_common_word("trévillon"));
    }

    #[test]
    fn english_names_of_things_are_not_people() {
        assert!(people("Les registres tels que ARROW (Accessible Registries of Rights Information) sont consultés.").is_empty());
        assert!(people(
            "La fonction prend un argument facultatif Guess as Variant pour commencer."
        )
        .is_empty());
    }

    #[test]
    fn a_written_civility_ending_a_sentence_leads_no_name() {
        assert!(people("– Oui, Monsieur.\n\nQuelques minutes après, il revint.").is_empty());
    }

    #[test]
    fn lists_of_places_and_place_joints_make_places() {
        let (p, places, _) = kinds(
            "Ils passèrent par Montaigu, Wianderon, Rochefort puis par Vallorbe-lès-Tressac sans s'arrêter.",
        );
        assert!(p.is_empty(), "{p:?}");
        assert!(places.contains(&"Wianderon".to_string()), "{places:?}");
        assert!(
            places.contains(&"Vallorbe-lès-Tressac".to_string()),
            "{places:?}"
        );
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_no_part_of_the_name() {
        assert_eq!(
            people("Amandine Corbaz entra. Pauvre Corbaz ! Seule Amandine Corbaz restait."),
            ["Amandine Corbaz"]
        );
    }

    #[test]
    fn battles_are_named_after_places_and_peoples_take_possessives() {
        let (p, places, _) =
            kinds("Il fut tué à la bataille de Vaubrecourt, loin de vos Tressaquois et de la Caroline du Sud.");
        assert!(p.is_empty(), "{p:?}");
        assert!(places.contains(&"Vaubrecourt".to_string()), "{places:?}");
    }

    #[test]
    fn english_names_of_bodies_are_organisations() {
        let (p, _, orgs) = kinds("Selon la European Food Safety Authority, le produit est sûr.");
        assert!(p.is_empty(), "{p:?}");
        assert!(!orgs.is_empty());
    }

    #[test]
    fn cantons_and_territories_are_places() {
        let (p, places, _) = kinds(
            "Le tribunal couvre les communes de Vallorbe-Nord, Tressac Ouest et du Territoire de Marnouville.",
        );
        assert!(p.is_empty(), "{p:?}");
        assert!(places.contains(&"Vallorbe-Nord".to_string()), "{places:?}");
    }

    #[test]
    fn a_street_or_a_lake_named_after_someone_is_a_place() {
        let (p, places, _) =
            kinds("Il habitait rue Jean-Vallorbe, puis au bord du lac de Côme-Tressac, seul.");
        assert!(p.is_empty(), "{p:?}");
        assert!(places.contains(&"Jean-Vallorbe".to_string()), "{places:?}");
    }

    #[test]
    fn a_name_said_elsewhere_is_spoken_to_after_a() {
        let p = people(
            "Il pleuvait. La porte grinçait quand le chien aboyait. « Non », balbutia Trévillon. Il dit à Trévillon de partir.",
        );
        assert_eq!(p, ["Trévillon"]);
        let (p, places, _) = kinds("Il pleuvait. La porte grinçait quand il partit à Vaubrecourt.");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(places, ["Vaubrecourt"]);
    }

    #[test]
    fn a_sentence_opening_name_that_speaks_is_someone() {
        assert_eq!(
            people("Le conseil a voté hier. Trévillon a déclaré son opposition."),
            ["Trévillon"]
        );
        // A common word, or a body that announces, is no one.
        assert!(people("Le conseil a voté hier. Chacun a déclaré son opposition.").is_empty());
        assert!(people("Le conseil a voté hier. Vornicorp a annoncé des pertes.").is_empty());
    }

    #[test]
    fn the_last_item_of_a_list_of_places_is_a_place() {
        let (p, _, _) = kinds(
            "Il pleuvait. La porte grinçait quand il partit. Les villes de Lille et Vaubrecourt sont rachetées.",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn one_word_after_a_thing_and_de_is_no_one_by_default() {
        let text = "Il pleuvait. La porte grinçait quand ils entrèrent dans la futaie de Vaubrecourt. Il aimait la femme de Trévillon.";
        assert_eq!(people(text), ["Trévillon"]);
    }

    #[test]
    fn a_common_noun_joined_to_a_name_is_no_one() {
        let text = "Il pleuvait. La porte grinçait, le chien aboyait quand il quitta Château-Vornier pour toujours.";
        assert!(people(text).is_empty(), "{:?}", people(text));
        assert!(super::is_common_word("cristaux"));
    }

    #[test]
    fn a_place_joint_after_the_run_makes_a_place() {
        let (p, places, _) = kinds(
            "Il pleuvait. La porte grinçait, le chien aboyait quand il quitta Vallorbe-sur-Paris pour toujours.",
        );
        assert!(p.is_empty(), "{p:?}");
        assert!(
            places.iter().any(|p| p.starts_with("Vallorbe")),
            "{places:?}"
        );
    }

    #[test]
    fn plural_peoples_and_capitalised_words_are_not_names() {
        assert!(
            people("Il a parlé aux Bretons, puis à l'Etat, et enfin à la République.").is_empty()
        );
    }
}

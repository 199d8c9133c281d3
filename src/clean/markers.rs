//! Recognising site furniture by its form or by generic marker words:
//! template placeholders, clocks and datelines, comment-section headings,
//! share / tag / newsletter / navigation lines, photo credits, menus joined
//! with pipes. The word lists are the vocabulary of web templates in
//! French, English and German, not the words of any particular page.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rustc_hash::FxHashSet;

use super::features::{
    ascii_case_is_enough, is_stop_word, lower_word, lowercase_beyond_ascii, push_lower, words,
};

/// A line only markers of page furniture would be this short.
const MARKER_LINE_MAX_CHARS: usize = 90;
/// Nor would it have more words than this.
const MARKER_LINE_MAX_WORDS: usize = 8;

/// How strongly a line says "this is not the article".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chrome {
    /// Furniture that also sits inside articles (share buttons, "Lire aussi").
    Plain,
    /// The start of a block that follows the article (related stories,
    /// most read, newsletter box): the main text rarely goes on after it.
    SectionEnd,
}

/// `{{ temperature }}`-style template holes left unrendered.
pub fn is_placeholder(text: &str) -> bool {
    // One memchr settles almost every line.
    text.contains('{')
        && ((text.contains("{{") && text.contains("}}"))
            || (text.contains("{%") && text.contains("%}")))
}

const MONTHS_AND_DAYS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "jan",
    "feb",
    "fév",
    "fev",
    "mar",
    "apr",
    "avr",
    "jun",
    "jul",
    "juil",
    "aug",
    "aoû",
    "sep",
    "sept",
    "oct",
    "okt",
    "nov",
    "dec",
    "déc",
    "dez",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Words that fill out a date or a relative time ("4 h 00 min", "2 months ago").
const TIME_WORDS: &[&str] = &[
    "am",
    "pm",
    "h",
    "min",
    "mins",
    "uhr",
    "à",
    "a",
    "um",
    "at",
    "le",
    "den",
    "am",
    "the",
    "of",
    "ago",
    "il",
    "y",
    "vor",
    "heures",
    "hours",
    "hour",
    "minutes",
    "minute",
    "days",
    "day",
    "jours",
    "jour",
    "tagen",
    "tag",
    "stunden",
    "stunde",
    "weeks",
    "months",
    "month",
    "years",
    "year",
    "hrs",
    "yesterday",
    "today",
    "hier",
    "aujourd",
    "hui",
    "gestern",
    "heute",
    "er",
    "st",
    "nd",
    "rd",
    "th",
    "gmt",
    "utc",
    "cet",
    "cest",
    "updated",
    "mis",
    "jour",
    "publié",
    "published",
    "veröffentlicht",
    "aktualisiert",
    "on",
    "le",
    "posted",
];

/// Appends the lowercase of `text` to `out`, character by character (as
/// `str::to_lowercase` does, but for a final capital sigma, which no
/// marker holds), with a fast path for ASCII.
fn push_lowercase(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        text.chars().for_each(|c| push_lower(out, c));
    }
}

/// Calls `f` with the lowercase of a short `text` built on the stack, or
/// with `None` when the lowercase is longer than any word list entry
/// (then it matches none).
fn with_short_lowercase<R>(text: &str, f: impl FnOnce(Option<&str>) -> R) -> R {
    const MAX: usize = 32;
    let mut buf = [0u8; MAX];
    let mut len = 0;
    for l in text.chars().flat_map(char::to_lowercase) {
        let end = len + l.len_utf8();
        if end > MAX {
            return f(None);
        }
        l.encode_utf8(&mut buf[len..end]);
        len = end;
    }
    f(std::str::from_utf8(&buf[..len]).ok())
}

/// Whether `text` has more than `max` characters, counting only when its
/// byte length leaves a doubt.
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

/// A word made of digits, possibly joined by date and time separators
/// (`01/10/2017`, `22.11.2022`, `04:33`, `1er`).
fn is_numeric_date_part(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '|'));
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '/' | '.' | ':' | '-' | 'h' | 'e' | 'r' | 'H')
        })
}

/// Month and day names and time words in one set.
static DATE_WORDS: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| MONTHS_AND_DAYS.iter().chain(TIME_WORDS).copied().collect());

/// Month and day names, and the time words no other kind of line uses
/// ("min", "uhr", "ago"; not "à", "le" or "a").
static STRONG_DATE_WORDS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    MONTHS_AND_DAYS
        .iter()
        .chain(TIME_WORDS)
        .filter(|w| w.len() > 2 || matches!(**w, "h" | "am" | "pm"))
        .filter(|w| !matches!(**w, "the" | "den" | "les"))
        .copied()
        .collect()
});

fn is_date_word(tok: &str) -> bool {
    let trimmed = tok.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.is_empty()
        || with_short_lowercase(trimmed, |lower| {
            lower.is_some_and(|l| DATE_WORDS.contains(l))
        })
        || is_numeric_date_part(tok)
}

/// Whether a word says on its own that its line is about a date or a
/// time: a month or day name, a time word, a year, or digits grouped as
/// dates and clocks write them (`01/10/2017`, `16:14`, `18h05`). Bare
/// small numbers, punctuation and "à" or "le" fill out a date but also
/// fill tables, account codes and numbered headings ("611 :", "A 66 :",
/// "! 33 ! 5 !"), which are not dates.
fn is_strong_date_word(tok: &str) -> bool {
    let trimmed = tok.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_empty() {
        return false;
    }
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return trimmed.len() == 4 && matches!(trimmed.as_bytes()[0], b'1' | b'2');
    }
    is_stamp(trimmed)
        || with_short_lowercase(trimmed, |lower| {
            lower.is_some_and(|l| STRONG_DATE_WORDS.contains(l))
        })
}

/// Digits in the groups of a written date or clock: three groups
/// (`23.06.2016`, `2024-11-01`), a day and month (`29/10`) or a time
/// (`16:14`, `18h05`), each group
/// of one, two or four digits. Section numbers (`12.1`) and codes
/// (`106-01`, `28...9`) are not stamps.
fn is_stamp(tok: &str) -> bool {
    if !tok
        .bytes()
        .all(|b| b.is_ascii_digit() || b"/.:-hH".contains(&b))
    {
        return false;
    }
    let groups: Vec<&str> = tok.split(|c: char| !c.is_ascii_digit()).collect();
    let sized = groups.iter().all(|g| matches!(g.len(), 1 | 2 | 4));
    let time = groups.len() == 2
        && tok.contains([':', 'h', 'H'])
        && groups[1].len() == 2
        && groups[0].len() <= 2;
    // A day and month ("29/10"), or a gallery's counter ("1/12").
    let day_month = groups.len() == 2 && tok.contains('/') && groups.iter().all(|g| g.len() <= 2);
    sized && (groups.len() == 3 || time || day_month)
}

/// A line that is only a date, a time or both: a page clock, a dateline,
/// the date of a comment ("29 août 2017 - 4 h 00 min", "01/10/2017",
/// "01-11-2024 04:33 PM Jerusalem Timing", "2 months ago").
pub fn is_date_or_clock(text: &str) -> bool {
    date_or_clock(text, text.chars().count())
}

/// [`is_date_or_clock`] of a block of `chars` characters.
pub fn date_or_clock(text: &str, chars: usize) -> bool {
    if chars > 80 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let (mut toks, mut datey, mut strong) = (0usize, 0usize, false);
    for t in text.split_whitespace() {
        toks += 1;
        datey += usize::from(is_date_word(t));
        strong = strong || is_strong_date_word(t);
    }
    let starts_with_stamp = text
        .split_whitespace()
        .next()
        .is_some_and(|t| is_stamp(t.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '|'))));
    // A line led by a date stamp is a dateline or a byline
    // ("23.06.2016 um 16:14 Uhr - A. Name - 91 Ergänzungen").
    strong && (datey * 4 >= toks * 3 || (starts_with_stamp && toks <= 12))
}

/// The lowercase words of `text` (as [`lower_word`] makes them) joined by
/// single spaces, with a space before and after: a phrase of words occurs
/// in the line exactly when its padded form is a substring, and a word
/// starts with a prefix when " prefix" is. Also returns the word count.
fn padded_lower_words(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut n = 0;
    for w in words(text) {
        if w.is_ascii() {
            push_lowercase(w, &mut out);
        } else {
            out.push_str(&lower_word(w));
        }
        out.push(' ');
        n += 1;
    }
    (out, n)
}

/// Whether `text` may hold, in its lowercase words, an entry of the lists
/// behind `required` (an automaton of one word of each entry, see
/// [`one_word_of_each`]): most lines hold none of those words, and when
/// lowercasing only changes ASCII case this is settled without building
/// the lowercase words.
fn may_hold(required: &AhoCorasick, text: &str) -> bool {
    !ascii_case_is_enough(text) || required.is_match(text)
}

/// An ASCII-case-insensitive automaton of one word of each entry of
/// `lists`: any string holding an entry holds that word.
fn one_word_of_each(lists: &[&[&str]]) -> AhoCorasick {
    let words: Vec<&str> = lists
        .iter()
        .flat_map(|l| l.iter())
        .filter_map(|entry| rarest_word(entry))
        .collect();
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("constant marker words build")
}

/// The word of a phrase to look for first: the longest that is not a
/// stop word ("lire" for "lire aussi"), since prose is full of those.
fn rarest_word(phrase: &str) -> Option<&str> {
    phrase
        .split(' ')
        .filter(|w| !is_stop_word(w))
        .max_by_key(|w| w.len())
        .or_else(|| phrase.split(' ').max_by_key(|w| w.len()))
}

/// The furniture phrases' words as [`MARKERS`] matches them: whole words,
/// or word starts for the prefixes. One word of each entry, in an
/// ASCII-case-insensitive automaton.
struct MarkerWords {
    automaton: AhoCorasick,
    /// For each pattern, whether it must end a word (not a prefix).
    whole: Vec<bool>,
}

impl MarkerWords {
    fn new() -> Self {
        let phrases = [SECTION_END_PHRASES, PLAIN_PHRASES]
            .into_iter()
            .flatten()
            .filter_map(|p| rarest_word(p))
            .map(|w| (w, true));
        let prefixes = [SECTION_END_PREFIXES, FURNITURE_PREFIXES]
            .into_iter()
            .flatten()
            .map(|p| (*p, false));
        let mut words: Vec<&str> = vec![];
        let mut whole: Vec<bool> = vec![];
        for (w, is_whole) in phrases.chain(prefixes) {
            match words.iter().position(|x| *x == w) {
                // A word that is also a prefix needs only start a word.
                Some(i) => whole[i] &= is_whole,
                None => {
                    words.push(w);
                    whole.push(is_whole);
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .expect("constant marker words build");
        MarkerWords { automaton, whole }
    }

    /// Whether `text` may hold one of the furniture phrases or prefixes in
    /// its lowercase words. When lowercasing changes only ASCII case, the
    /// words of `text` are its lowercase words up to case, so a phrase's
    /// word must be in `text` between word boundaries (any non-ASCII
    /// neighbour is taken for one, to stay on the safe side).
    fn may_hold(&self, text: &str) -> bool {
        if !ascii_case_is_enough(text) {
            return true;
        }
        // Most lines hold none of the words anywhere: the fast search
        // first, the overlapping one (all matches) only then.
        if !self.automaton.is_match(text) {
            return false;
        }
        let b = text.as_bytes();
        let boundary = |i: usize| b.get(i).is_none_or(|x| !x.is_ascii_alphanumeric());
        self.automaton.find_overlapping_iter(text).any(|m| {
            let starts_word = m.start() == 0 || boundary(m.start() - 1);
            starts_word && (!self.whole[m.pattern().as_usize()] || boundary(m.end()))
        })
    }
}

/// One word of each comment heading and opener.
static COMMENT_WORDS: LazyLock<AhoCorasick> =
    LazyLock::new(|| one_word_of_each(&[COMMENT_HEADINGS, COMMENT_OPENERS]));

/// One word of each furniture phrase, and the word prefixes.
static MARKER_WORDS: LazyLock<MarkerWords> = LazyLock::new(MarkerWords::new);

/// Headings that open a reader-comment section or its form.
const COMMENT_HEADINGS: &[&str] = &[
    "commentaires",
    "commentaire",
    "comments",
    "comment",
    "kommentare",
    "kommentar",
    "leserkommentare",
    "réactions",
    "reactions",
    "responses",
    "réponses",
    "discussion",
    "diskussion",
    "antworten",
    "replies",
    "reply",
];

/// Openings of comment forms and section titles ("N thoughts on …").
const COMMENT_OPENERS: &[&str] = &[
    "laisser un commentaire",
    "laissez un commentaire",
    "ajouter un commentaire",
    "écrire un commentaire",
    "poster un commentaire",
    "votre commentaire",
    "leave a reply",
    "leave a comment",
    "add a comment",
    "post a comment",
    "join the discussion",
    "schreibe einen kommentar",
    "hinterlasse einen kommentar",
    "hinterlasse eine antwort",
    "kommentar schreiben",
    "kommentar verfassen",
    "kommentar hinterlassen",
    "einen kommentar schreiben",
    "les commentaires sont fermés",
    "comments are closed",
    "kommentare sind geschlossen",
    "one thought on",
    "thoughts on",
    "responses to",
    "response to",
    "réponses à",
    "réponse à",
    "gedanken zu",
    "kommentare zu",
    "commentaires sur",
    "comments on",
    "antworten auf",
    "antwort auf",
];

/// The openers that may come after a count or a name ("N thoughts on").
static COMMENT_OPENERS_ANYWHERE: LazyLock<Vec<&str>> = LazyLock::new(|| {
    COMMENT_OPENERS
        .iter()
        .filter(|o| o.contains(" on"))
        .copied()
        .collect()
});

/// A heading that opens the reader-comment section: "Commentaires",
/// "Comment (5)", "3 Kommentare", "Laisser un commentaire",
/// "Schreibe einen Kommentar", "12 thoughts on …".
pub fn is_comment_heading(text: &str) -> bool {
    comment_heading(text, text.chars().count())
}

/// [`is_comment_heading`] of a block of `chars` characters.
pub fn comment_heading(text: &str, chars: usize) -> bool {
    if chars > MARKER_LINE_MAX_CHARS || !may_hold(&COMMENT_WORDS, text) {
        return false;
    }
    // Counts and brackets do not change what the heading is.
    let mut joined = String::with_capacity(text.len());
    for w in words(text) {
        let before = joined.len();
        if !joined.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        if w.is_ascii() {
            push_lowercase(w, &mut joined);
        } else {
            joined.push_str(&lower_word(w));
        }
        if joined[start..].chars().all(|c| c.is_ascii_digit()) {
            joined.truncate(before);
        }
    }
    let joined = joined.strip_prefix("one ").unwrap_or(&joined);
    let joined = joined.strip_prefix("no ").unwrap_or(joined);
    // "12 thoughts on" may come with the post's title after it; the form
    // openers start the line.
    COMMENT_HEADINGS.contains(&joined)
        || COMMENT_OPENERS.iter().any(|o| joined.starts_with(o))
        || COMMENT_OPENERS_ANYWHERE.iter().any(|o| joined.contains(o))
}

/// Phrases of sections that come after the article.
const SECTION_END_PHRASES: &[&str] = &[
    "articles similaires",
    "sur le même sujet",
    "dans la même rubrique",
    "les plus lus",
    "les plus populaires",
    "populaires",
    "à lire également",
    "related articles",
    "related posts",
    "related stories",
    "related content",
    "you may also like",
    "you might also like",
    "more stories",
    "most popular",
    "most read",
    "most viewed",
    "trending",
    "recommended",
    "ähnliche beiträge",
    "ähnliche artikel",
    "verwandte artikel",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "könnte sie auch interessieren",
    "auch interessieren",
    "meistgelesen",
    "meistgelesene",
    "meistdiskutierte",
    "weitere artikel",
    "weitere beiträge",
    "top themen",
    "top meldungen",
    "auch interessant",
    "empfehlungen",
    "zum thema",
    "newsletter",
    "inscrivez vous",
    "abonnez vous",
    "sign up",
    "subscribe",
];

/// Words and phrases of page furniture in a short line.
const PLAIN_PHRASES: &[&str] = &[
    "partager",
    "partagez",
    "share",
    "shares",
    "teilen",
    "tweet",
    "tweeten",
    "imprimer",
    "print",
    "drucken",
    "envoyer",
    "e mail",
    "email",
    "mail",
    "lien permanent",
    "permalink",
    "publié dans",
    "posted in",
    "posted by",
    "filed under",
    "tags",
    "tagged",
    "mots clés",
    "schlagwörter",
    "schlagworte",
    "catégories",
    "catégorie",
    "kategorie",
    "kategorien",
    "category",
    "categories",
    "rubrique",
    "rechercher",
    "recherche",
    "search",
    "suche",
    "suchen",
    "menu",
    "menü",
    "navigation",
    "accueil",
    "home",
    "startseite",
    "zurück",
    "retour",
    "back to top",
    "nach oben",
    "haut de page",
    "cookie",
    "cookies",
    "datenschutz",
    "datenschutzerklärung",
    "privacy",
    "impressum",
    "mentions légales",
    "terms of use",
    "contact",
    "kontakt",
    "abonnieren",
    "s abonner",
    "abonnez",
    "anmelden",
    "login",
    "log in",
    "connexion",
    "se connecter",
    "sign in",
    "inscription",
    "registrieren",
    "publicité",
    "advertisement",
    "anzeige",
    "werbung",
    "sponsored",
    "follow us",
    "suivez nous",
    "folgt uns",
    "folge uns",
    "lire aussi",
    "lire la suite",
    "voir aussi",
    "read more",
    "read also",
    "weiterlesen",
    "mehr lesen",
    "lesen sie auch",
    "auch lesen",
    "mehr erfahren",
    "en savoir plus",
    "learn more",
    "older post",
    "newer post",
    "previous post",
    "next post",
    "article précédent",
    "article suivant",
    "copyright",
    "tous droits réservés",
    "all rights reserved",
    "alle rechte vorbehalten",
    "powered by",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "instagram",
    "pinterest",
    "youtube",
    "telegram",
    "see also",
    "mehr dazu",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "podziel się",
    "udostępnij",
    "polecamy",
];

/// Compound words German builds on furniture words ("Newsletteranmeldung",
/// "Datenschutzhinweise"): matched as word prefixes.
const FURNITURE_PREFIXES: &[&str] = &["newsletter", "datenschutz", "cookie"];

/// What a match of the furniture automaton means: the line is chrome of
/// this strength if it has at most `max_words` words (a marker phrase must
/// be most of the line: "Mehr zum Thema" is a section title, "Tausende von
/// Texten zum Thema" a subheading).
#[derive(Debug, Clone, Copy)]
struct MarkerMeaning {
    chrome: Chrome,
    max_words: usize,
}

/// Every marker phrase and word prefix in one automaton, run once over a
/// short line's padded lowercase words (see [`padded_lower_words`]).
struct MarkerMatcher {
    automaton: AhoCorasick,
    /// For each distinct pattern, what its match means (a pattern may
    /// come from several lists).
    meanings: Vec<Vec<MarkerMeaning>>,
}

static MARKERS: LazyLock<MarkerMatcher> = LazyLock::new(|| {
    let phrases = |list: &'static [&'static str], chrome: Chrome, slack: usize| {
        list.iter().map(move |p| {
            let max_words = p.split(' ').count() + slack;
            (format!(" {p} "), MarkerMeaning { chrome, max_words })
        })
    };
    let prefixes = |list: &'static [&'static str], chrome: Chrome| {
        list.iter().map(move |p| {
            let any = usize::MAX;
            (
                format!(" {p}"),
                MarkerMeaning {
                    chrome,
                    max_words: any,
                },
            )
        })
    };
    let all = phrases(SECTION_END_PHRASES, Chrome::SectionEnd, 2)
        .chain(prefixes(SECTION_END_PREFIXES, Chrome::SectionEnd))
        .chain(phrases(PLAIN_PHRASES, Chrome::Plain, 3))
        .chain(prefixes(FURNITURE_PREFIXES, Chrome::Plain));
    let mut patterns: Vec<String> = vec![];
    let mut meanings: Vec<Vec<MarkerMeaning>> = vec![];
    for (pattern, meaning) in all {
        match patterns.iter().position(|p| *p == pattern) {
            Some(i) => meanings[i].push(meaning),
            None => {
                patterns.push(pattern);
                meanings.push(vec![meaning]);
            }
        }
    }
    let automaton = AhoCorasick::new(&patterns).expect("constant marker patterns build");
    MarkerMatcher {
        automaton,
        meanings,
    }
});

/// Word prefixes of section ends ("Newsletteranmeldung", "Meistgelesene").
const SECTION_END_PREFIXES: &[&str] = &["newsletter", "meistgelesen"];

/// Whether a short line is page furniture, and how strongly it ends the
/// article. Long lines are never judged by their words here.
pub fn chrome_marker(text: &str) -> Option<Chrome> {
    marker(text, text.chars().count())
}

/// [`chrome_marker`] of a block of `chars` characters.
pub fn marker(text: &str, chars: usize) -> Option<Chrome> {
    if let Some(c) = labelled_marker(text, chars) {
        return Some(c);
    }
    if chars > MARKER_LINE_MAX_CHARS {
        return None;
    }
    if !MARKER_WORDS.may_hold(text) {
        // No marker phrase: only a copyright sign in a short line is left.
        let credit = text.contains('©') && words(text).count() <= MARKER_LINE_MAX_WORDS;
        return credit.then_some(Chrome::Plain);
    }
    let (padded, n) = padded_lower_words(text);
    if n > MARKER_LINE_MAX_WORDS {
        return None;
    }
    let mut plain = text.contains('©');
    for m in MARKERS.automaton.find_overlapping_iter(&padded) {
        for meaning in &MARKERS.meanings[m.pattern().as_usize()] {
            if n <= meaning.max_words {
                match meaning.chrome {
                    Chrome::SectionEnd => return Some(Chrome::SectionEnd),
                    Chrome::Plain => plain = true,
                }
            }
        }
    }
    plain.then_some(Chrome::Plain)
}

/// Lines whose form alone says furniture: menus joined with `|` or `•`,
/// bare addresses, photo captions ending in a credit ("… D. R."), source
/// and credit lines ("Sources: AFP, …", "Photo : …").
pub fn is_furniture_form(text: &str) -> bool {
    furniture_form(text, text.chars().count())
}

/// [`is_furniture_form`] of a (trimmed) block of `chars` characters.
pub fn furniture_form(text: &str, chars: usize) -> bool {
    if has_two_separators(text) {
        return true;
    }
    let t = text.trim();
    if is_bare_link(t) {
        return true;
    }
    if t.ends_with("D. R.") || t.ends_with("D.R.") || t.ends_with(" DR") || t.ends_with("(DR)") {
        return true;
    }
    let t_chars = if t.len() == text.len() {
        chars
    } else {
        t.chars().count()
    };
    t_chars <= MARKER_LINE_MAX_CHARS && is_credit_line(t)
}

/// Whether a (trimmed) line is a web address alone.
pub fn is_bare_link(t: &str) -> bool {
    let is_link = t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
    is_link && !t.contains(char::is_whitespace)
}

/// Whether `text` holds two menu separators (`|`, `•`, `·`). Counted on
/// bytes: in UTF-8, `·` is C2 B7 and `•` is E2 80 A2. The possible last
/// bytes are counted first, in a loop the compiler vectorises: fewer than
/// two settles most lines.
fn has_two_separators(text: &str) -> bool {
    let b = text.as_bytes();
    // Byte-wide counters over chunks short enough not to overflow them.
    let maybe: usize = b
        .chunks(255)
        .map(|c| {
            let n = c.iter().fold(0u8, |n, &x| {
                n + (u8::from(x == b'|') | u8::from(x == 0xB7) | u8::from(x == 0xA2))
            });
            usize::from(n)
        })
        .sum();
    maybe >= 2 && separator_count(b) >= 2
}

/// How many menu separators the UTF-8 `b` holds.
fn separator_count(b: &[u8]) -> usize {
    let mut n = 0;
    for (i, &byte) in b.iter().enumerate() {
        n += match byte {
            b'|' => 1,
            0xB7 => usize::from(i >= 1 && b[i - 1] == 0xC2),
            0xA2 => usize::from(i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80),
            _ => 0,
        };
    }
    n
}

/// A source or credit line: a credit label, optional spaces, then a
/// colon ("Sources: AFP", "Photo : X"). The label is what comes before the
/// first colon, since no label holds a colon or a space.
fn is_credit_line(t: &str) -> bool {
    let Some((label, _)) = t.split_once(':') else {
        return false;
    };
    with_short_lowercase(label.trim_end(), |lower| {
        lower.is_some_and(|l| CREDIT_LABELS.contains(&l))
    })
}

/// A line led by a furniture label and a colon: "Read more: …",
/// "Lire aussi : …", "(Credit: …)", "Tags: …". What follows the label is a
/// link or a list, whatever its length.
fn labelled_marker(text: &str, chars: usize) -> Option<Chrome> {
    const LABEL_MAX_CHARS: usize = 25;
    const LINE_MAX_CHARS: usize = 250;
    if chars > LINE_MAX_CHARS {
        return None;
    }
    let t = text.trim_start_matches(['(', '[']);
    let (label, _) = t.split_once(':')?;
    if longer_than(label, LABEL_MAX_CHARS) || label.trim().is_empty() {
        return None;
    }
    let is_credit = with_short_lowercase(label.trim(), |lower| {
        lower.is_some_and(|l| CREDIT_LABELS.contains(&l))
    });
    if is_credit {
        return Some(Chrome::Plain);
    }
    marker(label, label.chars().count())
}

/// Labels of credit and source lines ("Photo : …", "Quelle: …").
const CREDIT_LABELS: &[&str] = &[
    "source",
    "sources",
    "quelle",
    "quellen",
    "photo",
    "photos",
    "foto",
    "fotos",
    "bild",
    "crédit",
    "crédits",
    "credit",
    "credits",
    "image",
    "illustration",
];

/// Sentences only page furniture says: consent and comment forms, cookie
/// and ad-blocker notices, rights reserved. Checked in blocks of up to
/// [`NOTICE_MAX_CHARS`].
const NOTICE_PHRASES: &[&str] = &[
    "datenschutzerklärung",
    "datenschutzhinweis",
    "privacy policy",
    "cookie policy",
    "politique de confidentialité",
    "e-mail-adresse wird nicht",
    "email address will not",
    "adresse e-mail ne sera pas",
    "adresse de messagerie ne sera pas",
    "champs obligatoires",
    "required fields",
    "erforderliche felder",
    "pflichtfelder",
    "uses cookies",
    "use cookies",
    "verwendet cookies",
    "nutzt cookies",
    "verwenden cookies",
    "utilise des cookies",
    "utilisons des cookies",
    "akismet",
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "ad-blocker",
    "adblocker",
    "ad blocker",
    "enable javascript",
    "javascript aktivieren",
    "activer javascript",
    "sign up for our",
    "subscribe to our",
    "abonnez-vous à notre",
    "inscrivez-vous à notre",
    "melden sie sich",
    "für unseren newsletter",
    "to our newsletter",
    "à notre newsletter",
];

/// Words of photo credits and banners, checked in short blocks only
/// (up to [`CREDIT_MAX_CHARS`]): a caption names its agency, a paragraph
/// may mention a newsletter.
const CREDIT_WORDS: &[&str] = &[
    "cookies",
    "newsletter",
    "unsplash",
    "shutterstock",
    "getty images",
    "istock",
    "adobe stock",
    "pixabay",
    "photo by",
    "photo :",
    "photo:",
    "foto:",
    "foto :",
    "fotocredit",
    "bildquelle",
    "bildnachweis",
    "crédit photo",
    "crédits photo",
    "credit:",
    "(photo",
    "cc-by",
    "cc by",
    "creative commons",
    "zum vergrößern",
    "(foto",
    "(bild:",
    "© ",
];

const NOTICE_MAX_CHARS: usize = 400;
const CREDIT_MAX_CHARS: usize = 160;

/// The notice phrases alone (for blocks too long to be credits) and with
/// the credit words, each in one automaton. They ignore ASCII case, so a
/// line needs lowercasing first only when it has capitals outside ASCII.
static NOTICES: LazyLock<(AhoCorasick, AhoCorasick)> = LazyLock::new(|| {
    let build = |list: &[&str]| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(list)
            .expect("constant marker lists build")
    };
    let both: Vec<&str> = NOTICE_PHRASES.iter().chain(CREDIT_WORDS).copied().collect();
    (build(NOTICE_PHRASES), build(&both))
});

/// A form, consent, cookie or rights notice, or a photo credit line.
pub fn is_notice(text: &str) -> bool {
    notice(text, text.chars().count())
}

/// [`is_notice`] of a block of `chars` characters.
pub fn notice(text: &str, chars: usize) -> bool {
    if chars > NOTICE_MAX_CHARS {
        return false;
    }
    let lower: String;
    let hay = if lowercase_beyond_ascii(text) {
        lower = text.chars().flat_map(char::to_lowercase).collect();
        lower.as_str()
    } else {
        text
    };
    let (notices, notices_or_credits) = &*NOTICES;
    if chars > CREDIT_MAX_CHARS {
        notices.is_match(hay)
    } else {
        notices_or_credits.is_match(hay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(is_placeholder("{{ temperature }}° C / {{ description }}"));
        assert!(!is_placeholder("Il fait 20° C."));
    }

    #[test]
    fn dates_and_clocks() {
        assert!(is_date_or_clock("29 août 2017 - 4 h 00 min"));
        assert!(is_date_or_clock("01/10/2017"));
        assert!(is_date_or_clock("22.11.2022"));
        assert!(is_date_or_clock("01-11-2024 04:33 PM Jerusalem Timing"));
        assert!(is_date_or_clock("2 months ago"));
        assert!(is_date_or_clock("Mis à jour le 3 mars 2021 à 18h05"));
        assert!(is_date_or_clock(
            "23.06.2016 um 16:14 Uhr - Anna Muster - 91 Ergänzungen"
        ));
        assert!(is_date_or_clock("2017"));
        assert!(is_date_or_clock("Le 12 mars à 18h05"));
        assert!(!is_date_or_clock("Faktor 112"));
        // Account codes, table rows and numbered headings of legal texts.
        assert!(!is_date_or_clock("611 :"));
        assert!(!is_date_or_clock("A 66 :"));
        assert!(!is_date_or_clock("!  Corse   !  2  !  1  !   3  !  1  !"));
        assert!(!is_date_or_clock("28...9"));
        assert!(!is_date_or_clock("12.1 APPAREIL GENITAL MASCULIN."));
        assert!(!is_date_or_clock(
            "106-01 Action : urbanisme et aménagement."
        ));
        assert!(!is_date_or_clock(
            "Le 27 mars, l'armée a repris la ville de Palmyre."
        ));
    }

    #[test]
    fn comment_headings() {
        for h in [
            "Commentaires",
            "Comment (5)",
            "3 Kommentare",
            "Laisser un commentaire",
            "Schreibe einen Kommentar:",
            "12 thoughts on “Some post”",
            "Les commentaires sont fermés.",
            "One Reply",
        ] {
            assert!(is_comment_heading(h), "{h}");
        }
        assert!(!is_comment_heading(
            "Un commentaire de l'armée sur la trêve a été publié hier."
        ));
        assert!(!is_comment_heading("Fragen und Antworten"));
    }

    #[test]
    fn furniture_words() {
        assert_eq!(chrome_marker("Artikel teilen"), Some(Chrome::Plain));
        assert_eq!(chrome_marker("Rechercher"), Some(Chrome::Plain));
        assert_eq!(
            chrome_marker("Newsletteranmeldung"),
            Some(Chrome::SectionEnd)
        );
        assert_eq!(chrome_marker("Les + Populaires"), Some(Chrome::SectionEnd));
        assert_eq!(chrome_marker("Vers Raqqa, Deir Ezzor et l'Irak"), None);
        assert_eq!(chrome_marker("Histoires de revenants"), None);
        assert_eq!(chrome_marker("Mehr zum Thema"), Some(Chrome::SectionEnd));
        assert_eq!(chrome_marker("Tausende von Texten zum Thema"), None);
        assert_eq!(
            chrome_marker("Read more: Looted colonial art: Germany to set up new contact office"),
            Some(Chrome::Plain)
        );
        assert_eq!(
            chrome_marker("(Credit: Jane Doe / Agency)"),
            Some(Chrome::Plain)
        );
        assert_eq!(chrome_marker("Bilan : la ville a été reprise"), None);
        assert_eq!(chrome_marker("Le port © Jean Dupont"), Some(Chrome::Plain));
        assert_eq!(
            chrome_marker(
                "Une installation de forage de gaz dans une vallée de Pennsylvanie © A. B."
            ),
            None
        );
    }

    #[test]
    fn notices_and_credits() {
        assert!(is_notice("Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"));
        assert!(is_notice("Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree."));
        assert!(is_notice(
            "Weltspitze der Junioren angekommen. (Foto: Privat)"
        ));
        assert!(is_notice("Photo by ev on Unsplash"));
        assert!(!is_notice("Le gouvernement a présenté mardi un projet de loi sur la protection des données personnelles en ligne."));
    }

    #[test]
    fn separators_counted_on_bytes() {
        assert!(has_two_separators("Accueil | Monde | Sport"));
        assert!(has_two_separators("Accueil • Monde · Sport"));
        assert!(!has_two_separators("Accueil • Monde"));
        // ¢ (C2 A2) and ķ (C4 B7) end like the separators but are not.
        assert!(!has_two_separators("5 ¢ et ķ"));
        for t in ["a|b|c", "·•|", "x", "¢·", "ķ•"] {
            assert_eq!(
                separator_count(t.as_bytes()),
                t.matches(['|', '•', '·']).count(),
                "{t}"
            );
        }
    }

    #[test]
    fn furniture_forms() {
        assert!(is_furniture_form(
            "19:08 Publié dans Syrie, Irak | Lien permanent | Commentaires (2) | | |"
        ));
        assert!(is_furniture_form("Des images d'apocalypse. D. R."));
        assert!(is_furniture_form("Sources: AFP, Reuters"));
        assert!(is_furniture_form("https://example.org/2017/10/02/story/"));
        assert!(!is_furniture_form(
            "Source de conflits, la ville a été reprise."
        ));
    }
}

//! Generic French words that tell what a capitalised name is: function words
//! (no name starts with them), place cues, titles and roles, reporting verbs.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Whether `w` lowercased passes `test`. These lists are asked about nearly
/// every token, so no allocation: lowercase ASCII words are tested as they
/// are, others lowercased into a small buffer. (Lowercasing character by
/// character differs from `str::to_lowercase` only for a final Greek sigma,
/// which no list holds.)
pub fn lowercase_is(w: &str, test: impl Fn(&str) -> bool) -> bool {
    // A lowercase character lowercases to itself.
    if w.bytes().all(|b| !b.is_ascii_uppercase())
        && (w.is_ascii() || w.chars().all(|c| c.is_ascii() || c.is_lowercase()))
    {
        return test(w);
    }
    let mut buf = [0u8; 64];
    let mut len = 0;
    for c in w.chars().flat_map(char::to_lowercase) {
        let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else {
            return test(&w.to_lowercase());
        };
        c.encode_utf8(slot);
        len += c.len_utf8();
    }
    std::str::from_utf8(&buf[..len]).is_ok_and(test)
}

/// A word's classes among the word lists, as bits: recognition asks the
/// lists about every token, and one hash lookup answers them all.
pub type Classes = u8;
pub const FUNCTION: Classes = 1;
pub const ROLE: Classes = 2;
pub const REPORTING: Classes = 4;
/// The case-sensitive lists: these bits say the lowercase word is in the
/// list lowercased; whether the word as written is, is still to check.
pub const HONORIFIC: Classes = 8;
pub const NAME_PARTICLE: Classes = 16;
pub const ARTICLE_PARTICLE: Classes = 32;

/// The classes of a lowercase word.
pub fn class_of(lower: &str) -> Classes {
    word_key(lower).map_or(0, classes_of_key)
}

/// The words of all lists by [`word_key`] of their lowercase.
fn classes() -> &'static FxHashMap<u128, Classes> {
    static CLASSES: OnceLock<FxHashMap<u128, Classes>> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut m = FxHashMap::default();
        for (list, class) in [
            (FUNCTION_WORDS, FUNCTION),
            (ROLES, ROLE),
            (REPORTING_VERBS, REPORTING),
            (HONORIFICS, HONORIFIC),
            (NAME_PARTICLES, NAME_PARTICLE),
            (ARTICLE_PARTICLES, ARTICLE_PARTICLE),
        ] {
            for w in list {
                if let Some(k) = word_key(&w.to_lowercase()) {
                    *m.entry(k).or_insert(0) |= class;
                }
            }
        }
        m
    })
}

/// The classes of the lowercase word whose [`word_key`] is `key`.
pub fn classes_of_key(key: u128) -> Classes {
    classes().get(&key).copied().unwrap_or(0)
}

/// A word of up to 16 bytes as one number (no word holds a NUL byte), so
/// that the lookup hashes and compares integers. Longer words are in no list.
pub fn word_key(w: &str) -> Option<u128> {
    if w.len() > 16 {
        return None;
    }
    Some(
        w.bytes()
            .enumerate()
            .fold(0, |k, (i, b)| k | u128::from(b) << (8 * i)),
    )
}

/// Words that start sentences in capitals but never start a name alone.
pub fn is_function_word(w: &str) -> bool {
    lowercase_is(w, |w| class_of(w) & FUNCTION != 0)
}

/// The words of [`is_function_word`].
const FUNCTION_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "de",
    "du",
    "d",
    "au",
    "aux",
    "à",
    "a",
    "en",
    "et",
    "ou",
    "mais",
    "donc",
    "or",
    "ni",
    "car",
    "dans",
    "par",
    "pour",
    "sur",
    "sous",
    "avec",
    "sans",
    "selon",
    "vers",
    "chez",
    "entre",
    "depuis",
    "après",
    "avant",
    "pendant",
    "contre",
    "malgré",
    "outre",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "j",
    "tu",
    "ce",
    "cet",
    "cette",
    "ces",
    "c",
    "ça",
    "qui",
    "que",
    "qu",
    "quoi",
    "dont",
    "où",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "mon",
    "ma",
    "mes",
    "notre",
    "nos",
    "votre",
    "vos",
    "si",
    "ne",
    "n",
    "se",
    "s",
    "y",
    "lors",
    "quand",
    "comme",
    "puis",
    "ainsi",
    "alors",
    "aussi",
    "enfin",
    "toutefois",
    "cependant",
    "pourtant",
    "tout",
    "tous",
    "toute",
    "toutes",
    "plusieurs",
    "certains",
    "chaque",
    "aucun",
    "aucune",
    "rien",
    "the",
    "of",
    "and",
    "in",
    "at",
    "to",
    "for",
    "is",
];

/// Words just before a name that place it on a map: `à Nice`, `vers Raqqa`.
pub fn is_locative_preposition(w: &str) -> bool {
    lowercase_is(w, |w| {
        matches!(w, "à" | "a" | "en" | "vers" | "depuis" | "via" | "jusqu")
    })
}

/// Nouns that, followed by `de`, name a place: `la ville de`, `au sud de`.
pub fn is_place_noun(w: &str) -> bool {
    lowercase_is(w, |w| {
        matches!(
            w,
            "ville"
                | "villes"
                | "localité"
                | "village"
                | "villages"
                | "commune"
                | "bourgade"
                | "cité"
                | "région"
                | "province"
                | "gouvernorat"
                | "district"
                | "département"
                | "canton"
                | "quartier"
                | "quartiers"
                | "banlieue"
                | "faubourg"
                | "agglomération"
                | "périphérie"
                | "environs"
                | "alentours"
                | "zone"
                | "secteur"
                | "oasis"
                | "vallée"
                | "plaine"
                | "massif"
                | "montagnes"
                | "rive"
                | "rives"
                | "capitale"
                | "maire"
                | "habitants"
                | "préfecture"
                | "aéroport"
                | "port"
                | "centre"
                | "nord"
                | "sud"
                | "est"
                | "ouest"
                | "frontière"
                | "près"
                | "proximité"
                | "large"
                | "km"
                | "kilomètres"
                | "mètres"
                | "porte"
                | "portes"
                | "lisière"
                | "route"
                | "autoroute"
                | "autostrade"
        )
    })
}

/// Nouns that say a place even with no `de` before the name: `la localité al-Qaryatayn`.
pub fn is_settlement_noun(w: &str) -> bool {
    lowercase_is(w, |w| {
        matches!(
            w,
            "ville"
                | "localité"
                | "village"
                | "bourgade"
                | "cité"
                | "région"
                | "province"
                | "gouvernorat"
                | "district"
                | "commune"
                | "département"
                | "canton"
                | "comté"
                | "territoire"
                | "zone"
                | "quartier"
        )
    })
}

/// Compass words after a name: `al-Koum au nord de Tadmor`.
pub fn is_compass(w: &str) -> bool {
    lowercase_is(w, |w| {
        matches!(w, "nord" | "sud" | "est" | "ouest" | "centre")
    })
}

/// Short honorifics written before a name.
pub fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(&w)
}

/// The words of [`is_honorific`], as written.
pub(crate) const HONORIFICS: &[&str] = &[
    "M", "Mme", "Mlle", "Mr", "Dr", "Pr", "Me", "Mgr", "MM", "Mmes",
];

/// Titles and roles: `le général X`, `le ministre de la Défense, X`, `X, directeur de`.
pub fn is_role(w: &str) -> bool {
    lowercase_is(w, |w| class_of(w) & ROLE != 0)
}

/// The words of [`is_role`].
const ROLES: &[&str] = &[
    "président",
    "présidente",
    "ministre",
    "général",
    "générale",
    "colonel",
    "commandant",
    "capitaine",
    "lieutenant",
    "sergent",
    "maréchal",
    "amiral",
    "directeur",
    "directrice",
    "porte-parole",
    "chef",
    "cheikh",
    "émir",
    "imam",
    "ayatollah",
    "roi",
    "reine",
    "prince",
    "princesse",
    "pape",
    "maire",
    "député",
    "députée",
    "sénateur",
    "sénatrice",
    "juge",
    "procureur",
    "procureure",
    "ambassadeur",
    "ambassadrice",
    "émissaire",
    "envoyé",
    "médiateur",
    "chercheur",
    "chercheuse",
    "spécialiste",
    "professeur",
    "professeure",
    "secrétaire",
    "patron",
    "patronne",
    "dirigeant",
    "dirigeante",
    "leader",
    "avocat",
    "avocate",
    "journaliste",
    "correspondant",
    "correspondante",
    "photographe",
    "écrivain",
    "écrivaine",
    "analyste",
    "expert",
    "experte",
    "responsable",
    "fondateur",
    "fondatrice",
    "gouverneur",
    "préfet",
    "préfète",
    "commissaire",
    "vice-président",
    "conseiller",
    "conseillère",
    "coordinateur",
    "coordinatrice",
    "historien",
    "historienne",
    "politologue",
    "sociologue",
    "économiste",
    "archéologue",
    "conservateur",
    "représentant",
    "représentante",
    "délégué",
    "déléguée",
    "premier",
    "première",
    "chancelier",
    "chancelière",
    "présidents",
];

/// People introduced by what they are: `X, un habitant de`.
pub fn is_person_noun(w: &str) -> bool {
    is_role(w)
        || lowercase_is(w, |w| {
            matches!(
                w,
                "habitant"
                    | "habitante"
                    | "résident"
                    | "résidente"
                    | "témoin"
                    | "militant"
                    | "militante"
                    | "étudiant"
                    | "étudiante"
                    | "agriculteur"
                    | "commerçant"
                    | "commerçante"
                    | "père"
                    | "mère"
                    | "fils"
                    | "fille"
                    | "frère"
                    | "sœur"
                    | "veuve"
                    | "réfugié"
                    | "réfugiée"
                    | "berger"
                    | "médecin"
                    | "infirmier"
                    | "infirmière"
                    | "enseignant"
                    | "enseignante"
                    | "ancien"
                    | "ancienne"
                    | "opposant"
                    | "opposante"
                    | "activiste"
                    | "combattant"
                    | "soldat"
                    | "officier"
                    | "survivant"
                    | "survivante"
                    | "rescapé"
                    | "rescapée"
            )
        })
}

/// Verbs of saying, for `X a déclaré` and `a indiqué X`.
pub fn is_reporting_verb(w: &str) -> bool {
    lowercase_is(w, |w| class_of(w) & REPORTING != 0)
}

/// The words of [`is_reporting_verb`].
const REPORTING_VERBS: &[&str] = &[
    "déclaré",
    "déclare",
    "affirmé",
    "affirme",
    "indiqué",
    "indique",
    "expliqué",
    "explique",
    "ajouté",
    "ajoute",
    "précisé",
    "précise",
    "souligné",
    "souligne",
    "estimé",
    "estime",
    "raconté",
    "raconte",
    "dit",
    "assuré",
    "assure",
    "annoncé",
    "confié",
    "confie",
    "témoigné",
    "témoigne",
    "rapporté",
    "jugé",
    "juge",
    "averti",
    "dénoncé",
    "dénonce",
    "confirmé",
    "confirme",
    "insisté",
    "insiste",
    "déploré",
    "déplore",
    "regretté",
    "regrette",
    "reconnu",
    "reconnaît",
    "martelé",
    "lancé",
    "lance",
    "répondu",
    "répond",
    "commenté",
    "commente",
    "résumé",
    "résume",
    "poursuivi",
    "poursuit",
    "observé",
    "observe",
    "relevé",
    "relève",
    "noté",
    "note",
    "tweeté",
    "écrit",
];

/// Lowercase particles inside personal and Arabic names: `al-Baghdadi`, `ben Laden`.
pub fn is_name_particle(w: &str) -> bool {
    NAME_PARTICLES.contains(&w)
}

/// The words of [`is_name_particle`], as written.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "ben", "bin", "ibn", "abou", "abu", "de", "du", "van", "von", "der", "den", "da",
    "di", "dos", "ould", "ag", "ez", "ed", "ad", "as", "ar", "az",
];

/// Lowercase Arabic articles that may start a place name: `al-Koum`.
pub fn is_article_particle(w: &str) -> bool {
    ARTICLE_PARTICLES.contains(&w)
}

/// The words of [`is_article_particle`], as written.
const ARTICLE_PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "az", "ash", "at", "ed", "er", "es", "ez",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_answer() {
        assert!(is_function_word("Selon") && is_function_word("L"));
        assert!(!is_function_word("Homs"));
        assert!(is_place_noun("ville") && is_settlement_noun("localité"));
        assert!(is_role("général") && is_person_noun("habitant") && is_honorific("Mme"));
        assert!(is_reporting_verb("déclaré") && is_name_particle("al"));
    }

    #[test]
    fn classes_combine_lists() {
        for list in [
            FUNCTION_WORDS,
            ROLES,
            REPORTING_VERBS,
            HONORIFICS,
            NAME_PARTICLES,
            ARTICLE_PARTICLES,
        ] {
            for w in list {
                assert!(word_key(&w.to_lowercase()).is_some(), "{w} too long");
            }
        }
        assert_eq!(class_of("mme"), HONORIFIC);
        assert_eq!(class_of("al"), NAME_PARTICLE | ARTICLE_PARTICLE);
        assert_ne!(word_key("ab"), word_key("ba"));
        assert_eq!(class_of("juge"), ROLE | REPORTING);
        assert_eq!(class_of("selon"), FUNCTION);
        assert_eq!(class_of("Selon"), 0, "lowercase words only");
        assert_eq!(class_of("homs"), 0);
    }

    #[test]
    fn lists_ignore_case_of_any_word() {
        assert!(is_role("GÉNÉRAL") && is_role("Général") && is_place_noun("Région"));
        assert!(is_function_word("À") && !is_function_word("Àa"));
        let long = "É".repeat(100);
        assert!(!is_role(&long) && lowercase_is(&long, |l| l == "é".repeat(100)));
    }
}

//! Entities the gazetteer does not know, found from how the text introduces
//! them: acronym definitions, titles and roles, reporting verbs, place nouns.

use super::cues;
use super::gazetteer::Index;
use super::normalise::fold;
use super::tokens::Token;
use super::{Doc, EntityKind, Mention};

/// Small words skipped when matching an acronym's letters to its long form.
fn is_acronym_filler(w: &str) -> bool {
    cues::lowercase_is(w, |w| {
        matches!(
            w,
            "de" | "des"
                | "du"
                | "d"
                | "la"
                | "le"
                | "les"
                | "l"
                | "et"
                | "en"
                | "pour"
                | "à"
                | "au"
                | "aux"
                | "sur"
                | "of"
                | "the"
                | "and"
                | "for"
        )
    })
}

/// Day and month names start sentences and datelines, never names.
fn is_calendar_word(w: &str) -> bool {
    cues::lowercase_is(w, |w| {
        matches!(
            w,
            "lundi"
                | "mardi"
                | "mercredi"
                | "jeudi"
                | "vendredi"
                | "samedi"
                | "dimanche"
                | "janvier"
                | "février"
                | "mars"
                | "avril"
                | "mai"
                | "juin"
                | "juillet"
                | "août"
                | "septembre"
                | "octobre"
                | "novembre"
                | "décembre"
                | "hier"
                | "aujourd"
                | "demain"
        )
    })
}

/// A word in parentheses that can be an acronym: `(OSDH)`, `(Osdh)`, `(EI)`.
fn acronym_like(w: &str) -> bool {
    let n = w.chars().count();
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = chars.collect();
    (2..=8).contains(&n)
        && first_upper
        && w.chars().all(char::is_alphabetic)
        && (rest.iter().all(|c| c.is_uppercase())
            || (n >= 3 && rest.iter().all(|c| c.is_lowercase())))
}

/// `Observatoire syrien des droits de l'Homme (OSDH)`: the long form is the
/// entity, the acronym its alias for the rest of the document.
pub fn acronym_definitions(idx: &Index, doc: &mut Doc) {
    let toks = doc.toks;
    for a in 1..toks.len() {
        let acr = toks[a];
        // Implied by what follows, and cheap: most tokens stop here.
        if !acr.break_before || !acr.capitalised() {
            continue;
        }
        let opens = doc.gap_before(a).trim() == "(";
        let closes = a + 1 == toks.len() || doc.gap_before(a + 1).trim_start().starts_with(')');
        if !opens || !closes || !acronym_like(acr.text) || doc.taken[a] || doc.taken[a - 1] {
            continue;
        }
        let letters: Vec<char> = fold(acr.text).chars().rev().collect();
        let mut pos = 0;
        let mut start = None;
        let mut k = a - 1;
        loop {
            if doc.taken[k] {
                break;
            }
            let w = fold(toks[k].text);
            if !is_acronym_filler(toks[k].text) {
                if !w.starts_with(letters[pos]) {
                    break;
                }
                pos += 1;
                if pos == letters.len() {
                    start = Some(k);
                    break;
                }
            }
            if k == 0 || toks[k].break_before {
                break;
            }
            k -= 1;
        }
        let Some(start) = start else { continue };
        let long = doc.span(start, a - 1);
        let (kind, canonical) = match idx.best(idx.lookup(long), None) {
            Some(h) => (idx.entry(h).kind, idx.entry(h).canonical.clone()),
            None => (EntityKind::Organisation, capitalise(long)),
        };
        let m = Mention {
            kind,
            canonical,
            surface: long.to_string(),
            confirmed: true,
        };
        doc.local.insert(fold(acr.text), m.clone());
        doc.local.insert(fold(long), m.clone());
        doc.add(m.clone(), start, a - 1);
        doc.add(
            Mention {
                surface: acr.text.to_string(),
                ..m
            },
            a,
            a,
        );
    }
}

/// The last token of a personal name starting at `i`: capitalised words,
/// with particles inside (`Abou Bakr al-Baghdadi`, `Oussama ben Laden`).
fn name_at(doc: &Doc, i: usize) -> Option<usize> {
    let toks = doc.toks;
    if i >= toks.len() || doc.taken[i] || !doc.name_word[i] {
        return None;
    }
    let mut end = i;
    let mut words = 1;
    while end + 1 < toks.len() && words < 4 {
        let n = toks[end + 1];
        if n.break_before || doc.taken[end + 1] {
            break;
        }
        if doc.name_word[end + 1] {
            end += 1;
            words += 1;
        } else if doc.is(end + 1, cues::NAME_PARTICLE)
            && end + 2 < toks.len()
            && !toks[end + 2].break_before
            && !doc.taken[end + 2]
            && doc.name_word[end + 2]
        {
            end += 2;
            words += 1;
        } else {
            break;
        }
    }
    Some(end)
}

/// Whether token `k` can be a word of a name: capitalised, not all
/// capitals, and no function, title or calendar word.
/// Given the token, its lowercase and the lists it is in.
pub fn usable_name_word(t: &Token, lower: &str, classes: cues::Classes) -> bool {
    t.capitalised()
        && t.text.chars().skip(1).any(char::is_lowercase)
        && !camel_case(t.text)
        && classes & (cues::FUNCTION | cues::ROLE) == 0
        && !cues::is_honorific(t.text)
        && !is_calendar_word(lower)
}

/// `LibreOffice`, `ELTeC`, `LCh`: a capital after the start of a word
/// makes a brand, a project or a unit, not a person's name, unless it
/// follows a short prefix of names (`McDonald`, `MacArthur`, `DiCaprio`,
/// `LeBlanc`).
fn camel_case(word: &str) -> bool {
    let mut prev_upper = word.chars().next().is_some_and(char::is_uppercase);
    for (at, c) in word.char_indices().skip(1) {
        if c.is_uppercase() {
            let prefix = &word[..at];
            // `LCh`, `ELTeC`: capitals then lowercase make an abbreviation.
            if prev_upper && word[at..].chars().any(char::is_lowercase) {
                return true;
            }
            if !prev_upper
                && !matches!(
                    prefix,
                    "Mc" | "Mac" | "Di" | "De" | "Le" | "La" | "Du" | "Da"
                )
            {
                return true;
            }
            prev_upper = true;
        } else {
            prev_upper = false;
        }
    }
    false
}

/// People named with a title, a role, an apposition or a verb of saying.
pub fn titled_people(idx: &Index, doc: &mut Doc) {
    let toks = doc.toks;
    let mut i = 0;
    while i < toks.len() {
        if let Some((start, end)) = person_evidence(doc, i) {
            if add_person(idx, doc, start, end) {
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// A person's name whose evidence starts at token `i`, as a token range.
fn person_evidence(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    let toks = doc.toks;
    let t = toks[i];
    // `M. Abdel Rahmane`, `Mme Durand`.
    if doc.is(i, cues::HONORIFIC) {
        let gap = doc.gap_before((i + 1).min(toks.len() - 1)).trim();
        let end = name_at(doc, i + 1).filter(|_| gap.is_empty() || gap == ".")?;
        return Some((i + 1, end));
    }
    // `le général Souheil al-Hassan`, `le ministre syrien de la Défense, Fahed al-Freij`.
    let lower = doc.lower(i);
    if !doc.taken[i] && doc.is(i, cues::ROLE) {
        if let Some(r) = after_role(doc, i) {
            return Some(r);
        }
    }
    // `a indiqué à l'AFP Rami Abdel Rahmane`.
    if i > 0 && !t.break_before && doc.is(i, cues::REPORTING) {
        let mut k = i + 1;
        if k < toks.len() && matches!(toks[k].text, "à" | "au") && !toks[k].break_before {
            k += 1;
            if k < toks.len() && matches!(toks[k].text, "l" | "la" | "le") {
                k += 1;
            }
            k += 1;
        }
        if k < toks.len() && !toks[k].break_before {
            if let Some(end) = name_at(doc, k).filter(|e| *e > k) {
                return Some((k, end));
            }
        }
    }
    // `selon Thomas Pierret`.
    if lower == "selon" {
        if let Some(end) = name_at(doc, i + 1).filter(|e| *e > i + 1 && !toks[i + 1].break_before) {
            return Some((i + 1, end));
        }
    }
    // `Thomas Pierret, spécialiste`, `Jassim, un autre habitant`, `Mohammad raconte`.
    let end = name_at(doc, i)?;
    let prev = i.checked_sub(1).map(|p| toks[p].text).unwrap_or("");
    if !t.sentence_start
        && !t.break_before
        && toks[i.saturating_sub(1)].capitalised()
        && !cues::is_function_word(prev)
    {
        return None;
    }
    let single_at_start = end == i && t.sentence_start;
    // `l'Etat précise`, `la Commission estime`: a person's name takes no
    // article, and an institution written with a capital is no one.
    let article = i > 0
        && !t.break_before
        && matches!(
            doc.lower(i - 1),
            "le" | "la" | "les" | "l" | "un" | "une" | "du" | "des" | "au" | "aux"
        );
    // `le bouton Valider confirme`: the label of a program's control.
    let label =
        i > 0 && !t.break_before && crate::entities::unseen::is_interface_noun(doc.lower(i - 1));
    if label {
        return None;
    }
    // `Chacun a déclaré`, `Rien ne dit`: a sentence capitalises its
    // first word, which is then as likely a word of the dictionary.
    let dictionary_at_start = single_at_start && crate::entities::unseen::is_common_word(lower);
    if end == i
        && (article
            || dictionary_at_start
            || crate::entities::unseen::is_capitalised_common_word(lower))
    {
        return None;
    }
    let k = end + 1;
    if k < toks.len() && doc.gap_before(k).trim() == "," {
        let mut r = k;
        let mut indefinite = false;
        while r < toks.len()
            && matches!(
                doc.lower(r),
                "le" | "la" | "l" | "un" | "une" | "autre" | "ancien" | "ancienne"
            )
        {
            indefinite |= matches!(toks[r].text, "un" | "une");
            r += 1;
        }
        if r < toks.len() && cues::is_person_noun(toks[r].text) && (!single_at_start || indefinite)
        {
            return Some((i, end));
        }
    }
    if k < toks.len() && !toks[k].break_before {
        let v = toks[k].text;
        let aux = matches!(v, "a" | "avait" | "aurait")
            && k + 1 < toks.len()
            && cues::is_reporting_verb(toks[k + 1].text);
        let present = cues::is_reporting_verb(v) && !v.ends_with('é');
        // `Renault a annoncé`, `Vornicorp précise`: bodies announce too; a
        // lone word opening a sentence is someone only by a verb of people.
        let verb = if aux { toks[k + 1].text } else { v };
        if single_at_start && !crate::entities::unseen::is_personal_saying(&verb.to_lowercase()) {
            return None;
        }
        if aux || present {
            return Some((i, end));
        }
    }
    None
}

/// The name after a role word `r`: right after it, after an institution
/// (`ministre de l'Intérieur Gérald Darmanin`) or after a comma.
fn after_role(doc: &Doc, r: usize) -> Option<(usize, usize)> {
    let toks = doc.toks;
    if r + 1 < toks.len() && !toks[r + 1].break_before {
        if let Some(end) = name_at(doc, r + 1) {
            return Some((r + 1, end));
        }
    }
    let mut k = r + 1;
    while k < toks.len() && k <= r + 8 {
        let t = toks[k];
        if t.break_before {
            if doc.gap_before(k).trim() == "," {
                let end = name_at(doc, k)?;
                let next_ok = end + 1 >= toks.len()
                    || toks[end + 1].break_before
                    || !toks[end + 1].capitalised();
                return next_ok.then_some((k, end));
            }
            return None;
        }
        let after_de = matches!(doc.lower(k - 1), "de" | "du" | "des" | "l" | "d" | "la");
        if t.capitalised() && !after_de {
            return None;
        }
        k += 1;
    }
    None
}

/// Records a person unless the name is known as something else: an
/// organisation or a sizeable place (`Moscou a déclaré` is not a person,
/// but a small town's name is also a first name: `Jassim, un habitant`).
fn add_person(idx: &Index, doc: &mut Doc, start: usize, end: usize) -> bool {
    let span = doc.span(start, end);
    let canonical = match idx.best(idx.lookup(span), None).map(|h| idx.entry(h)) {
        Some(e) if e.kind == EntityKind::Person => e.canonical.clone(),
        Some(e) if e.kind == EntityKind::Organisation || e.weight >= 100_000 => return false,
        _ => span.to_string(),
    };
    doc.add(
        Mention {
            kind: EntityKind::Person,
            canonical,
            surface: span.to_string(),
            confirmed: true,
        },
        start,
        end,
    );
    true
}

/// Places the text introduces as such: `la localité d'Al-Alianiyé`,
/// `la zone montagneuse de Halimet Qara`, `d'al-Koum au nord de`, `Sokhné, ville`.
pub fn introduced_places(idx: &Index, doc: &mut Doc) {
    let toks = doc.toks;
    let mut i = 0;
    while i < toks.len() {
        let Some(end) = place_name_at(doc, i) else {
            i += 1;
            continue;
        };
        if !introduced_before(doc, i) && !introduced_after(doc, i, end) {
            i += 1;
            continue;
        }
        let span = doc.span(i, end);
        let canonical = match idx.best(idx.lookup(span), None) {
            Some(h) if idx.entry(h).kind == EntityKind::Place => {
                Some(idx.entry(h).canonical.clone())
            }
            Some(_) => None,
            None => Some(capitalise(span)),
        };
        if let Some(canonical) = canonical {
            let m = Mention {
                kind: EntityKind::Place,
                canonical,
                surface: span.to_string(),
                confirmed: true,
            };
            doc.add(m, i, end);
            i = end + 1;
        } else {
            i += 1;
        }
    }
}

/// A place name at `i`: up to three capitalised words, maybe after an article (`al-Koum`).
fn place_name_at(doc: &Doc, i: usize) -> Option<usize> {
    let toks = doc.toks;
    let first = if doc.is(i, cues::ARTICLE_PARTICLE) {
        let n = toks.get(i + 1)?;
        if !n.hyphen_before {
            return None;
        }
        i + 1
    } else {
        i
    };
    let end = name_at(doc, first)?;
    if doc.taken[i] || (end - first) > 2 {
        return None;
    }
    Some(end)
}

fn introduced_before(doc: &Doc, i: usize) -> bool {
    let toks = doc.toks;
    if i == 0 || toks[i].break_before || toks[i].sentence_start {
        return false;
    }
    let prev = doc.lower(i - 1);
    if matches!(
        prev,
        "ville" | "localité" | "village" | "bourgade" | "commune" | "région" | "province"
    ) {
        return true;
    }
    if !matches!(prev, "de" | "d" | "du") || i < 2 {
        return false;
    }
    let noun = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "ville"
                | "localité"
                | "village"
                | "commune"
                | "bourgade"
                | "région"
                | "province"
                | "gouvernorat"
                | "district"
                | "quartier"
                | "zone"
                | "banlieue"
                | "oasis"
                | "vallée"
                | "plaine"
                | "massif"
                | "faubourg"
        )
    };
    // One adjective may sit between the noun and `de`: `zone montagneuse de`.
    noun(toks[i - 2].text) || (i >= 3 && noun(toks[i - 3].text) && !toks[i - 2].capitalised())
}

fn introduced_after(doc: &Doc, i: usize, end: usize) -> bool {
    let toks = doc.toks;
    // Not at a sentence start, where a capital says nothing.
    let inside = i > 0 && !toks[i].break_before && !toks[i].sentence_start;
    let after_preposition = inside && matches!(toks[i - 1].text, "à" | "de" | "d" | "vers");
    if !inside || end + 2 >= toks.len() {
        return false;
    }
    let gap = doc.gap_before(end + 1);
    let next = toks[end + 1].text;
    if gap.trim() == "," {
        return matches!(next, "ville" | "localité" | "village" | "bourgade")
            || (next == "à" && toks[end + 2].text.chars().all(|c| c.is_ascii_digit()));
    }
    after_preposition
        && gap.trim().is_empty()
        && next == "au"
        && cues::is_compass(toks[end + 2].text)
}

/// `ministère russe de la Défense`, `ministère des Affaires étrangères`.
pub fn ministries(doc: &mut Doc) {
    let toks = doc.toks;
    for i in 0..toks.len() {
        if doc.taken[i] || !matches!(toks[i].text, "ministère" | "Ministère") {
            continue;
        }
        let mut k = i + 1;
        if k < toks.len()
            && !toks[k].capitalised()
            && !matches!(toks[k].text, "de" | "des" | "du" | "d")
        {
            k += 1; // a nationality: `russe`
        }
        if k >= toks.len() || !matches!(toks[k].text, "de" | "des" | "du" | "d") {
            continue;
        }
        k += 1;
        if k < toks.len() && matches!(toks[k].text, "la" | "l") {
            k += 1;
        }
        if k >= toks.len()
            || !toks[k].capitalised()
            || toks[i + 1..=k].iter().any(|t| t.break_before)
        {
            continue;
        }
        let mut end = k;
        // `des Affaires étrangères`: one lowercase adjective may follow.
        if end + 1 < toks.len()
            && !toks[end + 1].break_before
            && toks[end + 1].text.ends_with(['e', 's'])
            && !toks[end + 1].capitalised()
            && !cues::is_function_word(toks[end + 1].text)
        {
            end += 1;
        }
        if doc.taken[i..=end].iter().any(|t| *t) {
            continue;
        }
        let span = doc.span(i, end);
        let m = Mention {
            kind: EntityKind::Organisation,
            canonical: span.to_string(),
            surface: span.to_string(),
            confirmed: true,
        };
        doc.add(m, i, end);
    }
}

/// `al-Koum` → `Al-Koum`: a canonical name starts with a capital.
pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_look_like_acronyms() {
        assert!(acronym_like("OSDH") && acronym_like("Osdh") && acronym_like("EI"));
        assert!(!acronym_like("ouest") && !acronym_like("A") && !acronym_like("Ei"));
    }

    #[test]
    fn capitalise_first_letter() {
        assert_eq!(capitalise("al-Koum"), "Al-Koum");
    }

    #[test]
    fn camel_case_words_are_brands_not_names() {
        for w in ["LibreOffice", "ELTeC", "LCh", "PowerPoint", "YouTube"] {
            assert!(camel_case(w), "{w}");
        }
        for w in [
            "McDonald",
            "MacArthur",
            "DiCaprio",
            "LeBlanc",
            "Dupont",
            "Jean",
            "AFP",
            "O",
        ] {
            assert!(!camel_case(w), "{w}");
        }
    }
}

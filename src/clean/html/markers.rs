//! Generic words that mark a short line as site chrome whatever its markup:
//! share prompts, "read also" teasers, ad labels, photo credits.

/// Line starts (lower-case) that make a short line chrome.
const CHROME_STARTS: &[&str] = &[
    "share",
    "teilen",
    "partager",
    "tweet",
    "read more",
    "read also",
    "see also",
    "related:",
    "weiterlesen",
    "lesen sie auch",
    "lesen sie mehr",
    "auch lesen",
    "mehr zum thema",
    "mehr lesen",
    "lire aussi",
    "lire la suite",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "advertisement",
    "anzeige",
    "publicité",
    "werbung",
    "newsletter",
    "photo:",
    "photo :",
    "photos:",
    "foto:",
    "fotos:",
    "bild:",
    "image:",
    "credit:",
    "crédit",
    "quelle:",
    "©",
    "(c)",
    "copyright",
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "subscribe",
    "abonnieren",
    "s'abonner",
    "abonnez-vous",
    "sign up",
    "cookie",
    "follow us",
    "folgen sie uns",
    "suivez-nous",
    "about the author",
    "über den autor",
    "à propos de l'auteur",
    "you may also like",
    "you might also like",
    "das könnte dich auch interessieren",
    "das könnte sie auch interessieren",
    "vous aimerez aussi",
    "sur le même sujet",
    "related posts",
    "ähnliche beiträge",
];

/// Photo credits closing a caption: `… (Foto: Agence)`.
const CREDIT_MARKS: &[&str] = &[
    "(foto:", "(photo:", "(photo :", "(bild:", "(image:", "(credit:",
];

/// Whether a short line is chrome by its words alone.
pub fn is_boilerplate_line(text: &str) -> bool {
    if text.chars().count() > 120 {
        return false;
    }
    let lower = text.trim().to_lowercase();
    if CHROME_STARTS.iter().any(|m| lower.starts_with(m)) {
        return true;
    }
    lower.ends_with(')')
        && lower
            .rfind('(')
            .is_some_and(|i| CREDIT_MARKS.iter().any(|m| lower[i..].starts_with(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_marker_lines_are_chrome() {
        assert!(is_boilerplate_line("Partager sur Facebook"));
        assert!(is_boilerplate_line("© 2024 Le Journal"));
        assert!(is_boilerplate_line("Lire aussi : la suite"));
        assert!(is_boilerplate_line("Mehr zum Thema"));
        assert!(is_boilerplate_line(
            "Le port au petit matin. (Photo: Agence)"
        ));
    }

    #[test]
    fn prose_is_not_chrome() {
        assert!(!is_boilerplate_line("Le maire a partagé son avis."));
        let long = format!("Share {}", "x ".repeat(100));
        assert!(!is_boilerplate_line(&long));
    }
}

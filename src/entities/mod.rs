//! Entities: places, organisations and people under one canonical name each.

use crate::article::Entity;

/// Entities found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub places: Vec<Entity>,
    pub organisations: Vec<Entity>,
    pub people: Vec<Entity>,
}

/// The gazetteer: canonical names, types and aliases.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer bundled with fouille.
    pub fn bundled() -> Self {
        Gazetteer {}
    }

    /// Finds the entities of an article.
    pub fn recognise(&self, _title: &str, _body: &str) -> Found {
        Found::default()
    }
}

/// Normalised key of a name: case, accents and punctuation do not count.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

//! The one article type, from ingestion to the index to JSON.

use serde::{Deserialize, Serialize};

/// A named entity found in an article, under its canonical name, with the
/// surface forms the text used for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(default)]
    pub mentions: Vec<String>,
}

/// A cleaned, described and enriched article. `inspect --json` prints it,
/// the index stores it, `show --json` gives it back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    /// Stable key used by `show`: the record's own id, else derived from the path.
    pub id: String,
    /// Path relative to the archive root (`FILE#N` for a JSON Lines record).
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    /// Publication date, `YYYY-MM-DD`, or null when nothing reliable says it.
    pub published: Option<chrono::NaiveDate>,
    /// Which signal gave `published`, so a wrong date can be traced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<DateSource>,
    /// The outlet (site, newspaper, blog).
    pub source: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub wire_sources: Vec<String>,
    #[serde(default)]
    pub places: Vec<Entity>,
    #[serde(default)]
    pub organisations: Vec<Entity>,
    #[serde(default)]
    pub people: Vec<Entity>,
}

/// Where a publication date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A meta tag, microdata or a `<time datetime>` of the markup.
    Meta,
    /// JSON-LD (schema.org) of the article.
    JsonLd,
    /// The date in the page's own address.
    Url,
    /// A dateline or a "Published on" line of the visible text.
    VisibleLine,
    /// The manifest or the JSON Lines record.
    Sidecar,
}

impl Article {
    /// Number of words of the body, for statistics and ranking hints.
    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_matches_the_cli_contract() {
        let a = Article {
            id: "x".into(),
            path: "x.txt".into(),
            title: "T".into(),
            body: "B".into(),
            published: chrono::NaiveDate::from_ymd_opt(2017, 10, 1),
            ..Default::default()
        };
        let v: serde_json::Value = serde_json::to_value(&a).unwrap();
        assert_eq!(v["published"], "2017-10-01");
        assert!(v["source"].is_null());
        assert!(v["places"].as_array().unwrap().is_empty());
        assert!(v.get("url").is_none());
        assert!(v.get("published_from").is_none());
        let b = Article {
            published_from: Some(DateSource::JsonLd),
            ..a
        };
        assert_eq!(
            serde_json::to_value(&b).unwrap()["published_from"],
            "json-ld"
        );
    }
}

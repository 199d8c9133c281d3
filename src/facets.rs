//! Counting facets of a hit set.
//!
//! tantivy's `FacetCollector` walks the whole facet dictionary of every
//! segment on every query to find the children of the requested roots; with
//! thousands of distinct places and organisations that was half the cost of
//! a search. This collector counts term ordinals per segment and turns into
//! names only the ordinals that some hit carries, in one sorted walk of the
//! dictionary, straight into `(kind, value)` pairs.

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of `(kind, value)`: the first two levels of a facet path
/// (`/place/Palmyre` → `("place", "Palmyre")`; `/date/2016/04` counts for
/// `("date", "2016")`), sorted by kind then value.
pub type Counts = Vec<(String, String, u64)>;

/// Counts the facets of the matching documents by their first two levels.
pub struct FacetCounter {
    field: String,
}

impl FacetCounter {
    pub fn for_field(field: &str) -> FacetCounter {
        FacetCounter {
            field: field.to_string(),
        }
    }
}

/// Counts of one segment, by term ordinal.
pub struct SegmentFacetCounter {
    reader: FacetReader,
    counts: FxHashMap<u64, u64>,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        Ok(SegmentFacetCounter {
            reader: segment.facet_reader(&self.field)?,
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all: Counts = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        Ok(add_up_neighbours(all))
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.reader.facet_ords(doc) {
            *self.counts.entry(ord).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Counts {
        let mut ords: Vec<(u64, u64)> = self.counts.into_iter().collect();
        ords.sort_unstable();
        let keys: Vec<u64> = ords.iter().map(|(o, _)| *o).collect();
        let mut counts = ords.iter().map(|(_, n)| *n);
        // The dictionary is sorted, so the pairs come out sorted too
        // (`/date/2016/03` and `/date/2016/04` side by side).
        let mut out: Counts = Vec::with_capacity(keys.len());
        let _ = self
            .reader
            .facet_dict()
            .sorted_ords_to_term_cb(&keys, |bytes| {
                let n = counts.next().unwrap_or(0);
                if let Some((kind, value)) = first_two_levels(bytes) {
                    match out.last_mut() {
                        Some(last) if last.0 == kind && last.1 == value => last.2 += n,
                        _ => out.push((kind.to_string(), value.to_string(), n)),
                    }
                }
            });
        out
    }
}

/// Merges the counts of equal neighbours in a sorted list.
fn add_up_neighbours(sorted: Counts) -> Counts {
    let mut out: Counts = Vec::with_capacity(sorted.len());
    for (kind, value, n) in sorted {
        match out.last_mut() {
            Some(last) if last.0 == kind && last.1 == value => last.2 += n,
            _ => out.push((kind, value, n)),
        }
    }
    out
}

/// The first two levels of an encoded facet (levels are separated by a
/// zero byte, with no leading separator).
fn first_two_levels(encoded: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(encoded).ok()?;
    let mut levels = text.split('\0');
    let kind = levels.next()?;
    let value = levels.next()?;
    Some((kind, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Facet;

    #[test]
    fn reads_kind_and_value_of_encoded_facets() {
        let f = Facet::from_path(["date", "2016", "04"]);
        assert_eq!(
            first_two_levels(f.encoded_str().as_bytes()),
            Some(("date", "2016"))
        );
        let f = Facet::from_path(["place", "Deir ez-Zor"]);
        assert_eq!(
            first_two_levels(f.encoded_str().as_bytes()),
            Some(("place", "Deir ez-Zor"))
        );
        assert_eq!(
            first_two_levels(Facet::root().encoded_str().as_bytes()),
            None
        );
    }

    #[test]
    fn segments_are_added_up() {
        let c = |k: &str, v: &str, n| (k.to_string(), v.to_string(), n);
        let counter = FacetCounter::for_field("facets");
        let merged = counter
            .merge_fruits(vec![
                vec![c("place", "Homs", 1), c("place", "Palmyre", 2)],
                vec![c("date", "2016", 4), c("place", "Palmyre", 3)],
            ])
            .unwrap();
        assert_eq!(
            merged,
            vec![
                c("date", "2016", 4),
                c("place", "Homs", 1),
                c("place", "Palmyre", 5)
            ]
        );
    }
}

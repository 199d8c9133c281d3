//! Counting facets of a hit set.
//!
//! tantivy's `FacetCollector` walks the whole facet dictionary of every
//! segment on every query to find the children of the requested roots; with
//! thousands of distinct places and organisations that was half the cost of
//! a search. This collector counts term ordinals per segment and turns into
//! names only the ordinals that some hit carries, in one sorted walk of the
//! dictionary, straight into `(kind, value)` pairs.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of `(kind, value)`: the first two levels of a facet path
/// (`/place/Palmyre` → `("place", "Palmyre")`; `/date/2016/04` counts for
/// `("date", "2016")`), sorted by kind then value.
pub type Counts = Vec<(&'static str, String, u64)>;

/// The kinds of facet the index holds (first levels), sorted.
pub const KINDS: [&str; 5] = ["date", "org", "person", "place", "source"];

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

/// Counts of one segment, by term ordinal: a dense array, since a segment
/// has a few thousand facet terms and big hit sets touch many of them
/// (a hash map was a tenth of a search for a common word).
pub struct SegmentFacetCounter {
    reader: FacetReader,
    counts: Vec<u32>,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let reader = segment.facet_reader(&self.field)?;
        let terms = reader.facet_dict().num_terms();
        Ok(SegmentFacetCounter {
            reader,
            counts: vec![0; terms],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        // Each segment's list is sorted: merge them pairwise, linearly.
        Ok(fruits.into_iter().reduce(merge_sorted).unwrap_or_default())
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.reader.facet_ords(doc) {
            if let Some(n) = usize::try_from(ord)
                .ok()
                .and_then(|o| self.counts.get_mut(o))
            {
                *n += 1;
            }
        }
    }

    fn harvest(self) -> Counts {
        let (keys, counts): (Vec<u64>, Vec<u64>) = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(ord, n)| (ord as u64, u64::from(*n)))
            .unzip();
        let mut counts = counts.into_iter();
        // The dictionary is sorted, so the pairs come out sorted too
        // (`/date/2016/03` and `/date/2016/04` side by side).
        let mut out: Counts = Vec::with_capacity(keys.len());
        let _ = self
            .reader
            .facet_dict()
            .sorted_ords_to_term_cb(&keys, |bytes| {
                let n = counts.next().unwrap_or(0);
                let Some((kind, value)) = first_two_levels(bytes) else {
                    return;
                };
                // Months of one year follow each other: add them up.
                if let Some(last) = out.last_mut() {
                    if last.0.as_bytes() == kind && last.1.as_bytes() == value {
                        last.2 += n;
                        return;
                    }
                }
                let Some(kind) = KINDS.iter().find(|k| k.as_bytes() == kind) else {
                    return;
                };
                if let Ok(value) = std::str::from_utf8(value) {
                    out.push((kind, value.to_owned(), n));
                }
            });
        out
    }
}

/// Merges two sorted lists of counts into one, adding up equal pairs.
fn merge_sorted(a: Counts, b: Counts) -> Counts {
    let mut out: Counts = Vec::with_capacity(a.len().max(b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match (&x.0, &x.1).cmp(&(&y.0, &y.1)) {
                std::cmp::Ordering::Less => a.next(),
                std::cmp::Ordering::Greater => b.next(),
                std::cmp::Ordering::Equal => {
                    let (x, y) = (a.next(), b.next());
                    x.zip(y).map(|(x, y)| (x.0, x.1, x.2 + y.2))
                }
            },
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(c) => out.push(c),
            None => return out,
        }
    }
}

/// The first two levels of an encoded facet (levels are separated by a
/// zero byte, with no leading separator), as bytes: only a value that is
/// kept gets checked as UTF-8.
fn first_two_levels(encoded: &[u8]) -> Option<(&[u8], &[u8])> {
    let cut = encoded.iter().position(|&b| b == 0)?;
    let (kind, rest) = (&encoded[..cut], &encoded[cut + 1..]);
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    Some((kind, &rest[..end]))
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
            Some((&b"date"[..], &b"2016"[..]))
        );
        let f = Facet::from_path(["place", "Deir ez-Zor"]);
        assert_eq!(
            first_two_levels(f.encoded_str().as_bytes()),
            Some((&b"place"[..], "Deir ez-Zor".as_bytes()))
        );
        assert_eq!(
            first_two_levels(Facet::root().encoded_str().as_bytes()),
            None
        );
    }

    #[test]
    fn segments_are_added_up() {
        let c = |k: &'static str, v: &str, n| (k, v.to_string(), n);
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

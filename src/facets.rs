//! Counting facets of a hit set.
//!
//! tantivy's `FacetCollector` walks the whole facet dictionary of every
//! segment on every query to find the children of the requested roots; with
//! thousands of distinct places and organisations that was half the cost of
//! a search. This collector counts term ordinals per segment in a dense
//! array and names them from [`FacetNames`]: by segment, the names of the
//! ordinals earlier queries resolved, so a query walks the dictionary only
//! for ordinals never seen before (a one-shot search walks for all of its
//! own, as it must; a session soon finds most names known).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of `(kind, value)`: the first two levels of a facet path
/// (`/place/Palmyre` → `("place", "Palmyre")`; `/date/2016/04` counts for
/// `("date", "2016")`), sorted by kind then value.
pub type Counts = Vec<(&'static str, Arc<str>, u64)>;

/// The kinds of facet the index holds (first levels), sorted.
pub const KINDS: [&str; 6] = ["date", "org", "person", "place", "source", "wire"];

/// Counts the facets of the matching documents by their first two levels.
pub struct FacetCounter {
    field: String,
    names: Arc<FacetNames>,
}

impl FacetCounter {
    /// A counter of `field` that names values from `names` (kept by the
    /// caller across queries).
    pub fn new(field: &str, names: Arc<FacetNames>) -> FacetCounter {
        FacetCounter {
            field: field.to_string(),
            names,
        }
    }
}

/// The decoded facet dictionaries of the segments seen so far.
#[derive(Default)]
pub struct FacetNames {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentNames>>>,
}

impl FacetNames {
    /// The names of a segment's facets known so far.
    fn of(&self, segment: SegmentId, reader: &FacetReader) -> Arc<SegmentNames> {
        let mut segments = self.lock();
        let names = segments.entry(segment).or_insert_with(|| {
            Arc::new(SegmentNames {
                by_ord: Mutex::new(vec![Name::Unknown; reader.num_facets()]),
            })
        });
        Arc::clone(names)
    }

    /// Forgets the segments not in `live` (merged away since).
    pub fn retain(&self, live: &[SegmentId]) {
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentNames>>> {
        // A panic elsewhere cannot leave the map half-written: use it.
        self.segments.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a facet ordinal of a segment names.
#[derive(Clone)]
enum Name {
    /// Not looked up yet.
    Unknown,
    /// The root, or a facet outside [`KINDS`].
    Ignored,
    /// A kind and value (`/date/2016/04` is `("date", "2016")`).
    Named(&'static str, Arc<str>),
}

/// One segment's facet names by term ordinal, filled in as queries meet them.
pub struct SegmentNames {
    by_ord: Mutex<Vec<Name>>,
}

impl SegmentNames {
    /// Names the ordinals of `wanted` (sorted) that are not known yet.
    fn resolve(&self, reader: &FacetReader, wanted: &[u64], names: &mut [Name]) {
        let missing: Vec<u64> = wanted
            .iter()
            .copied()
            .filter(|&o| matches!(names.get(o as usize), Some(Name::Unknown)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut next = missing.iter();
        let _ = reader
            .facet_dict()
            .sorted_ords_to_term_cb(&missing, |bytes| {
                let Some(slot) = next.next().and_then(|&o| names.get_mut(o as usize)) else {
                    return;
                };
                *slot = first_two_levels(bytes)
                    .and_then(|(kind, value)| {
                        let kind = KINDS.iter().find(|k| k.as_bytes() == kind)?;
                        Some(Name::Named(
                            kind,
                            Arc::from(std::str::from_utf8(value).ok()?),
                        ))
                    })
                    .unwrap_or(Name::Ignored);
            });
    }
}

/// Counts of one segment, by term ordinal: a dense array, since a segment
/// has a few thousand facet terms and big hit sets touch many of them
/// (a hash map was a tenth of a search for a common word).
pub struct SegmentFacetCounter {
    reader: FacetReader,
    names: Arc<SegmentNames>,
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
        let names = self.names.of(segment.segment_id(), &reader);
        Ok(SegmentFacetCounter {
            counts: vec![0; reader.num_facets()],
            reader,
            names,
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
        let wanted: Vec<u64> = (0u64..)
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(ord, _)| ord)
            .collect();
        let mut names = self.names.by_ord.lock().unwrap_or_else(|e| e.into_inner());
        self.names.resolve(&self.reader, &wanted, &mut names);
        // Ordinals follow the sorted dictionary, so the pairs come out
        // sorted too (`/date/2016/03` and `/date/2016/04` side by side,
        // added up into 2016).
        let mut out: Counts = Vec::with_capacity(wanted.len());
        for ord in wanted {
            let n = u64::from(self.counts[ord as usize]);
            let Some(Name::Named(kind, value)) = names.get(ord as usize) else {
                continue;
            };
            match out.last_mut() {
                Some(last) if last.0 == *kind && last.1 == *value => last.2 += n,
                _ => out.push((kind, Arc::clone(value), n)),
            }
        }
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
    fn names_known_from_one_query_serve_the_next() {
        use tantivy::query::{AllQuery, TermQuery};
        use tantivy::schema::{FacetOptions, IndexRecordOption, Schema, STRING};
        use tantivy::{doc, Index, IndexWriter, Term};
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let id = b.add_text_field("id", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let f = |p: &str| Facet::from(p);
        w.add_document(doc!(id => "a", facets => f("/date/2016/03"), facets => f("/place/Homs")))
            .unwrap();
        w.add_document(doc!(id => "b", facets => f("/date/2016/04"), facets => f("/place/Homs")))
            .unwrap();
        w.add_document(doc!(id => "c", facets => f("/date/2017/01"), facets => f("/org/EI")))
            .unwrap();
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let names: Arc<FacetNames> = Arc::default();
        let count = |q: &dyn tantivy::query::Query| {
            let counts = searcher
                .search(q, &FacetCounter::new("facets", Arc::clone(&names)))
                .unwrap();
            counts
                .into_iter()
                .map(|(k, v, n)| format!("{k}/{v}={n}"))
                .collect::<Vec<_>>()
        };
        let only_b = TermQuery::new(Term::from_field_text(id, "b"), IndexRecordOption::Basic);
        // The first query names what it needs; the next ones add the rest.
        assert_eq!(count(&only_b), ["date/2016=1", "place/Homs=1"]);
        let all = ["date/2016=2", "date/2017=1", "org/EI=1", "place/Homs=2"];
        assert_eq!(count(&AllQuery), all);
        assert_eq!(count(&AllQuery), all);
        assert_eq!(count(&only_b), ["date/2016=1", "place/Homs=1"]);
    }

    #[test]
    fn segments_are_added_up() {
        let c = |k: &'static str, v: &str, n| (k, Arc::from(v), n);
        let counter = FacetCounter::new("facets", Arc::default());
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

//! Counting facets of a hit set.
//!
//! tantivy's `FacetCollector` walks the whole facet dictionary of every
//! segment on every query to find the children of the requested roots; with
//! thousands of distinct places and organisations that was half the cost of
//! a search. This collector counts term ordinals per segment in a dense
//! array, and adds the segments up by number rather than by name: the first
//! query of an index generation reads each segment's dictionary once and
//! numbers every value of the whole index in sorted order (a
//! [`Universe`]); later queries turn a segment's ordinal into that number
//! with one array lookup, and the counts come out sorted without comparing
//! a single name.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{Column, ColumnIndex};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of `(kind, value)`: the first two levels of a facet path
/// (`/place/Palmyre` → `("place", "Palmyre")`; `/date/2016/04` counts for
/// `("date", "2016")`), sorted by kind then value.
pub type Counts = Vec<(&'static str, Arc<str>, u64)>;

/// The kinds of facet the index holds (first levels), sorted.
pub const KINDS: [&str; 6] = ["date", "org", "person", "place", "source", "wire"];

/// Marks an ordinal that names no counted value (the root, another kind).
const NONE: u32 = u32::MAX;

/// Counts the facets of the matching documents by their first two levels.
pub struct FacetCounter {
    field: String,
    names: Arc<FacetNames>,
    keep: usize,
}

impl FacetCounter {
    /// A counter of `field` that names values from `names` (kept by the
    /// caller across queries).
    pub fn new(field: &str, names: Arc<FacetNames>) -> FacetCounter {
        FacetCounter {
            field: field.to_string(),
            names,
            keep: usize::MAX,
        }
    }

    /// Keeps only the `n` largest values of each kind (ties go to the
    /// first by name): a page shows the top of each list, and naming the
    /// thousands of people a common word's articles mention is most of
    /// the cost of counting them.
    pub fn keeping(mut self, n: usize) -> FacetCounter {
        self.keep = n;
        self
    }
}

/// The decoded facet dictionaries of the segments seen so far, and the
/// numbering of the values of the last set of segments counted.
#[derive(Default)]
pub struct FacetNames {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentValues>>>,
    universe: Mutex<Option<Arc<Universe>>>,
}

impl FacetNames {
    /// The values of a segment's facet field `field`, read on first use.
    fn of(&self, segment: &SegmentReader, field: &str) -> tantivy::Result<Arc<SegmentValues>> {
        let id = segment.segment_id();
        if let Some(known) = lock(&self.segments).get(&id) {
            return Ok(Arc::clone(known));
        }
        // Read outside the lock: another query may count meanwhile.
        let values = Arc::new(SegmentValues::read(segment, field)?);
        Ok(Arc::clone(lock(&self.segments).entry(id).or_insert(values)))
    }

    /// The numbering of the values of `segments` (sorted by id), made once
    /// per set of segments.
    fn universe(&self, segments: &[(SegmentId, Arc<SegmentValues>)]) -> Arc<Universe> {
        let mut cached = lock(&self.universe);
        if let Some(u) = cached.as_ref() {
            if u.covers(segments) {
                return Arc::clone(u);
            }
        }
        let u = Arc::new(Universe::number(segments));
        *cached = Some(Arc::clone(&u));
        u
    }

    /// Forgets the segments not in `live` (merged away since).
    pub fn retain(&self, live: &[SegmentId]) {
        lock(&self.segments).retain(|id, _| live.contains(id));
        let mut universe = lock(&self.universe);
        if universe
            .as_ref()
            .is_some_and(|u| u.segments.iter().any(|(id, _)| !live.contains(id)))
        {
            *universe = None;
        }
    }
}

/// Locks `m`; a panic elsewhere cannot leave these caches half-written
/// (each is replaced whole), so a poisoned lock is used as is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One segment's facet values: its ordinals mapped onto its distinct
/// `(kind, value)` pairs, which are sorted (as the dictionary is).
pub struct SegmentValues {
    /// The ordinals of each document, a run of rows per document (opening
    /// the column anew for every query cost more than counting a narrow
    /// query's matches).
    ords: Column<u64>,
    /// Term ordinal → index in `values`, or [`NONE`].
    by_ord: Vec<u32>,
    values: Vec<(&'static str, Arc<str>)>,
    /// Count arrays of earlier queries, zeroed again: a query clears the
    /// few entries it touched rather than a fresh array of thousands.
    spare: Mutex<Vec<Vec<u32>>>,
}

impl SegmentValues {
    /// Reads the whole facet dictionary of a segment's field `field`.
    fn read(segment: &SegmentReader, field: &str) -> tantivy::Result<SegmentValues> {
        let reader = segment.facet_reader(field)?;
        let ords = match segment.fast_fields().str(field)? {
            Some(column) => column.ords().clone(),
            None => Column::build_empty_column(segment.max_doc()),
        };
        let mut by_ord = Vec::with_capacity(reader.num_facets());
        let mut values: Vec<(&'static str, Arc<str>)> = Vec::new();
        let mut stream = reader.facet_dict().stream()?;
        while stream.advance() {
            let local = first_two_levels(stream.key())
                .and_then(|(kind, value)| {
                    let kind = KINDS.iter().find(|k| k.as_bytes() == kind)?;
                    // `/date/2016/03` and `/date/2016/04` side by side are
                    // one value, 2016.
                    if let Some((k, v)) = values.last() {
                        if k == kind && v.as_bytes() == value {
                            return Some(values.len() - 1);
                        }
                    }
                    values.push((kind, Arc::from(std::str::from_utf8(value).ok()?)));
                    Some(values.len() - 1)
                })
                .and_then(|i| u32::try_from(i).ok())
                .unwrap_or(NONE);
            by_ord.push(local);
        }
        Ok(SegmentValues {
            ords,
            by_ord,
            values,
            spare: Mutex::default(),
        })
    }
}

/// Every value of a set of segments, numbered in sorted order, and each
/// segment's values mapped onto those numbers.
struct Universe {
    /// The segments, sorted by id, with their value index → number.
    segments: Vec<(SegmentId, Vec<u32>)>,
    values: Vec<(&'static str, Arc<str>)>,
    /// The numbers of each kind's values (they are consecutive).
    kinds: Vec<std::ops::Range<u32>>,
    /// Zeroed arrays of totals, one per query running, for the next ones.
    spare: Mutex<Vec<Vec<u32>>>,
}

impl Universe {
    /// Numbers the values of `segments` (sorted by id).
    fn number(segments: &[(SegmentId, Arc<SegmentValues>)]) -> Universe {
        let mut values: Vec<(&'static str, Arc<str>)> = segments
            .iter()
            .flat_map(|(_, s)| s.values.iter().cloned())
            .collect();
        // Each segment's run is sorted already: a stable sort merges runs.
        values.sort();
        values.dedup();
        let segments = segments
            .iter()
            .map(|(id, s)| {
                // Both lists are sorted: one walk maps one onto the other.
                let mut at = 0;
                let numbers = s
                    .values
                    .iter()
                    .map(|v| {
                        while values[at] < *v {
                            at += 1;
                        }
                        at as u32
                    })
                    .collect();
                (*id, numbers)
            })
            .collect();
        let mut kinds: Vec<std::ops::Range<u32>> = Vec::new();
        for (g, (kind, _)) in (0u32..).zip(&values) {
            match kinds.last_mut() {
                Some(r) if values[r.start as usize].0 == *kind => r.end = g + 1,
                _ => kinds.push(g..g + 1),
            }
        }
        Universe {
            segments,
            values,
            kinds,
            spare: Mutex::default(),
        }
    }

    /// The values counted in `total` (by number), at most `keep` of each
    /// kind, the largest, sorted by kind then name.
    /// `counted` lists the numbers with a count, in order.
    fn named(&self, total: &[u32], counted: &[u32], keep: usize) -> Counts {
        let mut out: Counts = Vec::with_capacity(counted.len().min(keep.saturating_mul(8)));
        let mut rest = counted;
        for range in &self.kinds {
            let here = rest.partition_point(|&g| g < range.end);
            let (of_kind, after) = rest.split_at(here);
            rest = after;
            let counted = largest(total, of_kind, keep);
            out.extend(counted.into_iter().map(|(n, g)| {
                let (kind, value) = &self.values[g as usize];
                (*kind, Arc::clone(value), u64::from(n))
            }));
        }
        out
    }

    /// Whether this numbering was made for exactly `segments`.
    fn covers(&self, segments: &[(SegmentId, Arc<SegmentValues>)]) -> bool {
        self.segments.len() == segments.len()
            && self
                .segments
                .iter()
                .zip(segments)
                .all(|((a, _), (b, _))| a == b)
    }
}

/// The `keep` values of `numbers` (ascending) with the largest counts in
/// `total`, ties to the first, as `(count, number)` sorted by number.
///
/// A heap of the `keep` best seen so far: a common word's articles name
/// thousands of people, and most of them fail one comparison with the
/// heap's least, where collecting and partitioning them all touched each
/// several times.
fn largest(total: &[u32], numbers: &[u32], keep: usize) -> Vec<(u32, u32)> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    if numbers.len() <= keep {
        return numbers.iter().map(|&g| (total[g as usize], g)).collect();
    }
    // Larger is better: a larger count, then an earlier number (name).
    let mut best: BinaryHeap<Reverse<(u32, Reverse<u32>)>> = BinaryHeap::with_capacity(keep + 1);
    for &g in numbers {
        let key = (total[g as usize], Reverse(g));
        if best.len() < keep {
            best.push(Reverse(key));
        } else if best.peek().is_some_and(|least| key > least.0) {
            best.pop();
            best.push(Reverse(key));
        }
    }
    let mut kept: Vec<(u32, u32)> = best
        .into_iter()
        .map(|Reverse((n, Reverse(g)))| (n, g))
        .collect();
    kept.sort_unstable_by_key(|&(_, g)| g);
    kept
}

/// Counts of one segment, by term ordinal: a dense array, since a segment
/// has a few thousand facet terms and big hit sets touch many of them
/// (a hash map was a tenth of a search for a common word).
pub struct SegmentFacetCounter {
    /// The segment's facet ordinals, a run of rows per document.
    ords: Column<u64>,
    /// One document's ordinals, read as a run (reused).
    run: Vec<u64>,
    /// Buffers of `collect_block`, reused.
    block: Block,
    segment: SegmentId,
    values: Arc<SegmentValues>,
    counts: Vec<u32>,
    /// The ordinals counted, in the order first met: a narrow query
    /// touches a few of a segment's thousands, and reading only those
    /// saves a scan of the whole array.
    touched: Vec<u32>,
}

/// The buffers of a block of documents being counted.
#[derive(Default)]
struct Block {
    /// The documents of the block that have facets, and their ranks.
    docs: Vec<DocId>,
    ranks: Vec<u32>,
    /// Each rank and the next, and the rows they start at.
    at: Vec<u32>,
    bounds: Vec<u32>,
}

/// Below one in this many, a list of the touched entries is read rather
/// than the whole array.
const SPARSE: usize = 8;

/// Below one in this many, the values counted are sorted rather than read
/// off the whole array (a sort costs some forty times a read per entry).
const SORTED: usize = 64;

/// What one segment found: its values and how often each matched
/// (`(value index, count)`, the index into the segment's values).
pub struct SegmentCounts {
    segment: SegmentId,
    values: Arc<SegmentValues>,
    counts: Vec<(u32, u32)>,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let values = self.names.of(segment, &self.field)?;
        let facets = values.by_ord.len();
        let counts = lock(&values.spare)
            .pop()
            .filter(|c| c.len() == facets)
            .unwrap_or_else(|| vec![0; facets]);
        Ok(SegmentFacetCounter {
            counts,
            touched: Vec::new(),
            ords: values.ords.clone(),
            run: Vec::new(),
            block: Block::default(),
            segment: segment.segment_id(),
            values,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Counts> {
        let mut fruits = fruits;
        fruits.sort_by_key(|f| f.segment);
        let segments: Vec<(SegmentId, Arc<SegmentValues>)> = fruits
            .iter()
            .map(|f| (f.segment, Arc::clone(&f.values)))
            .collect();
        let universe = self.names.universe(&segments);
        // Added up by number, in a dense array: the numbers follow the
        // sorted values, so reading it in order gives the sorted counts.
        let mut total = lock(&universe.spare)
            .pop()
            .unwrap_or_else(|| vec![0u32; universe.values.len()]);
        let mut counted: Vec<u32> = Vec::new();
        for (fruit, (_, numbers)) in fruits.iter().zip(&universe.segments) {
            for &(local, n) in &fruit.counts {
                if let Some(&g) = numbers.get(local as usize) {
                    let t = &mut total[g as usize];
                    if *t == 0 {
                        counted.push(g);
                    }
                    *t += n;
                }
            }
        }
        // The numbers counted, in order: sorted when few, else read off
        // the whole array.
        if counted.len() * SORTED < total.len() {
            counted.sort_unstable();
        } else {
            counted.clear();
            for (g, &n) in total.iter().enumerate() {
                if n > 0 {
                    counted.push(g as u32);
                }
            }
        }
        let named = universe.named(&total, &counted, self.keep);
        for &g in &counted {
            total[g as usize] = 0;
        }
        lock(&universe.spare).push(total);
        Ok(named)
    }
}

impl SegmentFacetCounter {
    /// Counts the facets of `doc`. A document's ordinals are consecutive
    /// rows of the column: reading them as one run unpacks them together,
    /// where `FacetReader::facet_ords` made one dynamic call a value (with
    /// a dozen entities an article, that was most of counting).
    fn count(&mut self, doc: DocId) {
        self.count_rows(self.ords.index.value_row_ids(doc));
    }

    /// Counts the ordinals in rows `rows` of the column.
    fn count_rows(&mut self, rows: std::ops::Range<u32>) {
        let len = rows.len();
        if len == 0 {
            return;
        }
        self.run.resize(len, 0);
        self.ords
            .values
            .get_range(u64::from(rows.start), &mut self.run);
        for &ord in &self.run {
            if let Some(n) = usize::try_from(ord)
                .ok()
                .and_then(|o| self.counts.get_mut(o))
            {
                if *n == 0 {
                    self.touched.push(ord as u32);
                }
                *n += 1;
            }
        }
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.count(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let ColumnIndex::Multivalued(MultiValueIndex::MultiValueIndexV2(index)) = &self.ords.index
        else {
            for &doc in docs {
                self.count(doc);
            }
            return;
        };
        // A block at once: the ranks of the documents that have facets
        // (one pass over the index's blocks), the bounds of their runs of
        // rows, then the runs themselves, merged when they touch (a common
        // word's matches often follow each other).
        let b = &mut self.block;
        b.docs.clear();
        b.ranks.clear();
        index
            .optional_index
            .rank_if_exists_batch(docs, &mut b.docs, &mut b.ranks);
        b.at.clear();
        b.at.extend(b.ranks.iter().flat_map(|&r| [r, r + 1]));
        b.bounds.resize(b.at.len(), 0);
        index.start_index_column.get_vals(&b.at, &mut b.bounds);
        let mut run = 0..0;
        for i in (0..b.bounds.len()).step_by(2) {
            let (start, end) = (self.block.bounds[i], self.block.bounds[i + 1]);
            if start != run.end {
                self.count_rows(run);
                run = start..start;
            }
            run.end = end;
        }
        self.count_rows(run);
    }

    fn harvest(self) -> SegmentCounts {
        let by_ord = &self.values.by_ord;
        let mut counts = self.counts;
        let found = if self.touched.len() * SPARSE < counts.len() {
            self.touched
                .iter()
                .filter_map(|&o| {
                    let n = std::mem::take(&mut counts[o as usize]);
                    let local = *by_ord.get(o as usize)?;
                    (local != NONE).then_some((local, n))
                })
                .collect()
        } else {
            let found = counts
                .iter()
                .zip(by_ord)
                .filter(|(n, local)| **n > 0 && **local != NONE)
                .map(|(&n, &local)| (local, n))
                .collect();
            counts.fill(0);
            found
        };
        lock(&self.values.spare).push(counts);
        SegmentCounts {
            segment: self.segment,
            values: self.values,
            counts: found,
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
    fn segments_are_added_up_and_a_new_segment_is_numbered() {
        use tantivy::query::AllQuery;
        use tantivy::schema::{FacetOptions, Schema};
        use tantivy::{doc, Index, IndexWriter};
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let f = |p: &str| Facet::from(p);
        w.add_document(doc!(facets => f("/place/Homs"), facets => f("/place/Palmyre")))
            .unwrap();
        w.add_document(doc!(facets => f("/place/Palmyre"))).unwrap();
        w.commit().unwrap();
        w.add_document(doc!(facets => f("/date/2016/04"), facets => f("/place/Palmyre")))
            .unwrap();
        w.commit().unwrap();
        let reader = index.reader().unwrap();
        let names: Arc<FacetNames> = Arc::default();
        let count = |searcher: &tantivy::Searcher| {
            searcher
                .search(&AllQuery, &FacetCounter::new("facets", Arc::clone(&names)))
                .unwrap()
                .into_iter()
                .map(|(k, v, n)| format!("{k}/{v}={n}"))
                .collect::<Vec<_>>()
        };
        let searcher = reader.searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        assert_eq!(
            count(&searcher),
            ["date/2016=1", "place/Homs=1", "place/Palmyre=3"]
        );
        // A third segment brings a value the numbering has not seen.
        w.add_document(doc!(facets => f("/org/EI"), facets => f("/place/Alep")))
            .unwrap();
        w.commit().unwrap();
        reader.reload().unwrap();
        assert_eq!(
            count(&reader.searcher()),
            [
                "date/2016=1",
                "org/EI=1",
                "place/Alep=1",
                "place/Homs=1",
                "place/Palmyre=3"
            ]
        );
    }

    #[test]
    fn keeping_n_keeps_the_largest_of_each_kind_sorted_by_name() {
        use tantivy::query::AllQuery;
        use tantivy::schema::{FacetOptions, Schema};
        use tantivy::{doc, Index, IndexWriter};
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Places: Alep 1, Homs 3, Palmyre 2, Raqqa 3; one org.
        for places in [
            &["Homs", "Palmyre", "Raqqa"][..],
            &["Homs", "Palmyre", "Raqqa"],
            &["Homs", "Raqqa", "Alep"],
        ] {
            let mut d = doc!(facets => Facet::from("/org/ONU"));
            for p in places {
                d.add_facet(facets, Facet::from_path(["place", p]));
            }
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let names: Arc<FacetNames> = Arc::default();
        let count = |keep| {
            searcher
                .search(
                    &AllQuery,
                    &FacetCounter::new("facets", Arc::clone(&names)).keeping(keep),
                )
                .unwrap()
                .into_iter()
                .map(|(k, v, n)| format!("{k}/{v}={n}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(count(2), ["org/ONU=3", "place/Homs=3", "place/Raqqa=3"]);
        assert_eq!(
            count(3),
            [
                "org/ONU=3",
                "place/Homs=3",
                "place/Palmyre=2",
                "place/Raqqa=3"
            ]
        );
        assert_eq!(count(usize::MAX).len(), 5);
        assert!(count(0).is_empty());
    }

    #[test]
    fn a_narrow_query_counts_the_few_values_it_touches() {
        use tantivy::query::TermQuery;
        use tantivy::schema::{FacetOptions, IndexRecordOption, Schema, STRING};
        use tantivy::{doc, Index, IndexWriter, Term};
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let id = b.add_text_field("id", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Forty places, one article each, and an outlet they all share:
        // one article touches two values of the forty-one.
        for n in 0..40 {
            w.add_document(doc!(
                id => format!("a{n}"),
                facets => Facet::from_path(["place", &format!("Lieu {n:02}")]),
                facets => Facet::from("/source/Le Monde")
            ))
            .unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let names: Arc<FacetNames> = Arc::default();
        let one = TermQuery::new(Term::from_field_text(id, "a17"), IndexRecordOption::Basic);
        let counts = searcher
            .search(&one, &FacetCounter::new("facets", Arc::clone(&names)))
            .unwrap();
        let counts: Vec<String> = counts
            .into_iter()
            .map(|(k, v, n)| format!("{k}/{v}={n}"))
            .collect();
        assert_eq!(counts, ["place/Lieu 17=1", "source/Le Monde=1"]);
    }

    #[test]
    fn blocks_of_matches_count_as_matches_one_by_one() {
        use tantivy::collector::TopDocs;
        use tantivy::query::AllQuery;
        use tantivy::schema::{FacetOptions, Schema, STRING};
        use tantivy::{doc, Index, IndexWriter, TantivyDocument};
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let id = b.add_text_field("id", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Articles with no facet, one, and several, so that runs of rows
        // touch, stop and start again.
        for n in 0..300u32 {
            let mut d = TantivyDocument::default();
            d.add_text(id, format!("a{n}"));
            for k in 0..(n % 4) {
                d.add_facet(
                    facets,
                    Facet::from_path(["person", &format!("P{}", (n + k) % 7)]),
                );
            }
            if n % 5 == 0 {
                d.add_facet(facets, Facet::from("/source/Le Monde"));
            }
            w.add_document(d).unwrap();
        }
        w.add_document(doc!(id => "last")).unwrap();
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let names: Arc<FacetNames> = Arc::default();
        let counter = || FacetCounter::new("facets", Arc::clone(&names));
        // Without scores, tantivy hands the collector blocks of documents;
        // beside a scoring collector, one document at a time.
        let by_block = searcher.search(&AllQuery, &counter()).unwrap();
        let (_, one_by_one) = searcher
            .search(
                &AllQuery,
                &(TopDocs::with_limit(1).order_by_score(), counter()),
            )
            .unwrap();
        assert_eq!(by_block, one_by_one);
        let total: u64 = by_block
            .iter()
            .filter(|(k, _, _)| *k == "person")
            .map(|(_, _, n)| n)
            .sum();
        // 0 + 1 + 2 + 3 persons in each run of four articles, except where
        // two of an article's names fall on one person.
        assert!(total > 300 && total <= 450, "{total}");
        assert!(by_block.contains(&("source", Arc::from("Le Monde"), 60)));
    }
}

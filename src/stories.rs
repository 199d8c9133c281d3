//! The clusters of copies laid out for one searcher: document → cluster as
//! a plain array per segment, cluster → its members' addresses.
//!
//! [`crate::cluster::Clusters`] is keyed by document key, so a search used
//! to read the key of every match from its fast field and look it up in a
//! hash map (to count stories), then run a query on the members' keys for
//! each hit shown (to list its copies). That was most of the +45 % that
//! collapsing cost. Laid out once per searcher (the engine reloads it
//! only when the index changes), a match costs one array read and a hit's
//! copies are addresses ready to read.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader};

use crate::cluster::Clusters;

/// No cluster: the document is a story of its own.
const ALONE: u32 = u32::MAX;

/// Clusters of copies by document address, for one searcher.
#[derive(Debug, Default)]
pub struct Stories {
    /// Per segment (by ordinal), document → cluster number or [`ALONE`];
    /// empty when no document has a copy.
    by_doc: Vec<Arc<[u32]>>,
    /// Cluster number → cluster id (its smallest key).
    ids: Vec<u64>,
    /// Cluster number → its live members.
    members: Vec<Vec<DocAddress>>,
}

impl Stories {
    /// Lays out `clusters` for the segments of `searcher`: one read of the
    /// key column per document, nothing when no document has a copy.
    pub fn build(searcher: &Searcher, clusters: &Clusters) -> tantivy::Result<Stories> {
        let mut stories = Stories::default();
        if clusters.is_empty() {
            return Ok(stories);
        }
        let mut number: rustc_hash::FxHashMap<u64, u32> = Default::default();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let keys = segment.fast_fields().u64("key")?;
            let mut of = vec![ALONE; segment.max_doc() as usize];
            for doc in segment.doc_ids_alive() {
                let Some(id) = keys.first(doc).and_then(|k| clusters.of(k)) else {
                    continue;
                };
                let next = stories.ids.len() as u32;
                let n = *number.entry(id).or_insert(next);
                if n == next {
                    stories.ids.push(id);
                    stories.members.push(Vec::new());
                }
                of[doc as usize] = n;
                stories.members[n as usize].push(DocAddress::new(ord as u32, doc));
            }
            stories.by_doc.push(of.into());
        }
        Ok(stories)
    }

    /// Whether no document has a copy.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The cluster number of a document, `None` when it has no copy.
    pub fn cluster(&self, addr: DocAddress) -> Option<u32> {
        let n = *self
            .by_doc
            .get(addr.segment_ord as usize)?
            .get(addr.doc_id as usize)?;
        (n != ALONE).then_some(n)
    }

    /// The story of a document, unique among stories: its cluster number,
    /// else its own address (with the top bit set, apart from the numbers).
    pub fn story(&self, addr: DocAddress) -> u64 {
        match self.cluster(addr) {
            Some(n) => u64::from(n),
            None => 1 << 63 | u64::from(addr.segment_ord) << 32 | u64::from(addr.doc_id),
        }
    }

    /// The id of a cluster number (its smallest document key).
    pub fn id(&self, n: u32) -> u64 {
        self.ids[n as usize]
    }

    /// The live members of a cluster number.
    pub fn members(&self, n: u32) -> &[DocAddress] {
        &self.members[n as usize]
    }
}

/// Counts, among matches, those in a cluster and the clusters met: the
/// stories are the matches less the copies beyond the first of each
/// cluster. Joined to the pass that counts matches and facets.
pub struct StoryCounter {
    pub stories: Arc<Stories>,
}

/// Matches in a cluster, and the clusters met as a bit set.
pub type Met = (u64, Vec<u64>);

impl StoryCounter {
    /// Stories among `total` matches.
    pub fn stories(total: usize, (clustered, met): &Met) -> usize {
        let distinct: u32 = met.iter().map(|w| w.count_ones()).sum();
        total - (*clustered as usize - distinct as usize)
    }
}

pub struct SegmentStoryCounter {
    of: Arc<[u32]>,
    clustered: u64,
    met: Vec<u64>,
}

impl Collector for StoryCounter {
    type Fruit = Met;
    type Child = SegmentStoryCounter;

    fn for_segment(&self, ord: u32, _: &SegmentReader) -> tantivy::Result<Self::Child> {
        let of = self
            .stories
            .by_doc
            .get(ord as usize)
            .cloned()
            .unwrap_or_else(|| Arc::from(Vec::new()));
        Ok(SegmentStoryCounter {
            of,
            clustered: 0,
            met: vec![0; self.stories.ids.len().div_ceil(64)],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Met>) -> tantivy::Result<Met> {
        let mut all = (0, vec![0; self.stories.ids.len().div_ceil(64)]);
        for (n, met) in fruits {
            all.0 += n;
            for (a, b) in all.1.iter_mut().zip(met) {
                *a |= b;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentStoryCounter {
    type Fruit = Met;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(&n) = self.of.get(doc as usize) {
            if n != ALONE {
                self.clustered += 1;
                self.met[n as usize / 64] |= 1 << (n % 64);
            }
        }
    }

    fn harvest(self) -> Met {
        (self.clustered, self.met)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_count_each_cluster_once() {
        // Three matches in clusters 0, 0 and 65: two clusters met.
        let mut met = vec![0u64; 2];
        met[0] |= 1;
        met[1] |= 1 << 1;
        assert_eq!(StoryCounter::stories(5, &(3, met)), 4);
        assert_eq!(StoryCounter::stories(4, &(0, vec![])), 4);
    }

    #[test]
    fn a_document_alone_is_its_own_story() {
        let s = Stories {
            by_doc: vec![Arc::from(vec![ALONE, 0, 0])],
            ids: vec![42],
            members: vec![vec![DocAddress::new(0, 1), DocAddress::new(0, 2)]],
        };
        assert_eq!(s.cluster(DocAddress::new(0, 0)), None);
        assert_eq!(s.cluster(DocAddress::new(0, 2)), Some(0));
        // An address beyond what was laid out (a newer segment) is alone.
        assert_eq!(s.cluster(DocAddress::new(1, 0)), None);
        assert_ne!(
            s.story(DocAddress::new(0, 0)),
            s.story(DocAddress::new(0, 1))
        );
        assert_eq!(
            s.story(DocAddress::new(0, 1)),
            s.story(DocAddress::new(0, 2))
        );
        assert_eq!(s.id(0), 42);
        assert_eq!(s.members(0).len(), 2);
    }
}

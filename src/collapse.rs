//! One story, one hit: ranked candidates collapsed by cluster (the number
//! of stories among all matches is counted in [`crate::stories`]).

use serde::Serialize;
use tantivy::Score;

/// A member of a story matching at least this share of the best member's
/// score stands for it if it is the earliest: copies of one dispatch match
/// a query about equally, and the first to run it is the one to read; a
/// member the query matches clearly better (the copy with the paragraph the
/// query is about) stands for the story instead.
const AS_GOOD: f32 = 0.9;

/// Another article of a hit's story, on the "also in" line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Copy {
    pub id: String,
    pub source: Option<String>,
    pub published: Option<chrono::NaiveDate>,
}

/// What collapsing needs of a candidate.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// The story (cluster, else the document's own key).
    pub story: u64,
    pub score: Score,
    /// Publication date, as days or seconds: only the order counts.
    pub date: Option<i64>,
}

/// The positions in `items` (ranked best first) of one representative per
/// story, in the order of each story's best member.
pub fn representatives(items: &[Candidate]) -> Vec<usize> {
    let mut order: Vec<u64> = Vec::new();
    let mut members: std::collections::HashMap<u64, Vec<usize>> = Default::default();
    for (i, c) in items.iter().enumerate() {
        let list = members.entry(c.story).or_default();
        if list.is_empty() {
            order.push(c.story);
        }
        list.push(i);
    }
    order
        .iter()
        .map(|story| {
            let list = &members[story];
            let best = items[list[0]].score;
            // Earliest dated among those as good; an undated member only
            // when none is dated; ties keep the better ranked.
            list.iter()
                .copied()
                .filter(|&i| items[i].score >= best * AS_GOOD || items[i].score == best)
                .min_by_key(|&i| (items[i].date.is_none(), items[i].date, i))
                .unwrap_or(list[0])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(story: u64, score: Score, date: Option<i64>) -> Candidate {
        Candidate { story, score, date }
    }

    #[test]
    fn each_story_once_in_the_order_of_its_best_member() {
        let items = [
            c(1, 10.0, Some(5)),
            c(2, 9.0, None),
            c(1, 9.5, Some(3)),
            c(3, 8.0, Some(1)),
            c(2, 2.0, Some(1)),
        ];
        // Story 1: the earlier member matches about as well and stands for
        // it; story 2: the dated member matches far worse, the best stays.
        assert_eq!(representatives(&items), [2, 1, 3]);
    }

    #[test]
    fn a_clearly_better_match_stands_for_its_story() {
        let items = [c(1, 10.0, Some(9)), c(1, 5.0, Some(1))];
        assert_eq!(representatives(&items), [0]);
        assert!(representatives(&[]).is_empty());
    }
}

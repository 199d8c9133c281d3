//! Finding the article's main run: the stretch of the page where long
//! prose blocks are densest. Each block gets a weight (prose positive,
//! labels and furniture negative) and the run is the contiguous stretch of
//! largest total weight, so short subheadings between paragraphs are
//! bridged while long menus, related-story lists and footers are not.

use super::text::{ends_like_clause, Class, Line};

/// What a block adds to (or takes from) a run around it.
pub fn weight(line: &Line) -> f32 {
    match line.class {
        // Longer prose weighs more, but a single huge block must not
        // drag a footer or a comment in with it.
        Class::Good => 1.0 + (line.feat.chars.min(1000) as f32) / 200.0,
        Class::NearGood if line.feat.ends_sentence => 0.3,
        // A line that opens a list ("… sont les suivants :") or goes on
        // into the next one.
        Class::NearGood if ends_like_clause(line.text) => 0.1,
        Class::NearGood => -0.1,
        Class::Short => -0.4,
        // Lists and dialogue between paragraphs: they carry a run on.
        Class::Clause | Class::Cell => 0.1,
        Class::Markup => 0.0,
        Class::Furniture(super::markers::Chrome::Plain) | Class::Repeat | Class::Label => -0.7,
        Class::Furniture(super::markers::Chrome::SectionEnd) => -3.0,
        Class::CommentHeading => -10.0,
    }
}

/// A stretch of blocks `[start, end)` and its total weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub weight: f32,
}

/// The run of largest total weight (Kadane's algorithm), or `None` when
/// no run weighs more than nothing.
pub fn main_run(weights: &[f32]) -> Option<Run> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0f32;
    let mut start = 0;
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(weight, start, end)| Run { start, end, weight })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bridges_a_subheading_not_a_menu() {
        let w = [
            -0.4, -0.4, 3.0, -0.4, 2.0, -0.4, -0.4, -0.4, -0.4, -0.4, -0.4, 1.5,
        ];
        let run = main_run(&w).map(|r| (r.start, r.end));
        assert_eq!(run, Some((2, 5)));
    }

    #[test]
    fn nothing_positive_means_no_run() {
        assert_eq!(main_run(&[-1.0, -0.4]), None);
        assert_eq!(main_run(&[]), None);
    }
}

//! The state a REPL keeps between lines: filters, options, and the last
//! answer (for paging, `:show N` and `:open N`). No index, no output.

use crate::filters::{parse_from, parse_to};
use crate::search::{Filters, Hit, Query, Results, Sort};

use super::commands::FilterKind;

/// Hits per page unless told otherwise.
pub const PAGE_SIZE: usize = 10;

/// The hits printed so far for one query.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The query of the first page (its offset is 0).
    pub query: Query,
    pub total: usize,
    /// Every hit printed, in order: hit N is `hits[N - 1]`.
    pub hits: Vec<Hit>,
}

/// Everything a session remembers.
#[derive(Debug, Clone)]
pub struct Session {
    pub filters: Filters,
    /// The dates as typed (`2017`), for the prompt; `filters` holds the days.
    from_text: Option<String>,
    to_text: Option<String>,
    pub sort: Sort,
    pub json: bool,
    /// Report the time of each query.
    pub time: bool,
    pub page_size: usize,
    last: Option<Answer>,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            filters: Filters::default(),
            from_text: None,
            to_text: None,
            sort: Sort::Relevance,
            json: false,
            time: false,
            page_size: PAGE_SIZE,
            last: None,
        }
    }
}

impl Session {
    /// Sets a filter (`Some`) or clears it (`None`). A named filter replaces
    /// the previous value of its kind; dates are YYYY, YYYY-MM or YYYY-MM-DD.
    pub fn set_filter(&mut self, kind: FilterKind, value: Option<String>) -> Result<(), String> {
        let value = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        let list = match kind {
            FilterKind::From | FilterKind::To => return self.set_date(kind, value),
            FilterKind::Place => &mut self.filters.places,
            FilterKind::Org => &mut self.filters.orgs,
            FilterKind::Person => &mut self.filters.people,
            FilterKind::Source => &mut self.filters.sources,
        };
        *list = value.into_iter().collect();
        Ok(())
    }

    fn set_date(&mut self, kind: FilterKind, text: Option<String>) -> Result<(), String> {
        let is_from = kind == FilterKind::From;
        let date = match &text {
            None => None,
            Some(t) if is_from => Some(parse_from(t)?),
            Some(t) => Some(parse_to(t)?),
        };
        let (from, to) = if is_from {
            (date, self.filters.to)
        } else {
            (self.filters.from, date)
        };
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(format!(
                    "from {f} would be after to {t}: no date could match"
                ));
            }
        }
        if is_from {
            self.filters.from = date;
            self.from_text = text;
        } else {
            self.filters.to = date;
            self.to_text = text;
        }
        Ok(())
    }

    /// Clears every filter.
    pub fn clear_filters(&mut self) {
        self.filters = Filters::default();
        self.from_text = None;
        self.to_text = None;
    }

    /// The active filters as `name=value` pairs, in the order of the prompt.
    pub fn active_filters(&self) -> Vec<(&'static str, String)> {
        let f = &self.filters;
        let mut out = Vec::new();
        for (name, values) in [
            ("place", &f.places),
            ("org", &f.orgs),
            ("person", &f.people),
            ("source", &f.sources),
        ] {
            for v in values {
                out.push((name, v.clone()));
            }
        }
        if let Some(t) = &self.from_text {
            out.push(("from", t.clone()));
        }
        if let Some(t) = &self.to_text {
            out.push(("to", t.clone()));
        }
        out
    }

    /// The prompt: the active filters in brackets, then `›`.
    pub fn prompt(&self) -> String {
        let active = self.active_filters();
        if active.is_empty() {
            return "› ".into();
        }
        let pairs: Vec<String> = active.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("[{}] › ", pairs.join(" "))
    }

    /// The first page of a search for `text` with the active filters.
    pub fn query(&self, text: &str) -> Query {
        Query {
            text: text.to_string(),
            any: false,
            filters: self.filters.clone(),
            limit: self.page_size,
            offset: 0,
            sort: self.sort,
            // Printed hits show no facet counts; JSON answers carry them.
            facets: self.json,
            facet_limit: crate::search::FACET_VALUES,
            // Pages are numbered and counted in articles: until paging
            // counts stories, the session lists every copy.
            all_copies: true,
        }
    }

    /// The words of the last search (none before the first) with the active
    /// filters: what `:facets` and `:timeline` describe.
    pub fn context_query(&self) -> Query {
        let text = self.last.as_ref().map_or("", |a| a.query.text.as_str());
        self.query(text)
    }

    /// The next page of the last answer. `Err` says why there is none.
    pub fn next_page(&self) -> Result<Query, String> {
        let Some(last) = &self.last else {
            return Err("no search yet: type some words first".into());
        };
        if last.hits.len() >= last.total {
            return Err(format!("no more hits: all {} shown", last.total));
        }
        let mut q = last.query.clone();
        q.offset = last.hits.len();
        Ok(q)
    }

    /// Remembers an answer to `query`; returns the number of its first hit.
    pub fn record(&mut self, query: &Query, results: &Results) -> usize {
        match &mut self.last {
            Some(last) if query.offset > 0 && query.offset == last.hits.len() => {
                last.hits.extend(results.hits.iter().cloned());
                last.total = results.total;
                query.offset + 1
            }
            _ => {
                let mut first = query.clone();
                first.offset = 0;
                self.last = Some(Answer {
                    query: first,
                    total: results.total,
                    hits: results.hits.clone(),
                });
                1
            }
        }
    }

    /// Hit `n` (counted from 1) of the last answer.
    pub fn hit(&self, n: usize) -> Result<&Hit, String> {
        let hits = self.last.as_ref().map_or(&[][..], |a| a.hits.as_slice());
        match n.checked_sub(1).and_then(|i| hits.get(i)) {
            Some(h) => Ok(h),
            None if hits.is_empty() => Err("no hits to show: search first".into()),
            None => Err(format!("no hit {n}: hits 1 to {} are shown", hits.len())),
        }
    }

    /// The last answer, if any.
    pub fn last(&self) -> Option<&Answer> {
        self.last.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;
    use chrono::NaiveDate;

    fn hit(id: &str) -> Hit {
        Hit {
            id: id.into(),
            path: format!("{id}.txt"),
            score: 1.0,
            title: id.into(),
            published: None,
            published_from: None,
            url: None,
            source: None,
            snippet: Snippet::default(),
            places: vec![],
            organisations: vec![],
            people: vec![],
            via_alias: vec![],
            why: None,
            cluster: None,
            copies: vec![],
            matched: None,
        }
    }

    fn results(total: usize, ids: &[&str]) -> Results {
        Results {
            query: String::new(),
            total,
            stories: total,
            hits: ids.iter().map(|i| hit(i)).collect(),
            facets: Default::default(),
        }
    }

    #[test]
    fn the_prompt_shows_filters_as_typed() {
        let mut s = Session::default();
        assert_eq!(s.prompt(), "› ");
        s.set_filter(FilterKind::Place, Some("Palmyre".into()))
            .unwrap();
        s.set_filter(FilterKind::From, Some("2017".into())).unwrap();
        assert_eq!(s.prompt(), "[place=Palmyre from=2017] › ");
        assert_eq!(s.filters.from, NaiveDate::from_ymd_opt(2017, 1, 1));
        s.set_filter(FilterKind::Place, None).unwrap();
        assert_eq!(s.prompt(), "[from=2017] › ");
        s.clear_filters();
        assert_eq!(s.prompt(), "› ");
        assert!(s.filters.is_empty());
    }

    #[test]
    fn a_named_filter_replaces_the_previous_value() {
        let mut s = Session::default();
        s.set_filter(FilterKind::Source, Some("A".into())).unwrap();
        s.set_filter(FilterKind::Source, Some("B".into())).unwrap();
        assert_eq!(s.filters.sources, ["B"]);
    }

    #[test]
    fn bad_dates_leave_the_filters_alone() {
        let mut s = Session::default();
        assert!(s.set_filter(FilterKind::From, Some("hier".into())).is_err());
        s.set_filter(FilterKind::To, Some("2016-03".into()))
            .unwrap();
        assert_eq!(s.filters.to, NaiveDate::from_ymd_opt(2016, 3, 31));
        let err = s
            .set_filter(FilterKind::From, Some("2017".into()))
            .unwrap_err();
        assert!(err.contains("after"), "{err}");
        assert_eq!(s.filters.from, None);
        assert_eq!(s.prompt(), "[to=2016-03] › ");
    }

    #[test]
    fn pages_follow_each_other_and_hits_keep_their_numbers() {
        let mut s = Session {
            page_size: 2,
            ..Session::default()
        };
        assert!(s.next_page().is_err());
        let q = s.query("guerre");
        assert_eq!(s.record(&q, &results(3, &["a", "b"])), 1);
        let q2 = s.next_page().unwrap();
        assert_eq!(q2.offset, 2);
        assert_eq!(q2.text, "guerre");
        assert_eq!(s.record(&q2, &results(3, &["c"])), 3);
        assert_eq!(s.hit(3).unwrap().id, "c");
        assert!(s.hit(4).unwrap_err().contains("1 to 3"));
        assert!(s.next_page().unwrap_err().contains("no more"));
        // A new search starts over.
        let q = s.query("paix");
        assert_eq!(s.record(&q, &results(1, &["z"])), 1);
        assert_eq!(s.hit(1).unwrap().id, "z");
    }

    #[test]
    fn the_next_page_keeps_the_filters_of_its_search() {
        let mut s = Session::default();
        s.set_filter(FilterKind::Source, Some("A".into())).unwrap();
        let q = s.query("x");
        s.record(&q, &results(20, &["a"]));
        s.clear_filters();
        assert_eq!(s.next_page().unwrap().filters.sources, ["A"]);
        // Facets describe the last words with the filters now active.
        let c = s.context_query();
        assert_eq!(c.text, "x");
        assert!(c.filters.is_empty());
    }

    #[test]
    fn no_hit_before_a_search() {
        let s = Session::default();
        assert!(s.hit(1).unwrap_err().contains("search first"));
    }
}

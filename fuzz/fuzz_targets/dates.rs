//! The date readers: any text, address or metadata value must not panic.
#![no_main]

use fouille::describe::{date_from_url, find_dates, parse_french_date, parse_meta_date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = parse_french_date(s);
    let _ = parse_meta_date(s);
    let _ = date_from_url(s);
    for f in find_dates(s) {
        // Spans must slice the input they were found in.
        assert!(s.get(f.span.clone()).is_some(), "bad span {:?}", f.span);
    }
});

//! The HTML path: cleaning then describing any markup must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let page = fouille::clean::clean_html(html);
    let _ = fouille::describe::describe(&page);
    let _ = page.body();
});

//! The plain-text path: cleaning then describing any text must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let page = fouille::clean::clean_text(text);
    let _ = fouille::describe::describe(&page);
    let _ = page.body();
});

//! Decoding and ingesting arbitrary bytes, as a file and as a JSON Lines
//! record: an article or a reason, never a panic.
#![no_main]

use std::sync::LazyLock;

use fouille::archive::{Content, RawDoc, Sidecar};
use fouille::entities::Gazetteer;
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);

fuzz_target!(|data: &[u8]| {
    let _ = fouille::decode::decode(data);
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => return,
    };
    let content = if flags & 1 == 0 {
        Content::Bytes {
            data: rest.to_vec(),
            html: flags & 2 != 0,
        }
    } else {
        Content::Record {
            line: rest.to_vec(),
            number: 1,
        }
    };
    let doc = RawDoc {
        path: "fuzz.txt".into(),
        id: None,
        content,
        sidecar: Sidecar::default(),
        fingerprint: 0,
    };
    let _ = fouille::ingest::ingest(&doc, &GAZETTEER);
});

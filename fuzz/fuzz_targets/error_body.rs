//! Any bytes as an error body: reading its code and message, and cutting its snippet, never panic.
#![no_main]

use hwcloud_core::error::{SNIPPET_LIMIT, error_fields, snippet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cut = snippet(data);
    assert!(cut.len() <= SNIPPET_LIMIT);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = error_fields(&value);
    }
});

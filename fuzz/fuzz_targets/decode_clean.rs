//! Any bytes as a file: decoded (or skipped with a warning), cleaned into passages whose byte
//! ranges lie inside the text on character boundaries, laid out for the reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut warnings = Vec::new();
    let Some(doc) = recoupe::corpus::decode("f.txt", "f.txt", bytes.to_vec(), &mut warnings) else {
        assert!(!warnings.is_empty());
        return;
    };
    for p in &doc.passages {
        assert!(p.start <= p.end && p.end <= doc.source.len());
        assert!(doc.source.is_char_boundary(p.start) && doc.source.is_char_boundary(p.end));
    }
    for width in [1, 13, 80] {
        let _ = recoupe::tui::reader_lines::ReaderLines::build(&doc, width, true);
    }
});

//! Any bytes in: no panic, and every offset the library hands out lies inside the file and on a
//! character boundary (property tests, proptest).

use proptest::prelude::*;
use recoupe::analysis::lexicon::Lexicon;
use recoupe::corpus::{Corpus, decode};

/// Bytes that look like articles now and then: words, capitals, quotes, accents, line breaks,
/// invalid UTF-8 and control characters, in any order.
fn articleish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(b"Le " as &[u8]),
        Just(" Général Mark Milley a déclaré : « Nous verrons ». ".as_bytes()),
        Just("L’État islamique au Khorassan (EI-K) ".as_bytes()),
        Just(b"\n\n" as &[u8]),
        Just(b"\n" as &[u8]),
        Just(b"\"Quote\" said the U.S. official, \xe2\x80\x9cyes\xe2\x80\x9d. " as &[u8]),
        Just(b"\xff\xfe\xc3" as &[u8]),
        Just(b"\x1b[31m\r\t" as &[u8]),
        Just("Ça — « ».’".as_bytes()),
        Just(b"# Title\n" as &[u8]),
        Just(b"Date: 2021-09-02\n" as &[u8]),
        prop::collection::vec(any::<u8>(), 0..12).prop_map(|v| Box::leak(v.into_boxed_slice()) as &[u8]),
        "[A-Za-zÀ-ÿ ,.:;!?'’«»\"-]{0,20}".prop_map(|s| Box::leak(s.into_bytes().into_boxed_slice()) as &[u8]),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn boundary(text: &str, at: usize) -> bool {
    at <= text.len() && text.is_char_boundary(at)
}

fn check(bytes: Vec<u8>) {
    let mut warnings = Vec::new();
    let Some(doc) = decode("a.txt", "a.txt", bytes, &mut warnings) else {
        assert!(!warnings.is_empty(), "a skipped file is always said");
        return;
    };
    let source = doc.source.clone();
    for p in &doc.passages {
        assert!(p.start <= p.end && boundary(&source, p.start) && boundary(&source, p.end));
    }
    let corpus = Corpus {
        documents: vec![doc],
        ..Corpus::default()
    };
    let lexicon = Lexicon::embedded();
    let (actors, claims) = recoupe::analysis::actors_and_claims(&corpus, &lexicon);
    for actor in &actors.actors {
        for m in &actor.mentions {
            assert!(
                m.start < m.end && boundary(&source, m.start) && boundary(&source, m.end),
                "{m:?}"
            );
            assert_eq!(&source[m.start..m.end], m.text);
        }
    }
    for c in &claims {
        assert!(
            c.start <= c.end && boundary(&source, c.start) && boundary(&source, c.end),
            "{c:?}"
        );
    }
    let related = recoupe::analysis::related::RelatedIndex::build(&corpus, &actors, &claims, &lexicon);
    for (p, _) in corpus.documents[0].passages.iter().enumerate() {
        let _ = related.related(0, p, 5);
    }
    for query in ["e", "état", "  ", "«", "ǅ"] {
        for h in recoupe::search::find_text(&corpus, query, 1000).hits {
            assert!(h.start < h.end && boundary(&source, h.start) && boundary(&source, h.end));
        }
    }
    // The reader lays the text out at any width.
    for width in [1, 7, 40] {
        let _ = recoupe::tui::reader_lines::ReaderLines::build(&corpus.documents[0], width, true);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_load_and_analyse_with_offsets_on_character_boundaries(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(bytes);
    }

    #[test]
    fn article_like_bytes_load_and_analyse_with_offsets_on_character_boundaries(bytes in articleish()) {
        check(bytes);
    }
}

/// Folding as it was first written: the whole text through deunicode, then lower case.
fn fold_reference(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        deunicode::deunicode(text).to_lowercase()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The letter-by-letter fold gives what the whole-text transliteration gives, for any text
    /// (accents, ligatures, CJK whose transliteration ends in a space, unknown characters).
    #[test]
    fn folding_letter_by_letter_matches_the_whole_text_transliteration(
        text in "[a-zA-Z éÉèœŒçÇ’'\u{a0}\u{202f}\u{7f}\u{1}北京ǅ😀\u{fffd}-]{0,24}|\\PC{0,16}|.{0,16}"
    ) {
        prop_assert_eq!(recoupe::analysis::text::fold(&text), fold_reference(&text));
    }
}

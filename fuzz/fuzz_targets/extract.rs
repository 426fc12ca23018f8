//! Any text as an article: actors, claims, related passages and search, every offset inside
//! the text on a character boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe::analysis::lexicon::Lexicon;
use recoupe::corpus::{Corpus, Document};
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::embedded)
}

fuzz_target!(|text: &str| {
    let doc = Document::from_text("f.txt", "f.txt", text.to_string());
    let source = doc.source.clone();
    let corpus = Corpus {
        documents: vec![doc],
        ..Corpus::default()
    };
    let ok = |at: usize| at <= source.len() && source.is_char_boundary(at);
    let (actors, claims) = recoupe::analysis::actors_and_claims(&corpus, lexicon());
    for actor in &actors.actors {
        for m in &actor.mentions {
            assert!(ok(m.start) && ok(m.end) && m.start < m.end);
        }
    }
    for c in &claims {
        assert!(ok(c.start) && ok(c.end));
    }
    let index = recoupe::analysis::related::RelatedIndex::build(&corpus, &actors, &claims, lexicon());
    for p in 0..corpus.documents[0].passages.len() {
        let _ = index.related(0, p, 5);
    }
    let text_index = recoupe::search::TextIndex::new(&corpus);
    for query in ["e", "le ", "é"] {
        let found = recoupe::search::find_text(&corpus, query, 100);
        for hit in &found.hits {
            assert!(ok(hit.start) && ok(hit.end));
        }
        assert_eq!(text_index.find(&corpus, query, 100), found);
    }
});

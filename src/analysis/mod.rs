//! Pure text analysis over a corpus: no I/O, no terminal.

pub mod actors;
pub mod claims;
pub mod crosscheck;
pub mod lang;
pub mod lexicon;
pub mod related;
pub mod text;

/// The analysis's hash maps and sets: keyed by short words and small numbers and looked up
/// millions of times on a large archive, so a fast non-cryptographic hash (foldhash) rather
/// than SipHash. The fixed seed keeps runs alike; results never depend on iteration order.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// Whether an actor's name or one of its aliases contains the query, accents and case ignored.
pub fn actor_matches(actor: &actors::Actor, query: &str) -> bool {
    let q = text::fold(query.trim());
    !q.is_empty()
        && std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|n| text::fold(n).contains(&q))
}

/// The actors of a corpus and the claims attributed to them, with the lexicon's cues.
pub fn actors_and_claims(
    corpus: &crate::corpus::Corpus,
    lexicon: &lexicon::Lexicon,
) -> (actors::Actors, Vec<claims::Claim>) {
    let found = actors::extract(corpus, lexicon);
    let said = claims::extract(corpus, &found, lexicon, &lexicon.cues);
    (found, said)
}

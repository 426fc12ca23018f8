//! Pure text analysis over a corpus: no I/O, no terminal.

pub mod actors;
pub mod claims;
pub mod crosscheck;
pub mod lang;
pub mod lexicon;
pub mod profile;
pub mod query;
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

/// Everything the analysis works out for a corpus, built (and cached) in one place and read by
/// the headless commands, the export and the reader alike.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Actors, most mentioned first, and each document's mentions.
    pub actors: actors::Actors,
    /// Claims in corpus order (document, then position).
    pub claims: Vec<claims::Claim>,
    /// Related passages, with each claim's cross-references.
    pub related: related::RelatedIndex,
}

/// The stages of an analysis, in the order `Analysis::build_reporting` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Actors,
    Claims,
    Related,
}

impl Stage {
    pub const COUNT: usize = 3;

    /// What the stage works out, as a gauge names it.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Actors => "actors",
            Stage::Claims => "claims",
            Stage::Related => "related passages",
        }
    }

    /// Its place among the stages, from 1.
    pub fn number(self) -> usize {
        self as usize + 1
    }
}

impl Analysis {
    /// Actors, then claims, then the related index and cross-checks.
    pub fn build(corpus: &crate::corpus::Corpus, lexicon: &lexicon::Lexicon) -> Analysis {
        Analysis::build_reporting(corpus, lexicon, |_| {})
    }

    /// Like `build`, saying each stage as it begins (for a gauge: a large corpus takes seconds).
    pub fn build_reporting(
        corpus: &crate::corpus::Corpus,
        lexicon: &lexicon::Lexicon,
        mut report: impl FnMut(Stage),
    ) -> Analysis {
        report(Stage::Actors);
        let actors = actors::extract(corpus, lexicon);
        report(Stage::Claims);
        let claims = claims::extract(corpus, &actors, lexicon, &lexicon.cues);
        report(Stage::Related);
        let related = related::RelatedIndex::build(corpus, &actors, &claims, lexicon);
        Analysis {
            actors,
            claims,
            related,
        }
    }

    /// Each claim's reports and contradictions in other documents.
    pub fn crosscheck(&self) -> &crosscheck::CrossCheck {
        self.related.crosscheck()
    }

    /// The claim an id means in this analysis.
    pub fn claim(&self, id: claims::ClaimId) -> Option<usize> {
        self.claims.iter().position(|c| c.id() == id)
    }
}

/// Works through `items` a chunk of `size` at a time: `map` turns a chunk into its results on
/// every core while `gather` takes the chunk before on one core, so the chunks are gathered in
/// order, as one thread would, and nothing piles up for the whole corpus. Both are given the
/// index of the chunk's first item.
pub(crate) fn in_chunks<T: Sync, R: Send>(
    items: &[T],
    size: usize,
    map: impl Fn(usize, &[T]) -> Vec<R> + Sync,
    mut gather: impl FnMut(usize, Vec<R>) + Send,
) {
    let mut waiting: Option<(usize, Vec<R>)> = None;
    for (chunk, part) in items.chunks(size).enumerate() {
        let (mapped, ()) = rayon::join(
            || map(chunk * size, part),
            || {
                if let Some((first, done)) = waiting.take() {
                    gather(first, done);
                }
            },
        );
        waiting = Some((chunk * size, mapped));
    }
    if let Some((first, done)) = waiting {
        gather(first, done);
    }
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

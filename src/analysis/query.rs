//! Which actors a query or a filter means, and what names them: one rule for the headless
//! commands (`--actor`), the export and the reader's filter.
//!
//! A query is a list of sets of actors: a passage or a document must name one actor of every
//! set; a claim must be said by an actor of one of them (a claim has one speaker).

use super::actors::Actors;
use super::claims::Claim;
use crate::corpus::Corpus;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorQuery {
    sets: Vec<Vec<usize>>,
}

impl ActorQuery {
    /// One set per text: the actors whose name or an alias contains it, accents and case
    /// ignored. `Err` names the first text that matches no actor.
    pub fn from_texts<'q>(actors: &Actors, texts: &'q [String]) -> Result<ActorQuery, &'q str> {
        let mut sets = Vec::new();
        for text in texts {
            let set: Vec<usize> = (0..actors.actors.len())
                .filter(|&a| super::actor_matches(&actors.actors[a], text))
                .collect();
            if set.is_empty() {
                return Err(text);
            }
            sets.push(set);
        }
        Ok(ActorQuery { sets })
    }

    /// Every one of these actors (the reader's filter: each chosen actor must appear).
    pub fn all_of(actors: &[usize]) -> ActorQuery {
        ActorQuery {
            sets: actors.iter().map(|&a| vec![a]).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// The sets, as the user reads them: `Mark Milley`, `Talibans or Taliban`.
    pub fn names(&self, actors: &Actors) -> Vec<String> {
        self.sets
            .iter()
            .map(|set| {
                set.iter()
                    .filter_map(|&a| actors.actors.get(a).map(|x| x.name.as_str()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .collect()
    }

    /// Whether the actors named somewhere (sorted or not) meet every set.
    fn met_by(&self, named: &[usize]) -> bool {
        self.sets.iter().all(|set| set.iter().any(|a| named.contains(a)))
    }

    /// The documents that name one actor of every set (every document for an empty query).
    pub fn documents(&self, actors: &Actors, corpus: &Corpus) -> Vec<usize> {
        (0..corpus.documents.len())
            .filter(|&d| {
                let named: Vec<usize> = actors
                    .by_doc
                    .get(d)
                    .map(|refs| refs.iter().map(|r| r.actor).collect())
                    .unwrap_or_default();
                self.met_by(&named)
            })
            .collect()
    }

    /// The content passages `(document, passage)` that name one actor of every set (every
    /// content passage for an empty query).
    pub fn passages(&self, actors: &Actors, corpus: &Corpus) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (p, _) in doc.content() {
                let named: Vec<usize> = actors.in_passage(d, p).map(|r| r.actor).collect();
                if self.met_by(&named) {
                    out.push((d, p));
                }
            }
        }
        out
    }

    /// The claims said by an actor of one of the sets (every claim for an empty query).
    pub fn claims(&self, claims: &[Claim]) -> Vec<usize> {
        (0..claims.len())
            .filter(|&c| {
                self.is_empty()
                    || claims[c]
                        .speaker
                        .is_some_and(|s| self.sets.iter().any(|set| set.contains(&s)))
            })
            .collect()
    }
}

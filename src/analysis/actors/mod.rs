//! Actors: who appears in the corpus. Mentions are found by rules (capitalised names with
//! their particles, acronyms, roles that introduce people, the lexicon's aliases), checked
//! against corpus statistics (a word seen in lower case is not a name), then merged into one
//! actor per entity (case, accents, plurals, surnames, acronyms, the lexicon's aliases).

use super::lang::{self, LangWords};
use super::lexicon::{ActorKind, Lexicon};
use super::text::{Folded, Token, fold, only_space_between, tokens};
use super::{HashMap, HashSet};
use crate::corpus::{Corpus, Document, PassageKind};
use rayon::prelude::*;

mod detect;
mod kinds;
mod merge;

use detect::{Detector, is_adjective};
use merge::{finish, merge};

/// One place where an actor is named.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Index of the document in the corpus.
    pub doc: usize,
    pub passage: usize,
    /// Byte offsets in the original file.
    pub start: usize,
    pub end: usize,
    /// The exact words of the text (held inline when short, as most names are).
    pub text: compact_str::CompactString,
    /// The role that introduces the person here (`général américain`), if any.
    pub role: Option<compact_str::CompactString>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    /// Other names of the same actor: forms seen in the corpus, then the lexicon's.
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// An actor's identity across analyses: where it is first mentioned. A new analysis (after a
/// correction) re-sorts and renumbers the actors, but the actor that holds this mention is still
/// the one meant — renamed, re-kinded, or merged into another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ActorId {
    pub doc: usize,
    pub start: usize,
}

impl Actor {
    /// Its identity across analyses (none for an actor without mentions).
    pub fn id(&self) -> Option<ActorId> {
        self.mentions.first().map(|m| ActorId {
            doc: m.doc,
            start: m.start,
        })
    }

    pub fn documents(&self) -> usize {
        let mut docs: Vec<usize> = self.mentions.iter().map(|m| m.doc).collect();
        docs.dedup();
        docs.len()
    }
}

/// A mention by its actor and its index in that actor's mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MentionRef {
    pub actor: usize,
    pub mention: usize,
}

/// All actors of a corpus, most mentioned first, and each document's mentions in text order.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Actors {
    pub actors: Vec<Actor>,
    pub by_doc: Vec<Vec<MentionRef>>,
}

impl Actors {
    /// The actor an id means in this analysis: the one that holds that mention.
    pub fn find(&self, id: ActorId) -> Option<usize> {
        self.actors.iter().position(|a| {
            a.mentions
                .binary_search_by(|m| (m.doc, m.start).cmp(&(id.doc, id.start)))
                .is_ok()
        })
    }

    pub fn mention(&self, r: MentionRef) -> &Mention {
        &self.actors[r.actor].mentions[r.mention]
    }

    /// The actors named in a document, with their mention count there, most mentioned first.
    pub fn in_document(&self, doc: usize) -> Vec<(usize, usize)> {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for r in self.by_doc.get(doc).map(Vec::as_slice).unwrap_or(&[]) {
            *counts.entry(r.actor).or_default() += 1;
        }
        let mut list: Vec<(usize, usize)> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list
    }

    /// Mentions inside a passage, in text order.
    pub fn in_passage(&self, doc: usize, passage: usize) -> impl Iterator<Item = MentionRef> + '_ {
        let list = self.by_doc.get(doc).map(Vec::as_slice).unwrap_or(&[]);
        // A document's mentions are in text order, so a passage's stand together.
        let from = list.partition_point(|r| self.mention(*r).passage < passage);
        let to = from + list[from..].partition_point(|r| self.mention(*r).passage == passage);
        list[from..to].iter().copied()
    }
}

/// How far back a role may stand from the name it introduces.
const ROLE_WINDOW: usize = 10;
/// How far back a role may stand from a department in it (`ministre de l’Intérieur`).
const DEPARTMENT_WINDOW: usize = 5;

#[derive(Debug, Default, Clone)]
struct Votes([i32; 6]);

impl Votes {
    fn add(&mut self, kind: ActorKind, weight: i32) {
        self.0[kind as usize] += weight;
    }
    fn merge(&mut self, other: &Votes) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
    fn best(&self) -> ActorKind {
        let mut best = ActorKind::Person;
        for kind in ActorKind::ALL {
            if self.0[kind as usize] > self.0[best as usize] {
                best = kind;
            }
        }
        best
    }
}

/// An actor being assembled from mentions.
#[derive(Debug, Default, Clone)]
struct Builder {
    lexicon: Option<usize>,
    /// Folded tokens of the key (empty for lexicon actors).
    key_tokens: Vec<String>,
    surfaces: HashMap<String, usize>,
    mentions: Vec<Mention>,
    votes: Votes,
    acronym: bool,
    /// A lone common word (`Cour`, `Crown`): an actor only as the surname of a full name.
    weak: bool,
    /// A named thing (`Hurricane Sandy`, `Space Shuttle Atlantis`): never an actor, and its
    /// last word alone is the same thing.
    thing: bool,
}

/// Words of the corpus seen in lower case, and capitalised words seen mid-sentence.
#[derive(Default)]
struct Vocabulary {
    lower: HashSet<String>,
    /// How often each folded word is capitalised mid-sentence.
    capitalised_count: HashMap<String, u32>,
}

fn vocabulary(corpus: &Corpus) -> Vocabulary {
    // One vocabulary per run of documents, not per document: a word already seen costs a
    // look-up, not a new string.
    corpus
        .documents
        .par_iter()
        .fold(Vocabulary::default, |mut vocab, doc| {
            vocab.add_document(doc);
            vocab
        })
        .reduce(Vocabulary::default, Vocabulary::union)
}

impl Vocabulary {
    fn add_document(&mut self, doc: &Document) {
        for p in doc.passages.iter().filter(|p| p.kind == PassageKind::Body) {
            for t in tokens(doc.text(p)) {
                if t.is_capitalised() {
                    if !t.sentence_start {
                        *self.capitalised_count.entry(fold(t.text)).or_default() += 1;
                    }
                } else if t.text.chars().next().is_some_and(char::is_alphabetic) {
                    insert_folded(&mut self.lower, t.text);
                }
            }
        }
    }

    /// Whether a folded word was seen capitalised mid-sentence.
    fn capitalised(&self, folded: &str) -> bool {
        self.capitalised_count.contains_key(folded)
    }

    /// Both vocabularies in one (the smaller poured into the larger).
    fn union(mut self, mut other: Vocabulary) -> Vocabulary {
        if self.capitalised_count.len() + self.lower.len() < other.capitalised_count.len() + other.lower.len() {
            std::mem::swap(&mut self, &mut other);
        }
        self.lower.extend(other.lower);
        for (word, n) in other.capitalised_count {
            *self.capitalised_count.entry(word).or_default() += n;
        }
        self
    }
}

fn insert_folded(set: &mut HashSet<String>, word: &str) {
    let folded = super::text::fold_borrowed(word);
    if !set.contains(&*folded) {
        set.insert(folded.into_owned());
    }
}

/// A document's names, passage by passage (by index), each with the key it is grouped by.
type KeyedNames = Vec<(usize, Vec<(String, Found)>)>;

/// How many documents detection runs on at once.
const DETECT_CHUNK: usize = 256;

/// Finds and merges the actors of a corpus.
pub fn extract(corpus: &Corpus, lexicon: &Lexicon) -> Actors {
    let vocab = vocabulary(corpus);
    let mut builders: Vec<Builder> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut bracketed: Vec<(usize, usize)> = Vec::new();
    // Detection reads one passage at a time and runs on every core, a few hundred documents
    // at a time (so what it found never piles up for the whole corpus); the names are then
    // gathered into actors in document order, as one thread would.
    // Each name with the key it is grouped by; the lexicon's not-actors are left out here,
    // on every core.
    let detect = |doc: &Document| -> KeyedNames {
        let words = lang::words(lang::of_document(doc));
        let detector = |passage: &crate::corpus::Passage| {
            Detector::new(
                doc.text(passage),
                lexicon,
                words,
                &vocab,
                passage.kind == PassageKind::Heading,
            )
        };
        // A full name the detector found on its own (`President Joe Biden`, the title left
        // out) is still the lexicon's actor when the lexicon names it.
        let name_by_lexicon = |passages: &mut [(usize, Vec<Found>)]| {
            for found in passages.iter_mut().flat_map(|(_, f)| f) {
                if found.lexicon.is_none() && found.key_tokens.len() >= 2 && found.votes.best() != ActorKind::Place {
                    found.lexicon = lexicon.entry_named(&found.key_tokens);
                }
            }
        };
        let mut passages: Vec<(usize, Vec<Found>)> = doc
            .analysed()
            .map(|(p, passage)| (p, detector(passage).run()))
            .collect();
        name_by_lexicon(&mut passages);
        if split_glued_names(&mut passages, |p| detector(&doc.passages[p])) {
            name_by_lexicon(&mut passages);
        }
        let keyed = |found: Found| {
            let key = match found.lexicon {
                Some(e) => format!("\u{0}lex{e}"),
                None => found.key_tokens.join(" "),
            };
            let not_actor = lexicon
                .not_actors
                .contains(&*super::text::fold_borrowed(&found.surface))
                || lexicon.not_actors.contains(&key);
            (!not_actor).then_some((key, found))
        };
        passages
            .into_iter()
            .map(|(p, found)| (p, found.into_iter().filter_map(keyed).collect()))
            .collect()
    };
    let gather = |first: usize, detected: Vec<KeyedNames>| {
        for (i, passages) in detected.into_iter().enumerate() {
            let d = first + i;
            let doc = &corpus.documents[d];
            for (p, found) in passages {
                let passage = &doc.passages[p];
                let text = doc.text(passage);
                // The builder of the name found before and where it ends, for `Name (ACRONYM)`.
                let mut previous: Option<(usize, usize)> = None;
                for (key, found) in found {
                    let at = *index.entry(key).or_insert_with(|| {
                        builders.push(Builder {
                            lexicon: found.lexicon,
                            key_tokens: found.key_tokens.clone(),
                            acronym: found.acronym,
                            weak: found.weak,
                            thing: found.thing,
                            ..Builder::default()
                        });
                        builders.len() - 1
                    });
                    // `Union of Rationalist Atheists (UAAR)`, `CEI (Italian Episcopal
                    // Conference)`, `Korean People's Army [KPA]`: a name in brackets right after another is another name of
                    // the same actor.
                    if let Some((before, end)) = previous
                        && before != at
                        && matches!(
                            (
                                text[end..found.start].trim_matches(' '),
                                text[found.end..].chars().next()
                            ),
                            ("(", Some(')')) | ("[", Some(']'))
                        )
                    {
                        bracketed.push((before, at));
                    }
                    previous = Some((at, found.end));
                    let b = &mut builders[at];
                    // One strong use (a full name, a role) makes the key a name everywhere.
                    b.weak &= found.weak;
                    b.thing |= found.thing;
                    match b.surfaces.get_mut(&found.surface) {
                        Some(n) => *n += 1,
                        None => {
                            b.surfaces.insert(found.surface.clone(), 1);
                        }
                    }
                    b.votes.merge(&found.votes);
                    b.mentions.push(Mention {
                        doc: d,
                        passage: p,
                        start: passage.start + found.start,
                        end: passage.start + found.end,
                        text: found.surface.into(),
                        role: found.role.map(Into::into),
                    });
                }
            }
        }
    };
    // A chunk's names are gathered (on one core) while the next chunk is read (on the others).
    super::in_chunks(
        &corpus.documents,
        DETECT_CHUNK,
        |_, docs| docs.par_iter().map(detect).collect(),
        gather,
    );
    let builders = merge(builders, &bracketed, lexicon, &vocab);
    finish(builders, lexicon, corpus.documents.len())
}

/// What a document says of the names it uses, for `Detector::split_glued`.
#[derive(Default)]
struct DocumentNames {
    /// Each name's key, with the kind its uses read as together.
    kinds: HashMap<String, ActorKind>,
    /// The last words of the short names (one or two words) that are no place or state.
    surnames: HashSet<String>,
    /// The last words of full names of people (`Ahmed Mohamed`).
    family_names: HashSet<String>,
}

impl DocumentNames {
    fn of(passages: &[(usize, Vec<Found>)]) -> DocumentNames {
        let mut votes: HashMap<&[String], (Votes, bool)> = HashMap::default();
        for found in passages.iter().flat_map(|(_, f)| f) {
            if found.lexicon.is_none() && !found.key_tokens.is_empty() {
                let (v, thing) = votes.entry(&found.key_tokens).or_default();
                v.merge(&found.votes);
                *thing |= found.thing;
            }
        }
        let mut names = DocumentNames::default();
        for (key, (votes, thing)) in votes {
            let kind = votes.best();
            let last = key[key.len() - 1].clone();
            if key.len() <= 2 && !thing && !matches!(kind, ActorKind::Place | ActorKind::State) {
                names.surnames.insert(last.clone());
            }
            if key.len() >= 2 && kind == ActorKind::Person {
                names.family_names.insert(last);
            }
            names.kinds.insert(key.join(" "), kind);
        }
        names
    }
}

/// Cuts the runs that hold two names side by side (see `Detector::split_glued`), with what
/// the whole document says of its names. Whether it cut any.
fn split_glued_names<'a>(passages: &mut [(usize, Vec<Found>)], detector: impl Fn(usize) -> Detector<'a>) -> bool {
    let long = |f: &Found| f.lexicon.is_none() && f.end_token >= f.start_token + 3;
    if !passages.iter().flat_map(|(_, f)| f).any(long) {
        return false;
    }
    let names = DocumentNames::of(passages);
    let mut cut = false;
    for (p, found) in passages.iter_mut() {
        if !found.iter().any(long) {
            continue;
        }
        let detector = detector(*p);
        let mut out = Vec::with_capacity(found.len());
        for f in found.drain(..) {
            match detector.split_glued(&f, &names) {
                Some((prefix, person)) => {
                    cut = true;
                    out.extend(prefix);
                    out.push(person);
                }
                None => out.push(f),
            }
        }
        *found = out;
    }
    cut
}

/// What the detector found at one place.
#[derive(Debug, Clone)]
struct Found {
    /// Token index of the name's first word.
    start_token: usize,
    /// Token index after the name.
    end_token: usize,
    start: usize,
    end: usize,
    surface: String,
    key_tokens: Vec<String>,
    lexicon: Option<usize>,
    role: Option<String>,
    votes: Votes,
    acronym: bool,
    weak: bool,
    thing: bool,
}

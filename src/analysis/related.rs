//! Related passages: for any passage, the passages of other documents that report the same
//! event, the same quote (even worded differently), the same claim, or contradict it.
//! TF-IDF over accent-folded, stemmed words without stop words, kept in an inverted index so a
//! lookup only visits passages that share a rare enough word: cost grows with the corpus, not
//! with its square.

use super::actors::Actors;
use super::claims::Claim;
use super::crosscheck::{CrossCheck, Relation};
use super::lexicon::Lexicon;
use super::text::{fold, tokens};
use super::{HashMap, HashSet};
use crate::corpus::{Corpus, PassageKind};
use rust_stemmers::{Algorithm, Stemmer};

/// Why two passages are related.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Reason {
    /// The same quotation, possibly translated or worded differently.
    SameQuote { similarity: f32 },
    /// The same statement, quoted or reported, perhaps translated; `speaker` when both name it.
    SameClaim { speaker: Option<String> },
    /// Claims that disagree on the same matter (one side denies what the other allows).
    Contrast,
    /// The two passages are in different languages.
    Translated,
    /// Actors both passages name.
    SharedActors { actors: Vec<String> },
    /// The rare words that weigh most in the match.
    SharedTerms { terms: Vec<String> },
}

impl Reason {
    pub fn label(&self) -> String {
        match self {
            Reason::SameQuote { .. } => "same quote".to_string(),
            Reason::SameClaim { speaker: Some(speaker) } => format!("same claim by {speaker}"),
            Reason::SameClaim { speaker: None } => "same claim".to_string(),
            Reason::Contrast => "contrast".to_string(),
            Reason::Translated => "translated".to_string(),
            Reason::SharedActors { actors } => format!("actors: {}", actors.join(", ")),
            Reason::SharedTerms { terms } => format!("terms: {}", terms.join(", ")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelatedPassage {
    #[serde(skip)]
    pub doc: usize,
    pub passage: usize,
    pub score: f32,
    /// The closest relation between the two passages.
    pub relation: Relation,
    pub reasons: Vec<Reason>,
}

/// A passage of the index: where it is, its weighted terms, its actors and claims.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Entry {
    doc: usize,
    passage: usize,
    /// (term, tf-idf weight), unit length, sorted by term.
    terms: Vec<(u32, f32)>,
    actors: Vec<usize>,
    /// Claims of the passage (indices into the claims given to `build`), sorted.
    claims: Vec<usize>,
    lang: super::lang::Lang,
}

/// The inverted index over every body passage of a corpus.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct RelatedIndex {
    entries: Vec<Entry>,
    /// (doc, passage) → entry.
    by_passage: HashMap<(usize, usize), usize>,
    postings: Postings,
    words: Vec<String>,
    /// Each claim's reports and contradictions elsewhere.
    crosscheck: CrossCheck,
    /// Each claim's speaker, so a same-claim link can name it.
    speakers: Vec<Option<usize>>,
    /// Each claim's (document, passage).
    places: Vec<(usize, usize)>,
    actor_names: Vec<String>,
    /// Terms found in more passages than this are too common to look up.
    max_postings: usize,
}

/// A term in more passages than this is never followed, however large the corpus.
const MAX_POSTINGS: usize = 2_000;
/// Candidates (by word similarity) that are then checked for quotes, claims and actors.
const CANDIDATES: usize = 50;
/// How many of a passage's heaviest terms a lookup follows.
const QUERY_TERMS: usize = 40;
/// Below this score a link between passages that share no claim is not worth following.
const MIN_SCORE: f32 = 0.12;
/// Passages sharing this many actors and this much wording speak of the same event.
const EVENT_ACTORS: usize = 2;
const EVENT_COSINE: f32 = 0.2;
/// Passages sharing actors and this much wording, with opposed claims, disagree.
const CONTRAST_COSINE: f32 = 0.25;
/// Each term's passages (entry, weight), in entry order: one list after another in one vector,
/// so that a corpus of 10,000 articles holds one allocation, not one per word.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Postings {
    /// Where each term's list starts in `lists`; one more for the end of the last.
    starts: Vec<u32>,
    lists: Vec<(u32, f32)>,
}

impl Postings {
    fn of(entries: &[Entry], terms: usize) -> Postings {
        let mut starts = vec![0u32; terms + 1];
        for entry in entries {
            for (id, _) in &entry.terms {
                starts[*id as usize + 1] += 1;
            }
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut filled = starts.clone();
        let mut lists = vec![(0u32, 0f32); starts[terms] as usize];
        for (e, entry) in entries.iter().enumerate() {
            for (id, w) in &entry.terms {
                let at = &mut filled[*id as usize];
                lists[*at as usize] = (e as u32, *w);
                *at += 1;
            }
        }
        Postings { starts, lists }
    }

    fn of_term(&self, term: u32) -> &[(u32, f32)] {
        let t = term as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&a), Some(&b)) => self.lists.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }
}

struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Vocabulary {
    fn id(&mut self, stem: &str) -> u32 {
        if let Some(id) = self.ids.get(stem) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.words.push(stem.to_string());
        self.ids.insert(stem.to_string(), id);
        id
    }
}

/// How many documents are stemmed at once (on every core) before their words are numbered.
const STEM_CHUNK: usize = 256;

/// A document's stems: its own words (in the order they first appear), and each body
/// passage's terms as numbers into them with their counts, and its actors.
struct DocumentStems {
    words: Vec<String>,
    passages: Vec<PassageTerms>,
}

struct PassageTerms {
    passage: usize,
    /// (word number in the document, count), by word number.
    counts: Vec<(u32, f32)>,
    /// The actors named in the passage, by index, once each.
    actors: Vec<usize>,
}

/// Each value of a list once, with how often it occurs, by value.
fn counted(mut ids: Vec<u32>) -> Vec<(u32, f32)> {
    ids.sort_unstable();
    let mut counts: Vec<(u32, f32)> = Vec::new();
    for id in ids {
        match counts.last_mut() {
            Some((last, tf)) if *last == id => *tf += 1.0,
            _ => counts.push((id, 1.0)),
        }
    }
    // Kept for the whole index: no room to spare.
    counts.shrink_to_fit();
    counts
}

/// Each word seen and its stem (none for a stop word or a short word), per language (French,
/// English): a word is stemmed once per thread.
type StemCache = [HashMap<String, Option<String>>; 2];

fn document_stems(
    d: usize,
    doc: &crate::corpus::Document,
    actors: &Actors,
    stop: &HashSet<String>,
    cache: &mut StemCache,
) -> DocumentStems {
    let (algorithm, lang) = match doc.lang {
        super::lang::Lang::En => (Algorithm::English, 1),
        super::lang::Lang::Fr => (Algorithm::French, 0),
    };
    let stemmer = Stemmer::create(algorithm);
    let mut local: HashMap<String, u32> = HashMap::default();
    let mut words = Vec::new();
    let passages = doc
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PassageKind::Body)
        .map(|(p, passage)| {
            let ids = tokens(doc.text(passage))
                .iter()
                .filter_map(|t| {
                    let stem = match cache[lang].get(t.text) {
                        Some(known) => known.as_deref()?,
                        None => {
                            let found = stem(&stemmer, stop, t.text);
                            cache[lang].entry(t.text.to_string()).or_insert(found).as_deref()?
                        }
                    };
                    if let Some(id) = local.get(stem) {
                        return Some(*id);
                    }
                    words.push(stem.to_string());
                    local.insert(stem.to_string(), words.len() as u32 - 1);
                    Some(words.len() as u32 - 1)
                })
                .collect();
            let mut named: Vec<usize> = actors.in_passage(d, p).map(|r| r.actor).collect();
            named.sort_unstable();
            named.dedup();
            PassageTerms {
                passage: p,
                counts: counted(ids),
                actors: named,
            }
        })
        .collect();
    DocumentStems { words, passages }
}

/// The stem of a word, or none for a stop word or a short word.
fn stem(stemmer: &Stemmer, stop: &HashSet<String>, text: &str) -> Option<String> {
    let w = fold(text);
    let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Numbers are kept only when they look like years or figures (`1987`, `207`).
    let number = w.chars().all(|c| c.is_ascii_digit());
    if w.chars().count() < 3 || stop.contains(w) || (number && w.len() < 3) {
        return None;
    }
    Some(stemmer.stem(w).into_owned())
}

impl RelatedIndex {
    /// Indexes every body passage of the corpus, and cross-checks its claims meanwhile (on the
    /// cores the index leaves idle while it numbers and weighs its words).
    pub fn build(corpus: &Corpus, actors: &Actors, claims: &[Claim], lexicon: &Lexicon) -> RelatedIndex {
        // Each document's language, found once for the stems here and the cross-checks.
        let langs: Vec<super::lang::Lang> = corpus.documents.iter().map(super::lang::of_document).collect();
        let (mut index, crosscheck) = rayon::join(
            || RelatedIndex::index(corpus, actors, claims, lexicon, &langs),
            || CrossCheck::build(&langs, actors, claims, lexicon),
        );
        index.crosscheck = crosscheck;
        index
    }

    /// The index of `build`, its cross-checks left empty.
    fn index(
        corpus: &Corpus,
        actors: &Actors,
        claims: &[Claim],
        lexicon: &Lexicon,
        langs: &[super::lang::Lang],
    ) -> RelatedIndex {
        use rayon::prelude::*;
        let mut vocab = Vocabulary {
            ids: HashMap::default(),
            words: Vec::new(),
        };
        let stop = &lexicon.function_words;
        let mut entries = Vec::new();
        let mut claim_at = 0;
        // Stems are found on every core, a few hundred documents at a time; their words are
        // then numbered in document order, as one thread would.
        let gather = |first: usize, stemmed: Vec<DocumentStems>| {
            for (i, stems) in stemmed.into_iter().enumerate() {
                let d = first + i;
                let global: Vec<u32> = stems.words.iter().map(|w| vocab.id(w)).collect();
                for PassageTerms {
                    passage: p,
                    counts,
                    actors,
                } in stems.passages
                {
                    // Each term once, by id, with its count (a weight once all are counted).
                    let mut counts: Vec<(u32, f32)> =
                        counts.into_iter().map(|(id, tf)| (global[id as usize], tf)).collect();
                    counts.sort_unstable_by_key(|(id, _)| *id);
                    while claim_at < claims.len() && (claims[claim_at].doc, claims[claim_at].passage) < (d, p) {
                        claim_at += 1;
                    }
                    let mut passage_claims = Vec::new();
                    let mut c = claim_at;
                    while c < claims.len() && (claims[c].doc, claims[c].passage) == (d, p) {
                        passage_claims.push(c);
                        c += 1;
                    }
                    entries.push(Entry {
                        doc: d,
                        passage: p,
                        terms: counts,
                        actors,
                        claims: passage_claims,
                        lang: langs[d],
                    });
                }
            }
        };
        // A chunk's words are numbered (on one core) while the next chunk is stemmed.
        super::in_chunks(
            &corpus.documents,
            STEM_CHUNK,
            |first, docs| {
                docs.par_iter()
                    .enumerate()
                    .map_init(StemCache::default, |cache, (i, doc)| {
                        document_stems(first + i, doc, actors, stop, cache)
                    })
                    .collect()
            },
            gather,
        );
        let n = entries.len().max(1);
        let mut df = vec![0u32; vocab.words.len()];
        for entry in &entries {
            for (id, _) in &entry.terms {
                df[*id as usize] += 1;
            }
        }
        // Each passage's weights are its own: on every core.
        entries.par_iter_mut().for_each(|entry| {
            for (id, w) in &mut entry.terms {
                *w = (1.0 + w.ln()) * ((n as f32 + 1.0) / (df[*id as usize] as f32 + 1.0)).ln();
            }
            entry.terms.retain(|(_, w)| *w > 0.0);
            let norm = entry
                .terms
                .iter()
                .map(|(_, w)| w * w)
                .sum::<f32>()
                .sqrt()
                .max(f32::EPSILON);
            for t in &mut entry.terms {
                t.1 /= norm;
            }
        });
        let postings = Postings::of(&entries, vocab.words.len());
        let by_passage = entries
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.doc, e.passage), i))
            .collect();
        RelatedIndex {
            entries,
            by_passage,
            postings,
            words: vocab.words,
            crosscheck: CrossCheck::default(),
            speakers: claims.iter().map(|c| c.speaker).collect(),
            places: claims.iter().map(|c| (c.doc, c.passage)).collect(),
            actor_names: actors.actors.iter().map(|a| a.name.clone()).collect(),
            max_postings: (n / 50).clamp(200, MAX_POSTINGS),
        }
    }

    /// Each claim's reports and contradictions in other documents.
    pub fn crosscheck(&self) -> &CrossCheck {
        &self.crosscheck
    }

    pub fn passages(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.entries.iter().map(|e| (e.doc, e.passage))
    }

    /// The `top` passages of other documents most related to a passage, best first.
    pub fn related(&self, doc: usize, passage: usize, top: usize) -> Vec<RelatedPassage> {
        let Some(&q) = self.by_passage.get(&(doc, passage)) else {
            return Vec::new();
        };
        let query = &self.entries[q];
        let mut heavy: Vec<&(u32, f32)> = query.terms.iter().collect();
        heavy.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        let mut scores: HashMap<u32, f32> = HashMap::default();
        for (term, weight) in heavy.into_iter().take(QUERY_TERMS) {
            let list = self.postings.of_term(*term);
            if list.len() > self.max_postings {
                continue;
            }
            for (e, w) in list {
                if self.entries[*e as usize].doc != doc {
                    *scores.entry(*e).or_default() += weight * w;
                }
            }
        }
        // Passages whose claims are cross-checked with this one's, though they may share no word
        // (a translation).
        for c in &query.claims {
            for r in self.crosscheck.of(*c) {
                let place = self.places.get(r.claim).copied();
                if let Some(&e) = place.and_then(|place| self.by_passage.get(&place)) {
                    let entry = &self.entries[e];
                    scores
                        .entry(e as u32)
                        .or_insert_with(|| dot(&query.terms, &entry.terms));
                }
            }
        }
        let mut candidates: Vec<(u32, f32)> = scores.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES.max(top));
        // Scored first, worded only for the passages kept.
        let mut found: Vec<(RelatedPassage, u32, f32)> = candidates
            .into_iter()
            .map(|(e, cosine)| (self.explain(query, &self.entries[e as usize], cosine, false), e, cosine))
            .collect();
        found.retain(|(r, _, _)| {
            r.score >= MIN_SCORE
                || matches!(
                    r.relation,
                    Relation::SameQuote | Relation::SameClaim | Relation::Contrast
                )
        });
        found.sort_by(|(a, _, _), (b, _, _)| {
            b.score
                .total_cmp(&a.score)
                .then((a.doc, a.passage).cmp(&(b.doc, b.passage)))
        });
        found.truncate(top);
        found
            .into_iter()
            .map(|(_, e, cosine)| self.explain(query, &self.entries[e as usize], cosine, true))
            .collect()
    }

    /// Score, relation and reasons for a pair.
    /// `worded`: with the names of the shared actors and terms (else only what scores).
    fn explain(&self, a: &Entry, b: &Entry, cosine: f32, worded: bool) -> RelatedPassage {
        let mut reasons = Vec::new();
        let mut score = cosine;
        let links = a.claims.iter().flat_map(|ca| {
            self.crosscheck
                .of(*ca)
                .iter()
                .filter(|r| b.claims.binary_search(&r.claim).is_ok())
                .map(move |r| (*ca, r))
        });
        let closest = links.min_by(|(_, x), (_, y)| x.relation.cmp(&y.relation).then(y.score.total_cmp(&x.score)));
        let mut relation = None;
        if let Some((ca, link)) = closest {
            relation = Some(link.relation);
            score += match link.relation {
                Relation::SameQuote => 0.5,
                _ => 0.3,
            };
            reasons.push(match link.relation {
                Relation::SameQuote => Reason::SameQuote { similarity: link.score },
                Relation::Contrast => Reason::Contrast,
                _ => {
                    let speaker = self.speakers.get(ca).copied().flatten();
                    let same = speaker.filter(|s| self.speakers.get(link.claim) == Some(&Some(*s)));
                    Reason::SameClaim {
                        speaker: same.and_then(|s| self.actor_names.get(s)).cloned(),
                    }
                }
            });
        }
        if a.lang != b.lang {
            reasons.push(Reason::Translated);
        }
        reasons.dedup_by(|x, y| std::mem::discriminant(x) == std::mem::discriminant(y));
        let shared: Vec<usize> = a
            .actors
            .iter()
            .filter(|x| b.actors.binary_search(x).is_ok())
            .copied()
            .collect();
        // Passages on the same actors whose speakers take opposed stances disagree, even when
        // one claim is too short to say what about (`C'est possible`, next to its question).
        let disagree = || {
            shared.len() >= EVENT_ACTORS
                && cosine >= CONTRAST_COSINE
                && a.claims
                    .iter()
                    .any(|x| b.claims.iter().any(|y| self.crosscheck.opposed(*x, *y)))
        };
        let relation = relation.unwrap_or_else(|| {
            if disagree() {
                score += 0.2;
                reasons.push(Reason::Contrast);
                Relation::Contrast
            } else if shared.len() >= EVENT_ACTORS && cosine >= EVENT_COSINE {
                Relation::SameEvent
            } else {
                Relation::Topic
            }
        });
        score += 0.05 * shared.len().min(4) as f32;
        if !worded {
            return RelatedPassage {
                doc: b.doc,
                passage: b.passage,
                score,
                relation,
                reasons,
            };
        }
        if !shared.is_empty() {
            reasons.push(Reason::SharedActors {
                actors: shared
                    .into_iter()
                    .filter_map(|x| self.actor_names.get(x).cloned())
                    .take(4)
                    .collect(),
            });
        }
        let mut common: Vec<(f32, u32)> = shared_terms(&a.terms, &b.terms).map(|(t, w)| (w, t)).collect();
        common.sort_by(|x, y| y.0.total_cmp(&x.0));
        if !common.is_empty() {
            let terms = common
                .iter()
                .take(5)
                .map(|(_, t)| self.words[*t as usize].clone())
                .collect();
            reasons.push(Reason::SharedTerms { terms });
        }
        RelatedPassage {
            doc: b.doc,
            passage: b.passage,
            score,
            relation,
            reasons,
        }
    }
}

/// The terms two sparse vectors sorted by term share, each with its weight product.
fn shared_terms<'a>(a: &'a [(u32, f32)], b: &'a [(u32, f32)]) -> impl Iterator<Item = (u32, f32)> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let shared = (a[i].0, a[i].1 * b[j].1);
                    i += 1;
                    j += 1;
                    return Some(shared);
                }
            }
        }
        None
    })
}

/// The dot product of two sparse unit vectors sorted by term: their cosine.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    shared_terms(a, b).map(|(_, w)| w).sum()
}

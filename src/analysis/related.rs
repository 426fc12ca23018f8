//! Related passages: for any passage, the passages of other documents that report the same
//! event, the same quote (even worded differently), the same claim, or contradict it.
//! TF-IDF over accent-folded, stemmed words without stop words, kept in an inverted index so a
//! lookup only visits passages that share a rare enough word: cost grows with the corpus, not
//! with its square.

use super::actors::Actors;
use super::claims::{Claim, ClaimKind};
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
    /// A claim by the same speaker on the same matter.
    SameClaim { speaker: String },
    /// Claims that disagree on the same matter (one side denies what the other allows).
    Contrast,
    /// Actors both passages name.
    SharedActors { actors: Vec<String> },
    /// The rare words that weigh most in the match.
    SharedTerms { terms: Vec<String> },
}

impl Reason {
    pub fn label(&self) -> String {
        match self {
            Reason::SameQuote { .. } => "same quote".to_string(),
            Reason::SameClaim { speaker } => format!("same claim by {speaker}"),
            Reason::Contrast => "contrast".to_string(),
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
    /// Claims of the passage (indices into the claims given to `build`), with their stems, sorted.
    claims: Vec<(usize, Vec<u32>)>,
}

/// The inverted index over every body passage of a corpus.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct RelatedIndex {
    entries: Vec<Entry>,
    /// (doc, passage) → entry.
    by_passage: HashMap<(usize, usize), usize>,
    postings: Vec<Vec<(u32, f32)>>,
    words: Vec<String>,
    claims: Vec<Claim>,
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
/// Words that turn a claim into a denial, folded.
const NEGATIONS: &[&str] = &[
    "pas",
    "jamais",
    "aucun",
    "aucune",
    "exclu",
    "exclut",
    "refuse",
    "refusent",
    "refuse",
    "rejette",
    "rejettent",
    "nie",
    "dement",
    "impossible",
    "not",
    "never",
    "no",
    "denied",
    "denies",
    "refused",
    "rejects",
    "rejected",
    "impossible",
];

struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    /// Word → stem id, per language (French, English), so each distinct word is stemmed once.
    seen: [HashMap<String, u32>; 2],
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

/// The stems of a text, stop words and short words left out.
fn stems(text: &str, (stemmer, lang): (&Stemmer, usize), stop: &HashSet<String>, vocab: &mut Vocabulary) -> Vec<u32> {
    tokens(text)
        .iter()
        .filter_map(|t| {
            if let Some(id) = vocab.seen[lang].get(t.text) {
                return Some(*id);
            }
            let w = fold(t.text);
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            // Numbers are kept only when they look like years or figures (`1987`, `207`).
            let number = w.chars().all(|c| c.is_ascii_digit());
            if w.chars().count() < 3 || stop.contains(w) || (number && w.len() < 3) {
                return None;
            }
            let id = vocab.id(&stemmer.stem(w));
            vocab.seen[lang].insert(t.text.to_string(), id);
            Some(id)
        })
        .collect()
}

impl RelatedIndex {
    /// Indexes every body passage of the corpus.
    pub fn build(corpus: &Corpus, actors: &Actors, claims: &[Claim], lexicon: &Lexicon) -> RelatedIndex {
        let mut vocab = Vocabulary {
            ids: HashMap::default(),
            words: Vec::new(),
            seen: Default::default(),
        };
        let stop = &lexicon.function_words;
        let mut raw: Vec<(usize, usize, HashMap<u32, u32>)> = Vec::new();
        let mut entries = Vec::new();
        let mut claim_at = 0;
        for (d, doc) in corpus.documents.iter().enumerate() {
            let algorithm = match super::lang::of_document(doc) {
                super::lang::Lang::En => Algorithm::English,
                super::lang::Lang::Fr => Algorithm::French,
            };
            let stemmer = Stemmer::create(algorithm);
            let stemmer = (&stemmer, usize::from(matches!(algorithm, Algorithm::English)));
            for (p, passage) in doc
                .passages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == PassageKind::Body)
            {
                let mut counts: HashMap<u32, u32> = HashMap::default();
                for id in stems(doc.text(passage), stemmer, stop, &mut vocab) {
                    *counts.entry(id).or_default() += 1;
                }
                let mut passage_actors: Vec<usize> = actors.in_passage(d, p).map(|r| r.actor).collect();
                passage_actors.sort_unstable();
                passage_actors.dedup();
                while claim_at < claims.len() && (claims[claim_at].doc, claims[claim_at].passage) < (d, p) {
                    claim_at += 1;
                }
                let mut passage_claims = Vec::new();
                let mut c = claim_at;
                while c < claims.len() && (claims[c].doc, claims[c].passage) == (d, p) {
                    let mut s = stems(&claims[c].text, stemmer, stop, &mut vocab);
                    s.sort_unstable();
                    s.dedup();
                    passage_claims.push((c, s));
                    c += 1;
                }
                raw.push((d, p, counts));
                entries.push(Entry {
                    doc: d,
                    passage: p,
                    terms: Vec::new(),
                    actors: passage_actors,
                    claims: passage_claims,
                });
            }
        }
        let n = entries.len().max(1);
        let mut df = vec![0u32; vocab.words.len()];
        for (_, _, counts) in &raw {
            for id in counts.keys() {
                df[*id as usize] += 1;
            }
        }
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.words.len()];
        for (e, (_, _, counts)) in raw.into_iter().enumerate() {
            let mut terms: Vec<(u32, f32)> = counts
                .into_iter()
                .map(|(id, tf)| {
                    (
                        id,
                        (1.0 + (tf as f32).ln()) * ((n as f32 + 1.0) / (df[id as usize] as f32 + 1.0)).ln(),
                    )
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            for t in &mut terms {
                t.1 /= norm;
            }
            terms.sort_unstable_by_key(|t| t.0);
            for (id, w) in &terms {
                postings[*id as usize].push((e as u32, *w));
            }
            entries[e].terms = terms;
        }
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
            claims: claims.to_vec(),
            actor_names: actors.actors.iter().map(|a| a.name.clone()).collect(),
            max_postings: (n / 50).clamp(200, MAX_POSTINGS),
        }
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
            let list = &self.postings[*term as usize];
            if list.len() > self.max_postings {
                continue;
            }
            for (e, w) in list {
                if self.entries[*e as usize].doc != doc {
                    *scores.entry(*e).or_default() += weight * w;
                }
            }
        }
        let mut candidates: Vec<(u32, f32)> = scores.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES.max(top));
        let mut found: Vec<RelatedPassage> = candidates
            .into_iter()
            .map(|(e, cosine)| self.explain(query, &self.entries[e as usize], cosine))
            .collect();
        found.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then((a.doc, a.passage).cmp(&(b.doc, b.passage)))
        });
        found.truncate(top);
        found
    }

    /// Score and reasons for a pair.
    fn explain(&self, a: &Entry, b: &Entry, cosine: f32) -> RelatedPassage {
        let mut reasons = Vec::new();
        let mut score = cosine;
        for (ca, sa) in &a.claims {
            for (cb, sb) in &b.claims {
                let (x, y) = (&self.claims[*ca], &self.claims[*cb]);
                let shared = shared_count(sa, sb);
                let sim = if sa.is_empty() || sb.is_empty() {
                    0.0
                } else {
                    shared as f32 / (sa.len() + sb.len() - shared) as f32
                };
                // A quote reported twice: most words of the shorter rendering are in the other.
                let containment = shared as f32 / sa.len().min(sb.len()).max(1) as f32;
                if quoted(x) && quoted(y) && shared >= 2 && containment >= 0.5 {
                    score += 0.5;
                    reasons.push(Reason::SameQuote {
                        similarity: containment,
                    });
                } else if x.speaker.is_some() && x.speaker == y.speaker && sim >= 0.2 {
                    score += 0.3;
                    let speaker = x
                        .speaker
                        .and_then(|s| self.actor_names.get(s))
                        .cloned()
                        .unwrap_or_default();
                    reasons.push(Reason::SameClaim { speaker });
                } else if sim >= 0.15 && negated(&x.text) != negated(&y.text) {
                    score += 0.2;
                    reasons.push(Reason::Contrast);
                }
            }
        }
        reasons.dedup_by(|x, y| std::mem::discriminant(x) == std::mem::discriminant(y));
        let shared: Vec<String> = a
            .actors
            .iter()
            .filter(|x| b.actors.binary_search(x).is_ok())
            .filter_map(|x| self.actor_names.get(*x).cloned())
            .collect();
        if !shared.is_empty() {
            score += 0.05 * shared.len().min(4) as f32;
            reasons.push(Reason::SharedActors {
                actors: shared.into_iter().take(4).collect(),
            });
        }
        let mut common: Vec<(f32, u32)> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < a.terms.len() && j < b.terms.len() {
            match a.terms[i].0.cmp(&b.terms[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common.push((a.terms[i].1 * b.terms[j].1, a.terms[i].0));
                    i += 1;
                    j += 1;
                }
            }
        }
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
            reasons,
        }
    }
}

/// How many values two sorted lists share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A direct quote, or reported speech that quotes some of the words.
fn quoted(claim: &Claim) -> bool {
    claim.kind == ClaimKind::Direct || claim.text.contains(['«', '“', '"', '‘'])
}

/// Whether a claim denies: a negation word, or French `ne … pas`.
fn negated(text: &str) -> bool {
    tokens(text).iter().any(|t| NEGATIONS.contains(&fold(t.text).as_str()))
}

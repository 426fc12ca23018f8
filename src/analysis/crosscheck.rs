//! Cross-checking claims: for each claim, the claims of other articles that report the same
//! statement (quoted or reported, in the same language or translated) and those that
//! contradict it (an opposed stance on the same subject by another speaker).
//!
//! What carries across languages is compared: the actors (their aliases in both languages are
//! one actor), numbers, and the words read through a bilingual list (`assets/lang/fr-en.tsv`)
//! or, failing it, as cognates (the same first letters once folded). How a claim stands comes
//! from `assets/crosscheck.toml`. A claim is only compared with claims that share one of these
//! keys (an inverted index), so the cost follows the corpus, not its square.

use super::actors::Actors;
use super::claims::{Claim, ClaimKind};
use super::lang::Lang;
use super::lexicon::Lexicon;
use super::text::{fold, tokens};
use super::{HashMap, HashSet};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// How two passages or claims of different articles relate, from the closest to the loosest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same quotation, in the same words.
    SameQuote,
    /// The same statement by the same (or a compatible) speaker, quoted, reported or translated.
    SameClaim,
    /// Claims on the same subject that disagree.
    Contrast,
    /// The same event: the same actors and particulars.
    SameEvent,
    /// The same subject, loosely.
    Topic,
}

impl Relation {
    /// How the relation is written in the reader and the tables.
    pub fn label(self) -> &'static str {
        match self {
            Relation::SameQuote => "same quote",
            Relation::SameClaim => "same claim",
            Relation::Contrast => "contrast",
            Relation::SameEvent => "same event",
            Relation::Topic => "topic",
        }
    }

    /// Whether the other side reports the same statement.
    pub fn is_report(self) -> bool {
        matches!(self, Relation::SameQuote | Relation::SameClaim)
    }
}

/// Another claim that reports or contradicts one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CrossRef {
    /// Index of the other claim.
    pub claim: usize,
    pub relation: Relation,
    pub score: f32,
    /// What the two share or oppose, in words (`speaker: Joe Biden`, `actors: ISIS-K`).
    pub reasons: Vec<String>,
}

/// Every claim's cross-references, best first.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CrossCheck {
    refs: Vec<Vec<CrossRef>>,
    /// Each claim's stance (true when it denies, rejects or rules out) and speaker.
    stances: Vec<(bool, Option<usize>)>,
}

/// How many cross-references a claim keeps.
const KEPT: usize = 12;
/// A key shared by more claims than this (or than 2% of them, when that is fewer, but never
/// fewer than 50) says nothing about any pair of them.
const MAX_POSTINGS: usize = 400;
const MIN_POSTINGS: usize = 50;

#[derive(serde::Deserialize)]
struct StanceFile {
    fr: StanceWords,
    en: StanceWords,
}

#[derive(serde::Deserialize)]
struct StanceWords {
    negation: HashSet<String>,
    against: HashSet<String>,
}

/// The word lists cross-checking reads, loaded on first use.
struct Words {
    fr: StanceWords,
    en: StanceWords,
    /// French stem → the English stem of its counterpart.
    french_to_english: HashMap<String, String>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let stance: StanceFile = toml::from_str(include_str!("../../assets/crosscheck.toml"))
            .unwrap_or_else(|e| panic!("assets/crosscheck.toml: {e}"));
        let (fr, en) = (Stemmer::create(Algorithm::French), Stemmer::create(Algorithm::English));
        let mut french_to_english = HashMap::default();
        for line in include_str!("../../assets/lang/fr-en.tsv").lines() {
            let Some((f, e)) = line.split_once('\t').filter(|_| !line.starts_with('#')) else {
                continue;
            };
            french_to_english
                .entry(fr.stem(&fold(f.trim())).into_owned())
                .or_insert_with(|| en.stem(&fold(e.trim())).into_owned());
        }
        Words {
            fr: stance.fr,
            en: stance.en,
            french_to_english,
        }
    })
}

/// What a claim is compared by.
struct Signature {
    doc: usize,
    lang: Lang,
    speaker: Option<usize>,
    /// Actors named in the claim's words (not its speaker), sorted.
    subjects: Vec<usize>,
    /// Words as language-independent keys (English stems), and numbers, sorted.
    concepts: Vec<u32>,
    /// The first letters of long words, for cognates the list does not hold, sorted.
    cognates: Vec<u32>,
    /// Whether the claim denies, rejects or rules out (a negation turns it back).
    against: bool,
    quoted: bool,
}

/// What one word (as written) says, worked out once per language.
#[derive(Clone, Copy, Default)]
struct WordKeys {
    concept: Option<u32>,
    cognate: Option<u32>,
    negation: bool,
    against: bool,
}

struct Keys {
    ids: HashMap<String, u32>,
    /// Per language (French, English): each written word's keys.
    seen: [HashMap<String, WordKeys>; 2],
}

impl Keys {
    fn id(&mut self, key: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(key).or_insert(next)
    }
}

/// The keys of one word: its concept (an English stem, or a number), its cognate key (the
/// first letters of a long word) and what it says of a stance.
fn word_keys(
    text: &str,
    lang: Lang,
    stance: &StanceWords,
    stop: &HashSet<String>,
    stemmer: &Stemmer,
    keys: &mut Keys,
) -> WordKeys {
    let w = fold(text);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let mut found = WordKeys {
        negation: stance.negation.contains(w) || w.ends_with("n't"),
        against: stance.against.contains(w),
        ..WordKeys::default()
    };
    if w.chars().all(|c| c.is_ascii_digit()) {
        if w.len() >= 2 {
            found.concept = Some(keys.id(format!("#{w}")));
        }
        return found;
    }
    if w.chars().count() < 3 || stop.contains(w) {
        return found;
    }
    let stem = stemmer.stem(w);
    let concept = match lang {
        Lang::En => format!("en:{stem}"),
        Lang::Fr => match words().french_to_english.get(stem.as_ref()) {
            Some(english) => format!("en:{english}"),
            None => format!("fr:{stem}"),
        },
    };
    found.concept = Some(keys.id(concept));
    if w.chars().count() >= 6 {
        found.cognate = Some(keys.id(format!("~{}", w.chars().take(5).collect::<String>())));
    }
    found
}

fn signature(
    claim: &Claim,
    lang: Lang,
    actors: &Actors,
    stop: &HashSet<String>,
    stemmer: &Stemmer,
    keys: &mut Keys,
) -> Signature {
    let words = words();
    let stance = match lang {
        Lang::Fr => &words.fr,
        Lang::En => &words.en,
    };
    // The actors named inside the claim's words: (actor, start, end relative to the claim).
    let inside: Vec<(usize, usize, usize)> = actors
        .in_passage(claim.doc, claim.passage)
        .map(|r| (r.actor, actors.mention(r)))
        .filter(|(_, m)| m.start >= claim.start && m.end <= claim.end)
        .map(|(a, m)| (a, m.start - claim.start, m.end - claim.start))
        .collect();
    let (mut concepts, mut cognates) = (Vec::new(), Vec::new());
    let (mut negated, mut against) = (false, false);
    let lang_at = usize::from(lang == Lang::En);
    for t in tokens(&claim.text) {
        // A name is compared as its actor (whatever the language), not as a word.
        if inside.iter().any(|(_, s, e)| *s <= t.start && t.end <= *e) {
            continue;
        }
        let found = match keys.seen[lang_at].get(t.text) {
            Some(found) => *found,
            None => {
                let found = word_keys(t.text, lang, stance, stop, stemmer, keys);
                keys.seen[lang_at].insert(t.text.to_string(), found);
                found
            }
        };
        negated |= found.negation;
        against |= found.against;
        concepts.extend(found.concept);
        cognates.extend(found.cognate);
    }
    let mut subjects: Vec<usize> = inside
        .iter()
        .map(|(a, _, _)| *a)
        .filter(|a| Some(*a) != claim.speaker)
        .collect();
    subjects.sort_unstable();
    subjects.dedup();
    for list in [&mut concepts, &mut cognates] {
        list.sort_unstable();
        list.dedup();
    }
    Signature {
        doc: claim.doc,
        lang,
        speaker: claim.speaker,
        subjects,
        concepts,
        cognates,
        against: against != negated,
        quoted: claim.kind == ClaimKind::Direct || claim.text.contains(['«', '“', '"', '‘']),
    }
}

/// How many values two sorted lists share.
pub(crate) fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
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

impl CrossCheck {
    /// Cross-checks every claim of the corpus against the claims of the other documents;
    /// `langs` is each document's language.
    pub fn build(langs: &[Lang], actors: &Actors, claims: &[Claim], lexicon: &Lexicon) -> CrossCheck {
        let stemmers = [Stemmer::create(Algorithm::French), Stemmer::create(Algorithm::English)];
        let mut keys = Keys {
            ids: HashMap::default(),
            seen: Default::default(),
        };
        let signatures: Vec<Signature> = claims
            .iter()
            .map(|c| {
                let lang = langs.get(c.doc).copied().unwrap_or(Lang::Fr);
                let stemmer = &stemmers[usize::from(lang == Lang::En)];
                signature(c, lang, actors, &lexicon.function_words, stemmer, &mut keys)
            })
            .collect();
        // Actors are keys too, after the words.
        let actor_key = |a: usize| keys.ids.len() as u32 + a as u32;
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
        for (i, s) in signatures.iter().enumerate() {
            let own = s.speaker.into_iter().chain(s.subjects.iter().copied()).map(actor_key);
            for key in s.concepts.iter().chain(&s.cognates).copied().chain(own) {
                postings.entry(key).or_default().push(i as u32);
            }
        }
        let max_postings = (claims.len() / 50).clamp(MIN_POSTINGS, MAX_POSTINGS);
        let mut refs: Vec<Vec<CrossRef>> = vec![Vec::new(); claims.len()];
        let mut shared: HashMap<u32, u32> = HashMap::default();
        for (i, s) in signatures.iter().enumerate() {
            shared.clear();
            let own = s.speaker.into_iter().chain(s.subjects.iter().copied()).map(actor_key);
            for key in s.concepts.iter().chain(&s.cognates).copied().chain(own) {
                let list = &postings[&key];
                if list.len() > max_postings {
                    continue;
                }
                for &j in list {
                    if j as usize > i && signatures[j as usize].doc != s.doc {
                        *shared.entry(j).or_default() += 1;
                    }
                }
            }
            let mut candidates: Vec<u32> = shared.iter().filter(|(_, n)| **n >= 2).map(|(j, _)| *j).collect();
            candidates.sort_unstable();
            for j in candidates {
                let (a, b) = (s, &signatures[j as usize]);
                if let Some((relation, score, reasons)) = compare(a, b, actors) {
                    refs[i].push(CrossRef {
                        claim: j as usize,
                        relation,
                        score,
                        reasons: reasons.clone(),
                    });
                    refs[j as usize].push(CrossRef {
                        claim: i,
                        relation,
                        score,
                        reasons,
                    });
                }
            }
        }
        for list in &mut refs {
            list.sort_by(|x, y| {
                x.relation
                    .cmp(&y.relation)
                    .then(y.score.total_cmp(&x.score))
                    .then(x.claim.cmp(&y.claim))
            });
            list.truncate(KEPT);
        }
        CrossCheck {
            refs,
            stances: signatures.iter().map(|s| (s.against, s.speaker)).collect(),
        }
    }

    /// Whether two claims take opposed stances (one denies, rejects or rules out; the other
    /// does not) and are said by different speakers, whatever their words.
    pub fn opposed(&self, a: usize, b: usize) -> bool {
        match (self.stances.get(a), self.stances.get(b)) {
            (Some((x, sx)), Some((y, sy))) => x != y && sx.is_some() && sy.is_some() && sx != sy,
            _ => false,
        }
    }

    /// The claims that report or contradict claim `claim`, closest first.
    pub fn of(&self, claim: usize) -> &[CrossRef] {
        self.refs.get(claim).map_or(&[], Vec::as_slice)
    }

    /// How many other documents report claim `claim`, and how many contradict it.
    pub fn counts(&self, claim: usize, claims: &[Claim]) -> (usize, usize) {
        let docs = |report: bool| {
            let mut docs: Vec<usize> = self
                .of(claim)
                .iter()
                .filter(|r| r.relation.is_report() == report)
                .filter_map(|r| claims.get(r.claim).map(|c| c.doc))
                .collect();
            docs.sort_unstable();
            docs.dedup();
            docs.len()
        };
        (docs(true), docs(false))
    }
}

/// Opposed stances by different speakers (an unnamed speaker is nobody's).
fn opposed(a: &Signature, b: &Signature) -> bool {
    a.against != b.against && a.speaker != b.speaker
}

/// Whether and how two claims of different documents relate, with a score and the reasons.
fn compare(a: &Signature, b: &Signature, actors: &Actors) -> Option<(Relation, f32, Vec<String>)> {
    let translated = a.lang != b.lang;
    let words = shared_count(&a.concepts, &b.concepts)
        + if translated {
            shared_count(&a.cognates, &b.cognates)
        } else {
            0
        };
    let subjects = shared_count(&a.subjects, &b.subjects);
    let shorter = a.concepts.len().min(b.concepts.len()).max(1);
    let containment = (words as f32 / shorter as f32).min(1.0);
    let same_speaker = a.speaker.is_some() && a.speaker == b.speaker;
    let compatible = same_speaker || a.speaker.is_none() || b.speaker.is_none();
    // Everyone involved, speakers included: the Taliban speaking of Washington and Washington
    // speaking of the Taliban are on the same subject.
    let involved = |s: &Signature| {
        let mut all: Vec<usize> = s.subjects.iter().copied().chain(s.speaker).collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let together = shared_count(&involved(a), &involved(b));
    let name = |x: usize| actors.actors.get(x).map_or("?", |a| a.name.as_str());
    let mut reasons = Vec::new();
    let relation = if a.quoted && b.quoted && !translated && words >= 2 && containment >= 0.5 && a.against == b.against
    {
        Relation::SameQuote
    } else if compatible
        && a.against == b.against
        && ((words + subjects >= 3 && containment >= if same_speaker { 0.3 } else { 0.5 })
            || (same_speaker && words >= 2 && containment >= 0.5))
    {
        Relation::SameClaim
    } else if opposed(a, b)
        && together >= 2
        && words + subjects >= 2
        && (words >= 2 || (words == 1 && containment >= 0.25))
    {
        Relation::Contrast
    } else {
        return None;
    };
    if let Some(s) = a.speaker.filter(|_| same_speaker) {
        reasons.push(format!("speaker: {}", name(s)));
    }
    let common: Vec<&str> = involved(a)
        .into_iter()
        .filter(|x| involved(b).binary_search(x).is_ok() && !(same_speaker && Some(*x) == a.speaker))
        .map(name)
        .take(4)
        .collect();
    if !common.is_empty() {
        reasons.push(format!("actors: {}", common.join(", ")));
    }
    if relation == Relation::Contrast {
        reasons.push("opposed stances".to_string());
    }
    if translated {
        reasons.push(format!("translated ({} ↔ {})", a.lang.code(), b.lang.code()));
    }
    let score = containment + 0.1 * subjects.min(3) as f32 + if same_speaker { 0.2 } else { 0.0 };
    Some((relation, score, reasons))
}

//! Claims: who said what. Direct quotes in every typographic form the press uses, and reported
//! speech introduced by a cue (`a déclaré`, `selon X`, `said`, `according to`), each attributed
//! to a speaker: an actor, or an anonymous source as the text names it, linked to the actor it
//! belongs to when the phrase names one.

use super::HashSet;
use super::actors::{Actors, MentionRef};
use super::lang::{self, Gender, LangWords};
use super::lexicon::{ActorKind, Lexicon};
use super::text::{Token, fold, tokens};
use crate::corpus::Corpus;
use serde::Deserialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub doc: usize,
    pub passage: usize,
    /// Byte range of the claim's words in the original file.
    pub start: usize,
    pub end: usize,
    /// The speaking actor (index into `Actors::actors`), when known.
    pub speaker: Option<usize>,
    /// The words of the text that name the speaker (`un responsable américain`, `Maria Zakharova`).
    pub speaker_text: String,
    /// The reporting words (`a déclaré`, `selon`, `said`); empty when a quote stands alone.
    pub cue: String,
    pub kind: ClaimKind,
    pub text: String,
    /// How the speaker was found, so a reader knows what to check.
    pub how_found: HowFound,
}

/// A claim's identity across analyses: its document and where its words start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ClaimId {
    pub doc: usize,
    pub start: usize,
}

impl Claim {
    pub fn id(&self) -> ClaimId {
        ClaimId {
            doc: self.doc,
            start: self.start,
        }
    }
}

/// How a claim's speaker was found, from the surest to the weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HowFound {
    /// Named in the sentence (`a déclaré Milley`, `according to Reuters`).
    Named,
    /// A pronoun resolved to an earlier person (`a-t-il ajouté`, `she said`).
    Pronoun,
    /// A role resolved to the person introduced with it (`le général`, `the judge`).
    Role,
    /// No cue in the sentence: the previous speaker goes on.
    CarriedOver,
    /// An unnamed source, as the text describes it (`un responsable américain`).
    Anonymous,
}

impl HowFound {
    pub fn label(self) -> &'static str {
        match self {
            HowFound::Named => "named",
            HowFound::Pronoun => "pronoun",
            HowFound::Role => "role",
            HowFound::CarriedOver => "carried over",
            HowFound::Anonymous => "anonymous",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CuesFile {
    participles_fr: Vec<String>,
    auxiliaries_fr: Vec<String>,
    verbs_fr: Vec<String>,
    verbs_en: Vec<String>,
    sources: Vec<String>,
    pronouns: Vec<String>,
    source_nouns: Vec<String>,
    determiners: Vec<String>,
    definite_articles: Vec<String>,
    feminine_articles: Vec<String>,
    masculine_articles: Vec<String>,
    indefinite_articles: Vec<String>,
    leading_words: Vec<String>,
    complementisers: Vec<String>,
    addressee_prepositions: Vec<String>,
    prepositions: Vec<String>,
    opening_sources: Vec<String>,
    quote_only: Vec<String>,
}

/// The reporting cues, from `assets/cues.toml`.
#[derive(Debug, Clone)]
pub struct Cues {
    participles: HashSet<String>,
    auxiliaries: HashSet<String>,
    verbs: HashSet<String>,
    /// Multi-word source prepositions, as folded token lists.
    sources: Vec<Vec<String>>,
    pronouns: HashSet<String>,
    source_nouns: HashSet<String>,
    determiners: HashSet<String>,
    definite_articles: HashSet<String>,
    feminine_articles: HashSet<String>,
    masculine_articles: HashSet<String>,
    indefinite_articles: HashSet<String>,
    leading_words: HashSet<String>,
    complementisers: HashSet<String>,
    addressee_prepositions: HashSet<String>,
    prepositions: HashSet<String>,
    opening_sources: HashSet<String>,
    quote_only: HashSet<String>,
}

impl Cues {
    pub fn parse(text: &str) -> Result<Cues, toml::de::Error> {
        Ok(Cues::from_file(toml::from_str(text)?))
    }

    /// The bundled cues extended by a user's cue file (same keys as `assets/cues.toml`, each
    /// list added to the bundled one); `name` is how the file is named in an error.
    pub fn with_user(text: &str, name: &str) -> Result<Cues, super::lexicon::LexiconError> {
        let mut f: CuesFile =
            toml::from_str(include_str!("../../assets/cues.toml")).unwrap_or_else(|e| panic!("embedded cues: {e}"));
        let user: CuesFile = super::lexicon::parse_toml(text, name)?;
        macro_rules! extend {
            ($($field:ident),*) => { $( f.$field.extend(user.$field); )* };
        }
        extend!(
            participles_fr,
            auxiliaries_fr,
            verbs_fr,
            verbs_en,
            sources,
            pronouns,
            source_nouns,
            determiners,
            definite_articles,
            feminine_articles,
            masculine_articles,
            indefinite_articles,
            leading_words,
            complementisers,
            addressee_prepositions,
            prepositions,
            opening_sources,
            quote_only
        );
        Ok(Cues::from_file(f))
    }

    fn from_file(f: CuesFile) -> Cues {
        let set = super::lexicon::folded_set;
        Cues {
            participles: set(&f.participles_fr),
            auxiliaries: set(&f.auxiliaries_fr),
            verbs: f.verbs_fr.iter().chain(&f.verbs_en).map(|w| fold(w)).collect(),
            sources: f
                .sources
                .iter()
                .map(|s| tokens(s).iter().map(|t| fold(t.text)).collect())
                .collect(),
            pronouns: set(&f.pronouns),
            source_nouns: set(&f.source_nouns),
            determiners: set(&f.determiners),
            definite_articles: set(&f.definite_articles),
            feminine_articles: set(&f.feminine_articles),
            masculine_articles: set(&f.masculine_articles),
            indefinite_articles: set(&f.indefinite_articles),
            leading_words: set(&f.leading_words),
            complementisers: set(&f.complementisers),
            addressee_prepositions: set(&f.addressee_prepositions),
            prepositions: set(&f.prepositions),
            opening_sources: set(&f.opening_sources),
            quote_only: set(&f.quote_only),
        }
    }

    pub fn embedded() -> Cues {
        // Checked by the test suite; a failure here is a build defect.
        Cues::parse(include_str!("../../assets/cues.toml")).unwrap_or_else(|e| panic!("embedded cues: {e}"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// `a déclaré`, `affirme`, `said`.
    Verb,
    /// `selon`, `d’après`, `according to`: the source follows.
    Source,
}

#[derive(Debug, Clone)]
struct Cue {
    /// Token range of the cue words.
    first: usize,
    last: usize,
    kind: CueKind,
    /// `a-t-il résumé`: the speaker is the previous one.
    pronoun: bool,
    /// `…, en affirmant que`, `…, saying`: the speaker is the subject of the main clause.
    gerund: bool,
}

/// The speaker carried from one claim to the next (`il a ajouté`).
#[derive(Debug, Clone, Default)]
struct Speaker {
    actor: Option<usize>,
    text: String,
    how: Option<HowFound>,
}

impl Speaker {
    fn named(actor: usize, text: String) -> Speaker {
        Speaker {
            actor: Some(actor),
            text,
            how: Some(HowFound::Named),
        }
    }

    /// The same speaker, found another way.
    fn found(&self, how: HowFound) -> Speaker {
        Speaker {
            how: Some(how),
            ..self.clone()
        }
    }
}

/// Finds the claims of a corpus, in document and text order.
pub fn extract(corpus: &Corpus, actors: &Actors, lexicon: &Lexicon, cues: &Cues) -> Vec<Claim> {
    let mut out = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        let words = lang::words(lang::of_document(doc));
        let state = main_state(actors, d);
        let mut last = Speaker::default();
        let mut subject_before = None;
        for (p, passage) in doc.content() {
            if passage.kind != crate::corpus::PassageKind::Body {
                continue;
            }
            let text = doc.text(passage);
            let mentions: Vec<MentionRef> = actors.in_passage(d, p).collect();
            let mut finder = Finder {
                text,
                source: &doc.source,
                base: passage.start,
                toks: tokens(text),
                folded: Vec::new(),
                actors,
                lexicon,
                cues,
                mentions,
                doc: d,
                words,
                state,
                subject_before,
                quotes: quotations(text),
                sentences: Vec::new(),
            };
            finder.folded = finder.toks.iter().map(|t| fold(t.text)).collect();
            let split = sentences(text, &finder.quotes, &|w| finder.abbreviation(w));
            finder.sentences = split;
            subject_before = finder.last_subject();
            for mut claim in finder.claims(&mut last) {
                claim.doc = d;
                claim.passage = p;
                out.push(claim);
            }
        }
    }
    out
}

struct Finder<'a> {
    text: &'a str,
    /// The whole document, which mention offsets index.
    source: &'a str,
    base: usize,
    toks: Vec<Token<'a>>,
    folded: Vec<String>,
    actors: &'a Actors,
    lexicon: &'a Lexicon,
    cues: &'a Cues,
    mentions: Vec<MentionRef>,
    doc: usize,
    words: &'static LangWords,
    /// The state the document is most about: who `le gouvernement` is.
    state: Option<usize>,
    /// The subject of the last sentence of the passage before.
    subject_before: Option<usize>,
    /// The passage's quotations (whole, inner) and sentences, found once.
    quotes: Vec<(Range<usize>, Range<usize>)>,
    sentences: Vec<Range<usize>>,
}

/// The most mentioned state of a document.
fn main_state(actors: &Actors, doc: usize) -> Option<usize> {
    actors
        .in_document(doc)
        .into_iter()
        .find(|(a, _)| actors.actors[*a].kind == ActorKind::State)
        .map(|(a, _)| a)
}

/// Outer quotations of a text: (whole span with marks, inner span).
fn quotations(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut prev = ' ';
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |(_, n)| *n);
        let closes = |open: char| match c {
            '»' => open == '«',
            '”' => open == '“',
            '"' => open == '"',
            '’' => open == '‘' && !next.is_alphanumeric(),
            _ => false,
        };
        if let Some(&(open, at)) = stack.last()
            && closes(open)
        {
            stack.pop();
            if stack.is_empty() {
                out.push((at..i + c.len_utf8(), at + open.len_utf8()..i));
            }
        } else if matches!(c, '«' | '“' | '‘') || (c == '"' && !prev.is_alphanumeric()) {
            stack.push((c, i));
        }
        prev = c;
    }
    out.into_iter()
        .map(|(whole, inner)| {
            let s = &text[inner.clone()];
            let lead = s.len() - s.trim_start_matches(is_space).len();
            let trail = s.len() - s.trim_end_matches(is_space).len();
            (whole, inner.start + lead..inner.end - trail)
        })
        .filter(|(_, inner)| inner.start < inner.end)
        .collect()
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Sentences of a passage as byte ranges, never cut inside a quotation; a quotation that ends
/// a sentence (`« Deux. » Puis`) ends it there.
/// `abbreviation` says which words a period does not end a sentence after (`M.`, `Mr.`, `Dr.`).
fn sentences(
    text: &str,
    quotes: &[(Range<usize>, Range<usize>)],
    abbreviation: &dyn Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let inside = |i: usize| quotes.iter().any(|(q, _)| q.start < i && i < q.end);
    let starts_sentence = |rest: &str| {
        let trimmed = rest.trim_start();
        trimmed.len() < rest.len()
            && trimmed
                .chars()
                .next()
                .is_some_and(|n| n.is_uppercase() || matches!(n, '«' | '“' | '"' | '-' | '–' | '—'))
    };
    let mut ends: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') || inside(i) {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = &text[end..];
        // `informelsToujours.` glued by a scraper; not `U.N.`, where a capital ends the word.
        let initial = text[..i].chars().next_back().is_some_and(char::is_uppercase);
        let glued = !initial && rest.chars().next().is_some_and(char::is_uppercase);
        // `A. Montebourg`, `George W. Bush`, `M. Baupin`, `Mr. Key`: an initial or a title.
        let word = text[..i]
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '«' | '“' | '"' | '\'' | '’'))
            .next()
            .unwrap_or("");
        let short = c == '.' && (word.chars().count() == 1 && initial || abbreviation(&fold(word)));
        if !short && (rest.trim().is_empty() || starts_sentence(rest) || glued) {
            ends.push(end);
        }
    }
    for (q, inner) in quotes {
        if text[inner.clone()].trim_end().ends_with(['.', '!', '?', '…']) && starts_sentence(&text[q.end..]) {
            ends.push(q.end);
        }
    }
    ends.sort_unstable();
    ends.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for end in ends.into_iter().chain(std::iter::once(text.len())) {
        if end > start {
            out.push(start..end);
            start = end;
        }
    }
    out.into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            r.start + lead..r.end
        })
        .filter(|r| r.start < r.end)
        .collect()
}

/// How many words may stand between a cue and the `que`/`that` opening its clause
/// (`a déclaré jeudi à la presse que`).
const CLAUSE_OPENING_WINDOW: usize = 6;

/// How many words the subject of a main clause may have.
const SUBJECT_WORDS: usize = 6;

/// How many words a source after `selon`/`according to` may have before its comma.
const SOURCE_WORDS: usize = 8;

/// How far (in bytes and in words) around an organisation's mention a describing noun is
/// looked for.
const DESCRIPTION_REACH: usize = 60;
const DESCRIPTION_WORDS: usize = 4;

impl Finder<'_> {
    fn words(&self, range: &Range<usize>) -> usize {
        self.text[range.clone()].split_whitespace().count()
    }

    /// Token indices within a byte range.
    fn token_span(&self, range: &Range<usize>) -> Range<usize> {
        let a = self.toks.partition_point(|t| t.start < range.start);
        let b = self.toks.partition_point(|t| t.start < range.end);
        a..b
    }

    fn cues_in(&self, sentence: &Range<usize>, quotes: &[(Range<usize>, Range<usize>)]) -> Vec<Cue> {
        let span = self.token_span(sentence);
        let quoted = |k: usize| quotes.iter().any(|(q, _)| q.contains(&self.toks[k].start));
        let mut out = Vec::new();
        let mut k = span.start;
        while k < span.end {
            if quoted(k) {
                k += 1;
                continue;
            }
            if let Some(n) = self.cues.sources.iter().find_map(|s| {
                let n = s.len();
                (k + n <= span.end && (0..n).all(|j| self.folded[k + j] == s[j])).then_some(n)
            }) {
                out.push(Cue {
                    first: k,
                    last: k + n - 1,
                    kind: CueKind::Source,
                    pronoun: false,
                    gerund: false,
                });
                k += n;
                continue;
            }
            // `Pour le procureur fédéral, plus de 3 millions…`: an opinion's holder opening the sentence.
            if k == span.start && self.cues.opening_sources.contains(&self.folded[k]) {
                let after = self.toks[k].end;
                let holder = self.text[after..sentence.end].find(',').map(|c| after..after + c);
                if holder.is_some_and(|h| self.words(&h) <= SOURCE_WORDS / 2 && self.speaks(&h)) {
                    out.push(Cue {
                        first: k,
                        last: k,
                        kind: CueKind::Source,
                        pronoun: false,
                        gerund: false,
                    });
                    k += 1;
                    continue;
                }
            }
            let w = self.folded[k].as_str();
            // `United States`, `Daily Says`: a capitalised word inside a sentence is a name.
            if self.toks[k].is_capitalised() && !self.toks[k].sentence_start {
                k += 1;
                continue;
            }
            // `racontés`, `déclarée`: a participle agrees with its subject.
            let participle = [
                w,
                w.trim_end_matches('s'),
                w.trim_end_matches("es"),
                w.trim_end_matches('e'),
            ]
            .iter()
            .any(|p| self.cues.participles.contains(*p));
            if participle {
                // `a déclaré`, `a en outre souligné`, `a-t-il résumé`.
                // Compared with accents (`a`, not `à`), and in the same clause (no comma between).
                let aux = (k.saturating_sub(3).max(span.start)..k)
                    .rev()
                    .take_while(|&j| !self.text[self.toks[j].end..self.toks[k].start].contains([',', ';', ':', '.']))
                    .find(|&j| {
                        self.cues.auxiliaries.contains(&self.folded[j])
                            && !self.toks[j].text.to_lowercase().starts_with('à')
                    });
                if let Some(a) = aux {
                    let pronoun = self
                        .words
                        .inversion_suffixes
                        .iter()
                        .any(|x| self.folded[a].ends_with(x.as_str()));
                    out.push(Cue {
                        first: a,
                        last: k,
                        kind: CueKind::Verb,
                        pronoun,
                        gerund: false,
                    });
                    k += 1;
                    continue;
                }
            }
            let after_determiner = k > span.start && self.cues.determiners.contains(&self.folded[k - 1]);
            if self.cues.verbs.contains(w) && !after_determiner {
                out.push(Cue {
                    first: k,
                    last: k,
                    kind: CueKind::Verb,
                    pronoun: false,
                    gerund: false,
                });
            } else if let Some(verb) = self
                .words
                .inversion_suffixes
                .iter()
                .find_map(|x| w.strip_suffix(x.as_str()))
                && self.cues.verbs.contains(verb)
            {
                // `déclare-t-il`, `dit-elle`: the subject is the pronoun joined to the verb.
                out.push(Cue {
                    first: k,
                    last: k,
                    kind: CueKind::Verb,
                    pronoun: true,
                    gerund: false,
                });
            } else if self.words.reporting_gerunds.contains(w) {
                let marked = k > span.start && self.words.gerund_markers.contains(&self.folded[k - 1]);
                let after_comma = k > span.start && self.text[self.toks[k - 1].end..self.toks[k].start].contains(',');
                if marked || after_comma {
                    out.push(Cue {
                        first: if marked { k - 1 } else { k },
                        last: k,
                        kind: CueKind::Verb,
                        pronoun: false,
                        gerund: true,
                    });
                }
            }
            k += 1;
        }
        out
    }

    fn claims(&self, last: &mut Speaker) -> Vec<Claim> {
        let quotes = &self.quotes;
        let mut out = Vec::new();
        // Whether the sentence before reported something. A quotation opening a paragraph
        // goes on with the speaker before (tried: with the subject of the paragraph before,
        // it scored worse); inside a paragraph, after a sentence that reported nothing, with
        // that sentence's subject.
        let mut previous_reported = true;
        for sentence in &self.sentences {
            let before = out.len();
            self.sentence_claims(sentence, quotes, previous_reported, last, &mut out);
            previous_reported = out.len() > before;
        }
        out
    }

    fn sentence_claims(
        &self,
        sentence: &Range<usize>,
        quotes: &[(Range<usize>, Range<usize>)],
        previous_reported: bool,
        last: &mut Speaker,
        out: &mut Vec<Claim>,
    ) {
        let sentence = sentence.clone();
        let in_sentence: Vec<(Range<usize>, Range<usize>)> = quotes
            .iter()
            .filter(|(q, _)| sentence.start <= q.start && q.start < sentence.end)
            .cloned()
            .collect();
        let cues = self.cues_in(&sentence, &in_sentence);
        // A quotation is a statement when it is long enough, or a cue stands right by it
        // (`“C’est possible”, a déclaré Milley`); shorter ones are fragments of reported speech.
        let statements: Vec<&(Range<usize>, Range<usize>)> = in_sentence
            .iter()
            .filter(|(whole, inner)| {
                let attached = self.words(inner) >= 2 && cues.iter().any(|c| self.adjacent_cue(c, whole));
                (self.words(inner) >= 4 && !self.inside_reported_clause(&cues, whole)) || attached
            })
            .collect();
        if !statements.is_empty() {
            for (whole, inner) in statements {
                let cue = self.nearest_cue(&cues, whole);
                let speaker = match cue {
                    Some(c) => self.speaker_for(c, &sentence, Some(whole), last),
                    // No cue: the person named before the quotation in the sentence, else a
                    // long quotation continues the previous speaker.
                    None => match self.person_between(sentence.start, whole.start) {
                        Some(person) => person,
                        None if self.words(inner) >= 6 => {
                            // `Senator John Cornyn issued a statement. "Like many Texans…"`:
                            // after a sentence that reported nothing, its subject speaks.
                            let introduced = (!previous_reported)
                                .then(|| self.previous_subject(sentence.start))
                                .flatten();
                            match introduced {
                                Some(actor) => Speaker {
                                    actor: Some(actor),
                                    text: self.actors.actors[actor].name.clone(),
                                    how: Some(HowFound::CarriedOver),
                                },
                                None if !last.text.is_empty() => last.found(HowFound::CarriedOver),
                                None => continue,
                            }
                        }
                        None => continue,
                    },
                };
                out.push(self.claim(inner.clone(), cue, ClaimKind::Direct, &speaker));
                *last = speaker;
            }
            return;
        }
        // `Milley a déclaré que… et plusieurs sources ont déclaré que…`: each cue with a
        // `que` clause of its own reports up to the subject of the next one. Words that only
        // attribute quotations (`avait-il lancé`) report nothing without one (`ont lancé une offensive`).
        let cues: Vec<Cue> = cues
            .into_iter()
            .filter(|c| !self.cues.quote_only.contains(&self.folded[c.last]))
            .collect();
        let mut from = sentence.start;
        for (i, cue) in cues.iter().enumerate() {
            let next = cues[i + 1..]
                .iter()
                .find(|n| n.kind == CueKind::Verb && self.opens_clause(n, sentence.end))
                .filter(|_| self.opens_clause(cue, sentence.end));
            let until = next.map_or(sentence.end, |n| {
                self.next_subject_start(self.toks[cue.last].end, self.toks[n.first].start)
            });
            let part = from..until;
            let Some(text) = self.reported_clause(cue, &part) else {
                if next.is_none() {
                    break;
                }
                from = until;
                continue;
            };
            let text = text.start..self.trim_joint(text.start, text.end);
            let speaker = self.speaker_for(cue, &part, None, last);
            if speaker.text.is_empty() {
                break;
            }
            out.push(self.claim(text, Some(cue), ClaimKind::Indirect, &speaker));
            *last = speaker;
            if next.is_none() {
                break;
            }
            from = until;
        }
    }

    /// Where the subject of the next cue starts, in `… était un facilitateur d’ISIS-K et
    /// plusieurs sources ont déclaré`: after the last `et` followed by someone, else where
    /// `phrase_before` finds it.
    fn next_subject_start(&self, from: usize, to: usize) -> usize {
        let span = self.token_span(&(from..to));
        let joined = (span.start + 1..span.end.saturating_sub(1))
            .rev()
            .find(|&k| self.words.coordinators.contains(&self.folded[k]))
            .map(|k| self.toks[k + 1].start)
            .filter(|&at| self.names_someone(&(at..to)));
        joined.unwrap_or_else(|| self.phrase_before(from, to).map_or(to, |p| p.start))
    }

    /// Whether a cue is the first word of its sentence (`- Selon une étude, …`).
    fn opens(&self, cue: &Cue, sentence: &Range<usize>) -> bool {
        self.token_span(sentence).start == cue.first
    }

    /// Whether a verb cue is followed by its own `que`/`that` clause.
    fn opens_clause(&self, cue: &Cue, end: usize) -> bool {
        let span = self.token_span(&(self.toks[cue.last].end..end));
        span.clone()
            .take(CLAUSE_OPENING_WINDOW)
            .any(|k| self.cues.complementisers.contains(&self.folded[k]))
    }

    /// The end of a clause without the joint to the next one (`… nécessaire et`, `…,`).
    fn trim_joint(&self, start: usize, mut end: usize) -> usize {
        loop {
            let s = self.text[start..end].trim_end_matches([' ', ',', ';']);
            end = start + s.len();
            let span = self.token_span(&(start..end));
            match span.end.checked_sub(1) {
                Some(k) if k > span.start && self.cues.leading_words.contains(&self.folded[k]) => {
                    end = self.toks[k].start;
                }
                _ => return end,
            }
        }
    }

    fn claim(&self, range: Range<usize>, cue: Option<&Cue>, kind: ClaimKind, speaker: &Speaker) -> Claim {
        let cue_text = cue.map_or(String::new(), |c| {
            self.text[self.toks[c.first].start..self.toks[c.last].end].to_string()
        });
        Claim {
            how_found: speaker.how.unwrap_or(HowFound::Named),
            doc: self.doc,
            passage: 0,
            start: self.base + range.start,
            end: self.base + range.end,
            speaker: speaker.actor,
            speaker_text: speaker.text.clone(),
            cue: cue_text,
            kind,
            text: crate::corpus::sanitize_line(&self.text[range]),
        }
    }

    /// The cue closest to a quotation, outside it.
    fn nearest_cue<'c>(&self, cues: &'c [Cue], quote: &Range<usize>) -> Option<&'c Cue> {
        cues.iter().min_by_key(|c| {
            let at = self.toks[c.first].start;
            if at >= quote.end {
                at - quote.end
            } else {
                quote.start.saturating_sub(self.toks[c.last].end)
            }
        })
    }

    /// Whether a cue comes after what it reports (`…, a déclaré X`, `« … », selon X`), rather
    /// than after its subject (`X, porte-parole, a déclaré que…`).
    fn inverted(&self, cue: &Cue, sentence: &Range<usize>) -> bool {
        let cue_start = self.toks[cue.first].start;
        if cue.gerund {
            return false;
        }
        if cue.kind == CueKind::Source {
            return !self.opens(cue, sentence);
        }
        let gap = self.text[sentence.start..cue_start].trim_end();
        if gap.ends_with(['»', '”', '"']) {
            return true;
        }
        if !gap.ends_with([',', '.', ':']) {
            return false;
        }
        // `…, a déclaré la porte-parole, Maria Zakharova.`: the speaker follows and ends the
        // sentence. `Lavrov, a déclaré que…` and `Faye, said the strike…` introduce a clause.
        let Some(after) = self.phrase_after(self.toks[cue.last].end, sentence.end) else {
            return false;
        };
        let rest = &self.text[after.end..sentence.end];
        // `…, says they are looking at…`: a pronoun with more words after it opens a clause.
        let span = self.token_span(&after);
        let clause = span.len() > 1 && self.cues.pronouns.contains(&self.folded[span.start]);
        // `…, ont déclaré des sources proches du processus, mais la montée…`: the sentence
        // may go on after a comma and a conjunction.
        let rest_words = self.token_span(&(after.end..sentence.end));
        let goes_on = self.text[after.end..].trim_start().starts_with(',')
            && rest_words.start < rest_words.end
            && self.cues.leading_words.contains(&self.folded[rest_words.start]);
        !clause
            && (goes_on || rest.chars().all(|c| !c.is_alphanumeric()))
            && !rest.contains(['«', '“', '"'])
            && self.names_someone(&after)
    }

    /// A quotation inside reported speech (`a affirmé que cette action était un « geste »`):
    /// a fragment of the indirect claim, not a statement of its own.
    fn inside_reported_clause(&self, cues: &[Cue], quote: &Range<usize>) -> bool {
        // `…, qualifiant les talibans de brutaux : « … »`: a colon introduces a statement.
        if self.text[..quote.start].trim_end().ends_with(':') {
            return false;
        }
        cues.iter()
            .filter(|c| c.kind == CueKind::Verb && self.toks[c.last].end <= quote.start)
            .any(|c| {
                let between = self.token_span(&(self.toks[c.last].end..quote.start));
                between
                    .clone()
                    .position(|k| self.cues.complementisers.contains(&self.folded[k]))
                    .is_some_and(|at| between.start + at + 1 < between.end)
            })
    }

    /// A reporting verb right beside a quotation: `« … », a déclaré X` or `a déclaré : « … »`.
    fn adjacent_cue(&self, cue: &Cue, quote: &Range<usize>) -> bool {
        if cue.kind != CueKind::Verb {
            return false;
        }
        let (start, end) = (self.toks[cue.first].start, self.toks[cue.last].end);
        let between = if start >= quote.end {
            &self.text[quote.end..start]
        } else if end <= quote.start {
            &self.text[end..quote.start]
        } else {
            return false;
        };
        between.chars().all(|c| c.is_whitespace() || matches!(c, ',' | ':'))
    }

    /// The last person named between two offsets of the passage, as a speaker.
    fn person_between(&self, from: usize, to: usize) -> Option<Speaker> {
        self.mentions
            .iter()
            .map(|r| (r.actor, self.actors.mention(*r)))
            .rfind(|(a, m)| {
                let at = m.start - self.base;
                from <= at && at < to && self.actors.actors[*a].kind == ActorKind::Person
            })
            .map(|(a, m)| Speaker::named(a, m.text.clone()))
    }

    /// The words reported by an indirect claim.
    fn reported_clause(&self, cue: &Cue, sentence: &Range<usize>) -> Option<Range<usize>> {
        let cue_start = self.toks[cue.first].start;
        let cue_end = self.toks[cue.last].end;
        let end = sentence.end - self.text[sentence.clone()].len()
            + self.text[sentence.clone()].trim_end_matches(['.', ' ']).len();
        let range = if cue.kind == CueKind::Source && self.opens(cue, sentence) {
            // `Selon X, clause.`
            self.source_clause_start(cue_end, end)?..end
        } else if self.inverted(cue, sentence) {
            // `Clause, a déclaré X.` / `Clause, selon X.`
            let head = self.text[sentence.start..cue_start]
                .trim_end()
                .trim_end_matches([',', ' ']);
            sentence.start..sentence.start + head.len()
        } else {
            // `X a déclaré que clause.`
            let span = self.token_span(&(cue_end..end));
            // `said on Tuesday that…`; a `that` further on belongs to the clause
            // (`says iodine is added… in contravention of a recommendation that…`).
            let that = span
                .clone()
                .take(CLAUSE_OPENING_WINDOW)
                .find(|&k| self.cues.complementisers.contains(&self.folded[k]));
            let from = match that {
                Some(k) => self.toks[k].end,
                None => self.toks.get(span.start)?.start,
            };
            from..end
        };
        let s = self.text.get(range.clone()).filter(|_| range.start < range.end)?;
        let lead = s.len() - s.trim_start_matches([' ', ',', ':', '\'', '’']).len();
        let range = range.start + lead..range.end;
        (self.words(&range) >= 3).then_some(range)
    }

    /// Who speaks through a cue.
    fn speaker_for(&self, cue: &Cue, sentence: &Range<usize>, quote: Option<&Range<usize>>, last: &Speaker) -> Speaker {
        if cue.pronoun {
            // `a-t-il ajouté`, `a-t-elle précisé`: the pronoun is in the auxiliary.
            let aux = &self.folded[cue.first];
            let gender = aux.rsplit('-').next().and_then(|p| self.words.pronoun_gender(p));
            return self.pronoun_speaker(gender, self.base + self.toks[cue.first].start, last);
        }
        let cue_start = self.toks[cue.first].start;
        let cue_end = self.toks[cue.last].end;
        if cue.gerund {
            return self.main_subject(sentence.start, cue_start, last);
        }
        let after_quote = quote.is_some_and(|q| q.end <= cue_start);
        // `“…,” he told supporters`: a subject between the quotation and the verb.
        if let Some(q) = quote.filter(|q| q.end <= cue_start) {
            let between = self.text[q.end..cue_start]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '"' | '”' | '»'));
            if !between.is_empty() && between.split_whitespace().count() <= 4 {
                let from = cue_start
                    - self.text[q.end..cue_start]
                        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '"' | '”' | '»'))
                        .len();
                if let Some(p) = self.phrase_before(from, cue_start) {
                    return self.resolve(p, last);
                }
            }
        }
        let opening_source = cue.kind == CueKind::Source && self.opens(cue, sentence);
        let phrase = if opening_source {
            // `According to Rathbun the property…`: the source ends where the clause begins.
            let until = self.source_clause_start(cue_end, sentence.end).unwrap_or(sentence.end);
            self.phrase_after(cue_end, until)
        } else if cue.kind == CueKind::Source || after_quote || self.inverted(cue, sentence) {
            self.phrase_after(cue_end, sentence.end)
        } else {
            self.phrase_before(sentence.start, cue_start)
        };
        let Some(phrase) = phrase else {
            return last.found(HowFound::CarriedOver);
        };
        self.resolve(phrase, last)
    }

    /// Where the reported clause begins after an opening `Selon X`: after the comma that ends
    /// the source, or, with no such comma (`According to Rathbun the property was…`), after
    /// the first name of someone who can speak.
    fn source_clause_start(&self, cue_end: usize, end: usize) -> Option<usize> {
        let comma = self.text[cue_end..end].find(',').map(|c| cue_end + c + 1);
        if let Some(c) = comma.filter(|&c| self.words(&(cue_end..c)) <= SOURCE_WORDS) {
            // `Selon la fédération des banques, Febelfin, …`: an apposed name belongs to the source.
            let apposed = self.mentions.iter().map(|r| self.actors.mention(*r)).find(|m| {
                let at = m.start - self.base;
                at >= c && at < end && self.text[c..at].trim().is_empty()
            });
            if let Some(m) = apposed
                && self.text[m.end - self.base..end].starts_with(',')
            {
                return Some(m.end - self.base + 1);
            }
            return Some(c);
        }
        self.mentions
            .iter()
            .map(|r| (r.actor, self.actors.mention(*r)))
            .find(|(a, m)| {
                let at = m.start - self.base;
                at >= cue_end
                    && at < end
                    && self.words(&(cue_end..at)) <= SOURCE_WORDS / 2
                    && self.actors.actors[*a].kind != ActorKind::Place
            })
            .map(|(_, m)| m.end - self.base)
            .or(comma)
    }

    /// The subject of a sentence's main clause, for a gerund cue (`Le ministre, Manuel Valls,
    /// apportait son soutien à Montebourg, en affirmant que…`): a pronoun opening it, else its
    /// first person not after a preposition nor inside a quotation, else its first piece that
    /// names someone.
    fn main_subject(&self, from: usize, to: usize, last: &Speaker) -> Speaker {
        let outside = |at: usize| !self.quotes.iter().any(|(q, _)| q.contains(&at));
        let span = self.token_span(&(from..to));
        let mut k = span.start;
        while k < span.end && self.cues.leading_words.contains(&self.folded[k]) {
            k += 1;
        }
        if k < span.end && self.cues.pronouns.contains(&self.folded[k]) {
            return self.resolve(self.toks[k].start..self.toks[k].end, last);
        }
        let person = self
            .mentions
            .iter()
            .map(|r| (r.actor, self.actors.mention(*r)))
            .find(|(a, m)| {
                let at = m.start - self.base;
                from <= at
                    && at < to
                    && self.actors.actors[*a].kind == ActorKind::Person
                    && !self.after_preposition(from, at)
                    && outside(at)
            });
        if let Some((a, m)) = person {
            return Speaker::named(a, m.text.clone());
        }
        // `The Union of Rationalist Atheists (UAAR) has launched a petition…, asking`.
        let comma = self.text[from..to].find(',').map_or(to, |c| from + c);
        if let Some((at, end)) = self.speaking_mention_in(&(from..comma), false)
            && let Some(actor) = self.actor_of(self.base + at)
        {
            return Speaker::named(actor, self.text[at..end].to_string());
        }
        // The words before the main verb (`Le général lui-même a souligné…`).
        let verb = span.clone().skip(1).take(SUBJECT_WORDS).find(|&k| {
            let w = &self.folded[k];
            self.cues.auxiliaries.contains(w) || self.cues.verbs.contains(w) || self.cues.participles.contains(w)
        });
        let comma = self.text[from..to].find(',').map_or(to, |c| from + c);
        let subject_end = verb.map_or(comma, |k| self.toks[k].start.min(comma));
        match self
            .trimmed(from..subject_end)
            .filter(|p| self.names_someone(p) && self.words(p) <= SUBJECT_WORDS)
        {
            Some(p) => self.resolve(p, last),
            None => last.found(HowFound::CarriedOver),
        }
    }

    /// Whether an actor is mentioned within a range of the passage.
    fn has_mention(&self, r: &Range<usize>) -> bool {
        self.mentions.iter().any(|m| {
            let at = self.actors.mention(*m).start - self.base;
            r.start <= at && at < r.end
        })
    }

    /// The organisation an unnamed member or a common noun stands for (`la porte-parole de la
    /// fédération`, `un représentant du groupe`, `le parquet`): the last organisation named
    /// before in the document whose name has that noun, or that the text describes with it
    /// around one of its mentions (`la fédération des banques, Febelfin`, `le groupe Samsung`).
    fn described_organisation(&self, span: &Range<usize>, before: usize) -> Option<usize> {
        // The noun a definite article opens the phrase with (`le parquet`), or the one after
        // `de la`, `du`, `of the` following a role (`la porte-parole de la fédération`).
        let is_noun = |k: usize| {
            let w = self.folded[k].as_str();
            // `l’ONG`: a common acronym is a noun too.
            (w.len() >= 4 || self.words.common_acronyms.contains(w))
                && (!self.toks[k].is_capitalised() || !self.has_mention(&(self.toks[k].start..self.toks[k].end)))
                && !self.cues.source_nouns.contains(w)
                && !self.lexicon.roles.contains(w)
                && !self.words.government_nouns.contains(w)
                && !self.cues.pronouns.contains(w)
        };
        let definite = |k: usize| {
            self.cues.definite_articles.contains(&self.folded[k]) || self.lexicon.articles.contains(&self.folded[k])
        };
        let mut nouns: Vec<&str> = Vec::new();
        if span.len() >= 2 && self.cues.definite_articles.contains(&self.folded[span.start]) && is_noun(span.start + 1)
        {
            nouns.push(&self.folded[span.start + 1]);
        }
        let role = span.clone().find(|&k| {
            self.lexicon.roles.contains(&self.folded[k]) || self.cues.source_nouns.contains(&self.folded[k])
        });
        if let Some(r) = role {
            let mut k = r + 1;
            while k < span.end && (self.cues.prepositions.contains(&self.folded[k]) || definite(k)) {
                k += 1;
            }
            if k > r + 1 && k < span.end && definite(k - 1) && is_noun(k) {
                nouns.push(&self.folded[k]);
            }
        }
        if nouns.is_empty() {
            return None;
        }
        let organisation = |a: usize| {
            matches!(
                self.actors.actors[a].kind,
                ActorKind::Organisation | ActorKind::Media | ActorKind::Group
            )
        };
        let near = |start: usize, end: usize| -> Vec<String> {
            let mut lo = start.saturating_sub(DESCRIPTION_REACH);
            while !self.source.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (end + DESCRIPTION_REACH).min(self.source.len());
            while !self.source.is_char_boundary(hi) {
                hi += 1;
            }
            // The words right before the name (`le groupe Samsung`, `la fédération des banques,
            // Febelfin`) and an apposition right after it (`Febelfin, la fédération`).
            let before = self.source[lo..start].rsplit(['.', '\n', ';']).next().unwrap_or("");
            let after = self.source[end..hi].split(['.', '\n', ';']).next().unwrap_or("");
            let after = after.trim_start().strip_prefix(',').unwrap_or("");
            let before_words = tokens(before);
            let mut words: Vec<String> = before_words
                .iter()
                .rev()
                .take(DESCRIPTION_WORDS)
                .map(|t| fold(t.text))
                .collect();
            words.extend(tokens(after).iter().take(DESCRIPTION_WORDS).map(|t| fold(t.text)));
            words
        };
        let singular = |w: &str| w.trim_end_matches('s').to_string();
        self.actors
            .by_doc
            .get(self.doc)?
            .iter()
            .rev()
            .map(|r| (r.actor, self.actors.mention(*r)))
            .filter(|(a, m)| m.start < before && organisation(*a))
            .find(|(a, m)| {
                let actor = &self.actors.actors[*a];
                let mut words: Vec<String> = std::iter::once(&actor.name)
                    .chain(&actor.aliases)
                    .flat_map(|n| tokens(n).iter().map(|t| singular(&fold(t.text))).collect::<Vec<_>>())
                    .collect();
                words.extend(near(m.start, m.end).iter().map(|w| singular(w)));
                nouns.iter().any(|n| words.contains(&singular(n)))
            })
            .map(|(a, _)| a)
    }

    /// The noun phrase after a cue, up to punctuation; `à X` complements skipped, and a
    /// following apposition (`…, John Bolton`) taken in.
    fn phrase_after(&self, from: usize, limit: usize) -> Option<Range<usize>> {
        let rest = &self.text[from..limit];
        // `a indiqué V. Sapounov`: the period of an initial does not end the phrase.
        let stop = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, ',' | ':' | ';' | '«' | '“' | '"' | '(')
                    || c == '.' && {
                        let mut before = rest[..i].chars().rev();
                        let initial = before.next().is_some_and(char::is_uppercase)
                            && before.next().is_none_or(|b| !b.is_alphanumeric());
                        !initial
                    }
            })
            .map_or(rest.len(), |(i, _)| i);
        let mut end = from + stop;
        if rest[stop..].starts_with(',') {
            let next = end + 1;
            let apposed = self.mentions.iter().map(|r| self.actors.mention(*r)).find(|m| {
                m.start >= self.base + next
                    && m.start - self.base < limit
                    && self.text[next..m.start - self.base].trim().is_empty()
            });
            if let Some(m) = apposed {
                let kind = self.actors.actors[self.actor_of(m.start)?].kind;
                let m_range = m.start - self.base..(m.end - self.base).min(limit);
                if kind == ActorKind::Person {
                    end = m_range.end;
                } else if kind != ActorKind::Place && !self.has_mention(&(from..end)) {
                    // `Selon la fédération des banques, Febelfin, …`: the name of what was described.
                    return Some(m_range);
                }
            }
        }
        let mut span = self.token_span(&(from..end));
        while span.start < span.end && self.cues.leading_words.contains(&self.folded[span.start]) {
            span.start += 1;
        }
        // Compared with accents: `a` (has) is not `à` (to).
        let to_word = |k: usize| {
            let w = self.toks[k].text.to_lowercase();
            w != "a" && self.cues.addressee_prepositions.contains(&fold(&w))
        };
        // `a déclaré à Les actualites l’ancien conseiller…`: the complement is not the speaker.
        if span.start < span.end && to_word(span.start) {
            let det = (span.start + 2..span.end).find(|&k| self.cues.determiners.contains(&self.folded[k]));
            if let Some(k) = det {
                span.start = k;
            }
        } else if let Some(k) = (span.start + 1..span.end).find(|&k| to_word(k)) {
            // `ont déclaré les responsables à Les actualites`.
            span.end = k;
        }
        (span.start < span.end).then(|| self.toks[span.start].start..self.toks[span.end - 1].end)
    }

    /// The subject before a cue. The clause is cut at commas into pieces; the piece right
    /// before the verb is its subject when it names someone who can speak. When it only
    /// describes someone (`Nadim Houry, responsable de l’organisation, précise`, `Mu Li, of
    /// the University of NSW, said`) or is a relative pronoun (`Arnaud Montebourg, le
    /// ministre, qui a déclaré`), the subject is the name the description is apposed to.
    fn phrase_before(&self, from: usize, to: usize) -> Option<Range<usize>> {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut start = from;
        for (i, c) in self.text[from..to].char_indices() {
            if matches!(c, ',' | ':' | ';' | '»' | '”' | '(' | ')') {
                pieces.push(start..from + i);
                start = from + i + c.len_utf8();
            }
        }
        pieces.push(start..to);
        pieces.retain(|r| self.text[r.clone()].chars().any(char::is_alphanumeric));
        let mut last = pieces.pop()?;
        // `Claude Bartolone, président de l’Assemblée, a fait procéder au vote et a déclaré`:
        // a predicate joined by `et` shares the subject before it.
        while !pieces.is_empty() && self.ends_with_coordinator(&last) && !self.names_someone(&last) {
            last = pieces.pop()?;
        }
        let relative = {
            let span = self.token_span(&last);
            span.len() == 1 && self.words.relative_pronouns.contains(&self.folded[span.start])
        };
        let last_names = !relative && self.names_someone(&last);
        // The head of the subject: its first person not after a preposition (`Lydia
        // Buchtmann for Food Standards Australia`).
        let subject = self
            .mentions
            .iter()
            .map(|m| (m.actor, self.actors.mention(*m)))
            .map(|(a, m)| (a, m.start - self.base, m.end - self.base))
            .find(|&(a, at, end)| {
                last.start <= at
                    && end <= last.end
                    && self.actors.actors[a].kind == ActorKind::Person
                    && !self.after_preposition(last.start, at)
                    && !self.possessor(end)
            });
        let indefinite = {
            let span = self.token_span(&last);
            span.start < span.end && self.cues.indefinite_articles.contains(&self.folded[span.start])
        };
        if let Some((_, at, end)) = subject.filter(|_| last_names && (!indefinite || pieces.is_empty())) {
            let before = self.token_span(&(last.start..at));
            // Keep a short title with the name (`le premier ministre Jean-Marc Ayrault`).
            return if before.len() <= 4 {
                self.trimmed(last.start..end)
            } else {
                Some(at..end)
            };
        }
        // An apposition or a relative pronoun: the nearest earlier piece with a person, else
        // with someone who can speak.
        let describes = relative || (last_names && self.is_description(&last));
        if describes {
            for people_only in [true, false] {
                if let Some(piece) = pieces
                    .iter()
                    .rev()
                    .take(3)
                    .find(|r| self.speaking_mention_in(r, people_only).is_some())
                {
                    let (m_start, m_end) = self.speaking_mention_in(piece, people_only)?;
                    return Some(m_start..m_end);
                }
            }
        }
        if last_names {
            return self.trimmed(last);
        }
        let piece = pieces.iter().rev().find(|r| self.names_someone(r))?.clone();
        self.trimmed(piece)
    }

    /// Whether a name ending at `end` owns what follows (`New Zealand’s Prime Minister`).
    fn possessor(&self, end: usize) -> bool {
        let rest = &self.text[end..];
        rest.starts_with("'s ") || rest.starts_with("’s ") || rest.starts_with("' ") || rest.starts_with("’ ")
    }

    /// A title written short (`Mr`, `Dr`, `Gen`): no sentence ends on its period.
    fn abbreviation(&self, folded: &str) -> bool {
        folded.len() <= 4 && (self.words.honorific(folded).is_some() || self.lexicon.roles.contains(folded))
    }

    fn ends_with_coordinator(&self, r: &Range<usize>) -> bool {
        let span = self.token_span(r);
        span.end > span.start && self.words.coordinators.contains(&self.folded[span.end - 1])
    }

    fn trimmed(&self, piece: Range<usize>) -> Option<Range<usize>> {
        let mut span = self.token_span(&piece);
        while span.start < span.end && self.cues.leading_words.contains(&self.folded[span.start]) {
            span.start += 1;
        }
        (span.start < span.end).then(|| self.toks[span.start].start..self.toks[span.end - 1].end)
    }

    /// A piece that describes rather than names: it opens with a determiner, a role or a
    /// lower-case word, and names no person.
    fn is_description(&self, r: &Range<usize>) -> bool {
        let span = self.token_span(r);
        // `Paul Dewar, an Ottawa New Democrat MP, said`: an indefinite phrase describes.
        let indefinite = span.start < span.end && self.cues.indefinite_articles.contains(&self.folded[span.start]);
        span.start < span.end
            && (indefinite
                || self
                    .speaking_mention_in(r, true)
                    .is_none_or(|(at, _)| self.after_preposition(r.start, at)))
    }

    /// The last mention in a piece of someone who can speak (a person; or, unless
    /// `people_only`, an organisation, state, group or medium), not the object of a
    /// preposition (`à l’AFP`, `on Facebook`, `de Toulouse`): its byte range in the passage.
    fn speaking_mention_in(&self, r: &Range<usize>, people_only: bool) -> Option<(usize, usize)> {
        self.mentions
            .iter()
            .map(|m| (m.actor, self.actors.mention(*m)))
            .filter(|(a, m)| {
                let at = m.start - self.base;
                let kind = self.actors.actors[*a].kind;
                r.start <= at
                    && m.end - self.base <= r.end
                    && if people_only {
                        kind == ActorKind::Person
                    } else {
                        kind != ActorKind::Place && !self.after_preposition(r.start, at)
                    }
            })
            .map(|(_, m)| (m.start - self.base, m.end - self.base))
            .next_back()
    }

    /// Whether a preposition stands before the word at `at`, within the piece (`de Toulouse`).
    fn after_preposition(&self, piece_start: usize, at: usize) -> bool {
        let k = self.toks.partition_point(|t| t.start < at);
        (k > 0 && self.toks[k - 1].start >= piece_start) && {
            let is_preposition =
                |w: &String| self.cues.prepositions.contains(w) || self.words.channel_prepositions.contains(w);
            let w = &self.folded[k - 1];
            // `de l’AFP`: an elided article between.
            is_preposition(w)
                || (self.cues.definite_articles.contains(w)
                    && k >= 2
                    && self.toks[k - 2].start >= piece_start
                    && is_preposition(&self.folded[k - 2]))
        }
    }

    /// Whether a phrase names someone by a role, a source noun or a speaking actor (not by a
    /// pronoun alone: `Pour lui` is too weak to open a claim).
    fn speaks(&self, r: &Range<usize>) -> bool {
        let span = self.token_span(r);
        span.clone().any(|k| {
            let w = &self.folded[k];
            self.cues.source_nouns.contains(w)
                || self.lexicon.roles.contains(w)
                || self.words.government_nouns.contains(w)
        }) || self.speaking_mention_in(r, false).is_some()
    }

    /// Whether a phrase names a speaker: as `speaks`, or by a pronoun.
    fn names_someone(&self, r: &Range<usize>) -> bool {
        self.token_span(r).any(|k| self.cues.pronouns.contains(&self.folded[k])) || self.speaks(r)
    }

    fn actor_of(&self, start: usize) -> Option<usize> {
        self.mentions
            .iter()
            .find(|r| self.actors.mention(**r).start == start)
            .map(|r| r.actor)
    }

    /// Who a pronoun stands for: the previous speaker when a person of that gender (or a
    /// group for `ils`/`they`), else the last person of that gender named before.
    fn pronoun_speaker(&self, gender: Option<Gender>, at: usize, last: &Speaker) -> Speaker {
        let fits = |a: usize| {
            let actor = &self.actors.actors[a];
            match gender {
                Some(Gender::Plural) => actor.kind != ActorKind::Place,
                Some(g) => actor.kind == ActorKind::Person && self.gender_of(a).is_none_or(|x| x == g),
                None => actor.kind == ActorKind::Person,
            }
        };
        // The subject of the sentence before, when it is a person (`Rathbun requested
        // donations… He described…`), else the previous speaker.
        if gender != Some(Gender::Plural)
            && let Some(actor) = self.previous_subject(at - self.base).filter(|&a| fits(a))
        {
            return Speaker {
                actor: Some(actor),
                text: self.actors.actors[actor].name.clone(),
                how: Some(HowFound::Pronoun),
            };
        }
        if last.actor.is_some_and(fits)
            || (last.actor.is_none() && !last.text.is_empty() && gender == Some(Gender::Plural))
        {
            return last.found(HowFound::Pronoun);
        }
        let before = self
            .actors
            .by_doc
            .get(self.doc)
            .into_iter()
            .flatten()
            .rev()
            .find(|r| self.actors.mention(**r).start < at && fits(r.actor));
        match before {
            Some(r) => Speaker {
                actor: Some(r.actor),
                text: self.actors.actors[r.actor].name.clone(),
                how: Some(HowFound::Pronoun),
            },
            None => last.found(HowFound::Pronoun),
        }
    }

    /// The person who is the subject of the sentence before the one at `at` (in the passage):
    /// its first person not after a preposition (`Autre avocat d’Yvan Colonna, Gilles Simeoni a…`).
    /// In the first sentence of a passage, the sentence before is the last of the passage
    /// before (`Le maire, Michael Bloomberg, appelle à voter…` ¶ `« … » déclare-t-il`).
    fn previous_subject(&self, at: usize) -> Option<usize> {
        let all = &self.sentences;
        let current = all.iter().position(|r| r.start <= at && at < r.end.max(r.start + 1))?;
        match current.checked_sub(1) {
            Some(prev) => self.subject_of(&all[prev], &self.quotes),
            None => self.subject_before,
        }
    }

    /// The subject of the passage's last sentence, for the passage after.
    fn last_subject(&self) -> Option<usize> {
        self.subject_of(self.sentences.last()?, &self.quotes)
    }

    /// The first person of a sentence not after a preposition nor inside a quotation.
    fn subject_of(&self, prev: &Range<usize>, quotes: &[(Range<usize>, Range<usize>)]) -> Option<usize> {
        self.mentions
            .iter()
            .map(|r| (r.actor, self.actors.mention(*r)))
            .find(|(a, m)| {
                let pos = m.start - self.base;
                prev.start <= pos
                    && pos < prev.end
                    && self.actors.actors[*a].kind == ActorKind::Person
                    && !self.after_preposition(prev.start, pos)
                    && !quotes.iter().any(|(q, _)| q.contains(&pos))
            })
            .map(|(a, _)| a)
    }

    /// A person's gender, from an honorific or a gendered role before one of its mentions
    /// (`Mme`, `la ministre`, `Mrs`), when the text gives one.
    fn gender_of(&self, actor: usize) -> Option<Gender> {
        self.actors.actors[actor].mentions.iter().find_map(|m| {
            let role = m.role.as_deref().map(fold)?;
            let first = role.split_whitespace().next()?;
            self.words.honorific(first).flatten().or(match first {
                w if self.cues.feminine_articles.contains(w) => Some(Gender::Female),
                w if self.cues.masculine_articles.contains(w) => Some(Gender::Male),
                _ => None,
            })
        })
    }

    /// A phrase to a speaker: a person named in it, a pronoun for the previous speaker, a
    /// definite role for the person last given that role, an unnamed government for the
    /// document's state, else the phrase itself as an anonymous source (linked to an actor
    /// it names).
    fn resolve(&self, phrase: Range<usize>, last: &Speaker) -> Speaker {
        let text = crate::corpus::sanitize_line(self.text[phrase.clone()].trim_end_matches(['*', ' ']));
        let inside: Vec<usize> = self
            .mentions
            .iter()
            .filter(|r| {
                let m = self.actors.mention(**r);
                phrase.start <= m.start - self.base && m.end - self.base <= phrase.end
            })
            .map(|r| r.actor)
            .collect();
        let span = self.token_span(&phrase);
        let first = span.start;
        if let Some(&person) = inside
            .iter()
            .rev()
            .find(|a| self.actors.actors[**a].kind == ActorKind::Person)
        {
            let name = self.actors.actors[person].name.clone();
            return Speaker::named(person, if self.words(&phrase) <= 4 { text } else { name });
        }
        if first < self.toks.len() && self.cues.pronouns.contains(&self.folded[first]) {
            let gender = self.words.pronoun_gender(&self.folded[first]);
            let mut found = self.pronoun_speaker(gender, self.base + phrase.start, last);
            if found.text.is_empty() {
                found.text = text;
            }
            return found;
        }
        let definite = first < self.toks.len() && self.cues.definite_articles.contains(&self.folded[first]);
        if definite && inside.is_empty() && span.len() <= 4 {
            if span
                .clone()
                .any(|k| self.words.government_nouns.contains(&self.folded[k]))
                && let Some(state) = self.state
            {
                return Speaker {
                    actor: Some(state),
                    text,
                    how: Some(HowFound::Role),
                };
            }
            let role = span.clone().find(|&k| {
                self.lexicon.roles.contains(&self.folded[k]) || self.cues.source_nouns.contains(&self.folded[k])
            });
            if let Some(k) = role {
                if let Some(person) = self.person_with_role(&self.folded[k], self.base + phrase.start) {
                    return Speaker {
                        actor: Some(person),
                        text,
                        how: Some(HowFound::Role),
                    };
                }
                if !last.text.is_empty() && self.lexicon.roles.contains(&self.folded[k]) {
                    return Speaker {
                        actor: last.actor,
                        text,
                        how: Some(HowFound::Role),
                    };
                }
            }
        }
        // `la porte-parole de la fédération`: an unnamed member speaks for the organisation.
        if inside.is_empty()
            && span.len() <= 6
            && let Some(org) = self.described_organisation(&span, self.base + phrase.start)
        {
            return Speaker {
                actor: Some(org),
                text,
                how: Some(HowFound::Role),
            };
        }
        // A named organisation, state or medium speaking (`Febelfin a rappelé`).
        if let Some((m_start, _)) = self.speaking_mention_in(&phrase, false)
            && let Some(actor) = self.actor_of(self.base + m_start)
            && self.token_span(&(phrase.start..m_start)).len() <= 2
        {
            return Speaker::named(actor, text);
        }
        // An anonymous source belongs to the actor its first words name (`un porte-parole des talibans`).
        let head_end = self
            .toks
            .get((first + 5).min(span.end.saturating_sub(1)))
            .map_or(phrase.end, |t| t.end);
        let head: Vec<usize> = self
            .mentions
            .iter()
            .filter(|r| {
                let m = self.actors.mention(**r);
                phrase.start <= m.start - self.base
                    && m.end - self.base <= head_end
                    && self.actors.actors[r.actor].kind != ActorKind::Place
            })
            .map(|r| r.actor)
            .collect();
        let actor = head.first().copied().or_else(|| self.demonym_actor(span));
        let short: String = text.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
        Speaker {
            actor,
            text: short,
            how: Some(HowFound::Anonymous),
        }
    }

    /// The person most recently introduced with this role in the document (`le général` → Milley).
    fn person_with_role(&self, role: &str, before: usize) -> Option<usize> {
        self.actors
            .by_doc
            .get(self.doc)?
            .iter()
            .rev()
            .map(|r| (r, self.actors.mention(*r)))
            .filter(|(_, m)| m.start < before)
            .find(|(_, m)| {
                m.role
                    .as_deref()
                    .is_some_and(|x| fold(x).split_whitespace().any(|w| w == role))
            })
            .map(|(r, _)| r.actor)
    }

    /// `un responsable américain` → the actor whose lexicon names include `Américains`.
    fn demonym_actor(&self, span: Range<usize>) -> Option<usize> {
        for k in span {
            let w = &self.folded[k];
            if w.len() < 4 || self.toks[k].is_capitalised() {
                continue;
            }
            let plural = format!("{}s", w.trim_end_matches('s'));
            let entry = self
                .lexicon
                .entries
                .iter()
                .position(|e| e.aliases.iter().any(|a| fold(a) == plural))?;
            let name = &self.lexicon.entries[entry].name;
            if let Some(a) = self.actors.actors.iter().position(|a| &a.name == name) {
                return Some(a);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_in_every_form_outer_only() {
        let text = "Il a dit « oui “vraiment” » puis “non” et \"peut-être\" et ‘sure’, l’État.";
        let inner: Vec<&str> = quotations(text).into_iter().map(|(_, i)| &text[i]).collect();
        assert_eq!(inner, vec!["oui “vraiment”", "non", "peut-être", "sure"]);
    }

    #[test]
    fn sentences_do_not_break_inside_quotes() {
        let text = "Il a dit : « Un. Deux. » Puis il part.";
        let q = quotations(text);
        let s: Vec<&str> = sentences(text, &q, &|_| false).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, vec!["Il a dit : « Un. Deux. »", "Puis il part."]);
    }
}

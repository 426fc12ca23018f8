//! Claims: who said what. Direct quotes in every typographic form the press uses, and reported
//! speech introduced by a cue (`a déclaré`, `selon X`, `said`, `according to`), each attributed
//! to a speaker: an actor, or an anonymous source as the text names it, linked to the actor it
//! belongs to when the phrase names one.

use super::actors::{Actors, MentionRef};
use super::lexicon::{ActorKind, Lexicon};
use super::text::{Token, fold, tokens};
use crate::corpus::Corpus;
use serde::Deserialize;
use std::collections::HashSet;
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
}

#[derive(Debug, Clone, Deserialize)]
struct CuesFile {
    participles_fr: Vec<String>,
    auxiliaries_fr: Vec<String>,
    verbs_fr: Vec<String>,
    verbs_en: Vec<String>,
    sources: Vec<String>,
    pronouns: Vec<String>,
    source_nouns: Vec<String>,
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
}

impl Cues {
    pub fn parse(text: &str) -> Result<Cues, toml::de::Error> {
        let f: CuesFile = toml::from_str(text)?;
        let set = |v: &[String]| v.iter().map(|w| fold(w)).collect::<HashSet<_>>();
        Ok(Cues {
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
        })
    }

    pub fn embedded() -> Cues {
        // Checked by the test suite; a failure here is a build defect.
        Cues::parse(include_str!("../../assets/cues.toml")).unwrap_or_else(|e| panic!("embedded cues: {e}"))
    }
}

/// Determiners before which a verb is a noun (`le juge`, `une note`).
const DETERMINERS: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "du", "the", "a", "an", "this", "ce", "cette",
];
/// Words dropped from the start of a speaker phrase (`Mais il`, `déclare ainsi le spécialiste`).
const LEADING_WORDS: &[&str] = &[
    "mais",
    "et",
    "or",
    "donc",
    "ainsi",
    "notamment",
    "encore",
    "aussi",
    "egalement",
    "enfin",
    "alors",
    "but",
    "and",
    "so",
    "also",
];
/// Words that open the reported clause after a cue.
const COMPLEMENTISERS: &[&str] = &["que", "qu'", "that"];

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
}

/// The speaker carried from one claim to the next (`il a ajouté`).
#[derive(Debug, Clone, Default)]
struct Speaker {
    actor: Option<usize>,
    text: String,
}

/// Finds the claims of a corpus, in document and text order.
pub fn extract(corpus: &Corpus, actors: &Actors, lexicon: &Lexicon, cues: &Cues) -> Vec<Claim> {
    let mut out = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        let mut last = Speaker::default();
        for (p, passage) in doc.content() {
            if passage.kind != crate::corpus::PassageKind::Body {
                continue;
            }
            let text = doc.text(passage);
            let mentions: Vec<MentionRef> = actors.in_passage(d, p).collect();
            let mut finder = Finder {
                text,
                base: passage.start,
                toks: tokens(text),
                folded: Vec::new(),
                actors,
                lexicon,
                cues,
                mentions,
                doc: d,
            };
            finder.folded = finder.toks.iter().map(|t| fold(t.text)).collect();
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
    base: usize,
    toks: Vec<Token<'a>>,
    folded: Vec<String>,
    actors: &'a Actors,
    lexicon: &'a Lexicon,
    cues: &'a Cues,
    mentions: Vec<MentionRef>,
    doc: usize,
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
fn sentences(text: &str, quotes: &[(Range<usize>, Range<usize>)]) -> Vec<Range<usize>> {
    let inside = |i: usize| quotes.iter().any(|(q, _)| q.start < i && i < q.end);
    let starts_sentence = |rest: &str| {
        let trimmed = rest.trim_start();
        trimmed.len() < rest.len()
            && trimmed
                .chars()
                .next()
                .is_some_and(|n| n.is_uppercase() || matches!(n, '«' | '“' | '"'))
    };
    let mut ends: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') || inside(i) {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = &text[end..];
        let glued = rest.chars().next().is_some_and(char::is_uppercase);
        if rest.trim().is_empty() || starts_sentence(rest) || glued {
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
                });
                k += n;
                continue;
            }
            let w = self.folded[k].as_str();
            if self.cues.participles.contains(w) {
                // `a déclaré`, `a en outre souligné`, `a-t-il résumé`.
                let aux = (k.saturating_sub(3).max(span.start)..k)
                    .rev()
                    .find(|&j| self.cues.auxiliaries.contains(&self.folded[j]));
                if let Some(a) = aux {
                    let pronoun = self.folded[a].contains("-t-")
                        || self.folded[a].ends_with("-ils")
                        || self.folded[a].ends_with("-elles");
                    out.push(Cue {
                        first: a,
                        last: k,
                        kind: CueKind::Verb,
                        pronoun,
                    });
                    k += 1;
                    continue;
                }
            }
            let after_determiner = k > span.start && DETERMINERS.contains(&self.folded[k - 1].as_str());
            if self.cues.verbs.contains(w) && !after_determiner {
                out.push(Cue {
                    first: k,
                    last: k,
                    kind: CueKind::Verb,
                    pronoun: false,
                });
            }
            k += 1;
        }
        out
    }

    fn claims(&self, last: &mut Speaker) -> Vec<Claim> {
        let quotes = quotations(self.text);
        let mut out = Vec::new();
        for sentence in sentences(self.text, &quotes) {
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
                            None if self.words(inner) >= 6 && !last.text.is_empty() => last.clone(),
                            None => continue,
                        },
                    };
                    out.push(self.claim(inner.clone(), cue, ClaimKind::Direct, &speaker));
                    *last = speaker;
                }
                continue;
            }
            let Some(cue) = cues.first() else { continue };
            let Some(text) = self.reported_clause(cue, &sentence) else {
                continue;
            };
            let speaker = self.speaker_for(cue, &sentence, None, last);
            if speaker.text.is_empty() {
                continue;
            }
            out.push(self.claim(text, Some(cue), ClaimKind::Indirect, &speaker));
            *last = speaker;
        }
        out
    }

    fn claim(&self, range: Range<usize>, cue: Option<&Cue>, kind: ClaimKind, speaker: &Speaker) -> Claim {
        let cue_text = cue.map_or(String::new(), |c| {
            self.text[self.toks[c.first].start..self.toks[c.last].end].to_string()
        });
        Claim {
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
        if cue.kind == CueKind::Source {
            return cue_start > sentence.start;
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
        rest.chars().all(|c| !c.is_alphanumeric()) && !rest.contains(['«', '“', '"']) && self.names_someone(&after)
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
                    .position(|k| COMPLEMENTISERS.contains(&self.folded[k].as_str()))
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
            .map(|(a, m)| Speaker {
                actor: Some(a),
                text: m.text.clone(),
            })
    }

    /// The words reported by an indirect claim.
    fn reported_clause(&self, cue: &Cue, sentence: &Range<usize>) -> Option<Range<usize>> {
        let cue_start = self.toks[cue.first].start;
        let cue_end = self.toks[cue.last].end;
        let end = sentence.end - self.text[sentence.clone()].len()
            + self.text[sentence.clone()].trim_end_matches(['.', ' ']).len();
        let range = if cue.kind == CueKind::Source && cue_start == sentence.start {
            // `Selon X, clause.`
            let comma = self.text[cue_end..end].find(',')? + cue_end + 1;
            comma..end
        } else if self.inverted(cue, sentence) {
            // `Clause, a déclaré X.` / `Clause, selon X.`
            let head = self.text[sentence.start..cue_start]
                .trim_end()
                .trim_end_matches([',', ' ']);
            sentence.start..sentence.start + head.len()
        } else {
            // `X a déclaré que clause.`
            let span = self.token_span(&(cue_end..end));
            let that = span
                .clone()
                .find(|&k| COMPLEMENTISERS.contains(&self.folded[k].as_str()));
            let from = match that {
                Some(k) => self.toks[k].end,
                None => self.toks.get(span.start)?.start,
            };
            from..end
        };
        let s = self.text.get(range.clone()).filter(|_| range.start < range.end)?;
        let lead = s.len() - s.trim_start_matches([' ', ',', ':']).len();
        let range = range.start + lead..range.end;
        (self.words(&range) >= 3).then_some(range)
    }

    /// Who speaks through a cue.
    fn speaker_for(&self, cue: &Cue, sentence: &Range<usize>, quote: Option<&Range<usize>>, last: &Speaker) -> Speaker {
        if cue.pronoun {
            return last.clone();
        }
        let cue_start = self.toks[cue.first].start;
        let cue_end = self.toks[cue.last].end;
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
        let phrase = if cue.kind == CueKind::Source || after_quote || self.inverted(cue, sentence) {
            self.phrase_after(cue_end, sentence.end)
        } else {
            self.phrase_before(sentence.start, cue_start)
        };
        let Some(phrase) = phrase else { return last.clone() };
        self.resolve(phrase, last)
    }

    /// The noun phrase after a cue, up to punctuation; `à X` complements skipped, and a
    /// following apposition (`…, John Bolton`) taken in.
    fn phrase_after(&self, from: usize, limit: usize) -> Option<Range<usize>> {
        let rest = &self.text[from..limit];
        let stop = rest
            .find([',', '.', ':', ';', '«', '“', '"', '('])
            .unwrap_or(rest.len());
        let mut end = from + stop;
        if rest[stop..].starts_with(',') {
            let next = end + 1;
            let apposed = self
                .mentions
                .iter()
                .map(|r| self.actors.mention(*r))
                .find(|m| m.start >= self.base + next && self.text[next..m.start - self.base].trim().is_empty());
            if let Some(m) = apposed
                && self.actors.actors[self.actor_of(m.start)?].kind == ActorKind::Person
            {
                end = (m.end - self.base).min(limit);
            }
        }
        let mut span = self.token_span(&(from..end));
        while span.start < span.end && LEADING_WORDS.contains(&self.folded[span.start].as_str()) {
            span.start += 1;
        }
        let to_word = |k: usize| matches!(self.toks[k].text.to_lowercase().as_str(), "à" | "au" | "aux" | "to");
        // `a déclaré à Les actualites l’ancien conseiller…`: the complement is not the speaker.
        if span.start < span.end && to_word(span.start) {
            let det = (span.start + 2..span.end).find(|&k| DETERMINERS.contains(&self.folded[k].as_str()));
            if let Some(k) = det {
                span.start = k;
            }
        } else if let Some(k) = (span.start + 1..span.end).find(|&k| to_word(k)) {
            // `ont déclaré les responsables à Les actualites`.
            span.end = k;
        }
        (span.start < span.end).then(|| self.toks[span.start].start..self.toks[span.end - 1].end)
    }

    /// The subject before a cue: the comma-separated piece that names someone.
    fn phrase_before(&self, from: usize, to: usize) -> Option<Range<usize>> {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut start = from;
        for (i, c) in self.text[from..to].char_indices() {
            if matches!(c, ',' | ':' | ';' | '»' | '”') {
                pieces.push(start..from + i);
                start = from + i + c.len_utf8();
            }
        }
        pieces.push(start..to);
        let piece = pieces.iter().rev().find(|r| self.names_someone(r))?.clone();
        let mut span = self.token_span(&piece);
        while span.start < span.end && LEADING_WORDS.contains(&self.folded[span.start].as_str()) {
            span.start += 1;
        }
        (span.start < span.end).then(|| self.toks[span.start].start..self.toks[span.end - 1].end)
    }

    /// Whether a phrase names a speaker: an actor (not a place), a source noun, a role, a pronoun.
    fn names_someone(&self, r: &Range<usize>) -> bool {
        let span = self.token_span(r);
        span.clone().any(|k| {
            let w = &self.folded[k];
            self.cues.source_nouns.contains(w) || self.cues.pronouns.contains(w) || self.lexicon.roles.contains(w)
        }) || self.mentions.iter().any(|m| {
            r.contains(&(self.actors.mention(*m).start - self.base))
                && self.actors.actors[m.actor].kind != ActorKind::Place
        })
    }

    fn actor_of(&self, start: usize) -> Option<usize> {
        self.mentions
            .iter()
            .find(|r| self.actors.mention(**r).start == start)
            .map(|r| r.actor)
    }

    /// A phrase to a speaker: a person named in it, a pronoun for the previous speaker, a
    /// definite role for the person last given that role, else the phrase itself (linked to
    /// an actor it names).
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
            return Speaker {
                actor: Some(person),
                text: if self.words(&phrase) <= 4 { text } else { name },
            };
        }
        if first < self.toks.len() && self.cues.pronouns.contains(&self.folded[first]) {
            if !last.text.is_empty() {
                return last.clone();
            }
            // No one has spoken yet: the person last named before the pronoun.
            if let Some(person) = self.person_named_before(self.base + phrase.start) {
                return Speaker {
                    actor: Some(person),
                    text,
                };
            }
        }
        let definite =
            first < self.toks.len() && matches!(self.folded[first].as_str(), "le" | "la" | "the" | "ce" | "cette");
        if definite && inside.is_empty() && span.len() <= 4 {
            let role = span.clone().find(|&k| {
                self.lexicon.roles.contains(&self.folded[k]) || self.cues.source_nouns.contains(&self.folded[k])
            });
            if let Some(k) = role {
                if let Some(person) = self.person_with_role(&self.folded[k], self.base + phrase.start) {
                    return Speaker {
                        actor: Some(person),
                        text,
                    };
                }
                if !last.text.is_empty() {
                    return Speaker {
                        actor: last.actor,
                        text,
                    };
                }
            }
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
                phrase.start <= m.start - self.base && m.end - self.base <= head_end
            })
            .map(|r| r.actor)
            .collect();
        let actor = head.first().copied().or_else(|| self.demonym_actor(span));
        let short: String = text.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
        Speaker { actor, text: short }
    }

    /// The person last named in the document before an offset.
    fn person_named_before(&self, before: usize) -> Option<usize> {
        self.actors
            .by_doc
            .get(self.doc)?
            .iter()
            .rev()
            .find(|r| self.actors.mention(**r).start < before && self.actors.actors[r.actor].kind == ActorKind::Person)
            .map(|r| r.actor)
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
        let s: Vec<&str> = sentences(text, &q).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, vec!["Il a dit : « Un. Deux. »", "Puis il part."]);
    }
}

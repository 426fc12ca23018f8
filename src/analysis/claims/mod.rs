//! Claims: who said what. Direct quotes in every typographic form the press uses, and reported
//! speech introduced by a cue (`a déclaré`, `selon X`, `said`, `according to`), each attributed
//! to a speaker: an actor, or an anonymous source as the text names it, linked to the actor it
//! belongs to when the phrase names one.

use super::HashSet;
use super::actors::{Actors, MentionRef};
use super::lang::{self, Gender, LangWords};
use super::lexicon::{ActorKind, Lexicon};
use super::text::{Folded, Token, fold, tokens};
use crate::corpus::Corpus;
use serde::Deserialize;
use std::ops::Range;

mod cues;
mod phrases;
mod sentences;
mod speakers;

pub use cues::Cues;
use cues::{Cue, CueKind};

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
    /// Short words are held inline (no allocation of their own for most claims).
    pub speaker_text: compact_str::CompactString,
    /// The reporting words (`a déclaré`, `selon`, `said`); empty when a quote stands alone.
    pub cue: compact_str::CompactString,
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
    /// Its words as the reader and the tables show them: a direct quotation in « », reported
    /// speech as it is.
    pub fn quoted(&self) -> String {
        match self.kind {
            ClaimKind::Direct => format!("« {} »", self.text),
            ClaimKind::Indirect => self.text.clone(),
        }
    }

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
    use rayon::prelude::*;
    // Documents are independent: each on a core, the claims kept in corpus order.
    let per_document: Vec<Vec<Claim>> = (0..corpus.documents.len())
        .into_par_iter()
        .map(|d| document_claims(corpus, d, actors, lexicon, cues))
        .collect();
    // One allocation of the exact size: growing by doubling would keep up to twice the room.
    let mut all = Vec::with_capacity(per_document.iter().map(Vec::len).sum());
    for claims in per_document {
        all.extend(claims);
    }
    all
}

/// The claims of document `d`, in text order.
fn document_claims(corpus: &Corpus, d: usize, actors: &Actors, lexicon: &Lexicon, cues: &Cues) -> Vec<Claim> {
    let doc = &corpus.documents[d];
    let mut out = Vec::new();
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
            folded: Folded::default(),
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
        finder.folded = Folded::of(&finder.toks);
        // A period inside a name does not end a sentence (`the U.S. Department of Agriculture`).
        let in_name = |i: usize| {
            finder.mentions.iter().any(|r| {
                let m = finder.actors.mention(*r);
                m.start - finder.base <= i && i + 1 < m.end - finder.base
            })
        };
        let split = sentences(text, &finder.quotes, &|w, i| finder.abbreviation(w) || in_name(i));
        finder.sentences = split;
        subject_before = finder.last_subject();
        for mut claim in finder.claims(&mut last) {
            claim.doc = d;
            claim.passage = p;
            out.push(claim);
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
    folded: Folded<'a>,
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
    // A quotation mark is `"` or opens with byte C2 (`«` `»`) or E2 (`“` `”` `‘` `’`): only
    // those bytes are looked at, the characters around them decoded as needed.
    for i in memchr::memchr3_iter(b'"', 0xC2, 0xE2, text.as_bytes()) {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        if !matches!(c, '«' | '»' | '“' | '”' | '‘' | '’' | '"') {
            continue;
        }
        let prev = text[..i].chars().next_back().unwrap_or(' ');
        let next = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
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
/// `abbreviation` says after which word, and at which byte, a period does not end a sentence
/// (`M.`, `Mr.`, `Dr.`, inside a name).
fn sentences(
    text: &str,
    quotes: &[(Range<usize>, Range<usize>)],
    abbreviation: &dyn Fn(&str, usize) -> bool,
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
    let bytes = text.as_bytes();
    // Sentence ends are ASCII but `…`: found by byte searches. Each is judged on its own, and
    // the ends are sorted below.
    let marks = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .map(|i| (i, char::from(bytes[i])))
        .chain(memchr::memmem::find_iter(bytes, "…".as_bytes()).map(|i| (i, '…')));
    for (i, c) in marks {
        if inside(i) {
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
        let short = c == '.' && (word.chars().count() == 1 && initial || abbreviation(&fold(word), i));
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
        let s: Vec<&str> = sentences(text, &q, &|_, _| false)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(s, vec!["Il a dit : « Un. Deux. »", "Puis il part."]);
    }
}

//! Actors: who appears in the corpus. Mentions are found by rules (capitalised names with
//! their particles, acronyms, roles that introduce people, the lexicon's aliases), checked
//! against corpus statistics (a word seen in lower case is not a name), then merged into one
//! actor per entity (case, accents, plurals, surnames, acronyms, the lexicon's aliases).

use super::lang::{self, LangWords};
use super::lexicon::{ActorKind, Lexicon};
use super::text::{Token, fold, only_space_between, tokens};
use super::{HashMap, HashSet};
use crate::corpus::{Corpus, PassageKind};

/// One place where an actor is named.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Index of the document in the corpus.
    pub doc: usize,
    pub passage: usize,
    /// Byte offsets in the original file.
    pub start: usize,
    pub end: usize,
    /// The exact words of the text.
    pub text: String,
    /// The role that introduces the person here (`général américain`), if any.
    pub role: Option<String>,
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
        self.by_doc
            .get(doc)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |r| self.mention(*r).passage == passage)
    }
}

/// Auxiliaries and verbs that end a role phrase: `le général a dit que Milley…` gives Milley no role.
const CLAUSE_BREAKS: &[&str] = &[
    "a", "ont", "est", "sont", "était", "avait", "sera", "a-t-il", "a-t-elle", "qui", "que", "qu’", "qu'", "mais",
    "et", "was", "is", "are", "were", "has", "have", "had", "said", "says", "who", "that", "and", "but",
];
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
struct Vocabulary {
    lower: HashSet<String>,
    capitalised: HashSet<String>,
    /// How often each folded word is capitalised mid-sentence.
    capitalised_count: HashMap<String, u32>,
}

fn vocabulary(corpus: &Corpus) -> Vocabulary {
    let mut vocab = Vocabulary {
        lower: HashSet::default(),
        capitalised: HashSet::default(),
        capitalised_count: HashMap::default(),
    };
    for doc in &corpus.documents {
        for p in doc.passages.iter().filter(|p| p.kind == PassageKind::Body) {
            for t in tokens(doc.text(p)) {
                if t.is_capitalised() {
                    if !t.sentence_start {
                        insert_folded(&mut vocab.capitalised, t.text);
                        *vocab.capitalised_count.entry(fold(t.text)).or_default() += 1;
                    }
                } else if t.text.chars().next().is_some_and(char::is_alphabetic) {
                    insert_folded(&mut vocab.lower, t.text);
                }
            }
        }
    }
    vocab
}

fn insert_folded(set: &mut HashSet<String>, word: &str) {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        if !set.contains(word) {
            set.insert(word.to_string());
        }
    } else {
        set.insert(fold(word));
    }
}

/// Finds and merges the actors of a corpus.
pub fn extract(corpus: &Corpus, lexicon: &Lexicon) -> Actors {
    let vocab = vocabulary(corpus);
    let mut builders: Vec<Builder> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
    for (d, doc) in corpus.documents.iter().enumerate() {
        let words = lang::words(lang::of_document(doc));
        for (p, passage) in doc.analysed() {
            let text = doc.text(passage);
            let detector = Detector::new(text, lexicon, words, &vocab, passage.kind == PassageKind::Heading);
            for mut found in detector.run() {
                // A full name the detector found on its own (`President Joe Biden`, the title
                // left out) is still the lexicon's actor when the lexicon names it.
                if found.lexicon.is_none() && found.key_tokens.len() >= 2 && found.votes.best() != ActorKind::Place {
                    found.lexicon = lexicon.entry_named(&found.key_tokens);
                }
                let key = match found.lexicon {
                    Some(e) => format!("\u{0}lex{e}"),
                    None => found.key_tokens.join(" "),
                };
                if lexicon.not_actors.contains(&fold(&found.surface)) || lexicon.not_actors.contains(&key) {
                    continue;
                }
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
                let b = &mut builders[at];
                // One strong use (a full name, a role) makes the key a name everywhere.
                b.weak &= found.weak;
                b.thing |= found.thing;
                *b.surfaces.entry(found.surface.clone()).or_default() += 1;
                b.votes.merge(&found.votes);
                b.mentions.push(Mention {
                    doc: d,
                    passage: p,
                    start: passage.start + found.start,
                    end: passage.start + found.end,
                    text: found.surface,
                    role: found.role,
                });
            }
        }
    }
    let builders = merge(builders, lexicon, &vocab);
    finish(builders, lexicon, corpus.documents.len())
}

/// What the detector found at one place.
#[derive(Debug, Clone)]
struct Found {
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

struct Detector<'a> {
    text: &'a str,
    toks: Vec<Token<'a>>,
    folded: Vec<String>,
    lexicon: &'a Lexicon,
    words: &'a LangWords,
    vocab: &'a Vocabulary,
    heading: bool,
}

impl<'a> Detector<'a> {
    fn new(text: &'a str, lexicon: &'a Lexicon, words: &'a LangWords, vocab: &'a Vocabulary, heading: bool) -> Self {
        let toks = tokens(text);
        let folded = toks.iter().map(|t| fold(t.text)).collect();
        Detector {
            text,
            toks,
            folded,
            lexicon,
            words,
            vocab,
            heading,
        }
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        only_space_between(self.text, self.toks[a].end, self.toks[b].start)
    }

    fn is_name_token(&self, i: usize) -> bool {
        let t = &self.toks[i];
        (t.is_capitalised() || t.is_acronym())
            && t.text.chars().next().is_some_and(char::is_alphabetic)
            && !self.is_contraction(i)
    }

    /// `I’m`, `We'll`: a pronoun and a verb, never a name.
    fn is_contraction(&self, i: usize) -> bool {
        self.folded[i]
            .rsplit_once('\'')
            .is_some_and(|(_, end)| self.words.contraction_endings.contains(end))
    }

    /// The longest lexicon alias starting at token `i`: (token count, entry).
    fn alias_at(&self, i: usize) -> Option<(usize, usize)> {
        let patterns = self.lexicon.patterns.get(&self.folded[i])?;
        patterns.iter().find_map(|p| {
            let n = p.tokens.len();
            if i + n > self.toks.len()
                || (p.capitalised && !self.is_name_token(i))
                || (p.acronym && !self.toks[i].is_acronym())
            {
                return None;
            }
            let same = (0..n).all(|k| self.folded[i + k] == p.tokens[k] && (k == 0 || self.adjacent(i + k - 1, i + k)));
            same.then_some((n, p.entry))
        })
    }

    /// The run of capitalised words (with particles between them) starting at `i`: end index.
    fn name_run(&self, i: usize) -> usize {
        self.run_from(i, i + 1)
    }

    /// Extends a name that starts at `start` and ends before `end` over capitalised words and
    /// particles that lead to one (`de`, `de l’`: `Communauté des États de l’Afrique de l’Ouest`).
    /// An article alone joins nothing (`Rathbun the Scientology`), and a person's full name
    /// ends before `of` (`Nick Rhodes of Duran Duran`, where `Museum of Flight` goes on).
    fn run_from(&self, start: usize, mut end: usize) -> usize {
        let n = self.toks.len();
        while end < n && self.adjacent(end - 1, end) {
            if self.is_name_token(end) {
                end += 1;
                continue;
            }
            let particle =
                |k: usize| k < n && self.lexicon.particles.contains(&self.folded[k]) && self.adjacent(k - 1, k);
            if self.lexicon.bare_articles.contains(&self.folded[end]) || self.affiliation_at(start, end) {
                break;
            }
            let mut k = end;
            while k < end + 2 && particle(k) {
                k += 1;
            }
            if k > end && k < n && self.adjacent(k - 1, k) && self.is_name_token(k) {
                end = k + 1;
            } else {
                break;
            }
        }
        end
    }

    /// `Carlo De Benedetti of Italy`: two or more name words ending on one that is no common
    /// word (a surname), with no institution word, then an organisation particle (`of`, `for`).
    fn affiliation_at(&self, start: usize, end: usize) -> bool {
        let lex = self.lexicon;
        end >= start + 2
            && lex.organisation_particles.contains(&self.folded[end])
            && !self.toks[end - 1].is_acronym()
            && !self.words.is_common_word(&self.folded[end - 1])
            && self.folded[start..end].iter().all(|w| {
                !lex.organisation_words.contains(w)
                    && !lex.media_words.contains(w)
                    && !lex.group_words.contains(w)
                    && !lex.roles.contains(w)
            })
    }

    fn is_stop(&self, i: usize) -> bool {
        self.lexicon.stopwords.contains(&self.folded[i])
    }

    fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        // Where the last actor ended: a role is never looked for behind it.
        let mut floor = 0;
        while i < self.toks.len() {
            if let Some((n, entry)) = self.alias_at(i).filter(|&(n, _)| !self.number_follows(i + n)) {
                // A longer name wins by one word (`Trump Tower`); two more words are another name
                // (`à Sputnik Georges Lefeuvre`).
                let run_end = if self.is_name_token(i) { self.name_run(i) } else { i + n };
                if run_end != i + n + 1 {
                    out.push(self.lexicon_found(i, i + n, entry, floor));
                    i += n;
                    if self.lexicon.entries[entry].kind == ActorKind::Person {
                        floor = i;
                    }
                    continue;
                }
            }
            if !self.is_name_token(i) {
                i += 1;
                continue;
            }
            let mut end = self.name_run(i);
            // `NASA Administrator Charles Bolden`: an acronym before a title is an actor of its own.
            if let Some(r) = (i + 1..end).find(|&k| self.lexicon.roles.contains(&self.folded[k]))
                && self.toks[i..r].iter().all(|t| t.is_acronym())
            {
                end = r;
            }
            let mut a = i;
            while a < end && (self.is_stop(a) || self.lexicon.particles.contains(&self.folded[a])) {
                // A capitalised article mid-sentence is part of the name (`selon Le Monde`).
                let article_in_name = !self.toks[a].sentence_start
                    && self.lexicon.articles.contains(&self.folded[a])
                    && self.toks[a].is_capitalised()
                    && a + 1 < end;
                if article_in_name {
                    break;
                }
                a += 1;
            }
            if a > i && a < end {
                // `Le Pakistan`, `Selon le Washington Post`: look again without the leading words.
                if let Some((n, entry)) = self.alias_at(a).filter(|(n, _)| a + n >= end) {
                    out.push(self.lexicon_found(a, a + n, entry, floor));
                    i = a + n;
                    continue;
                }
            }
            if let Some(found) = self.generic(a, end, floor) {
                let end = found.end_token;
                if found.votes.best() == ActorKind::Person {
                    floor = end;
                }
                out.push(found);
                i = end.max(i + 1);
            } else {
                i = end;
            }
        }
        out
    }

    /// `France 3`, `Europe 1`: a number right after a name makes another name.
    fn number_follows(&self, k: usize) -> bool {
        k < self.toks.len() && self.adjacent(k - 1, k) && self.toks[k].text.chars().all(|c| c.is_ascii_digit())
    }

    fn lexicon_found(&self, a: usize, b: usize, entry: usize, floor: usize) -> Found {
        let surface = self.surface(a, b);
        let mut found = Found {
            end_token: b,
            start: self.toks[a].start,
            end: self.toks[b - 1].end,
            key_tokens: Vec::new(),
            lexicon: Some(entry),
            role: None,
            votes: Votes::default(),
            acronym: false,
            weak: false,
            thing: false,
            surface,
        };
        let e = &self.lexicon.entries[entry];
        // A capital city after `à`/`in` is a place, not the state speaking (`à Moscou`).
        let place_use = e.kind == ActorKind::State
            && !self.lexicon.from_user.get(entry).copied().unwrap_or(false)
            && a > 0
            && matches!(self.toks[a - 1].text, "à" | "À" | "in" | "at")
            && fold(&e.name) != self.folded[a..b].join(" ")
            && !self.toks[a].is_acronym();
        if place_use {
            found.lexicon = None;
            found.key_tokens = key_tokens(&self.folded[a..b], self.toks[a..b].iter().all(|t| t.is_acronym()));
            found.votes.add(ActorKind::Place, 5);
        } else if e.kind == ActorKind::Person {
            found.role = self.role_before(a, floor);
        }
        found
    }

    /// A capitalised run that no lexicon entry names.
    fn generic(&self, mut a: usize, mut b: usize, floor: usize) -> Option<Found> {
        // `Because I`: a name does not end on a particle or a function word.
        while b > a
            && (self.lexicon.particles.contains(&self.folded[b - 1])
                || self.is_stop(b - 1)
                || self.words.not_names.contains(&self.folded[b - 1]))
        {
            b -= 1;
        }
        // `Members of the Sea Org`: a common word that opens the sentence
        // (and is never capitalised elsewhere) is not part of the name.
        // Only before a particle: `Mark Rathbun` opens a sentence with a first name.
        if b - a >= 3
            && self.toks[a].sentence_start
            && self.sentence_word(a)
            && self.lexicon.particles.contains(&self.folded[a + 1])
        {
            a += 1;
            while a < b && (self.lexicon.particles.contains(&self.folded[a]) || self.is_stop(a)) {
                a += 1;
            }
        }
        if a >= b {
            return None;
        }
        // `ministère de l’Intérieur`, `Ministry of the Interior`: the lower-case institution
        // word before is part of the name.
        let mut k = a;
        while k > 0 && a - k < 2 && self.lexicon.particles.contains(&self.folded[k - 1]) && self.adjacent(k - 1, k) {
            k -= 1;
        }
        if k < a
            && k > 0
            && self.adjacent(k - 1, k)
            && !self.toks[k - 1].is_capitalised()
            && self.lexicon.organisation_words.contains(&self.folded[k - 1])
        {
            a = k - 1;
        }
        // `Banque centrale européenne de l’Ouest`: past an adjective tail the name may go on.
        loop {
            let tail = self.adjective_tail(b);
            if tail == b {
                break;
            }
            b = self.run_from(a, tail);
        }
        let mut role = None;
        // `Museum of Flight CEO`: a title after a name is not part of it.
        while b - a > 1 && self.lexicon.roles.contains(&self.folded[b - 1]) {
            b -= 1;
        }
        // `Defense Secretary Lloyd Austin`, `General Mark Milley`: the title is not the name.
        // `Director of the National Iodine Nutrition Study`: a name after `of` is what the
        // title is about, not who holds it.
        let mut of_role = false;
        if let Some(r) = (a..b - 1).rev().find(|k| self.lexicon.roles.contains(&self.folded[*k])) {
            of_role = self.lexicon.particles.contains(&self.folded[r + 1]);
            let mut name_from = r + 1;
            // `Governor of Washington Chris Gregoire`, `Minister of Education Stefania
            // Giannini`: with no article, one word completes the title and a full name follows.
            if of_role && r + 2 < b && !self.lexicon.articles.contains(&self.folded[r + 2]) && b - (r + 2) >= 3 {
                of_role = false;
                name_from = r + 3;
            }
            if !of_role {
                role = Some(self.surface(a, name_from));
            }
            a = name_from;
            while a < b && self.lexicon.particles.contains(&self.folded[a]) {
                a += 1;
            }
        }
        if a >= b {
            return None;
        }
        let role_before = self.role_noun_before(a, floor, ROLE_WINDOW);
        let department =
            role.is_none() && !of_role && a > 0 && self.role_noun_before(a, floor, DEPARTMENT_WINDOW).is_some();
        if department && self.is_department_word(a, b) {
            // `le secrétaire à la Défense Lloyd Austin`: `Défense` belongs to the role.
            if b - a >= 3 {
                a += 1;
                while a < b && self.lexicon.particles.contains(&self.folded[a]) {
                    a += 1;
                }
            } else {
                return None;
            }
        }
        let single = b - a == 1;
        let word = &self.folded[a];
        if single
            && (self.is_stop(a)
                || self.lexicon.roles.contains(word)
                || self.lexicon.demonym_adjectives.contains(word)
                || self.words.not_names.contains(word))
        {
            return None;
        }
        // `Canadians`, `les Français`, `South Korean`: people of a nation, not an actor.
        if self.words.is_demonym(&self.folded[a..b].join(" ")) {
            return None;
        }
        let acronym = self.toks[a..b].iter().all(|t| t.is_acronym());
        // `STS-133` is the `STS` of a thing.
        let bare = word.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
        if single && acronym && (self.words.common_acronyms.contains(word) || self.words.common_acronyms.contains(bare))
        {
            return None;
        }
        let honorific = a > 0 && self.adjacent_or_dot(a - 1, a) && self.words.honorific(&self.folded[a - 1]).is_some();
        if single
            && !acronym
            && !self.toks[a].text.chars().any(char::is_lowercase)
            && self.toks[a].text.chars().count() < 2
        {
            return None;
        }
        // A lone capitalised word opening a sentence is a name only if the corpus capitalises it elsewhere.
        if single && !acronym && self.toks[a].sentence_start && !honorific {
            let w = &self.folded[a];
            if !self.vocab.capitalised.contains(w) || self.vocab.lower.contains(w) {
                return None;
            }
        }
        if self.heading && single && !self.vocab.capitalised.contains(&self.folded[a]) {
            return None;
        }
        // `président de la communauté juive de Toulouse`: a name after `de` completes the
        // role, it is not the person holding it.
        let complement = of_role
            || a > 0 && {
                let prev = &self.folded[a - 1];
                self.lexicon.particles.contains(prev) || self.lexicon.place_prepositions.contains(prev)
            };
        if role.is_none() && !complement {
            role = role_before.map(|k| self.role_text(k, a));
        }
        let weak = single && !acronym && role.is_none() && !honorific && self.common_word_here(a);
        let mut votes = Votes::default();
        self.vote(a, b, role.is_some() || honorific, acronym, &mut votes);
        // `le maire de New York`, `Director of the National Iodine Nutrition Study`: what a
        // title is about is a place or an institution, and the title may still go to the name
        // after it (`…, Michael Bloomberg`).
        if complement && (of_role || role_before.is_some()) {
            votes.add(ActorKind::Organisation, 2);
        }
        let thing = !acronym && self.names_a_thing(a, b);
        Some(Found {
            end_token: b,
            start: self.toks[a].start,
            end: self.toks[b - 1].end,
            surface: self.surface(a, b),
            key_tokens: key_tokens(&self.folded[a..b], acronym),
            lexicon: None,
            role,
            votes,
            acronym: acronym && single,
            weak,
            thing,
        })
    }

    /// A capitalised common word that is not a name here: not an institution's word (`Sénat`),
    /// and not a word the corpus keeps capitalising without an article (`on Twitter`).
    fn common_word_here(&self, a: usize) -> bool {
        let w = &self.folded[a];
        let lex = self.lexicon;
        if !self.words.is_common_word(w)
            || (lex.organisation_words.contains(w) && !self.words.government_nouns.contains(w))
            || lex.media_words.contains(w)
            || lex.group_words.contains(w)
        {
            return false;
        }
        let article = a > 0 && lex.articles.contains(&self.folded[a - 1]);
        let usually_capitalised =
            self.vocab.capitalised_count.get(w).copied().unwrap_or(0) >= 3 && !self.vocab.lower.contains(w);
        article || !usually_capitalised
    }

    /// A capitalised common word opening a sentence, never capitalised inside one in the corpus.
    fn sentence_word(&self, a: usize) -> bool {
        let w = &self.folded[a];
        self.words.is_common_word(w)
            && !self.vocab.capitalised.contains(w)
            && !self.lexicon.roles.contains(w)
            && !self.lexicon.organisation_words.contains(w)
    }

    /// `M. Dupont`, `Mr Smith`: only a space or a dot between two tokens.
    fn adjacent_or_dot(&self, a: usize, b: usize) -> bool {
        self.text
            .get(self.toks[a].end..self.toks[b].start)
            .is_some_and(|gap| gap.chars().all(|c| c == '.' || c == ' ' || c == '\u{a0}'))
    }

    /// `Hurricane Sandy`, `l’ouragan Sandy`, `Space Shuttle Atlantis`, `Clean Air Act`: a name
    /// headed by a common noun of things.
    fn names_a_thing(&self, a: usize, b: usize) -> bool {
        let lex = self.lexicon;
        let words = &self.folded[a..b];
        if words
            .iter()
            .any(|w| lex.organisation_words.contains(w) || lex.media_words.contains(w) || lex.group_words.contains(w))
        {
            return false;
        }
        let head_before = a > 0 && self.adjacent(a - 1, a) && {
            let prev = &self.toks[a - 1];
            !prev.is_capitalised() && self.words.thing_heads.contains(&self.folded[a - 1])
        };
        let head_inside = words.len() >= 2 && words.iter().any(|w| self.words.thing_heads.contains(w));
        let tail = words.len() >= 2 && self.words.thing_tails.contains(&words[words.len() - 1]);
        head_before || head_inside || tail
    }

    /// `Banque centrale européenne`, `Rassemblement national`: an institution's name goes on
    /// through its lower-case adjectives.
    fn adjective_tail(&self, b: usize) -> usize {
        let institution = |w: &str| self.lexicon.organisation_words.contains(w) || self.lexicon.group_words.contains(w);
        let mut end = b;
        if !institution(&self.folded[b - 1]) {
            return b;
        }
        while end < self.toks.len() && end < b + 2 && self.adjacent(end - 1, end) && is_adjective(&self.toks[end]) {
            end += 1;
        }
        end
    }

    /// A capitalised word that names a department in a role (`des Affaires étrangères`).
    fn is_department_word(&self, a: usize, b: usize) -> bool {
        let prev = &self.folded[a - 1];
        let after_article = matches!(
            prev.as_str(),
            "la" | "le" | "l'" | "de" | "du" | "des" | "d'" | "a" | "au" | "aux" | "of" | "the" | "for"
        );
        let lowercase_next = b < self.toks.len() && self.adjacent(b - 1, b) && !self.is_name_token(b);
        after_article && (b - a >= 3 || self.vocab.lower.contains(&self.folded[a]) || lowercase_next)
    }

    /// The role noun that introduces the name at `a`, at most `window` words back, in the
    /// same sentence and clause, and no further back than `floor`.
    fn role_noun_before(&self, a: usize, floor: usize, window: usize) -> Option<usize> {
        let lowest = a.saturating_sub(window).max(floor);
        for k in (lowest..a).rev() {
            if k + 1 < a && self.toks[k + 1].sentence_start {
                return None;
            }
            if self.lexicon.roles.contains(&self.folded[k]) {
                return Some(k);
            }
            // Compared with accents: `a` (has) ends a clause, `à` (to) does not.
            let w = self.toks[k].text.to_lowercase();
            if CLAUSE_BREAKS.contains(&w.as_str()) {
                return None;
            }
        }
        None
    }

    fn role_before(&self, a: usize, floor: usize) -> Option<String> {
        self.role_noun_before(a, floor, ROLE_WINDOW)
            .map(|k| self.role_text(k, a))
    }

    fn role_text(&self, k: usize, a: usize) -> String {
        let raw = &self.text[self.toks[k].start..self.toks[a - 1].end];
        super::super::corpus::sanitize_line(raw.trim_end_matches([',', ' ']))
    }

    fn surface(&self, a: usize, b: usize) -> String {
        self.text[self.toks[a].start..self.toks[b - 1].end].to_string()
    }

    fn vote(&self, a: usize, b: usize, has_role: bool, acronym: bool, votes: &mut Votes) {
        let words = &self.folded[a..b];
        let prev = a.checked_sub(1).map(|p| self.folded[p].as_str());
        let lex = self.lexicon;
        if has_role {
            votes.add(ActorKind::Person, 3);
        }
        // `New Zealand's Prime Minister`, `Apple's chief executive`: who has a title is an
        // institution or a state.
        let possessive =
            b < self.toks.len() && matches!(self.folded[b].as_str(), "s" | "'s") && !self.adjacent(b - 1, b);
        if possessive && (b + 1..(b + 4).min(self.toks.len())).any(|k| lex.roles.contains(&self.folded[k])) {
            votes.add(ActorKind::Organisation, 3);
        }
        if words.iter().any(|w| lex.organisation_words.contains(w)) {
            votes.add(ActorKind::Organisation, 2);
        }
        if words.iter().any(|w| lex.media_words.contains(w)) {
            votes.add(ActorKind::Media, 2);
        }
        if words.iter().any(|w| lex.group_words.contains(w)) {
            votes.add(ActorKind::Group, 2);
        }
        if prev.is_some_and(|p| lex.media_cues.contains(p)) {
            votes.add(ActorKind::Media, 3);
        }
        // `la ville de Toulouse`, `the city of Boston`, `la région Grand Est`.
        let place_noun = (a.saturating_sub(3)..a).any(|k| lex.place_nouns.contains(&self.folded[k]));
        if place_noun {
            votes.add(ActorKind::Place, 4);
        }
        let article = prev.is_some_and(|p| lex.articles.contains(p));
        let place = prev.is_some_and(|p| lex.place_prepositions.contains(p));
        if acronym {
            votes.add(ActorKind::Organisation, 1);
        } else if place {
            votes.add(ActorKind::Place, 1);
        } else if article {
            votes.add(
                if b - a == 1 {
                    ActorKind::State
                } else {
                    ActorKind::Organisation
                },
                1,
            );
        } else if b - a == 1 {
            // A lone unknown word is as often a place or a firm as a surname; surnames join
            // their full names when merged.
            votes.add(ActorKind::Organisation, 1);
        } else if words.iter().any(|w| lex.organisation_particles.contains(w)) {
            // `Control of Iodine Deficiency Disorders`, `Museum of Flight`.
            votes.add(ActorKind::Organisation, 2);
        } else {
            votes.add(ActorKind::Person, 1);
        }
    }
}

/// A lower-case word with an adjective ending (`centrale`, `national`, `islamique`, `unies`).
fn is_adjective(t: &Token) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ale", "aux", "ique", "ien", "ienne", "ain", "aine", "ais", "aise", "el", "elle", "if", "ive", "ois",
        "oise", "éen", "éenne", "iste", "aire", "unies", "unis", "ial", "iale", "ional", "ionale", "ate", "ic", "an",
    ];
    let w = t.text;
    w.chars().next().is_some_and(char::is_lowercase) && w.chars().count() > 3 && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// The grouping key of a name: folded words, plural `s` dropped (`talibans` = `taliban`).
fn key_tokens(folded: &[String], acronym: bool) -> Vec<String> {
    folded
        .iter()
        .map(|w| {
            let w = w.trim_end_matches('*');
            if !acronym && w.len() > 3 && (w.ends_with('s') || w.ends_with('x')) {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Merges surnames into full names and acronyms into their expansions.
fn merge(mut builders: Vec<Builder>, lexicon: &Lexicon, vocab: &Vocabulary) -> Vec<Builder> {
    mark_countable(&mut builders, vocab);
    let mut target: Vec<Option<usize>> = vec![None; builders.len()];
    for i in 0..builders.len() {
        let b = &builders[i];
        if b.lexicon.is_some() || b.key_tokens.len() != 1 {
            continue;
        }
        let word = &b.key_tokens[0];
        // `Atlantis` after `Space Shuttle Atlantis`: the same thing.
        let thing = (0..builders.len()).find(|&j| {
            j != i
                && builders[j].thing
                && builders[j].key_tokens.len() > 1
                && builders[j].key_tokens.last() == Some(word)
        });
        if let Some(j) = thing {
            target[i] = Some(j);
            continue;
        }
        let candidates: Vec<usize> = (0..builders.len())
            .filter(|&j| j != i && builders[j].key_tokens.len() > 1)
            .filter(|&j| {
                let other = &builders[j];
                if b.acronym {
                    initials(&other.key_tokens, lexicon, false) == *word
                        || initials(&other.key_tokens, lexicon, true) == *word
                } else if other.votes.best() == ActorKind::Person {
                    other.key_tokens.last() == Some(word)
                } else {
                    // `Labour` → `Labour Party`: the rest of the longer name only says what it is.
                    other.key_tokens.first() == Some(word)
                        && other.key_tokens[1..].iter().all(|w| {
                            lexicon.organisation_words.contains(w.trim_end_matches('s'))
                                || lexicon.organisation_words.contains(w)
                        })
                }
            })
            .collect();
        if let Some(&j) = candidates.iter().max_by_key(|&&j| builders[j].mentions.len()) {
            target[i] = Some(j);
            continue;
        }
        // `Samsung` → `Samsung Electronics`, `PSA` → `PSA Peugeot Citroën`, `Thierry` →
        // `Thierry Roland`: the first word of the one longer name of an article, in that article.
        let docs: HashSet<usize> = b.mentions.iter().map(|m| m.doc).collect();
        let opening: Vec<usize> = (0..builders.len())
            .filter(|&j| {
                let other = &builders[j];
                j != i
                    && other.lexicon.is_none()
                    && other.key_tokens.len() > 1
                    && other.key_tokens.first() == Some(word)
                    && !matches!(other.votes.best(), ActorKind::State | ActorKind::Place)
                    && other.mentions.iter().any(|m| docs.contains(&m.doc))
            })
            .collect();
        if let [j] = opening[..] {
            target[i] = Some(j);
        }
    }
    // Move the mentions of merged builders into their targets.
    for i in 0..builders.len() {
        if let Some(j) = target[i] {
            let moved = std::mem::take(&mut builders[i]);
            let into = &mut builders[j];
            // A surname says nothing of its full name's kind: `Wilkins` alone is no firm.
            if into.votes.best() != ActorKind::Person {
                into.votes.merge(&moved.votes);
            }
            for (s, n) in moved.surfaces {
                *into.surfaces.entry(s).or_default() += n;
            }
            into.mentions.extend(moved.mentions);
        }
    }
    // Named things, and lone common words that never joined a full name, are not actors.
    builders
        .into_iter()
        .filter(|b| !b.mentions.is_empty() && !b.thing && !b.weak)
        .collect()
}

/// `Polaroid` and `Polaroids` in one article: a name used as a count noun is a product or a
/// kind of thing, not an actor (people and organisations are not counted); so is a longer
/// name ending on it (`Warhol Polaroid`).
fn mark_countable(builders: &mut [Builder], vocab: &Vocabulary) {
    let mut countable: HashSet<String> = HashSet::default();
    for b in builders.iter_mut() {
        if b.lexicon.is_some() || b.acronym || b.key_tokens.len() != 1 || b.mentions.iter().any(|m| m.role.is_some()) {
            continue;
        }
        let key = &b.key_tokens[0];
        let mut per_doc: HashMap<usize, (usize, usize)> = HashMap::default();
        for m in &b.mentions {
            let f = fold(&m.text);
            let entry = per_doc.entry(m.doc).or_default();
            if f == *key {
                entry.0 += 1;
            } else if f.len() == key.len() + 1 && f.starts_with(key.as_str()) {
                entry.1 += 1;
            }
        }
        let singular_seen = vocab.capitalised.contains(key.as_str());
        if per_doc.values().any(|&(one, many)| many >= 2 && many >= one) && singular_seen {
            b.thing = true;
            countable.insert(key.clone());
        }
    }
    for b in builders.iter_mut() {
        if b.lexicon.is_none() && b.key_tokens.len() > 1 && b.key_tokens.last().is_some_and(|w| countable.contains(w)) {
            b.thing = true;
        }
    }
}

/// `Organisation des Nations unies` → `onu`: first letters of the words that are not
/// particles; with `every_word`, of all words (`Europe Écologie Les Verts` → `eelv`).
fn initials(words: &[String], lexicon: &Lexicon, every_word: bool) -> String {
    words
        .iter()
        .filter(|w| every_word || (!lexicon.particles.contains(w.as_str()) && !lexicon.stopwords.contains(w.as_str())))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn finish(builders: Vec<Builder>, lexicon: &Lexicon, docs: usize) -> Actors {
    let mut actors: Vec<Actor> = builders
        .into_iter()
        .map(|mut b| {
            b.mentions.sort_by_key(|m| (m.doc, m.start));
            let mut surfaces: Vec<(String, usize)> = b.surfaces.into_iter().collect();
            surfaces.sort_by(|x, y| y.1.cmp(&x.1).then(y.0.len().cmp(&x.0.len())).then(x.0.cmp(&y.0)));
            let (name, kind, extra) = match b.lexicon.and_then(|e| lexicon.entries.get(e)) {
                Some(e) => (e.name.clone(), e.kind, e.aliases.clone()),
                None => {
                    let kind = b.votes.best();
                    // A person is named by the fullest form; anything else by the most frequent.
                    let name = if kind == ActorKind::Person {
                        surfaces
                            .iter()
                            .max_by_key(|(s, n)| (s.split_whitespace().count(), *n))
                            .map(|(s, _)| s.clone())
                    } else {
                        surfaces.first().map(|(s, _)| s.clone())
                    };
                    (clean_name(&name.unwrap_or_default()), kind, Vec::new())
                }
            };
            let mut seen: HashSet<String> = [fold(&name)].into_iter().collect();
            let aliases = surfaces
                .into_iter()
                .map(|(s, _)| clean_name(&s))
                .chain(extra)
                .filter(|s| seen.insert(fold(s)))
                .collect();
            Actor {
                name,
                kind,
                aliases,
                mentions: b.mentions,
            }
        })
        .collect();
    actors.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then(a.name.cmp(&b.name)));
    let mut by_doc = vec![Vec::new(); docs];
    for (a, actor) in actors.iter().enumerate() {
        for (m, mention) in actor.mentions.iter().enumerate() {
            by_doc[mention.doc].push(MentionRef { actor: a, mention: m });
        }
    }
    for list in &mut by_doc {
        list.sort_by_key(|r| actors[r.actor].mentions[r.mention].start);
    }
    Actors { actors, by_doc }
}

/// A display name: one line, no starring marks.
fn clean_name(surface: &str) -> String {
    surface
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('*')
        .to_string()
}

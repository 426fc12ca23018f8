//! Finding names in a passage: the lexicon's aliases, runs of capitalised words with their
//! particles, acronyms, and the role that introduces a person.

use super::*;

pub(super) struct Detector<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Token<'a>>,
    pub(super) folded: Folded<'a>,
    pub(super) lexicon: &'a Lexicon,
    pub(super) words: &'a LangWords,
    pub(super) vocab: &'a Vocabulary,
    pub(super) heading: bool,
}

impl<'a> Detector<'a> {
    pub(super) fn new(
        text: &'a str,
        lexicon: &'a Lexicon,
        words: &'a LangWords,
        vocab: &'a Vocabulary,
        heading: bool,
    ) -> Self {
        let toks = tokens(text);
        let folded = Folded::words_of(&toks);
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

    pub(super) fn adjacent(&self, a: usize, b: usize) -> bool {
        only_space_between(self.text, self.toks[a].end, self.toks[b].start)
    }

    pub(super) fn is_name_token(&self, i: usize) -> bool {
        let t = &self.toks[i];
        (t.is_capitalised() || t.is_acronym())
            && t.text.chars().next().is_some_and(char::is_alphabetic)
            && !self.is_contraction(i)
    }

    /// `I’m`, `We'll`: a pronoun and a verb, never a name.
    pub(super) fn is_contraction(&self, i: usize) -> bool {
        self.folded[i]
            .rsplit_once('\'')
            .is_some_and(|(_, end)| self.words.contraction_endings.contains(end))
    }

    /// The longest lexicon alias starting at token `i`: (token count, entry).
    pub(super) fn alias_at(&self, i: usize) -> Option<(usize, usize)> {
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
    pub(super) fn name_run(&self, i: usize) -> usize {
        self.run_from(i, i + 1)
    }

    /// Extends a name that starts at `start` and ends before `end` over capitalised words and
    /// particles that lead to one (`de`, `de l’`: `Communauté des États de l’Afrique de l’Ouest`).
    /// An article alone joins nothing (`Rathbun the Scientology`), and a person's full name
    /// ends before `of` (`Nick Rhodes of Duran Duran`, where `Museum of Flight` goes on).
    pub(super) fn run_from(&self, start: usize, mut end: usize) -> usize {
        let n = self.toks.len();
        while end < n {
            if self.possessive_in_name(end) {
                end += 2;
                continue;
            }
            if !self.adjacent(end - 1, end) {
                break;
            }
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

    /// `Korean People's Army`, `Children's Hospital`: the `'s` at `k` of a common noun, before
    /// words that name an institution, is inside one name (`Apple's Tim Cook` is two).
    pub(super) fn possessive_in_name(&self, k: usize) -> bool {
        if k + 1 >= self.toks.len()
            || &self.folded[k] != "s"
            || !self.text[self.toks[k - 1].end..self.toks[k].start].chars().eq(['\''])
                && !self.text[self.toks[k - 1].end..self.toks[k].start].chars().eq(['’'])
            || !self.words.is_common_word(&self.folded[k - 1])
            || !self.adjacent(k, k + 1)
            || !self.is_name_token(k + 1)
        {
            return false;
        }
        let end = self.run_from(k + 1, k + 2);
        self.folded[k + 1..end]
            .iter()
            .any(|w| self.lexicon.organisation_words.contains(&**w))
    }

    /// `Carlo De Benedetti of Italy`: two or more name words ending on one that is no common
    /// word (a surname), with no institution word, then an organisation particle (`of`, `for`).
    pub(super) fn affiliation_at(&self, start: usize, end: usize) -> bool {
        let lex = self.lexicon;
        end >= start + 2
            && lex.organisation_particles.contains(&self.folded[end])
            && !self.toks[end - 1].is_acronym()
            && !self.words.is_common_word(&self.folded[end - 1])
            && self.folded[start..end].iter().all(|w| {
                !lex.organisation_words.contains(&**w)
                    && !lex.media_words.contains(&**w)
                    && !lex.group_words.contains(&**w)
                    && !lex.roles.contains(&**w)
            })
    }

    /// A function word; `UN`, `US` in capitals among words that are not are acronyms
    /// (`The UN said`), where a heading in capitals (`LE PAKISTAN`) still has its articles.
    pub(super) fn is_stop(&self, i: usize) -> bool {
        let shouting = |k: usize| self.toks.get(k).is_some_and(|t| t.is_acronym());
        self.lexicon.stopwords.contains(&self.folded[i])
            && (!self.toks[i].is_acronym() || shouting(i + 1) || i > 0 && shouting(i - 1))
    }

    pub(super) fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        // Where the last actor ended: a role is never looked for behind it.
        let mut floor = 0;
        while i < self.toks.len() {
            if let Some((n, entry)) = self.alias_at(i).filter(|&(n, _)| !self.number_follows(i + n)) {
                if let Some(found) = self.institution_after_abbreviation(i, i + n, floor) {
                    i = found.end_token.max(i + 1);
                    out.push(found);
                    continue;
                }
                // A longer name wins by one word (`Trump Tower`); two more words are another name
                // (`à Sputnik Georges Lefeuvre`).
                let run_end = if self.is_name_token(i) { self.name_run(i) } else { i + n };
                // `Russian State Hydrometeorological University`, `United States Department of
                // Agriculture`: an institution's name that opens on a state's.
                let institution = (i + n..run_end).any(|k| self.lexicon.organisation_words.contains(&self.folded[k]));
                if run_end != i + n + 1 && !institution {
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
                if let Some((n, entry)) = self.alias_at(a) {
                    if let Some(found) = self.institution_after_abbreviation(a, a + n, floor) {
                        i = found.end_token.max(i + 1);
                        out.push(found);
                        continue;
                    }
                    if a + n >= end {
                        out.push(self.lexicon_found(a, a + n, entry, floor));
                        i = a + n;
                        continue;
                    }
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

    /// `l’agence RIA Novosti Valentine Sapounov`, `préfet de Corse Claude Érignac`: two names
    /// side by side read as one run. When the document names the person again by the surname
    /// (`Sapounov`, `Claude Erignac`), the run ends on that person's given name and surname,
    /// and what stands before is a name of its own if it has two words or is named alone
    /// elsewhere in the document (`Hillary Rodham Clinton` stays whole).
    pub(super) fn split_glued(&self, found: &Found, names: &DocumentNames) -> Option<(Option<Found>, Found)> {
        let (a, b) = (found.start_token, found.end_token);
        if found.lexicon.is_some() || found.acronym || found.thing || b < a + 3 {
            return None;
        }
        let lex = self.lexicon;
        // A surname is no common word (`Information System`) and no acronym (`Democrat MP`).
        let surname = key_tokens(&self.folded[b - 1..b], false).pop()?;
        if !names.surnames.contains(&surname)
            || self.toks[b - 1].is_acronym()
            || self.words.is_common_word(&self.folded[b - 1])
        {
            return None;
        }
        // Back over particles (`Bill de Blasio`) to the given name.
        let mut s = b - 1;
        while s > a && lex.particles.contains(&self.folded[s - 1]) {
            s -= 1;
        }
        if s < a + 2 {
            return None;
        }
        let given = s - 1;
        let institution = |w: &std::borrow::Cow<str>| {
            lex.organisation_words.contains(&**w)
                || lex.media_words.contains(&**w)
                || lex.group_words.contains(&**w)
                || lex.roles.contains(&**w)
        };
        if !self.is_name_token(given)
            || self.toks[given].is_acronym()
            || lex.particles.contains(&self.folded[given - 1])
            || self.folded[given..b].iter().any(institution)
        {
            return None;
        }
        // `his father Mohamed El-Hassan Mohamed`, where `Ahmed Mohamed` is named: a word the
        // document uses as a person's family name does not end another name.
        let prefix = key_tokens(&self.folded[a..given], false);
        if prefix.last().is_some_and(|w| names.family_names.contains(w)) {
            return None;
        }
        let kind = names.kinds.get(&prefix.join(" "));
        if kind == Some(&ActorKind::Person) || (given - a < 2 && kind.is_none()) {
            return None;
        }
        let person = self.generic(given, b, given)?;
        Some((self.generic(a, given, a), person))
    }

    /// `the U.S. Environmental Protection Agency`: past the dot of an abbreviated name
    /// (`a..k`), an institution's name goes on; the whole is that institution.
    pub(super) fn institution_after_abbreviation(&self, a: usize, k: usize, floor: usize) -> Option<Found> {
        // `U.S.`, not `ISIS-K.` ending a sentence.
        if k >= self.toks.len()
            || !self.toks[k - 1].text.contains('.')
            || self.adjacent(k - 1, k)
            || !self.adjacent_or_dot(k - 1, k)
            || !self.is_name_token(k)
        {
            return None;
        }
        let end = self.name_run(k);
        (k..end)
            .any(|w| self.lexicon.organisation_words.contains(&self.folded[w]))
            .then(|| self.generic(a, end, floor))
            .flatten()
    }

    /// `France 3`, `Europe 1`: a number right after a name makes another name.
    pub(super) fn number_follows(&self, k: usize) -> bool {
        k < self.toks.len() && self.adjacent(k - 1, k) && self.toks[k].text.chars().all(|c| c.is_ascii_digit())
    }

    pub(super) fn lexicon_found(&self, a: usize, b: usize, entry: usize, floor: usize) -> Found {
        let surface = self.surface(a, b);
        let mut found = Found {
            start_token: a,
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
            && self
                .words
                .capital_place_prepositions
                .contains(&self.toks[a - 1].text.to_lowercase())
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
    pub(super) fn generic(&self, mut a: usize, mut b: usize, floor: usize) -> Option<Found> {
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
        // `Yesterday Mohamed said`: a word that never names (`Today`, `Oh`) opening the
        // sentence is not part of the name after it.
        if b - a >= 2 && self.toks[a].sentence_start && self.words.not_names.contains(&self.folded[a]) {
            a += 1;
        }
        // `l’ONG Human Rights Watch`: a common acronym before a name says what it is.
        if b - a >= 2 && self.toks[a].is_acronym() && self.words.common_acronyms.contains(&self.folded[a]) {
            a += 1;
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
        // `group the Sea Org`: an article alone after the noun joins nothing.
        if k < a
            && k > 0
            && !self.lexicon.bare_articles.contains(&self.folded[k])
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
        // `commander of the Korean People's Army`: a name ending on an institution's noun is
        // what the title is about, whole.
        let institution = b - a >= 2 && self.lexicon.organisation_words.contains(&self.folded[b - 1]);
        let department = role.is_none()
            && !of_role
            && !institution
            && a > 0
            && self.role_noun_before(a, floor, DEPARTMENT_WINDOW).is_some();
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
            if !self.vocab.capitalised(w) || self.vocab.lower.contains(w) {
                return None;
            }
        }
        if self.heading && single && !self.vocab.capitalised(&self.folded[a]) {
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
        let thing = (!acronym && self.names_a_thing(a, b)) || self.thing_noun_after(b);
        Some(Found {
            start_token: a,
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
}

/// A lower-case word with an adjective ending (`centrale`, `national`, `islamique`, `unies`).
pub(super) fn is_adjective(t: &Token, words: &LangWords) -> bool {
    let w = t.text;
    w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().count() > 3
        && words.adjective_endings.iter().any(|e| w.ends_with(e.as_str()))
}

/// The grouping key of a name: folded words, plural `s` dropped (`talibans` = `taliban`).
pub(super) fn key_tokens(folded: &[std::borrow::Cow<str>], acronym: bool) -> Vec<String> {
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

//! What a name found is: a thing or a common word rather than an actor, the role before a
//! person, and the votes for its kind (person, organisation, state, group, media, place).

use super::*;

impl Detector<'_> {
    /// A capitalised common word that is not a name here: not an institution's word (`Sénat`),
    /// and not a word the corpus keeps capitalising without an article (`on Twitter`).
    pub(super) fn common_word_here(&self, a: usize) -> bool {
        let w = &self.folded[a];
        let lex = self.lexicon;
        if !self.words.is_common_word(w)
            || self.organisation_noun(w)
            || lex.media_words.contains(w)
            || lex.group_words.contains(w)
        {
            return false;
        }
        // `le parti Renaissance`, `la société Orange`: the noun before says what it names.
        if a > 0
            && self.adjacent(a - 1, a)
            && !self.toks[a - 1].is_capitalised()
            && self.organisation_noun(&self.folded[a - 1])
        {
            return false;
        }
        let article = a > 0 && lex.articles.contains(&self.folded[a - 1]);
        let usually_capitalised =
            self.vocab.capitalised_count.get(w).copied().unwrap_or(0) >= 3 && !self.vocab.lower.contains(w);
        article || !usually_capitalised
    }

    /// A capitalised common word opening a sentence, never capitalised inside one in the corpus.
    pub(super) fn sentence_word(&self, a: usize) -> bool {
        let w = &self.folded[a];
        self.words.is_common_word(w)
            && !self.vocab.capitalised(w)
            && !self.lexicon.roles.contains(w)
            && !self.lexicon.organisation_words.contains(w)
    }

    /// `M. Dupont`, `Mr Smith`: only a space or a dot between two tokens.
    pub(super) fn adjacent_or_dot(&self, a: usize, b: usize) -> bool {
        self.text
            .get(self.toks[a].end..self.toks[b].start)
            .is_some_and(|gap| gap.chars().all(|c| c == '.' || c == ' ' || c == '\u{a0}'))
    }

    /// `Hurricane Sandy`, `l’ouragan Sandy`, `Space Shuttle Atlantis`, `Clean Air Act`: a name
    /// headed by a common noun of things.
    pub(super) fn names_a_thing(&self, a: usize, b: usize) -> bool {
        let lex = self.lexicon;
        let words = &self.folded[a..b];
        if words.iter().any(|w| {
            lex.organisation_words.contains(&**w) || lex.media_words.contains(&**w) || lex.group_words.contains(&**w)
        }) {
            return false;
        }
        let head_before = a > 0 && self.adjacent(a - 1, a) && {
            let prev = &self.toks[a - 1];
            !prev.is_capitalised() && self.words.thing_heads.contains(&self.folded[a - 1])
        };
        let head_inside = words.len() >= 2 && words.iter().any(|w| self.words.thing_heads.contains(&**w));
        let tail = words.len() >= 2 && self.words.thing_tails.contains(&*words[words.len() - 1]);
        head_before || head_inside || tail
    }

    /// `the ICI system`, `the Apollo program`: a lower-case noun of things right after the
    /// name (at `b`) says the name is a thing's.
    pub(super) fn thing_noun_after(&self, b: usize) -> bool {
        b < self.toks.len()
            && self.adjacent(b - 1, b)
            && !self.toks[b].is_capitalised()
            && self.words.thing_nouns_after.contains(&self.folded[b])
    }

    /// `Banque centrale européenne`, `Rassemblement national`: an institution's name goes on
    /// through its lower-case adjectives.
    pub(super) fn adjective_tail(&self, b: usize) -> usize {
        let institution = |w: &str| self.lexicon.organisation_words.contains(w) || self.lexicon.group_words.contains(w);
        let mut end = b;
        if !institution(&self.folded[b - 1]) {
            return b;
        }
        while end < self.toks.len()
            && end < b + 2
            && self.adjacent(end - 1, end)
            && is_adjective(&self.toks[end], self.words)
        {
            end += 1;
        }
        end
    }

    /// A noun that says a name after it is an organisation's (`parti`, `groupe`, `ONG`); not
    /// `gouvernement`, which stands for a state.
    pub(super) fn organisation_noun(&self, w: &str) -> bool {
        self.lexicon.organisation_words.contains(w) && !self.words.government_nouns.contains(w)
    }

    /// A capitalised word that names a department in a role (`des Affaires étrangères`).
    pub(super) fn is_department_word(&self, a: usize, b: usize) -> bool {
        let prev = &self.folded[a - 1];
        let after_article = self.lexicon.department_openers.contains(prev);
        let lowercase_next = b < self.toks.len() && self.adjacent(b - 1, b) && !self.is_name_token(b);
        after_article && (b - a >= 3 || self.vocab.lower.contains(&self.folded[a]) || lowercase_next)
    }

    /// The role noun that introduces the name at `a`, at most `window` words back, in the
    /// same sentence and clause, and no further back than `floor`.
    pub(super) fn role_noun_before(&self, a: usize, floor: usize, window: usize) -> Option<usize> {
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
            if self.words.clause_breaks.contains(&w) {
                return None;
            }
        }
        None
    }

    pub(super) fn role_before(&self, a: usize, floor: usize) -> Option<String> {
        self.role_noun_before(a, floor, ROLE_WINDOW)
            .map(|k| self.role_text(k, a))
    }

    pub(super) fn role_text(&self, k: usize, a: usize) -> String {
        let raw = &self.text[self.toks[k].start..self.toks[a - 1].end];
        crate::corpus::sanitize_line(raw.trim_end_matches([',', ' ']))
    }

    pub(super) fn surface(&self, a: usize, b: usize) -> String {
        self.text[self.toks[a].start..self.toks[b - 1].end].to_string()
    }

    pub(super) fn vote(&self, a: usize, b: usize, has_role: bool, acronym: bool, votes: &mut Votes) {
        let words = &self.folded[a..b];
        let prev = a.checked_sub(1).map(|p| &self.folded[p]);
        let lex = self.lexicon;
        if has_role {
            votes.add(ActorKind::Person, 3);
        }
        // `New Zealand's Prime Minister`, `Apple's chief executive`: who has a title is an
        // institution or a state.
        let possessive = b < self.toks.len() && matches!(&self.folded[b], "s" | "'s") && !self.adjacent(b - 1, b);
        if possessive && (b + 1..(b + 4).min(self.toks.len())).any(|k| lex.roles.contains(&self.folded[k])) {
            votes.add(ActorKind::Organisation, 3);
        }
        // `l’ONG Amnesty International`, `le groupe Samsung`: the noun before says what it is.
        let noun_before = prev.is_some_and(|p| self.organisation_noun(p));
        if words.iter().any(|w| lex.organisation_words.contains(&**w)) || noun_before {
            votes.add(ActorKind::Organisation, 2);
        }
        if words.iter().any(|w| lex.media_words.contains(&**w)) {
            votes.add(ActorKind::Media, 2);
        }
        if words.iter().any(|w| lex.group_words.contains(&**w)) {
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
        } else if words.iter().any(|w| lex.organisation_particles.contains(&**w)) {
            // `Control of Iodine Deficiency Disorders`, `Museum of Flight`.
            votes.add(ActorKind::Organisation, 2);
        } else {
            votes.add(ActorKind::Person, 1);
        }
    }
}

//! Who speaks: the subject of a cue, a pronoun or a role resolved to an earlier person, the
//! speaker carried from the sentence before.

use super::*;

impl Finder<'_> {
    /// Who speaks through a cue.
    pub(super) fn speaker_for(
        &self,
        cue: &Cue,
        sentence: &Range<usize>,
        quote: Option<&Range<usize>>,
        last: &Speaker,
    ) -> Speaker {
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
    pub(super) fn source_clause_start(&self, cue_end: usize, end: usize) -> Option<usize> {
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
    pub(super) fn main_subject(&self, from: usize, to: usize, last: &Speaker) -> Speaker {
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
            return Speaker::named(a, m.text.to_string());
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

    /// Who a pronoun stands for: the previous speaker when a person of that gender (or a
    /// group for `ils`/`they`), else the last person of that gender named before.
    pub(super) fn pronoun_speaker(&self, gender: Option<Gender>, at: usize, last: &Speaker) -> Speaker {
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
    pub(super) fn previous_subject(&self, at: usize) -> Option<usize> {
        let all = &self.sentences;
        let current = all.iter().position(|r| r.start <= at && at < r.end.max(r.start + 1))?;
        match current.checked_sub(1) {
            Some(prev) => self.subject_of(&all[prev], &self.quotes),
            None => self.subject_before,
        }
    }

    /// The subject of the passage's last sentence, for the passage after.
    pub(super) fn last_subject(&self) -> Option<usize> {
        self.subject_of(self.sentences.last()?, &self.quotes)
    }

    /// The first person of a sentence not after a preposition nor inside a quotation.
    pub(super) fn subject_of(&self, prev: &Range<usize>, quotes: &[(Range<usize>, Range<usize>)]) -> Option<usize> {
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
    pub(super) fn gender_of(&self, actor: usize) -> Option<Gender> {
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
    pub(super) fn resolve(&self, phrase: Range<usize>, last: &Speaker) -> Speaker {
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
    pub(super) fn person_with_role(&self, role: &str, before: usize) -> Option<usize> {
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
    pub(super) fn demonym_actor(&self, span: Range<usize>) -> Option<usize> {
        for k in span {
            let w = &self.folded[k];
            if w.len() < 4 || self.toks[k].is_capitalised() {
                continue;
            }
            let plural = format!("{}s", w.trim_end_matches('s'));
            let entry = *self.lexicon.alias_entries.get(&plural)?;
            let name = &self.lexicon.entries[entry].name;
            if let Some(a) = self.actors.actors.iter().position(|a| &a.name == name) {
                return Some(a);
            }
        }
        None
    }
}

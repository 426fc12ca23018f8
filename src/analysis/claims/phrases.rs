//! Phrases that name a speaker: the noun phrase before or after a cue, a description
//! (`un responsable américain`), an organisation described by its role.

use super::*;

impl Finder<'_> {
    /// The last person named between two offsets of the passage, as a speaker.
    pub(super) fn person_between(&self, from: usize, to: usize) -> Option<Speaker> {
        self.mentions
            .iter()
            .map(|r| (r.actor, self.actors.mention(*r)))
            .rfind(|(a, m)| {
                let at = m.start - self.base;
                from <= at && at < to && self.actors.actors[*a].kind == ActorKind::Person
            })
            .map(|(a, m)| Speaker::named(a, m.text.to_string()))
    }

    /// Whether an actor is mentioned within a range of the passage.
    pub(super) fn has_mention(&self, r: &Range<usize>) -> bool {
        self.mentions.iter().any(|m| {
            let at = self.actors.mention(*m).start - self.base;
            r.start <= at && at < r.end
        })
    }

    /// The organisation an unnamed member or a common noun stands for (`la porte-parole de la
    /// fédération`, `un représentant du groupe`, `le parquet`): the last organisation named
    /// before in the document whose name has that noun, or that the text describes with it
    /// around one of its mentions (`la fédération des banques, Febelfin`, `le groupe Samsung`).
    pub(super) fn described_organisation(&self, span: &Range<usize>, before: usize) -> Option<usize> {
        // The noun a definite article opens the phrase with (`le parquet`), or the one after
        // `de la`, `du`, `of the` following a role (`la porte-parole de la fédération`).
        let is_noun = |k: usize| {
            let w = &self.folded[k];
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
    pub(super) fn phrase_after(&self, from: usize, limit: usize) -> Option<Range<usize>> {
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
    pub(super) fn phrase_before(&self, from: usize, to: usize) -> Option<Range<usize>> {
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
        // `…, tandis que la gauche dénonce`: the subject is what follows the subordinator.
        let span = self.token_span(&last);
        if let Some(k) = span
            .clone()
            .rev()
            .find(|&k| self.words.subordinators.contains(&self.folded[k]))
            && k + 1 < span.end
        {
            let rest = self.toks[k + 1].start..last.end;
            if self.names_someone(&rest) {
                last = rest;
            }
        }
        let relative = {
            let span = self.token_span(&last);
            span.len() == 1 && self.words.relative_pronouns.contains(&self.folded[span.start])
        };
        let last_names = !relative && self.names_someone(&last);
        // `Cynthia Thompson, curator at the University of Arkansas, Fayetteville, said`: a bare
        // name after a piece that ends on a name after a preposition goes on that phrase (a
        // campus, a city), it is not the subject.
        // A person named in a piece before is the head (`Un des chercheurs de HRW, Ole
        // Solvang, précise`: the name is the researcher's).
        let goes_on = last_names
            && self.only_a_name(&last)
            && pieces.last().is_some_and(|p| self.ends_on_name_after_preposition(p))
            && pieces[..pieces.len() - 1]
                .iter()
                .any(|r| self.speaking_mention_in(r, true).is_some());
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
        if let Some((_, at, end)) = subject.filter(|_| last_names && !goes_on && (!indefinite || pieces.is_empty())) {
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
        let describes = relative || goes_on || (last_names && self.is_description(&last));
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

    /// The mention that makes up the whole piece, if one does.
    fn whole_mention(&self, r: &Range<usize>) -> Option<(usize, usize)> {
        let blank = |a: usize, b: usize| self.text[a..b].trim().is_empty();
        self.mentions
            .iter()
            .map(|m| self.actors.mention(*m))
            .map(|m| (m.start - self.base, m.end - self.base))
            .find(|&(at, end)| r.start <= at && end <= r.end && blank(r.start, at) && blank(end, r.end))
    }

    pub(super) fn only_a_name(&self, r: &Range<usize>) -> bool {
        self.whole_mention(r).is_some()
    }

    /// Whether a piece ends on a name after a preposition (`… at the University of Arkansas`).
    pub(super) fn ends_on_name_after_preposition(&self, r: &Range<usize>) -> bool {
        self.mentions
            .iter()
            .map(|m| self.actors.mention(*m))
            .map(|m| (m.start - self.base, m.end - self.base))
            .filter(|&(at, end)| r.start <= at && end <= r.end && self.text[end..r.end].trim().is_empty())
            .any(|(at, _)| self.after_preposition(r.start, at))
    }

    /// Whether a name ending at `end` owns what follows (`New Zealand’s Prime Minister`).
    pub(super) fn possessor(&self, end: usize) -> bool {
        let rest = &self.text[end..];
        rest.starts_with("'s ") || rest.starts_with("’s ") || rest.starts_with("' ") || rest.starts_with("’ ")
    }

    /// A title written short (`Mr`, `Dr`, `Gen`): no sentence ends on its period.
    pub(super) fn abbreviation(&self, folded: &str) -> bool {
        folded.len() <= 4 && (self.words.honorific(folded).is_some() || self.lexicon.roles.contains(folded))
    }

    pub(super) fn ends_with_coordinator(&self, r: &Range<usize>) -> bool {
        let span = self.token_span(r);
        span.end > span.start && self.words.coordinators.contains(&self.folded[span.end - 1])
    }

    pub(super) fn trimmed(&self, piece: Range<usize>) -> Option<Range<usize>> {
        let mut span = self.token_span(&piece);
        while span.start < span.end && self.cues.leading_words.contains(&self.folded[span.start]) {
            span.start += 1;
        }
        (span.start < span.end).then(|| self.toks[span.start].start..self.toks[span.end - 1].end)
    }

    /// A piece that describes rather than names: it opens with a determiner, a role or a
    /// lower-case word, and names no person.
    pub(super) fn is_description(&self, r: &Range<usize>) -> bool {
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
    pub(super) fn speaking_mention_in(&self, r: &Range<usize>, people_only: bool) -> Option<(usize, usize)> {
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
    pub(super) fn after_preposition(&self, piece_start: usize, at: usize) -> bool {
        let k = self.toks.partition_point(|t| t.start < at);
        (k > 0 && self.toks[k - 1].start >= piece_start) && {
            let is_preposition =
                |w: &str| self.cues.prepositions.contains(w) || self.words.channel_prepositions.contains(w);
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
    pub(super) fn speaks(&self, r: &Range<usize>) -> bool {
        let span = self.trimmed(r.clone()).map_or(0..0, |t| self.token_span(&t));
        // `l’ONG dénonce`, `la police fédérale recommande`: a definite organisation noun.
        let organisation = span.len() >= 2
            && self.cues.definite_articles.contains(&self.folded[span.start])
            && self.lexicon.organisation_words.contains(&self.folded[span.start + 1]);
        organisation
            || span.clone().any(|k| {
                let w = &self.folded[k];
                self.cues.source_nouns.contains(w)
                    || self.lexicon.roles.contains(w)
                    || self.words.government_nouns.contains(w)
            })
            || self.speaking_mention_in(r, false).is_some()
    }

    /// Whether a phrase names a speaker: as `speaks`, or by a pronoun.
    pub(super) fn names_someone(&self, r: &Range<usize>) -> bool {
        self.token_span(r).any(|k| self.cues.pronouns.contains(&self.folded[k])) || self.speaks(r)
    }

    pub(super) fn actor_of(&self, start: usize) -> Option<usize> {
        self.mentions
            .iter()
            .find(|r| self.actors.mention(**r).start == start)
            .map(|r| r.actor)
    }
}

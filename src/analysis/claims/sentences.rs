//! A sentence's claims: its quotations and reported clauses, each with its cue and speaker.

use super::*;

impl Finder<'_> {
    pub(super) fn claims(&self, last: &mut Speaker) -> Vec<Claim> {
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

    pub(super) fn sentence_claims(
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
    pub(super) fn next_subject_start(&self, from: usize, to: usize) -> usize {
        let span = self.token_span(&(from..to));
        let joined = (span.start + 1..span.end.saturating_sub(1))
            .rev()
            .find(|&k| self.words.coordinators.contains(&self.folded[k]))
            .map(|k| self.toks[k + 1].start)
            .filter(|&at| self.names_someone(&(at..to)));
        joined.unwrap_or_else(|| self.phrase_before(from, to).map_or(to, |p| p.start))
    }

    /// The end of a clause without the joint to the next one (`… nécessaire et`, `…,`).
    pub(super) fn trim_joint(&self, start: usize, mut end: usize) -> usize {
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

    pub(super) fn claim(&self, range: Range<usize>, cue: Option<&Cue>, kind: ClaimKind, speaker: &Speaker) -> Claim {
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
            speaker_text: speaker.text.as_str().into(),
            cue: cue_text.into(),
            kind,
            text: crate::corpus::sanitize_passage_words(&self.text[range]),
        }
    }

    /// The words reported by an indirect claim.
    pub(super) fn reported_clause(&self, cue: &Cue, sentence: &Range<usize>) -> Option<Range<usize>> {
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
        } else if let Some(comma) = self.trailing_attribution(cue, sentence) {
            // `Clause, officials say.`
            sentence.start..comma
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
}

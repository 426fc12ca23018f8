//! The cues that introduce reported speech (`a déclaré`, `selon`, `said`): the cue lists and
//! finding the cues of a sentence, and how a cue stands to a quotation.

use super::*;

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
    pub(super) participles: HashSet<String>,
    /// The participles as they may be written, agreeing with a subject or an object: each
    /// one bare and with `s`, `es` or `e` added (`déclaré`, `déclarés`, `déclarée`).
    pub(super) participle_forms: HashSet<String>,
    pub(super) auxiliaries: HashSet<String>,
    pub(super) verbs: HashSet<String>,
    /// Multi-word source prepositions, as folded token lists.
    pub(super) sources: Vec<Vec<String>>,
    pub(super) pronouns: HashSet<String>,
    pub(super) source_nouns: HashSet<String>,
    pub(super) determiners: HashSet<String>,
    pub(super) definite_articles: HashSet<String>,
    pub(super) feminine_articles: HashSet<String>,
    pub(super) masculine_articles: HashSet<String>,
    pub(super) indefinite_articles: HashSet<String>,
    pub(super) leading_words: HashSet<String>,
    pub(super) complementisers: HashSet<String>,
    pub(super) addressee_prepositions: HashSet<String>,
    pub(super) prepositions: HashSet<String>,
    pub(super) opening_sources: HashSet<String>,
    pub(super) quote_only: HashSet<String>,
}

impl Cues {
    pub fn parse(text: &str) -> Result<Cues, toml::de::Error> {
        Ok(Cues::from_file(toml::from_str(text)?))
    }

    /// The bundled cues extended by a user's cue file (same keys as `assets/cues.toml`, each
    /// list added to the bundled one); `name` is how the file is named in an error.
    pub fn with_user(text: &str, name: &str) -> Result<Cues, crate::analysis::lexicon::LexiconError> {
        let mut f: CuesFile =
            toml::from_str(include_str!("../../../assets/cues.toml")).unwrap_or_else(|e| panic!("embedded cues: {e}"));
        let user: CuesFile = crate::analysis::lexicon::parse_toml(text, name)?;
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
        let set = crate::analysis::lexicon::folded_set;
        Cues {
            participles: set(&f.participles_fr),
            participle_forms: set(&f.participles_fr)
                .into_iter()
                .flat_map(|p| ["", "s", "es", "e"].map(|ending| format!("{p}{ending}")))
                .collect(),
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
        Cues::parse(include_str!("../../../assets/cues.toml")).unwrap_or_else(|e| panic!("embedded cues: {e}"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueKind {
    /// `a déclaré`, `affirme`, `said`.
    Verb,
    /// `selon`, `d’après`, `according to`: the source follows.
    Source,
}

#[derive(Debug, Clone)]
pub(super) struct Cue {
    /// Token range of the cue words.
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) kind: CueKind,
    /// `a-t-il résumé`: the speaker is the previous one.
    pub(super) pronoun: bool,
    /// `…, en affirmant que`, `…, saying`: the speaker is the subject of the main clause.
    pub(super) gerund: bool,
}

impl Finder<'_> {
    pub(super) fn cues_in(&self, sentence: &Range<usize>, quotes: &[(Range<usize>, Range<usize>)]) -> Vec<Cue> {
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
            let w = &self.folded[k];
            // `United States`, `Daily Says`: a capitalised word inside a sentence is a name.
            if self.toks[k].is_capitalised() && !self.toks[k].sentence_start {
                k += 1;
                continue;
            }
            // `racontés`, `déclarée`, `demandée`: a participle agrees with its subject or object
            // (one ending off: `demandee` is `demande`, not `demand`).
            if self.cues.participle_forms.contains(w) {
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
                    let pronoun = self.words.without_inversion(&self.folded[a]).is_some();
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
            let after_determiner = || k > span.start && self.cues.determiners.contains(&self.folded[k - 1]);
            if self.cues.verbs.contains(w) && !after_determiner() {
                out.push(Cue {
                    first: k,
                    last: k,
                    kind: CueKind::Verb,
                    pronoun: false,
                    gerund: false,
                });
            } else if let Some(verb) = self.words.without_inversion(w)
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

    /// Whether a cue is the first word of its sentence (`- Selon une étude, …`).
    pub(super) fn opens(&self, cue: &Cue, sentence: &Range<usize>) -> bool {
        self.token_span(sentence).start == cue.first
    }

    /// Whether a verb cue is followed by its own `que`/`that` clause.
    pub(super) fn opens_clause(&self, cue: &Cue, end: usize) -> bool {
        let span = self.token_span(&(self.toks[cue.last].end..end));
        span.clone()
            .take(CLAUSE_OPENING_WINDOW)
            .any(|k| self.cues.complementisers.contains(&self.folded[k]))
    }

    /// The cue closest to a quotation, outside it.
    pub(super) fn nearest_cue<'c>(&self, cues: &'c [Cue], quote: &Range<usize>) -> Option<&'c Cue> {
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
    pub(super) fn inverted(&self, cue: &Cue, sentence: &Range<usize>) -> bool {
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
        // `Maria Lopez, a teacher, said the school would reopen`: a finite verb (before any
        // relative: `said the official who was there`) makes the words after a clause.
        let finite = span
            .clone()
            .skip(1)
            .take_while(|&k| !self.words.relative_pronouns.contains(&self.folded[k]))
            .any(|k| self.words.finite_verbs.contains(&self.folded[k]));
        // `…, ont déclaré des sources proches du processus, mais la montée…`: the sentence
        // may go on after a comma and a conjunction.
        let rest_words = self.token_span(&(after.end..sentence.end));
        let goes_on = self.text[after.end..].trim_start().starts_with(',')
            && rest_words.start < rest_words.end
            && self.cues.leading_words.contains(&self.folded[rest_words.start]);
        !clause
            && !finite
            && (goes_on || rest.chars().all(|c| !c.is_alphanumeric()))
            && !rest.contains(['«', '“', '"'])
            && self.names_someone(&after)
    }

    /// `The river will flood by Friday, officials say.`: a cue that ends the sentence after a
    /// comma and a short subject reports the words before that comma. Where that comma is.
    pub(super) fn trailing_attribution(&self, cue: &Cue, sentence: &Range<usize>) -> Option<usize> {
        if cue.kind != CueKind::Verb || cue.gerund || cue.pronoun {
            return None;
        }
        let cue_start = self.toks[cue.first].start;
        let rest = &self.text[self.toks[cue.last].end..sentence.end];
        if rest
            .chars()
            .any(|c| c.is_alphanumeric() || matches!(c, '«' | '“' | '"'))
        {
            return None;
        }
        let comma = sentence.start + self.text[sentence.start..cue_start].rfind(',')?;
        let subject = comma + 1..cue_start;
        let span = self.token_span(&subject);
        let finite = span.clone().any(|k| self.words.finite_verbs.contains(&self.folded[k]));
        (!span.is_empty() && span.len() <= SUBJECT_WORDS && !finite && self.names_someone(&subject)).then_some(comma)
    }

    /// A quotation inside reported speech (`a affirmé que cette action était un « geste »`):
    /// a fragment of the indirect claim, not a statement of its own.
    pub(super) fn inside_reported_clause(&self, cues: &[Cue], quote: &Range<usize>) -> bool {
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
    pub(super) fn adjacent_cue(&self, cue: &Cue, quote: &Range<usize>) -> bool {
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
}

//! Per-language word lists (`assets/lang/fr.toml`, `assets/lang/en.toml`) and the common-word
//! dictionaries, loaded once; and which of the two languages a document is written in.

use super::HashSet;
use super::lexicon::folded_set as set;
use super::text::{first_tokens, fold};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The ISO 639-1 code (`fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Plural,
}

#[derive(Debug, Deserialize)]
struct LangFile {
    detect: Vec<String>,
    common_acronyms: Vec<String>,
    contraction_endings: Vec<String>,
    not_names: Vec<String>,
    demonyms: Vec<String>,
    government_nouns: Vec<String>,
    relative_pronouns: Vec<String>,
    finite_verbs: Vec<String>,
    #[serde(default)]
    subordinators: Vec<String>,
    reporting_gerunds: Vec<String>,
    gerund_markers: Vec<String>,
    inversion_suffixes: Vec<String>,
    coordinators: Vec<String>,
    pronouns_male: Vec<String>,
    pronouns_female: Vec<String>,
    pronouns_plural: Vec<String>,
    channel_prepositions: Vec<String>,
    honorifics_male: Vec<String>,
    honorifics_female: Vec<String>,
    honorifics: Vec<String>,
    thing_heads: Vec<String>,
    thing_tails: Vec<String>,
    thing_nouns_after: Vec<String>,
    stem_rules: Vec<(String, String)>,
    clause_breaks: Vec<String>,
    adjective_endings: Vec<String>,
    capital_place_prepositions: Vec<String>,
    #[serde(default)]
    elisions: Vec<String>,
}

/// What the analysis knows of one language.
#[derive(Debug)]
pub struct LangWords {
    pub detect: HashSet<String>,
    pub common_acronyms: HashSet<String>,
    pub contraction_endings: HashSet<String>,
    pub not_names: HashSet<String>,
    pub demonyms: HashSet<String>,
    pub government_nouns: HashSet<String>,
    pub relative_pronouns: HashSet<String>,
    /// Auxiliaries and modals that make a clause (`would`, `est`): a speaker's phrase has none.
    pub finite_verbs: HashSet<String>,
    /// Words that open a subordinate clause inside a subject's piece (`tandis que la gauche`).
    pub subordinators: HashSet<String>,
    pub reporting_gerunds: HashSet<String>,
    /// Words before a gerund that make it one (`en affirmant`); none in English.
    pub gerund_markers: HashSet<String>,
    /// Subject pronouns joined to a verb (`déclare-t-il`, `dit-elle`), longest first.
    inversion_suffixes: Vec<String>,
    /// The first bytes of those suffixes (`-`): a word without one of them has none.
    inversion_starts: Vec<u8>,
    /// Conjunctions joining two predicates of one subject (`a voté et a déclaré`).
    pub coordinators: HashSet<String>,
    pronouns_male: HashSet<String>,
    pronouns_female: HashSet<String>,
    pronouns_plural: HashSet<String>,
    pub channel_prepositions: HashSet<String>,
    honorifics_male: HashSet<String>,
    honorifics_female: HashSet<String>,
    honorifics: HashSet<String>,
    pub thing_heads: HashSet<String>,
    pub thing_tails: HashSet<String>,
    /// Lower-case nouns right after a name that make it a thing's (`the ICI system`).
    pub thing_nouns_after: HashSet<String>,
    stem_rules: Vec<(String, String)>,
    common_words: HashSet<String>,
    /// Words that end a clause, compared in lower case with accents (`a` has, `à` to).
    pub clause_breaks: HashSet<String>,
    /// Endings of adjectives, with accents (`-ique`, `-éenne`, `-ian`).
    pub adjective_endings: Vec<String>,
    /// Prepositions before which a capital city is a place (`à Moscou`), with accents.
    pub capital_place_prepositions: HashSet<String>,
    /// Elided words split from the word they precede (`l’`, `qu’`), lower case.
    pub elisions: HashSet<String>,
}

impl LangWords {
    fn parse(toml_text: &str, name: &str, dictionary: &str) -> LangWords {
        // The embedded assets are checked by the test suite; failing here is a build defect.
        let f: LangFile = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut inversion_suffixes: Vec<String> = f
            .inversion_suffixes
            .iter()
            .map(|w| fold(w))
            .filter(|w| !w.is_empty())
            .collect();
        inversion_suffixes.sort_by_key(|w| std::cmp::Reverse(w.len()));
        LangWords {
            detect: set(&f.detect),
            common_acronyms: set(&f.common_acronyms),
            contraction_endings: set(&f.contraction_endings),
            not_names: set(&f.not_names),
            demonyms: set(&f.demonyms),
            government_nouns: set(&f.government_nouns),
            relative_pronouns: set(&f.relative_pronouns),
            finite_verbs: set(&f.finite_verbs),
            subordinators: set(&f.subordinators),
            reporting_gerunds: set(&f.reporting_gerunds),
            gerund_markers: set(&f.gerund_markers),
            inversion_starts: {
                let mut v: Vec<u8> = inversion_suffixes.iter().filter_map(|w| w.bytes().next()).collect();
                v.sort_unstable();
                v.dedup();
                v
            },
            inversion_suffixes,
            coordinators: set(&f.coordinators),
            pronouns_male: set(&f.pronouns_male),
            pronouns_female: set(&f.pronouns_female),
            pronouns_plural: set(&f.pronouns_plural),
            channel_prepositions: set(&f.channel_prepositions),
            honorifics_male: set(&f.honorifics_male),
            honorifics_female: set(&f.honorifics_female),
            honorifics: set(&f.honorifics),
            thing_heads: set(&f.thing_heads),
            thing_tails: set(&f.thing_tails),
            thing_nouns_after: set(&f.thing_nouns_after),
            stem_rules: f.stem_rules,
            common_words: dictionary.lines().map(fold).collect(),
            clause_breaks: lower(&f.clause_breaks),
            adjective_endings: f.adjective_endings,
            capital_place_prepositions: lower(&f.capital_place_prepositions),
            elisions: lower(&f.elisions),
        }
    }

    /// Whether a folded word is a common word of the language (in the dictionary, directly or
    /// through one of its endings).
    pub fn is_common_word(&self, folded: &str) -> bool {
        if self.common_words.contains(folded) {
            return true;
        }
        self.stem_rules.iter().any(|(from, to)| {
            folded.len() > from.len() + 2
                && folded
                    .strip_suffix(from.as_str())
                    .is_some_and(|stem| self.common_words.contains(&format!("{stem}{to}")))
        })
    }

    /// The verb of an inversion (`declare` of `declare-t-il`): a folded word without the
    /// longest subject pronoun joined to its end, if it has one.
    pub fn without_inversion<'w>(&self, folded: &'w str) -> Option<&'w str> {
        // Most words hold no byte a suffix starts with (`-`): passed over in one scan.
        if !self.inversion_starts.iter().any(|b| folded.as_bytes().contains(b)) {
            return None;
        }
        self.inversion_suffixes
            .iter()
            .find_map(|x| folded.strip_suffix(x.as_str()))
    }

    /// A nationality or group noun (`Canadians`, `Français`), singular or plural.
    pub fn is_demonym(&self, folded: &str) -> bool {
        self.demonyms.contains(folded)
            || folded
                .strip_suffix('s')
                .or_else(|| folded.strip_suffix('x'))
                .is_some_and(|w| self.demonyms.contains(w))
    }

    /// The gender a pronoun refers to (`elle` → female, `they` → plural).
    pub fn pronoun_gender(&self, folded: &str) -> Option<Gender> {
        if self.pronouns_male.contains(folded) {
            Some(Gender::Male)
        } else if self.pronouns_female.contains(folded) {
            Some(Gender::Female)
        } else if self.pronouns_plural.contains(folded) {
            Some(Gender::Plural)
        } else {
            None
        }
    }

    /// The gender an honorific gives (`Mme` → female); `Some(None)` for one that says none (`Dr`).
    pub fn honorific(&self, folded: &str) -> Option<Option<Gender>> {
        if self.honorifics_male.contains(folded) {
            Some(Some(Gender::Male))
        } else if self.honorifics_female.contains(folded) {
            Some(Some(Gender::Female))
        } else if self.honorifics.contains(folded) {
            Some(None)
        } else {
            None
        }
    }
}

/// Words in lower case, accents kept.
fn lower(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Whether a lower-case word is an elision of either language (`l`, `qu`): the tokeniser
/// splits it off before it knows the language.
pub fn is_elision(lower: &str) -> bool {
    words(Lang::Fr).elisions.contains(lower) || words(Lang::En).elisions.contains(lower)
}

/// The word lists of a language, loaded on first use.
pub fn words(lang: Lang) -> &'static LangWords {
    static FR: OnceLock<LangWords> = OnceLock::new();
    static EN: OnceLock<LangWords> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| {
            LangWords::parse(
                include_str!("../../assets/lang/fr.toml"),
                "assets/lang/fr.toml",
                include_str!("../../assets/lang/fr-words.txt"),
            )
        }),
        Lang::En => EN.get_or_init(|| {
            LangWords::parse(
                include_str!("../../assets/lang/en.toml"),
                "assets/lang/en.toml",
                include_str!("../../assets/lang/en-words.txt"),
            )
        }),
    }
}

/// The language of a document, as worked out when it was read.
pub fn of_document(doc: &crate::corpus::Document) -> Lang {
    doc.lang
}

/// The language of a text, from its opening (4,000 bytes are plenty).
pub fn of_text(source: &str) -> Lang {
    let mut head = source.len().min(4000);
    while !source.is_char_boundary(head) {
        head -= 1;
    }
    detect(&source[..head])
}

/// French or English, from the commonest function words of the text's opening.
pub fn detect(text: &str) -> Lang {
    let (fr, en) = (words(Lang::Fr), words(Lang::En));
    let (mut f, mut e) = (0, 0);
    for t in first_tokens(text, 400) {
        let w = super::text::fold_borrowed(t.text);
        f += usize::from(fr.detect.contains(&*w));
        e += usize::from(en.detect.contains(&*w));
    }
    if e > f { Lang::En } else { Lang::Fr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_language_of_a_text() {
        assert_eq!(
            detect("Le ministre a déclaré que la loi est prête pour les députés."),
            Lang::Fr
        );
        assert_eq!(
            detect("The minister said that the bill was ready for the vote."),
            Lang::En
        );
    }

    #[test]
    fn common_words_are_known_through_their_endings() {
        let fr = words(Lang::Fr);
        assert!(fr.is_common_word("cour"));
        assert!(fr.is_common_word("interieur"));
        assert!(fr.is_common_word("intitulee"));
        assert!(!fr.is_common_word("febelfin"));
        let en = words(Lang::En);
        assert!(en.is_common_word("crown"));
        assert!(en.is_common_word("leaving"));
        assert!(!en.is_common_word("rathbun"));
    }

    #[test]
    fn demonyms_and_pronouns() {
        assert!(words(Lang::En).is_demonym("canadians"));
        assert!(words(Lang::Fr).is_demonym("francais"));
        assert_eq!(words(Lang::Fr).pronoun_gender("elle"), Some(Gender::Female));
        assert_eq!(words(Lang::En).honorific("mrs"), Some(Some(Gender::Female)));
    }
}

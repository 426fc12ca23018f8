//! User-editable word lists from `assets/`, loaded into typed structs with serde.

use super::text::{fold, fold_word, tokens};
use super::{HashMap, HashSet};
use folded_set as set;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Organisation,
    State,
    Group,
    Media,
    Place,
}

impl ActorKind {
    pub const ALL: [ActorKind; 6] = [
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::State,
        ActorKind::Group,
        ActorKind::Media,
        ActorKind::Place,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::State => "state",
            ActorKind::Group => "group",
            ActorKind::Media => "media",
            ActorKind::Place => "place",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct LexiconEntry {
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A lexicon file: the bundled one, or a user's (hand-written or curated in the reader).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct LexiconFile {
    /// Names never reported as actors.
    #[serde(default)]
    pub not_actors: Vec<String>,
    #[serde(default, rename = "actor")]
    pub actors: Vec<LexiconEntry>,
}

impl LexiconFile {
    pub fn parse(text: &str, name: &str) -> Result<LexiconFile, LexiconError> {
        parse(text, name)
    }
}

#[derive(Debug, Clone, Deserialize)]
struct WordsFile {
    roles: Vec<String>,
    organisation: Vec<String>,
    media: Vec<String>,
    media_cues: Vec<String>,
    group: Vec<String>,
    place_prepositions: Vec<String>,
    particles: Vec<String>,
    articles: Vec<String>,
    bare_articles: Vec<String>,
    demonym_adjectives: Vec<String>,
    organisation_particles: Vec<String>,
    department_openers: Vec<String>,
    place_nouns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct StopwordsFile {
    words: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
}

/// One alias, as folded tokens, pointing at its lexicon entry.
#[derive(Debug, Clone)]
pub struct AliasPattern {
    pub tokens: Vec<String>,
    /// Written with a capital in the lexicon: matches capitalised text only.
    pub capitalised: bool,
    /// Written in capitals (`UN`, `US`): matches capitals only, never `Un` or `us`.
    pub acronym: bool,
    pub entry: usize,
}

/// Everything the actor detector knows besides the text.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub entries: Vec<LexiconEntry>,
    /// Which entries come from the user's lexicon: their aliases are taken as said, with none
    /// of the detector's second guesses (`à Kaboul` stays the actor it was merged into).
    pub from_user: Vec<bool>,
    pub not_actors: HashSet<String>,
    /// Alias patterns by their first folded token.
    pub patterns: HashMap<String, Vec<AliasPattern>>,
    /// Each folded alias (names left out) and the first entry that has it.
    pub alias_entries: HashMap<String, usize>,
    pub roles: HashSet<String>,
    pub organisation_words: HashSet<String>,
    pub media_words: HashSet<String>,
    pub media_cues: HashSet<String>,
    pub group_words: HashSet<String>,
    pub place_prepositions: HashSet<String>,
    pub particles: HashSet<String>,
    pub articles: HashSet<String>,
    /// Articles that join two names only after a preposition (`Church of the Holy Spirit`).
    pub bare_articles: HashSet<String>,
    pub demonym_adjectives: HashSet<String>,
    /// Small words inside a name that make it an organisation (`of`: `Museum of Flight`).
    pub organisation_particles: HashSet<String>,
    /// Articles and prepositions before a department's name in a role (`des Affaires étrangères`).
    pub department_openers: HashSet<String>,
    /// Nouns of places before a name: `la ville de Toulouse`, `the city of Boston`.
    pub place_nouns: HashSet<String>,
    pub stopwords: HashSet<String>,
    /// Stop words and further function words: left out when passages are compared.
    pub function_words: HashSet<String>,
    /// The reporting cues claims are found by: the bundled ones, with the user's cue file.
    pub cues: super::claims::Cues,
}

impl Lexicon {
    /// The entry one of whose names or aliases is exactly these folded words.
    pub fn entry_named(&self, folded: &[String]) -> Option<usize> {
        let first = folded.first()?;
        self.patterns
            .get(first)?
            .iter()
            .find(|p| p.tokens == folded)
            .map(|p| p.entry)
    }
}

/// A lexicon file that could not be read; the message names the line and column.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("lexicon {path}: {message}")]
    Syntax { path: String, message: String },
}

/// A word list as folded words.
pub(crate) fn folded_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// A TOML file of the user's, with an error naming the file, line and column.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, path: &str) -> Result<T, LexiconError> {
    parse(text, path)
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, path: &str) -> Result<T, LexiconError> {
    toml::from_str(text).map_err(|e| LexiconError::Syntax {
        path: path.to_string(),
        // toml's message spans several lines with a caret; keep its first line (it has the line and column).
        message: one_line(&e.to_string(), text, e.span()),
    })
}

fn one_line(message: &str, text: &str, span: Option<std::ops::Range<usize>>) -> String {
    let detail = message.lines().last().unwrap_or(message).trim();
    match span {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {detail}")
        }
        None => detail.to_string(),
    }
}

impl Lexicon {
    /// The embedded default lexicon and word lists.
    pub fn embedded() -> Lexicon {
        // The embedded assets are checked by the test suite; failing here is a build defect.
        Lexicon::build(Vec::new()).unwrap_or_else(|e| panic!("embedded lexicon: {e}"))
    }

    /// The default lexicon with user lexicon texts (`(text, name)`) merged over it in order.
    pub fn build(user: Vec<(String, String)>) -> Result<Lexicon, LexiconError> {
        Lexicon::build_with_cues(user, None)
    }

    /// As `build`, with a user's cue file (`(text, name)`) added to the bundled cues.
    pub fn build_with_cues(
        user: Vec<(String, String)>,
        cues: Option<(String, String)>,
    ) -> Result<Lexicon, LexiconError> {
        let cues = match &cues {
            Some((text, name)) => super::claims::Cues::with_user(text, name)?,
            None => super::claims::Cues::embedded(),
        };
        let mut file: LexiconFile = parse(include_str!("../../assets/actors.toml"), "assets/actors.toml")?;
        let mut from_user = vec![false; file.actors.len()];
        for (text, name) in &user {
            let extra: LexiconFile = parse(text, name)?;
            // A user's entry claims its name and aliases: earlier entries lose them, and an
            // earlier entry whose own name is claimed is replaced (`same name = your entry wins`,
            // and a merge or rename done in the reader takes the old names along).
            for entry in extra.actors {
                let claimed: HashSet<String> = std::iter::once(&entry.name)
                    .chain(&entry.aliases)
                    .map(|a| fold(a))
                    .collect();
                let keep: Vec<bool> = file.actors.iter().map(|e| !claimed.contains(&fold(&e.name))).collect();
                let mut at = 0;
                file.actors.retain(|_| (keep[at], at += 1).0);
                let mut at = 0;
                from_user.retain(|_| (keep[at], at += 1).0);
                for e in &mut file.actors {
                    e.aliases.retain(|a| !claimed.contains(&fold(a)));
                }
                file.actors.push(entry);
                from_user.push(true);
            }
            file.not_actors.extend(extra.not_actors);
        }
        let words: WordsFile = parse(
            include_str!("../../assets/entity_words.toml"),
            "assets/entity_words.toml",
        )?;
        let stop: StopwordsFile = parse(include_str!("../../assets/stopwords.toml"), "assets/stopwords.toml")?;
        let mut patterns: HashMap<String, Vec<AliasPattern>> = HashMap::default();
        for (i, entry) in file.actors.iter().enumerate() {
            for alias in std::iter::once(&entry.name).chain(&entry.aliases) {
                let toks: Vec<String> = tokens(alias).iter().map(fold_word).collect();
                let Some(first) = toks.first().cloned() else {
                    continue;
                };
                let capitalised = alias.chars().next().is_some_and(char::is_uppercase);
                let acronym =
                    alias.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !alias.chars().any(char::is_lowercase);
                patterns.entry(first).or_default().push(AliasPattern {
                    tokens: toks,
                    capitalised,
                    acronym,
                    entry: i,
                });
            }
        }
        for list in patterns.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.tokens.len()));
        }
        let mut alias_entries: HashMap<String, usize> = HashMap::default();
        for (i, entry) in file.actors.iter().enumerate() {
            for alias in &entry.aliases {
                alias_entries.entry(fold(alias)).or_insert(i);
            }
        }
        Ok(Lexicon {
            alias_entries,
            not_actors: set(&file.not_actors),
            entries: file.actors,
            from_user,
            patterns,
            roles: set(&words.roles),
            organisation_words: set(&words.organisation),
            media_words: set(&words.media),
            media_cues: set(&words.media_cues),
            group_words: set(&words.group),
            place_prepositions: set(&words.place_prepositions),
            particles: set(&words.particles),
            articles: set(&words.articles),
            bare_articles: set(&words.bare_articles),
            demonym_adjectives: set(&words.demonym_adjectives),
            organisation_particles: set(&words.organisation_particles),
            department_openers: set(&words.department_openers),
            place_nouns: set(&words.place_nouns),
            stopwords: set(&stop.words),
            function_words: set(&stop.words).union(&set(&stop.function_words)).cloned().collect(),
            cues,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_assets_parse() {
        let lex = Lexicon::build(Vec::new()).expect("assets parse");
        assert!(lex.entries.iter().any(|e| e.name == "ISIS-K"));
        assert!(lex.roles.contains("porte-parole"));
        assert!(lex.stopwords.contains("selon"));
    }

    #[test]
    fn a_malformed_user_lexicon_names_line_and_column() {
        let bad = "[[actor]]\nname = \"X\"\nkind = \"nonsense\"\n".to_string();
        let err = Lexicon::build(vec![(bad, "mine.toml".into())]).expect_err("bad kind");
        let text = err.to_string();
        assert!(text.starts_with("lexicon mine.toml: line 3, column"), "{text}");
        assert!(!text.contains('\n'));
    }

    #[test]
    fn user_entries_replace_defaults_with_the_same_name() {
        let mine = "[[actor]]\nname = \"OTAN\"\nkind = \"group\"\naliases = [\"Alliance\"]\n".to_string();
        let lex = Lexicon::build(vec![(mine, "mine.toml".into())]).expect("parses");
        let otan: Vec<_> = lex.entries.iter().filter(|e| e.name == "OTAN").collect();
        assert_eq!(otan.len(), 1);
        assert_eq!(otan[0].kind, ActorKind::Group);
    }
}

//! Finding actors by a few typed letters: fuzzy, accent- and case-insensitive, over every
//! actor's name and aliases (fuzzy-matcher behind one small type).

use crate::analysis::actors::Actor;
use crate::analysis::text::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// One actor that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMatch {
    pub actor: usize,
    pub score: i64,
    /// The alias that matched, when it is not the canonical name.
    pub alias: Option<String>,
    /// Char positions of the matched letters in the matched name (or alias).
    pub positions: Vec<usize>,
}

/// Every name an actor answers to, folded once, ready to be matched as the user types.
pub struct ActorIndex {
    /// (actor, name as written, folded name, whether folding kept one char per char)
    names: Vec<(usize, String, String, bool)>,
    matcher: SkimMatcherV2,
}

impl ActorIndex {
    pub fn new(actors: &[Actor]) -> ActorIndex {
        let mut names = Vec::new();
        for (i, actor) in actors.iter().enumerate() {
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let folded = fold(name);
                let same_shape = folded.chars().count() == name.chars().count();
                names.push((i, name.clone(), folded, same_shape));
            }
        }
        ActorIndex {
            names,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Actors matching the query, best first, each once (by its best-matching name).
    pub fn search(&self, actors: &[Actor], query: &str, limit: usize) -> Vec<ActorMatch> {
        let query = fold(query.trim());
        if query.is_empty() {
            return Vec::new();
        }
        let mut best: std::collections::HashMap<usize, ActorMatch> = std::collections::HashMap::new();
        for (actor, name, folded, same_shape) in &self.names {
            let Some((score, positions)) = self.matcher.fuzzy_indices(folded, &query) else {
                continue;
            };
            // A name that contains the query as typed (`etat isl`) beats scattered letters.
            let score = score + if folded.contains(&query) { 1_000 } else { 0 };
            let better = best.get(actor).is_none_or(|m| score > m.score);
            if better {
                let alias = (name != &actors[*actor].name).then(|| name.clone());
                let positions = if *same_shape { positions } else { Vec::new() };
                best.insert(
                    *actor,
                    ActorMatch {
                        actor: *actor,
                        score,
                        alias,
                        positions,
                    },
                );
            }
        }
        let mut found: Vec<ActorMatch> = best.into_values().collect();
        found.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(actors[b.actor].mentions.len().cmp(&actors[a.actor].mentions.len()))
                .then(a.actor.cmp(&b.actor))
        });
        found.truncate(limit);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lexicon::ActorKind;

    fn actor(name: &str, aliases: &[&str]) -> Actor {
        Actor {
            name: name.into(),
            kind: ActorKind::Group,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: Vec::new(),
        }
    }

    #[test]
    fn accents_case_and_aliases() {
        let actors = vec![
            actor("ISIS-K", &["État islamique au Khorassan", "EI-K"]),
            actor("État islamique", &["Daech", "ISIS"]),
            actor("Maria Zakharova", &[]),
        ];
        let index = ActorIndex::new(&actors);
        let top = |q: &str| {
            index
                .search(&actors, q, 5)
                .first()
                .map(|m| (actors[m.actor].name.clone(), m.alias.clone()))
        };
        assert_eq!(top("daech"), Some(("État islamique".into(), Some("Daech".into()))));
        assert_eq!(top("zakharo"), Some(("Maria Zakharova".into(), None)));
        assert_eq!(
            top("ETAT ISL")
                .map(|t| t.0)
                .as_deref()
                .map(|n| n == "ISIS-K" || n == "État islamique"),
            Some(true)
        );
        let both: Vec<usize> = index.search(&actors, "etat isl", 5).iter().map(|m| m.actor).collect();
        assert!(both.contains(&0) && both.contains(&1), "both ISIS actors: {both:?}");
        assert!(index.search(&actors, "zzzz", 5).is_empty());
    }
}

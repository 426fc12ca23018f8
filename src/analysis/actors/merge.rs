//! One actor per entity: surnames, acronyms, first words and named things merged into the
//! full names they stand for, then each actor named, kinded and sorted.

use super::*;

/// Merges surnames into full names and acronyms into their expansions.
/// `bracketed` holds the builders of names written `A (B)`: an acronym and the name it
/// stands for, whichever is in brackets.
pub(super) fn merge(
    mut builders: Vec<Builder>,
    bracketed: &[(usize, usize)],
    lexicon: &Lexicon,
    vocab: &Vocabulary,
) -> Vec<Builder> {
    mark_countable(&mut builders, vocab);
    let mut target: Vec<Option<usize>> = vec![None; builders.len()];
    for &(a, b) in bracketed {
        let (short, long) = if builders[a].acronym { (a, b) } else { (b, a) };
        let (s, l) = (&builders[short], &builders[long]);
        // The acronym's letters are initials of the name, in any order (a name translated:
        // `CEI (Italian Episcopal Conference)`); `Philippe Gosselin (UMP)` is a party.
        let letters: HashSet<char> = initials(&l.key_tokens, lexicon, true).chars().collect();
        let spelled = s
            .key_tokens
            .first()
            .is_some_and(|w| w.chars().all(|c| letters.contains(&c)));
        if s.acronym && !l.acronym && spelled && s.lexicon.is_none() && l.key_tokens.len() > 1 {
            target[short].get_or_insert(long);
        }
    }
    for i in 0..builders.len() {
        let b = &builders[i];
        if b.lexicon.is_some() || b.key_tokens.len() != 1 || target[i].is_some() {
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
pub(super) fn mark_countable(builders: &mut [Builder], vocab: &Vocabulary) {
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
        let singular_seen = vocab.capitalised(key.as_str());
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
pub(super) fn initials(words: &[String], lexicon: &Lexicon, every_word: bool) -> String {
    words
        .iter()
        .filter(|w| every_word || (!lexicon.particles.contains(w.as_str()) && !lexicon.stopwords.contains(w.as_str())))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .collect()
}

pub(super) fn finish(builders: Vec<Builder>, lexicon: &Lexicon, docs: usize) -> Actors {
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
pub(super) fn clean_name(surface: &str) -> String {
    surface
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('*')
        .to_string()
}

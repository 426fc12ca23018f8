//! Finding actors by a few typed letters: fuzzy, accent- and case-insensitive, over every
//! actor's name and aliases (fuzzy-matcher behind one small type); and finding a word or a
//! phrase in the passages, accent- and case-insensitive.

use crate::analysis::actors::Actor;
use crate::analysis::text::fold;
use crate::corpus::Corpus;
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

    /// Actors matching the query, best first, each once (by its best-matching name); every
    /// actor, most mentioned first, for an empty query.
    pub fn search(&self, actors: &[Actor], query: &str, limit: usize) -> Vec<ActorMatch> {
        let query = fold(query.trim());
        if query.is_empty() {
            // Nothing typed yet: every actor, most mentioned first (as fzf lists everything).
            return (0..actors.len().min(limit))
                .map(|actor| ActorMatch {
                    actor,
                    score: 0,
                    alias: None,
                    positions: Vec::new(),
                })
                .collect();
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

/// One place where a searched phrase occurs: file byte offsets, on character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextHit {
    pub doc: usize,
    pub passage: usize,
    pub start: usize,
    pub end: usize,
}

/// What a full-text search found, in corpus order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSearch {
    pub query: String,
    pub hits: Vec<TextHit>,
    /// More hits than `limit` exist: the list stops there.
    pub truncated: bool,
}

impl TextSearch {
    /// Documents with at least one hit.
    pub fn documents(&self) -> usize {
        let mut docs: Vec<usize> = self.hits.iter().map(|h| h.doc).collect();
        docs.dedup();
        docs.len()
    }

    /// The hits in one document.
    pub fn in_document(&self, doc: usize) -> &[TextHit] {
        let first = self.hits.partition_point(|h| h.doc < doc);
        let last = self.hits.partition_point(|h| h.doc <= doc);
        &self.hits[first..last]
    }
}

/// A text folded for comparison (lower case, no accents, runs of spaces as one), with the source
/// byte range each folded byte came from.
struct Folded {
    text: String,
    source: Vec<(usize, usize)>,
}

fn fold_with_offsets(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        source: Vec::with_capacity(text.len()),
    };
    let mut last_space = true;
    for (at, c) in text.char_indices() {
        let range = (at, at + c.len_utf8());
        if c.is_whitespace() {
            if !last_space {
                folded.text.push(' ');
                folded.source.push(range);
            }
            last_space = true;
            continue;
        }
        last_space = false;
        let before = folded.text.len();
        if c.is_ascii() {
            folded.text.push(c.to_ascii_lowercase());
        } else {
            let mut buf = [0u8; 4];
            folded.text.push_str(&fold(c.encode_utf8(&mut buf)));
        }
        folded
            .source
            .extend(std::iter::repeat_n(range, folded.text.len() - before));
    }
    folded
}

/// The phrase a query searches for: folded, spaces collapsed, trimmed.
pub fn search_key(query: &str) -> String {
    fold_with_offsets(query.trim()).text.trim().to_string()
}

/// Every occurrence of `query` in the passages the reader shows (not web debris), accent- and
/// case-insensitive, a line break counting as a space; at most `limit` hits.
pub fn find_text(corpus: &Corpus, query: &str, limit: usize) -> TextSearch {
    let (key, mut found) = begin_search(query);
    if key.is_empty() {
        return found;
    }
    for (d, doc) in corpus.documents.iter().enumerate() {
        for (p, passage) in doc.analysed() {
            let text = doc.text(passage);
            // Cheap first test on the raw text when both are plain ASCII.
            if !key.contains(' ') && text.is_ascii() && !text.to_ascii_lowercase().contains(key.as_str()) {
                continue;
            }
            if !passage_hits(corpus, d, p, &key, limit, &mut found) {
                return found;
            }
        }
    }
    found
}

/// The folded key of a query, and an empty search for it (the query as typed, spaces as one).
fn begin_search(query: &str) -> (String, TextSearch) {
    let found = TextSearch {
        query: query.split_whitespace().collect::<Vec<_>>().join(" "),
        ..TextSearch::default()
    };
    (search_key(query), found)
}

/// Adds the hits of `key` in one passage to `found`; false when `limit` was reached.
fn passage_hits(corpus: &Corpus, d: usize, p: usize, key: &str, limit: usize, found: &mut TextSearch) -> bool {
    let doc = &corpus.documents[d];
    let passage = &doc.passages[p];
    let folded = fold_with_offsets(doc.text(passage));
    let mut from = 0;
    // Folded text is ASCII (deunicode), so every offset is a character boundary.
    while let Some(at) = folded.text.get(from..).and_then(|rest| rest.find(key)) {
        let (first, last) = (from + at, from + at + key.len() - 1);
        if found.hits.len() == limit {
            found.truncated = true;
            return false;
        }
        found.hits.push(TextHit {
            doc: d,
            passage: p,
            start: passage.start + folded.source[first].0,
            end: passage.start + folded.source[last].1,
        });
        // Next match after this one's last source character.
        from = folded.source[last..]
            .iter()
            .position(|r| r.0 >= folded.source[last].1)
            .map_or(folded.text.len(), |k| last + k);
    }
    true
}

/// The passages the reader shows, folded once for search (lower case, no accents, spaces as
/// one), end to end: a query is then one scan of memory instead of folding the corpus again
/// at each keystroke. Built off the UI thread once the corpus is read; about the corpus's
/// size in memory.
#[derive(Debug, Default)]
pub struct TextIndex {
    /// Every passage folded, each followed by a line break (which no query holds, so no
    /// match runs from one passage into the next).
    folded: String,
    /// (document, passage, where its folded text starts), in reading order.
    starts: Vec<PassageStart>,
}

/// A passage of the index: (document, passage, where its folded text starts).
type PassageStart = (u32, u32, usize);

impl TextIndex {
    pub fn new(corpus: &Corpus) -> TextIndex {
        use rayon::prelude::*;
        let parts: Vec<(String, Vec<PassageStart>)> = corpus
            .documents
            .par_iter()
            .enumerate()
            .map(|(d, doc)| {
                let mut folded = String::new();
                let mut starts = Vec::new();
                for (p, passage) in doc.analysed() {
                    starts.push((d as u32, p as u32, folded.len()));
                    folded.push_str(&fold_with_offsets(doc.text(passage)).text);
                    folded.push('\n');
                }
                (folded, starts)
            })
            .collect();
        let mut index = TextIndex {
            folded: String::with_capacity(parts.iter().map(|(f, _)| f.len()).sum()),
            starts: Vec::with_capacity(parts.iter().map(|(_, s)| s.len()).sum()),
        };
        for (folded, starts) in parts {
            let base = index.folded.len();
            index
                .starts
                .extend(starts.into_iter().map(|(d, p, at)| (d, p, base + at)));
            index.folded.push_str(&folded);
        }
        index
    }

    /// What `find_text` finds, hit for hit: the passages that hold the query are found by one
    /// scan of the folded text, and only those are looked at again for the exact places.
    pub fn find(&self, corpus: &Corpus, query: &str, limit: usize) -> TextSearch {
        let (key, mut found) = begin_search(query);
        if key.is_empty() {
            return found;
        }
        let mut last = None;
        for at in memchr::memmem::find_iter(self.folded.as_bytes(), key.as_bytes()) {
            let i = self.starts.partition_point(|s| s.2 <= at) - 1;
            if last == Some(i) {
                continue;
            }
            last = Some(i);
            let (d, p, _) = self.starts[i];
            if !passage_hits(corpus, d as usize, p as usize, &key, limit, &mut found) {
                break;
            }
        }
        found
    }
}

/// A hit with some words either side, on one line: (before, match, after).
pub fn hit_context(corpus: &Corpus, hit: &TextHit, room: usize) -> (String, String, String) {
    let Some(doc) = corpus.documents.get(hit.doc) else {
        return Default::default();
    };
    let Some(passage) = doc.passages.get(hit.passage) else {
        return Default::default();
    };
    let text = doc.text(passage);
    let (start, end) = (hit.start - passage.start, hit.end - passage.start);
    let clean = |s: &str| crate::corpus::sanitize_line(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    let before: Vec<char> = clean(&text[..start]).chars().collect();
    let keep = room / 3;
    let before: String = if before.len() > keep {
        std::iter::once('…')
            .chain(before[before.len() - keep..].iter().copied())
            .collect()
    } else {
        before.into_iter().collect()
    };
    let space = |s: &str, at_end: bool| {
        let spaced = if at_end {
            s.ends_with(char::is_whitespace)
        } else {
            s.starts_with(char::is_whitespace)
        };
        if spaced { " " } else { "" }
    };
    (
        format!("{before}{}", space(&text[..start], true)),
        clean(&text[start..end]),
        format!("{}{}", space(&text[end..], false), clean(&text[end..])),
    )
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

    #[test]
    fn text_search_ignores_accents_case_and_line_breaks() {
        let doc = crate::corpus::Document::from_text(
            "a",
            "a.txt",
            "Titre\n\nL’État islamique a revendiqué l’attaque.\n\nLes ETATS-UNIS et l'etat\nislamique s’opposent.\n"
                .to_string(),
        );
        let corpus = Corpus {
            documents: vec![doc],
            ..Corpus::default()
        };
        let found = find_text(&corpus, "  État  Islamique ", 100);
        let texts: Vec<&str> = found
            .hits
            .iter()
            .map(|h| &corpus.documents[0].source[h.start..h.end])
            .collect();
        assert_eq!(texts, vec!["État islamique", "etat\nislamique"]);
        assert_eq!(found.documents(), 1);
        let (before, hit, after) = hit_context(&corpus, &found.hits[1], 60);
        assert_eq!(hit, "etat islamique");
        assert!(before.ends_with("l'"), "{before:?}");
        assert!(after.starts_with(" s’opposent"), "{after:?}");
        assert_eq!(find_text(&corpus, "etats-unis", 100).hits.len(), 1);
        assert!(find_text(&corpus, "taliban", 100).hits.is_empty());
        let capped = find_text(&corpus, "e", 3);
        assert_eq!(capped.hits.len(), 3);
        assert!(capped.truncated);
    }

    #[test]
    fn text_hits_fall_on_character_boundaries() {
        // `œ` folds to two letters: a match on one of them still covers the whole character.
        let doc = crate::corpus::Document::from_text("a", "a.txt", "Titre\n\nLe cœur de l’œuvre.\n".to_string());
        let corpus = Corpus {
            documents: vec![doc],
            ..Corpus::default()
        };
        for query in ["o", "e", "oe", "ur", "œ"] {
            for hit in find_text(&corpus, query, 100).hits {
                let source = &corpus.documents[0].source;
                assert!(
                    source.is_char_boundary(hit.start) && source.is_char_boundary(hit.end),
                    "{query}"
                );
            }
        }
        assert_eq!(find_text(&corpus, "coeur", 100).hits.len(), 1);
    }
}

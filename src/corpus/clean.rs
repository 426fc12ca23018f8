//! Splitting a file into passages and telling article text from headings and web debris.

use super::{Passage, PassageKind};
use crate::analysis::text::{char_at, fold};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct DebrisRules {
    exact: Vec<String>,
    prefix: Vec<String>,
}

fn debris_rules() -> &'static DebrisRules {
    static RULES: OnceLock<DebrisRules> = OnceLock::new();
    RULES.get_or_init(|| {
        // The embedded asset is part of the binary; a parse failure is a build defect caught by tests.
        toml::from_str(include_str!("../../assets/debris.toml")).unwrap_or(DebrisRules {
            exact: Vec::new(),
            prefix: Vec::new(),
        })
    })
}

/// Splits the source into passages (blank-line separated paragraphs, glued paragraphs split
/// again) and gives each its kind. Title and date are settled later by `meta`.
pub fn passages(source: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    for (start, end) in paragraphs(source) {
        let text = &source[start..end];
        let pieces = unglue(text);
        for (a, b) in pieces {
            let (mut a, b) = trim_range(source, start + a, start + b);
            // `## Réactions`: a Markdown heading, shown without its marks (offsets stay in the file).
            let marks = atx_marks(&source[a..b]);
            if marks > 0 {
                a = trim_range(source, a + marks, b).0;
            }
            if a < b {
                let kind = if marks > 0 {
                    PassageKind::Heading
                } else {
                    classify(&source[a..b])
                };
                out.push(Passage { start: a, end: b, kind });
            }
        }
    }
    out
}

/// The length of the `#` marks opening a Markdown (ATX) heading line (`## Titre`), else 0.
fn atx_marks(line: &str) -> usize {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let spaced = line[hashes..].starts_with([' ', '\t']);
    if (1..=6).contains(&hashes) && spaced { hashes } else { 0 }
}

/// Byte ranges of blank-line separated paragraphs, trimmed of surrounding white space; a
/// Markdown heading line is a paragraph of its own.
fn paragraphs(source: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = 0;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let blank = line.trim_matches(is_space).is_empty();
        let heading = atx_marks(line.trim_start_matches(is_space)) > 0;
        if (blank || heading)
            && let Some(s) = para_start.take()
        {
            out.push((s, para_end));
        }
        if heading {
            out.push((offset, offset + line.len()));
        } else if !blank {
            para_start.get_or_insert(offset);
            para_end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = para_start {
        out.push((s, para_end));
    }
    out.into_iter()
        .map(|(s, e)| trim_range(source, s, e))
        .filter(|(s, e)| s < e)
        .collect()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn trim_range(source: &str, start: usize, end: usize) -> (usize, usize) {
    let text = &source[start..end];
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let trail = text.len() - text.trim_end_matches(is_space).len();
    if lead + trail >= text.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// Where a scraper ran paragraphs together (`Washington Post.D’après`, `informelsToujours`),
/// the byte offsets at which the original paragraphs began. Needs two such joins in one
/// paragraph before trusting them, so a lone `Node.Js` is left alone.
pub fn glue_points(text: &str) -> Vec<usize> {
    let mut points = Vec::new();
    let bytes = text.as_bytes();
    let char_at = |i: usize| char_at(text, i);
    if bytes.is_empty() {
        return points;
    }
    let (mut prev, first) = char_at(0);
    if first >= bytes.len() {
        return points;
    }
    let mut at = first;
    let (mut cur, mut len) = char_at(at);
    // Length of the lower-case run that ends just before `cur`.
    let mut lower_run = usize::from(prev.is_lowercase());
    while at + len < bytes.len() {
        let next_at = at + len;
        // A lower-case ASCII letter, most of a text, neither ends a sentence nor opens a
        // capitalised word: it only lengthens the run.
        if cur.is_ascii_lowercase() {
            lower_run += 1;
            prev = cur;
            at = next_at;
            (cur, len) = char_at(at);
            continue;
        }
        let (n, next_len) = char_at(next_at);
        let after = (next_at + next_len < bytes.len()).then(|| char_at(next_at + next_len).0);
        let sentence_glue = matches!(cur, '.' | '!' | '?')
            && (prev.is_lowercase() || matches!(prev, '"' | '»' | '”' | ')'))
            && (n.is_uppercase() || (n == '*' && after.is_some_and(char::is_uppercase)));
        // `informelsToujours`: a lower-case run of 3+ letters, then a capitalised word.
        let camel_glue = lower_run >= 3 && cur.is_uppercase() && n.is_lowercase();
        if sentence_glue {
            points.push(next_at);
        } else if camel_glue {
            points.push(at);
        }
        lower_run = if cur.is_lowercase() { lower_run + 1 } else { 0 };
        prev = cur;
        at = next_at;
        (cur, len) = (n, next_len);
    }
    if points.len() >= 2 { points } else { Vec::new() }
}

/// The pieces of a paragraph, relative to its start.
fn unglue(text: &str) -> Vec<(usize, usize)> {
    let mut cuts = glue_points(text);
    cuts.insert(0, 0);
    cuts.push(text.len());
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Body, heading or debris, from the paragraph's own text.
pub fn classify(text: &str) -> PassageKind {
    if is_debris(text) {
        return PassageKind::Debris;
    }
    if is_heading(text) {
        return PassageKind::Heading;
    }
    PassageKind::Body
}

/// Characters of a paragraph looked at for debris rules.
const DEBRIS_OPENING: usize = 64;

fn is_debris(text: &str) -> bool {
    if !text.chars().any(char::is_alphabetic) {
        return true;
    }
    // Every rule is short: folding the opening is enough, and keeps long paragraphs cheap.
    let opening: String = text.trim().chars().take(DEBRIS_OPENING).collect();
    let folded = fold(&opening);
    let folded = folded.trim();
    let rules = debris_rules();
    let whole = text.trim().chars().nth(DEBRIS_OPENING).is_none();
    if whole && rules.exact.iter().any(|e| folded == e) {
        return true;
    }
    if rules.prefix.iter().any(|p| folded.starts_with(p.as_str())) {
        return true;
    }
    // A footnote on starred names (`*Organisation terroriste interdite en Russie`).
    if text.starts_with('*') && text.len() < 200 {
        return true;
    }
    // A teaser for another page: cut short by an ellipsis and followed by its date.
    if let Some(pos) = text.rfind("...").or_else(|| text.rfind('…')) {
        let tail = text[pos..].trim_start_matches(['.', '…']).trim();
        if !tail.is_empty()
            && tail.len() <= 12
            && tail
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '/' || c == '-')
        {
            return true;
        }
    }
    false
}

fn is_heading(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.chars().nth(120).is_some() {
        return false;
    }
    let words = trimmed.split_whitespace().count();
    let starts_upper = trimmed.chars().next().is_some_and(|c| !c.is_lowercase());
    let ends_sentence = trimmed.ends_with(['.', '!', '?', ':', ';', ',']);
    !trimmed.contains('\n') && trimmed.chars().count() <= 120 && words <= 20 && starts_upper && !ends_sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_paragraphs_are_split_where_sentences_touch() {
        let text = "Il a parlé au Washington Post.D’après deux sources, rien.Contacts formels et informelsToujours selon le journal.";
        let pieces: Vec<&str> = unglue(text).iter().map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(
            pieces,
            vec![
                "Il a parlé au Washington Post.",
                "D’après deux sources, rien.",
                "Contacts formels et informels",
                "Toujours selon le journal."
            ]
        );
    }

    /// `glue_points` as first written, one character at a time: what the faster scan must find.
    fn glue_points_by_chars(text: &str) -> Vec<usize> {
        let mut points = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut lower_run = usize::from(chars.first().is_some_and(|(_, c)| c.is_lowercase()));
        for k in 1..chars.len().saturating_sub(1) {
            let (prev, (at, c), (next_at, n)) = (chars[k - 1].1, chars[k], chars[k + 1]);
            let after = chars.get(k + 2).map(|(_, a)| *a);
            let sentence_glue = matches!(c, '.' | '!' | '?')
                && (prev.is_lowercase() || matches!(prev, '"' | '»' | '”' | ')'))
                && (n.is_uppercase() || (n == '*' && after.is_some_and(char::is_uppercase)));
            let camel_glue = lower_run >= 3 && c.is_uppercase() && n.is_lowercase();
            if sentence_glue {
                points.push(next_at);
            } else if camel_glue {
                points.push(at);
            }
            lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
        }
        if points.len() >= 2 { points } else { Vec::new() }
    }

    proptest::proptest! {
        #[test]
        fn glue_is_found_as_one_character_at_a_time_would(text in "([a-zé]{0,6}[A-ZÉ.!?*\"»” )]{0,2}){0,30}") {
            proptest::prop_assert_eq!(glue_points(&text), glue_points_by_chars(&text));
        }
    }

    #[test]
    fn no_glue_is_left_inside_a_passage() {
        // What `sanitize_passage_words` relies on: no part of a passage is glued again.
        let source = "Il a parlé au Washington Post.D’après deux sources, rien.Contacts formels et informelsToujours selon le journal.\n\nUn seul.Point ici, rien d’autre.";
        let found = passages(source);
        assert_eq!(found.len(), 5);
        for p in found {
            let text = &source[p.start..p.end];
            for (a, _) in text.char_indices() {
                for (b, c) in text[a..].char_indices() {
                    let part = &text[a..a + b + c.len_utf8()];
                    assert!(glue_points(part).is_empty(), "{part:?}");
                }
            }
        }
    }

    #[test]
    fn one_join_is_not_enough_to_split() {
        assert!(glue_points("He uses Node.Js at work, like many.").is_empty());
        assert!(glue_points("Le général McKenzie a parlé.").is_empty());
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("Leave a Reply"), PassageKind::Debris);
        assert_eq!(classify("Lire aussi : la suite"), PassageKind::Debris);
        assert_eq!(classify("Plus"), PassageKind::Debris);
        assert_eq!(classify("."), PassageKind::Debris);
        assert_eq!(classify("Des discussions « exploratoires »"), PassageKind::Heading);
        assert_eq!(classify("Il a parlé hier. Puis il est parti."), PassageKind::Body);
    }
}

//! Text primitives shared by the analysis: accent and case folding, tokens with byte offsets.

use std::borrow::Cow;

/// Lower-case, accent-free ASCII form used for every comparison (`État` → `etat`, `œ` → `oe`,
/// `’` → `'`).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Letter by letter into one string, as deunicode reads it: the opening below DEL as it is,
    // then every character by its transliteration (printable ASCII is itself; control
    // characters are dropped). A transliteration that ends in a space (`北` is `Bei `) is
    // trimmed depending on what follows: the whole text goes through deunicode then. Its output
    // is ASCII, so lower-casing it is ASCII lower-casing.
    let opening = text.bytes().take_while(|&b| b < 0x7F).count();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..opening]);
    out.make_ascii_lowercase();
    for c in text[opening..].chars() {
        if c == ' ' || c.is_ascii_graphic() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match deunicode::deunicode_char(c) {
            Some(ascii) if ascii.len() < 2 || !ascii.ends_with(' ') => {
                out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()))
            }
            _ => return deunicode::deunicode(text).to_ascii_lowercase(),
        }
    }
    out
}

/// The folded form of a word as names are compared: an acronym's dots are left out
/// (`U.N` = `UN`, `U.S` = `US`).
pub fn fold_word(token: &Token) -> String {
    fold_word_borrowed(token).into_owned()
}

/// `fold_word` without a copy where the word is already folded (an acronym never is).
fn fold_word_borrowed<'a>(token: &Token<'a>) -> Cow<'a, str> {
    match fold_borrowed(token.text) {
        Cow::Owned(folded) if folded.contains('.') && token.is_acronym() => Cow::Owned(folded.replace('.', "")),
        folded => folded,
    }
}

/// `fold` without a copy where the text is already folded: lower-case ASCII, as most words of
/// a text are.
pub fn fold_borrowed(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(fold(text))
    }
}

/// The folded forms of a passage's tokens, each indexed as a `str`. A word already folded is
/// borrowed from the text, so folding a passage allocates only for its capitalised and accented
/// words.
#[derive(Debug, Default)]
pub struct Folded<'a>(Vec<Cow<'a, str>>);

impl<'a> Folded<'a> {
    /// Each token by `fold`.
    pub fn of(tokens: &[Token<'a>]) -> Folded<'a> {
        Folded(tokens.iter().map(|t| fold_borrowed(t.text)).collect())
    }

    /// Each token by `fold_word` (an acronym's dots left out).
    pub fn words_of(tokens: &[Token<'a>]) -> Folded<'a> {
        Folded(tokens.iter().map(fold_word_borrowed).collect())
    }
}

impl std::ops::Index<usize> for Folded<'_> {
    type Output = str;
    fn index(&self, k: usize) -> &str {
        &self.0[k]
    }
}

impl<'a> std::ops::Index<std::ops::Range<usize>> for Folded<'a> {
    type Output = [Cow<'a, str>];
    fn index(&self, range: std::ops::Range<usize>) -> &[Cow<'a, str>] {
        &self.0[range]
    }
}

/// A word of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offsets in the passage text.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// First word of a sentence (or of a quote, or after a colon).
    pub sentence_start: bool,
}

impl Token<'_> {
    /// Starts with a capital letter (`al-Qaïda` counts by its second part).
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            Some(_) => {
                // `al-Qaïda`, `el-Sissi`: a short particle, a hyphen, then the capitalised name.
                // (Only the first four bytes can hold that hyphen.)
                let hyphen = self.text.bytes().take(4).position(|b| b == b'-');
                hyphen.is_some_and(|at| self.text[at + 1..].chars().next().is_some_and(char::is_uppercase))
            }
            None => false,
        }
    }

    /// Two or more letters, all capitals (`OTAN`, `ISIS-K`, `EI-K`).
    pub fn is_acronym(&self) -> bool {
        // A lower-case letter, the usual answer, is seen first.
        self.text.chars().all(|c| !c.is_lowercase()) && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    // Most of a text is ASCII, and most of the rest Latin letters (é, ç, ñ, œ, ł): both are
    // answered without Unicode's tables. Between U+00C0 and U+024F every character is a letter
    // but × and ÷.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{c0}'..='\u{24f}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte offset `i` (a character boundary) and its length: ASCII, most of a
/// text, read without decoding.
#[inline(always)]
pub fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes()[i] {
        b @ 0..0x80 => (b as char, 1),
        _ => text[i..].chars().next().map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}

/// Splits a passage into words. Hyphens inside a word are kept (`ISIS-K`, `porte-parole`);
/// elisions are their own token (`l’` `OTAN`); an English `'s` is split off; `*` and other
/// marks are dropped.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    first_tokens(text, usize::MAX)
}

/// The first `most` tokens of a text, as `tokens` splits it, the rest left unread.
pub fn first_tokens(text: &str, most: usize) -> Vec<Token<'_>> {
    // About one word in six bytes of prose: one allocation for most passages.
    let mut out = Vec::with_capacity((text.len() / 6 + 1).min(most));
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    let mut pending_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
                sentence_start = pending_start;
                pending_start = false;
            }
            i += len;
            // The rest of an ASCII word at once.
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        // Only a hyphen, a period or an apostrophe can be inside a word: only then is the
        // next character looked at.
        let after = &text[i + len..];
        let joining = matches!(c, '-' | '.') || is_apostrophe(c);
        let inner = joining && start.is_some() && after.chars().next().is_some_and(is_word_char);
        if inner && (c == '-' || c == '.' && text[start.unwrap_or(i)..i].chars().all(char::is_uppercase)) {
            i += len;
            continue; // `ISIS-K`, `U.S`
        }
        if inner && is_apostrophe(c) {
            let s = start.unwrap_or(i);
            let word = &text[s..i];
            let lower = word.to_lowercase();
            if super::lang::is_elision(&lower) {
                let end = i + len;
                out.push(Token {
                    start: s,
                    end,
                    text: &text[s..end],
                    sentence_start,
                });
                start = None;
                pending_start = sentence_start;
                if out.len() >= most {
                    return out;
                }
                i += len;
                continue;
            }
            let possessive = after.starts_with('s') && !after[1..].starts_with(is_word_char);
            if !possessive {
                i += len;
                continue; // `aujourd’hui`, `O’Brien`
            }
        }
        if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                text: &text[s..i],
                sentence_start,
            });
            if out.len() >= most {
                return out;
            }
        }
        if matches!(c, '.' | '!' | '?' | ':' | ';' | '«' | '“' | '"' | '\n' | '…') {
            pending_start = true;
        } else if !c.is_whitespace() && !matches!(c, '*' | ',' | '\'' | '’' | '»' | '”' | ')' | '(' | '-' | '–' | '—')
        {
            pending_start = false;
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
            sentence_start,
        });
    }
    out
}

/// Whether only spaces (no punctuation) separate two byte offsets.
pub fn only_space_between(text: &str, end: usize, start: usize) -> bool {
    text.get(end..start)
        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\u{202f}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn a_word_character_is_a_letter_or_a_digit_in_every_script() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?} (U+{:04X})", c as u32);
        }
    }

    #[test]
    fn folding_removes_accents_case_and_ligatures() {
        assert_eq!(fold("État islamique"), "etat islamique");
        assert_eq!(fold("manœuvres"), "manoeuvres");
        assert_eq!(fold("l’OTAN"), "l'otan");
    }

    #[test]
    fn tokens_split_elisions_and_keep_hyphens() {
        assert_eq!(words("d’ISIS-K et l’OTAN"), vec!["d’", "ISIS-K", "et", "l’", "OTAN"]);
        assert_eq!(words("les talibans* ont dit"), vec!["les", "talibans", "ont", "dit"]);
        assert_eq!(
            words("Biden's plan, aujourd’hui"),
            vec!["Biden", "s", "plan", "aujourd’hui"]
        );
        assert_eq!(words("al-Qaïda a-t-il"), vec!["al-Qaïda", "a-t-il"]);
    }

    #[test]
    fn the_first_tokens_are_the_tokens_up_to_there() {
        let text = "L’OTAN a dit : « ISIS-K, aujourd’hui ». Biden's U.S plan l’";
        let all = tokens(text);
        for most in 1..all.len() + 2 {
            assert_eq!(first_tokens(text, most), all[..most.min(all.len())]);
        }
    }

    #[test]
    fn sentence_starts_are_marked() {
        let t = tokens("Il part. Le Pakistan aide « Nous restons » dit-il");
        let starts: Vec<&str> = t.iter().filter(|t| t.sentence_start).map(|t| t.text).collect();
        assert_eq!(starts, vec!["Il", "Le", "Nous"]);
    }
}

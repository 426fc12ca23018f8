//! The text a reader is shown for a passage: safe for the terminal, one line per paragraph,
//! and mapped back to byte offsets in the original file.

use super::clean::glue_points;

/// Display text of a passage and, for each of its chars, the source byte offset it came from.
#[derive(Debug, Clone, Default)]
pub struct DisplayText {
    pub text: String,
    /// (display byte offset, source byte offset) for every char of `text`, in order.
    anchors: Vec<(usize, usize)>,
}

/// Replaces what a terminal would interpret (escape sequences, control characters,
/// bidi overrides) with a visible placeholder.
fn placeholder(c: char) -> Option<char> {
    match c {
        '\u{1b}' => Some('␛'),
        '\u{7f}' => Some('␡'),
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('�'),
        _ => None,
    }
}

impl DisplayText {
    /// `text` is the passage as in the file and `base` its offset there.
    pub fn new(text: &str, base: usize) -> DisplayText {
        let mut out = DisplayText {
            text: String::with_capacity(text.len()),
            anchors: Vec::with_capacity(text.len()),
        };
        shown(text, &glue_points(text), |c, i| out.push(c, base + i));
        out
    }

    fn push(&mut self, c: char, source: usize) {
        self.anchors.push((self.text.len(), source));
        self.text.push(c);
    }

    /// The display byte offset of a source byte offset (the first char at or after it).
    pub fn to_display(&self, source: usize) -> usize {
        let i = self.anchors.partition_point(|(_, s)| *s < source);
        self.anchors.get(i).map_or(self.text.len(), |(d, _)| *d)
    }

    /// The source byte offset of a display byte offset.
    pub fn to_source(&self, display: usize) -> Option<usize> {
        let i = self.anchors.partition_point(|(d, _)| *d < display);
        self.anchors.get(i).map(|(_, s)| *s)
    }
}

/// Each char of `text` as a reader is shown it, with the byte offset in `text` it comes from:
/// a space where paragraphs were glued (`glue`), one line, white space runs as one space,
/// what a terminal would interpret made visible.
fn shown(text: &str, glue: &[usize], mut push: impl FnMut(char, usize)) {
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        if glue.binary_search(&i).is_ok() && !last_space {
            push(' ', i);
        }
        let shown = match c {
            '\r' | '\u{feff}' => continue,
            '\n' | '\t' => ' ',
            c => placeholder(c).unwrap_or(c),
        };
        if shown == ' ' && last_space {
            continue;
        }
        last_space = shown == ' ';
        push(shown, i);
    }
}

/// A one-line, terminal-safe version of a short text (titles, snippets).
pub fn sanitize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    shown(text, &glue_points(text), |c, _| out.push(c));
    out
}

/// `sanitize_line` for words that lie inside one passage (a claim's): the passage was already
/// cut where paragraphs were glued, so no glue is looked for again.
pub fn sanitize_passage_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    shown(text, &[], |c, _| out.push(c));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let d = DisplayText::new("a\u{1b}]0;pwned\u{7}b", 0);
        assert!(!d.text.contains('\u{1b}'));
        assert!(!d.text.contains('\u{7}'));
        assert_eq!(d.text, "a␛]0;pwned␇b");
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let src = "xx Un\r\ndeux";
        let d = DisplayText::new(&src[3..], 3);
        assert_eq!(d.text, "Un deux");
        let at = d.text.find("deux").unwrap();
        assert_eq!(d.to_source(at), Some(src.find("deux").unwrap()));
        assert_eq!(d.to_display(src.find("deux").unwrap()), at);
    }
}

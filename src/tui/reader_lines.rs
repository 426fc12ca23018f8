//! The reader's lines: a document's visible passages made safe, wrapped to the pane width,
//! each line knowing which passage it belongs to.

use crate::corpus::{DisplayText, Document, PassageKind, sanitize_line};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Heading,
    Body,
    /// Debris or a repeated title, shown only on request.
    Hidden,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLine {
    pub passage: Option<usize>,
    pub kind: LineKind,
    pub text: String,
    /// Byte range of `text` in the passage's display text (empty for header lines).
    pub range: Range<usize>,
}

/// A document laid out for one width.
#[derive(Debug, Clone, Default)]
pub struct ReaderLines {
    pub lines: Vec<ReaderLine>,
    /// For each passage, its lines (empty when the passage is hidden).
    pub spans: Vec<Range<usize>>,
    /// Display text of each shown passage (for mapping source offsets to lines).
    pub displays: Vec<Option<DisplayText>>,
    pub width: usize,
}

impl ReaderLines {
    pub fn build(doc: &Document, width: usize, show_hidden: bool) -> ReaderLines {
        let width = width.max(1);
        let mut out = ReaderLines {
            width,
            ..ReaderLines::default()
        };
        for line in textwrap::wrap(&sanitize_line(&doc.title), options(width)) {
            out.push_header(LineKind::Title, line.into_owned());
        }
        let meta = match &doc.date {
            Some(date) => format!("{date} · {}", doc.id),
            None => doc.id.clone(),
        };
        for line in textwrap::wrap(&sanitize_line(&meta), options(width)) {
            out.push_header(LineKind::Meta, line.into_owned());
        }
        for (i, passage) in doc.passages.iter().enumerate() {
            let kind = match passage.kind {
                PassageKind::Body => LineKind::Body,
                PassageKind::Heading => LineKind::Heading,
                PassageKind::Title | PassageKind::Debris => LineKind::Hidden,
            };
            if kind == LineKind::Hidden && !show_hidden {
                out.spans.push(out.lines.len()..out.lines.len());
                out.displays.push(None);
                continue;
            }
            out.push_header(LineKind::Blank, String::new());
            let display = DisplayText::new(doc.text(passage), passage.start);
            let first = out.lines.len();
            for (range, text) in wrap_with_ranges(&display.text, width) {
                out.lines.push(ReaderLine {
                    passage: Some(i),
                    kind,
                    text,
                    range,
                });
            }
            out.spans.push(first..out.lines.len());
            out.displays.push(Some(display));
        }
        out
    }

    fn push_header(&mut self, kind: LineKind, text: String) {
        self.lines.push(ReaderLine {
            passage: None,
            kind,
            text,
            range: 0..0,
        });
    }

    pub fn is_shown(&self, passage: usize) -> bool {
        self.spans.get(passage).is_some_and(|s| !s.is_empty())
    }

    /// The passage a line belongs to, or the nearest shown passage after it.
    pub fn passage_at_or_after(&self, line: usize) -> Option<usize> {
        self.lines[line.min(self.lines.len())..].iter().find_map(|l| l.passage)
    }
}

/// Words are never split at their hyphens (`ISIS-K`, `État-Major`) unless longer than a line.
fn options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Wraps text with textwrap and finds each line's byte range in it.
fn wrap_with_ranges(text: &str, width: usize) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for line in textwrap::wrap(text, options(width)) {
        let start = match text[cursor..].find(line.as_ref()) {
            Some(at) => cursor + at,
            None => cursor,
        };
        let end = (start + line.len()).min(text.len());
        cursor = end;
        out.push((start..end, line.into_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_and_maps_back_to_its_text() {
        let doc = Document::from_text(
            "a.txt",
            "a.txt",
            "Un titre\n\nUne phrase assez longue pour être coupée en plusieurs lignes, avec « des guillemets ».\n\nLeave a Reply\n".to_string(),
        );
        let lines = ReaderLines::build(&doc, 20, false);
        assert!(
            lines
                .lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.text.as_str()) <= 20)
        );
        assert!(!lines.lines.iter().any(|l| l.text.contains("Reply")), "debris hidden");
        let body = lines.lines.iter().filter(|l| l.kind == LineKind::Body);
        for l in body {
            let display = lines.displays[l.passage.unwrap()].as_ref().unwrap();
            assert_eq!(&display.text[l.range.clone()], l.text);
        }
        let shown = ReaderLines::build(&doc, 20, true);
        assert!(
            shown.lines.iter().any(|l| l.text.contains("Reply")),
            "debris shown on request"
        );
    }
}

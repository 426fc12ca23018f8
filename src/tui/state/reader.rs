//! The reader: where it is (document, passage, scroll), its wrapped lines, and the
//! back/forward history of jumps.

use crate::tui::reader_lines::ReaderLines;

/// Where the reader was: enough to come back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub doc: usize,
    pub passage: usize,
    pub scroll: usize,
}

/// Browser-like history of jumps.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
}

/// What the reader pane shows.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub doc: usize,
    /// The current passage (index into the document's passages).
    pub passage: usize,
    /// First line shown.
    pub scroll: usize,
    pub show_hidden: bool,
    /// The open document wrapped: a cache this state owns, rebuilt by `wrap` when the document,
    /// the width or `show_hidden` changed.
    pub lines: ReaderLines,
    /// What `lines` was built for: (document, width, debris shown, the document was there).
    wrapped_for: Option<(usize, usize, bool, bool)>,
}

impl ReaderState {
    /// Wraps the open document at `width`, unless `lines` already holds it so.
    pub fn wrap(&mut self, corpus: &crate::corpus::Corpus, width: usize) {
        let doc = corpus.documents.get(self.doc);
        let key = (self.doc, width, self.show_hidden, doc.is_some());
        if self.wrapped_for == Some(key) {
            return;
        }
        self.lines = match doc {
            Some(doc) => ReaderLines::build(doc, width, self.show_hidden),
            None => ReaderLines::default(),
        };
        self.wrapped_for = Some(key);
    }
}

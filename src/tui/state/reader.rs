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
    pub lines: ReaderLines,
}

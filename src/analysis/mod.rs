//! Pure text analysis over a corpus: no I/O, no terminal.

pub mod actors;
pub mod lexicon;
pub mod text;

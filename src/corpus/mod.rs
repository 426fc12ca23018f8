//! The corpus: files turned into documents made of passages, each keeping its byte range.

mod clean;
mod display;
mod encoding;
mod load;
mod meta;
mod seeds;

pub use display::{DisplayText, sanitize_line, sanitize_passage_words};
pub use load::{
    LoadError, LoadPlan, Loader, Progress, decode, decode_with, load_paths, load_paths_with, load_paths_with_shapes,
    load_seeds, plan,
};

use std::ops::Range;

/// What a passage is, as far as reading goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// Article text.
    Body,
    /// A section heading inside the article.
    Heading,
    /// The title line.
    Title,
    /// Web-page debris: navigation, comment forms, "read also" links, a repeated title. Hidden by default.
    Debris,
}

impl PassageKind {
    /// Whether the passage is article content (counted and analysed).
    pub fn is_content(self) -> bool {
        matches!(self, PassageKind::Body | PassageKind::Heading)
    }
}

/// A paragraph (or a piece of a glued paragraph) of a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Passage {
    /// Byte offset of the first byte in the original file.
    pub start: usize,
    /// Byte offset one past the last byte in the original file.
    pub end: usize,
    pub kind: PassageKind,
}

impl Passage {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name: how documents are identified everywhere.
    pub id: String,
    /// Where it was read from (or `<embedded>/name` for the bundled seeds).
    pub path: String,
    pub title: String,
    /// ISO date (`YYYY-MM-DD` or `YYYY-MM`) when the text gives one.
    pub date: Option<String>,
    /// The decoded file text; passages are byte ranges into it.
    pub source: String,
    /// Every passage in file order, debris included.
    pub passages: Vec<Passage>,
    /// For a file that was not UTF-8: the way back from offsets in `source` to the file's bytes.
    pub recoded: Option<encoding::FileOffsets>,
    /// The language of the text, worked out once from its opening.
    pub lang: crate::analysis::lang::Lang,
}

impl Document {
    /// The byte offset in the file of offset `at` in the decoded text: the same number for a
    /// UTF-8 file, the offset in the file's own encoding for one that was decoded from another.
    pub fn file_offset(&self, at: usize) -> usize {
        self.recoded
            .as_ref()
            .map_or(at, |map| map.file_offset(&self.source, at))
    }

    /// The exact text of a passage, as in the file.
    pub fn text(&self, passage: &Passage) -> &str {
        self.source.get(passage.range()).unwrap_or("")
    }

    /// The passages that are article content (body and headings), with their index.
    pub fn content(&self) -> impl Iterator<Item = (usize, &Passage)> {
        self.passages.iter().enumerate().filter(|(_, p)| p.kind.is_content())
    }

    /// The passages the analysis reads: content and the title line.
    pub fn analysed(&self) -> impl Iterator<Item = (usize, &Passage)> {
        self.passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != PassageKind::Debris)
    }

    /// The paragraph number of a passage, as every view cites it: 1-based, counting the
    /// content passages (body and headings) up to it, whether debris is shown or not. A passage
    /// that is not content (the title line, debris) takes the number of the paragraph before
    /// it (0 before the first).
    pub fn paragraph(&self, passage: usize) -> usize {
        self.passages
            .iter()
            .take(passage.saturating_add(1))
            .filter(|p| p.kind.is_content())
            .count()
    }

    pub fn content_count(&self) -> usize {
        self.content().count()
    }

    /// What cleaning made of this document, to be kept for the next run.
    pub fn shape(&self) -> Shape {
        Shape {
            title: self.title.clone(),
            date: self.date.clone(),
            lang: self.lang,
            passages: self.passages.clone(),
        }
    }

    /// A document from decoded text and what cleaning made of that same text before (a
    /// `Shape` kept under `shape_key(id, &source)`): the document `from_text` would build.
    pub fn from_shape(id: impl Into<String>, path: impl Into<String>, source: String, shape: Shape) -> Document {
        Document {
            id: id.into(),
            path: path.into(),
            title: shape.title,
            date: shape.date,
            lang: shape.lang,
            source,
            passages: shape.passages,
            recoded: None,
        }
    }

    /// Builds a document from decoded text: splits, cleans and names it.
    pub fn from_text(id: impl Into<String>, path: impl Into<String>, source: String) -> Document {
        let id = id.into();
        let mut passages = clean::passages(&source);
        let meta = meta::read(&source, &mut passages, &id);
        Document {
            id,
            path: path.into(),
            title: meta.title,
            date: meta.date,
            lang: crate::analysis::lang::of_text(&source),
            source,
            passages,
            recoded: None,
        }
    }
}

/// What cleaning made of a file's text (its title, date, language and passages): kept between runs so
/// that an unchanged file is not cleaned again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shape {
    pub title: String,
    pub date: Option<String>,
    /// The language found in the text (it depends on the text alone, like the rest).
    pub lang: crate::analysis::lang::Lang,
    pub passages: Vec<Passage>,
}

/// Shapes of documents by `shape_key`.
pub type Shapes = std::collections::HashMap<u64, Shape>;

/// The key of a document's shape: its id (a title may come from it) and its decoded text.
/// The code that cleans is not in it: whoever keeps shapes keeps them per build.
pub fn shape_key(id: &str, source: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&(id.len() as u64).to_le_bytes());
    h.update(id.as_bytes());
    h.update(source.as_bytes());
    h.digest()
}

/// A warning about one input, shown on stderr and in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "warning: {}: {}", self.path, self.message)
    }
}

/// The documents loaded, in path order, and what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub warnings: Vec<LoadWarning>,
    /// A short description of where the corpus came from.
    pub origin: String,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.documents.iter().map(|d| d.source.len()).sum()
    }

    pub fn document(&self, id: &str) -> Option<(usize, &Document)> {
        self.documents.iter().enumerate().find(|(_, d)| d.id == id)
    }
}

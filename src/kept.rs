//! The selection kept between sessions: one small JSON file per corpus in the data directory
//! (`$XDG_DATA_HOME/recoupe/selections/` or `~/.local/share/recoupe/selections/` on Linux).
//! Documents are named by path and claims by their byte range, not by index, so a selection
//! survives a new analysis of the same files; what no longer exists is dropped.

use crate::analysis::claims::Claim;
use crate::corpus::Corpus;
use crate::export::Selection;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    /// The selection had been exported as it is.
    exported: bool,
    passages: Vec<StoredPassage>,
    claims: Vec<StoredClaim>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredPassage {
    doc: String,
    passage: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredClaim {
    doc: String,
    start: usize,
    end: usize,
}

/// A selection read back, and whether it had been exported as it is.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Kept {
    pub selection: Selection,
    pub exported: bool,
}

pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("recoupe").join("selections"))
}

/// The file for a corpus: named by its documents' paths, whatever order they were read in.
pub fn file_for(dir: &Path, corpus: &Corpus) -> PathBuf {
    let mut paths: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    paths.sort_unstable();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    paths.hash(&mut h);
    dir.join(format!("{:016x}.json", h.finish()))
}

/// Writes the selection atomically; an empty one removes the file.
pub fn save(path: &Path, corpus: &Corpus, claims: &[Claim], kept: &Kept) -> Result<(), crate::save::SaveError> {
    let fail = |source: std::io::Error| crate::save::SaveError {
        path: path.display().to_string(),
        source,
    };
    if kept.selection.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(fail(e)),
            _ => Ok(()),
        };
    }
    let doc = |d: usize| corpus.documents[d].path.clone();
    let stored = Stored {
        exported: kept.exported,
        passages: kept
            .selection
            .passages
            .iter()
            .map(|&(d, passage)| StoredPassage { doc: doc(d), passage })
            .collect(),
        claims: kept
            .selection
            .claims
            .iter()
            .filter_map(|&c| claims.get(c))
            .map(|c| StoredClaim {
                doc: doc(c.doc),
                start: c.start,
                end: c.end,
            })
            .collect(),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let text = serde_json::to_string_pretty(&stored).map_err(|e| fail(e.into()))?;
    crate::save::write_atomically(path, &text)
}

/// The selection kept for this corpus, if any; documents, passages and claims that are gone
/// are dropped. A file that does not read is treated as no selection.
pub fn load(path: &Path, corpus: &Corpus, claims: &[Claim]) -> Kept {
    let Some(stored) = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str::<Stored>(&text).ok())
    else {
        return Kept::default();
    };
    let doc_index = |path: &str| corpus.documents.iter().position(|d| d.path == path);
    let mut selection = Selection::default();
    for p in &stored.passages {
        if let Some(d) = doc_index(&p.doc)
            && p.passage < corpus.documents[d].passages.len()
        {
            selection.passages.insert((d, p.passage));
        }
    }
    for c in &stored.claims {
        if let Some(d) = doc_index(&c.doc)
            && let Some(i) = claims
                .iter()
                .position(|x| x.doc == d && x.start == c.start && x.end == c.end)
        {
            selection.claims.insert(i);
        }
    }
    Kept {
        exported: stored.exported,
        selection,
    }
}

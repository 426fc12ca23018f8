//! Reading files and folders into a corpus: walk, decode, skip bad input with a warning.

use super::encoding::Decoded;
use super::{Corpus, Document, LoadWarning, Shape, Shapes, seeds::SEEDS};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why nothing could be opened. Callers exit with status 2 on these.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or folder")]
    NotFound(String),
    #[error("nothing to read in {origin}: no .txt or .md file with text{}", summary(.warnings))]
    NothingLoadable { origin: String, warnings: Vec<LoadWarning> },
}

fn summary(warnings: &[LoadWarning]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        format!(" ({} skipped)", warnings.len())
    }
}

const EXTENSIONS: &[&str] = &["txt", "md"];
/// A file larger than this is not an article (a dump, a log, a scrape gone wrong): skipped
/// with a warning rather than read, laid out and analysed as one giant paragraph.
pub const MAX_FILE_BYTES: u64 = 20_000_000;

/// How much of a file is looked at to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// Files read at once, on every core, between two progress reports.
const LOAD_BATCH: usize = 64;

/// Loads files and folders (walked recursively for `.txt` and `.md` files).
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    load_paths_with(paths, |_| {})
}

/// Loads like `load_paths`, telling `progress` after each file (the loader's counts and times).
pub fn load_paths_with(paths: &[PathBuf], progress: impl FnMut(&Loader)) -> Result<Corpus, LoadError> {
    load_paths_with_shapes(paths, None, progress).map(|(corpus, _)| corpus)
}

/// Loads like `load_paths_with`, not cleaning again the files whose shape is in `shapes`;
/// with the shapes of every document read when some were not there (to keep for next time).
pub fn load_paths_with_shapes(
    paths: &[PathBuf],
    shapes: Option<std::sync::Arc<Shapes>>,
    mut progress: impl FnMut(&Loader),
) -> Result<(Corpus, Option<Shapes>), LoadError> {
    let mut loader = Loader::new(plan(paths)?);
    if let Some(shapes) = shapes {
        loader = loader.with_shapes(shapes);
    }
    let mut documents = Vec::new();
    while let Some(batch) = loader.next_batch(LOAD_BATCH) {
        documents.extend(batch.into_iter().flatten());
        progress(&loader);
    }
    let learned = loader.learned_news();
    loader.finish(documents).map(|corpus| (corpus, learned))
}

/// The files a load will read, found before any is read.
#[derive(Debug, Clone, Default)]
pub struct LoadPlan {
    pub origin: String,
    pub files: Vec<PathBuf>,
    /// Their sizes added up (as listed: a file may change before it is read).
    pub bytes: u64,
    pub warnings: Vec<LoadWarning>,
}

/// How far a load has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Walks the paths: missing ones are an error, unreadable parts warnings.
pub fn plan(paths: &[PathBuf]) -> Result<LoadPlan, LoadError> {
    let origin = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut plan = LoadPlan {
        origin,
        ..LoadPlan::default()
    };
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(LoadError::NotFound(path.display().to_string()));
        }
        if path.is_dir() {
            walk(path, &mut plan.files, &mut plan.warnings);
        } else {
            plan.files.push(path.clone());
        }
    }
    // One stat per file, on every core (10,000 files take tens of milliseconds on one).
    plan.bytes = plan
        .files
        .par_iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len().min(MAX_FILE_BYTES))
        .sum();
    Ok(plan)
}

/// Reads the files of a plan one at a time, so a caller can show progress or the first
/// documents while the rest load.
pub struct Loader {
    plan: LoadPlan,
    next: usize,
    ids: HashSet<String>,
    pub progress: Progress,
    /// Time spent reading files, and turning their bytes into documents (decode, clean).
    pub read_time: std::time::Duration,
    pub clean_time: std::time::Duration,
    /// Warnings so far: the plan's, then each file's.
    pub warnings: Vec<LoadWarning>,
    /// What cleaning made of files before (see `with_shapes`), and how many files it spared.
    shapes: Option<std::sync::Arc<Shapes>>,
    pub shapes_reused: usize,
    /// With shapes: the shape of every document read, to keep for the next run (none where
    /// it is the kept one: it is only copied if the shapes are kept again).
    learned: std::collections::HashMap<u64, Option<Shape>>,
}

impl Loader {
    pub fn new(mut plan: LoadPlan) -> Loader {
        let warnings = std::mem::take(&mut plan.warnings);
        let progress = Progress {
            files_total: plan.files.len(),
            bytes_total: plan.bytes,
            ..Progress::default()
        };
        Loader {
            plan,
            next: 0,
            ids: HashSet::new(),
            progress,
            read_time: std::time::Duration::ZERO,
            clean_time: std::time::Duration::ZERO,
            warnings,
            shapes: None,
            shapes_reused: 0,
            learned: Default::default(),
        }
    }

    /// Documents whose text was cleaned before (a shape under its key) are not cleaned again,
    /// and the shapes of the documents read are learned (`learned_news`).
    pub fn with_shapes(mut self, shapes: std::sync::Arc<Shapes>) -> Loader {
        self.shapes = Some(shapes);
        self
    }

    /// The shapes of the documents read so far (with `with_shapes`), by key, when they say
    /// something the kept ones did not (a file cleaned anew, or one fewer): worth keeping.
    pub fn learned_news(&mut self) -> Option<Shapes> {
        let kept = self.shapes.as_ref()?;
        let news = self.shapes_reused < self.learned.len() || kept.len() != self.learned.len();
        news.then(|| {
            std::mem::take(&mut self.learned)
                .into_iter()
                .filter_map(|(key, shape)| Some((key, shape.or_else(|| kept.get(&key).cloned())?)))
                .collect()
        })
    }

    pub fn origin(&self) -> &str {
        &self.plan.origin
    }

    /// Reads the next file: `None` when every file is read, `Some(None)` when this one was
    /// skipped (with a warning).
    pub fn next_file(&mut self) -> Option<Option<Document>> {
        let mut batch = self.next_batch(1)?;
        Some(batch.pop().flatten())
    }

    /// Reads the next `most` files at once, on every core: `None` when every file is read,
    /// else one entry per file in plan order (`None` for one skipped, with a warning). The
    /// documents, warnings and ids are those one file at a time would give.
    pub fn next_batch(&mut self, most: usize) -> Option<Vec<Option<Document>>> {
        let end = (self.next + most.max(1)).min(self.plan.files.len());
        if self.next >= end {
            return None;
        }
        // Ids first, in order: a file's name, or its path when an earlier file had that name.
        let files: Vec<(PathBuf, String)> = self.plan.files[self.next..end]
            .iter()
            .map(|file| {
                let shown = file.display().to_string();
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| shown.clone());
                let id = if self.ids.insert(name.clone()) { name } else { shown };
                (file.clone(), id)
            })
            .collect();
        self.next = end;
        let shapes = self.shapes.as_deref();
        let read: Vec<FileRead> = files.par_iter().map(|(file, id)| read_file(file, id, shapes)).collect();
        let mut documents = Vec::with_capacity(read.len());
        for one in read {
            self.progress.files_done += 1;
            self.progress.bytes_done =
                (self.progress.bytes_done + one.size.min(MAX_FILE_BYTES)).min(self.progress.bytes_total);
            self.read_time += one.read_time;
            self.clean_time += one.clean_time;
            self.warnings.extend(one.warnings);
            self.shapes_reused += usize::from(one.reused);
            if let (Some(doc), Some(key)) = (&one.document, one.shape_key) {
                self.learned.insert(key, (!one.reused).then(|| doc.shape()));
            }
            if let Some(doc) = &one.document {
                self.ids.insert(doc.id.clone());
            }
            documents.push(one.document);
        }
        Some(documents)
    }

    /// The corpus of the documents read, or the reason there is none.
    pub fn finish(self, documents: Vec<Document>) -> Result<Corpus, LoadError> {
        if documents.is_empty() {
            return Err(LoadError::NothingLoadable {
                origin: self.plan.origin,
                warnings: self.warnings,
            });
        }
        Ok(Corpus {
            documents,
            warnings: self.warnings,
            origin: self.plan.origin,
        })
    }
}

/// One file read and decoded, with what it cost and what went wrong.
struct FileRead {
    document: Option<Document>,
    warnings: Vec<LoadWarning>,
    size: u64,
    read_time: std::time::Duration,
    clean_time: std::time::Duration,
    /// Whether a kept shape spared cleaning it, and the key of its shape (with shapes).
    reused: bool,
    shape_key: Option<u64>,
}

fn read_file(file: &Path, id: &str, shapes: Option<&Shapes>) -> FileRead {
    let shown = file.display().to_string();
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let mut done = FileRead {
        document: None,
        warnings: Vec::new(),
        size,
        read_time: std::time::Duration::ZERO,
        clean_time: std::time::Duration::ZERO,
        reused: false,
        shape_key: None,
    };
    if size > MAX_FILE_BYTES {
        let mb = size as f64 / 1_000_000.0;
        done.warnings.push(warn(
            &shown,
            format!(
                "{mb:.1} MB is too large for an article (limit {} MB), skipped",
                MAX_FILE_BYTES / 1_000_000
            ),
        ));
        return done;
    }
    let clock = std::time::Instant::now();
    let read = std::fs::read(file);
    done.read_time = clock.elapsed();
    match read {
        Ok(bytes) => {
            let clock = std::time::Instant::now();
            let (document, shape) = decode_with(id, &shown, bytes, &mut done.warnings, shapes);
            done.document = document;
            done.reused = shape.is_some_and(|(_, reused)| reused);
            done.shape_key = shape.map(|(key, _)| key);
            done.clean_time = clock.elapsed();
        }
        Err(e) => done.warnings.push(warn(&shown, format!("cannot read: {e}"))),
    }
    done
}

/// The seed corpus bundled in the binary.
pub fn load_seeds() -> Corpus {
    let documents = SEEDS
        .iter()
        .map(|(name, text)| Document::from_text(*name, format!("<embedded>/{name}"), text.to_string()))
        .collect();
    Corpus {
        documents,
        warnings: Vec::new(),
        origin: "bundled seed corpus".to_string(),
    }
}

fn warn(path: &str, message: impl Into<String>) -> LoadWarning {
    LoadWarning {
        path: path.to_string(),
        message: message.into(),
    }
}

fn walk(root: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<LoadWarning>) {
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let wanted = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| EXTENSIONS.iter().any(|w| x.eq_ignore_ascii_case(w)));
                if wanted {
                    files.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                warnings.push(warn(&path, message));
            }
        }
    }
}

/// Whether bytes look like a binary file rather than text.
pub fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

/// Turns file bytes into a document, or `None` with a warning.
pub fn decode(id: &str, shown: &str, bytes: Vec<u8>, warnings: &mut Vec<LoadWarning>) -> Option<Document> {
    decode_with(id, shown, bytes, warnings, None).0
}

/// As `decode`, taking what cleaning made of the same text from `shapes` when it is there;
/// with shapes, also the document's shape key and whether its shape was there.
pub fn decode_with(
    id: &str,
    shown: &str,
    bytes: Vec<u8>,
    warnings: &mut Vec<LoadWarning>,
    shapes: Option<&Shapes>,
) -> (Option<Document>, Option<(u64, bool)>) {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        warnings.push(warn(shown, "empty file, skipped"));
        return (None, None);
    }
    if is_binary(&bytes) {
        warnings.push(warn(shown, "binary file, skipped"));
        return (None, None);
    }
    let (source, recoded) = match super::encoding::decode(bytes) {
        Decoded::Utf8(text) => (text, None),
        Decoded::DamagedUtf8(text) => {
            warnings.push(warn(
                shown,
                "not valid UTF-8, decoded with replacement characters (\u{fffd})",
            ));
            (text, None)
        }
        Decoded::Other(text, offsets) => {
            warnings.push(warn(shown, format!("not UTF-8, decoded as {}", offsets.encoding())));
            (text, Some(offsets))
        }
    };
    let key = shapes.map(|_| super::shape_key(id, &source));
    let kept = shapes.zip(key).and_then(|(s, k)| s.get(&k));
    let shape = key.map(|k| (k, kept.is_some()));
    let mut doc = match kept {
        Some(shape) => Document::from_shape(id, shown, source, shape.clone()),
        None => Document::from_text(id, shown, source),
    };
    doc.recoded = recoded;
    if doc.content_count() == 0 {
        warnings.push(warn(shown, "no article text found, skipped"));
        return (None, shape);
    }
    (Some(doc), shape)
}
